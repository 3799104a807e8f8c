//! Pieces shared by the charts: number formatting, scales, legend and marker
//! drawing, SVG post-processing and the data table.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontTransform;

use super::{Chart, ChartText};

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

/// Polylines drawn in these colours get a dash pattern (SVG `stroke-dasharray`).
const DASHED: [(RGBColor, &str); 3] = [
    (INDIVIDUALS_LINE, "7 4"),
    (REORG, "4 3"),
    (HANDOVER_LINE, "4 2"),
];

/// Stripes of the hatch pattern, and its background.
const HATCH_STRIPE: RGBColor = RGBColor(0xB4, 0xB4, 0xB4);
const HATCH_BG: RGBColor = RGBColor(0xF4, 0xF4, 0xF4);

/// Outer padding of every canvas, in SVG units.
pub(super) const PAD: i32 = 8;
/// Font size of tick labels, legends and cell text, in SVG units.
pub(super) const FONT: f64 = 13.0;
/// Height of one legend row.
const LEGEND_ROW: i32 = 20;
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

/// The house look of a chart's axes, labels and axis titles; `x_desc` is the
/// x axis title (none when empty).
pub(super) fn house_axes<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>,
    x_desc: &str,
) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB> {
    mesh.axis_style(INK.stroke_width(1))
        .label_style(font(FONT, INK))
        .axis_desc_style(font(FONT, MUTED));
    if !x_desc.is_empty() {
        mesh.x_desc(x_desc);
    }
    mesh
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

/// A count axis from zero: its top, its tick values and the widest tick label.
pub(super) struct Scale {
    pub top: f64,
    pub ticks: Vec<f64>,
    pub widest_label: f64,
}

/// A zero-based scale with "nice" steps (1, 2, 5 × 10ⁿ) and at most
/// `max_steps` steps; a maximum of zero gives the axis 0..1.
pub(super) fn count_scale(max: u64, max_steps: u64, sep: char) -> Scale {
    let max = max.max(1);
    let max_steps = max_steps.max(1);
    let mut step = None;
    let mut power: u64 = 1;
    'search: for _ in 0..20 {
        for factor in [1u64, 2, 5] {
            if let Some(candidate) = power.checked_mul(factor) {
                if max.div_ceil(candidate) <= max_steps {
                    step = Some(candidate);
                    break 'search;
                }
            }
        }
        match power.checked_mul(10) {
            Some(p) => power = p,
            None => break,
        }
    }
    let step = step.unwrap_or(max);
    let steps = max.div_ceil(step);
    let top = steps.checked_mul(step).unwrap_or(max);
    let mut ticks = Vec::new();
    let mut widest_label: f64 = 0.0;
    for i in 0..=steps {
        let Some(value) = i.checked_mul(step) else {
            break;
        };
        if value > top {
            break;
        }
        widest_label = widest_label.max(text_w(&format_count(value, sep), FONT));
        ticks.push(value as f64);
    }
    Scale {
        top: top as f64,
        ticks,
        widest_label,
    }
}

/// Label for a tick value of a count axis.
pub(super) fn count_label(value: f64, sep: char) -> String {
    // `as` saturates: negative values give 0, huge ones u64::MAX.
    format_count(value.round() as u64, sep)
}

/// A tick on every year from `first` to `last` (at most 1000 ticks): every
/// bar of a time axis has its tick, whatever the labels do.
pub(super) fn year_ticks(first: i32, last: i32) -> Vec<f64> {
    let (first, last) = (i64::from(first.min(last)), i64::from(first.max(last)));
    (first..=last).take(1000).map(|y| y as f64).collect()
}

/// Room one horizontal year label needs, in SVG units.
pub(super) const YEAR_W: f64 = 36.0;
/// Room one vertical year label needs, in SVG units.
pub(super) const YEAR_W_ROTATED: f64 = 16.0;

/// How the years of a time axis are labelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct YearLabels {
    /// Every `step`-th year (counted from year 0) has a label; 1: all of them.
    pub step: i64,
    /// Labels written vertically, so every year fits.
    pub rotate: bool,
}

impl YearLabels {
    /// Every year labelled, horizontally if there is room, else vertically;
    /// on an axis too crowded even for that, every 2, 5, 10, … years (the
    /// others keep their tick).
    pub(super) fn fit(px_per_year: f64) -> YearLabels {
        if px_per_year >= YEAR_W {
            return YearLabels {
                step: 1,
                rotate: false,
            };
        }
        if px_per_year >= YEAR_W_ROTATED {
            return YearLabels {
                step: 1,
                rotate: true,
            };
        }
        let mut step = 1;
        'search: for power in [1i64, 10, 100, 1000, 10_000] {
            for factor in [1i64, 2, 5] {
                step = power * factor;
                if step as f64 * px_per_year >= YEAR_W {
                    break 'search;
                }
            }
        }
        YearLabels {
            step,
            rotate: false,
        }
    }

    /// The label the axis writes under a tick: "" for a year left
    /// unlabelled, and for every year when the labels are vertical (those
    /// are drawn by [`YearLabels::draw_rotated`], which places them well).
    pub(super) fn label(&self, value: f64) -> String {
        let year = value.round() as i64;
        if !self.rotate && year.rem_euclid(self.step.max(1)) == 0 {
            year.to_string()
        } else {
            String::new()
        }
    }

    /// Height of the label area under the axis (axis caption included).
    pub(super) fn area(&self, caption: bool) -> i32 {
        let labels = if self.rotate { 44 } else { 24 };
        labels + if caption { 18 } else { 0 }
    }

    /// Draws the vertical labels, if any, on `area`: each year read upwards,
    /// ending just under the axis at `axis_y`; `x_px` gives a year's x in
    /// `area`'s pixels.
    pub(super) fn draw_rotated<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (first, last): (i32, i32),
        x_px: &dyn Fn(f64) -> i32,
        axis_y: i32,
    ) -> Fallible {
        if !self.rotate {
            return Ok(());
        }
        let style =
            anchored(FONT, INK, HPos::Right, VPos::Center).transform(FontTransform::Rotate270);
        for year in (first.min(last)..=first.max(last)).take(1000) {
            let at = (x_px(f64::from(year)), axis_y + 8);
            area.draw(&Text::new(year.to_string(), at, style.clone()))
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

/// Year cell of a table, noting a reorganization in that year.
pub(super) fn year_cell(year: i32, reorgs: &BTreeSet<i32>, text: &ChartText) -> String {
    let label = clean(&text.reorganized);
    if reorgs.contains(&year) && !label.is_empty() {
        format!("{year} ({label})")
    } else {
        year.to_string()
    }
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

/// Draws on an SVG canvas of `w × h` and returns plotters' raw output, or
/// `None` if drawing failed in any way (errors and panics alike) or
/// `wanted` is false (the data say too little for a chart).
pub(super) fn render<F>(w: u32, h: u32, wanted: bool, draw: F) -> Option<String>
where
    F: FnOnce(&Root<'_>) -> Fallible,
{
    if !wanted {
        return None;
    }
    let mut buf = String::new();
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Fallible {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(de)?;
        draw(&root)?;
        root.present().map_err(de)
    }));
    match outcome {
        Ok(Ok(())) => Some(buf),
        _ => None,
    }
}

/// A canvas size that cannot make plotters misbehave.
pub(super) fn canvas(w: f64, h: f64) -> (u32, u32) {
    let fit = |v: f64| -> u32 {
        if v.is_finite() {
            v.clamp(120.0, 20_000.0).round() as u32
        } else {
            120
        }
    };
    (fit(w), fit(h))
}

/// The id as it may appear in an attribute: no whitespace, never empty.
fn sanitize_id(prefix: &str) -> String {
    let id: String = prefix
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    if id.is_empty() {
        "chart".to_string()
    } else {
        id
    }
}

/// Builds the [`Chart`]: makes plotters' SVG accessible and pairs it with
/// the table. `vars` fill the placeholders of `text.desc` and `text.note`.
pub(super) fn finish(
    id_prefix: &str,
    text: &ChartText,
    vars: &[(&str, String)],
    size: (u32, u32),
    raw_svg: Option<String>,
    table: String,
) -> Chart {
    let id = sanitize_id(id_prefix);
    let title = clean(&text.title);
    let desc = clean(&fill_template(&text.desc, vars));
    let desc = if desc.is_empty() { title.clone() } else { desc };
    let svg = raw_svg
        .map(|raw| post_process(&raw, &id, size, &title, &desc))
        .unwrap_or_default();
    Chart {
        id,
        width: if svg.is_empty() { 0 } else { size.0 },
        svg,
        note: clean(&fill_template(&text.note, vars)),
        table_html: table,
    }
}

/// A [`Chart`] without a drawing, for data that say too little for one: the
/// sentence `text.small` (else `text.desc`) and the table, open.
pub(super) fn finish_small(
    id_prefix: &str,
    text: &ChartText,
    vars: &[(&str, String)],
    table: String,
) -> Chart {
    let template = if clean(&text.small).is_empty() {
        &text.desc
    } else {
        &text.small
    };
    let sentence = clean(&fill_template(template, vars));
    let note = if sentence.is_empty() {
        clean(&text.title)
    } else {
        sentence
    };
    Chart {
        id: sanitize_id(id_prefix),
        svg: String::new(),
        width: 0,
        note,
        table_html: table.replacen(
            "<details class=\"chart-data\">",
            "<details class=\"chart-data\" open=\"\">",
            1,
        ),
    }
}

/// Rewrites plotters' output for inlining in HTML: no prolog, a root element
/// with a viewBox and a `width` and `height` equal to it (one SVG unit is one
/// CSS pixel, so the text reads at the size it was drawn at on any screen), role and aria-labelledby, `<title>` and
/// `<desc>` first; text content without stray newlines; dash patterns.
fn post_process(raw: &str, id: &str, (w, h): (u32, u32), title: &str, desc: &str) -> String {
    let Some(start) = raw.find("<svg") else {
        return String::new();
    };
    let from_svg = &raw[start..];
    let Some(end_of_tag) = from_svg.find('>') else {
        return String::new();
    };
    // Labels reach plotters' output as written: no character XML forbids may.
    let body = crate::validate::guard::replace_forbidden(&from_svg[end_of_tag + 1..]);
    let id = escape(id);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         class=\"chart-svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc)
    );
    let hatch_fill = format!("fill=\"{}\"", hex(HATCH));
    let hatch_url = format!("fill=\"url(#{id}-hatch)\"");
    if body.contains(&hatch_fill) {
        out.push_str(&format!(
            "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" \
             patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
             <rect width=\"6\" height=\"6\" fill=\"{}\"/>\
             <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{}\" stroke-width=\"2\"/>\
             </pattern></defs>\n",
            hex(HATCH_BG),
            hex(HATCH_STRIPE)
        ));
    }
    let dashed: Vec<(String, &str)> = DASHED
        .iter()
        .map(|(color, dash)| (format!("stroke=\"{}\"", hex(*color)), *dash))
        .collect();
    let mut lines = body.lines();
    while let Some(line) = lines.next() {
        let line = line.trim_start();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("<text") && line.ends_with('>') && !line.ends_with("/>") {
            // plotters writes "<text …>\ncontent\n</text>": keep it on one line
            // so no whitespace surrounds the label.
            out.push_str(line);
            for inner in lines.by_ref() {
                if inner == "</text>" {
                    break;
                }
                out.push_str(inner);
            }
            out.push_str("</text>\n");
            continue;
        }
        if line.starts_with("<rect") && line.contains(&hatch_fill) {
            out.push_str(&line.replace(&hatch_fill, &hatch_url));
            out.push('\n');
            continue;
        }
        if line.starts_with("<polyline") {
            if let Some((_, dash)) = dashed.iter().find(|(attr, _)| line.contains(attr.as_str())) {
                if let Some(stripped) = line.strip_suffix("/>") {
                    out.push_str(stripped);
                    out.push_str(&format!(" stroke-dasharray=\"{dash}\"/>\n"));
                    continue;
                }
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// The colour as plotters writes it: `#1F4E79`.
pub(super) fn hex(color: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

/// A cell of the data table.
pub(super) enum Cell {
    /// Row header (`<th scope="row">`).
    Head(String),
    /// A number, formatted with the thousands separator.
    Num(u64),
    /// Plain text.
    Text(String),
    /// An absent value, shown as `text.missing`.
    Missing,
}

/// `<details><summary>…</summary><table>…</table></details>`.
pub(super) fn table_html(text: &ChartText, headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let title = clean(&text.title);
    let summary = clean(&text.table_summary);
    let summary = if summary.is_empty() {
        title.clone()
    } else {
        summary
    };
    let mut out = String::from("<details class=\"chart-data\">");
    out.push_str(&format!(
        "<summary>{}</summary>\n<table>\n",
        escape(&summary)
    ));
    if !title.is_empty() {
        out.push_str(&format!("<caption>{}</caption>\n", escape(&title)));
    }
    out.push_str("<thead><tr>");
    for header in headers {
        out.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            escape(&clean(header))
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let missing = escape(&clean(&text.missing));
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            match cell {
                Cell::Head(s) => out.push_str(&format!("<th scope=\"row\">{}</th>", escape(s))),
                Cell::Num(n) => out.push_str(&format!(
                    "<td class=\"num\">{}</td>",
                    escape(&format_count(*n, text.thousands_sep))
                )),
                Cell::Text(s) => out.push_str(&format!("<td>{}</td>", escape(s))),
                Cell::Missing => out.push_str(&format!("<td class=\"missing\">{missing}</td>")),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</details>");
    out
}

/// A cell for an optional count.
pub(super) fn opt_cell(value: Option<u64>) -> Cell {
    value.map_or(Cell::Missing, Cell::Num)
}

/// Text for an optional count in a description.
pub(super) fn opt_text(value: Option<u64>, text: &ChartText) -> String {
    value.map_or_else(
        || clean(&text.missing),
        |v| format_count(v, text.thousands_sep),
    )
}

/// The sample drawn in front of a legend label.
#[derive(Clone, Copy)]
pub(super) enum Swatch {
    /// A line with a marker (dashing comes from the colour, see `DASHED`).
    Line(RGBColor, Marker),
    /// A filled box, with an outline when `true`.
    Box(RGBColor, bool),
    /// A hatched box: a value not known.
    Hatch,
    /// A filled box with a dashed outline: a role known from a handover.
    Dashed(RGBColor),
}

#[derive(Clone, Copy)]
pub(super) enum Marker {
    Circle,
    Triangle,
}

pub(super) struct LegendItem {
    pub swatch: Swatch,
    pub label: String,
}

const SWATCH_W: i32 = 24;

/// Positions of legend items (x offset, row), wrapping at `width`.
fn legend_layout(items: &[LegendItem], width: i32) -> Vec<(i32, i32)> {
    let mut positions = Vec::with_capacity(items.len());
    let (mut x, mut row) = (0, 0);
    for item in items {
        let w = SWATCH_W + 6 + text_w(&item.label, FONT).ceil() as i32 + 18;
        if x > 0 && x + w > width {
            x = 0;
            row += 1;
        }
        positions.push((x, row));
        x += w;
    }
    positions
}

/// Height taken by the legend, 0 without items.
pub(super) fn legend_height(items: &[LegendItem], width: i32) -> i32 {
    match legend_layout(items, width).last() {
        Some((_, rows)) => (rows + 1) * LEGEND_ROW + 4,
        None => 0,
    }
}

/// Draws the legend with its top-left corner at (x0, y0).
pub(super) fn draw_legend(
    root: &Root<'_>,
    items: &[LegendItem],
    (x0, y0): (i32, i32),
    width: i32,
) -> Fallible {
    for (item, (dx, row)) in items.iter().zip(legend_layout(items, width)) {
        let x = x0 + dx;
        let y = y0 + row * LEGEND_ROW + LEGEND_ROW / 2;
        match item.swatch {
            Swatch::Line(color, marker) => {
                let line = PathElement::new(vec![(x, y), (x + SWATCH_W, y)], color.stroke_width(2));
                root.draw(&line).map_err(de)?;
                draw_marker(root, (x + SWATCH_W / 2, y), color, marker)?;
            }
            Swatch::Box(color, outline) => {
                let corners = [(x + 4, y - 6), (x + SWATCH_W - 4, y + 6)];
                root.draw(&Rectangle::new(corners, color.filled()))
                    .map_err(de)?;
                if outline {
                    root.draw(&Rectangle::new(corners, OUTLINE.stroke_width(1)))
                        .map_err(de)?;
                }
            }
            Swatch::Hatch => draw_hatch(root, [(x + 4, y - 6), (x + SWATCH_W - 4, y + 6)])?,
            Swatch::Dashed(color) => {
                draw_dashed_box(root, [(x + 4, y - 6), (x + SWATCH_W - 4, y + 6)], color)?
            }
        }
        if !item.label.is_empty() {
            let style = anchored(FONT, INK, HPos::Left, VPos::Center);
            root.draw(&Text::new(item.label.clone(), (x + SWATCH_W + 6, y), style))
                .map_err(de)?;
        }
    }
    Ok(())
}

/// A hatched box (value unknown) between two corners in canvas pixels.
pub(super) fn draw_hatch(root: &Root<'_>, corners: [(i32, i32); 2]) -> Fallible {
    root.draw(&Rectangle::new(corners, HATCH.filled()))
        .map_err(de)?;
    root.draw(&Rectangle::new(corners, GAP_LINE.stroke_width(1)))
        .map_err(de)
}

/// A box filled with `fill` and outlined with a dashed line (canvas pixels).
pub(super) fn draw_dashed_box(
    root: &Root<'_>,
    [(x0, y0), (x1, y1)]: [(i32, i32); 2],
    fill: RGBColor,
) -> Fallible {
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], fill.filled()))
        .map_err(de)?;
    let outline = PathElement::new(
        vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)],
        HANDOVER_LINE.stroke_width(1),
    );
    root.draw(&outline).map_err(de)
}

/// A stated zero on a bar chart: a short thick line along the baseline from
/// `a` to `b` (canvas pixels), so a zero is seen and never read as a gap.
pub(super) fn draw_zero_tick(root: &Root<'_>, a: (i32, i32), b: (i32, i32)) -> Fallible {
    root.draw(&PathElement::new(vec![a, b], ZERO_TICK.stroke_width(3)))
        .map_err(de)
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

/// A legend item with the hatch swatch, or none when `label` is blank.
pub(super) fn hatch_legend(label: &str) -> Option<LegendItem> {
    let label = clean(label);
    (!label.is_empty()).then_some(LegendItem {
        swatch: Swatch::Hatch,
        label,
    })
}

/// A point marker in pixel coordinates.
pub(super) fn draw_marker(
    root: &Root<'_>,
    at: (i32, i32),
    color: RGBColor,
    marker: Marker,
) -> Fallible {
    match marker {
        Marker::Circle => root.draw(&Circle::new(at, 4, color.filled())).map_err(de),
        Marker::Triangle => root
            .draw(&TriangleMarker::new(at, 6, color.filled()))
            .map_err(de),
    }
}

/// Bottom edge of a chart's plotting area, in canvas pixels.
pub(super) fn plot_bottom(ranges: (std::ops::Range<i32>, std::ops::Range<i32>)) -> i32 {
    ranges.1.end
}

/// A linear axis whose tick positions this module chooses (plotters' own
/// choice may put ticks between years or at fractional counts).
#[derive(Clone, Debug)]
pub(super) struct Ticked {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Ticked {
    pub(super) fn new(range: std::ops::Range<f64>, ticks: Vec<f64>) -> Ticked {
        let ticks = ticks
            .into_iter()
            .filter(|t| *t >= range.start.min(range.end) && *t <= range.start.max(range.end))
            .collect();
        Ticked {
            lo: range.start,
            hi: range.end,
            ticks,
        }
    }
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.hi - self.lo;
        let t = (value - self.lo) / span;
        let px = f64::from(limit.0) + (f64::from(limit.1) - f64::from(limit.0)) * t;
        if span != 0.0 && px.is_finite() {
            // `as` saturates, so no overflow for far-off values.
            px.round() as i32
        } else {
            limit.0 + (limit.1 - limit.0) / 2
        }
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

/// Coordinates of a chart with years along x and counts (from zero) along y.
pub(super) type YearCountCoord = Cartesian2d<Ticked, Ticked>;

/// How to set up a years × counts chart.
pub(super) struct YearAxes<'t> {
    pub first: i32,
    pub last: i32,
    pub scale: &'t Scale,
    pub x_desc: &'t str,
    pub y_desc: &'t str,
    pub sep: char,
    pub margin_top: i32,
    pub margin_right: i32,
}

/// Width of the count labels left of a years × counts plot (caption included).
pub(super) fn y_label_area(scale: &Scale, y_desc: &str) -> i32 {
    scale.widest_label.ceil() as i32 + 14 + if y_desc.is_empty() { 0 } else { 20 }
}

/// Width of a years × counts chart whose every year is labelled: `base`,
/// or wider when `span` years need more room (the chart then scrolls on a
/// phone instead of shrinking its text).
pub(super) fn width_for_years(base: i32, fixed: i32, span: i64) -> i32 {
    let need = f64::from(fixed) + span.clamp(1, 1000) as f64 * YEAR_W_ROTATED;
    base.max(need.ceil() as i32)
}

/// Builds a years × counts chart on `area` and draws its axes: year ticks
/// thinned to fit, count ticks with thousands separators, light horizontal
/// grid lines, optional axis captions.
pub(super) fn year_count_chart<'a, 'b>(
    area: &'a Root<'b>,
    axes: &YearAxes<'_>,
) -> Result<ChartContext<'a, SVGBackend<'b>, YearCountCoord>, String> {
    let x_desc = clean(axes.x_desc);
    let y_desc = clean(axes.y_desc);
    let y_area = y_label_area(axes.scale, &y_desc);
    let (first, last) = (axes.first.min(axes.last), axes.first.max(axes.last));
    let span = (i64::from(last) - i64::from(first) + 1) as f64;
    let plot_w = f64::from(area.dim_in_pixel().0 as i32 - y_area - axes.margin_right).max(1.0);
    let labels = YearLabels::fit(plot_w / span);
    let x_area = labels.area(!x_desc.is_empty());
    let x_range = Ticked::new(
        f64::from(first) - 0.5..f64::from(last) + 0.5,
        year_ticks(first, last),
    );
    let y_range = Ticked::new(0.0..axes.scale.top, axes.scale.ticks.clone());
    let mut chart = ChartBuilder::on(area)
        .margin_top(axes.margin_top)
        .margin_right(axes.margin_right)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_range, y_range)
        .map_err(de)?;
    let sep = axes.sep;
    let x_fmt = |v: &f64| labels.label(*v);
    let y_fmt = move |v: &f64| count_label(*v, sep);
    let mut mesh = chart.configure_mesh();
    house_axes(&mut mesh, &x_desc)
        .disable_x_mesh()
        .bold_line_style(GRID.stroke_width(1))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt);
    if !y_desc.is_empty() {
        mesh.y_desc(y_desc);
    }
    mesh.draw().map_err(de)?;
    let (bx, by) = area.get_base_pixel();
    let bottom = chart.plotting_area().get_pixel_range().1.end - by;
    let x_px = |x: f64| chart.backend_coord(&(x, 0.0)).0 - bx;
    labels.draw_rotated(area, (first, last), &x_px, bottom)?;
    Ok(chart)
}

/// Marks each reorganization: a dashed vertical line on the boundary before
/// that year, from the label strip above the plot down to the plot's bottom,
/// and the label "{reorganized} {year}" in the strip (alternating two rows so
/// close years stay legible).
pub(super) fn draw_reorgs(
    root: &Root<'_>,
    years: &BTreeSet<i32>,
    x_px: &dyn Fn(f64) -> i32,
    plot_bottom: i32,
    strip_top: i32,
    text: &ChartText,
) -> Fallible {
    let label = clean(&text.reorganized);
    let canvas_w = root.dim_in_pixel().0 as i32;
    for (i, &year) in years.iter().enumerate() {
        let x = x_px(f64::from(year) - 0.5);
        let row = (i % 2) as i32;
        let label_y = strip_top + 9 + row * 16;
        let line = PathElement::new(
            vec![(x, label_y + 6), (x, plot_bottom)],
            REORG.stroke_width(2),
        );
        root.draw(&line).map_err(de)?;
        let caption = if label.is_empty() {
            year.to_string()
        } else {
            format!("{label} {year}")
        };
        let fits_right = f64::from(x + 4) + text_w(&caption, FONT - 1.0) <= f64::from(canvas_w - 2);
        let (anchor_x, h) = if fits_right {
            (x + 4, HPos::Left)
        } else {
            (x - 4, HPos::Right)
        };
        let style = anchored(FONT - 1.0, REORG, h, VPos::Center);
        root.draw(&Text::new(caption, (anchor_x, label_y), style))
            .map_err(de)?;
    }
    Ok(())
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
