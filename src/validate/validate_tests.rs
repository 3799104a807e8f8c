//! The content contract of one write-up: what a valid file becomes, and the
//! error (code and line) each broken field gives.

use std::path::PathBuf;

use super::*;

/// Validates `text` as `content/<rel>` with no units.yaml.
fn validate(rel: &str, text: &str) -> (Option<WriteUp>, Vec<Diagnostic>, Source) {
    let mut source = crate::load::split(
        PathBuf::from(format!("content/{rel}")),
        rel.to_string(),
        text.to_string(),
    )
    .expect("front matter");
    let (wu, diags) = write_up(&mut source, &UnitNames::default());
    (wu, diags, source)
}

/// The write-up of a front matter that must be valid.
fn valid(front_matter: &str) -> WriteUp {
    let (wu, diags, _) = validate("a.md", &format!("---\n{front_matter}---\n\nNội dung.\n"));
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{front_matter}: {errors:?}");
    wu.expect("valid")
}

/// (code, line) of every diagnostic of `front_matter`.
fn found(front_matter: &str) -> Vec<(&'static str, Option<usize>)> {
    let (_, diags, _) = validate("a.md", &format!("---\n{front_matter}---\n"));
    diags
        .iter()
        .map(|d| (d.code(), d.span.as_ref().map(|s| s.line)))
        .collect()
}

const BASE: &str = "title: Hội nghị\ndate: 2023-11-25\n";

#[test]
fn a_valid_write_up_takes_its_front_matter_and_body_out_of_the_source() {
    let text = "---\ntitle: \"  Hội  nghị tổng kết \"\ndate: 25/11/2023\n---\n\nNội dung.\n";
    let (wu, diags, source) = validate("cum-2/2023 Tổng kết.md", text);
    assert!(diags.is_empty(), "{diags:?}");
    let wu = wu.expect("valid");
    assert_eq!(wu.title, "Hội nghị tổng kết", "spaces normalized");
    assert_eq!(wu.date.to_string(), "2023-11-25");
    assert_eq!(wu.year, 2023, "the year of the date");
    assert_eq!(wu.kind, Kind::Summary, "the default kind");
    assert_eq!(wu.slug, "cum-2/2023-tong-ket", "from the path, as slugs");
    assert_eq!(wu.cluster, None);
    assert!(!wu.draft);
    assert_eq!(wu.front_matter_line, 2);
    assert_eq!(wu.body_line, 5);
    assert!(wu.front_matter.contains("date: 25/11/2023"));
    assert!(wu.body.contains("Nội dung."));
    assert!(
        source.front_matter.is_empty() && source.body.is_empty(),
        "moved"
    );
}

#[test]
fn an_invalid_write_up_leaves_the_source_whole() {
    let (wu, diags, source) = validate("a.md", "---\ntitle: X\ndate: 2023-02-30\n---\nThân.\n");
    assert!(wu.is_none());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code(), "date-not-on-calendar");
    assert_eq!(diags[0].path, PathBuf::from("content/a.md"));
    assert!(source.front_matter.contains("2023-02-30"));
    assert!(source.body.contains("Thân."));
}

#[test]
fn a_missing_field_points_at_the_front_matters_first_line() {
    assert_eq!(
        found("kind: summary\n"),
        [("title-missing", Some(2)), ("date-missing", Some(2))]
    );
    assert_eq!(
        found("title: \" \"\ndate: 2023-11-25\n"),
        [("title-empty", Some(2))]
    );
    assert_eq!(
        found("title: 2023\ndate: 2023-11-25\n").len(),
        0,
        "a number is a title"
    );
    assert_eq!(
        found("title: X\ndate: 20231125\n"),
        [("date-not-text", Some(3))]
    );
}

#[test]
fn the_year_is_the_dates_unless_given_and_plausible() {
    assert_eq!(valid(&format!("{BASE}year: 2022\n")).year, 2022);
    assert_eq!(valid(&format!("{BASE}year: \"2022\"\n")).year, 2022);
    assert_eq!(valid(&format!("{BASE}year:\n")).year, 2023);
    for bad in ["1944", "2201", "sau", "[2022]"] {
        assert_eq!(
            found(&format!("{BASE}year: {bad}\n")),
            [("year-invalid", Some(4))],
            "{bad}"
        );
    }
}

#[test]
fn clusters_are_numbers_or_roman_numerals_with_members() {
    let wu = valid(&format!(
        "{BASE}cluster: II\nbloc: \" Khối  A \"\nmembers: [Lai Châu]\n"
    ));
    let key = wu.cluster.expect("a cluster");
    assert_eq!(key.number, 2);
    assert_eq!(key.bloc.as_deref(), Some("Khối A"));
    assert_eq!(valid(&format!("{BASE}cluster:\n")).cluster, None);
    assert_eq!(
        found(&format!("{BASE}cluster: 100\nmembers: [Lai Châu]\n")),
        [("cluster-unreadable", Some(4))]
    );
    assert_eq!(
        found(&format!("{BASE}cluster: 2\n")),
        [("members-missing", Some(4))]
    );
    assert_eq!(
        found(&format!("{BASE}bloc: Khối A\n")),
        [("bloc-without-cluster", Some(4))]
    );
    assert_eq!(
        found(&format!("{BASE}handover: {{leader: Lai Châu}}\n")),
        [("handover-without-cluster", Some(4))]
    );
}

#[test]
fn a_member_named_twice_is_kept_once_with_a_warning() {
    let front = format!("{BASE}cluster: 2\nmembers: [Lai Châu, Sơn La, Lai  Châu]\n");
    assert_eq!(found(&front), [("member-repeated", Some(5))]);
    assert_eq!(valid(&front).members, ["Lai Châu", "Sơn La"]);
}

#[test]
fn honours_default_to_proposed_and_need_a_title_and_a_unit_or_count() {
    let wu = valid(&format!(
        "{BASE}honours:\n  - {{title: Cờ thi đua, to: [Lai Châu]}}\n  - {{title: Bằng khen, collectives: 3, status: awarded}}\n"
    ));
    assert_eq!(wu.honours.len(), 2);
    assert_eq!(wu.honours[0].status, DEFAULT_HONOUR_STATUS);
    assert_eq!(
        DEFAULT_HONOUR_STATUS,
        HonourStatus::Proposed,
        "the weaker claim"
    );
    assert_eq!(wu.honours[0].to, ["Lai Châu"]);
    assert_eq!(wu.honours[0].slug, "co-thi-dua");
    assert_eq!(wu.honours[1].collectives, Some(3));
    assert_ne!(wu.honours[1].status, HonourStatus::Proposed);

    let codes = |front: &str| -> Vec<&'static str> {
        found(&format!("{BASE}{front}"))
            .into_iter()
            .map(|(code, _)| code)
            .filter(|c| *c != "honour-not-in-register")
            .collect()
    };
    assert_eq!(
        codes("honours:\n  - {to: [Lai Châu]}\n"),
        ["honour-no-title"]
    );
    assert_eq!(
        codes("honours:\n  - {title: Bằng khen}\n"),
        ["honour-no-unit-no-count"]
    );
    assert_eq!(
        codes("honours:\n  - {title: Bằng khen, to: [Lai Châu], status: maybe}\n"),
        ["honour-status-unknown"]
    );
}

#[test]
fn the_second_honour_is_found_at_its_own_line() {
    let lines: Vec<Option<usize>> = found(&format!(
        "{BASE}honours:\n  - {{title: Bằng khen, to: [Lai Châu]}}\n  - {{title: Bằng khen}}\n"
    ))
    .into_iter()
    .filter(|(code, _)| *code == "honour-no-unit-no-count")
    .map(|(_, line)| line)
    .collect();
    assert_eq!(lines, [Some(6)]);
}

#[test]
fn a_written_slug_must_be_plain_and_stay_inside_the_output() {
    assert_eq!(valid(&format!("{BASE}slug: hop-2023\n")).slug, "hop-2023");
    assert_eq!(
        found(&format!("{BASE}slug: Hop 2023\n")),
        [("slug-bad-characters", Some(4))]
    );
    for outside in ["../x", "a/b", "..", "a\\b"] {
        assert_eq!(
            found(&format!("{BASE}slug: '{outside}'\n")),
            [("slug-outside", Some(4))],
            "{outside}"
        );
    }
    let long = "a".repeat(crate::text::MAX_SLUG + 1);
    assert_eq!(
        found(&format!("{BASE}slug: {long}\n")),
        [("slug-too-long", Some(4))]
    );
}

#[test]
fn an_unknown_key_and_a_wrong_type_elsewhere_are_both_reported() {
    let got = found(&format!("{BASE}clustre: 2\ntags: mot\n"));
    assert_eq!(
        got,
        [
            ("front-matter-invalid", Some(4)),
            ("front-matter-invalid", Some(5))
        ],
    );
}

#[test]
fn the_line_index_finds_keys_and_list_items_in_one_pass() {
    let fm = "title: X\nhonours:\n  - a\n  -  b\n\nmembers:\n- c\ntitle: lặp\n  - d\n";
    let index = LineIndex::of(fm, 2);
    assert_eq!(index.keys["title"], 2, "the first occurrence");
    assert_eq!(index.keys["honours"], 3);
    assert_eq!(index.items["honours"], [4, 5]);
    assert_eq!(index.items["members"], [8]);
    assert!(
        !index.items.contains_key("title"),
        "a repeated key's items do not count"
    );
}

#[test]
fn draft_is_read_leniently_from_a_file_that_may_be_incomplete() {
    let draft = |fm: &str| {
        let source = crate::load::split(
            PathBuf::from("content/a.md"),
            "a.md".into(),
            format!("---\n{fm}---\n"),
        )
        .expect("front matter");
        is_marked_draft(&source)
    };
    assert!(draft("draft: true\n"));
    assert!(
        draft("title:\ndraft: true\nclustre: 2\n"),
        "other errors do not matter"
    );
    assert!(!draft("draft: false\n"));
    assert!(!draft("draft: \"yes\"\n"));
    assert!(!draft("title: [broken\ndraft: true\n"));
    assert!(!draft("title: X\n"));
}
