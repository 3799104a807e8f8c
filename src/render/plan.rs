//! The page plan: which outputs exist and at which paths. An output is
//! named by a `PageSpec`, so a live preview can re-render only the pages an
//! edit touches.

use crate::model::Corpus;
use crate::urls::Urls;

/// One output of the site's plan: a page or a data file, with the index of
/// what it shows in the corpus; its path comes from [`Urls`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageSpec {
    Home,
    Clusters,
    Cluster(usize),
    Conference(usize),
    Units,
    Unit(usize),
    /// A long unit page's year: its rows of that year (see [`unit_years`]).
    UnitYear(usize, i32),
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
    /// A long honour page's year: its uses of that year (see [`honour_years`]).
    HonourYear(usize, i32),
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
            PageSpec::UnitYear(i, y) => urls.unit_year(&corpus.units[i].slug, y),
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
            PageSpec::HonourYear(i, y) => urls.honour_year(&corpus.honours[i].slug, y),
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
    for ui in 0..corpus.units.len() {
        plan.extend(
            unit_years(corpus, ui)
                .into_iter()
                .map(|y| PageSpec::UnitYear(ui, y)),
        );
    }
    for hi in 0..corpus.honours.len() {
        plan.extend(
            honour_years(corpus, hi)
                .into_iter()
                .map(|y| PageSpec::HonourYear(hi, y)),
        );
    }
    plan.extend((0..corpus.tags.len()).map(PageSpec::Tag));
    plan.extend((0..corpus.writeups.len()).map(PageSpec::Conference));
    plan
}

/// Rows beyond which a list page is long: it then lists its years, and each
/// year's rows are on a page of their own (a unit named in thousands of
/// write-ups stays readable on a phone, and no page runs to megabytes).
pub const LONG_LIST: usize = 200;

/// The years of a long unit page's year pages, ascending; none when the
/// unit's conferences and honours fit on its page.
pub fn unit_years(corpus: &Corpus, ui: usize) -> Vec<i32> {
    let u = &corpus.units[ui];
    if u.writeups.len() + u.honours.len() <= LONG_LIST {
        return Vec::new();
    }
    years_of(
        corpus,
        // Its hosted conferences are among its write-ups.
        u.writeups
            .iter()
            .copied()
            .chain(u.honours.iter().map(|&(wi, _)| wi)),
    )
}

/// The years of a long honour page's year pages, ascending; none when its
/// uses fit on its page.
pub fn honour_years(corpus: &Corpus, hi: usize) -> Vec<i32> {
    let h = &corpus.honours[hi];
    if h.uses.len() <= LONG_LIST {
        return Vec::new();
    }
    years_of(corpus, h.uses.iter().map(|&(wi, _)| wi))
}

/// The distinct years of the write-ups `idx`, ascending.
fn years_of(corpus: &Corpus, idx: impl Iterator<Item = usize>) -> Vec<i32> {
    let mut years: Vec<i32> = idx.map(|wi| corpus.writeups[wi].year).collect();
    years.sort_unstable();
    years.dedup();
    years
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
