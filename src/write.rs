//! The only module that writes into the output folder.
//!
//! A build is written into a sibling temporary folder and swapped in when it is
//! complete, so a failed or interrupted build leaves the previous site whole and
//! pages of deleted write-ups never linger.
//!
//! baocao deletes only what it made. The files it made are the ones listed in
//! the output's manifest; everything else in the output folder (a `robots.txt`,
//! a folder of PDFs) is the publisher's and is carried into the new site before
//! the swap (hard-linked, else copied). A publisher's file at the path of a file
//! the build writes is an error naming it: the build never overwrites it and
//! never lets it hide a page.
//!
//! The swap is one atomic exchange of the two folders where the system has one
//! (`renameat2(RENAME_EXCHANGE)` on Linux); elsewhere, or when the file system
//! refuses it, the old site is first renamed to `.<name>.old-<pid>` and the new
//! one renamed in. A build killed between those two renames leaves no site at
//! the output path: the next build puts the old one back before anything else.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::messages::{Arg, Msg};

/// The manifest's file name inside the output folder.
pub use crate::urls::MANIFEST;

/// Why the site could not be written or published.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder is one baocao must not replace.
    Refused {
        output: PathBuf,
        reason: Msg,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
    /// Files baocao did not make have the paths of files the build writes.
    Clash {
        output: PathBuf,
        paths: Vec<String>,
    },
}

impl WriteError {
    /// A refused output folder is a usage error (exit 2), not a content error.
    pub fn is_usage(&self) -> bool {
        matches!(self, WriteError::Refused { .. })
    }

    /// The `help:` line that goes with the error, if any.
    pub fn help(&self) -> Option<Msg> {
        match self {
            WriteError::Clash { .. } => Some(msg!("help-output-clash")),
            WriteError::Io { error, .. } if is_disk_full(error) => {
                Some(msg!("help-disk-full-short"))
            }
            _ => None,
        }
    }

    /// What went wrong, to show in the site's language.
    pub fn message(&self) -> Msg {
        match self {
            WriteError::Refused { output, reason } => msg!(
                "output-refused",
                output = output.display().to_string(),
                reason = Arg::Msgs(vec![reason.clone()])
            ),
            WriteError::Io { path, error } => msg!(
                "cannot-write",
                path = path.display().to_string(),
                error = error.to_string()
            ),
            WriteError::Clash { output, paths } => {
                const SHOWN: usize = 10;
                let list = paths
                    .iter()
                    .take(SHOWN)
                    .map(|p| format!("\"{p}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                let list = if paths.len() > SHOWN {
                    msg!("list-and-more", list = list, more = paths.len() - SHOWN)
                } else {
                    msg!("list", list = list)
                };
                msg!(
                    "output-clash",
                    output = output.display().to_string(),
                    what = Arg::Key(if paths.len() == 1 {
                        "word-clash-one"
                    } else {
                        "word-clash-many"
                    }),
                    list = Arg::Msgs(vec![list]),
                    verb = Arg::Key(if paths.len() == 1 {
                        "word-clash-has"
                    } else {
                        "word-clash-have"
                    })
                )
            }
        }
    }
}

impl std::fmt::Display for WriteError {
    /// In English: the CLI shows [`WriteError::message`] in the site's language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text(crate::config::Language::En))
    }
}

/// The error a full disk (or an exhausted quota) gives.
pub fn is_disk_full(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

fn io_err(path: &Path) -> impl Fn(io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

// ---------------------------------------------------------------------------
// Fault injection, for tests only.
//
// `BAOCAO_FAULT=<step>[,<step>…]` makes publishing abort the process
// (`std::process::abort`, which runs no destructor, as kill -9 would) when it
// reaches a named step, so that tests can check the output folder holds a
// whole site whatever moment a build dies at. Two words change behaviour
// instead of aborting: `no-exchange` takes the two-rename swap even where an
// exchange is possible, and `disk-full` makes every file written into the new
// site fail as on a full disk. Nothing else reads this variable.
// ---------------------------------------------------------------------------

/// Every step `BAOCAO_FAULT` can abort at, in the order publishing reaches them.
pub const FAULT_STEPS: &[&str] = &[
    // An orphaned old site was put back at the output path.
    "restored",
    // The staging folder beside the output exists, empty.
    "staged",
    // A few files of the new site are written.
    "mid-write",
    // Every file of the new site and its manifest are written.
    "written",
    // One of the publisher's files is carried into the new site.
    "mid-carry",
    // All the publisher's files are carried into the new site.
    "carried",
    // The two folders were exchanged; the old site sits in the staging folder.
    "after-exchange",
    // Two-rename swap: the old site was renamed aside, nothing is at the output.
    "after-old-moved",
    // Two-rename swap: the new site was renamed in, the old one is still aside.
    "after-new-moved",
    // Part of the swapped-out old site is deleted.
    "mid-cleanup",
];

fn faults() -> &'static [String] {
    static FAULTS: OnceLock<Vec<String>> = OnceLock::new();
    FAULTS.get_or_init(|| {
        std::env::var("BAOCAO_FAULT")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    })
}

fn fault_set(word: &str) -> bool {
    faults().iter().any(|f| f == word)
}

/// Aborts the process if `BAOCAO_FAULT` names `step`.
fn fault(step: &str) {
    debug_assert!(FAULT_STEPS.contains(&step));
    if fault_set(step) {
        std::process::abort();
    }
}

// ---------------------------------------------------------------------------
// The manifest.
// ---------------------------------------------------------------------------

pub fn manifest_json(manifest: &BTreeMap<String, String>) -> Vec<u8> {
    let files: Vec<serde_json::Value> = manifest
        .iter()
        .map(|(path, sha)| serde_json::json!({"path": path, "blake3": sha}))
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&serde_json::json!({
        "generator": "baocao",
        "files": files,
    }))
    .unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The manifest of an existing output folder: the files baocao made there.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// Path → BLAKE3 hash, for every valid path listed.
    pub files: BTreeMap<String, String>,
    /// Listed paths that do not name a file inside the folder (`../x`, `/etc/x`):
    /// ignored, so a hand-edited manifest cannot reach outside the output.
    pub invalid: Vec<String>,
}

/// A path a manifest may list: relative, '/'-separated, made of plain names
/// only (no `.` or `..`, no empty part, no backslash, no drive or colon).
pub fn valid_manifest_path(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 4096
        && !p.contains(['\\', ':', '\0'])
        && p.split('/').all(|c| !c.is_empty() && c != "." && c != "..")
}

/// Reads the manifest of an existing output folder: `Ok(None)` when it has
/// none, `Err` with the reason when it has one that cannot be read.
pub fn read_manifest(output: &Path) -> Result<Option<Manifest>, String> {
    let path = output.join(MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let files = v
        .get("files")
        .and_then(serde_json::Value::as_array)
        .ok_or("it has no \"files\" list")?;
    let mut m = Manifest::default();
    for f in files {
        let (Some(p), Some(h)) = (
            f.get("path").and_then(serde_json::Value::as_str),
            f.get("blake3").and_then(serde_json::Value::as_str),
        ) else {
            continue;
        };
        if p == MANIFEST {
            continue;
        }
        if valid_manifest_path(p) {
            m.files.insert(p.to_string(), h.to_string());
        } else {
            m.invalid.push(p.to_string());
        }
    }
    Ok(Some(m))
}

/// The manifest of the output folder for a build: none when the folder does
/// not exist or is empty; refused when it cannot be read (baocao could not
/// tell its own files from the publisher's).
pub fn current_manifest(output: &Path) -> Result<Manifest, WriteError> {
    read_manifest(output)
        .map(Option::unwrap_or_default)
        .map_err(|why| WriteError::Refused {
            output: output.to_path_buf(),
            reason: msg!(
                "refused-manifest-unreadable",
                manifest = MANIFEST,
                error = why
            ),
        })
}

// ---------------------------------------------------------------------------
// The publisher's files.
// ---------------------------------------------------------------------------

/// A file or folder in the output that baocao did not make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Foreign {
    /// Relative to the output folder.
    pub rel: PathBuf,
    /// `rel` with '/' separators, as shown and compared with the site's paths
    /// (lossy for a name that is not UTF-8: no site path has one).
    pub shown: String,
    pub kind: ForeignKind,
    /// Not inside another foreign folder: what `--dry-run` lists.
    pub top: bool,
}

/// What a publisher's entry in the output is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForeignKind {
    Folder,
    Symlink,
    File,
}

/// Everything in `output` that `made` does not list, parents before children.
/// A folder holding nothing baocao made is foreign whole (its contents are
/// listed too, with `top` false); the manifest itself is baocao's.
pub fn foreign_entries(output: &Path, made: &Manifest) -> io::Result<Vec<Foreign>> {
    let mut folders: BTreeSet<&str> = BTreeSet::new();
    for p in made.files.keys() {
        let mut at = p.as_str();
        while let Some((parent, _)) = at.rsplit_once('/') {
            folders.insert(parent);
            at = parent;
        }
    }
    let mut out = Vec::new();
    if !output.is_dir() {
        return Ok(out);
    }
    walk_foreign(output, Path::new(""), true, made, &folders, &mut out)?;
    Ok(out)
}

fn walk_foreign(
    output: &Path,
    rel: &Path,
    baocao_folder: bool,
    made: &Manifest,
    folders: &BTreeSet<&str>,
    out: &mut Vec<Foreign>,
) -> io::Result<()> {
    let dir = output.join(rel);
    let mut entries: Vec<std::fs::DirEntry> =
        std::fs::read_dir(&dir)?.collect::<io::Result<_>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let child = rel.join(entry.file_name());
        // Joined with '/' part by part: a name holding a backslash stays one
        // name (and matches no manifest path, which cannot hold one).
        let parts: Vec<&std::ffi::OsStr> = child.iter().collect();
        let shown = parts
            .iter()
            .map(|p| p.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let exact = parts
            .iter()
            .map(|p| p.to_str())
            .collect::<Option<Vec<_>>>()
            .map(|p| p.join("/"));
        // Not followed: a link is carried as a link.
        let ft = entry.file_type()?;
        let kind = if ft.is_dir() {
            ForeignKind::Folder
        } else if ft.is_symlink() {
            ForeignKind::Symlink
        } else {
            ForeignKind::File
        };
        if baocao_folder {
            let ours = match (&exact, kind) {
                (Some(p), ForeignKind::Folder) => folders.contains(p.as_str()),
                (Some(p), _) => {
                    made.files.contains_key(p) || (rel.as_os_str().is_empty() && p == MANIFEST)
                }
                (None, _) => false,
            };
            if ours {
                if kind == ForeignKind::Folder {
                    walk_foreign(output, &child, true, made, folders, out)?;
                }
                continue;
            }
        }
        out.push(Foreign {
            rel: child.clone(),
            shown,
            kind,
            top: baocao_folder,
        });
        if kind == ForeignKind::Folder {
            walk_foreign(output, &child, false, made, folders, out)?;
        }
    }
    Ok(())
}

/// The foreign entries that would hide, or be hidden by, a file of the new
/// site: a foreign file at a generated path, or above one (a file where the
/// build needs a folder), or a foreign folder where the build writes a file.
pub fn clashes(foreign: &[Foreign], generated: &BTreeMap<String, String>) -> Vec<String> {
    let is_generated = |p: &str| p == MANIFEST || generated.contains_key(p);
    let above = |p: &str| {
        let mut at = p;
        while let Some((parent, _)) = at.rsplit_once('/') {
            if is_generated(parent) {
                return true;
            }
            at = parent;
        }
        false
    };
    let has_below = |p: &str| {
        let prefix = format!("{p}/");
        generated
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    };
    foreign
        .iter()
        .filter(|f| {
            let p = f.shown.as_str();
            above(p)
                || match f.kind {
                    ForeignKind::Folder => is_generated(p),
                    ForeignKind::File | ForeignKind::Symlink => is_generated(p) || has_below(p),
                }
        })
        .map(|f| f.shown.clone())
        .collect()
}

/// Hard-links (else copies) the foreign entries of `from` into `to`.
fn carry(from: &Path, to: &Path, foreign: &[Foreign]) -> Result<(), WriteError> {
    let mut folders = Vec::new();
    for (i, f) in foreign.iter().enumerate() {
        let src = from.join(&f.rel);
        let dst = to.join(&f.rel);
        match f.kind {
            ForeignKind::Folder => {
                if !dst.is_dir() {
                    std::fs::create_dir(&dst).map_err(io_err(&dst))?;
                }
                folders.push((src, dst));
            }
            ForeignKind::Symlink => {
                let target = std::fs::read_link(&src).map_err(io_err(&src))?;
                symlink(&target, &dst).map_err(io_err(&dst))?;
            }
            ForeignKind::File => {
                if std::fs::hard_link(&src, &dst).is_err() {
                    std::fs::copy(&src, &dst).map_err(io_err(&dst))?;
                }
            }
        }
        if i == 0 {
            fault("mid-carry");
        }
    }
    // Last, and deepest first: a read-only folder can still be filled before.
    for (src, dst) in folders.iter().rev() {
        if let Ok(meta) = std::fs::metadata(src) {
            let _ = std::fs::set_permissions(dst, meta.permissions());
        }
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    std::os::windows::fs::symlink_file(target, link)
}

// ---------------------------------------------------------------------------
// The output folder.
// ---------------------------------------------------------------------------

/// Refuses an output folder that is the root, holds the root, holds content or
/// a repository, or is a non-empty folder baocao did not make.
pub fn check_output(root: &Path, output: &Path) -> Result<(), WriteError> {
    let refuse = |reason: Msg| WriteError::Refused {
        output: output.to_path_buf(),
        reason,
    };
    let abs_root = std::fs::canonicalize(root).map_err(io_err(root))?;
    let abs_out = absolute(output);
    if abs_out.parent().is_none() {
        return Err(refuse(msg!("refused-fs-root")));
    }
    if abs_out == abs_root {
        return Err(refuse(msg!("refused-site-root")));
    }
    if abs_root.starts_with(&abs_out) {
        return Err(refuse(msg!("refused-contains-root")));
    }
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(refuse(msg!("refused-is-file")));
    }
    if output.join("content").exists() {
        return Err(refuse(msg!("refused-has-content")));
    }
    if output.join(".git").exists() {
        return Err(refuse(msg!("refused-has-git")));
    }
    let empty = std::fs::read_dir(output)
        .map_err(io_err(output))?
        .next()
        .is_none();
    if !empty && !output.join(MANIFEST).is_file() {
        return Err(refuse(msg!("refused-not-empty", manifest = MANIFEST)));
    }
    current_manifest(output)?;
    Ok(())
}

/// Resolves `p` against the current folder and folds `.`/`..` of its existing part.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let base = std::env::current_dir().unwrap_or_default().join(p);
    match (base.parent(), base.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => base,
    }
}

/// The folder the output lives in and the output's name.
fn parent_and_name(output: &Path) -> (PathBuf, String) {
    let abs_out = absolute(output);
    let parent = abs_out.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = abs_out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

/// The previous site an interrupted swap left aside (`.<name>.old-<pid>` of a
/// process that is gone) while nothing is at the output path: the newest one.
pub fn orphaned_site(output: &Path) -> Option<PathBuf> {
    if std::fs::symlink_metadata(output).is_ok() {
        return None;
    }
    let (parent, name) = parent_and_name(output);
    let prefix = format!(".{name}.old-");
    leftovers(&parent, &name)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
                && p.is_dir()
        })
        .max_by_key(|p| {
            let modified = std::fs::metadata(p).and_then(|m| m.modified()).ok();
            (modified, p.clone())
        })
}

/// Puts back at the output path a previous site that a build killed between
/// the two renames of its swap left aside, and returns where it was. Done
/// before anything else: a missing output is fine to the checks, and the
/// leftovers of dead builds are deleted.
pub fn restore_orphan(output: &Path) -> Result<Option<PathBuf>, WriteError> {
    let Some(old) = orphaned_site(output) else {
        return Ok(None);
    };
    std::fs::rename(&old, output).map_err(io_err(output))?;
    fault("restored");
    Ok(Some(old))
}

/// A new site being written beside the output folder. Finished, it replaces
/// the output folder; dropped unfinished (an error, an interrupted build), it
/// is removed and the output folder is left as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    finished: bool,
    written: AtomicUsize,
}

/// What publishing did besides the swap, for the summary.
#[derive(Debug, Default)]
pub struct Published {
    /// The publisher's entries carried over (top-level ones, as listed by `--dry-run`).
    pub kept: Vec<String>,
    /// The site was swapped in but the old copy could not be deleted.
    pub cleanup_failed: Option<WriteError>,
}

impl Staging {
    /// Puts back a site an interrupted build left aside, checks the output
    /// folder and makes the sibling staging folder.
    pub fn create(root: &Path, output: &Path) -> Result<Staging, WriteError> {
        restore_orphan(output)?;
        check_output(root, output)?;
        let (parent, name) = parent_and_name(output);
        std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        // A build killed half-way (Ctrl-C, power cut) leaves its staging or
        // swapped-out folder behind; they are baocao's own, so clear them.
        for leftover in leftovers(&parent, &name) {
            remove_all(&leftover).map_err(io_err(&leftover))?;
        }
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        fault("staged");
        Ok(Staging {
            dir,
            output: parent.join(&name),
            parent,
            name,
            finished: false,
            written: AtomicUsize::new(0),
        })
    }

    /// Counts a written file, for the `mid-write` fault.
    fn wrote(&self) {
        if self.written.fetch_add(1, Ordering::Relaxed) == 3 {
            fault("mid-write");
        }
    }

    /// Writes one file (its folders are made as needed). Safe from many threads.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let path = self.dir.join(rel);
        if fault_set("disk-full") {
            return Err(WriteError::Io {
                path,
                error: io::ErrorKind::StorageFull.into(),
            });
        }
        let written = match std::fs::write(&path, bytes) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(folder) = path.parent() {
                    std::fs::create_dir_all(folder).map_err(io_err(folder))?;
                }
                std::fs::write(&path, bytes).map_err(io_err(&path))
            }
            Err(e) => Err(WriteError::Io { path, error: e }),
        };
        self.wrote();
        written
    }

    /// Copies the file at `from` in (its folders are made as needed), without
    /// reading it whole.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), WriteError> {
        let path = self.dir.join(rel);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(io_err(folder))?;
        }
        std::fs::copy(from, &path)
            .map(|_| ())
            .map_err(io_err(&path))
    }

    /// Creates a file to write in parts (its folders are made as needed).
    pub fn create_file(&self, rel: &str) -> Result<std::fs::File, WriteError> {
        let path = self.dir.join(rel);
        if fault_set("disk-full") {
            return Err(WriteError::Io {
                path,
                error: io::ErrorKind::StorageFull.into(),
            });
        }
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(io_err(folder))?;
        }
        let file = std::fs::File::create(&path).map_err(io_err(&path));
        self.wrote();
        file
    }

    /// Writes the manifest, carries the publisher's files over from the
    /// current output and swaps the new site in. `generated` is the new
    /// manifest: a publisher's file at one of its paths fails the build.
    pub fn finish(
        mut self,
        generated: &BTreeMap<String, String>,
        manifest_bytes: &[u8],
    ) -> Result<Published, WriteError> {
        let m = self.dir.join(MANIFEST);
        std::fs::write(&m, manifest_bytes).map_err(io_err(&m))?;
        fault("written");
        // Read now, not when the build began: a file the publisher adds while
        // pages are rendered is kept too.
        let previous = current_manifest(&self.output)?;
        let foreign = foreign_entries(&self.output, &previous).map_err(io_err(&self.output))?;
        let clashing = clashes(&foreign, generated);
        if !clashing.is_empty() {
            return Err(WriteError::Clash {
                output: self.output.clone(),
                paths: clashing,
            });
        }
        carry(&self.output, &self.dir, &foreign)?;
        fault("carried");
        let cleanup_failed = swap(&self.dir, &self.output, &self.parent, &self.name)?;
        self.finished = true;
        Ok(Published {
            kept: foreign
                .iter()
                .filter(|f| f.top)
                .map(Foreign::listed)
                .collect(),
            cleanup_failed,
        })
    }
}

impl Foreign {
    /// As `--dry-run` and the summary list it: a folder ends with '/'.
    pub fn listed(&self) -> String {
        match self.kind {
            ForeignKind::Folder => format!("{}/", self.shown),
            _ => self.shown.clone(),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Staging and swapped-out folders of earlier builds of `name` that did not
/// finish: `.<name>.tmp-<pid>` and `.<name>.old-<pid>` beside it, whose
/// process is gone (a build still running keeps its folder).
fn leftovers(parent: &Path, name: &str) -> Vec<PathBuf> {
    let prefixes = [format!(".{name}.tmp-"), format!(".{name}.old-")];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            prefixes.iter().any(|p| {
                n.strip_prefix(p.as_str()).is_some_and(|pid| {
                    let is_pid = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
                    let running = Path::new("/proc").join(pid).exists();
                    is_pid && !running
                })
            })
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// The manifest entry of one file.
pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// The manifest entry of the file at `path`, read in parts.
pub fn hash_file(path: &Path) -> Result<String, WriteError> {
    let mut hasher = blake3::Hasher::new();
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    hasher.update_reader(file).map_err(io_err(path))?;
    Ok(hasher.finalize().to_hex().to_string())
}

/// Puts `staging` at `output`. Once the new site is in place, a failure to
/// delete the old one is returned, not raised: the build has succeeded.
fn swap(
    staging: &Path,
    output: &Path,
    parent: &Path,
    name: &str,
) -> Result<Option<WriteError>, WriteError> {
    if std::fs::symlink_metadata(output).is_err() {
        std::fs::rename(staging, output).map_err(io_err(output))?;
        return Ok(None);
    }
    let old = if !fault_set("no-exchange") && exchange(staging, output).is_ok() {
        fault("after-exchange");
        // The old site now sits in the staging folder; if this build dies
        // while deleting it, the next clears it as a staging leftover.
        staging.to_path_buf()
    } else {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(output, &old).map_err(io_err(output))?;
        fault("after-old-moved");
        if let Err(error) = std::fs::rename(staging, output) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, output);
            return Err(WriteError::Io {
                path: output.to_path_buf(),
                error,
            });
        }
        fault("after-new-moved");
        old
    };
    if fault_set("mid-cleanup") {
        let _ = std::fs::remove_file(old.join(MANIFEST));
        let _ = std::fs::remove_file(old.join(crate::urls::INDEX));
        fault("mid-cleanup");
    }
    Ok(std::fs::remove_dir_all(&old)
        .err()
        .map(|error| WriteError::Io {
            path: old.clone(),
            error,
        }))
}

/// Deletes a folder baocao made (a staging folder, a swapped-out site). The
/// publisher's read-only folders were carried into it with their modes, so
/// when deleting fails, its folders are made writable and it is tried again:
/// these folders are baocao's copies, not the publisher's (files are shared by
/// hard links, but only folders' modes change).
fn remove_all(dir: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            for entry in walkdir::WalkDir::new(dir)
                .into_iter()
                .filter_map(Result::ok)
            {
                if entry.file_type().is_dir() {
                    if let Ok(meta) = entry.metadata() {
                        let mut perms = meta.permissions();
                        make_writable(&mut perms);
                        let _ = std::fs::set_permissions(entry.path(), perms);
                    }
                }
            }
            std::fs::remove_dir_all(dir)
        }
        other => other,
    }
}

#[cfg(unix)]
fn make_writable(perms: &mut std::fs::Permissions) {
    use std::os::unix::fs::PermissionsExt;
    perms.set_mode(perms.mode() | 0o700);
}

#[cfg(not(unix))]
#[allow(clippy::permissions_set_readonly_false)]
fn make_writable(perms: &mut std::fs::Permissions) {
    perms.set_readonly(false);
}

/// Exchanges two paths atomically: either both renames happen or neither.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// No atomic exchange here: the caller falls back to two renames.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// What a build would change in an existing output folder.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

pub fn diff(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Changes {
    let mut c = Changes::default();
    for (path, sha) in new {
        match old.get(path) {
            None => c.added.push(path.clone()),
            Some(o) if o != sha => c.changed.push(path.clone()),
            _ => {}
        }
    }
    c.removed = old
        .keys()
        .filter(|p| !new.contains_key(*p))
        .cloned()
        .collect();
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths_must_stay_inside_the_folder() {
        for ok in [
            "index.html",
            "cum/cum-2/index.html",
            "data/a b.csv",
            "..x/y",
        ] {
            assert!(valid_manifest_path(ok), "{ok}");
        }
        for bad in [
            "",
            "../outside.txt",
            "/etc/passwd",
            "a/../../x",
            "..\\outside.txt",
            "a\\..\\..\\x",
            "./index.html",
            "a/./b",
            "cum//x",
            "cum/",
            "C:/x",
            "C:x",
            "..",
            "a\0b",
        ] {
            assert!(!valid_manifest_path(bad), "{bad:?}");
        }
    }

    fn entry(path: &str, kind: ForeignKind) -> Foreign {
        Foreign {
            rel: PathBuf::from(path),
            shown: path.to_string(),
            kind,
            top: true,
        }
    }

    #[test]
    fn clashes_are_foreign_entries_where_the_build_writes() {
        let generated: BTreeMap<String, String> =
            ["index.html", "cum/cum-2/index.html", "nam/2025/index.html"]
                .iter()
                .map(|p| (p.to_string(), String::new()))
                .collect();
        let foreign = [
            entry("robots.txt", ForeignKind::File),
            entry("index.html", ForeignKind::File),
            entry("cum/cum-2", ForeignKind::File),
            entry("index.html/x", ForeignKind::File),
            entry("nam/2025", ForeignKind::Folder),
            entry("nam/2025/ghi-chu.txt", ForeignKind::File),
            entry("cum/cum-2/index.html", ForeignKind::Folder),
            entry(MANIFEST, ForeignKind::Symlink),
            entry("tai-lieu", ForeignKind::Folder),
        ];
        assert_eq!(
            clashes(&foreign, &generated),
            [
                "index.html",
                "cum/cum-2",
                "index.html/x",
                "cum/cum-2/index.html",
                MANIFEST
            ]
        );
    }

    #[test]
    fn foreign_entries_are_what_the_manifest_does_not_list() {
        let dir = tempfile::tempdir().expect("tmp");
        let out = dir.path();
        for (p, text) in [
            ("index.html", "x"),
            ("cum/cum-2/index.html", "x"),
            ("cum/ghi-chu.txt", "x"),
            ("robots.txt", "x"),
            ("tai-lieu/2023/y.pdf", "x"),
            (MANIFEST, "{}"),
        ] {
            let path = out.join(p);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        std::fs::create_dir_all(out.join("trong")).expect("mkdir");
        let made = Manifest {
            files: ["index.html", "cum/cum-2/index.html", "../robots.txt"]
                .iter()
                .map(|p| (p.to_string(), String::new()))
                .collect(),
            invalid: Vec::new(),
        };
        let found: Vec<(String, bool)> = foreign_entries(out, &made)
            .expect("walk")
            .iter()
            .map(|f| (f.listed(), f.top))
            .collect();
        assert_eq!(
            found,
            [
                ("cum/ghi-chu.txt".to_string(), true),
                ("robots.txt".to_string(), true),
                ("tai-lieu/".to_string(), true),
                ("tai-lieu/2023/".to_string(), false),
                ("tai-lieu/2023/y.pdf".to_string(), false),
                ("trong/".to_string(), true),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_name_with_backslashes_is_not_taken_for_a_manifest_path() {
        let dir = tempfile::tempdir().expect("tmp");
        let out = dir.path();
        std::fs::create_dir_all(out.join("cum/cum-2")).expect("mkdir");
        std::fs::write(out.join("cum/cum-2/index.html"), "x").expect("write");
        std::fs::write(out.join("cum\\cum-2\\index.html"), "y").expect("write");
        let made = Manifest {
            files: [("cum/cum-2/index.html".to_string(), String::new())].into(),
            invalid: Vec::new(),
        };
        let found: Vec<String> = foreign_entries(out, &made)
            .expect("walk")
            .iter()
            .map(|f| f.rel.to_string_lossy().into_owned())
            .collect();
        assert_eq!(found, ["cum\\cum-2\\index.html"]);
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod publishing_tests;
