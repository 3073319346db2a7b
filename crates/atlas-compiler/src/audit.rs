//! Two promises the compiler makes about what it read, checked after the fact on any text (the
//! fuzz target and the robustness tests call this):
//! - every value is traceable: a cell's printed text is on its row's line or the lines after it,
//!   up to the next row (a row wrapped over lines), so the widget's "source line" is right;
//! - every table row is read or reported: a table's numbered rows run 1, 2, 3 … in order, or a
//!   diagnostic cites a line of that table (a gap, a duplicate, a row out of place).

use crate::Compiled;
use std::collections::BTreeSet;

/// How many non-blank lines from a row's first line its cells may stand on (tables converted
/// from PDF print a cell per line), or as many as the longest row of its table takes.
const ROW_SPAN: usize = 12;
/// The same for the last row of a table, which no next row bounds: a row printed a cell per line
/// with its name wrapped over several lines (wide review tables print some twenty cells a row).
const LAST_ROW_SPAN: usize = 4 * ROW_SPAN;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The broken promises, one sentence each; empty when both hold.
pub fn audit(text: &str, compiled: &Compiled) -> Vec<String> {
    let Some(locality) = &compiled.locality else { return Vec::new() };
    let lines: Vec<&str> = text.lines().collect();
    let squeezed: Vec<String> = lines.iter().map(|l| squeeze(l)).collect();
    let mut broken = Vec::new();
    // The most non-blank lines a row of each table spans up to the next row.
    let mut longest = std::collections::BTreeMap::new();
    for row in &locality.indicators {
        let next =
            locality.indicators.iter().filter(|r| r.table == row.table && r.line > row.line).map(|r| r.line).min();
        let between = next
            .and_then(|n| squeezed.get((row.line as usize).saturating_sub(1)..(n as usize - 1).min(squeezed.len())));
        if let Some(between) = between {
            let lines = between.iter().filter(|l| !l.is_empty()).count();
            let span = longest.entry(row.table).or_insert(ROW_SPAN);
            *span = (*span).max(lines);
        }
    }
    for row in &locality.indicators {
        let first = (row.line as usize).saturating_sub(1);
        if first >= lines.len() {
            broken.push(format!("row `{}` cites line {} of {}", row.name, row.line, lines.len()));
            continue;
        }
        // A row's cells stand on the ROW_SPAN lines from its line, or up to the next row's line.
        let last = !locality.indicators.iter().any(|r| r.table == row.table && r.line > row.line);
        let span = longest.get(&row.table).copied().unwrap_or(ROW_SPAN).max(if last { LAST_ROW_SPAN } else { 0 });
        let after: String = squeezed[first..].iter().filter(|l| !l.is_empty()).take(span).map(String::as_str).collect();
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
