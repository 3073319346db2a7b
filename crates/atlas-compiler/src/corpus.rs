//! The corpus on disk: `plans.toml` (facts the texts cannot give reliably), `indicators.toml`
//! (canonical indicator keys) and the plan texts under `plans/`.

use crate::table::{Role, TableSpec};
use atlas_data::{Level, Table};
use std::path::{Path, PathBuf};

/// One plan's facts as `plans.toml` gives them, checked (see `manifest.rs`).
#[derive(Debug, Clone, Default)]
pub struct PlanEntry {
    /// Path of the text relative to the corpus directory.
    pub file: String,
    /// The facts below may be left out: `atlas build` derives them (see `facts.rs`).
    pub id: Option<String>,
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub level: Option<String>,
    pub parent: Option<String>,
    /// The plan's period by number (15 for 十五五), when the title does not tell it.
    pub period: Option<u8>,
    /// Curated adoption date, for texts that garble it.
    pub adopted: Option<String>,
    /// The town that `县城` / `城区` / `中心城区` means.
    pub seat: Option<String>,
    pub tables: Vec<TableEntry>,
}

#[derive(Debug, Clone)]
pub struct TableEntry {
    pub table: String,
    pub anchor: String,
    pub columns: Vec<String>,
}

/// One plan of the manifest. Its text is read when it is compiled, so that a corpus of thousands
/// of plans is never held in memory at once.
pub struct Plan {
    pub entry: PlanEntry,
    pub level: Option<Level>,
    pub tables: Vec<TableSpec>,
    /// `corpus/plans/….txt`, as shown to users and in diagnostics.
    pub display_path: String,
    pub path: PathBuf,
}

impl Plan {
    /// The plan's text: a web page reduced to its text, a text file decoded, BOM and CR removed.
    pub fn read_text(&self) -> Result<String, String> {
        let bytes = std::fs::read(&self.path).map_err(|e| format!("cannot read the text: {e}"))?;
        crate::input::plan_text(&self.entry.file, &bytes)
    }
}

pub fn parse_level(s: &str) -> Option<Level> {
    Level::parse(s)
}

pub(crate) fn parse_table(e: &TableEntry) -> Result<TableSpec, String> {
    let table =
        Table::parse(&e.table).ok_or_else(|| format!("unknown table kind `{}` (expected plan or review)", e.table))?;
    let columns = e
        .columns
        .iter()
        .map(|c| Role::parse(c).ok_or_else(|| format!("unknown column `{c}`")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(TableSpec { table, anchor: e.anchor.clone(), columns })
}

/// Loads the manifest. Errors are whole-corpus problems (a missing or malformed manifest, a value
/// it gives that cannot be right), one `plans.toml:line: error: …` per line; a text that cannot
/// be read is reported when its plan is compiled.
pub fn load(dir: &Path) -> Result<Vec<Plan>, String> {
    let manifest_path = dir.join("plans.toml");
    let manifest_text =
        std::fs::read_to_string(&manifest_path).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let shown = manifest_path.display().to_string();
    let entries = crate::manifest::parse(&manifest_text).map_err(|errors| {
        errors.iter().map(|(line, message)| format!("{shown}:{line}: error: {message}")).collect::<Vec<_>>().join("\n")
    })?;
    let corpus_name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "corpus".into());
    let plans = entries
        .into_iter()
        .map(|entry| {
            let path: PathBuf = dir.join(&entry.file);
            let level = entry.level.as_deref().and_then(parse_level);
            // Checked by manifest::parse.
            let tables = entry.tables.iter().filter_map(|t| parse_table(t).ok()).collect();
            Plan { display_path: format!("{corpus_name}/{}", entry.file), level, tables, path, entry }
        })
        .collect();
    Ok(plans)
}
