//! Photos and attachments: the files a write-up refers to, besides other
//! write-ups.
//!
//! When a write-up is loaded, every relative link and image of its body and
//! its `cover:` and `attachments:` are resolved against its own folder (then
//! against the folder of the same name beside it), checked (the file exists,
//! stays inside content/, is a photo baocao can decode or a document it
//! publishes) and given their place in the output, under the conference
//! page's folder. A photo's web versions are made then, into the cache (see
//! `photo`), unless they are there already: a photo that cannot be decoded is
//! found by `check` too. A problem is a content error at the file and line of
//! the reference. Root-relative links (`/logo.png`) name a file of the site's
//! `static/` folder, copied as is into the output.
//!
//! When the site is built, `produce` hands every file to the output as a
//! copy of the cached version or of the document.

pub mod html;
pub mod photo;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::messages::Msg;
use crate::model::WriteUp;

/// The cache of processed photos, under the site root.
pub const CACHE_DIR: &str = ".baocao-cache/photos";
/// The site's own static files, under the site root, copied into the output as is.
pub const STATIC_DIR: &str = "static";
/// The folder of a conference's photos, under its page's folder.
pub const PHOTO_DIR: &str = "anh";
/// The folder of a conference's attachments, under its page's folder.
pub const DOCUMENT_DIR: &str = "tai-lieu";

const PHOTO_EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];
/// The documents baocao publishes, by extension, with the type it shows.
const DOCUMENT_TYPES: [(&str, &str); 17] = [
    ("pdf", "PDF"),
    ("doc", "DOC"),
    ("docx", "DOCX"),
    ("xls", "XLS"),
    ("xlsx", "XLSX"),
    ("ppt", "PPT"),
    ("pptx", "PPTX"),
    ("odt", "ODT"),
    ("ods", "ODS"),
    ("odp", "ODP"),
    ("rtf", "RTF"),
    ("txt", "TXT"),
    ("csv", "CSV"),
    ("zip", "ZIP"),
    ("7z", "7Z"),
    ("rar", "RAR"),
    ("mp4", "MP4"),
];

/// What a referred file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Photo(photo::Info),
    /// A document, with the type shown beside its link ("PDF").
    Document(&'static str),
}

/// One file of a write-up, published under its page's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Where it is on disk.
    pub source: PathBuf,
    /// For a document, its output path; for a photo, its versions' output
    /// path without the `-<width>.<ext>` ending.
    pub out: String,
    pub size: u64,
    pub kind: Kind,
    /// A photo's versions in the cache, in the order of its `variants`.
    pub versions: Vec<PathBuf>,
    /// The caption or title the write-up gives it (alt text, link text or title).
    pub caption: String,
    /// Where it is first referred to: errors of the build point there.
    place: Diagnostic,
}

impl File {
    pub fn photo(&self) -> Option<&photo::Info> {
        match &self.kind {
            Kind::Photo(p) => Some(p),
            Kind::Document(_) => None,
        }
    }

    /// The output path of the photo version of this width.
    pub fn variant(&self, width: u32) -> String {
        let ext = self.photo().map_or("jpg", photo::Info::extension);
        format!("{}-{width}.{ext}", self.out)
    }

    /// The file a plain link to it opens: the document, or the largest version.
    pub fn href(&self) -> String {
        match &self.kind {
            Kind::Photo(p) => self.variant(p.largest().0),
            Kind::Document(_) => self.out.clone(),
        }
    }

    /// Every output path of this file.
    pub fn outputs(&self) -> Vec<String> {
        match &self.kind {
            Kind::Photo(p) => p.variants.iter().map(|(w, _)| self.variant(*w)).collect(),
            Kind::Document(_) => vec![self.out.clone()],
        }
    }

    /// An error of this file, at its first reference.
    pub fn error(&self, message: Msg) -> Diagnostic {
        let mut d = self.place.clone();
        d.message = message;
        d
    }
}

/// What a link or image of the body names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `files[i]`.
    File(usize),
    /// A file of the site's static folder: its output path.
    Static(String),
}

/// The photos and attachments of one write-up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assets {
    pub files: Vec<File>,
    /// The destinations of the body's links and images, as written.
    pub by_dest: HashMap<String, Target>,
    /// The photo for lists and cards: `cover:`, else the first photo.
    pub cover: Option<usize>,
    /// Photos the body does not show (the cover, photos under
    /// `attachments:`), for the gallery at the end of the page.
    pub gallery: Vec<usize>,
    /// The documents, listed under the attachments heading.
    pub documents: Vec<usize>,
}

impl Assets {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.by_dest.is_empty()
    }

    pub fn target(&self, dest: &str) -> Option<&Target> {
        self.by_dest.get(dest.trim())
    }

    pub fn cover_file(&self) -> Option<&File> {
        self.cover.and_then(|i| self.files.get(i))
    }
}

/// Folders shared by every write-up's resolution.
pub struct Places {
    content: PathBuf,
    /// `content` with its links resolved: a file must stay under it.
    content_real: PathBuf,
    root: PathBuf,
    /// Where the photos' versions are kept.
    cache: PathBuf,
}

impl Places {
    pub fn new(config: &Config) -> Places {
        let content = config.content_dir();
        Places {
            content_real: std::fs::canonicalize(&content).unwrap_or_else(|_| content.clone()),
            content,
            root: config.root.clone(),
            cache: config.root.join(CACHE_DIR),
        }
    }
}

/// `cover:` and `attachments:` of the front matter (the other fields are the
/// validator's).
#[derive(Debug, Deserialize)]
struct Extra {
    cover: Option<String>,
    attachments: Option<Vec<RawAttachment>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawAttachment {
    File(String),
    Titled { file: String, title: Option<String> },
}

/// One reference found in the write-up.
struct Reference {
    dest: String,
    image: bool,
    /// Alt text or link text.
    text: String,
    title: String,
    /// Where it is, as a diagnostic with no message yet.
    place: Diagnostic,
    from: From,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum From {
    Body,
    Cover,
    Attachments,
}

/// Finds, checks and places the files `w` refers to.
pub fn resolve(config: &Config, w: &WriteUp) -> (Assets, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut refs = body_references(w);
    refs.extend(front_matter_references(w, &mut diags));
    if refs.is_empty() {
        return (Assets::default(), diags);
    }
    let places = &Places::new(config);
    let mut a = Assets::default();
    let mut by_source: HashMap<PathBuf, usize> = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    let mut in_body: HashSet<usize> = HashSet::new();
    let mut cover = None;
    let mut listed: Vec<usize> = Vec::new();
    for r in refs {
        let fail = |message: Msg, help: Msg| {
            let mut d = r.place.clone();
            d.message = message;
            d.with_help(help)
        };
        let path = r.dest.split(['#', '?']).next().unwrap_or_default();
        let path = crate::text::percent_decode(path);
        if path.starts_with('/') {
            match static_file(places, &path) {
                Ok(out) => {
                    a.by_dest.insert(r.dest.clone(), Target::Static(out));
                }
                Err(message) => diags.push(fail(message, msg!("help-static-link"))),
            }
            continue;
        }
        let ext = extension(&path);
        if ext == "svg" {
            diags.push(fail(
                msg!("asset-svg", path = &path),
                msg!("help-asset-svg"),
            ));
            continue;
        }
        let document = DOCUMENT_TYPES
            .iter()
            .find(|(x, _)| *x == ext)
            .map(|(_, t)| *t);
        let is_photo = PHOTO_EXTENSIONS.contains(&ext.as_str());
        if document.is_none() && !is_photo {
            let message = if ext.is_empty() {
                msg!("asset-no-extension", path = &path)
            } else {
                msg!("asset-type-unpublished", path = &path, ext = &ext)
            };
            let help = if !path.contains('/') && path.contains('.') {
                msg!("help-asset-types-web-page", path = &path)
            } else {
                msg!("help-asset-types")
            };
            diags.push(fail(message, help));
            continue;
        }
        if r.image && !is_photo {
            diags.push(fail(
                msg!("asset-image-not-photo", path = &path),
                msg!("help-asset-image-not-photo"),
            ));
            continue;
        }
        if r.from == From::Cover && !is_photo {
            diags.push(fail(
                msg!("asset-cover-not-photo", path = &path),
                msg!("help-asset-cover-not-photo"),
            ));
            continue;
        }
        let source = match find(places, w, &path) {
            Ok(s) => s,
            Err(d) => {
                diags.push(fail(d.0, d.1));
                continue;
            }
        };
        let index = match by_source.get(&source) {
            Some(&i) => i,
            None => {
                let size = std::fs::metadata(&source).map(|m| m.len()).unwrap_or(0);
                let made = match document {
                    Some(t) => Ok((Kind::Document(t), Vec::new())),
                    None => photo::prepare(&places.cache, &source)
                        .map(|(info, versions)| (Kind::Photo(info), versions)),
                };
                let (kind, versions) = match made {
                    Ok(made) => made,
                    Err(e) => {
                        diags.push(fail(
                            msg!("photo-unusable", path = &path, reason = e),
                            msg!("help-photo-unusable"),
                        ));
                        continue;
                    }
                };
                let out = output_name(w, &path, &kind, &mut used);
                a.files.push(File {
                    source: source.clone(),
                    out,
                    size,
                    kind,
                    versions,
                    caption: String::new(),
                    place: r.place.clone(),
                });
                by_source.insert(source, a.files.len() - 1);
                a.files.len() - 1
            }
        };
        let file = &mut a.files[index];
        if file.caption.is_empty() {
            let caption = if r.title.trim().is_empty() {
                r.text.trim()
            } else {
                r.title.trim()
            };
            file.caption = caption.to_string();
        }
        if r.image && r.text.trim().is_empty() {
            diags.push(
                Diagnostic {
                    severity: crate::diagnostics::Severity::Warning,
                    message: msg!("photo-no-alt", path = &path),
                    ..r.place.clone()
                }
                .with_help(msg!("help-photo-no-alt")),
            );
        }
        match r.from {
            From::Body => {
                if r.image {
                    in_body.insert(index);
                }
                a.by_dest.insert(r.dest.clone(), Target::File(index));
            }
            From::Cover => cover = Some(index),
            From::Attachments => {}
        }
        if r.from != From::Cover && !listed.contains(&index) {
            listed.push(index);
        }
    }
    let first_photo = a.files.iter().position(|f| f.photo().is_some());
    a.cover = cover.or(first_photo);
    if let Some(c) = cover.filter(|c| !in_body.contains(c)) {
        a.gallery.push(c);
    }
    for &i in &listed {
        match a.files[i].kind {
            Kind::Document(_) => a.documents.push(i),
            Kind::Photo(_) if !in_body.contains(&i) && !a.gallery.contains(&i) => {
                a.gallery.push(i);
            }
            Kind::Photo(_) => {}
        }
    }
    (a, diags)
}

/// The relative links and images of the body (not to other write-ups).
fn body_references(w: &WriteUp) -> Vec<Reference> {
    let body = &w.body;
    // Most bodies link to no file of theirs (no link, or only web pages and
    // other write-ups): skip the parse. A reference definition (`]:`) or a
    // destination that could name a file is read properly.
    let may_name_a_file = memchr::memmem::find_iter(body.as_bytes(), b"](").any(|at| {
        let rest = &body[at + 2..];
        let dest = rest
            .split(|c: char| c == ')' || c.is_whitespace())
            .next()
            .unwrap_or_default()
            .trim_start_matches('<');
        dest.is_empty() || is_file_reference(dest)
    });
    if !may_name_a_file && memchr::memmem::find(body.as_bytes(), b"]:").is_none() {
        return Vec::new();
    }
    let options = pulldown_cmark::Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out: Vec<Reference> = Vec::new();
    // The reference being read (its text gathers until its end).
    let mut open: Option<Reference> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let image = matches!(tag, Tag::Image { .. });
                let (Tag::Link {
                    dest_url, title, ..
                }
                | Tag::Image {
                    dest_url, title, ..
                }) = tag
                else {
                    continue;
                };
                if !is_file_reference(&dest_url) {
                    continue;
                }
                let line = 1 + body[..range.start.min(body.len())].matches('\n').count();
                let dest = dest_url.trim().to_string();
                let mut place = Diagnostic::error(&w.path, Msg::new("")).at_line(
                    body,
                    line,
                    Some(dest.as_str()),
                );
                if let Some(span) = &mut place.span {
                    span.line += w.body_line - 1;
                }
                if let Some(done) = open.take() {
                    out.push(done);
                }
                open = Some(Reference {
                    dest,
                    image,
                    text: String::new(),
                    title: title.to_string(),
                    place,
                    from: From::Body,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(r) = &mut open {
                    r.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(r) = &mut open {
                    r.text.push(' ');
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(done) = open.take() {
                    out.push(done);
                }
            }
            _ => {}
        }
    }
    out.extend(open);
    out
}

/// Whether a link's destination names a file of the site (not a page on the
/// web, an anchor, or another write-up, which the Markdown renderer resolves).
pub fn is_file_reference(dest: &str) -> bool {
    let d = dest.trim();
    // `www.…` is a web address without its https://, which the Markdown
    // renderer reports as such.
    if d.is_empty()
        || d.starts_with('#')
        || d.starts_with("//")
        || d.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
    {
        return false;
    }
    let has_scheme = d.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme {
        return false;
    }
    let path = d.split(['#', '?']).next().unwrap_or_default();
    !path.is_empty() && !path.to_ascii_lowercase().ends_with(".md") && !path.ends_with('/')
}

fn front_matter_references(w: &WriteUp, diags: &mut Vec<Diagnostic>) -> Vec<Reference> {
    let fm = &w.front_matter;
    let has = |key: &str| fm.starts_with(key) || fm.contains(&format!("\n{key}"));
    if !has("cover:") && !has("attachments:") {
        return Vec::new();
    }
    let extra: Extra = match serde_yaml::from_str(fm) {
        Ok(e) => e,
        Err(e) => {
            let key = if has("attachments:") {
                "attachments"
            } else {
                "cover"
            };
            let d = Diagnostic::error(
                &w.path,
                msg!(
                    "asset-field-unreadable",
                    key = key,
                    error = e.to_string().split(" at line ").next().unwrap_or_default()
                ),
            );
            diags.push(
                w.locate(d, w.line_of(&format!("{key}:"), key), None)
                    .with_help(msg!("help-asset-fields")),
            );
            return Vec::new();
        }
    };
    let place = |key: &str, needle: &str| {
        let line = if key == "cover" {
            w.line_of(&format!("cover: {needle}"), "cover")
                .or_else(|| w.line_of(needle, "cover"))
        } else {
            w.line_under(key, needle)
        };
        w.locate(Diagnostic::error(&w.path, Msg::new("")), line, Some(needle))
    };
    let mut out = Vec::new();
    if let Some(c) = extra.cover {
        let dest = c.trim().to_string();
        out.push(Reference {
            place: place("cover", &dest),
            dest,
            image: false,
            text: String::new(),
            title: String::new(),
            from: From::Cover,
        });
    }
    for a in extra.attachments.unwrap_or_default() {
        let (file, title) = match a {
            RawAttachment::File(f) => (f, None),
            RawAttachment::Titled { file, title } => (file, title),
        };
        let dest = file.trim().to_string();
        out.push(Reference {
            place: place("attachments", &dest),
            dest,
            image: false,
            text: String::new(),
            title: title.unwrap_or_default(),
            from: From::Attachments,
        });
    }
    out
}

/// Whether a file under content/ may be a photo or an attachment (by its
/// extension): a change to it changes the write-ups that refer to it.
pub fn may_be_referred(path: &Path) -> bool {
    let ext = extension(&path.to_string_lossy().replace('\\', "/"));
    ext == "svg"
        || PHOTO_EXTENSIONS.contains(&ext.as_str())
        || DOCUMENT_TYPES.iter().any(|(x, _)| *x == ext)
}

/// The lower-case extension of a path's last segment.
fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Finds the file `path` refers to from `w`: beside the write-up, else in
/// the folder of the write-up's name. Errors are (message, help).
fn find(places: &Places, w: &WriteUp, path: &str) -> Result<PathBuf, (Msg, Msg)> {
    let own = w.rel.strip_suffix(".md").unwrap_or(&w.rel);
    let beside = crate::render::markdown::resolve_relative(&w.rel, path);
    let inside = crate::render::markdown::resolve_relative(&format!("{own}/x"), path);
    let Some(beside) = beside else {
        return Err((
            msg!("asset-outside-content", path = path),
            msg!("help-asset-outside-content"),
        ));
    };
    for rel in std::iter::once(&beside).chain(inside.iter()) {
        let candidate = places.content.join(rel);
        if candidate.is_file() {
            let real = std::fs::canonicalize(&candidate).map_err(|e| {
                (
                    msg!("asset-unreadable", path = path, error = e.to_string()),
                    msg!("help-asset-unreadable"),
                )
            })?;
            if !real.starts_with(&places.content_real) {
                return Err((
                    msg!("asset-symlink-outside", path = path),
                    msg!("help-asset-symlink-outside"),
                ));
            }
            return Ok(real);
        }
    }
    let shown = |rel: &str| format!("content/{rel}");
    let message = match inside.as_deref() {
        Some(i) => msg!(
            "asset-missing",
            path = path,
            beside = shown(&beside),
            inside = shown(i)
        ),
        None => msg!("asset-missing-beside", path = path, beside = shown(&beside)),
    };
    let near = std::iter::once(&beside)
        .chain(inside.iter())
        .find_map(|rel| nearest(&places.content.join(rel)));
    let help = match near {
        Some(name) => {
            let fixed = match path.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{name}"),
                None => name,
            };
            msg!("help-asset-did-you-mean", name = fixed)
        }
        None => msg!("help-asset-missing", folder = own),
    };
    Err((message, help))
}

/// The name of a file beside `missing` that is probably the one meant: the
/// same name but for case, else one at most two edits away.
fn nearest(missing: &Path) -> Option<String> {
    let want = missing.file_name()?.to_string_lossy().to_lowercase();
    let names: Vec<String> = std::fs::read_dir(missing.parent()?)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if let Some(n) = names.iter().find(|n| n.to_lowercase() == want) {
        return Some(n.clone());
    }
    names
        .iter()
        .map(|n| (crate::text::edit_distance(&n.to_lowercase(), &want), n))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, n)| n.clone())
}

/// The output path of a new file of `w`: folded, safe, not yet used.
fn output_name(w: &WriteUp, path: &str, kind: &Kind, used: &mut HashSet<String>) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let mut slug = crate::text::slugify(stem);
    if slug.is_empty() {
        slug = "tep".into();
    }
    let (dir, ext) = match kind {
        Kind::Photo(_) => (PHOTO_DIR, String::new()),
        Kind::Document(_) => (DOCUMENT_DIR, format!(".{}", extension(path))),
    };
    // Files are placed as write-ups are read, before a renderer exists: in
    // the published layout's folder of the write-up.
    let folder = crate::urls::Urls::default().conference_folder(&w.slug);
    let base = format!("{folder}/{dir}/{slug}");
    let mut candidate = format!("{base}{ext}");
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{base}-{n}{ext}");
        n += 1;
    }
    candidate
}

/// The output path of a static file named by a root-relative link.
fn static_file(places: &Places, path: &str) -> Result<String, Msg> {
    let rel = path.trim_start_matches('/');
    let dir = places.root.join(STATIC_DIR);
    let Some(clean) = crate::render::markdown::resolve_relative("x", rel).filter(|c| !c.is_empty())
    else {
        return Err(msg!("static-outside", path = path));
    };
    if !dir.join(&clean).is_file() {
        return Err(msg!("static-missing", path = path, file = &clean));
    }
    Ok(clean)
}

/// The files of the site's static folder, as (output path, file), sorted.
pub fn static_files(config: &Config) -> Vec<(String, PathBuf)> {
    let dir = config.root.join(STATIC_DIR);
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out: Vec<(String, PathBuf)> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(&dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, e.into_path()))
        })
        .collect();
    out.sort();
    out
}

/// Every output path of the write-ups' files and of the static folder.
pub fn output_paths(config: &Config, writeups: &[Arc<WriteUp>]) -> Vec<String> {
    let mut out: Vec<String> = writeups
        .iter()
        .flat_map(|w| w.assets.files.iter().flat_map(File::outputs))
        .collect();
    out.extend(static_files(config).into_iter().map(|(p, _)| p));
    out
}

/// Hands every output file of `writeups` (their photos' versions, made in
/// the cache when they were loaded, and their documents) and of the static
/// folder to `each`, as (output path, file to copy), in parallel.
pub fn produce(
    config: &Config,
    writeups: &[Arc<WriteUp>],
    with_static: bool,
    each: &(dyn Fn(&str, &Path) -> Result<(), Diagnostic> + Sync),
) -> Vec<Diagnostic> {
    let jobs: Vec<&File> = writeups
        .iter()
        .flat_map(|w| w.assets.files.iter())
        .collect();
    let mut diags: Vec<Diagnostic> = jobs
        .par_iter()
        .flat_map_iter(|f| {
            let copies: Vec<(String, PathBuf)> = match &f.kind {
                Kind::Document(_) => vec![(f.out.clone(), f.source.clone())],
                Kind::Photo(_) => f.outputs().into_iter().zip(f.versions.clone()).collect(),
            };
            copies
                .iter()
                .filter_map(|(out, from)| each(out, from).err())
                .collect::<Vec<Diagnostic>>()
        })
        .collect();
    if with_static {
        for (out, from) in static_files(config) {
            if let Err(d) = each(&out, &from) {
                diags.push(d);
            }
        }
    }
    diags
}

/// An error for a static file whose output path a page of the site takes.
pub fn static_clash(path: &str) -> Diagnostic {
    Diagnostic::error(
        PathBuf::from(STATIC_DIR).join(path),
        msg!("static-clash", path = path),
    )
    .with_help(msg!("help-static-clash"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_references_are_relative_and_not_write_ups() {
        assert!(is_file_reference("anh/quang-canh.jpg"));
        assert!(is_file_reference("bao-cao.pdf#page=2"));
        assert!(is_file_reference("/logo.png"));
        assert!(!is_file_reference("../cum-5/2022-tong-ket.md"));
        assert!(!is_file_reference("https://example.org/a.jpg"));
        assert!(!is_file_reference("#top"));
        assert!(!is_file_reference("mailto:a@b.vn"));
        assert!(!is_file_reference(""));
    }

    #[test]
    fn joins_and_decodes() {
        assert_eq!(
            crate::render::markdown::resolve_relative("cum-2/a.md", "anh/x.jpg").as_deref(),
            Some("cum-2/anh/x.jpg")
        );
        assert_eq!(
            crate::render::markdown::resolve_relative("cum-2/a.md", "../../x.jpg"),
            None
        );
        assert_eq!(
            crate::text::percent_decode("quang%20canh.jpg"),
            "quang canh.jpg"
        );
        assert_eq!(extension("anh/Ảnh 1.JPG"), "jpg");
        assert_eq!(extension(".hidden"), "");
    }
}
