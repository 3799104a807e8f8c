//! The drawing canvas and the finished chart: plotters' SVG made inline,
//! accessible and drawn at its size (one SVG unit is one CSS pixel).

use std::panic::{catch_unwind, AssertUnwindSafe};

use plotters::prelude::*;

use super::common::*;
use super::{Chart, ChartText};

/// Polylines drawn in these colours get a dash pattern (SVG `stroke-dasharray`).
const DASHED: [(RGBColor, &str); 3] = [
    (INDIVIDUALS_LINE, "7 4"),
    (REORG, "4 3"),
    (HANDOVER_LINE, "4 2"),
];

/// Stripes of the hatch pattern, and its background.
const HATCH_STRIPE: RGBColor = RGBColor(0xB4, 0xB4, 0xB4);
const HATCH_BG: RGBColor = RGBColor(0xF4, 0xF4, 0xF4);

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
