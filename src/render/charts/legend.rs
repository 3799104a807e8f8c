//! Legends, and the marks they show: swatches, hatched unknowns, dashed
//! handover boxes, zero ticks, point markers.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::common::*;

/// Height of one legend row.
const LEGEND_ROW: i32 = 20;

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
