//! Horizontal bars with an optional base marker: one bar per labelled value (a locality's 2025
//! target, a sector's project count). A value printed with a comparator gets an open end and its
//! printed text, so a bound never reads as a point.

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// A second value drawn as a tick on the bar (e.g. the 2020 base).
    pub base: Option<f64>,
    pub color: RGBColor,
    /// The value as printed.
    pub raw: String,
    pub bound: bool,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Height in CSS pixels that fits `n` bars.
pub fn height_for(n: usize) -> f64 {
    48.0 + 30.0 * n.max(1) as f64
}

pub fn draw(canvas: &HtmlCanvasElement, ratio: f64, title: &str, bars: &[Bar]) -> Result<(), String> {
    let (root, (text, grid, _)) = super::canvas::area(canvas)?;
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |size: f64| super::palette::font(size * ratio, &text);
    root.draw_text(title, &font(15.0), (px(8.0), px(6.0))).map_err(err)?;
    let (w, _) = root.dim_in_pixel();
    let label_w = px(110.0);
    let value_w = px(90.0);
    let left = label_w + px(8.0);
    let right = w as i32 - value_w;
    let max = bars.iter().flat_map(|b| [b.value, b.base.unwrap_or(0.0)]).fold(0.0f64, f64::max);
    let scale = |v: f64| if max > 0.0 { left + ((right - left) as f64 * (v.max(0.0) / max)) as i32 } else { left };
    for (i, b) in bars.iter().enumerate() {
        let top = px(34.0 + 30.0 * i as f64);
        let bottom = top + px(20.0);
        root.draw_text(&b.label, &font(13.0), (px(8.0), top + px(3.0))).map_err(err)?;
        root.draw(&Rectangle::new([(left, top), (right, bottom)], grid.mix(0.25).filled())).map_err(err)?;
        let end = scale(b.value);
        if b.bound {
            root.draw(&Rectangle::new([(left, top), (end, bottom)], b.color.mix(0.35).filled())).map_err(err)?;
            root.draw(&Rectangle::new([(left, top), (end, bottom)], b.color.stroke_width(px(2.0) as u32)))
                .map_err(err)?;
        } else {
            root.draw(&Rectangle::new([(left, top), (end, bottom)], b.color.filled())).map_err(err)?;
        }
        if let Some(base) = b.base {
            let x = scale(base);
            root.draw(&PathElement::new(
                vec![(x, top - px(3.0)), (x, bottom + px(3.0))],
                text.stroke_width(px(2.0) as u32),
            ))
            .map_err(err)?;
        }
        root.draw_text(&b.raw, &font(13.0), (right + px(6.0), top + px(3.0))).map_err(err)?;
    }
    root.present().map_err(err)
}
