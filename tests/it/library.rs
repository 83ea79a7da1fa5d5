//! The list as a library (issue 5): the filter (titles, full text, entities), sorting by last
//! read, narrowing to a folder, read marks, the reading state kept between runs, and changes on
//! disk; key scripts through `App::step` on the real keymap.

use std::fs;
use std::path::Path;
use std::time::Duration;

use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::library::changes_at;
use newsdesk::library::filter::Query;
use newsdesk::state::Focus;
use newsdesk::update::Msg;

use crate::flow::press;
use crate::{app_on, articles, copy_dir};

const MORNING: &str = "Morning Briefing: Rain, Roads and a Late Train";
const HARBOUR: &str = "Harbour Cranes Return After a Long Winter";
const GARDEN: &str = "Notes From an Allotment";
const QUIET: &str = "A Quiet Week at the Town Library";
const LANTERNS: &str = "Lanterns Along the River in 東京";

fn app() -> App {
    app_on(&articles(), Config::default(), 100, 30)
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.step(Msg::Type(c));
    }
}

/// The titles listed, in order.
fn listed(app: &App) -> Vec<String> {
    app.state.list.order.iter().map(|&i| app.state.library.entries[i].meta.title.clone()).collect()
}

fn selected_title(app: &App) -> String {
    let i = app.state.selected_entry().expect("an article is selected");
    app.state.library.entries[i].meta.title.clone()
}

fn shown_title(app: &App) -> String {
    app.state.reading.reader.as_ref().expect("an article is shown").article.meta.title.clone()
}

fn settle(app: &mut App) {
    assert!(app.wait_for_background(Duration::from_secs(20)), "background work finished");
}

/// A temporary copy of the fixture articles.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&articles(), dir.path());
    dir
}

#[test]
fn slash_filters_titles_as_you_type_and_esc_in_the_list_clears() {
    let mut app = app();
    press(&mut app, "/");
    assert!(app.state.overlays.prompt.is_some(), "/ opens the filter prompt in the list");
    type_text(&mut app, "lntrns");
    assert_eq!(listed(&app), [LANTERNS], "fuzzy: l-n-t-r-n-s in order");
    assert_eq!(shown_title(&app), LANTERNS, "the best match is selected and previewed");
    press(&mut app, "ctrl-u");
    assert_eq!(listed(&app).len(), 5, "an empty filter lists everything");
    type_text(&mut app, "the");
    // Every title with t-h-e in order: all but the garden notes; the best first.
    assert!(!listed(&app).contains(&GARDEN.to_string()), "{:?}", listed(&app));
    press(&mut app, "enter");
    assert!(app.state.overlays.prompt.is_none());
    assert_eq!(app.state.focus, Focus::List);
    assert!(app.state.list_title().ends_with("· the"), "{}", app.state.list_title());
    let kept = listed(&app);
    press(&mut app, "j");
    assert_eq!(listed(&app), kept, "the filter stays while moving");
    press(&mut app, "esc");
    assert_eq!(listed(&app).len(), 5);
    assert_eq!(app.state.message.as_deref(), Some("filter cleared"));
}

#[test]
fn esc_in_the_filter_prompt_puts_back_the_filter_and_selection_before() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "quiet");
    press(&mut app, "enter");
    assert_eq!(listed(&app), [QUIET]);
    // `/` again edits the filter in force; esc puts it back.
    press(&mut app, "/");
    assert_eq!(app.state.overlays.prompt.as_ref().map(|p| p.input.as_str()), Some("quiet"));
    press(&mut app, "ctrl-u");
    type_text(&mut app, "harb");
    assert_eq!(listed(&app), [HARBOUR]);
    press(&mut app, "esc");
    assert_eq!(listed(&app), [QUIET]);
    assert_eq!(selected_title(&app), QUIET);
}

#[test]
fn full_text_filter_lists_articles_with_counts_and_opening_one_searches_it() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, ">lantern");
    settle(&mut app);
    let filter = app.state.list.filter.as_ref().expect("a filter");
    assert_eq!(filter.query, Query::FullText("lantern".into()));
    assert!(filter.complete);
    assert_eq!(listed(&app), [LANTERNS]);
    let i = app.state.list.order[0];
    assert_eq!(filter.counts.get(&i), Some(&4), "the title and three times in the text");
    press(&mut app, "enter");
    let search = app.state.reading.search.as_ref().expect("the query became the search");
    assert_eq!((search.query.as_str(), search.matches.len()), ("lantern", 4));
    press(&mut app, "enter");
    assert_eq!(app.state.focus, Focus::Reader);
    assert!(app.state.reading.search.as_ref().is_some_and(|s| s.current.is_some()), "the view is on a match");
    // A phrase with no hit anywhere lists nothing, and says so.
    press(&mut app, "h /");
    press(&mut app, "ctrl-u");
    type_text(&mut app, ">zeppelin hangar");
    settle(&mut app);
    assert!(listed(&app).is_empty());
    assert_eq!(app.state.message.as_deref(), Some("no article matches the filter"));
}

#[test]
fn the_entity_panel_filters_the_list_to_the_articles_that_mention_a_name() {
    let mut app = app();
    press(&mut app, "j");
    assert_eq!(selected_title(&app), HARBOUR);
    settle(&mut app);
    press(&mut app, "E");
    let panel = app.state.overlays.panel.as_ref().expect("the panel is open");
    let february = panel.groups.iter().position(|g| g.name == "February").expect("a date in the text");
    for _ in 0..february {
        press(&mut app, "j");
    }
    press(&mut app, "f");
    assert!(app.state.overlays.panel.is_none(), "f closes the panel");
    settle(&mut app);
    let filter = app.state.list.filter.as_ref().expect("an entity filter");
    assert!(matches!(&filter.query, Query::Entity { name, exact: Some(_) } if name == "February"));
    assert_eq!(listed(&app), [HARBOUR]);
    assert!(app.state.list_title().contains("@February (date)"), "{}", app.state.list_title());
    // Typed with @, a part of the name in any case finds it too.
    press(&mut app, "/ ctrl-u");
    type_text(&mut app, "@februar");
    settle(&mut app);
    assert_eq!(listed(&app), [HARBOUR]);
}

#[test]
fn opening_marks_read_m_toggles_and_last_read_sorts_most_recent_first() {
    let mut app = app();
    let read = |app: &App, title: &str| {
        app.state.library.entries.iter().find(|e| e.meta.title == title).expect("listed").reading.read
    };
    assert!(!read(&app, MORNING), "nothing is read at first");
    press(&mut app, "j");
    assert!(!read(&app, HARBOUR), "previewing is not reading");
    press(&mut app, "enter");
    assert!(read(&app, HARBOUR), "opening marks read");
    press(&mut app, "m");
    assert!(!read(&app, HARBOUR), "m marks it unread again");
    assert_eq!(app.state.message.as_deref(), Some("marked unread"));
    press(&mut app, "m");
    assert!(read(&app, HARBOUR));
    press(&mut app, "] h");
    assert_eq!(selected_title(&app), GARDEN);
    press(&mut app, "s s s s");
    assert_eq!(app.state.options.sort.name(), "last-read");
    assert!(app.state.list_title().contains("by last-read"));
    let order = listed(&app);
    assert_eq!(&order[..2], [GARDEN, HARBOUR], "most recently read first: {order:?}");
}

#[test]
fn narrow_folder_lists_one_folder_and_again_all() {
    let mut app = app();
    press(&mut app, "j j");
    assert_eq!(selected_title(&app), GARDEN);
    press(&mut app, "F");
    assert_eq!(listed(&app), [GARDEN]);
    assert!(app.state.list_title().contains("in features/"), "{}", app.state.list_title());
    press(&mut app, "F");
    assert_eq!(listed(&app).len(), 5);
    press(&mut app, "g F");
    assert_eq!(listed(&app).len(), 4, "the top folder alone");
    assert!(app.state.list_title().contains("in ./"));
}

#[test]
fn the_reading_state_survives_a_restart_and_a_rename() {
    let dir = copy();
    let state_dir = tempfile::tempdir().expect("state dir");
    let state_file = state_dir.path().join("newsdesk/state.json");
    let mut first = app_on(dir.path(), Config::default(), 100, 30);
    first.keep_state(state_file.clone());
    first.load_in_background();
    settle(&mut first);
    press(&mut first, "j enter ctrl-d");
    let anchor = first.state.reading.reader.as_ref().expect("open").anchor();
    assert!(anchor > 0, "scrolled into the article");
    first.tick();
    drop(first);
    assert!(state_file.exists());
    assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 5, "nothing written into the articles folder");

    let second_app = |dir: &Path| {
        let mut app = app_on(dir, Config::default(), 100, 30);
        app.keep_state(state_file.clone());
        app
    };
    let second = second_app(dir.path());
    assert_eq!(selected_title(&second), HARBOUR, "the last selected article is selected again");
    assert_eq!(
        second.state.reading.reader.as_ref().map(newsdesk::state::Reader::anchor),
        Some(anchor),
        "at the same place"
    );
    assert!(second.state.library.entries.iter().any(|e| e.meta.title == HARBOUR && e.reading.read));
    drop(second);

    // Renamed and moved: found again by its content once it has been read.
    fs::create_dir(dir.path().join("moved")).expect("mkdir");
    fs::rename(dir.path().join("harbour-report.md"), dir.path().join("moved/cranes.md")).expect("rename");
    let mut third = second_app(dir.path());
    let moved = third.state.library.entries.iter().find(|e| e.rel == "moved/cranes.md").expect("listed");
    assert!(!moved.reading.read, "its path is new");
    drain_loader(&mut third);
    let moved = third.state.library.entries.iter().find(|e| e.rel == "moved/cranes.md").expect("listed");
    assert!(moved.reading.read, "the renamed article is still read");
    assert_eq!(moved.reading.at, anchor, "and keeps its position");
}

/// Reads every article fully and applies the result, as the event loop does with the
/// background loader's batches.
fn drain_loader(app: &mut App) {
    let rx = app.state.library.spawn_full_load();
    let batch: Vec<_> = rx.iter().collect();
    app.step(Msg::Loaded(batch));
}

#[test]
fn a_corrupt_state_file_is_set_aside_with_a_message() {
    let state_dir = tempfile::tempdir().expect("state dir");
    let state_file = state_dir.path().join("state.json");
    fs::write(&state_file, "{ not json").expect("write");
    let mut app = app();
    app.keep_state(state_file.clone());
    let message = app.state.message.clone().expect("a message");
    assert!(message.starts_with("reading state was unreadable"), "{message}");
    assert!(!state_file.exists(), "set aside");
    assert_eq!(listed(&app).len(), 5, "and the app runs");
}

#[test]
fn files_added_changed_and_removed_on_disk_update_the_list_in_place() {
    let dir = copy();
    let root = fs::canonicalize(dir.path()).expect("canonical");
    let mut app = app_on(&root, Config::default(), 100, 30);
    let changed = |app: &mut App, path: &Path| {
        let changes = changes_at(&app.state.library.root, path);
        app.step(Msg::FilesChanged(changes));
    };
    // Added.
    let new = root.join("2030-01-01-new.txt");
    fs::write(&new, "Brand New Article\n\nFresh text.\n").expect("write");
    changed(&mut app, &new);
    assert_eq!(listed(&app)[0], "Brand New Article", "newest first");
    assert_eq!(selected_title(&app), MORNING, "the selection stays");
    // The open article changed on disk: read again, at the same place.
    press(&mut app, "j enter ctrl-d");
    let at_top = |app: &App| {
        let r = app.state.reading.reader.as_ref().expect("open");
        let text = &r.article.doc.text;
        text[r.anchor()..].chars().take(40).collect::<String>()
    };
    let before = at_top(&app);
    let harbour = root.join("harbour-report.md");
    let text = fs::read_to_string(&harbour).expect("read").replace("Harbour Cranes Return", "Harbour Cranes Are Back");
    fs::write(&harbour, text).expect("write");
    changed(&mut app, &harbour);
    assert_eq!(shown_title(&app), "Harbour Cranes Are Back After a Long Winter");
    assert_eq!(at_top(&app), before, "the same text is at the top of the view");
    assert_eq!(app.state.focus, Focus::Reader);
    // Renamed: the selection follows it.
    let renamed = root.join("cranes.md");
    fs::rename(&harbour, &renamed).expect("rename");
    let mut both = changes_at(&root, &harbour);
    both.extend(changes_at(&root, &renamed));
    app.step(Msg::FilesChanged(both));
    assert_eq!(selected_title(&app), "Harbour Cranes Are Back After a Long Winter");
    assert_eq!(app.state.library.entries[app.state.selected_entry().expect("sel")].rel, "cranes.md");
    assert_eq!(listed(&app).len(), 6);
    // Removed.
    fs::remove_file(root.join("quiet-week.txt")).expect("rm");
    changed(&mut app, &root.join("quiet-week.txt"));
    assert!(!listed(&app).contains(&QUIET.to_string()));
    assert_eq!(listed(&app).len(), 5);
    // A folder removed takes its articles with it; hidden files never show.
    fs::remove_dir_all(root.join("features")).expect("rm -r");
    changed(&mut app, &root.join("features"));
    assert!(!listed(&app).contains(&GARDEN.to_string()));
    fs::write(root.join(".draft.txt"), "Hidden\n").expect("write");
    changed(&mut app, &root.join(".draft.txt"));
    assert_eq!(listed(&app).len(), 4);
}

/// The writer `the_state_file_survives_kill_9_at_any_moment` kills: saves states forever, each
/// a whole generation (every record's position is the generation number).
#[test]
#[ignore = "the child process of the kill -9 test"]
fn state_writer_child() {
    let Some(path) = std::env::var_os("NEWSDESK_STATE_WRITER") else { return };
    let path = std::path::PathBuf::from(path);
    for generation in 1.. {
        let records = (0..2000)
            .map(|i| newsdesk::store::Record {
                path: format!("/lib/article-{i:05}.md"),
                hash: i + 1,
                reading: newsdesk::store::Reading { read: true, at: generation, last_read: 1 },
            })
            .collect();
        let saved = newsdesk::store::Memory::default().merged("/lib", Some("/lib/a.md"), records);
        newsdesk::store::save(&path, &saved).expect("save");
    }
}

#[test]
fn the_state_file_survives_kill_9_at_any_moment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    let mut generations = std::collections::BTreeSet::new();
    for round in 0..40u64 {
        let mut child = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "library::state_writer_child", "--ignored", "--nocapture"])
            .env("NEWSDESK_STATE_WRITER", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn the writer");
        std::thread::sleep(Duration::from_millis(15 + round * 7 % 60));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        if !path.exists() {
            continue; // killed before its first write
        }
        let loaded = newsdesk::store::load(&path);
        assert_eq!(loaded.message, None, "round {round}: the file is whole");
        let articles = &loaded.memory.saved.articles;
        assert_eq!(articles.len(), 2000, "round {round}: every record of one save");
        let at = articles[0].reading.at;
        assert!(articles.iter().all(|r| r.reading.at == at), "round {round}: one generation, not a mix");
        generations.insert(at);
    }
    assert!(!generations.is_empty(), "the writer got to write");
}

#[test]
fn a_huge_article_shows_its_start_at_once_and_the_rest_at_the_same_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paragraph = "The harbour board met again on Tuesday and agreed nothing at all, as usual. ";
    let mut body = String::new();
    for i in 0..130_000 {
        body += &i.to_string();
        body += " ";
        body += paragraph;
        body += "\n\n";
    }
    let text = format!("A Very Long Report\n\n{body}");
    assert!(text.len() > 9 << 20);
    fs::write(dir.path().join("huge.txt"), &text).expect("write");
    let mut app = app_on(dir.path(), Config::default(), 100, 30);
    let start = app.state.reading.reader.as_ref().expect("shown at once").article.doc.text.len();
    assert!(start < 1 << 20, "only its start was read: {start} bytes");
    press(&mut app, "enter G");
    let at_end_of_start = app.state.reading.reader.as_ref().expect("open").anchor();
    settle(&mut app);
    let reader = app.state.reading.reader.as_ref().expect("open");
    assert_eq!(reader.article.doc.text.len(), text.len(), "the whole article now");
    assert_eq!(reader.anchor(), at_end_of_start, "at the same place");
    press(&mut app, "G");
    assert!(app.state.reading.reader.as_ref().expect("open").anchor() > 9 << 20, "the end is the real end");
}

#[test]
fn the_list_fills_as_the_folder_is_read_and_the_last_article_is_selected_when_found() {
    let dir = copy();
    let root = newsdesk::library::absolute(dir.path());
    let state_dir = tempfile::tempdir().expect("state dir");
    let state_file = state_dir.path().join("state.json");
    // An earlier run left the allotment notes selected.
    let mut first = app_on(&root, Config::default(), 100, 30);
    first.keep_state(state_file.clone());
    press(&mut first, "j j");
    assert_eq!(selected_title(&first), GARDEN);
    first.tick();
    drop(first);

    let library = newsdesk::library::Library { root: root.clone(), ..Default::default() };
    let mut app = App::new(library, Config::default());
    app.step(Msg::Resize(100, 30));
    app.keep_state(state_file);
    app.state.list.scanning = true;
    assert!(app.state.list_title().contains("reading the folder…"));
    let mut batches = newsdesk::library::spawn_scan(root).into_iter();
    let mut seen = 0;
    for batch in batches.by_ref() {
        let done = batch.done;
        seen += batch.entries.len();
        app.step(Msg::Scanned(batch));
        if done {
            break;
        }
    }
    assert_eq!(seen, 5);
    assert!(!app.state.list.scanning);
    assert!(!app.state.list_title().contains("reading"));
    assert_eq!(selected_title(&app), GARDEN, "selected again once listed");
    assert_eq!(shown_title(&app), GARDEN);
}

/// Issue 12, item 7: two names that differ only in bytes that are not UTF-8 keep two records.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_keep_their_own_reading_state() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("dir");
    for (byte, title) in [(0xe9_u8, "Acute"), (0xe8, "Grave")] {
        let name = std::ffi::OsStr::from_bytes(&[b"name-".as_slice(), &[byte], b".txt"].concat()).to_owned();
        fs::write(dir.path().join(name), format!("{title}\n\nBody of {title}.\n")).expect("write");
    }
    let state_dir = tempfile::tempdir().expect("state dir");
    let state_file = state_dir.path().join("state.json");
    let mut first = app_on(dir.path(), Config::default(), 100, 30);
    first.keep_state(state_file.clone());
    settle(&mut first);
    let acute = first.state.list.order.iter().position(|&i| first.state.library.entries[i].meta.title == "Acute");
    press(&mut first, if acute == Some(0) { "m" } else { "j m" });
    first.tick();
    drop(first);

    let second = {
        let mut app = app_on(dir.path(), Config::default(), 100, 30);
        app.keep_state(state_file);
        app
    };
    let read: Vec<(&str, bool)> =
        second.state.library.entries.iter().map(|e| (e.meta.title.as_str(), e.reading.read)).collect();
    assert!(read.contains(&("Acute", true)) && read.contains(&("Grave", false)), "{read:?}");
}

/// Issue 12, item 5: a FIFO or a device in place of the state file is refused at once.
#[cfg(unix)]
#[test]
fn a_state_file_that_is_a_fifo_or_a_device_is_refused_without_waiting() {
    let state_dir = tempfile::tempdir().expect("state dir");
    let fifo = state_dir.path().join("fifo.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let zero = state_dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let mut cases = vec![zero];
    if made.is_ok_and(|s| s.success()) {
        cases.push(fifo);
    } else {
        eprintln!("mkfifo is not available: the FIFO case is skipped");
    }
    for path in cases {
        // On a thread, so a regression fails this test instead of hanging the suite.
        let (tx, rx) = std::sync::mpsc::channel();
        let load = path.clone();
        std::thread::spawn(move || tx.send(newsdesk::store::load(&load).message));
        let message = rx.recv_timeout(std::time::Duration::from_secs(20)).expect("load returns");
        let message = message.expect("a message");
        assert!(message.contains("not a regular file"), "{}: {message}", path.display());
    }
}
