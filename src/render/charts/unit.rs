//! Unit page: honours received per year, by kind of honour.

use std::collections::{BTreeMap, BTreeSet};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{
    anchored, canvas, clean, count_scale, de, draw_legend, finish, format_count, legend_height,
    max_by_year, render, table_html, text_w, year_count_chart, Cell, LegendItem, Swatch, YearAxes,
    FONT, INK, OUTLINE, PAD,
};
use super::{Chart, ChartText, HonourCount};

const WIDTH: i32 = 560;
const PLOT_H: i32 = 250;

/// Fills of the honour kinds, alternating dark and light so neighbouring
/// segments differ in grey too; `true` marks dark fills (white labels).
/// More kinds than colours reuse them in order.
pub(super) const HONOUR_FILLS: [(RGBColor, bool); 6] = [
    (RGBColor(0x1F, 0x4E, 0x79), true),
    (RGBColor(0xF0, 0xB7, 0x7A), false),
    (RGBColor(0x4E, 0x85, 0x5F), true),
    (RGBColor(0xE2, 0xE2, 0xE2), false),
    (RGBColor(0x7B, 0x3F, 0x61), true),
    (RGBColor(0xA7, 0xC7, 0xE7), false),
];

fn fill_of(kind: usize) -> (RGBColor, bool) {
    HONOUR_FILLS[kind % HONOUR_FILLS.len()]
}

/// Honours per year as stacked bars from zero, one segment per kind of
/// honour (in order of first appearance in `honours`), each segment outlined
/// and, where it is tall enough, labelled with its count; the year's total
/// stands above the bar when there is room. Years not listed get no bar.
/// Counts of the same year and kind are added.
///
/// `None` for an empty list.
///
/// Reads `title`, `desc`, `table_summary`, `year`, `value_axis`, `honour`,
/// `count`, `missing` (name for an empty kind), `thousands_sep`.
/// Placeholders in `desc`: `{first_year}`, `{last_year}`, `{total}`,
/// `{kinds}`, `{max}`, `{max_year}` (year with most honours).
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
    let scale = count_scale(max, 5, sep);
    let items: Vec<LegendItem> = kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| LegendItem {
            swatch: Swatch::Box(fill_of(i).0, true),
            label: kind.clone(),
        })
        .collect();
    let inner_w = WIDTH - 2 * PAD;
    let legend_h = legend_height(&items, inner_w);
    let top = PAD + legend_h;
    let size = canvas(f64::from(WIDTH), f64::from(top + PLOT_H + PAD));

    let raw = render(size.0, size.1, |root| {
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
                sep,
                margin_top: 16,
                margin_right: 12,
            },
        )?;
        let bar_px = chart.backend_coord(&(f64::from(first) + 0.38, 0.0)).0
            - chart.backend_coord(&(f64::from(first) - 0.38, 0.0)).0;
        for (&year, counts) in &data {
            let x = f64::from(year);
            let mut base = 0u64;
            for (kind, &count) in counts.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let top_value = base.saturating_add(count);
                let corners = [(x - 0.38, base as f64), (x + 0.38, top_value as f64)];
                let (fill, dark) = fill_of(kind);
                chart
                    .draw_series(std::iter::once(Rectangle::new(corners, fill.filled())))
                    .map_err(de)?;
                if bar_px >= 5 {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            corners,
                            OUTLINE.stroke_width(1),
                        )))
                        .map_err(de)?;
                }
                let label = format_count(count, sep);
                let low = chart.backend_coord(&(x, base as f64));
                let high = chart.backend_coord(&(x, top_value as f64));
                let fits = f64::from(low.1 - high.1) >= FONT + 3.0
                    && text_w(&label, FONT - 1.0) + 4.0 <= f64::from(bar_px);
                if fits {
                    let color = if dark { WHITE } else { INK };
                    let style = anchored(FONT - 1.0, color, HPos::Center, VPos::Center);
                    let at = (low.0, (low.1 + high.1) / 2);
                    root.draw(&Text::new(label, at, style)).map_err(de)?;
                }
                base = top_value;
            }
            let total = format_count(base, sep);
            if text_w(&total, FONT - 1.0) + 4.0 <= f64::from(bar_px) * 1.2 {
                let (px, py) = chart.backend_coord(&(x, base as f64));
                let style = anchored(FONT - 1.0, INK, HPos::Center, VPos::Bottom);
                root.draw(&Text::new(total, (px, py - 3), style))
                    .map_err(de)?;
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
        (
            "total",
            format_count(totals.values().fold(0, |a, &b| a.saturating_add(b)), sep),
        ),
        ("kinds", format_count(kinds.len() as u64, sep)),
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
    fn stacked_segments_per_kind() {
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
        let (flag, _) = fill_of(0);
        let (merit, _) = fill_of(1);
        // Segments plus one legend swatch per kind.
        assert_eq!(with_color(&doc, "rect", "fill", flag).len(), 2 + 1);
        assert_eq!(with_color(&doc, "rect", "fill", merit).len(), 2 + 1);
        let labels = texts(&doc);
        for expected in [FLAG, MERIT, "Năm", "Số lượt", "2019", "2022", "4", "0"] {
            assert!(
                labels.contains(&expected.to_string()),
                "missing {expected}: {labels:?}"
            );
        }
        // The merit segment of 2019 sits on the flag segment of 2019.
        let flag_2019 = &with_color(&doc, "rect", "fill", flag)[1];
        let merit_2019 = &with_color(&doc, "rect", "fill", merit)[1];
        assert!(
            (num(merit_2019, "y") + num(merit_2019, "height") - num(flag_2019, "y")).abs() < 1.5
        );
        // Nothing at 2021.
        let x2021 = label_x(&doc, "2021");
        for bar in with_color(&doc, "rect", "fill", flag)
            .iter()
            .chain(with_color(&doc, "rect", "fill", merit).iter())
            .skip(1)
        {
            assert!(!(num(bar, "x") < x2021 && x2021 < num(bar, "x") + num(bar, "width")));
        }
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
    fn edge_cases() {
        let text = vi_text("x");
        assert!(unit_honours("u", &text, &[]).is_none());
        let one = chart(&[h(2020, FLAG, 1)]);
        check_common(&one, "Khen thưởng của đơn vị theo năm");
        assert_eq!(
            with_color(&parse(&one.svg), "rect", "fill", fill_of(0).0).len(),
            2
        );
        let zeros = chart(&[h(2020, FLAG, 0), h(2021, MERIT, 0)]);
        check_common(&zeros, "Khen thưởng của đơn vị theo năm");
        let doc = parse(&zeros.svg);
        assert!(texts(&doc).contains(&"1".to_string()));
        assert_eq!(table_rows(&zeros)[1], vec!["2020", FLAG, "0"]);
        let big = chart(&[h(2020, FLAG, 250_000), h(2021, MERIT, 1)]);
        assert!(texts(&parse(&big.svg)).contains(&"250.000".to_string()));
        let forty: Vec<HonourCount> = (1985..2025)
            .map(|y| h(y, if y % 2 == 0 { FLAG } else { MERIT }, 2))
            .collect();
        let c = chart(&forty);
        check_common(&c, "Khen thưởng của đơn vị theo năm");
        assert_eq!(
            with_color(&parse(&c.svg), "rect", "fill", fill_of(0).0).len(),
            20 + 1
        );
        assert_eq!(chart(&forty), chart(&forty));
    }

    #[test]
    fn many_kinds_wrap_the_legend() {
        let honours: Vec<HonourCount> = (0..8)
            .map(|k| {
                h(
                    2020,
                    &format!("Danh hiệu thi đua loại {k} của Bộ Công an"),
                    1,
                )
            })
            .collect();
        let c = chart(&honours);
        check_common(&c, "Khen thưởng của đơn vị theo năm");
        let doc = parse(&c.svg);
        let legend_ys: Vec<f64> = elements(&doc, "text")
            .iter()
            .filter(|t| {
                t.text()
                    .is_some_and(|s| s.starts_with("Danh hiệu thi đua loại"))
            })
            .map(|t| num(t, "y"))
            .collect();
        assert_eq!(legend_ys.len(), 8);
        let distinct: std::collections::BTreeSet<i64> =
            legend_ys.iter().map(|y| *y as i64).collect();
        assert!(distinct.len() >= 4, "legend not wrapped: {legend_ys:?}");
    }
}
