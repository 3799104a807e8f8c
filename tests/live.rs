//! The live preview's incremental rebuild must give exactly the site a full
//! build gives, after every kind of edit.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use baocao::config::{self, Language, Overrides};
use baocao::diagnostics::Diagnostic;
use baocao::live::{LiveSite, Update};
use common::live::{assert_same, pages};
use common::Site;

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

/// The errors of the incremental site are those of a fresh one, and every
/// diagnostic it shows is one a fresh check finds (a fresh load also runs the
/// warnings-only checks, which an edit leaves out).
fn assert_same_diagnostics(live: &LiveSite, site: &Site, what: &str) {
    let config = config::load(site.root(), &Overrides::default()).expect("config");
    let full = baocao::pipeline::Site::read(config).diagnostics;
    let errors = |d: &[Diagnostic]| -> Vec<String> {
        d.iter()
            .filter(|d| d.is_error())
            .map(|d| d.render(Language::Vi))
            .collect()
    };
    assert_eq!(errors(&live.diagnostics), errors(&full), "{what}");
    for d in &live.diagnostics {
        assert!(
            full.contains(d),
            "{what}: {} is not in a full check",
            d.render(Language::Vi)
        );
    }
    let mut sorted = live.diagnostics.clone();
    baocao::diagnostics::sort(&mut sorted);
    assert!(sorted == live.diagnostics, "{what}: not sorted");
}

/// Replaces `from` (which must be there) with `to` in the file.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

fn write_up(date: &str, cluster: &str, kind: &str, members: &str, extra: &str) -> String {
    format!(
        "---\ntitle: Hội nghị {kind} ngày {date}\ndate: {date}\n{cluster}kind: {kind}\nmembers: [{members}]\n{extra}---\nNội dung.\n"
    )
}

/// Edits that move a write-up in the indexes: each incremental result equals
/// a full build, pages and errors both.
#[test]
fn structural_edits_equal_full_builds() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let file = |rel: &str| -> PathBuf { root.join("content").join(rel) };
    let step = |live: &mut LiveSite, paths: &[&PathBuf], what: &str| {
        let paths: Vec<PathBuf> = paths.iter().map(|p| (*p).clone()).collect();
        let update = live.apply(&paths);
        assert!(
            matches!(update, Update::Pages { .. }),
            "{what}: {update:?} {:?}",
            live.diagnostics
        );
        assert_same(live, &site, what);
        assert_same_diagnostics(live, &site, what);
    };

    // Three conferences of cluster II in 2023, so that dates can reorder them.
    let june = file("cum-2/2023-so-ket.md");
    let feb = file("cum-2/2023-ky-ket.md");
    std::fs::write(
        &june,
        write_up(
            "2023-06-10",
            "cluster: II\n",
            "review",
            "Lai Châu, Sơn La",
            "host: Sơn La\n",
        ),
    )
    .expect("write");
    step(&mut live, &[&june], "added a review");
    std::fs::write(
        &feb,
        write_up(
            "2023-02-15",
            "cluster: II\n",
            "pledge",
            "Lai Châu, Sơn La, Lào Cai",
            "leader: Lào Cai\n",
        ),
    )
    .expect("write");
    step(&mut live, &[&feb], "added a pledge");

    // A date in the same year that moves the review before the pledge, then
    // after the year-end summary.
    edit(&june, "date: 2023-06-10", "date: 2023-01-20");
    step(&mut live, &[&june], "date moved earlier on the timeline");
    edit(&june, "date: 2023-01-20", "date: 2023-12-05");
    step(&mut live, &[&june], "date moved past the summary");

    // To another cluster, to a cluster of its own, and back.
    edit(&june, "cluster: II", "cluster: 5");
    step(&mut live, &[&june], "moved to cluster 5");
    edit(&june, "cluster: 5", "cluster: 9");
    step(&mut live, &[&june], "moved to a new cluster");
    edit(&june, "cluster: 9", "cluster: II");
    step(&mut live, &[&june], "moved back");

    // Members: one added (a new unit), one removed; the latest write-up of the
    // year sets the cluster's members.
    edit(
        &june,
        "members: [Lai Châu, Sơn La]",
        "members: [Lai Châu, Sơn La, Yên Bái, Phòng Cảnh sát giao thông]",
    );
    step(&mut live, &[&june], "members added");
    edit(&june, "Lai Châu, Sơn La, ", "Sơn La, ");
    step(&mut live, &[&june], "member removed");

    // Host, leader, deputy, awards, honours and kind.
    edit(&feb, "leader: Lào Cai\n", "leader: Sơn La\ndeputy: Lai Châu\nhost: Lào Cai\nawards: {collectives: 12}\nhonours:\n  - {title: Bằng khen, to: [Lai Châu]}\n");
    step(&mut live, &[&feb], "leader, deputy, host, awards, honours");
    edit(&feb, "kind: pledge", "kind: launch");
    step(&mut live, &[&feb], "kind changed");

    // The only write-up of a year, added and removed: the year pages' links change.
    let lone = file("tinh/2019-so-ket.md");
    std::fs::write(
        &lone,
        write_up("2019-07-01", "", "review", "Hà Tĩnh", "year: 2019\n"),
    )
    .expect("write");
    step(&mut live, &[&lone], "a year of its own");
    std::fs::remove_file(&lone).expect("remove");
    step(&mut live, &[&lone], "the year gone again");

    // Several files at once: one edited, one removed, one added.
    let other = file("cum-5/2023-so-ket.md");
    std::fs::write(
        &other,
        write_up(
            "2023-05-05",
            "cluster: 5\n",
            "review",
            "Nghệ An, Hà Tĩnh",
            "",
        ),
    )
    .expect("write");
    edit(&june, "date: 2023-12-05", "date: 2023-03-01");
    std::fs::remove_file(&feb).expect("remove");
    step(&mut live, &[&june, &feb, &other], "three files at once");
}

/// Errors that only the whole corpus shows — two write-ups on one page, two
/// spellings of one unit — and a broken file: each is reported like a full
/// check reports it, and once fixed the site equals a full build (rendering
/// only what changed while the errors were there).
#[test]
fn cross_file_errors_come_and_go() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let file = |rel: &str| -> PathBuf { root.join("content").join(rel) };
    let apply = |live: &mut LiveSite, p: &PathBuf| live.apply(std::slice::from_ref(p));

    // A new file on the page of another.
    let twin = file("cum-5/trung-trang.md");
    std::fs::write(
        &twin,
        write_up(
            "2023-05-05",
            "cluster: 5\n",
            "review",
            "Nghệ An",
            "slug: cum-2/2023-tong-ket\n",
        ),
    )
    .expect("write");
    assert_eq!(apply(&mut live, &twin), Update::Failed);
    assert!(live.has_errors());
    assert_same_diagnostics(&live, &site, "two write-ups on one page");
    edit(&twin, "slug: cum-2/2023-tong-ket\n", "");
    assert!(matches!(apply(&mut live, &twin), Update::Pages { .. }));
    assert_same(&mut live, &site, "page clash fixed");
    assert_same_diagnostics(&live, &site, "page clash fixed");

    // A unit written without its diacritics: it would share the province's page.
    edit(&twin, "members: [Nghệ An]", "members: [Nghe An]");
    assert_eq!(apply(&mut live, &twin), Update::Failed);
    assert_same_diagnostics(&live, &site, "a unit's two spellings");
    edit(&twin, "members: [Nghe An]", "members: [Nghệ An]");
    assert!(matches!(apply(&mut live, &twin), Update::Pages { .. }));
    assert_same(&mut live, &site, "spelling fixed");
    assert_same_diagnostics(&live, &site, "spelling fixed");

    // A date that does not exist, in a file that moves when fixed.
    edit(&twin, "date: 2023-05-05", "date: 2023-02-30");
    assert_eq!(apply(&mut live, &twin), Update::Failed);
    assert_same_diagnostics(&live, &site, "a bad date");
    edit(&twin, "date: 2023-02-30", "date: 2021-02-28");
    assert!(matches!(apply(&mut live, &twin), Update::Pages { .. }));
    assert_same(&mut live, &site, "date fixed");
    assert_same_diagnostics(&live, &site, "date fixed");

    // A likely typo of a name used more often is a warning: shown, then gone.
    std::fs::write(
        &twin,
        write_up(
            "2021-02-28",
            "cluster: 5\n",
            "review",
            "Nghệ An, Phòng Cảnh sát giao thôngg",
            "",
        ),
    )
    .expect("write");
    // The other spelling, in two write-ups: the more used.
    let other = file("cum-5/2021-ky-ket.md");
    let third = file("cum-5/2021-phat-dong.md");
    for (p, date, kind) in [
        (&other, "2021-03-01", "pledge"),
        (&third, "2021-03-02", "launch"),
    ] {
        std::fs::write(
            p,
            write_up(
                date,
                "cluster: 5\n",
                kind,
                "Nghệ An, Phòng Cảnh sát giao thông",
                "leader: Phòng Cảnh sát giao thông\n",
            ),
        )
        .expect("write");
    }
    let update = live.apply(&[twin.clone(), other.clone(), third.clone()]);
    assert!(matches!(update, Update::Pages { .. }), "{update:?}");
    assert!(
        live.diagnostics
            .iter()
            .any(|d| d.code() == "unit-probable-typo"),
        "{:?}",
        live.diagnostics
    );
    assert_same(&mut live, &site, "a typo");
    assert_same_diagnostics(&live, &site, "a typo");
    // An edit in place that moves the typo's line moves the warning too.
    edit(
        &twin,
        "kind: review\n",
        "kind: review\nsource: Báo Công an\n",
    );
    assert!(matches!(apply(&mut live, &twin), Update::Pages { .. }));
    assert_same(&mut live, &site, "the typo one line down");
    assert_same_diagnostics(&live, &site, "the typo one line down");
    std::fs::remove_file(&other).expect("remove");
    assert!(matches!(apply(&mut live, &other), Update::Pages { .. }));
    assert!(!live
        .diagnostics
        .iter()
        .any(|d| d.code() == "unit-probable-typo"));
    assert_same(&mut live, &site, "the other spelling gone");
    assert_same_diagnostics(&live, &site, "the other spelling gone");
}

/// While one file has errors, others are edited, added and removed; when it
/// is fixed, only the pages all those edits touch are rendered again, and
/// the site equals a full build.
#[test]
fn edits_made_while_another_file_is_broken_are_all_rendered_once_fixed() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let total = live.output.len();
    let file = |rel: &str| -> PathBuf { root.join("content").join(rel) };
    let apply = |live: &mut LiveSite, p: &PathBuf| live.apply(std::slice::from_ref(p));

    let broken = file("cum-2/2023-tong-ket.md");
    edit(&broken, "date: 2023-11-25", "date: 2023-11-31");
    assert_eq!(apply(&mut live, &broken), Update::Failed);
    // Broken again, differently.
    edit(&broken, "date: 2023-11-31", "date: 2023-13-01");
    assert_eq!(apply(&mut live, &broken), Update::Failed);
    // Meanwhile: another write-up moves cluster, one is added, and the only
    // write-up of its year is removed.
    let moved = file("cum-5/2022-tong-ket.md");
    edit(&moved, "cluster: 5", "cluster: 7");
    assert_eq!(apply(&mut live, &moved), Update::Failed);
    let added = file("cum-5/2023-so-ket.md");
    std::fs::write(
        &added,
        write_up(
            "2023-06-10",
            "cluster: 5\n",
            "review",
            "Nghệ An, Hà Tĩnh",
            "",
        ),
    )
    .expect("write");
    assert_eq!(apply(&mut live, &added), Update::Failed);
    let gone = file("tinh/2022-tong-ket.md");
    std::fs::remove_file(&gone).expect("remove");
    assert_eq!(apply(&mut live, &gone), Update::Failed);
    assert_same_diagnostics(&live, &site, "still broken");

    // Fixed, and moved to cluster 5: its old neighbours on the timeline of
    // cluster II link to each other now.
    edit(&broken, "date: 2023-13-01", "date: 2023-05-01");
    edit(&broken, "cluster: II", "cluster: 5");
    let update = apply(&mut live, &broken);
    assert!(
        matches!(update, Update::Pages { rendered, .. } if rendered < total),
        "{update:?} of {total}"
    );
    assert!(!live.has_errors());
    assert_same(&mut live, &site, "fixed after edits elsewhere");
    assert_same_diagnostics(&live, &site, "fixed after edits elsewhere");

    // And the next edit is an ordinary one again.
    edit(&moved, "cluster: 7", "cluster: 5");
    assert!(matches!(apply(&mut live, &moved), Update::Pages { .. }));
    assert_same(&mut live, &site, "an edit after the fix");
}

/// A change to units.yaml names the members as it now says, on every page,
/// and so does each later edit of one write-up.
#[test]
fn a_units_yaml_edit_takes_effect_and_stays() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let units = root.join("content/units.yaml");
    std::fs::write(
        &units,
        "units:\n  - {name: Thừa Thiên Huế, aliases: [TT Huế]}\n  - {name: Quảng Trị Mới, aliases: [Quảng Trị]}\n",
    )
    .expect("write");
    let update = live.apply(std::slice::from_ref(&units));
    assert!(matches!(update, Update::Full { .. }), "{update:?}");
    let cluster = |live: &LiveSite| {
        String::from_utf8_lossy(&live.output["cum/cum-5/index.html"].bytes).into_owned()
    };
    assert!(cluster(&live).contains("Quảng Trị Mới"));
    assert_same(&mut live, &site, "units.yaml edited");

    let p = root.join("content/cum-5/2022-tong-ket.md");
    edit(&p, "leader: Quảng Bình", "leader: Quảng Trị");
    let update = live.apply(std::slice::from_ref(&p));
    assert!(matches!(update, Update::Pages { .. }), "{update:?}");
    assert_same(&mut live, &site, "write-up edited after units.yaml");
    assert_same_diagnostics(&live, &site, "write-up edited after units.yaml");
}

/// One path named twice in a burst of events is one change, and a body edit
/// renders the write-up's own page alone.
#[test]
fn a_path_named_twice_is_one_change_and_a_body_edit_renders_one_page() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.root()).expect("root");
    let config = config::load(&root, &Overrides::default()).expect("config");
    let mut live = LiveSite::load(config);
    let p = root.join("content/cum-2/2023-tong-ket.md");
    edit(&p, "diễn ra vào buổi sáng", "diễn ra vào buổi chiều");
    let update = live.apply(&[p.clone(), p.clone()]);
    assert_eq!(
        update,
        Update::Pages {
            rendered: 1,
            removed: 0
        }
    );
    assert!(!live.has_errors(), "{:?}", live.diagnostics);
    assert_same(&mut live, &site, "body edited, path named twice");

    // Saved again as it is: nothing to render.
    let update = live.apply(std::slice::from_ref(&p));
    assert_eq!(
        update,
        Update::Pages {
            rendered: 0,
            removed: 0
        }
    );
}
