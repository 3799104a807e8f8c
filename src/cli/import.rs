//! `baocao import`: a draft write-up from a published news article.

use std::path::PathBuf;

use crate::config::Overrides;
use crate::import::{self, input, ImportOptions};

use super::{Outcome, SiteArgs, OK};

/// Draft a write-up from a published article (plain text, a saved web page or a
/// Word document): the facts it finds go
/// into the front matter, the ones it cannot find are listed at the top for the
/// editor. The body is left for the editor to write: articles may not be copied.
///
/// Writes under content/ where `baocao new` would (or to --output), never
/// overwriting, and prints the path.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The article: a UTF-8 text file, a saved web page (.html) or a Word
    /// document (.docx); `-` reads it from standard input
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
        let lang = self.site.language();
        let unreadable = |error: crate::messages::Arg| {
            Outcome::usage(
                lang,
                msg!(
                    "import-unreadable",
                    path = self.article.display().to_string(),
                    error = error
                ),
                None,
            )
        };
        let stdin = self.article.as_os_str() == "-";
        let bytes = if stdin {
            let mut b = Vec::new();
            match std::io::Read::read_to_end(&mut std::io::stdin(), &mut b) {
                Ok(_) => b,
                Err(e) => return unreadable(msg!("cannot-read", error = e.to_string()).into()),
            }
        } else {
            match std::fs::read(&self.article) {
                Ok(b) => b,
                Err(e) => {
                    return unreadable(msg!("cannot-read-file", error = e.to_string()).into())
                }
            }
        };
        let name = self.article.to_string_lossy();
        let format = match input::Format::from_name(&name) {
            Some(f) if !stdin => f,
            _ => input::Format::sniff(&bytes),
        };
        let source = match format {
            input::Format::Text => match crate::fsio::decode_text(&self.article, bytes) {
                Ok(text) => input::Source { text, url: None },
                Err(d) => {
                    return Outcome::usage(
                        lang,
                        msg!(
                            "import-unreadable",
                            path = self.article.display().to_string(),
                            error = d.message
                        ),
                        d.help,
                    )
                }
            },
            _ => match input::read_article(&bytes, format) {
                Ok(s) => s,
                Err(why) => return unreadable(why.into()),
            },
        };
        let text = source.text;
        let opts = ImportOptions {
            cluster: self.cluster,
            year: self.year,
            // the article's address, never the local file's name
            source: source.url,
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
        let mut out = super::write_new_file(
            lang,
            &target,
            &import::render(&draft, &opts, lang),
            msg!("help-import-exists"),
        );
        if out.code != OK {
            return out;
        }
        let mut stderr = String::new();
        for u in &draft.unsure {
            stderr.push_str(&super::note_text(
                lang,
                &msg!("import-unsure", field = u.field, reason = u.reason.clone()),
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
