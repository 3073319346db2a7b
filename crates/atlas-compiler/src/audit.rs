//! Two promises the compiler makes about what it read, checked after the fact on any text (the
//! fuzz target and the robustness tests call this):
//! - every value is traceable: a cell's printed text is on its row's line or the lines after it,
//!   up to the next row (a row wrapped over lines), so the widget's "source line" is right;
//! - every table row is read or reported: a table's numbered rows run 1, 2, 3 … in order, or a
//!   diagnostic cites a line of that table (a gap, a duplicate, a row out of place).

use crate::Compiled;
use std::collections::BTreeSet;

/// How many non-blank lines from a row's first line its cells may stand on (tables converted
/// from PDF print a cell per line).
const ROW_SPAN: usize = 12;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The broken promises, one sentence each; empty when both hold.
pub fn audit(text: &str, compiled: &Compiled) -> Vec<String> {
    let Some(locality) = &compiled.locality else { return Vec::new() };
    let lines: Vec<&str> = text.lines().collect();
    let squeezed: Vec<String> = lines.iter().map(|l| squeeze(l)).collect();
    let mut broken = Vec::new();
    for row in &locality.indicators {
        let first = (row.line as usize).saturating_sub(1);
        if first >= lines.len() {
            broken.push(format!("row `{}` cites line {} of {}", row.name, row.line, lines.len()));
            continue;
        }
        // A row's cells stand on the ROW_SPAN lines from its line, or up to the next row's line.
        let after: String =
            squeezed[first..].iter().filter(|l| !l.is_empty()).take(ROW_SPAN).map(String::as_str).collect();
        let next = locality.indicators.iter().map(|r| r.line as usize).filter(|&l| l > row.line as usize).min();
        let to_next: String =
            squeezed[first..next.map_or(first + 1, |n| (n - 1).min(lines.len()))].iter().map(String::as_str).collect();
        let near = if to_next.len() > after.len() { to_next } else { after };
        for (column, cell) in &row.cells {
            if !near.contains(&squeeze(&cell.raw)) {
                broken.push(format!(
                    "row `{}` line {}: {} `{}` is not printed there",
                    row.name,
                    row.line,
                    column.name(),
                    cell.raw
                ));
            }
        }
    }
    let tables: BTreeSet<_> = locality.indicators.iter().map(|r| r.table).collect();
    for table in tables {
        let rows: Vec<_> = locality.indicators.iter().filter(|r| r.table == table).collect();
        // Whole numbers only: sub-rows are numbered `15-1` or not at all.
        let numbers: Vec<u32> = rows.iter().filter_map(|r| r.seq.as_deref()?.parse().ok()).collect();
        let in_order = numbers.iter().enumerate().all(|(i, n)| *n == i as u32 + 1);
        if numbers.is_empty() || in_order {
            continue;
        }
        let low = rows.iter().map(|r| r.line).min().unwrap_or(0);
        let high = rows.iter().map(|r| r.line).max().unwrap_or(0);
        let span = ROW_SPAN as u32;
        let reported = compiled.diagnostics.iter().any(|d| d.line + span >= low && d.line <= high + span);
        if !reported {
            broken
                .push(format!("{} table numbered {numbers:?} (lines {low}–{high}) with no diagnostic", table.as_str()));
        }
    }
    broken
}
