//! Charts for the report pages, drawn at build time as inline SVG.
//!
//! Every chart is one small public function that takes plain data (the
//! structs below), the page's localized strings ([`ChartText`]) and an id
//! prefix, and returns a [`Chart`]: an inline `<svg>` (drawn with `plotters`,
//! then made accessible) and an HTML data table with the same numbers.
//! Pages built this way show their charts offline and in print, without
//! JavaScript.
//!
//! A chart is drawn at the size it is shown: one SVG unit is one CSS pixel,
//! so its text reads at 12–13 px on a phone and on a desktop alike. Charts
//! are laid out for a phone's width ([`PHONE_WIDTH`]) and grow only when
//! their data need it (every year of a time axis has its tick and, but in
//! small multiples, its label); a wider chart scrolls in its box. Data that
//! say too little for a chart (one point, one honour, one cluster, at most
//! one conference a year) give a sentence and the open table instead.
//!
//! What this module must not do: no I/O (it never reads or writes files), no
//! templates and no knowledge of the rest of the site (pages decide where a
//! chart goes), no text of its own in any language (every visible string comes
//! from the caller), nothing random and no hash-order iteration (the same input
//! gives byte-identical output), and no panics on any input.
//!
//! Adding a chart: write a function in a new submodule that turns its data
//! into a drawing closure for `common::render` and table rows for
//! `common::table_html`, then hands both to `common::finish`.

mod awards;
mod axes;
mod common;
mod home;
mod leaders;
mod legend;
mod membership;
mod svg;
mod table;
mod unit;
mod year;

#[cfg(test)]
mod test_util;

pub use awards::cluster_awards;
pub use common::format_count;
pub use home::{awards_by_cluster, conferences_per_year};
pub use leaders::cluster_leaders;
pub use membership::cluster_membership;
pub use unit::unit_honours;
pub use year::year_clusters;

/// Every string a chart shows, already localized by the caller.
///
/// One struct serves all charts; each chart function documents which fields
/// it reads, the others are ignored. `desc` may contain placeholders such as
/// `{first_year}` that the chart fills in (each function lists its own);
/// unknown placeholders are left as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartText {
    /// What the chart shows; goes into the SVG `<title>` and the table caption.
    pub title: String,
    /// Summary for the SVG `<desc>`, with optional placeholders. Empty: the title is used.
    pub desc: String,
    /// Text of the `<summary>` that opens the data table. Empty: the title is used.
    pub table_summary: String,
    /// "Năm": caption of year axes and header of year columns.
    pub year: String,
    /// "Số lượt": caption of the count axis.
    pub value_axis: String,
    /// "Lượt tập thể": awards to collectives (series name and column header).
    pub collectives: String,
    /// "Lượt cá nhân": awards to individuals (series name and column header).
    pub individuals: String,
    /// "Tái tổ chức": label of the reorganization marker and table note.
    pub reorganized: String,
    /// "Đơn vị": header of unit columns.
    pub unit: String,
    /// "Thành viên": legend entry of a filled membership cell.
    pub member: String,
    /// "Các năm là thành viên": header of the membership table's years column.
    pub member_years: String,
    /// "Cụm trưởng".
    pub leader: String,
    /// "Cụm phó".
    pub deputy: String,
    /// "Cụm": header of cluster columns.
    pub cluster: String,
    /// "Tất cả các cụm" / "Tổng": the all-clusters panel and total rows.
    pub total: String,
    /// "Số hội nghị": conferences axis caption and column header.
    pub conferences: String,
    /// "Danh hiệu": header of the honour-kind column.
    pub honour: String,
    /// "Số lượng": header of a count column.
    pub count: String,
    /// Shown in a table cell (and on some charts) where a value is absent.
    pub missing: String,
    /// Sentence shown by [`figure_or_note`] when a chart has nothing to draw.
    pub no_data: String,
    /// Summary used instead of `desc` when some of the chart's values are
    /// unknown (same placeholders, plus those each chart lists for gaps).
    /// Empty: `desc` is used.
    pub desc_gaps: String,
    /// "Chưa có số liệu": legend entry of a hatched (unknown) value.
    pub not_reported: String,
    /// "Không có bài viết": legend entry of a hatched year no write-up covers.
    pub no_writeup: String,
    /// "Nêu trong bài viết": legend entry of a role a write-up of the year states.
    pub stated: String,
    /// "Theo bàn giao": legend entry (and table note) of a role known only
    /// from the previous year's handover.
    pub handover: String,
    /// Sentence shown instead of the chart when its data say too little for
    /// one (a single point, one honour, at most one conference a year); same
    /// placeholders as `desc`. Empty: `desc` is used.
    pub small: String,
    /// Visible sentence shown above the chart (same placeholders as `desc`),
    /// e.g. which panels share a scale. Empty: none.
    pub note: String,
    /// Thousands separator for every number shown ('.' for Vietnamese, ',' for English).
    pub thousands_sep: char,
}

impl Default for ChartText {
    /// All strings empty except `missing` ("—"); `thousands_sep` is '.'.
    fn default() -> Self {
        ChartText {
            title: String::new(),
            desc: String::new(),
            table_summary: String::new(),
            year: String::new(),
            value_axis: String::new(),
            collectives: String::new(),
            individuals: String::new(),
            reorganized: String::new(),
            unit: String::new(),
            member: String::new(),
            member_years: String::new(),
            leader: String::new(),
            deputy: String::new(),
            cluster: String::new(),
            total: String::new(),
            conferences: String::new(),
            honour: String::new(),
            count: String::new(),
            missing: "—".to_string(),
            no_data: String::new(),
            desc_gaps: String::new(),
            not_reported: String::new(),
            no_writeup: String::new(),
            stated: String::new(),
            handover: String::new(),
            small: String::new(),
            note: String::new(),
            thousands_sep: '.',
        }
    }
}

/// Widest chart that fits a 390 px phone screen beside the page's margins;
/// a wider one scrolls sideways in its box (its text never shrinks).
pub const PHONE_WIDTH: u32 = 358;

/// A rendered chart, ready to be inlined in an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// The id prefix the chart was made with (whitespace replaced by '-');
    /// the SVG uses `{id}-title` and `{id}-desc`.
    pub id: String,
    /// Inline `<svg>…</svg>` (no XML prolog), as many CSS pixels wide and
    /// high as its viewBox, so its text is never scaled. Empty when the data
    /// say too little for a chart (see `note`) or if drawing failed, which is
    /// not expected; the table still carries the data.
    pub svg: String,
    /// Width of the SVG in CSS pixels (0 without SVG).
    pub width: u32,
    /// A visible sentence shown with the chart: what a reader must know to
    /// read it (e.g. which panels share a scale), or, without SVG, the
    /// sentence that takes the chart's place.
    pub note: String,
    /// `<details><summary>…</summary><table>…</table></details>` with the
    /// chart's numbers; open when it takes the chart's place.
    pub table_html: String,
}

impl Chart {
    /// `<figure class="chart">` holding the note, the SVG (in a box that
    /// scrolls sideways when the chart is wider than a phone) and the data table.
    pub fn to_html(&self) -> String {
        let mut out = String::from("<figure class=\"chart\">\n");
        if !self.note.is_empty() {
            out.push_str(&format!(
                "<p class=\"chart-note\">{}</p>\n",
                common::escape(&self.note)
            ));
        }
        if !self.svg.is_empty() {
            // A box that may scroll must be reachable from the keyboard.
            let focus = if self.width > PHONE_WIDTH {
                " tabindex=\"0\""
            } else {
                ""
            };
            out.push_str(&format!("<div class=\"chart-scroll\"{focus}>"));
            out.push_str(&self.svg);
            out.push_str("</div>\n");
        }
        out.push_str(&self.table_html);
        out.push_str("\n</figure>");
        out
    }
}

/// The chart's figure, or `<p class="chart-empty">` with `text.no_data` when
/// the chart function returned `None`.
pub fn figure_or_note(chart: Option<&Chart>, text: &ChartText) -> String {
    match chart {
        Some(chart) => chart.to_html(),
        None => format!(
            "<p class=\"chart-empty\">{}</p>",
            common::escape(&common::clean(&text.no_data))
        ),
    }
}

/// Award counts of one year. `None` means "not reported", which is drawn as a
/// gap; `Some(0)` is a reported zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearAwards {
    pub year: i32,
    /// "Lượt tập thể".
    pub collectives: Option<u64>,
    /// "Lượt cá nhân".
    pub individuals: Option<u64>,
}

/// One unit of a cluster and the years it was a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitMembership {
    pub name: String,
    pub years: Vec<i32>,
}

/// The cluster's leader (Cụm trưởng) and deputy (Cụm phó) units in one year.
/// `None`: no holder known for that year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearLeaders {
    pub year: i32,
    pub leader: Option<String>,
    pub deputy: Option<String>,
    /// The leader is known only from the previous year's handover.
    pub leader_handover: bool,
    /// The deputy is known only from the previous year's handover.
    pub deputy_handover: bool,
}

/// One cluster's award counts over the years (home page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterAwards {
    pub name: String,
    pub years: Vec<YearAwards>,
}

/// A count for one year (e.g. conferences held).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearCount {
    pub year: i32,
    pub count: u64,
}

/// One cluster's award counts in a single year (year page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterCounts {
    pub name: String,
    pub collectives: Option<u64>,
    pub individuals: Option<u64>,
}

/// How many honours of one kind a unit received in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HonourCount {
    pub year: i32,
    /// Honour title, e.g. "Cờ thi đua của Bộ Công an".
    pub kind: String,
    pub count: u64,
}

#[cfg(test)]
mod tests {
    use super::test_util::{check_common, parse, vi_text};
    use super::*;

    /// Absurd input must give a chart (or `None`), never a panic; whatever
    /// SVG comes out must still be well-formed and labelled.
    #[test]
    fn absurd_input_does_not_panic() {
        let text = vi_text("Dữ liệu bất thường");
        let ya = |year, c, i| YearAwards {
            year,
            collectives: c,
            individuals: i,
        };
        let years = [
            ya(i32::MIN, Some(u64::MAX), Some(u64::MAX)),
            ya(i32::MAX, Some(0), None),
            ya(0, None, Some(1)),
        ];
        let mut charts = vec![
            cluster_awards("a", &text, &years, &[i32::MIN, i32::MAX]),
            conferences_per_year(
                "b",
                &text,
                &[
                    YearCount {
                        year: i32::MIN,
                        count: u64::MAX,
                    },
                    YearCount {
                        year: i32::MIN,
                        count: u64::MAX,
                    },
                    YearCount {
                        year: i32::MAX,
                        count: 0,
                    },
                ],
            ),
            awards_by_cluster(
                "c",
                &text,
                &(0..200)
                    .map(|k| ClusterAwards {
                        name: "x".repeat(k),
                        years: years.to_vec(),
                    })
                    .collect::<Vec<_>>(),
            ),
            year_clusters(
                "d",
                &text,
                &(0..2000)
                    .map(|k| ClusterCounts {
                        name: format!("{k}"),
                        collectives: Some(u64::MAX - k),
                        individuals: None,
                    })
                    .collect::<Vec<_>>(),
            ),
            unit_honours(
                "e",
                &text,
                &[
                    HonourCount {
                        year: i32::MIN,
                        kind: String::new(),
                        count: u64::MAX,
                    },
                    HonourCount {
                        year: i32::MIN,
                        kind: "\u{0}\t".to_string(),
                        count: u64::MAX,
                    },
                    HonourCount {
                        year: i32::MAX,
                        kind: "k".to_string(),
                        count: 1,
                    },
                ],
            ),
        ];
        charts.push(cluster_membership(
            "f",
            &text,
            &(0..3000)
                .map(|k| UnitMembership {
                    name: "Đơn vị ".repeat(k % 50),
                    years: vec![i32::MIN, k as i32, i32::MAX],
                })
                .collect::<Vec<_>>(),
            &[i32::MAX - 1, 7],
            &[i32::MIN, 5],
        ));
        charts.push(cluster_leaders(
            "g",
            &text,
            &[
                YearLeaders {
                    year: i32::MIN,
                    leader: Some("L".repeat(10_000)),
                    deputy: None,
                    leader_handover: true,
                    deputy_handover: false,
                },
                YearLeaders {
                    year: i32::MAX,
                    leader: None,
                    deputy: Some(" ".to_string()),
                    leader_handover: false,
                    deputy_handover: true,
                },
            ],
            &[0],
        ));
        assert_eq!(charts.len(), 7);
        for chart in charts {
            let Some(chart) = chart else {
                panic!("expected a chart for non-empty input");
            };
            parse(&chart.table_html);
            check_common(&chart, "Dữ liệu bất thường");
        }
    }

    #[test]
    fn figure_holds_svg_and_table() {
        let chart = Chart {
            id: "x".to_string(),
            svg: "<svg></svg>".to_string(),
            width: 300,
            note: String::new(),
            table_html: "<details></details>".to_string(),
        };
        assert_eq!(
            chart.to_html(),
            "<figure class=\"chart\">\n<div class=\"chart-scroll\"><svg></svg></div>\n\
             <details></details>\n</figure>"
        );
        let wide = Chart {
            width: 900,
            note: "Chung một thang đo.".to_string(),
            ..chart.clone()
        };
        assert_eq!(
            wide.to_html(),
            "<figure class=\"chart\">\n<p class=\"chart-note\">Chung một thang đo.</p>\n\
             <div class=\"chart-scroll\" tabindex=\"0\"><svg></svg></div>\n\
             <details></details>\n</figure>"
        );
        let empty = Chart {
            svg: String::new(),
            ..chart
        };
        assert_eq!(
            figure_or_note(Some(&empty), &vi_text("t")),
            "<figure class=\"chart\">\n<details></details>\n</figure>"
        );
    }
}
