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

/// One message from a job's thread: a result, or (`None`) that the job has ended; `last` when
/// nothing follows (the job is then off the list at once, not when its thread gets to end).
struct Report {
    kind: Kind,
    generation: u64,
    msg: Option<Msg>,
    last: bool,
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
        self.report(Some(msg), false)
    }

    /// Sends the job's last result.
    pub fn finish(&self, msg: Msg) {
        self.report(Some(msg), true);
    }

    fn report(&self, msg: Option<Msg>, last: bool) -> bool {
        let report = Report { kind: self.kind, generation: self.generation, msg, last };
        !self.cancelled() && self.tx.send(report).is_ok()
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
        let _ = self.tx.send(Report { kind: self.kind, generation: self.generation, msg: None, last: true });
    }
}

/// A job running; dropping it cancels the job.
struct Handle {
    cancel: Arc<AtomicBool>,
    /// For a job that waits rather than works (the folder watch): dropped, its thread ends.
    _stop: Option<Sender<()>>,
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
            Effect::Watch(_) => {
                // The watch runs until its handle drops the sender this thread waits on.
                let (link, cancel) = self.register(kind);
                let (stop, stopped) = mpsc::channel();
                self.running.insert((kind, self.generation), Handle { cancel, _stop: Some(stop) });
                std::thread::spawn(move || work::watch(effect, link, &stopped));
            }
            work => {
                let (link, cancel) = self.register(kind);
                self.running.insert((kind, self.generation), Handle { cancel, _stop: None });
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

    /// The state file's writer for `path`; its failures come back as [`Msg::Failed`].
    fn writer(&mut self, path: PathBuf) -> &Writer {
        if self.writer.as_ref().is_none_or(|(p, _)| *p != path) {
            let tx = self.tx.clone();
            let failed = move |problem| {
                let _ =
                    tx.send(Report { kind: Kind::Save, generation: 0, msg: Some(Msg::Failed(problem)), last: false });
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
            self.running.insert((kind, self.generation), Handle { cancel, _stop: None });
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
            let ended = report.last;
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

    /// The message of a report from a job still running; its last takes the job off the list.
    fn take(&mut self, report: Report) -> Option<Msg> {
        let key = (report.kind, report.generation);
        if report.kind != Kind::Save && !self.running.contains_key(&key) {
            return None;
        }
        if report.last {
            self.running.remove(&key);
        }
        report.msg
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::library::Format;
    use crate::library::filter::Query;

    /// Every message until nothing is running (the watch aside), or a few seconds.
    fn results(jobs: &mut Jobs) -> Vec<Msg> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut out = Vec::new();
        while jobs.busy() && Instant::now() < deadline {
            out.extend(jobs.next_until(deadline));
        }
        assert!(!jobs.busy(), "the jobs ended");
        out
    }

    fn folder(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for i in 0..n {
            std::fs::write(dir.path().join(format!("{i}.txt")), format!("Title {i}\n\nThe harbour, {i}.\n"))
                .expect("write");
        }
        dir
    }

    fn open(dir: &tempfile::TempDir, entry: usize) -> Effect {
        Effect::Open { entry, path: dir.path().join(format!("{entry}.txt")), format: Format::Text }
    }

    #[test]
    fn a_newer_job_replaces_one_of_its_kind_and_the_older_results_are_dropped() {
        let dir = folder(2);
        let mut jobs = Jobs::default();
        let mark = jobs.mark();
        jobs.start(open(&dir, 0));
        jobs.start(open(&dir, 1));
        assert!(jobs.view_waits(mark) && !jobs.view_waits(jobs.mark()));
        let got: Vec<usize> = results(&mut jobs)
            .into_iter()
            .map(|m| match m {
                Msg::Opened { entry, .. } => entry,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, [1], "only the newer read answers");
    }

    #[test]
    fn stop_cancels_a_task_and_nothing_it_sends_is_taken() {
        let dir = folder(50);
        let mut jobs = Jobs::default();
        let articles = (0..50).map(|i| (i, dir.path().join(format!("{i}.txt")), Format::Text)).collect();
        let query = Query::FullText("harbour".into());
        let watch_lists = Arc::from(Vec::new());
        jobs.start(Effect::SearchLibrary { generation: 1, query, articles, watch_lists });
        jobs.start(Effect::Stop(Task::SearchLibrary));
        assert!(!jobs.busy(), "stopped at once");
        assert!(jobs.next_until(Instant::now() + Duration::from_millis(300)).is_none());
    }

    #[test]
    fn rereads_stack_and_each_answers() {
        let dir = folder(2);
        let root = dir.path().to_path_buf();
        let mut jobs = Jobs::default();
        for i in 0..2 {
            jobs.start(Effect::Reread { root: root.clone(), path: root.join(format!("{i}.txt")) });
        }
        let changes = results(&mut jobs).into_iter().filter(|m| matches!(m, Msg::FilesChanged(c) if c.len() == 1));
        assert_eq!(changes.count(), 2);
    }

    #[test]
    fn detection_waits_for_the_frame_and_the_state_file_is_read_in_the_background() {
        let dir = folder(1);
        let mut jobs = Jobs::default();
        let article = Arc::new(crate::library::article::load(&dir.path().join("0.txt"), Format::Text));
        jobs.start(Effect::Detect { entry: 0, job: 1, article, watch_lists: Arc::from(Vec::new()) });
        assert!(jobs.next_until(Instant::now() + Duration::from_millis(100)).is_none(), "not before the frame");
        jobs.after_frame();
        jobs.start(Effect::LoadState(dir.path().join("state.json")));
        let got = results(&mut jobs);
        assert!(got.iter().any(|m| matches!(m, Msg::Detected { entry: 0, job: 1, .. })), "{got:?}");
        assert!(got.iter().any(|m| matches!(m, Msg::StateLoaded(l) if l.message.is_none())), "{got:?}");
    }
}
