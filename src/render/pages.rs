//! The page plan (which pages exist, at which paths) and each page's context.
//! A page is named by a `PageSpec`, so a live preview can re-render only the
//! pages an edit touches.

use std::collections::HashMap;

use serde::Serialize;
use tera::Context;

use super::context::{cluster_link, cluster_name, row, unit_link, ConferenceRow, Link};
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::model::{Awards, Corpus, Coverage, HonourLevel};
use crate::urls::{relative_to, root_of, Urls, LIST_ROOT};

/// How many conferences the home page lists as recent.
const RECENT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageSpec {
    Home,
    Clusters,
    Cluster(usize),
    Conference(usize),
    Units,
    Unit(usize),
    Years,
    Year(usize),
    NotFound,
    Search,
    ClusterDossier(usize),
    YearDossier(usize),
    /// The search index script.
    SearchIndex,
    ExportCsv,
    ExportJson,
    /// The derived facts of every cluster and year: data/clusters.json.
    ClustersJson,
    /// The same facts as a table, one row per cluster-year: data/cluster-years.csv.
    ClusterYearsCsv,
    ClusterCsv(usize),
    /// Every honour title, by level.
    Honours,
    /// One honour title's page: index into `Corpus::honours`.
    Honour(usize),
    HonoursCsv,
    /// Every tag (chủ đề), with its count.
    Tags,
    /// One tag's page: index into `Corpus::tags`.
    Tag(usize),
    /// Only with a base URL: absolute addresses are its point.
    Sitemap,
    Feed,
}

impl PageSpec {
    /// The output path of this page, which is also its address from the
    /// site root.
    pub fn path(&self, urls: &Urls, corpus: &Corpus) -> String {
        match *self {
            PageSpec::Home => urls.home(),
            PageSpec::Clusters => urls.clusters(),
            PageSpec::Cluster(i) => urls.cluster(&corpus.clusters[i].key),
            PageSpec::Conference(i) => urls.conference(&corpus.writeups[i].slug),
            PageSpec::Units => urls.units(),
            PageSpec::Unit(i) => urls.unit(&corpus.units[i].slug),
            PageSpec::Years => urls.years(),
            PageSpec::Year(i) => urls.year(corpus.years[i].year),
            PageSpec::NotFound => urls.not_found(),
            PageSpec::Search => urls.search(),
            PageSpec::ClusterDossier(i) => urls.cluster_dossier(&corpus.clusters[i].key),
            PageSpec::YearDossier(i) => urls.year_dossier(corpus.years[i].year),
            PageSpec::SearchIndex => urls.search_index(),
            PageSpec::ExportCsv => urls.conferences_csv(),
            PageSpec::ExportJson => urls.conferences_json(),
            PageSpec::ClustersJson => urls.clusters_json(),
            PageSpec::ClusterYearsCsv => urls.cluster_years_csv(),
            PageSpec::ClusterCsv(i) => urls.cluster_csv(&corpus.clusters[i].key),
            PageSpec::Honours => urls.honours(),
            PageSpec::Honour(i) => urls.honour(&corpus.honours[i].slug),
            PageSpec::HonoursCsv => urls.honours_csv(),
            PageSpec::Tags => urls.tags(),
            PageSpec::Tag(i) => urls.tag(&corpus.tags[i].slug),
            PageSpec::Sitemap => urls.sitemap(),
            PageSpec::Feed => urls.feed(),
        }
    }

    /// Outputs that sum up many write-ups: the live preview redoes them when
    /// asked for, not on every edit.
    pub fn is_deferred(&self) -> bool {
        !self.is_html() || matches!(self, PageSpec::ClusterDossier(_) | PageSpec::YearDossier(_))
    }

    /// Pages rendered with a template; the others are data.
    pub fn is_html(&self) -> bool {
        !matches!(
            self,
            PageSpec::SearchIndex
                | PageSpec::ExportCsv
                | PageSpec::ExportJson
                | PageSpec::ClustersJson
                | PageSpec::ClusterYearsCsv
                | PageSpec::ClusterCsv(_)
                | PageSpec::HonoursCsv
                | PageSpec::Sitemap
                | PageSpec::Feed
        )
    }

    /// Data outputs that summarize the whole corpus: redone on every edit.
    pub const WHOLE_SITE: [PageSpec; 13] = [
        PageSpec::Home,
        PageSpec::Tags,
        PageSpec::Clusters,
        PageSpec::Units,
        PageSpec::Years,
        PageSpec::Honours,
        PageSpec::SearchIndex,
        PageSpec::ExportCsv,
        PageSpec::ExportJson,
        PageSpec::ClustersJson,
        PageSpec::ClusterYearsCsv,
        PageSpec::HonoursCsv,
        PageSpec::Feed,
    ];
}

/// Every page of the site, in a stable order. The sitemap and the feed need
/// absolute addresses, so they exist only with a base URL.
pub fn plan(corpus: &Corpus, with_base_url: bool) -> Vec<PageSpec> {
    let mut plan = vec![
        PageSpec::Home,
        PageSpec::Clusters,
        PageSpec::Units,
        PageSpec::Years,
        PageSpec::NotFound,
        PageSpec::Search,
        PageSpec::SearchIndex,
        PageSpec::ExportCsv,
        PageSpec::ExportJson,
        PageSpec::ClustersJson,
        PageSpec::ClusterYearsCsv,
        PageSpec::Honours,
        PageSpec::HonoursCsv,
        PageSpec::Tags,
    ];
    if with_base_url {
        plan.extend([PageSpec::Feed, PageSpec::Sitemap]);
    }
    plan.extend((0..corpus.clusters.len()).map(PageSpec::ClusterCsv));
    plan.extend((0..corpus.clusters.len()).map(PageSpec::ClusterDossier));
    plan.extend((0..corpus.years.len()).map(PageSpec::YearDossier));
    plan.extend((0..corpus.clusters.len()).map(PageSpec::Cluster));
    plan.extend((0..corpus.units.len()).map(PageSpec::Unit));
    plan.extend((0..corpus.years.len()).map(PageSpec::Year));
    plan.extend((0..corpus.honours.len()).map(PageSpec::Honour));
    plan.extend((0..corpus.tags.len()).map(PageSpec::Tag));
    plan.extend((0..corpus.writeups.len()).map(PageSpec::Conference));
    plan
}

/// Lookups computed once per build and shared by every page.
pub struct Shared<'c> {
    pub(crate) slug_by_rel: std::borrow::Cow<'c, HashMap<&'c str, &'c str>>,
    /// Each write-up's dossier entry, by write-up index, while dossiers are made.
    pub(crate) entries: Option<&'c [String]>,
    /// Render dossiers with `DOSSIER_MARK` where their entries go: the
    /// streaming build writes the entries in between, piece by piece.
    pub(crate) dossier_shell: bool,
    /// Facts and bodies already rendered, by write-up index.
    pub(crate) pieces: Option<&'c HashMap<usize, super::rows::Piece>>,
    rows: &'c super::rows::RowCache,
    honour_rows: std::borrow::Cow<'c, HonourRows>,
    site: Site,
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
    fn push(
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
struct Site {
    title: String,
    description: Option<String>,
    lang: &'static str,
    base_url: Option<String>,
}

impl<'c> Shared<'c> {
    pub fn new(corpus: &'c Corpus, r: &Renderer, rows: &'c super::rows::RowCache) -> Shared<'c> {
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
    pub fn with_pieces<'a>(&'a self, pieces: &'a HashMap<usize, super::rows::Piece>) -> Shared<'a> {
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
            unit(corpus, r, shared, i, &mut ctx);
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
            honour_page(corpus, r, i, &mut ctx);
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
            ctx.insert("heading", &cluster_name(&c.key, &r.i18n));
            ctx.insert("back", &r.urls.cluster(&c.key));
            ctx.insert("charts", &super::figures::cluster(corpus, i, r));
            // The headings the cluster page gives its charts.
            let titles = ["awards_by_year", "members_by_year", "leadership_by_year"];
            ctx.insert("chart_titles", &titles.map(|k| r.i18n.get(k)));
            ctx.insert(
                "honours",
                &honours_by_level(corpus, r, shared, LIST_ROOT, &c.writeups),
            );
            diags = dossier(corpus, r, shared, &c.writeups, &mut ctx);
            "dossier.html"
        }
        PageSpec::YearDossier(i) => {
            let y = &corpus.years[i];
            ctx.insert(
                "heading",
                &format!("{} {}", r.i18n.get("year_heading"), y.year),
            );
            ctx.insert("back", &r.urls.year(y.year));
            ctx.insert("charts", &[super::figures::year(corpus, i, r)]);
            ctx.insert("chart_titles", &[r.i18n.get("clusters_of_year")]);
            ctx.insert(
                "honours",
                &honours_by_level(corpus, r, shared, LIST_ROOT, &y.writeups),
            );
            diags = dossier(corpus, r, shared, &y.writeups, &mut ctx);
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
struct HonourView {
    title: String,
    /// The honour's page.
    url: String,
    status: &'static str,
    status_label: String,
    to: Vec<Link>,
    collectives: Option<u64>,
    individuals: Option<u64>,
}

#[derive(Serialize)]
struct ConferenceView {
    #[serde(flatten)]
    row: ConferenceRow,
    members: Vec<Link>,
    honours: Vec<HonourView>,
    /// Some honour states a count: else the table has no count columns.
    honours_counted: bool,
    leader: Option<Link>,
    deputy: Option<Link>,
    handover_leader: Option<Link>,
    handover_deputy: Option<Link>,
    source: Option<String>,
    source_is_url: bool,
    author: Option<String>,
    /// The tags that have a page.
    tags: Vec<Link>,
    year_url: String,
}

/// The facts of one write-up, for its page and for dossiers.
fn conference_view(corpus: &Corpus, r: &Renderer, w: &crate::model::WriteUp) -> ConferenceView {
    let t = &r.i18n;
    ConferenceView {
        row: row(&r.urls, corpus, w, t, r.language()),
        members: w
            .members
            .iter()
            .map(|m| unit_link(&r.urls, corpus, m))
            .collect(),
        honours: w
            .honours
            .iter()
            .map(|h| HonourView {
                title: h.title.clone(),
                url: r.urls.honour(&h.slug),
                status: h.status.as_str(),
                status_label: status_label(h.status, t),
                to: h.to.iter().map(|u| unit_link(&r.urls, corpus, u)).collect(),
                collectives: h.collectives,
                individuals: h.individuals,
            })
            .collect(),
        honours_counted: w
            .honours
            .iter()
            .any(|h| h.collectives.is_some() || h.individuals.is_some()),
        leader: w.leader.as_deref().map(|n| unit_link(&r.urls, corpus, n)),
        deputy: w.deputy.as_deref().map(|n| unit_link(&r.urls, corpus, n)),
        handover_leader: w
            .handover
            .leader
            .as_deref()
            .map(|n| unit_link(&r.urls, corpus, n)),
        handover_deputy: w
            .handover
            .deputy
            .as_deref()
            .map(|n| unit_link(&r.urls, corpus, n)),
        source_is_url: w
            .source
            .as_deref()
            .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://")),
        source: w.source.clone(),
        author: w.author.clone(),
        tags: w
            .tags
            .iter()
            .filter_map(|name| {
                let slug = crate::text::slugify(name);
                (!slug.is_empty()).then(|| Link {
                    name: name.clone(),
                    url: r.urls.tag(&slug),
                })
            })
            .collect(),
        year_url: r.urls.year(w.year),
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

#[derive(Serialize)]
struct TocEntry<'a> {
    anchor: String,
    title: &'a str,
    date: String,
    date_iso: String,
}

fn anchor(w: &crate::model::WriteUp) -> String {
    format!("hn-{}", w.slug.replace('/', "-"))
}

#[derive(Serialize)]
pub(crate) struct FactsView {
    page: ConferenceView,
    cluster_link: Option<Link>,
}

/// What facts_items.html shows for each write-up at `idx`.
pub(crate) fn facts_views(corpus: &Corpus, r: &Renderer, idx: &[usize]) -> Vec<FactsView> {
    idx.iter()
        .map(|&i| {
            let w = &corpus.writeups[i];
            FactsView {
                page: conference_view(corpus, r, w),
                cluster_link: w
                    .cluster
                    .as_ref()
                    .map(|k| cluster_link(&r.urls, k, &r.i18n)),
            }
        })
        .collect()
}

/// The entries of a dossier (facts and body of each write-up), to render with
/// dossier_entries.html at `LIST_ROOT`.
pub(crate) fn dossier_entries<'c>(
    corpus: &'c Corpus,
    r: &Renderer,
    shared: &Shared,
    idx: &[usize],
) -> Result<Vec<impl Serialize + 'c>, Diagnostic> {
    let fresh;
    let pieces: Vec<&super::rows::Piece> = match shared.pieces {
        Some(map) => idx.iter().filter_map(|i| map.get(i)).collect(),
        None => {
            fresh = r.render_pieces(corpus, shared, idx)?;
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

/// A printable page holding every write-up of a cluster or a year, in order:
/// its entries come from the shared cache when there is one.
fn dossier(
    corpus: &Corpus,
    r: &Renderer,
    shared: &Shared,
    idx: &[usize],
    ctx: &mut Context,
) -> Vec<Diagnostic> {
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
    // The dossier's title in the page margins, as a CSS string's text.
    let heading = ctx
        .get("heading")
        .and_then(|h| h.as_str())
        .unwrap_or_default();
    ctx.insert(
        "margin_title",
        &css_string(&format!("{}: {heading}", r.i18n.get("dossier"))),
    );
    let (html, diags) = match shared.entries {
        _ if shared.dossier_shell => (DOSSIER_MARK.to_string(), Vec::new()),
        Some(cache) => (
            idx.iter()
                .filter_map(|&i| cache.get(i))
                .map(String::as_str)
                .collect(),
            Vec::new(),
        ),
        None => match r.render_dossier_entries(corpus, shared, idx) {
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
        None => match r.render_pieces(corpus, shared, &[i]) {
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

fn unit(corpus: &Corpus, r: &Renderer, shared: &Shared, ui: usize, ctx: &mut Context) {
    let u = &corpus.units[ui];
    let t = &r.i18n;
    let memberships: Vec<MembershipView> = u
        .memberships
        .iter()
        .map(|&(year, ci)| MembershipView {
            year,
            year_url: r.urls.year(year),
            cluster: cluster_link(&r.urls, &corpus.clusters[ci].key, t),
        })
        .collect();
    let root = root_of(&r.urls.unit(&u.slug));
    let honours = group_by_level(corpus, r, shared, &root, u.honours.iter().copied());
    ctx.insert(
        "unit",
        &Link {
            name: u.name.clone(),
            url: r.urls.unit(&u.slug),
        },
    );
    ctx.insert("memberships", &memberships);
    ctx.insert("chart", &super::figures::unit(corpus, ui, r));
    ctx.insert("hosted", &u.hosted.len());
    ctx.insert(
        "hosted_html",
        &super::rows::join(shared.rows, corpus, &u.hosted, false),
    );
    ctx.insert("honours", &honours);
    let (jump, html) = super::rows::join_by_year(shared.rows, corpus, &u.writeups);
    ctx.insert("jump", &jump);
    ctx.insert("conferences_html", &html);
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
    ctx.insert(
        "honours",
        &honours_by_level(corpus, r, shared, &root, &y.writeups),
    );
    ctx.insert("totals", &corpus.year_totals(y.year));
    ctx.insert("prev_year", &nav(yi.checked_sub(1)));
    ctx.insert("next_year", &nav(Some(yi + 1)));
}

/// An honour's status in words: "Đề nghị", "Được tặng".
fn status_label(status: crate::model::HonourStatus, t: &super::I18n) -> String {
    t.get(&format!("honour_status_{}", status.as_str()))
        .to_string()
}

fn level_label(level: HonourLevel, t: &super::I18n) -> String {
    t.get(&format!("honour_level_{}", level.as_str()))
        .to_string()
}

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

/// "18 tập thể, 56 cá nhân": the counts an honour states.
fn counts_text(h: &crate::model::Honour, r: &Renderer) -> Option<String> {
    let sep = r.language().thousands_sep();
    let parts: Vec<String> = [
        (h.collectives, "honour_collectives"),
        (h.individuals, "honour_individuals"),
    ]
    .into_iter()
    .filter_map(|(n, key)| {
        n.map(|n| {
            format!(
                "{} {}",
                crate::text::group_thousands(n, sep),
                r.i18n.get(key)
            )
        })
    })
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
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
struct LevelRows {
    name: String,
    rows_html: String,
}

/// `uses` grouped by level (highest first), then by title, year and order,
/// as rows of honour_macros.html's `by_level` table for a page at `root`.
fn group_by_level(
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
fn honours_by_level(
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
struct LevelGroup {
    name: String,
    id: &'static str,
    titles: Vec<HonourSummary>,
}

fn honours_index(corpus: &Corpus, r: &Renderer, ctx: &mut Context) {
    let mut levels: Vec<LevelGroup> = Vec::new();
    // `Corpus::honours` is by level, highest first.
    for (i, t) in corpus.honours.iter().enumerate() {
        let summary = HonourSummary {
            title: t.title.clone(),
            url: r.urls.honour(&t.slug),
            tally: corpus.honour_tally(i),
        };
        match levels.last_mut() {
            Some(g) if g.id == t.level.as_str() => g.titles.push(summary),
            _ => levels.push(LevelGroup {
                name: level_label(t.level, &r.i18n),
                id: t.level.as_str(),
                titles: vec![summary],
            }),
        }
    }
    ctx.insert("levels", &levels);
}

fn honour_page(corpus: &Corpus, r: &Renderer, i: usize, ctx: &mut Context) {
    let title = &corpus.honours[i];
    // Oldest year first, like the cluster timelines and the years page.
    let mut uses = title.uses.clone();
    uses.sort_by_key(|&(wi, hi)| (corpus.writeups[wi].year, wi, hi));
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
    ctx.insert(
        "honour",
        &HonourSummary {
            title: title.title.clone(),
            url: r.urls.honour(&title.slug),
            tally: corpus.honour_tally(i),
        },
    );
    ctx.insert("level", &level_label(title.level, &r.i18n));
    ctx.insert("years", &years);
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

#[cfg(test)]
#[path = "pages_tests.rs"]
mod plan_tests;
