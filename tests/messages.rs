//! The messages follow `language:` in site.yaml: Vietnamese by default (also
//! without a site.yaml), English with `language: en`; every problem keeps its
//! English code, in the text and in `--format json`.

mod common;

use common::{baocao, writeup, Site};

/// A write-up with an impossible date, a typo'd kind and a decimal count.
fn broken_site() -> Site {
    let site = Site::new();
    site.write(
        "a.md",
        "---\ntitle: A\ndate: 2023-02-30\nkind: meeting\nawards:\n  collectives: 1.5\n---\n",
    );
    site
}

#[test]
fn without_a_site_yaml_check_speaks_vietnamese() {
    let site = broken_site();
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains(
            "lỗi[date-not-on-calendar]: \"2023-02-30\" không phải là ngày có trên lịch\n --> content/a.md:3:7\n  |\n3 | date: 2023-02-30\n  |       ^^^^^^^^^^\n  = gợi ý: tháng 2 năm 2023 có 28 ngày\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("lỗi[kind-unknown]: loại hội nghị \"meeting\" không có trong danh mục"),
        "{err}"
    );
    assert!(err.contains("3 lỗi, 0 cảnh báo"), "{err}");
    assert!(!err.contains("error"), "no English word: {err}");
    assert!(!err.contains("help:"), "{err}");
}

#[test]
fn language_vi_in_site_yaml_is_the_same_as_none() {
    let site = broken_site();
    let none = site.check(&[]);
    site.write_root("site.yaml", "title: Báo cáo\nlanguage: vi\n");
    let vi = site.check(&[]);
    assert_eq!(none.stderr, vi.stderr);
}

#[test]
fn language_en_gives_english_messages_with_the_same_codes() {
    let site = broken_site();
    site.write_root("site.yaml", "language: en\n");
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains(
            "error[date-not-on-calendar]: \"2023-02-30\" is not a date on the calendar\n --> content/a.md:3:7\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("  = help: month 2 of 2023 has 28 days\n"),
        "{err}"
    );
    assert!(
        err.contains("error[kind-unknown]: unknown kind \"meeting\""),
        "{err}"
    );
    assert!(err.contains("3 errors, 0 warnings"), "{err}");
    assert!(!err.contains("lỗi"), "{err}");
}

#[test]
fn a_broken_site_yaml_still_gives_its_language() {
    let site = broken_site();
    site.write_root("site.yaml", "language: en\ntitel: x\n");
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[config-invalid]: invalid site config"),
        "{}",
        run.stderr
    );
    site.write_root("site.yaml", "titel: x\n");
    let run = site.check(&[]);
    assert!(
        run.stderr
            .contains("lỗi[config-invalid]: tệp cấu hình trang không hợp lệ"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_keeps_stable_codes_and_gives_the_message_in_the_language() {
    let site = broken_site();
    let objects = |run: &common::Run| -> Vec<serde_json::Value> {
        run.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
            .collect()
    };
    let vi = objects(&site.check(&["--format", "json"]));
    site.write_root("site.yaml", "language: en\n");
    let en = objects(&site.check(&["--format", "json"]));
    assert_eq!(vi.len(), 3);
    let codes = |o: &[serde_json::Value]| -> Vec<String> {
        o.iter()
            .map(|v| v["code"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        codes(&vi),
        ["date-not-on-calendar", "kind-unknown", "count-decimal"]
    );
    assert_eq!(codes(&vi), codes(&en));
    for (v, e) in vi.iter().zip(&en) {
        assert_eq!(v["severity"], "error");
        assert_eq!(v["severity"], e["severity"]);
        assert_eq!(v["line"], e["line"]);
        assert_ne!(v["message"], e["message"]);
    }
    assert_eq!(
        vi[0]["message"],
        "\"2023-02-30\" không phải là ngày có trên lịch"
    );
    assert_eq!(
        en[0]["message"],
        "\"2023-02-30\" is not a date on the calendar"
    );
    assert_eq!(en[0]["help"], "month 2 of 2023 has 28 days");
}

/// The help of a decimal count quotes the value written, not always 2.847.
#[test]
fn the_decimal_count_help_quotes_the_value_written() {
    let site = broken_site();
    site.write_root("site.yaml", "language: en\n");
    let run = site.check(&[]);
    assert!(
        run.stderr.contains(
            "= help: YAML reads 1.5 as a decimal; write 1500 or quote it as \"1.5\" if the dot separates thousands"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("2.847"), "{}", run.stderr);
    std::fs::remove_file(site.root().join("site.yaml")).expect("remove");
    let run = site.check(&[]);
    assert!(
        run.stderr.contains(
            "= gợi ý: YAML đọc 1.5 là số thập phân; ghi 1500, hoặc đặt trong dấu ngoặc kép \"1.5\""
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn summaries_and_hints_follow_the_language() {
    let site = Site::new();
    site.write("a.md", &writeup(""));
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "đã kiểm tra 1 bài viết: 0 lỗi, 0 cảnh báo\n");
    let build = site.build(&[]);
    assert!(build.stdout.starts_with("đã dựng "), "{}", build.stdout);
    // The seconds with a decimal comma, as every number of a Vietnamese site.
    let secs = build
        .stdout
        .trim_end()
        .strip_suffix(" giây")
        .and_then(|s| s.rsplit(' ').next())
        .unwrap_or_default();
    assert!(
        secs.len() >= 4 && secs.contains(',') && !secs.contains('.'),
        "{}",
        build.stdout
    );
    site.write_root("site.yaml", "language: en\n");
    let run = site.check(&[]);
    assert_eq!(run.stdout, "checked 1 write-ups: 0 errors, 0 warnings\n");
    // A usage error of the command line, in the site's language too.
    let bad = site.build(&["--base-url", "intranet/bao-cao"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.starts_with(
            "error: --base-url \"intranet/bao-cao\" is not an http(s) URL\n  = help: "
        ),
        "{}",
        bad.stderr
    );
}

/// `import` outside a site (no site.yaml): Vietnamese.
#[test]
fn import_outside_a_site_speaks_vietnamese() {
    let site = Site::new();
    let run = baocao(site.root(), &["import", "khong-co.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("lỗi: khong-co.txt: không đọc được"),
        "{}",
        run.stderr
    );
}
