//! Finding a plan's indicator tables from the text alone: header rows made of header vocabulary
//! (`header.rs`), in whichever encoding the conversion left them, with their caption, the table
//! kind and the role of every column.

use super::header::{self, Head, HeadKind, Under};
use super::region;
use super::rows::{is_seq, Role};
use super::value::looks_like_value;
use crate::text::tidy;
use atlas_data::{Period, Table};

/// A table found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub table: Table,
    /// 0-based index of the first header line: the table is read from here.
    pub start: usize,
    /// The caption above the header as printed, with its 1-based line, when there is one.
    pub caption: Option<(u32, String)>,
    /// The first header line as printed.
    pub header_text: String,
    pub columns: Vec<Role>,
    /// Columns that had to be inferred, and anything else a reviewer should know.
    pub notes: Vec<String>,
    /// 0-based index one past the table's last line.
    pub end: usize,
}

impl Found {
    pub fn header_line(&self) -> u32 {
        self.start as u32 + 1
    }
}

/// What detection saw: the tables to read (at most one of each kind) and header-like blocks it
/// left aside, each with its line and why.
#[derive(Debug, Default)]
pub struct Detection {
    pub tables: Vec<Found>,
    pub skipped: Vec<(u32, String)>,
}

/// Captions that name the plan's main table rather than a sector's.
const MAIN_CAPTION: [&str; 6] =
    ["经济社会发展", "社会经济发展", "国民经济", "规划主要指标", "规划主要目标", "主要指标完成"];

/// The indicator tables of a plan of period `plan`.
pub fn detect(lines: &[&str], plan: Period) -> Detection {
    let mut candidates: Vec<Found> = Vec::new();
    let mut skipped = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match header_at(lines, i, plan) {
            Some(Ok(found)) => {
                i = found.end.max(i + 1);
                candidates.push(found);
            }
            Some(Err(why)) => {
                skipped.push((i as u32 + 1, why));
                i += 1;
            }
            None => i += 1,
        }
    }
    let mut tables = Vec::new();
    for kind in Table::ALL {
        let of_kind: Vec<&Found> = candidates.iter().filter(|f| f.table == kind).collect();
        let main = of_kind
            .iter()
            .position(|f| f.caption.as_ref().is_some_and(|(_, c)| MAIN_CAPTION.iter().any(|m| tidy(c).contains(m))))
            .unwrap_or(0);
        for (k, f) in of_kind.iter().enumerate() {
            if k == main {
                tables.push((*f).clone());
            } else {
                let what = f.caption.as_ref().map_or("an untitled table".to_string(), |(_, c)| format!("`{c}`"));
                skipped.push((
                    f.header_line(),
                    format!("another {} indicator table, {what}, is not read", kind_name(kind, plan)),
                ));
            }
        }
    }
    tables.sort_by_key(|f| f.start);
    Detection { tables, skipped }
}

/// `十五五 targets`, `十四五 review`: a table as diagnostics name it.
pub fn kind_name(t: Table, plan: Period) -> String {
    match t {
        Table::Plan => format!("{} targets", plan.zh()),
        Table::Review => format!("{} review", plan.previous().zh()),
    }
}

fn tab_cells(line: &str) -> Vec<String> {
    line.trim_end().split('\t').map(tidy).collect()
}

/// A line of tab-separated cells (two tabs or more once trailing blanks are cut).
fn is_tab_row(line: &str) -> bool {
    line.trim_end().matches('\t').count() >= 2
}

fn own_kinds(heads: &[Head]) -> Vec<HeadKind> {
    let mut kinds: Vec<HeadKind> = Vec::new();
    for h in heads {
        let k = match h.kind {
            HeadKind::Level(_) => HeadKind::Level(None),
            k => k,
        };
        if k != HeadKind::Blank && !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    kinds
}

/// The header that starts at line `i`, if one does. `Err` for a header-like block that is not an
/// indicator table after all (no value column, or no way to tell its kind).
fn header_at(lines: &[&str], i: usize, plan: Period) -> Option<Result<Found, String>> {
    let line = lines[i];
    let first = tidy(line.trim_start_matches([' ', '\t']).split('\t').next().unwrap_or(""));
    let starts_header = header::tokens(&first).is_some_and(|t| {
        t.first().is_some_and(|t| matches!(t, header::Tok::Category | header::Tok::Seq | header::Tok::Name))
    });
    if !starts_header {
        return None;
    }
    let (heads, header_end, under) = if is_tab_row(line) { tab_header(lines, i)? } else { stream_header(lines, i)? };
    let kinds = own_kinds(&heads);
    if !kinds.contains(&HeadKind::Name) || kinds.len() < 3 {
        return None;
    }
    if !heads.iter().any(Head::is_value) {
        // A list of works or a glossary, not an indicator table.
        return None;
    }
    let caption = caption_above(lines, i);
    let Some(table) = header::table_kind(&heads, caption.as_ref().map_or("", |(_, c)| c.as_str()), plan) else {
        let message = format!(
            "a table header whose years say neither {} nor {}",
            kind_name(Table::Plan, plan),
            kind_name(Table::Review, plan)
        );
        return Some(Err(message));
    };
    let (columns, notes) = header::roles(table, plan, &heads, &under);
    let region = region::from_line(lines, i);
    let end = region.lines.last().map_or(header_end, |(n, _)| *n as usize).max(header_end);
    Some(Ok(Found { table, start: i, caption, header_text: line.to_string(), columns, notes, end }))
}

/// A header of tab-separated cells: the line at `i` and, when the next line carries only header
/// cells with years or growth, that sub-header line.
fn tab_header(lines: &[&str], i: usize) -> Option<(Vec<Head>, usize, Vec<Under>)> {
    let top = tab_cells(lines[i]);
    let filled: Vec<&String> = top.iter().filter(|c| !c.is_empty()).collect();
    let header_cells = filled.iter().filter(|c| header::is_header_text(c)).count();
    if filled.len() < 3 || header_cells * 5 < filled.len() * 3 {
        return None;
    }
    let next = (i + 1..lines.len().min(i + 3)).find(|&k| !lines[k].trim().is_empty());
    let sub = next.map(|k| (k, tab_cells(lines[k]))).filter(|(k, cells)| {
        lines[*k].contains('\t')
            && cells.iter().all(|c| c.is_empty() || header::is_header_text(c))
            && cells.iter().any(|c| {
                header::tokens(c)
                    .unwrap_or_default()
                    .iter()
                    .any(|t| matches!(t, header::Tok::Year(_) | header::Tok::Growth))
            })
    });
    let heads = header::positional(&top, sub.as_ref().map(|(_, c)| c.as_slice()));
    let header_end = sub.as_ref().map_or(i + 1, |(k, _)| k + 1);
    // What lies under each blank header cell, from the table's first rows.
    let rows: Vec<Vec<String>> = lines[header_end..]
        .iter()
        .take(60)
        .take_while(|l| l.trim().is_empty() || l.contains('\t'))
        .filter(|l| is_tab_row(l))
        .map(|l| tab_cells(l))
        .collect();
    let under = (0..heads.len())
        .map(|j| {
            let cells: Vec<&str> =
                rows.iter().filter_map(|r| r.get(j)).map(String::as_str).filter(|c| !c.is_empty()).collect();
            let values = cells.iter().filter(|c| looks_like_value(c)).count();
            if cells.is_empty() {
                Under::Empty
            } else if values * 2 > cells.len() {
                Under::Values { percent: cells.iter().any(|c| c.contains('%') || c.starts_with('[')) }
            } else {
                Under::Text
            }
        })
        .collect();
    Some((heads, header_end, under))
}

/// A header printed one cell per line: tab-led lines (a line without the tab continues the cell
/// above) or bare lines. Cells are read until the first that is not header text.
fn stream_header(lines: &[&str], i: usize) -> Option<(Vec<Head>, usize, Vec<Under>)> {
    let tab_led = lines[i].trim_start_matches(' ').starts_with('\t');
    let mut cells: Vec<String> = Vec::new();
    let mut end = i;
    for (k, line) in lines.iter().enumerate().skip(i).take(80) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let starts_cell = !tab_led || line.trim_start_matches(' ').starts_with('\t');
        // A whole header on one line with its cells separated by spaces (text pasted from a PDF).
        if let Some(parts) = spaced_header_cells(t) {
            cells.extend(parts);
            end = k + 1;
            continue;
        }
        let text = tidy(t);
        if is_seq(&text) {
            break;
        }
        let joined = cells.last().map(|prev| format!("{prev}{text}"));
        if starts_cell && header::is_header_text(&text) {
            cells.push(text);
        } else if let Some(joined) = joined.filter(|j| header::is_header_text(j)) {
            // A continuation line, or a word the conversion split (`完成` ␤ `情况`).
            if let Some(last) = cells.last_mut() {
                *last = joined;
            }
        } else {
            break;
        }
        end = k + 1;
    }
    if cells.len() < 3 {
        return None;
    }
    let heads = header::streamed(&cells);
    let under = vec![Under::Empty; heads.len()];
    Some((heads, end, under))
}

/// The cells of a header line whose cells are separated by spaces (`类别 序号 指标 2025年 2030年目标
/// 属性`): three or more parts, each header vocabulary. `None` for any other line.
pub fn spaced_header_cells(line: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    (parts.len() >= 3 && parts.iter().all(|p| header::is_header_text(p))).then_some(parts)
}

/// The caption printed just above a header (`专栏 2：“十四五”期间经济社会发展主要指标`), if any:
/// the nearest non-blank line within four lines that is short and not prose.
fn caption_above(lines: &[&str], i: usize) -> Option<(u32, String)> {
    let k = (i.saturating_sub(4)..i).rev().find(|&k| !lines[k].trim().is_empty())?;
    let printed = lines[k].trim().trim_end_matches('\t').trim();
    let text = tidy(&printed.replace('\t', " "));
    let captionish = text.contains("专栏") || text.contains("指标") || text.contains("目标") || text.starts_with('表');
    (captionish && text.chars().count() <= 60 && !text.ends_with('。')).then(|| (k as u32 + 1, printed.to_string()))
}

#[cfg(test)]
mod tests;
