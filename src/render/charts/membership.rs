//! Cluster page: which units were members in which years.

use std::collections::BTreeSet;

use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, VPos};

use super::common::{
    anchored, canvas, chars_fitting, clean, de, draw_hatch, draw_legend, draw_reorgs, finish,
    hatch_legend, house_axes, legend_height, plot_bottom, render, table_html, text_w, truncate,
    with_gaps, year_ranges, year_ticks, Cell, LegendItem, Swatch, Ticked, YearLabels, BAND, FONT,
    INK, MEMBER, PAD, REORG_STRIP, YEAR_W_ROTATED,
};
use super::{Chart, ChartText, UnitMembership, PHONE_WIDTH};

const ROW_H: i32 = 18;
/// Height of the line above a row that holds the unit's name.
const NAME_H: i32 = 17;
const NAME_CHARS: usize = 34;

/// Membership matrix: one row per unit (in the given order), one column per
/// year, a filled cell where the unit was a member that year, so joins and
/// departures show as the start and end of a run of cells.
///
/// Each year of `no_writeup` (no write-up covers it, so its members are not
/// known) is a hatched column across all rows, with the legend
/// `text.no_writeup`, and a row of the table; an empty cell means "not a
/// member" only in a year that has a write-up.
///
/// Units without any year are left out; `None` when no unit has a year.
/// Each year in `reorganized` gets a dashed vertical marker on the boundary
/// before it, labelled "{text.reorganized} {year}". Long unit names are
/// shortened with "…" on the chart; the table has them in full.
///
/// Reads `title`, `desc`, `desc_gaps`, `table_summary`, `year`, `unit`,
/// `member`, `member_years`, `reorganized`, `no_writeup`, `thousands_sep`.
/// Placeholders in `desc`: `{first_year}`, `{last_year}`, `{units}`,
/// `{max_units}`, `{max_units_year}`, `{min_units}`, `{min_units_year}`
/// (fewest members in a year with any), `{reorganized_years}`; `desc_gaps`,
/// used when there are years without a write-up, also has
/// `{no_writeup_years}`.
pub fn cluster_membership(
    id_prefix: &str,
    text: &ChartText,
    units: &[UnitMembership],
    no_writeup: &[i32],
    reorganized: &[i32],
) -> Option<Chart> {
    let rows: Vec<(String, BTreeSet<i32>)> = units
        .iter()
        .map(|u| (clean(&u.name), u.years.iter().copied().collect()))
        .filter(|(_, years): &(String, BTreeSet<i32>)| !years.is_empty())
        .collect();
    if rows.is_empty() {
        return None;
    }
    let reorgs: BTreeSet<i32> = reorganized.iter().copied().collect();
    let all_years: BTreeSet<i32> = rows
        .iter()
        .flat_map(|(_, years)| years.iter().copied())
        .collect();
    let gaps: BTreeSet<i32> = no_writeup
        .iter()
        .copied()
        .filter(|y| !all_years.contains(y))
        .collect();
    let first = all_years
        .iter()
        .chain(reorgs.iter())
        .chain(gaps.iter())
        .min()
        .copied()?;
    let last = all_years
        .iter()
        .chain(reorgs.iter())
        .chain(gaps.iter())
        .max()
        .copied()?;
    let span = i64::from(last) - i64::from(first) + 1;

    let n = rows.len();
    // Names left of the rows when they leave room for every year on a
    // phone's width, else each name on its own line above its row.
    let plot_w = (span as f64 * YEAR_W_ROTATED).max(120.0);
    let left_labels: Vec<String> = rows
        .iter()
        .map(|(name, _)| truncate(name, NAME_CHARS))
        .collect();
    let left_w = left_labels
        .iter()
        .map(|l| text_w(l, FONT))
        .fold(0.0, f64::max)
        .ceil() as i32
        + 14;
    let beside = f64::from(2 * PAD + left_w + 12) + plot_w <= f64::from(PHONE_WIDTH);
    let label_w = if beside { left_w } else { 0 };
    let width = (f64::from(2 * PAD + label_w + 12) + plot_w).max(f64::from(PHONE_WIDTH));
    let plot_w = width - f64::from(2 * PAD + label_w + 12);
    let labels: Vec<String> = if beside {
        left_labels
    } else {
        let chars = chars_fitting(plot_w, FONT);
        rows.iter().map(|(name, _)| truncate(name, chars)).collect()
    };
    let row_h = if beside { ROW_H } else { ROW_H + NAME_H };
    let inner_w = width as i32 - 2 * PAD;
    let member = clean(&text.member);
    let mut items = if member.is_empty() {
        Vec::new()
    } else {
        vec![LegendItem {
            swatch: Swatch::Box(MEMBER, false),
            label: member,
        }]
    };
    if !gaps.is_empty() {
        items.extend(hatch_legend(&text.no_writeup));
    }
    let legend_h = legend_height(&items, inner_w);
    let strip_h = if reorgs.is_empty() { 0 } else { REORG_STRIP };
    let x_desc = clean(&text.year);
    let year_labels = YearLabels::fit(plot_w / span as f64);
    let x_area = year_labels.area(!x_desc.is_empty());
    let top = PAD + legend_h + strip_h;
    let plot_h = row_h * n as i32;
    let size = canvas(width, f64::from(top + 4 + plot_h + x_area + PAD));
    // Part of a row (0..1) the member cells take: all of it but a margin,
    // or below the name.
    let cell_top = if beside {
        0.14
    } else {
        f64::from(NAME_H) / f64::from(row_h)
    };

    let raw = render(size.0, size.1, true, |root| {
        draw_legend(root, &items, (PAD, PAD), inner_w)?;
        let area = root.margin(top, PAD, PAD, PAD);
        let y_ticks: Vec<f64> = if beside {
            (0..n).map(|i| i as f64 + 0.5).collect()
        } else {
            Vec::new()
        };
        let mut chart = ChartBuilder::on(&area)
            .margin_top(4)
            .margin_right(12)
            .x_label_area_size(x_area)
            .y_label_area_size(label_w)
            .build_cartesian_2d(
                Ticked::new(
                    f64::from(first) - 0.5..f64::from(last) + 0.5,
                    year_ticks(first, last),
                ),
                Ticked::new(n as f64..0.0, y_ticks),
            )
            .map_err(de)?;
        let x_fmt = |v: &f64| year_labels.label(*v);
        let y_fmt = |v: &f64| {
            let index = v.floor();
            if index >= 0.0 {
                labels.get(index as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let mut mesh = chart.configure_mesh();
        house_axes(&mut mesh, &x_desc)
            .disable_mesh()
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt);
        mesh.draw().map_err(de)?;
        let axis_y = chart.plotting_area().get_pixel_range().1.end;
        let x_px = |x: f64| chart.backend_coord(&(x, 0.0)).0;
        year_labels.draw_rotated(root, (first, last), &x_px, axis_y)?;

        let (x0, x1) = (f64::from(first) - 0.5, f64::from(last) + 0.5);
        // Every other row on a light band.
        chart
            .draw_series((1..rows.len()).step_by(2).map(|i| {
                let y = i as f64;
                Rectangle::new([(x0, y), (x1, y + 1.0)], BAND.filled())
            }))
            .map_err(de)?;
        for &year in &gaps {
            let x = f64::from(year);
            let a = chart.backend_coord(&(x - 0.42, 0.0));
            let b = chart.backend_coord(&(x + 0.42, n as f64));
            draw_hatch(root, [a, b])?;
        }
        for (i, (_, years)) in rows.iter().enumerate() {
            let y = i as f64;
            chart
                .draw_series(years.iter().map(|&year| {
                    let x = f64::from(year);
                    Rectangle::new(
                        [(x - 0.42, y + cell_top), (x + 0.42, y + 0.86)],
                        MEMBER.filled(),
                    )
                }))
                .map_err(de)?;
            if !beside {
                let at = chart.backend_coord(&(x0, y));
                let style = anchored(FONT, INK, HPos::Left, VPos::Top);
                let name = labels.get(i).cloned().unwrap_or_default();
                root.draw(&Text::new(name, (at.0 + 2, at.1 + 2), style))
                    .map_err(de)?;
            }
        }
        let bottom = plot_bottom(chart.plotting_area().get_pixel_range());
        let x_px = |x: f64| chart.backend_coord(&(x, 0.0)).0;
        draw_reorgs(root, &reorgs, &x_px, bottom, PAD + legend_h, text)
    });

    let mut table_rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|(name, years)| vec![Cell::Head(name.clone()), Cell::Text(year_ranges(years))])
        .collect();
    if !gaps.is_empty() {
        table_rows.push(vec![
            Cell::Head(clean(&text.no_writeup)),
            Cell::Text(year_ranges(&gaps)),
        ]);
    }
    let table = table_html(text, &[&text.unit, &text.member_years], &table_rows);

    let per_year: Vec<(i32, u64)> = all_years
        .iter()
        .map(|&year| {
            let count = rows.iter().filter(|(_, ys)| ys.contains(&year)).count() as u64;
            (year, count)
        })
        .collect();
    let most = super::common::max_by_year(per_year.iter().copied());
    let fewest = per_year
        .iter()
        .copied()
        .fold(None, |best: Option<(i32, u64)>, (year, count)| match best {
            Some((_, b)) if count >= b => best,
            _ => Some((year, count)),
        });
    let sep = text.thousands_sep;
    let fmt = |m: Option<(i32, u64)>| {
        m.map(|(y, c)| (super::common::format_count(c, sep), y.to_string()))
            .unwrap_or_default()
    };
    let (max_units, max_year) = fmt(most);
    let (min_units, min_year) = fmt(fewest);
    let vars = [
        ("first_year", first.to_string()),
        ("last_year", last.to_string()),
        ("units", super::common::format_count(n as u64, sep)),
        ("max_units", max_units),
        ("max_units_year", max_year),
        ("min_units", min_units),
        ("min_units_year", min_year),
        ("reorganized_years", super::common::join_years(&reorgs)),
        ("no_writeup_years", year_ranges(&gaps)),
    ];
    let text = with_gaps(text, !gaps.is_empty());
    Some(finish(id_prefix, &text, &vars, size, raw, table))
}

#[cfg(test)]
mod tests {
    use super::super::common::REORG;
    use super::super::test_util::*;
    use super::*;

    fn unit(name: &str, years: &[i32]) -> UnitMembership {
        UnitMembership {
            name: name.to_string(),
            years: years.to_vec(),
        }
    }

    fn chart(units: &[UnitMembership], reorgs: &[i32]) -> Chart {
        let mut text = vi_text("Đơn vị thành viên qua các năm");
        text.desc = "{units} đơn vị; nhiều nhất {max_units} đơn vị ({max_units_year}).".to_string();
        match cluster_membership("cum-1-members", &text, units, &[], reorgs) {
            Some(c) => c,
            None => panic!("expected a chart"),
        }
    }

    #[test]
    fn filled_cells_show_joins_and_departures() {
        let units = [
            unit("Công an tỉnh Quảng Ninh", &[2018, 2019, 2020, 2021]),
            unit("Công an thành phố Hải Phòng", &[2018, 2019]),
            unit("Công an tỉnh Thái Bình", &[2019, 2020, 2021]),
            unit("Không có năm nào", &[]),
        ];
        let c = chart(&units, &[2020]);
        check_common(&c, "Đơn vị thành viên qua các năm");
        let doc = parse(&c.svg);
        // 9 member cells + 1 legend swatch.
        let cells = with_color(&doc, "rect", "fill", MEMBER);
        assert_eq!(cells.len(), 9 + 1);
        let labels = texts(&doc);
        for expected in [
            "Công an tỉnh Quảng Ninh",
            "Công an thành phố Hải Phòng",
            "Công an tỉnh Thái Bình",
            "Thành viên",
            "Năm",
            "2018",
            "2021",
            "Tái tổ chức 2020",
        ] {
            assert!(
                labels.contains(&expected.to_string()),
                "missing {expected}: {labels:?}"
            );
        }
        assert!(!labels.contains(&"Không có năm nào".to_string()));

        // Hải Phòng left after 2019: no cell of its row right of the 2019 column.
        let row_y = elements(&doc, "text")
            .into_iter()
            .find(|t| t.text() == Some("Công an thành phố Hải Phòng"))
            .map(|t| num(&t, "y"))
            .unwrap_or(f64::NAN);
        let x2020 = label_x(&doc, "2020");
        // Names this long do not leave room beside the rows on a phone:
        // each stands on its own line, above its row's cells.
        let in_row: Vec<_> = cells
            .iter()
            .filter(|r| num(r, "y") > row_y && num(r, "y") < row_y + f64::from(ROW_H + NAME_H))
            .collect();
        assert_eq!(in_row.len(), 2);
        assert!(in_row.iter().all(|r| num(r, "x") + num(r, "width") < x2020));

        let marks = with_color(&doc, "polyline", "stroke", REORG);
        assert_eq!(marks.len(), 1);
        let mark_x = polyline_xs(&marks[0])[0];
        assert!(label_x(&doc, "2019") < mark_x && mark_x < x2020);

        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("3 đơn vị; nhiều nhất 3 đơn vị (2019).")
        );
        let rows = table_rows(&c);
        assert_eq!(rows[0], vec!["Đơn vị", "Các năm là thành viên"]);
        assert_eq!(rows[1], vec!["Công an tỉnh Quảng Ninh", "2018–2021"]);
        assert_eq!(rows[2], vec!["Công an thành phố Hải Phòng", "2018–2019"]);
        assert_eq!(rows[3], vec!["Công an tỉnh Thái Bình", "2019–2021"]);
        assert_eq!(rows.len(), 4);
    }

    #[test]
    fn a_year_without_write_up_is_hatched_not_left_empty() {
        let units = [unit("Lạng Sơn", &[2017, 2020]), unit("Cao Bằng", &[2017])];
        let mut text = vi_text("Thành viên");
        text.desc_gaps = "Không có bài viết năm {no_writeup_years}.".to_string();
        let Some(c) = cluster_membership("m", &text, &units, &[2018, 2019], &[]) else {
            panic!("expected a chart");
        };
        check_common(&c, "Thành viên");
        let doc = parse(&c.svg);
        // One hatched column per year without a write-up, plus the legend's.
        let columns = hatched(&doc);
        assert_eq!(columns.len(), 2 + 1);
        assert!(texts(&doc).contains(&"Không có bài viết".to_string()));
        let rows_top = with_color(&doc, "rect", "fill", MEMBER)
            .iter()
            .skip(1)
            .map(|r| num(r, "y"))
            .fold(f64::MAX, f64::min);
        for (column, year) in columns.iter().skip(1).zip(["2018", "2019"]) {
            let x = label_x(&doc, year);
            assert!(num(column, "x") < x && x < num(column, "x") + num(column, "width"));
            // Across both rows.
            assert!(num(column, "y") < rows_top);
            assert!(num(column, "height") >= 2.0 * f64::from(ROW_H) - 1.0);
        }
        // Cao Bằng is not a member in 2020 (a year with a write-up): that
        // cell is empty, not hatched.
        let x2020 = label_x(&doc, "2020");
        assert!(columns
            .iter()
            .all(|r| !(num(r, "x") < x2020 && x2020 < num(r, "x") + num(r, "width"))));
        assert_eq!(
            elements(&doc, "desc")[0].text(),
            Some("Không có bài viết năm 2018–2019.")
        );
        let rows = table_rows(&c);
        assert_eq!(rows[3], vec!["Không có bài viết", "2018–2019"]);
        // Without such years: no hatch, no legend entry.
        let plain = chart(&units, &[]);
        let doc = parse(&plain.svg);
        assert!(hatched(&doc).is_empty());
        assert!(!texts(&doc).contains(&"Không có bài viết".to_string()));
    }

    #[test]
    fn short_names_stand_beside_the_rows_within_a_phone() {
        let units = [
            unit("Lạng Sơn", &[2021, 2022]),
            unit("Cao Bằng", &[2022, 2023]),
        ];
        let c = chart(&units, &[]);
        check_common(&c, "Đơn vị thành viên qua các năm");
        let doc = parse(&c.svg);
        assert_eq!(root_width(&doc), f64::from(PHONE_WIDTH));
        let name_x = label_x(&doc, "Lạng Sơn");
        assert!(name_x < label_x(&doc, "2021"));
    }

    #[test]
    fn thirty_units_over_forty_years() {
        let units: Vec<UnitMembership> = (0..30)
            .map(|i| {
                let years: Vec<i32> = (1985 + i..2025).filter(|y| (y + i) % 9 != 0).collect();
                unit(
                    &format!("Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ số {i}"),
                    &years,
                )
            })
            .collect();
        let expected: usize = units.iter().map(|u| u.years.len()).sum();
        let c = chart(&units, &[1990, 1991, 2010]);
        check_common(&c, "Đơn vị thành viên qua các năm");
        let doc = parse(&c.svg);
        assert_eq!(with_color(&doc, "rect", "fill", MEMBER).len(), expected + 1);
        assert_eq!(with_color(&doc, "polyline", "stroke", REORG).len(), 3);
        let labels = texts(&doc);
        // Names stand above their rows, whole when the chart is wide enough.
        assert!(labels.iter().any(|l| l.ends_with("cứu nạn, cứu hộ số 29")));
        assert!(table_rows(&c)[1][0].ends_with("số 0"));
        assert_eq!(table_rows(&c).len(), 31);
        // Rows do not overlap: unit labels are at least a row apart.
        let mut ys: Vec<f64> = elements(&doc, "text")
            .iter()
            .filter(|t| t.text().is_some_and(|s| s.starts_with("Phòng")))
            .map(|t| num(t, "y"))
            .collect();
        ys.sort_by(f64::total_cmp);
        assert_eq!(ys.len(), 30);
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= 15.0));
    }

    #[test]
    fn one_unit_one_year_and_none() {
        let c = chart(&[unit("Công an tỉnh Lào Cai", &[2023])], &[]);
        check_common(&c, "Đơn vị thành viên qua các năm");
        let doc = parse(&c.svg);
        assert_eq!(with_color(&doc, "rect", "fill", MEMBER).len(), 2);
        assert!(texts(&doc).contains(&"2023".to_string()));
        let text = vi_text("x");
        assert!(cluster_membership("m", &text, &[], &[], &[]).is_none());
        assert!(cluster_membership("m", &text, &[unit("A", &[])], &[2019], &[2020]).is_none());
    }

    #[test]
    fn same_input_same_bytes() {
        let units = [unit("B", &[2020, 2022]), unit("A", &[2021])];
        assert_eq!(chart(&units, &[2021]), chart(&units, &[2021]));
        let text = vi_text("x");
        let gaps = || cluster_membership("m", &text, &units, &[2019, 2023], &[2021]);
        assert!(gaps().is_some());
        assert_eq!(gaps(), gaps());
    }
}
