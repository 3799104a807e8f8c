//! Home page: awards per year by cluster, and conferences per year.

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::awards::{add_opt, by_year};
use super::common::{
    anchored, canvas, chars_fitting, clean, count_scale, de, draw_legend, finish, format_count,
    legend_height, max_by_year, opt_cell, opt_text, render, table_html, text_w, truncate,
    year_count_chart, Cell, LegendItem, Root, Scale, Swatch, YearAxes, COLLECTIVES, CONFERENCES,
    FONT, INDIVIDUALS_FILL, INK, OUTLINE, PAD,
};
use super::{Chart, ChartText, ClusterAwards, YearCount};

/// Collectives and individuals of one year.
type Counts = (Option<u64>, Option<u64>);
type YearMap = BTreeMap<i32, Counts>;

const PANEL_H: i32 = 176;
const PLOT_H: i32 = 240;

/// Sum of the two counts of a year (absent counts add nothing).
fn year_total((c, i): Counts) -> u64 {
    c.unwrap_or(0).saturating_add(i.unwrap_or(0))
}

/// Stacked bars in one panel: collectives at the bottom (dark), individuals
/// on top (light with an outline). Years with no count get no bar.
fn draw_panel(
    area: &Root<'_>,
    title: &str,
    data: &YearMap,
    scale: &Scale,
    (first, last): (i32, i32),
    sep: char,
) -> Result<(), String> {
    let (panel_w, _) = area.dim_in_pixel();
    let title = truncate(title, chars_fitting(f64::from(panel_w) - 12.0, FONT));
    let style = anchored(FONT, INK, HPos::Left, VPos::Top);
    area.draw(&Text::new(title, (6, 4), style)).map_err(de)?;
    let mut chart = year_count_chart(
        area,
        &YearAxes {
            first,
            last,
            scale,
            x_desc: "",
            y_desc: "",
            sep,
            margin_top: 30,
            margin_right: 10,
        },
    )?;
    for (&year, &(c, i)) in data {
        let x = f64::from(year);
        let (left, right) = (x - 0.4, x + 0.4);
        let mut base = 0.0;
        if let Some(c) = c {
            let top = c as f64;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(left, base), (right, top)],
                    COLLECTIVES.filled(),
                )))
                .map_err(de)?;
            base = top;
        }
        if let Some(i) = i {
            let top = base + i as f64;
            let corners = [(left, base), (right, top)];
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    corners,
                    INDIVIDUALS_FILL.filled(),
                )))
                .map_err(de)?;
            let bar_px = chart.backend_coord(&(right, 0.0)).0 - chart.backend_coord(&(left, 0.0)).0;
            if bar_px >= 5 {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        corners,
                        OUTLINE.stroke_width(1),
                    )))
                    .map_err(de)?;
            }
        }
    }
    Ok(())
}

/// Award counts per year across all clusters, as small multiples: a first
/// panel with the total of all clusters (own scale), then one panel per
/// cluster that reported any count, all cluster panels on one shared scale so
/// their bars compare. Each bar stacks "lượt tập thể" (dark) under
/// "lượt cá nhân" (light, outlined); a year without counts has no bar.
/// With a single reporting cluster the total panel is left out.
///
/// `None` when no cluster reported any count. Counts of a year given twice
/// for one cluster are added. The table lists every cluster (in the given
/// order, after the total) and year.
///
/// Reads `title`, `desc`, `table_summary`, `cluster`, `year`, `total`,
/// `collectives`, `individuals`, `missing`, `thousands_sep`. Placeholders in
/// `desc`: `{first_year}`, `{last_year}`, `{clusters}` (clusters with
/// counts), `{max_total}`, `{max_total_year}` (largest all-cluster total of
/// a year), `{grand_total}`, `{total_collectives}`, `{total_individuals}`.
pub fn awards_by_cluster(
    id_prefix: &str,
    text: &ChartText,
    clusters: &[ClusterAwards],
) -> Option<Chart> {
    let merged: Vec<(String, YearMap)> = clusters
        .iter()
        .map(|c| (clean(&c.name), by_year(&c.years)))
        .collect();
    let has_counts = |m: &YearMap| m.values().any(|(c, i)| c.is_some() || i.is_some());
    let reporting: Vec<&(String, YearMap)> = merged.iter().filter(|(_, m)| has_counts(m)).collect();
    if reporting.is_empty() {
        return None;
    }
    let mut totals = YearMap::new();
    for (_, map) in &reporting {
        for (&year, &(c, i)) in map {
            let entry = totals.entry(year).or_insert((None, None));
            entry.0 = add_opt(entry.0, c);
            entry.1 = add_opt(entry.1, i);
        }
    }
    let first = totals.keys().next().copied()?;
    let last = totals.keys().next_back().copied()?;
    let sep = text.thousands_sep;
    let cluster_max = reporting
        .iter()
        .flat_map(|(_, m)| m.values().copied().map(year_total))
        .max()
        .unwrap_or(0);
    let total_max = totals.values().copied().map(year_total).max().unwrap_or(0);
    let cluster_scale = count_scale(cluster_max, 4, sep);
    let total_scale = count_scale(total_max, 4, sep);
    let total_label = clean(&text.total);
    let mut panels: Vec<(&str, &YearMap, &Scale)> = Vec::new();
    if reporting.len() > 1 {
        panels.push((&total_label, &totals, &total_scale));
    }
    for (name, map) in &reporting {
        panels.push((name, map, &cluster_scale));
    }
    let cols = match panels.len() {
        1 => 1,
        2..=4 => 2,
        _ => 3,
    };
    let grid_rows = panels.len().div_ceil(cols);
    let width = if cols == 1 { 560 } else { 720 };
    let inner_w = width - 2 * PAD;
    let items = [
        LegendItem {
            swatch: Swatch::Box(COLLECTIVES, false),
            label: clean(&text.collectives),
        },
        LegendItem {
            swatch: Swatch::Box(INDIVIDUALS_FILL, true),
            label: clean(&text.individuals),
        },
    ];
    let legend_h = legend_height(&items, inner_w);
    let size = canvas(
        f64::from(width),
        f64::from(PAD + legend_h + grid_rows as i32 * PANEL_H + PAD),
    );

    let raw = render(size.0, size.1, |root| {
        draw_legend(root, &items, (PAD, PAD), inner_w)?;
        let body = root.margin(PAD + legend_h, PAD, PAD, PAD);
        let areas = body.split_evenly((grid_rows, cols));
        for ((title, data, scale), area) in panels.iter().zip(areas.iter()) {
            draw_panel(area, title, data, scale, (first, last), sep)?;
        }
        Ok(())
    });

    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut add_rows = |name: &str, map: &YearMap| {
        for (&year, &(c, i)) in map {
            rows.push(vec![
                Cell::Head(name.to_string()),
                Cell::Head(year.to_string()),
                opt_cell(c),
                opt_cell(i),
            ]);
        }
        if map.is_empty() {
            rows.push(vec![
                Cell::Head(name.to_string()),
                Cell::Missing,
                Cell::Missing,
                Cell::Missing,
            ]);
        }
    };
    if reporting.len() > 1 {
        add_rows(&total_label, &totals);
    }
    for (name, map) in &merged {
        add_rows(name, map);
    }
    let table = table_html(
        text,
        &[
            &text.cluster,
            &text.year,
            &text.collectives,
            &text.individuals,
        ],
        &rows,
    );

    let best = max_by_year(totals.iter().map(|(&y, &v)| (y, year_total(v))));
    let sum = |pick: fn(&Counts) -> Option<u64>| {
        totals
            .values()
            .filter_map(pick)
            .fold(0u64, u64::saturating_add)
    };
    let vars = [
        ("first_year", first.to_string()),
        ("last_year", last.to_string()),
        ("clusters", format_count(reporting.len() as u64, sep)),
        ("max_total", opt_text(best.map(|b| b.1), text)),
        (
            "max_total_year",
            best.map_or_else(|| clean(&text.missing), |b| b.0.to_string()),
        ),
        (
            "grand_total",
            format_count(
                totals
                    .values()
                    .copied()
                    .map(year_total)
                    .fold(0, u64::saturating_add),
                sep,
            ),
        ),
        ("total_collectives", format_count(sum(|v| v.0), sep)),
        ("total_individuals", format_count(sum(|v| v.1), sep)),
    ];
    Some(finish(id_prefix, text, &vars, size, raw, table))
}

/// Conferences held per year, as bars from zero with the count written above
/// each bar when there is room. Counts of a year given twice are added;
/// years not listed get no bar. `None` for an empty list.
///
/// Reads `title`, `desc`, `table_summary`, `year`, `conferences`,
/// `thousands_sep`. Placeholders in `desc`: `{first_year}`, `{last_year}`,
/// `{years}`, `{total}`, `{max}`, `{max_year}`.
pub fn conferences_per_year(
    id_prefix: &str,
    text: &ChartText,
    years: &[YearCount],
) -> Option<Chart> {
    let mut data: BTreeMap<i32, u64> = BTreeMap::new();
    for entry in years {
        let slot = data.entry(entry.year).or_insert(0);
        *slot = slot.saturating_add(entry.count);
    }
    let first = data.keys().next().copied()?;
    let last = data.keys().next_back().copied()?;
    let sep = text.thousands_sep;
    let max = data.values().copied().max().unwrap_or(0);
    let scale = count_scale(max, 5, sep);
    let size = canvas(560.0, f64::from(PAD + PLOT_H + PAD));

    let raw = render(size.0, size.1, |root| {
        let area = root.margin(PAD, PAD, PAD, PAD);
        let mut chart = year_count_chart(
            &area,
            &YearAxes {
                first,
                last,
                scale: &scale,
                x_desc: &text.year,
                y_desc: &text.conferences,
                sep,
                margin_top: 16,
                margin_right: 12,
            },
        )?;
        chart
            .draw_series(data.iter().map(|(&year, &count)| {
                let x = f64::from(year);
                Rectangle::new(
                    [(x - 0.35, 0.0), (x + 0.35, count as f64)],
                    CONFERENCES.filled(),
                )
            }))
            .map_err(de)?;
        let px_per_year = chart.backend_coord(&(f64::from(first) + 1.0, 0.0)).0
            - chart.backend_coord(&(f64::from(first), 0.0)).0;
        for (&year, &count) in &data {
            let label = format_count(count, sep);
            if text_w(&label, FONT - 1.0) + 4.0 <= f64::from(px_per_year) {
                let (x, y) = chart.backend_coord(&(f64::from(year), count as f64));
                let style = anchored(FONT - 1.0, INK, HPos::Center, VPos::Bottom);
                root.draw(&Text::new(label, (x, y - 3), style))
                    .map_err(de)?;
            }
        }
        Ok(())
    });

    let rows: Vec<Vec<Cell>> = data
        .iter()
        .map(|(&year, &count)| vec![Cell::Head(year.to_string()), Cell::Num(count)])
        .collect();
    let table = table_html(text, &[&text.year, &text.conferences], &rows);
    let best = max_by_year(data.iter().map(|(&y, &c)| (y, c)));
    let vars = [
        ("first_year", first.to_string()),
        ("last_year", last.to_string()),
        ("years", format_count(data.len() as u64, sep)),
        (
            "total",
            format_count(data.values().fold(0, |a, &b| a.saturating_add(b)), sep),
        ),
        ("max", format_count(max, sep)),
        (
            "max_year",
            best.map(|b| b.0.to_string()).unwrap_or_default(),
        ),
    ];
    Some(finish(id_prefix, text, &vars, size, raw, table))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::super::YearAwards;
    use super::*;

    fn ya(year: i32, c: Option<u64>, i: Option<u64>) -> YearAwards {
        YearAwards {
            year,
            collectives: c,
            individuals: i,
        }
    }

    fn cluster(name: &str, years: Vec<YearAwards>) -> ClusterAwards {
        ClusterAwards {
            name: name.to_string(),
            years,
        }
    }

    fn awards(clusters: &[ClusterAwards]) -> Chart {
        let mut text = vi_text("Khen thưởng theo năm của các cụm");
        text.desc =
            "{clusters} cụm; tổng {grand_total} lượt; cao nhất {max_total} ({max_total_year})."
                .to_string();
        match awards_by_cluster("home-awards", &text, clusters) {
            Some(c) => c,
            None => panic!("expected a chart"),
        }
    }

    fn sample() -> Vec<ClusterAwards> {
        vec![
            cluster(
                "Cụm thi đua số 1",
                vec![
                    ya(2021, Some(10), Some(100)),
                    ya(2022, Some(12), Some(2847)),
                    ya(2023, Some(9), None),
                ],
            ),
            cluster(
                "Cụm thi đua số 2",
                vec![ya(2021, Some(5), Some(50)), ya(2023, Some(6), Some(60))],
            ),
            cluster("Cụm chưa báo cáo", vec![ya(2022, None, None)]),
        ]
    }

    #[test]
    fn small_multiples_with_total_panel() {
        let c = awards(&sample());
        check_common(&c, "Khen thưởng theo năm của các cụm");
        let doc = parse(&c.svg);
        let labels = texts(&doc);
        for expected in [
            "Tất cả các cụm",
            "Cụm thi đua số 1",
            "Cụm thi đua số 2",
            "Lượt tập thể",
            "Lượt cá nhân",
            "2021",
            "2023",
        ] {
            assert!(
                labels.contains(&expected.to_string()),
                "missing {expected}: {labels:?}"
            );
        }
        assert!(!labels.contains(&"Cụm chưa báo cáo".to_string()));
        // Bars: total panel 3 years + cluster 1: 3 + cluster 2: 2, plus legend.
        assert_eq!(
            with_color(&doc, "rect", "fill", COLLECTIVES).len(),
            3 + 3 + 2 + 1
        );
        // Individuals: total 3 + cluster 1: 2 + cluster 2: 2, plus legend.
        let ind = with_color(&doc, "rect", "fill", INDIVIDUALS_FILL);
        assert_eq!(ind.len(), 3 + 2 + 2 + 1);
        // Each individuals bar stands on a collectives bar of the same year.
        let coll = with_color(&doc, "rect", "fill", COLLECTIVES);
        for bar in ind.iter().skip(1) {
            let below = coll.iter().find(|c| {
                (num(c, "x") - num(bar, "x")).abs() < 0.5
                    && (num(c, "y") - (num(bar, "y") + num(bar, "height"))).abs() < 1.5
            });
            assert!(below.is_some(), "individuals bar not stacked");
        }
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("2 cụm; tổng 3.099 lượt; cao nhất 2.859 (2022).")
        );
        let rows = table_rows(&c);
        assert_eq!(rows[0], vec!["Cụm", "Năm", "Lượt tập thể", "Lượt cá nhân"]);
        assert_eq!(rows[2], vec!["Tất cả các cụm", "2022", "12", "2.847"]);
        assert!(rows.contains(&vec![
            "Cụm thi đua số 1".to_string(),
            "2023".into(),
            "9".into(),
            "—".into()
        ]));
        assert!(rows.contains(&vec![
            "Cụm chưa báo cáo".to_string(),
            "2022".into(),
            "—".into(),
            "—".into()
        ]));
    }

    #[test]
    fn one_cluster_has_no_total_panel() {
        let c = awards(&sample()[1..2]);
        check_common(&c, "Khen thưởng theo năm của các cụm");
        let doc = parse(&c.svg);
        let labels = texts(&doc);
        assert!(labels.contains(&"Cụm thi đua số 2".to_string()));
        assert!(!labels.contains(&"Tất cả các cụm".to_string()));
        assert_eq!(with_color(&doc, "rect", "fill", COLLECTIVES).len(), 2 + 1);
        assert_eq!(table_rows(&c).len(), 3);
    }

    #[test]
    fn twenty_clusters_forty_years_share_a_scale() {
        let clusters: Vec<ClusterAwards> = (1..=20u64)
            .map(|k| {
                let years = (1985..2025)
                    .map(|y| ya(y, Some(k), Some(k * 10 + y as u64 % 3)))
                    .collect();
                cluster(&format!("Cụm thi đua số {k}"), years)
            })
            .collect();
        let c = awards(&clusters);
        check_common(&c, "Khen thưởng theo năm của các cụm");
        let doc = parse(&c.svg);
        assert_eq!(
            with_color(&doc, "rect", "fill", COLLECTIVES).len(),
            21 * 40 + 1
        );
        let labels = texts(&doc);
        for k in 1..=20 {
            assert!(labels.contains(&format!("Cụm thi đua số {k}")));
        }
        // Cluster panels share one scale (largest bar 222 → top tick 300);
        // the total panel (largest 2.350) has its own (top tick 3.000).
        assert_eq!(labels.iter().filter(|l| *l == "300").count(), 20);
        assert_eq!(labels.iter().filter(|l| *l == "3.000").count(), 1);
        assert_eq!(table_rows(&c).len(), 1 + 21 * 40);
    }

    #[test]
    fn zeros_and_nothing() {
        let zeros = [
            cluster("A", vec![ya(2020, Some(0), Some(0))]),
            cluster("B", vec![ya(2020, Some(0), None)]),
        ];
        let c = awards(&zeros);
        check_common(&c, "Khen thưởng theo năm của các cụm");
        let doc = parse(&c.svg);
        assert!(texts(&doc).contains(&"1".to_string()));
        let bars = with_color(&doc, "rect", "fill", COLLECTIVES);
        assert!(bars.iter().skip(1).all(|b| num(b, "height") == 0.0));
        let text = vi_text("x");
        assert!(awards_by_cluster("h", &text, &[]).is_none());
        assert!(
            awards_by_cluster("h", &text, &[cluster("A", vec![ya(2020, None, None)])]).is_none()
        );
    }

    #[test]
    fn awards_same_input_same_bytes() {
        assert_eq!(awards(&sample()), awards(&sample()));
    }

    fn conferences(years: &[YearCount]) -> Chart {
        let mut text = vi_text("Số hội nghị theo năm");
        text.desc = "{total} hội nghị; nhiều nhất {max} ({max_year}).".to_string();
        match conferences_per_year("home-conf", &text, years) {
            Some(c) => c,
            None => panic!("expected a chart"),
        }
    }

    fn yc(year: i32, count: u64) -> YearCount {
        YearCount { year, count }
    }

    #[test]
    fn conference_bars_with_values() {
        let c = conferences(&[yc(2021, 12), yc(2022, 18), yc(2024, 15), yc(2022, 1)]);
        check_common(&c, "Số hội nghị theo năm");
        let doc = parse(&c.svg);
        let bars = with_color(&doc, "rect", "fill", CONFERENCES);
        assert_eq!(bars.len(), 3);
        let labels = texts(&doc);
        for expected in ["12", "19", "15", "Số hội nghị", "Năm", "2023", "0"] {
            assert!(
                labels.contains(&expected.to_string()),
                "missing {expected}: {labels:?}"
            );
        }
        // No bar at 2023.
        let x2023 = label_x(&doc, "2023");
        assert!(bars
            .iter()
            .all(|b| !(num(b, "x") < x2023 && x2023 < num(b, "x") + num(b, "width"))));
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("46 hội nghị; nhiều nhất 19 (2022).")
        );
        assert_eq!(table_rows(&c)[2], vec!["2022", "19"]);
    }

    #[test]
    fn conference_edge_cases() {
        let text = vi_text("x");
        assert!(conferences_per_year("c", &text, &[]).is_none());
        let one = conferences(&[yc(2020, 0)]);
        check_common(&one, "Số hội nghị theo năm");
        let doc = parse(&one.svg);
        let labels = texts(&doc);
        assert!(labels.contains(&"1".to_string()) && labels.contains(&"2020".to_string()));
        assert_eq!(with_color(&doc, "rect", "fill", CONFERENCES).len(), 1);
        let big = conferences(&[yc(2020, 250_000), yc(2021, 3)]);
        assert!(texts(&parse(&big.svg)).contains(&"250.000".to_string()));
        let forty: Vec<YearCount> = (1985..2025).map(|y| yc(y, 3)).collect();
        let c = conferences(&forty);
        check_common(&c, "Số hội nghị theo năm");
        assert_eq!(
            with_color(&parse(&c.svg), "rect", "fill", CONFERENCES).len(),
            40
        );
        assert_eq!(conferences(&forty), conferences(&forty));
    }
}
