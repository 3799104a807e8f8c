//! What a write-up shows on every page that holds it: its facts panel and
//! body, rendered once per build with a mark for the way back to the site
//! root, then placed on its page and in its cluster's and year's dossiers.

use std::collections::HashMap;

use serde::Serialize;

use super::rows::in_chunks;
use super::views::{anchor, facts_views};
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::model::Corpus;
use crate::urls::LIST_ROOT;

/// Stands for the way back to the site root in pieces rendered once for
/// pages at different depths (ASCII, so Markdown's URL escaping keeps it).
const ROOT_MARK: &str = "~baocao~root~/";

/// Where the pieces of a dossier's entries come from: those already
/// rendered, else rendered now with these link targets.
pub struct PieceSource<'a> {
    pub kept: Option<&'a HashMap<usize, Piece>>,
    pub slug_by_rel: &'a HashMap<&'a str, &'a str>,
}

/// A write-up's facts panel and body, rendered once with `ROOT_MARK` for root.
#[derive(Debug, Clone)]
pub struct Piece {
    facts: String,
    body: String,
    /// Problems of the body (links to missing write-ups).
    pub diags: Vec<Diagnostic>,
}

impl Piece {
    pub fn facts_at(&self, root: &str) -> String {
        at_root(&self.facts, root)
    }

    pub fn body_at(&self, root: &str) -> String {
        at_root(&self.body, root)
    }
}

/// `s` with every `ROOT_MARK` replaced by `root` (memchr's search: these
/// strings are copied for every page and dossier entry).
fn at_root(s: &str, root: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for at in memchr::memmem::find_iter(s.as_bytes(), ROOT_MARK) {
        out.push_str(&s[last..at]);
        out.push_str(root);
        last = at + ROOT_MARK.len();
    }
    out.push_str(&s[last..]);
    out
}

impl Renderer {
    /// Renders the facts and bodies of the write-ups at `idx`, in parallel chunks.
    pub fn render_pieces(
        &self,
        corpus: &Corpus,
        slug_by_rel: &HashMap<&str, &str>,
        idx: &[usize],
    ) -> Result<Vec<Piece>, Diagnostic> {
        let targets = super::markdown::LinkTargets {
            slug_by_rel,
            trust_html: self.config.trust_html,
        };
        in_chunks(idx, 64, |chunk| {
            let views = facts_views(corpus, self, chunk);
            let mut ctx = self.split_context(ROOT_MARK);
            ctx.insert("pages", &views);
            let facts = self.render_parts(
                "facts_items.html",
                &ctx,
                chunk.len(),
                "it must output `{{ sep | safe }}` after each of `pages`",
            )?;
            Ok(chunk
                .iter()
                .zip(facts)
                .map(|(&i, facts)| {
                    let w = &corpus.writeups[i];
                    let (mut body, diags) =
                        super::markdown::render_body_at(w, &targets, &self.urls, ROOT_MARK);
                    body.push_str(&crate::assets::html::sections(
                        w,
                        &self.i18n,
                        self.language(),
                        ROOT_MARK,
                    ));
                    Piece { facts, body, diags }
                })
                .collect())
        })
    }

    /// Renders the dossier entries of the write-ups at `idx`, in parallel chunks.
    pub fn render_dossier_entries(
        &self,
        corpus: &Corpus,
        source: &PieceSource,
        idx: &[usize],
    ) -> Result<Vec<String>, Diagnostic> {
        in_chunks(idx, 64, |chunk| {
            let entries = dossier_entries(corpus, self, source, chunk)?;
            let mut ctx = self.split_context(LIST_ROOT);
            ctx.insert("entries", &entries);
            let parts = self.render_parts(
                "dossier_entries.html",
                &ctx,
                chunk.len(),
                "it must output `{{ sep | safe }}` after each entry",
            )?;
            Ok(parts)
        })
    }
}

#[derive(Serialize)]
struct DossierEntry<'a> {
    anchor: String,
    url: String,
    title: &'a str,
    facts_html: String,
    body: String,
}

/// The entries of a dossier (facts and body of each write-up), to render with
/// dossier_entries.html at `LIST_ROOT`.
pub(crate) fn dossier_entries<'c>(
    corpus: &'c Corpus,
    r: &Renderer,
    source: &PieceSource,
    idx: &[usize],
) -> Result<Vec<impl Serialize + 'c>, Diagnostic> {
    let fresh;
    let pieces: Vec<&Piece> = match source.kept {
        Some(map) => idx.iter().filter_map(|i| map.get(i)).collect(),
        None => {
            fresh = r.render_pieces(corpus, source.slug_by_rel, idx)?;
            fresh.iter().collect()
        }
    };
    Ok(idx
        .iter()
        .zip(pieces)
        .map(|(&i, p)| {
            let w = &corpus.writeups[i];
            DossierEntry {
                anchor: anchor(w),
                url: r.urls.conference(&w.slug),
                title: &w.title,
                facts_html: p.facts_at(LIST_ROOT),
                body: p.body_at(LIST_ROOT),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_mark_is_replaced_everywhere() {
        let s = format!("<a href=\"{ROOT_MARK}x.html\">{ROOT_MARK}</a>~ok");
        assert_eq!(
            at_root(&s, "../../"),
            "<a href=\"../../x.html\">../../</a>~ok"
        );
        assert_eq!(at_root("plain", "../"), "plain");
    }
}
