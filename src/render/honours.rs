//! The honour pages (every title by level, one title's uses by year) and
//! the by-level honour tables of unit, year and dossier pages.

use serde::Serialize;
use tera::Context;

use super::context::{cluster_link, unit_link, Link};
use super::pages::YearCounts;
use super::shared::Shared;
use super::views::{counts_text, level_label, status_label};
use super::Renderer;
use crate::model::{Corpus, HonourLevel};

/// One honour of one write-up: a title proposed for or given to units, or
/// counted.
#[derive(Serialize)]
struct HonourUseView {
    title: String,
    /// The honour's page.
    url: String,
    year: i32,
    year_url: String,
    status: &'static str,
    status_label: String,
    to: Vec<Link>,
    /// The counts in words ("18 tập thể, 56 cá nhân"), when counted.
    counts: Option<String>,
    cluster: Option<Link>,
    /// The conference, named by its kind and date.
    conference: Link,
}

fn honour_use(corpus: &Corpus, r: &Renderer, (wi, hi): (usize, usize)) -> HonourUseView {
    let w = &corpus.writeups[wi];
    let h = &w.honours[hi];
    let t = &r.i18n;
    HonourUseView {
        title: h.title.clone(),
        url: r.urls.honour(&h.slug),
        year: w.year,
        year_url: r.urls.year(w.year),
        status: h.status.as_str(),
        status_label: status_label(h.status, t),
        to: h.to.iter().map(|u| unit_link(&r.urls, corpus, u)).collect(),
        counts: counts_text(h, r),
        cluster: w.cluster.as_ref().map(|k| cluster_link(&r.urls, k, t)),
        conference: Link {
            name: format!(
                "{} {}",
                t.get(&format!("kind_{}", w.kind.as_str())),
                r.language().format_date(w.date)
            ),
            url: r.urls.conference(&w.slug),
        },
    }
}

/// Honour uses under a heading: a level, or a year.
#[derive(Serialize)]
struct HonourGroup {
    name: String,
    /// The heading's page (a year's), if any.
    url: Option<String>,
    uses: Vec<HonourUseView>,
}

/// Honour uses under a level's heading, their table rows already written:
/// a unit or year page lists thousands, too many for a template loop.
#[derive(Serialize)]
pub(super) struct LevelRows {
    name: String,
    rows_html: String,
}

/// `uses` grouped by level (highest first), then by title, year and order,
/// as rows of honour_macros.html's `by_level` table for a page at `root`.
pub(super) fn group_by_level(
    corpus: &Corpus,
    r: &Renderer,
    shared: &Shared,
    root: &str,
    uses: impl Iterator<Item = (usize, usize)>,
) -> Vec<LevelRows> {
    let mut uses: Vec<(usize, usize)> = uses.collect();
    uses.sort_by(|&a, &b| {
        let key = |(wi, hi): (usize, usize)| {
            let w = &corpus.writeups[wi];
            let h = &w.honours[hi];
            (h.level, &h.slug, w.year, wi, hi)
        };
        key(a).cmp(&key(b))
    });
    let mut groups: Vec<(HonourLevel, LevelRows)> = Vec::new();
    for u in uses {
        let level = corpus.writeups[u.0].honours[u.1].level;
        if groups.last().is_none_or(|(l, _)| *l != level) {
            groups.push((
                level,
                LevelRows {
                    name: level_label(level, &r.i18n),
                    rows_html: String::new(),
                },
            ));
        }
        if let Some((_, g)) = groups.last_mut() {
            shared
                .honour_rows
                .push(corpus, r, u, root, &mut g.rows_html);
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Every honour of the write-ups at `idx`, grouped by level.
pub(super) fn honours_by_level(
    corpus: &Corpus,
    r: &Renderer,
    shared: &Shared,
    root: &str,
    idx: &[usize],
) -> Vec<LevelRows> {
    group_by_level(
        corpus,
        r,
        shared,
        root,
        idx.iter()
            .flat_map(|&wi| (0..corpus.writeups[wi].honours.len()).map(move |hi| (wi, hi))),
    )
}

#[derive(Serialize)]
struct HonourSummary {
    title: String,
    url: String,
    #[serde(flatten)]
    tally: crate::model::HonourTally,
}

#[derive(Serialize)]
pub(super) struct LevelGroup {
    name: String,
    id: &'static str,
    titles: Vec<HonourSummary>,
}

/// Title summaries under their levels' headings, in the order given (by
/// level, highest first, as `Corpus::honours` is).
fn by_level(
    r: &Renderer,
    titles: impl Iterator<Item = (HonourLevel, HonourSummary)>,
) -> Vec<LevelGroup> {
    let mut levels: Vec<LevelGroup> = Vec::new();
    for (level, summary) in titles {
        match levels.last_mut() {
            Some(g) if g.id == level.as_str() => g.titles.push(summary),
            _ => levels.push(LevelGroup {
                name: level_label(level, &r.i18n),
                id: level.as_str(),
                titles: vec![summary],
            }),
        }
    }
    levels
}

pub(super) fn honours_index(corpus: &Corpus, r: &Renderer, ctx: &mut Context) {
    let titles = corpus.honours.iter().enumerate().map(|(i, t)| {
        let summary = HonourSummary {
            title: t.title.clone(),
            url: r.urls.honour(&t.slug),
            tally: corpus.honour_tally(i),
        };
        (t.level, summary)
    });
    ctx.insert("levels", &by_level(r, titles));
}

/// An honour title's page (`year: None`) or, for a long one, one year of it.
pub(super) fn honour_page(
    corpus: &Corpus,
    r: &Renderer,
    i: usize,
    year: Option<i32>,
    ctx: &mut Context,
) {
    let title = &corpus.honours[i];
    let year_of = |wi: usize| corpus.writeups[wi].year;
    let years_list = super::plan::honour_years(corpus, i);
    let listed = year.is_some() || years_list.is_empty();
    // Oldest year first, like the cluster timelines and the years page.
    let mut uses: Vec<(usize, usize)> = title
        .uses
        .iter()
        .copied()
        .filter(|&(wi, _)| listed && year.is_none_or(|y| year_of(wi) == y))
        .collect();
    uses.sort_by_key(|&(wi, hi)| (year_of(wi), wi, hi));
    let mut years: Vec<HonourGroup> = Vec::new();
    for u in uses {
        let view = honour_use(corpus, r, u);
        match years.last_mut() {
            Some(g) if g.uses[0].year == view.year => g.uses.push(view),
            _ => years.push(HonourGroup {
                name: view.year.to_string(),
                url: Some(view.year_url.clone()),
                uses: vec![view],
            }),
        }
    }
    let by_year: Vec<YearCounts> = if listed {
        Vec::new()
    } else {
        years_list
            .iter()
            .map(|&y| {
                let of_year = || {
                    title
                        .uses
                        .iter()
                        .copied()
                        .filter(move |&(wi, _)| year_of(wi) == y)
                };
                let tally = corpus.tally_of(of_year());
                YearCounts {
                    year: y,
                    url: r.urls.honour_year(&title.slug, y),
                    counts: [of_year().count() as u64, tally.proposed, tally.conferred],
                }
            })
            .collect()
    };
    if let Some(y) = year {
        let [prev, next] =
            super::pages::year_neighbours(&years_list, y, |y| r.urls.honour_year(&title.slug, y));
        ctx.insert("prev_year", &prev);
        ctx.insert("next_year", &next);
    }
    ctx.insert(
        "honour",
        &HonourSummary {
            title: title.title.clone(),
            url: r.urls.honour(&title.slug),
            tally: corpus.honour_tally(i),
        },
    );
    ctx.insert("year", &year);
    ctx.insert("by_year", &by_year);
    ctx.insert("level", &level_label(title.level, &r.i18n));
    ctx.insert("years", &years);
}

/// The honour titles used in `year` by level, each with its tally that year
/// and a link to its page for the year: a long year's honours in a table of
/// titles, not of uses.
pub(super) fn titles_of_year(corpus: &Corpus, r: &Renderer, year: i32) -> Vec<LevelGroup> {
    titles_of(
        corpus,
        r,
        &|wi| corpus.writeups[wi].year == year,
        Some(year),
    )
}

/// The honour titles of the write-ups `keep` takes, by level, each with its
/// tally over them and a link to its page (for `year`, when it has one).
pub(super) fn titles_of(
    corpus: &Corpus,
    r: &Renderer,
    keep: &dyn Fn(usize) -> bool,
    year: Option<i32>,
) -> Vec<LevelGroup> {
    let titles = corpus.honours.iter().enumerate().filter_map(|(i, t)| {
        let kept = || t.uses.iter().copied().filter(|&(wi, _)| keep(wi));
        kept().next()?;
        let url = match year {
            Some(y) if !super::plan::honour_years(corpus, i).is_empty() => {
                r.urls.honour_year(&t.slug, y)
            }
            _ => r.urls.honour(&t.slug),
        };
        let summary = HonourSummary {
            title: t.title.clone(),
            url,
            tally: corpus.tally_of(kept()),
        };
        Some((t.level, summary))
    });
    by_level(r, titles)
}
