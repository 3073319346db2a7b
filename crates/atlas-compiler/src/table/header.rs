//! Reading an indicator table's header: what each printed column holds, from the header text.
//!
//! Header cells are split, merged and spaced by the PDF conversion (`指 标 名 称`, `年均` ␤ `增长(%`,
//! `2025年` ␤ `目标值`), so a cell is read as a sequence of *tokens* from a small lexicon, longest
//! match first, ignoring punctuation. A cell made only of tokens is a header cell. Two-level headers
//! (`“十三五”规划目标` spanning `2020年 | 年均增长`) are resolved into one list of columns, each a
//! [`Head`]; [`roles`] then names each column by the table kind (the plan's targets or the review of
//! the previous period), the plan's period and the column's neighbours. No year is written here:
//! every year comes from the header or from the plan's period.

use super::rows::Role;
use crate::vocab::header::LEXICON;
use atlas_data::{Column, Period, Table};

/// One token of header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Category,
    Seq,
    Name,
    Unit,
    Attribute,
    Year(u16),
    Growth,
    /// 规划目标, 计划目标, 目标: the planned values.
    Planned,
    /// 完成情况, 实际完成: the achieved values.
    Actual,
    /// 目标值, 完成值 printed after a year: the same tags, bound to that year's column.
    PlannedValue,
    ActualValue,
    /// A period by name: “十三五” → 13, “十五五” → 15.
    Period(u8),
    /// 绝对值, 预计, 累计, 数值 …: says nothing about which column this is.
    Qualifier,
}

/// Characters a header may carry that mean nothing: brackets, quotes, percent signs, separators.
fn is_noise(c: char) -> bool {
    c.is_whitespace() || "“”\"'‘’()（）[]【】［］%％:：、/·-—_.,，;；*|".contains(c)
}

/// Tokens of one header cell, or `None` when the cell holds text that is not header vocabulary
/// (a data cell, a caption, prose). An empty cell gives `Some(vec![])`.
pub fn tokens(cell: &str) -> Option<Vec<Tok>> {
    // Spaces split words (`指 标`) but also separate numbers (`2020 2025`): drop them, except
    // between two digits, where a noise character keeps the numbers apart.
    let raw: Vec<char> = cell.chars().collect();
    let s: Vec<char> = raw
        .iter()
        .enumerate()
        .filter_map(|(k, &c)| {
            if !c.is_whitespace() {
                return Some(c);
            }
            let before = raw[..k].iter().rev().find(|c| !c.is_whitespace());
            let after = raw[k + 1..].iter().find(|c| !c.is_whitespace());
            (before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit)).then_some('|')
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    'scan: while i < s.len() {
        if is_noise(s[i]) {
            i += 1;
            continue;
        }
        // A year: four digits from 2000 to 2060, with an optional 年.
        if s[i].is_ascii_digit() {
            let digits: String = s[i..].iter().take_while(|c| c.is_ascii_digit()).collect();
            let year = digits.parse::<u16>().ok().filter(|y| digits.len() == 4 && (2000..=2060).contains(y))?;
            out.push(Tok::Year(year));
            i += 4;
            if s.get(i) == Some(&'年') {
                i += 1;
            }
            continue;
        }
        if let Some((period, len)) = period_at(&s[i..]) {
            out.push(Tok::Period(period.number()));
            i += len;
            continue;
        }
        for (word, tok) in LEXICON {
            let w: Vec<char> = word.chars().collect();
            if s[i..].starts_with(&w) {
                out.push(tok);
                i += w.len();
                continue 'scan;
            }
        }
        return None;
    }
    Some(out)
}

/// A period's name at the start of `s` (`十五五`, `二十五`), with its length in characters: a
/// Chinese number and 五, the number that of a period plans can belong to.
pub fn period_at(s: &[char]) -> Option<(Period, usize)> {
    // The longest number first: `十五五` is period 15, not 10 followed by `五五`.
    (1..=3).rev().find_map(|n| {
        let number: String = s.get(..n)?.iter().collect();
        if s.get(n) != Some(&'五') || !number.chars().all(|c| "一二三四五六七八九十".contains(c)) {
            return None;
        }
        let p = crate::text::chinese_number(&number).and_then(|v| Period::new(u8::try_from(v).ok()?))?;
        Some((p, n + 1))
    })
}

/// Whether a cell is a header cell: header vocabulary only, at least one token.
pub fn is_header_text(cell: &str) -> bool {
    tokens(cell).is_some_and(|t| !t.is_empty())
}

/// What kind of column a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadKind {
    Category,
    Seq,
    Name,
    Unit,
    Attribute,
    /// A level in a given year (`2020年`), or in an unknown year when the header is garbled.
    Level(Option<u16>),
    Growth,
    /// No header text at all (a blank header cell): read from the values under it.
    Blank,
}

/// One resolved column: its kind and the tags of its own cell or its spanning group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub kind: HeadKind,
    pub planned: bool,
    pub actual: bool,
    pub period: Option<u8>,
}

impl Head {
    fn new(kind: HeadKind) -> Head {
        Head { kind, planned: false, actual: false, period: None }
    }

    fn tag(&mut self, tok: Tok) {
        match tok {
            Tok::Planned | Tok::PlannedValue => self.planned = true,
            Tok::Actual | Tok::ActualValue => self.actual = true,
            Tok::Period(p) => self.period = Some(p),
            _ => {}
        }
    }

    pub fn is_value(&self) -> bool {
        matches!(self.kind, HeadKind::Level(_) | HeadKind::Growth)
    }
}

fn is_tag(t: Tok) -> bool {
    matches!(t, Tok::Planned | Tok::Actual | Tok::PlannedValue | Tok::ActualValue | Tok::Period(_))
}

/// The column one cell names on its own, ignoring tags: `None` for a pure group or qualifier cell.
/// A growth column may name its years (`2021-2025年年均增长`): growth wins over years.
fn own_kind(tokens: &[Tok]) -> Option<HeadKind> {
    if tokens.contains(&Tok::Growth) {
        return Some(HeadKind::Growth);
    }
    tokens.iter().find_map(|t| match t {
        Tok::Category => Some(HeadKind::Category),
        Tok::Seq => Some(HeadKind::Seq),
        Tok::Name => Some(HeadKind::Name),
        Tok::Unit => Some(HeadKind::Unit),
        Tok::Attribute => Some(HeadKind::Attribute),
        Tok::Year(y) => Some(HeadKind::Level(Some(*y))),
        _ => None,
    })
}

/// The level column a period names without a year: its last year (`“十三五”末` is 2020,
/// `“十五五”目标` 2030).
fn implied_level(tokens: &[Tok]) -> Option<HeadKind> {
    if tokens.iter().any(|t| matches!(t, Tok::Year(_))) {
        return None;
    }
    tokens.iter().find_map(|t| match t {
        Tok::Period(n) => Period::new(*n).map(|p| HeadKind::Level(Some(p.end()))),
        _ => None,
    })
}

/// Columns of a header printed as tab-separated lines (`top`, and the sub-header line below it when
/// there is one). Cells line up by position; a blank top cell above a sub-header belongs to the
/// nearest group to its left (`“十三五”规划目标⇥⇥` spans `2020 年⇥年均增长`).
pub fn positional(top: &[String], sub: Option<&[String]>) -> Vec<Head> {
    let width = top.len().max(sub.map_or(0, <[String]>::len));
    let cell = |row: &[String], j: usize| tokens(row.get(j).map_or("", String::as_str)).unwrap_or_default();
    let mut heads = Vec::with_capacity(width);
    let mut group: Vec<Tok> = Vec::new();
    for j in 0..width {
        let t = cell(top, j);
        let s = sub.map(|row| cell(row, j)).unwrap_or_default();
        if !t.is_empty() {
            group = if own_kind(&t).is_none() || s.iter().any(|x| matches!(x, Tok::Year(_) | Tok::Growth)) {
                t.iter().copied().filter(|x| is_tag(*x)).collect()
            } else {
                Vec::new()
            };
        }
        let kind = own_kind(&s)
            .or_else(|| own_kind(&t))
            .or_else(|| if s.is_empty() { implied_level(&t) } else { None })
            .unwrap_or(HeadKind::Blank);
        let mut head = Head::new(kind);
        for tok in group.iter().chain(&t).chain(&s) {
            head.tag(*tok);
        }
        heads.push(head);
    }
    heads
}

/// Columns of a header printed one cell per line (the tab-cell and bare-cell encodings). Cells in
/// order; a two-level header prints its group cells on the top row and their sub-columns after the
/// whole top row, so group cells followed by further top cells span the trailing value columns.
pub fn streamed(cells: &[String]) -> Vec<Head> {
    // Rejoin cells the conversion split inside a word (`年均` ␤ `增长(%`, `指标` ␤ `属性`).
    let mut joined: Vec<Vec<Tok>> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for c in cells {
        let toks = tokens(c).unwrap_or_default();
        if let (Some(prev_text), Some(prev)) = (texts.last(), joined.last()) {
            let both = format!("{prev_text}{c}");
            if let Some(merged) = tokens(&both).filter(|m| m.len() < prev.len() + toks.len()) {
                *joined.last_mut().unwrap_or(&mut Vec::new()) = merged;
                *texts.last_mut().unwrap_or(&mut String::new()) = both;
                continue;
            }
        }
        joined.push(toks);
        texts.push(c.clone());
    }

    enum Item {
        Column(Head),
        Group(Vec<Tok>),
    }
    let mut items: Vec<Item> = Vec::new();
    for toks in &joined {
        match own_kind(toks) {
            Some(kind) => {
                let mut head = Head::new(kind);
                toks.iter().for_each(|t| head.tag(*t));
                items.push(Item::Column(head));
            }
            None => {
                let tags: Vec<Tok> = toks.iter().copied().filter(|t| is_tag(*t)).collect();
                if tags.is_empty() {
                    continue;
                }
                // `目标值` after a year is that year's tag, not a group of its own.
                let postfix = tags.iter().all(|t| matches!(t, Tok::PlannedValue | Tok::ActualValue));
                if let (true, Some(Item::Column(h))) = (postfix, items.last_mut()) {
                    if h.is_value() {
                        tags.iter().for_each(|t| h.tag(*t));
                        continue;
                    }
                }
                items.push(Item::Group(tags));
            }
        }
    }

    // Trailing value columns and the groups that span them.
    let tail_start = items.iter().rposition(|it| !matches!(it, Item::Column(h) if h.is_value())).map_or(0, |p| p + 1);
    // A group cell spans sub-columns when the next top cell is not a value column of its own.
    let spanning: Vec<usize> = (0..tail_start)
        .filter(|&k| matches!(items[k], Item::Group(_)))
        .filter(|&k| k + 1 == tail_start || !matches!(items.get(k + 1), Some(Item::Column(h)) if h.is_value()))
        .collect();
    let tail: Vec<Head> =
        items[tail_start..].iter().filter_map(|it| if let Item::Column(h) = it { Some(*h) } else { None }).collect();
    // Chunks of the tail, each starting at a level column.
    let mut chunks: Vec<Vec<Head>> = Vec::new();
    for h in tail {
        if chunks.is_empty() || matches!(h.kind, HeadKind::Level(_)) {
            chunks.push(Vec::new());
        }
        if let Some(c) = chunks.last_mut() {
            c.push(h);
        }
    }
    let two_level = !spanning.is_empty() && chunks.len() == spanning.len();

    let mut heads = Vec::new();
    let mut current: Vec<Tok> = Vec::new();
    let mut chunk_iter = chunks.iter();
    for (k, item) in items.iter().enumerate() {
        match item {
            Item::Group(tags) if two_level && spanning.contains(&k) => {
                for h in chunk_iter.next().into_iter().flatten() {
                    let mut h = *h;
                    tags.iter().for_each(|t| h.tag(*t));
                    heads.push(h);
                }
            }
            Item::Group(tags) => {
                // `“十四五”目标` followed by growth only is a column of its own, not a group.
                let values_after = items[k + 1..].iter().map_while(|it| match it {
                    Item::Column(h) if h.is_value() => Some(h),
                    _ => None,
                });
                let has_level = values_after.clone().any(|h| matches!(h.kind, HeadKind::Level(_)));
                match implied_level(tags).filter(|_| !has_level) {
                    Some(kind) => {
                        let mut h = Head::new(kind);
                        tags.iter().for_each(|t| h.tag(*t));
                        heads.push(h);
                        current.clear();
                    }
                    None => current = tags.clone(),
                }
            }
            Item::Column(_) if two_level && k >= tail_start => {}
            Item::Column(h) => {
                let mut h = *h;
                if h.is_value() {
                    current.iter().for_each(|t| h.tag(*t));
                } else {
                    current.clear();
                }
                heads.push(h);
            }
        }
    }
    heads
}

/// The table kind a header describes in a plan of period `plan`: the plan's targets when a column
/// lies past the base year (or the period is named as planned), the review of the previous period
/// when its columns lie before the base year or report it as achieved; `None` when the header
/// cannot tell.
pub fn table_kind(heads: &[Head], caption: &str, plan: Period) -> Option<Table> {
    let years: Vec<u16> = heads.iter().filter_map(|h| if let HeadKind::Level(y) = h.kind { y } else { None }).collect();
    let base = plan.base_year();
    let previous = plan.previous();
    if years.iter().any(|y| *y > base) || heads.iter().any(|h| h.period == Some(plan.number()) && h.planned) {
        return Some(Table::Plan);
    }
    let caption: String = caption.chars().filter(|c| !c.is_whitespace()).collect();
    if years.iter().any(|y| *y < base) || heads.iter().any(|h| h.actual && h.period == Some(previous.number())) {
        return Some(Table::Review);
    }
    if caption.contains(&plan.zh()) {
        return Some(Table::Plan);
    }
    if caption.contains(&previous.zh()) || caption.contains("完成情况") {
        return Some(Table::Review);
    }
    None
}

/// What a blank header column holds, judged by the cells under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Under {
    /// Mostly text: names of sub-indicators.
    Text,
    /// Mostly numbers; `percent` when they read as rates (`%`, `[…]`).
    Values {
        percent: bool,
    },
    Empty,
}

/// Names every column of a table of kind `table` in a plan of period `plan`. `under[j]` describes
/// the cells under column `j` (used only where the header is blank). Returns the roles and a note
/// for every column that had to be inferred.
pub fn roles(table: Table, plan: Period, heads: &[Head], under: &[Under]) -> (Vec<Role>, Vec<String>) {
    // The span the table is about: the plan's period, or the previous one for a review.
    let period = table.period(plan);
    let (base, end) = (period.base_year(), period.end());
    let mut notes = Vec::new();
    let mut roles = Vec::with_capacity(heads.len());
    let mut used: Vec<Column> = Vec::new();
    let mut last_level: Option<Column> = None;
    let series = heads.iter().any(|h| matches!(h.kind, HeadKind::Level(Some(y)) if y > base && y < end));
    let untagged_end = heads.iter().filter(|h| h.kind == HeadKind::Level(Some(end)) && !h.planned && !h.actual).count();
    let mut seen_untagged_end = 0;
    let name_at = heads.iter().position(|h| h.kind == HeadKind::Name);
    for (j, head) in heads.iter().enumerate() {
        let mut kind = head.kind;
        if kind == HeadKind::Blank {
            match under.get(j).copied().unwrap_or(Under::Empty) {
                Under::Text if name_at.is_some_and(|n| n < j) => {
                    notes.push(format!(
                        "column {} has no header; its text cells are read as sub-indicator names",
                        j + 1
                    ));
                    roles.push(Role::SubName);
                    continue;
                }
                Under::Values { percent } => {
                    kind = if percent { HeadKind::Growth } else { HeadKind::Level(None) };
                    notes.push(format!(
                        "column {} has no header; read as a {} column from its values",
                        j + 1,
                        if percent { "growth" } else { "level" }
                    ));
                }
                _ => {
                    roles.push(Role::Skip);
                    continue;
                }
            }
        }
        let role = match kind {
            HeadKind::Category => Role::Category,
            HeadKind::Seq => Role::Seq,
            HeadKind::Name if roles.contains(&Role::Name) => Role::SubName,
            HeadKind::Name => Role::Name,
            HeadKind::Unit => Role::Unit,
            HeadKind::Attribute => Role::Attribute,
            HeadKind::Blank => Role::Skip,
            HeadKind::Level(year) => {
                let column = match (table, year) {
                    (Table::Plan, Some(y)) if y == end => Some(Column::target(end)),
                    (Table::Plan, Some(y)) if y == base => Some(Column::base(base)),
                    (Table::Plan, None) => {
                        [Column::base(base), Column::target(end)].into_iter().find(|c| !used.contains(c))
                    }
                    (Table::Review, Some(y)) if y == base => Some(Column::base(base)),
                    (Table::Review, Some(y)) if y > base && y < end => Some(Column::value(y)),
                    (Table::Review, Some(y)) if y == end && head.planned => Some(Column::target(end)),
                    (Table::Review, Some(y)) if y == end && head.actual => Some(Column::actual(end)),
                    (Table::Review, Some(y)) if y == end && series => Some(Column::value(end)),
                    (Table::Review, Some(y)) if y == end => {
                        seen_untagged_end += 1;
                        // Two untagged columns of the last year are printed target first, then result.
                        Some(if untagged_end >= 2 && seen_untagged_end == 1 {
                            Column::target(end)
                        } else {
                            Column::actual(end)
                        })
                    }
                    (Table::Review, None) => [Column::base(base), Column::target(end), Column::actual(end)]
                        .into_iter()
                        .find(|c| !used.contains(c)),
                    _ => None,
                };
                if let Some(c) = column {
                    last_level = Some(c);
                }
                column.map_or(Role::Skip, Role::Value)
            }
            HeadKind::Growth => {
                let (plan_n, previous_n) = (Some(plan.number()), Some(plan.previous().number()));
                let column = match table {
                    Table::Plan if head.period == previous_n || (head.actual && !head.planned) => Column::BASE_GROWTH,
                    Table::Plan if head.period == plan_n || head.planned => Column::TARGET_GROWTH,
                    Table::Plan if last_level == Some(Column::base(base)) => Column::BASE_GROWTH,
                    Table::Plan => Column::TARGET_GROWTH,
                    Table::Review if head.planned => Column::TARGET_GROWTH,
                    Table::Review if head.actual => Column::ACTUAL_GROWTH,
                    Table::Review if last_level == Some(Column::target(end)) => Column::TARGET_GROWTH,
                    Table::Review => Column::ACTUAL_GROWTH,
                };
                Role::Value(column)
            }
        };
        if let Role::Value(c) = role {
            if used.contains(&c) {
                notes.push(format!("column {} repeats {}; its cells are not read", j + 1, c.name()));
                roles.push(Role::Skip);
                continue;
            }
            used.push(c);
        }
        if role == Role::Skip {
            notes.push(format!("column {} is not understood; its cells are not read", j + 1));
        }
        roles.push(role);
    }
    (roles, notes)
}

#[cfg(test)]
mod tests;
