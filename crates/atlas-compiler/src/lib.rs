//! The Plan Atlas compiler: plan texts in `corpus/` → [`atlas_data::Bundle`].
//!
//! Parsing never fails on messy text: every finding becomes a [`Diagnostic`] with file and line,
//! and compilation goes on. Only a corpus that cannot be read at all (missing manifest or file) is
//! an error. This crate knows nothing about the browser; the binary `atlas` is a thin CLI over
//! [`compile`].

pub mod corpus;
pub mod dump;
pub mod front;
pub mod keys;
pub mod outline;
pub mod table;
pub mod text;

use atlas_data::{Bundle, Core, Diagnostic, Indicator, Locality, PlanText, Severity};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// County polygons (GeoJSON FeatureCollection keyed by adcode), WGS84.
    pub geo: Option<PathBuf>,
    /// Township points (CSV with at least name, county, lon, lat).
    pub gazetteer: Option<PathBuf>,
}

fn diag(severity: Severity, file: &str, line: u32, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity,
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Compiles the corpus in `dir`. `Err` only when the corpus cannot be read.
pub fn compile(dir: &Path, _options: &Options) -> Result<Bundle, String> {
    let plans = corpus::load(dir)?;
    let keys_path = dir.join("indicators.toml");
    let keys_text =
        std::fs::read_to_string(&keys_path).map_err(|e| format!("{}: {e}", keys_path.display()))?;
    let keys =
        keys::Keys::parse(&keys_text).map_err(|e| format!("{}: {e}", keys_path.display()))?;

    let mut diagnostics = Vec::new();
    let mut localities = Vec::new();
    let mut texts = Vec::new();
    for plan in &plans {
        let lines: Vec<&str> = plan.text.lines().collect();
        let file = plan.display_path.as_str();
        let front = front::read(&lines);
        let adopted = match (&plan.entry.adopted, &front.adopted) {
            (Some(curated), _) => Some(curated.clone()),
            (None, Some(found)) => Some(found.clone()),
            (None, None) => {
                if let Some(line) = front.adoption_line {
                    diagnostics.push(diag(
                        Severity::Warning,
                        file,
                        line,
                        "adoption date is garbled; add `adopted` to plans.toml",
                    ));
                }
                None
            }
        };
        let title = front.title.clone().unwrap_or_else(|| {
            diagnostics.push(diag(Severity::Warning, file, 1, "no plan title found"));
            plan.entry.name.clone()
        });

        let mut indicators: Vec<Indicator> = Vec::new();
        for spec in &plan.tables {
            let Some(found) = table::extract(&lines, spec) else {
                diagnostics.push(diag(
                    Severity::Error,
                    file,
                    1,
                    format!("table anchor `{}` not found", spec.anchor),
                ));
                continue;
            };
            for issue in found.issues {
                diagnostics.push(diag(Severity::Warning, file, issue.line, issue.message));
            }
            if found.rows.is_empty() {
                diagnostics.push(diag(
                    Severity::Error,
                    file,
                    found.anchor_line,
                    "table has no rows",
                ));
            }
            indicators.extend(found.rows.into_iter().map(|r| Indicator {
                table: spec.table,
                key: keys.lookup(&r.name).map(str::to_string),
                category: r.category,
                seq: r.seq,
                parent: r.parent,
                name: r.name,
                unit: r.unit,
                marker: r.marker,
                attribute: r.attribute,
                line: r.line,
                cells: r.cells,
            }));
        }

        texts.push(PlanText {
            locality: plan.entry.id.clone(),
            deflated: miniz_oxide::deflate::compress_to_vec(plan.text.as_bytes(), 10),
        });
        localities.push(Locality {
            id: plan.entry.id.clone(),
            name: plan.entry.name.clone(),
            name_en: plan.entry.name_en.clone(),
            level: plan.level,
            parent: plan.entry.parent.clone(),
            title,
            adopted,
            adopted_curated: plan.entry.adopted.is_some(),
            adopted_by: front.adopted_by,
            source: plan.display_path.clone(),
            text_lines: lines.len() as u32,
            outline: outline::outline(&lines),
            indicators,
            projects: Vec::new(),
            layouts: Vec::new(),
        });
    }
    let attribution =
        vec!["Plan texts: the localities' people's governments (public documents).".to_string()];
    Ok(Bundle {
        core: Core {
            localities,
            diagnostics,
            indicator_keys: keys.list,
            attribution,
        },
        geo: None,
        texts,
    })
}
