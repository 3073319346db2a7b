//! Indicator tables: find each table, learn its columns, read its cells, assemble rows.
//!
//! Tables are found and their columns named from the text (`detect.rs`, `header.rs`): headers are
//! split, merged and garbled by the conversion, so they are read as vocabulary, not by position of
//! characters. `plans.toml` may still declare a table (`[[plan.table]]`: caption text and columns)
//! for a text that defeats detection. Everything else — where rows start and end, which cells were
//! lost, sub-rows, categories — is read from the rows themselves.

pub mod detect;
pub mod header;
pub mod region;
pub mod rows;
pub mod segment;
pub mod value;

use atlas_data::Table;
pub use rows::{Role, Row, RowIssue};

/// One indicator table as declared in `plans.toml` (an override of detection).
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub table: Table,
    /// Text on the table's caption (or header) line; the first line containing it is the anchor.
    pub anchor: String,
    pub columns: Vec<Role>,
}

pub struct Extracted {
    pub anchor_line: u32,
    pub rows: Vec<Row>,
    pub issues: Vec<RowIssue>,
}

/// Reads the table `spec` from `lines`; `None` when its anchor text is not found.
pub fn extract(lines: &[&str], spec: &TableSpec) -> Option<Extracted> {
    let (anchor_line, region) = region::find(lines, &spec.anchor, 1)?;
    let (rows, issues) = read(lines, &region, &spec.columns);
    Some(Extracted { anchor_line, rows, issues })
}

/// Reads a table that detection found.
pub fn extract_found(lines: &[&str], found: &detect::Found) -> Extracted {
    let region = region::from_line(lines, found.start);
    let (rows, issues) = read(lines, &region, &found.columns);
    Extracted { anchor_line: found.header_line(), rows, issues }
}

/// How many lines after a table its notes may run.
const NOTE_LINES: usize = 6;

/// Whether the table's note says its mark means an estimate (`注：带∗为预计数`).
fn marks_estimates(lines: &[&str], region: &region::Region) -> bool {
    let after = region.lines.last().map_or(0, |(n, _)| *n as usize);
    lines.iter().skip(after).take(NOTE_LINES).any(|l| {
        let l = crate::text::normalize_width(l);
        l.contains("预计") && l.contains(value::VALUE_MARKS)
    })
}

fn read(lines: &[&str], region: &region::Region, columns: &[Role]) -> (Vec<Row>, Vec<RowIssue>) {
    let (mut rows, mut issues) = read_rows(region, columns);
    for issue in numbering_issues(&rows) {
        if !issues.iter().any(|i| i.line == issue.line) {
            issues.push(issue);
        }
    }
    if marks_estimates(lines, region) {
        for c in rows.iter_mut().flat_map(|r| r.cells.values_mut()).filter(|c| value::has_mark(&c.raw)) {
            c.estimate = true;
        }
    }
    (rows, issues)
}

/// Whatever encoding a table came in, its rows' whole numbers must run 1, 2, 3 …: a jump means a
/// row was lost (or its number garbled), a step back a row out of place. Each is reported at the
/// row where the numbering breaks, so that no row goes missing silently.
fn numbering_issues(rows: &[Row]) -> Vec<RowIssue> {
    let mut issues = Vec::new();
    let mut last = 0u32;
    for row in rows {
        let Some(n) = row.seq.as_deref().and_then(|s| s.parse::<u32>().ok()) else { continue };
        let message = if n == last + 1 {
            None
        } else if n > last + 1 && last + 1 == n - 1 {
            Some(format!("row {} is missing: the numbering goes from {last} to {n}", last + 1))
        } else if n > last + 1 {
            Some(format!("rows {}–{} are missing: the numbering goes from {last} to {n}", last + 1, n - 1))
        } else {
            Some(format!("row {n} comes after row {last}: the numbering is out of order"))
        };
        if let Some(message) = message {
            issues.push(RowIssue { line: row.line, message });
        }
        last = n;
    }
    issues
}

fn read_rows(region: &region::Region, columns: &[Role]) -> (Vec<Row>, Vec<RowIssue>) {
    match region.encoding {
        region::Encoding::BareCells | region::Encoding::SpacedCells => {
            let cells = region.cells();
            if segment::applies(columns, &cells) {
                segment::assemble(columns, &cells)
            } else {
                rows::assemble_stream(columns, &cells)
            }
        }
        _ => rows::assemble_positional(columns, &region.rows()),
    }
}
