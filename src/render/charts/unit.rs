//! Unit page: honours received per year, by kind of honour.

use std::collections::{BTreeMap, BTreeSet};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{
    anchored, canvas, chars_fitting, clean, de, finish, finish_small, format_count, house_axes,
    max_by_year, render, table_html, truncate, width_for_years, year_ticks, Cell, Ticked,
    YearLabels, FONT, GRID, INK, PAD,
};
use super::{Chart, ChartText, HonourCount, PHONE_WIDTH};

/// Height of the line above a row that holds the kind's name.
const NAME_H: i32 = 18;
/// Height of a row of dots.
const DOT_ROW: i32 = 24;
/// Radius of a dot for one honour, and for several (with the count inside).
const DOT_R: i32 = 5;
const DOT_R_MANY: i32 = 9;
/// The dots' colour.
const DOT: RGBColor = RGBColor(0x1F, 0x4E, 0x79);

/// A unit's honours as a timeline of dots: years along x (each with its
/// tick), one row per kind of honour (in order of first appearance in
/// `honours`, its name written above the row), a dot where the unit
/// received that kind that year; several of a kind in a year make a larger
/// dot with the count inside. Years not listed have no dot. Counts of the
/// same year and kind are added.
///
/// `None` for an empty list. A single honour (a total of one) is no chart:
/// the result has no SVG, the sentence `text.small` and the table.
///
/// Reads `title`, `desc`, `small`, `table_summary`, `year`, `honour`,
/// `count`, `missing` (name for an empty kind), `thousands_sep`.
/// Placeholders in `desc` and `small`: `{first_year}`, `{last_year}`,
/// `{total}`, `{kinds}`, `{kind_names}` (the kinds, joined by "; "),
/// `{max}`, `{max_year}` (year with most honours).
pub fn unit_honours(id_prefix: &str, text: &ChartText, honours: &[HonourCount]) -> Option<Chart> {
    let missing = clean(&text.missing);
    let mut kinds: Vec<String> = Vec::new();
    let mut data: BTreeMap<i32, Vec<u64>> = BTreeMap::new();
    // (year, kind) pairs the caller listed, so the table shows given zeros
    // but no invented ones.
    let mut given: BTreeSet<(i32, usize)> = BTreeSet::new();
    for honour in honours {
        let name = clean(&honour.kind);
        let name = if name.is_empty() {
            missing.clone()
        } else {
            name
        };
        let index = match kinds.iter().position(|k| *k == name) {
            Some(i) => i,
            None => {
                kinds.push(name);
                kinds.len() - 1
            }
        };
        given.insert((honour.year, index));
        let counts = data.entry(honour.year).or_default();
        if counts.len() <= index {
            counts.resize(index + 1, 0);
        }
        if let Some(slot) = counts.get_mut(index) {
            *slot = slot.saturating_add(honour.count);
        }
    }
    let first = data.keys().next().copied()?;
    let last = data.keys().next_back().copied()?;
    let sep = text.thousands_sep;
    let totals: BTreeMap<i32, u64> = data
        .iter()
        .map(|(&y, counts)| (y, counts.iter().fold(0, |a: u64, &b| a.saturating_add(b))))
        .collect();
    let max = totals.values().copied().max().unwrap_or(0);
    let total = totals.values().fold(0, |a: u64, &b| a.saturating_add(b));
    let span = i64::from(last) - i64::from(first) + 1;
    let width = width_for_years(PHONE_WIDTH as i32, 2 * PAD + 12 + 2 * DOT_R_MANY, span);
    let n = kinds.len();
    let names: Vec<String> = kinds
        .iter()
        .map(|k| truncate(k, chars_fitting(f64::from(width - 2 * PAD - 4), FONT)))
        .collect();
    let x_desc = clean(&text.year);
    let plot_w = f64::from(width - 2 * PAD - 12 - 2 * DOT_R_MANY);
    let labels = YearLabels::fit(plot_w / span as f64);
    let x_area = labels.area(!x_desc.is_empty());
    let row_h = NAME_H + DOT_ROW;
    let size = canvas(
        f64::from(width),
        f64::from(PAD + 4 + row_h * n as i32 + x_area + PAD),
    );

    let raw = render(size.0, size.1, total > 1, |root| {
        let area = root.margin(PAD, PAD, PAD, PAD);
        let mut chart = ChartBuilder::on(&area)
            .margin_top(4)
            .margin_left(DOT_R_MANY)
            .margin_right(12 + DOT_R_MANY)
            .x_label_area_size(x_area)
            .y_label_area_size(0)
            .build_cartesian_2d(
                Ticked::new(
                    f64::from(first) - 0.5..f64::from(last) + 0.5,
                    year_ticks(first, last),
                ),
                Ticked::new(n as f64..0.0, Vec::new()),
            )
            .map_err(de)?;
        let x_fmt = |v: &f64| labels.label(*v);
        let mut mesh = chart.configure_mesh();
        house_axes(&mut mesh, &x_desc)
            .disable_y_mesh()
            .bold_line_style(GRID.stroke_width(1))
            .x_label_formatter(&x_fmt);
        mesh.draw().map_err(de)?;
        let axis_y = chart.plotting_area().get_pixel_range().1.end;
        let x_px = |x: f64| chart.backend_coord(&(x, 0.0)).0;
        labels.draw_rotated(root, (first, last), &x_px, axis_y)?;
        let dot_at = f64::from(NAME_H + DOT_ROW / 2) / f64::from(row_h);
        for (i, name) in names.iter().enumerate() {
            let (left, top) = chart.backend_coord(&(f64::from(first) - 0.5, i as f64));
            let style = anchored(FONT, INK, HPos::Left, VPos::Top);
            root.draw(&Text::new(
                name.clone(),
                (left - DOT_R_MANY + 2, top + 3),
                style,
            ))
            .map_err(de)?;
        }
        for (&year, counts) in &data {
            for (kind, &count) in counts.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let at = chart.backend_coord(&(f64::from(year), kind as f64 + dot_at));
                if count == 1 {
                    root.draw(&Circle::new(at, DOT_R, DOT.filled()))
                        .map_err(de)?;
                } else {
                    root.draw(&Circle::new(at, DOT_R_MANY, DOT.filled()))
                        .map_err(de)?;
                    let label = format_count(count, sep);
                    let style = anchored(FONT - 1.0, WHITE, HPos::Center, VPos::Center);
                    root.draw(&Text::new(label, at, style)).map_err(de)?;
                }
            }
        }
        Ok(())
    });

    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (&year, counts) in &data {
        for ((kind, &count), name) in counts.iter().enumerate().zip(kinds.iter()) {
            if given.contains(&(year, kind)) {
                rows.push(vec![
                    Cell::Head(year.to_string()),
                    Cell::Text(name.clone()),
                    Cell::Num(count),
                ]);
            }
        }
    }
    let table = table_html(text, &[&text.year, &text.honour, &text.count], &rows);
    let best = max_by_year(totals.iter().map(|(&y, &t)| (y, t)));
    let vars = [
        ("first_year", first.to_string()),
        ("last_year", last.to_string()),
        ("total", format_count(total, sep)),
        ("kinds", format_count(kinds.len() as u64, sep)),
        ("kind_names", kinds.join("; ")),
        ("max", format_count(max, sep)),
        (
            "max_year",
            best.map(|b| b.0.to_string()).unwrap_or_default(),
        ),
    ];
    if total <= 1 {
        // One honour is a fact, not a trend: a sentence and the table.
        return Some(finish_small(id_prefix, text, &vars, table));
    }
    Some(finish(id_prefix, text, &vars, size, raw, table))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::*;

    const FLAG: &str = "Cờ thi đua của Bộ Công an";
    const MERIT: &str = "Bằng khen của Bộ Công an";

    fn h(year: i32, kind: &str, count: u64) -> HonourCount {
        HonourCount {
            year,
            kind: kind.to_string(),
            count,
        }
    }

    fn chart(honours: &[HonourCount]) -> Chart {
        let mut text = vi_text("Khen thưởng của đơn vị theo năm");
        text.desc =
            "{total} khen thưởng, {kinds} loại; nhiều nhất năm {max_year} ({max}).".to_string();
        match unit_honours("unit-honours", &text, honours) {
            Some(c) => c,
            None => panic!("expected a chart"),
        }
    }

    #[test]
    fn dots_by_year_and_kind() {
        let honours = [
            h(2019, FLAG, 1),
            h(2019, MERIT, 3),
            h(2020, MERIT, 2),
            h(2022, FLAG, 1),
            h(2022, FLAG, 1),
        ];
        let c = chart(&honours);
        check_common(&c, "Khen thưởng của đơn vị theo năm");
        let doc = parse(&c.svg);
        let dots = with_color(&doc, "circle", "fill", DOT);
        // 2019 flag, 2019 merit (3), 2020 merit (2), 2022 flag (2).
        assert_eq!(dots.len(), 4);
        let labels = texts(&doc);
        for expected in [FLAG, MERIT, "Năm", "2019", "2020", "2021", "2022", "3", "2"] {
            assert!(
                labels.contains(&expected.to_string()),
                "missing {expected}: {labels:?}"
            );
        }
        // No bar of counts, and nothing at 2021.
        assert!(!labels.contains(&"Số lượt".to_string()));
        let x2021 = label_x(&doc, "2021");
        assert!(dots.iter().all(|d| (num(d, "cx") - x2021).abs() > 5.0));
        // The flag's dots share a row, above the merit's row.
        let x2019 = label_x(&doc, "2019");
        let at_2019: Vec<f64> = dots
            .iter()
            .filter(|d| (num(d, "cx") - x2019).abs() < 1.5)
            .map(|d| num(d, "cy"))
            .collect();
        assert_eq!(at_2019.len(), 2);
        assert!(at_2019[0] < at_2019[1]);
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("8 khen thưởng, 2 loại; nhiều nhất năm 2019 (4).")
        );
        let rows = table_rows(&c);
        assert_eq!(rows[0], vec!["Năm", "Danh hiệu", "Số lượng"]);
        assert_eq!(rows[1], vec!["2019", FLAG, "1"]);
        assert_eq!(rows[2], vec!["2019", MERIT, "3"]);
        assert_eq!(rows[4], vec!["2022", FLAG, "2"]);
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn one_honour_is_a_sentence_and_a_table() {
        let mut text = vi_text("Khen thưởng của đơn vị theo năm");
        text.small = "Đơn vị nhận {total} danh hiệu: {kind_names}, năm {first_year}.".to_string();
        let Some(one) = unit_honours("u", &text, &[h(2020, FLAG, 1)]) else {
            panic!("expected a result");
        };
        assert!(one.svg.is_empty());
        assert_eq!(
            one.note,
            "Đơn vị nhận 1 danh hiệu: Cờ thi đua của Bộ Công an, năm 2020."
        );
        assert!(one
            .table_html
            .starts_with("<details class=\"chart-data\" open=\"\">"));
        assert_eq!(table_rows(&one)[1], vec!["2020", FLAG, "1"]);
        let html = one.to_html();
        assert!(html.contains("<p class=\"chart-note\">Đơn vị nhận 1 danh hiệu"));
        assert!(!html.contains("<svg"));
    }

    #[test]
    fn edge_cases() {
        let text = vi_text("x");
        assert!(unit_honours("u", &text, &[]).is_none());
        let zeros = chart(&[h(2020, FLAG, 0), h(2021, MERIT, 0)]);
        assert!(zeros.svg.is_empty());
        assert_eq!(table_rows(&zeros)[1], vec!["2020", FLAG, "0"]);
        let big = chart(&[h(2020, FLAG, 250_000), h(2021, MERIT, 1)]);
        check_common(&big, "Khen thưởng của đơn vị theo năm");
        assert!(texts(&parse(&big.svg)).contains(&"250.000".to_string()));
        let forty: Vec<HonourCount> = (1985..2025)
            .map(|y| h(y, if y % 2 == 0 { FLAG } else { MERIT }, 2))
            .collect();
        let c = chart(&forty);
        check_common(&c, "Khen thưởng của đơn vị theo năm");
        let doc = parse(&c.svg);
        assert_eq!(with_color(&doc, "circle", "fill", DOT).len(), 40);
        // Every one of the forty years is labelled (written upwards).
        let labels = texts(&doc);
        assert!((1985..2025).all(|y| labels.contains(&y.to_string())));
        assert_eq!(chart(&forty), chart(&forty));
    }

    #[test]
    fn long_kind_names_stay_on_one_line() {
        let honours: Vec<HonourCount> = (0..8)
            .map(|k| {
                h(
                    2020 + k,
                    &format!("Danh hiệu thi đua loại {k} của Bộ Công an dành cho tập thể xuất sắc"),
                    1,
                )
            })
            .collect();
        let c = chart(&honours);
        check_common(&c, "Khen thưởng của đơn vị theo năm");
        let doc = parse(&c.svg);
        let names: Vec<String> = texts(&doc)
            .into_iter()
            .filter(|t| t.starts_with("Danh hiệu thi đua loại"))
            .collect();
        assert_eq!(names.len(), 8);
        assert!(names.iter().all(|n| n.ends_with('…')), "{names:?}");
    }
}
