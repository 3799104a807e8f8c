//! Reading the content folder: find every write-up, decode it, split the front
//! matter from the body while keeping track of line numbers.
//!
//! This stage reads files and nothing else: it knows no field of the front matter.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::fsio;

/// The file that names canonical units and their aliases.
pub const UNITS_FILE: &str = "units.yaml";
/// The site's additions to the honours register, under `content/`.
pub const HONOURS_FILE: &str = "honours.yaml";

/// One write-up file, decoded, with its front matter split off.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the site root, e.g. `content/cum-2/2023-tong-ket.md`.
    pub path: PathBuf,
    /// Path relative to `content/`, with '/' separators.
    pub rel: String,
    /// The whole text (LF line endings, no BOM), for showing offending lines.
    pub text: String,
    /// The YAML between the `---` lines.
    pub front_matter: String,
    /// 1-based line of the file where the front matter's first line stands.
    pub front_matter_line: usize,
    /// The Markdown after the closing `---`.
    pub body: String,
}

/// Lists the Markdown files under `content_dir`, sorted, skipping hidden ones.
pub fn discover(content_dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let walker = WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_md = entry
                    .path()
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("md"));
                if entry.file_type().is_file() && is_md {
                    files.push(entry.into_path());
                }
            }
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| content_dir.to_path_buf(), Path::to_path_buf);
                diags.push(Diagnostic::error(
                    &path,
                    msg!("cannot-read", error = e.to_string()),
                ));
            }
        }
    }
    (files, diags)
}

/// Reads and splits one write-up.
pub fn load_one(root: &Path, file: &Path) -> Result<Source, Diagnostic> {
    let shown = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    let bytes = std::fs::read(file)
        .map_err(|e| Diagnostic::error(&shown, msg!("cannot-read-file", error = e.to_string())))?;
    let text = fsio::decode_text(&shown, bytes)?;
    let rel = file
        .strip_prefix(root.join("content"))
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/");
    split(shown, rel, text)
}

/// Splits `---` front matter from the body.
pub fn split(path: PathBuf, rel: String, text: String) -> Result<Source, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(&path, msg!("file-empty")).with_help(msg!("help-file-empty")));
    }
    let first = text.lines().next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(&path, msg!("front-matter-missing"))
            .at_line(&text, 1, None)
            .with_help(msg!("help-front-matter-missing")));
    }
    let mut offset = first.len() + 1;
    let mut close = None;
    for (i, line) in text[offset.min(text.len())..]
        .split_inclusive('\n')
        .enumerate()
    {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            close = Some((i, offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((_, fm_end, body_start)) = close else {
        return Err(Diagnostic::error(&path, msg!("front-matter-unclosed"))
            .at_line(&text, 1, None)
            .with_help(msg!("help-front-matter-unclosed")));
    };
    let fm_start = first.len() + 1;
    Ok(Source {
        front_matter: text[fm_start..fm_end].to_string(),
        front_matter_line: 2,
        body: text[body_start.min(text.len())..].to_string(),
        path,
        rel,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(t: &str) -> Result<Source, Diagnostic> {
        split(PathBuf::from("content/a.md"), "a.md".into(), t.to_string())
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split_text("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.front_matter, "title: A\n");
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn body_may_be_missing() {
        let s = split_text("---\ntitle: A\n---").unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn rejects_empty_unclosed_and_missing_front_matter() {
        assert_eq!(split_text("  \n").unwrap_err().code(), "file-empty");
        assert_eq!(
            split_text("title: A\n").unwrap_err().code(),
            "front-matter-missing"
        );
        assert_eq!(
            split_text("---\ntitle: A\n").unwrap_err().code(),
            "front-matter-unclosed"
        );
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = fsio::decode_text(
            Path::new("a.md"),
            b"\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nB\r\n".to_vec(),
        )
        .unwrap();
        let s = split_text(&text).unwrap();
        assert_eq!(s.front_matter, "title: A\n");
        assert_eq!(s.body, "B\n");
    }
}
