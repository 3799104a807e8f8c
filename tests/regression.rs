//! One test per bug, each named after what broke. Most were found with hostile
//! content: `check` and `build` must agree, every content error names the
//! write-up and its line, and nothing pasted into a write-up reaches an output
//! it can break. The last ones are bugs of serving and publishing.

mod common;

use baocao::config::{self, Language, Overrides};
use baocao::live::{LiveSite, Update};
use common::live::assert_same;
use common::{csv_rows, writeup, Site};

/// Runs `check` and `build` on `site`; asserts they agree (both fail or both
/// pass) and returns (check's stderr, build's stderr, exit code).
fn check_and_build(site: &Site, build_args: &[&str]) -> (String, String, i32) {
    let check = site.check(&[]);
    let build = site.build(build_args);
    assert_eq!(
        check.code, build.code,
        "check and build disagree\ncheck: {}{}\nbuild: {}{}",
        check.stdout, check.stderr, build.stdout, build.stderr
    );
    (check.stderr, build.stderr, build.code)
}

/// A site with one write-up `a.md` whose content fails both `check` and
/// `build`; returns check's stderr after asserting build says the same.
fn content_error(text: &str) -> String {
    let site = Site::new();
    site.write("a.md", text);
    let (check, build, code) = check_and_build(&site, &[]);
    assert_eq!(code, 1, "{check}");
    assert!(!site.out().exists(), "nothing is written on error");
    for line in check.lines().filter(|l| l.starts_with("error:")) {
        assert!(build.contains(line), "build reports {line:?} too: {build}");
    }
    check
}

#[test]
fn placeholder_unit_names_are_errors_at_their_line_not_pages_over_the_units_index() {
    for placeholder in ["\"...\"", "—", "\"???\"", "…"] {
        for (field, line) in [
            (format!("host: {placeholder}\n"), 4),
            (format!("leader: {placeholder}\n"), 4),
            (format!("deputy: {placeholder}\n"), 4),
            (
                format!("cluster: 2\nmembers:\n  - Lai Châu\n  - {placeholder}\n"),
                7,
            ),
            (
                format!("honours:\n  - {{title: Cờ thi đua, to: [{placeholder}]}}\n"),
                5,
            ),
        ] {
            let err = content_error(&writeup(&field));
            assert!(
                err.contains("[unit-name-no-letter]")
                    && err.contains("không có chữ cái hay chữ số nào"),
                "{field}: {err}"
            );
            assert!(
                err.contains(&format!("content/a.md:{line}:")),
                "{field}: {err}"
            );
        }
    }
}

#[test]
fn unit_names_without_latin_letters_get_a_page_of_their_own() {
    let site = Site::new();
    // Both folded to the slug "x" and shared one page.
    site.write("a.md", &writeup("host: Москва X\n"));
    site.write("b.md", &writeup("host: 東京 X\n"));
    let (_, _, code) = check_and_build(&site, &[]);
    assert_eq!(code, 0);
    let units: Vec<String> = common::files(&site.out().join("don-vi"));
    assert_eq!(units.len(), 3, "the index and two unit pages: {units:?}");
    let index = site.page("don-vi/index.html");
    assert!(
        index.contains("Москва X") && index.contains("東京 X"),
        "{index}"
    );
    assert!(units
        .iter()
        .all(|u| u == "index.html" || u.starts_with("x-")));
}

#[test]
fn a_280_character_unit_name_builds_instead_of_failing_on_the_file_name() {
    let long = "Cục An ninh đối ngoại và phòng chống khủng bố ".repeat(7);
    let long = long.trim();
    assert!(long.chars().count() >= 280);
    let site = Site::new();
    site.write("a.md", &writeup(&format!("host: {long}\n")));
    let (_, build, code) = check_and_build(&site, &[]);
    assert_eq!(code, 0, "{build}");
    let pages: Vec<String> = common::files(&site.out().join("don-vi"));
    let unit = pages
        .iter()
        .find(|p| p.as_str() != "index.html")
        .expect("a unit page");
    let folder = unit.strip_suffix("/index.html").expect("a folder");
    assert!(folder.len() <= 80, "{folder}");
    assert!(site.page(&format!("don-vi/{unit}")).contains(long));
}

#[test]
fn a_slug_too_long_for_a_folder_name_is_an_error_at_its_line() {
    let err = content_error(&writeup(&format!("slug: {}\n", "a".repeat(300))));
    assert!(err.contains("content/a.md:4:"), "{err}");
    assert!(
        err.contains("[slug-too-long]") && err.contains("tối đa 80 ký tự"),
        "{err}"
    );
}

#[test]
fn csv_cells_that_excel_reads_as_formulas_are_quoted() {
    let site = Site::new();
    site.write(
        "a.md",
        "---\ntitle: \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"\ndate: 2023-11-25\ncluster: 2\n\
         members: [\"@SUM(1)\", Lai Châu]\nhost: \"+Phòng PA03\"\nauthor: \"-2+3\"\n\
         tags: [\"=1+1\"]\nsummary: \"@cmd|' /C calc'!A0\"\nleader: \"=cmd\"\n\
         honours:\n  - {title: \"=HYPERLINK(1)\", to: [\"@SUM(1)\"], status: conferred}\n---\n\nNội dung.\n",
    );
    let (_, build, code) = check_and_build(&site, &[]);
    assert_eq!(code, 0, "{build}");
    // Every CSV, the honours and the cluster-years tables included.
    for entry in std::fs::read_dir(site.out().join("data")).expect("data folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "csv") {
            let text = std::fs::read_to_string(&path).expect("csv");
            for cell in csv_rows(&text).iter().flatten() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{}: {cell:?}",
                    path.display()
                );
            }
        }
    }
    for csv in ["data/conferences.csv", "data/cum-2.csv"] {
        let text = site.page(csv);
        let mut rows = csv_rows(&text);
        let header = rows.remove(0);
        let row = &rows[0];
        let col = |name: &str| {
            let i = header.iter().position(|h| h == name).expect("column");
            row[i].as_str()
        };
        assert!(col("title").starts_with("'=HYPERLINK"), "{csv}: {text}");
        assert!(col("members").starts_with("'@SUM(1)"), "{csv}: {text}");
        assert_eq!(col("host"), "'+Phòng PA03", "{csv}");
        assert_eq!(col("author"), "'-2+3", "{csv}");
        assert_eq!(col("tags"), "'=1+1", "{csv}");
        assert!(col("summary").starts_with("'@cmd"), "{csv}: {text}");
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{csv}: {cell:?}"
            );
        }
    }
}

#[test]
fn body_links_without_an_address_or_a_scheme_are_errors_check_finds() {
    let text =
        "---\ntitle: T\ndate: 2023-11-25\n---\n\nMở đầu.\n\n[x]() và [báo](www.cand.com.vn)\n";
    let err = content_error(text);
    assert!(
        err.contains("lỗi[link-no-address]: liên kết không có địa chỉ"),
        "{err}"
    );
    assert!(
        err.contains("liên kết www.cand.com.vn không phải địa chỉ web cũng không phải bài viết"),
        "{err}"
    );
    assert!(err.contains("https://www.cand.com.vn"), "{err}");
    assert!(err.contains("content/a.md:8:"), "{err}");
    assert!(
        !err.contains("hoi-nghi/"),
        "no output page is blamed: {err}"
    );
}

#[test]
fn a_body_image_is_an_error_check_finds() {
    // A photo the write-up does not have, and one from another host.
    let err = content_error("---\ntitle: T\ndate: 2023-11-25\n---\n\n![Hội trường](anh.jpg)\n");
    assert!(err.contains("anh.jpg"), "{err}");
    assert!(err.contains("content/a.md:6:"), "{err}");
    assert!(!err.contains("hoi-nghi/"), "{err}");
    let err = content_error(
        "---\ntitle: T\ndate: 2023-11-25\n---\n\n![Hội trường](https://example.com/a.jpg)\n",
    );
    assert!(
        err.contains("[image-remote]: ảnh phải là một tệp của trang"),
        "{err}"
    );
    assert!(err.contains("content/a.md:6:"), "{err}");
}

#[test]
fn record_separators_in_a_title_or_body_build_and_are_warned_about() {
    let site = Site::new();
    site.write(
        "a.md",
        "---\ntitle: \"Hội nghị\u{1e} tổng kết\"\ndate: 2023-11-25\n---\n\nNội\u{1e} dung\u{1e}.\n",
    );
    let check = site.check(&[]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("ký tự điều khiển (U+001E")
            && check.stderr.contains("content/a.md:2:"),
        "{}",
        check.stderr
    );
    let build = site.build(&[]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(!build.stderr.contains("template"), "{}", build.stderr);
    let page = site.page("hoi-nghi/a/index.html");
    assert!(page.contains("Hội nghị tổng kết"), "the title is kept");
    assert!(!page.contains('\u{1e}'));
}

#[test]
fn control_characters_from_word_never_reach_an_xml_output() {
    let site = Site::new();
    let c = "\u{1}\u{8}\u{1b}\u{1f}";
    site.write(
        "a.md",
        &format!(
            "---\ntitle: \"Tổng kết{c}\"\ndate: 2023-11-25\ncluster: 2\nmembers: [\"Lai{c} Châu\", Sơn La]\n\
             awards: {{collectives: 10, individuals: 20}}\nsummary: \"Tóm tắt{c}\"\n---\n\nNội dung{c}.\n"
        ),
    );
    site.write(
        "b.md",
        &format!("---\ntitle: Sơ kết\ndate: 2024-06-01\ncluster: 2\nmembers: [Sơn La]\n---\n\nThân{c} bài.\n"),
    );
    let build = site.build(&["--base-url", "http://intranet/bao-cao/"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("[control-characters]")
            && build.stderr.contains("đã được thay bằng dấu cách"),
        "{}",
        build.stderr
    );
    for xml in ["atom.xml", "sitemap.xml"] {
        let text = site.page(xml);
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{xml}: {e}"));
    }
    let page = site.page("cum/cum-2/index.html");
    let mut svgs = 0;
    for part in page.split("<svg").skip(1) {
        let svg = format!("<svg{}</svg>", part.split("</svg>").next().unwrap_or(""));
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        svgs += 1;
    }
    assert!(svgs > 0, "the cluster page has charts");
    for (path, bytes) in common::files(&site.out())
        .iter()
        .map(|p| (p, std::fs::read(site.out().join(p)).expect("read")))
    {
        assert!(
            !bytes.iter().any(|b| matches!(b, 0x01 | 0x08 | 0x1b | 0x1f)),
            "{path} carries a control character"
        );
    }
}

#[test]
fn yaml_aliases_that_expand_a_file_a_thousandfold_are_refused() {
    let long = "x".repeat(2_000);
    let mut fm = format!("---\ntitle: &a \"{long}\"\ndate: 2023-11-25\ntags: [");
    fm.push_str(&"*a, ".repeat(5_000));
    fm.push_str("*a]\n---\n\nNội dung.\n");
    let err = content_error(&fm);
    assert!(err.contains("[front-matter-alias-bomb]"), "{err}");
    assert!(err.contains("content/a.md:2:"), "{err}");
}

#[test]
fn sixty_thousand_nested_brackets_are_refused_at_their_line() {
    let text = format!(
        "---\ntitle: T\ndate: 2023-11-25\ntags: {}\n---\n\nNội dung.\n",
        "[".repeat(60_000)
    );
    let err = content_error(&text);
    assert!(
        err.contains("[front-matter-too-deep]") && err.contains("quá 100 cấp"),
        "{err}"
    );
    assert!(err.contains("content/a.md:4:"), "{err}");
}

#[test]
fn thousands_of_honours_are_each_found_at_their_own_line() {
    let mut text = String::from("---\ntitle: T\ndate: 2023-11-25\nhonours:\n");
    for i in 0..5_000 {
        if i == 4_321 {
            text.push_str("  - {title: Cờ thi đua, to: [\"...\"]}\n");
        } else {
            text.push_str("  - {title: Cờ thi đua, to: [Lai Châu]}\n");
        }
    }
    text.push_str("---\n\nNội dung.\n");
    let err = content_error(&text);
    assert!(
        err.contains(&format!("content/a.md:{}:", 5 + 4_321)),
        "{err}"
    );
}

#[test]
fn check_json_prints_json_objects_when_site_yaml_is_broken() {
    let site = Site::new();
    site.write("a.md", &writeup(""));
    site.write_root("site.yaml", "titel: Báo cáo\n");
    let run = site.check(&["--format", "json"]);
    assert_eq!(run.code, 1);
    assert!(!run.stdout.trim().is_empty(), "{}", run.stderr);
    for line in run.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON object per line");
        assert_eq!(v["path"], "site.yaml", "{line}");
        assert_eq!(v["severity"], "error", "{line}");
    }
}

#[test]
fn a_missing_title_or_date_points_at_the_front_matter() {
    let err = content_error("---\nkind: summary\n---\n\nNội dung.\n");
    for what in ["lỗi[title-missing]", "lỗi[date-missing]"] {
        let at = err.find(what).expect(what);
        assert!(
            err[at..]
                .lines()
                .nth(1)
                .unwrap_or("")
                .contains("content/a.md:2:"),
            "{err}"
        );
    }
}

#[test]
fn a_template_error_in_the_sites_404_names_that_file() {
    let site = Site::new();
    site.write("a.md", &writeup(""));
    site.write_root(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ nope( }}{% endblock %}\n",
    );
    let (check, _, code) = check_and_build(&site, &[]);
    assert_eq!(code, 1);
    assert!(check.contains("--> templates/404.html"), "{check}");
    assert!(!check.contains("--> themes/"), "{check}");
}

#[test]
fn check_reports_more_than_the_first_yaml_error_of_a_file() {
    let err = content_error(
        "---\ntitle: T\ndate: 2023-11-25\nclustre: 2\ntags: 5\nmembrs: [a]\n---\n\nNội dung.\n",
    );
    assert!(err.contains("unknown field `clustre`"), "{err}");
    assert!(
        err.contains("content/a.md:5:"),
        "the wrong type of tags: {err}"
    );
    assert!(err.contains("unknown field `membrs`"), "{err}");
    assert!(err.contains("3 lỗi"), "{err}");
    let err = content_error("---\ntitle: T\nclustre: 2\ndate: [2023\n---\n");
    assert!(err.contains("unknown field `clustre`"), "{err}");
    assert!(err.contains("content/a.md:3:"), "{err}");
}

// Serving and publishing.

/// A change to site.yaml reads it again (it was read once, at the start), with
/// the values given on the command line kept; a file beside the site that the
/// site does not read changes nothing.
#[test]
fn a_site_yaml_edit_is_read_again() {
    let site = Site::sample();
    site.write_root("site.yaml", "title: Báo cáo thi đua\n");
    let root = std::fs::canonicalize(site.root()).expect("root");
    let overrides = Overrides {
        include_drafts: true,
        ..Overrides::default()
    };
    let config = config::load(&root, &overrides).expect("config");
    let mut live = LiveSite::load_with(config, overrides);
    let home =
        |live: &LiveSite| String::from_utf8_lossy(&live.output["index.html"].bytes).into_owned();
    assert!(home(&live).contains("<title>Báo cáo thi đua</title>"));

    let yaml = root.join("site.yaml");
    std::fs::write(&yaml, "title: Báo cáo đã sửa\nlanguage: en\n").expect("write");
    let update = live.apply(std::slice::from_ref(&yaml));
    assert!(matches!(update, Update::Full { .. }), "{update:?}");
    assert!(
        home(&live).contains("<title>Báo cáo đã sửa</title>"),
        "{}",
        home(&live)
    );
    assert!(home(&live).contains("lang=\"en\""), "{}", home(&live));
    assert!(live.config.include_drafts, "--drafts is kept");
    assert_same(&mut live, &site, "site.yaml edited");

    // A typo in it shows as an error, and the site comes back once fixed.
    std::fs::write(&yaml, "title: Báo cáo\ntitel: lỗi gõ\n").expect("write");
    assert_eq!(live.apply(std::slice::from_ref(&yaml)), Update::Failed);
    assert!(
        live.diagnostics
            .iter()
            .any(|d| d.is_error() && d.render(Language::Vi).contains("titel")),
        "{:?}",
        live.diagnostics
    );
    std::fs::write(&yaml, "title: Báo cáo lần ba\n").expect("write");
    assert!(matches!(
        live.apply(std::slice::from_ref(&yaml)),
        Update::Full { .. }
    ));
    assert!(!live.has_errors(), "{:?}", live.diagnostics);
    assert!(home(&live).contains("<title>Báo cáo lần ba</title>"));

    // Notes, the output folder and editor temporaries at the root are not the site's.
    let notes = root.join("ghi-chu.txt");
    std::fs::write(&notes, "việc cần làm").expect("write");
    let public = root.join("public/index.html");
    let swap = root.join(".site.yaml.swp");
    for p in [&notes, &public, &swap] {
        assert_eq!(
            live.apply(std::slice::from_ref(p)),
            Update::Pages {
                rendered: 0,
                removed: 0
            },
            "{}",
            p.display()
        );
    }
}

/// `--base-url notaurl` with no site.yaml was reported as an error in
/// site.yaml, a file the user never wrote.
#[test]
fn a_bad_base_url_on_the_command_line_blames_the_flag_not_site_yaml() {
    let site = Site::sample();
    let run = site.build(&["--base-url", "notaurl"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--base-url \"notaurl\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("gợi ý:"), "{}", run.stderr);
    assert!(!run.stderr.contains("site.yaml"), "{}", run.stderr);
    // With a valid one in site.yaml, the flag is still the one to blame.
    site.write_root("site.yaml", "base_url: http://intranet/bao-cao/\n");
    let run = site.build(&["--base-url", "ftp://x/"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
    assert!(!run.stderr.contains("site.yaml"), "{}", run.stderr);
    // A bad one in site.yaml is the file's content error, as before.
    site.write_root("site.yaml", "base_url: notaurl\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("site.yaml"), "{}", run.stderr);
}

/// Editing content/units.yaml while serving names the units as it now says
/// on every page (as a build would), and a later edit of a write-up keeps it.
#[test]
fn a_units_yaml_edit_while_serving_takes_effect() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let page =
        |live: &LiveSite, p: &str| String::from_utf8_lossy(&live.output[p].bytes).into_owned();
    assert!(!page(&live, "cum/cum-5/index.html").contains("Quảng Trị Mới"));

    let units = root.join("content/units.yaml");
    std::fs::write(
        &units,
        "units:\n  - {name: Thừa Thiên Huế, aliases: [TT Huế]}\n  - {name: Quảng Trị Mới, aliases: [Quảng Trị]}\n",
    )
    .expect("write");
    let update = live.apply(std::slice::from_ref(&units));
    assert!(matches!(update, Update::Full { .. }), "{update:?}");
    assert!(page(&live, "cum/cum-5/index.html").contains("Quảng Trị Mới"));
    assert!(live.output.contains_key("don-vi/quang-tri-moi/index.html"));
    assert_same(&mut live, &site, "units.yaml edited");

    // Removed: the names are the write-ups' own again.
    std::fs::remove_file(&units).expect("remove");
    let update = live.apply(std::slice::from_ref(&units));
    assert!(matches!(update, Update::Full { .. }), "{update:?}");
    assert!(!page(&live, "cum/cum-5/index.html").contains("Quảng Trị Mới"));
    assert_same(&mut live, &site, "units.yaml removed");
}

/// Giving a write-up another tag while serving left the tag index as it was:
/// the edit was taken for one that keeps the write-up's place in every index
/// (a hand-written list of fields that lacked `tags`), so the new tag had no
/// page and the old tag page still listed the write-up.
#[test]
fn a_tag_edit_while_serving_updates_the_tag_pages() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let p = root.join("content/cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&p).expect("read");
    let edited = text.replacen("tags: [Tây Bắc, biên giới]", "tags: [Tây Bắc, ma túy]", 1);
    assert_ne!(text, edited);
    std::fs::write(&p, edited).expect("write");
    let update = live.apply(std::slice::from_ref(&p));
    assert!(matches!(update, Update::Pages { .. }), "{update:?}");
    assert!(live.output.contains_key("chu-de/ma-tuy/index.html"));
    assert_same(&mut live, &site, "tag edited");
}
