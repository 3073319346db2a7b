//! Targets at a glance: one row per indicator, one dot per locality at the planned change from
//! the 2020 base to the 2025 target (in %), so that ambitions compare across indicators.

use super::palette;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    /// (series index for the colour, planned change in %).
    pub dots: Vec<(usize, f64)>,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

pub fn height_for(n: usize) -> f64 {
    70.0 + 24.0 * n.max(1) as f64
}

pub fn draw(
    canvas: &HtmlCanvasElement,
    ratio: f64,
    title: &str,
    legend: &[(usize, String)],
    rows: &[Row],
) -> Result<(), String> {
    let (root, (text, grid, _)) = super::canvas::area(canvas)?;
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |size: f64| ("sans-serif", size * ratio).into_font().color(&text);
    root.draw_text(title, &font(15.0), (px(8.0), px(6.0))).map_err(err)?;
    let mut x = px(8.0);
    for (i, name) in legend {
        root.draw(&Circle::new((x + px(5.0), px(36.0)), px(5.0) as u32, palette::series(*i).filled())).map_err(err)?;
        root.draw_text(name, &font(12.0), (x + px(14.0), px(29.0))).map_err(err)?;
        x += px(24.0 + 13.0 * name.chars().count() as f64);
    }
    let (w, _) = root.dim_in_pixel();
    let (left, right) = (px(190.0), w as i32 - px(24.0));
    let values: Vec<f64> = rows.iter().flat_map(|r| r.dots.iter().map(|d| d.1)).collect();
    let lo = values.iter().copied().fold(0.0f64, f64::min);
    let hi = values.iter().copied().fold(0.0f64, f64::max).max(lo + 1.0);
    let scale = |v: f64| left + ((right - left) as f64 * (v - lo) / (hi - lo)) as i32;
    let top = px(56.0);
    let zero = scale(0.0);
    let bottom = top + px(24.0) * rows.len() as i32;
    root.draw(&PathElement::new(vec![(zero, top - px(6.0)), (zero, bottom)], text.stroke_width(1))).map_err(err)?;
    root.draw_text("0%", &font(11.0), (zero + px(3.0), bottom)).map_err(err)?;
    root.draw_text(&format!("{hi:.0}%"), &font(11.0), (right - px(30.0), bottom)).map_err(err)?;
    for (k, r) in rows.iter().enumerate() {
        let y = top + px(24.0) * k as i32 + px(10.0);
        root.draw(&PathElement::new(vec![(left, y), (right, y)], grid.stroke_width(1))).map_err(err)?;
        root.draw_text(&r.label, &font(12.0), (px(8.0), y - px(7.0))).map_err(err)?;
        for (i, v) in &r.dots {
            root.draw(&Circle::new((scale(*v), y), px(5.0) as u32, palette::series(*i).filled())).map_err(err)?;
        }
    }
    root.present().map_err(err)
}
