//! Home page: awards per year by cluster, and conferences per year.

use std::collections::{BTreeMap, BTreeSet};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::awards::{add_opt, by_year, unknown_years, MAX_GAP_SPAN};
use super::common::{
    anchored, canvas, chars_fitting, clean, count_scale, de, draw_hatch, draw_legend,
    draw_zero_tick, finish, format_count, hatch_legend, legend_height, max_by_year, opt_cell,
    opt_text, render, table_html, text_w, truncate, with_gaps, year_count_chart, year_ranges, Cell,
    LegendItem, Root, Scale, Swatch, YearAxes, COLLECTIVES, CONFERENCES, FONT, INDIVIDUALS_FILL,
    INK, OUTLINE, PAD,
};
use super::common::{finish_small, width_for_years, y_label_area};
use super::{Chart, ChartText, ClusterAwards, YearCount, PHONE_WIDTH};

/// Collectives and individuals of one year.
type Counts = (Option<u64>, Option<u64>);
type YearMap = BTreeMap<i32, Counts>;

const PANEL_H: i32 = 160;
const PLOT_H: i32 = 240;

/// Sum of the two counts of a year (absent counts add nothing).
fn year_total((c, i): Counts) -> u64 {
    c.unwrap_or(0).saturating_add(i.unwrap_or(0))
}

/// Years of a panel drawn as unknown.
struct Gaps<'g> {
    /// No count at all: a hatched band the height of the plot.
    unknown: &'g BTreeSet<i32>,
    /// Some of the year's clusters give no count: a hatched cap on the bar.
    partial: &'g BTreeSet<i32>,
}

/// Height of the hatched cap on a bar that leaves clusters out.
const CAP_H: i32 = 7;

/// Stacked bars in one panel: collectives at the bottom (dark), individuals
/// on top (light with an outline). Years with no count get a hatched band, a
/// stated zero a tick on the baseline.
fn draw_panel(
    area: &Root<'_>,
    title: &str,
    data: &YearMap,
    gaps: &Gaps<'_>,
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
    // The chart gives canvas pixels; the panel draws from its own corner.
    let (bx, by) = area.get_base_pixel();
    let px = |p: (i32, i32)| (p.0 - bx, p.1 - by);
    for &year in gaps.unknown {
        let x = f64::from(year);
        let a = chart.backend_coord(&(x - 0.4, scale.top));
        let b = chart.backend_coord(&(x + 0.4, 0.0));
        draw_hatch(area, [px(a), px(b)])?;
    }
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
            base = top;
        }
        if (c.is_some() || i.is_some()) && base == 0.0 {
            let a = chart.backend_coord(&(left, 0.0));
            let b = chart.backend_coord(&(right, 0.0));
            draw_zero_tick(area, px(a), px(b))?;
        }
        if gaps.partial.contains(&year) && (c.is_some() || i.is_some()) {
            let (x0, y) = px(chart.backend_coord(&(left, base)));
            let x1 = px(chart.backend_coord(&(right, base))).0;
            draw_hatch(area, [(x0, y - CAP_H), (x1, y - 1)])?;
        }
    }
    Ok(())
}

/// Award counts per year across all clusters, as small multiples: a first
/// panel with the total of all clusters (own scale), then one panel per
/// cluster, all cluster panels on one shared scale so their bars compare.
/// Each bar stacks "lượt tập thể" (dark) under "lượt cá nhân" (light,
/// outlined); a stated zero is a tick on the baseline.
///
/// Unknown is not zero: in a cluster's panel, a year of the cluster's span
/// (its first listed year to its last) with no count is a hatched band the
/// height of the plot; in the total panel, so is a year no cluster gives a
/// count for, and a year some listed clusters give no count for has a
/// hatched cap on its bar (its total leaves them out). The legend then has
/// `text.not_reported`. With a single cluster the total panel is left out.
/// Panels stand two abreast, so the chart fits a phone; each year keeps its
/// tick, labelled as often as the panel's width allows. With several panels,
/// `text.note` (which should say that the cluster panels share one scale and
/// the total panel has its own) is shown above the chart.
///
/// `None` when no cluster gives any count. Counts of a year given twice for
/// one cluster are added. The table lists every cluster (in the given order,
/// after the total) and year.
///
/// Reads `title`, `desc`, `desc_gaps`, `table_summary`, `cluster`, `year`,
/// `total`, `collectives`, `individuals`, `missing`, `not_reported`,
/// `thousands_sep`. Placeholders in `desc`: `{first_year}`, `{last_year}`,
/// `{clusters}` (clusters with counts), `{max_total}`, `{max_total_year}`
/// (largest all-cluster total of a year), `{grand_total}`,
/// `{total_collectives}`, `{total_individuals}`; `desc_gaps`, used when a
/// cluster-year has no count, also has `{unknown}` (how many cluster-years,
/// plus the years of the span that no cluster lists)
/// and `{unknown_years}` (years with no count from any cluster).
pub fn awards_by_cluster(
    id_prefix: &str,
    text: &ChartText,
    clusters: &[ClusterAwards],
) -> Option<Chart> {
    let merged: Vec<(String, YearMap)> = clusters
        .iter()
        .map(|c| (clean(&c.name), by_year(&c.years)))
        .collect();
    let known = |v: &Counts| v.0.is_some() || v.1.is_some();
    let has_counts = |m: &YearMap| m.values().any(known);
    let reporting = merged.iter().filter(|(_, m)| has_counts(m)).count();
    if reporting == 0 {
        return None;
    }
    let shown: Vec<&(String, YearMap)> = merged.iter().filter(|(_, m)| !m.is_empty()).collect();
    let mut totals = YearMap::new();
    // Years some cluster lists without a count.
    let mut left_out: BTreeSet<i32> = BTreeSet::new();
    let mut unknown_cluster_years: u64 = 0;
    for (_, map) in &shown {
        for (&year, &(c, i)) in map {
            let entry = totals.entry(year).or_insert((None, None));
            entry.0 = add_opt(entry.0, c);
            entry.1 = add_opt(entry.1, i);
            if !known(&(c, i)) {
                left_out.insert(year);
                unknown_cluster_years += 1;
            }
        }
    }
    let first = totals.keys().next().copied()?;
    let last = totals.keys().next_back().copied()?;
    let total_unknown = unknown_years(&totals, first, last);
    let partial: BTreeSet<i32> = left_out
        .iter()
        .copied()
        .filter(|y| totals.get(y).is_some_and(known))
        .collect();
    let cluster_unknown: Vec<BTreeSet<i32>> = shown
        .iter()
        .map(|(_, m)| match (m.keys().next(), m.keys().next_back()) {
            (Some(&a), Some(&b)) => unknown_years(m, a, b),
            _ => BTreeSet::new(),
        })
        .collect();
    let any_gap = !total_unknown.is_empty() || !partial.is_empty();
    let sep = text.thousands_sep;
    let cluster_max = shown
        .iter()
        .flat_map(|(_, m)| m.values().copied().map(year_total))
        .max()
        .unwrap_or(0);
    let total_max = totals.values().copied().map(year_total).max().unwrap_or(0);
    let cluster_scale = count_scale(cluster_max, 4, sep);
    let total_scale = count_scale(total_max, 4, sep);
    let total_label = clean(&text.total);
    let no_partial = BTreeSet::new();
    let mut panels: Vec<(&str, &YearMap, Gaps<'_>, &Scale)> = Vec::new();
    if shown.len() > 1 {
        let gaps = Gaps {
            unknown: &total_unknown,
            partial: &partial,
        };
        panels.push((&total_label, &totals, gaps, &total_scale));
    }
    for ((name, map), unknown) in shown.iter().zip(&cluster_unknown) {
        let gaps = Gaps {
            unknown,
            partial: &no_partial,
        };
        panels.push((name, map, gaps, &cluster_scale));
    }
    let any_gap = any_gap || cluster_unknown.iter().any(|u| !u.is_empty());
    // Two panels abreast fit a phone; their years keep a tick each, labelled
    // as often as there is room.
    let cols = if panels.len() == 1 { 1 } else { 2 };
    let grid_rows = panels.len().div_ceil(cols);
    let width = PHONE_WIDTH as i32;
    let inner_w = width - 2 * PAD;
    let mut items = vec![
        LegendItem {
            swatch: Swatch::Box(COLLECTIVES, false),
            label: clean(&text.collectives),
        },
        LegendItem {
            swatch: Swatch::Box(INDIVIDUALS_FILL, true),
            label: clean(&text.individuals),
        },
    ];
    if any_gap {
        items.extend(hatch_legend(&text.not_reported));
    }
    let legend_h = legend_height(&items, inner_w);
    let size = canvas(
        f64::from(width),
        f64::from(PAD + legend_h + grid_rows as i32 * PANEL_H + PAD),
    );

    let raw = render(size.0, size.1, true, |root| {
        draw_legend(root, &items, (PAD, PAD), inner_w)?;
        let body = root.margin(PAD + legend_h, PAD, PAD, PAD);
        let areas = body.split_evenly((grid_rows, cols));
        for ((title, data, gaps, scale), area) in panels.iter().zip(areas.iter()) {
            draw_panel(area, title, data, gaps, scale, (first, last), sep)?;
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
    if shown.len() > 1 {
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

    let best = max_by_year(
        totals
            .iter()
            .filter(|(_, v)| known(v))
            .map(|(&y, &v)| (y, year_total(v))),
    );
    let sum = |pick: fn(&Counts) -> Option<u64>| {
        totals
            .values()
            .filter_map(pick)
            .fold(0u64, u64::saturating_add)
    };
    let vars = [
        ("first_year", first.to_string()),
        ("last_year", last.to_string()),
        ("clusters", format_count(reporting as u64, sep)),
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
        (
            "unknown",
            format_count(
                unknown_cluster_years.saturating_add(
                    total_unknown
                        .iter()
                        .filter(|y| !totals.contains_key(y))
                        .count() as u64,
                ),
                sep,
            ),
        ),
        ("unknown_years", year_ranges(&total_unknown)),
    ];
    let mut text = with_gaps(text, any_gap);
    if panels.len() == 1 {
        // The note on shared scales is about several panels.
        text.to_mut().note.clear();
    }
    Some(finish(id_prefix, &text, &vars, size, raw, table))
}

/// Conferences held per year, as bars from zero with the count written above
/// each bar when there is room. Counts of a year given twice are added; a
/// year between the first and the last that is not listed (no write-up) is
/// a hatched band with the legend `text.no_writeup`, never a zero. `None`
/// for an empty list. The plot is only as tall as the counts need. At most
/// one conference a year is no chart: the result then has no SVG, the
/// sentence `text.small` (placeholders as `desc`, plus `{listed_years}`,
/// the years with a conference) and the table, open.
///
/// Reads `title`, `desc`, `desc_gaps`, `table_summary`, `year`,
/// `conferences`, `no_writeup`, `missing`, `thousands_sep`. Placeholders in
/// `desc`: `{first_year}`, `{last_year}`, `{years}`, `{total}`, `{max}`,
/// `{max_year}`; `desc_gaps`, used when a year is not listed, also has
/// `{unknown_years}`.
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
    let unknown: BTreeSet<i32> = if i64::from(last) - i64::from(first) < MAX_GAP_SPAN {
        (first..=last).filter(|y| !data.contains_key(y)).collect()
    } else {
        BTreeSet::new()
    };
    let items: Vec<LegendItem> = if unknown.is_empty() {
        Vec::new()
    } else {
        hatch_legend(&text.no_writeup).into_iter().collect()
    };
    let span = i64::from(last) - i64::from(first) + 1;
    let fixed = 2 * PAD + y_label_area(&scale, &clean(&text.conferences)) + 12;
    let width = width_for_years(PHONE_WIDTH as i32, fixed, span);
    let legend_h = legend_height(&items, width - 2 * PAD);
    // As tall as the counts need: a few conferences a year take little room.
    let plot_h = (scale.ticks.len() as i32 * 36 + 70).min(PLOT_H);
    let size = canvas(f64::from(width), f64::from(PAD + legend_h + plot_h + PAD));

    let raw = render(size.0, size.1, max > 1, |root| {
        draw_legend(root, &items, (PAD, PAD), width - 2 * PAD)?;
        let area = root.margin(PAD + legend_h, PAD, PAD, PAD);
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
        for &year in &unknown {
            let x = f64::from(year);
            let a = chart.backend_coord(&(x - 0.4, scale.top));
            let b = chart.backend_coord(&(x + 0.4, 0.0));
            draw_hatch(root, [a, b])?;
        }
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

    let mut rows: Vec<(i32, Vec<Cell>)> = data
        .iter()
        .map(|(&year, &count)| (year, vec![Cell::Head(year.to_string()), Cell::Num(count)]))
        .chain(
            unknown
                .iter()
                .map(|&year| (year, vec![Cell::Head(year.to_string()), Cell::Missing])),
        )
        .collect();
    rows.sort_by_key(|(year, _)| *year);
    let rows: Vec<Vec<Cell>> = rows.into_iter().map(|(_, row)| row).collect();
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
        ("unknown_years", year_ranges(&unknown)),
        ("listed_years", year_ranges(&data.keys().copied().collect())),
    ];
    let text = with_gaps(text, !unknown.is_empty());
    if max <= 1 {
        // Bars all of one height say nothing a sentence cannot.
        return Some(finish_small(id_prefix, &text, &vars, table));
    }
    Some(finish(id_prefix, &text, &vars, size, raw, table))
}

#[cfg(test)]
mod tests {
    use super::super::common::ZERO_TICK;
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
        // A cluster without counts has its panel, all hatched.
        assert!(labels.contains(&"Cụm chưa báo cáo".to_string()));
        assert!(labels.contains(&"Chưa có số liệu".to_string()));
        // Hatched: cluster 2's 2022 and the silent cluster's 2022 (bands),
        // the total's 2022 (a cap: it leaves a cluster out), the legend.
        assert_eq!(hatched(&doc).len(), 3 + 1);
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
    fn unknown_years_are_hatched_and_zeros_ticked() {
        let clusters = [
            cluster(
                "A",
                vec![
                    ya(2019, Some(0), Some(0)),
                    ya(2020, None, None),
                    ya(2021, Some(5), Some(5)),
                ],
            ),
            cluster("B", vec![ya(2020, None, None), ya(2021, Some(1), None)]),
        ];
        let mut text = vi_text("Khen thưởng");
        text.desc_gaps = "{unknown} năm-cụm chưa có số liệu; cao nhất {max_total} ({max_total_year}); chưa có năm {unknown_years}.".to_string();
        let Some(c) = awards_by_cluster("h", &text, &clusters) else {
            panic!("expected a chart");
        };
        check_common(&c, "Khen thưởng");
        let doc = parse(&c.svg);
        // 2020: a band in A, B and the total (no cluster has a count); legend.
        let bands = hatched(&doc);
        assert_eq!(bands.len(), 3 + 1);
        let band_h = num(&bands[1], "height");
        assert!(bands.iter().skip(1).all(|b| num(b, "height") == band_h));
        assert!(band_h > 100.0, "a band spans the plot: {band_h}");
        // 2019's stated zero: a tick in the total panel and in A's, no band.
        let ticks = with_color(&doc, "polyline", "stroke", ZERO_TICK);
        assert_eq!(ticks.len(), 2);
        for tick in &ticks {
            let xs = polyline_xs(tick);
            assert!(bands.iter().skip(1).all(|b| xs
                .iter()
                .all(|&x| x < num(b, "x") || x > num(b, "x") + num(b, "width"))));
        }
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("2 năm-cụm chưa có số liệu; cao nhất 11 (2021); chưa có năm 2020.")
        );
        let rows = table_rows(&c);
        assert!(rows.contains(&vec!["A".into(), "2019".into(), "0".into(), "0".into()]));
        assert!(rows.contains(&vec!["A".into(), "2020".into(), "—".into(), "—".into()]));
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
    fn years_without_write_ups_are_hatched() {
        let mut text = vi_text("Số hội nghị theo năm");
        text.desc_gaps = "Không có bài viết năm {unknown_years}.".to_string();
        let Some(c) = conferences_per_year("c", &text, &[yc(2017, 2), yc(2020, 1)]) else {
            panic!("expected a chart");
        };
        check_common(&c, "Số hội nghị theo năm");
        let doc = parse(&c.svg);
        assert_eq!(hatched(&doc).len(), 2 + 1);
        assert!(texts(&doc).contains(&"Không có bài viết".to_string()));
        assert_eq!(with_color(&doc, "rect", "fill", CONFERENCES).len(), 2);
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("Không có bài viết năm 2018–2019.")
        );
        assert_eq!(table_rows(&c)[2], vec!["2018", "—"]);
        assert_eq!(table_rows(&c).len(), 1 + 4);
    }

    #[test]
    fn conference_edge_cases() {
        let text = vi_text("x");
        assert!(conferences_per_year("c", &text, &[]).is_none());
        // At most one conference a year: a sentence and the table, no bars.
        let mut small = vi_text("Số hội nghị theo năm");
        small.small = "{total} hội nghị, mỗi năm nhiều nhất một: {listed_years}.".to_string();
        let Some(one) = conferences_per_year("c", &small, &[yc(2017, 1), yc(2021, 1), yc(2022, 1)])
        else {
            panic!("expected a result");
        };
        assert!(one.svg.is_empty());
        assert_eq!(
            one.note,
            "3 hội nghị, mỗi năm nhiều nhất một: 2017, 2021–2022."
        );
        assert_eq!(table_rows(&one)[2], vec!["2018", "—"]);
        let zero = conferences(&[yc(2020, 0)]);
        assert!(zero.svg.is_empty());
        // Two in a year make a chart, only as tall as it needs.
        let two = conferences(&[yc(2020, 2), yc(2021, 1)]);
        check_common(&two, "Số hội nghị theo năm");
        let doc = parse(&two.svg);
        assert_eq!(with_color(&doc, "rect", "fill", CONFERENCES).len(), 2);
        let height = num(&doc.root_element(), "height");
        assert!(height < 240.0, "{height}");
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
