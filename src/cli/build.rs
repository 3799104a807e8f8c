//! `baocao build`: the site into the output folder, replaced whole.

use std::path::PathBuf;
use std::time::Instant;

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::sync::Mutex;

use crate::config::Overrides;
use crate::diagnostics;
use crate::diagnostics::Diagnostic;
use crate::live::LiveSite;
use crate::render::{OutputFile, Sink};
use crate::write;

use super::{plural, render_diagnostics, shown, Outcome, SiteArgs, CONTENT_ERROR, OK};

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
}

impl BuildArgs {
    pub fn run(self) -> Outcome {
        let started = Instant::now();
        let overrides = Overrides {
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            include_drafts: self.drafts,
        };
        let config = match self.site.config(&overrides) {
            Ok(c) => c,
            Err(o) => return o,
        };
        let mut out = Outcome::default();
        let quiet = self.quiet;
        let fail = |mut out: Outcome, diags: &[crate::diagnostics::Diagnostic], why: String| {
            out.stderr = render_diagnostics(&shown_diagnostics(diags, quiet));
            out.stderr.push_str(&why);
            out.code = CONTENT_ERROR;
            out
        };
        let mut live = LiveSite::prepare(config.clone());
        if live.has_errors() {
            let diags = live.diagnostics.clone();
            return fail(
                out,
                &diags,
                "the build failed; the output folder was not touched\n".into(),
            );
        }
        // Pages are hashed (and written, unless this is a dry run) as they are
        // rendered: the site is never held whole in memory.
        let staging = if self.dry_run {
            if let Err(e) = write::check_output(&config.root, &config.output) {
                return fail(out, &live.diagnostics.clone(), format!("error: {e}\n"));
            }
            None
        } else {
            match write::Staging::create(&config.root, &config.output) {
                Ok(s) => Some(s),
                Err(e) => return fail(out, &live.diagnostics.clone(), format!("error: {e}\n")),
            }
        };
        let sink = BuildSink {
            staging: staging.as_ref(),
            output: config.output.clone(),
            hashes: Mutex::new(BTreeMap::new()),
            parts: Mutex::new(HashMap::new()),
        };
        let mut diags = live.diagnostics.clone();
        diags.extend(live.stream(&sink));
        crate::diagnostics::sort(&mut diags);
        if diags.iter().any(crate::diagnostics::Diagnostic::is_error) {
            drop(staging);
            return fail(
                out,
                &diags,
                "the build failed; the output folder was not touched\n".into(),
            );
        }
        out.stderr = render_diagnostics(&shown_diagnostics(&diags, quiet));
        let manifest = sink.hashes.into_inner().unwrap_or_default();
        let manifest_bytes = write::manifest_json(&manifest);
        let clock = Instant::now();
        if self.dry_run {
            let mut old = write::read_manifest(&config.output).unwrap_or_default();
            let mut new = manifest.clone();
            new.insert(write::MANIFEST.to_string(), String::new());
            old.insert(write::MANIFEST.to_string(), String::new());
            let changes = write::diff(&old, &new);
            for (mark, list) in [
                ("+", &changes.added),
                ("~", &changes.changed),
                ("-", &changes.removed),
            ] {
                for p in list {
                    out.stdout.push_str(&format!("{mark} {p}\n"));
                }
            }
            out.stdout.push_str(&format!(
                "dry run: {} added, {} changed, {} removed in {}; nothing written\n",
                changes.added.len(),
                changes.changed.len(),
                changes.removed.len(),
                shown(&config.output)
            ));
            return out;
        }
        if let Some(s) = staging {
            if let Err(e) = s.finish(&manifest_bytes) {
                out.stderr.push_str(&format!("error: {e}\n"));
                out.code = CONTENT_ERROR;
                return out;
            }
        }
        live.timings.push(("manifest and swap", clock.elapsed()));
        if self.timings {
            for (stage, took) in &live.timings {
                out.stdout.push_str(&format!(
                    "{:>9.1} ms  {stage}\n",
                    took.as_secs_f64() * 1000.0
                ));
            }
        }
        let (_, warnings) = diagnostics::count(&diags);
        let s = live.stats();
        let pages = manifest.keys().filter(|p| p.ends_with(".html")).count();
        out.stdout.push_str(&format!(
            "built {} pages ({} conferences, {} clusters, {} units, {} years) into {}, {} {}{} in {:.2}s\n",
            pages,
            s.conferences,
            s.clusters,
            s.units,
            s.years,
            shown(&config.output),
            warnings,
            plural(warnings, "warning", "warnings"),
            if s.drafts_skipped > 0 {
                format!(", {} drafts left out", s.drafts_skipped)
            } else {
                String::new()
            },
            started.elapsed().as_secs_f64()
        ));
        out.code = OK;
        out
    }
}

/// Writes each output into the staging folder (none on a dry run) and hashes
/// it for the manifest; a file made in parts is hashed as it grows.
struct BuildSink<'s> {
    staging: Option<&'s write::Staging>,
    output: PathBuf,
    hashes: Mutex<BTreeMap<String, String>>,
    parts: Mutex<HashMap<String, (Option<std::fs::File>, blake3::Hasher)>>,
}

impl BuildSink<'_> {
    fn error(&self, e: impl std::fmt::Display) -> Diagnostic {
        Diagnostic::error(self.output.clone(), e.to_string())
    }

    fn record(&self, path: String, hash: String) {
        if let Ok(mut m) = self.hashes.lock() {
            m.insert(path, hash);
        }
    }
}

impl Sink for BuildSink<'_> {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        if let Some(s) = self.staging {
            s.write(&file.path, &file.bytes)
                .map_err(|e| self.error(e))?;
        }
        self.record(file.path, write::hash(&file.bytes));
        Ok(())
    }

    fn copy(&self, path: &str, from: &std::path::Path) -> Result<(), Diagnostic> {
        if let Some(s) = self.staging {
            s.copy(path, from).map_err(|e| self.error(e))?;
        }
        let hash = write::hash_file(from).map_err(|e| self.error(e))?;
        self.record(path.to_string(), hash);
        Ok(())
    }

    fn part(&self, path: &str, bytes: &[u8], last: bool) -> Result<(), Diagnostic> {
        let mut parts = self.parts.lock().map_err(|e| self.error(e))?;
        if !parts.contains_key(path) {
            let file = match self.staging {
                Some(s) => Some(s.create_file(path).map_err(|e| self.error(e))?),
                None => None,
            };
            parts.insert(path.to_string(), (file, blake3::Hasher::new()));
        }
        let Some((file, hasher)) = parts.get_mut(path) else {
            return Ok(());
        };
        if let Some(f) = file {
            f.write_all(bytes)
                .map_err(|e| self.error(format!("cannot write {path}: {e}")))?;
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
