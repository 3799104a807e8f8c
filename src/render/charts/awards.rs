//! Cluster page: awards per year to collectives and to individuals.

use std::collections::{BTreeMap, BTreeSet};
use std::iter::once;

use plotters::prelude::*;

use super::common::{
    canvas, clean, de, draw_hatch, draw_legend, draw_marker, draw_reorgs, finish, hatch_legend,
    legend_height, max_by_year, opt_cell, opt_text, plot_bottom, render, table_html, with_gaps,
    year_cell, year_count_chart, year_ranges, Cell, LegendItem, Marker, Swatch, YearAxes,
    COLLECTIVES, INDIVIDUALS_LINE, PAD, REORG_STRIP,
};
use super::common::{finish_small, width_for_years, y_label_area};
use super::{Chart, ChartText, YearAwards, PHONE_WIDTH};

const PLOT_H: i32 = 240;

/// Adds two optional counts; `None` only when both are absent.
pub(super) fn add_opt(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.saturating_add(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Year → (collectives, individuals), in year order; counts of a year given
/// twice are added.
pub(super) fn by_year(rows: &[YearAwards]) -> BTreeMap<i32, (Option<u64>, Option<u64>)> {
    let mut map: BTreeMap<i32, (Option<u64>, Option<u64>)> = BTreeMap::new();
    for row in rows {
        let entry = map.entry(row.year).or_insert((None, None));
        entry.0 = add_opt(entry.0, row.collectives);
        entry.1 = add_opt(entry.1, row.individuals);
    }
    map
}

/// Longest span of years whose every year is looked at for gaps; a longer
/// one (absurd input) only gets the years it lists.
pub(super) const MAX_GAP_SPAN: i64 = 1000;

/// The years from `first` to `last` with no count at all: listed with none,
/// or not listed.
pub(super) fn unknown_years(
    data: &BTreeMap<i32, (Option<u64>, Option<u64>)>,
    first: i32,
    last: i32,
) -> BTreeSet<i32> {
    let none = |year: &i32| {
        data.get(year)
            .is_none_or(|(c, i)| c.is_none() && i.is_none())
    };
    if i64::from(last) - i64::from(first) < MAX_GAP_SPAN {
        (first..=last).filter(none).collect()
    } else {
        data.keys().copied().filter(none).collect()
    }
}

/// Runs of consecutive years; a missing year or a reorganization starts a new run.
fn runs(points: &[(i32, u64)], reorgs: &BTreeSet<i32>) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut prev: Option<i32> = None;
    for &(year, value) in points {
        let joins =
            prev.is_some_and(|p| i64::from(p) + 1 == i64::from(year)) && !reorgs.contains(&year);
        let point = (f64::from(year), value as f64);
        match out.last_mut() {
            Some(run) if joins => run.push(point),
            _ => out.push(vec![point]),
        }
        prev = Some(year);
    }
    out
}

/// Awards per year of one cluster: "lượt tập thể" (solid line, round
/// markers) and "lượt cá nhân" (dashed line, triangles), y axis from zero.
///
/// `years` lists the cluster's years; a `None` count or a year not listed is
/// a gap, never a zero: a year with no count at all is drawn as a hatched
/// band the height of the plot (legend `text.not_reported`), a stated zero
/// as a marker on the zero line. Each year in `reorganized` gets a
/// dashed vertical marker on the boundary before it, labelled
/// "{text.reorganized} {year}", and lines do not cross it; the axis is
/// widened to include those years. Returns `None` when no year has any count
/// (the caller then shows `text.no_data`, e.g. through [`super::figure_or_note`]).
/// A single year with a count is no line: the result then has no SVG, the
/// sentence `text.small` (placeholders as `desc`, plus `{reported_years}`)
/// and the table, open.
///
/// Reads `title`, `desc`, `table_summary`, `year`, `value_axis`,
/// `collectives`, `individuals`, `reorganized`, `missing`, `not_reported`,
/// `desc_gaps`, `thousands_sep`. Placeholders in `desc`: `{first_year}`,
/// `{last_year}`, `{years}` (years with a count), `{max_collectives}`,
/// `{max_collectives_year}`, `{max_individuals}`, `{max_individuals_year}`,
/// `{total_collectives}`, `{total_individuals}` (maxima and totals over the
/// years with a count), `{reorganized_years}`; `desc_gaps`, used when a year
/// has no count, also has `{unknown_years}` ("2018–2020, 2022").
pub fn cluster_awards(
    id_prefix: &str,
    text: &ChartText,
    years: &[YearAwards],
    reorganized: &[i32],
) -> Option<Chart> {
    let data = by_year(years);
    if data.values().all(|(c, i)| c.is_none() && i.is_none()) {
        return None;
    }
    let reorgs: BTreeSet<i32> = reorganized.iter().copied().collect();
    let first = data.keys().chain(reorgs.iter()).min().copied()?;
    let last = data.keys().chain(reorgs.iter()).max().copied()?;
    let collectives: Vec<(i32, u64)> = data
        .iter()
        .filter_map(|(&y, &(c, _))| c.map(|v| (y, v)))
        .collect();
    let individuals: Vec<(i32, u64)> = data
        .iter()
        .filter_map(|(&y, &(_, i))| i.map(|v| (y, v)))
        .collect();
    let max = collectives
        .iter()
        .chain(individuals.iter())
        .map(|&(_, v)| v)
        .max()
        .unwrap_or(0);
    let scale = super::common::count_scale(max, 5, text.thousands_sep);

    let unknown = unknown_years(&data, first, last);
    let mut items = vec![
        LegendItem {
            swatch: Swatch::Line(COLLECTIVES, Marker::Circle),
            label: clean(&text.collectives),
        },
        LegendItem {
            swatch: Swatch::Line(INDIVIDUALS_LINE, Marker::Triangle),
            label: clean(&text.individuals),
        },
    ];
    if !unknown.is_empty() {
        items.extend(hatch_legend(&text.not_reported));
    }
    let span = i64::from(last) - i64::from(first) + 1;
    let fixed = 2 * PAD + y_label_area(&scale, &clean(&text.value_axis)) + 12;
    let width = width_for_years(PHONE_WIDTH as i32, fixed, span);
    let inner_w = width - 2 * PAD;
    let legend_h = legend_height(&items, inner_w);
    let strip_h = if reorgs.is_empty() { 0 } else { REORG_STRIP };
    let top = PAD + legend_h + strip_h;
    let size = canvas(f64::from(width), f64::from(top + PLOT_H + PAD));

    let reported = data
        .values()
        .filter(|(c, i)| c.is_some() || i.is_some())
        .count();
    let raw = render(size.0, size.1, reported >= 2, |root| {
        draw_legend(root, &items, (PAD, PAD), inner_w)?;
        let area = root.margin(top, PAD, PAD, PAD);
        let mut chart = year_count_chart(
            &area,
            &YearAxes {
                first,
                last,
                scale: &scale,
                x_desc: &text.year,
                y_desc: &text.value_axis,
                sep: text.thousands_sep,
                margin_top: 8,
                margin_right: 12,
            },
        )?;
        for &year in &unknown {
            let x = f64::from(year);
            let a = chart.backend_coord(&(x - 0.42, scale.top));
            let b = chart.backend_coord(&(x + 0.42, 0.0));
            draw_hatch(root, [a, b])?;
        }
        let bottom = plot_bottom(chart.plotting_area().get_pixel_range());
        let x_px = |x: f64| chart.backend_coord(&(x, 0.0)).0;
        draw_reorgs(root, &reorgs, &x_px, bottom, PAD + legend_h, text)?;
        let series = [
            (&collectives, COLLECTIVES, Marker::Circle),
            (&individuals, INDIVIDUALS_LINE, Marker::Triangle),
        ];
        for (points, color, marker) in series {
            for run in runs(points, &reorgs) {
                if run.len() >= 2 {
                    chart
                        .draw_series(once(PathElement::new(run, color.stroke_width(2))))
                        .map_err(de)?;
                }
            }
            for &(year, value) in points.iter() {
                let at = chart.backend_coord(&(f64::from(year), value as f64));
                draw_marker(root, at, color, marker)?;
            }
        }
        Ok(())
    });

    let mut rows = Vec::new();
    let all_years: BTreeSet<i32> = data
        .keys()
        .chain(reorgs.iter())
        .chain(unknown.iter())
        .copied()
        .collect();
    for year in &all_years {
        let (c, i) = data.get(year).copied().unwrap_or((None, None));
        rows.push(vec![
            Cell::Head(year_cell(*year, &reorgs, text)),
            opt_cell(c),
            opt_cell(i),
        ]);
    }
    let table = table_html(
        text,
        &[&text.year, &text.collectives, &text.individuals],
        &rows,
    );

    let max_c = max_by_year(collectives.iter().copied());
    let max_i = max_by_year(individuals.iter().copied());
    let sum = |points: &[(i32, u64)]| {
        points
            .iter()
            .fold(0u64, |acc, &(_, v)| acc.saturating_add(v))
    };
    let year_text =
        |m: Option<(i32, u64)>| m.map_or_else(|| clean(&text.missing), |(y, _)| y.to_string());
    let vars = [
        ("first_year", first.to_string()),
        ("last_year", last.to_string()),
        ("years", reported.to_string()),
        ("max_collectives", opt_text(max_c.map(|m| m.1), text)),
        ("max_collectives_year", year_text(max_c)),
        ("max_individuals", opt_text(max_i.map(|m| m.1), text)),
        ("max_individuals_year", year_text(max_i)),
        (
            "total_collectives",
            opt_text(
                Some(sum(&collectives)).filter(|_| !collectives.is_empty()),
                text,
            ),
        ),
        (
            "total_individuals",
            opt_text(
                Some(sum(&individuals)).filter(|_| !individuals.is_empty()),
                text,
            ),
        ),
        ("reorganized_years", super::common::join_years(&reorgs)),
        ("unknown_years", year_ranges(&unknown)),
        (
            "reported_years",
            year_ranges(
                &data
                    .iter()
                    .filter(|(_, (c, i))| c.is_some() || i.is_some())
                    .map(|(&y, _)| y)
                    .collect(),
            ),
        ),
    ];
    let text = with_gaps(text, !unknown.is_empty());
    if reported < 2 {
        // One point is no line: a sentence and the table say it better.
        return Some(finish_small(id_prefix, &text, &vars, table));
    }
    Some(finish(id_prefix, &text, &vars, size, raw, table))
}

#[cfg(test)]
mod tests {
    use super::super::common::{INDIVIDUALS_LINE, REORG};
    use super::super::test_util::*;
    use super::*;

    fn row(year: i32, c: Option<u64>, i: Option<u64>) -> YearAwards {
        YearAwards {
            year,
            collectives: c,
            individuals: i,
        }
    }

    fn sample() -> Vec<YearAwards> {
        vec![
            row(2018, Some(10), Some(200)),
            row(2019, Some(12), Some(2847)),
            // 2020 not reported at all
            row(2021, Some(8), Some(150)),
            row(2022, Some(9), None),
            row(2023, Some(11), Some(300)),
        ]
    }

    fn render(rows: &[YearAwards], reorgs: &[i32]) -> Chart {
        let mut text = vi_text("Số lượt khen thưởng theo năm");
        text.desc = "Từ {first_year} đến {last_year}; cao nhất {max_individuals} lượt cá nhân ({max_individuals_year}).".to_string();
        match cluster_awards("cum-1-awards", &text, rows, reorgs) {
            Some(chart) => chart,
            None => panic!("expected a chart"),
        }
    }

    #[test]
    fn draws_both_series_with_gaps_and_reorganization() {
        let chart = render(&sample(), &[2021]);
        check_common(&chart, "Số lượt khen thưởng theo năm");
        let doc = parse(&chart.svg);

        // One marker per reported value, plus the legend's sample.
        assert_eq!(with_color(&doc, "circle", "fill", COLLECTIVES).len(), 5 + 1);
        assert_eq!(
            with_color(&doc, "polygon", "fill", INDIVIDUALS_LINE).len(),
            4 + 1
        );
        // Collectives: 2018–2019 and 2021–2023 (2020 missing) + legend.
        assert_eq!(
            with_color(&doc, "polyline", "stroke", COLLECTIVES).len(),
            2 + 1
        );
        // Individuals: only 2018–2019 joins (2022 missing) + legend; dashed.
        let ind_lines = with_color(&doc, "polyline", "stroke", INDIVIDUALS_LINE);
        assert_eq!(ind_lines.len(), 1 + 1);
        assert!(ind_lines
            .iter()
            .all(|l| l.attribute("stroke-dasharray").is_some()));

        // Nothing is drawn at the missing year.
        let x2020 = label_x(&doc, "2020");
        for circle in with_color(&doc, "circle", "fill", COLLECTIVES) {
            assert!((num(&circle, "cx") - x2020).abs() > 3.0);
        }
        for line in with_color(&doc, "polyline", "stroke", COLLECTIVES)
            .iter()
            .chain(ind_lines.iter())
        {
            let xs = polyline_xs(line);
            let (lo, hi) = xs
                .iter()
                .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
            assert!(!(lo < x2020 && x2020 < hi), "segment crosses 2020: {xs:?}");
        }

        // The reorganization marker sits between 2020 and 2021 and is labelled.
        let marks = with_color(&doc, "polyline", "stroke", REORG);
        assert_eq!(marks.len(), 1);
        let mark_x = polyline_xs(&marks[0])[0];
        assert!(x2020 < mark_x && mark_x < label_x(&doc, "2021"));
        assert!(marks[0].attribute("stroke-dasharray").is_some());
        let labels = texts(&doc);
        assert!(labels.contains(&"Tái tổ chức 2021".to_string()));

        // Legend, axes and captions in the caller's words.
        for expected in [
            "Lượt tập thể",
            "Lượt cá nhân",
            "Năm",
            "Số lượt",
            "2018",
            "2023",
            "0",
            "3.000",
        ] {
            assert!(
                labels.contains(&expected.to_string()),
                "missing {expected}: {labels:?}"
            );
        }
        let desc = elements(&doc, "desc")[0].text().unwrap_or("").to_string();
        assert_eq!(
            desc,
            "Từ 2018 đến 2023; cao nhất 2.847 lượt cá nhân (2019)."
        );

        let rows = table_rows(&chart);
        assert_eq!(rows[0], vec!["Năm", "Lượt tập thể", "Lượt cá nhân"]);
        assert_eq!(rows[2], vec!["2019", "12", "2.847"]);
        assert_eq!(rows[3], vec!["2020", "—", "—"]);
        assert_eq!(rows[4], vec!["2021 (Tái tổ chức)", "8", "150"]);
        assert_eq!(rows[5], vec!["2022", "9", "—"]);
        assert_eq!(rows.len(), 1 + 6);
    }

    /// The x extent of a shape.
    fn x_span(node: &roxmltree::Node<'_, '_>) -> (f64, f64) {
        (num(node, "x"), num(node, "x") + num(node, "width"))
    }

    #[test]
    fn unknown_year_is_hatched_and_a_stated_zero_is_not() {
        let rows = [
            row(2019, Some(0), Some(0)),
            row(2020, None, None),
            // 2021 not listed at all: no write-up.
            row(2022, Some(3), Some(4)),
        ];
        let mut text = vi_text("Khen thưởng");
        text.desc = "Đủ số liệu.".to_string();
        text.desc_gaps = "Chưa có số liệu năm {unknown_years}; cao nhất {max_individuals} ({max_individuals_year}).".to_string();
        let Some(chart) = cluster_awards("a", &text, &rows, &[]) else {
            panic!("expected a chart");
        };
        check_common(&chart, "Khen thưởng");
        let doc = parse(&chart.svg);
        // One band per unknown year, plus the legend's swatch.
        let bands = hatched(&doc);
        assert_eq!(bands.len(), 2 + 1, "{}", chart.svg);
        assert!(texts(&doc).contains(&"Chưa có số liệu".to_string()));
        let spans: Vec<(f64, f64)> = bands.iter().skip(1).map(x_span).collect();
        for year in ["2020", "2021"] {
            let x = label_x(&doc, year);
            assert!(spans.iter().any(|&(lo, hi)| lo < x && x < hi), "{year}");
        }
        // The stated zero is a marker on the zero line, not a band.
        let x2019 = label_x(&doc, "2019");
        assert!(spans.iter().all(|&(lo, hi)| !(lo < x2019 && x2019 < hi)));
        let zero_y = elements(&doc, "text")
            .into_iter()
            .find(|t| t.text() == Some("0"))
            .map(|t| num(&t, "y"))
            .unwrap_or(f64::NAN);
        assert!(with_color(&doc, "circle", "fill", COLLECTIVES)
            .iter()
            .any(|c| (num(c, "cx") - x2019).abs() < 1.5 && (num(c, "cy") - zero_y).abs() < 1.5));
        // The bands span the plot's height (from the top tick to the zero line).
        let top_y = elements(&doc, "text")
            .into_iter()
            .find(|t| t.text() == Some("4"))
            .map(|t| num(&t, "y"))
            .unwrap_or(f64::NAN);
        for band in bands.iter().skip(1) {
            assert!((num(band, "y") - top_y).abs() < 2.0);
            assert!((num(band, "y") + num(band, "height") - zero_y).abs() < 2.0);
        }
        // The table: a dash for unknown, 0 for zero.
        let table = table_rows(&chart);
        assert_eq!(table[1], vec!["2019", "0", "0"]);
        assert_eq!(table[2], vec!["2020", "—", "—"]);
        assert_eq!(table[3], vec!["2021", "—", "—"]);
        // The description says which years are unknown.
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("Chưa có số liệu năm 2020–2021; cao nhất 4 (2022).")
        );

        // All years known: no hatch, no legend entry, the plain description.
        let known = [row(2019, Some(0), Some(0)), row(2020, Some(1), None)];
        let Some(chart) = cluster_awards("a", &text, &known, &[]) else {
            panic!("expected a chart");
        };
        let doc = parse(&chart.svg);
        assert!(hatched(&doc).is_empty());
        assert!(elements(&doc, "pattern").is_empty());
        assert!(!texts(&doc).contains(&"Chưa có số liệu".to_string()));
        assert_eq!(elements(&doc, "desc")[0].text(), Some("Đủ số liệu."));
    }

    #[test]
    fn reorganization_breaks_the_line() {
        let rows = [
            row(2019, Some(1), None),
            row(2020, Some(2), None),
            row(2021, Some(3), None),
        ];
        let chart = render(&rows, &[2020]);
        let doc = parse(&chart.svg);
        // 2019 | 2020–2021, so one drawn segment plus the legend's.
        assert_eq!(
            with_color(&doc, "polyline", "stroke", COLLECTIVES).len(),
            1 + 1
        );
        let without = render(&rows, &[]);
        let doc = parse(&without.svg);
        assert_eq!(
            with_color(&doc, "polyline", "stroke", COLLECTIVES).len(),
            1 + 1
        );
        assert_eq!(with_color(&doc, "polyline", "stroke", REORG).len(), 0);
        let seg = &with_color(&doc, "polyline", "stroke", COLLECTIVES)[1];
        assert_eq!(
            polyline_xs(seg).len(),
            3,
            "without reorganization one line joins all years"
        );
    }

    #[test]
    fn no_counts_means_no_chart() {
        let text = vi_text("x");
        assert!(cluster_awards("a", &text, &[], &[]).is_none());
        let empty = [row(2020, None, None), row(2021, None, None)];
        assert!(cluster_awards("a", &text, &empty, &[2021]).is_none());
        let note = super::super::figure_or_note(None, &text);
        assert_eq!(
            note,
            "<p class=\"chart-empty\">Cụm chưa báo cáo số lượt khen thưởng.</p>"
        );
    }

    #[test]
    fn one_point_is_a_sentence_and_a_table() {
        let mut text = vi_text("Số lượt khen thưởng theo năm");
        text.small =
            "Chỉ năm {reported_years} có số liệu: {total_collectives} lượt tập thể.".to_string();
        let rows = [row(2020, None, None), row(2022, Some(5), None)];
        let Some(chart) = cluster_awards("a", &text, &rows, &[]) else {
            panic!("expected a result");
        };
        assert!(chart.svg.is_empty() && chart.width == 0);
        assert_eq!(chart.note, "Chỉ năm 2022 có số liệu: 5 lượt tập thể.");
        let table = table_rows(&chart);
        assert_eq!(table[1], vec!["2020", "—", "—"]);
        assert_eq!(table[3], vec!["2022", "5", "—"]);
        assert!(chart
            .to_html()
            .contains("<details class=\"chart-data\" open=\"\">"));
        // Two points make a chart again.
        let two = render(&[row(2021, Some(3), None), row(2022, Some(5), None)], &[]);
        check_common(&two, "Số lượt khen thưởng theo năm");
    }

    #[test]
    fn all_zeros_draw_on_a_zero_to_one_axis() {
        let chart = render(
            &[row(2020, Some(0), Some(0)), row(2021, Some(0), Some(0))],
            &[],
        );
        check_common(&chart, "Số lượt khen thưởng theo năm");
        let doc = parse(&chart.svg);
        let labels = texts(&doc);
        assert!(labels.contains(&"0".to_string()) && labels.contains(&"1".to_string()));
        let circles = with_color(&doc, "circle", "fill", COLLECTIVES);
        // Both data markers lie on the zero line, level with the "0" tick label.
        let zero_y = elements(&doc, "text")
            .into_iter()
            .find(|t| t.text() == Some("0"))
            .map(|t| num(&t, "y"))
            .unwrap_or(f64::NAN);
        let data_markers: Vec<_> = circles
            .iter()
            .filter(|c| (num(c, "cy") - zero_y).abs() < 1.5)
            .collect();
        assert_eq!(data_markers.len(), 2);
    }

    #[test]
    fn large_counts_are_formatted() {
        let chart = render(
            &[
                row(2020, Some(250_000), Some(1)),
                row(2021, Some(3), Some(2)),
            ],
            &[],
        );
        let doc = parse(&chart.svg);
        assert!(texts(&doc).contains(&"250.000".to_string()));
        assert!(table_rows(&chart)[1].contains(&"250.000".to_string()));
        let mut text = vi_text("Awards");
        text.thousands_sep = ',';
        let english = cluster_awards("a", &text, &sample(), &[]);
        let english = english.map(|c| table_rows(&c)).unwrap_or_default();
        assert_eq!(english[2], vec!["2019", "12", "2,847"]);
    }

    #[test]
    fn forty_years_are_all_labelled_upwards() {
        let rows: Vec<YearAwards> = (1985..2025)
            .map(|y| row(y, Some(y as u64 % 7), Some(3)))
            .collect();
        let chart = render(&rows, &[1990, 2004]);
        check_common(&chart, "Số lượt khen thưởng theo năm");
        let doc = parse(&chart.svg);
        assert_eq!(
            with_color(&doc, "circle", "fill", COLLECTIVES).len(),
            40 + 1
        );
        let mut year_xs: Vec<f64> = elements(&doc, "text")
            .iter()
            .filter(|t| {
                t.text()
                    .is_some_and(|s| s.len() == 4 && s.starts_with(['1', '2']))
            })
            .map(|t| num(t, "x"))
            .collect();
        year_xs.sort_by(f64::total_cmp);
        assert_eq!(year_xs.len(), 40);
        // Written upwards, 13 px high labels need 13 px apart.
        assert!(
            year_xs.windows(2).all(|w| w[1] - w[0] >= 14.0),
            "{year_xs:?}"
        );
        let turned = elements(&doc, "text")
            .iter()
            .filter(|t| {
                t.attribute("transform")
                    .is_some_and(|a| a.starts_with("rotate("))
                    && t.text().is_some_and(|s| s.len() == 4)
            })
            .count();
        assert_eq!(turned, 40);
        assert_eq!(with_color(&doc, "polyline", "stroke", REORG).len(), 2);
        assert_eq!(table_rows(&chart).len(), 41);
    }

    #[test]
    fn same_input_same_bytes() {
        assert_eq!(render(&sample(), &[2021]), render(&sample(), &[2021]));
    }

    #[test]
    fn hostile_strings_stay_well_formed() {
        let mut text = vi_text("<b>&\"'\u{0}");
        text.collectives = "a<b>&c\nd".to_string();
        text.desc = "{unknown} & {first_year}".to_string();
        let chart = cluster_awards("two words", &text, &sample(), &[]);
        let Some(chart) = chart else {
            panic!("expected a chart");
        };
        assert_eq!(chart.id, "two-words");
        check_common(&chart, "<b>&\"'");
        let doc = parse(&chart.svg);
        assert!(texts(&doc).contains(&"a<b>&c d".to_string()));
        assert_eq!(elements(&doc, "desc")[0].text(), Some("{unknown} & 2018"));
        parse(&chart.to_html());
    }
}
