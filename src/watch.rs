//! Live reload: the folder watched for changes (inotify, kqueue or `FSEvents` through `notify`),
//! each changed path read on the watcher's thread and sent to the app as [`Msg::FilesChanged`].

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::library::changes_at;
use crate::update::Msg;

/// Changes to one path are reported once it has been quiet this long: an editor's save (write a
/// temporary file, rename it over the article) is one change, and the list still shows a new
/// file well within a second.
const QUIET: Duration = Duration::from_millis(200);

/// The running watcher; dropping it stops watching.
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher>,
}

/// Watches `root` and everything under it, sending what changed to `tx`.
pub fn watch(root: &Path, tx: Sender<Msg>) -> notify::Result<Watcher> {
    let root_owned: PathBuf = root.to_path_buf();
    let mut debouncer = new_debouncer(QUIET, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut paths: Vec<PathBuf> = events.into_iter().map(|e| e.path).collect();
        paths.sort();
        paths.dedup();
        let changes: Vec<_> = paths.iter().flat_map(|p| changes_at(&root_owned, p)).collect();
        if !changes.is_empty() {
            let _ = tx.send(Msg::FilesChanged(changes));
        }
    })?;
    debouncer.watcher().watch(root, RecursiveMode::Recursive)?;
    Ok(Watcher { _debouncer: debouncer })
}
