//! Honours as a register: the honours index, one page per title, and the
//! honours on unit, year, conference and dossier pages, in the search index
//! and in data/honours.csv.

mod common;

use std::collections::BTreeMap;

use baocao::config::{self, Overrides};
use baocao::live::LiveSite;
use common::{files, Site};

/// A summary of cluster `cluster` for `year` with the `honours:` lines given.
fn summary(cluster: u32, year: i32, members: &str, honours: &str) -> String {
    format!(
        "---\ntitle: Cụm {cluster} tổng kết năm {year}\ndate: {year}-11-25\ncluster: {cluster}\nmembers: [{members}]\nhonours:\n{honours}---\n\nNội dung.\n"
    )
}

fn built(site: &Site) {
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
}

/// The table row (`<tr>…</tr>`) of `html` that holds `needle`.
fn row_with<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} is on the page"));
    let start = html[..at].rfind("<tr").expect("a row starts before it");
    let end = at + html[at..].find("</tr>").expect("the row ends");
    &html[start..end]
}

/// The part of `html` inside <main>.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>");
    &html[start..end]
}

#[test]
fn three_spellings_of_the_government_flag_land_on_one_honour_page() {
    let site = Site::new();
    site.write(
        "cum-1/2021.md",
        &summary(
            1,
            2021,
            "Sơn La, Lào Cai",
            "  - {title: Cờ thi đua xuất sắc của Chính phủ, to: [Sơn La]}\n",
        ),
    )
    .write(
        "cum-2/2022.md",
        &summary(
            2,
            2022,
            "Hà Giang, Cao Bằng",
            "  - {title: Cờ thi đua của Chính phủ, to: [Hà Giang]}\n",
        ),
    )
    .write(
        "cum-3/2023.md",
        &summary(
            3,
            2023,
            "Điện Biên, Lai Châu",
            "  - {title: Thủ tướng Chính phủ tặng cờ, to: [Điện Biên]}\n",
        ),
    );
    built(&site);
    let pages: Vec<String> = files(&site.out().join("danh-hieu"));
    assert_eq!(
        pages,
        ["co-thi-dua-cua-chinh-phu/index.html", "index.html"],
        "one page for the three spellings"
    );
    let page = site.page("danh-hieu/co-thi-dua-cua-chinh-phu/index.html");
    assert!(page.contains("<h1>Cờ thi đua của Chính phủ</h1>"), "{page}");
    for unit in ["Sơn La", "Hà Giang", "Điện Biên"] {
        assert!(page.contains(&format!(">{unit}</a>")), "{unit} on the page");
    }
    // Oldest year first.
    let pos = |s: &str| page.find(s).expect(s);
    assert!(pos(">Sơn La<") < pos(">Hà Giang<"));
    assert!(pos(">Hà Giang<") < pos(">Điện Biên<"));
    let index = site.page("danh-hieu/index.html");
    assert_eq!(
        index.matches("co-thi-dua-cua-chinh-phu/index.html").count(),
        1,
        "the index lists the title once"
    );
}

#[test]
fn proposed_and_conferred_are_worded_differently() {
    let site = Site::new();
    site.write(
        "cum-2/2023.md",
        &summary(
            2,
            2023,
            "Lai Châu, Lạng Sơn",
            "  - {title: Cờ thi đua của Bộ Công an, to: [Lai Châu], status: proposed}\n  - {title: Cờ thi đua của Bộ Công an, to: [Lạng Sơn], status: conferred}\n",
        ),
    );
    built(&site);
    let page = site.page("danh-hieu/co-thi-dua-cua-bo-cong-an/index.html");
    let proposed = row_with(&page, ">Lai Châu</a>");
    let conferred = row_with(&page, ">Lạng Sơn</a>");
    assert!(proposed.contains("Đề nghị"), "{proposed}");
    assert!(!proposed.contains("Được tặng"), "{proposed}");
    assert!(conferred.contains("Được tặng"), "{conferred}");
    assert!(!conferred.contains("Đề nghị"), "{conferred}");
    // The conference's facts say the status too, and link to the honour page.
    let conf = site.page("hoi-nghi/cum-2/2023/index.html");
    let conf = &conf[conf.find("<caption>Danh hiệu").expect("the honours table")..];
    let proposed = row_with(conf, ">Lai Châu</a>");
    assert!(proposed.contains("Đề nghị"), "{proposed}");
    assert!(
        proposed.contains("href=\"../../../danh-hieu/co-thi-dua-cua-bo-cong-an/index.html\""),
        "{proposed}"
    );
    assert!(row_with(conf, ">Lạng Sơn</a>").contains("Được tặng"));
    // The index counts each.
    let index = site.page("danh-hieu/index.html");
    let row = row_with(&index, "Cờ thi đua của Bộ Công an");
    assert!(
        row.contains("<td class=\"num\">1</td><td class=\"num\">1</td>"),
        "{row}"
    );
}

#[test]
fn a_units_honours_are_grouped_by_level_highest_first() {
    let site = Site::new();
    site.write(
        "cum-2/2022.md",
        &summary(
            2,
            2022,
            "Lai Châu, Lạng Sơn",
            "  - {title: Bằng khen của Bộ Công an, to: [Lai Châu]}\n",
        ),
    )
    .write(
        "cum-2/2023.md",
        &summary(
            2,
            2023,
            "Lai Châu, Lạng Sơn",
            "  - {title: Cờ thi đua của Chính phủ, to: [Lai Châu], status: conferred}\n  - {title: Huân chương Chiến công hạng Ba, to: [Lai Châu]}\n",
        ),
    );
    built(&site);
    let page = site.page("don-vi/lai-chau/index.html");
    // The table, after the chart (whose legend names the titles too).
    let page = &page[page
        .find("<table class=\"honours")
        .expect("the honours table")..];
    let pos = |s: &str| {
        page.find(s)
            .unwrap_or_else(|| panic!("{s} on the unit page"))
    };
    assert!(pos("Cấp Nhà nước") < pos("Huân chương Chiến công hạng Ba"));
    assert!(pos("Huân chương Chiến công hạng Ba") < pos("Cấp Chính phủ"));
    assert!(pos("Cấp Chính phủ") < pos("Cờ thi đua của Chính phủ"));
    assert!(pos("Cờ thi đua của Chính phủ") < pos("Cấp Bộ Công an"));
    assert!(pos("Cấp Bộ Công an") < pos("Bằng khen của Bộ trưởng Bộ Công an"));
    let flag = row_with(page, ">Cờ thi đua của Chính phủ</a>");
    assert!(flag.contains("Được tặng"), "{flag}");
    assert!(flag.contains(">2023</a>"), "{flag}");
    assert!(
        flag.contains("href=\"../../danh-hieu/co-thi-dua-cua-chinh-phu/index.html\""),
        "{flag}"
    );
    assert!(
        flag.contains("href=\"../../hoi-nghi/cum-2/2023/index.html\""),
        "{flag}"
    );
    assert!(row_with(page, ">Bằng khen của Bộ trưởng Bộ Công an</a>").contains("Đề nghị"));
}

#[test]
fn a_year_page_lists_the_honours_of_its_clusters() {
    let site = Site::new();
    site.write(
        "cum-1/2023.md",
        &summary(
            1,
            2023,
            "Sơn La, Lào Cai",
            "  - {title: Cờ thi đua của Chính phủ, to: [Sơn La]}\n",
        ),
    )
    .write(
        "cum-2/2023.md",
        &summary(
            2,
            2023,
            "Hà Giang, Cao Bằng",
            "  - {title: Cờ thi đua của Bộ Công an, to: [Cao Bằng], status: conferred}\n  - {title: Giấy khen của Công an tỉnh, collectives: 18, individuals: 1200}\n",
        ),
    )
    .write(
        "cum-2/2022.md",
        &summary(
            2,
            2022,
            "Hà Giang, Cao Bằng",
            "  - {title: Bằng khen của Bộ Công an, to: [Hà Giang]}\n",
        ),
    );
    built(&site);
    let page = main_of(&site.page("nam/2023/index.html")).to_string();
    assert!(row_with(&page, ">Sơn La</a>").contains("Cờ thi đua của Chính phủ"));
    assert!(row_with(&page, ">Sơn La</a>").contains("Đề nghị"));
    let cao_bang = row_with(&page, ">Cao Bằng</a>");
    assert!(cao_bang.contains("Cờ thi đua của Bộ Công an"), "{cao_bang}");
    assert!(cao_bang.contains("Được tặng"), "{cao_bang}");
    assert!(cao_bang.contains("Cụm thi đua số 2"), "{cao_bang}");
    assert!(
        page.contains("18 tập thể, 1.200 cá nhân"),
        "counted honours show their counts"
    );
    assert!(
        !page.contains("Bằng khen của Bộ trưởng Bộ Công an"),
        "2022's honour is not on 2023's page"
    );
    let pos = |s: &str| page.find(s).expect(s);
    assert!(pos("Cấp Chính phủ") < pos("Cấp Bộ Công an"));
    assert!(pos("Cấp Bộ Công an") < pos("Cấp đơn vị"));
    // The year's printed dossier has them too.
    let dossier = site.page("nam/2023/ho-so.html");
    assert!(
        dossier.contains("class=\"dossier-honours\""),
        "a honours table"
    );
    assert!(row_with(&dossier, ">Cao Bằng</a>").contains("Được tặng"));
    let cluster = site.page("cum/cum-2/ho-so.html");
    assert!(cluster.contains(">Bằng khen của Bộ trưởng Bộ Công an</a>"));
    assert!(!cluster.contains(">Sơn La</a>"), "cluster 1's honour");
}

#[test]
fn honours_csv_has_a_row_per_unit_and_leaves_unknown_counts_empty() {
    let site = Site::new();
    site.write(
        "cum-2/2023.md",
        &summary(
            2,
            2023,
            "Lai Châu, Lạng Sơn",
            "  - {title: Cờ thi đua xuất sắc của Chính phủ, to: [Lai Châu, Lạng Sơn], status: conferred}\n  - {title: Giấy khen của Công an tỉnh, collectives: 18}\n",
        ),
    );
    built(&site);
    let csv = site.page("data/honours.csv");
    assert_eq!(
        csv,
        "\u{feff}year,bloc,cluster,title,level,status,unit,collectives,individuals,page\n\
         2023,,2,Cờ thi đua của Chính phủ,government,conferred,Lai Châu,,,hoi-nghi/cum-2/2023/index.html\n\
         2023,,2,Cờ thi đua của Chính phủ,government,conferred,Lạng Sơn,,,hoi-nghi/cum-2/2023/index.html\n\
         2023,,2,Giấy khen của Giám đốc Công an tỉnh,unit,proposed,,18,,hoi-nghi/cum-2/2023/index.html\n"
    );
    let index = site.page("danh-hieu/index.html");
    assert!(index.contains("href=\"../data/honours.csv\""));
}

#[test]
fn the_sample_site_lists_lai_chau_and_lang_son_for_the_governments_flag() {
    let site = Site::sample();
    built(&site);
    let page = site.page("danh-hieu/co-thi-dua-cua-chinh-phu/index.html");
    let lai_chau = row_with(&page, ">Lai Châu</a>");
    assert!(lai_chau.contains("Đề nghị"), "{lai_chau}");
    assert!(
        lai_chau.contains("hoi-nghi/cum-2/2023-tong-ket/index.html"),
        "{lai_chau}"
    );
    let lang_son = row_with(&page, ">Lạng Sơn</a>");
    assert!(lang_son.contains("Đề nghị"), "{lang_son}");
    assert!(
        lang_son.contains("hoi-nghi/cum-2/2017-tong-ket/index.html"),
        "{lang_son}"
    );
    // Under their years.
    let pos = |s: &str| page.find(s).expect(s);
    assert!(pos("Năm thi đua 2017") < pos(">Lạng Sơn</a>"));
    assert!(pos(">Lạng Sơn</a>") < pos("Năm thi đua 2023"));
    assert!(pos("Năm thi đua 2023") < pos(">Lai Châu</a>"));
    // The index, by level, and the navigation.
    let index = site.page("danh-hieu/index.html");
    let pos = |s: &str| index.find(s).expect(s);
    assert!(pos("Cấp Chính phủ") < pos("Cấp Bộ Công an"));
    assert!(pos("Cấp Bộ Công an") < pos("Cấp tỉnh"));
    assert!(pos("Cấp tỉnh") < pos("Cấp đơn vị"));
    assert!(row_with(&index, "Cờ thi đua của Chính phủ").contains("2017–2023"));
    assert!(site
        .page("index.html")
        .contains("<a href=\"danh-hieu/index.html\">Danh hiệu</a>"));
}

#[test]
fn the_search_index_holds_the_honour_pages_and_each_conferences_titles() {
    let site = Site::sample();
    built(&site);
    let index = site.page("tim-kiem/docs/0.js");
    let json = index
        .strip_prefix("BAOCAO_SEARCH.docs(0,")
        .and_then(|s| s.trim_end().strip_suffix(");"))
        .expect("the docs table of the index");
    let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let docs = value.as_array().expect("docs");
    let honour = docs
        .iter()
        .find(|d| d[5] == "honour" && d[1] == "Cờ thi đua của Chính phủ")
        .expect("a doc for the honour page");
    assert_eq!(
        honour[0], "danh-hieu/co-thi-dua-cua-chinh-phu/index.html",
        "{honour}"
    );
    let conf = docs
        .iter()
        .find(|d| d[0] == "hoi-nghi/cum-2/2023-tong-ket/index.html")
        .expect("the 2023 conference");
    let titles = conf[7].as_str().expect("units and honour titles");
    assert!(titles.contains("Cờ thi đua của Chính phủ"), "{titles}");
    assert!(titles.contains("Cờ thi đua của Bộ Công an"), "{titles}");
    let meta = site.page("tim-kiem/search-index.js");
    assert!(meta.contains(r#"["honour","Danh hiệu thi đua"]"#), "{meta}");
}

#[test]
fn two_titles_with_one_page_name_are_an_error() {
    let site = Site::new();
    site.write(
        "a.md",
        &common::writeup("honours:\n  - {title: Kỷ niệm chương Vì an ninh, to: [Lai Châu]}\n"),
    )
    .write(
        "b.md",
        &common::writeup("honours:\n  - {title: Ky niem chuong Vi an ninh, to: [Lai Châu]}\n"),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(
        run.stderr
            .contains("[honour-shares-page]: hình thức khen thưởng \"Kỷ niệm chương Vì an ninh\" sẽ được ghi vào danh-hieu/ky-niem-chuong-vi-an-ninh/index.html"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/"), "{}", run.stderr);
    assert!(run.stderr.contains("gợi ý: "), "{}", run.stderr);
    assert!(!site.out().exists(), "nothing written");
}

fn live_pages(live: &mut LiveSite) -> BTreeMap<String, Vec<u8>> {
    live.refresh_data();
    live.output
        .iter()
        .map(|(p, f)| (p.clone(), f.bytes.clone()))
        .collect()
}

fn fresh(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let config = config::load(site.root(), &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    assert!(!live.has_errors(), "{:?}", live.diagnostics);
    live_pages(&mut live)
}

#[test]
fn the_live_preview_renders_the_honour_pages_an_edit_touches() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let p = root.join("content/cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&p).expect("read");
    let steps = [
        // A status changes.
        (
            "{title: Cờ thi đua xuất sắc của Chính phủ, to: [Lai Châu], status: proposed}",
            "{title: Cờ thi đua xuất sắc của Chính phủ, to: [Lai Châu], status: conferred}",
        ),
        // A title no other write-up uses appears, and one goes.
        (
            "{title: Bằng khen của Bộ Công an, to: [Điện Biên, Lào Cai, Sơn La], status: proposed}",
            "{title: Huân chương Chiến công hạng Ba, to: [Điện Biên]}",
        ),
    ];
    let mut current = text.clone();
    for (from, to) in steps {
        assert!(current.contains(from), "{from}");
        current = current.replace(from, to);
        std::fs::write(&p, &current).expect("write");
        live.apply(std::slice::from_ref(&p));
        let incremental = live_pages(&mut live);
        let full = fresh(&site);
        assert_eq!(
            incremental.keys().collect::<Vec<_>>(),
            full.keys().collect::<Vec<_>>(),
            "after {to}"
        );
        for (path, bytes) in &full {
            assert!(incremental[path] == *bytes, "after {to}: {path} differs");
        }
    }
    let page = String::from_utf8(
        live.output["danh-hieu/co-thi-dua-cua-chinh-phu/index.html"]
            .bytes
            .clone(),
    )
    .expect("UTF-8");
    assert!(row_with(&page, ">Lai Châu</a>").contains("Được tặng"));
    assert!(live
        .output
        .contains_key("danh-hieu/huan-chuong-chien-cong-hang-ba/index.html"));
}
