//! The spatial-layout map: county polygons, town points, and the layout drawn on them — cores as
//! large discs, sub-centres medium, axes as polylines through their ordered places, belts and
//! corridors as wide translucent bands, rings as hulls, wings as arrows, nodes as small marks.
//! Returns the projection so that the view can hit-test the pointer against towns.

use atlas_data::LayoutRole;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Core,
    Sub,
    Axis,
    Corridor,
    Belt,
    Ring,
    Wing,
    Node,
}

impl MarkKind {
    /// How an element with this role (核, 副, 轴 …) is drawn: centres as discs, lines of
    /// development as bands or polylines, the rest as nodes.
    pub fn of_role(role: LayoutRole) -> MarkKind {
        use LayoutRole::*;
        match role {
            Core | Main | Centre => MarkKind::Core,
            Sub | Secondary | Auxiliary | City => MarkKind::Sub,
            Axis => MarkKind::Axis,
            Corridor => MarkKind::Corridor,
            Belt => MarkKind::Belt,
            Ring | Loop => MarkKind::Ring,
            Wing => MarkKind::Wing,
            // A river or range is drawn where its places are; its course comes with the line features.
            Node | Point | Pole | Zone | Area | River | Water | Vein | Reservoir | Park | Chain | Cluster => {
                MarkKind::Node
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub rings: Vec<Vec<(f64, f64)>>,
    /// The locality's own territory, drawn stronger than its neighbours.
    pub own: bool,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    /// Located places in printed order (lon, lat).
    pub points: Vec<(f64, f64)>,
    /// The river or road an axis, belt or corridor follows (lon, lat), from the optional line
    /// features; empty when it is drawn through its places.
    pub course: Vec<(f64, f64)>,
    pub label: String,
    pub color: RGBColor,
    pub highlighted: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scene {
    pub counties: Vec<Shape>,
    pub towns: Vec<(f64, f64, String)>,
    pub marks: Vec<Mark>,
}

/// Equirectangular projection scaled by cos(latitude), fitted to a box in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Projection {
    lon0: f64,
    lat0: f64,
    k: f64,
    cos: f64,
    x0: f64,
    y0: f64,
}

impl Projection {
    pub fn px_from_lonlat(&self, (lon, lat): (f64, f64)) -> (i32, i32) {
        ((self.x0 + (lon - self.lon0) * self.cos * self.k) as i32, (self.y0 - (lat - self.lat0) * self.k) as i32)
    }

    pub fn fit(points: impl Iterator<Item = (f64, f64)>, w: f64, h: f64, margin: f64) -> Option<Projection> {
        let (mut a, mut b, mut c, mut d) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (x, y) in points {
            a = a.min(x);
            b = b.max(x);
            c = c.min(y);
            d = d.max(y);
        }
        if a > b {
            return None;
        }
        let cos = crate::num::cos(((c + d) / 2.0).to_radians());
        let span_x = ((b - a) * cos).max(1e-6);
        let span_y = (d - c).max(1e-6);
        let k = ((w - 2.0 * margin) / span_x).min((h - 2.0 * margin) / span_y);
        let (x0, y0) = ((w - span_x * k) / 2.0, (h + span_y * k) / 2.0);
        Some(Projection { lon0: a, lat0: c, k, cos, x0, y0 })
    }
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Convex hull (Andrew's monotone chain) of pixel points.
fn hull(mut pts: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    crate::sort::sort(&mut pts);
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let cross = |o: (i32, i32), a: (i32, i32), b: (i32, i32)| {
        (a.0 - o.0) as i64 * (b.1 - o.1) as i64 - (a.1 - o.1) as i64 * (b.0 - o.0) as i64
    };
    let mut lower: Vec<(i32, i32)> = Vec::new();
    for &p in &pts {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<(i32, i32)> = Vec::new();
    for &p in pts.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

fn arrow_head(from: (i32, i32), to: (i32, i32), size: f64) -> Vec<(i32, i32)> {
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let back = (to.0 as f64 - ux * size, to.1 as f64 - uy * size);
    vec![
        to,
        ((back.0 - uy * size * 0.6) as i32, (back.1 + ux * size * 0.6) as i32),
        ((back.0 + uy * size * 0.6) as i32, (back.1 - ux * size * 0.6) as i32),
    ]
}

/// (text, grid, background) colours.
pub type Ink = (RGBColor, RGBColor, RGBColor);

/// A label's box in pixels: (x0, y0, x1, y1).
pub type LabelBox = (i32, i32, i32, i32);

/// Draws the scene on a canvas; `compact` (thumbnails) leaves out labels and towns.
pub fn draw(canvas: &HtmlCanvasElement, ratio: f64, scene: &Scene, compact: bool) -> Result<Projection, String> {
    let (root, ink) = super::canvas::area(canvas)?;
    let (proj, labels) = paint(&root, ink, ratio, scene, compact)?;
    if !compact {
        // Where the labels went, for the browser tests: `x0,y0,x1,y1;…` in canvas pixels.
        let boxes: Vec<String> = labels.iter().map(|(a, b, c, d)| format!("{a},{b},{c},{d}")).collect();
        canvas.set_attribute("data-label-boxes", &boxes.join(";")).ok();
    }
    root.present().map_err(err)?;
    Ok(proj)
}

/// Draws the scene on any plotters backend: the canvas in the browser, SVG for the prerendered
/// first screen (`prerender.rs`), so that the two cannot drift apart. Returns the projection and
/// the boxes of the labels drawn.
pub fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    (text, grid, bg): Ink,
    ratio: f64,
    scene: &Scene,
    compact: bool,
) -> Result<(Projection, Vec<LabelBox>), String> {
    let (w, h) = root.dim_in_pixel();
    let own_points = scene.counties.iter().filter(|c| c.own).flat_map(|c| c.rings.iter().flatten().copied());
    let mark_points = scene.marks.iter().flat_map(|m| m.points.iter().copied());
    let Some(proj) = Projection::fit(own_points.chain(mark_points), w as f64, h as f64, 14.0 * ratio) else {
        root.draw_text("—", &super::palette::font(14.0 * ratio, &text), (10, 10)).map_err(err)?;
        return Ok((Projection::default(), Vec::new()));
    };
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |size: f64| super::palette::font(size * ratio, &text);
    for c in &scene.counties {
        for ring in &c.rings {
            let pts: Vec<(i32, i32)> = ring.iter().map(|p| proj.px_from_lonlat(*p)).collect();
            let fill = if c.own { grid.mix(0.35) } else { grid.mix(0.12) };
            root.draw(&Polygon::new(pts.clone(), fill.filled())).map_err(err)?;
            let edge = if c.own { text.mix(0.6) } else { grid.mix(0.9) };
            root.draw(&PathElement::new(pts, edge.stroke_width(if c.own { px(1.5) as u32 } else { 1 })))
                .map_err(err)?;
        }
    }
    if !compact {
        for (lon, lat, _) in &scene.towns {
            let p = proj.px_from_lonlat((*lon, *lat));
            root.draw(&Circle::new(p, px(2.5) as u32, text.mix(0.55).filled())).map_err(err)?;
        }
    }
    // Bands first, then lines, then discs, so that points stay on top.
    let order = |k: MarkKind| match k {
        MarkKind::Belt | MarkKind::Corridor | MarkKind::Ring => 0,
        MarkKind::Axis | MarkKind::Wing => 1,
        _ => 2,
    };
    let mut marks: Vec<&Mark> = scene.marks.iter().collect();
    crate::sort::sort_by_key(&mut marks, |m| (order(m.kind), m.highlighted));
    let mut labels: Vec<(&Mark, (i32, i32))> = Vec::new();
    let mut taken: Vec<LabelBox> = Vec::new();
    for m in marks {
        // Along the river or road when the bundle has its course, else through the places.
        let line: Vec<(i32, i32)> =
            if m.course.len() >= 2 { &m.course } else { &m.points }.iter().map(|p| proj.px_from_lonlat(*p)).collect();
        let pts: Vec<(i32, i32)> = match m.points.as_slice() {
            [] => line.iter().take(1).copied().collect(),
            places => places.iter().map(|p| proj.px_from_lonlat(*p)).collect(),
        };
        if pts.is_empty() {
            continue;
        }
        let boost = if m.highlighted { 1.6 } else { 1.0 };
        let scale = if compact { 0.6 } else { 1.0 } * boost;
        match m.kind {
            MarkKind::Belt | MarkKind::Corridor => {
                let width = px(if m.kind == MarkKind::Belt { 22.0 } else { 16.0 } * scale) as u32;
                if line.len() >= 2 {
                    root.draw(&PathElement::new(line.clone(), m.color.mix(0.35).stroke_width(width))).map_err(err)?;
                } else {
                    root.draw(&Circle::new(pts[0], width, m.color.mix(0.35).filled())).map_err(err)?;
                }
            }
            MarkKind::Ring => {
                let shape = hull(pts.clone());
                if shape.len() >= 3 {
                    root.draw(&Polygon::new(shape.clone(), m.color.mix(0.2).filled())).map_err(err)?;
                    let mut closed = shape.clone();
                    closed.push(shape[0]);
                    root.draw(&PathElement::new(closed, m.color.stroke_width(px(2.0 * scale) as u32))).map_err(err)?;
                } else {
                    let r = px(40.0 * scale) as u32;
                    root.draw(&Circle::new(pts[0], r, m.color.mix(0.2).filled())).map_err(err)?;
                    root.draw(&Circle::new(pts[0], r, m.color.stroke_width(px(2.0) as u32))).map_err(err)?;
                }
            }
            MarkKind::Axis | MarkKind::Wing => {
                let width = px(if m.kind == MarkKind::Wing { 5.0 } else { 3.0 } * scale) as u32;
                if line.len() >= 2 {
                    root.draw(&PathElement::new(line.clone(), m.color.stroke_width(width))).map_err(err)?;
                    let n = line.len();
                    root.draw(&Polygon::new(
                        arrow_head(line[n - 2], line[n - 1], 12.0 * ratio * scale),
                        m.color.filled(),
                    ))
                    .map_err(err)?;
                }
                for p in &pts {
                    root.draw(&Circle::new(*p, px(3.0 * scale) as u32, m.color.filled())).map_err(err)?;
                }
            }
            MarkKind::Core | MarkKind::Sub | MarkKind::Node => {
                let r = match m.kind {
                    MarkKind::Core => 11.0,
                    MarkKind::Sub => 7.5,
                    _ => 4.5,
                } * scale;
                for p in &pts {
                    root.draw(&Circle::new(*p, px(r) as u32, m.color.filled())).map_err(err)?;
                    root.draw(&Circle::new(*p, px(r) as u32, bg.stroke_width(px(1.5) as u32))).map_err(err)?;
                }
            }
        }
        labels.push((m, pts[0]));
    }
    if !compact {
        // Labels last, over every mark: the highlighted one first, then cores before nodes; each
        // takes the first free spot around its point, and a label with no free spot is left out
        // (the element list beside the map names every element).
        crate::sort::sort_by_key(&mut labels, |(m, _)| (!m.highlighted, std::cmp::Reverse(order(m.kind))));
        for (m, at) in labels {
            let style = font(if m.highlighted { 15.0 } else { 12.5 });
            let (tw, th) = root.estimate_text_size(&m.label, &style).map_err(err)?;
            let (tw, th) = (tw as i32, th as i32);
            let gap = px(9.0);
            let spots = [
                (at.0 + gap, at.1 - th - px(4.0)),
                (at.0 + gap, at.1 + px(4.0)),
                (at.0 - gap - tw, at.1 - th - px(4.0)),
                (at.0 - gap - tw, at.1 + px(4.0)),
                (at.0 - tw / 2, at.1 - th - gap),
                (at.0 - tw / 2, at.1 + gap),
            ];
            let fits = |&(x, y): &(i32, i32)| {
                x >= 0
                    && y >= 0
                    && x + tw <= w as i32
                    && y + th <= h as i32
                    && taken.iter().all(|&(a, b, c, d)| x + tw <= a || c <= x || y + th <= b || d <= y)
            };
            let spot = spots.iter().copied().find(fits).or(m.highlighted.then_some(spots[0]));
            if let Some((x, y)) = spot {
                taken.push((x - 2, y - 2, x + tw + 2, y + th + 2));
                root.draw_text(&m.label, &style, (x, y)).map_err(err)?;
            }
        }
    }
    Ok((proj, taken))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hull_of_a_square_with_an_inner_point() {
        let h = hull(vec![(0, 0), (10, 0), (10, 10), (0, 10), (5, 5)]);
        assert_eq!(h.len(), 4);
        assert!(!h.contains(&(5, 5)));
    }

    #[test]
    fn projection_fits_the_box_and_keeps_north_up() {
        let p = Projection::fit([(112.0, 27.0), (113.0, 28.0)].into_iter(), 400.0, 400.0, 10.0).unwrap();
        let (sw, ne) = (p.px_from_lonlat((112.0, 27.0)), p.px_from_lonlat((113.0, 28.0)));
        assert!(ne.1 < sw.1, "north is up");
        assert!(sw.0 >= 9 && ne.0 <= 391 && ne.1 >= 9 && sw.1 <= 391);
    }

    #[test]
    fn roles_map_to_marks() {
        let of = |w: &str| MarkKind::of_role(LayoutRole::from_word(w).unwrap());
        assert_eq!(of("核"), MarkKind::Core);
        assert_eq!(of("副"), MarkKind::Sub);
        assert_eq!(of("辅"), MarkKind::Sub);
        assert_eq!(of("轴"), MarkKind::Axis);
        assert_eq!(of("江"), MarkKind::Node);
        assert_eq!(of("翼"), MarkKind::Wing);
        assert_eq!(of("节点"), MarkKind::Node);
    }
}
