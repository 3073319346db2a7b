//! Optional line features (`--lines FILE`): rivers, expressways, national and provincial roads
//! and railways as GeoJSON LineStrings (WGS84) with `name` and `kind` properties. A layout place
//! printed as a river or road (`涟水`, `G60`, `醴娄高速`) that names one of them gets the part of
//! the line that crosses the locality as its `path`, so that belts and axes along it are drawn
//! along it. Without the file, or without a match, the place stays listed but unlocated.

use crate::geo::{quantise, simplify, Problems, SIMPLIFY_DEGREES};
use atlas_data::{County, Layout, PlaceKind, GEO_SCALE};
use serde_json::Value;
use std::path::Path;

/// At most this many points per path: a schematic line across a county needs no more.
const MAX_POINTS: usize = 64;

/// One line feature: its name, whether it is a river or a road, and its parts (WGS84).
pub struct LineFeature {
    pub name: String,
    pub kind: PlaceKind,
    pub parts: Vec<Vec<(f64, f64)>>,
}

fn kind_of(s: &str) -> Option<PlaceKind> {
    match s {
        "river" => Some(PlaceKind::River),
        "expressway" | "national_road" | "provincial_road" | "railway" => Some(PlaceKind::Road),
        _ => None,
    }
}

/// Reads the file; features that are not named LineStrings of a known kind are reported as
/// (feature index, problem) and skipped.
pub fn load(path: &Path) -> Result<(Vec<LineFeature>, Problems), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: Value = serde_json::from_str(&text).map_err(|e| format!("{}: not GeoJSON: {e}", path.display()))?;
    let features = json["features"].as_array().ok_or_else(|| format!("{}: no `features` array", path.display()))?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let name = f["properties"]["name"].as_str().map(str::trim).filter(|n| !n.is_empty());
        let kind = f["properties"]["kind"].as_str();
        let (Some(name), Some(kind)) = (name, kind.and_then(kind_of)) else {
            let what = name.map_or(String::new(), |n| format!(" ({n})"));
            let message = format!(
                "feature {}{what}: needs `name` and a `kind` of river, expressway, national_road, provincial_road or railway; skipped",
                i + 1
            );
            problems.push((i as u32 + 1, message));
            continue;
        };
        let coords = &f["geometry"]["coordinates"];
        let lines: Vec<&Value> = match f["geometry"]["type"].as_str() {
            Some("LineString") => vec![coords],
            Some("MultiLineString") => coords.as_array().map(|a| a.iter().collect()).unwrap_or_default(),
            other => {
                problems.push((
                    i as u32 + 1,
                    format!("feature {} ({name}): geometry {other:?} is not a LineString", i + 1),
                ));
                continue;
            }
        };
        let parts: Vec<Vec<(f64, f64)>> = lines
            .into_iter()
            .filter_map(|l| {
                let pts: Vec<(f64, f64)> = l
                    .as_array()?
                    .iter()
                    .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
                    .filter(|(x, y)| x.is_finite() && y.is_finite())
                    .collect();
                (pts.len() >= 2).then_some(pts)
            })
            .collect();
        if parts.is_empty() {
            problems.push((i as u32 + 1, format!("feature {} ({name}): no coordinates", i + 1)));
            continue;
        }
        out.push(LineFeature { name: name.to_string(), kind, parts });
    }
    Ok((out, problems))
}

/// `涟水河` → `涟水`, `G60沪昆高速` → `G60沪昆`: the name without the word for its kind.
fn stem(s: &str) -> &str {
    const SUFFIXES: [&str; 9] = ["高速公路", "高速", "铁路", "国道", "省道", "线", "河", "江", "水"];
    let s = s.trim();
    SUFFIXES.iter().find_map(|x| s.strip_suffix(x).filter(|r| r.chars().count() >= 2)).unwrap_or(s)
}

/// Does the printed place name this feature? Exactly, or by stem (`G60` names `G60沪昆高速`).
fn names(printed: &str, feature: &str) -> bool {
    if printed == feature {
        return true;
    }
    let (a, b) = (stem(printed), stem(feature));
    // `G6` is not a prefix of `G60`: a road number ends where its digits end.
    let prefix = |short: &str, long: &str| {
        short.chars().count() >= 2
            && long.starts_with(short)
            && !long[short.len()..].starts_with(|c: char| c.is_ascii_digit())
    };
    a == b || prefix(a, b) || prefix(b, a)
}

/// The bounding box (WGS84) of the counties a locality's map shows.
fn extent(counties: &[&County]) -> Option<[f64; 4]> {
    let pts = counties.iter().flat_map(|c| c.rings.iter().flatten());
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut any = false;
    for p in pts {
        let (x, y) = (p[0] as f64 / GEO_SCALE, p[1] as f64 / GEO_SCALE);
        b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        any = true;
    }
    any.then_some(b)
}

/// The longest run of the feature inside the counties (or, without rings, inside the extent),
/// simplified and thinned to `MAX_POINTS`.
fn clipped(feature: &LineFeature, b: [f64; 4], counties: &[&County]) -> Option<Vec<(f64, f64)>> {
    let inside = |&(x, y): &(f64, f64)| {
        x >= b[0]
            && x <= b[2]
            && y >= b[1]
            && y <= b[3]
            && (counties.is_empty() || counties.iter().any(|c| crate::geo::contains(&c.rings, x, y)))
    };
    let mut best: Vec<(f64, f64)> = Vec::new();
    for part in &feature.parts {
        for run in part.split(|p| !inside(p)) {
            if run.len() > best.len() {
                best = run.to_vec();
            }
        }
    }
    if best.len() < 2 {
        return None;
    }
    let mut path = simplify(&best, SIMPLIFY_DEGREES);
    if path.len() > MAX_POINTS {
        let step = path.len().div_ceil(MAX_POINTS);
        let last = *path.last()?;
        path = path.into_iter().step_by(step).collect();
        if path.last() != Some(&last) {
            path.push(last);
        }
    }
    Some(path)
}

/// Gives every river or road place of the layouts that names a feature crossing the locality's
/// map its path, its official name and a point on it (the middle of the path).
pub fn attach(layouts: &mut [Layout], features: &[LineFeature], map_counties: &[&County]) {
    let Some(b) = extent(map_counties) else { return };
    for place in layouts.iter_mut().flat_map(|l| &mut l.elements).flat_map(|e| &mut e.places) {
        if place.name.is_some() || !matches!(place.kind, PlaceKind::River | PlaceKind::Road) {
            continue;
        }
        let hit = features.iter().filter(|f| f.kind == place.kind && names(&place.as_printed, &f.name));
        let Some((feature, path)) = hit.filter_map(|f| Some((f, clipped(f, b, map_counties)?))).next() else {
            continue;
        };
        let (x, y) = path[path.len() / 2];
        place.name = Some(feature.name.clone());
        place.lon = Some(x);
        place.lat = Some(y);
        place.path = path.into_iter().map(|(x, y)| [quantise(x), quantise(y)]).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_names_match_features_by_stem() {
        assert!(names("涟水", "涟水"));
        assert!(names("涟水河", "涟水"));
        assert!(names("G60", "G60沪昆高速"));
        assert!(names("醴娄高速", "醴娄高速公路"));
        assert!(!names("湘江", "涟水"));
        assert!(!names("G6", "G60沪昆高速"));
    }

    #[test]
    fn paths_are_clipped_to_the_map() {
        let f = LineFeature {
            name: "涟水".into(),
            kind: PlaceKind::River,
            parts: vec![(0..200).map(|i| (111.0 + i as f64 * 0.01, 27.5)).collect()],
        };
        let path = clipped(&f, [111.5, 27.0, 112.0, 28.0], &[]).unwrap();
        assert!(path.iter().all(|&(x, _)| (111.5..=112.0).contains(&x)));
        assert!(path.len() <= MAX_POINTS && path.len() >= 2);
        assert!(clipped(&f, [120.0, 30.0, 121.0, 31.0], &[]).is_none());
    }
}
