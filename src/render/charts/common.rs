//! Pieces shared by the charts: colours and fonts, number and text
//! formatting. Scales and axes (`axes`), legends and marks (`legend`), the
//! canvas and the finished SVG (`svg`) and the data table (`table`) have
//! modules of their own; this one re-exports them, so a chart imports its
//! pieces from one place.

use std::collections::BTreeSet;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub(super) use super::axes::*;
pub(super) use super::legend::*;
pub(super) use super::svg::*;
pub(super) use super::table::*;
use super::ChartText;

pub(super) type Root<'b> = DrawingArea<SVGBackend<'b>, Shift>;
pub(super) type Fallible = Result<(), String>;

/// Turns any drawing error into a message; drawing errors end in a chart
/// without SVG (the table still has the data), never in a panic.
pub(super) fn de<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

// Each colour has one role, so the SVG can be post-processed (dash patterns)
// and checked by colour.
pub(super) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(super) const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub(super) const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
pub(super) const BAND: RGBColor = RGBColor(0xF2, 0xF2, 0xF2);
/// Collectives: dark blue, solid line, round markers, dark bars.
pub(super) const COLLECTIVES: RGBColor = RGBColor(0x1F, 0x4E, 0x79);
/// Individuals in line charts: dark orange, dashed line, triangle markers.
pub(super) const INDIVIDUALS_LINE: RGBColor = RGBColor(0xB3, 0x59, 0x00);
/// Individuals in bar charts: light orange with a dark outline.
pub(super) const INDIVIDUALS_FILL: RGBColor = RGBColor(0xF0, 0xB7, 0x7A);
pub(super) const OUTLINE: RGBColor = RGBColor(0x3A, 0x2A, 0x1A);
pub(super) const REORG: RGBColor = RGBColor(0x8E, 0x2C, 0x48);
pub(super) const MEMBER: RGBColor = RGBColor(0x2E, 0x6F, 0x5E);
pub(super) const LEADER_BG: RGBColor = RGBColor(0xD6, 0xE4, 0xF0);
pub(super) const DEPUTY_BG: RGBColor = RGBColor(0xF7, 0xE1, 0xC8);
pub(super) const CONFERENCES: RGBColor = RGBColor(0x4B, 0x4E, 0x8C);
/// Fill of a box whose value is unknown (not reported, no write-up). Plotters
/// has no patterns, so `post_process` swaps this colour for a light grey
/// pattern of diagonal stripes; it is never used for anything else.
pub(super) const HATCH: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
/// Outline of a hatched box.
pub(super) const GAP_LINE: RGBColor = RGBColor(0x9A, 0x9A, 0x9A);
/// A stated zero: a short thick line on the baseline where the bar would be.
pub(super) const ZERO_TICK: RGBColor = RGBColor(0x11, 0x11, 0x11);
/// Dashed outline of a role known only from the previous year's handover.
pub(super) const HANDOVER_LINE: RGBColor = RGBColor(0x5B, 0x6B, 0x7B);
pub(super) const LEADER_HANDOVER_BG: RGBColor = RGBColor(0xF0, 0xF5, 0xFA);
pub(super) const DEPUTY_HANDOVER_BG: RGBColor = RGBColor(0xFD, 0xF4, 0xEA);

/// Outer padding of every canvas, in SVG units.
pub(super) const PAD: i32 = 8;
/// Font size of tick labels, legends and cell text, in SVG units.
pub(super) const FONT: f64 = 13.0;
/// Height of the strip above a plot that holds reorganization labels.
pub(super) const REORG_STRIP: i32 = 36;

/// Formats a count with a thousands separator: 2847 → "2.847" with '.'.
/// A control character as separator means "no separator".
pub fn format_count(n: u64, sep: char) -> String {
    if sep.is_control() {
        n.to_string()
    } else {
        crate::text::group_thousands(n, sep)
    }
}

/// Years as "2017, 2024", for the descriptions' `{reorganized_years}`.
pub(super) fn join_years<'a>(years: impl IntoIterator<Item = &'a i32>) -> String {
    years
        .into_iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Removes control characters (invalid in XML) and collapses whitespace.
pub(super) fn clean(s: &str) -> String {
    let replaced: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortens to at most `max` characters, ending with "…" when cut.
pub(super) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let keep = max.saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Escapes text for HTML and XML content and attribute values; characters
/// XML 1.0 forbids become spaces.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if crate::validate::guard::is_forbidden(c) => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Rough width of a text in SVG units (no font metrics are available).
pub(super) fn text_w(s: &str, px: f64) -> f64 {
    s.chars().count() as f64 * px * 0.6
}

/// How many characters fit in `width` at font size `px`.
pub(super) fn chars_fitting(width: f64, px: f64) -> usize {
    let n = (width / (px * 0.6)).floor();
    if n.is_finite() && n > 1.0 {
        n as usize
    } else {
        1
    }
}

/// A text style in SVG units (plotters writes `size / 1.24` as font-size).
pub(super) fn font(px: f64, color: RGBColor) -> TextStyle<'static> {
    ("sans-serif", px * 1.24).into_font().color(&color)
}

pub(super) fn anchored(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    font(px, color).pos(Pos::new(h, v))
}

/// Replaces `{name}` placeholders in one pass (values are never re-scanned).
pub(super) fn fill_template(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match vars.iter().find(|(k, _)| *k == key) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first year with the largest value (ties go to the earliest).
pub(super) fn max_by_year<I: IntoIterator<Item = (i32, u64)>>(values: I) -> Option<(i32, u64)> {
    let mut best: Option<(i32, u64)> = None;
    for (year, value) in values {
        match best {
            Some((_, b)) if value <= b => {}
            _ => best = Some((year, value)),
        }
    }
    best
}

/// Years as compact ranges: "2015–2019, 2022".
pub(super) fn year_ranges(years: &BTreeSet<i32>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run: Option<(i32, i32)> = None;
    for &year in years {
        run = match run {
            Some((start, end)) if i64::from(year) == i64::from(end) + 1 => Some((start, year)),
            Some(done) => {
                parts.push(range_text(done));
                Some((year, year))
            }
            None => Some((year, year)),
        };
    }
    if let Some(done) = run {
        parts.push(range_text(done));
    }
    parts.join(", ")
}

fn range_text((start, end): (i32, i32)) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start}–{end}")
    }
}

/// `text` with `desc_gaps` as its description when `gaps` and one is given:
/// a chart with unknown values says so instead of reading as complete.
pub(super) fn with_gaps(text: &ChartText, gaps: bool) -> std::borrow::Cow<'_, ChartText> {
    if gaps && !clean(&text.desc_gaps).is_empty() {
        std::borrow::Cow::Owned(ChartText {
            desc: text.desc_gaps.clone(),
            ..text.clone()
        })
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(format_count(0, '.'), "0");
        assert_eq!(format_count(999, '.'), "999");
        assert_eq!(format_count(2847, '.'), "2.847");
        assert_eq!(format_count(2847, ','), "2,847");
        assert_eq!(format_count(250_000, '.'), "250.000");
        assert_eq!(format_count(1_234_567, ' '), "1 234 567");
        assert_eq!(format_count(1234, '\0'), "1234");
        assert_eq!(format_count(u64::MAX, '.'), "18.446.744.073.709.551.615");
    }

    #[test]
    fn scales_start_at_zero_and_cover_the_maximum() {
        let zero = count_scale(0, 5, '.');
        assert_eq!(zero.top, 1.0);
        assert_eq!(zero.ticks, vec![0.0, 1.0]);
        let big = count_scale(250_000, 5, '.');
        assert_eq!(big.top, 250_000.0);
        assert_eq!(big.ticks.first(), Some(&0.0));
        assert_eq!(big.ticks.len(), 6);
        let odd = count_scale(7, 5, '.');
        assert!(odd.top >= 7.0 && odd.ticks.len() <= 6);
        assert!(odd.ticks.iter().all(|t| t.fract() == 0.0));
        let huge = count_scale(u64::MAX, 5, '.');
        assert!(huge.top >= 1.0e19 && !huge.ticks.is_empty());
    }

    #[test]
    fn every_year_has_a_tick_and_labels_turn_before_thinning() {
        assert_eq!(year_ticks(2021, 2019), vec![2019.0, 2020.0, 2021.0]);
        assert!(year_ticks(i32::MIN, i32::MAX).len() <= 1000);
        let roomy = YearLabels::fit(40.0);
        assert_eq!((roomy.step, roomy.rotate), (1, false));
        let tight = YearLabels::fit(20.0);
        assert_eq!((tight.step, tight.rotate), (1, true));
        // Vertical labels are drawn apart from the axis' own.
        assert_eq!(tight.label(2019.0), "");
        let crowded = YearLabels::fit(10.0);
        assert_eq!((crowded.step, crowded.rotate), (5, false));
        assert_eq!(crowded.label(2020.0), "2020");
        assert_eq!(crowded.label(2021.0), "");
    }

    #[test]
    fn templates_fill_known_placeholders_once() {
        let vars = [("a", "{b}".to_string()), ("b", "x".to_string())];
        assert_eq!(fill_template("{a}-{b}-{c}-{", &vars), "{b}-x-{c}-{");
    }

    #[test]
    fn ranges_are_compact() {
        let years: BTreeSet<i32> = [2015, 2016, 2017, 2019, 2021, 2022].into_iter().collect();
        assert_eq!(year_ranges(&years), "2015–2017, 2019, 2021–2022");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("Công an tỉnh", 20), "Công an tỉnh");
        assert_eq!(truncate("Công an tỉnh Quảng Ninh", 10), "Công an t…");
    }
}
