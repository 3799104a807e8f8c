//! The harness every integration test uses: make a site in a temporary folder,
//! run the real `baocao` binary on it, read what it wrote and printed.
#![allow(dead_code)]

pub mod fixture;
pub mod live;

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with `args` in `cwd`.
pub fn baocao(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the baocao binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A site in a temporary folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("content")).expect("content dir");
        Site { dir }
    }

    /// A copy of the repository's sample site (content/ and site.yaml if any).
    pub fn sample() -> Site {
        let site = Site::new();
        copy_dir(&repo().join("content"), &site.root().join("content"));
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes `text` to `content/<rel>`.
    pub fn write(&self, rel: &str, text: &str) -> &Site {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.root().join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
        self
    }

    pub fn write_root(&self, rel: &str, text: &str) -> &Site {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        baocao(self.root(), &args)
    }

    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args = vec!["check"];
        args.extend_from_slice(extra);
        baocao(self.root(), &args)
    }

    /// Reads an output file as text.
    pub fn page(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{} should exist: {e}", path.display()))
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Every file under `dir`, as '/'-separated relative paths, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

/// A minimal valid write-up with `extra` front-matter lines.
pub fn writeup(extra: &str) -> String {
    format!("---\ntitle: Hội nghị thử\ndate: 2023-11-25\n{extra}---\n\nNội dung.\n")
}

/// The rows of a CSV text (a byte-order mark dropped), quoted fields with
/// doubled quotes unquoted: a small reader for the tests.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}
