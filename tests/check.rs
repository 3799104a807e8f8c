//! `baocao check`: each diagnostic on a small fixture, with its file, line and help.

mod common;

use common::Site;

fn member_writeup(date: &str, cluster: u32, members: &str, extra: &str) -> String {
    format!("---\ntitle: Hội nghị cụm {cluster}\ndate: {date}\ncluster: {cluster}\nmembers: [{members}]\n{extra}---\n\nNội dung.\n")
}

#[test]
fn check_writes_nothing_and_passes_the_sample() {
    let site = Site::sample();
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("đã kiểm tra 5 bài viết: 0 lỗi, 0 cảnh báo"),
        "{}",
        run.stdout
    );
    assert!(!site.out().exists());
}

#[test]
fn a_unit_spelled_without_diacritics_suggests_the_known_one() {
    let site = Site::new();
    site.write(
        "a.md",
        &member_writeup("2023-11-25", 2, "Lạng Sơn, Cao Bằng", ""),
    );
    site.write(
        "b.md",
        &member_writeup("2022-11-25", 2, "Lạng Sơn, Cao Bằng", ""),
    );
    site.write(
        "c.md",
        &member_writeup("2021-11-25", 2, "Lang Son, Cao Bằng", ""),
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("--> content/c.md:5:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("có phải là \"Lạng Sơn\"?"),
        "{}",
        run.stderr
    );
}

/// Two write-ups of cluster 2, the second naming "Điện Biêm" for Điện Biên.
fn site_with_a_typo() -> Site {
    let site = Site::new();
    site.write_root("content/units.yaml", "units:\n  - {name: Điện Biên}\n");
    site.write(
        "a.md",
        &member_writeup("2023-11-25", 2, "Điện Biên, Cao Bằng", ""),
    );
    site.write(
        "b.md",
        &member_writeup("2022-11-25", 2, "Điện Biêm, Cao Bằng", ""),
    );
    site
}

#[test]
fn a_unit_one_letter_off_is_a_warning_with_a_suggestion() {
    let site = site_with_a_typo();
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "warnings alone exit 0: {}", run.stderr);
    assert!(
        run.stderr
            .contains("cảnh báo[unit-probable-typo]: tên đơn vị \"Điện Biêm\" có thể bị gõ nhầm"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/b.md:5:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("có phải là \"Điện Biên\"?"),
        "{}",
        run.stderr
    );
    let strict = site.check(&["--strict"]);
    assert_eq!(strict.code, 1, "--strict makes warnings errors");
}

#[test]
fn case_and_tone_typos_are_caught_too() {
    for typo in ["Lạng sơn", "Lạng Son"] {
        let site = Site::new();
        site.write(
            "a.md",
            &member_writeup("2023-11-25", 2, "Lạng Sơn, Cao Bằng", ""),
        );
        site.write(
            "b.md",
            &member_writeup("2022-11-25", 2, "Lạng Sơn, Cao Bằng", ""),
        );
        site.write(
            "c.md",
            &member_writeup("2021-11-25", 2, &format!("{typo}, Cao Bằng"), ""),
        );
        let run = site.check(&[]);
        assert!(
            run.stderr.contains("có phải là \"Lạng Sơn\"?"),
            "{typo}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("content/c.md:5:"),
            "{typo}: {}",
            run.stderr
        );
    }
}

#[test]
fn honours_to_non_members_and_counts_over_the_totals_are_warned() {
    let site = Site::new();
    site.write(
        "a.md",
        &member_writeup(
            "2023-11-25",
            2,
            "Lai Châu, Sơn La",
            "awards: {collectives: 10, individuals: 5}\nhonours:\n  - {title: Cờ thi đua, to: [Hà Giang]}\n  - {title: Giấy khen, collectives: 18, individuals: 2}\n",
        ),
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[honour-to-non-member]: \"Hà Giang\" được khen thưởng \"Cờ thi đua\" nhưng không phải thành viên của Cụm năm nay"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/a.md:8:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[honours-above-total]: các hình thức khen thưởng cộng lại 18 tập thể, nhiều hơn tổng số khen thưởng 10"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("cá nhân, nhiều hơn"),
        "2 ≤ 5 is fine: {}",
        run.stderr
    );
}

#[test]
fn two_write_ups_of_one_cluster_kind_and_year_are_a_likely_duplicate() {
    let site = Site::new();
    site.write("a.md", &member_writeup("2023-11-25", 2, "Lai Châu", ""));
    site.write("b.md", &member_writeup("2023-12-01", 2, "Lai Châu", ""));
    let run = site.check(&[]);
    assert!(
        run.stderr
            .contains("cảnh báo[likely-duplicate]: có thể trùng lặp: content/a.md cũng tường thuật hội nghị tổng kết"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/b.md:2:"), "{}", run.stderr);
}

#[test]
fn future_dates_and_far_years_are_warned() {
    let site = Site::new();
    site.write("a.md", "---\ntitle: Tương lai\ndate: 2999-01-01\n---\n");
    site.write(
        "b.md",
        "---\ntitle: Lệch năm\ndate: 2023-11-25\nyear: 2020\n---\n",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("[date-in-future]: ngày 01/01/2999 ở trong tương lai"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/a.md:3:"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "[year-far-from-date]: năm thi đua 2020 cách xa năm của ngày hội nghị (2023)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/b.md:4:"), "{}", run.stderr);
}

#[test]
fn build_quiet_prints_errors_and_the_count_of_warnings_but_not_the_warnings() {
    let site = site_with_a_typo();
    let loud = site.build(&[]);
    assert_eq!(loud.code, 0, "{}", loud.stderr);
    assert!(
        loud.stderr.contains("cảnh báo[unit-probable-typo]"),
        "{}",
        loud.stderr
    );
    let quiet = site.build(&["--quiet"]);
    assert_eq!(quiet.code, 0, "{}", quiet.stderr);
    assert_eq!(quiet.stderr, "", "no warning is printed");
    assert!(quiet.stdout.contains("1 cảnh báo"), "{}", quiet.stdout);

    site.write("c.md", &member_writeup("2023-02-30", 2, "Cao Bằng", ""));
    let failed = site.build(&["-q"]);
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert!(failed.stderr.contains("lỗi["), "{}", failed.stderr);
    assert!(failed.stderr.contains("content/c.md"), "{}", failed.stderr);
    assert!(!failed.stderr.contains("cảnh báo["), "{}", failed.stderr);
}

#[test]
fn a_membership_change_is_a_note_not_a_warning() {
    let site = Site::new();
    site.write(
        "a.md",
        &member_writeup("2022-11-25", 2, "Lai Châu, Sơn La", ""),
    );
    site.write(
        "b.md",
        &member_writeup("2023-11-25", 2, "Lai Châu, Yên Bái", ""),
    );
    let run = site.check(&["--strict"]);
    assert_eq!(run.code, 0, "notes never fail: {}", run.stderr);
    assert!(
        run.stderr.contains(
            "ghi chú[members-changed]: thành viên Cụm 2 thay đổi năm 2023 (gia nhập: Yên Bái; rời Cụm: Sơn La)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn json_format_prints_one_object_per_diagnostic() {
    let site = Site::new();
    site.write("a.md", "---\ntitle: A\ndate: 2023-02-30\nkind: x\n---\n");
    let run = site.check(&["--format", "json"]);
    assert_eq!(run.code, 1);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert_eq!(lines[0]["path"], "content/a.md");
    assert_eq!(lines[0]["line"], 3);
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(lines[0]["code"], "date-not-on-calendar");
    assert_eq!(lines[1]["line"], 4);
    assert_eq!(lines[1]["code"], "kind-unknown");
    assert!(lines[1]["help"]
        .as_str()
        .unwrap_or_default()
        .contains("summary, pledge"));
}

#[test]
fn provinces_one_letter_apart_are_not_typos_of_each_other() {
    // Regression: edit distance alone flagged Quảng Ninh as a typo of Quảng Bình.
    let site = Site::new();
    site.write(
        "a.md",
        &member_writeup("2023-11-25", 3, "Quảng Bình, Quảng Trị, Hà Giang", ""),
    );
    site.write(
        "b.md",
        &member_writeup("2022-11-25", 3, "Quảng Bình, Quảng Trị, Hà Giang", ""),
    );
    site.write(
        "c.md",
        &member_writeup("2021-11-25", 4, "Quảng Ninh, Hậu Giang, Ninh Thuận", ""),
    );
    let run = site.check(&["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("unit-probable-typo"), "{}", run.stderr);
}

#[test]
fn check_reports_links_to_missing_write_ups_and_full_renders_pages() {
    let site = Site::sample();
    site.write(
        "cum-5/lien-ket.md",
        "---\ntitle: Liên kết\ndate: 2023-01-05\n---\n\nXem [bài cũ](../cum-2/khong-co.md).\n",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/cum-5/lien-ket.md:6:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("cum-2/khong-co.md"), "{}", run.stderr);
    std::fs::remove_file(site.root().join("content/cum-5/lien-ket.md")).expect("remove");
    site.write_root(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<a href=\"{{ root }}khong-co.html\">x</a>{% endblock content %}",
    );
    assert_eq!(site.check(&[]).code, 0, "content checks alone pass");
    let full = site.check(&["--full"]);
    assert_eq!(
        full.code, 1,
        "--full renders pages and finds the theme's broken link"
    );
    assert!(full.stderr.contains("khong-co.html"), "{}", full.stderr);
    assert!(!site.out().exists());
}
