//! The only module that writes into the output folder.
//!
//! A build is written into a sibling temporary folder and swapped in when it is
//! complete, so a failed or interrupted build leaves the previous site whole and
//! pages of deleted write-ups never linger. baocao deletes only folders it made:
//! ones that hold its manifest.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The manifest's file name inside the output folder.
pub const MANIFEST: &str = "baocao-manifest.json";

#[derive(Debug)]
pub enum WriteError {
    /// The output folder is one baocao must not replace.
    Refused {
        output: PathBuf,
        reason: String,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Refused { output, reason } => {
                write!(
                    f,
                    "refusing to write the site into {}: {reason}",
                    output.display()
                )
            }
            WriteError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

fn io_err(path: &Path) -> impl Fn(io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

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

/// Reads the manifest of an existing output folder, if it has one.
pub fn read_manifest(output: &Path) -> Option<BTreeMap<String, String>> {
    let bytes = std::fs::read(output.join(MANIFEST)).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let files = v.get("files")?.as_array()?;
    Some(
        files
            .iter()
            .filter_map(|f| {
                Some((
                    f.get("path")?.as_str()?.to_string(),
                    f.get("blake3")?.as_str()?.to_string(),
                ))
            })
            .collect(),
    )
}

/// Refuses an output folder that is the root, holds the root, holds content or
/// a repository, or is a non-empty folder baocao did not make.
pub fn check_output(root: &Path, output: &Path) -> Result<(), WriteError> {
    let refuse = |reason: &str| WriteError::Refused {
        output: output.to_path_buf(),
        reason: reason.to_string(),
    };
    let abs_root = std::fs::canonicalize(root).map_err(io_err(root))?;
    let abs_out = absolute(output);
    if abs_out.parent().is_none() {
        return Err(refuse("it is the file system's root"));
    }
    if abs_out == abs_root {
        return Err(refuse("it is the site's root folder"));
    }
    if abs_root.starts_with(&abs_out) {
        return Err(refuse("it contains the site's root folder"));
    }
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(refuse("it is a file, not a folder"));
    }
    if output.join("content").exists() {
        return Err(refuse("it contains a content/ folder"));
    }
    if output.join(".git").exists() {
        return Err(refuse("it contains a .git repository"));
    }
    let empty = std::fs::read_dir(output)
        .map_err(io_err(output))?
        .next()
        .is_none();
    if !empty && !output.join(MANIFEST).is_file() {
        return Err(refuse(&format!(
            "it is not empty and has no {MANIFEST}, so baocao did not make it; empty it or choose another --output"
        )));
    }
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

/// A new site being written beside the output folder. Finished, it replaces
/// the output folder; dropped unfinished (an error, an interrupted build), it
/// is removed and the output folder is left as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    finished: bool,
}

impl Staging {
    /// Checks the output folder and makes the sibling staging folder.
    pub fn create(root: &Path, output: &Path) -> Result<Staging, WriteError> {
        check_output(root, output)?;
        let abs_out = absolute(output);
        let parent = abs_out.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = abs_out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        // A build killed half-way (Ctrl-C, power cut) leaves its staging or
        // swapped-out folder behind; they are baocao's own, so clear them.
        for leftover in leftovers(&parent, &name) {
            std::fs::remove_dir_all(&leftover).map_err(io_err(&leftover))?;
        }
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(Staging {
            dir,
            output: abs_out,
            parent,
            name,
            finished: false,
        })
    }

    /// Writes one file (its folders are made as needed). Safe from many threads.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let path = self.dir.join(rel);
        match std::fs::write(&path, bytes) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(folder) = path.parent() {
                    std::fs::create_dir_all(folder).map_err(io_err(folder))?;
                }
                std::fs::write(&path, bytes).map_err(io_err(&path))
            }
            Err(e) => Err(WriteError::Io { path, error: e }),
        }
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
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(io_err(folder))?;
        }
        std::fs::File::create(&path).map_err(io_err(&path))
    }

    /// Writes the manifest and swaps the new site in.
    pub fn finish(mut self, manifest_bytes: &[u8]) -> Result<(), WriteError> {
        let m = self.dir.join(MANIFEST);
        std::fs::write(&m, manifest_bytes).map_err(io_err(&m))?;
        swap(&self.dir, &self.output, &self.parent, &self.name)?;
        self.finished = true;
        Ok(())
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
    entries
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
        .collect()
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

fn swap(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(io_err(output));
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    std::fs::rename(output, &old).map_err(io_err(output))?;
    if let Err(error) = std::fs::rename(staging, output) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, output);
        return Err(WriteError::Io {
            path: output.to_path_buf(),
            error,
        });
    }
    std::fs::remove_dir_all(&old).map_err(io_err(&old))
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
