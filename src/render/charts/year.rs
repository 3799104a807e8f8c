//! Year page: the clusters of one year side by side.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{
    anchored, canvas, clean, count_label, count_scale, de, draw_hatch, draw_legend, draw_zero_tick,
    finish, format_count, hatch_legend, house_axes, legend_height, opt_cell, render, table_html,
    text_w, truncate, with_gaps, Cell, LegendItem, Swatch, Ticked, COLLECTIVES, FONT, GRID,
    INDIVIDUALS_FILL, INK, MUTED, OUTLINE, PAD,
};
use super::common::{chars_fitting, finish_small};
use super::{Chart, ChartText, ClusterCounts, PHONE_WIDTH};

const WIDTH: i32 = PHONE_WIDTH as i32;
/// Height of one cluster: its name's line and its two bars.
const BAND_H: i32 = 52;
/// Height of the line that holds a cluster's name.
const NAME_H: i32 = 18;

/// Grouped horizontal bars, one group per cluster (in the given order): the
/// cluster's name on its own line, then a dark "lượt tập thể" bar above a
/// light, outlined "lượt cá nhân" bar, each with its count written at its
/// end; the chart fits a phone's width. The count axis starts at zero. A count
/// that is `None` gets a hatched box across the whole axis instead of a bar
/// and shows `text.missing` (legend `text.not_reported`), so "not reported"
/// never looks like zero; a stated zero gets a tick on the zero line and
/// "0". Long cluster names are shortened with "…" (the table has them in
/// full).
///
/// `None` when no cluster has any count. A single cluster is no
/// comparison: the result has no SVG, the sentence `text.small` and the table.
///
/// Reads `title`, `desc`, `desc_gaps`, `table_summary`, `cluster`,
/// `value_axis`, `collectives`, `individuals`, `missing`, `not_reported`,
/// `thousands_sep`. Placeholders in `desc`: `{clusters}` (with counts),
/// `{max_collectives}`, `{max_collectives_cluster}`, `{max_individuals}`,
/// `{max_individuals_cluster}`, `{total_collectives}`, `{total_individuals}`
/// (over the clusters with counts); `desc_gaps`, used when a count is
/// missing, also has `{all_clusters}`, `{unknown_clusters}` (clusters with no
/// count) and `{unknown_names}` (their names).
pub fn year_clusters(
    id_prefix: &str,
    text: &ChartText,
    clusters: &[ClusterCounts],
) -> Option<Chart> {
    if clusters
        .iter()
        .all(|c| c.collectives.is_none() && c.individuals.is_none())
    {
        return None;
    }
    let sep = text.thousands_sep;
    let names: Vec<String> = clusters.iter().map(|c| clean(&c.name)).collect();
    let labels: Vec<String> = names
        .iter()
        .map(|n| truncate(n, chars_fitting(f64::from(WIDTH - 2 * PAD - 4), FONT)))
        .collect();
    let n = clusters.len();
    let max = clusters
        .iter()
        .flat_map(|c| [c.collectives, c.individuals])
        .flatten()
        .max()
        .unwrap_or(0);
    let missing = clean(&text.missing);
    let value_w = text_w(&format_count(max, sep), FONT - 1.0)
        .max(text_w(&missing, FONT - 1.0))
        .ceil() as i32
        + 10;
    // As many steps as the axis has room for side by side labels.
    let axis_w = f64::from(WIDTH - 2 * PAD - value_w);
    let label_room = text_w(&format_count(max, sep), FONT) + 16.0;
    let steps = (axis_w / label_room).floor().clamp(1.0, 5.0) as u64;
    let scale = count_scale(max, steps, sep);
    let any_unknown = clusters
        .iter()
        .any(|c| c.collectives.is_none() || c.individuals.is_none());
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
    if any_unknown {
        items.extend(hatch_legend(&text.not_reported));
    }
    let inner_w = WIDTH - 2 * PAD;
    let legend_h = legend_height(&items, inner_w);
    let x_desc = clean(&text.value_axis);
    let x_area = 24 + if x_desc.is_empty() { 0 } else { 18 };
    let top = PAD + legend_h;
    let size = canvas(
        f64::from(WIDTH),
        f64::from(top + 4 + BAND_H * n as i32 + x_area + PAD),
    );

    // One cluster is no comparison: a sentence and the table say it.
    let raw = render(size.0, size.1, n > 1, |root| {
        draw_legend(root, &items, (PAD, PAD), inner_w)?;
        let area = root.margin(top, PAD, PAD, PAD);
        let mut chart = ChartBuilder::on(&area)
            .margin_top(4)
            .margin_right(value_w)
            .x_label_area_size(x_area)
            .y_label_area_size(0)
            .build_cartesian_2d(
                Ticked::new(0.0..scale.top, scale.ticks.clone()),
                Ticked::new(n as f64..0.0, Vec::new()),
            )
            .map_err(de)?;
        let x_fmt = |v: &f64| count_label(*v, sep);
        let mut mesh = chart.configure_mesh();
        house_axes(&mut mesh, &x_desc)
            .disable_y_mesh()
            .bold_line_style(GRID.stroke_width(1))
            .x_label_formatter(&x_fmt);
        mesh.draw().map_err(de)?;

        // Each band: the cluster's name on its own line, then its two bars.
        let name_part = f64::from(NAME_H) / f64::from(BAND_H);
        let bar_h = (0.94 - name_part) / 2.0;
        for (i, cluster) in clusters.iter().enumerate() {
            let band = i as f64;
            let (x, y) = chart.backend_coord(&(0.0, band));
            let style = anchored(FONT, INK, HPos::Left, VPos::Top);
            let name = labels.get(i).cloned().unwrap_or_default();
            root.draw(&Text::new(name, (x, y + 3), style)).map_err(de)?;
            let top = band + name_part;
            let bars = [
                (
                    cluster.collectives,
                    top,
                    top + bar_h - 0.01,
                    COLLECTIVES,
                    false,
                ),
                (
                    cluster.individuals,
                    top + bar_h + 0.01,
                    top + 2.0 * bar_h,
                    INDIVIDUALS_FILL,
                    true,
                ),
            ];
            for (value, y0, y1, fill, outline) in bars {
                let end = value.map_or(0.0, |v| v as f64);
                if value.is_none() {
                    let a = chart.backend_coord(&(0.0, y0));
                    let b = chart.backend_coord(&(scale.top, y1));
                    draw_hatch(root, [a, b])?;
                } else if value == Some(0) {
                    let a = chart.backend_coord(&(0.0, y0));
                    let b = chart.backend_coord(&(0.0, y1));
                    draw_zero_tick(root, a, b)?;
                }
                if value.is_some() {
                    let corners = [(0.0, y0), (end, y1)];
                    chart
                        .draw_series(std::iter::once(Rectangle::new(corners, fill.filled())))
                        .map_err(de)?;
                    if outline {
                        chart
                            .draw_series(std::iter::once(Rectangle::new(
                                corners,
                                OUTLINE.stroke_width(1),
                            )))
                            .map_err(de)?;
                    }
                }
                let label = value.map_or_else(|| missing.clone(), |v| format_count(v, sep));
                if label.is_empty() {
                    continue;
                }
                // An unknown count's dash stands where the hatch ends, off the stripes.
                let at = if value.is_none() { scale.top } else { end };
                let (x, y) = chart.backend_coord(&(at, (y0 + y1) / 2.0));
                let color = if value.is_some() { INK } else { MUTED };
                let style = anchored(FONT - 1.0, color, HPos::Left, VPos::Center);
                root.draw(&Text::new(label, (x + 4, y), style))
                    .map_err(de)?;
            }
        }
        Ok(())
    });

    let rows: Vec<Vec<Cell>> = clusters
        .iter()
        .zip(names.iter())
        .map(|(c, name)| {
            vec![
                Cell::Head(name.clone()),
                opt_cell(c.collectives),
                opt_cell(c.individuals),
            ]
        })
        .collect();
    let table = table_html(
        text,
        &[&text.cluster, &text.collectives, &text.individuals],
        &rows,
    );

    // Largest value and the first cluster that has it.
    let best = |pick: fn(&ClusterCounts) -> Option<u64>| {
        let mut best: Option<(usize, u64)> = None;
        for (i, c) in clusters.iter().enumerate() {
            if let Some(v) = pick(c) {
                if best.is_none_or(|(_, b)| v > b) {
                    best = Some((i, v));
                }
            }
        }
        match best {
            Some((i, v)) => (
                format_count(v, sep),
                names.get(i).cloned().unwrap_or_default(),
            ),
            None => (missing.clone(), missing.clone()),
        }
    };
    let (max_c, max_c_name) = best(|c| c.collectives);
    let (max_i, max_i_name) = best(|c| c.individuals);
    let total = |pick: fn(&ClusterCounts) -> Option<u64>| {
        format_count(
            clusters
                .iter()
                .filter_map(pick)
                .fold(0, u64::saturating_add),
            sep,
        )
    };
    let reporting = clusters
        .iter()
        .filter(|c| c.collectives.is_some() || c.individuals.is_some())
        .count() as u64;
    let unknown: Vec<&str> = clusters
        .iter()
        .zip(names.iter())
        .filter(|(c, _)| c.collectives.is_none() && c.individuals.is_none())
        .map(|(_, name)| name.as_str())
        .collect();
    let vars = [
        ("all_clusters", format_count(clusters.len() as u64, sep)),
        ("unknown_clusters", format_count(unknown.len() as u64, sep)),
        ("unknown_names", unknown.join(", ")),
        ("clusters", format_count(reporting, sep)),
        ("max_collectives", max_c),
        ("max_collectives_cluster", max_c_name),
        ("max_individuals", max_i),
        ("max_individuals_cluster", max_i_name),
        ("total_collectives", total(|c| c.collectives)),
        ("total_individuals", total(|c| c.individuals)),
    ];
    let text = with_gaps(text, !unknown.is_empty());
    if n <= 1 {
        return Some(finish_small(id_prefix, &text, &vars, table));
    }
    Some(finish(id_prefix, &text, &vars, size, raw, table))
}

#[cfg(test)]
mod tests {
    use super::super::common::ZERO_TICK;
    use super::super::test_util::*;
    use super::*;

    fn cc(name: &str, c: Option<u64>, i: Option<u64>) -> ClusterCounts {
        ClusterCounts {
            name: name.to_string(),
            collectives: c,
            individuals: i,
        }
    }

    fn chart(clusters: &[ClusterCounts]) -> Chart {
        let mut text = vi_text("Các cụm thi đua năm 2023");
        text.desc = "{clusters} cụm; nhiều lượt cá nhân nhất: {max_individuals_cluster} ({max_individuals}).".to_string();
        match year_clusters("year-2023", &text, clusters) {
            Some(c) => c,
            None => panic!("expected a chart"),
        }
    }

    #[test]
    fn grouped_bars_with_values_and_missing_marks() {
        let clusters = [
            cc("Cụm thi đua số 1", Some(120), Some(2847)),
            cc("Cụm thi đua số 2", Some(95), None),
            cc("Cụm thi đua số 3", None, None),
        ];
        let c = chart(&clusters);
        check_common(&c, "Các cụm thi đua năm 2023");
        let doc = parse(&c.svg);
        assert_eq!(with_color(&doc, "rect", "fill", COLLECTIVES).len(), 2 + 1);
        assert_eq!(
            with_color(&doc, "rect", "fill", INDIVIDUALS_FILL).len(),
            1 + 1
        );
        let labels = texts(&doc);
        for expected in [
            "Cụm thi đua số 1",
            "Cụm thi đua số 3",
            "2.847",
            "120",
            "95",
            "Số lượt",
            "0",
            "3.000",
        ] {
            assert!(
                labels.contains(&expected.to_string()),
                "missing {expected}: {labels:?}"
            );
        }
        assert_eq!(labels.iter().filter(|l| *l == "—").count(), 3);
        // Bars start at the zero line.
        let zero_x = label_x(&doc, "0");
        for bar in with_color(&doc, "rect", "fill", COLLECTIVES).iter().skip(1) {
            assert!((num(bar, "x") - zero_x).abs() <= 1.0);
        }
        // The 2.847 bar is the longest.
        let ind = &with_color(&doc, "rect", "fill", INDIVIDUALS_FILL)[1];
        assert!(with_color(&doc, "rect", "fill", COLLECTIVES)
            .iter()
            .all(|b| num(b, "width") < num(ind, "width")));
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("2 cụm; nhiều lượt cá nhân nhất: Cụm thi đua số 1 (2.847).")
        );
        let rows = table_rows(&c);
        assert_eq!(rows[0], vec!["Cụm", "Lượt tập thể", "Lượt cá nhân"]);
        assert_eq!(rows[1], vec!["Cụm thi đua số 1", "120", "2.847"]);
        assert_eq!(rows[3], vec!["Cụm thi đua số 3", "—", "—"]);
    }

    #[test]
    fn unknown_cluster_is_hatched_and_zero_is_ticked() {
        let clusters = [
            cc("Cụm A", Some(0), Some(0)),
            cc("Cụm B", None, None),
            cc("Cụm C", Some(5), Some(7)),
        ];
        let mut text = vi_text("Năm 2023");
        text.desc_gaps =
            "{clusters} trong {all_clusters} cụm; chưa có: {unknown_names}.".to_string();
        let Some(c) = year_clusters("y", &text, &clusters) else {
            panic!("expected a chart");
        };
        check_common(&c, "Năm 2023");
        let doc = parse(&c.svg);
        // Cụm B's two bars are hatched across the axis; one legend swatch.
        let bands = hatched(&doc);
        assert_eq!(bands.len(), 2 + 1);
        assert!(texts(&doc).contains(&"Chưa có số liệu".to_string()));
        let zero_x = label_x(&doc, "0");
        for band in bands.iter().skip(1) {
            assert!((num(band, "x") - zero_x).abs() <= 1.5);
            assert!(num(band, "width") > 200.0);
        }
        // Cụm A's zeros: ticks on the zero line, no hatch, and "0" written.
        let ticks = with_color(&doc, "polyline", "stroke", ZERO_TICK);
        assert_eq!(ticks.len(), 2);
        assert!(ticks
            .iter()
            .all(|t| polyline_xs(t).iter().all(|&x| (x - zero_x).abs() <= 1.5)));
        let a_y = elements(&doc, "text")
            .into_iter()
            .find(|t| t.text() == Some("Cụm A"))
            .map(|t| num(&t, "y"))
            .unwrap_or(f64::NAN);
        assert!(bands.iter().skip(1).all(|b| a_y < num(b, "y")));
        let labels = texts(&doc);
        assert_eq!(labels.iter().filter(|l| *l == "—").count(), 2);
        // Their dashes stand past the hatch, not on its stripes.
        let band_end = num(&bands[1], "x") + num(&bands[1], "width");
        assert!(elements(&doc, "text")
            .iter()
            .filter(|t| t.text() == Some("—"))
            .all(|t| num(t, "x") > band_end));
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("2 trong 3 cụm; chưa có: Cụm B.")
        );
        let rows = table_rows(&c);
        assert_eq!(rows[1], vec!["Cụm A", "0", "0"]);
        assert_eq!(rows[2], vec!["Cụm B", "—", "—"]);
    }

    #[test]
    fn twenty_clusters_and_one_cluster() {
        let many: Vec<ClusterCounts> = (1..=20)
            .map(|k| {
                cc(
                    &format!("Cụm thi đua các đơn vị trực thuộc số {k}"),
                    Some(k),
                    Some(k * 1000),
                )
            })
            .collect();
        let c = chart(&many);
        check_common(&c, "Các cụm thi đua năm 2023");
        let doc = parse(&c.svg);
        assert_eq!(with_color(&doc, "rect", "fill", COLLECTIVES).len(), 21);
        assert_eq!(with_color(&doc, "rect", "fill", INDIVIDUALS_FILL).len(), 21);
        assert!(texts(&doc).contains(&"20.000".to_string()));
        assert_eq!(table_rows(&c).len(), 21);

        // Names on their own line: whole, and the chart fits a phone.
        assert!(texts(&doc).contains(&"Cụm thi đua các đơn vị trực thuộc số 20".to_string()));
        assert_eq!(root_width(&doc), f64::from(PHONE_WIDTH));

        // One cluster compares with nothing: a sentence and the table.
        let mut text = vi_text("Các cụm thi đua năm 2023");
        text.small =
            "Chỉ {max_collectives_cluster} có số liệu: {max_collectives} lượt tập thể.".to_string();
        let Some(one) = year_clusters("y", &text, &[cc("Cụm thi đua số 1", Some(4), Some(7))])
        else {
            panic!("expected a result");
        };
        assert!(one.svg.is_empty());
        assert_eq!(one.note, "Chỉ Cụm thi đua số 1 có số liệu: 4 lượt tập thể.");
        assert_eq!(table_rows(&one)[1], vec!["Cụm thi đua số 1", "4", "7"]);
    }

    #[test]
    fn zeros_large_and_nothing() {
        let zeros = chart(&[cc("A", Some(0), Some(0)), cc("B", Some(0), None)]);
        let doc = parse(&zeros.svg);
        let labels = texts(&doc);
        assert!(labels.contains(&"1".to_string()));
        assert!(with_color(&doc, "rect", "fill", COLLECTIVES)
            .iter()
            .skip(1)
            .all(|b| num(b, "width") == 0.0));
        let big = chart(&[cc("A", Some(250_000), Some(3)), cc("B", Some(1), Some(1))]);
        let doc = parse(&big.svg);
        assert!(texts(&doc).contains(&"250.000".to_string()));
        // The count axis's labels stand apart on a phone's width.
        let mut xs: Vec<f64> = elements(&doc, "text")
            .iter()
            .filter(|t| t.text().is_some_and(|s| s.ends_with(".000") || s == "0"))
            .filter(|t| t.attribute("text-anchor") == Some("middle"))
            .map(|t| num(t, "x"))
            .collect();
        xs.sort_by(f64::total_cmp);
        assert!(xs.len() >= 2, "{xs:?}");
        assert!(xs.windows(2).all(|w| w[1] - w[0] >= 60.0), "{xs:?}");
        let text = vi_text("x");
        assert!(year_clusters("y", &text, &[]).is_none());
        assert!(year_clusters("y", &text, &[cc("A", None, None)]).is_none());
        assert_eq!(
            chart(&[cc("A", Some(1), None)]),
            chart(&[cc("A", Some(1), None)])
        );
    }
}
