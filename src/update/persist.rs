//! The reading state kept between runs: taking in what the file remembers, and writing it
//! whenever what it would say differs from what was last written (on the clock's ticks and on
//! the way out), so no change to remember depends on marking itself.

use std::path::PathBuf;

use super::msg::Effect;
use crate::state::{Keep, State, path_key};
use crate::store::Loaded;

/// Keeps the reading state in the file at `path`: it is read in the background.
pub fn keep(state: &mut State, path: PathBuf, fx: &mut Vec<Effect>) {
    state.persist.path = Some(path.clone());
    state.persist.written = None;
    fx.push(Effect::LoadState(path));
}

/// Takes in what earlier runs remembered: each article's state found by its path, and the last
/// selected article selected again (unless the user moved first). Articles known only by
/// content are matched once their hash is known. A corrupt file was set aside, said so.
pub fn loaded(state: &mut State, loaded: Loaded) {
    let memory = loaded.memory;
    for e in &mut state.library.entries {
        if let Some(r) = memory.by_path(&path_key(&e.path)) {
            e.reading = r.reading;
        }
    }
    if !state.persist.user_moved {
        state.list.wanted_last = memory.last(&path_key(&state.library.root)).map(str::to_owned);
        // Anything shown so far was shown without its remembered place.
        state.reading.reader = None;
        state.reading.recent.clear();
        state.reading.loading = None;
    }
    state.persist.memory = memory;
    state.list.resort(Keep::Selected);
    if loaded.message.is_some() {
        state.message = loaded.message;
    }
}

/// Asks for the state to be written if what the file would say differs from what was last
/// written.
pub fn save_if_changed(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(path) = state.persist.path.clone() else { return };
    let snapshot = state.snapshot();
    if state.persist.written.as_ref() == Some(&snapshot) {
        return;
    }
    fx.push(Effect::Save { path, saved: Box::new(state.saved(&snapshot)) });
    state.persist.written = Some(snapshot);
}
