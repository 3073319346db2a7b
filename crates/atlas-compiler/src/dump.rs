//! The `atlas dump --json` schema (docs/BUNDLE.md): the model's own serde names, wrapped with the
//! format version. County rings are summarised (point counts), not listed.

use atlas_data::{Bundle, FORMAT_VERSION};
use serde_json::{json, Value};

pub fn to_json(bundle: &Bundle) -> Value {
    let geography = bundle.geo.as_ref().map(|g| {
        json!({
            "attribution": g.attribution,
            "counties": g.counties.iter().map(|c| json!({
                "adcode": c.adcode, "name": c.name, "prefecture": c.prefecture,
                "points": c.rings.iter().map(Vec::len).sum::<usize>(),
            })).collect::<Vec<_>>(),
            "towns": g.towns,
        })
    });
    json!({
        "format_version": FORMAT_VERSION,
        "localities": bundle.core.localities,
        "diagnostics": bundle.core.diagnostics,
        "indicator_keys": bundle.core.indicator_keys,
        "attribution": bundle.core.attribution,
        "tour": bundle.core.tour,
        "geography": geography,
        "texts": bundle.texts.iter().map(|t| json!({"locality": t.locality, "deflated_bytes": t.deflated.len()})).collect::<Vec<_>>(),
        "outlines": bundle.outlines.as_ref().map(|o| json!({"counties": o.counties.len()})),
    })
}
