//! One indicator across localities as dumbbells: for each locality, its 2020 base (hollow dot) and
//! its 2025 target (filled dot; a ring when printed as a bound such as ≥), joined by a line, sorted
//! by target, and both labelled with the text as printed.

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

#[derive(Debug, Clone, PartialEq)]
pub struct Dumbbell {
    pub label: String,
    pub color: RGBColor,
    /// (value, as printed) of the 2020 base, when the plan prints one as a level.
    pub base: Option<(f64, String)>,
    /// (value, as printed) of the 2025 target.
    pub target: (f64, String),
    /// The target is printed as a bound (≥, ≤, >, <), not a point.
    pub bound: bool,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Height in CSS pixels that fits `n` localities.
pub fn height_for(n: usize) -> f64 {
    80.0 + 30.0 * n.max(1) as f64
}

/// Highest target first; a locality without a base keeps its place by its target.
pub fn sorted(mut rows: Vec<Dumbbell>) -> Vec<Dumbbell> {
    crate::sort::sort_by(&mut rows, |a, b| b.target.0.total_cmp(&a.target.0));
    rows
}

pub fn draw(
    canvas: &HtmlCanvasElement,
    ratio: f64,
    title: &str,
    legend: (&str, &str),
    rows: &[Dumbbell],
) -> Result<(), String> {
    let (root, (text, grid, bg)) = super::canvas::area(canvas)?;
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |size: f64| super::palette::font(size * ratio, &text);
    let width = root.dim_in_pixel().0 as i32;
    let title = super::canvas::fit_text(&root, title, &font(15.0), width - px(16.0));
    root.draw_text(&title, &font(15.0), (px(8.0), px(6.0))).map_err(err)?;
    // Legend: hollow = base, filled = target.
    root.draw(&Circle::new((px(14.0), px(38.0)), px(5.0) as u32, text.stroke_width(px(1.5) as u32))).map_err(err)?;
    root.draw_text(legend.0, &font(12.0), (px(24.0), px(31.0))).map_err(err)?;
    let x2 = px(40.0 + 13.0 * legend.0.chars().count() as f64);
    root.draw(&Circle::new((x2, px(38.0)), px(5.0) as u32, text.filled())).map_err(err)?;
    root.draw_text(legend.1, &font(12.0), (x2 + px(10.0), px(31.0))).map_err(err)?;

    if rows.is_empty() {
        return root.present().map_err(err);
    }
    let (w, _) = root.dim_in_pixel();
    let label_w = px(96.0);
    let (left, right) = (label_w + px(56.0), w as i32 - px(64.0));
    let values: Vec<f64> = rows.iter().flat_map(|r| r.base.iter().map(|b| b.0).chain([r.target.0])).collect();
    // Dots need no zero baseline (bars would): the axis spans the data with a margin, so that
    // close levels (forest cover 48–62 %) stay apart.
    let (min, max) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let pad = if max > min { (max - min) * 0.08 } else { min.abs().max(1.0) * 0.1 };
    let (lo, hi) = (min - pad, max + pad);
    let scale = |v: f64| left + ((right - left) as f64 * (v - lo) / (hi - lo)) as i32;
    let bottom = px(66.0 + 30.0 * rows.len() as f64 - 12.0);
    root.draw(&PathElement::new(vec![(left, bottom), (right, bottom)], grid.stroke_width(1))).map_err(err)?;
    // Ticks at round steps (1, 2 or 5 × 10ⁿ), about four of them.
    let raw_step = (hi - lo) / 4.0;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = magnitude
        * match raw_step / magnitude {
            n if n < 1.5 => 1.0,
            n if n < 3.0 => 2.0,
            n if n < 7.0 => 5.0,
            _ => 10.0,
        };
    let mut v = (lo / step).ceil() * step;
    while v <= hi {
        let x = scale(v);
        root.draw(&PathElement::new(vec![(x, bottom), (x, bottom + px(4.0))], grid.stroke_width(1))).map_err(err)?;
        let label = super::growth::tick(v);
        let (tw, _) = root.estimate_text_size(&label, &font(11.0)).map_err(err)?;
        root.draw_text(&label, &font(11.0), (x - tw as i32 / 2, bottom + px(6.0))).map_err(err)?;
        v += step;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = px(66.0 + 30.0 * i as f64);
        let label = super::canvas::fit_text(&root, &r.label, &font(13.0), left - px(14.0));
        root.draw_text(&label, &font(13.0), (px(8.0), y - px(7.0))).map_err(err)?;
        root.draw(&PathElement::new(vec![(left, y), (right, y)], grid.mix(0.35).stroke_width(1))).map_err(err)?;
        let t = scale(r.target.0);
        if let Some((b, raw)) = &r.base {
            let bx = scale(*b);
            root.draw(&PathElement::new(vec![(bx, y), (t, y)], r.color.stroke_width(px(3.0) as u32))).map_err(err)?;
            root.draw(&Circle::new((bx, y), px(5.0) as u32, bg.filled())).map_err(err)?;
            root.draw(&Circle::new((bx, y), px(5.0) as u32, r.color.stroke_width(px(2.0) as u32))).map_err(err)?;
            // The base as printed, on the side away from the target.
            let (tw, _) = root.estimate_text_size(raw, &font(11.0)).map_err(err)?;
            let at = if bx <= t { (bx - px(8.0) - tw as i32).max(label_w) } else { bx + px(8.0) };
            root.draw_text(raw, &font(11.0), (at, y - px(15.0))).map_err(err)?;
        }
        if r.bound {
            root.draw(&Circle::new((t, y), px(6.0) as u32, bg.filled())).map_err(err)?;
            root.draw(&Circle::new((t, y), px(6.0) as u32, r.color.stroke_width(px(3.0) as u32))).map_err(err)?;
        } else {
            root.draw(&Circle::new((t, y), px(6.0) as u32, r.color.filled())).map_err(err)?;
        }
        root.draw_text(&r.target.1, &font(13.0), (right + px(8.0), y - px(7.0))).map_err(err)?;
    }
    root.present().map_err(err)
}
