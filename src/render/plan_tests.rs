//! The page plan: every page at one path, data apart from pages, and the feed
//! and sitemap only with a base URL.

use std::collections::BTreeSet;

use super::*;
use crate::model::sample::corpus_of;

/// Two clusters (one of a bloc), two years, units, a tag and an honour.
fn small() -> Corpus {
    corpus_of(&[
        (
            "cum-2/2022.md",
            "---\ntitle: A\ndate: 2022-11-20\ncluster: 2\nmembers: [Lai Châu, Sơn La]\ntags: [Chuyển đổi số]\n---\n",
        ),
        (
            "khoi-a/2023.md",
            "---\ntitle: B\ndate: 2023-11-25\ncluster: 2\nbloc: Khối A\nmembers: [Cục X]\nhonours:\n  - {title: Cờ thi đua, to: [Cục X]}\n---\n",
        ),
    ])
}

fn paths(c: &Corpus, plan: &[PageSpec]) -> Vec<String> {
    plan.iter().map(|p| p.path(&Urls::default(), c)).collect()
}

#[test]
fn every_page_of_the_plan_has_a_path_of_its_own() {
    let c = small();
    for with_base_url in [false, true] {
        let plan = plan(&c, with_base_url);
        let all = paths(&c, &plan);
        let unique: BTreeSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "{all:?}");
        let per_item = 3 * c.clusters.len()
            + 2 * c.years.len()
            + c.units.len()
            + c.honours.len()
            + c.tags.len()
            + c.writeups.len();
        let fixed = if with_base_url { 16 } else { 14 };
        assert_eq!(plan.len(), fixed + per_item, "{all:?}");
        let plan_again = super::plan(&c, with_base_url);
        assert_eq!(plan, plan_again, "a stable order");
    }
}

#[test]
fn the_feed_and_sitemap_exist_only_with_a_base_url() {
    let c = small();
    let without = paths(&c, &plan(&c, false));
    let with = paths(&c, &plan(&c, true));
    for p in ["atom.xml", "sitemap.xml"] {
        assert!(!without.iter().any(|w| w == p), "{p}");
        assert!(with.iter().any(|w| w == p), "{p}");
    }
}

#[test]
fn pages_live_at_their_documented_paths() {
    let c = small();
    let path = |spec: PageSpec| spec.path(&Urls::default(), &c);
    assert_eq!(path(PageSpec::Home), "index.html");
    assert_eq!(path(PageSpec::NotFound), "404.html");
    assert_eq!(path(PageSpec::Search), "tim-kiem/index.html");
    let clusters: Vec<String> = (0..c.clusters.len())
        .map(|i| path(PageSpec::Cluster(i)))
        .collect();
    assert!(
        clusters.contains(&"cum/cum-2/index.html".to_string()),
        "{clusters:?}"
    );
    assert!(
        clusters.contains(&"cum/khoi-a-cum-2/index.html".to_string()),
        "a bloc's cluster 2 is another page: {clusters:?}"
    );
    let i = c
        .clusters
        .iter()
        .position(|k| k.key.bloc.is_none())
        .expect("cluster 2");
    assert_eq!(path(PageSpec::ClusterDossier(i)), "cum/cum-2/ho-so.html");
    assert_eq!(path(PageSpec::ClusterCsv(i)), "data/cum-2.csv");
    let years: Vec<String> = (0..c.years.len())
        .map(|i| path(PageSpec::Year(i)))
        .collect();
    assert_eq!(years, ["nam/2022/index.html", "nam/2023/index.html"]);
    assert_eq!(path(PageSpec::YearDossier(0)), "nam/2022/ho-so.html");
    let conferences: BTreeSet<String> = (0..c.writeups.len())
        .map(|i| path(PageSpec::Conference(i)))
        .collect();
    assert_eq!(
        conferences,
        BTreeSet::from([
            "hoi-nghi/cum-2/2022/index.html".to_string(),
            "hoi-nghi/khoi-a/2023/index.html".to_string()
        ])
    );
    assert_eq!(path(PageSpec::Tag(0)), "chu-de/chuyen-doi-so/index.html");
    assert_eq!(path(PageSpec::Honour(0)), "danh-hieu/co-thi-dua/index.html");
    let units: BTreeSet<String> = (0..c.units.len())
        .map(|i| path(PageSpec::Unit(i)))
        .collect();
    assert!(units.contains("don-vi/lai-chau/index.html"), "{units:?}");
}

#[test]
fn html_pages_are_the_html_files_and_data_is_deferred() {
    let c = small();
    for spec in plan(&c, true) {
        let path = spec.path(&Urls::default(), &c);
        assert_eq!(
            spec.is_html(),
            path.ends_with(".html"),
            "{spec:?} at {path}"
        );
        if !spec.is_html() {
            assert!(
                spec.is_deferred(),
                "{spec:?}: data is redone when asked for"
            );
        }
    }
    assert!(PageSpec::ClusterDossier(0).is_deferred());
    assert!(PageSpec::YearDossier(0).is_deferred());
    for page in [
        PageSpec::Home,
        PageSpec::Conference(0),
        PageSpec::Cluster(0),
    ] {
        assert!(!page.is_deferred(), "{page:?} is redone on every edit");
    }
}

#[test]
fn the_whole_site_outputs_are_planned_once_each() {
    let c = small();
    let planned = plan(&c, true);
    let whole: BTreeSet<PageSpec> = PageSpec::WHOLE_SITE.into_iter().collect();
    assert_eq!(whole.len(), PageSpec::WHOLE_SITE.len(), "no repeat");
    for spec in whole {
        assert_eq!(
            planned.iter().filter(|p| **p == spec).count(),
            1,
            "{spec:?}"
        );
    }
}

#[test]
fn urls_of_tags_honours_and_cluster_tables() {
    let urls = Urls::default();
    assert_eq!(urls.tag("an-ninh"), "chu-de/an-ninh/index.html");
    assert_eq!(urls.honour("bang-khen"), "danh-hieu/bang-khen/index.html");
    let key = crate::model::ClusterKey {
        bloc: Some("Khối A".into()),
        number: 3,
    };
    assert_eq!(urls.cluster_csv(&key), "data/khoi-a-cum-3.csv");
}

#[test]
fn volumes_share_a_cluster_year_out_evenly() {
    let all: Vec<usize> = (0..61).collect();
    assert_eq!(parts(30), 1);
    assert_eq!(parts(31), 2);
    assert_eq!(parts(61), 3);
    let sizes: Vec<usize> = (0..3).map(|k| part_of(&all, k).len()).collect();
    assert_eq!(sizes, [20, 20, 21]);
    // In order, each write-up in exactly one part.
    let joined: Vec<usize> = (0..3).flat_map(|k| part_of(&all, k).to_vec()).collect();
    assert_eq!(joined, all);
    assert!(PageSpec::Volume(None, 2023, 0).is_deferred());
}
