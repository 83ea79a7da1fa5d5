//! `update(&mut State, Msg) -> Vec<Effect>`: the only place the state changes. No I/O: every
//! kind of work is an [`Effect`] the app's jobs owner performs, answering with a [`Msg`]. Each
//! update ends with one reconcile step: the list sorted if asked for, views kept in bounds, the
//! selected article asked for, background work started or stopped to match what the state now
//! needs.

pub mod entities;
pub mod filter;
pub mod library;
pub mod msg;
pub mod nav;
pub mod panel;
pub mod persist;
pub mod prompt;
pub mod search;
pub mod view;

#[cfg(test)]
pub(crate) mod testing;

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

pub use self::msg::{Effect, Msg, Task};
use crate::state::{Mode, State};

/// Applies `msg` to `state` and returns the work it asks for.
pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let before = Wants::of(state);
    let mut fx = Vec::new();
    handle(state, msg, &mut fx);
    reconcile(state, &before, &mut fx);
    fx
}

fn handle(state: &mut State, msg: Msg, fx: &mut Vec<Effect>) {
    match msg {
        Msg::Action(action) => {
            state.message = None;
            // The user took over: the previous run's article is not selected from under them.
            state.list.wanted_last = None;
            state.persist.user_moved = true;
            match state.mode() {
                Mode::Help => nav::help_action(state, action),
                Mode::Prompt => prompt::action(state, action, fx),
                Mode::Panel => panel::action(state, action),
                Mode::List | Mode::Reader => nav::pane_action(state, action, fx),
            }
        }
        Msg::Type(c) => prompt::type_char(state, c, fx),
        Msg::Quit => state.quit = true,
        Msg::Resize(width, height) => view::relayout(state, Rect::new(0, 0, width, height)),
        Msg::Wheel { column, row, down } => nav::wheel(state, Position::new(column, row), down),
        Msg::Click { column, row } => nav::click(state, Position::new(column, row)),
        Msg::Tick { now } => {
            state.now = now;
            persist::save_if_changed(state, fx);
        }
        Msg::ReadFolder => {
            state.list.scanning = true;
            fx.push(Effect::Scan(state.library.root.clone()));
        }
        Msg::LoadAll => fx.push(load_all(state)),
        Msg::KeepState(path) => persist::keep(state, path, fx),
        Msg::Edited { path, problem } => {
            if problem.is_some() {
                state.message = problem;
            }
            fx.push(Effect::Reread { root: state.library.root.clone(), path });
        }
        Msg::Opened { entry, article, whole } => view::open(state, entry, article, whole, fx),
        Msg::OpenedRest { entry, article, layout } => view::opened_rest(state, entry, article, *layout, fx),
        Msg::Loaded(batch) => library::loaded(state, batch),
        Msg::Scanned(batch) => {
            let done = batch.done;
            library::scanned(state, batch);
            if done {
                fx.push(load_all(state));
                fx.push(Effect::Watch(state.library.root.clone()));
            }
        }
        Msg::StateLoaded(loaded) => persist::loaded(state, *loaded),
        Msg::Counted { generation, matches, complete } => search::counted(state, generation, matches, complete),
        Msg::Detected { entry, job, highlights } => entities::detected(state, entry, job, *highlights),
        Msg::LibraryHits { generation, hits, done } => filter::hits(state, generation, hits, done),
        Msg::FilesChanged(changes) => library::files_changed(state, changes),
        Msg::Failed(problem) => state.message = Some(problem),
    }
}

/// Reading every article fully, in the background.
fn load_all(state: &State) -> Effect {
    let entries = state.library.entries.iter().enumerate().filter(|(_, e)| !e.problem);
    Effect::LoadAll(entries.map(|(i, e)| (i, e.path.clone(), e.format)).collect())
}

/// The background work the state needs, compared before and after an update so that only a
/// change starts or stops any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wants {
    detect: Option<(usize, u64)>,
    search_library: Option<u64>,
}

impl Wants {
    fn of(state: &State) -> Self {
        Self { detect: state.detection_wanted(), search_library: state.library_search_wanted().map(|(g, _)| g) }
    }
}

/// The last step of every update: the list sorted once if anything asked for it, the views
/// kept in bounds, the selected article shown or asked for, the part of a huge article in view
/// read for entities, the article being read marked read, the state saved on the way out, and
/// background work started or stopped to match what the state now needs.
fn reconcile(state: &mut State, before: &Wants, fx: &mut Vec<Effect>) {
    if let Some(keep) = state.list.resort.take() {
        library::sort(state, keep);
    }
    view::keep_selection_visible(state);
    view::show_selected(state, fx);
    view::clamp(state);
    panel::keep_choice_visible(state);
    entities::cover_view(state);
    library::touch(state);
    if state.quit {
        persist::save_if_changed(state, fx);
    }
    let now = Wants::of(state);
    if now.detect != before.detect {
        fx.push(match (now.detect, state.reading.reader.as_ref()) {
            (Some((entry, job)), Some(reader)) => Effect::Detect {
                entry,
                job,
                article: Arc::clone(&reader.article),
                watch_lists: Arc::clone(&state.reading.watch_lists),
            },
            _ => Effect::Stop(Task::Detect),
        });
    }
    if now.search_library != before.search_library {
        fx.push(match (state.library_search_wanted(), state.list.filter.as_ref()) {
            (Some((generation, only)), Some(f)) => Effect::SearchLibrary {
                generation,
                query: f.query.clone(),
                articles: filter::articles_to_read(state, only),
                watch_lists: Arc::clone(&state.reading.watch_lists),
            },
            _ => Effect::Stop(Task::SearchLibrary),
        });
    }
}
