//! The growth chart: one line per locality through its observations (a 十四五 plan's 2015 →
//! 2016…2020), then a dashed line to its targets (2020, 2025); the years axis spans the years
//! the series hold. Estimates are hollow; a target printed with a
//! comparator (`≥`, `以上`, `<`) is an open ring labelled with its printed text.

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub year: f64,
    pub value: f64,
    /// Printed with a comparator: the target is a bound, not a point.
    pub bound: bool,
    pub estimate: bool,
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub color: RGBColor,
    pub actual: Vec<Point>,
    pub target: Vec<Point>,
    /// Where a plan states only a growth rate: the path that rate implies from the base year,
    /// drawn dotted and labelled as implied (`raw` says from what).
    pub implied: Vec<Point>,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// An axis tick as people write it: `4000`, `2.5`, `0.125` — no `4000.0`, no float noise.
pub fn tick(v: f64) -> String {
    let s = crate::num::fixed(v, 3);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

pub fn draw(canvas: &HtmlCanvasElement, ratio: f64, title: &str, unit: &str, series: &[Series]) -> Result<(), String> {
    let (root, (text, grid, bg)) = super::canvas::area(canvas)?;
    let px = |v: f64| (v * ratio).round() as u32;
    let font = |size: f64| super::palette::font(size * ratio, &text);
    let values: Vec<f64> =
        series.iter().flat_map(|s| s.actual.iter().chain(&s.target).chain(&s.implied)).map(|p| p.value).collect();
    if values.is_empty() {
        root.draw_text(title, &font(16.0), (px(12.0) as i32, px(12.0) as i32)).map_err(err)?;
        return root.present().map_err(err);
    }
    let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let pad = ((hi - lo) * 0.12).max(hi.abs() * 0.05).max(0.5);
    let y0 = if lo >= 0.0 && lo - pad < 0.0 { 0.0 } else { lo - pad };
    // Room for the widest tick label plus the rotated unit beside it, so the two never touch.
    let tick_chars = [y0, hi + pad, (y0 + hi + pad) / 2.0].iter().map(|v| tick(*v).chars().count()).max().unwrap_or(4);
    let y_area = 30.0 + 7.5 * tick_chars as f64;
    let years = series.iter().flat_map(|s| s.actual.iter().chain(&s.target).chain(&s.implied)).map(|p| p.year);
    let (first, last) = years.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    // Whole five-year periods, so that the period ends (2020, 2025, 2030) fall on the axis.
    let (x0, x1) = ((first / 5.0).floor() * 5.0, ((last / 5.0).ceil() * 5.0).max(first + 5.0));
    let x_labels = (x1 - x0) as usize + 1;
    // On a phone a label a year would run together: label the period ends only.
    let narrow = (canvas.width() as f64 / ratio) < 640.0 || x_labels > 16;
    let mut chart = ChartBuilder::on(&root)
        .margin(px(12.0))
        .caption(title, font(16.0))
        .x_label_area_size(px(28.0))
        .y_label_area_size(px(y_area))
        .build_cartesian_2d(x0 - 0.5..x1 + 0.5, y0..hi + pad)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(x_labels)
        .x_label_formatter(&|y| {
            if narrow && (y.round() as i64) % 5 != 0 {
                String::new()
            } else {
                crate::num::fixed(*y, 0)
            }
        })
        .y_label_formatter(&|v| tick(*v))
        .y_desc(unit)
        .label_style(font(12.0))
        .axis_desc_style(font(12.0))
        .axis_style(text.stroke_width(1))
        .bold_line_style(grid.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    for s in series {
        let solid = s.color.stroke_width(px(2.5));
        let line: Vec<(f64, f64)> = s.actual.iter().map(|p| (p.year, p.value)).collect();
        chart.draw_series(LineSeries::new(line.clone(), solid)).map_err(err)?;
        if let Some(last) = s.actual.last() {
            for t in &s.target {
                let from = s.actual.iter().rev().find(|p| p.year < t.year).unwrap_or(last);
                chart
                    .draw_series(DashedLineSeries::new(
                        vec![(from.year, from.value), (t.year, t.value)],
                        px(6.0),
                        px(4.0),
                        s.color.stroke_width(px(2.0)),
                    ))
                    .map_err(err)?;
            }
        }
        if !s.implied.is_empty() {
            // Dotted: a path the plan's rate implies, not a value it prints.
            chart
                .draw_series(DashedLineSeries::new(
                    s.implied.iter().map(|p| (p.year, p.value)),
                    px(2.0),
                    px(4.0),
                    s.color.stroke_width(px(2.0)),
                ))
                .map_err(err)?;
            for p in &s.implied {
                chart
                    .draw_series(std::iter::once(Cross::new((p.year, p.value), px(3.5), s.color.stroke_width(px(1.5)))))
                    .map_err(err)?;
            }
        }
        for p in &s.actual {
            let style = if p.estimate { s.color.stroke_width(px(2.0)) } else { s.color.filled() };
            chart.draw_series(std::iter::once(Circle::new((p.year, p.value), px(4.0), style))).map_err(err)?;
        }
        for t in &s.target {
            let ring = s.color.stroke_width(px(2.0));
            if t.bound {
                chart.draw_series(std::iter::once(Circle::new((t.year, t.value), px(6.0), ring))).map_err(err)?;
                chart
                    .draw_series(std::iter::once(Text::new(t.raw.clone(), (t.year - 0.9, t.value), font(11.0))))
                    .map_err(err)?;
            } else {
                let r = px(5.0) as i32;
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((t.year, t.value)) + Rectangle::new([(-r, -r), (r, r)], ring),
                    ))
                    .map_err(err)?;
            }
        }
    }
    // The legend, drawn here rather than by plotters' series labels, which measure text with a
    // styled element that a strict CSP blocks.
    let at = |v: f64| (v * ratio).round() as i32;
    // Inside the plot, clear of the tick labels.
    let (x0, y0) = (at(12.0 + y_area + 8.0), at(44.0));
    let row = at(18.0);
    let widest = series
        .iter()
        .filter_map(|s| root.estimate_text_size(&s.name, &font(12.0)).ok())
        .map(|(w, _)| w as i32)
        .max()
        .unwrap_or(0);
    let box_end = (x0 + at(34.0) + widest, y0 + row * series.len() as i32 + at(8.0));
    root.draw(&Rectangle::new([(x0, y0), box_end], bg.mix(0.85).filled())).map_err(err)?;
    root.draw(&Rectangle::new([(x0, y0), box_end], grid.stroke_width(1))).map_err(err)?;
    for (k, s) in series.iter().enumerate() {
        let y = y0 + at(12.0) + row * k as i32;
        root.draw(&PathElement::new(vec![(x0 + at(6.0), y), (x0 + at(24.0), y)], s.color.stroke_width(px(2.5))))
            .map_err(err)?;
        root.draw_text(&s.name, &font(12.0), (x0 + at(30.0), y - at(7.0))).map_err(err)?;
    }
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::tick;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn ticks_without_spurious_decimals() {
        assert_eq!(tick(4000.0), "4000");
        assert_eq!(tick(2.5), "2.5");
        assert_eq!(tick(0.1 + 0.2), "0.3");
        assert_eq!(tick(-0.0001), "0");
        assert_eq!(tick(-12.25), "-12.25");
    }
}
