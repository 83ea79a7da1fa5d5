//! The real binary in a pseudo-terminal: keys in as bytes, the output parsed into a screen
//! model (vt100), reading and searching, and the terminal restored on quit and on SIGTERM.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

use crate::articles;

/// How long any one expectation may take: generous, the build machine is shared.
const TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(20);
const ROWS: u16 = 24;
const COLS: u16 = 80;

const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// newsdesk running in a pseudo-terminal; dropping it kills the child if it still runs.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    screen: vt100::Parser,
    parsed: usize,
    master: Box<dyn MasterPty + Send>,
    /// Removed with the session when it is its own.
    home: Option<TempDir>,
}

impl Session {
    /// newsdesk on `dir`, with a config and state home of its own.
    fn spawn(dir: &Path) -> Self {
        Self::spawn_with_env(dir, &[])
    }

    /// newsdesk on `dir` with extra environment variables.
    fn spawn_with_env(dir: &Path, vars: &[(&str, &str)]) -> Self {
        let home = tempfile::tempdir().expect("temp home");
        let mut session = Self::spawn_at_home_with_env(dir, home.path(), vars);
        session.home = Some(home);
        session
    }

    /// newsdesk on `dir`, with `$XDG_CONFIG_HOME` and `$XDG_STATE_HOME` under `home`: two
    /// sessions with the same home share their reading state.
    fn spawn_at_home(dir: &Path, home: &Path) -> Self {
        Self::spawn_at_home_with_env(dir, home, &[])
    }

    fn spawn_at_home_with_env(dir: &Path, home: &Path, vars: &[(&str, &str)]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_newsdesk"));
        cmd.arg(dir);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("VISUAL");
        cmd.env_remove("EDITOR");
        for (name, value) in vars {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn newsdesk");
        // Only the child holds the terminal side, so reads end when it exits.
        drop(pair.slave);
        let mut source = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut buf = [0; 8192];
            // Linux reports EIO once the child side is closed: that is the end too.
            while let Ok(n @ 1..) = source.read(&mut buf) {
                sink.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(&buf[..n]);
            }
        });
        Self {
            child,
            writer,
            output,
            reader: Some(reader),
            screen: vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0),
            parsed: 0,
            master: pair.master,
            home: None,
        }
    }

    /// Feeds the output read so far into the screen model.
    fn update(&mut self) {
        let output = self.output.lock().unwrap_or_else(PoisonError::into_inner);
        self.screen.process(&output[self.parsed..]);
        self.parsed = output.len();
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// The bottom row of the screen.
    fn status_line(&self) -> String {
        let screen = self.screen.screen();
        let (rows, cols) = screen.size();
        screen.rows(0, cols.get()).nth(usize::from(rows.get() - 1)).unwrap_or_default()
    }

    /// The symbol in the top-right corner of the screen.
    fn top_right(&self) -> String {
        let screen = self.screen.screen();
        let cols = screen.size().1.get();
        screen.cell(0, cols - 1).map(vt100::Cell::contents).unwrap_or_default().to_string()
    }

    /// The text of every cell drawn on background `color`, top to bottom.
    fn cells_with_bg(&self, color: vt100::Color) -> String {
        let screen = self.screen.screen();
        let (rows, cols) = screen.size();
        let mut out = String::new();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                if let Some(cell) = screen.cell(row, col).filter(|c| c.bgcolor() == color) {
                    out.push_str(cell.contents());
                }
            }
        }
        out
    }

    /// Resizes the terminal, as a user dragging the window does (the child gets SIGWINCH).
    fn resize(&mut self, rows: u16, cols: u16) {
        self.update();
        self.screen.set_size(nonzero(rows), nonzero(cols));
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize the pty");
    }

    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("write keys to the pty");
        self.writer.flush().expect("flush keys");
    }

    /// Polls the screen until `ready` holds; fails with the screen after [`TIMEOUT`].
    fn wait_for(&mut self, what: &str, ready: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.update();
            if ready(self) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                self.drain();
                assert!(ready(self), "newsdesk exited ({status}) before {what}; screen:\n{}", self.contents());
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; screen:\n{}", self.contents());
            thread::sleep(POLL);
        }
    }

    /// Waits for the child to exit and for all its output.
    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                break status;
            }
            self.update();
            assert!(Instant::now() < deadline, "newsdesk did not exit; screen:\n{}", self.contents());
            thread::sleep(POLL);
        };
        self.drain();
        status
    }

    /// Waits (bounded) for the reader thread to see the end of the output, then parses it all.
    fn drain(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        if let Some(reader) = self.reader.take() {
            while !reader.is_finished() && Instant::now() < deadline {
                thread::sleep(POLL);
            }
            if reader.is_finished() {
                reader.join().expect("reader thread");
            }
        }
        self.update();
    }

    fn raw_output(&self) -> Vec<u8> {
        self.output.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is not zero")
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Asserts the output ends with the terminal given back: the alternate screen left after it
/// was last entered, and the cursor shown after that.
fn assert_terminal_restored(session: &Session) {
    let out = session.raw_output();
    let entered = find_last(&out, ENTER_ALT_SCREEN).expect("the app entered the alternate screen");
    let left = find_last(&out, LEAVE_ALT_SCREEN).expect("the app left the alternate screen");
    assert!(left > entered, "the alternate screen was entered again after leaving it");
    assert!(
        find_last(&out[left..], SHOW_CURSOR).is_some(),
        "the cursor is shown again: {:?}",
        String::from_utf8_lossy(&out[left..])
    );
    let screen = session.screen.screen();
    assert!(!screen.alternate_screen() && !screen.hide_cursor(), "the screen model agrees");
}

/// The scroll percentage in the status line (` READ 2/5  37%`).
fn percent(status: &str) -> Option<u32> {
    let end = status.find('%')?;
    status[..end].rsplit(' ').next()?.parse().ok()
}

#[test]
fn reading_session_in_a_real_terminal() {
    let mut s = Session::spawn(&articles());
    s.wait_for("the list and the first article", |s| {
        let screen = s.contents();
        screen.contains("Articles 5") && screen.contains("Morning Briefing") && s.status_line().contains(" LIST  1/5")
    });
    s.send(b"j");
    s.wait_for("the second article's preview", |s| {
        s.status_line().contains("2/5") && s.contents().contains("Harbour Cranes Return")
    });
    s.send(b"\r");
    s.wait_for("the reader focused at the top", |s| {
        s.status_line().contains(" READ ") && percent(&s.status_line()) == Some(0)
    });
    s.send(b" ");
    s.wait_for("a page down", |s| percent(&s.status_line()).is_some_and(|p| (1..100).contains(&p)));
    s.send(b"G");
    s.wait_for("the bottom of the article", |s| percent(&s.status_line()) == Some(100));
    s.send(b"h");
    s.wait_for("the list focused again", |s| s.status_line().contains(" LIST  2/5"));
    s.resize(30, 100);
    s.wait_for("a redraw at 100x30", |s| s.status_line().contains(" LIST  2/5") && s.top_right() == "╮");
    quit_cleanly(&mut s);
}

/// `q` ends the session with exit code 0 and the terminal restored.
fn quit_cleanly(s: &mut Session) {
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status}");
    assert_eq!(status.exit_code(), 0);
    assert_terminal_restored(s);
}

#[test]
fn searching_in_a_real_terminal() {
    let mut s = Session::spawn(&articles());
    s.wait_for("the list and the first article", |s| {
        s.contents().contains("Morning Briefing") && s.status_line().contains(" LIST  1/5")
    });
    // "the" is seven times in the first article, the title included. In the list, `/` filters
    // and ctrl-f searches the previewed article.
    s.send(b"\x06the");
    s.wait_for("the prompt with the first of seven matches", |s| {
        let status = s.status_line();
        status.starts_with("/ the") && status.contains("1/7")
    });
    s.send(b"\r");
    s.wait_for("the search kept and the reader focused", |s| {
        let status = s.status_line();
        status.contains(" READ ") && status.contains("/the 1/7")
    });
    s.send(b"n");
    s.wait_for("the second match", |s| s.status_line().contains("/the 2/7"));
    // The default theme: the current match on yellow, the six others on cyan.
    let (current, others) = (s.cells_with_bg(vt100::Color::Idx(3)), s.cells_with_bg(vt100::Color::Idx(6)));
    assert!(
        current.eq_ignore_ascii_case("the") && others.to_lowercase() == "the".repeat(6),
        "current {current:?}, others {others:?}; screen:\n{}",
        s.contents()
    );
    quit_cleanly(&mut s);
}

#[test]
fn a_restart_reopens_the_last_article_at_the_same_place() {
    let home = tempfile::tempdir().expect("temp home");
    let mut s = Session::spawn_at_home(&articles(), home.path());
    s.wait_for("the list", |s| s.status_line().contains(" LIST  1/5"));
    s.send(b"j\r");
    s.wait_for("the second article open", |s| s.status_line().contains(" READ  2/5"));
    s.send(b"  ");
    s.wait_for("two pages down", |s| percent(&s.status_line()).is_some_and(|p| p > 0));
    let screen = s.contents();
    let at = percent(&s.status_line());
    quit_cleanly(&mut s);
    assert!(home.path().join("state/newsdesk/state.json").exists(), "the state is saved under XDG_STATE_HOME");

    let mut again = Session::spawn_at_home(&articles(), home.path());
    again.wait_for("the same article selected, at the same place", |s| {
        s.status_line().contains(" LIST  2/5") && percent(&s.status_line()) == at
    });
    // The same text in the reading pane (the list's unread marks differ: it has been read).
    let reading_pane =
        |screen: &str| screen.lines().map(|l| l.chars().skip(34).collect::<String>()).collect::<Vec<_>>();
    assert_eq!(reading_pane(&again.contents())[1..20], reading_pane(&screen)[1..20]);
    quit_cleanly(&mut again);
}

/// Waits until the app's periodic save of the reading state has run at least once more.
fn wait_past_the_periodic_save() {
    thread::sleep(newsdesk::app::SAVE_EVERY + Duration::from_secs(1));
}

/// Quits, starts again at the same home and expects the second article at `at` percent.
fn assert_found_again_at(mut s: Session, dir: &Path, home: &Path) {
    let at = percent(&s.status_line());
    assert!(at.is_some_and(|p| p > 0), "scrolled into the article: {}", s.status_line());
    quit_cleanly(&mut s);
    let mut again = Session::spawn_at_home(dir, home);
    again.wait_for("the same article selected, at the same place", |s| {
        s.status_line().contains(" LIST  2/5") && percent(&s.status_line()) == at
    });
    quit_cleanly(&mut again);
}

#[test]
fn scrolling_after_the_periodic_save_is_kept_across_a_restart() {
    let home = tempfile::tempdir().expect("temp home");
    let mut s = Session::spawn_at_home(&articles(), home.path());
    s.wait_for("the list", |s| s.status_line().contains(" LIST  1/5"));
    s.send(b"j\r");
    s.wait_for("the second article open", |s| s.status_line().contains(" READ  2/5"));
    wait_past_the_periodic_save();
    s.send(b" ");
    s.wait_for("a page down", |s| percent(&s.status_line()).is_some_and(|p| p > 0));
    assert_found_again_at(s, &articles(), home.path());
}

#[test]
fn the_place_after_the_editor_is_kept_across_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::copy_dir(&articles(), dir.path());
    let home = tempfile::tempdir().expect("temp home");
    let editor = [("EDITOR", "sed -i s/Dockers/Stevedores/")];
    let mut s = Session::spawn_at_home_with_env(dir.path(), home.path(), &editor);
    s.wait_for("the list", |s| s.status_line().contains(" LIST  1/5"));
    s.send(b"j\r");
    s.wait_for("the second article open", |s| s.status_line().contains(" READ  2/5"));
    wait_past_the_periodic_save();
    s.send(b"v");
    s.wait_for("the article read again after the editor", |s| s.contents().contains("Stevedores"));
    s.send(b" ");
    s.wait_for("a page down", |s| percent(&s.status_line()).is_some_and(|p| p > 0));
    assert_found_again_at(s, dir.path(), home.path());
}

#[test]
fn a_file_added_while_the_app_runs_appears_in_the_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::copy_dir(&articles(), dir.path());
    let mut s = Session::spawn(dir.path());
    s.wait_for("the list", |s| s.status_line().contains(" LIST  1/5"));
    std::fs::write(dir.path().join("2031-02-03-late-news.txt"), "Late News From the Night Desk\n\nJust in.\n")
        .expect("write a new article");
    s.wait_for("the new article listed", |s| {
        s.contents().contains("Late News From the Night Desk") && s.contents().contains("Articles 6")
    });
    assert!(s.status_line().contains(" LIST  2/6"), "the selection stays on its article: {}", s.status_line());
    std::fs::remove_file(dir.path().join("quiet-week.txt")).expect("remove an article");
    s.wait_for("the removed article gone", |s| s.contents().contains("Articles 5"));
    quit_cleanly(&mut s);
}

#[test]
fn v_runs_the_editor_without_a_shell_and_reloads_the_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::copy_dir(&articles(), dir.path());
    // The "editor" rewrites the title in place; quoting is split as a shell would, but no shell
    // runs (the semicolon would otherwise start a second command).
    let editor = "sed -i 's/Morning Briefing;*/Evening Briefing/'";
    let mut s = Session::spawn_with_env(dir.path(), &[("EDITOR", editor)]);
    s.wait_for("the list", |s| s.contents().contains("Morning Briefing"));
    s.send(b"v");
    s.wait_for("the article read again after the editor", |s| {
        let screen = s.contents();
        screen.contains("Evening Briefing: Rain") && !screen.contains("Morning Briefing")
    });
    assert!(s.status_line().contains(" LIST  1/5"), "{}", s.status_line());
    quit_cleanly(&mut s);
}

/// An article swapped for a FIFO (issue 12): its read waits forever for a writer, but off the
/// loop's thread, so keys, `q` and a redraw still work.
#[cfg(unix)]
#[test]
fn an_article_swapped_for_a_fifo_never_freezes_the_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Alpha Notes\n\nThe first article.\n").expect("write");
    std::fs::write(dir.path().join("b.txt"), "Beta Notes\n\nThe second article.\n").expect("write");
    let mut s = Session::spawn(dir.path());
    s.wait_for("both articles listed", |s| s.status_line().contains(" LIST  1/2") && s.contents().contains("Beta"));
    let fifo = dir.path().join("b.txt");
    std::fs::remove_file(&fifo).expect("remove the article");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(made.success(), "mkfifo {}", fifo.display());
    s.send(b"G");
    s.wait_for("the FIFO selected while its read waits", |s| s.status_line().contains(" LIST  2/2"));
    s.send(b"k");
    s.wait_for("keys still work", |s| s.status_line().contains(" LIST  1/2") && s.contents().contains("The first"));
    s.send(b"G");
    s.wait_for("the FIFO selected again", |s| s.status_line().contains(" LIST  2/2"));
    quit_cleanly(&mut s);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let mut s = Session::spawn(&articles());
    s.wait_for("the list", |s| s.contents().contains("Articles 5"));
    let pid = s.child.process_id().expect("child pid");
    let kill = std::process::Command::new("sh").args(["-c", &format!("kill -TERM {pid}")]).status().expect("run kill");
    assert!(kill.success(), "kill -TERM {pid}: {kill}");
    let status = s.wait_exit();
    assert_eq!((status.exit_code(), status.signal()), (143, None), "exit status {status}");
    assert_terminal_restored(&s);
}

/// The terminal going away (the window closed, ssh dropped) ends newsdesk: no process left
/// spinning on a dead terminal.
#[test]
fn newsdesk_exits_when_its_terminal_goes_away() {
    let pair = native_pty_system()
        .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
        .expect("open a pseudo-terminal");
    let home = tempfile::tempdir().expect("temp home");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_newsdesk"));
    cmd.arg(articles());
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env("XDG_STATE_HOME", home.path().join("state"));
    let mut child = pair.slave.spawn_command(cmd).expect("spawn newsdesk");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    // Wait for the first frame.
    let mut seen = Vec::new();
    let mut buf = [0; 4096];
    while !String::from_utf8_lossy(&seen).contains("Articles") {
        let n = reader.read(&mut buf).expect("read the first frame");
        assert!(n > 0, "newsdesk ended before drawing");
        seen.extend_from_slice(&buf[..n]);
    }
    let pid = child.process_id().expect("pid");
    drop(reader);
    drop(pair.master);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if child.try_wait().expect("status").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let _ = child.kill();
            panic!("newsdesk still runs 5 s after its terminal closed: {stat}");
        }
        thread::sleep(POLL);
    }
}
