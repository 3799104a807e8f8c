//! `baocao import` on the five seed articles: each draft lands where `new` would
//! put it and, once the editor writes its body, passes `check`.

mod common;

use common::{baocao, repo, Site};

fn seeds() -> Vec<std::path::PathBuf> {
    let dir = repo().join("../shared/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_imports_to_a_draft_that_passes_check_once_written() {
    let site = Site::new();
    let seeds = seeds();
    assert_eq!(seeds.len(), 5);
    let mut written = Vec::new();
    for seed in &seeds {
        let run = baocao(site.root(), &["import", seed.to_str().expect("utf-8 path")]);
        assert_eq!(run.code, 0, "{}: {}", seed.display(), run.stderr);
        let rel = run.stdout.trim().to_string();
        assert!(rel.starts_with("content/"), "{rel}");
        written.push(rel);
    }
    assert!(
        written.contains(&"content/cum-2/2023-tong-ket.md".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"content/cum-5/2022-tong-ket.md".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"content/cum-2/2024-ky-ket.md".to_string()),
        "{written:?}"
    );

    // Drafts are left out of a normal check, whatever they lack.
    assert_eq!(site.check(&[]).code, 0);

    // The editor writes each body; the 2017 article gives no day, so the editor
    // supplies the date the importer refused to guess.
    for rel in &written {
        let path = site.root().join(rel);
        let text = std::fs::read_to_string(&path).expect("draft");
        let mut text = text.replace(
            "_Bản nháp: nội dung bài viết do biên tập viên soạn._",
            "Biên tập viên viết lại nội dung hội nghị.",
        );
        if !text.contains("\ndate: ") {
            text = text.replacen("\ncluster:", "\ndate: 2017-12-01\ncluster:", 1);
        }
        std::fs::write(&path, text).expect("write");
    }
    let run = site.check(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("checked 5 write-ups: 0 errors"),
        "{}",
        run.stdout
    );
}

#[test]
fn import_never_overwrites() {
    let site = Site::sample();
    let seed = &seeds()[0];
    let run = baocao(site.root(), &["import", seed.to_str().expect("utf-8 path")]);
    assert_eq!(
        run.code, 1,
        "content/cum-2/2023-tong-ket.md exists in the sample"
    );
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
}
