//! `baocao import`: a draft write-up from a published news article.

use std::path::PathBuf;

use crate::config::Overrides;
use crate::import::{self, ImportOptions};

use super::{Outcome, SiteArgs, OK};

/// Draft a write-up from a published article (plain text): the facts it finds go
/// into the front matter, the ones it cannot find are listed at the top for the
/// editor. The body is left for the editor to write: articles may not be copied.
///
/// Writes under content/ where `baocao new` would (or to --output), never
/// overwriting, and prints the path.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The article, as a UTF-8 text file
    pub article: PathBuf,
    #[command(flatten)]
    pub site: SiteArgs,
    /// The cluster, when the article does not say
    #[arg(long)]
    pub cluster: Option<u32>,
    /// The year, when the article does not say
    #[arg(long)]
    pub year: Option<i32>,
    /// Where to write the draft
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl ImportArgs {
    pub fn run(self) -> Outcome {
        let text = match crate::fsio::read_text(&self.article) {
            Ok(t) => t,
            Err(d) => {
                return Outcome::usage(
                    self.site.language(),
                    msg!(
                        "import-unreadable",
                        path = self.article.display().to_string(),
                        error = d.message
                    ),
                    d.help,
                )
            }
        };
        let opts = ImportOptions {
            cluster: self.cluster,
            year: self.year,
            source_name: self
                .article
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let draft = import::extract(&text, &opts);
        let target = match &self.output {
            Some(p) => p.clone(),
            None => {
                let config = match self.site.config(&Overrides::default()) {
                    Ok(c) => c,
                    Err(o) => return o,
                };
                config
                    .content_dir()
                    .join(import::suggested_file_name(&draft))
            }
        };
        let lang = self.site.language();
        let mut out = super::write_new_file(
            lang,
            &target,
            &import::render(&draft, &opts),
            msg!("help-import-exists"),
        );
        if out.code != OK {
            return out;
        }
        let mut stderr = String::new();
        for u in &draft.unsure {
            stderr.push_str(&super::note_text(
                lang,
                &msg!("import-unsure", field = u.field, reason = &u.reason),
            ));
        }
        if !draft.unsure.is_empty() {
            stderr.push_str(&format!(
                "  = {}: {}\n",
                crate::messages::lookup(lang, "label-help"),
                msg!("help-import-unsure").text(lang)
            ));
        }
        out.stderr = stderr;
        out
    }
}
