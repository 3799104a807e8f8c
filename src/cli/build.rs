//! `baocao build`: the site into the output folder, replaced whole. The
//! pipeline (`crate::pipeline::Site`) reads, validates and models the site and
//! hands each rendered file to a sink that writes it into a staging folder.

use std::path::PathBuf;
use std::time::Instant;

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::sync::Mutex;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::config::{self, Language, Overrides};
use crate::diagnostics;
use crate::diagnostics::Diagnostic;
use crate::messages::{Arg, Msg};
use crate::pipeline;
use crate::render::{OutputFile, Sink};
use crate::write;

use super::{
    error_text, plural, render_diagnostics, shown, Outcome, SiteArgs, CONTENT_ERROR, OK,
    USAGE_ERROR,
};

/// The diagnostics to print: with `quiet`, the errors only.
fn shown_diagnostics(diags: &[Diagnostic], quiet: bool) -> std::borrow::Cow<'_, [Diagnostic]> {
    if quiet {
        std::borrow::Cow::Owned(diags.iter().filter(|d| d.is_error()).cloned().collect())
    } else {
        std::borrow::Cow::Borrowed(diags)
    }
}

/// Build the site into the output folder (public/ by default).
///
/// The new site is written beside the old one and swapped in only when it is
/// complete: on any error the previous output is left untouched.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: `output` in site.yaml, else public/]
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The address the site is published at, e.g. http://intranet/bao-cao/ (canonical links only;
    /// pages link to each other relatively either way)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include write-ups marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Print the files that would be added, changed and removed, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print how long each stage of the build took
    #[arg(long)]
    pub timings: bool,
    /// Print errors and the summary line only, not each warning and note
    /// (the summary still counts the warnings)
    #[arg(long, short)]
    pub quiet: bool,
    /// Build even when content/ has no write-ups and the output holds a published site
    #[arg(long)]
    pub allow_empty: bool,
}

impl BuildArgs {
    pub fn run(self) -> Outcome {
        let started = Instant::now();
        // A bad value typed on the command line is the command line's fault,
        // whatever site.yaml says (or when there is no site.yaml).
        if let Some(Err(u)) = self.base_url.as_deref().map(config::parse_base_url) {
            return Outcome::usage(
                self.site.language(),
                msg!("base-url-option-invalid", url = u),
                Some(msg!("help-base-url")),
            );
        }
        let overrides = Overrides {
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            include_drafts: self.drafts,
        };
        let config = match self.site.config(&overrides) {
            Ok(c) => c,
            Err(o) => return o,
        };
        let lang = config.language;
        let failed_line = || format!("{}\n", msg!("build-failed").text(lang));
        let mut out = Outcome::default();
        if !self.dry_run {
            match write::restore_orphan(&config.output) {
                Ok(Some(old)) => out.stderr.push_str(&super::note_text(
                    lang,
                    &msg!("build-restored-previous", path = shown(&old)),
                )),
                Ok(None) => {}
                Err(e) => {
                    out.stderr = write_error(&e, lang);
                    out.code = CONTENT_ERROR;
                    return out;
                }
            }
        }
        let quiet = self.quiet;
        let fail = |mut out: Outcome, diags: &[crate::diagnostics::Diagnostic], why: String| {
            out.stderr
                .push_str(&render_diagnostics(&shown_diagnostics(diags, quiet), lang));
            out.stderr.push_str(&why);
            out.code = CONTENT_ERROR;
            out
        };
        let write_fail = |out: Outcome, diags: &[Diagnostic], e: &write::WriteError| {
            let mut out = fail(out, diags, write_error(e, lang));
            if e.is_usage() {
                out.code = USAGE_ERROR;
            }
            out
        };
        // Before the content is read: a refused output folder is a usage
        // error, whatever the content says.
        if let Err(e) = write::check_output(&config.root, &config.output) {
            return write_fail(out, &[], &e);
        }
        let mut site = pipeline::Site::read(config.clone());
        if site.has_errors() {
            let diags = site.diagnostics.clone();
            return fail(out, &diags, failed_line());
        }
        // Checked: the output is absent, empty, or has a readable manifest.
        let previous = write::current_manifest(&config.output).unwrap_or_default();
        let mut site_diags = site.diagnostics.clone();
        site_diags.extend(invalid_manifest_paths(&previous, &config.output));
        // Pages are hashed (and written, unless this is a dry run) as they are
        // rendered: the site is never held whole in memory.
        let staging = if self.dry_run {
            None
        } else {
            match write::Staging::create(&config.root, &config.output) {
                Ok(s) => Some(s),
                Err(e) => return write_fail(out, &site_diags, &e),
            }
        };
        let sink = BuildSink {
            staging: staging.as_ref(),
            output: config.output.clone(),
            hashes: Mutex::new(BTreeMap::new()),
            parts: Mutex::new(HashMap::new()),
            bytes: AtomicU64::new(0),
            failed: WriteFailures::default(),
        };
        let mut diags = site_diags;
        diags.extend(site.render(&sink));
        let manifest = sink.hashes.into_inner().unwrap_or_default();
        let manifest_bytes = write::manifest_json(&manifest);
        let needed = sink.bytes.into_inner() + manifest_bytes.len() as u64;
        diags.extend(sink.failed.diagnostic(&config.output, needed));
        crate::diagnostics::sort(&mut diags);
        if !self.allow_empty {
            if let Some(why) = empty_refusal(&site, &previous, &manifest, &config.output, lang) {
                drop(staging);
                return fail(out, &diags, why);
            }
        }
        if diags.iter().any(crate::diagnostics::Diagnostic::is_error) {
            drop(staging);
            return fail(out, &diags, failed_line());
        }
        out.stderr
            .push_str(&render_diagnostics(&shown_diagnostics(&diags, quiet), lang));
        let clock = Instant::now();
        if self.dry_run {
            return dry_run(out, &config.output, &previous, &manifest, lang);
        }
        let mut kept = Vec::new();
        if let Some(s) = staging {
            match s.finish(&manifest, &manifest_bytes) {
                Ok(published) => {
                    kept = published.kept;
                    if let Some(e) = published.cleanup_failed {
                        out.stderr.push_str(&format!(
                            "{}: {}\n",
                            crate::messages::lookup(lang, "severity-warning"),
                            msg!("build-old-site-left", error = Arg::Msgs(vec![e.message()]))
                                .text(lang)
                        ));
                    }
                }
                Err(e) => {
                    let (message, help) = match &e {
                        write::WriteError::Io { error, .. } if write::is_disk_full(error) => {
                            let (m, h) = disk_full(&config.output, needed);
                            (m, Some(h))
                        }
                        _ => (e.message(), e.help()),
                    };
                    out.stderr
                        .push_str(&error_text(lang, &message, help.as_ref()));
                    out.stderr.push_str(&failed_line());
                    out.code = if e.is_usage() {
                        USAGE_ERROR
                    } else {
                        CONTENT_ERROR
                    };
                    return out;
                }
            }
        }
        site.timings.push(("manifest and swap", clock.elapsed()));
        if self.timings {
            for (stage, took) in &site.timings {
                out.stdout.push_str(&format!(
                    "{:>9.1} ms  {stage}\n",
                    took.as_secs_f64() * 1000.0
                ));
            }
        }
        if !kept.is_empty() && !quiet {
            const SHOWN: usize = 10;
            let list = kept[..kept.len().min(SHOWN)].join(", ");
            let list = if kept.len() > SHOWN {
                msg!("list-and-more", list = list, more = kept.len() - SHOWN)
            } else {
                msg!("list", list = list)
            };
            out.stdout.push_str(&format!(
                "{}\n",
                msg!(
                    "build-kept",
                    entries = plural(kept.len(), "word-an-entry", "word-the-entries"),
                    list = Arg::Msgs(vec![list])
                )
                .text(lang)
            ));
        }
        let (_, warnings) = diagnostics::count(&diags);
        let s = site.stats();
        let pages = manifest.keys().filter(|p| p.ends_with(".html")).count();
        let drafts = if s.drafts_skipped > 0 {
            vec![msg!("build-drafts-left-out", drafts = s.drafts_skipped)]
        } else {
            Vec::new()
        };
        out.stdout.push_str(&format!(
            "{}\n",
            msg!(
                "build-done",
                pages = pages,
                conferences = s.conferences,
                clusters = s.clusters,
                units = s.units,
                years = s.years,
                output = shown(&config.output),
                warnings = warnings,
                warnings_word = plural(warnings, "word-warning", "word-warnings"),
                drafts = Arg::Msgs(drafts),
                seconds = seconds_text(lang, started.elapsed().as_secs_f64())
            )
            .text(lang)
        ));
        out.code = OK;
        out
    }
}

/// A write error as printed in `lang`: the message and its help line.
fn write_error(e: &write::WriteError, lang: Language) -> String {
    error_text(lang, &e.message(), e.help().as_ref())
}

/// The one error of a full disk: where (the folder the new site is written
/// into, beside the output), and about how much room the site needs.
fn disk_full(output: &std::path::Path, needed: u64) -> (Msg, Msg) {
    let folder = output
        .parent()
        .and_then(|p| p.ancestors().find(|a| a.is_dir()))
        .unwrap_or(output)
        .to_path_buf();
    (
        msg!("disk-full", folder = folder.display().to_string()),
        msg!("help-disk-full", size = human_bytes(needed)),
    )
}

/// A size for people: 512 bytes, 3.4 MB, 1.2 GB.
fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if n < 1000 {
        return format!("{n} bytes");
    }
    let mut value = n as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The refusal of a build without write-ups that would remove pages of the
/// published site, unless `--allow-empty`: an emptied or mistyped content/
/// must not wipe the site from the server.
fn empty_refusal(
    site: &pipeline::Site,
    previous: &write::Manifest,
    new: &BTreeMap<String, String>,
    output: &std::path::Path,
    lang: Language,
) -> Option<String> {
    let stats = site.stats();
    if stats.conferences > 0 {
        return None;
    }
    let pages = previous
        .files
        .keys()
        .filter(|p| p.ends_with(".html") && !new.contains_key(*p))
        .count();
    if pages == 0 {
        return None;
    }
    let drafts = if stats.drafts_skipped > 0 {
        vec![msg!(
            "empty-drafts-left-out",
            drafts = stats.drafts_skipped,
            drafts_word = plural(stats.drafts_skipped, "word-draft", "word-drafts")
        )]
    } else {
        Vec::new()
    };
    let message = msg!(
        "build-empty-refused",
        drafts = Arg::Msgs(drafts),
        output = shown(output),
        pages = pages,
        pages_word = plural(pages, "word-page", "word-pages")
    );
    Some(format!(
        "{}{}\n",
        error_text(lang, &message, Some(&msg!("help-build-empty-refused"))),
        msg!("build-failed").text(lang)
    ))
}

/// One warning per path of the current manifest that is not inside the output.
fn invalid_manifest_paths(previous: &write::Manifest, output: &std::path::Path) -> Vec<Diagnostic> {
    let manifest = PathBuf::from(shown(&output.join(write::MANIFEST)));
    previous
        .invalid
        .iter()
        .map(|p| {
            Diagnostic::warning(
                manifest.clone(),
                msg!("manifest-path-invalid", path = format!("{p:?}")),
            )
            .with_help(msg!("help-manifest-path-invalid"))
        })
        .collect()
}

/// `--dry-run`: what the build would add, change, remove and keep.
fn dry_run(
    mut out: Outcome,
    output: &std::path::Path,
    previous: &write::Manifest,
    manifest: &BTreeMap<String, String>,
    lang: Language,
) -> Outcome {
    let mut old = previous.files.clone();
    let mut new = manifest.clone();
    if output.join(write::MANIFEST).is_file() {
        old.insert(write::MANIFEST.to_string(), String::new());
    }
    new.insert(write::MANIFEST.to_string(), String::new());
    let changes = write::diff(&old, &new);
    let foreign = match write::foreign_entries(output, previous) {
        Ok(f) => f,
        Err(error) => {
            out.stderr.push_str(&write_error(
                &write::WriteError::Io {
                    path: output.to_path_buf(),
                    error,
                },
                lang,
            ));
            out.code = CONTENT_ERROR;
            return out;
        }
    };
    let kept: Vec<String> = foreign
        .iter()
        .filter(|f| f.top)
        .map(write::Foreign::listed)
        .collect();
    for (mark, list) in [
        ("+", &changes.added),
        ("~", &changes.changed),
        ("-", &changes.removed),
        ("=", &kept),
    ] {
        for p in list {
            out.stdout.push_str(&format!("{mark} {p}\n"));
        }
    }
    out.stdout.push_str(&format!(
        "{}\n",
        msg!(
            "dry-run-summary",
            added = changes.added.len(),
            changed = changes.changed.len(),
            removed = changes.removed.len(),
            kept = kept.len(),
            output = shown(output)
        )
        .text(lang)
    ));
    let clashing = write::clashes(&foreign, manifest);
    if !clashing.is_empty() {
        out.stderr.push_str(&write_error(
            &write::WriteError::Clash {
                output: output.to_path_buf(),
                paths: clashing,
            },
            lang,
        ));
        out.stderr
            .push_str(&format!("{}\n", msg!("dry-run-would-fail").text(lang)));
        out.code = CONTENT_ERROR;
    }
    out
}

/// The first failure to write into the staging folder: once one write has
/// failed the others are not tried (a full disk would fail every file), so a
/// failure is said once.
#[derive(Default)]
struct WriteFailures {
    failed: AtomicBool,
    first: Mutex<Option<write::WriteError>>,
}

impl WriteFailures {
    fn record(&self, e: write::WriteError) {
        self.failed.store(true, Ordering::Relaxed);
        if let Ok(mut first) = self.first.lock() {
            first.get_or_insert(e);
        }
    }

    /// A write has failed: the files after it are hashed but not written.
    fn any(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    /// The one error to report, if a write failed; `needed` is the size of
    /// the whole site.
    fn diagnostic(&self, output: &std::path::Path, needed: u64) -> Option<Diagnostic> {
        let e = self.first.lock().ok()?.take()?;
        let shown_output = PathBuf::from(shown(output));
        let (message, help) = match &e {
            write::WriteError::Io { error, .. } if write::is_disk_full(error) => {
                let (m, h) = disk_full(output, needed);
                (m, Some(h))
            }
            _ => (e.message(), e.help()),
        };
        let d = Diagnostic::error(shown_output, message);
        Some(match help {
            Some(help) => d.with_help(help),
            None => d,
        })
    }
}

/// Writes each output into the staging folder (none on a dry run) and hashes
/// it for the manifest; a file made in parts is hashed as it grows.
struct BuildSink<'s> {
    staging: Option<&'s write::Staging>,
    output: PathBuf,
    hashes: Mutex<BTreeMap<String, String>>,
    parts: Mutex<HashMap<String, (Option<std::fs::File>, blake3::Hasher)>>,
    /// The size of the site, written or not: what a full disk would need.
    bytes: AtomicU64,
    /// Write failures are gathered, not one error per file.
    failed: WriteFailures,
}

impl BuildSink<'_> {
    fn error(&self, message: Msg) -> Diagnostic {
        Diagnostic::error(self.output.clone(), message)
    }

    fn record(&self, path: String, hash: String) {
        if let Ok(mut m) = self.hashes.lock() {
            m.insert(path, hash);
        }
    }
}

impl Sink for BuildSink<'_> {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.bytes
            .fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
        if let Some(s) = self.staging.filter(|_| !self.failed.any()) {
            if let Err(e) = s.write(&file.path, &file.bytes) {
                self.failed.record(e);
            }
        }
        self.record(file.path, write::hash(&file.bytes));
        Ok(())
    }

    fn copy(&self, path: &str, from: &std::path::Path) -> Result<(), Diagnostic> {
        if let Some(s) = self.staging {
            s.copy(path, from).map_err(|e| self.error(e.message()))?;
        }
        let hash = write::hash_file(from).map_err(|e| self.error(e.message()))?;
        self.record(path.to_string(), hash);
        Ok(())
    }

    fn part(&self, path: &str, bytes: &[u8], last: bool) -> Result<(), Diagnostic> {
        let mut parts = self
            .parts
            .lock()
            .map_err(|e| self.error(msg!("internal-error", error = e.to_string())))?;
        if !parts.contains_key(path) {
            let file = match self.staging.filter(|_| !self.failed.any()) {
                Some(s) => match s.create_file(path) {
                    Ok(f) => Some(f),
                    Err(e) => {
                        self.failed.record(e);
                        None
                    }
                },
                None => None,
            };
            parts.insert(path.to_string(), (file, blake3::Hasher::new()));
        }
        let Some((file, hasher)) = parts.get_mut(path) else {
            return Ok(());
        };
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if let Some(f) = file {
            if let Err(error) = f.write_all(bytes) {
                *file = None;
                self.failed.record(write::WriteError::Io {
                    path: self.output.join(path),
                    error,
                });
            }
        }
        hasher.update(bytes);
        if last {
            if let Some((_, hasher)) = parts.remove(path) {
                drop(parts);
                self.record(path.to_string(), hasher.finalize().to_hex().to_string());
            }
        }
        Ok(())
    }
}

/// Seconds with two decimals, the decimal mark of `lang` ("0,03" in Vietnamese).
fn seconds_text(lang: crate::config::Language, secs: f64) -> String {
    let text = format!("{secs:.2}");
    match lang {
        crate::config::Language::Vi => text.replace('.', ","),
        crate::config::Language::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_failing_every_file_is_one_error_with_the_space_needed() {
        let failures = WriteFailures::default();
        for i in 0..30_000 {
            failures.record(write::WriteError::Io {
                path: PathBuf::from(format!("/srv/.bao-cao.tmp-1/trang-{i}.html")),
                error: std::io::ErrorKind::StorageFull.into(),
            });
        }
        assert!(failures.any());
        let dir = tempfile::tempdir().expect("tmp");
        let output = dir.path().join("bao-cao");
        let d = failures.diagnostic(&output, 12_345_678).expect("one error");
        assert!(d.is_error());
        assert_eq!(d.code(), "disk-full");
        let message = d.text(Language::En);
        assert!(message.contains("the disk is full"), "{message}");
        assert!(
            message.ends_with(&format!("in {}", dir.path().display())),
            "the folder the site is written in: {message}"
        );
        let help = d.help_text(Language::En).unwrap_or_default();
        assert!(help.contains("about 12.3 MB"), "{help}");
        let vi = d.text(Language::Vi);
        assert!(vi.contains("ổ đĩa đã đầy"), "{vi}");
        assert!(failures.diagnostic(&output, 1).is_none(), "said once");
    }

    #[test]
    fn another_write_failure_is_said_as_it_is() {
        let failures = WriteFailures::default();
        assert!(!failures.any());
        failures.record(write::WriteError::Io {
            path: PathBuf::from("/srv/x.html"),
            error: std::io::ErrorKind::PermissionDenied.into(),
        });
        let d = failures
            .diagnostic(std::path::Path::new("/srv/bao-cao"), 1)
            .expect("one error");
        let message = d.text(Language::En);
        assert!(message.starts_with("cannot write /srv/x.html"), "{message}");
        assert_eq!(d.code(), "cannot-write");
    }

    #[test]
    fn sizes_are_shown_for_people() {
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(1_500), "1.5 kB");
        assert_eq!(human_bytes(2_000_000_000), "2.0 GB");
    }
}
