//! The build checks its own output: every href and src in every page, and every
//! url() in every stylesheet, must name a file the build wrote.

use std::collections::HashSet;
use std::path::PathBuf;

/// The paths a build writes, for the link check. Looked up once for every
/// link of every page, so it hashes with foldhash rather than SipHash (the
/// paths are the build's own, not an attacker's keys).
pub type Written<'a> = HashSet<&'a str, foldhash::fast::RandomState>;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::messages::Arg;

use super::OutputFile;

/// Returns one error per broken reference.
pub fn check(files: &[OutputFile]) -> Vec<Diagnostic> {
    let written: Written = files.iter().map(|f| f.path.as_str()).collect();
    check_files(files.iter(), &written)
}

/// Checks only the pages named in `paths`, against every path in `all`.
pub fn check_some<'a>(
    paths: impl Iterator<Item = &'a str>,
    output: &'a std::collections::HashMap<String, OutputFile>,
    all: &[&str],
) -> Vec<Diagnostic> {
    let written: Written = all.iter().copied().collect();
    check_files(paths.filter_map(|p| output.get(p)), &written)
}

fn check_files<'a>(
    files: impl Iterator<Item = &'a OutputFile>,
    written: &Written,
) -> Vec<Diagnostic> {
    let files: Vec<&OutputFile> = files.collect();
    files
        .par_iter()
        .flat_map_iter(|f| check_one(f, written))
        .collect()
}

/// The broken references of one file, against the paths in `written`.
pub fn check_one(f: &OutputFile, written: &Written) -> Vec<Diagnostic> {
    check_bytes(&f.path, &f.bytes, written)
}

/// The broken references of the file at `path` with these contents.
pub fn check_bytes(path: &str, bytes: &[u8], written: &Written) -> Vec<Diagnostic> {
    let refs = if path.ends_with(".html") {
        attribute_refs(bytes)
    } else if path.ends_with(".css") {
        match std::str::from_utf8(bytes) {
            Ok(text) => css_refs(text),
            Err(_) => return Vec::new(),
        }
    } else {
        return Vec::new();
    };
    // A page names the same few addresses many times (a unit in every row):
    // each distinct reference is resolved once.
    let mut seen: HashSet<&str, foldhash::fast::RandomState> =
        HashSet::with_capacity_and_hasher(refs.len(), Default::default());
    refs.into_iter()
        .filter(|r| seen.insert(r))
        .filter_map(|r| {
            broken(path, r, written).map(|problem| {
                Diagnostic::error(
                    PathBuf::from(path),
                    msg!("link-broken", link = r, problem = Arg::Key(problem)),
                )
                .with_help(msg!("help-link-broken"))
            })
        })
        .collect()
}

/// Why the reference is broken, as a key of the message catalog.
fn broken(page: &str, reference: &str, written: &Written) -> Option<&'static str> {
    let r = decode_entities(reference);
    let r = r.trim();
    if r.is_empty() {
        return Some("word-link-empty");
    }
    if r.starts_with('#') || r.starts_with("//") {
        return None;
    }
    if let Some((scheme, _)) = r.split_once(':') {
        if scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return None;
        }
    }
    if r.starts_with('/') {
        return Some("word-link-absolute");
    }
    let path = r.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() {
        return None;
    }
    if path.ends_with('/') {
        return Some("word-link-folder");
    }
    // Resolve against the page's folder in one string (this runs for every
    // link of every page).
    let mut target = String::with_capacity(page.len() + path.len());
    target.push_str(page.rfind('/').map_or("", |i| &page[..i]));
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if target.is_empty() {
                    return Some("word-link-leaves-site");
                }
                let cut = target.rfind('/').unwrap_or(0);
                target.truncate(cut);
            }
            s => {
                if !target.is_empty() {
                    target.push('/');
                }
                target.push_str(s);
            }
        }
    }
    if target.contains('%') {
        target = crate::text::percent_decode(&target);
    }
    if written.contains(target.as_str()) {
        None
    } else if written.contains(format!("{target}/{}", crate::urls::INDEX).as_str()) {
        Some("word-link-folder")
    } else {
        Some("word-link-no-such-file")
    }
}

/// Values of href="..." and src="..." attributes, in one pass.
///
/// Works on bytes: pages can be megabytes, and only the attribute values need
/// to be text.
fn attribute_refs(bytes: &[u8]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    for eq in memchr::memmem::find_iter(bytes, b"=\"") {
        if eq < at {
            continue;
        }
        let value_start = eq + 2;
        let Some(len) = memchr::memchr(b'"', &bytes[value_start..]) else {
            break;
        };
        at = value_start + len;
        let name_start = bytes[..eq]
            .iter()
            .rposition(|b| b.is_ascii_whitespace())
            .map_or(0, |p| p + 1);
        let name = &bytes[name_start..eq];
        if name == b"href" || name == b"src" {
            if let Ok(value) = std::str::from_utf8(&bytes[value_start..at]) {
                out.push(value);
            }
        }
    }
    out
}

/// Arguments of url(...) in a stylesheet.
fn css_refs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        if let Some(end) = rest.find(')') {
            let arg = rest[..end].trim().trim_matches(['"', '\'']);
            if !arg.starts_with("data:") {
                out.push(arg);
            }
            rest = &rest[end..];
        }
    }
    out
}

fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.replace("&amp;", "&")
            .replace("&#x2F;", "/")
            .replace("&#47;", "/")
            .replace("&quot;", "\"")
            .replace("&#39;", "'"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_broken_and_folder_links() {
        let files = vec![
            file(
                "index.html",
                r##"<a href="cum/cum-2/index.html">x</a><a href="cum/cum-2/">y</a><a href="nope.html">z</a><a href="https://x">e</a><a href="#top">t</a>"##,
            ),
            file(
                "cum/cum-2/index.html",
                r#"<link href="../../static/style.css"><a href="../../index.html#x">h</a>"#,
            ),
            file(
                "static/style.css",
                "a{background:url(../missing.png)} b{background:url(data:image/png;base64,xx)}",
            ),
        ];
        let diags = check(&files);
        let messages: Vec<String> = diags
            .iter()
            .map(|d| d.text(crate::messages::Language::En))
            .collect();
        assert_eq!(diags.len(), 3, "{messages:?}");
        assert!(messages[0].contains("cum/cum-2/") && messages[0].contains("folder"));
        assert!(messages[1].contains("nope.html"));
        assert!(
            messages[2].contains("../../static/style.css") || messages[2].contains("missing.png")
        );
    }
}
