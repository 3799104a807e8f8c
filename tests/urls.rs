//! Every address comes from `baocao::urls`: a site built with its sections in
//! other folders has its pages there, links to them there, and passes its own
//! link check; no template spells a section's folder.

// A `Diagnostic` is the error type of content problems; its size on the error
// path does not matter (as in the library).
#![allow(clippy::result_large_err)]

mod common;

use std::collections::BTreeMap;

use baocao::config::{self, Overrides};
use baocao::diagnostics::Diagnostic;
use baocao::model::Corpus;
use baocao::render::{rows, Renderer, Sink};
use baocao::urls::{Sections, Urls};
use common::Site;

/// Builds `site` with `sections` through the library's pipeline: the outputs
/// by path, and the errors of rendering and of the link check.
fn build_with(site: &Site, sections: Sections) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let config = config::load(site.root(), &Overrides::default()).expect("site.yaml");
    let units = baocao::site::load_units(&config).expect("units");
    let (writeups, _, load_diags) = baocao::site::load_writeups(&config, &units);
    assert!(
        !load_diags.iter().any(Diagnostic::is_error),
        "the site loads"
    );
    let (corpus, _) = Corpus::build(writeups);
    let mut inputs = baocao::site::theme::read_inputs(&config).expect("theme");
    inputs.urls = Urls::new(sections);
    let renderer = Renderer::from_inputs(&config, inputs).expect("renderer");
    let cache = rows::build_cache(&renderer, &corpus).expect("rows");
    let sink = baocao::pipeline::Memory::default();
    let mut diags = renderer.render_streaming(&corpus, &cache, &sink);
    diags.extend(baocao::assets::produce(
        &config,
        &corpus.writeups,
        true,
        &|path, from| sink.copy(path, from),
    ));
    let errors = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {d:?}", d.path.display()))
        .collect();
    let files = sink.into_files().into_iter().map(|f| (f.path, f.bytes));
    (files.collect(), errors)
}

fn page(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files.get(path).unwrap_or_else(|| panic!("{path}")).clone()).expect("UTF-8")
}

/// Every section but the conferences' in another folder (a write-up's photos
/// are placed in its folder as it is read, with the published layout).
fn renamed() -> Sections {
    Sections {
        clusters: "clusters-x",
        units: "units-x",
        years: "years-x",
        honours: "honours-x",
        tags: "tags-x",
        search: "search-x",
        data: "data-x",
        assets: "assets-x",
        ..Sections::default()
    }
}

#[test]
fn the_sample_site_built_with_renamed_sections_passes_its_link_check() {
    let site = Site::sample();
    let (default, errors) = build_with(&site, Sections::default());
    assert_eq!(errors, Vec::<String>::new());
    assert!(default.contains_key("don-vi/lai-chau/index.html"));

    let (files, errors) = build_with(&site, renamed());
    assert_eq!(errors, Vec::<String>::new(), "the link check passes");
    assert_eq!(files.len(), default.len(), "the same outputs, elsewhere");
    for old in [
        "cum/",
        "don-vi/",
        "nam/",
        "danh-hieu/",
        "chu-de/",
        "tim-kiem/",
        "data/",
        "static/",
    ] {
        assert!(
            !files.keys().any(|p| p.starts_with(old)),
            "nothing left in {old}"
        );
    }
    for new in [
        "units-x/index.html",
        "units-x/lai-chau/index.html",
        "clusters-x/cum-2/index.html",
        "clusters-x/cum-2/ho-so.html",
        "years-x/2023/ho-so.html",
        "search-x/index.html",
        "search-x/search-index.js",
        "data-x/conferences.csv",
        "data-x/cum-2.csv",
        "assets-x/style.css",
    ] {
        assert!(files.contains_key(new), "{new}");
    }
    let home = page(&files, "index.html");
    for link in [
        "href=\"units-x/index.html\"",
        "href=\"data-x/conferences.csv\"",
        "action=\"search-x/index.html\"",
        "href=\"assets-x/style.css\"",
    ] {
        assert!(home.contains(link), "{link} on the home page");
    }
    let cluster = page(&files, "clusters-x/cum-2/index.html");
    assert!(cluster.contains("href=\"../../units-x/lai-chau/index.html\""));
    assert!(
        cluster.contains("href=\"ho-so.html\""),
        "the dossier, beside it"
    );
    let csv = page(&files, "data-x/conferences.csv");
    assert!(csv.contains("hoi-nghi/cum-2/2023-tong-ket/index.html"));
}

#[test]
fn conference_pages_and_links_between_write_ups_follow_their_section() {
    let site = Site::new();
    site.write(
        "a.md",
        "---\ntitle: Tổng kết 2022\ndate: 2022-11-20\ncluster: 2\nmembers: [Lai Châu, Sơn La]\n---\n\nXem [năm sau](b.md).\n",
    );
    site.write(
        "b.md",
        "---\ntitle: Tổng kết 2023\ndate: 2023-11-20\ncluster: 2\nmembers: [Lai Châu, Sơn La]\n---\n\nXem [năm trước](a.md).\n",
    );
    let sections = Sections {
        conferences: "meetings",
        ..renamed()
    };
    let (files, errors) = build_with(&site, sections);
    assert_eq!(errors, Vec::<String>::new(), "the link check passes");
    assert!(!files.keys().any(|p| p.starts_with("hoi-nghi/")));
    let a = page(&files, "meetings/a/index.html");
    assert!(a.contains("href=\"../../meetings/b/index.html\""), "{a}");
    let index = page(&files, "search-x/search-index.js");
    assert!(index.contains("clusters-x/cum-2/index.html"), "{index}");
}

/// A template names no section folder: the addresses come from the context.
#[test]
fn no_template_spells_a_section_folder() {
    let dir = common::repo().join("themes/default/templates");
    let sections = Sections::default();
    let folders = [
        sections.conferences,
        sections.clusters,
        sections.units,
        sections.years,
        sections.honours,
        sections.tags,
        sections.search,
        sections.data,
        sections.assets,
    ];
    for entry in std::fs::read_dir(&dir).expect("templates") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("template");
        for folder in folders {
            for quote in ["\"", "}}", "'"] {
                let spelled = format!("{quote}{folder}/");
                assert!(
                    !text.contains(&spelled),
                    "{} spells {spelled}",
                    path.display()
                );
            }
        }
        for file in ["ho-so.html", "search-index.js", "index.html\""] {
            assert!(
                !text.contains(&format!("\"{file}")),
                "{} spells {file}",
                path.display()
            );
        }
    }
}
