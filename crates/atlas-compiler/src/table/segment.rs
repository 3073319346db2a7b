//! Reading a table printed as a stream of cells: one cell per line (a web page's text, bare cells)
//! or cells separated by spaces and wrapped over lines where the page's columns cut them (text
//! pasted from a PDF). Rows are told apart by their printed numbers, 1…N in order; within a row,
//! cells a wrap split are joined again (an open bracket, a trailing `,` or `/`, a note `（2024年）`
//! or a suffix `左右` on the next line), and the rest are grouped into name, unit and values by what
//! each cell is and how many value columns the header declares. Two self-checks report, with their
//! line, what the printed table says and the rows read do not: a gap in the numbering, and a
//! category whose printed count (`经济发展（7项）`) differs from the rows read under it.

use super::region::RawCell;
use super::rows::{category_text, is_header_cell, looks_like_unit, parse_attribute, split_name, Role, Row, RowIssue};
use super::value::{looks_like_value, parse_cell};
use atlas_data::{Attribute, Column};
use std::collections::BTreeMap;

/// The shape the header declares.
struct Layout {
    /// Value slots in printed order; `None` for a column that is not read.
    slots: Vec<Option<Column>>,
    has_unit: bool,
    /// The attribute is the last column: cells after it belong to the next row's category.
    attribute_last: bool,
    /// The attribute is printed before the values (`序号 指标 单位 属性 2030年 …`).
    attribute_first: bool,
}

impl Layout {
    fn of(columns: &[Role]) -> Layout {
        let first_value = columns.iter().position(|r| matches!(r, Role::Value(_))).unwrap_or(columns.len());
        let slots = super::rows::value_slots(columns);
        let last = columns.iter().rev().find(|r| **r != Role::Skip);
        let attribute_first = columns.iter().position(|r| *r == Role::Attribute).is_some_and(|a| a < first_value);
        Layout {
            slots,
            has_unit: columns.contains(&Role::Unit),
            attribute_last: last == Some(&Role::Attribute),
            attribute_first,
        }
    }
}

/// Whether this reader can read the table: it has a row-number column and its first row is printed.
pub fn applies(columns: &[Role], cells: &[RawCell]) -> bool {
    columns.contains(&Role::Seq) && !numbered(cells).0.is_empty()
}

/// Reads the stream into rows.
pub fn assemble(columns: &[Role], cells: &[RawCell]) -> (Vec<Row>, Vec<RowIssue>) {
    let layout = Layout::of(columns);
    let (starts, mut issues) = numbered(cells);
    let mut reader = Reader { layout, rows: Vec::new(), issues: Vec::new(), category: None, counts: Vec::new() };
    reader.issues.append(&mut issues);
    let first = starts.first().map_or(cells.len(), |(k, _)| *k);
    // Before the first row: the header's cells, then the first category.
    let lead: Vec<RawCell> =
        cells[..first].iter().skip_while(|c| is_header_cell(&c.text) || is_header_word(&c.text)).cloned().collect();
    reader.category_from(&lead);
    for (n, (k, seq)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(cells.len(), |(next, _)| *next);
        reader.row(seq, cells[*k].line, &cells[k + 1..end]);
    }
    reader.check_counts();
    (reader.rows, reader.issues)
}

fn is_header_word(s: &str) -> bool {
    super::header::is_header_text(s)
}

/// A count printed after a category: `（7项）`, `(5项)`.
fn count_of(s: &str) -> Option<usize> {
    let t = crate::text::normalize_width(s);
    let inner = t.trim().strip_prefix('(')?.strip_suffix(')')?.strip_suffix('项')?;
    inner.trim().parse().ok()
}

/// The cells that start numbered rows, in order (`1`, `2` … and sub-numbers `15-1`), and the gaps
/// in the numbering. A number is a row's only when a name follows it and it is above the last one,
/// so a value that happens to be a small number is not taken for one.
fn numbered(cells: &[RawCell]) -> (Vec<(usize, String)>, Vec<RowIssue>) {
    let mut starts = Vec::new();
    let mut issues = Vec::new();
    let mut last = 0usize;
    for (k, c) in cells.iter().enumerate() {
        let t = c.text.trim();
        let next_is_name = cells.get(k + 1).is_some_and(|n| {
            kind(n) == Kind::Text && parse_attribute(&n.text).is_none() && count_of(&n.text).is_none()
        });
        if !next_is_name {
            continue;
        }
        let sub_of_last =
            last > 0 && t.split_once('-').is_some_and(|(a, b)| a == last.to_string() && b.parse::<u8>().is_ok());
        if sub_of_last {
            starts.push((k, t.to_string()));
            continue;
        }
        let Some(n) = t.parse::<usize>().ok().filter(|n| *n > last && (last > 0 || *n == 1) && t.len() <= 3) else {
            continue;
        };
        if n > last + 1 {
            let missing =
                if n == last + 2 { format!("row {}", last + 1) } else { format!("rows {}–{}", last + 1, n - 1) };
            issues.push(RowIssue {
                line: c.line,
                message: format!("{missing} not found: the printed numbers jump from {last} to {n}"),
            });
        }
        starts.push((k, t.to_string()));
        last = n;
    }
    (starts, issues)
}

/// What a cell is, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Value,
    Text,
}

fn kind(c: &RawCell) -> Kind {
    if looks_like_value(&c.text) && !starts_a_name(&c.text) {
        Kind::Value
    } else {
        Kind::Text
    }
}

/// A name that begins with a figure (`3岁以下婴幼儿入托率提高(百分点)`): it ends with its unit in
/// brackets, or it is long words after the figure, where a value has at most a short note.
fn starts_a_name(s: &str) -> bool {
    let s = s.trim();
    let cjk = s.chars().filter(|c| crate::text::is_cjk(*c)).count();
    s.starts_with(|c: char| c.is_ascii_digit()) && (split_name(s).1.is_some() || cjk >= 8)
}

/// Opening brackets not closed in `s`.
fn open_brackets(s: &str) -> i32 {
    s.chars().fold(0, |n, c| match c {
        '(' | '（' | '[' | '【' | '［' | '〔' => n + 1,
        ')' | '）' | ']' | '】' | '］' | '〕' => n - 1,
        _ => n,
    })
}

/// `b` continues `a`: what a line break cut (a bracket is joined in [`rejoin`]).
fn continues(a: &RawCell, b: &RawCell) -> bool {
    let (at, bt) = (a.text.trim(), b.text.trim());
    let note = |s: &str| {
        (s.starts_with('（') || s.starts_with('('))
            && (s.contains('年') || s.contains("预计") || s.contains("预估"))
            && s.chars().count() <= 12
    };
    (at.ends_with([',', '，', '、', '/', '／']) && kind(b) == Kind::Text)
        || ["左右", "以上", "以下", "以内"].contains(&bt)
        || (note(bt) && looks_like_value(at))
}

/// The most lines a wrapped indicator name spans (plans print names over two or three).
const MAX_NAME_LINES: usize = 6;

/// Joins `b` to `a`: across lines directly (a wrap), on one line with the space that was there.
fn join(a: &mut RawCell, b: &RawCell) {
    if a.line == b.line {
        a.text.push(' ');
    }
    a.text.push_str(b.text.trim());
}

/// Rejoins what line breaks cut. A bracket left open is joined with the cells up to the one that
/// closes it, within two cells (`细颗粒物（PM` ␤ `2.5` ␤ `）浓度`); one that never closes was cut by
/// the page and stays as printed.
fn rejoin(cells: &[RawCell]) -> Vec<RawCell> {
    let mut out: Vec<RawCell> = Vec::new();
    let mut k = 0;
    while k < cells.len() {
        let c = &cells[k];
        match out.last_mut() {
            Some(last) if continues(last, c) => join(last, c),
            _ => out.push(c.clone()),
        }
        k += 1;
        let Some(last) = out.last_mut() else { continue };
        if open_brackets(&last.text) > 0 {
            let mut depth = open_brackets(&last.text);
            let closes = cells[k..].iter().take(2).position(|c| {
                depth += open_brackets(&c.text);
                depth <= 0
            });
            if let Some(p) = closes {
                for c in &cells[k..=k + p] {
                    join(last, c);
                }
                k += p + 1;
            }
        }
    }
    out
}

/// Joins adjacent cells until there are no more than `n`: words with words first (`稳步` ␤ `提高`),
/// then words after a value (`4.5-5,努力争取` ␤ `更好结果`).
fn fit(mut cells: Vec<RawCell>, n: usize) -> Vec<RawCell> {
    for pass in [(Kind::Text, Kind::Text), (Kind::Value, Kind::Text)] {
        while cells.len() > n {
            let Some(k) = (1..cells.len()).find(|&k| (kind(&cells[k - 1]), kind(&cells[k])) == pass) else { break };
            let b = cells.remove(k);
            join(&mut cells[k - 1], &b);
        }
    }
    cells
}

/// Cells a wrap split, as one text.
fn joined(cells: &[RawCell]) -> String {
    cells.iter().map(|c| c.text.trim()).collect()
}

/// A name that ends with its unit in brackets (`执业医师数（人）`): complete.
fn names_unit(c: &RawCell) -> bool {
    split_name(&c.text).1.is_some()
}

struct Reader {
    layout: Layout,
    rows: Vec<Row>,
    issues: Vec<RowIssue>,
    category: Option<String>,
    /// Each printed category count: (line, category, count, index of its first row).
    counts: Vec<(u32, String, usize, usize)>,
}

struct Group {
    name: Vec<RawCell>,
    unit: Option<String>,
    values: Vec<RawCell>,
    /// Printed in the group's own cells (each sub-row may print one).
    attribute: Option<Attribute>,
}

impl Reader {
    fn issue(&mut self, line: u32, message: String) {
        self.issues.push(RowIssue { line, message });
    }

    /// A category printed over one or more cells, with its count (`创新` ␤ `发展` ␤ `(5项)`).
    fn category_from(&mut self, cells: &[RawCell]) {
        let words: Vec<&RawCell> = cells.iter().filter(|c| count_of(&c.text).is_none()).collect();
        if words.is_empty() {
            return;
        }
        let text: String = words.iter().map(|c| c.text.trim()).collect();
        let text = category_text(&text);
        if let Some(count) = cells.iter().find_map(|c| count_of(&c.text)) {
            self.counts.push((words[0].line, text.clone(), count, self.rows.len()));
        }
        self.category = Some(text);
    }

    fn row(&mut self, seq: &str, line: u32, cells: &[RawCell]) {
        let mut body: Vec<RawCell> = cells.to_vec();
        let mut tail: Vec<RawCell> = Vec::new();
        if let Some(p) = body.iter().rposition(|c| parse_attribute(&c.text).is_some()) {
            // Words alone after the last attribute are the next category; with values they are
            // a sub-row that printed none.
            if self.layout.attribute_last && body[p + 1..].iter().all(|c| kind(c) == Kind::Text) {
                tail = body.split_off(p + 1);
            }
        } else if let Some(p) = body.iter().position(|c| count_of(&c.text).is_some()) {
            // No attribute to end the row: the category is the words just before its count.
            let q =
                (0..p).rev().take_while(|&i| kind(&body[i]) == Kind::Text && body[i].text.chars().count() <= 8).last();
            tail = body.split_off(q.unwrap_or(p));
        }
        let body = rejoin(&body);
        let groups = self.groups(&body, line);
        let first_row = self.rows.len();
        // The first group names the others' parent; it is a row of its own when it has values.
        let parent = (groups.len() > 1).then(|| split_name(&joined(&groups[0].name)).0);
        // An attribute printed once after the last sub-row spans them all (a merged cell); one
        // printed within a group is that group's.
        let spanning = match groups.split_last() {
            Some((last, others)) if others.iter().all(|g| g.attribute.is_none()) => last.attribute,
            _ => None,
        };
        for (k, g) in groups.into_iter().enumerate() {
            if k == 0 && parent.is_some() && g.values.is_empty() {
                continue;
            }
            let first = self.rows.len() == first_row;
            let seq = first.then(|| seq.to_string());
            let parent = if k == 0 { None } else { parent.clone() };
            let attribute = g.attribute.or(spanning);
            // A numbered row is cited at its number, a sub-row at its name.
            let at = if first { line } else { g.name.first().map_or(line, |c| c.line) };
            self.push(seq, parent, g, attribute, at, k);
        }
        if self.rows.len() == first_row {
            self.issue(line, format!("row {seq} has no indicator name"));
        }
        if !tail.is_empty() {
            self.category_from(&tail);
        }
    }

    /// The body's name, unit and values, and its sub-rows: a name with no values followed by names
    /// with units (`每千人口拥有医护人员数` ␤ `执业医师数（人）` …) is their parent only; a named row
    /// with values followed by further named values (`居民人均可支配收入 … 城镇(元) …`) is a row and
    /// their parent.
    fn groups(&mut self, body: &[RawCell], line: u32) -> Vec<Group> {
        if body.is_empty() {
            return Vec::new();
        }
        let named_parts = (1..body.len()).filter(|&i| kind(&body[i]) == Kind::Text && names_unit(&body[i])).count();
        let parent_only =
            named_parts >= 2 && kind(&body[0]) == Kind::Text && !names_unit(&body[0]) && names_unit(&body[1]);
        let mut groups = Vec::new();
        let mut i = 0;
        if parent_only {
            groups.push(Group { name: vec![body[0].clone()], unit: None, values: Vec::new(), attribute: None });
            i = 1;
        }
        while i < body.len() {
            let (group, next) = self.group_at(body, i, line);
            groups.push(group);
            i = next.max(i + 1);
        }
        groups
    }

    /// The group starting at `start`, and where the next one starts.
    fn group_at(&mut self, cells: &[RawCell], start: usize, line: u32) -> (Group, usize) {
        let n = self.layout.slots.len();
        let is_attribute = |c: &RawCell| parse_attribute(&c.text).is_some();
        // The group's cells end at its attribute, if it prints one.
        let limit = cells[start..].iter().position(is_attribute).map_or(cells.len(), |p| start + p);
        let mut name = vec![cells[start].clone()];
        let mut unit = None;
        let mut i = start + 1;
        if self.layout.has_unit {
            // The unit is the last short cell before the values.
            let first_value = (i..limit).find(|&k| kind(&cells[k]) == Kind::Value).unwrap_or(limit);
            // Values the words did not give away: as many cells as value columns end the group.
            let first_value = if first_value == limit && !self.layout.attribute_first {
                limit.saturating_sub(n).max(i)
            } else {
                first_value
            };
            let before = &cells[i..first_value];
            match before.split_last() {
                Some((u, rest)) if looks_like_unit(&u.text) || u.text.chars().count() <= 6 => {
                    name.extend(rest.iter().cloned());
                    unit = Some(u.text.trim().to_string());
                }
                _ => name.extend(before.iter().cloned()),
            }
            i = first_value;
        } else {
            // A name wrapped over lines, until it closes with its unit or only values are left.
            while i < limit
                && kind(&cells[i]) == Kind::Text
                && limit - i > n
                && !names_unit(&RawCell::new(name.iter().map(|c| c.text.trim()).collect::<String>(), line))
            {
                name.push(cells[i].clone());
                i += 1;
            }
        }
        let mut values: Vec<RawCell> = Vec::new();
        let mut attribute = None;
        while let Some(c) = cells.get(i) {
            if is_attribute(c) {
                attribute = parse_attribute(&c.text);
                i += 1;
                if self.layout.attribute_first && values.is_empty() {
                    continue;
                }
                break;
            }
            // Past a full set of values, a name (with its unit, or followed by values) starts a sub-row.
            let next_is_value = cells.get(i + 1).is_some_and(|v| kind(v) == Kind::Value);
            if values.len() >= n && kind(c) == Kind::Text && (names_unit(c) || next_is_value) {
                break;
            }
            values.push(c.clone());
            i += 1;
        }
        (Group { name, unit, values: fit(values, n), attribute }, i)
    }

    fn push(
        &mut self,
        seq: Option<String>,
        parent: Option<String>,
        g: Group,
        attribute: Option<Attribute>,
        line: u32,
        k: usize,
    ) {
        let slots = self.layout.slots.clone();
        let levels: Vec<Option<Column>> = slots.iter().copied().filter(|c| c.is_none_or(|c| !c.is_growth())).collect();
        let assigned: Vec<(Column, &RawCell)> = if g.values.len() < slots.len() && g.values.len() == levels.len() {
            // Only the levels printed: the growth columns were left blank.
            levels.iter().zip(&g.values).filter_map(|(c, v)| Some(((*c)?, v))).collect()
        } else {
            if g.values.len() != slots.len() {
                let message = format!(
                    "{} value cells for {} columns; read from the left{}",
                    g.values.len(),
                    slots.len(),
                    if g.values.len() > slots.len() { ", the rest not read" } else { "" }
                );
                self.issue(line, message);
            }
            slots.iter().zip(&g.values).filter_map(|(c, v)| Some(((*c)?, v))).collect()
        };
        // A name wraps over a few lines; cells over many more are not one name (a conversion that
        // repeated a line): the row is reported rather than read with a name made of them.
        let spanned = match (g.name.first(), g.name.last()) {
            (Some(a), Some(b)) => b.line.saturating_sub(a.line) as usize + 1,
            _ => 0,
        };
        if spanned > MAX_NAME_LINES {
            let first = g.name.first().map_or(String::new(), |c| c.text.trim().to_string());
            self.issue(line, format!("the name `{first}…` runs over {spanned} lines; the row is not read"));
            return;
        }
        let raw_name = joined(&g.name);
        let (name, name_unit, marker) = split_name(&raw_name);
        if name.is_empty() || (k == 0 && kind(&RawCell::new(raw_name.clone(), line)) == Kind::Value) {
            self.issue(line, format!("expected an indicator name, found `{raw_name}`"));
            return;
        }
        let cells: BTreeMap<Column, atlas_data::Cell> = assigned
            .into_iter()
            .filter(|(_, c)| !c.text.trim().is_empty())
            .map(|(col, c)| (col, parse_cell(&c.text)))
            .collect();
        let unit = g.unit.filter(|u| !super::value::is_dash(u)).map(|u| crate::text::tidy(&u)).or(name_unit);
        self.rows.push(Row {
            category: self.category.clone(),
            seq,
            parent,
            name,
            unit,
            marker,
            attribute,
            line,
            cells,
        });
    }

    /// Each printed category count against the numbered rows read under it.
    fn check_counts(&mut self) {
        let counts = std::mem::take(&mut self.counts);
        for (k, (line, name, count, first)) in counts.iter().enumerate() {
            let end = counts.get(k + 1).map_or(self.rows.len(), |next| next.3);
            let read = self.rows[*first..end].iter().filter(|r| r.seq.is_some()).count();
            if read != *count {
                self.issue(*line, format!("category {name} prints {count} indicators, {read} were read"));
            }
        }
    }
}
