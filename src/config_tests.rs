//! The rules of site.yaml: defaults, the command line over the file, and an
//! error per bad key that names site.yaml.

use super::*;

fn site(yaml: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    if let Some(yaml) = yaml {
        std::fs::write(dir.path().join(CONFIG_FILE), yaml).expect("write");
    }
    dir
}

fn errors(yaml: &str, overrides: &Overrides) -> Vec<Diagnostic> {
    let dir = site(Some(yaml));
    match load(dir.path(), overrides) {
        Ok(c) => panic!("{yaml:?} should fail, got {c:?}"),
        Err(d) => d,
    }
}

#[test]
fn no_site_yaml_means_every_default() {
    for yaml in [None, Some(""), Some("  \n\n")] {
        let dir = site(yaml);
        let c = load(dir.path(), &Overrides::default()).expect("defaults");
        assert_eq!(c.root, dir.path());
        assert_eq!(c.title, None);
        assert_eq!(c.language, Language::Vi);
        assert_eq!(c.base_url, None);
        assert_eq!(c.theme, "default");
        assert_eq!(c.output, dir.path().join("public"), "{yaml:?}");
        assert!(!c.trust_html);
        assert!(!c.include_drafts);
        assert_eq!(c.content_dir(), dir.path().join("content"));
    }
}

#[test]
fn every_key_is_read() {
    let dir = site(Some(
        "title: Báo cáo\ndescription: Mô tả\nlanguage: en\nbase_url: https://intranet/bao-cao\ntheme: gon\noutput: ra/site\ntrust_html: true\n",
    ));
    let c = load(dir.path(), &Overrides::default()).expect("config");
    assert_eq!(c.title.as_deref(), Some("Báo cáo"));
    assert_eq!(c.description.as_deref(), Some("Mô tả"));
    assert_eq!(c.language, Language::En);
    assert_eq!(c.base_url.as_deref(), Some("https://intranet/bao-cao/"));
    assert_eq!(c.theme, "gon");
    assert_eq!(c.output, dir.path().join("ra/site"), "relative to the root");
    assert!(c.trust_html);
}

#[test]
fn a_misspelt_key_is_an_error_at_its_line_naming_site_yaml() {
    let d = errors("title: Báo cáo\ntitel: lỗi gõ\n", &Overrides::default());
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].is_error());
    assert_eq!(d[0].code(), "config-invalid");
    assert!(d[0].text(Language::En).contains("titel"), "{d:?}");
    let shown = d[0].render(Language::En);
    assert!(shown.contains("--> site.yaml:2"), "{shown}");
}

#[test]
fn a_bad_language_and_a_bad_base_url_are_both_reported() {
    let d = errors(
        "language: fr\nbase_url: intranet/bao-cao\n",
        &Overrides::default(),
    );
    let codes: Vec<&str> = d.iter().map(Diagnostic::code).collect();
    assert_eq!(
        codes,
        ["config-language-unknown", "config-base-url-invalid"],
        "{d:?}"
    );
    assert!(d[0].text(Language::En).contains("\"fr\""));
    assert!(d[1].text(Language::En).contains("\"intranet/bao-cao\""));
    assert!(d
        .iter()
        .all(|d| d.render(Language::En).contains("site.yaml")));
}

#[test]
fn the_command_line_wins_over_the_file() {
    let dir = site(Some("base_url: http://cu/\noutput: cu\n"));
    let out = dir.path().join("moi");
    let overrides = Overrides {
        output: Some(out.clone()),
        base_url: Some("http://moi/bao-cao".into()),
        include_drafts: true,
    };
    let c = load(dir.path(), &overrides).expect("config");
    assert_eq!(c.base_url.as_deref(), Some("http://moi/bao-cao/"));
    assert_eq!(c.output, out);
    assert!(c.include_drafts);
}

#[test]
fn base_urls_are_http_and_end_with_a_slash() {
    assert_eq!(parse_base_url(""), Ok(None));
    assert_eq!(parse_base_url("   "), Ok(None));
    assert_eq!(
        parse_base_url(" http://intranet/bao-cao "),
        Ok(Some("http://intranet/bao-cao/".into()))
    );
    assert_eq!(
        parse_base_url("https://x.vn/"),
        Ok(Some("https://x.vn/".into()))
    );
    for bad in ["ftp://x/", "intranet/bao-cao", "//x/", "notaurl", "HTTP:/x"] {
        assert_eq!(parse_base_url(bad), Err(bad.to_string()), "{bad}");
    }
}

#[test]
fn the_language_hint_reads_one_line_of_a_broken_file() {
    for (yaml, lang) in [
        (None, Language::Vi),
        (Some("language: en\n"), Language::En),
        (
            Some("title: [broken\nlanguage: \"en\"  # English\n"),
            Language::En,
        ),
        (Some("language: 'en'\n"), Language::En),
        (Some("language: vi\n"), Language::Vi),
        (Some("  language: en\n"), Language::Vi),
        (Some("# language: en\n"), Language::Vi),
        (Some("language: english\n"), Language::Vi),
    ] {
        let dir = site(yaml);
        assert_eq!(language_hint(dir.path()), lang, "{yaml:?}");
    }
}

#[test]
fn dates_and_thousands_read_as_each_language_writes_them() {
    let date = chrono::NaiveDate::from_ymd_opt(2023, 11, 5).expect("date");
    assert_eq!(Language::Vi.format_date(date), "05/11/2023");
    assert_eq!(Language::En.format_date(date), "5 Nov 2023");
    assert_eq!(Language::Vi.thousands_sep(), '.');
    assert_eq!(Language::En.thousands_sep(), ',');
    assert_eq!(Language::Vi.code(), "vi");
    assert_eq!(Language::En.code(), "en");
}
