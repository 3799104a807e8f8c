//! One test per class of bad input: the build fails with exit code 1, names the
//! file (and line), says what is wrong and how to fix it, and touches no output.
//! The cases that are one input and its messages are folders in
//! tests/fixtures/bad-input/, their transcripts pinned as snapshots.

mod common;

use common::{fixture, writeup, Site};

/// Runs the fixture case `bad-input/<case>` (a `build` of one bad file
/// `content/<rel>`) and asserts what every bad input gives: exit code 1, no
/// output written, the file named and a help line. Its messages are in the
/// case's `expect` and snapshot.
fn fails_with(case: &str, rel: &str) {
    let t = fixture::run("bad-input", case);
    let run = &t.runs[0];
    assert_eq!(run.code, 1, "exit code: {}", t.text);
    assert!(
        !t.wrote[0].contains("public/"),
        "no output is written on error: {}",
        t.text
    );
    assert!(
        run.stderr.contains(&format!("content/{rel}")),
        "the message names the file: {}",
        t.text
    );
    assert!(
        run.stderr.contains("gợi ý:"),
        "the message says how to fix it: {}",
        t.text
    );
}

/// Runs the fixture case `bad-input/<case>`, a `build` that fails.
fn build_fails(case: &str) {
    let t = fixture::run("bad-input", case);
    assert_eq!(t.runs[0].code, 1, "{}", t.text);
}

#[test]
fn invalid_yaml_names_the_line() {
    fails_with("invalid-yaml", "a.md");
}

#[test]
fn missing_title_and_date_are_both_reported() {
    fails_with("missing-title-and-date", "a.md");
}

#[test]
fn ill_typed_field_is_named() {
    fails_with("ill-typed-title", "a.md");
    fails_with("ill-typed-members", "b.md");
}

#[test]
fn unknown_field_lists_the_known_ones() {
    fails_with("unknown-field", "a.md");
}

#[test]
fn impossible_date_is_not_rolled_over() {
    fails_with("impossible-date", "a.md");
}

#[test]
fn month_and_year_date_is_ambiguous() {
    fails_with("month-and-year-date", "a.md");
}

#[test]
fn negative_count_is_refused() {
    fails_with("negative-count", "a.md");
}

#[test]
fn non_numeric_count_is_refused() {
    fails_with("non-numeric-count", "a.md");
}

#[test]
fn float_count_suggests_the_whole_number() {
    fails_with("float-count", "a.md");
}

#[test]
fn unreadable_cluster_is_refused() {
    fails_with("unreadable-cluster", "a.md");
}

#[test]
fn unknown_kind_lists_the_allowed_ones() {
    fails_with("unknown-kind", "a.md");
}

#[test]
fn cluster_without_members_is_refused() {
    fails_with("cluster-without-members", "a.md");
}

#[test]
fn two_write_ups_on_one_page_name_both_files() {
    build_fails("two-write-ups-on-one-page");
}

#[test]
fn slug_that_escapes_the_output_folder_is_refused() {
    fails_with("slug-outside", "a.md");
}

#[test]
fn file_that_is_not_utf8_is_refused() {
    build_fails("not-utf8");
}

#[test]
fn empty_file_is_refused() {
    fails_with("empty-file", "a.md");
}

#[test]
fn file_without_front_matter_is_refused() {
    fails_with("no-front-matter", "a.md");
}

#[test]
fn unit_names_that_share_a_slug_are_an_error_suggesting_an_alias() {
    build_fails("unit-names-sharing-a-slug");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = Site::new();
    site.write_bytes(
        "a.md",
        "\u{feff}---\r\ntitle: Hội nghị\r\ndate: 25/11/2023\r\nhost: Công an tỉnh  Lạng Sơn\r\n---\r\nNội dung.\r\n".as_bytes(),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .page("don-vi/lang-son/index.html")
        .contains("<h1>Lạng Sơn</h1>"));
}

#[test]
fn every_bad_file_is_reported_not_just_the_first() {
    build_fails("every-bad-file");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let before = std::fs::read(site.out().join("index.html")).expect("index");
    site.write("cum-2/hong.md", "---\ntitle: Hỏng\ndate: 2023-02-30\n---\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("thư mục kết quả được giữ nguyên"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(site.out().join("index.html")).expect("index"),
        before
    );
}

#[test]
fn a_link_to_a_missing_write_up_names_both_files() {
    let site = Site::sample();
    site.write(
        "cum-5/lien-ket.md",
        &writeup("").replace(
            "Nội dung.",
            "Xem [bài năm trước](../cum-2/khong-co.md) và [bài 2023](../cum-2/2023-tong-ket.md).",
        ),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/cum-5/lien-ket.md:6:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("cum-2/khong-co.md"), "{}", run.stderr);
    // Fixed, the other link becomes the page of that write-up.
    site.write(
        "cum-5/lien-ket.md",
        &writeup("").replace("Nội dung.", "Xem [bài 2023](../cum-2/2023-tong-ket.md)."),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("hoi-nghi/cum-5/lien-ket/index.html");
    assert!(
        page.contains(r#"href="../../../hoi-nghi/cum-2/2023-tong-ket/index.html""#),
        "{page}"
    );
}

#[test]
fn raw_html_and_script_urls_in_bodies_do_not_reach_the_page() {
    let site = Site::new();
    site.write(
        "a.md",
        &writeup("").replace(
            "Nội dung.",
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[bấm](javascript:alert(3))\n",
        ),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("hoi-nghi/a/index.html");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    assert!(!page.contains("javascript:"), "{page}");
}

#[test]
fn usage_errors_exit_with_two() {
    let site = Site::new();
    let run = site.build(&["--no-such-flag"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = site.build(&["--root", "does/not/exist"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("does/not/exist"));
}

#[test]
fn output_folders_baocao_did_not_make_are_refused() {
    let site = Site::sample();
    let foreign = site.root().join("tai-lieu");
    std::fs::create_dir_all(&foreign).expect("mkdir");
    std::fs::write(foreign.join("quan-trong.docx"), b"x").expect("write");
    for (out, why) in [
        ("tai-lieu", "không có baocao-manifest.json"),
        (".", "đó là thư mục gốc của trang"),
        ("..", "thư mục này chứa thư mục gốc của trang"),
    ] {
        let run = site.build(&["--output", out]);
        assert_eq!(run.code, 2, "{out}: {}", run.stderr);
        assert!(run.stderr.contains(why), "{out}: {}", run.stderr);
    }
    assert!(foreign.join("quan-trong.docx").exists());
}

#[test]
fn a_broken_link_found_while_writing_leaves_the_previous_site_and_no_leftovers() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let before = std::fs::read(site.out().join("index.html")).expect("index");
    // A site template that links to a page the build does not write.
    site.write_root(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<a href=\"{{ root }}khong-co.html\">x</a>{% endblock content %}",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[link-broken]: liên kết hỏng \"khong-co.html\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("404.html"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(site.out().join("index.html")).expect("index"),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .expect("root")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "the staging folder is removed");
}

#[test]
fn leftovers_of_a_build_killed_half_way_are_cleared_by_the_next() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    // What a build killed between writing and swapping leaves beside the output.
    // A pid above the kernel's maximum: no live process can have it.
    let stale = site.root().join(".public.tmp-99999999");
    std::fs::create_dir_all(stale.join("cum")).expect("mkdir");
    std::fs::write(stale.join("index.html"), "half").expect("write");
    let unrelated = site.root().join(".public.tmp-notes");
    std::fs::create_dir_all(&unrelated).expect("mkdir");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !stale.exists(),
        "the staging folder of the killed build is gone"
    );
    assert!(
        unrelated.exists(),
        "a folder baocao did not name is left alone"
    );
    assert!(site.page("index.html").contains("<!DOCTYPE html>"));
}
