//! The averaged structured perceptron: decode a window with the current weights, and where the
//! best path differs from the best path the gold allows, move the weights toward the gold.
//! Averaging (the running sum trick) keeps the final weights from chasing the last examples.

use newsdesk::text::entities::model::{self, OUTSIDE, Scores, TAGS};

/// One training window: per token, its feature buckets and the tags the gold allows.
pub struct Instance {
    pub features: Vec<Vec<u32>>,
    pub allowed: Vec<u16>,
}

pub struct Perceptron {
    pub bits: u32,
    weights: Vec<f32>,
    sums: Vec<f64>,
    transitions: [[f32; TAGS]; TAGS],
    transition_sums: [[f64; TAGS]; TAGS],
    step: f64,
}

impl Perceptron {
    pub fn new(bits: u32) -> Self {
        let n = (1usize << bits) * TAGS;
        Self {
            bits,
            weights: vec![0.0; n],
            sums: vec![0.0; n],
            transitions: [[0.0; TAGS]; TAGS],
            transition_sums: [[0.0; TAGS]; TAGS],
            step: 1.0,
        }
    }

    pub fn bucket(&self, hash: u64) -> u32 {
        (hash >> (64 - self.bits)) as u32
    }

    fn emissions(weights: &[f32], x: &Instance) -> Vec<Scores> {
        x.features
            .iter()
            .map(|fs| {
                let mut s = [0.0; TAGS];
                for &f in fs {
                    let row = &weights[f as usize * TAGS..(f as usize + 1) * TAGS];
                    s.iter_mut().zip(row).for_each(|(a, w)| *a += w);
                }
                s
            })
            .collect()
    }

    /// The tags the current weights give `x`.
    pub fn predict(&self, x: &Instance) -> Vec<usize> {
        model::viterbi(&Self::emissions(&self.weights, x), &self.transitions, |_, _| true)
    }

    /// Learns from one window; returns whether the prediction was wrong.
    pub fn learn(&mut self, x: &Instance) -> bool {
        let emissions = Self::emissions(&self.weights, x);
        let guess = model::viterbi(&emissions, &self.transitions, |_, _| true);
        let gold = model::viterbi(&emissions, &self.transitions, |i, t| x.allowed[i] & (1 << t) != 0);
        let wrong = guess != gold;
        if wrong {
            self.update(x, &gold, 1.0);
            self.update(x, &guess, -1.0);
        }
        self.step += 1.0;
        wrong
    }

    fn update(&mut self, x: &Instance, path: &[usize], delta: f32) {
        let step = self.step;
        for (fs, &t) in x.features.iter().zip(path) {
            for &f in fs {
                let at = f as usize * TAGS + t;
                self.weights[at] += delta;
                self.sums[at] += step * f64::from(delta);
            }
        }
        let mut from = OUTSIDE;
        for &t in path.iter().chain([&OUTSIDE]) {
            self.transitions[from][t] += delta;
            self.transition_sums[from][t] += step * f64::from(delta);
            from = t;
        }
    }

    /// Replaces the weights (to evaluate averaged ones).
    pub fn set(&mut self, weights: Vec<f32>, transitions: [[f32; TAGS]; TAGS]) {
        self.weights = weights;
        self.transitions = transitions;
    }

    /// The averaged weights and transitions.
    pub fn averaged(&self) -> (Vec<f32>, [[f32; TAGS]; TAGS]) {
        let avg = |w: f32, s: f64| (f64::from(w) - s / self.step) as f32;
        let weights = self.weights.iter().zip(&self.sums).map(|(&w, &s)| avg(w, s)).collect();
        let mut transitions = [[0.0; TAGS]; TAGS];
        for i in 0..TAGS {
            for j in 0..TAGS {
                transitions[i][j] = avg(self.transitions[i][j], self.transition_sums[i][j]);
            }
        }
        (weights, transitions)
    }
}
