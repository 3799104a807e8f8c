//! The data outputs on a small corpus: the rows and fields analysts read, with
//! unknown left empty or null, never 0.

use super::*;
use crate::model::sample::corpus_of;

fn two_years() -> Corpus {
    corpus_of(&[
        (
            "cum-2/2022.md",
            "---\ntitle: Hội nghị 2022\ndate: 2022-11-20\ncluster: 2\nmembers: [Lai Châu, Sơn La]\nleader: Lai Châu\n---\n\nNăm **2022** rồi.\n",
        ),
        (
            "cum-2/2023.md",
            "---\ntitle: \"=Tổng kết 2023\"\ndate: 2023-11-25\ncluster: 2\nmembers: [Lai Châu, Sơn La]\nawards: {collectives: 12}\nhonours:\n  - {title: Cờ thi đua, to: [Sơn La], collectives: 3}\nsummary: Tóm tắt.\n---\n\nNội dung.\n",
        ),
    ])
}

fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("utf-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect()
}

fn column<'a>(rows: &'a [Vec<String>], row: usize, name: &str) -> &'a str {
    let i = rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]));
    &rows[row][i]
}

#[test]
fn the_lede_is_plain_text_cut_at_a_word() {
    assert_eq!(
        lede("# Hội nghị\n\nMột *hai* `ba` bốn.\n", 200),
        "Hội nghị Một hai ba bốn."
    );
    assert_eq!(lede("một hai ba bốn", 8), "một hai…");
    assert_eq!(lede("", 10), "");
    assert_eq!(
        lede("a&#x1e;b", 10)
            .chars()
            .filter(|c| c.is_control())
            .count(),
        0
    );
}

/// A bug: every piece of text was joined with a space, so "Năm **2022**."
/// read "Năm 2022 ." in the feed and the data files.
#[test]
fn the_lede_puts_no_space_where_the_body_has_none() {
    assert_eq!(lede("Năm **2022**.", 200), "Năm 2022.");
    assert_eq!(lede("Xem `baocao`, rồi", 200), "Xem baocao, rồi");
}

#[test]
fn the_conferences_csv_has_one_row_per_write_up_and_no_formulas() {
    let c = two_years();
    let mut out = Vec::new();
    write_csv(
        &crate::urls::Urls::default(),
        c.writeups.iter().map(|w| &**w),
        &mut out,
    )
    .expect("csv");
    let rows = csv_records(&out);
    assert_eq!(rows.len(), 3, "a header and two rows");
    assert_eq!(column(&rows, 1, "slug"), "cum-2/2022");
    assert_eq!(
        column(&rows, 1, "collectives"),
        "",
        "unknown is empty, not 0"
    );
    assert_eq!(
        column(&rows, 2, "title"),
        "'=Tổng kết 2023",
        "not a formula"
    );
    assert_eq!(column(&rows, 2, "cluster"), "2");
    assert_eq!(column(&rows, 2, "members"), "Lai Châu; Sơn La");
    assert_eq!(column(&rows, 2, "collectives"), "12");
    assert_eq!(
        column(&rows, 2, "honours"),
        "Cờ thi đua [proposed]: Sơn La, 3 tập thể"
    );
    assert_eq!(column(&rows, 2, "page"), "hoi-nghi/cum-2/2023/index.html");
}

#[test]
fn the_conferences_json_carries_every_fact_with_null_for_unknown() {
    let c = two_years();
    let mut out = Vec::new();
    write_json(&crate::urls::Urls::default(), &c, &mut out).expect("json");
    assert!(out.ends_with(b"]\n"));
    let rows: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 2);
    let last = &rows[1];
    assert_eq!(
        last["title"], "=Tổng kết 2023",
        "JSON needs no formula guard"
    );
    assert_eq!(last["date"], "2023-11-25");
    assert_eq!(last["year"], 2023);
    assert_eq!(last["kind"], "summary");
    assert_eq!(
        last["cluster"],
        serde_json::json!({"bloc": null, "number": 2})
    );
    assert_eq!(last["awards"]["collectives"], 12);
    assert!(last["awards"]["individuals"].is_null());
    assert!(last["host"].is_null());
    assert_eq!(last["honours"][0]["to"], serde_json::json!(["Sơn La"]));
    assert_eq!(last["page"], "hoi-nghi/cum-2/2023/index.html");
    assert!(rows[0]["summary"].is_null());
}

#[test]
fn clusters_json_says_null_where_a_year_has_no_summary_counts() {
    let c = two_years();
    let mut out = Vec::new();
    write_clusters_json(&crate::urls::Urls::default(), &c, &mut out).expect("json");
    let clusters: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(clusters.as_array().map(Vec::len), Some(1));
    let cluster = &clusters[0];
    assert_eq!(cluster["cluster"], 2);
    assert!(cluster["bloc"].is_null());
    assert_eq!(cluster["page"], "cum/cum-2/index.html");
    let years = cluster["years"].as_array().expect("years");
    assert_eq!(years.len(), 2);
    assert_eq!(years[0]["year"], 2022);
    assert_eq!(years[0]["reported"], true);
    assert!(years[0]["awards"].is_null(), "not reported is not 0");
    assert_eq!(years[0]["leader"]["unit"], "Lai Châu");
    assert_eq!(years[0]["leader"]["basis"], "stated");
    assert_eq!(years[0]["leader"]["source"], "content/cum-2/2022.md");
    assert_eq!(years[1]["awards"]["collectives"], 12);
    assert!(years[1]["awards"]["individuals"].is_null());
    assert_eq!(years[1]["awards"]["source"], "content/cum-2/2023.md");
    assert_eq!(
        years[1]["honours"][0]["units"],
        serde_json::json!(["Sơn La"])
    );
    assert_eq!(years[1]["honours"][0]["status"], "proposed");
    assert_eq!(
        years[1]["conferences"],
        serde_json::json!(["hoi-nghi/cum-2/2023/index.html"])
    );
}

#[test]
fn cluster_years_csv_has_a_row_per_cluster_and_year_with_empty_unknowns() {
    let rows = csv_records(&cluster_years_csv(&two_years()));
    assert_eq!(
        rows[0],
        [
            "bloc",
            "cluster",
            "year",
            "reported",
            "members",
            "leader",
            "leader_basis",
            "deputy",
            "deputy_basis",
            "collectives",
            "individuals",
            "awards_source"
        ]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(column(&rows, 1, "year"), "2022");
    assert_eq!(column(&rows, 1, "leader"), "Lai Châu");
    assert_eq!(column(&rows, 1, "leader_basis"), "stated");
    assert_eq!(column(&rows, 1, "deputy"), "");
    assert_eq!(column(&rows, 1, "collectives"), "");
    assert_eq!(column(&rows, 1, "awards_source"), "");
    assert_eq!(column(&rows, 2, "collectives"), "12");
    assert_eq!(column(&rows, 2, "awards_source"), "content/cum-2/2023.md");
}

#[test]
fn the_honours_csv_has_a_row_per_unit_and_one_for_the_counts() {
    let mut out = Vec::new();
    write_honours_csv(&crate::urls::Urls::default(), &two_years(), &mut out).expect("csv");
    let rows = csv_records(&out);
    assert_eq!(rows.len(), 3, "a header, Sơn La, the counts: {rows:?}");
    assert_eq!(column(&rows, 1, "unit"), "Sơn La");
    assert_eq!(
        column(&rows, 1, "collectives"),
        "",
        "the counts are on their own row"
    );
    assert_eq!(column(&rows, 2, "unit"), "");
    assert_eq!(column(&rows, 2, "collectives"), "3");
    assert_eq!(column(&rows, 2, "year"), "2023");

    let mut empty = Vec::new();
    write_honours_csv(&crate::urls::Urls::default(), &corpus_of(&[]), &mut empty).expect("csv");
    assert_eq!(
        csv_records(&empty).len(),
        1,
        "the header even with no honour"
    );
}

#[test]
fn xml_text_is_escaped_and_free_of_forbidden_characters() {
    assert_eq!(
        xml_escape("a & <b> \"c\""),
        "a &amp; &lt;b&gt; &quot;c&quot;"
    );
    let cleaned = xml_escape("x\u{1}y\u{1e}z");
    assert!(!cleaned.contains(['\u{1}', '\u{1e}']), "{cleaned:?}");
    assert!(cleaned.starts_with('x') && cleaned.ends_with('z'));
}

#[test]
fn the_sitemap_lists_folders_under_the_base_and_not_the_404() {
    let paths: Vec<String> = ["index.html", "404.html", "cum/cum-2/index.html", "a&b.html"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let xml = String::from_utf8(sitemap("https://x.vn/bc/", &paths)).expect("utf-8");
    let locs: Vec<&str> = xml
        .lines()
        .filter_map(|l| l.strip_prefix("<url><loc>"))
        .filter_map(|l| l.strip_suffix("</loc></url>"))
        .collect();
    assert_eq!(
        locs,
        [
            "https://x.vn/bc/",
            "https://x.vn/bc/cum/cum-2/",
            "https://x.vn/bc/a&amp;b.html"
        ]
    );
    assert!(roxmltree::Document::parse(&xml).is_ok(), "{xml}");
}

#[test]
fn the_feed_is_newest_first_and_changes_only_with_the_content() {
    let t = I18n {
        strings: [("cluster".to_string(), "Cụm".to_string())].into(),
    };
    let xml = String::from_utf8(atom(
        &crate::urls::Urls::default(),
        &two_years(),
        "https://x.vn/",
        "Báo <cáo>",
        &t,
    ))
    .expect("utf-8");
    let doc = roxmltree::Document::parse(&xml).expect("valid XML");
    let feed = doc.root_element();
    let text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(text(feed, "title").as_deref(), Some("Báo <cáo>"));
    assert_eq!(
        text(feed, "updated").as_deref(),
        Some("2023-11-25T00:00:00Z")
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 2);
    assert_eq!(text(entries[0], "title").as_deref(), Some("=Tổng kết 2023"));
    assert_eq!(text(entries[0], "summary").as_deref(), Some("Tóm tắt."));
    assert_eq!(
        text(entries[1], "summary").as_deref(),
        Some("Năm 2022 rồi."),
        "the lede"
    );
    assert_eq!(
        text(entries[1], "id").as_deref(),
        Some("https://x.vn/hoi-nghi/cum-2/2022/")
    );
    let category = entries[0]
        .children()
        .find(|n| n.has_tag_name("category"))
        .and_then(|n| n.attribute("term"));
    assert_eq!(category, Some("Cụm 2"));

    let empty = String::from_utf8(atom(
        &crate::urls::Urls::default(),
        &corpus_of(&[]),
        "https://x.vn/",
        "T",
        &t,
    ))
    .expect("utf-8");
    assert!(
        empty.contains("<updated>1970-01-01T00:00:00Z</updated>"),
        "{empty}"
    );
}
