//! Publishing's rules on real folders: the manifest, the refused outputs, the
//! staging folder swapped in whole or removed, an interrupted swap undone.

use super::*;
use crate::config::Language;

fn map(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(p, h)| (p.to_string(), h.to_string()))
        .collect()
}

/// A site root with `content/`, and the path of its output `public`.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(dir.path().join("content")).expect("mkdir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let out = root.join("public");
    (dir, out)
}

/// Writes `files` into a new staging folder and swaps it in.
fn publish(root: &Path, out: &Path, files: &[(&str, &str)]) -> Published {
    let staging = Staging::create(root, out).expect("staging");
    let mut made = BTreeMap::new();
    for (rel, text) in files {
        staging.write(rel, text.as_bytes()).expect("write");
        made.insert(rel.to_string(), hash(text.as_bytes()));
    }
    staging
        .finish(&made, &manifest_json(&made))
        .expect("finish")
}

fn refusal(root: &Path, out: &Path) -> String {
    match check_output(root, out) {
        Err(e) => {
            assert!(e.is_usage(), "{e}");
            e.message().text(Language::En)
        }
        Ok(()) => panic!("{} should be refused", out.display()),
    }
}

#[test]
fn the_manifest_reads_back_what_was_written_and_skips_the_rest() {
    let dir = tempfile::tempdir().expect("tmp");
    let made = map(&[("index.html", "aa"), ("cum/cum-2/index.html", "bb")]);
    std::fs::write(dir.path().join(MANIFEST), manifest_json(&made)).expect("write");
    let read = read_manifest(dir.path())
        .expect("readable")
        .expect("present");
    assert_eq!(read.files, made);
    assert!(read.invalid.is_empty());

    let hand_edited = r#"{"files": [
        {"path": "index.html", "blake3": "aa"},
        {"path": "../outside.txt", "blake3": "bb"},
        {"path": "baocao-manifest.json", "blake3": "cc"},
        {"path": "no-hash.html"},
        {"blake3": "no-path"}
    ]}"#;
    std::fs::write(dir.path().join(MANIFEST), hand_edited).expect("write");
    let read = read_manifest(dir.path())
        .expect("readable")
        .expect("present");
    assert_eq!(read.files, map(&[("index.html", "aa")]));
    assert_eq!(read.invalid, ["../outside.txt"]);
}

#[test]
fn a_missing_manifest_is_none_and_a_broken_one_an_error() {
    let dir = tempfile::tempdir().expect("tmp");
    assert_eq!(read_manifest(dir.path()), Ok(None));
    assert_eq!(
        current_manifest(dir.path()).expect("no manifest"),
        Manifest::default()
    );
    for broken in ["{not json", r#"{"generator": "baocao"}"#] {
        std::fs::write(dir.path().join(MANIFEST), broken).expect("write");
        assert!(read_manifest(dir.path()).is_err(), "{broken}");
        let e = current_manifest(dir.path()).expect_err("refused");
        assert!(e.is_usage());
        assert!(e.message().text(Language::En).contains(MANIFEST), "{e}");
    }
}

#[test]
fn outputs_that_are_not_baocaos_to_replace_are_refused() {
    let (_dir, out) = site();
    let root = out.parent().expect("root").to_path_buf();
    assert!(
        check_output(&root, &out).is_ok(),
        "a missing output is fine"
    );
    std::fs::create_dir_all(&out).expect("mkdir");
    assert!(check_output(&root, &out).is_ok(), "so is an empty one");

    assert!(refusal(&root, &root).contains("the site's root folder"));
    assert!(refusal(&root, root.parent().expect("parent")).contains("contains the site's root"));
    assert!(refusal(&root, Path::new("/")).contains("file system's root"));

    std::fs::write(out.join("notes.txt"), "x").expect("write");
    assert!(refusal(&root, &out).contains("has no baocao-manifest.json"));
    std::fs::write(out.join(MANIFEST), manifest_json(&BTreeMap::new())).expect("write");
    assert!(check_output(&root, &out).is_ok(), "baocao made it");
    std::fs::create_dir_all(out.join(".git")).expect("mkdir");
    assert!(refusal(&root, &out).contains(".git"));
    std::fs::create_dir_all(out.join("content")).expect("mkdir");
    assert!(refusal(&root, &out).contains("content/"));

    let file = root.join("tep");
    std::fs::write(&file, "x").expect("write");
    assert!(refusal(&root, &file).contains("a file, not a folder"));
}

#[test]
fn a_finished_build_replaces_the_site_and_keeps_the_publishers_files() {
    let (_dir, out) = site();
    let root = out.parent().expect("root").to_path_buf();
    publish(
        &root,
        &out,
        &[("index.html", "một"), ("cu/index.html", "cũ")],
    );
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).expect("read"),
        "một"
    );
    std::fs::write(out.join("robots.txt"), "User-agent: *\n").expect("write");

    let published = publish(
        &root,
        &out,
        &[("index.html", "hai"), ("moi/index.html", "mới")],
    );
    assert_eq!(published.kept, ["robots.txt"]);
    assert!(published.cleanup_failed.is_none());
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).expect("read"),
        "hai"
    );
    assert!(out.join("moi/index.html").is_file());
    assert!(
        !out.join("cu").exists(),
        "a page baocao made and no longer makes is gone"
    );
    assert!(out.join("robots.txt").is_file());
    let manifest = read_manifest(&out).expect("readable").expect("present");
    assert_eq!(
        manifest.files.keys().collect::<Vec<_>>(),
        ["index.html", "moi/index.html"]
    );
    assert_eq!(manifest.files["index.html"], hash(b"hai"));
    let beside: Vec<String> = std::fs::read_dir(&root)
        .expect("root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(
        beside.is_empty(),
        "no staging or old folder left: {beside:?}"
    );
}

#[test]
fn a_staging_folder_dropped_unfinished_leaves_the_site_as_it_was() {
    let (_dir, out) = site();
    let root = out.parent().expect("root").to_path_buf();
    publish(&root, &out, &[("index.html", "một")]);
    let staging = Staging::create(&root, &out).expect("staging");
    staging.write("index.html", b"hai").expect("write");
    staging
        .write("sau/xa/index.html", b"x")
        .expect("folders made");
    let tmp = root.join(format!(".public.tmp-{}", std::process::id()));
    assert!(tmp.join("sau/xa/index.html").is_file());
    drop(staging);
    assert!(!tmp.exists(), "the staging folder is removed");
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).expect("read"),
        "một"
    );
}

#[test]
fn a_publishers_file_at_a_page_path_fails_the_build_by_name() {
    let (_dir, out) = site();
    let root = out.parent().expect("root").to_path_buf();
    publish(&root, &out, &[("index.html", "một")]);
    std::fs::write(out.join("gioi-thieu.html"), "của người quản trị").expect("write");
    let staging = Staging::create(&root, &out).expect("staging");
    staging.write("gioi-thieu.html", b"trang").expect("write");
    let made = map(&[("gioi-thieu.html", &hash(b"trang"))]);
    match staging.finish(&made, &manifest_json(&made)) {
        Err(WriteError::Clash { paths, .. }) => assert_eq!(paths, ["gioi-thieu.html"]),
        other => panic!("a clash, got {other:?}"),
    }
    assert_eq!(
        std::fs::read_to_string(out.join("gioi-thieu.html")).expect("read"),
        "của người quản trị"
    );
}

#[test]
fn a_site_left_aside_by_a_killed_swap_is_put_back() {
    let (_dir, out) = site();
    let root = out.parent().expect("root").to_path_buf();
    assert_eq!(orphaned_site(&out), None);
    // A pid above the kernel's maximum: no live process has it.
    let old = root.join(".public.old-99999999");
    std::fs::create_dir_all(&old).expect("mkdir");
    std::fs::write(old.join("index.html"), "cũ").expect("write");
    assert_eq!(orphaned_site(&out), Some(old.clone()));
    assert_eq!(restore_orphan(&out).expect("restored"), Some(old.clone()));
    assert!(!old.exists());
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).expect("read"),
        "cũ"
    );
    assert_eq!(
        orphaned_site(&out),
        None,
        "a site at the output is not an orphan"
    );
}

#[test]
fn leftovers_are_only_dead_builds_folders_of_this_output() {
    let (_dir, out) = site();
    let root = out.parent().expect("root").to_path_buf();
    for name in [
        ".public.tmp-99999999",
        ".public.old-99999998",
        &format!(".public.tmp-{}", std::process::id()),
        ".public.tmp-notes",
        ".public.tmp-",
        ".khac.tmp-99999999",
    ] {
        std::fs::create_dir_all(root.join(name)).expect("mkdir");
    }
    assert_eq!(
        leftovers(&root, "public"),
        [
            root.join(".public.old-99999998"),
            root.join(".public.tmp-99999999")
        ]
    );
}

#[test]
fn changes_are_what_a_build_adds_changes_and_removes() {
    let old = map(&[("a.html", "1"), ("b.html", "2"), ("c.html", "3")]);
    let new = map(&[("a.html", "1"), ("b.html", "9"), ("d.html", "4")]);
    assert_eq!(
        diff(&old, &new),
        Changes {
            added: vec!["d.html".into()],
            changed: vec!["b.html".into()],
            removed: vec!["c.html".into()],
        }
    );
    assert_eq!(diff(&new, &new), Changes::default());
}

#[test]
fn the_hash_of_a_file_is_the_hash_of_its_bytes() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("a.bin");
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &bytes).expect("write");
    assert_eq!(hash_file(&path).expect("hash"), hash(&bytes));
    assert_ne!(hash(b"a"), hash(b"b"));
    assert!(hash_file(&dir.path().join("missing")).is_err());
}

#[test]
fn only_a_full_disk_gets_the_disk_full_help() {
    let full = WriteError::Io {
        path: PathBuf::from("x"),
        error: io::ErrorKind::StorageFull.into(),
    };
    let denied = WriteError::Io {
        path: PathBuf::from("x"),
        error: io::ErrorKind::PermissionDenied.into(),
    };
    assert!(full.help().is_some());
    assert!(denied.help().is_none());
    assert!(!full.is_usage() && !denied.is_usage());
    assert!(is_disk_full(&io::ErrorKind::QuotaExceeded.into()));
    assert!(!is_disk_full(&io::ErrorKind::NotFound.into()));
}

#[test]
fn a_clash_lists_ten_paths_and_counts_the_rest() {
    let one = WriteError::Clash {
        output: PathBuf::from("public"),
        paths: vec!["index.html".into()],
    };
    let many = WriteError::Clash {
        output: PathBuf::from("public"),
        paths: (0..12).map(|i| format!("p{i}.html")).collect(),
    };
    let one = one.message().text(Language::En);
    let many = many.message().text(Language::En);
    assert!(one.contains("\"index.html\""), "{one}");
    assert!(
        many.contains("\"p9.html\"") && !many.contains("\"p10.html\""),
        "{many}"
    );
    assert!(many.contains('2'), "the two not shown are counted: {many}");
    assert_ne!(
        one.replace("\"index.html\"", ""),
        many,
        "one and many read differently"
    );
}
