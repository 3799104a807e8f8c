//! Each page's template and context, by its `PageSpec`.

use serde::Serialize;
use tera::Context;

use super::context::{cluster_link, cluster_name, row, unit_link, ConferenceRow, Link};
use super::honours::{
    group_by_level, honour_page, honours_by_level, honours_index, titles_of, titles_of_year,
    LevelGroup,
};
use super::views::{anchor, conference_view};
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::model::{Awards, Corpus, Coverage};
use crate::urls::{relative_to, root_of, LIST_ROOT};

pub use super::plan::{honour_years, plan, unit_years, PageSpec, LONG_LIST};
pub use super::shared::Shared;

/// How many conferences the home page lists as recent.
const RECENT: usize = 10;

/// The template and context of one page, plus any problem found on the way.
pub fn context(
    spec: &PageSpec,
    corpus: &Corpus,
    r: &Renderer,
    shared: &Shared,
) -> (&'static str, Context, Vec<Diagnostic>) {
    let mut ctx = r.base_context.clone();
    ctx.insert("site", &shared.site);
    let mut diags = Vec::new();
    let template = match *spec {
        PageSpec::Home => {
            diags = home(corpus, r, &mut ctx);
            "index.html"
        }
        PageSpec::Clusters => {
            clusters(corpus, r, &mut ctx);
            "clusters.html"
        }
        PageSpec::Cluster(i) => {
            let key = &corpus.clusters[i].key;
            let href = relative_to(&r.urls.cluster(key), &r.urls.cluster_dossier(key));
            ctx.insert("dossier_href", &href);
            ctx.insert(
                "dossier_in_volumes",
                &super::plan::cluster_in_volumes(corpus, i),
            );
            cluster(corpus, r, shared, i, &mut ctx);
            "cluster.html"
        }
        PageSpec::Conference(i) => {
            diags = conference(corpus, r, shared, i, &mut ctx);
            "conference.html"
        }
        PageSpec::Units => {
            let units: Vec<UnitSummary> = corpus
                .units
                .iter()
                .map(|u| UnitSummary {
                    name: u.name.clone(),
                    url: r.urls.unit(&u.slug),
                    conferences: u.writeups.len(),
                    honours: u.honours.len(),
                })
                .collect();
            ctx.insert("units", &units);
            "units.html"
        }
        PageSpec::Unit(i) => {
            unit(corpus, r, shared, i, None, &mut ctx);
            "unit.html"
        }
        PageSpec::UnitYear(i, y) => {
            unit(corpus, r, shared, i, Some(y), &mut ctx);
            "unit.html"
        }
        PageSpec::Years => {
            let years: Vec<YearSummary> = corpus
                .years
                .iter()
                .map(|y| YearSummary {
                    year: y.year,
                    url: r.urls.year(y.year),
                    conferences: y.writeups.len(),
                    totals: corpus.year_totals(y.year),
                })
                .collect();
            ctx.insert("years", &years);
            "years.html"
        }
        PageSpec::Year(i) => {
            let y = corpus.years[i].year;
            let href = relative_to(&r.urls.year(y), &r.urls.year_dossier(y));
            ctx.insert("dossier_href", &href);
            ctx.insert(
                "dossier_in_volumes",
                &super::plan::year_in_volumes(corpus, i),
            );
            year(corpus, r, shared, i, &mut ctx);
            "year.html"
        }
        PageSpec::NotFound => "404.html",
        PageSpec::Search => {
            let href = relative_to(&r.urls.search(), &r.urls.search_index());
            ctx.insert("index_href", &href);
            "search.html"
        }
        PageSpec::Honours => {
            honours_index(corpus, r, &mut ctx);
            "honours.html"
        }
        PageSpec::Honour(i) => {
            honour_page(corpus, r, i, None, &mut ctx);
            "honour.html"
        }
        PageSpec::HonourYear(i, y) => {
            honour_page(corpus, r, i, Some(y), &mut ctx);
            "honour.html"
        }
        PageSpec::Tags => {
            let tags: Vec<TagSummary> = corpus
                .tags
                .iter()
                .map(|t| TagSummary {
                    name: t.name.clone(),
                    url: r.urls.tag(&t.slug),
                    conferences: t.writeups.len(),
                    first_year: t.writeups.first().map(|&w| corpus.writeups[w].year),
                    last_year: t.writeups.last().map(|&w| corpus.writeups[w].year),
                })
                .collect();
            ctx.insert("tags", &tags);
            "tags.html"
        }
        PageSpec::Tag(i) => {
            let t = &corpus.tags[i];
            ctx.insert(
                "tag",
                &Link {
                    name: t.name.clone(),
                    url: r.urls.tag(&t.slug),
                },
            );
            ctx.insert("conferences", &t.writeups.len());
            let (jump, html) = super::rows::join_by_year(shared.rows, corpus, &t.writeups);
            ctx.insert("jump", &jump);
            ctx.insert("conferences_html", &html);
            "tag.html"
        }
        PageSpec::ClusterDossier(i) => {
            let c = &corpus.clusters[i];
            let name = cluster_name(&c.key, &r.i18n);
            ctx.insert("heading", &name);
            ctx.insert("back", &r.urls.cluster(&c.key));
            ctx.insert("back_name", &name);
            ctx.insert("charts", &super::figures::cluster(corpus, i, r));
            // The headings the cluster page gives its charts.
            let titles = ["awards_by_year", "members_by_year", "leadership_by_year"];
            ctx.insert("chart_titles", &titles.map(|k| r.i18n.get(k)));
            let volumes = super::plan::cluster_in_volumes(corpus, i).then(|| {
                let key = Some(&c.key);
                let of_cluster = |wi: usize| corpus.writeups[wi].cluster.as_ref() == key;
                let volumes = c
                    .years
                    .iter()
                    .filter(|y| y.reported())
                    .flat_map(|y| volume_links(corpus, r, Some(i), y.year, &year_name(r, y.year)))
                    .collect();
                (titles_of(corpus, r, &of_cluster, None), volumes)
            });
            diags = whole_or_in_volumes(corpus, r, shared, &c.writeups, volumes, &mut ctx);
            "dossier.html"
        }
        PageSpec::YearDossier(i) => {
            let y = &corpus.years[i];
            let name = year_name(r, y.year);
            ctx.insert("heading", &name);
            ctx.insert("back", &r.urls.year(y.year));
            ctx.insert("back_name", &name);
            ctx.insert("charts", &[super::figures::year(corpus, i, r)]);
            ctx.insert("chart_titles", &[r.i18n.get("clusters_of_year")]);
            let volumes = super::plan::year_in_volumes(corpus, i).then(|| {
                let clusters = corpus.clusters.iter().enumerate().map(|(ci, c)| {
                    volume_links(corpus, r, Some(ci), y.year, &cluster_name(&c.key, &r.i18n))
                });
                let none = volume_links(corpus, r, None, y.year, r.i18n.get("no_cluster"));
                let volumes = clusters.chain([none]).flatten().collect();
                (titles_of_year(corpus, r, y.year), volumes)
            });
            diags = whole_or_in_volumes(corpus, r, shared, &y.writeups, volumes, &mut ctx);
            "dossier.html"
        }
        PageSpec::Volume(cluster, year, k) => {
            let all = super::plan::volume_writeups(corpus, cluster, year);
            let year_name = year_name(r, year);
            let owner = match cluster {
                Some(ci) => cluster_name(&corpus.clusters[ci].key, &r.i18n),
                None => r.i18n.get("no_cluster").to_string(),
            };
            let n = super::plan::parts(all.len());
            let mut heading = format!("{owner}, {}", year_name.to_lowercase());
            if n > 1 {
                heading.push_str(&format!(
                    " ({} {}/{n})",
                    r.i18n.get("dossier_volume"),
                    k + 1
                ));
            }
            ctx.insert("heading", &heading);
            // The dossiers it is a volume of: its cluster's and its year's.
            let mut parents = Vec::new();
            if let Some(ci) = cluster {
                parents.push(Link {
                    name: format!("{}: {owner}", r.i18n.get("dossier")),
                    url: r.urls.cluster_dossier(&corpus.clusters[ci].key),
                });
            }
            parents.push(Link {
                name: format!("{}: {year_name}", r.i18n.get("dossier")),
                url: r.urls.year_dossier(year),
            });
            ctx.insert("back", &parents[0].url);
            ctx.insert("back_name", &parents[0].name);
            ctx.insert("parents", &parents);
            let part = super::plan::part_of(&all, k);
            ctx.insert("charts", &Vec::<String>::new());
            ctx.insert("chart_titles", &Vec::<String>::new());
            diags = whole_or_in_volumes(corpus, r, shared, part, None, &mut ctx);
            "dossier.html"
        }
        // Data outputs are not rendered with templates.
        PageSpec::SearchIndex
        | PageSpec::ExportCsv
        | PageSpec::ExportJson
        | PageSpec::ClustersJson
        | PageSpec::ClusterYearsCsv
        | PageSpec::ClusterCsv(_)
        | PageSpec::HonoursCsv
        | PageSpec::Sitemap
        | PageSpec::Feed => "404.html",
    };
    (template, ctx, diags)
}

#[derive(Serialize)]
struct UnitSummary {
    name: String,
    url: String,
    conferences: usize,
    honours: usize,
}

#[derive(Serialize)]
struct TagSummary {
    name: String,
    url: String,
    conferences: usize,
    first_year: Option<i32>,
    last_year: Option<i32>,
}

#[derive(Serialize)]
struct YearSummary {
    year: i32,
    url: String,
    conferences: usize,
    totals: Coverage,
}

#[derive(Serialize)]
struct ClusterSummary {
    name: String,
    csv_url: String,
    number: u32,
    url: String,
    conferences: usize,
    first_year: Option<i32>,
    last_year: Option<i32>,
    members: Vec<Link>,
    latest: Option<ConferenceRow>,
}

fn cluster_summary(corpus: &Corpus, r: &Renderer, ci: usize) -> ClusterSummary {
    let c = &corpus.clusters[ci];
    let latest = c
        .writeups
        .last()
        .map(|&w| row(&r.urls, corpus, &corpus.writeups[w], &r.i18n, r.language()));
    ClusterSummary {
        name: cluster_name(&c.key, &r.i18n),
        csv_url: r.urls.cluster_csv(&c.key),
        number: c.key.number,
        url: r.urls.cluster(&c.key),
        conferences: c.writeups.len(),
        // Reported years only: the year after a handover has no write-up yet.
        first_year: c.years.iter().find(|y| y.reported()).map(|y| y.year),
        last_year: c.years.iter().rfind(|y| y.reported()).map(|y| y.year),
        members: c
            .years
            .iter()
            .rfind(|y| !y.members.is_empty())
            .map(|y| {
                y.members
                    .iter()
                    .map(|m| unit_link(&r.urls, corpus, m))
                    .collect()
            })
            .unwrap_or_default(),
        latest,
    }
}

fn home(corpus: &Corpus, r: &Renderer, ctx: &mut Context) -> Vec<Diagnostic> {
    let clusters: Vec<ClusterSummary> = (0..corpus.clusters.len())
        .map(|i| cluster_summary(corpus, r, i))
        .collect();
    let recent: Vec<usize> = (0..corpus.writeups.len()).rev().take(RECENT).collect();
    let (recent_html, diags) = match r.render_rows(corpus, &recent, "") {
        Ok(rows) => (
            rows.into_iter().map(|r| r.table).collect::<String>(),
            Vec::new(),
        ),
        Err(d) => (String::new(), vec![d]),
    };
    ctx.insert("clusters", &clusters);
    ctx.insert("charts", &super::figures::home(corpus, r));
    ctx.insert("recent_html", &recent_html);
    ctx.insert("totals", &corpus.totals());
    ctx.insert(
        "counts",
        &serde_json::json!({
            "conferences": corpus.writeups.len(),
            "clusters": corpus.clusters.len(),
            "units": corpus.units.len(),
            "years": corpus.years.len(),
        }),
    );
    let years: Vec<Link> = corpus
        .years
        .iter()
        .map(|y| Link {
            name: y.year.to_string(),
            url: r.urls.year(y.year),
        })
        .collect();
    ctx.insert("years", &years);
    diags
}

#[derive(Serialize)]
struct BlocGroup {
    bloc: Option<String>,
    clusters: Vec<ClusterSummary>,
}

fn clusters(corpus: &Corpus, r: &Renderer, ctx: &mut Context) {
    let mut groups: Vec<BlocGroup> = Vec::new();
    for (i, c) in corpus.clusters.iter().enumerate() {
        let summary = cluster_summary(corpus, r, i);
        match groups.last_mut() {
            Some(g) if g.bloc == c.key.bloc => g.clusters.push(summary),
            _ => groups.push(BlocGroup {
                bloc: c.key.bloc.clone(),
                clusters: vec![summary],
            }),
        }
    }
    ctx.insert("groups", &groups);
}

#[derive(Serialize)]
struct ClusterYearView {
    year: i32,
    url: String,
    /// A write-up reports on this year.
    reported: bool,
    members: Vec<Link>,
    joined: Vec<Link>,
    left: Vec<Link>,
    reorganized: bool,
    leader: Option<RoleView>,
    deputy: Option<RoleView>,
    /// Unknown counts are null, a stated zero is 0.
    totals: Awards,
    /// The summary the totals come from.
    totals_source: Option<Link>,
    conferences: usize,
    timeline_html: String,
}

/// A year's holder of a role, and the conference that says so.
#[derive(Serialize)]
struct RoleView {
    name: String,
    url: String,
    /// `stated` or `handover`.
    basis: crate::model::RoleBasis,
    /// The conference that states or handed over the role.
    source: Link,
}

fn role_view(corpus: &Corpus, r: &Renderer, h: &crate::model::RoleHolder) -> RoleView {
    let link = unit_link(&r.urls, corpus, &h.unit);
    let w = &corpus.writeups[h.source];
    RoleView {
        name: link.name,
        url: link.url,
        basis: h.basis,
        source: Link {
            name: r.language().format_date(w.date),
            url: r.urls.conference(&w.slug),
        },
    }
}

fn cluster(corpus: &Corpus, r: &Renderer, shared: &Shared, ci: usize, ctx: &mut Context) {
    let c = &corpus.clusters[ci];
    let links = |names: &[String]| -> Vec<Link> {
        names
            .iter()
            .map(|n| unit_link(&r.urls, corpus, n))
            .collect()
    };
    let years: Vec<ClusterYearView> = c
        .years
        .iter()
        .map(|y| ClusterYearView {
            year: y.year,
            url: r.urls.year(y.year),
            reported: y.reported(),
            members: links(&y.members),
            joined: links(&y.joined),
            left: links(&y.left),
            reorganized: y.reorganized,
            leader: y.leader.as_ref().map(|h| role_view(corpus, r, h)),
            deputy: y.deputy.as_ref().map(|h| role_view(corpus, r, h)),
            totals: y.totals(),
            totals_source: y.awards.map(|a| {
                let w = &corpus.writeups[a.source];
                Link {
                    name: r.language().format_date(w.date),
                    url: r.urls.conference(&w.slug),
                }
            }),
            conferences: y.conferences.len(),
            timeline_html: super::rows::join(shared.rows, corpus, &y.conferences, true),
        })
        .collect();
    ctx.insert("cluster", &cluster_summary(corpus, r, ci));
    ctx.insert("charts", &super::figures::cluster(corpus, ci, r));
    ctx.insert("bloc", &c.key.bloc);
    ctx.insert("years", &years);
    ctx.insert("has_awards", &c.years.iter().any(|y| y.awards.is_some()));
}

#[derive(Serialize)]
struct TocEntry<'a> {
    anchor: String,
    title: &'a str,
    date: String,
    date_iso: String,
}

/// A volume of a dossier, as its dossier lists it.
#[derive(Serialize)]
struct VolumeLink {
    url: String,
    /// The cluster or the year, with the part when there are several.
    title: String,
    count: usize,
    first: String,
    first_iso: String,
    last: String,
    last_iso: String,
}

/// The volumes of a cluster's year (`None`: of a year's write-ups of no
/// cluster), titled `label`; none when it has no write-up.
fn volume_links(
    corpus: &Corpus,
    r: &Renderer,
    cluster: Option<usize>,
    year: i32,
    label: &str,
) -> Vec<VolumeLink> {
    let all = super::plan::volume_writeups(corpus, cluster, year);
    if all.is_empty() {
        return Vec::new();
    }
    let n = super::plan::parts(all.len());
    (0..n)
        .map(|k| {
            let part = super::plan::part_of(&all, k);
            let date = |i: usize| corpus.writeups[i].date;
            let (first, last) = (date(part[0]), date(part[part.len() - 1]));
            let title = if n > 1 {
                format!("{label}, {} {}/{n}", r.i18n.get("dossier_volume"), k + 1)
            } else {
                label.to_string()
            };
            VolumeLink {
                url: super::plan::volume_path(&r.urls, corpus, cluster, year, k, n),
                title,
                count: part.len(),
                first: r.language().format_date(first),
                first_iso: first.to_string(),
                last: r.language().format_date(last),
                last_iso: last.to_string(),
            }
        })
        .collect()
}

/// The name of a year as headings give it ("Năm thi đua 2023").
fn year_name(r: &Renderer, year: i32) -> String {
    format!("{} {year}", r.i18n.get("year_heading"))
}

/// A dossier of the write-ups `idx`: whole, with its honours and entries, or
/// (`volumes`: its honour titles and its volumes) too long to print whole,
/// listing its volumes instead.
fn whole_or_in_volumes(
    corpus: &Corpus,
    r: &Renderer,
    shared: &Shared,
    idx: &[usize],
    volumes: Option<(Vec<LevelGroup>, Vec<VolumeLink>)>,
    ctx: &mut Context,
) -> Vec<Diagnostic> {
    let Some((titles, volumes)) = volumes else {
        ctx.insert(
            "honours",
            &honours_by_level(corpus, r, shared, LIST_ROOT, idx),
        );
        return dossier(corpus, r, shared, idx, ctx);
    };
    ctx.insert("honours", &Vec::<()>::new());
    ctx.insert("honour_titles", &titles);
    ctx.insert("volumes", &volumes);
    let n = crate::text::group_thousands(idx.len() as u64, r.language().thousands_sep());
    ctx.insert(
        "volumes_note",
        &r.i18n.get("dossier_note_volumes").replace("{n}", &n),
    );
    margin_title(r, ctx);
    ctx.insert("toc", &Vec::<TocEntry>::new());
    ctx.insert("entries_html", "");
    Vec::new()
}

/// The dossier's title in the page margins, as a CSS string's text.
fn margin_title(r: &Renderer, ctx: &mut Context) {
    let heading = ctx
        .get("heading")
        .and_then(|h| h.as_str())
        .unwrap_or_default();
    ctx.insert(
        "margin_title",
        &css_string(&format!("{}: {heading}", r.i18n.get("dossier"))),
    );
}

/// A printable page holding every write-up of a cluster or a year, in order:
/// its entries come from the shared cache when there is one.
fn dossier(
    corpus: &Corpus,
    r: &Renderer,
    shared: &Shared,
    idx: &[usize],
    ctx: &mut Context,
) -> Vec<Diagnostic> {
    ctx.insert("honour_titles", &Vec::<()>::new());
    let toc: Vec<TocEntry> = idx
        .iter()
        .map(|&i| {
            let w = &corpus.writeups[i];
            TocEntry {
                anchor: anchor(w),
                title: &w.title,
                date: r.language().format_date(w.date),
                date_iso: w.date.to_string(),
            }
        })
        .collect();
    ctx.insert("toc", &toc);
    margin_title(r, ctx);
    let (html, diags) = match shared.entries {
        _ if shared.dossier_shell => (DOSSIER_MARK.to_string(), Vec::new()),
        Some(cache) => (
            idx.iter()
                .filter_map(|&i| cache.get(i))
                .map(String::as_str)
                .collect(),
            Vec::new(),
        ),
        None => match r.render_dossier_entries(corpus, &shared.piece_source(), idx) {
            Ok(parts) => (parts.concat(), Vec::new()),
            Err(d) => (String::new(), vec![d]),
        },
    };
    ctx.insert("entries_html", &html);
    diags
}

/// `s` as the inside of a double-quoted CSS string in a `<style>` element:
/// quotes, backslashes, `<`, `&` and line breaks written as CSS escapes.
fn css_string(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '"' | '\\' | '<' | '>' | '&' | '\'') || c.is_control() {
            let _ = write!(out, "\\{:x} ", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Stands where a dossier's entries go, in a shell rendered for streaming.
pub(crate) const DOSSIER_MARK: &str = "\u{1e}baocao-dossier-entries\u{1e}";

fn conference(
    corpus: &Corpus,
    r: &Renderer,
    shared: &Shared,
    i: usize,
    ctx: &mut Context,
) -> Vec<Diagnostic> {
    let w = &corpus.writeups[i];
    let t = &r.i18n;
    let view = conference_view(corpus, r, w);
    let (prev, next) = match w.cluster.as_ref().and_then(|k| corpus.cluster(k)) {
        Some((_, c)) => {
            // A cluster's write-ups are in corpus order, so ascending.
            let pos = c.writeups.binary_search(&i).ok();
            let at = |p: Option<usize>| {
                p.and_then(|p| c.writeups.get(p))
                    .map(|&x| row(&r.urls, corpus, &corpus.writeups[x], t, r.language()))
            };
            (
                at(pos.and_then(|p| p.checked_sub(1))),
                at(pos.map(|p| p + 1)),
            )
        }
        None => (None, None),
    };
    let page_root = root_of(&r.urls.conference(&w.slug));
    let (facts_html, body, diags) = match shared.pieces.and_then(|p| p.get(&i)) {
        Some(p) => (
            p.facts_at(&page_root),
            p.body_at(&page_root),
            p.diags.clone(),
        ),
        None => match r.render_pieces(corpus, &shared.slug_by_rel, &[i]) {
            Ok(mut ps) => match ps.pop() {
                Some(p) => (p.facts_at(&page_root), p.body_at(&page_root), p.diags),
                None => (String::new(), String::new(), Vec::new()),
            },
            Err(d) => (String::new(), String::new(), vec![d]),
        },
    };
    ctx.insert("facts_html", &facts_html);
    ctx.insert("page", &view);
    ctx.insert(
        "cluster_link",
        &w.cluster.as_ref().map(|k| cluster_link(&r.urls, k, t)),
    );
    ctx.insert("prev", &prev);
    ctx.insert("next", &next);
    ctx.insert("body", &body);
    diags
}

#[derive(Serialize)]
struct MembershipView {
    year: i32,
    year_url: String,
    cluster: Link,
}

/// A year of a long list page: its own page, and three counts of its rows
/// (macros.html's `year_counts` table).
#[derive(Serialize)]
pub(super) struct YearCounts {
    pub year: i32,
    pub url: String,
    pub counts: [u64; 3],
}

/// The links to the years before and after `year` among `years`.
pub(super) fn year_neighbours(
    years: &[i32],
    year: i32,
    url: impl Fn(i32) -> String,
) -> [Option<Link>; 2] {
    let at = years.binary_search(&year).ok();
    let link = |i: Option<usize>| {
        i.and_then(|i| years.get(i)).map(|&y| Link {
            name: y.to_string(),
            url: url(y),
        })
    };
    [
        link(at.and_then(|i| i.checked_sub(1))),
        link(at.map(|i| i + 1)),
    ]
}

/// A unit's page (`year: None`) or, for a long one, one year of it.
fn unit(
    corpus: &Corpus,
    r: &Renderer,
    shared: &Shared,
    ui: usize,
    year: Option<i32>,
    ctx: &mut Context,
) {
    let u = &corpus.units[ui];
    let t = &r.i18n;
    let years = super::plan::unit_years(corpus, ui);
    let year_of = |wi: usize| corpus.writeups[wi].year;
    let in_year = |wi: usize| year.is_none_or(|y| year_of(wi) == y);
    let page = match year {
        Some(y) => r.urls.unit_year(&u.slug, y),
        None => r.urls.unit(&u.slug),
    };
    let root = root_of(&page);
    ctx.insert("year", &year);
    ctx.insert(
        "unit",
        &Link {
            name: u.name.clone(),
            url: r.urls.unit(&u.slug),
        },
    );
    if let Some(y) = year {
        let [prev, next] = year_neighbours(&years, y, |y| r.urls.unit_year(&u.slug, y));
        ctx.insert("prev_year", &prev);
        ctx.insert("next_year", &next);
    }
    let by_year: Vec<YearCounts> = match year {
        Some(_) => Vec::new(),
        None => years
            .iter()
            .map(|&y| {
                let count = |idx: &mut dyn Iterator<Item = usize>| {
                    idx.filter(|&w| year_of(w) == y).count() as u64
                };
                YearCounts {
                    year: y,
                    url: r.urls.unit_year(&u.slug, y),
                    counts: [
                        count(&mut u.writeups.iter().copied()),
                        count(&mut u.hosted.iter().copied()),
                        count(&mut u.honours.iter().map(|&(w, _)| w)),
                    ],
                }
            })
            .collect(),
    };
    ctx.insert("by_year", &by_year);
    let listed = by_year.is_empty();
    let pick = |idx: &[usize]| -> Vec<usize> {
        if listed {
            idx.iter().copied().filter(|&w| in_year(w)).collect()
        } else {
            Vec::new()
        }
    };
    let (hosted, writeups) = (pick(&u.hosted), pick(&u.writeups));
    let honours = group_by_level(
        corpus,
        r,
        shared,
        &root,
        u.honours
            .iter()
            .copied()
            .filter(|&(w, _)| listed && in_year(w)),
    );
    ctx.insert("honours", &honours);
    ctx.insert("hosted", &hosted.len());
    ctx.insert(
        "hosted_html",
        &super::rows::join(shared.rows, corpus, &hosted, false),
    );
    let (jump, html) = super::rows::join_by_year(shared.rows, corpus, &writeups);
    ctx.insert("jump", &jump);
    ctx.insert("conferences_html", &html);
    if year.is_some() {
        return;
    }
    let memberships: Vec<MembershipView> = u
        .memberships
        .iter()
        .map(|&(year, ci)| MembershipView {
            year,
            year_url: r.urls.year(year),
            cluster: cluster_link(&r.urls, &corpus.clusters[ci].key, t),
        })
        .collect();
    ctx.insert("memberships", &memberships);
    ctx.insert("chart", &super::figures::unit(corpus, ui, r));
    let roles: Vec<UnitRoleView> = u
        .roles
        .iter()
        .map(|role| UnitRoleView {
            year: role.year,
            // A role handed over for a year with no write-up yet: no year page.
            year_url: corpus
                .years
                .binary_search_by_key(&role.year, |y| y.year)
                .ok()
                .map(|_| r.urls.year(role.year)),
            role: t
                .get(if role.leader { "leader" } else { "deputy" })
                .to_string(),
            cluster: cluster_link(&r.urls, &corpus.clusters[role.cluster].key, t),
            basis: role.basis,
        })
        .collect();
    ctx.insert("roles", &roles);
}

/// A year a unit was Cụm trưởng or Cụm phó.
#[derive(Serialize)]
struct UnitRoleView {
    year: i32,
    year_url: Option<String>,
    /// "Cụm trưởng" or "Cụm phó".
    role: String,
    cluster: Link,
    basis: crate::model::RoleBasis,
}

#[derive(Serialize)]
struct YearClusterView {
    cluster: Link,
    conferences: usize,
    /// The cluster-year's summary totals; unknown counts are null.
    totals: Awards,
    has_awards: bool,
}

fn year(corpus: &Corpus, r: &Renderer, shared: &Shared, yi: usize, ctx: &mut Context) {
    let y = &corpus.years[yi];
    let t = &r.i18n;
    let clusters: Vec<YearClusterView> = corpus
        .cluster_years(y.year)
        .into_iter()
        .map(|(ci, cy)| YearClusterView {
            cluster: cluster_link(&r.urls, &corpus.clusters[ci].key, t),
            conferences: cy.conferences.len(),
            totals: cy.totals(),
            has_awards: cy.awards.is_some(),
        })
        .collect();
    let nav = |i: Option<usize>| {
        i.and_then(|i| corpus.years.get(i)).map(|y| Link {
            name: y.year.to_string(),
            url: r.urls.year(y.year),
        })
    };
    ctx.insert("year", &y.year);
    ctx.insert("chart", &super::figures::year(corpus, yi, r));
    ctx.insert("conferences", &y.writeups.len());
    ctx.insert(
        "conferences_html",
        &super::rows::join(shared.rows, corpus, &y.writeups, false),
    );
    ctx.insert("clusters", &clusters);
    let root = root_of(&r.urls.year(y.year));
    let uses: usize = y
        .writeups
        .iter()
        .map(|&wi| corpus.writeups[wi].honours.len())
        .sum();
    if uses > super::plan::LONG_LIST {
        ctx.insert("honour_titles", &titles_of_year(corpus, r, y.year));
        ctx.insert("honours", &Vec::<()>::new());
    } else {
        ctx.insert("honour_titles", &Vec::<()>::new());
        ctx.insert(
            "honours",
            &honours_by_level(corpus, r, shared, &root, &y.writeups),
        );
    }
    ctx.insert("totals", &corpus.year_totals(y.year));
    ctx.insert("prev_year", &nav(yi.checked_sub(1)));
    ctx.insert("next_year", &nav(Some(yi + 1)));
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn margin_titles_cannot_end_their_string_or_style() {
        assert_eq!(css_string("Cụm 2 – Khối A"), "Cụm 2 – Khối A");
        assert_eq!(css_string("a\"b</style>\\"), "a\\22 b\\3c /style\\3e \\5c ");
    }
}
