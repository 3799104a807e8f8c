//! `baocao new`: a scaffold that carries what the site knows, marks what is
//! left to fill, and passes `check --strict` once it is filled.

mod common;

use common::{baocao, Site};

#[test]
fn new_write_up_carries_the_clusters_last_members_and_passes_check_once_filled() {
    let site = Site::sample();
    let run = baocao(
        site.root(),
        &[
            "new",
            "--cluster",
            "2",
            "--date",
            "2024-11-20",
            "--kind",
            "summary",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "content/cum-2/2024-tong-ket.md");
    let text = std::fs::read_to_string(site.root().join("content/cum-2/2024-tong-ket.md"))
        .expect("written");
    assert!(text.contains("cluster: 2\n"));
    assert!(text.contains("kind: summary\n"));
    assert!(text.contains("year: 2024\n"));
    assert!(
        text.contains("members: [Sơn La, Lào Cai, Điện Biên, Lai Châu, Yên Bái]"),
        "{text}"
    );
    assert!(text.contains("leader: Sơn La"), "{text}");
    assert!(text.contains("  collectives:"), "{text}");
    assert!(
        run.stderr.contains("ghi chú: điền các chỗ có dấu <điền>"),
        "{}",
        run.stderr
    );

    // Untouched, it warns at every marker, and --strict fails.
    let check = site.check(&[]);
    assert_eq!(check.code, 0, "warnings only: {}", check.stderr);
    let markers = check
        .stderr
        .matches("cảnh báo[placeholder-left]: dòng này vẫn còn chỗ cần điền <điền>")
        .count();
    assert_eq!(
        markers, 5,
        "host, two counts, source, the body: {}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("--> content/cum-2/2024-tong-ket.md:7:"),
        "the host line: {}",
        check.stderr
    );
    let strict = site.check(&["--strict"]);
    assert_eq!(strict.code, 1, "an untouched scaffold fails --strict");
    assert!(site.build(&[]).stderr.contains("[placeholder-left]"));

    // Filled, the markers gone, it passes --strict.
    let filled: String = text
        .lines()
        .map(|l| {
            let key = l.split(':').next().unwrap_or_default().trim();
            let value = match key {
                _ if !l.contains("<điền") => return format!("{l}\n"),
                "host" => "host: Sơn La".to_string(),
                "collectives" => "  collectives: 12".to_string(),
                "individuals" => "  individuals: 34".to_string(),
                "source" => "source: Báo Công an".to_string(),
                _ => l.replace("<điền> ", ""),
            };
            format!("{value}\n")
        })
        .collect();
    std::fs::write(site.root().join("content/cum-2/2024-tong-ket.md"), filled).expect("fill");
    let check = site.check(&["--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// On an English site the scaffold's comments and markers are in English.
#[test]
fn new_on_an_english_site_marks_with_fill_in() {
    let site = Site::sample();
    site.write_root("site.yaml", "language: en\n");
    let run = baocao(
        site.root(),
        &["new", "--cluster", "2", "--date", "2024-11-20"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.root().join("content/cum-2/2024-tong-ket.md"))
        .expect("written");
    assert!(
        text.contains("host:            # <fill in> the unit that hosted the conference"),
        "{text}"
    );
    assert!(
        text.contains("# as in 2024; check them for this year"),
        "{text}"
    );
    assert!(!text.contains("<điền"), "{text}");
    let check = site.check(&["--strict"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.contains(
            "error[placeholder-left]: this line still holds the placeholder <fill in> that `baocao new` left to fill"
        ),
        "{}",
        check.stderr
    );
}

#[test]
fn new_pledge_path_and_slug_come_from_cluster_kind_and_year() {
    let site = Site::sample();
    let run = baocao(
        site.root(),
        &[
            "new",
            "--cluster",
            "V",
            "--date",
            "18/03/2023",
            "--kind",
            "pledge",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "content/cum-5/2023-ky-ket.md");
    let text =
        std::fs::read_to_string(site.root().join("content/cum-5/2023-ky-ket.md")).expect("written");
    assert!(
        text.contains("title: \"Cụm thi đua số 5 – Ký kết giao ước năm 2023\""),
        "{text}"
    );
    assert!(
        text.contains("leader: Quảng Bình") && text.contains("deputy: Quảng Trị"),
        "{text}"
    );
    assert_eq!(site.build(&[]).code, 0);
    assert!(site
        .out()
        .join("hoi-nghi/cum-5/2023-ky-ket/index.html")
        .exists());
}

#[test]
fn new_never_overwrites() {
    let site = Site::sample();
    let args = ["new", "--cluster", "2", "--date", "2023-11-25"];
    let before = std::fs::read(site.root().join("content/cum-2/2023-tong-ket.md")).expect("sample");
    let run = baocao(site.root(), &args);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("lỗi: content/cum-2/2023-tong-ket.md đã có"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(site.root().join("content/cum-2/2023-tong-ket.md")).expect("sample"),
        before
    );
}

#[test]
fn new_refuses_bad_options_as_usage_errors() {
    let site = Site::sample();
    let run = baocao(
        site.root(),
        &["new", "--cluster", "số hai", "--date", "2024-01-01"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--cluster: không đọc được \"số hai\""),
        "{}",
        run.stderr
    );
    let run = baocao(site.root(), &["new", "--date", "2024-02-30"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("tháng 2 năm 2024 có 29 ngày"),
        "{}",
        run.stderr
    );
}

/// `check --strict` on a site with an untouched scaffold fails on its
/// placeholders and on nothing else.
fn only_placeholders_left(site: &Site) {
    let check = site.check(&["--strict"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let errors = check.stderr.matches("lỗi[").count();
    let placeholders = check.stderr.matches("lỗi[placeholder-left]").count();
    assert!(placeholders > 0, "{}", check.stderr);
    assert_eq!(errors, placeholders, "{}", check.stderr);
}

/// The front-matter line of `key` in a scaffold, without its comment.
fn value_of<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .map(|v| v.split('#').next().unwrap_or("").trim())
}

#[test]
fn new_for_the_year_after_a_handover_gets_the_handed_over_holders() {
    let site = Site::new();
    site.write(
        "cum-9/2023-tong-ket.md",
        "---\ntitle: Tổng kết\ndate: 2023-11-25\ncluster: 9\nkind: summary\n\
         members: [Phú Thọ, Yên Bái, Lào Cai]\nleader: Phú Thọ\n\
         handover: {leader: Yên Bái, deputy: Lào Cai}\n---\n\nNội dung.\n",
    );
    let run = baocao(
        site.root(),
        &[
            "new",
            "--cluster",
            "9",
            "--date",
            "2024-03-12",
            "--kind",
            "pledge",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(site.root().join("content/cum-9/2024-ky-ket.md")).expect("written");
    // 2024's holders are the units handed the roles, not 2023's leader
    assert_eq!(value_of(&text, "leader"), Some("Yên Bái"), "{text}");
    assert_eq!(value_of(&text, "deputy"), Some("Lào Cai"), "{text}");
    assert!(
        text.contains("được bàn giao tại cum-9/2023-tong-ket.md"),
        "{text}"
    );
    // and the year's own conference hands over nothing yet: an example only
    assert!(text.contains("\n# handover:"), "{text}");
    assert!(text.contains("status: proposed}"), "{text}");

    // the summary's own year keeps the unit that served in it
    let run = baocao(
        site.root(),
        &[
            "new",
            "--cluster",
            "9",
            "--date",
            "2023-03-10",
            "--kind",
            "pledge",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(site.root().join("content/cum-9/2023-ky-ket.md")).expect("written");
    assert_eq!(value_of(&text, "leader"), Some("Phú Thọ"), "{text}");
    assert_eq!(value_of(&text, "deputy"), Some(""), "{text}");
    only_placeholders_left(&site);
}

#[test]
fn new_for_an_earlier_year_does_not_get_the_later_years_leader_or_members() {
    let site = Site::sample();
    // cluster 2's latest write-up is the 2024 pledge (Sơn La leads, five members)
    let run = baocao(
        site.root(),
        &["new", "--cluster", "2", "--date", "2020-11-20"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.root().join("content/cum-2/2020-tong-ket.md"))
        .expect("written");
    assert_eq!(value_of(&text, "leader"), Some(""), "{text}");
    assert_eq!(value_of(&text, "deputy"), Some(""), "{text}");
    assert!(
        text.contains(
            "members: [Lạng Sơn, Cao Bằng, Sơn La, Lai Châu, Điện Biên, Hà Giang, Lào Cai]   # theo năm 2017"
        ),
        "{text}"
    );
    // 2023: the unit serving that year, not the one it handed over to
    let run = baocao(
        site.root(),
        &[
            "new",
            "--cluster",
            "2",
            "--date",
            "2023-03-15",
            "--kind",
            "pledge",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(site.root().join("content/cum-2/2023-ky-ket.md")).expect("written");
    assert_eq!(value_of(&text, "leader"), Some("Lai Châu"), "{text}");
    assert!(text.contains("# theo năm 2023"), "{text}");
    only_placeholders_left(&site);
}

#[test]
fn new_prints_the_path_and_a_note_and_writes_one_file() {
    let t = common::fixture::run("new", "cluster-write-up");
    assert_eq!(t.runs[0].code, 0, "{}", t.text);
    let content: Vec<&str> = t.wrote[0]
        .split(", ")
        .filter(|p| p.starts_with("content"))
        .collect();
    assert_eq!(content, ["content/cum-2/2024-tong-ket.md"], "{}", t.text);
}
