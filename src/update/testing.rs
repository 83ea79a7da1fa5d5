//! States for update's unit tests, and a `step` that answers the article reads update asks for
//! the way the jobs owner does, without a file.

use std::path::Path;
use std::sync::Arc;

use super::{Effect, Msg, update};
use crate::action::Action;
use crate::config::SortKey;
use crate::library::{Article, Entry, Format, Library, Meta, article};
use crate::state::{Options, State};

pub fn options(max_width: u16) -> Options {
    Options { sort: SortKey::Path, max_width, list_width: 30, scroll_lines: 3, help_rows: 100 }
}

/// A state at 100x30 listing `n` articles titled `Title 0`…, none read yet.
pub fn state_with(n: usize) -> State {
    let entries = (0..n)
        .map(|i| Entry {
            meta: Meta { title: format!("Title {i}"), ..Meta::default() },
            ..Entry::new(Path::new("/lib"), Path::new(&format!("/lib/{i:03}.txt")), Format::Text)
        })
        .collect();
    let library = Library { root: "/lib".into(), entries, warnings: vec![] };
    let mut state = State::new(library, options(40));
    step(&mut state, Msg::Resize(100, 30));
    state
}

/// Article `i`: 200 paragraphs that wrap twice at forty cells.
pub fn long_article(i: usize) -> Article {
    let body = (0..200)
        .map(|p| format!("Paragraph {p} of article {i} with enough words to wrap twice at forty cells wide."))
        .collect::<Vec<_>>()
        .join("\n\n");
    article::parse(Format::Text, &format!("Title {i}\n\n{body}\n"), Path::new("x.txt"))
}

/// Runs `msg`, answering each article read it asks for with [`long_article`]; returns the
/// other effects.
pub fn step(state: &mut State, msg: Msg) -> Vec<Effect> {
    let mut others = Vec::new();
    let mut queue = vec![msg];
    while let Some(msg) = queue.pop() {
        for effect in update(state, msg) {
            match effect {
                Effect::Open { entry, .. } => {
                    queue.push(Msg::Opened { entry, article: Arc::new(long_article(entry)), whole: true });
                }
                other => others.push(other),
            }
        }
    }
    others
}

pub const PARAGRAPH: &str = "The court froze $81 million on February 9, a rise of 300 percent.";

/// A state at 100x30 with one article of `paragraphs` paragraphs of [`PARAGRAPH`] open in the
/// reader.
pub fn shown(paragraphs: usize) -> State {
    let entry = Entry::new(Path::new("/lib"), Path::new("/lib/a.txt"), Format::Text);
    let library = Library { root: "/lib".into(), entries: vec![entry], warnings: vec![] };
    let mut state = State::new(library, options(80));
    update(&mut state, Msg::Resize(100, 30));
    let body = vec![PARAGRAPH; paragraphs].join("\n\n");
    let article = article::parse(Format::Text, &format!("Frozen\n\n{body}\n"), Path::new("a.txt"));
    update(&mut state, Msg::Opened { entry: 0, article: Arc::new(article), whole: true });
    update(&mut state, Msg::Action(Action::Open));
    state
}
