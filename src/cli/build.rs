//! `baocao build`: the site into the output folder, replaced whole.

use std::path::PathBuf;
use std::time::Instant;

use crate::config::Overrides;
use crate::diagnostics;
use crate::site;
use crate::write;

use super::{plural, render_diagnostics, shown, Outcome, SiteArgs, CONTENT_ERROR, OK};

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
        let (built, diags) = site::build(&config);
        let mut out = Outcome {
            stderr: render_diagnostics(&diags),
            ..Outcome::default()
        };
        let Some(built) = built else {
            out.stderr
                .push_str("the build failed; the output folder was not touched\n");
            out.code = CONTENT_ERROR;
            return out;
        };
        let mut timings = built.timings.clone();
        let mut clock = Instant::now();
        let manifest = write::manifest(&built.files);
        let manifest_bytes = write::manifest_json(&manifest);
        timings.push(("hash for the manifest", clock.elapsed()));
        clock = Instant::now();
        if self.dry_run {
            if let Err(e) = write::check_output(&config.root, &config.output) {
                out.stderr.push_str(&format!("error: {e}\n"));
                out.code = CONTENT_ERROR;
                return out;
            }
            let old = write::read_manifest(&config.output).unwrap_or_default();
            let mut new = manifest.clone();
            new.insert(write::MANIFEST.to_string(), String::new());
            let mut old = old;
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
        if let Err(e) = write::publish(&config.root, &config.output, &built.files, &manifest_bytes)
        {
            out.stderr.push_str(&format!("error: {e}\n"));
            out.code = CONTENT_ERROR;
            return out;
        }
        timings.push(("write and swap", clock.elapsed()));
        if self.timings {
            for (stage, took) in &timings {
                out.stdout.push_str(&format!(
                    "{:>9.1} ms  {stage}\n",
                    took.as_secs_f64() * 1000.0
                ));
            }
        }
        let (_, warnings) = diagnostics::count(&diags);
        let s = built.stats;
        out.stdout.push_str(&format!(
            "built {} pages ({} conferences, {} clusters, {} units, {} years) into {}, {} {}{} in {:.2}s\n",
            s.pages,
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
