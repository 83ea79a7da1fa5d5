//! The app: the event loop. A terminal event becomes a message (`input`, in the scope of
//! `State::mode`), `update` changes the state and asks for work, the jobs owner does it and
//! answers with messages, the view draws the state. `step` changes state; `draw` only reads it.

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::SIGINT;

use crate::config::Config;
use crate::jobs::Jobs;
use crate::library::Library;
use crate::state::{Options, State};
use crate::tui::Term;
use crate::update::{Effect, Msg, update};

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// A terminating signal arrived (its number).
    Signal(usize),
}

/// The reading state is written at most this often while reading (and always on the way out).
pub const SAVE_EVERY: Duration = Duration::from_secs(2);
/// How long a frame waits for the article just asked for, so that opening one shows it in the
/// same frame; one that takes longer (a file that blocks) is shown when it comes, and a key
/// pressed meanwhile ends the wait at once.
const OPEN_WAIT: Duration = Duration::from_millis(100);
/// How long the wait for an article yields rather than sleeps: most articles come within it,
/// and a thread that yields runs again at once, where one that sleeps waits for the scheduler
/// (milliseconds on a busy machine).
const YIELD_FIRST: Duration = Duration::from_millis(2);
/// How long [`App::step`] waits for the article it asked for: scripts see every one.
const SCRIPT_WAIT: Duration = Duration::from_secs(30);
/// How long the loop waits for a key while background work is answering, and while idle.
const POLL_BUSY: Duration = Duration::from_millis(15);
const POLL_IDLE: Duration = Duration::from_millis(250);
/// Background results taken in per loop turn, at most, so keys stay responsive.
const DRAIN_BUDGET: Duration = Duration::from_millis(10);

pub struct App {
    pub state: State,
    pub config: Config,
    jobs: Jobs,
    /// An article to open in the editor once the event loop gets the terminal back.
    pending_edit: Option<PathBuf>,
}

impl App {
    pub fn new(library: Library, config: Config) -> Self {
        let watch_lists = config.entities.watch.clone().into();
        let state = State::new(library, Options::from(&config)).with_entities(watch_lists, config.entities.highlight);
        Self { state, config, jobs: Jobs::default(), pending_edit: None }
    }

    /// Applies a message, starts the work it asks for, and waits for the article it asked for
    /// (for scripts and tests: the event loop waits only briefly, see [`OPEN_WAIT`]).
    pub fn step(&mut self, msg: Msg) {
        let mark = self.jobs.mark();
        self.send(msg);
        self.wait_for_view(mark, SCRIPT_WAIT, || false);
    }

    /// Applies a message and starts the work it asks for, without waiting.
    pub fn send(&mut self, msg: Msg) {
        for effect in update(&mut self.state, msg) {
            match effect {
                Effect::Edit(path) => self.pending_edit = Some(path),
                other => self.jobs.start(other),
            }
        }
    }

    /// Keeps the reading state in the file at `path`: reads what it remembers (a corrupt file
    /// is set aside and said so), and writes it back as the user reads.
    pub fn keep_state(&mut self, path: PathBuf) {
        self.step(Msg::KeepState(path));
    }

    /// Reads every article fully in the background (word counts, exact titles).
    pub fn load_in_background(&mut self) {
        self.step(Msg::LoadAll);
    }

    /// The clock's tick: the reading state is written if it changed.
    pub fn tick(&mut self) {
        self.step(Msg::Tick { now: crate::store::now() });
    }

    /// Takes in results until the reading pane has what was asked for since `mark`, `max` has
    /// passed, or `interrupted` says a key is waiting.
    fn wait_for_view(&mut self, mark: u64, max: Duration, mut interrupted: impl FnMut() -> bool) {
        let started = Instant::now();
        let deadline = started + max;
        while self.jobs.view_waits(mark) && !interrupted() {
            let msg = if started.elapsed() < YIELD_FIRST {
                let msg = self.jobs.try_next();
                if msg.is_none() {
                    std::thread::yield_now();
                }
                msg
            } else {
                // Short waits, so a key pressed meanwhile is seen at once.
                self.jobs.next_until((Instant::now() + POLL_BUSY).min(deadline))
            };
            match msg {
                Some(msg) => self.send(msg),
                None if Instant::now() >= deadline => return,
                None => {}
            }
        }
    }

    /// Waits up to `timeout` for background work (articles, match counts, entity detection, the
    /// filter's search, the full load) to finish, applying its results; returns whether none
    /// is left. For tests and benches: the event loop polls instead.
    pub fn wait_for_background(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            self.jobs.after_frame();
            if !self.jobs.busy() {
                return true;
            }
            match self.jobs.next_until(deadline) {
                Some(msg) => self.send(msg),
                None if Instant::now() >= deadline => return false,
                None => {}
            }
        }
    }

    /// The message for a terminal event, if it means anything in the current mode.
    pub fn message_for(&self, event: &Event) -> Option<Msg> {
        crate::input::message_for(event, self.state.mode(), &self.config.keymap)
    }

    pub fn draw(&self, frame: &mut Frame) {
        crate::ui::render(&self.state, &self.config, frame);
    }

    /// Applies finished background work, for at most [`DRAIN_BUDGET`]; consecutive scan
    /// batches are taken in as one (one sort, not one per batch). Returns whether any arrived.
    fn drain(&mut self) -> bool {
        let started = Instant::now();
        let mut any = false;
        let mut next = self.jobs.try_next();
        while let Some(mut msg) = next.take() {
            any = true;
            if let Msg::Scanned(batch) = &mut msg {
                loop {
                    match self.jobs.try_next() {
                        Some(Msg::Scanned(more)) => {
                            batch.entries.extend(more.entries);
                            batch.warnings.extend(more.warnings);
                            batch.done |= more.done;
                        }
                        other => {
                            next = other;
                            break;
                        }
                    }
                }
            }
            self.send(msg);
            if started.elapsed() >= DRAIN_BUDGET {
                // A message already taken is applied; the rest waits for the next turn.
                if let Some(msg) = next {
                    self.send(msg);
                }
                break;
            }
            next = next.or_else(|| self.jobs.try_next());
        }
        any
    }

    /// Opens `path` in the user's editor, the terminal handed over meanwhile; the article is
    /// read again afterwards.
    fn edit(&mut self, terminal: &mut Term, path: PathBuf) -> io::Result<()> {
        let mouse = self.config.ui.mouse;
        crate::tui::restore(mouse);
        let result = crate::editor::edit(&path);
        crate::tui::resume(mouse)?;
        // A full redraw, without asking the terminal where its cursor is (see `run`).
        ratatui::backend::Backend::clear(terminal.backend_mut())?;
        terminal.swap_buffers();
        self.send(Msg::Edited { path, problem: result.err().map(|e| e.to_string()) });
        Ok(())
    }

    /// Draws a frame, once the article just asked for has come (or [`OPEN_WAIT`] has passed).
    fn frame(&mut self, terminal: &mut Term, mark: u64, drawn: &mut Option<usize>) -> io::Result<()> {
        self.wait_for_view(mark, OPEN_WAIT, || event::poll(Duration::ZERO).unwrap_or(false));
        // Terminals and Unicode tables disagree on the width of some combining marks
        // (Devanagari vowel signs, viramas), which can leave stray cells behind; a new article
        // is drawn on a cleared screen so nothing survives from the last one.
        let shown = self.state.reading.shown();
        if shown != *drawn {
            // Not `Terminal::clear`: it asks the terminal for the cursor position, which some
            // terminals never answer. Clear the screen and forget the last frame.
            ratatui::backend::Backend::clear(terminal.backend_mut())?;
            terminal.swap_buffers();
            *drawn = shown;
        }
        terminal.draw(|frame| self.draw(frame))?;
        // Work that must not compete with drawing starts now.
        self.jobs.after_frame();
        Ok(())
    }

    /// Runs until the user quits or `signal` becomes non-zero.
    pub fn run(&mut self, terminal: &mut Term, signal: &AtomicUsize) -> io::Result<Exit> {
        let size = terminal.size()?;
        self.send(Msg::Resize(size.width, size.height));
        self.send(Msg::Tick { now: crate::store::now() });
        let (mut dirty, mut drawn, mut mark, mut ticked) = (true, None, 0, Instant::now());
        loop {
            if dirty {
                self.frame(terminal, mark, &mut drawn)?;
                dirty = false;
            }
            mark = self.jobs.mark();
            if let Some(path) = self.pending_edit.take() {
                self.edit(terminal, path)?;
                // ctrl-c typed in the editor may have reached newsdesk too.
                let sigint = usize::try_from(SIGINT).unwrap_or(0);
                let _ = signal.compare_exchange(sigint, 0, Ordering::Relaxed, Ordering::Relaxed);
                dirty = true;
                continue;
            }
            if ticked.elapsed() >= SAVE_EVERY {
                self.send(Msg::Tick { now: crate::store::now() });
                ticked = Instant::now();
            }
            let sig = signal.load(Ordering::Relaxed);
            if sig != 0 {
                self.send(Msg::Quit);
                return Ok(Exit::Signal(sig));
            }
            if self.state.quit {
                return Ok(Exit::Quit);
            }
            let wait = if self.jobs.busy() { POLL_BUSY } else { POLL_IDLE };
            if event::poll(wait)? {
                // Take every event already waiting before drawing again.
                loop {
                    if let Some(msg) = self.message_for(&event::read()?) {
                        self.send(msg);
                        dirty = true;
                    }
                    if self.state.quit || !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
            }
            dirty |= self.drain();
        }
    }
}
