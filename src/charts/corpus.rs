//! The corpus map: every county of the provinces the corpus covers, filled by whether a plan is
//! present or by a canonical indicator (a choropleth), chosen localities outlined.
//!
//! Unlike the other charts it draws straight on the 2D context, not through plotters: a country's
//! 2,900 counties are some 90,000 points, and plotters makes a JS call per point. Here each colour
//! is one `Path2D` built from an SVG path string, so a redraw is a handful of calls.

use super::map::Projection;
use plotters::style::RGBColor;
use std::fmt::Write;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

/// A county's rings in degrees (lon, lat).
pub type Rings = Vec<Vec<(f64, f64)>>;

/// How one county is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// `None`: no plan, or no comparable value.
    pub fill: Option<RGBColor>,
    /// Chosen: drawn with a strong outline.
    pub chosen: bool,
}

/// The counties' outlines as SVG path strings in pixels, for one canvas size: they change only
/// when the canvas is resized, not when the colours do.
pub struct PathCache {
    size: (u32, u32, usize),
    proj: Projection,
    paths: Vec<String>,
}

/// Light to dark, for values from low to high (ColorBrewer Blues, colour-blind safe).
pub const SCALE: [RGBColor; 5] = [
    RGBColor(222, 235, 247),
    RGBColor(158, 202, 225),
    RGBColor(107, 174, 214),
    RGBColor(49, 130, 189),
    RGBColor(8, 81, 156),
];

/// A plan of the county's own, and a county covered by a prefecture-level plan.
pub const OWN_PLAN: RGBColor = RGBColor(0, 114, 178);
pub const PREFECTURE_PLAN: RGBColor = RGBColor(86, 180, 233);

/// Bin edges splitting `values` into up to five groups of about equal size (quantiles).
pub fn quantile_edges(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    crate::sort::sort_by(&mut v, f64::total_cmp);
    if v.is_empty() {
        return Vec::new();
    }
    let bins = SCALE.len().min(v.len());
    let mut edges: Vec<f64> = (1..bins).map(|k| v[k * v.len() / bins]).collect();
    edges.dedup();
    edges
}

/// The colour of `value` given the bin edges.
pub fn colour(value: f64, edges: &[f64]) -> RGBColor {
    let bin = edges.iter().filter(|e| value >= **e).count();
    // Spread the bins actually used over the whole scale.
    let used = edges.len() + 1;
    let at = if used <= 1 { SCALE.len() - 1 } else { bin * (SCALE.len() - 1) / (used - 1) };
    SCALE[at.min(SCALE.len() - 1)]
}

/// Appends a ring to an SVG path string, in pixels; drops points closer than half a pixel.
fn push_ring(path: &mut String, ring: &[(f64, f64)], proj: &Projection) {
    let mut last = (i32::MIN, i32::MIN);
    for (k, p) in ring.iter().enumerate() {
        let q = proj.px_from_lonlat(*p);
        if q == last {
            continue;
        }
        last = q;
        let _ = write!(path, "{}{} {}", if k == 0 { 'M' } else { 'L' }, q.0, q.1);
    }
    path.push('Z');
}

fn path2d(d: &str) -> Result<Path2d, String> {
    Path2d::new_with_path_string(d).map_err(|e| format!("{e:?}"))
}

/// Draws the counties (`geometry`, styled by `styles`); returns the projection for hit-testing.
pub fn draw(
    canvas: &HtmlCanvasElement,
    ratio: f64,
    geometry: &[Rings],
    styles: &[Style],
    cache: &mut Option<PathCache>,
) -> Result<Projection, String> {
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or("no 2D canvas")?;
    let (text, grid, bg) = super::palette::ink();
    let size = (canvas.width(), canvas.height(), geometry.len());
    ctx.set_fill_style_str(&super::palette::css(bg));
    ctx.fill_rect(0.0, 0.0, size.0 as f64, size.1 as f64);
    if cache.as_ref().is_none_or(|c| c.size != size) {
        let points = geometry.iter().flat_map(|r| r.iter().flatten().copied());
        let Some(proj) = Projection::fit(points, size.0 as f64, size.1 as f64, 8.0 * ratio) else {
            return Ok(Projection::default());
        };
        let paths = geometry
            .iter()
            .map(|rings| {
                let mut d = String::new();
                for ring in rings {
                    push_ring(&mut d, ring, &proj);
                }
                d
            })
            .collect();
        *cache = Some(PathCache { size, proj, paths });
    }
    let Some(cache) = cache.as_ref() else { return Ok(Projection::default()) };
    // One path per fill colour, one for every border, one for the chosen outlines.
    let mut fills: Vec<(RGBColor, String)> = Vec::new();
    let mut chosen = String::new();
    let empty = mix(grid, bg, 0.35);
    for (d, style) in cache.paths.iter().zip(styles) {
        let colour = style.fill.unwrap_or(empty);
        match fills.iter_mut().find(|(c, _)| *c == colour) {
            Some((_, path)) => path.push_str(d),
            None => fills.push((colour, d.clone())),
        }
        if style.chosen {
            chosen.push_str(d);
        }
    }
    let mut borders = Path2d::new().map_err(|e| format!("{e:?}"))?;
    for (colour, d) in &fills {
        let path = path2d(d)?;
        ctx.set_fill_style_str(&super::palette::css(*colour));
        ctx.fill_with_path_2d(&path);
        borders.add_path(&path);
    }
    ctx.set_line_join("round");
    ctx.set_stroke_style_str(&super::palette::css(mix(bg, grid, 0.9)));
    ctx.set_line_width(1.0);
    ctx.stroke_with_path(&borders);
    if !chosen.is_empty() {
        borders = path2d(&chosen)?;
        ctx.set_stroke_style_str(&super::palette::css(text));
        ctx.set_line_width(2.0 * ratio);
        ctx.stroke_with_path(&borders);
    }
    Ok(cache.proj)
}

/// `a` over `b` at opacity `alpha`.
fn mix(a: RGBColor, b: RGBColor, alpha: f64) -> RGBColor {
    let m = |x: u8, y: u8| (x as f64 * alpha + y as f64 * (1.0 - alpha)).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// The county under pixel `(x, y)`, if any.
pub fn hit(geometry: &[Rings], proj: &Projection, x: f64, y: f64) -> Option<usize> {
    geometry.iter().position(|rings| {
        rings.iter().any(|ring| {
            let pts: Vec<(f64, f64)> = ring
                .iter()
                .map(|p| {
                    let q = proj.px_from_lonlat(*p);
                    (q.0 as f64, q.1 as f64)
                })
                .collect();
            let mut inside = false;
            for w in pts.windows(2) {
                let ((x0, y0), (x1, y1)) = (w[0], w[1]);
                if (y0 > y) != (y1 > y) && x < x0 + (y - y0) * (x1 - x0) / (y1 - y0) {
                    inside = !inside;
                }
            }
            inside
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_split_into_five_groups() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        let e = quantile_edges(&v);
        assert_eq!(e, [3.0, 5.0, 7.0, 9.0]);
        assert_eq!(colour(1.0, &e), SCALE[0]);
        assert_eq!(colour(10.0, &e), SCALE[4]);
        assert_eq!(colour(5.0, &e), SCALE[2]);
    }

    #[test]
    fn few_values_still_span_the_scale() {
        let e = quantile_edges(&[1.0, 2.0]);
        assert_eq!(e, [2.0]);
        assert_eq!(colour(1.0, &e), SCALE[0]);
        assert_eq!(colour(2.0, &e), SCALE[4]);
        assert!(quantile_edges(&[]).is_empty());
    }
}
