//! The app: owns the state and config, turns terminal events into messages, performs effects
//! and runs the event loop. `step` changes state; `draw` only reads it.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::action::Action;
use crate::config::Config;
use crate::keymap::{KeyChord, Scope};
use crate::library::{Article, Library, article};
use crate::state::{Focus, Options, State};
use crate::text::highlights::Highlights;
use crate::tui::Term;
use crate::update::search::COUNT_BUDGET;
use crate::update::{Edit, Effect, Msg, update};

/// Background results applied per loop turn, so keys stay responsive.
const LOAD_BATCH: usize = 512;

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// A terminating signal arrived (its number).
    Signal(usize),
}

/// Articles larger than this show their start at once and the rest when it has been read.
const HUGE_BYTES: u64 = 8 << 20;
/// How much of a huge article is read to show at once.
const START_BYTES: usize = 128 << 10;

/// The reading state is written at most this often while reading (and always on the way out).
pub const SAVE_EVERY: Duration = Duration::from_secs(2);

pub struct App {
    pub state: State,
    pub config: Config,
    loader: Option<Receiver<(usize, Article)>>,
    /// Results of background work: match counts, entity detection, the filter's search, files
    /// changed on disk.
    background: (Sender<Msg>, Receiver<Msg>),
    /// The entity detection running on a thread, as (entry, job), and its stop flag.
    detecting: Option<((usize, u64), Arc<AtomicBool>)>,
    /// The filter's search of every article running on threads: its generation and stop flag.
    searching: Option<(u64, Arc<AtomicBool>)>,
    /// Where the reading state is kept (`None`: not kept), when it was last written, and what
    /// it was written from.
    store: Option<crate::store::Writer>,
    saved_at: Instant,
    written: Option<crate::state::Snapshot>,
    /// The folder watcher, while live reload runs.
    watcher: Option<crate::watch::Watcher>,
    /// An article to open in the editor once the event loop gets the terminal back.
    pending_edit: Option<usize>,
    /// Huge articles whose rest is being read on a thread.
    reading_rest: usize,
    /// The folder being read in the background.
    scanner: Option<Receiver<crate::library::ScanBatch>>,
}

impl App {
    pub fn new(library: Library, config: Config) -> Self {
        let options = Options::from(&config);
        let mut state = State::new(library, options);
        state.help_rows = crate::ui::help::help_rows(&config.keymap).len();
        state.entities_on = config.entities.highlight;
        state.watch = config.entities.watch.clone().into();
        Self {
            state,
            config,
            loader: None,
            background: mpsc::channel(),
            detecting: None,
            searching: None,
            store: None,
            saved_at: Instant::now(),
            written: None,
            watcher: None,
            pending_edit: None,
            reading_rest: 0,
            scanner: None,
        }
    }

    /// Keeps the reading state in the file at `path`: reads what it remembers now (a corrupt
    /// file is set aside and said so), and writes it back as the user reads.
    pub fn keep_state(&mut self, path: PathBuf) {
        let loaded = crate::store::load(&path);
        // Anything shown so far was shown without its remembered place.
        self.state.reader = None;
        self.state.recent.clear();
        self.state.restore(loaded.memory);
        self.store = Some(crate::store::Writer::spawn(path));
        let screen = self.state.areas.screen;
        if !screen.is_empty() {
            self.step(Msg::Resize(screen.width, screen.height));
        }
        if loaded.message.is_some() {
            self.state.message = loaded.message;
        }
    }

    /// Writes the reading state (on the writer's thread) when what the file would say differs
    /// from what was last written; a failure is shown, never fatal.
    pub fn save_state(&mut self) {
        let Some(writer) = &self.store else { return };
        if let Some(error) = writer.error() {
            self.state.message = Some(error);
        }
        self.saved_at = Instant::now();
        let snapshot = self.state.snapshot();
        if self.written.as_ref() == Some(&snapshot) {
            return;
        }
        writer.write(self.state.saved(&snapshot));
        self.written = Some(snapshot);
    }

    /// Watches the folder, so articles added, changed or removed show in the list; if the
    /// system refuses (no inotify watches left, say), the list just stays as it is, said so.
    pub fn watch_folder(&mut self) {
        match crate::watch::watch(&self.state.library.root, self.background.0.clone()) {
            Ok(w) => self.watcher = Some(w),
            Err(e) => self.state.message = Some(format!("live reload is off: {e}")),
        }
    }

    /// Reads the folder in the background: the list fills as it is read, keys work meanwhile.
    /// Once it is read, every article is loaded fully and the folder watched (see
    /// [`App::drain_scan`]).
    pub fn scan_in_background(&mut self) {
        self.state.scanning = true;
        self.scanner = Some(crate::library::spawn_scan(self.state.library.root.clone()));
    }

    /// Applies what the background scan has read so far, as one batch; returns whether any
    /// arrived.
    fn drain_scan(&mut self) -> bool {
        let Some(rx) = &self.scanner else { return false };
        let mut merged = crate::library::ScanBatch::default();
        let mut any = false;
        loop {
            match rx.try_recv() {
                Ok(batch) => {
                    any = true;
                    merged.entries.extend(batch.entries);
                    merged.warnings.extend(batch.warnings);
                    merged.done |= batch.done;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    merged.done = true;
                    any = true;
                    break;
                }
            }
        }
        if !any {
            return false;
        }
        let done = merged.done;
        self.step(Msg::Scanned(merged));
        if done {
            self.scanner = None;
            self.load_in_background();
            self.watch_folder();
        }
        true
    }

    /// Starts reading every article fully in the background (word counts, exact titles).
    pub fn load_in_background(&mut self) {
        self.loader = Some(self.state.library.spawn_full_load());
    }

    /// Applies a message and performs the effects it asks for.
    pub fn step(&mut self, msg: Msg) {
        self.state.now = crate::store::now();
        if matches!(msg, Msg::OpenedRest { .. }) {
            self.reading_rest = self.reading_rest.saturating_sub(1);
        }
        let mut next = update(&mut self.state, msg);
        while let Some(effect) = next {
            next = match effect {
                Effect::Load(i) => {
                    if let Some(start) = self.start_of_huge(i) {
                        let next = update(&mut self.state, Msg::Opened(i, Arc::new(start)));
                        self.state.message = Some(crate::update::READING_REST.into());
                        next
                    } else {
                        let article = self.article(i);
                        update(&mut self.state, Msg::Opened(i, article))
                    }
                }
                Effect::CountMatches { generation } => {
                    self.count_in_background(generation);
                    None
                }
                Effect::Edit(i) => {
                    self.pending_edit = Some(i);
                    None
                }
            };
        }
        self.search_library();
        // A run for an article no longer wanted stops now; a new one starts only after the
        // next frame is drawn (see `run`), so it never competes with drawing that frame.
        self.stop_stale_detection();
    }

    /// Keeps the filter's search of every article running while the filter wants one, and
    /// stops one it no longer wants.
    fn search_library(&mut self) {
        let wanted = self.state.library_search_wanted();
        if self.searching.as_ref().map(|(g, _)| *g) == wanted.map(|(g, _)| g) {
            return;
        }
        if let Some((_, stop)) = self.searching.take() {
            stop.store(true, Ordering::Relaxed);
        }
        let Some((generation, only)) = wanted else { return };
        let Some(query) = self.state.filter.as_ref().map(|f| f.query.clone()) else { return };
        let entries = &self.state.library.entries;
        let live = |i: &usize| entries.get(*i).is_some_and(|e| !e.gone);
        let indices: Vec<usize> = match only {
            Some(only) => only.iter().copied().filter(live).collect(),
            None => (0..entries.len()).filter(live).collect(),
        };
        let jobs = indices.into_iter().map(|i| (i, entries[i].path.clone(), entries[i].format)).collect();
        let stop = Arc::new(AtomicBool::new(false));
        let tx = std::sync::Mutex::new(self.background.0.clone());
        crate::library::filter::spawn_search(jobs, query, Arc::clone(&self.state.watch), &stop, move |hits, done| {
            if let Ok(tx) = tx.lock() {
                let _ = tx.send(Msg::LibraryHits { generation, hits, done });
            }
        });
        self.searching = Some((generation, stop));
    }

    /// Opens entry `i` in the user's editor, the terminal handed over meanwhile, and reads the
    /// article again afterwards.
    fn edit(&mut self, terminal: &mut Term, i: usize) -> io::Result<()> {
        let Some(path) = self.state.entry(i).map(|e| e.path.clone()) else { return Ok(()) };
        let mouse = self.config.ui.mouse;
        crate::tui::restore(mouse);
        let result = crate::editor::edit(&path);
        crate::tui::resume(mouse)?;
        // A full redraw, without asking the terminal where its cursor is (see `run`).
        ratatui::backend::Backend::clear(terminal.backend_mut())?;
        terminal.swap_buffers();
        if let Err(e) = result {
            self.state.message = Some(e.to_string());
        }
        let changes = crate::library::changes_at(&self.state.library.root, &path);
        self.step(Msg::FilesChanged(changes));
        Ok(())
    }

    /// Stops the background detection if the state no longer wants it.
    fn stop_stale_detection(&mut self) {
        let wanted = self.state.detection_wanted();
        if self.detecting.as_ref().is_some_and(|(job, _)| Some(*job) != wanted)
            && let Some((_, stop)) = self.detecting.take()
        {
            stop.store(true, Ordering::Relaxed);
        }
    }

    /// Keeps one background entity detection running for the shown article while its
    /// highlights are incomplete, and stops one the state no longer wants (the user moved on).
    /// The state asks for it by what it holds rather than by an effect, since one update can
    /// need it beside a match count, and so a superseded run can be stopped.
    fn detect_in_background(&mut self) {
        let wanted = self.state.detection_wanted();
        if self.detecting.as_ref().map(|(job, _)| *job) == wanted {
            return;
        }
        if let Some((_, stop)) = self.detecting.take() {
            stop.store(true, Ordering::Relaxed);
        }
        let (Some((entry, job)), Some(reader)) = (wanted, &self.state.reader) else { return };
        let article = Arc::clone(&reader.article);
        let watch = Arc::clone(&self.state.watch);
        let stop = Arc::new(AtomicBool::new(false));
        let tx = self.background.0.clone();
        let flag = Arc::clone(&stop);
        std::thread::spawn(move || {
            if let Some(highlights) = Highlights::full_in_parts(&article.doc, &watch, &flag) {
                let _ = tx.send(Msg::Detected { entry, job, highlights: Box::new(highlights) });
            }
        });
        self.detecting = Some(((entry, job), stop));
    }

    /// Waits up to `timeout` for background work (match counts, entity detection, the filter's
    /// search) to finish and applies its results; returns whether none is left running. For
    /// tests and benches: the event loop polls instead.
    pub fn wait_for_background(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            self.detect_in_background();
            let pending = self.detecting.is_some()
                || self.reading_rest > 0
                || self.state.search.as_ref().is_some_and(|s| !s.complete)
                || self.state.library_search_wanted().is_some();
            if !pending {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.background.1.recv_timeout(left) {
                Ok(msg) => self.step(msg),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return false,
            }
        }
    }

    /// Counts every match of a huge article on a thread; the answer arrives as `Msg::Counted`.
    fn count_in_background(&mut self, generation: u64) {
        let (Some(reader), Some(search)) = (&self.state.reader, &self.state.search) else { return };
        let article = Arc::clone(&reader.article);
        let matcher = search.matcher.clone();
        let tx = self.background.0.clone();
        std::thread::spawn(move || {
            let text = &article.doc.text;
            let (found, complete) = matcher.find_within(text, 0..text.len(), Some(COUNT_BUDGET));
            let _ = tx.send(Msg::Counted { generation, matches: found, complete });
        });
    }

    /// For an article over [`HUGE_BYTES`]: its start, to show at once, while the whole is read
    /// and laid out on a thread (answering with [`Msg::OpenedRest`]).
    fn start_of_huge(&mut self, i: usize) -> Option<Article> {
        let entry = self.state.library.entries.get(i).filter(|e| !e.problem)?;
        let size = std::fs::metadata(&entry.path).ok()?.len();
        if size <= HUGE_BYTES {
            return None;
        }
        let start = article::load_prefix(&entry.path, entry.format, START_BYTES)?;
        self.reading_rest += 1;
        let (path, format) = (entry.path.clone(), entry.format);
        let width = usize::from(self.state.areas.reader_text.width);
        let tx = self.background.0.clone();
        std::thread::spawn(move || {
            let article = article::load_guarded(&path, format);
            let layout = crate::text::wrap::Layout::new(&article.doc, width, article.warnings.len());
            let _ = tx.send(Msg::OpenedRest { entry: i, article: Arc::new(article), layout: Box::new(layout) });
        });
        Some(start)
    }

    fn article(&self, i: usize) -> Arc<Article> {
        let article = match self.state.library.entries.get(i) {
            Some(entry) if entry.problem => entry.problem_article(),
            Some(entry) => article::load_guarded(&entry.path, entry.format),
            None => Article::default(),
        };
        Arc::new(article)
    }

    /// The message for a terminal event, if it means anything here.
    pub fn message_for(&self, event: &Event) -> Option<Msg> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.message_for_key(*key),
            Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => Some(Msg::Wheel { column: m.column, row: m.row, down: true }),
                MouseEventKind::ScrollUp => Some(Msg::Wheel { column: m.column, row: m.row, down: false }),
                MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click { column: m.column, row: m.row }),
                _ => None,
            },
            _ => None,
        }
    }

    fn message_for_key(&self, key: KeyEvent) -> Option<Msg> {
        let chord = KeyChord::from(key);
        if chord == KeyChord::CTRL_C {
            return Some(Msg::Quit);
        }
        if self.state.prompt.is_some() && self.state.help.is_none() {
            return self
                .config
                .keymap
                .lookup(Scope::Prompt, &chord)
                .map(Msg::Action)
                .or_else(|| prompt_edit(key).map(Msg::Edit));
        }
        if self.state.help.is_some() && key.code == KeyCode::Esc {
            return Some(Msg::Action(Action::Help));
        }
        let scope = match self.state.focus {
            _ if self.state.panel.is_some() => Scope::Panel,
            Focus::List => Scope::List,
            Focus::Reader => Scope::Reader,
        };
        self.config.keymap.lookup(scope, &chord).map(Msg::Action)
    }

    /// Applies finished background work; returns whether any arrived.
    fn drain_background(&mut self) -> bool {
        let mut any = false;
        while let Ok(msg) = self.background.1.try_recv() {
            self.step(msg);
            any = true;
        }
        any
    }

    pub fn draw(&self, frame: &mut Frame) {
        crate::ui::render(&self.state, &self.config, frame);
    }

    /// Applies finished background loads; returns whether any arrived.
    fn drain_loader(&mut self) -> bool {
        let Some(rx) = &self.loader else { return false };
        let mut batch = Vec::new();
        loop {
            match rx.try_recv() {
                Ok(item) => {
                    batch.push(item);
                    if batch.len() >= LOAD_BATCH {
                        break;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.loader = None;
                    break;
                }
            }
        }
        if batch.is_empty() {
            return false;
        }
        self.step(Msg::Loaded(batch));
        true
    }

    /// Runs until the user quits or `signal` becomes non-zero.
    pub fn run(&mut self, terminal: &mut Term, signal: &AtomicUsize) -> io::Result<Exit> {
        let size = terminal.size()?;
        self.step(Msg::Resize(size.width, size.height));
        let mut dirty = true;
        let mut drawn_article = None;
        loop {
            if dirty {
                // Terminals and Unicode tables disagree on the width of some combining marks
                // (Devanagari vowel signs, viramas), which can leave stray cells behind; a new
                // article is drawn on a cleared screen so nothing survives from the last one.
                let shown = self.state.reader.as_ref().map(|r| r.entry);
                if shown != drawn_article {
                    // Not `Terminal::clear`: it asks the terminal for the cursor position, which
                    // some terminals never answer. Clear the screen and forget the last frame.
                    ratatui::backend::Backend::clear(terminal.backend_mut())?;
                    terminal.swap_buffers();
                    drawn_article = shown;
                }
                terminal.draw(|frame| self.draw(frame))?;
                dirty = false;
                self.detect_in_background();
            }
            if let Some(i) = self.pending_edit.take() {
                self.edit(terminal, i)?;
                // ctrl-c typed in the editor may have reached newsdesk too.
                let _ = signal.compare_exchange(2, 0, Ordering::Relaxed, Ordering::Relaxed);
                dirty = true;
                continue;
            }
            if self.saved_at.elapsed() >= SAVE_EVERY {
                self.save_state();
            }
            let sig = signal.load(Ordering::Relaxed);
            if sig != 0 {
                self.save_state();
                return Ok(Exit::Signal(sig));
            }
            if self.state.quit {
                self.save_state();
                return Ok(Exit::Quit);
            }
            let wait = if self.loader.is_some() || self.scanner.is_some() { 15 } else { 250 };
            if event::poll(Duration::from_millis(wait))? {
                // Take every event already waiting before drawing again.
                loop {
                    let ev = event::read()?;
                    if let Some(msg) = self.message_for(&ev) {
                        self.step(msg);
                        dirty = true;
                    }
                    if self.state.quit || !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
            }
            dirty |= self.drain_scan();
            dirty |= self.drain_loader();
            dirty |= self.drain_background();
        }
    }
}

impl Drop for App {
    /// Background work stops with the app rather than running on unseen.
    fn drop(&mut self) {
        if let Some((_, stop)) = &self.detecting {
            stop.store(true, Ordering::Relaxed);
        }
        if let Some((_, stop)) = &self.searching {
            stop.store(true, Ordering::Relaxed);
        }
    }
}

/// The prompt edit for a key the prompt scope does not bind: text, or an editing key.
fn prompt_edit(key: KeyEvent) -> Option<Edit> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Char('u') if ctrl => Edit::DeleteToStart,
        KeyCode::Char('w') if ctrl => Edit::DeleteWord,
        KeyCode::Char('a') if ctrl => Edit::Home,
        KeyCode::Char('e') if ctrl => Edit::End,
        KeyCode::Char('h') if ctrl => Edit::Backspace,
        KeyCode::Char(c) if !ctrl && !alt => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        _ => return None,
    })
}
