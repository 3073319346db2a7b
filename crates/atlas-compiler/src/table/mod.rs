//! Indicator tables: find each declared table, read its cells, assemble rows.
//!
//! What a table's columns are is declared in `corpus/plans.toml` (headers are split, merged and
//! garbled by the conversion, so they are not a reliable source); everything else — where rows
//! start and end, which cells were lost, sub-rows, categories — is read from the text.

pub mod region;
pub mod rows;
pub mod value;

use atlas_data::Table;
pub use rows::{Role, Row, RowIssue};

/// One indicator table as declared in `plans.toml`.
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
    let (rows, issues) = match region.encoding {
        region::Encoding::BareCells => rows::assemble_stream(&spec.columns, &region.cells()),
        _ => rows::assemble_positional(&spec.columns, &region.rows()),
    };
    Some(Extracted { anchor_line, rows, issues })
}
