//! newsdesk: a terminal article reader.
//!
//! Layers, from the bottom: `text` (document model, wrapping, sanitizing) and `library` (folder
//! scan, article parsing) are pure logic; `config`, `keymap` and `action` turn the user's file
//! into a theme and key bindings; `state` and `update` hold and change the app's state; `ui`
//! renders it; `app` owns the terminal and the event loop; `cli` is the command line.

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod editor;
pub mod keymap;
pub mod library;
pub mod state;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod update;
pub mod watch;
