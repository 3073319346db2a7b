//! The corpus map: every county of the provinces the corpus covers, filled by whether a plan is
//! present or by a canonical indicator (a choropleth), chosen localities outlined.

use super::map::Projection;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

/// One county as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Rings in degrees (lon, lat).
    pub rings: Vec<Vec<(f64, f64)>>,
    /// `None`: no plan, or no comparable value.
    pub fill: Option<RGBColor>,
    /// Chosen: drawn with a strong outline.
    pub chosen: bool,
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
    v.sort_by(f64::total_cmp);
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

/// Draws the regions; returns the projection for hit-testing.
pub fn draw(canvas: &HtmlCanvasElement, ratio: f64, regions: &[Region]) -> Result<Projection, String> {
    let (root, (text, grid, bg)) = super::canvas::area(canvas)?;
    let (w, h) = root.dim_in_pixel();
    let points = regions.iter().flat_map(|r| r.rings.iter().flatten().copied());
    let Some(proj) = Projection::fit(points, w as f64, h as f64, 8.0 * ratio) else {
        root.present().map_err(|e| e.to_string())?;
        return Ok(Projection::default());
    };
    let empty = grid.mix(0.35);
    let mut chosen = Vec::new();
    for r in regions {
        for ring in &r.rings {
            let pts: Vec<(i32, i32)> = ring.iter().map(|p| proj.px_from_lonlat(*p)).collect();
            let fill = r.fill.map_or(empty, |c| c.mix(1.0));
            root.draw(&Polygon::new(pts.clone(), fill.filled())).map_err(|e| e.to_string())?;
            root.draw(&PathElement::new(pts.clone(), bg.mix(0.9).stroke_width(1))).map_err(|e| e.to_string())?;
            if r.chosen {
                chosen.push(pts);
            }
        }
    }
    // Chosen localities last, so that their outline is on top.
    for pts in chosen {
        root.draw(&PathElement::new(pts, text.stroke_width((2.0 * ratio) as u32))).map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(proj)
}

/// The region under pixel `(x, y)`, if any.
pub fn hit(regions: &[Region], proj: &Projection, x: f64, y: f64) -> Option<usize> {
    regions.iter().position(|r| {
        r.rings.iter().any(|ring| {
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
