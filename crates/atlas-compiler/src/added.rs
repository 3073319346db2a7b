//! A plan a reader adds in the browser: one file's bytes compiled in memory, with no file system
//! and no threads, into a corpus of that one plan, with what the reader should check. The
//! widget's compile worker (`crates/atlas-worker`) calls [`compile_file`]; a native build of a
//! corpus holding just that file (named `added/<file>`) with the same registry makes the same
//! corpus (`tests/added.rs`).

use crate::corpus::{Plan, PlanEntry};
use crate::keys::Keys;
use crate::registry::Registry;
use atlas_data::review::{Found, Review};
use atlas_data::Bundle;

/// The largest file a reader may add.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The folder an added plan's file is said to be in, in diagnostics and as its locality's source.
pub const FOLDER: &str = "added";

/// The indicator keys the widget's corpus is compiled with, built into the browser's compiler.
pub const KEYS: &str = include_str!("../../../corpus/indicators.toml");

/// Refuses what cannot be a plan's text, by size and by the first bytes: a PDF (its text layer is
/// read first, in the browser), a zip or office file, an image.
pub fn check_file(name: &str, bytes: &[u8]) -> Result<(), String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!("{name} is {:.1} MB; a plan may be at most 20 MB", bytes.len() as f64 / 1048576.0));
    }
    if bytes.is_empty() {
        return Err(format!("{name} is empty"));
    }
    let kind = if bytes.starts_with(b"%PDF") {
        "a PDF, whose text layer must be read first"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "a zip archive or an office document (.docx, .xlsx): save it as text, a web page or PDF first"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "an old office document (.doc, .xls): save it as text, a web page or PDF first"
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"GIF8") {
        "an image: a plan must be text, a web page or a PDF with a text layer"
    } else {
        return Ok(());
    };
    Err(format!("{name} is {kind}"))
}

/// A plan added: its corpus of one (no locality when the text does not tell which it is, and the
/// reader has not said), and the review.
pub struct Added {
    pub bundle: Bundle,
    pub review: Review,
}

/// Compiles `bytes` (text in any encoding `input` reads, or a saved web page) as the plan in
/// file `name`. `hints` are what the reader said in the review (locality, level, parent, period),
/// as `plans.toml` would give them. `registry`: the provinces' parts fetched, if any.
pub fn compile_file(
    name: &str,
    bytes: &[u8],
    hints: PlanEntry,
    keys: Keys,
    registry: Option<Registry>,
) -> Result<Added, String> {
    check_file(name, bytes)?;
    let text = crate::input::plan_text(name, bytes).map_err(|e| format!("{name}: {e}"))?;
    let described = crate::init::describe(name, &text, registry.as_ref(), &crate::geo::Gazetteer::default());
    let entry = PlanEntry { file: name.to_string(), ..hints };
    let plan = Plan {
        display_path: format!("{FOLDER}/{name}"),
        path: name.into(),
        level: entry.level.as_deref().and_then(crate::corpus::parse_level),
        tables: entry.tables.iter().filter_map(|t| crate::corpus::parse_table(t).ok()).collect(),
        entry,
    };
    let prepared = crate::Prepared::in_memory(plan, keys, registry);
    let compiled = prepared.compile_text_of(0, &text);
    let bundle = prepared.assemble(vec![compiled]);
    let found = bundle.core.localities.first().map(|l| Found {
        id: l.id.clone(),
        name: l.name.clone(),
        name_en: l.name_en.clone(),
        level: l.level,
        parent: l.parent.clone(),
        period: l.period,
    });
    let not_found = match (&found, &described.facts) {
        (None, Err(why)) => Some(why.clone()),
        (None, Ok(_)) => Some("the text is not a plan outline".into()),
        (Some(_), _) => None,
    };
    let review = Review {
        file: name.to_string(),
        title: described.title,
        found,
        not_found,
        unsure: described.unsure,
        lines: text.lines().count() as u32,
    };
    Ok(Added { bundle, review })
}

/// The province whose registry part to fetch for the plan in `bytes`: the one its text names most
/// (a plan names its own province far more often than any other). `None` when it names none, or
/// the file cannot be read (compiling it says why).
pub fn province_to_fetch<'a>(
    name: &str,
    bytes: &[u8],
    index: &'a atlas_data::registry::RegistryIndex,
) -> Option<&'a atlas_data::registry::ProvinceEntry> {
    let text = crate::input::plan_text(name, bytes).ok()?;
    let best = crate::registry::provinces_named(index, &text).into_iter().next()?;
    index.provinces.iter().find(|p| p.adcode == best)
}
