//! The terminal: raw mode, alternate screen and mouse capture in, and always back out again —
//! on return, on error (a drop guard) and on panic (a hook).

use std::io::{self, Stdout, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The terminal in app mode; dropping it restores the terminal.
pub struct Tui {
    pub terminal: Term,
    mouse: bool,
}

impl Tui {
    /// Enters raw mode and the alternate screen (and mouse capture when `mouse`), after
    /// installing a panic hook that undoes all of it before the panic message is printed,
    /// except for a panic that `caught` says will be caught (a guarded article load shows it
    /// as a warning).
    pub fn enter(mouse: bool, caught: fn() -> bool) -> io::Result<Self> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if caught() {
                return;
            }
            restore(mouse);
            previous(info);
        }));
        enable_raw_mode()?;
        let mut out = stdout();
        execute!(out, EnterAlternateScreen)?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        let terminal = Terminal::new(CrosstermBackend::new(out))?;
        Ok(Self { terminal, mouse })
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

/// Enters app mode again after [`restore`] (the editor has been and gone).
pub fn resume(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = stdout();
    execute!(out, EnterAlternateScreen)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Leaves app mode; safe to call more than once.
pub fn restore(mouse: bool) {
    let mut out = stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = disable_raw_mode();
    let _ = execute!(out, LeaveAlternateScreen, Show);
}
