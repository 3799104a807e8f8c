//! What every page of a build shares: lookups made once per build, the
//! cached conference rows and honour-table cells, the site's own facts.

use std::collections::HashMap;

use serde::Serialize;

use super::context::{cluster_name, unit_link};
use super::pieces::{Piece, PieceSource};
use super::rows::RowCache;
use super::views::{counts_text, status_label};
use super::Renderer;
use crate::model::Corpus;
use crate::urls::LIST_ROOT;

/// Lookups computed once per build and shared by every page.
pub struct Shared<'c> {
    pub(crate) slug_by_rel: std::borrow::Cow<'c, HashMap<&'c str, &'c str>>,
    /// Each write-up's dossier entry, by write-up index, while dossiers are made.
    pub(crate) entries: Option<&'c [String]>,
    /// Render dossiers with `DOSSIER_MARK` where their entries go: the
    /// streaming build writes the entries in between, piece by piece.
    pub(crate) dossier_shell: bool,
    /// Facts and bodies already rendered, by write-up index.
    pub(crate) pieces: Option<&'c HashMap<usize, Piece>>,
    pub(super) rows: &'c RowCache,
    pub(super) honour_rows: std::borrow::Cow<'c, HonourRows>,
    pub(super) site: Site,
}

/// What the rows of the by-level tables share, written once per build when
/// first needed: each write-up's last cell (its cluster and conference). A row
/// is listed on its units' pages, its year's page and both dossiers, all two
/// folders deep; the rest of a row is short and written where it is used.
#[derive(Debug, Clone, Default)]
pub(crate) struct HonourRows {
    conference: Vec<std::sync::OnceLock<String>>,
}

impl HonourRows {
    fn new(corpus: &Corpus) -> HonourRows {
        HonourRows {
            conference: (0..corpus.writeups.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    /// Appends the row of honour `hi` of write-up `wi` for a page at `root`:
    /// title, year, status, recipients, conference.
    pub(super) fn push(
        &self,
        corpus: &Corpus,
        r: &Renderer,
        (wi, hi): (usize, usize),
        root: &str,
        out: &mut String,
    ) {
        use std::fmt::Write as _;
        let e = super::escape_html;
        let (Some(w), t) = (corpus.writeups.get(wi), &r.i18n) else {
            return;
        };
        let Some(h) = w.honours.get(hi) else {
            return;
        };
        let _ = write!(
            out,
            "<tr><td><a href=\"{root}{}\">{}</a></td><td><a href=\"{root}{}\">{}</a></td><td class=\"status status-{}\">{}</td><td>",
            e(&r.urls.honour(&h.slug)),
            e(&h.title),
            e(&r.urls.year(w.year)),
            w.year,
            h.status.as_str(),
            e(&status_label(h.status, t)),
        );
        for (i, u) in h.to.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let x = unit_link(&r.urls, corpus, u);
            let _ = write!(out, "<a href=\"{root}{}\">{}</a>", e(&x.url), e(&x.name));
        }
        if let Some(counts) = counts_text(h, r) {
            if !h.to.is_empty() {
                out.push_str("; ");
            }
            out.push_str(&e(&counts));
        }
        out.push_str("</td><td>");
        let cell = |root: &str| {
            let mut cell = String::new();
            if let Some(k) = &w.cluster {
                let _ = write!(cell, "{}: ", e(&cluster_name(k, t)));
            }
            let name = format!(
                "{} {}",
                t.get(&format!("kind_{}", w.kind.as_str())),
                r.language().format_date(w.date)
            );
            let _ = writeln!(
                cell,
                "<a href=\"{root}{}\">{}</a></td></tr>",
                e(&r.urls.conference(&w.slug)),
                e(&name)
            );
            cell
        };
        match self.conference.get(wi) {
            Some(kept) if root == LIST_ROOT => out.push_str(kept.get_or_init(|| cell(root))),
            _ => out.push_str(&cell(root)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct Site {
    title: String,
    description: Option<String>,
    lang: &'static str,
    base_url: Option<String>,
}

impl<'c> Shared<'c> {
    pub fn new(corpus: &'c Corpus, r: &Renderer, rows: &'c RowCache) -> Shared<'c> {
        Shared {
            rows,
            honour_rows: std::borrow::Cow::Owned(HonourRows::new(corpus)),
            entries: None,
            dossier_shell: false,
            pieces: None,
            slug_by_rel: std::borrow::Cow::Owned(
                corpus
                    .writeups
                    .iter()
                    .map(|w| (w.rel.as_str(), w.slug.as_str()))
                    .collect(),
            ),
            site: Site {
                title: r
                    .config
                    .title
                    .clone()
                    .unwrap_or_else(|| r.i18n.get("site_title").to_string()),
                description: r.config.description.clone(),
                lang: r.language().code(),
                base_url: r.config.base_url.clone(),
            },
        }
    }
}

impl Shared<'_> {
    /// The pieces already rendered, and the link targets to render others.
    pub fn piece_source(&self) -> PieceSource<'_> {
        PieceSource {
            kept: self.pieces,
            slug_by_rel: &self.slug_by_rel,
        }
    }

    /// These lookups again, borrowed: nothing is rebuilt, and what is written
    /// once per build stays written once.
    pub fn borrowed(&self) -> Shared<'_> {
        Shared {
            slug_by_rel: std::borrow::Cow::Borrowed(&*self.slug_by_rel),
            entries: self.entries,
            dossier_shell: self.dossier_shell,
            pieces: self.pieces,
            rows: self.rows,
            honour_rows: std::borrow::Cow::Borrowed(&*self.honour_rows),
            site: self.site.clone(),
        }
    }

    /// These lookups, with `pieces` already rendered (no lookup is rebuilt).
    pub fn with_pieces<'a>(&'a self, pieces: &'a HashMap<usize, Piece>) -> Shared<'a> {
        Shared {
            slug_by_rel: std::borrow::Cow::Borrowed(&*self.slug_by_rel),
            entries: self.entries,
            dossier_shell: self.dossier_shell,
            pieces: Some(pieces),
            rows: self.rows,
            honour_rows: std::borrow::Cow::Borrowed(&*self.honour_rows),
            site: self.site.clone(),
        }
    }
}
