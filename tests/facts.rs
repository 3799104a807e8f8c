//! Facts an official can trust, on built sites: each year's role holders and
//! why, totals from summaries only, unknown apart from zero, honours through
//! the register. Each scenario asserts the page text and data/clusters.json.

mod common;

use common::Site;
use serde_json::Value;

/// The visible text of a page: tags dropped, entities of the pages decoded,
/// white space collapsed.
fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // A tag closed before punctuation left a space there.
    [" ;", " ,", " .", " )"]
        .iter()
        .fold(out, |s, p| s.replace(p, &p[1..]))
}

/// The text of the part of `html` from `from` up to the next `to`.
fn section(html: &str, from: &str, to: &str) -> String {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("{from} in the page"));
    let rest = &html[start..];
    let end = rest.find(to).unwrap_or(rest.len());
    text(&rest[..end])
}

fn clusters_json(site: &Site) -> Value {
    serde_json::from_str(&site.page("data/clusters.json")).expect("clusters.json parses")
}

/// The record of `year` of cluster `number` in data/clusters.json.
fn year_of(json: &Value, number: u64, year: i64) -> Value {
    json.as_array()
        .expect("a list of clusters")
        .iter()
        .find(|c| c["cluster"] == number && c["bloc"].is_null())
        .unwrap_or_else(|| panic!("cluster {number}"))["years"]
        .as_array()
        .expect("years")
        .iter()
        .find(|y| y["year"] == year)
        .unwrap_or_else(|| panic!("year {year} of cluster {number}"))
        .clone()
}

const MEMBERS: &str = "members: [Lai Châu, Điện Biên, Sơn La, Lào Cai]\n";

fn summary(year: i32, day: &str, extra: &str) -> String {
    format!(
        "---\ntitle: Cụm 7 tổng kết năm {year}\ndate: {year}-{day}\ncluster: 7\nkind: summary\n{MEMBERS}{extra}---\n\nNội dung.\n"
    )
}

fn built(site: &Site) {
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "build: {}", run.stderr);
}

#[test]
fn a_review_beside_its_summary_is_not_added_into_the_year() {
    let site = Site::new();
    site.write(
        "cum-7/2023-tong-ket.md",
        &summary(
            2023,
            "11-25",
            "awards: {collectives: \"2.847\", individuals: \"9.341\"}\n",
        ),
    );
    site.write(
        "cum-7/2023-so-ket.md",
        &format!(
            "---\ntitle: Cụm 7 sơ kết 6 tháng năm 2023\ndate: 2023-07-10\ncluster: 7\nkind: review\n{MEMBERS}awards: {{collectives: 600, individuals: 2100}}\n---\n\nNội dung.\n"
        ),
    );
    built(&site);

    let cluster = site.page("cum/cum-7/index.html");
    let awards = section(&cluster, "id=\"awards-h\"", "</section>");
    assert!(awards.contains("2023 2.847 9.341"), "{awards}");
    assert!(!awards.contains("3.447"), "review + summary: {awards}");
    assert!(!awards.contains("11.441"), "review + summary: {awards}");

    for page in ["nam/2023/index.html", "index.html", "nam/index.html"] {
        let t = text(&site.page(page));
        assert!(t.contains("2.847"), "{page}: {t}");
        assert!(!t.contains("3.447"), "{page} adds the review: {t}");
        assert!(t.contains("1 cụm, 1 có số liệu"), "{page}: {t}");
    }

    // The review keeps its own counts on its own page, labelled with its kind.
    let review = text(&site.page("hoi-nghi/cum-7/2023-so-ket/index.html"));
    assert!(review.contains("Lượt tập thể (sơ kết) 600"), "{review}");

    let y = year_of(&clusters_json(&site), 7, 2023);
    assert_eq!(y["awards"]["collectives"], 2847);
    assert_eq!(y["awards"]["individuals"], 9341);
    assert_eq!(y["awards"]["source"], "content/cum-7/2023-tong-ket.md");
}

#[test]
fn two_summaries_of_a_year_count_once_or_fail_when_they_differ() {
    let site = Site::new();
    let counts = "awards: {collectives: 1200, individuals: 3400}\n";
    site.write("cum-7/2023-tong-ket.md", &summary(2023, "11-25", counts));
    site.write(
        "cum-7/2023-tong-ket-bao-khac.md",
        &summary(2023, "11-26", counts),
    );
    built(&site);
    let run = site.check(&[]);
    assert!(
        run.stderr.contains("[likely-duplicate]: có thể trùng lặp")
            && run.stderr.contains("số liệu tổng của năm chỉ tính một lần"),
        "{}",
        run.stderr
    );
    let awards = section(
        &site.page("cum/cum-7/index.html"),
        "id=\"awards-h\"",
        "</section>",
    );
    assert!(awards.contains("2023 1.200 3.400"), "{awards}");
    assert_eq!(
        year_of(&clusters_json(&site), 7, 2023)["awards"]["collectives"],
        1200
    );

    site.write(
        "cum-7/2023-tong-ket-bao-khac.md",
        &summary(
            2023,
            "11-26",
            "awards: {collectives: 1250, individuals: 3400}\n",
        ),
    );
    for run in [site.check(&[]), site.build(&[])] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("[summaries-disagree]: hai bài tổng kết của Cụm 7 năm 2023")
                && run.stderr.contains("content/cum-7/2023-tong-ket.md")
                && run
                    .stderr
                    .contains("content/cum-7/2023-tong-ket-bao-khac.md:"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("1.200 / 3.400"), "{}", run.stderr);
    }
}

#[test]
fn roles_follow_a_handover_chain_across_a_reorganization() {
    let site = Site::new();
    site.write(
        "cum-7/2022-tong-ket.md",
        &summary(
            2022,
            "11-20",
            "leader: Lai Châu\ndeputy: Điện Biên\nhandover: {leader: Sơn La, deputy: Lào Cai}\n",
        ),
    );
    // 2023 states no holder: the 2022 handover gives them.
    site.write(
        "cum-7/2023-tong-ket.md",
        &summary(
            2023,
            "11-25",
            "handover: {leader: Lào Cai, deputy: Lai Châu}\n",
        ),
    );
    // 2024: the cluster was reorganized and the pledge names another holder.
    site.write(
        "cum-7/2024-ky-ket.md",
        "---\ntitle: Cụm 7 ký kết giao ước 2024\ndate: 2024-03-18\ncluster: 7\nkind: pledge\nmembers: [Lào Cai, Yên Bái, Hà Giang, Tuyên Quang]\nleader: Yên Bái\n---\n\nNội dung.\n",
    );
    built(&site);

    let cluster = site.page("cum/cum-7/index.html");
    let roles = section(
        &cluster,
        "<caption>Cụm trưởng, Cụm phó theo năm",
        "</table>",
    );
    assert!(
        roles.contains(
            "2022 Lai Châu (theo hội nghị 20/11/2022) Điện Biên (theo hội nghị 20/11/2022)"
        ),
        "{roles}"
    );
    assert!(
        roles.contains(
            "2023 Sơn La (theo bàn giao tại hội nghị 20/11/2022) Lào Cai (theo bàn giao tại hội nghị 20/11/2022)"
        ),
        "{roles}"
    );
    // The stated holder wins; Lai Châu, handed the deputy role, left the
    // cluster and is not shown.
    assert!(
        roles.contains("2024 Yên Bái (theo hội nghị 18/03/2024) —"),
        "{roles}"
    );

    // The conference page says the handover in words.
    let conf = text(&site.page("hoi-nghi/cum-7/2023-tong-ket/index.html"));
    assert!(
        conf.contains("Bàn giao cho năm 2024 Cụm trưởng: Lào Cai; Cụm phó: Lai Châu."),
        "{conf}"
    );

    let json = clusters_json(&site);
    let y2023 = year_of(&json, 7, 2023);
    assert_eq!(y2023["leader"]["unit"], "Sơn La");
    assert_eq!(y2023["leader"]["basis"], "handover");
    assert_eq!(y2023["leader"]["source"], "content/cum-7/2022-tong-ket.md");
    let y2024 = year_of(&json, 7, 2024);
    assert_eq!(y2024["leader"]["unit"], "Yên Bái");
    assert_eq!(y2024["leader"]["basis"], "stated");
    assert!(y2024["deputy"].is_null(), "{y2024}");

    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("[role-contradicts-handover]: \"Yên Bái\" được ghi là Cụm trưởng năm 2024, nhưng content/cum-7/2023-tong-ket.md đã bàn giao vai trò này cho \"Lào Cai\"")
            && run.stderr.contains("content/cum-7/2024-ky-ket.md:7:9"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "[handover-not-member]: vai trò Cụm phó năm 2024 được bàn giao cho \"Lai Châu\", nhưng đơn vị này không phải thành viên"
        ) && run.stderr.contains("content/cum-7/2023-tong-ket.md:7:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_year_without_a_write_up_is_unknown_not_empty_and_zero_is_zero() {
    let site = Site::new();
    site.write(
        "cum-7/2021-tong-ket.md",
        &summary(2021, "11-20", "awards: {collectives: 0, individuals: 0}\n"),
    );
    site.write("cum-7/2023-tong-ket.md", &summary(2023, "11-25", ""));
    built(&site);

    let cluster = site.page("cum/cum-7/index.html");
    let members = section(&cluster, "id=\"members-h\"", "</section>");
    assert!(
        members.contains("2022 không có bài viết về năm này"),
        "{members}"
    );
    let awards = section(&cluster, "id=\"awards-h\"", "</section>");
    assert!(awards.contains("2021 0 0"), "a stated zero: {awards}");
    assert!(awards.contains("2023 — — chưa có số liệu"), "{awards}");

    let json = clusters_json(&site);
    let y2021 = year_of(&json, 7, 2021);
    assert_eq!(y2021["awards"]["collectives"], 0);
    let y2022 = year_of(&json, 7, 2022);
    assert_eq!(y2022["reported"], false);
    assert!(
        y2022["members"].is_null() && y2022["awards"].is_null(),
        "{y2022}"
    );
    let y2023 = year_of(&json, 7, 2023);
    assert_eq!(y2023["reported"], true);
    assert!(y2023["awards"].is_null(), "no counts is not 0: {y2023}");

    let csv = site.page("data/cluster-years.csv");
    assert!(csv.contains(",7,2021,true,"), "{csv}");
    assert!(csv.contains(",7,2022,false,,,,,,,,\n"), "{csv}");
    let row_2023 = csv.lines().find(|l| l.contains(",7,2023,")).expect("2023");
    assert!(row_2023.ends_with(",,,"), "unknown stays empty: {row_2023}");
}

#[test]
fn three_spellings_of_one_honour_are_one_title_with_their_status() {
    let site = Site::new();
    site.write(
        "cum-7/2021-tong-ket.md",
        &summary(
            2021,
            "11-20",
            "honours:\n  - {title: Cờ thi đua xuất sắc của Chính phủ, to: [Lai Châu]}\n",
        ),
    );
    site.write(
        "cum-7/2022-tong-ket.md",
        &summary(
            2022,
            "11-20",
            "honours:\n  - {title: Thủ tướng Chính phủ tặng cờ, to: [Sơn La], status: conferred}\n",
        ),
    );
    site.write(
        "cum-7/2023-tong-ket.md",
        &summary(
            2023,
            "11-20",
            "honours:\n  - {title: Cờ thi đua của Chính phủ, to: [Điện Biên], status: đề nghị}\n  - {title: Cờ thi đua của Chín phủ, to: [Lào Cai]}\n",
        ),
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "[honour-not-in-register]: \"Cờ thi đua của Chín phủ\" không có trong danh mục"
        ) && run
            .stderr
            .contains("có phải là \"Cờ thi đua của Chính phủ\"?")
            && run.stderr.contains("content/cum-7/2023-tong-ket.md:9:"),
        "{}",
        run.stderr
    );
    built(&site);
    let json = clusters_json(&site);
    for (year, unit, status) in [
        (2021, "Lai Châu", "proposed"),
        (2022, "Sơn La", "conferred"),
        (2023, "Điện Biên", "proposed"),
    ] {
        let h = &year_of(&json, 7, year)["honours"][0];
        assert_eq!(h["title"], "Cờ thi đua của Chính phủ", "{year}");
        assert_eq!(h["level"], "government", "{year}");
        assert_eq!(h["status"], status, "{year}");
        assert_eq!(h["units"][0], unit, "{year}");
    }
    assert_eq!(year_of(&json, 7, 2023)["honours"][1]["level"], "other");

    let bad = Site::new();
    bad.write(
        "cum-7/2023-tong-ket.md",
        &summary(
            2023,
            "11-20",
            "honours:\n  - {title: Cờ thi đua của Chính phủ, to: [Điện Biên], status: maybe}\n",
        ),
    );
    let run = bad.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[honour-status-unknown]: trạng thái khen thưởng \"maybe\"")
            && run.stderr.contains("status: proposed"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_register_adds_an_honour_title() {
    let site = Site::new();
    site.write(
        "honours.yaml",
        "honours:\n  - {name: Cờ thi đua của Công an tỉnh, level: unit, aliases: [Cờ của Công an tỉnh]}\n",
    );
    site.write(
        "cum-7/2023-tong-ket.md",
        &summary(
            2023,
            "11-20",
            "honours:\n  - {title: Cờ của Công an tỉnh, to: [Lai Châu]}\n",
        ),
    );
    let run = site.check(&["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    built(&site);
    let h = &year_of(&clusters_json(&site), 7, 2023)["honours"][0];
    assert_eq!(h["title"], "Cờ thi đua của Công an tỉnh");
    assert_eq!(h["level"], "unit");

    site.write("honours.yaml", "honours:\n  - {name: X, level: city}\n");
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/honours.yaml:2")
            && run
                .stderr
                .contains("[honour-level-unknown]: cấp khen thưởng \"city\""),
        "{}",
        run.stderr
    );
}

#[test]
fn the_sample_site_states_cluster_2_roles_by_year() {
    let site = Site::sample();
    built(&site);
    let cluster = site.page("cum/cum-2/index.html");
    let roles = section(
        &cluster,
        "<caption>Cụm trưởng, Cụm phó theo năm",
        "</table>",
    );
    assert!(roles.contains("2017 Lạng Sơn (theo hội nghị"), "{roles}");
    assert!(
        roles.contains("2023 Lai Châu (theo hội nghị 25/11/2023)"),
        "{roles}"
    );
    assert!(
        roles.contains("2024 Sơn La (theo hội nghị 18/03/2024)"),
        "{roles}"
    );
    let conf = text(&site.page("hoi-nghi/cum-2/2023-tong-ket/index.html"));
    assert!(
        conf.contains("Bàn giao cho năm 2024 Cụm trưởng: Lạng Sơn; Cụm phó: Cao Bằng."),
        "{conf}"
    );
    let json = clusters_json(&site);
    let y2023 = year_of(&json, 2, 2023);
    assert_eq!(y2023["leader"]["unit"], "Lai Châu");
    assert_eq!(y2023["honours"][0]["title"], "Cờ thi đua của Chính phủ");
    assert_eq!(y2023["honours"][0]["status"], "proposed");
    assert_eq!(
        year_of(&json, 2, 2017)["honours"][0]["units"][0],
        "Lạng Sơn"
    );
    assert_eq!(year_of(&json, 2, 2024)["leader"]["unit"], "Sơn La");
}

/// Regression: the live preview took an edit of `handover:` alone for a
/// change of words and kept the cluster's old role table.
#[test]
fn an_edited_handover_reaches_the_cluster_page_in_the_live_preview() {
    use baocao::config::{self, Overrides};
    use baocao::live::LiveSite;

    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let load = || {
        let mut live = LiveSite::load(config::load(&root, &Overrides::default()).expect("config"));
        live.refresh_data();
        live
    };
    let mut live = load();
    let p = root.join("content/cum-5/2022-tong-ket.md");
    let before = std::fs::read_to_string(&p).expect("read");
    let after = before.replace(
        "handover: {leader: Quảng Bình",
        "handover: {leader: Nghệ An",
    );
    assert_ne!(before, after);
    std::fs::write(&p, after).expect("write");
    live.apply(std::slice::from_ref(&p));
    live.refresh_data();
    let full = load();
    for page in ["cum/cum-5/index.html", "data/clusters.json"] {
        let shown = String::from_utf8_lossy(&live.output[page].bytes).into_owned();
        assert!(shown.contains("Nghệ An"), "{page}");
        assert_eq!(live.output[page].bytes, full.output[page].bytes, "{page}");
    }
}

#[test]
fn a_placeholder_in_a_handover_is_an_error_at_its_line() {
    let site = Site::new();
    site.write(
        "cum-7/2023-tong-ket.md",
        &summary(
            2023,
            "11-20",
            "handover: {leader: \"...\", deputy: Lào Cai}\n",
        ),
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[unit-name-no-letter]: tên đơn vị \"...\" ở `handover` không có chữ cái hay chữ số nào")
            && run.stderr.contains("content/cum-7/2023-tong-ket.md:7:"),
        "{}",
        run.stderr
    );
}
