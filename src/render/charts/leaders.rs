//! Cluster page: leader (Cụm trưởng) and deputy (Cụm phó) units per year.

use std::collections::{BTreeMap, BTreeSet};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{
    anchored, canvas, chars_fitting, clean, de, draw_dashed_box, draw_legend, draw_reorgs, finish,
    format_count, house_axes, legend_height, plot_bottom, render, rotated, table_html, text_w,
    truncate, with_gaps, year_cell, year_label, year_ranges, year_ticks, Cell, LegendItem, Swatch,
    Ticked, DEPUTY_BG, DEPUTY_HANDOVER_BG, FONT, INK, LEADER_BG, LEADER_HANDOVER_BG, MUTED, PAD,
    REORG_STRIP,
};
use super::{Chart, ChartText, YearLeaders};

/// The unit(s) in a role for a year, and whether they are known only from
/// the previous year's handover.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Holder {
    name: String,
    handover: bool,
}

/// Leader and deputy of one year.
type Roles = (Option<Holder>, Option<Holder>);

const WIDTH: i32 = 560;
/// Columns at least this wide hold horizontal, wrapped names.
const WIDE_COLUMN: f64 = 84.0;
/// Narrowest column when names are written vertically.
const NARROW_COLUMN: f64 = 24.0;
const LINE_H: f64 = 15.0;

/// Splits `s` into at most `max_lines` lines of at most `width` characters,
/// at spaces where possible; the last line ends with "…" if text was cut.
fn wrap(s: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in s.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if candidate.chars().count() <= width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let cut = lines.len() > max_lines.max(1);
    lines.truncate(max_lines.max(1));
    let count = lines.len();
    for (i, line) in lines.iter_mut().enumerate() {
        let last = i + 1 == count;
        if last && cut {
            *line = truncate(&format!("{line}…"), width);
            if !line.ends_with('…') {
                line.push('…');
            }
        } else {
            *line = truncate(line, width);
        }
    }
    lines
}

/// Names given for one role in one year, without repeats, joined by "; ";
/// from the handover only when no entry states a holder.
fn join_names(names: &[(String, bool)]) -> Option<Holder> {
    let mut seen: Vec<&str> = Vec::new();
    let mut handover = true;
    for (name, handed) in names {
        if !name.is_empty() {
            handover &= *handed;
            if !seen.contains(&name.as_str()) {
                seen.push(name);
            }
        }
    }
    if seen.is_empty() {
        None
    } else {
        Some(Holder {
            name: seen.join("; "),
            handover,
        })
    }
}

/// Leader/deputy strip: years along x, two rows (Cụm trưởng above, Cụm phó
/// below), the unit's name written in each year's cell. With few years the
/// names run horizontally, wrapped on up to three lines; with many they run
/// vertically and the canvas widens. Names too long for a cell end in "…"
/// (the table has them in full). A year listed without a unit shows
/// `text.missing` in an empty cell: no one is drawn for it.
///
/// A holder a write-up of the year states has a solid cell; one known only
/// from the previous year's handover (`leader_handover`, `deputy_handover`)
/// a lighter cell with a dashed outline, and the table adds
/// "({text.handover})". The legend (`text.stated`, `text.handover`) is drawn
/// when some holder comes from a handover.
///
/// Several entries for one year are merged (distinct names joined by "; ").
/// `None` when no year names any unit. Each year in `reorganized` gets a
/// dashed vertical marker labelled "{text.reorganized} {year}".
///
/// Reads `title`, `desc`, `desc_gaps`, `table_summary`, `year`, `leader`,
/// `deputy`, `reorganized`, `missing`, `stated`, `handover`,
/// `thousands_sep`. Placeholders in `desc`: `{first_year}`, `{last_year}`,
/// `{years}` (years naming a unit), `{leaders}`, `{deputies}` (distinct
/// units in each role), `{reorganized_years}`; `desc_gaps`, used when a
/// holder comes from a handover, also has `{handover_years}`.
pub fn cluster_leaders(
    id_prefix: &str,
    text: &ChartText,
    years: &[YearLeaders],
    reorganized: &[i32],
) -> Option<Chart> {
    type Given = (Vec<(String, bool)>, Vec<(String, bool)>);
    let mut given: BTreeMap<i32, Given> = BTreeMap::new();
    for entry in years {
        let slot = given.entry(entry.year).or_default();
        if let Some(name) = &entry.leader {
            slot.0.push((clean(name), entry.leader_handover));
        }
        if let Some(name) = &entry.deputy {
            slot.1.push((clean(name), entry.deputy_handover));
        }
    }
    let data: BTreeMap<i32, Roles> = given
        .iter()
        .map(|(&year, (l, d))| (year, (join_names(l), join_names(d))))
        .collect();
    if data.values().all(|(l, d)| l.is_none() && d.is_none()) {
        return None;
    }
    let reorgs: BTreeSet<i32> = reorganized.iter().copied().collect();
    let first = data.keys().chain(reorgs.iter()).min().copied()?;
    let last = data.keys().chain(reorgs.iter()).max().copied()?;
    let span = (i64::from(last) - i64::from(first) + 1) as f64;

    let row_labels = [
        truncate(&clean(&text.leader), 24),
        truncate(&clean(&text.deputy), 24),
    ];
    let label_w = row_labels
        .iter()
        .map(|l| text_w(l, FONT))
        .fold(0.0, f64::max)
        .ceil() as i32
        + 14;
    let avail = f64::from(WIDTH - 2 * PAD - label_w - 12);
    let natural = avail / span;
    let horizontal = natural >= WIDE_COLUMN;
    let col_w = if horizontal {
        natural
    } else {
        natural.max(NARROW_COLUMN)
    };
    let width = if horizontal {
        f64::from(WIDTH)
    } else {
        f64::from(2 * PAD + label_w + 12) + col_w * span
    };
    let cell_font = if horizontal { FONT } else { FONT - 1.0 };
    let names: Vec<&String> = data
        .values()
        .flat_map(|(l, d)| [l.as_ref(), d.as_ref()])
        .flatten()
        .map(|h| &h.name)
        .collect();
    let handover_years: BTreeSet<i32> = data
        .iter()
        .filter(|(_, (l, d))| {
            [l, d]
                .iter()
                .any(|h| h.as_ref().is_some_and(|h| h.handover))
        })
        .map(|(&year, _)| year)
        .collect();
    let items: Vec<LegendItem> = if handover_years.is_empty() {
        Vec::new()
    } else {
        [
            (Swatch::Box(LEADER_BG, false), clean(&text.stated)),
            (Swatch::Dashed(LEADER_HANDOVER_BG), clean(&text.handover)),
        ]
        .into_iter()
        .filter(|(_, label)| !label.is_empty())
        .map(|(swatch, label)| LegendItem { swatch, label })
        .collect()
    };
    let legend_h = legend_height(&items, width as i32 - 2 * PAD);
    let fits = |chars: usize, lines: usize| {
        names
            .iter()
            .all(|name| wrap(name, chars, lines).join(" ") == **name)
    };
    // Rows only as tall as the names need: horizontal cells grow by lines,
    // vertical ones by length, up to a limit past which names are cut.
    let (row_h, max_lines, line_chars) = if horizontal {
        let chars = chars_fitting(col_w - 8.0, cell_font);
        let lines = (1..=3).find(|&n| fits(chars, n)).unwrap_or(3);
        (lines as i32 * LINE_H as i32 + 14, lines, chars)
    } else {
        let lines = if col_w >= 2.0 * LINE_H + 6.0 { 2 } else { 1 };
        let chars_for = |h: i32| chars_fitting(f64::from(h) - 12.0, cell_font);
        let row_h = (60..=170)
            .step_by(10)
            .find(|&h| fits(chars_for(h), lines))
            .unwrap_or(170);
        (row_h, lines, chars_for(row_h))
    };
    let x_desc = clean(&text.year);
    let x_area = 24 + if x_desc.is_empty() { 0 } else { 18 };
    let strip_h = if reorgs.is_empty() { 0 } else { REORG_STRIP };
    let top = PAD + legend_h + strip_h;
    let size = canvas(width, f64::from(top + 4 + 2 * row_h + x_area + PAD));

    let raw = render(size.0, size.1, |root| {
        draw_legend(root, &items, (PAD, PAD), width as i32 - 2 * PAD)?;
        let area = root.margin(top, PAD, PAD, PAD);
        let x_ticks = year_ticks(first, last, col_w);
        let mut chart = ChartBuilder::on(&area)
            .margin_top(4)
            .margin_right(12)
            .x_label_area_size(x_area)
            .y_label_area_size(label_w)
            .build_cartesian_2d(
                Ticked::new(f64::from(first) - 0.5..f64::from(last) + 0.5, x_ticks),
                Ticked::new(2.0..0.0, vec![0.5, 1.5]),
            )
            .map_err(de)?;
        let x_fmt = |v: &f64| year_label(*v);
        let y_fmt = |v: &f64| {
            if *v < 1.0 {
                row_labels[0].clone()
            } else {
                row_labels[1].clone()
            }
        };
        let mut mesh = chart.configure_mesh();
        house_axes(&mut mesh, &x_desc)
            .disable_mesh()
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt);
        mesh.draw().map_err(de)?;

        for (&year, (leader, deputy)) in &data {
            let x = f64::from(year);
            let cells = [
                (0.0, leader, LEADER_BG, LEADER_HANDOVER_BG),
                (1.0, deputy, DEPUTY_BG, DEPUTY_HANDOVER_BG),
            ];
            for (row, holder, fill, handover_fill) in cells {
                let center = chart.backend_coord(&(x, row + 0.5));
                let Some(holder) = holder else {
                    let style = anchored(cell_font, MUTED, HPos::Center, VPos::Center);
                    let missing = clean(&text.missing);
                    if !missing.is_empty() {
                        root.draw(&Text::new(missing, center, style)).map_err(de)?;
                    }
                    continue;
                };
                let corners = [(x - 0.47, row + 0.04), (x + 0.47, row + 0.96)];
                if holder.handover {
                    let a = chart.backend_coord(&corners[0]);
                    let b = chart.backend_coord(&corners[1]);
                    draw_dashed_box(root, [a, b], handover_fill)?;
                } else {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(corners, fill.filled())))
                        .map_err(de)?;
                }
                let lines = wrap(&holder.name, line_chars, max_lines);
                let offset = (lines.len() as f64 - 1.0) / 2.0;
                for (k, line) in lines.into_iter().enumerate() {
                    let shift = ((k as f64 - offset) * LINE_H).round() as i32;
                    if horizontal {
                        let style = anchored(cell_font, INK, HPos::Center, VPos::Center);
                        let at = (center.0, center.1 + shift);
                        root.draw(&Text::new(line, at, style)).map_err(de)?;
                    } else {
                        let at = (center.0 + shift, center.1);
                        root.draw(&Text::new(line, at, rotated(cell_font, INK)))
                            .map_err(de)?;
                    }
                }
            }
        }
        let bottom = plot_bottom(chart.plotting_area().get_pixel_range());
        let x_px = |x: f64| chart.backend_coord(&(x, 0.0)).0;
        draw_reorgs(root, &reorgs, &x_px, bottom, PAD + legend_h, text)
    });

    let all_years: BTreeSet<i32> = data.keys().chain(reorgs.iter()).copied().collect();
    let handover_note = clean(&text.handover);
    let name_cell = |holder: Option<&Holder>| match holder {
        None => Cell::Missing,
        Some(h) if h.handover && !handover_note.is_empty() => {
            Cell::Text(format!("{} ({handover_note})", h.name))
        }
        Some(h) => Cell::Text(h.name.clone()),
    };
    let rows: Vec<Vec<Cell>> = all_years
        .iter()
        .map(|year| {
            let entry = data.get(year);
            vec![
                Cell::Head(year_cell(*year, &reorgs, text)),
                name_cell(entry.and_then(|e| e.0.as_ref())),
                name_cell(entry.and_then(|e| e.1.as_ref())),
            ]
        })
        .collect();
    let table = table_html(text, &[&text.year, &text.leader, &text.deputy], &rows);

    let distinct = |pick: fn(&Roles) -> Option<&String>| {
        data.values()
            .filter_map(pick)
            .collect::<BTreeSet<_>>()
            .len() as u64
    };
    let sep = text.thousands_sep;
    let named = data
        .values()
        .filter(|(l, d)| l.is_some() || d.is_some())
        .count() as u64;
    let vars = [
        ("first_year", first.to_string()),
        ("last_year", last.to_string()),
        ("years", format_count(named, sep)),
        (
            "leaders",
            format_count(distinct(|e| e.0.as_ref().map(|h| &h.name)), sep),
        ),
        (
            "deputies",
            format_count(distinct(|e| e.1.as_ref().map(|h| &h.name)), sep),
        ),
        ("reorganized_years", super::common::join_years(&reorgs)),
        ("handover_years", year_ranges(&handover_years)),
    ];
    let text = with_gaps(text, !handover_years.is_empty());
    Some(finish(id_prefix, &text, &vars, size, raw, table))
}

#[cfg(test)]
mod tests {
    use super::super::common::{HANDOVER_LINE, REORG};
    use super::super::test_util::*;
    use super::*;

    fn entry(year: i32, leader: Option<&str>, deputy: Option<&str>) -> YearLeaders {
        YearLeaders {
            year,
            leader: leader.map(str::to_string),
            deputy: deputy.map(str::to_string),
            leader_handover: false,
            deputy_handover: false,
        }
    }

    fn chart(entries: &[YearLeaders], reorgs: &[i32]) -> Chart {
        let mut text = vi_text("Cụm trưởng và cụm phó theo năm");
        text.desc = "{leaders} đơn vị làm cụm trưởng từ {first_year} đến {last_year}.".to_string();
        match cluster_leaders("cum-1-leaders", &text, entries, reorgs) {
            Some(c) => c,
            None => panic!("expected a chart"),
        }
    }

    #[test]
    fn few_years_have_horizontal_names() {
        let entries = [
            entry(
                2021,
                Some("Công an tỉnh Quảng Ninh"),
                Some("Công an thành phố Hải Phòng"),
            ),
            entry(2022, Some("Công an thành phố Hải Phòng"), None),
            entry(
                2023,
                Some("Công an tỉnh Thái Bình"),
                Some("Công an tỉnh Quảng Ninh"),
            ),
        ];
        let c = chart(&entries, &[2022]);
        check_common(&c, "Cụm trưởng và cụm phó theo năm");
        let doc = parse(&c.svg);
        assert_eq!(with_color(&doc, "rect", "fill", LEADER_BG).len(), 3);
        assert_eq!(with_color(&doc, "rect", "fill", DEPUTY_BG).len(), 2);
        let labels = texts(&doc);
        let joined = labels.join(" ");
        for name in [
            "Công an tỉnh Quảng Ninh",
            "Công an thành phố Hải Phòng",
            "Công an tỉnh Thái Bình",
        ] {
            assert!(joined.contains(name), "{name} not in {labels:?}");
        }
        for expected in [
            "Cụm trưởng",
            "Cụm phó",
            "—",
            "2021",
            "2023",
            "Tái tổ chức 2022",
        ] {
            assert!(
                labels.contains(&expected.to_string()),
                "missing {expected}: {labels:?}"
            );
        }
        assert!(elements(&doc, "text")
            .iter()
            .all(|t| t.attribute("transform").is_none()));
        assert_eq!(with_color(&doc, "polyline", "stroke", REORG).len(), 1);
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("3 đơn vị làm cụm trưởng từ 2021 đến 2023.")
        );
        let rows = table_rows(&c);
        assert_eq!(rows[0], vec!["Năm", "Cụm trưởng", "Cụm phó"]);
        assert_eq!(
            rows[2],
            vec!["2022 (Tái tổ chức)", "Công an thành phố Hải Phòng", "—"]
        );
    }

    #[test]
    fn a_handed_over_role_is_drawn_apart_and_an_unknown_one_empty() {
        let mut handed = entry(2024, Some("Lạng Sơn"), Some("Cao Bằng"));
        handed.leader_handover = true;
        handed.deputy_handover = true;
        let entries = [
            entry(2023, Some("Lai Châu"), None),
            handed,
            entry(2025, None, None),
        ];
        let mut text = vi_text("Cụm trưởng");
        text.desc_gaps = "Theo bàn giao: {handover_years}.".to_string();
        let Some(c) = cluster_leaders("l", &text, &entries, &[]) else {
            panic!("expected a chart");
        };
        check_common(&c, "Cụm trưởng");
        let doc = parse(&c.svg);
        // Stated: the solid colour (one cell, one legend swatch).
        assert_eq!(with_color(&doc, "rect", "fill", LEADER_BG).len(), 1 + 1);
        assert!(with_color(&doc, "rect", "fill", DEPUTY_BG).is_empty());
        // Handed over: the light fills with a dashed outline each.
        let light = with_color(&doc, "rect", "fill", LEADER_HANDOVER_BG);
        assert_eq!(light.len(), 1 + 1);
        assert_eq!(
            with_color(&doc, "rect", "fill", DEPUTY_HANDOVER_BG).len(),
            1
        );
        let outlines = with_color(&doc, "polyline", "stroke", HANDOVER_LINE);
        assert_eq!(outlines.len(), 2 + 1);
        assert!(outlines
            .iter()
            .all(|o| o.attribute("stroke-dasharray").is_some()));
        let x2024 = label_x(&doc, "2024");
        assert!(num(&light[1], "x") < x2024);
        let labels = texts(&doc);
        for expected in [
            "Nêu trong bài viết",
            "Theo bàn giao",
            "Lạng Sơn",
            "Cao Bằng",
        ] {
            assert!(labels.contains(&expected.to_string()), "{expected}");
        }
        // 2025 has no holder known: no cell drawn there, only the dash.
        let x2025 = label_x(&doc, "2025");
        let cells = elements(&doc, "rect");
        assert!(cells.iter().all(|r| {
            num(r, "width") > 400.0
                || !(num(r, "x") < x2025 && x2025 < num(r, "x") + num(r, "width"))
        }));
        assert_eq!(labels.iter().filter(|l| *l == "—").count(), 3);
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("Theo bàn giao: 2024.")
        );
        let rows = table_rows(&c);
        assert_eq!(rows[1], vec!["2023", "Lai Châu", "—"]);
        assert_eq!(
            rows[2],
            vec![
                "2024",
                "Lạng Sơn (Theo bàn giao)",
                "Cao Bằng (Theo bàn giao)"
            ]
        );
        assert_eq!(rows[3], vec!["2025", "—", "—"]);

        // A stated holder wins over a handover for the same year.
        let mut again = entry(2023, Some("Lai Châu"), None);
        again.leader_handover = true;
        let both = [entry(2023, Some("Lai Châu"), None), again];
        let doc_chart = chart(&both, &[]);
        let doc = parse(&doc_chart.svg);
        assert!(with_color(&doc, "polyline", "stroke", HANDOVER_LINE).is_empty());
        assert!(!texts(&doc).contains(&"Theo bàn giao".to_string()));
    }

    #[test]
    fn forty_years_write_names_vertically() {
        let entries: Vec<YearLeaders> = (1985..2025)
            .map(|y| {
                entry(
                    y,
                    Some("Công an tỉnh Bà Rịa – Vũng Tàu"),
                    Some("Công an tỉnh Đồng Nai"),
                )
            })
            .collect();
        let c = chart(&entries, &[2000]);
        check_common(&c, "Cụm trưởng và cụm phó theo năm");
        let doc = parse(&c.svg);
        assert_eq!(with_color(&doc, "rect", "fill", LEADER_BG).len(), 40);
        let cells: Vec<_> = with_color(&doc, "rect", "fill", DEPUTY_BG);
        assert_eq!(cells.len(), 40);
        assert!(cells.iter().all(|r| num(r, "width") >= 20.0));
        let vertical = elements(&doc, "text")
            .into_iter()
            .filter(|t| {
                t.attribute("transform")
                    .is_some_and(|v| v.starts_with("rotate(270"))
            })
            .count();
        assert!(vertical >= 80, "{vertical} vertical names");
        assert_eq!(table_rows(&c).len(), 41);
    }

    #[test]
    fn merges_repeated_years_and_skips_empty_ones() {
        let entries = [
            entry(2020, Some("A"), None),
            entry(2020, Some("A"), Some("B")),
            entry(2020, None, Some("C")),
        ];
        let rows = table_rows(&chart(&entries, &[]));
        assert_eq!(rows[1], vec!["2020", "A", "B; C"]);
        let text = vi_text("x");
        assert!(cluster_leaders("l", &text, &[entry(2020, None, Some("  "))], &[]).is_none());
        assert!(cluster_leaders("l", &text, &[], &[2020]).is_none());
    }

    #[test]
    fn wrapping_keeps_words_and_marks_cuts() {
        assert_eq!(
            wrap("Công an tỉnh Quảng Ninh", 12, 3),
            vec!["Công an tỉnh", "Quảng Ninh"]
        );
        let cut = wrap("một hai ba bốn năm sáu bảy tám", 7, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…') && cut[1].chars().count() <= 7);
        assert!(wrap("Siêuđơnvịdàikhôngcódấucách", 6, 3)[0].chars().count() <= 6);
    }

    #[test]
    fn same_input_same_bytes() {
        let mut handed = entry(2021, Some("C"), None);
        handed.leader_handover = true;
        let entries = [entry(2020, Some("A"), Some("B")), handed];
        assert_eq!(chart(&entries, &[2020]), chart(&entries, &[2020]));
    }
}
