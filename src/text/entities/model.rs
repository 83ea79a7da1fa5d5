//! The name tagger's model: tags, weights and decoding.
//!
//! Tags are BIO over five classes (person, organization, place, group, and misc for the names of
//! events, works, laws and products, found so they are not mistaken for the others). Weights
//! are a feature-hashed table of `i8` rows, one per bucket, one column per tag, plus tag
//! transitions; trained by `examples/train-entities` (see `data/entities/MODEL.md`) and
//! included in the binary as bytes, read in place: no start-up cost.

use std::ops::Range;

use super::EntityKind;

/// A name the tagger found: tokens `start..end` of the document and its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub tokens: Range<usize>,
    pub class: Class,
}

/// The classes the tagger tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Kind(EntityKind),
    /// Events, works, laws, products: names that are none of the kinds.
    Misc,
}

/// The classes in tag order.
pub const CLASSES: [Class; 5] = [
    Class::Kind(EntityKind::Person),
    Class::Kind(EntityKind::Organization),
    Class::Kind(EntityKind::Place),
    Class::Kind(EntityKind::Group),
    Class::Misc,
];

/// Number of tags: `O`, then `B-` and `I-` of each class.
pub const TAGS: usize = 1 + 2 * CLASSES.len();

/// The tag `O`.
pub const OUTSIDE: usize = 0;

/// `B-class` (`inside` false) or `I-class`.
pub const fn tag(class: usize, inside: bool) -> usize {
    1 + 2 * class + inside as usize
}

/// The class index of a tag other than `O`.
pub const fn class_of(tag: usize) -> usize {
    (tag - 1) / 2
}

pub const fn is_inside(tag: usize) -> bool {
    tag != OUTSIDE && (tag - 1) % 2 == 1
}

/// Whether `to` may follow `from`: an `I-` tag only continues its own class.
pub const fn allowed(from: usize, to: usize) -> bool {
    !is_inside(to) || (from != OUTSIDE && class_of(from) == class_of(to))
}

/// Scores per tag for one token.
pub type Scores = [f32; TAGS];

/// The best tag sequence for `emissions`, with `transitions[from][to]` (row `TAGS` is the start,
/// column... the end is `O`), each position restricted to the tags `ok` allows.
pub fn viterbi(
    emissions: &[Scores],
    transitions: &[[f32; TAGS]; TAGS],
    ok: impl Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; TAGS]; n];
    let mut back = vec![[0u8; TAGS]; n];
    for t in 0..TAGS {
        if ok(0, t) && allowed(OUTSIDE, t) {
            score[0][t] = emissions[0][t] + transitions[OUTSIDE][t];
        }
    }
    for i in 1..n {
        for t in 0..TAGS {
            if !ok(i, t) {
                continue;
            }
            let mut best = (f32::NEG_INFINITY, 0);
            for f in 0..TAGS {
                if allowed(f, t) && score[i - 1][f] > f32::NEG_INFINITY {
                    let s = score[i - 1][f] + transitions[f][t];
                    if s > best.0 {
                        best = (s, f);
                    }
                }
            }
            score[i][t] = best.0 + emissions[i][t];
            back[i][t] = best.1 as u8;
        }
    }
    // Leaving the window is a transition into `O`.
    let mut last = (f32::NEG_INFINITY, OUTSIDE);
    for t in 0..TAGS {
        let s = score[n - 1][t] + transitions[t][OUTSIDE];
        if s > last.0 {
            last = (s, t);
        }
    }
    let mut path = vec![last.1; n];
    for i in (1..n).rev() {
        path[i - 1] = usize::from(back[i][path[i]]);
    }
    path
}

/// The committed model: `data/entities/model.bin`.
static MODEL: &[u8] = include_bytes!("../../../data/entities/model.bin");

/// A model read in place from its bytes: `NDNE`, format version, hash bits, tag count, the
/// scale of the weights, `TAGS * TAGS` transition weights (`i16`), then `2^bits` rows of
/// `TAGS` weights (`i8`), little-endian.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    bits: u32,
    scale: f32,
    transitions: &'static [u8],
    weights: &'static [u8],
}

const HEADER: usize = 20;

impl Model {
    /// The compiled-in model, or `None` if it is missing or malformed (then no names are found).
    pub fn get() -> Option<Self> {
        Self::parse(MODEL)
    }

    pub fn parse(bytes: &'static [u8]) -> Option<Self> {
        let word = |at: usize| bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        if bytes.get(..4) != Some(b"NDNE") || word(4)? != 1 || word(12)? as usize != TAGS {
            return None;
        }
        let bits = word(8)?;
        let scale = f32::from_bits(word(16)?);
        let trans_len = TAGS * TAGS * 2;
        let rows = (1usize << bits) * TAGS;
        if bits > 30 || bytes.len() != HEADER + trans_len + rows {
            return None;
        }
        Some(Self {
            bits,
            scale,
            transitions: &bytes[HEADER..HEADER + trans_len],
            weights: &bytes[HEADER + trans_len..],
        })
    }

    /// Adds the weights of feature `hash` to `acc`.
    pub fn add(&self, hash: u64, acc: &mut [i32; TAGS]) {
        let row = (hash >> (64 - self.bits)) as usize * TAGS;
        for (a, &w) in acc.iter_mut().zip(&self.weights[row..row + TAGS]) {
            *a += i32::from(w.cast_signed());
        }
    }

    /// Integer sums in the units of the weights to scores.
    pub fn scores(&self, acc: &[i32; TAGS]) -> Scores {
        let mut out = [0.0; TAGS];
        for (o, &a) in out.iter_mut().zip(acc) {
            #[allow(clippy::cast_precision_loss)] // sums of a few dozen i8 weights
            let a = a as f32;
            *o = a * self.scale;
        }
        out
    }

    pub fn transitions(&self) -> [[f32; TAGS]; TAGS] {
        let mut out = [[0.0; TAGS]; TAGS];
        for (i, row) in out.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                let at = 2 * (i * TAGS + j);
                *cell = f32::from(i16::from_le_bytes([self.transitions[at], self.transitions[at + 1]])) * self.scale;
            }
        }
        out
    }
}

/// Writes a model file from float weights (`weights[bucket * TAGS + tag]`): what the training
/// command saves. Weights are scaled so the largest is 127 (transitions share the scale).
pub fn encode(bits: u32, transitions: &[[f32; TAGS]; TAGS], weights: &[f32]) -> Vec<u8> {
    let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
    let scale = max / 127.0;
    let mut out = b"NDNE".to_vec();
    for v in [1, bits, TAGS as u32, scale.to_bits()] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for row in transitions {
        for &w in row {
            let q = (w / scale).round().clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
    }
    out.extend(weights.iter().map(|&w| ((w / scale).round().clamp(-127.0, 127.0) as i8).cast_unsigned()));
    out
}

/// The float weights and transitions of a model file (what [`encode`] wrote, as stored).
pub fn decode(bytes: &[u8]) -> (Vec<f32>, [[f32; TAGS]; TAGS]) {
    let scale = f32::from_bits(u32::from_le_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]));
    let mut transitions = [[0.0; TAGS]; TAGS];
    for (i, row) in transitions.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            let at = HEADER + 2 * (i * TAGS + j);
            *cell = f32::from(i16::from_le_bytes([bytes[at], bytes[at + 1]])) * scale;
        }
    }
    let weights = bytes[HEADER + TAGS * TAGS * 2..].iter().map(|&b| f32::from(b.cast_signed()) * scale).collect();
    (weights, transitions)
}
