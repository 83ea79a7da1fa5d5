//! The binary's command line: help, the config commands, errors before the terminal is taken
//! over, and `newsdesk list`.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

use crate::{BAD_BYTES_FILE, articles, articles_with_bad_bytes, fixture};

/// The binary, run from the package root with an empty config home and no `NO_COLOR`, so the
/// user's own environment cannot leak into a test. The returned dir must outlive the run.
fn newsdesk() -> (Command, TempDir) {
    let home = tempfile::tempdir().expect("temp config home");
    let mut cmd = Command::cargo_bin("newsdesk").expect("the newsdesk binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", home.path())
        .env("HOME", home.path())
        .env_remove("NO_COLOR");
    (cmd, home)
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let (mut cmd, _home) = newsdesk();
    let output = cmd.args(args).output().expect("newsdesk runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn help_documents_the_arguments_and_commands() {
    let out = run(&["--help"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for word in ["[DIR]", "--config <FILE>", "--print-default-config", "--check-config", "list"] {
        assert!(out.stdout.contains(word), "--help lacks {word}:\n{}", out.stdout);
    }
    let list = run(&["list", "--help"]);
    assert_eq!(list.code, Some(0));
    assert!(list.stdout.contains("--json"), "{}", list.stdout);
}

#[test]
fn print_default_config_is_the_shipped_config_toml() {
    let (mut cmd, _home) = newsdesk();
    let output = cmd.arg("--print-default-config").output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let shipped = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")).expect("config.toml");
    assert!(output.stdout == shipped, "--print-default-config differs from config.toml");
    assert!(output.stderr.is_empty());
}

#[test]
fn check_config_reports_a_bad_fixture_with_its_position() {
    let out = run(&["--check-config", "--config", "tests/fixtures/config/bad_colour.toml"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.starts_with("tests/fixtures/config/bad_colour.toml:3:16: theme.title.fg: unknown colour \"purpel\""),
        "{}",
        out.stderr
    );
}

#[test]
fn check_config_reports_every_problem_of_a_file_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[reader]\nmax_width = 5\n\n[ui]\nmouse = \"yes\"\n").expect("write");
    let out = run(&["--check-config", "--config", path_str(&file)]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stderr);
    let name = path_str(&file);
    assert!(lines[0].starts_with(&format!("{name}:2:13: reader.max_width: ")), "{}", lines[0]);
    assert!(lines[1].starts_with(&format!("{name}:5:9: ui.mouse: ")), "{}", lines[1]);
}

#[test]
fn check_config_accepts_a_valid_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("good.toml");
    std::fs::write(&file, "[reader]\nmax_width = 60\n\n[keys.list]\nopen = [\"o\", \"enter\"]\n").expect("write");
    for config in [path_str(&file), "config.toml"] {
        let out = run(&["--check-config", "--config", config]);
        assert_eq!(out.code, Some(0), "{config}: {}", out.stderr);
        assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{config}: {}{}", out.stdout, out.stderr);
    }
}

#[test]
fn a_missing_config_file_is_one_clear_error() {
    let out = run(&["--check-config", "--config", "tests/fixtures/no-such-config.toml"]);
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("no-such-config.toml"), "{}", out.stderr);
}

#[test]
fn a_missing_folder_fails_before_the_terminal_is_touched() {
    let out = run(&["tests/fixtures/no-such-folder"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    assert_eq!(out.stderr, "newsdesk: tests/fixtures/no-such-folder: no such folder\n");
}

#[test]
fn a_file_instead_of_a_folder_fails_before_the_terminal_is_touched() {
    let file = "tests/fixtures/articles/quiet-week.txt";
    let out = run(&[file]);
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.starts_with(&format!("newsdesk: {file}: not a folder")), "{}", out.stderr);
    assert!(!out.stderr.contains('\x1b'), "no escape sequences: {:?}", out.stderr);
}

#[test]
fn list_prints_one_tab_separated_line_per_article() {
    let out = run(&["list", path_str(&articles())]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let rows: Vec<Vec<&str>> = out.stdout.lines().map(|l| l.split('\t').collect()).collect();
    let paths: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(
        paths,
        [
            "2024-06-03-morning-briefing.txt",
            "harbour-report.md",
            "features/garden-notes.md",
            "quiet-week.txt",
            "tokyo-lanterns.txt"
        ],
        "newest first, undated last"
    );
    for row in &rows {
        assert_eq!(row.len(), 4, "path, date, words, title: {row:?}");
        assert!(row[2].parse::<usize>().is_ok_and(|n| n > 0), "word count: {row:?}");
    }
    assert_eq!(rows[1][1..], ["2024-05-14", "245", "Harbour Cranes Return After a Long Winter"]);
    assert_eq!((rows[0][1], rows[2][1], rows[3][1]), ("2024-06-03", "2023-10-01", "-"));
    assert_eq!(rows[4][3], "Lanterns Along the River in 東京");
}

#[test]
fn list_shows_load_warnings_last() {
    let dir = articles_with_bad_bytes();
    let out = run(&["list", path_str(dir.path())]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let bad = out.stdout.lines().find(|l| l.starts_with(BAD_BYTES_FILE)).expect("the bad file is listed");
    let fields: Vec<&str> = bad.split('\t').collect();
    assert_eq!(fields.len(), 5, "{bad}");
    assert!(fields[4].starts_with("warning: ") && fields[4].contains("UTF-8"), "{bad}");
    assert_eq!(out.stdout.lines().filter(|l| l.contains("\twarning: ")).count(), 1);
}

#[test]
fn list_json_is_an_array_of_articles() {
    let dir = articles_with_bad_bytes();
    let out = run(&["list", "--json", path_str(dir.path())]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let items = json.as_array().expect("a JSON array");
    assert_eq!(items.len(), 6);
    for item in items {
        assert!(item["path"].is_string() && item["title"].is_string(), "{item}");
        assert!(item["words"].as_u64().is_some_and(|n| n > 0), "{item}");
    }
    let harbour = items.iter().find(|i| i["path"] == "harbour-report.md").expect("harbour report");
    assert_eq!(harbour["author"], "Ingrid Solvang");
    assert_eq!(harbour["tags"], serde_json::json!(["harbour", "shipping", "labour"]));
    let bad = items.iter().find(|i| i["path"] == BAD_BYTES_FILE).expect("the bad file");
    assert!(bad["warning"].as_str().is_some_and(|w| w.contains("UTF-8")), "{bad}");
    let warned = items.iter().filter(|i| i.get("warning").is_some()).count();
    assert_eq!(warned, 1, "only the bad file has a warning");
}

#[test]
fn list_of_a_missing_folder_is_an_error() {
    let out = run(&["list", "tests/fixtures/no-such-folder"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(out.stderr, "newsdesk: tests/fixtures/no-such-folder: no such folder\n");
}

#[test]
fn an_empty_folder_lists_nothing() {
    let out = run(&["list", path_str(&fixture("empty"))]);
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""));
    let json = run(&["list", "--json", path_str(&fixture("empty"))]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json.stdout).expect("JSON"), serde_json::json!([]));
}

/// Runs newsdesk with its standard output a pipe whose reader is already gone, as
/// `newsdesk list | head` is once `head` has read enough.
fn run_into_closed_pipe(args: &[&str]) -> Run {
    let home = tempfile::tempdir().expect("temp config home");
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdesk"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", home.path())
        .env("HOME", home.path())
        .args(args)
        .stdout(writer)
        .output()
        .expect("newsdesk runs");
    Run {
        code: output.status.code(),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("crowded.txt");
    let mut body = String::from("Crowded\n\n");
    for i in 0..400 {
        let day = 1 + i % 28;
        writeln!(body, "On March {day} 2024 Maria Lopez paid $1,{i:03} to Acme Corp in Paris.").expect("to a String");
    }
    std::fs::write(&file, body).expect("article");
    let file = path_str(&file);
    let folder = path_str(dir.path());
    let cases: [&[&str]; 8] = [
        &["list", folder],
        &["list", "--json", folder],
        &["entities", file],
        &["entities", "--json", file],
        &["--print-default-config"],
        &["--help"],
        &["completions", "zsh"],
        &["man"],
    ];
    for args in cases {
        let out = run_into_closed_pipe(args);
        assert_eq!((out.code, out.stderr.as_str()), (Some(0), ""), "newsdesk {args:?}");
    }
}

#[test]
fn a_missing_default_folder_says_how_to_choose_one() {
    let (mut cmd, home) = newsdesk();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let output = cmd.current_dir(elsewhere.path()).output().expect("runs");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.starts_with("newsdesk: articles: no such folder\n"), "{stderr}");
    let config_file = home.path().join("newsdesk").join("config.toml");
    for words in ["built-in defaults", "newsdesk DIR", "library.path", &config_file.display().to_string()] {
        assert!(stderr.contains(words), "no {words:?} in {stderr}");
    }
    // From a config file: that file is named, and `list` says the same.
    let config = elsewhere.path().join("my.toml");
    std::fs::write(&config, "[library]\npath = \"/no/such/articles\"\n").expect("config");
    let (mut cmd, _home) = newsdesk();
    let output = cmd.args(["--config", path_str(&config), "list"]).output().expect("runs");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains(&format!("from {}.", config.display())), "{stderr}");
    assert!(!stderr.contains("relative to"), "an absolute path: {stderr}");
}

#[test]
fn completions_and_man_page_come_from_the_binary() {
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.code, Some(0), "{}", bash.stderr);
    assert!(bash.stdout.contains("complete -F") && bash.stdout.contains("entities"), "{}", bash.stdout);
    if let Ok(check) = std::process::Command::new("bash").arg("-n").arg("-c").arg(&bash.stdout).output() {
        assert!(check.status.success(), "bash -n: {}", String::from_utf8_lossy(&check.stderr));
    }
    let wrong = run(&["completions", "tcsh"]);
    assert_eq!(wrong.code, Some(2));
    assert!(wrong.stderr.contains("possible values"), "{}", wrong.stderr);
    let man = run(&["man"]);
    assert_eq!(man.code, Some(0), "{}", man.stderr);
    assert!(man.stdout.contains(".TH newsdesk 1") && man.stdout.contains("NEWSDESK COMPLETIONS"), "{}", man.stdout);
}
