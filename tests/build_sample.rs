//! The sample site in content/, built as a reader would see it.

mod common;

use common::{csv_rows, files, Site};

#[test]
fn the_sample_site_builds_and_reports_its_summary() {
    let t = common::fixture::run("build", "sample-summary");
    assert_eq!(t.runs[0].code, 0, "{}", t.text);
}

#[test]
fn the_summary_of_a_build_reads_in_english_too() {
    let t = common::fixture::run("build", "sample-summary-en");
    assert_eq!(t.runs[0].code, 0, "{}", t.text);
}

#[test]
fn cluster_two_lists_its_three_conferences_by_date() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let page = site.page("cum/cum-2/index.html");
    let timeline = &page[page.find("class=\"timeline\"").expect("timeline")..];
    let dates: Vec<&str> = ["01/12/2017", "25/11/2023", "18/03/2024"]
        .into_iter()
        .filter(|d| timeline.contains(d))
        .collect();
    assert_eq!(dates.len(), 3, "all three dates on the timeline");
    let pos = |s: &str| timeline.find(s).expect(s);
    assert!(pos("01/12/2017") < pos("25/11/2023"));
    assert!(pos("25/11/2023") < pos("18/03/2024"));
    assert!(
        !page.contains("Cụm thi đua số 5 tổng kết"),
        "cluster 5's write-up is not on cluster 2's page"
    );
}

#[test]
fn awards_of_2023_are_shown_in_vietnamese_number_format() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    for page in [
        "cum/cum-2/index.html",
        "hoi-nghi/cum-2/2023-tong-ket/index.html",
        "nam/2023/index.html",
    ] {
        let html = site.page(page);
        assert!(html.contains("2.847"), "{page} shows 2.847");
        assert!(html.contains("9.341"), "{page} shows 9.341");
    }
    let conf = site.page("hoi-nghi/cum-2/2023-tong-ket/index.html");
    assert!(conf.contains("25/11/2023"));
}

#[test]
fn every_internal_link_of_every_page_resolves_to_a_file() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let out = site.out();
    let all = files(&out);
    let mut checked = 0;
    for page in all.iter().filter(|p| p.ends_with(".html")) {
        let html = site.page(page);
        let dir = out.join(page).parent().expect("parent").to_path_buf();
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let link = &part[..part.find('"').expect("closing quote")];
                if link.starts_with('#') || link.contains("://") {
                    continue;
                }
                let path = link.split('#').next().unwrap_or_default();
                let target = dir.join(path);
                assert!(
                    target.is_file(),
                    "{page}: {link} does not resolve to a file"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn pages_exist_for_units_years_clusters_and_a_404() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let unit = site.page("don-vi/lang-son/index.html");
    assert!(unit.contains("<h1>Lạng Sơn</h1>"));
    assert!(
        unit.contains("Cờ thi đua của Bộ Công an"),
        "honours received"
    );
    let dien_bien = site.page("don-vi/dien-bien/index.html");
    assert!(dien_bien.contains("Cụm thi đua số 2"));
    let year = site.page("nam/2022/index.html");
    assert!(year.contains("2.079") && year.contains("6.206"));
    let clusters = site.page("cum/index.html");
    assert!(clusters.contains("Cụm thi đua số 5"));
    assert!(site.page("404.html").contains("Không tìm thấy trang"));
    let home = site.page("index.html");
    assert!(home.contains("Hội nghị mới nhất"));
}

#[test]
fn a_provincial_conference_is_on_year_and_home_pages_but_no_cluster() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let title = "Công an tỉnh tổng kết năm 2021";
    assert!(site.page("nam/2021/index.html").contains(title));
    assert!(site.page("index.html").contains(title));
    for c in ["cum/cum-2/index.html", "cum/cum-5/index.html"] {
        assert!(!site.page(c).contains(title));
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let first: Vec<(String, Vec<u8>)> = files(&site.out())
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(site.out().join(&p)).expect("read");
            (p, bytes)
        })
        .collect();
    assert_eq!(site.build(&[]).code, 0);
    let second: Vec<(String, Vec<u8>)> = files(&site.out())
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(site.out().join(&p)).expect("read");
            (p, bytes)
        })
        .collect();
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a, b, "{} differs between builds", a.0);
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::sample();
    site.write(
        "cum-5/nhap.md",
        "---\ntitle: Bản nháp bí mật\ndate: 2023-01-05\ncluster: 5\nmembers: [Hà Tĩnh]\nawards: {collectives: 1000}\ndraft: true\n---\nNháp.\n",
    );
    assert_eq!(site.build(&[]).code, 0);
    assert!(!site.out().join("hoi-nghi/cum-5/nhap/index.html").exists());
    assert!(!site.page("index.html").contains("Bản nháp bí mật"));
    assert!(!site.page("nam/2023/index.html").contains("Bản nháp bí mật"));
    assert!(site.page("cum/cum-5/index.html").contains("2.079"));
    assert!(!site.page("cum/cum-5/index.html").contains("1.000"));

    assert_eq!(site.build(&["--drafts"]).code, 0);
    assert!(site
        .page("hoi-nghi/cum-5/nhap/index.html")
        .contains("Bản nháp bí mật"));
    assert!(site.page("cum/cum-5/index.html").contains("1.000"));
}

#[test]
fn deleted_write_ups_leave_no_stale_pages() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    assert!(site
        .out()
        .join("hoi-nghi/cum-2/2024-ky-ket/index.html")
        .exists());
    std::fs::remove_file(site.root().join("content/cum-2/2024-ky-ket.md")).expect("remove");
    assert_eq!(site.build(&[]).code, 0);
    assert!(!site
        .out()
        .join("hoi-nghi/cum-2/2024-ky-ket/index.html")
        .exists());
    assert!(!site.out().join("don-vi/yen-bai/index.html").exists());
}

#[test]
fn english_interface_is_chosen_in_site_yaml() {
    let site = Site::sample();
    site.write_root("site.yaml", "title: Cluster reports\nlanguage: en\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("cum/cum-2/index.html");
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("Members by year"));
    assert!(page.contains("2,847"));
}

#[test]
fn base_url_gives_canonical_links_while_page_links_stay_relative() {
    let site = Site::sample();
    let run = site.build(&["--base-url", "http://intranet/bao-cao"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("cum/cum-2/index.html");
    assert!(
        page.contains(r#"<link rel="canonical" href="http://intranet/bao-cao/cum/cum-2/">"#),
        "{page}"
    );
    assert!(page.contains(r#"href="../../index.html""#));
    assert!(!page.contains(r#"href="/"#));
}

#[test]
fn exports_carry_every_conference_for_excel_and_tools() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let csv = std::fs::read(site.out().join("data/conferences.csv")).expect("csv");
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
    let mut reader = csv_rows(&text);
    let header = reader.remove(0);
    assert!(header.contains(&"members".to_string()) && header.contains(&"collectives".to_string()));
    assert_eq!(reader.len(), 5, "one row per conference");
    let members = header
        .iter()
        .position(|h| h == "members")
        .expect("members column");
    let row2023 = reader
        .iter()
        .find(|r| r[0] == "cum-2/2023-tong-ket")
        .expect("2023 row");
    assert_eq!(
        row2023[members],
        "Lai Châu; Điện Biên; Sơn La; Lào Cai; Hà Giang; Cao Bằng; Lạng Sơn"
    );
    let collectives = header
        .iter()
        .position(|h| h == "collectives")
        .expect("column");
    assert_eq!(row2023[collectives], "2847");

    let json: serde_json::Value =
        serde_json::from_str(&site.page("data/conferences.json")).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(5));
    let cluster_csv = site.page("data/cum-2.csv");
    assert_eq!(
        cluster_csv.lines().count(),
        4,
        "header and cluster 2's three conferences"
    );
    assert!(site
        .page("index.html")
        .contains(r#"href="data/conferences.csv""#));
    assert!(site
        .page("cum/cum-2/index.html")
        .contains(r#"href="../../data/cum-2.csv""#));
}

#[test]
fn search_index_is_a_script_with_every_conference() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    // The docs table of the search index (tim-kiem/docs/0.js).
    let js = site.page("tim-kiem/docs/0.js");
    let json = js
        .strip_prefix("BAOCAO_SEARCH.docs(0,")
        .and_then(|s| s.trim_end().strip_suffix(");"))
        .expect("a script handing over the docs");
    let docs: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    // Every conference, besides the honour pages (kind "honour").
    let docs = docs.as_array().expect("docs");
    let conferences = docs.iter().filter(|d| d[5] != "honour").count();
    assert_eq!(conferences, 5);
    assert!(docs
        .iter()
        .any(|d| d[7].as_str().is_some_and(|u| u.contains("Lạng Sơn"))));
    let search = site.page("tim-kiem/index.html");
    assert!(search.contains(r#"<script src="search-index.js"></script>"#));
    assert!(site
        .page("cum/cum-2/index.html")
        .contains(r#"action="../../tim-kiem/index.html""#));
}

#[test]
fn sitemap_and_feed_exist_with_a_base_url_only() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    assert!(!site.out().join("sitemap.xml").exists());
    assert_eq!(
        site.build(&["--base-url", "http://intranet/bao-cao/"]).code,
        0
    );
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("<loc>http://intranet/bao-cao/cum/cum-2/</loc>"));
    assert!(!sitemap.contains("404"));
    let feed = site.page("atom.xml");
    assert!(feed.contains("<link href=\"http://intranet/bao-cao/hoi-nghi/cum-2/2024-ky-ket/\"/>"));
    assert!(
        feed.contains("<updated>2024-03-18T00:00:00Z</updated>"),
        "the newest conference, not the build time"
    );
}

#[test]
fn dry_run_lists_what_would_change_and_writes_nothing() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let before = files(&site.out());
    let file = site.root().join("content/cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("\"2.847\"", "\"2.848\"")).expect("write");
    std::fs::remove_file(site.root().join("content/cum-2/2024-ky-ket.md")).expect("remove");
    site.write("cum-5/2023-ky-ket.md", "---\ntitle: Ký kết 2023\ndate: 2023-03-01\ncluster: 5\nkind: pledge\nmembers: [Hà Tĩnh]\n---\n");
    let run = site.build(&["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("+ hoi-nghi/cum-5/2023-ky-ket/index.html"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("~ cum/cum-2/index.html"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("- hoi-nghi/cum-2/2024-ky-ket/index.html"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("không ghi gì"), "{}", run.stdout);
    assert_eq!(files(&site.out()), before, "the output is untouched");
    let manifest: serde_json::Value =
        serde_json::from_str(&site.page("baocao-manifest.json")).expect("manifest");
    let listed = manifest["files"].as_array().expect("files").len();
    assert_eq!(
        listed + 1,
        before.len(),
        "the manifest lists every other file"
    );
}

#[test]
fn charts_are_inline_accessible_svg_with_their_numbers_beside_them() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let cluster = site.page("cum/cum-2/index.html");
    // Cluster 2 has award counts for 2023 only: one point is a sentence
    // and the table, not a chart.
    assert_eq!(cluster.matches("<svg").count(), 2, "membership, leaders");
    assert_eq!(cluster.matches("role=\"img\"").count(), 2);
    assert!(cluster.contains("aria-labelledby=\"members-title members-desc\""));
    assert!(cluster.contains("<p class=\"chart-note\">Chỉ năm 2023 có số liệu"));
    assert!(!cluster.contains("<?xml"), "no XML prolog inside HTML");
    let details = &cluster[cluster.find("<details").expect("data table")..];
    assert!(details.contains("2.847") && details.contains("9.341"));
    // Cluster 5 reported no counts for a year? It did: 2.079. The provincial
    // write-up's unit-less honours give no unit chart; Lạng Sơn has one.
    assert!(site.page("don-vi/lang-son/index.html").contains("<svg"));
    // Awards by cluster; the sample has at most one conference a year, so
    // conferences per year is a sentence.
    let home = site.page("index.html");
    assert_eq!(home.matches("<svg").count(), 1);
    assert!(home.contains("mỗi năm nhiều nhất một hội nghị"));
    // One cluster with counts in 2023: a sentence, no comparison chart.
    assert!(site
        .page("nam/2023/index.html")
        .contains("class=\"chart-note\""));
}

#[test]
fn printable_dossiers_gather_every_write_up_in_order_with_contents() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    assert!(site
        .page("cum/cum-2/index.html")
        .contains(r#"href="ho-so.html""#));
    assert!(site
        .page("nam/2023/index.html")
        .contains(r#"href="ho-so.html""#));
    let dossier = site.page("cum/cum-2/ho-so.html");
    let anchors = [
        "hn-cum-2-2017-tong-ket",
        "hn-cum-2-2023-tong-ket",
        "hn-cum-2-2024-ky-ket",
    ];
    let mut last = 0;
    for a in anchors {
        assert!(
            dossier.contains(&format!("href=\"#{a}\"")),
            "contents link to {a}"
        );
        let at = dossier.find(&format!("id=\"{a}\"")).expect("entry");
        assert!(at > last, "{a} in date order");
        last = at;
    }
    assert!(
        dossier.contains("Bảy tỉnh") || dossier.contains("Hội nghị tổng kết năm 2023"),
        "bodies are included"
    );
    assert_eq!(dossier.matches("<svg").count(), 2, "the cluster's charts");
    assert!(dossier.contains(r#"href="../../hoi-nghi/cum-2/2023-tong-ket/index.html""#));
    let year = site.page("nam/2022/ho-so.html");
    assert!(year.contains("2.079"));
}

/// With a base URL, the 404 page is served for missing addresses at any depth
/// (/bao-cao/hoi-nghi/cum-2/2016-tong-ket/): its links must not be relative.
#[test]
fn the_404_page_links_absolutely_under_the_base_url() {
    let site = Site::sample();
    let run = site.build(&["--base-url", "http://intranet/bao-cao"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("404.html");
    for needle in [
        "href=\"http://intranet/bao-cao/static/style.css\"",
        "href=\"http://intranet/bao-cao/index.html\"",
        "action=\"http://intranet/bao-cao/tim-kiem/index.html\"",
    ] {
        assert!(page.contains(needle), "{needle} in {page}");
    }
    // Other pages stay relative, so the same output works from disk.
    let home = site.page("cum/index.html");
    assert!(home.contains("href=\"../static/style.css\""), "{home}");

    let plain = Site::sample();
    assert_eq!(plain.build(&[]).code, 0);
    assert!(plain.page("404.html").contains("href=\"static/style.css\""));
}
