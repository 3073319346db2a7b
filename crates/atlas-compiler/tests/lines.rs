//! `--lines`: rivers and roads from a small GeoJSON written here (the shared geography has no
//! line features). A belt along 沪昆高速 and a core on 涟水 get the lines' courses across 湘乡市;
//! a feature without a usable kind is reported, not guessed.

use atlas_compiler::{compile, Options};
use atlas_data::{PlaceKind, GEO_SCALE};

mod common;
use common::{corpus_dir, Scratch};

/// A line from west to east across 湘乡市 (about 112.1–112.6° E at 27.75° N) and well beyond it.
fn across(lat: f64) -> Vec<[f64; 2]> {
    (0..=100).map(|i| [111.5 + i as f64 * 0.015, lat + (i % 7) as f64 * 0.001]).collect()
}

#[test]
fn rivers_and_roads_give_their_course() {
    let Some(geo) = common::geo() else { return };
    let scratch = Scratch::new("lines");
    let file = scratch.0.join("lines.geojson");
    let feature = |name: &str, kind: &str, coords: Vec<[f64; 2]>| {
        serde_json::json!({"type": "Feature", "properties": {"name": name, "kind": kind},
            "geometry": {"type": "LineString", "coordinates": coords}})
    };
    let json = serde_json::json!({"type": "FeatureCollection", "features": [
        feature("G60沪昆高速", "expressway", across(27.78)),
        feature("涟水", "river", across(27.73)),
        feature("某某渠", "canal", across(27.70)),
    ]});
    std::fs::create_dir_all(&scratch.0).unwrap();
    std::fs::write(&file, json.to_string()).unwrap();

    let options = Options { geo: Some(geo), lines: Some(file), ..Options::default() };
    let b = compile(&corpus_dir(), &options).unwrap();
    let xx = b.core.localities.iter().find(|l| l.id == "430381").unwrap();
    let county = b.geo.as_ref().unwrap().counties.iter().find(|c| c.adcode == "430381").unwrap();
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for p in county.rings.iter().flatten() {
        lo = lo.min(p[0] as f64 / GEO_SCALE);
        hi = hi.max(p[0] as f64 / GEO_SCALE);
    }
    let places: Vec<&atlas_data::Place> = xx.layouts.iter().flat_map(|l| &l.elements).flat_map(|e| &e.places).collect();
    for printed in ["G60沪昆高速", "涟水"] {
        let p = places.iter().find(|p| p.as_printed == printed).unwrap_or_else(|| panic!("{printed} in a layout"));
        assert!(matches!(p.kind, PlaceKind::Road | PlaceKind::River));
        assert!(p.path.len() >= 2, "{printed} has a course");
        assert!(p.path.len() <= 64, "{printed}: the course is thinned");
        // Clipped to the county: the line runs from 111.5° to 113° E, the course only inside 湘乡.
        for q in &p.path {
            let (lon, lat) = (q[0] as f64 / GEO_SCALE, q[1] as f64 / GEO_SCALE);
            assert!((lo..=hi).contains(&lon), "{printed}: {lon} outside {lo}..{hi}");
            assert!(atlas_compiler::geo::contains(&county.rings, lon, lat), "{printed}: ({lon}, {lat}) outside 湘乡市");
        }
        assert!(p.name.is_some() && p.lon.is_some(), "{printed} is located on its line");
    }
    // Roads the file does not hold stay listed, unlocated.
    let other = places.iter().find(|p| p.as_printed == "醴娄高速").unwrap();
    assert!(other.path.is_empty() && other.name.is_none());
    assert!(b.core.diagnostics.iter().any(|d| d.file.ends_with("lines.geojson") && d.message.contains("某某渠")));
    assert!(b.core.attribution.iter().any(|a| a.contains("lines.geojson")));
}
