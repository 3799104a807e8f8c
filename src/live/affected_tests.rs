//! `affected` against the truth: for each kind of edit, the sample site is
//! rendered whole before and after, and the pages whose bytes differ are
//! compared with what `affected` says to render and remove.
//!
//! The rule asserted, row by row:
//!
//! 1. every page that changed is rendered, every page that went is removed,
//!    and a changed data output (search index, exports, dossiers) is flagged
//!    `data`;
//! 2. for an edit of a write-up, an unchanged page that is rendered all the
//!    same is a site-wide page (home, the indexes) or a page of the edited
//!    write-up's own cluster, units, year, honour titles or tags: never a
//!    page of another cluster, never a conference page but its own, its
//!    timeline neighbours' and those linking to it; an edit of the body alone
//!    renders its own page and nothing else;
//! 3. a change of site.yaml, units.yaml or the theme renders every page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::urls::Urls;

use super::{affected, Affected, Change};
use crate::config::{self, Overrides};
use crate::live::is_data_output;
use crate::model::Corpus;
use crate::pipeline::{self, Inputs, Timings};
use crate::render::rows;
use crate::validate::corpus::Checks;

/// A copy of the repository's sample site in a temporary folder.
struct Sample {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

impl Sample {
    fn new() -> Sample {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = std::fs::canonicalize(dir.path()).expect("root");
        Sample { _dir: dir, root }
    }

    /// Puts the sample's content back, and removes site.yaml and templates/.
    fn reset(&self) {
        let content = self.root.join("content");
        let _ = std::fs::remove_dir_all(&content);
        let _ = std::fs::remove_dir_all(self.root.join("templates"));
        let _ = std::fs::remove_file(self.root.join("site.yaml"));
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &content,
        );
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, text).expect("write");
        p
    }

    /// Replaces `from` with `to` in `rel`, which must hold it.
    fn edit(&self, rel: &str, from: &str, to: &str) -> PathBuf {
        let p = self.path(rel);
        let text = std::fs::read_to_string(&p).expect("read");
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&p, text.replacen(from, to, 1)).expect("write");
        p
    }

    /// The corpus and every output of a full build, pages and data alike.
    fn render(&self) -> (Corpus, BTreeMap<String, Vec<u8>>) {
        let config = config::load(&self.root, &Overrides::default()).expect("config");
        let inputs = Inputs::read(config, &mut Timings::new());
        let model = pipeline::model(&inputs, Checks::ErrorsOnly);
        let diags = pipeline::diagnostics(&inputs, &model, &[]);
        assert!(!diags.iter().any(|d| d.is_error()), "{diags:?}");
        let renderer = inputs.renderer.as_ref().expect("theme");
        let rows = rows::build_cache(renderer, &model.corpus).expect("rows");
        let memory = pipeline::Memory::default();
        let diags = renderer.render_streaming(&model.corpus, &rows, &memory);
        let mut files = memory.into_files();
        assert!(!diags.iter().any(|d| d.is_error()), "{diags:?}");
        let (assets, diags) = pipeline::asset_files(&inputs.config, &model.corpus.writeups, true);
        assert!(diags.is_empty(), "{diags:?}");
        files.extend(assets);
        let out = files.into_iter().map(|f| (f.path, f.bytes)).collect();
        (model.corpus, out)
    }
}

const A: &str = "content/cum-2/2023-tong-ket.md";
const B: &str = "content/cum-2/2024-ky-ket.md";
const NEW: &str = "content/cum-5/2023-so-ket.md";
const NEW_TEXT: &str = "---\ntitle: Cụm thi đua số 5 sơ kết sáu tháng năm 2023\ndate: 2023-06-20\ncluster: 5\nkind: review\nhost: Nghệ An\nmembers: [Thanh Hóa, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị, Thừa Thiên Huế]\n---\n\nCác đơn vị rà soát sáu tháng đầu năm.\n";

/// One edit: what to set up first, the edit itself (the paths it changed),
/// and whether it touches the whole site.
struct Row {
    name: &'static str,
    setup: fn(&Sample),
    edit: fn(&Sample) -> Vec<PathBuf>,
    whole_site: bool,
}

fn nothing(_: &Sample) {}

fn add_new(s: &Sample) {
    s.write(NEW, NEW_TEXT);
}

/// A write-up of cluster 9 naming Hà Nam, with an honour for it: many make
/// its unit page, and then its honour's, long (see `LONG_LIST`).
fn bulk(s: &Sample, i: usize) -> PathBuf {
    let (month, day) = (1 + i / 28 % 12, 1 + i % 28);
    s.write(
        &format!("content/cum-9/bulk-{i:03}.md"),
        &format!(
            "---\ntitle: Cụm 9 hội nghị {i}\ndate: 2022-{month:02}-{day:02}\ncluster: 9\nkind: review\nmembers: [Hà Nam, Ninh Bình]\nhonours:\n  - {{title: Cờ thi đua của Bộ Công an, to: [Hà Nam]}}\n---\n\nNội dung.\n"
        ),
    )
}

/// As many bulk write-ups as an honour page holds: one more makes it long.
fn bulk_to_the_limit(s: &Sample) {
    for i in 0..crate::render::pages::LONG_LIST {
        bulk(s, i);
    }
}

fn rows_of_the_table() -> Vec<Row> {
    let row = |name, edit: fn(&Sample) -> Vec<PathBuf>| Row {
        name,
        setup: nothing,
        edit,
        whole_site: false,
    };
    vec![
        row("body", |s| {
            vec![s.edit(A, "diễn ra vào buổi sáng", "diễn ra vào buổi chiều")]
        }),
        row("title", |s| {
            vec![s.edit(
                A,
                "title: \"Cụm thi đua số II tổng kết",
                "title: \"Cụm thi đua số II họp tổng kết",
            )]
        }),
        row("date", |s| {
            vec![s.edit(A, "date: 2023-11-25", "date: 2023-12-02")]
        }),
        row("cluster", |s| vec![s.edit(B, "cluster: 2", "cluster: 5")]),
        row("members", |s| vec![s.edit(B, ", Yên Bái]", "]")]),
        row("host", |s| vec![s.edit(B, "host: Sơn La", "host: Lào Cai")]),
        row("honours", |s| {
            vec![s.edit(
                A,
                "to: [Điện Biên, Lào Cai, Sơn La]",
                "to: [Điện Biên, Lào Cai]",
            )]
        }),
        row("handover", |s| {
            vec![s.edit(A, "deputy: Cao Bằng}", "deputy: Hà Giang}")]
        }),
        row("tags", |s| {
            vec![s.edit(
                A,
                "tags: [Tây Bắc, biên giới]",
                "tags: [Tây Bắc, biên giới, ma túy]",
            )]
        }),
        row("delete", |s| {
            let p = s.path(B);
            std::fs::remove_file(&p).expect("remove");
            let _ = std::fs::remove_dir_all(s.path("content/cum-2/2024-ky-ket"));
            vec![p]
        }),
        row("add", |s| vec![s.write(NEW, NEW_TEXT)]),
        Row {
            name: "rename",
            setup: add_new,
            edit: |s| {
                let to = s.path("content/cum-5/2023-so-ket-giua-nam.md");
                std::fs::rename(s.path(NEW), &to).expect("rename");
                vec![s.path(NEW), to]
            },
            whole_site: false,
        },
        Row {
            name: "lists grow long",
            setup: bulk_to_the_limit,
            edit: |s| vec![bulk(s, crate::render::pages::LONG_LIST)],
            whole_site: false,
        },
        Row {
            name: "a long list's year",
            setup: |s| {
                bulk_to_the_limit(s);
                bulk(s, crate::render::pages::LONG_LIST);
            },
            edit: |s| {
                vec![s.edit(
                    "content/cum-9/bulk-007.md",
                    "members: [Hà Nam, Ninh Bình]",
                    "members: [Hà Nam]",
                )]
            },
            whole_site: false,
        },
        Row {
            name: "site.yaml",
            setup: nothing,
            edit: |s| vec![s.write("site.yaml", "title: Báo cáo đã sửa\n")],
            whole_site: true,
        },
        Row {
            name: "theme template",
            setup: nothing,
            edit: |s| {
                let base =
                    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html");
                let text = std::fs::read_to_string(base).expect("404 template");
                let text = text.replace(
                    "{% endblock content %}",
                    "<p>Liên hệ quản trị.</p>\n{% endblock content %}",
                );
                vec![s.write("templates/404.html", &text)]
            },
            whole_site: true,
        },
        Row {
            name: "units.yaml",
            setup: nothing,
            edit: |s| {
                vec![s.write(
                    "content/units.yaml",
                    "units:\n  - {name: Thừa Thiên Huế, aliases: [TT Huế]}\n  - {name: Quảng Trị Mới, aliases: [Quảng Trị]}\n",
                )]
            },
            whole_site: true,
        },
    ]
}

/// The conference pages an edit of write-ups at `paths` may render though
/// unchanged: theirs, their timeline neighbours', and those linking to them.
fn conference_pages_near(corpus: &Corpus, paths: &[PathBuf], root: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in paths {
        let rel = p.strip_prefix(root).unwrap_or(p);
        let Some(i) = corpus.writeups.iter().position(|w| w.path == rel) else {
            continue;
        };
        let w = &corpus.writeups[i];
        out.insert(Urls::default().conference(&w.slug));
        if let Some((_, c)) = w.cluster.as_ref().and_then(|k| corpus.cluster(k)) {
            if let Ok(at) = c.writeups.binary_search(&i) {
                for n in [at.checked_sub(1), Some(at + 1)].into_iter().flatten() {
                    if let Some(&x) = c.writeups.get(n) {
                        out.insert(Urls::default().conference(&corpus.writeups[x].slug));
                    }
                }
            }
        }
        let name = w.rel.rsplit('/').next().unwrap_or(&w.rel);
        for other in corpus.writeups.iter().filter(|o| o.body.contains(name)) {
            out.insert(Urls::default().conference(&other.slug));
        }
    }
    out
}

/// The cluster pages of the write-ups at `paths`.
fn cluster_pages_of(corpus: &Corpus, paths: &[PathBuf], root: &Path) -> BTreeSet<String> {
    paths
        .iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            corpus.writeups.iter().find(|w| w.path == rel)
        })
        .filter_map(|w| w.cluster.as_ref().map(|k| Urls::default().cluster(k)))
        .collect()
}

#[test]
fn affected_renders_every_changed_page_and_few_others() {
    let site = Sample::new();
    let mut report = Vec::new();
    for row in rows_of_the_table() {
        site.reset();
        (row.setup)(&site);
        let (old, before) = site.render();
        let changed_paths = (row.edit)(&site);
        let (new, after) = site.render();
        let config = config::load(&site.root, &Overrides::default()).expect("config");
        let mut touched = Affected::default();
        for p in &changed_paths {
            let change = Change::of(&config, p).expect("a change the site reads");
            assert_eq!(
                change.is_whole_site(),
                row.whole_site,
                "{}: {change:?}",
                row.name
            );
            touched.merge(affected(&Urls::default(), &old, &new, &change));
        }
        let name = row.name;
        let rendered: BTreeSet<String> = touched
            .render
            .iter()
            .map(|s| s.path(&Urls::default(), &new))
            .collect();
        // The photos and attachments of the write-ups made again.
        let assets: BTreeSet<String> = touched
            .writeups
            .iter()
            .flat_map(|&i| {
                new.writeups[i]
                    .assets
                    .files
                    .iter()
                    .flat_map(crate::assets::File::outputs)
            })
            .collect();
        let changed: Vec<&String> = after
            .iter()
            .filter(|(p, bytes)| before.get(*p) != Some(*bytes))
            .map(|(p, _)| p)
            .collect();
        assert!(!changed.is_empty(), "{name}: the edit changes no page");
        for p in &changed {
            if is_data_output(p) {
                assert!(touched.data, "{name}: {p} changed, data not flagged");
            } else if !touched.everything {
                assert!(
                    rendered.contains(*p) || assets.contains(*p),
                    "{name}: {p} changed and is not rendered (rendered: {rendered:?})"
                );
            }
        }
        for p in before.keys().filter(|p| !after.contains_key(*p)) {
            if is_data_output(p) {
                assert!(touched.data, "{name}: {p} went, data not flagged");
            } else if !touched.everything {
                assert!(
                    touched.remove.contains(p),
                    "{name}: {p} went and is not removed ({:?})",
                    touched.remove
                );
            }
        }
        let wasted: Vec<&String> = rendered
            .iter()
            .filter(|p| before.get(*p) == after.get(*p))
            .collect();
        if row.whole_site {
            assert!(touched.everything, "{name}");
            let all = after
                .keys()
                .filter(|p| !is_data_output(p) && p.ends_with(".html"));
            for p in all {
                assert!(rendered.contains(p), "{name}: {p} is not rendered");
            }
        } else {
            assert!(!touched.everything, "{name}");
            let mut near = conference_pages_near(&old, &changed_paths, &site.root);
            near.extend(conference_pages_near(&new, &changed_paths, &site.root));
            let mut clusters = cluster_pages_of(&old, &changed_paths, &site.root);
            clusters.extend(cluster_pages_of(&new, &changed_paths, &site.root));
            for p in &wasted {
                if p.starts_with(&Urls::default().conference_folder("")) {
                    assert!(
                        near.contains(*p),
                        "{name}: {p} is rendered, unchanged and not near"
                    );
                }
                if p.starts_with("cum/") && p.as_str() != "cum/index.html" {
                    assert!(
                        clusters.contains(*p),
                        "{name}: {p} is another cluster's page"
                    );
                }
            }
        }
        if name == "body" {
            let pages: BTreeSet<String> = changed
                .iter()
                .filter(|p| !is_data_output(p))
                .map(|p| p.to_string())
                .collect();
            assert_eq!(rendered, pages, "body: its own page alone");
            assert_eq!(rendered.len(), 1, "body: {rendered:?}");
        }
        report.push(format!(
            "{name}: {} changed, {} rendered, {} of them unchanged",
            changed.len(),
            rendered.len(),
            wasted.len()
        ));
    }
    // How much each kind renders in vain, for the reader of a failure.
    assert_eq!(report.len(), 17, "{report:#?}");
}
