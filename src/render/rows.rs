//! Conference rows rendered once and reused: a conference appears in the tables
//! of its cluster, year and every unit it names, so rendering its row once per
//! build (not once per list) keeps big lists cheap. The row templates are
//! ordinary theme templates that loop over many rows; baocao splits their
//! output on a separator.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Context;

use super::context::{row, ConferenceRow};
use super::{template_error, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::Corpus;

/// The way back to the site root from the list pages, where the cached rows go.
pub use crate::urls::LIST_ROOT;
const SEP: &str = "\u{1e}";
/// `SEP` is this one ASCII byte, so splitting bytes on it never cuts a character.
const SEP_BYTE: u8 = 0x1e;
const CHUNK: usize = 256;

/// A conference's table row and timeline entry, as HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowHtml {
    pub table: String,
    pub timeline: String,
}

/// Rows by conference slug.
pub type RowCache = HashMap<String, RowHtml>;

impl Renderer {
    /// Renders the rows of the write-ups at `idx`, for pages at `root`.
    pub fn render_rows(
        &self,
        corpus: &Corpus,
        idx: &[usize],
        root: &str,
    ) -> Result<Vec<RowHtml>, Diagnostic> {
        in_chunks(idx, CHUNK, |chunk| {
            let rows: Vec<ConferenceRow> = chunk
                .iter()
                .map(|&i| {
                    row(
                        &self.urls,
                        corpus,
                        &corpus.writeups[i],
                        &self.i18n,
                        self.language(),
                    )
                })
                .collect();
            let table = self.render_split("conference_rows.html", &rows, root)?;
            let timeline = self.render_split("timeline_items.html", &rows, root)?;
            Ok(table
                .into_iter()
                .zip(timeline)
                .map(|(table, timeline)| RowHtml { table, timeline })
                .collect())
        })
    }

    fn render_split(
        &self,
        template: &str,
        rows: &[ConferenceRow],
        root: &str,
    ) -> Result<Vec<String>, Diagnostic> {
        let mut ctx = self.split_context(root);
        ctx.insert("rows", rows);
        self.render_parts(
            template,
            &ctx,
            rows.len(),
            "it must output `{{ sep | safe }}` after each row of `rows`",
        )
    }

    /// A context for the split templates: the translations, `root` and `sep`.
    pub(super) fn split_context(&self, root: &str) -> Context {
        let mut ctx = self.base_context.clone();
        ctx.insert("root", root);
        ctx.insert("sep", SEP);
        ctx
    }

    /// Renders `template`, which outputs `SEP` after each of `n` items, and
    /// returns the items. White space around an item is not part of it:
    /// trimmed, an item renders the same whichever chunk it falls in.
    pub(super) fn render_parts(
        &self,
        template: &str,
        ctx: &Context,
        n: usize,
        rule: &str,
    ) -> Result<Vec<String>, Diagnostic> {
        let mut bytes = Vec::with_capacity(n * 2048);
        self.tera
            .render_to(template, ctx, &mut bytes)
            .map_err(|e| template_error(&e, &self.config, &self.theme.origins))?;
        // Tera writes only text; one fast check instead of std's per-part one.
        let html = simdutf8::basic::from_utf8(&bytes)
            .map_err(|_| template_error_text(template, "it output text that is not UTF-8", self))?;
        let mut parts = Vec::with_capacity(n);
        let mut last = 0;
        for at in memchr::memchr_iter(SEP_BYTE, html.as_bytes()) {
            if parts.len() == n {
                break;
            }
            let mut part = String::with_capacity(at - last + 1);
            part.push_str(html[last..at].trim());
            part.push('\n');
            parts.push(part);
            last = at + 1;
        }
        // The text after the last separator is whatever follows the loop.
        if parts.len() != n || memchr::memchr(SEP_BYTE, &html.as_bytes()[last..]).is_some() {
            return Err(template_error_text(template, rule, self));
        }
        Ok(parts)
    }
}

/// `each` run on chunks of `idx` in parallel, its results joined in order; the
/// first error (in order) is the answer.
pub(super) fn in_chunks<T: Send>(
    idx: &[usize],
    size: usize,
    each: impl Fn(&[usize]) -> Result<Vec<T>, Diagnostic> + Sync,
) -> Result<Vec<T>, Diagnostic> {
    let chunks: Vec<Result<Vec<T>, Diagnostic>> = idx.par_chunks(size).map(&each).collect();
    let mut out = Vec::with_capacity(idx.len());
    for c in chunks {
        out.extend(c?);
    }
    Ok(out)
}

fn template_error_text(template: &str, what: &str, r: &Renderer) -> Diagnostic {
    Diagnostic::error(
        std::path::PathBuf::from(format!("themes/{}/templates/{template}", r.config.theme)),
        msg!("template-error-in", template = template, error = what),
    )
    .with_help(msg!("help-template-error-in"))
}

/// Rows of every conference, for the list pages.
pub fn build_cache(r: &Renderer, corpus: &Corpus) -> Result<RowCache, Diagnostic> {
    let idx: Vec<usize> = (0..corpus.writeups.len()).collect();
    let rows = r.render_rows(corpus, &idx, LIST_ROOT)?;
    Ok(corpus
        .writeups
        .iter()
        .map(|w| w.slug.clone())
        .zip(rows)
        .collect())
}

/// Joins the cached rows of `idx` into one string.
pub fn join(cache: &RowCache, corpus: &Corpus, idx: &[usize], timeline: bool) -> String {
    let mut out = String::new();
    for &i in idx {
        if let Some(r) = cache.get(&corpus.writeups[i].slug) {
            out.push_str(if timeline { &r.timeline } else { &r.table });
        }
    }
    out
}

/// A year of a grouped list, for its jump bar.
#[derive(Debug, Clone, serde::Serialize)]
pub struct YearGroup {
    pub year: i32,
    /// The group's id on the page.
    pub id: String,
    pub count: usize,
}

/// The cached table rows of `idx` (by date) in one `<tbody>` per year, each
/// headed by a row naming the year, and the years for a jump bar. The rows
/// are those of `join`: grouping adds one row per year, not per conference.
pub fn join_by_year(cache: &RowCache, corpus: &Corpus, idx: &[usize]) -> (Vec<YearGroup>, String) {
    use std::fmt::Write as _;
    let mut groups: Vec<YearGroup> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    for (n, &i) in idx.iter().enumerate() {
        let year = corpus.writeups[i].year;
        match groups.last_mut() {
            Some(g) if g.year == year => g.count += 1,
            _ => {
                starts.push(n);
                groups.push(YearGroup {
                    year,
                    id: format!("nam-{year}"),
                    count: 1,
                });
            }
        }
    }
    let mut out = String::new();
    for (g, &start) in groups.iter().zip(&starts) {
        let _ = write!(
            out,
            "<tbody id=\"{}\">\n<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"6\">{} <span class=\"muted\">({})</span></th></tr>\n",
            g.id, g.year, g.count
        );
        for &i in &idx[start..start + g.count] {
            if let Some(r) = cache.get(&corpus.writeups[i].slug) {
                out.push_str(&r.table);
            }
        }
        out.push_str("</tbody>\n");
    }
    (groups, out)
}
