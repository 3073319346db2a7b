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

/// The axis range: from 0 and the data, but with outliers beyond three interquartile ranges of the
/// quartiles left off (drawn as arrows at the edge), so that one 484 % does not squash the rest.
pub fn robust_range(values: &[f64]) -> (f64, f64) {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    crate::sort::sort_by(&mut v, f64::total_cmp);
    if v.is_empty() {
        return (0.0, 1.0);
    }
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    let (q1, q3) = (q(0.25), q(0.75));
    let fence = 3.0 * (q3 - q1).max(1.0);
    let lo = v.iter().copied().filter(|x| *x >= q1 - fence).fold(0.0f64, f64::min);
    let hi = v.iter().copied().filter(|x| *x <= q3 + fence).fold(0.0f64, f64::max).max(lo + 1.0);
    (lo, hi)
}

pub fn height_for(n: usize) -> f64 {
    88.0 + 24.0 * n.max(1) as f64
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
    let font = |size: f64| super::palette::font(size * ratio, &text);
    let (w, _) = root.dim_in_pixel();
    let w = w as i32;
    let title = super::canvas::fit_text(&root, title, &font(15.0), w - px(16.0));
    root.draw_text(&title, &font(15.0), (px(8.0), px(6.0))).map_err(err)?;
    // The legend wraps onto a second line on narrow screens.
    let (mut x, mut y) = (px(8.0), px(36.0));
    for (i, name) in legend {
        let (tw, _) = root.estimate_text_size(name, &font(12.0)).map_err(err)?;
        if x > px(8.0) && x + px(14.0) + tw as i32 > w {
            (x, y) = (px(8.0), y + px(18.0));
        }
        root.draw(&Circle::new((x + px(5.0), y), px(5.0) as u32, palette::series(*i).filled())).map_err(err)?;
        root.draw_text(name, &font(12.0), (x + px(14.0), y - px(7.0))).map_err(err)?;
        x += px(24.0) + tw as i32;
    }
    let (left, right) = (px(190.0).min(w * 45 / 100), w - px(24.0));
    let values: Vec<f64> = rows.iter().flat_map(|r| r.dots.iter().map(|d| d.1)).collect();
    let (lo, hi) = robust_range(&values);
    let scale = |v: f64| left + ((right - left) as f64 * (v.clamp(lo, hi) - lo) / (hi - lo)) as i32;
    let top = y + px(20.0);
    let zero = scale(0.0);
    let bottom = top + px(24.0) * rows.len() as i32;
    root.draw(&PathElement::new(vec![(zero, top - px(6.0)), (zero, bottom)], text.stroke_width(1))).map_err(err)?;
    root.draw_text("0%", &font(11.0), (zero + px(3.0), bottom)).map_err(err)?;
    root.draw_text(&format!("{}%", crate::num::fixed(hi, 0)), &font(11.0), (right - px(30.0), bottom)).map_err(err)?;
    for (k, r) in rows.iter().enumerate() {
        let y = top + px(24.0) * k as i32 + px(10.0);
        root.draw(&PathElement::new(vec![(left, y), (right, y)], grid.stroke_width(1))).map_err(err)?;
        let label = super::canvas::fit_text(&root, &r.label, &font(12.0), left - px(14.0));
        root.draw_text(&label, &font(12.0), (px(8.0), y - px(7.0))).map_err(err)?;
        let mut off_scale = [0i32; 2];
        for (i, v) in &r.dots {
            let color = palette::series(*i);
            let x = scale(*v);
            if *v > hi || *v < lo {
                // Off the scale: an arrow at the edge, with the value, instead of squashing the rest.
                let d = if *v > hi { 1 } else { -1 };
                let tip = x + d * px(7.0);
                let arrow = vec![(tip, y), (tip - d * px(9.0), y - px(6.0)), (tip - d * px(9.0), y + px(6.0))];
                root.draw(&Polygon::new(arrow, color.filled())).map_err(err)?;
                let label = format!("{}%", crate::num::fixed(*v, 0));
                let (tw, _) = root.estimate_text_size(&label, &font(10.0)).map_err(err)?;
                // Several off the scale on one side: their labels step leftwards (or rightwards).
                let side = usize::from(d > 0);
                let shift = off_scale[side];
                off_scale[side] += tw as i32 + px(6.0);
                let tx = if d > 0 { x - px(12.0) - tw as i32 - shift } else { x + px(12.0) + shift };
                root.draw_text(&label, &font(10.0), (tx, y - px(16.0))).map_err(err)?;
            } else {
                root.draw(&Circle::new((x, y), px(5.0) as u32, color.filled())).map_err(err)?;
            }
        }
    }
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::robust_range;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn one_outlier_does_not_set_the_scale() {
        let values = [5.0, 8.0, 10.0, 12.0, 15.0, 20.0, 484.0];
        let (lo, hi) = robust_range(&values);
        assert_eq!(lo, 0.0);
        assert!((20.0..100.0).contains(&hi), "{hi}");
        assert_eq!(robust_range(&[-3.0, 2.0, 4.0]), (-3.0, 4.0));
    }
}
