//! The `newsdesk entities` contract: byte offsets into the file exactly as stored, whatever its
//! encoding quirks and line layout, and a clear error for a file that can't be read.

use std::path::Path;

use assert_cmd::Command;

fn entities_json(path: &Path) -> Vec<serde_json::Value> {
    let out =
        Command::cargo_bin("newsdesk").expect("binary").args(["entities", "--json"]).arg(path).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("a JSON array")
}

/// Every span slices the file to exactly its `text` (decoded, for a file in a legacy
/// encoding), spans are ordered and disjoint, and kinds are the documented ones.
fn assert_contract_in(bytes: &[u8], spans: &[serde_json::Value], encoding: &'static encoding_rs::Encoding) {
    let kinds = ["person", "organization", "place", "group", "date", "money", "percent", "number"];
    let mut last = 0;
    for span in spans {
        let start = usize::try_from(span["start"].as_u64().expect("start")).expect("fits");
        let end = usize::try_from(span["end"].as_u64().expect("end")).expect("fits");
        let text = span["text"].as_str().expect("text");
        assert!(start >= last && start < end && end <= bytes.len(), "{span}");
        if encoding == encoding_rs::UTF_8 {
            assert_eq!(&bytes[start..end], text.as_bytes(), "{span}");
        } else {
            assert_eq!(encoding.decode_without_bom_handling(&bytes[start..end]).0, text, "{span}");
        }
        assert!(kinds.contains(&span["kind"].as_str().expect("kind")), "{span}");
        last = end;
    }
}

fn has(spans: &[serde_json::Value], kind: &str, text: &str) -> bool {
    spans.iter().any(|s| s["kind"] == kind && s["text"] == text)
}

const ARTICLE: &str = "North Korea Hackers Stole $81 Million, Report Says\n\nThe heist was carried out on February 9 by\nhackers working for North Korea, according to Anjali Raman of Kestrel Ridge\nAnalytics. Losses rose 300 percent from 2017.\n";

#[test]
fn offsets_slice_the_file_for_every_line_layout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let crlf = ARTICLE.replace('\n', "\r\n");
    let one_line = ARTICLE.replace("\n\n", "\n").replace(" by\n", " by ").replace("Ridge\n", "Ridge ");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("lf.txt", ARTICLE.as_bytes().to_vec()),
        ("crlf.txt", crlf.into_bytes()),
        ("bom.txt", [b"\xef\xbb\xbf".as_slice(), ARTICLE.as_bytes()].concat()),
        ("latin1.txt", ARTICLE.replace("Anjali", "Ang\u{e9}li").replace('\u{e9}', "\u{1}").into_bytes()),
        ("sentence-per-line.txt", one_line.into_bytes()),
        ("markdown.md", format!("# {ARTICLE}").into_bytes()),
    ];
    for (name, mut bytes) in cases {
        if name == "latin1.txt" {
            // A lone Latin-1 byte: not UTF-8.
            let at = bytes.iter().position(|&b| b == 1).expect("marker");
            bytes[at] = 0xe9;
        }
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let spans = entities_json(&path);
        // A lone Latin-1 byte is not UTF-8: the file is read as Windows-1252 (detected), and
        // the offsets still slice the file as stored.
        let encoding = if name == "latin1.txt" { encoding_rs::WINDOWS_1252 } else { encoding_rs::UTF_8 };
        assert_contract_in(&bytes, &spans, encoding);
        for (kind, text) in
            [("money", "$81 Million"), ("date", "February 9"), ("percent", "300 percent"), ("date", "2017")]
        {
            assert!(has(&spans, kind, text), "{name}: no {kind} {text:?} in {spans:?}");
        }
        assert!(has(&spans, "place", "North Korea"), "{name}: {spans:?}");
    }
}

#[test]
fn utf16_files_map_back_to_their_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("u16.txt");
    let bytes: Vec<u8> = [0xff, 0xfe].into_iter().chain(ARTICLE.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(&path, &bytes).expect("write");
    let spans = entities_json(&path);
    assert!(has(&spans, "money", "$81 Million") && has(&spans, "place", "North Korea"), "{spans:?}");
    for span in &spans {
        let start = usize::try_from(span["start"].as_u64().expect("start")).expect("fits");
        let end = usize::try_from(span["end"].as_u64().expect("end")).expect("fits");
        let units: Vec<u16> = bytes[start..end].chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
        assert_eq!(String::from_utf16(&units).expect("whole characters"), span["text"].as_str().expect("text"));
    }
}

#[test]
fn binary_files_are_refused_like_the_reader_skips_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("image.txt");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0Paris").expect("write");
    let out = Command::cargo_bin("newsdesk").expect("binary").arg("entities").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary file"));
}

#[test]
fn the_table_names_kinds_and_offsets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("a.txt");
    std::fs::write(&path, ARTICLE).expect("write");
    let out = Command::cargo_bin("newsdesk").expect("binary").arg("entities").arg(&path).output().expect("runs");
    let table = String::from_utf8(out.stdout).expect("utf-8");
    assert!(out.status.success());
    assert!(table.lines().any(|l| l.starts_with("money") && l.contains("$81 Million")), "{table}");
    assert!(table.lines().any(|l| l.starts_with("percent") && l.contains("300 percent")), "{table}");
}

#[test]
fn a_missing_file_is_a_clear_error_with_exit_2() {
    let out = Command::cargo_bin("newsdesk")
        .expect("binary")
        .args(["entities", "/nonexistent/article.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/article.txt") && err.contains("cannot read"), "{err}");
    assert!(out.stdout.is_empty());
}

fn run(args: &[&str], path: &Path) -> Vec<serde_json::Value> {
    let out = Command::cargo_bin("newsdesk").expect("binary").args(args).arg(path).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("a JSON array")
}

#[test]
fn every_mention_names_its_entity() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("talks.txt");
    let text = "Talks in Seoul\n\nDonald Trump met the Department of Justice (DOJ) team. Trump said the DOJ agreed.\n";
    std::fs::write(&path, text).expect("write");
    let spans = entities_json(&path);
    let entity = |text: &str| spans.iter().find(|s| s["text"] == text).map(|s| s["entity"].clone());
    assert_eq!(entity("Trump"), Some("Donald Trump".into()), "{spans:?}");
    assert_eq!(entity("Donald Trump"), Some("Donald Trump".into()), "{spans:?}");
    assert_eq!(entity("DOJ"), Some("Department of Justice".into()), "{spans:?}");
}

#[test]
fn the_configs_watch_lists_apply_and_code_is_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[[entities.watch]]\nname = \"coins\"\nstyle = { fg = \"red\" }\nterms = [\"Monero\"]\n")
        .expect("write");
    let path = dir.path().join("notes.md");
    let text =
        "# Coins\n\nThey moved $81 million in Monero.\n\n```\nprice = 42 percent\n```\n\nRun `cost 300 percent` now.\n";
    std::fs::write(&path, text).expect("write");
    let spans = run(&["entities", "--json", "--config", config.to_str().expect("utf-8")], &path);
    assert!(spans.iter().any(|s| s["kind"] == "watch" && s["text"] == "Monero" && s["entity"] == "coins"), "{spans:?}");
    assert!(has(&spans, "money", "$81 million"), "{spans:?}");
    let code_start = text.find("```").expect("a code block");
    let in_code = |s: &serde_json::Value| s["start"].as_u64().is_some_and(|at| at as usize >= code_start);
    assert!(!spans.iter().any(in_code), "nothing inside code: {spans:?}");
}
