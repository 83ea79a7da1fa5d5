//! Live reload: the folder watched for changes (inotify, kqueue or `FSEvents` through `notify`),
//! debounced, each changed path read on the watcher's thread and handed on as
//! [`Change`]s. (Not to be confused with watch-lists, `text::watch`.)
//!
//! Debounced here rather than with `notify-debouncer-full`: that crate would do (it keeps event
//! kinds), but the whole need is "collect paths until the folder is quiet, at most this long",
//! which is a dozen lines, tested below, with no second event loop to configure.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::library::{Change, changes_at};

/// Changes are read once the folder has been quiet this long: an editor's save (write a
/// temporary file, rename it over the article) is one change.
const QUIET: Duration = Duration::from_millis(150);
/// ... but never later than this after the first of them, so a folder that keeps changing
/// still shows its changes well within a second.
const AT_MOST: Duration = Duration::from_millis(500);

/// The running watcher; dropping it stops watching (and its thread ends).
pub struct Watcher {
    _watcher: RecommendedWatcher,
}

/// Whether an event can change what the list shows. Opening and reading a file is not a
/// change: newsdesk reads the articles itself, and inotify reports every open.
pub fn is_change(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_))
}

/// Watches `root` and everything under it, handing what changed to `hand_on`, which returns
/// false once nobody listens any more.
pub fn watch(root: &Path, hand_on: impl Fn(Vec<Change>) -> bool + Send + 'static) -> notify::Result<Watcher> {
    let (paths_tx, paths_rx) = mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result
            && is_change(&event.kind)
        {
            let _ = paths_tx.send(event.paths);
        }
    })?;
    watcher.watch(root, RecursiveMode::Recursive)?;
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        // Ends when the watcher (and with it the sender) is dropped.
        while let Ok(first) = paths_rx.recv() {
            let mut paths: BTreeSet<PathBuf> = first.into_iter().collect();
            let deadline = Instant::now() + AT_MOST;
            loop {
                let wait = QUIET.min(deadline.saturating_duration_since(Instant::now()));
                match paths_rx.recv_timeout(wait) {
                    Ok(more) => paths.extend(more),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                if Instant::now() >= deadline {
                    break;
                }
            }
            let changes: Vec<_> = paths.iter().flat_map(|p| changes_at(&root, p)).collect();
            if !changes.is_empty() && !hand_on(changes) {
                return;
            }
        }
    });
    Ok(Watcher { _watcher: watcher })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RemoveKind};

    #[test]
    fn reading_a_file_is_not_a_change() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Read))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn changes_arrive_debounced_and_reading_does_not_trigger_any() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        std::fs::write(root.join("a.txt"), "A\n").expect("write");
        let (tx, rx) = mpsc::channel();
        let _w = watch(&root, move |changes| tx.send(changes).is_ok()).expect("watch");
        let _ = std::fs::read(root.join("a.txt")).expect("read");
        assert!(rx.recv_timeout(Duration::from_millis(600)).is_err(), "reading is not a change");
        std::fs::write(root.join("b.txt"), "B\n\nbody\n").expect("write");
        std::fs::write(root.join("b.txt"), "B2\n\nbody\n").expect("write again");
        let Ok(changes) = rx.recv_timeout(Duration::from_secs(5)) else { panic!("a change") };
        assert_eq!(changes.len(), 1, "two writes, one change: {changes:?}");
        assert!(matches!(&changes[0], crate::library::Change::Upsert(e) if e.meta.title == "B2"));
    }

    #[test]
    fn an_editor_saving_by_rename_is_one_change_of_the_article() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        let article = root.join("a.md");
        std::fs::write(&article, "# Old\n\nText\n").expect("write");
        let (tx, rx) = mpsc::channel();
        let _w = watch(&root, move |changes| tx.send(changes).is_ok()).expect("watch");
        // As vim (backupcopy=no) and many editors save: a new file, renamed over the old one.
        let tmp = root.join(".a.md.swp-4913");
        std::fs::write(&tmp, "# New\n\nText\n").expect("write the temporary file");
        std::fs::rename(&tmp, &article).expect("rename over the article");
        let Ok(changes) = rx.recv_timeout(Duration::from_secs(5)) else { panic!("a change") };
        let titles: Vec<&str> = changes
            .iter()
            .filter_map(|c| match c {
                crate::library::Change::Upsert(e) => Some(e.meta.title.as_str()),
                crate::library::Change::Removed(_) => None,
            })
            .collect();
        assert_eq!(titles, ["New"], "{changes:?}");
        assert!(!changes.iter().any(|c| matches!(c, crate::library::Change::Removed(p) if p == &article)));
    }
}
