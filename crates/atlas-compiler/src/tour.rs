//! The classroom tour (`corpus/tour.toml`, optional): steps of URL parameters with titles. Steps
//! naming parameters the widget does not know are reported, not dropped silently.

use atlas_data::{Diagnostic, Severity, TourStep};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "step", default)]
    steps: Vec<TourStep>,
}

/// Parameters a step may set (the widget's view parameters).
const STEP_KEYS: [&str; 28] = [
    "view", "loc", "lang", "dark", "prov", "table", "cat", "attr", "marker", "key", "q", "sort", "dir", "gkey", "grow",
    "ckey", "mloc", "layout", "hl", "sector", "box", "inv", "min", "max", "place", "pq", "tloc", "tq",
];

pub fn load(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Vec<TourStep>, String> {
    let path = dir.join("tour.toml");
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(Vec::new()) };
    let file: File = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let shown = format!("{}/tour.toml", dir.file_name().map_or("corpus".into(), |n| n.to_string_lossy().into_owned()));
    for (i, step) in file.steps.iter().enumerate() {
        for pair in step.params.split('&').filter(|p| !p.is_empty()) {
            let key = pair.split('=').next().unwrap_or_default();
            if !STEP_KEYS.contains(&key) {
                let message = format!("tour step {} ({}): unknown parameter `{key}`", i + 1, step.title);
                diagnostics.push(Diagnostic { severity: Severity::Warning, file: shown.clone(), line: 0, message });
            }
        }
    }
    Ok(file.steps)
}
