//! `baocao check`: each diagnostic on a small fixture, with its file, line and help.
//! The cases that are an input and its messages are folders in
//! tests/fixtures/check/, their transcripts pinned as snapshots.

mod common;

use common::{fixture, Site};

fn member_writeup(date: &str, cluster: u32, members: &str, extra: &str) -> String {
    format!("---\ntitle: Hội nghị cụm {cluster}\ndate: {date}\ncluster: {cluster}\nmembers: [{members}]\n{extra}---\n\nNội dung.\n")
}

#[test]
fn check_writes_nothing_and_passes_the_sample() {
    let t = fixture::run("check", "sample-passes");
    assert_eq!(t.runs[0].code, 0, "{}", t.text);
    assert!(!t.wrote[0].contains("public/"), "{}", t.text);
}

#[test]
fn a_unit_spelled_without_diacritics_suggests_the_known_one() {
    let t = fixture::run("check", "unit-without-diacritics");
    assert_eq!(t.runs[0].code, 1, "{}", t.text);
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
    let t = fixture::run("check", "unit-one-letter-off");
    assert_eq!(t.runs[0].code, 0, "warnings alone exit 0: {}", t.text);
    assert_eq!(
        t.runs[1].code, 1,
        "--strict makes warnings errors: {}",
        t.text
    );
}

#[test]
fn case_and_tone_typos_are_caught_too() {
    for case in ["case-typo", "tone-typo"] {
        fixture::run("check", case);
    }
}

#[test]
fn honours_to_non_members_and_counts_over_the_totals_are_warned() {
    let t = fixture::run("check", "honours-to-non-members");
    assert_eq!(t.runs[0].code, 0, "{}", t.text);
}

#[test]
fn two_write_ups_of_one_cluster_kind_and_year_are_a_likely_duplicate() {
    fixture::run("check", "likely-duplicate");
}

#[test]
fn future_dates_and_far_years_are_warned() {
    let t = fixture::run("check", "future-and-far-dates");
    assert_eq!(t.runs[0].code, 0, "{}", t.text);
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
    let t = fixture::run("check", "membership-change");
    assert_eq!(t.runs[0].code, 0, "notes never fail: {}", t.text);
}

#[test]
fn json_format_prints_one_object_per_diagnostic() {
    let t = fixture::run("check", "json-format");
    let run = &t.runs[0];
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
    let t = fixture::run("check", "provinces-one-letter-apart");
    assert_eq!(t.runs[0].code, 0, "{}", t.text);
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

#[test]
fn several_errors_in_several_files_read_in_vietnamese() {
    let t = fixture::run("check", "several-errors-vi");
    assert_eq!(t.runs[0].code, 1, "{}", t.text);
}

#[test]
fn several_errors_in_several_files_read_in_english() {
    let t = fixture::run("check", "several-errors-en");
    assert_eq!(t.runs[0].code, 1, "{}", t.text);
}
