//! Trains newsdesk's name tagger and writes `data/entities/model.bin`.
//!
//! ```sh
//! cargo run --release --example train-entities                 # ../shared/ner-train, as committed
//! cargo run --release --example train-entities -- --data DIR --out FILE --epochs N --bits B
//! ```
//!
//! Reads the openly licensed training sets in `ner-train` (see `data/entities/MODEL.md`), the
//! hand-written training articles in `data/entities/train/` and generated ones (`synth.rs`),
//! lays them out as article text, and trains an averaged structured perceptron over newsdesk's
//! own features. Single-threaded with a fixed seed: the same inputs give the same bytes.

// A training script: float statistics over counts, small fixed tables indexed in loops.
#![allow(
    clippy::cast_precision_loss,
    clippy::doc_markdown,
    clippy::needless_range_loop,
    clippy::large_types_passed_by_value,
    clippy::format_push_string
)]

mod data;
mod perceptron;
mod rng;
mod synth;

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsdesk::text::entities::context::Doc;
use newsdesk::text::entities::features;
use newsdesk::text::entities::model::{self, CLASSES};

use data::Source;
use perceptron::{Instance, Perceptron};
use rng::Rng;

const SEED: u64 = 0x6e65_7773_6465_736b; // "newsdesk"

/// Bits of the classes a source does not annotate (person, organization, place, group, misc).
/// Unannotated groups are masked only on words the lexicon knows as groups.
const GROUP: u8 = 1 << 3;
const MISC: u8 = 1 << 4;

/// (file under the data folder, classes it does not annotate, sentences per document when the
/// file has no document marks).
const TRAIN: &[(&str, u8, usize)] = &[
    ("re3d/australian-dfat.conll", GROUP | MISC, 0),
    ("re3d/centcom.conll", GROUP | MISC, 0),
    ("re3d/uk-government.conll", GROUP | MISC, 0),
    ("re3d/us-state-department.conll", GROUP | MISC, 0),
    ("re3d/wikipedia.conll", GROUP | MISC, 0),
    ("gum/train.cc-by.conll", GROUP, 0),
    ("gum/train.cc-by-sa.conll", GROUP, 0),
    ("gum/test.cc-by.conll", GROUP, 0),
    ("gum/test.cc-by-sa.conll", GROUP, 0),
    ("uner/en_ewt-test.conll", GROUP | MISC, 0),
    ("uner/en_pud-test.conll", GROUP | MISC, 0),
    ("crossner-politics/train.conll", 0, 10),
    ("crossner-politics/dev.conll", 0, 10),
    ("crossner-politics/test.conll", 0, 10),
];
/// Held out to measure progress, never trained on.
const DEV: &[(&str, u8, usize)] = &[
    ("gum/dev.cc-by.conll", GROUP, 0),
    ("gum/dev.cc-by-sa.conll", GROUP, 0),
    ("uner/en_ewt-dev.conll", GROUP | MISC, 0),
];

struct Args {
    data: PathBuf,
    out: PathBuf,
    epochs: usize,
    bits: u32,
    synthetic: usize,
    crossner: Option<PathBuf>,
}

fn args() -> Args {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut a = Args {
        data: root.join("../shared/ner-train"),
        out: root.join("data/entities/model.bin"),
        epochs: 12,
        bits: 18,
        synthetic: 600,
        crossner: Some(root.join("data/entities/train/crossner")),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => a.data = value.into(),
            "--out" => a.out = value.into(),
            "--epochs" => a.epochs = value.parse().expect("a number of epochs"),
            "--bits" => a.bits = value.parse().expect("a number of bits"),
            "--crossner" => a.crossner = Some(value.into()),
            "--synthetic" => a.synthetic = value.parse().expect("a number of articles"),
            other => panic!("unknown option {other}"),
        }
    }
    a
}

/// Lays out every document and turns its windows into instances.
fn instances(sources: &[Source], perceptron: &Perceptron, rng: &mut Rng) -> Vec<Instance> {
    let mut out = Vec::new();
    let mut hashes = Vec::new();
    for source in sources {
        let layout = data::Layout::random(rng);
        let rendered = data::render(source, layout, rng);
        let doc = Doc::new(&rendered.text);
        let allowed = data::allowed_tags(&doc, &rendered, source.unannotated);
        for window in doc.windows.clone() {
            let tags = data::window_tags(&allowed, &window);
            let features = window
                .clone()
                .map(|i| {
                    hashes.clear();
                    features::all_features(&doc, i, &window, &mut hashes);
                    hashes.iter().map(|&h| perceptron.bucket(h)).collect()
                })
                .collect();
            out.push(Instance { features, allowed: tags.allowed });
        }
    }
    out
}

fn load(dir: &Path, files: &[(&str, u8, usize)]) -> Vec<Source> {
    files.iter().flat_map(|(file, unannotated, chunk)| data::read(&dir.join(file), *unannotated, *chunk)).collect()
}

/// Exact-span precision, recall and F1 per class over the dev windows (sure gold only).
fn evaluate(p: &Perceptron, dev: &[Instance]) -> String {
    let mut counts = vec![[0usize; 3]; CLASSES.len()];
    for x in dev {
        let guess = p.predict(x);
        let sure: Option<Vec<usize>> =
            x.allowed.iter().map(|&m| (m.is_power_of_two()).then(|| m.trailing_zeros() as usize)).collect();
        let Some(gold) = sure else { continue };
        let g = spans(&gold);
        let q = spans(&guess);
        for s in &q {
            counts[s.2][1] += 1;
            counts[s.2][0] += usize::from(g.contains(s));
        }
        for s in &g {
            counts[s.2][2] += 1;
        }
    }
    let mut out = String::new();
    for (c, [hit, guessed, gold]) in counts.iter().enumerate() {
        let (p, r) = (*hit as f64 / (*guessed).max(1) as f64, *hit as f64 / (*gold).max(1) as f64);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        out.push_str(&format!("{:?} {f:.3} ({hit}/{guessed}/{gold})  ", CLASSES[c]));
    }
    out
}

fn spans(path: &[usize]) -> Vec<(usize, usize, usize)> {
    newsdesk::text::entities::tagger::spans(path, 0)
        .into_iter()
        .map(|s| (s.tokens.start, s.tokens.end, CLASSES.iter().position(|c| *c == s.class).unwrap_or(0)))
        .collect()
}

fn main() {
    let args = args();
    let started = Instant::now();
    let mut rng = Rng::new(SEED);
    let mut p = Perceptron::new(args.bits);
    let mut train = load(&args.data, TRAIN);
    data::countries_are_places(&mut train);
    let names = synth::Names::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/entities"));
    if let Some(dir) = &args.crossner {
        for domain in ["music", "literature", "science", "ai"] {
            for split in ["train", "dev", "test"] {
                train.extend(data::read_crossner(&dir.join(format!("{domain}-{split}.txt")), 10));
            }
        }
    }
    train.extend(synth::articles(args.synthetic, &names, &mut rng));
    let dev = load(&args.data, DEV);
    let mut train = instances(&train, &p, &mut rng);
    let dev = instances(&dev, &p, &mut Rng::new(SEED + 1));
    let tokens: usize = train.iter().map(|x| x.allowed.len()).sum();
    eprintln!(
        "{} training windows ({tokens} tokens), {} dev windows, {:.1?}",
        train.len(),
        dev.len(),
        started.elapsed()
    );
    for epoch in 1..=args.epochs {
        rng.shuffle(&mut train);
        let wrong = train.iter().filter(|x| p.learn(x)).count();
        eprintln!("epoch {epoch}: {wrong} windows wrong, {:.1?}", started.elapsed());
    }
    let (weights, transitions) = p.averaged();
    let mut avg = Perceptron::new(args.bits);
    avg.set(weights.clone(), transitions);
    eprintln!("dev: {}", evaluate(&avg, &dev));
    let bytes = model::encode(args.bits, &transitions, &weights);
    let (qw, qt) = model::decode(&bytes);
    avg.set(qw, qt);
    eprintln!("dev, as stored: {}", evaluate(&avg, &dev));
    std::fs::write(&args.out, bytes).unwrap_or_else(|e| panic!("{}: {e}", args.out.display()));
    eprintln!("wrote {} in {:.1?}", args.out.display(), started.elapsed());
}
