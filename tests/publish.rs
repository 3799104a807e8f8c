//! Publishing: baocao deletes only what it made, swaps the new site in so that
//! the output path always holds a whole site, and says what went wrong once,
//! with the right exit code.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{files, Run, Site};

/// Runs `baocao build` with `BAOCAO_FAULT` set (the test hook of write.rs).
fn build_with_fault(site: &Site, fault: &str) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("build")
        .env("BAOCAO_FAULT", fault)
        .current_dir(site.root())
        .output()
        .expect("the baocao binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The publisher's own files, put in the output by hand.
fn add_publishers_files(site: &Site) {
    let out = site.out();
    std::fs::write(out.join("robots.txt"), "User-agent: *\nDisallow:\n").expect("robots");
    std::fs::create_dir_all(out.join("tai-lieu/2023")).expect("mkdir");
    std::fs::write(out.join("tai-lieu/x.pdf"), b"%PDF-1.4 x").expect("pdf");
    std::fs::write(out.join("tai-lieu/2023/y.pdf"), b"%PDF-1.4 y").expect("pdf");
    // Inside a folder baocao writes into.
    std::fs::write(out.join("cum/ghi-chu.txt"), "ghi chú").expect("note");
}

fn assert_publishers_files(out: &Path) {
    assert_eq!(
        std::fs::read_to_string(out.join("robots.txt")).expect("robots.txt kept"),
        "User-agent: *\nDisallow:\n"
    );
    assert_eq!(
        std::fs::read(out.join("tai-lieu/x.pdf")).expect("tai-lieu/x.pdf kept"),
        b"%PDF-1.4 x"
    );
    assert_eq!(
        std::fs::read(out.join("tai-lieu/2023/y.pdf")).expect("tai-lieu/2023/y.pdf kept"),
        b"%PDF-1.4 y"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("cum/ghi-chu.txt")).expect("cum/ghi-chu.txt kept"),
        "ghi chú"
    );
}

const PUBLISHERS: [&str; 4] = [
    "cum/ghi-chu.txt",
    "robots.txt",
    "tai-lieu/2023/y.pdf",
    "tai-lieu/x.pdf",
];

/// The manifest of `out` as path → hash.
fn manifest(out: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(out.join("baocao-manifest.json")).expect("manifest");
    let v: serde_json::Value = serde_json::from_str(&text).expect("manifest JSON");
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().expect("path").to_string(),
                f["blake3"].as_str().expect("hash").to_string(),
            )
        })
        .collect()
}

/// The output holds one whole site: every file its manifest lists, with that
/// hash, and nothing else but the manifest and the publisher's files.
fn assert_whole_site(out: &Path, context: &str) {
    assert!(out.is_dir(), "{context}: no site at {}", out.display());
    let listed = manifest(out);
    assert!(
        listed.contains_key("index.html"),
        "{context}: the manifest lists the home page"
    );
    for (path, hash) in &listed {
        let bytes = std::fs::read(out.join(path))
            .unwrap_or_else(|e| panic!("{context}: {path} is listed but missing: {e}"));
        assert_eq!(
            &blake3::hash(&bytes).to_hex().to_string(),
            hash,
            "{context}: {path} does not match the manifest"
        );
    }
    let others: Vec<String> = files(out)
        .into_iter()
        .filter(|p| !listed.contains_key(p) && p != "baocao-manifest.json")
        .collect();
    assert_eq!(others, PUBLISHERS, "{context}: files beside the site");
}

/// Folders baocao made beside the output (`.public.tmp-…`, `.public.old-…`).
fn leftovers(site: &Site) -> Vec<String> {
    std::fs::read_dir(site.root())
        .expect("root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// An edit that changes pages, so that the old and the new site differ.
fn edit_content(site: &Site) {
    let file = site.root().join("content/cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("\"2.847\""));
    std::fs::write(&file, text.replace("\"2.847\"", "\"2.848\"")).expect("write");
}

#[test]
fn publishers_files_survive_rebuilds_and_dry_run_lists_them_as_kept() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    add_publishers_files(&site);
    let run = site.build(&["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for kept in ["= robots.txt\n", "= tai-lieu/\n", "= cum/ghi-chu.txt\n"] {
        assert!(run.stdout.contains(kept), "{kept}: {}", run.stdout);
    }
    assert!(
        !run.stdout.contains("- "),
        "nothing removed: {}",
        run.stdout
    );
    assert!(run.stdout.contains("0 xóa, 3 giữ lại"), "{}", run.stdout);
    edit_content(&site);
    for round in 0..2 {
        let run = site.build(&[]);
        assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
        assert!(
            run.stdout
                .contains("đã giữ lại các mục không do baocao tạo ra"),
            "{}",
            run.stdout
        );
        assert_publishers_files(&site.out());
        assert_whole_site(&site.out(), &format!("round {round}"));
        assert!(site.page("cum/cum-2/index.html").contains("2.848"));
        let listed = manifest(&site.out());
        for p in PUBLISHERS {
            assert!(!listed.contains_key(p), "{p} is not baocao's");
        }
        assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_of_the_publishers_keeps_its_mode_and_files() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let folder = site.out().join("tai-lieu");
    std::fs::create_dir_all(&folder).expect("mkdir");
    std::fs::write(folder.join("x.pdf"), b"%PDF").expect("write");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    for round in 0..2 {
        let run = site.build(&[]);
        assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
        assert!(!run.stderr.contains("cảnh báo"), "{}", run.stderr);
        let mode = std::fs::metadata(&folder)
            .expect("kept")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o555, "round {round}");
        assert_eq!(std::fs::read(folder.join("x.pdf")).expect("kept"), b"%PDF");
        assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
    }
    // Let the temporary folder be deleted.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn a_folder_the_publisher_made_inside_the_site_keeps_its_files_when_pages_arrive() {
    // The publisher made nam/2025/ (notes for a year not built yet); then a
    // write-up of 2025 arrives and the build writes its year page there.
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    std::fs::create_dir_all(site.out().join("nam/2025")).expect("mkdir");
    std::fs::write(site.out().join("nam/2025/ghi-chu.txt"), "x").expect("write");
    site.write(
        "cum-5/2025-ky-ket.md",
        "---\ntitle: Ký kết 2025\ndate: 2025-03-01\ncluster: 5\nkind: pledge\nmembers: [Hà Tĩnh]\n---\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.page("nam/2025/index.html").contains("<!DOCTYPE html>"));
    assert_eq!(site.page("nam/2025/ghi-chu.txt"), "x");
}

#[test]
fn a_publishers_file_at_the_path_of_a_page_fails_the_build_naming_it() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let before = files(&site.out());
    let page = "hoi-nghi/cum-5/2023-ky-ket/index.html";
    std::fs::create_dir_all(site.out().join("hoi-nghi/cum-5/2023-ky-ket")).expect("mkdir");
    std::fs::write(site.out().join(page), "trang của người quản trị").expect("write");
    site.write(
        "cum-5/2023-ky-ket.md",
        "---\ntitle: Ký kết 2023\ndate: 2023-03-01\ncluster: 5\nkind: pledge\nmembers: [Hà Tĩnh]\n---\n",
    );
    let run = site.build(&["--dry-run"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(page), "{}", run.stderr);
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("\"{page}\"")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("gợi ý:"), "{}", run.stderr);
    assert_eq!(
        site.page(page),
        "trang của người quản trị",
        "not overwritten"
    );
    let mut expected = before;
    expected.push(page.to_string());
    expected.sort();
    assert_eq!(files(&site.out()), expected, "the output is untouched");
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn a_manifest_listing_paths_outside_the_output_is_harmless() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    // Files beside and above the output that a bad manifest names.
    site.write_root("outside.txt", "ngoài");
    site.write_root("x", "x");
    let path = site.out().join("baocao-manifest.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    let bad = [
        "../outside.txt",
        "/etc/passwd",
        "a/../../x",
        "..\\outside.txt",
        "./index.html",
        "C:/x",
        "",
        "cum//x",
    ];
    for p in bad {
        v["files"]
            .as_array_mut()
            .expect("files")
            .push(serde_json::json!({"path": p, "blake3": "00"}));
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&v).expect("json")).expect("write");
    let run = site.build(&["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(
            !line.contains("outside") && !line.contains("passwd") && !line.contains(".."),
            "a path outside the output is listed: {line}"
        );
    }
    assert!(run.stdout.contains(" 0 xóa"), "{}", run.stdout);
    assert!(
        run.stderr.contains("cảnh báo[manifest-path-invalid]")
            && run
                .stderr
                .contains("không phải đường dẫn bên trong thư mục kết quả"),
        "{}",
        run.stderr
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(site.root().join("outside.txt")).expect("kept"),
        "ngoài"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("x")).expect("kept"),
        "x"
    );
    assert!(Path::new("/etc/passwd").exists());
    let listed = manifest(&site.out());
    for p in bad {
        assert!(
            !listed.contains_key(p),
            "{p:?} is dropped from the manifest"
        );
    }
}

#[test]
fn an_unreadable_manifest_refuses_the_build_and_keeps_every_file() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    add_publishers_files(&site);
    std::fs::write(site.out().join("baocao-manifest.json"), "{ hỏng").expect("write");
    let before = files(&site.out());
    let run = site.build(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("baocao-manifest.json"),
        "{}",
        run.stderr
    );
    assert_eq!(files(&site.out()), before);
}

#[test]
fn the_link_check_ignores_the_publishers_pages() {
    let site = Site::sample();
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    // A page of the publisher's with a link to nothing: not the build's to check.
    std::fs::write(
        site.out().join("gioi-thieu.html"),
        "<!DOCTYPE html><a href=\"khong-co.html\">x</a><img src=\"anh/khong-co.png\">",
    )
    .expect("write");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("[link-broken]"), "{}", run.stderr);
    let pages = |r: &Run| {
        r.stdout
            .split("đã dựng ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .map(str::to_string)
    };
    assert_eq!(
        pages(&run),
        pages(&first),
        "the publisher's page is not counted"
    );
    assert!(!manifest(&site.out()).contains_key("gioi-thieu.html"));
    assert!(site.page("gioi-thieu.html").contains("khong-co.html"));
}

/// The site and the fault words a step needs: the two-rename steps only
/// happen without the exchange; `restored` needs an orphaned site first.
fn fault_words(step: &str) -> String {
    match step {
        "after-old-moved" | "after-new-moved" => format!("no-exchange,{step}"),
        _ => step.to_string(),
    }
}

#[test]
fn a_build_killed_at_any_step_of_publishing_leaves_a_whole_site() {
    for step in baocao::write::FAULT_STEPS {
        for exchange in [true, false] {
            // Each swap has its own steps.
            let only_exchange = *step == "after-exchange";
            let only_renames = matches!(*step, "after-old-moved" | "after-new-moved");
            if (only_exchange && !exchange) || (only_renames && exchange) {
                continue;
            }
            let context = format!("killed at {step} (exchange: {exchange})");
            let site = Site::sample();
            assert_eq!(site.build(&[]).code, 0);
            add_publishers_files(&site);
            let old = manifest(&site.out());
            edit_content(&site);
            let mut words = fault_words(step);
            if !exchange && !words.contains("no-exchange") {
                words = format!("no-exchange,{words}");
            }
            if *step == "restored" {
                // Leave the old site aside first, as a build killed between
                // the two renames does.
                let run = build_with_fault(&site, "no-exchange,after-old-moved");
                assert_eq!(run.code, -1, "{context}: {}", run.stderr);
                assert!(!site.out().exists(), "{context}");
            }
            let run = build_with_fault(&site, &words);
            assert_eq!(run.code, -1, "{context}: the fault fired: {}", run.stderr);
            if *step == "after-old-moved" {
                // Only the two-rename swap has this moment: the old site is
                // whole, beside the output, until the next build puts it back.
                assert!(!site.out().exists(), "{context}");
                let aside: Vec<PathBuf> = leftovers(&site)
                    .into_iter()
                    .filter(|n| n.starts_with(".public.old-"))
                    .map(|n| site.root().join(n))
                    .collect();
                assert_eq!(aside.len(), 1, "{context}: {:?}", leftovers(&site));
                assert_whole_site(&aside[0], &context);
                assert_eq!(manifest(&aside[0]), old, "{context}");
            } else {
                assert_whole_site(&site.out(), &context);
                assert_publishers_files(&site.out());
            }
            let run = site.build(&[]);
            assert_eq!(run.code, 0, "{context}: the next build: {}", run.stderr);
            assert_whole_site(&site.out(), &format!("{context}, then rebuilt"));
            assert_publishers_files(&site.out());
            assert!(
                site.page("cum/cum-2/index.html").contains("2.848"),
                "{context}"
            );
            assert!(
                leftovers(&site).is_empty(),
                "{context}: {:?}",
                leftovers(&site)
            );
        }
    }
}

#[test]
fn an_orphaned_old_site_is_restored_not_deleted() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    add_publishers_files(&site);
    let before = manifest(&site.out());
    // What a build killed between the two renames of its swap leaves: no
    // output, the old site aside (a pid no live process can have).
    let aside = site.root().join(".public.old-99999999");
    std::fs::rename(site.out(), &aside).expect("rename");
    // The next build fails on content: the old site must come back anyway.
    site.write("hong.md", "---\ntitle: x\n---\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("ghi chú: đã khôi phục trang trước đó"),
        "{}",
        run.stderr
    );
    assert!(!aside.exists());
    assert_eq!(manifest(&site.out()), before);
    assert_whole_site(&site.out(), "restored");
    assert_publishers_files(&site.out());
    std::fs::remove_file(site.root().join("content/hong.md")).expect("remove");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_publishers_files(&site.out());
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn a_full_disk_is_said_once_with_the_folder_and_the_space_needed() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let before = files(&site.out());
    edit_content(&site);
    let run = build_with_fault(&site, "disk-full");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("lỗi[").count(),
        1,
        "one error: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("lỗi[disk-full]: ổ đĩa đã đầy"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("trang cần khoảng"), "{}", run.stderr);
    assert!(
        run.stderr.contains(" kB") || run.stderr.contains(" MB"),
        "{}",
        run.stderr
    );
    // The folder the new site is written in: the site's root here.
    let root = std::fs::canonicalize(site.root()).expect("root");
    assert!(
        run.stderr
            .contains(&format!("để ghi trang vào {}\n", root.display())),
        "{}",
        run.stderr
    );
    assert_eq!(files(&site.out()), before, "the output is untouched");
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::sample();
    site.write_root("tep", "x");
    for args in [
        &["--output", "."][..],
        &["--output", ".."][..],
        &["--output", "tep"][..],
        &["--base-url", "notaurl"][..],
    ] {
        let run = site.build(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("lỗi: "), "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("ghi chú"),
            "no content report: {}",
            run.stderr
        );
    }
    assert!(!site.out().exists());
}

#[test]
fn empty_content_does_not_replace_a_published_site_unless_allowed() {
    let site = Site::sample();
    assert_eq!(site.build(&[]).code, 0);
    let before = files(&site.out());
    std::fs::remove_dir_all(site.root().join("content")).expect("rm");
    std::fs::create_dir_all(site.root().join("content")).expect("mkdir");
    for args in [&[][..], &["--dry-run"][..]] {
        let run = site.build(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("content/ không có bài viết nào"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--allow-empty"), "{}", run.stderr);
        assert_eq!(files(&site.out()), before, "the output is untouched");
    }
    let run = site.build(&["--allow-empty"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.out().join("cum/cum-2/index.html").exists());
    // An empty site replacing an empty one needs no flag.
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_new_site_with_no_write_ups_yet_builds_without_the_flag() {
    let site = Site::new();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
