//! People, organizations, places and groups: the learned tagger run over the windows of a text
//! where a name can be, then made consistent across the document.
use super::context::{Doc, FastMap};
use super::features::{self, OFFSETS};
pub use super::model::Span;
use super::model::{self, CLASSES, Class, Model, OUTSIDE, Scores, TAGS};
use super::{Entity, consistency};

/// Every person, organization, place and group in `text`.
pub fn find(text: &str) -> Vec<Entity> {
    let Some(model) = Model::get() else { return Vec::new() };
    let doc = Doc::new(text);
    let spans = tag(&doc, &model);
    let spans = consistency::apply(&doc, spans);
    spans
        .into_iter()
        .filter_map(|s| match s.class {
            Class::Kind(kind) => Some(Entity { range: doc.range(&s.tokens), kind }),
            Class::Misc => None,
        })
        .collect()
}

/// The names in `doc` as the model reads them, window by window.
pub fn tag(doc: &Doc<'_>, model: &Model) -> Vec<Span> {
    let transitions = model.transitions();
    // Spelling features depend on the word alone: summed once per distinct word.
    let mut spelling: FastMap<&str, [i32; TAGS]> = FastMap::default();
    let mut hashes = Vec::with_capacity(64);
    let mut out = Vec::new();
    for window in &doc.windows {
        let emissions: Vec<Scores> = window
            .clone()
            .map(|i| {
                let mut acc = *spelling.entry(doc.word(i)).or_insert_with(|| {
                    let mut sum = [0i32; TAGS];
                    hashes.clear();
                    features::spelling_features(doc.word(i), &doc.info[i], &mut hashes);
                    for &h in &hashes {
                        model.add(h, &mut sum);
                    }
                    sum
                });
                hashes.clear();
                for k in OFFSETS {
                    match i.checked_add_signed(isize::from(k)).filter(|&j| j < doc.tokens.len()) {
                        Some(j) => features::word_features(&doc.info[j], k, &mut hashes),
                        None => features::edge(k, &mut hashes),
                    }
                }
                features::context_features(doc, i, window, &mut hashes);
                for &h in &hashes {
                    model.add(h, &mut acc);
                }
                model.scores(&acc)
            })
            .collect();
        let path = model::viterbi(&emissions, &transitions, |_, _| true);
        out.extend(spans(&path, window.start));
    }
    out
}

/// The spans a tag path marks, token indexes offset by `base`.
pub fn spans(path: &[usize], base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in path.iter().chain([&OUTSIDE]).enumerate() {
        let continues = open.is_some_and(|(_, class)| model::is_inside(t) && model::class_of(t) == class);
        if continues {
            continue;
        }
        if let Some((start, class)) = open.take() {
            out.push(Span { tokens: base + start..base + i, class: CLASSES[class] });
        }
        if t != OUTSIDE {
            open = Some((i, model::class_of(t)));
        }
    }
    out
}
