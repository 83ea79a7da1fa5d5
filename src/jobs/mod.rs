//! The one owner of background work, after helix-term's `job.rs` and gitui's asyncgit: each
//! [`Effect`] that `update` asks for is started here as a job of its [`Kind`] and generation, on
//! a thread of its own; every result comes back through one channel as a [`Msg`]. A job is
//! cancelled by dropping its handle (a newer job of the same kind replaces it, or `Stop`), and
//! whatever a job no longer running still sends is recognised by its generation and dropped.
//! Nothing here reads or changes the state: the effect carries all a job needs.

pub mod work;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use crate::store::Writer;
use crate::update::{Effect, Msg, Task};

/// What a job does, and so which jobs replace one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Open,
    Rest,
    Count,
    Detect,
    SearchLibrary,
    Scan,
    LoadAll,
    Watch,
    LoadState,
    Reread,
    /// The state file's writer (one long-lived thread, not a job; its failures come back too).
    Save,
}

impl Kind {
    fn of(effect: &Effect) -> Self {
        match effect {
            Effect::Open { .. } => Kind::Open,
            Effect::OpenRest { .. } => Kind::Rest,
            Effect::Count { .. } => Kind::Count,
            Effect::Detect { .. } | Effect::Stop(Task::Detect) => Kind::Detect,
            Effect::SearchLibrary { .. } | Effect::Stop(Task::SearchLibrary) => Kind::SearchLibrary,
            Effect::Scan(_) => Kind::Scan,
            Effect::LoadAll(_) => Kind::LoadAll,
            Effect::Watch(_) => Kind::Watch,
            Effect::LoadState(_) => Kind::LoadState,
            // The editor is run by the app; what it changed is reread.
            Effect::Reread { .. } | Effect::Edit(_) => Kind::Reread,
            Effect::Save { .. } => Kind::Save,
        }
    }

    /// The next frame waits (briefly) for these: what the reading pane is about to show.
    fn foreground(self) -> bool {
        matches!(self, Kind::Open | Kind::LoadState)
    }

    /// A new job of these kinds runs beside those running rather than replacing them: each
    /// reads a different change, and every one counts.
    fn stacks(self) -> bool {
        matches!(self, Kind::Reread)
    }
}

/// One message from a job's thread: a result, or (`None`) that the job has ended.
struct Report {
    kind: Kind,
    generation: u64,
    msg: Option<Msg>,
}

/// A job's way back into the loop, held by its thread. Dropping it (the job returned, or
/// panicked) reports the end.
pub struct Link {
    tx: Sender<Report>,
    kind: Kind,
    generation: u64,
    cancel: Arc<AtomicBool>,
}

impl Link {
    /// Sends a result; false once the job is cancelled or the loop has gone, so the job can stop.
    pub fn send(&self, msg: Msg) -> bool {
        !self.cancelled()
            && self.tx.send(Report { kind: self.kind, generation: self.generation, msg: Some(msg) }).is_ok()
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The flag a long computation checks to stop early.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        let _ = self.tx.send(Report { kind: self.kind, generation: self.generation, msg: None });
    }
}

/// A job running; dropping it cancels the job.
struct Handle {
    cancel: Arc<AtomicBool>,
    /// The folder watcher, for a watch job: it runs as long as it is held.
    _watcher: Option<crate::reload::Watcher>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The jobs running, and the one channel their results come back through.
pub struct Jobs {
    tx: Sender<Report>,
    rx: Receiver<Report>,
    running: HashMap<(Kind, u64), Handle>,
    /// Entity detection waits for the next frame to be drawn, so it never competes with it.
    deferred: Option<Effect>,
    writer: Option<(PathBuf, Writer)>,
    generation: u64,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Self { tx, rx, running: HashMap::new(), deferred: None, writer: None, generation: 0 }
    }
}

impl Jobs {
    /// Starts the work `effect` asks for (all but [`Effect::Edit`], which needs the terminal).
    pub fn start(&mut self, effect: Effect) {
        let kind = Kind::of(&effect);
        match effect {
            Effect::Detect { .. } => {
                // The run for an article no longer shown stops now; the new one after the frame.
                self.running.retain(|(k, _), _| *k != kind);
                self.deferred = Some(effect);
            }
            Effect::Stop(_) => {
                self.deferred.take_if(|e| Kind::of(e) == kind);
                self.running.retain(|(k, _), _| *k != kind);
            }
            Effect::Save { path, saved } => self.writer(path).write(*saved),
            Effect::Edit(_) => debug_assert!(false, "the editor needs the terminal: the app runs it"),
            Effect::Watch(root) => {
                let (link, cancel) = self.register(kind);
                match crate::reload::watch(&root, move |changes| link.send(Msg::FilesChanged(changes))) {
                    Ok(watcher) => {
                        self.running.insert((kind, self.generation), Handle { cancel, _watcher: Some(watcher) });
                    }
                    Err(e) => self.report(Msg::Failed(format!("live reload is off: {e}"))),
                }
            }
            work => {
                let (link, cancel) = self.register(kind);
                self.running.insert((kind, self.generation), Handle { cancel, _watcher: None });
                std::thread::spawn(move || work::run(work, &link));
            }
        }
    }

    /// A new generation of `kind`, replacing the jobs of that kind running (unless it stacks).
    fn register(&mut self, kind: Kind) -> (Link, Arc<AtomicBool>) {
        if !kind.stacks() {
            self.running.retain(|(k, _), _| *k != kind);
        }
        self.generation += 1;
        let cancel = Arc::new(AtomicBool::new(false));
        let link = Link { tx: self.tx.clone(), kind, generation: self.generation, cancel: Arc::clone(&cancel) };
        (link, cancel)
    }

    /// A message from here rather than from a job (it is always taken).
    fn report(&self, msg: Msg) {
        let _ = self.tx.send(Report { kind: Kind::Save, generation: 0, msg: Some(msg) });
    }

    /// The state file's writer for `path`; its failures come back as [`Msg::Failed`].
    fn writer(&mut self, path: PathBuf) -> &Writer {
        if self.writer.as_ref().is_none_or(|(p, _)| *p != path) {
            let tx = self.tx.clone();
            let failed = move |problem| {
                let _ = tx.send(Report { kind: Kind::Save, generation: 0, msg: Some(Msg::Failed(problem)) });
            };
            self.writer = Some((path.clone(), Writer::spawn(path, failed)));
        }
        &self.writer.as_ref().expect("just made").1
    }

    /// Starts what waited for the frame to be drawn.
    pub fn after_frame(&mut self) {
        if let Some(effect) = self.deferred.take() {
            let kind = Kind::of(&effect);
            let (link, cancel) = self.register(kind);
            self.running.insert((kind, self.generation), Handle { cancel, _watcher: None });
            std::thread::spawn(move || work::run(effect, &link));
        }
    }

    /// The generation the next job will get: jobs started from now on are at least this.
    pub fn mark(&self) -> u64 {
        self.generation + 1
    }

    /// Whether the reading pane waits for a job started at or after `mark`.
    pub fn view_waits(&self, mark: u64) -> bool {
        self.running.keys().any(|&(kind, generation)| kind.foreground() && generation >= mark)
    }

    /// Whether any work is under way that will answer (the folder watch always runs).
    pub fn busy(&self) -> bool {
        self.deferred.is_some() || self.running.keys().any(|(kind, _)| *kind != Kind::Watch)
    }

    /// The next result, waiting until `deadline` at most; `None` at the deadline or when a job
    /// has ended (what is running changed). Stale results are dropped on the way.
    pub fn next_until(&mut self, deadline: Instant) -> Option<Msg> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let report = match self.rx.recv_timeout(left) {
                Ok(report) => report,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            };
            let ended = report.msg.is_none();
            if let Some(msg) = self.take(report) {
                return Some(msg);
            }
            if ended {
                return None;
            }
        }
    }

    /// The next result already waiting, if any.
    pub fn try_next(&mut self) -> Option<Msg> {
        while let Ok(report) = self.rx.try_recv() {
            if let Some(msg) = self.take(report) {
                return Some(msg);
            }
        }
        None
    }

    /// The message of a report from a job still running; an end takes the job off the list.
    fn take(&mut self, report: Report) -> Option<Msg> {
        let key = (report.kind, report.generation);
        if report.kind != Kind::Save && !self.running.contains_key(&key) {
            return None;
        }
        if report.msg.is_none() {
            self.running.remove(&key);
        }
        report.msg
    }
}
