//! `atlas check`'s coverage report: per plan, how much of it the compiler read — rows per table,
//! cells read as numbers versus kept as printed text only, projects, layout elements and places
//! located — with every diagnostic about that plan.

use atlas_data::{Bundle, Diagnostic, Locality, Severity, Table};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Coverage {
    pub id: String,
    pub name: String,
    pub file: String,
    /// The plan's period (15 for 十五五).
    pub period: u8,
    /// Rows of its target table and of its review of the previous period.
    pub rows_plan: usize,
    pub rows_review: usize,
    /// Cells whose number was read.
    pub cells_parsed: usize,
    /// Cells kept as printed text only (`完成省定目标`, `12.2:53.4:34.4`).
    pub cells_raw_only: usize,
    pub projects: usize,
    pub layouts: usize,
    pub elements: usize,
    /// Elements with at least one place located on the map.
    pub elements_located: usize,
    pub places: usize,
    pub places_located: usize,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn of(bundle: &Bundle) -> Vec<Coverage> {
    bundle.core.localities.iter().map(|l| locality(l, &bundle.core.diagnostics)).collect()
}

fn locality(l: &Locality, diagnostics: &[Diagnostic]) -> Coverage {
    let rows = |t| l.indicators.iter().filter(|i| i.table == t).count();
    let cells = l.indicators.iter().flat_map(|i| i.cells.values());
    let (parsed, raw_only) = cells.fold((0, 0), |(p, r), c| if c.value.is_some() { (p + 1, r) } else { (p, r + 1) });
    let elements: Vec<&atlas_data::Element> = l.layouts.iter().flat_map(|x| &x.elements).collect();
    let places: Vec<&atlas_data::Place> = elements.iter().flat_map(|e| &e.places).collect();
    Coverage {
        id: l.id.clone(),
        name: l.name.clone(),
        file: l.source.clone(),
        period: l.period.number(),
        rows_plan: rows(Table::Plan),
        rows_review: rows(Table::Review),
        cells_parsed: parsed,
        cells_raw_only: raw_only,
        projects: l.projects.len(),
        layouts: l.layouts.len(),
        elements: elements.len(),
        elements_located: elements.iter().filter(|e| e.places.iter().any(|p| p.lon.is_some())).count(),
        places: places.len(),
        places_located: places.iter().filter(|p| p.lon.is_some()).count(),
        diagnostics: diagnostics.iter().filter(|d| d.file == l.source).cloned().collect(),
    }
}

pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The report as text, one block per plan, then the diagnostics about no plan in particular.
pub fn to_text(report: &[Coverage], bundle: &Bundle) -> String {
    let mut out = String::new();
    for c in report {
        out.push_str(&format!("{} {} ({})\n", c.id, c.name, c.file));
        let period = atlas_data::Period(c.period);
        out.push_str(&format!(
            "  indicator rows   {} ({} targets) / {} ({} review)\n",
            c.rows_plan,
            period.zh(),
            c.rows_review,
            period.previous().zh()
        ));
        out.push_str(&format!(
            "  cells            {} read as numbers, {} kept as printed text\n",
            c.cells_parsed, c.cells_raw_only
        ));
        out.push_str(&format!("  projects         {}\n", c.projects));
        out.push_str(&format!(
            "  layouts          {} with {} elements, {} located; places {} of {} located\n",
            c.layouts, c.elements, c.elements_located, c.places_located, c.places
        ));
        for d in &c.diagnostics {
            out.push_str(&format!("  {}:{}: {}: {}\n", d.file, d.line, severity_word(d.severity), d.message));
        }
    }
    let files: Vec<&str> = report.iter().map(|c| c.file.as_str()).collect();
    let general: Vec<&Diagnostic> =
        bundle.core.diagnostics.iter().filter(|d| !files.contains(&d.file.as_str())).collect();
    if !general.is_empty() {
        out.push_str("build\n");
        for d in general {
            out.push_str(&format!("  {}:{}: {}: {}\n", d.file, d.line, severity_word(d.severity), d.message));
        }
    }
    out
}
