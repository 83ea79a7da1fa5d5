//! newsdesk's entry point: arguments -> config -> library -> the app. Nothing else lives here.
//! Every message printed passes through `printable`: paths and config values are untrusted.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use clap::Parser;
use newsdesk::app::{App, Exit};
use newsdesk::cli::{Cli, Command, completions, entities, folder_hint, library_dir, list, man, show};
use newsdesk::config::{self, Config};
use newsdesk::library::{Library, absolute, check_folder};
use newsdesk::text::sanitize::printable;
use newsdesk::tui::Tui;
use newsdesk::update::Msg;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

/// Exit code for bad input: a bad config, a missing folder.
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.print_default_config {
        return finish(std::io::stdout().lock().write_all(config::DEFAULT_TOML.as_bytes()).map_err(Into::into), None);
    }
    let (config, config_file) = match Config::load(cli.config.as_deref(), config::no_color_from_env()) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{}", printable(&e.to_string()));
            return ExitCode::from(USAGE);
        }
    };
    if cli.check_config {
        return ExitCode::SUCCESS;
    }
    match &cli.command {
        Some(Command::Completions { shell }) => {
            return finish(completions(*shell, &mut std::io::stdout().lock()), None);
        }
        Some(Command::Man) => return finish(man(&mut std::io::stdout().lock()), None),
        _ => {}
    }
    if let Some(Command::Entities { file, json }) = &cli.command {
        return finish(entities(file, *json, &config.entities.watch, &mut std::io::stdout().lock()), None);
    }
    if let Some(Command::Show { file, json, width }) = &cli.command {
        return finish(show(file, *json, width.map(usize::from), &mut std::io::stdout().lock()), None);
    }
    let dir = match &cli.command {
        Some(Command::List { dir, .. }) => dir.as_deref(),
        _ => cli.dir.as_deref(),
    };
    // Where the folder came from, when it was not given: said after a missing folder's error.
    let hint = dir.is_none().then(|| folder_hint(&config, config_file.as_deref()));
    let root = library_dir(dir, &config);
    if let Some(Command::List { json, .. }) = &cli.command {
        // `list` takes a single file too, so the folder is checked by `list` itself.
        return finish(list(&root, *json, &config, &mut std::io::stdout().lock()), hint.as_deref());
    }
    if let Err(e) = check_folder(&root) {
        return finish(Err(e.into()), hint.as_deref());
    }
    // The folder is read in the background once the app runs.
    let library = Library { root: absolute(&root), ..Library::default() };
    if !std::io::stdout().is_terminal() {
        eprintln!("newsdesk: standard output is not a terminal; use `newsdesk list` in scripts");
        return ExitCode::from(USAGE);
    }
    match run(library, config) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(sig)) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
        Err(e) => {
            eprintln!("newsdesk: {}", printable(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

/// The exit of a command that writes to standard output: a reader that closed the pipe early
/// (`newsdesk list | head`) ends it quietly with success, as `ls` and `grep` do.
/// A `hint` is said after the error.
fn finish(result: anyhow::Result<()>, hint: Option<&str>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsdesk: {}", printable(&e.to_string()));
            if let Some(hint) = hint {
                eprint!("{}", printable(hint));
            }
            ExitCode::from(USAGE)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs the app in the terminal; the terminal is restored however this returns.
fn run(library: Library, config: Config) -> anyhow::Result<Exit> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), usize::try_from(sig)?)?;
    }
    let mouse = config.ui.mouse;
    watchdog(Arc::clone(&signal), mouse);
    let mut app = App::new(library, config);
    // Both are read in the background; the first frame waits briefly for the state.
    if let Some(path) = newsdesk::store::default_path() {
        app.send(Msg::KeepState(path));
    }
    app.send(Msg::ReadFolder);
    let mut tui = Tui::enter(mouse, newsdesk::library::article::in_guarded_load)?;
    let exit = app.run(&mut tui.terminal, &signal)?;
    drop(tui);
    Ok(exit)
}

/// How often the watchdog looks at the signal flag.
const WATCHDOG_EVERY: std::time::Duration = std::time::Duration::from_millis(100);
/// How long the event loop's own way out (state saved, terminal restored) is given first.
const WATCHDOG_GRACE: std::time::Duration = std::time::Duration::from_millis(700);

/// Ends the process when a terminating signal has been waiting for longer than the event loop
/// needs to see it: when the terminal goes away, reading it can block or spin inside the
/// terminal library, where the loop never gets to check the signal.
fn watchdog(signal: Arc<AtomicUsize>, mouse: bool) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(WATCHDOG_EVERY);
            let sig = signal.load(std::sync::atomic::Ordering::Relaxed);
            if sig != 0 {
                std::thread::sleep(WATCHDOG_GRACE);
                newsdesk::tui::restore(mouse);
                std::process::exit(i32::try_from(128 + sig).unwrap_or(1));
            }
        }
    });
}
