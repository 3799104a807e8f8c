//! The sample site in content/, built as a reader would see it.

mod common;

use common::{files, Site};

#[test]
fn the_sample_site_builds_and_reports_its_summary() {
    let site = Site::sample();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.stdout.contains("5 conferences, 2 clusters"),
        "summary line: {}",
        run.stdout
    );
    assert!(run.stdout.contains("0 warnings"), "{}", run.stdout);
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
