//! Cluster page: leader (Cụm trưởng) and deputy (Cụm phó) units per year.

use std::collections::{BTreeMap, BTreeSet};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::{
    anchored, canvas, chars_fitting, clean, de, draw_dashed_box, draw_legend, finish, format_count,
    legend_height, render, table_html, text_w, truncate, with_gaps, year_cell, year_ranges, Cell,
    LegendItem, Swatch, DEPUTY_BG, DEPUTY_HANDOVER_BG, FONT, GRID, INK, LEADER_BG,
    LEADER_HANDOVER_BG, MUTED, PAD, REORG,
};
use super::{Chart, ChartText, YearLeaders, PHONE_WIDTH};

/// The unit(s) in a role for a year, and whether they are known only from
/// the previous year's handover.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Holder {
    name: String,
    handover: bool,
}

/// Leader and deputy of one year.
type Roles = (Option<Holder>, Option<Holder>);

/// Narrowest width of the years column.
const YEAR_COL: i32 = 48;
/// Height of the header row.
const HEAD_H: i32 = 22;
/// Height of the line that marks a reorganization before a year's row.
const REORG_ROW: i32 = 22;
const LINE_H: i32 = 16;
/// Longest span of years drawn row by row; a longer one (absurd input)
/// only gets the years it lists.
const MAX_ROWS: i64 = 200;

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

/// Leader/deputy timeline, laid out like a table that fits a phone: one row
/// per year (top to bottom), a Cụm trưởng and a Cụm phó column, the unit's
/// name written horizontally in each cell, wrapped on up to three lines.
/// Names too long for a cell end in "…" (the table has them in full). A
/// year without a unit shows `text.missing` in an empty cell: no one is
/// drawn for it.
///
/// A holder a write-up of the year states has a solid cell; one known only
/// from the previous year's handover (`leader_handover`, `deputy_handover`)
/// a lighter cell with a dashed outline, and the table adds
/// "({text.handover})". The legend (`text.stated`, `text.handover`) is drawn
/// when some holder comes from a handover.
///
/// Several entries for one year are merged (distinct names joined by "; ").
/// `None` when no year names any unit. Each year in `reorganized` gets a
/// dashed line above its row labelled "{text.reorganized} {year}".
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
    // One row per year of the span (a year without an entry shows
    // `text.missing`), or only the years given when the span is absurd.
    let years: Vec<i32> = if i64::from(last) - i64::from(first) < MAX_ROWS {
        (first..=last).collect()
    } else {
        data.keys()
            .chain(reorgs.iter())
            .copied()
            .collect::<BTreeSet<i32>>()
            .into_iter()
            .collect()
    };

    let width = PHONE_WIDTH as i32;
    // The years column as wide as its header, within reason.
    let year_col =
        (text_w(&clean(&text.year), FONT).ceil() as i32 + 10).clamp(YEAR_COL, 2 * YEAR_COL);
    let col_w = (width - 2 * PAD - year_col) / 2;
    let line_chars = chars_fitting(f64::from(col_w - 10), FONT);
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
    let legend_h = legend_height(&items, width - 2 * PAD);
    // Each year's row: the names wrapped on up to three lines.
    let lines_of = |holder: &Option<Holder>| {
        holder
            .as_ref()
            .map_or(Vec::new(), |h| wrap(&h.name, line_chars, 3))
    };
    let rows: Vec<(i32, [Vec<String>; 2], i32)> = years
        .iter()
        .map(|&year| {
            let (l, d) = data.get(&year).cloned().unwrap_or((None, None));
            let cells = [lines_of(&l), lines_of(&d)];
            let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1) as i32;
            (year, cells, lines * LINE_H + 8)
        })
        .collect();
    let reorg_rows = rows.iter().filter(|r| reorgs.contains(&r.0)).count() as i32;
    let body_h: i32 = rows.iter().map(|r| r.2).sum::<i32>() + reorg_rows * REORG_ROW;
    let top = PAD + legend_h;
    let size = canvas(f64::from(width), f64::from(top + HEAD_H + body_h + PAD));
    let headers = [
        truncate(
            &clean(&text.year),
            chars_fitting(f64::from(year_col - 4), FONT),
        ),
        truncate(&clean(&text.leader), line_chars),
        truncate(&clean(&text.deputy), line_chars),
    ];
    let missing = clean(&text.missing);
    let reorg_label = clean(&text.reorganized);

    let raw = render(size.0, size.1, true, |root| {
        draw_legend(root, &items, (PAD, PAD), width - 2 * PAD)?;
        let xs = [PAD, PAD + year_col, PAD + year_col + col_w];
        let right = PAD + year_col + 2 * col_w;
        for (header, &x) in headers.iter().zip(xs.iter()) {
            let style = anchored(FONT, MUTED, HPos::Left, VPos::Center);
            root.draw(&Text::new(header.clone(), (x + 4, top + HEAD_H / 2), style))
                .map_err(de)?;
        }
        let mut y = top + HEAD_H;
        root.draw(&PathElement::new(
            vec![(PAD, y), (right, y)],
            INK.stroke_width(1),
        ))
        .map_err(de)?;
        for (year, cells, row_h) in &rows {
            if reorgs.contains(year) {
                let line_y = y + REORG_ROW - 3;
                root.draw(&PathElement::new(
                    vec![(PAD, line_y), (right, line_y)],
                    REORG.stroke_width(2),
                ))
                .map_err(de)?;
                let caption = if reorg_label.is_empty() {
                    year.to_string()
                } else {
                    format!("{reorg_label} {year}")
                };
                let style = anchored(FONT, REORG, HPos::Left, VPos::Center);
                root.draw(&Text::new(caption, (PAD + 4, y + REORG_ROW / 2 - 3), style))
                    .map_err(de)?;
                y += REORG_ROW;
            }
            let style = anchored(FONT, INK, HPos::Left, VPos::Top);
            root.draw(&Text::new(year.to_string(), (PAD + 4, y + 5), style))
                .map_err(de)?;
            let (leader, deputy) = data.get(year).cloned().unwrap_or((None, None));
            let roles = [
                (&leader, LEADER_BG, LEADER_HANDOVER_BG),
                (&deputy, DEPUTY_BG, DEPUTY_HANDOVER_BG),
            ];
            for (k, ((holder, fill, handover_fill), lines)) in
                roles.into_iter().zip(cells.iter()).enumerate()
            {
                let x = xs[k + 1];
                let corners = [(x + 1, y + 1), (x + col_w - 1, y + row_h - 1)];
                match holder {
                    Some(h) if h.handover => draw_dashed_box(root, corners, handover_fill)?,
                    Some(_) => root
                        .draw(&Rectangle::new(corners, fill.filled()))
                        .map_err(de)?,
                    None => {
                        if !missing.is_empty() {
                            let style = anchored(FONT, MUTED, HPos::Left, VPos::Top);
                            root.draw(&Text::new(missing.clone(), (x + 5, y + 5), style))
                                .map_err(de)?;
                        }
                        continue;
                    }
                }
                for (n, line) in lines.iter().enumerate() {
                    let style = anchored(FONT, INK, HPos::Left, VPos::Top);
                    let at = (x + 5, y + 5 + n as i32 * LINE_H);
                    root.draw(&Text::new(line.clone(), at, style)).map_err(de)?;
                }
            }
            y += row_h;
            root.draw(&PathElement::new(
                vec![(PAD, y), (right, y)],
                GRID.stroke_width(1),
            ))
            .map_err(de)?;
        }
        Ok(())
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
        // The cell sits in the 2024 row.
        let y2024 = label_y(&doc, "2024");
        let top = num(&light[1], "y");
        assert!(top <= y2024 && y2024 < top + num(&light[1], "height"));
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
        let y2025 = label_y(&doc, "2025") + 4.0;
        let cells = elements(&doc, "rect");
        assert!(cells.iter().all(|r| {
            num(r, "width") > 300.0
                || !(num(r, "y") < y2025 && y2025 < num(r, "y") + num(r, "height"))
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
    fn forty_years_keep_names_horizontal() {
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
        assert!(cells.iter().all(|r| num(r, "width") >= 100.0));
        assert!(elements(&doc, "text")
            .iter()
            .all(|t| t.attribute("transform").is_none()));
        // One row per year, top to bottom; the names wrap, whole words kept.
        let ys: Vec<f64> = (1985..2025)
            .map(|y| label_y(&doc, &y.to_string()))
            .collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]));
        let labels = texts(&doc);
        assert!(
            labels.contains(&"Công an tỉnh Đồng".to_string())
                || labels.contains(&"Công an tỉnh Đồng Nai".to_string()),
            "{labels:?}"
        );
        assert_eq!(root_width(&doc), 358.0);
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
