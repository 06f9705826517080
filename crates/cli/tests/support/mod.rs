//! What both end-to-end test files of the binary need.

use std::io::Write;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn event_pattern(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_event-pattern"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A file in the temporary directory, unique to this test process and name, removed when dropped
/// (so test runs leave nothing behind).
pub struct TempFile(PathBuf);

impl TempFile {
    pub fn new(name: &str, contents: impl AsRef<[u8]>) -> TempFile {
        let path =
            std::env::temp_dir().join(format!("event-pattern-test-{}-{name}", std::process::id()));
        std::fs::File::create(&path)
            .unwrap()
            .write_all(contents.as_ref())
            .unwrap();
        TempFile(path)
    }
}

impl Deref for TempFile {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
