//! The default entity palette: eight kinds in eight colours that stay apart (CIEDE2000) for
//! every reader, colour-blind ones included, readable on dark and light backgrounds, none in the
//! title's style; and without colour, eight different mixes of attributes.

// Colour science: the standard formulas keep their one-letter names and published constants.
#![allow(clippy::many_single_char_names, clippy::unreadable_literal, clippy::similar_names)]

use newsdesk::config::{Config, Marker};
use newsdesk::text::entities::EntityKind;
use newsdesk::text::segments::Mark;
use ratatui::style::{Color, Modifier};

/// An xterm 256-colour index (or a truecolor value) as sRGB.
fn rgb(c: Color) -> [f64; 3] {
    const LEVELS: [f64; 6] = [0.0, 95.0, 135.0, 175.0, 215.0, 255.0];
    match c {
        Color::Rgb(r, g, b) => [f64::from(r), f64::from(g), f64::from(b)],
        Color::Indexed(i @ 16..=231) => {
            let i = usize::from(i - 16);
            [LEVELS[i / 36], LEVELS[(i / 6) % 6], LEVELS[i % 6]]
        }
        other => panic!("the default palette uses the 6x6x6 cube or truecolor, not {other:?}"),
    }
}

fn linear(c: f64) -> f64 {
    let c = c / 255.0;
    if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

fn luminance(c: [f64; 3]) -> f64 {
    0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
}

fn lab(c: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = c.map(linear);
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
    [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
}

/// CIEDE2000 colour difference.
#[allow(clippy::many_single_char_names, clippy::similar_names)]
fn ciede2000(p: [f64; 3], q: [f64; 3]) -> f64 {
    let ([l1, a1, b1], [l2, a2, b2]) = (p, q);
    let c_bar = f64::midpoint(a1.hypot(b1), a2.hypot(b2));
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1, c2) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| b.atan2(a).to_degrees().rem_euclid(360.0);
    let (h1, h2) = (hue(b1, a1p), hue(b2, a2p));
    let mut dh = h2 - h1;
    if c1 * c2 == 0.0 {
        dh = 0.0;
    } else if dh > 180.0 {
        dh -= 360.0;
    } else if dh < -180.0 {
        dh += 360.0;
    }
    let big_dh = 2.0 * (c1 * c2).sqrt() * (dh / 2.0).to_radians().sin();
    let (l_bar, cp_bar) = (f64::midpoint(l1, l2), f64::midpoint(c1, c2));
    let h_bar = if c1 * c2 == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        f64::midpoint(h1, h2)
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let cos = |d: f64| d.to_radians().cos();
    let t = 1.0 - 0.17 * cos(h_bar - 30.0) + 0.24 * cos(2.0 * h_bar) + 0.32 * cos(3.0 * h_bar + 6.0)
        - 0.20 * cos(4.0 * h_bar - 63.0);
    let theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cp_bar.powi(7) / (cp_bar.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let (sc, sh) = (1.0 + 0.045 * cp_bar, 1.0 + 0.015 * cp_bar * t);
    let rt = -(2.0 * theta).to_radians().sin() * rc;
    let (dl, dc, dhh) = ((l2 - l1) / sl, (c2 - c1) / sc, big_dh / sh);
    (dl * dl + dc * dc + dhh * dhh + rt * dc * dhh).sqrt()
}

/// Colour-blind vision (Machado et al. 2009, severity 1), applied in linear RGB.
fn simulate(c: [f64; 3], m: [[f64; 3]; 3]) -> [f64; 3] {
    let l = c.map(linear);
    let gamma = |v: f64| {
        let v = v.clamp(0.0, 1.0);
        255.0 * if v <= 0.003_130_8 { 12.92 * v } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 }
    };
    [0, 1, 2].map(|i| gamma(m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]))
}

const DEUTERANOPIA: [[f64; 3]; 3] =
    [[0.367_322, 0.860_646, -0.227_968], [0.280_085, 0.672_501, 0.047_413], [-0.011_820, 0.042_940, 0.968_881]];
const PROTANOPIA: [[f64; 3]; 3] =
    [[0.152_286, 1.052_583, -0.204_868], [0.114_503, 0.786_281, 0.099_216], [-0.003_882, -0.048_116, 1.051_998]];

fn default_colours() -> Vec<(EntityKind, [f64; 3])> {
    let theme = Config::default().theme;
    EntityKind::ALL
        .iter()
        .map(|&k| (k, rgb(theme.mark(Mark::Entity(k)).fg.expect("every kind has a colour"))))
        .collect()
}

#[test]
fn every_two_kinds_differ_for_every_reader_in_256_colours_and_truecolor() {
    let colours = default_colours();
    for (i, (a, ca)) in colours.iter().enumerate() {
        for (b, cb) in &colours[i + 1..] {
            // The 256-colour index and the truecolor value it stands for are the same sRGB.
            let normal = ciede2000(lab(*ca), lab(*cb));
            assert!(normal >= 15.0, "{a} and {b}: CIEDE2000 {normal:.1}");
            for (name, m) in [("deuteranopia", DEUTERANOPIA), ("protanopia", PROTANOPIA)] {
                let d = ciede2000(lab(simulate(*ca, m)), lab(simulate(*cb, m)));
                assert!(d >= 10.0, "{a} and {b} with {name}: CIEDE2000 {d:.1}");
            }
        }
    }
}

#[test]
fn every_kind_reads_on_dark_and_light_backgrounds() {
    for (kind, c) in default_colours() {
        let l = luminance(c);
        let (on_black, on_white) = ((l + 0.05) / 0.05, 1.05 / (l + 0.05));
        assert!(on_black >= 2.5 && on_white >= 2.5, "{kind}: contrast {on_black:.1} on black, {on_white:.1} on white");
    }
}

#[test]
fn no_kind_has_the_titles_style() {
    let theme = Config::default().theme;
    for kind in EntityKind::ALL {
        assert_ne!(theme.mark(Mark::Entity(kind)), theme.title, "{kind}");
        assert_ne!(theme.mark(Mark::Entity(kind)).fg, theme.title.fg, "{kind}");
    }
}

#[test]
fn without_colour_every_kind_has_its_own_attributes() {
    let plain = Config::from_toml("", "t.toml", true).expect("the defaults parse").theme;
    assert_eq!(plain.marker, Marker::Modifiers, "NO_COLOR turns the marker on");
    let shown: Vec<Modifier> = EntityKind::ALL
        .iter()
        .map(|&k| {
            let s = plain.mark(Mark::Entity(k));
            assert_eq!(s.fg, None, "{k}: no colour under NO_COLOR");
            s.add_modifier - s.sub_modifier
        })
        .collect();
    for (i, a) in shown.iter().enumerate() {
        for (j, b) in shown.iter().enumerate().skip(i + 1) {
            assert_ne!(a, b, "{} and {} look the same without colour", EntityKind::ALL[i], EntityKind::ALL[j]);
        }
        assert_ne!(*a, plain.title.add_modifier, "{} looks like the title", EntityKind::ALL[i]);
    }
}
