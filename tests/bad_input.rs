//! One test per class of bad input: the build fails with exit code 1, names the
//! file (and line), says what is wrong and how to fix it, and touches no output.

mod common;

use common::{writeup, Site};

/// Builds a site holding one file `rel` with `text`; returns stderr.
fn fails_with(rel: &str, text: &str) -> String {
    let site = Site::new();
    site.write(rel, text);
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "exit code; stderr: {}", run.stderr);
    assert!(!site.out().exists(), "no output is written on error");
    assert!(
        run.stderr.contains(&format!("content/{rel}")),
        "the message names the file: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("gợi ý:"),
        "the message says how to fix it: {}",
        run.stderr
    );
    run.stderr
}

#[test]
fn invalid_yaml_names_the_line() {
    let err = fails_with("a.md", "---\ntitle: Hội nghị\ndate: [2023\n---\n");
    assert!(
        err.contains("lỗi[front-matter-invalid]: phần đầu không hợp lệ"),
        "{err}"
    );
    assert!(
        err.contains("content/a.md:4:") || err.contains("content/a.md:3:"),
        "{err}"
    );
}

#[test]
fn missing_title_and_date_are_both_reported() {
    let err = fails_with("a.md", "---\nkind: summary\n---\n");
    assert!(err.contains("lỗi[title-missing]: thiếu tiêu đề"), "{err}");
    assert!(err.contains("lỗi[date-missing]: thiếu ngày"), "{err}");
    assert!(err.contains("2 lỗi, 0 cảnh báo"), "{err}");
}

#[test]
fn ill_typed_field_is_named() {
    let err = fails_with("a.md", "---\ntitle: [a, b]\ndate: 2023-11-25\n---\n");
    assert!(
        err.contains("[title-not-text]: tiêu đề phải là văn bản"),
        "{err}"
    );
    assert!(err.contains("content/a.md:2:"), "{err}");
    let err = fails_with("b.md", &writeup("members: Lai Châu\ncluster: 2\n"));
    assert!(err.contains("invalid type"), "{err}");
}

#[test]
fn unknown_field_lists_the_known_ones() {
    let err = fails_with("a.md", &writeup("clustre: 2\n"));
    assert!(err.contains("unknown field `clustre`"), "{err}");
    assert!(err.contains("cluster, bloc, kind"), "{err}");
}

#[test]
fn impossible_date_is_not_rolled_over() {
    let err = fails_with("a.md", "---\ntitle: X\ndate: 2023-02-30\n---\n");
    assert!(
        err.contains("lỗi[date-not-on-calendar]: \"2023-02-30\" không phải là ngày có trên lịch"),
        "{err}"
    );
    assert!(err.contains("content/a.md:3:7"), "{err}");
    assert!(
        err.contains("= gợi ý: tháng 2 năm 2023 có 28 ngày"),
        "{err}"
    );
}

#[test]
fn month_and_year_date_is_ambiguous() {
    let err = fails_with("a.md", "---\ntitle: X\ndate: 11/2023\n---\n");
    assert!(
        err.contains("[date-no-day]") && err.contains("chỉ có tháng, không có ngày"),
        "{err}"
    );
}

#[test]
fn negative_count_is_refused() {
    let err = fails_with("a.md", &writeup("awards: {collectives: -5}\n"));
    assert!(
        err.contains("[count-negative]") && err.contains("là số âm"),
        "{err}"
    );
    assert!(err.contains("content/a.md:4:"), "{err}");
}

#[test]
fn non_numeric_count_is_refused() {
    let err = fails_with("a.md", &writeup("awards:\n  collectives: nhiều\n"));
    assert!(
        err.contains("[count-not-a-number]") && err.contains("\"nhiều\" không phải là số lượng"),
        "{err}"
    );
    assert!(err.contains("content/a.md:5:"), "{err}");
}

#[test]
fn float_count_suggests_the_whole_number() {
    let err = fails_with(
        "a.md",
        &writeup("awards: {collectives: 2.847, individuals: 9341}\n"),
    );
    assert!(
        err.contains("[count-decimal]") && err.contains("là số thập phân"),
        "{err}"
    );
    assert!(err.contains("ghi 2847"), "{err}");
}

#[test]
fn unreadable_cluster_is_refused() {
    let err = fails_with("a.md", &writeup("cluster: số hai\nmembers: [Lai Châu]\n"));
    assert!(
        err.contains("[cluster-unreadable]: không đọc được Cụm \"số hai\""),
        "{err}"
    );
    assert!(err.contains("\"II\""), "{err}");
}

#[test]
fn unknown_kind_lists_the_allowed_ones() {
    let err = fails_with("a.md", &writeup("kind: meeting\n"));
    assert!(
        err.contains("[kind-unknown]: loại hội nghị \"meeting\""),
        "{err}"
    );
    assert!(
        err.contains("summary, pledge, launch, review, other"),
        "{err}"
    );
}

#[test]
fn cluster_without_members_is_refused() {
    let err = fails_with("a.md", &writeup("cluster: 2\n"));
    assert!(
        err.contains("[members-missing]: bài viết của một Cụm phải liệt kê các đơn vị thành viên"),
        "{err}"
    );
}

#[test]
fn two_write_ups_on_one_page_name_both_files() {
    let site = Site::new();
    site.write("a.md", &writeup("slug: trung\n"));
    site.write("b.md", &writeup("slug: trung\n"));
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/a.md") && run.stderr.contains("content/b.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hoi-nghi/trung/index.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn slug_that_escapes_the_output_folder_is_refused() {
    let err = fails_with("a.md", &writeup("slug: ../../etc\n"));
    assert!(err.contains("[slug-outside]"), "{err}");
}

#[test]
fn file_that_is_not_utf8_is_refused() {
    let site = Site::new();
    site.write_bytes(
        "a.md",
        b"---\ntitle: H\xf4i ngh\xec\ndate: 2023-11-25\n---\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content/a.md"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[not-utf8]: tệp không phải văn bản UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn empty_file_is_refused() {
    let err = fails_with("a.md", "");
    assert!(err.contains("lỗi[file-empty]: tệp trống"), "{err}");
}

#[test]
fn file_without_front_matter_is_refused() {
    let err = fails_with("a.md", "# Hội nghị\n\nNội dung.\n");
    assert!(err.contains("[front-matter-missing]"), "{err}");
}

#[test]
fn unit_names_that_share_a_slug_are_an_error_suggesting_an_alias() {
    let site = Site::new();
    site.write("a.md", &writeup("host: Lạng Sơn\n"));
    site.write("b.md", &writeup("host: Lang Son\n"));
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("\"Lạng Sơn\"") && run.stderr.contains("\"Lang Son\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("aliases"), "{}", run.stderr);
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
    let site = Site::new();
    site.write("a.md", "---\ntitle: A\ndate: 2023-02-30\n---\n");
    site.write("b.md", "");
    site.write("c/d.md", &writeup("kind: meeting\n"));
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    for f in ["content/a.md", "content/b.md", "content/c/d.md"] {
        assert!(run.stderr.contains(f), "{f} named: {}", run.stderr);
    }
    assert!(run.stderr.contains("3 lỗi"), "{}", run.stderr);
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
