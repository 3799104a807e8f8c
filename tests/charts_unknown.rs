//! Charts on built pages: a value nobody reported is drawn as a hatched gap,
//! never as zero, and a role known only from a handover is drawn apart.

mod common;

use common::Site;

fn summary(cluster: u32, year: i32, extra: &str) -> String {
    format!(
        "---\ntitle: Cụm {cluster} tổng kết năm {year}\ndate: {year}-11-20\ncluster: {cluster}\n\
         kind: summary\nyear: {year}\nhost: Lạng Sơn\n\
         members: [Lạng Sơn, Cao Bằng, Hà Giang]\n{extra}---\n\nNội dung.\n"
    )
}

/// The SVG of the chart whose id prefix is `id`.
fn svg<'p>(page: &'p str, id: &str) -> &'p str {
    let open = format!("aria-labelledby=\"{id}-title {id}-desc\"");
    let at = page.find(&open).unwrap_or_else(|| panic!("no chart {id}"));
    let start = page[..at].rfind("<svg").expect("svg start");
    let end = at + page[at..].find("</svg>").expect("svg end");
    &page[start..end]
}

fn site() -> Site {
    let site = Site::new();
    // 2019 and 2020 have counts, so the awards chart has a line to draw.
    site.write(
        "cum-7/2019-tong-ket.md",
        &summary(7, 2019, "awards: {collectives: 2, individuals: 4}\n"),
    );
    site.write(
        "cum-7/2020-tong-ket.md",
        &summary(
            7,
            2020,
            "awards: {collectives: 3, individuals: 0}\nleader: Lạng Sơn\n\
             handover: {leader: Cao Bằng}\n",
        ),
    );
    // 2021: no write-up. 2022: a summary that gives no counts.
    site.write("cum-7/2022-tong-ket.md", &summary(7, 2022, ""));
    site.write(
        "cum-8/2022-tong-ket.md",
        &summary(8, 2022, "awards: {collectives: 5, individuals: 6}\n"),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    site
}

#[test]
fn cluster_charts_show_unknown_years_as_gaps_and_the_handover_apart() {
    let site = site();
    let page = site.page("cum/cum-7/index.html");

    let awards = svg(&page, "awards");
    assert!(awards.contains("<pattern id=\"awards-hatch\""), "{awards}");
    // 2021 (no write-up) and 2022 (no counts): two bands and the legend's.
    assert_eq!(awards.matches("fill=\"url(#awards-hatch)\"").count(), 2 + 1);
    assert!(awards.contains(">Chưa có số liệu</text>"));
    // The stated zero stays a zero in the table; unknown years are dashes.
    assert!(page
        .contains("<th scope=\"row\">2020</th><td class=\"num\">3</td><td class=\"num\">0</td>"));
    assert!(page.contains(
        "<th scope=\"row\">2021</th><td class=\"missing\">—</td><td class=\"missing\">—</td>"
    ));

    let members = svg(&page, "members");
    assert!(members.contains(">Không có bài viết</text>"));
    assert_eq!(
        members.matches("fill=\"url(#members-hatch)\"").count(),
        1 + 1
    );

    let leaders = svg(&page, "leaders");
    assert!(leaders.contains(">Theo bàn giao</text>"));
    assert!(leaders.contains("stroke-dasharray"));
    assert!(page.contains("<td>Cao Bằng (Theo bàn giao)</td>"));
}

#[test]
fn the_year_page_shows_a_cluster_without_counts_as_unknown() {
    let site = site();
    let page = site.page("nam/2022/index.html");
    let chart = svg(&page, "year-clusters");
    assert!(chart.contains("Cụm thi đua số 7"), "{chart}");
    assert_eq!(
        chart.matches("fill=\"url(#year-clusters-hatch)\"").count(),
        2 + 1
    );
    assert!(page.contains(
        "<th scope=\"row\">Cụm thi đua số 7</th><td class=\"missing\">—</td><td class=\"missing\">—</td>"
    ));
}
