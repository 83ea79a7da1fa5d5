//! newsdesk's integration tests, one binary: screen snapshots on a test backend (`render`),
//! key scripts through `App::step` (`flow`), in-article search (`search`), entity highlighting
//! (`entities`), the command line
//! (`cli`) and the real binary in a pseudo-terminal (`pty`). Shared fixtures and helpers live here.

mod cli;
mod docs;
mod entities;
mod entities_cli;
mod entities_gold;
mod entities_palette;
mod flow;
mod formats;
mod hostile;
mod hostile_text;
mod keys_fuzz;
mod library;
mod modules;
mod pages_score;
mod position;
mod pty;
mod reading;
mod render;
mod search;

use std::fs;
use std::path::{Path, PathBuf};

use newsdesk::app::App;
use newsdesk::config::Config;
use newsdesk::library::Library;
use newsdesk::update::Msg;

/// The name of the file with invalid UTF-8 that [`articles_with_bad_bytes`] adds.
pub const BAD_BYTES_FILE: &str = "broken-bytes.txt";

/// A folder under `tests/fixtures`, by absolute path (independent of the working directory).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The article fixture folder: five short articles, one in a subfolder.
pub fn articles() -> PathBuf {
    fixture("articles")
}

/// An app on `dir` with `config`, already told its terminal is `width` x `height`, as the event
/// loop does first.
pub fn app_on(dir: &Path, config: Config, width: u16, height: u16) -> App {
    let library = Library::open(dir).expect("the fixture folder opens");
    let mut app = App::new(library, config);
    app.step(Msg::Resize(width, height));
    app
}

/// A temporary copy of the article fixtures plus a file with bytes that are not UTF-8, so the
/// repository itself holds text only.
pub fn articles_with_bad_bytes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&articles(), dir.path());
    fs::write(
        dir.path().join(BAD_BYTES_FILE),
        // UTF-8 (the quotes, the accents) with two bytes that fit no encoding: damaged, not
        // legacy text (which is now decoded in its encoding, without a warning).
        [
            "Broken Bytes in the Wire Copy\n\nThe agency feed from Zürich sent “café” and “déjà vu” then ".as_bytes(),
            b"\xff\xfe garbage mid-sentence.\n",
        ]
        .concat(),
    )
    .expect("write the bad file");
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy's folder");
    for entry in fs::read_dir(from).expect("read the fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}
