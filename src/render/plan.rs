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
    /// A volume of a dossier too long to print whole (see [`volumes`]): a
    /// cluster's write-ups of a year (`None`: a year's write-ups of no
    /// cluster), and which part of them, from 0, when they fill more than one.
    Volume(Option<usize>, i32, usize),
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
            PageSpec::Volume(cluster, year, k) => {
                let n = parts(volume_writeups(corpus, cluster, year).len());
                volume_path(urls, corpus, cluster, year, k, n)
            }
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
        !self.is_html() || self.is_dossier()
    }

    /// A cluster's or a year's dossier, or a volume of one.
    pub fn is_dossier(&self) -> bool {
        matches!(
            self,
            PageSpec::ClusterDossier(_) | PageSpec::YearDossier(_) | PageSpec::Volume(..)
        )
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
    plan.extend(volumes(corpus));
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

/// Write-ups beyond which a dossier is not printed whole: it then lists its
/// volumes, one for each cluster and year (or a cluster's write-ups of a year
/// in parts of at most this many), so that no page runs to megabytes and each
/// write-up is printed once, in the volume its cluster's and its year's
/// dossiers share.
pub const DOSSIER_WHOLE: usize = 30;

/// Whether cluster `ci`'s dossier is printed in volumes.
pub fn cluster_in_volumes(corpus: &Corpus, ci: usize) -> bool {
    corpus.clusters[ci].writeups.len() > DOSSIER_WHOLE
}

/// Whether the dossier of year `yi` (an index into `Corpus::years`) is
/// printed in volumes.
pub fn year_in_volumes(corpus: &Corpus, yi: usize) -> bool {
    corpus.years[yi].writeups.len() > DOSSIER_WHOLE
}

/// The write-ups of a cluster's year (`None`: of the year's write-ups, those
/// of no cluster), by date.
pub fn volume_writeups(corpus: &Corpus, cluster: Option<usize>, year: i32) -> Vec<usize> {
    match cluster {
        Some(ci) => corpus.clusters[ci]
            .years
            .iter()
            .find(|y| y.year == year)
            .map(|y| y.conferences.clone())
            .unwrap_or_default(),
        None => corpus
            .years
            .binary_search_by_key(&year, |y| y.year)
            .map(|yi| {
                corpus.years[yi]
                    .writeups
                    .iter()
                    .copied()
                    .filter(|&wi| corpus.writeups[wi].cluster.is_none())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// How many volumes `n` write-ups of a cluster's year fill.
pub fn parts(n: usize) -> usize {
    n.div_ceil(DOSSIER_WHOLE).max(1)
}

/// Part `k` of `all`, shared out evenly over [`parts`] volumes.
pub fn part_of(all: &[usize], k: usize) -> &[usize] {
    let p = parts(all.len());
    &all[k * all.len() / p..(k + 1) * all.len() / p]
}

/// The path of part `k` (from 0) of a cluster's year's volumes (`None`: a
/// year's of no cluster), when they are `parts` in all.
pub fn volume_path(
    urls: &Urls,
    corpus: &Corpus,
    cluster: Option<usize>,
    year: i32,
    k: usize,
    parts: usize,
) -> String {
    let part = (parts > 1).then_some(k + 1);
    match cluster {
        Some(ci) => urls.cluster_volume(&corpus.clusters[ci].key, year, part),
        None => urls.year_volume(year, part),
    }
}

/// Every volume: for each cluster whose dossier, or one of whose years'
/// dossiers, is printed in volumes, its years with write-ups; then, for each
/// year printed in volumes, its write-ups of no cluster.
pub fn volumes(corpus: &Corpus) -> Vec<PageSpec> {
    let split_years: Vec<i32> = (0..corpus.years.len())
        .filter(|&yi| year_in_volumes(corpus, yi))
        .map(|yi| corpus.years[yi].year)
        .collect();
    let mut out = Vec::new();
    for (ci, c) in corpus.clusters.iter().enumerate() {
        let whole = cluster_in_volumes(corpus, ci);
        for y in c.years.iter().filter(|y| y.reported()) {
            if whole || split_years.contains(&y.year) {
                let n = parts(y.conferences.len());
                out.extend((0..n).map(|k| PageSpec::Volume(Some(ci), y.year, k)));
            }
        }
    }
    for year in split_years {
        let n = volume_writeups(corpus, None, year).len();
        if n > 0 {
            out.extend((0..parts(n)).map(|k| PageSpec::Volume(None, year, k)));
        }
    }
    out
}

/// The dossiers each write-up is printed in, by index into
/// `Corpus::writeups`: its cluster's and its year's when printed whole, and
/// its volume when there is one.
pub fn dossier_paths(corpus: &Corpus, urls: &Urls, volumes: &[PageSpec]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new(); corpus.writeups.len()];
    for (ci, c) in corpus.clusters.iter().enumerate() {
        if !cluster_in_volumes(corpus, ci) {
            let path = urls.cluster_dossier(&c.key);
            for &wi in &c.writeups {
                out[wi].push(path.clone());
            }
        }
    }
    for (yi, y) in corpus.years.iter().enumerate() {
        if !year_in_volumes(corpus, yi) {
            let path = urls.year_dossier(y.year);
            for &wi in &y.writeups {
                out[wi].push(path.clone());
            }
        }
    }
    for spec in volumes {
        if let PageSpec::Volume(cluster, year, k) = *spec {
            let all = volume_writeups(corpus, cluster, year);
            let path = volume_path(urls, corpus, cluster, year, k, parts(all.len()));
            for &wi in part_of(&all, k) {
                out[wi].push(path.clone());
            }
        }
    }
    out
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
