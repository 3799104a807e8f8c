//! The live preview's incremental rebuild must give exactly the site a full
//! build gives, after every kind of edit.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use baocao::config::{self, Overrides};
use baocao::live::{LiveSite, Update};
use common::Site;

fn pages(live: &mut LiveSite) -> BTreeMap<String, Vec<u8>> {
    live.refresh_data();
    live.output
        .iter()
        .map(|(p, f)| (p.clone(), f.bytes.clone()))
        .collect()
}

fn fresh(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let config = config::load(site.root(), &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    assert!(!live.has_errors(), "{:?}", live.diagnostics);
    pages(&mut live)
}

fn assert_same(live: &mut LiveSite, site: &Site, what: &str) {
    let incremental = pages(live);
    let full = fresh(site);
    let only_inc: Vec<&String> = incremental
        .keys()
        .filter(|k| !full.contains_key(*k))
        .collect();
    let only_full: Vec<&String> = full
        .keys()
        .filter(|k| !incremental.contains_key(*k))
        .collect();
    assert!(
        only_inc.is_empty() && only_full.is_empty(),
        "{what}: stale {only_inc:?}, missing {only_full:?}"
    );
    for (path, bytes) in &full {
        let inc = &incremental[path];
        if inc != bytes {
            let at = inc.iter().zip(bytes).position(|(a, b)| a != b).unwrap_or(0);
            let around = |b: &[u8]| {
                String::from_utf8_lossy(&b[at.saturating_sub(80)..(at + 80).min(b.len())])
                    .into_owned()
            };
            panic!(
                "{what}: {path} differs from a full build at byte {at}:\nincremental: {:?}\nfull:        {:?}",
                around(inc),
                around(bytes)
            );
        }
    }
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let file = |rel: &str| -> PathBuf { root.join("content").join(rel) };

    // A new title shows on its page, its neighbours' links, its cluster, units, year, home.
    let p = file("cum-2/2023-tong-ket.md");
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, text.replace("năm 2023\"", "năm 2023 (sửa)\"")).expect("write");
    let update = live.apply(std::slice::from_ref(&p));
    let total = live.output.len();
    assert!(
        matches!(update, Update::Pages { rendered, .. } if rendered < total),
        "{update:?} of {total}"
    );
    assert_same(&mut live, &site, "edited title");

    // Changed numbers and members.
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(
        &p,
        text.replace("\"2.847\"", "\"3.000\"")
            .replace("Lạng Sơn]", "Lạng Sơn, Bắc Kạn]"),
    )
    .expect("write");
    live.apply(std::slice::from_ref(&p));
    assert_same(&mut live, &site, "edited awards and members");

    // Moved to another cluster and year.
    let p5 = file("cum-5/2022-tong-ket.md");
    let text = std::fs::read_to_string(&p5).expect("read");
    std::fs::write(
        &p5,
        text.replace("cluster: 5", "cluster: 7")
            .replace("22/11/2022", "20/11/2021"),
    )
    .expect("write");
    live.apply(std::slice::from_ref(&p5));
    assert_same(&mut live, &site, "moved cluster and year");

    // A new write-up, then a deleted one.
    let added = file("cum-2/2025-so-ket.md");
    std::fs::write(
        &added,
        "---\ntitle: Sơ kết 2025\ndate: 2025-06-10\ncluster: 2\nkind: review\nmembers: [Sơn La, Yên Bái]\nhost: Yên Bái\n---\nSơ kết.\n",
    )
    .expect("write");
    live.apply(std::slice::from_ref(&added));
    assert_same(&mut live, &site, "added write-up");
    let gone = file("cum-2/2024-ky-ket.md");
    std::fs::remove_file(&gone).expect("remove");
    live.apply(std::slice::from_ref(&gone));
    assert_same(&mut live, &site, "deleted write-up");

    // A broken edit keeps the last good site and reports; the fix brings it back.
    let text = std::fs::read_to_string(&added).expect("read");
    std::fs::write(&added, text.replace("2025-06-10", "2025-02-30")).expect("write");
    assert_eq!(live.apply(std::slice::from_ref(&added)), Update::Failed);
    assert!(live.has_errors());
    std::fs::write(&added, text.replace("Sơ kết.", "Sơ kết, đã sửa.")).expect("write");
    live.apply(std::slice::from_ref(&added));
    assert!(!live.has_errors());
    assert_same(&mut live, &site, "fixed after an error");

    // Editor temporaries change nothing.
    let tmp = file("cum-2/.2025-so-ket.md.swp");
    std::fs::write(&tmp, "junk").expect("write");
    assert_eq!(
        live.apply(&[tmp]),
        Update::Pages {
            rendered: 0,
            removed: 0
        }
    );
}

#[test]
fn the_streamed_build_writes_exactly_the_live_preview_site() {
    let site = Site::sample();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let in_memory = pages(&mut live);
    let on_disk: BTreeMap<String, Vec<u8>> = common::files(&site.out())
        .into_iter()
        .filter(|p| p != "baocao-manifest.json")
        .map(|p| {
            let bytes = std::fs::read(site.out().join(&p)).expect("read");
            (p, bytes)
        })
        .collect();
    assert_eq!(
        in_memory.keys().collect::<Vec<_>>(),
        on_disk.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &on_disk {
        assert!(
            in_memory[path] == *bytes,
            "{path} differs between build and serve"
        );
    }
}
