//! `baocao check`: the build without the write. It runs the pipeline
//! (`crate::pipeline::Site`) as `build` does and stops before writing.
//!
//! Both commands run the same content checks: `validate` (front matter, unit
//! names, control characters, nesting and alias bounds, slugs that always make
//! a folder of their own) and `render::markdown::render_body` (links, images).
//! What only the full rendering finds (templates, links of the pages
//! themselves, writing) concerns the theme and the output folder, not a
//! write-up: content that would break it is refused by those checks first.

use clap::ValueEnum;

use crate::config::Overrides;
use crate::diagnostics::{self, Severity};
use crate::pipeline;

use super::{render_diagnostics, Outcome, SiteArgs, CONTENT_ERROR, OK};

/// How `check` prints its diagnostics: the same diagnostics either way, in
/// the same order, and the same exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style messages with the offending line
    Text,
    /// one JSON object per line, for tools
    Json,
}

/// Check every write-up against the content contract without writing anything.
///
/// Exits 1 when there are errors (or warnings, with --strict), 0 otherwise.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat warnings as errors (for CI)
    #[arg(long)]
    pub strict: bool,
    /// Include write-ups marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Also render every page (without writing it), to catch template and
    /// output-link errors of a theme; slower
    #[arg(long)]
    pub full: bool,
    /// How to print the diagnostics
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

impl CheckArgs {
    /// The config's problems, one JSON object per line; `None` when reading
    /// the config again finds none.
    fn config_errors_as_json(&self, overrides: &Overrides) -> Option<Outcome> {
        let root = self.site.root.clone().unwrap_or_else(|| ".".into());
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        let diags = crate::config::load(&root, overrides).err()?;
        let lang = crate::config::language_hint(&root);
        let mut out = Outcome::default();
        for d in &diags {
            out.stdout.push_str(&d.to_json(lang));
            out.stdout.push('\n');
        }
        out.code = CONTENT_ERROR;
        Some(out)
    }

    pub fn run(self) -> Outcome {
        let overrides = Overrides {
            include_drafts: self.drafts,
            ..Overrides::default()
        };
        let config = match self.site.config(&overrides) {
            Ok(c) => c,
            Err(o) if self.format == Format::Json && o.code == CONTENT_ERROR => {
                // A broken site.yaml: its problems as JSON objects too.
                return self.config_errors_as_json(&overrides).unwrap_or(o);
            }
            Err(o) => return o,
        };
        let lang = config.language;
        let mut site = pipeline::Site::read(config);
        let mut diags = site.diagnostics.clone();
        if !site.has_errors() {
            if self.full {
                // Render everything, keep nothing: template and output-link errors too.
                diags.extend(site.render(&crate::render::Discard));
            } else {
                diags.extend(site.check_bodies());
            }
            diagnostics::sort(&mut diags);
        }
        if self.strict {
            for d in &mut diags {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
            }
        }
        let (errors, warnings) = diagnostics::count(&diags);
        let mut out = Outcome::default();
        match self.format {
            Format::Text => {
                out.stderr = render_diagnostics(&diags, lang);
                if errors == 0 {
                    let s = site.stats();
                    out.stdout = format!(
                        "{}\n",
                        msg!(
                            "check-done",
                            writeups = s.conferences + s.drafts_skipped,
                            counts = super::count_line(errors, warnings)
                        )
                        .text(lang)
                    );
                }
            }
            Format::Json => {
                for d in &diags {
                    out.stdout.push_str(&d.to_json(lang));
                    out.stdout.push('\n');
                }
            }
        }
        out.code = if errors > 0 { CONTENT_ERROR } else { OK };
        out
    }
}
