//! List pages that scale: tag pages, the years a unit held a role, long
//! lists grouped by year with a jump bar (whole without scripts), the list
//! script on the pages that have lists, and the dossiers' print furniture.

mod common;

use common::Site;

/// The visible text of a page: tags dropped, white space collapsed.
fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of `html` from `from` up to the next `to`.
fn part<'h>(html: &'h str, from: &str, to: &str) -> &'h str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("{from} in the page"));
    let rest = &html[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

fn built(site: &Site) {
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "build: {}", run.stderr);
}

fn conference(cluster: u32, date: &str, kind: &str, extra: &str) -> String {
    format!(
        "---\ntitle: Cụm {cluster} {kind} {date}\ndate: {date}\ncluster: {cluster}\nkind: {kind}\nmembers: [Lai Châu, Điện Biên, Sơn La]\n{extra}---\n\nNội dung.\n"
    )
}

#[test]
fn tags_get_pages_named_as_their_earliest_write_up_spells_them() {
    let site = Site::new();
    site.write(
        "a.md",
        &conference(2, "2022-11-20", "summary", "tags: [Tây Bắc, Biên giới]\n"),
    );
    site.write(
        "b.md",
        &conference(2, "2023-11-25", "summary", "tags: [tây bắc]\n"),
    );
    site.write("c.md", &conference(5, "2023-03-01", "pledge", ""));
    built(&site);

    let index = site.page("chu-de/index.html");
    let t = text(&index);
    assert!(t.contains("Tây Bắc 2 2022–2023"), "{t}");
    assert!(t.contains("Biên giới 1 2022"), "{t}");
    assert!(
        !t.contains("tây bắc"),
        "one page per tag, first spelling: {t}"
    );

    let tag = site.page("chu-de/tay-bac/index.html");
    assert!(text(&tag).contains("Chủ đề: Tây Bắc"), "{}", text(&tag));
    for page in ["hoi-nghi/a/index.html", "hoi-nghi/b/index.html"] {
        assert!(tag.contains(&format!("href=\"../../{page}\"")), "{page}");
    }
    assert!(!tag.contains("hoi-nghi/c/index.html"), "untagged listed");

    // A write-up's tags link to their pages; every page's menu has them.
    let a = site.page("hoi-nghi/a/index.html");
    assert!(a.contains("href=\"../../chu-de/tay-bac/index.html\">Tây Bắc</a>"));
    assert!(a.contains("href=\"../../chu-de/bien-gioi/index.html\">Biên giới</a>"));
    assert!(site
        .page("index.html")
        .contains("<a href=\"chu-de/index.html\">Chủ đề</a>"));
}

#[test]
fn a_site_without_tags_says_so_on_its_tags_page() {
    let site = Site::new();
    site.write("a.md", &conference(2, "2023-11-25", "summary", ""));
    built(&site);
    let t = text(&site.page("chu-de/index.html"));
    assert!(
        t.contains("có một trang liệt kê các hội nghị mang chủ đề đó. Chưa có."),
        "{t}"
    );
}

#[test]
fn unit_pages_list_the_years_the_unit_led_or_deputized() {
    let site = Site::new();
    site.write(
        "cum-2/2022-tong-ket.md",
        &conference(
            2,
            "2022-11-20",
            "summary",
            "leader: Sơn La\ndeputy: Lai Châu\nhandover: {leader: Lai Châu, deputy: Điện Biên}\n",
        ),
    );
    site.write(
        "cum-2/2023-so-ket.md",
        &conference(2, "2023-06-20", "review", ""),
    );
    built(&site);

    let lai_chau = site.page("don-vi/lai-chau/index.html");
    let roles = text(part(&lai_chau, "id=\"roles-h\"", "</section>"));
    assert!(
        roles.contains("2022 : Cụm phó, Cụm thi đua số 2"),
        "{roles}"
    );
    assert!(
        roles.contains("2023 : Cụm trưởng, Cụm thi đua số 2 (theo bàn giao)"),
        "{roles}"
    );
    let son_la = text(part(
        &site.page("don-vi/son-la/index.html"),
        "id=\"roles-h\"",
        "</section>",
    ));
    assert!(son_la.contains("2022 : Cụm trưởng"), "{son_la}");
    assert!(!son_la.contains("2023"), "{son_la}");
    let dien_bien = site.page("don-vi/dien-bien/index.html");
    let roles = text(part(&dien_bien, "id=\"roles-h\"", "</section>"));
    assert!(roles.contains("2023 : Cụm phó"), "{roles}");
    assert!(!roles.contains("2022"), "{roles}");
}

#[test]
fn a_role_handed_over_for_a_year_with_no_write_up_yet_is_listed_unlinked() {
    let site = Site::new();
    site.write(
        "cum-2/2023-tong-ket.md",
        &conference(
            2,
            "2023-11-25",
            "summary",
            "handover: {leader: Sơn La, deputy: Điện Biên}\n",
        ),
    );
    // Before the fix the unit page linked to nam/2024/, which is not built.
    built(&site);
    assert!(!site.out().join("nam/2024/index.html").exists());
    let son_la = site.page("don-vi/son-la/index.html");
    let roles = part(&son_la, "id=\"roles-h\"", "</section>");
    assert!(
        text(roles).contains("2024: Cụm trưởng, Cụm thi đua số 2 (theo bàn giao)"),
        "{roles}"
    );
    assert!(!roles.contains("nam/2024/"), "{roles}");
}

#[test]
fn long_lists_are_grouped_by_year_with_a_jump_bar_and_whole_without_scripts() {
    let site = Site::new();
    let mut slugs = Vec::new();
    for year in 2019..=2023 {
        for (kind, day) in [
            ("pledge", "03-10"),
            ("review", "07-10"),
            ("summary", "11-20"),
        ] {
            let slug = format!("{year}-{kind}");
            site.write(
                &format!("cum-2/{slug}.md"),
                &conference(2, &format!("{year}-{day}"), kind, "tags: [Tây Bắc]\n"),
            );
            slugs.push(slug);
        }
    }
    built(&site);

    for page in ["don-vi/lai-chau/index.html", "chu-de/tay-bac/index.html"] {
        let html = site.page(page);
        let list = part(&html, "<nav class=\"jump\"", "</table>");
        for year in 2019..=2023 {
            assert!(
                list.contains(&format!("<a href=\"#nam-{year}\">{year}</a>")),
                "{page}"
            );
            let group = part(list, &format!("<tbody id=\"nam-{year}\">"), "</tbody>");
            assert!(group.contains(&format!("{year} <span class=\"muted\">(3)</span>")));
            for kind in ["pledge", "review", "summary"] {
                assert!(
                    group.contains(&format!("hoi-nghi/cum-2/{year}-{kind}/index.html")),
                    "{page}: {year}-{kind} in its year"
                );
            }
        }
        // Every conference is in the page itself: nothing waits for a script.
        for slug in &slugs {
            assert!(html.contains(&format!("hoi-nghi/cum-2/{slug}/index.html")));
        }
        assert!(
            html.contains("class=\"conferences sortable stack\""),
            "{page}"
        );
        assert!(
            html.contains("src=\"../../static/lists.js\" defer"),
            "{page}"
        );
    }
    let cluster = site.page("cum/cum-2/index.html");
    let jump = part(&cluster, "<nav class=\"jump\"", "</nav>");
    for year in 2019..=2023 {
        assert!(jump.contains(&format!("href=\"#nam-{year}\"")), "{jump}");
        assert!(cluster.contains(&format!("<h3 id=\"nam-{year}\">")));
    }
    assert!(cluster.contains("<ol class=\"timeline\">"));
    assert!(site.out().join("static/lists.js").is_file());
    // The home page's recent list leads on to all conferences.
    assert!(site
        .page("index.html")
        .contains("<a href=\"nam/index.html\">Tất cả hội nghị, theo năm</a>"));
}

/// 205 conferences of cluster 2 over 2021-2023 (70, 70, 65), each naming
/// Lai Châu and proposing it for the Government's flag, with two more
/// honours: more than a page lists (200 rows).
fn a_long_record(site: &Site) {
    let honours = "honours:\n  - {title: Cờ thi đua của Chính phủ, to: [Lai Châu], status: proposed}\n  - {title: Bằng khen của Bộ trưởng Bộ Công an, to: [Sơn La], status: conferred}\n  - {title: Giấy khen, to: [Điện Biên], status: conferred}\n";
    for (year, count) in [(2021, 70), (2022, 70), (2023, 65)] {
        let dates = (0..count).map(|i| format!("{year}-{:02}-{:02}", 1 + i / 28, 1 + i % 28));
        write_all(site, &format!("cum-2/{year}"), 2, "review", honours, dates);
    }
}

/// Writes a conference of `cluster` for each of `dates`, as
/// `<folder>/<nn>.md`.
fn write_all(
    site: &Site,
    folder: &str,
    cluster: u32,
    kind: &str,
    extra: &str,
    dates: impl Iterator<Item = String>,
) {
    for (i, date) in dates.enumerate() {
        site.write(
            &format!("{folder}/{i:02}.md"),
            &conference(cluster, &date, kind, extra),
        );
    }
}

#[test]
fn long_unit_and_honour_pages_list_their_years_each_on_a_page() {
    let site = Site::new();
    a_long_record(&site);
    built(&site);

    // The unit page: its years, each with its counts and page, no rows.
    let unit = site.page("don-vi/lai-chau/index.html");
    let years = part(&unit, "id=\"by-year-h\"", "</table>");
    for (year, n) in [(2021, 70), (2022, 70), (2023, 65)] {
        let row = format!("<a href=\"../../don-vi/lai-chau/nam-{year}.html\">{year}</a></th><td class=\"num\">{n}</td><td class=\"num\">0</td><td class=\"num\">{n}</td>");
        assert!(years.contains(&row), "{year}: {years}");
    }
    assert!(
        !unit.contains("hoi-nghi/"),
        "no conference rows on the unit page"
    );
    assert!(
        text(&unit).contains("Cụm thi đua số 2"),
        "its clusters stay"
    );

    // A year of it: that year's conferences and honours only, and the way on.
    let y2022 = site.page("don-vi/lai-chau/nam-2022.html");
    assert!(text(&y2022).contains("Lai Châu: năm thi đua 2022"));
    assert_eq!(
        y2022.matches("<a href=\"../../hoi-nghi/cum-2/").count(),
        70 * 2
    );
    assert!(!y2022.contains("hoi-nghi/cum-2/2021-") && !y2022.contains("2021/index.html\">"));
    for link in [
        "href=\"../../don-vi/lai-chau/index.html\">Lai Châu</a>",
        "rel=\"prev\" href=\"../../don-vi/lai-chau/nam-2021.html\"",
        "rel=\"next\" href=\"../../don-vi/lai-chau/nam-2023.html\"",
    ] {
        assert!(y2022.contains(link), "{link}");
    }
    let first = site.page("don-vi/lai-chau/nam-2021.html");
    assert!(!first.contains("rel=\"prev\""));

    // The honour: its years with their tallies, each year on its own page.
    let flag = site.page("danh-hieu/co-thi-dua-cua-chinh-phu/index.html");
    let table = part(&flag, "id=\"by-year-h\"", "</table>");
    assert!(table.contains("<a href=\"../../danh-hieu/co-thi-dua-cua-chinh-phu/nam-2023.html\">2023</a></th><td class=\"num\">65</td><td class=\"num\">65</td><td class=\"num\">0</td>"), "{table}");
    let flag_2023 = site.page("danh-hieu/co-thi-dua-cua-chinh-phu/nam-2023.html");
    assert_eq!(
        flag_2023
            .matches("<td class=\"status status-proposed\">")
            .count(),
        65
    );
    assert!(!flag_2023.contains("hoi-nghi/cum-2/2022-"));

    // A year of 210 honours: a table of titles, each to its year's uses.
    let year = site.page("nam/2022/index.html");
    let honours = part(&year, "id=\"honours-h\"", "</section>");
    assert!(honours.contains("<a href=\"../../danh-hieu/co-thi-dua-cua-chinh-phu/nam-2022.html\">Cờ thi đua của Chính phủ</a></th><td class=\"num\">70</td><td class=\"num\">0</td>"), "{honours}");
    assert!(honours.contains("<a href=\"../../danh-hieu/giay-khen/nam-2022.html\">Giấy khen</a></th><td class=\"num\">0</td><td class=\"num\">70</td>"), "{honours}");
    assert!(!honours.contains("hoi-nghi/"));
}

/// The ids of the dossier entries of `html`, in order.
fn entries(html: &str) -> Vec<String> {
    html.split("<article class=\"dossier-entry\" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn long_dossiers_are_printed_in_volumes_each_write_up_once() {
    let site = Site::new();
    // Cluster 2: 5 write-ups in 2022 and 40 in 2023 (45: its dossier is in
    // volumes); cluster 3: 3 in 2023; 2 provincial ones in 2023. The 2023
    // dossier has 45 (in volumes), the 2022 one 5 (whole).
    let flag =
        "honours:\n  - {title: Cờ thi đua của Chính phủ, to: [Lai Châu], status: proposed}\n";
    let march = (0..5).map(|i| format!("2022-03-{:02}", i + 1));
    write_all(&site, "cum-2/2022", 2, "review", "", march);
    let early = (0..40).map(|i| format!("2023-{:02}-{:02}", 1 + i / 10, 1 + i % 10));
    write_all(&site, "cum-2/2023", 2, "review", flag, early);
    let june = (0..3).map(|i| format!("2023-06-{:02}", i + 1));
    write_all(&site, "cum-3", 3, "pledge", "", june);
    for i in 0..2 {
        site.write(
            &format!("tinh/{i:02}.md"),
            &format!("---\ntitle: Tỉnh {i}\ndate: 2023-07-0{}\nkind: summary\nhost: Lai Châu\n---\n\nNội dung.\n", i + 1),
        );
    }
    built(&site);

    // The cluster's dossier lists its volumes: no entry, no page of megabytes.
    let dossier = site.page("cum/cum-2/ho-so.html");
    assert!(entries(&dossier).is_empty());
    let volumes = part(&dossier, "<section class=\"volumes\"", "</section>");
    for line in [
        "<a href=\"../../cum/cum-2/ho-so-2022.html\">Năm thi đua 2022</a></th><td class=\"num\">5</td><td><time datetime=\"2022-03-01\">01/03/2022</time></td><td><time datetime=\"2022-03-05\">05/03/2022</time></td>",
        "<a href=\"../../cum/cum-2/ho-so-2023-1.html\">Năm thi đua 2023, tập 1/2</a></th><td class=\"num\">20</td>",
        "<a href=\"../../cum/cum-2/ho-so-2023-2.html\">Năm thi đua 2023, tập 2/2</a></th><td class=\"num\">20</td>",
    ] {
        assert!(volumes.contains(line), "{line}: {volumes}");
    }
    assert!(text(&dossier).contains("Hồ sơ có 45 bài viết"));
    // Its honours by title, counted over the dossier.
    let honours = part(&dossier, "id=\"honours-h\"", "</section>");
    assert!(honours.contains("<a href=\"../../danh-hieu/co-thi-dua-cua-chinh-phu/index.html\">Cờ thi đua của Chính phủ</a></th><td class=\"num\">40</td><td class=\"num\">0</td>"), "{honours}");
    // The cluster page says how it prints.
    assert!(text(&site.page("cum/cum-2/index.html")).contains("Hồ sơ để in (theo từng tập)"));

    // The 2023 dossier lists the volumes of its clusters and of no cluster.
    let year = site.page("nam/2023/ho-so.html");
    assert!(entries(&year).is_empty());
    let listed: Vec<&str> = part(&year, "<section class=\"volumes\"", "</section>")
        .split("<a href=\"../../")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(
        listed,
        [
            "cum/cum-2/ho-so-2023-1.html",
            "cum/cum-2/ho-so-2023-2.html",
            "cum/cum-3/ho-so-2023.html",
            "nam/2023/ho-so-khac.html",
        ]
    );

    // Every write-up of 2023 is in exactly one volume, in date order there;
    // each volume names the dossiers it belongs to.
    let mut printed: Vec<String> = Vec::new();
    for path in listed
        .iter()
        .map(|p| p.to_string())
        .chain(["cum/cum-2/ho-so-2022.html".to_string()])
    {
        let volume = site.page(&path);
        let ids = entries(&volume);
        assert!(!ids.is_empty() && ids.len() <= 30, "{path}: {}", ids.len());
        let toc = part(&volume, "<nav class=\"toc\"", "</nav>");
        assert_eq!(toc.matches("<li>").count(), ids.len(), "{path}");
        printed.extend(ids);
    }
    let mut unique = printed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((printed.len(), unique.len()), (50, 50));
    let second = site.page("cum/cum-2/ho-so-2023-2.html");
    assert!(text(&second).contains("Hồ sơ in: Cụm thi đua số 2, năm thi đua 2023 (tập 2/2)"));
    let parents = part(&second, "class=\"dossier-parents\"", "</p>");
    assert!(
        parents.contains("<a href=\"../../cum/cum-2/ho-so.html\">")
            && parents.contains("<a href=\"../../nam/2023/ho-so.html\">"),
        "{parents}"
    );
    // The first part holds January and February, the second March on.
    let toc = part(&second, "<nav class=\"toc\"", "</nav>");
    assert!(
        toc.contains("datetime=\"2023-03-01\"") && !toc.contains("datetime=\"2023-02-10\""),
        "{toc}"
    );

    // Short dossiers stay whole: cluster 3's 3 write-ups, and 2022's 5.
    assert_eq!(entries(&site.page("cum/cum-3/ho-so.html")).len(), 3);
    assert_eq!(entries(&site.page("nam/2022/ho-so.html")).len(), 5);
    for absent in [
        "nam/2022/ho-so-khac.html",
        "cum/cum-3/ho-so-2023.html.x",
        "cum/cum-3/ho-so-2022.html",
    ] {
        assert!(!site.out().join(absent).exists(), "{absent}");
    }
}

#[test]
fn a_unit_of_one_year_has_no_jump_bar() {
    let site = Site::new();
    site.write("a.md", &conference(2, "2023-11-25", "summary", ""));
    built(&site);
    let html = site.page("don-vi/lai-chau/index.html");
    assert!(!html.contains("class=\"jump\""));
    assert!(html.contains("<tbody id=\"nam-2023\">"));
}

#[test]
fn dossiers_number_their_entries_and_name_themselves_in_the_margins() {
    let site = Site::sample();
    built(&site);
    let dossier = site.page("cum/cum-2/ho-so.html");
    let head = part(&dossier, "<head>", "</head>");
    assert!(
        head.contains("@top-left { content: \"Hồ sơ in: Cụm thi đua số 2\""),
        "{head}"
    );
    assert!(dossier.contains("<div class=\"dossier\">"));
    // One numbered contents line per numbered entry, in the same order.
    let toc = part(&dossier, "<nav class=\"toc\"", "</nav>");
    let anchors: Vec<&str> = toc
        .split("href=\"#")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let entries: Vec<&str> = dossier
        .split("<article class=\"dossier-entry\" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(!entries.is_empty());
    assert_eq!(anchors, entries);
    // Each chart under its title.
    let charts = part(&dossier, "class=\"dossier-charts\"", "</section>");
    assert!(charts.contains("<div class=\"dossier-chart\">\n<h3>Khen thưởng theo năm</h3>"));
    let css = std::fs::read_to_string(site.out().join("static/style.css")).expect("style.css");
    assert!(css.contains("counter(page) \" / \" counter(pages)"));
}
