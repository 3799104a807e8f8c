//! Scales and axes: count scales from zero, years with a tick each and
//! labels that fit, the years × counts chart, reorganization markers.

use std::collections::BTreeSet;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::FontTransform;

use super::common::*;
use super::ChartText;

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
