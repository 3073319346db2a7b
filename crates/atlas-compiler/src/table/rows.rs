//! Assembling indicator rows from cells, given the table's declared columns.
//!
//! Positional rows (tab encodings) are aligned on the row number where there is one, else on the
//! first value cell, because PDF conversion drops leading columns on some rows. Bare-cell streams
//! are read with a small state machine: a row number starts a row, an attribute (预期性/约束性)
//! or a full set of values ends it, and a name with no number is a sub-row of the row above.

use super::region::RawCell;
use super::value::{looks_like_value, parse_cell};
use atlas_data::{Attribute, Column, Marker};
use std::collections::BTreeMap;

/// What a declared column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Category,
    Seq,
    Name,
    /// A second name column (sub-indicator), as in 株洲's 十三五 table.
    SubName,
    Unit,
    Attribute,
    Value(Column),
    /// A column whose header was not understood: it keeps its place, its cells are not read.
    Skip,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "category" => Role::Category,
            "seq" => Role::Seq,
            "name" => Role::Name,
            "subname" => Role::SubName,
            "unit" => Role::Unit,
            "attribute" => Role::Attribute,
            "skip" => Role::Skip,
            // `y2016` is how manifests written before periods were data named a year of a series.
            other => match other.strip_prefix('y').and_then(|y| y.parse::<u16>().ok()) {
                Some(year) => Role::Value(Column::value(year)),
                None => Role::Value(Column::parse(other)?),
            },
        })
    }
}

impl Role {
    /// The name `plans.toml` uses for this role (`target_2030` for a value column).
    pub fn name(self) -> String {
        match self {
            Role::Category => "category",
            Role::Seq => "seq",
            Role::Name => "name",
            Role::SubName => "subname",
            Role::Unit => "unit",
            Role::Attribute => "attribute",
            Role::Skip => "skip",
            Role::Value(c) => return c.name(),
        }
        .to_string()
    }
}

/// A row before canonical keys are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub category: Option<String>,
    pub seq: Option<String>,
    pub parent: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub marker: Option<Marker>,
    pub attribute: Option<Attribute>,
    pub line: u32,
    pub cells: BTreeMap<Column, atlas_data::Cell>,
}

/// A problem with one row, reported with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct RowIssue {
    pub line: u32,
    pub message: String,
}

pub fn is_seq(s: &str) -> bool {
    let mut parts = s.split('-');
    let ok =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    let first = parts.next();
    ok(first) && parts.clone().count() <= 1 && parts.all(|p| ok(Some(p)))
}

pub(super) fn parse_attribute(s: &str) -> Option<Attribute> {
    match s {
        "预期性" | "预期" => Some(Attribute::Expected),
        "约束性" | "约束" => Some(Attribute::Binding),
        _ => None,
    }
}

/// Header and caption cells that repeat after page breaks.
pub(super) fn is_header_cell(s: &str) -> bool {
    let s = crate::text::tidy(s);
    let s = s.as_str();
    const WORDS: [&str; 13] = [
        "序号",
        "类别",
        "指标类型",
        "指标",
        "指标名称",
        "单位",
        "属性",
        "规划目标",
        "完成情况",
        "实际完成",
        "目标值",
        "绝对值",
        "年均",
    ];
    WORDS.contains(&s)
        || s.starts_with("专栏")
        || s.starts_with("“十")
        || s.starts_with("年均增")
        || s.starts_with("增长(%")
        || s.contains("主要指标")
        || s.contains("主要目标")
        || (s.len() > 4 && s.starts_with("20") && s.contains('年') && s.chars().take(4).all(|c| c.is_ascii_digit()))
}

/// `一、经济发展（9 项）` → `经济发展`; `、经济发展(6项)` → `经济发展`.
pub(super) fn category_text(s: &str) -> String {
    let s = crate::text::tidy(s);
    let s = s.trim_start_matches(|c: char| "一二三四五六七八九十、.".contains(c));
    let s = match s.find(['(', '（']) {
        Some(i) if s[i..].contains('项') => &s[..i],
        _ => s,
    };
    s.trim().to_string()
}

fn is_category_line(s: &str) -> bool {
    let s = crate::text::tidy(s);
    let head = s.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    head.starts_with('、') && (s.contains('项') || s.chars().count() <= 12)
}

const UNIT_WORDS: [&str; 37] = [
    "%",
    "百分点",
    "亿斤",
    "百亿元",
    "万亿元",
    "家",
    "平方公里",
    "亿立方米",
    "微克",
    "毫克",
    "人次",
    "万人次",
    "套",
    "万套",
    "‰",
    "元",
    "万元",
    "亿元",
    "美元",
    "亿美元",
    "万美元",
    "人",
    "万人",
    "个",
    "件",
    "岁",
    "年",
    "张",
    "亩",
    "万亩",
    "吨",
    "万吨",
    "平方米",
    "公里",
    "公顷",
    "立方米",
    "次",
];

/// Whether a cell is a unit (`亿元`, `万元/人`, `%`, or a clipped `万元/`).
pub fn looks_like_unit(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 8 || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    UNIT_WORDS.contains(&s)
        || s.split(['/', '每'])
            .filter(|p| !p.is_empty())
            .all(|p| UNIT_WORDS.contains(&p) || p.ends_with('米') || p.ends_with("标煤") || p.ends_with("标准煤"))
}

/// Splits `地区生产总值 GDP 增长 (%) ☆` into name `地区生产总值GDP增长`, unit `%`, marker ☆.
pub fn split_name(raw: &str) -> (String, Option<String>, Option<Marker>) {
    let mut s = raw.trim().to_string();
    let mut marker = None;
    for (m, mk) in [('☆', Marker::National), ('△', Marker::Provincial), ('*', Marker::Local)] {
        if let Some(rest) = s.strip_suffix(m) {
            marker = Some(mk);
            s = rest.trim_end().to_string();
            break;
        }
    }
    let mut unit = None;
    // The last parenthesised group that reads as a unit is the unit; other groups are notes.
    let mut search_end = s.len();
    while let Some(close) = s[..search_end].rfind([')', '）']) {
        let Some(open) = s[..close].rfind(['(', '（']) else {
            break;
        };
        let inner = &s[open + s[open..].chars().next().map_or(1, char::len_utf8)..close];
        if looks_like_unit(inner) || inner == "万元每人" {
            unit = Some(inner.trim().to_string());
            let close_end = close + s[close..].chars().next().map_or(1, char::len_utf8);
            s.replace_range(open..close_end, "");
            break;
        }
        search_end = open;
    }
    (crate::text::tidy(&s), unit, marker)
}

/// A cell that can only be an indicator's name: words, not a value, unit or attribute.
fn is_row_name(text: &str) -> bool {
    !looks_like_value(text)
        && !looks_like_unit(text)
        && parse_attribute(text).is_none()
        && text.chars().filter(|&c| crate::text::is_cjk(c)).count() >= 2
}

/// Reads positional rows into indicator rows.
pub fn assemble_positional(columns: &[Role], rows: &[Vec<RawCell>]) -> (Vec<Row>, Vec<RowIssue>) {
    let mut asm = Assembler::new(columns);
    for cells in rows {
        let mut cells = cells.as_slice();
        while let Some(next) = asm.positional(cells) {
            cells = &cells[next..];
        }
    }
    asm.finish()
}

/// Reads a bare-cell stream into indicator rows.
pub fn assemble_stream(columns: &[Role], cells: &[RawCell]) -> (Vec<Row>, Vec<RowIssue>) {
    let mut asm = Assembler::new(columns);
    asm.stream(cells);
    asm.finish()
}

struct Assembler<'c> {
    columns: &'c [Role],
    /// The value slots in printed order; `None` for a column that is not read.
    value_columns: Vec<Option<Column>>,
    rows: Vec<Row>,
    issues: Vec<RowIssue>,
    category: Option<String>,
    /// Set when the category cell was cut by a page break (`社` … `会管理`).
    category_fragment_from: Option<usize>,
    /// The name sub-rows belong to.
    group: Option<String>,
}

/// The value slots of declared columns in printed order; `None` for a column after the first
/// value that is not read (it keeps its place).
pub(super) fn value_slots(columns: &[Role]) -> Vec<Option<Column>> {
    let first_value = columns.iter().position(|r| matches!(r, Role::Value(_))).unwrap_or(columns.len());
    columns
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Role::Value(c) => Some(Some(*c)),
            Role::Skip if i > first_value => Some(None),
            _ => None,
        })
        .collect()
}

impl<'c> Assembler<'c> {
    fn new(columns: &'c [Role]) -> Self {
        let value_columns = value_slots(columns);
        Assembler {
            columns,
            value_columns,
            rows: Vec::new(),
            issues: Vec::new(),
            category: None,
            category_fragment_from: None,
            group: None,
        }
    }

    /// A year of the header's columns printed alone (`2020` of a header repeated after a page
    /// break).
    fn is_header_year(&self, s: &str) -> bool {
        let year = s.trim().parse::<u16>().ok().filter(|_| s.trim().len() == 4);
        year.is_some_and(|y| self.value_columns.iter().flatten().any(|c| c.year == Some(y)))
    }

    fn col(&self, role: Role) -> Option<usize> {
        self.columns.iter().position(|r| *r == role)
    }

    fn first_value_col(&self) -> usize {
        self.columns.iter().position(|r| matches!(r, Role::Value(_))).unwrap_or(self.columns.len())
    }

    fn finish(self) -> (Vec<Row>, Vec<RowIssue>) {
        (self.rows, self.issues)
    }

    fn set_category(&mut self, text: &str) {
        let text = category_text(text);
        if text.is_empty() {
            return;
        }
        if let (Some(from), Some(prev)) = (self.category_fragment_from, self.category.clone()) {
            // The previous category was a page-break fragment: join and relabel its rows.
            let joined = format!("{prev}{text}");
            for r in &mut self.rows[from..] {
                r.category = Some(joined.clone());
            }
            self.category = Some(joined);
            self.category_fragment_from = None;
            return;
        }
        self.category_fragment_from = (text.chars().count() == 1).then_some(self.rows.len());
        self.category = Some(text);
    }

    /// Reads one row; when the conversion merged it with the next, returns where the next starts.
    fn positional(&mut self, cells: &[RawCell]) -> Option<usize> {
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        let filled: Vec<usize> = (0..texts.len()).filter(|&i| !texts[i].is_empty()).collect();
        if filled.is_empty() || filled.iter().any(|&i| is_header_cell(texts[i]) || self.is_header_year(texts[i])) {
            return None;
        }
        let mut line = cells[filled[0]].line;
        if filled.len() == 1 && !looks_like_value(texts[filled[0]]) && !is_seq(texts[filled[0]]) {
            self.set_category(texts[filled[0]]);
            return None;
        }
        let seq_col = self.col(Role::Seq);
        let seq_at = seq_col.and_then(|_| (0..texts.len().min(3)).find(|&i| is_seq(texts[i])));
        let first_value_col = self.first_value_col();

        // Pre-value cells: category, seq, name parts, unit.
        let mut name_parts: Vec<&str> = Vec::new();
        let mut unit: Option<String> = None;
        let mut leading_attribute = None;
        let values_start;
        if let (Some(s), Some(sc)) = (seq_at, seq_col) {
            let shift = s as isize - sc as isize;
            if let Some(cc) = self.col(Role::Category) {
                let ci = cc as isize + shift;
                if ci >= 0 && (ci as usize) < s && !texts[ci as usize].is_empty() {
                    self.set_category(texts[ci as usize]);
                }
            }
            let unit_at = self.col(Role::Unit).map(|u| (u as isize + shift) as usize);
            let mut vs = ((first_value_col as isize + shift).max(s as isize + 1)) as usize;
            // Sub-names printed where values should start push the values right.
            while vs < texts.len() && !texts[vs].is_empty() && !looks_like_value(texts[vs]) && Some(vs) != unit_at {
                vs += 1;
            }
            // An attribute column printed before the values (`序号 指标 单位 属性 2030年`).
            let attribute_at = self.col(Role::Attribute).map(|a| (a as isize + shift) as usize).filter(|a| *a < vs);
            for (i, text) in texts.iter().enumerate().take(vs).skip(s + 1) {
                if Some(i) == unit_at {
                    unit = (!text.is_empty()).then(|| text.to_string());
                } else if Some(i) == attribute_at && parse_attribute(text).is_some() {
                    leading_attribute = parse_attribute(text);
                } else if !text.is_empty() {
                    name_parts.push(text);
                }
            }
            values_start = vs;
        } else {
            // No row number: the first text cell is the name, values follow it.
            let Some(name_at) = filled.iter().copied().find(|&i| !looks_like_value(texts[i])) else {
                self.issue(line, format!("row has values but no name: {}", texts.join(" | ")));
                return None;
            };
            // Values before the name belong to no row this one can tell (a row split or merged by
            // the conversion): reported, and the row starts at its name.
            let before: Vec<&str> = filled.iter().filter(|&&i| i < name_at).map(|&i| texts[i]).collect();
            if !before.is_empty() {
                self.issue(
                    line,
                    format!("values before the name `{}` are left out: {}", texts[name_at], before.join(" | ")),
                );
                line = cells[name_at].line;
            }
            let mut vs = name_at + 1;
            if self.col(Role::Unit).is_some() && texts.get(vs).is_some_and(|t| looks_like_unit(t)) {
                unit = Some(texts[vs].to_string());
                vs += 1;
            }
            while vs < texts.len() && !texts[vs].is_empty() && !looks_like_value(texts[vs]) {
                vs += 1;
            }
            name_parts.extend(texts[name_at..vs].iter().filter(|t| !t.is_empty() && Some(t.to_string()) != unit));
            // Leading text cells in the category column are the category when a name follows.
            if name_parts.len() > 1 && self.col(Role::Category) == Some(0) && name_at == 0 {
                let cat = name_parts.remove(0);
                self.set_category(cat);
            }
            values_start = vs;
        }

        let n = self.value_columns.len();
        let mut rest: Vec<&RawCell> = cells[values_start.min(cells.len())..].iter().collect();
        while rest.last().is_some_and(|c| c.text.is_empty()) {
            rest.pop();
        }
        // More cells than columns, and a name where a value should stand: with values after it,
        // the next row was merged into this one (lines repeated or joined by the conversion) and
        // is read on its own; with none, the cells from it on belong to no column.
        let trailing_attribute = self.col(Role::Attribute).is_some_and(|a| a > first_value_col);
        let expected = n + usize::from(trailing_attribute);
        let name_at = (rest.len() > expected).then(|| (1..rest.len()).find(|&k| is_row_name(&rest[k].text))).flatten();
        let merged_at = name_at
            .filter(|&k| rest[k + 1..].iter().any(|c| looks_like_value(&c.text)))
            // The next row's number, printed before its name, goes with it.
            .map(|k| if seq_col.is_some() && k > 1 && is_seq(&rest[k - 1].text) { k - 1 } else { k });
        if let Some(k) = merged_at {
            self.issue(rest[k].line, format!("a row starts inside the previous one at `{}`", rest[k].text));
            rest.truncate(k);
        } else if let Some(k) = name_at {
            for c in rest.drain(k..).filter(|c| !c.text.is_empty()) {
                self.issue(c.line, format!("cell beyond the table's columns: {}", c.text));
            }
        }
        // More cells than columns with blanks up front: the row lost its leading columns and the
        // blanks stand where the name columns were (`氮氧化物⇥⇥⇥17.92…`).
        while rest.len() > expected && rest.first().is_some_and(|c| c.text.is_empty()) {
            rest.remove(0);
        }
        let mut attribute = leading_attribute;
        let mut value_cells: Vec<&RawCell> = rest.iter().take(n).copied().collect();
        for c in rest.iter().skip(n) {
            if let Some(a) = parse_attribute(&c.text) {
                attribute = Some(a);
            } else if !c.text.is_empty() {
                self.issue(c.line, format!("cell beyond the table's columns: {}", c.text));
            }
        }
        // An attribute can land inside the value span when trailing value cells were dropped.
        if let Some(pos) = value_cells.iter().position(|c| parse_attribute(&c.text).is_some()) {
            attribute = parse_attribute(&value_cells[pos].text);
            value_cells.truncate(pos);
        }
        let values: Vec<(Column, &RawCell)> =
            self.value_columns.iter().copied().zip(value_cells).filter_map(|(c, v)| Some((c?, v))).collect();
        self.push_row(seq_at.map(|s| texts[s].to_string()), name_parts, unit, attribute, values, line);
        merged_at.map(|k| values_start + k)
    }

    fn push_row(
        &mut self,
        seq: Option<String>,
        name_parts: Vec<&str>,
        unit_cell: Option<String>,
        attribute: Option<Attribute>,
        values: Vec<(Column, &RawCell)>,
        line: u32,
    ) {
        let cells: BTreeMap<Column, atlas_data::Cell> =
            values.into_iter().filter(|(_, c)| !c.text.is_empty()).map(|(col, c)| (col, parse_cell(&c.text))).collect();
        let (parent, raw_name) = match name_parts.as_slice() {
            [] => {
                self.issue(line, "row has no indicator name".into());
                return;
            }
            [one] => (None, one.to_string()),
            [first, .., last] => (Some(first.to_string()), last.to_string()),
        };
        let (name, name_unit, marker) = split_name(&raw_name);
        let parent = match (&seq, parent) {
            (_, Some(p)) => {
                self.group = Some(split_name(&p).0);
                self.group.clone()
            }
            (Some(_), None) => {
                // A numbered row with no values heads the sub-rows that follow it.
                self.group = cells.is_empty().then(|| name.clone());
                None
            }
            (None, None) => {
                self.group.clone().or_else(|| self.rows.iter().rev().find(|r| r.seq.is_some()).map(|r| r.name.clone()))
            }
        };
        self.rows.push(Row {
            category: self.category.clone(),
            seq,
            parent,
            name,
            unit: unit_cell.filter(|u| !super::value::is_dash(u)).map(|u| crate::text::tidy(&u)).or(name_unit),
            marker,
            attribute,
            line,
            cells,
        });
    }

    fn issue(&mut self, line: u32, message: String) {
        self.issues.push(RowIssue { line, message });
    }

    fn stream(&mut self, cells: &[RawCell]) {
        let has_unit = self.col(Role::Unit).is_some();
        let n = self.value_columns.len();
        let mut i = cells.iter().position(|c| is_category_line(&c.text) || c.text == "1").unwrap_or(cells.len());
        while i < cells.len() {
            let c = &cells[i];
            if is_category_line(&c.text) {
                self.set_category(&c.text);
                i += 1;
                continue;
            }
            if is_header_cell(&c.text) {
                i += 1;
                continue;
            }
            let seq = is_seq(&c.text).then(|| c.text.clone());
            let line = c.line;
            if seq.is_some() {
                i += 1;
            }
            let Some(name_cell) = cells.get(i) else { break };
            if looks_like_value(&name_cell.text) {
                self.issue(name_cell.line, format!("expected an indicator name, found {}", name_cell.text));
                i += 1;
                continue;
            }
            i += 1;
            let mut unit = None;
            if has_unit && cells.get(i).is_some_and(|u| looks_like_unit(&u.text)) {
                unit = Some(cells[i].text.clone());
                i += 1;
            }
            let mut values: Vec<&RawCell> = Vec::new();
            let mut attribute = None;
            while let Some(v) = cells.get(i) {
                if let Some(a) = parse_attribute(&v.text) {
                    attribute = Some(a);
                    i += 1;
                    break;
                }
                if values.len() == n || is_category_line(&v.text) {
                    break;
                }
                values.push(v);
                i += 1;
            }
            let assigned = self.assign_short(values, line);
            let name_text = name_cell.text.clone();
            self.push_row(seq, vec![name_text.as_str()], unit, attribute, assigned, line);
        }
    }

    /// Fewer values than columns: when exactly the level columns are filled, the growth columns
    /// were blank (湘乡's 三次产业结构); otherwise fill from the left and report it.
    fn assign_short<'v>(&mut self, values: Vec<&'v RawCell>, line: u32) -> Vec<(Column, &'v RawCell)> {
        let read = |slots: Vec<Option<Column>>, values: Vec<&'v RawCell>| -> Vec<(Column, &'v RawCell)> {
            slots.into_iter().zip(values).filter_map(|(c, v)| Some((c?, v))).collect()
        };
        let levels: Vec<Option<Column>> =
            self.value_columns.iter().copied().filter(|c| c.is_none_or(|c| !c.is_growth())).collect();
        if values.len() < self.value_columns.len()
            && values.len() == levels.len()
            && levels.len() < self.value_columns.len()
        {
            return read(levels, values);
        }
        if !values.is_empty() && values.len() < self.value_columns.len() {
            self.issue(
                line,
                format!("{} of {} value cells printed; read from the left", values.len(), self.value_columns.len()),
            );
        }
        read(self.value_columns.clone(), values)
    }
}

#[cfg(test)]
mod tests;
