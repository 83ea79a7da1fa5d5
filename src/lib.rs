//! newsdesk: a terminal article reader.
//!
//! Layers, from the bottom: `text` (document model, wrapping, sanitizing, search, entities),
//! `store` (the reading state file) and `library` (folder scan, article parsing, ordering,
//! filtering) are pure logic; `suggest`, `action`, `keymap` and `config` turn the user's file
//! into a theme and key bindings; `layout` places everything for a terminal size; `state` and
//! `update` hold and change the app's state (no I/O: work is asked for as effects); `jobs`
//! does that work in the background (`reload` watches the folder); `ui` renders the state;
//! `input`, `app` and `tui` own the terminal and the event loop; `cli` is the command line.
//! A test (`tests/it/modules.rs`) keeps these dependencies free of cycles.

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod editor;
pub mod files;
pub mod input;
pub mod jobs;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod reload;
pub mod state;
pub mod store;
pub mod suggest;
pub mod text;
pub mod tui;
pub mod ui;
pub mod update;
