//! From the corpus to the charts of each page: the data each chart takes and its
//! localized text. The drawing itself is in `charts`.

use super::charts::{
    self, ChartText, ClusterAwards, ClusterCounts, HonourCount, UnitMembership, YearAwards,
    YearCount, YearLeaders,
};
use super::context::cluster_name;
use super::Renderer;
use crate::model::{Awards, Corpus, RoleBasis, RoleHolder};

fn text(r: &Renderer, chart: &str) -> ChartText {
    let t = &r.i18n;
    let get = |k: &str| t.get(k).to_string();
    let optional = |k: &str| t.strings.get(k).cloned().unwrap_or_default();
    ChartText {
        title: get(&format!("chart_{chart}_title")),
        desc: get(&format!("chart_{chart}_desc")),
        table_summary: get("chart_table"),
        year: get("year"),
        value_axis: get("chart_value_axis"),
        collectives: get("collectives"),
        individuals: get("individuals"),
        reorganized: get("chart_reorganized"),
        unit: get("honour_to"),
        member: get("chart_member"),
        member_years: get("chart_member_years"),
        leader: get("leader"),
        deputy: get("deputy"),
        cluster: get("nav_clusters"),
        total: get("chart_total"),
        conferences: get("conferences"),
        honour: get("honours"),
        count: get("chart_count"),
        missing: get("dash"),
        no_data: get("no_awards"),
        // Only some charts have a wording for gaps; the others keep `desc`.
        desc_gaps: t
            .strings
            .get(&format!("chart_{chart}_desc_gaps"))
            .cloned()
            .unwrap_or_default(),
        not_reported: get("chart_not_reported"),
        no_writeup: get("chart_no_writeup"),
        stated: get("chart_stated"),
        handover: get("chart_handover"),
        small: optional(&format!("chart_{chart}_small")),
        note: optional(&format!("chart_{chart}_note")),
        thousands_sep: r.language().thousands_sep(),
    }
}

fn year_awards(year: i32, a: Awards) -> YearAwards {
    YearAwards {
        year,
        collectives: a.collectives,
        individuals: a.individuals,
    }
}

fn handed_over(holder: Option<&RoleHolder>) -> bool {
    holder.is_some_and(|h| h.basis == RoleBasis::Handover)
}

/// The cluster page's three charts: awards per year, membership, leaders.
pub fn cluster(corpus: &Corpus, ci: usize, r: &Renderer) -> [String; 3] {
    let c = &corpus.clusters[ci];
    let reorganized: Vec<i32> = c
        .years
        .iter()
        .filter(|y| y.reorganized)
        .map(|y| y.year)
        .collect();
    let awards: Vec<YearAwards> = c
        .years
        .iter()
        .map(|y| year_awards(y.year, y.totals()))
        .collect();
    let t = text(r, "awards");
    let awards = charts::figure_or_note(
        charts::cluster_awards("awards", &t, &awards, &reorganized).as_ref(),
        &t,
    );

    let mut units: Vec<UnitMembership> = Vec::new();
    for y in &c.years {
        for m in &y.members {
            match units.iter_mut().find(|u| &u.name == m) {
                Some(u) => u.years.push(y.year),
                None => units.push(UnitMembership {
                    name: m.clone(),
                    years: vec![y.year],
                }),
            }
        }
    }
    let no_writeup: Vec<i32> = c
        .years
        .iter()
        .filter(|y| !y.reported())
        .map(|y| y.year)
        .collect();
    let t = text(r, "membership");
    let membership = charts::cluster_membership("members", &t, &units, &no_writeup, &reorganized)
        .map(|c| c.to_html())
        .unwrap_or_default();

    let leaders: Vec<YearLeaders> = c
        .years
        .iter()
        .map(|y| YearLeaders {
            year: y.year,
            leader: y.leader.as_ref().map(|h| h.unit.clone()),
            deputy: y.deputy.as_ref().map(|h| h.unit.clone()),
            leader_handover: handed_over(y.leader.as_ref()),
            deputy_handover: handed_over(y.deputy.as_ref()),
        })
        .collect();
    let t = text(r, "leaders");
    let leaders = charts::cluster_leaders("leaders", &t, &leaders, &reorganized)
        .map(|c| c.to_html())
        .unwrap_or_default();
    [awards, membership, leaders]
}

/// The home page's charts: awards per year by cluster, conferences per year.
pub fn home(corpus: &Corpus, r: &Renderer) -> [String; 2] {
    let clusters: Vec<ClusterAwards> = corpus
        .clusters
        .iter()
        .map(|c| ClusterAwards {
            name: cluster_name(&c.key, &r.i18n),
            years: c
                .years
                .iter()
                .map(|y| year_awards(y.year, y.totals()))
                .collect(),
        })
        .collect();
    let t = text(r, "home_awards");
    let awards = charts::figure_or_note(
        charts::awards_by_cluster("home-awards", &t, &clusters).as_ref(),
        &t,
    );
    let counts: Vec<YearCount> = corpus
        .years
        .iter()
        .map(|y| YearCount {
            year: y.year,
            count: y.writeups.len() as u64,
        })
        .collect();
    let t = text(r, "conferences");
    let conferences = charts::conferences_per_year("home-conferences", &t, &counts)
        .map(|c| c.to_html())
        .unwrap_or_default();
    [awards, conferences]
}

/// The year page's chart: the clusters of the year side by side, those
/// whose write-ups give no count among them (drawn as unknown).
pub fn year(corpus: &Corpus, yi: usize, r: &Renderer) -> String {
    let clusters: Vec<ClusterCounts> = corpus
        .cluster_years(corpus.years[yi].year)
        .into_iter()
        .map(|(ci, cy)| {
            let a = cy.totals();
            ClusterCounts {
                name: cluster_name(&corpus.clusters[ci].key, &r.i18n),
                collectives: a.collectives,
                individuals: a.individuals,
            }
        })
        .collect();
    let t = text(r, "year");
    charts::year_clusters("year-clusters", &t, &clusters)
        .map(|c| c.to_html())
        .unwrap_or_default()
}

/// The unit page's chart: honours received per year, by kind of honour.
pub fn unit(corpus: &Corpus, ui: usize, r: &Renderer) -> String {
    let u = &corpus.units[ui];
    let mut counts: Vec<HonourCount> = Vec::new();
    for &(wi, hi) in &u.honours {
        let w = &corpus.writeups[wi];
        let kind = &w.honours[hi].title;
        match counts
            .iter_mut()
            .find(|c| c.year == w.year && &c.kind == kind)
        {
            Some(c) => c.count += 1,
            None => counts.push(HonourCount {
                year: w.year,
                kind: kind.clone(),
                count: 1,
            }),
        }
    }
    let t = text(r, "honours");
    charts::unit_honours("honours", &t, &counts)
        .map(|c| c.to_html())
        .unwrap_or_default()
}
