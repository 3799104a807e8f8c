//! Fixture cases: `tests/fixtures/<feature>/<case>/` is a tiny site (site.yaml
//! optional, content/…) with a file `args` saying what to run on it. [`run`]
//! copies the case to a temporary folder, runs each line of `args`, and pins
//! the transcript (exit code, stdout, stderr, files written) as the snapshot
//! `transcript.snap` beside the case.
//!
//! The files of a case that are not part of the site:
//! - `args`: one step a line, run in order; `#` starts a comment line.
//!   A step is the arguments of one `baocao` run (`check --strict`), or
//!   `cat PATH` to show a file the run wrote, or `sample` to copy the
//!   repository's sample content/ into the site first.
//! - `expect` (optional): lines the transcript must hold, the meaning of the
//!   case that a careless re-bless must not lose; a line `!text` must not
//!   appear. Checked before the snapshot.
//! - `transcript.snap`: the snapshot (see tests/README.md to re-bless it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{baocao, copy_dir, files, repo, Run};

/// What one fixture case printed and wrote.
pub struct Transcript {
    /// The `baocao` runs, in the order of `args`.
    pub runs: Vec<Run>,
    /// What each run added to the site folder: "nothing", or the new
    /// folders and files, comma-separated.
    pub wrote: Vec<String>,
    /// The whole transcript, redacted: what the snapshot pins.
    pub text: String,
}

/// The files of a case folder that are not copied into the site.
const NOT_SITE: [&str; 3] = ["args", "expect", "transcript.snap"];

/// The folder of a fixture case.
pub fn case_dir(feature: &str, case: &str) -> PathBuf {
    repo().join("tests/fixtures").join(feature).join(case)
}

/// Runs the fixture case `feature/case`, checks its `expect` lines and its
/// snapshot, and returns the transcript for further assertions.
pub fn run(feature: &str, case: &str) -> Transcript {
    let dir = case_dir(feature, case);
    let args = std::fs::read_to_string(dir.join("args"))
        .unwrap_or_else(|e| panic!("{}/args should exist: {e}", dir.display()));
    let site = tempfile::tempdir().expect("temp dir");
    let root = site.path();
    copy_case(&dir, root);

    let mut runs = Vec::new();
    let mut wrote = Vec::new();
    let mut text = String::new();
    for line in args.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "sample" {
            copy_dir(&repo().join("content"), &root.join("content"));
            continue;
        }
        if let Some(path) = line.strip_prefix("cat ") {
            let shown = std::fs::read_to_string(root.join(path.trim()))
                .unwrap_or_else(|e| format!("(cannot read: {e})\n"));
            text.push_str(&format!("$ cat {}\n{shown}\n", path.trim()));
            continue;
        }
        let argv: Vec<&str> = line.split_whitespace().collect();
        let before: BTreeSet<String> = files(root).into_iter().collect();
        let run = baocao(root, &argv);
        let after: BTreeSet<String> = files(root).into_iter().collect();
        text.push_str(&format!("$ baocao {line}\nexit: {}\n", run.code));
        section(&mut text, "stdout", &run.stdout);
        section(&mut text, "stderr", &run.stderr);
        let added = written(&before, &after);
        text.push_str(&format!("--- wrote: {added}\n\n"));
        wrote.push(added);
        runs.push(run);
    }
    let text = redact(&text, root);

    check_expect(&dir, &text);
    assert_snapshot(&dir, &text);
    Transcript { runs, wrote, text }
}

/// Copies the site of a case (everything but its own files) to `to`.
fn copy_case(dir: &Path, to: &Path) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{} should exist: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if NOT_SITE.contains(&name.as_str()) || name.ends_with(".snap.new") {
            continue;
        }
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).expect("copy");
        }
    }
    std::fs::create_dir_all(to.join("content")).expect("content dir");
}

fn section(text: &mut String, name: &str, body: &str) {
    if body.is_empty() {
        text.push_str(&format!("--- {name}: (empty)\n"));
    } else {
        text.push_str(&format!("--- {name}\n{body}"));
        if !body.ends_with('\n') {
            text.push('\n');
        }
    }
}

/// The files a run added: a folder that did not exist before is one entry
/// (a whole built site is one line, which does not change with its pages).
fn written(before: &BTreeSet<String>, after: &BTreeSet<String>) -> String {
    let top_before: BTreeSet<&str> = before
        .iter()
        .map(|f| f.split('/').next().unwrap_or(f))
        .collect();
    let mut parts: Vec<String> = Vec::new();
    for f in after.difference(before) {
        let part = match f.split_once('/') {
            Some((top, _)) if !top_before.contains(top) => format!("{top}/"),
            _ => f.clone(),
        };
        if parts.last() != Some(&part) {
            parts.push(part);
        }
    }
    if parts.is_empty() {
        "nothing".to_string()
    } else {
        parts.join(", ")
    }
}

/// The transcript with what changes from run to run replaced: the temporary
/// folder's path and the build's time in seconds.
pub fn redact(text: &str, root: &Path) -> String {
    let mut text = text.to_string();
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for path in [canonical.as_path(), root] {
        text = text.replace(&path.display().to_string(), "[site]");
    }
    redact_seconds(&text)
}

/// "in 6.93s" / "trong 6,93 giây" → "in [secs]s" / "trong [secs] giây".
fn redact_seconds(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let (head, tail) = rest.split_at(start);
        out.push_str(head);
        let number_len = tail
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(tail.len());
        let (number, after) = tail.split_at(number_len);
        let is_decimal = number.len() > 3
            && number[number.len() - 3..].starts_with(['.', ','])
            && number.bytes().filter(u8::is_ascii_digit).count() == number.len() - 1;
        let preceded = head.ends_with("in ") || head.ends_with("trong ");
        if is_decimal && preceded && (after.starts_with('s') || after.starts_with(" giây")) {
            out.push_str("[secs]");
        } else {
            out.push_str(number);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Every line of the case's `expect` is in the transcript; `!line` is not.
fn check_expect(dir: &Path, text: &str) {
    let Ok(expect) = std::fs::read_to_string(dir.join("expect")) else {
        return;
    };
    for line in expect.lines().filter(|l| !l.trim().is_empty()) {
        match line.strip_prefix('!') {
            Some(absent) => assert!(
                !text.contains(absent),
                "{}: the transcript should not hold {absent:?}:\n{text}",
                dir.display()
            ),
            None => assert!(
                text.contains(line),
                "{}: the transcript should hold {line:?}:\n{text}",
                dir.display()
            ),
        }
    }
}

/// Compares `text` with `transcript.snap` in `dir`. On a mismatch the test
/// fails (in CI too) and the whole new transcript is printed after insta's
/// diff, which shows only the lines around each change.
fn assert_snapshot(dir: &Path, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let _show = ShowOnPanic { dir, text };
    settings.bind(|| insta::assert_snapshot!("transcript", text));
}

/// Prints the whole transcript if the snapshot assertion panics.
struct ShowOnPanic<'a> {
    dir: &'a Path,
    text: &'a str,
}

impl Drop for ShowOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "the whole transcript of {}:\n{}",
                self.dir.strip_prefix(repo()).unwrap_or(self.dir).display(),
                self.text
            );
        }
    }
}
