//! Charts on built pages read at the size of the text around them and say
//! only what their data can say: SVG drawn at the size it is shown, every
//! year labelled, unit names written horizontally, and a sentence with the
//! table instead of a chart when there is a single point, one honour or at
//! most one conference a year.

mod common;

use common::Site;

fn summary(cluster: u32, year: i32, extra: &str) -> String {
    format!(
        "---\ntitle: Cụm {cluster} tổng kết năm {year}\ndate: {year}-11-20\ncluster: {cluster}\n\
         kind: summary\nyear: {year}\nhost: Lạng Sơn\n\
         members: [Lạng Sơn, Cao Bằng, Hà Giang]\n{extra}---\n\nNội dung.\n"
    )
}

/// The SVG of the chart whose id prefix is `id`, if the page has it.
fn svg<'p>(page: &'p str, id: &str) -> Option<&'p str> {
    let open = format!("aria-labelledby=\"{id}-title {id}-desc\"");
    let at = page.find(&open)?;
    let start = page[..at].rfind("<svg")?;
    let end = at + page[at..].find("</svg>")?;
    Some(&page[start..end])
}

/// Value of attribute `name` in the tag starting at the beginning of `tag`.
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let head = &tag[..tag.find('>')?];
    let key = format!(" {name}=\"");
    let at = head.find(&key)? + key.len();
    Some(&head[at..at + head[at..].find('"')?])
}

/// Every `<text …>` opening tag of an SVG.
fn text_tags(svg: &str) -> Vec<&str> {
    svg.match_indices("<text ")
        .map(|(at, _)| &svg[at..at + svg[at..].find('>').unwrap_or(0) + 1])
        .collect()
}

/// The visible strings of an SVG's `<text>` elements.
fn labels(svg: &str) -> Vec<&str> {
    svg.match_indices("<text ")
        .filter_map(|(at, _)| {
            let rest = &svg[at..];
            let open = rest.find('>')? + 1;
            let close = rest.find("</text>")?;
            Some(&rest[open..close])
        })
        .collect()
}

/// Checks that one SVG unit is one CSS pixel and every text is 11–16 px.
fn drawn_at_its_size(svg: &str) {
    let view_box = attr(svg, "viewBox").expect("viewBox");
    let parts: Vec<&str> = view_box.split(' ').collect();
    assert_eq!(attr(svg, "width"), Some(parts[2]), "{view_box}");
    assert_eq!(attr(svg, "height"), Some(parts[3]), "{view_box}");
    for tag in text_tags(svg) {
        let size: f64 = attr(tag, "font-size")
            .and_then(|s| s.parse().ok())
            .expect("font-size");
        assert!((11.0..=16.0).contains(&size), "{tag}");
    }
}

fn site() -> Site {
    let site = Site::new();
    // Cluster 3: counts over sixteen years, a leader every year with a long
    // name, and a unit honoured twice.
    for year in 2008..=2023 {
        let honours = if year >= 2022 {
            "honours:\n  - {title: Cờ thi đua của Bộ Công an, to: [Cao Bằng], status: conferred}\n"
        } else {
            ""
        };
        site.write(
            &format!("cum-3/{year}-tong-ket.md"),
            &summary(
                3,
                year,
                &format!(
                    "awards: {{collectives: {}, individuals: {}}}\n\
                     leader: Bà Rịa - Vũng Tàu\ndeputy: Hà Giang\n{honours}",
                    year - 2000,
                    (year - 2000) * 10
                ),
            ),
        );
    }
    // Cluster 4: counts for one year only, and one honour to one unit; so
    // every year has one conference.
    site.write(
        "cum-4/2007-tong-ket.md",
        &summary(
            4,
            2007,
            "awards: {collectives: 7, individuals: 70}\nhonours:\n  \
             - {title: Bằng khen của Bộ Công an, to: [Lạng Sơn], status: conferred}\n",
        ),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    site
}

#[test]
fn every_chart_is_drawn_at_the_size_it_is_shown() {
    let site = site();
    let pages = [
        "index.html",
        "cum/cum-3/index.html",
        "cum/cum-3/ho-so.html",
        "nam/2022/index.html",
        "nam/2007/index.html",
        "don-vi/cao-bang/index.html",
    ];
    let mut seen = 0;
    for rel in pages {
        let page = site.page(rel);
        for (at, _) in page.match_indices("<svg ") {
            let end = at + page[at..].find("</svg>").expect("svg end");
            drawn_at_its_size(&page[at..end]);
            // The chart sits in a box that scrolls, never shrinks it.
            assert!(
                page[..at].ends_with("<div class=\"chart-scroll\">"),
                "{rel}"
            );
            seen += 1;
        }
    }
    assert!(seen >= 6, "{seen} charts");
}

#[test]
fn every_year_is_labelled_and_unit_names_are_horizontal() {
    let site = site();
    let page = site.page("cum/cum-3/index.html");
    let awards = svg(&page, "awards").expect("awards chart");
    let texts = labels(awards);
    for year in 2008..=2023 {
        assert!(texts.contains(&year.to_string().as_str()), "{texts:?}");
    }
    let leaders = svg(&page, "leaders").expect("leaders chart");
    assert!(
        !leaders.contains("rotate("),
        "a unit name written vertically"
    );
    let names = labels(leaders);
    // The long name wraps at a space, on horizontal lines.
    assert!(names.contains(&"Bà Rịa - Vũng"), "{names:?}");
    assert!(names.contains(&"Tàu"), "{names:?}");
    for year in 2008..=2023 {
        assert!(names.contains(&year.to_string().as_str()), "{names:?}");
    }
}

#[test]
fn a_single_point_or_one_honour_is_a_sentence_and_a_table() {
    let site = site();
    // One year of counts: no line chart, a sentence and the open table.
    let page = site.page("cum/cum-4/index.html");
    assert!(svg(&page, "awards").is_none());
    assert!(page.contains(
        "<p class=\"chart-note\">Chỉ năm 2007 có số liệu: 7 lượt tập thể và 70 lượt cá nhân"
    ));
    assert!(page.contains("<details class=\"chart-data\" open=\"\">"));
    assert!(page.contains("<td class=\"num\">70</td>"));

    // One honour: a sentence naming it, no bar of 1.
    let unit = site.page("don-vi/lang-son/index.html");
    assert!(svg(&unit, "honours").is_none());
    assert!(
        unit.contains(
            "<p class=\"chart-note\">1 danh hiệu, năm 2007: Bằng khen của Bộ trưởng Bộ Công an.</p>"
        ),
        "{unit}"
    );

    // Two honours: dots by year and kind, no count axis.
    let unit = site.page("don-vi/cao-bang/index.html");
    let honours = svg(&unit, "honours").expect("honours chart");
    assert_eq!(honours.matches("<circle").count(), 2);
    assert!(!labels(honours).contains(&"Số lượt"));
    assert!(labels(honours).contains(&"Cờ thi đua của Bộ Công an"));

    // One conference a year at most: a sentence, no bars.
    let home = site.page("index.html");
    assert!(svg(&home, "home-conferences").is_none());
    assert!(home.contains("mỗi năm nhiều nhất một hội nghị: năm 2007–2023."));
}

#[test]
fn small_multiples_say_which_panels_share_a_scale() {
    let site = site();
    let home = site.page("index.html");
    assert!(svg(&home, "home-awards").is_some());
    assert!(home.contains("dùng chung một thang đo"));
}
