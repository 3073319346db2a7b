//! Lookup tables built once from the decoded bundle: flattened indicator and project rows with
//! their search text, facet values and pre-sorted orders. Filtering walks a pre-sorted order and
//! keeps the rows that match, so a keystroke never re-sorts or re-decodes anything.
//!
//! Plain Rust, no DOM: tested natively (`cargo test`) and in the browser (wasm-bindgen-test).

use atlas_data::{Attribute, Cell, Core, Indicator, Marker, ProjectSource, Role, Sector, Table};
use std::collections::BTreeSet;

/// One indicator row: locality index and row index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowRef {
    pub loc: usize,
    pub row: usize,
}

/// One project: locality index and project index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectRef {
    pub loc: usize,
    pub project: usize,
}

/// The value columns the indicator table shows, by what they hold whatever the plan's period: a
/// 十四五 plan's row shows 2015, 2020 target, 2020, 2025 target; a 十五五 plan's 2020, 2025
/// target, 2025, 2030 target. The years come from the cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The base of the reviewed period (a 十五五 plan's review: 2020).
    ReviewBase,
    /// The reviewed period's planned value for its last year.
    ReviewTarget,
    /// The plan's base year, or what the review reports achieved in its last year.
    Base,
    /// The plan's target for its last year.
    Target,
    TargetGrowth,
    /// Growth achieved over the reviewed period (in a review, or beside the plan's base).
    ActualGrowth,
}

impl Slot {
    pub const ALL: [Slot; 6] =
        [Slot::ReviewBase, Slot::ReviewTarget, Slot::Base, Slot::Target, Slot::TargetGrowth, Slot::ActualGrowth];

    pub fn as_str(self) -> &'static str {
        match self {
            Slot::ReviewBase => "review_base",
            Slot::ReviewTarget => "review_target",
            Slot::Base => "base",
            Slot::Target => "target",
            Slot::TargetGrowth => "target_growth",
            Slot::ActualGrowth => "actual_growth",
        }
    }

    /// A slot by name, or by a column name of links made before periods were data
    /// (`sort=target_2025`).
    pub fn parse(s: &str) -> Option<Slot> {
        if let Some(slot) = Slot::ALL.into_iter().find(|x| x.as_str() == s) {
            return Some(slot);
        }
        if s == "value_2015" {
            return Some(Slot::ReviewBase);
        }
        Some(match atlas_data::Column::parse(s)?.role {
            Role::Base | Role::Actual | Role::Value => Slot::Base,
            Role::Target => Slot::Target,
            Role::TargetGrowth => Slot::TargetGrowth,
            Role::BaseGrowth | Role::ActualGrowth => Slot::ActualGrowth,
        })
    }

    /// The column of `row` shown in this slot, and its cell.
    pub fn cell(self, row: &Indicator) -> Option<(atlas_data::Column, &Cell)> {
        let review = row.table == Table::Review;
        let last_year = row.cells.keys().filter_map(|c| c.year).max();
        row.cells.iter().map(|(c, cell)| (*c, cell)).find(|(c, _)| match (self, c.role) {
            (Slot::ReviewBase, Role::Base) => review,
            (Slot::ReviewTarget, Role::Target) => review,
            (Slot::Base, Role::Base) => !review,
            (Slot::Base, Role::Actual) => review,
            // A yearly series shows its last year here.
            (Slot::Base, Role::Value) => review && c.year == last_year,
            (Slot::Target, Role::Target) => !review,
            (Slot::TargetGrowth, Role::TargetGrowth) => true,
            (Slot::ActualGrowth, Role::ActualGrowth | Role::BaseGrowth) => true,
            _ => false,
        })
    }

    pub fn value(self, row: &Indicator) -> Option<f64> {
        self.cell(row).and_then(|(_, c)| c.value)
    }
}

/// Orders the indicator table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Locality, then the printed order.
    Printed,
    Name,
    Value(Slot),
}

impl SortKey {
    pub fn parse(s: &str) -> SortKey {
        match s {
            "name" => SortKey::Name,
            other => Slot::parse(other).map(SortKey::Value).unwrap_or(SortKey::Printed),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Printed => "",
            SortKey::Name => "name",
            SortKey::Value(c) => c.as_str(),
        }
    }
}

/// The slots the table can be sorted by.
pub const SORT_SLOTS: [Slot; 4] = [Slot::ReviewBase, Slot::Base, Slot::Target, Slot::TargetGrowth];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorFilter {
    /// Locality ids; empty means all.
    pub localities: Vec<String>,
    pub table: Option<Table>,
    pub category: Option<String>,
    pub attribute: Option<Attribute>,
    pub marker: Option<Marker>,
    pub key: Option<String>,
    /// Keyword, matched against names, categories, keys and printed values.
    pub query: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectFilter {
    pub localities: Vec<String>,
    pub sector: Option<Sector>,
    pub box_title: Option<String>,
    /// The label a box files works under (`两桥`).
    pub group: Option<String>,
    /// A 专栏 item or a work named in running text.
    pub source: Option<ProjectSource>,
    pub has_investment: bool,
    /// Investment range in 亿元 (100 million yuan).
    pub min_yi: Option<f64>,
    pub max_yi: Option<f64>,
    pub place: Option<String>,
    pub query: String,
}

pub struct Index {
    pub rows: Vec<RowRef>,
    row_text: Vec<String>,
    /// For each sort key, row positions in that order (values missing last).
    orders: Vec<(SortKey, Vec<usize>)>,
    pub categories: Vec<String>,
    pub projects: Vec<ProjectRef>,
    project_text: Vec<String>,
    pub boxes: Vec<String>,
    pub places: Vec<String>,
    pub loc_ids: Vec<String>,
}

fn lower(s: &str) -> String {
    crate::num::lower(s)
}

impl Index {
    pub fn build(core: &Core) -> Index {
        let mut rows = Vec::new();
        let mut row_text = Vec::new();
        let mut categories = BTreeSet::new();
        for (li, l) in core.localities.iter().enumerate() {
            for (ri, r) in l.indicators.iter().enumerate() {
                rows.push(RowRef { loc: li, row: ri });
                let key_names = r
                    .key
                    .as_ref()
                    .and_then(|k| core.indicator_keys.iter().find(|x| &x.key == k))
                    .map(|k| format!("{} {} {}", k.key, k.zh, k.en))
                    .unwrap_or_default();
                let raws: Vec<&str> = r.cells.values().map(|c| c.raw.as_str()).collect();
                row_text.push(lower(&format!(
                    "{} {} {} {} {} {}",
                    r.name,
                    r.parent.as_deref().unwrap_or(""),
                    r.category.as_deref().unwrap_or(""),
                    r.unit.as_deref().unwrap_or(""),
                    key_names,
                    raws.join(" ")
                )));
                if let Some(c) = &r.category {
                    categories.insert(c.clone());
                }
            }
        }
        let mut orders = Vec::new();
        let mut printed: Vec<usize> = (0..rows.len()).collect();
        crate::sort::sort_by_key(&mut printed, |&i| (rows[i].loc, rows[i].row));
        orders.push((SortKey::Printed, printed.clone()));
        let mut by_name = printed.clone();
        crate::sort::sort_by(&mut by_name, |&a, &b| {
            let (ra, rb) = (
                &core.localities[rows[a].loc].indicators[rows[a].row],
                &core.localities[rows[b].loc].indicators[rows[b].row],
            );
            ra.name.cmp(&rb.name)
        });
        orders.push((SortKey::Name, by_name));
        for slot in SORT_SLOTS {
            let value = |i: usize| slot.value(&core.localities[rows[i].loc].indicators[rows[i].row]);
            let mut order = printed.clone();
            crate::sort::sort_by(&mut order, |&a, &b| match (value(a), value(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
            orders.push((SortKey::Value(slot), order));
        }

        let mut projects = Vec::new();
        let mut project_text = Vec::new();
        let mut boxes = BTreeSet::new();
        let mut places = BTreeSet::new();
        for (li, l) in core.localities.iter().enumerate() {
            for (pi, p) in l.projects.iter().enumerate() {
                projects.push(ProjectRef { loc: li, project: pi });
                project_text.push(lower(&format!(
                    "{} {} {} {} {}",
                    p.name,
                    p.group.as_deref().unwrap_or(""),
                    p.box_title,
                    p.description,
                    p.places.join(" ")
                )));
                boxes.insert(p.box_title.clone());
                places.extend(p.places.iter().cloned());
            }
        }
        Index {
            rows,
            row_text,
            orders,
            categories: categories.into_iter().collect(),
            projects,
            project_text,
            boxes: boxes.into_iter().collect(),
            places: places.into_iter().collect(),
            loc_ids: core.localities.iter().map(|l| l.id.clone()).collect(),
        }
    }

    fn loc_selected(&self, selected: &[String], loc: usize) -> bool {
        selected.is_empty() || selected.iter().any(|s| *s == self.loc_ids[loc])
    }

    /// Matching indicator rows, in the order `sort` (reversed when `descending`).
    pub fn filter_indicators(&self, core: &Core, f: &IndicatorFilter, sort: SortKey, descending: bool) -> Vec<RowRef> {
        let query = lower(f.query.trim());
        let order = self.orders.iter().find(|(k, _)| *k == sort).map_or(&self.orders[0].1, |(_, o)| o);
        let keep = |&i: &usize| {
            let rr = self.rows[i];
            let r = &core.localities[rr.loc].indicators[rr.row];
            self.loc_selected(&f.localities, rr.loc)
                && f.table.is_none_or(|t| r.table == t)
                && f.category.as_ref().is_none_or(|c| r.category.as_ref() == Some(c))
                && f.attribute.is_none_or(|a| r.attribute == Some(a))
                && f.marker.is_none_or(|m| r.marker == Some(m))
                && f.key.as_ref().is_none_or(|k| r.key.as_ref() == Some(k))
                && (query.is_empty() || query.split_whitespace().all(|w| self.row_text[i].contains(w)))
        };
        let mut out: Vec<RowRef> = order.iter().filter(|i| keep(i)).map(|&i| self.rows[i]).collect();
        if descending {
            // Keep rows without a value last when reversing a value order.
            let split = match sort {
                SortKey::Value(slot) => {
                    out.iter().position(|r| slot.value(&core.localities[r.loc].indicators[r.row]).is_none())
                }
                _ => None,
            }
            .unwrap_or(out.len());
            out[..split].reverse();
        }
        out
    }

    pub fn filter_projects(&self, core: &Core, f: &ProjectFilter) -> Vec<ProjectRef> {
        let query = lower(f.query.trim());
        (0..self.projects.len())
            .filter(|&i| {
                let pr = self.projects[i];
                let p = &core.localities[pr.loc].projects[pr.project];
                let yi = p.investment_yuan.map(|y| y as f64 / 1e8);
                self.loc_selected(&f.localities, pr.loc)
                    && f.sector.is_none_or(|s| p.sector == s)
                    && f.box_title.as_ref().is_none_or(|b| &p.box_title == b)
                    && f.group.as_ref().is_none_or(|g| p.group.as_ref() == Some(g))
                    && f.source.is_none_or(|s| p.source == s)
                    && (!f.has_investment || p.investment_yuan.is_some())
                    && f.min_yi.is_none_or(|m| yi.is_some_and(|v| v >= m))
                    && f.max_yi.is_none_or(|m| yi.is_some_and(|v| v <= m))
                    && f.place.as_ref().is_none_or(|pl| p.places.contains(pl))
                    && (query.is_empty() || query.split_whitespace().all(|w| self.project_text[i].contains(w)))
            })
            .map(|i| self.projects[i])
            .collect()
    }
}

/// A locality with these rows and nothing else, for the widget's unit tests.
#[cfg(test)]
pub(crate) fn test_locality(id: &str, period: atlas_data::Period, indicators: Vec<Indicator>) -> atlas_data::Locality {
    atlas_data::Locality {
        id: id.into(),
        name: id.into(),
        name_en: id.into(),
        level: atlas_data::Level::County,
        parent: "p".into(),
        title: "t".into(),
        period,
        adopted: None,
        adopted_curated: false,
        adopted_by: None,
        source: "s".into(),
        text_lines: 1,
        outline: vec![],
        indicators,
        projects: vec![],
        layouts: vec![],
    }
}

/// Runs natively under `cargo test` and in Chromium under wasm-bindgen-test-runner.
#[cfg(test)]
mod tests {
    use super::*;
    use atlas_data::{Attribute, Cell, Column, Core, Indicator, IndicatorKey, Period, Table};
    use std::collections::BTreeMap;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    fn cell(raw: &str, value: Option<f64>) -> Cell {
        Cell { raw: raw.into(), value, cmp: None, cumulative: false, year: None, estimate: false, qualitative: None }
    }

    fn row(name: &str, table: Table, attr: Attribute, target: Option<f64>) -> Indicator {
        let mut cells = BTreeMap::new();
        if let Some(v) = target {
            cells.insert(Column::target(2025), cell(&v.to_string(), Some(v)));
        }
        Indicator {
            table,
            category: Some("经济发展".into()),
            seq: None,
            parent: None,
            name: name.into(),
            unit: None,
            marker: None,
            attribute: Some(attr),
            key: (name == "森林覆盖率").then(|| "forest_cover".to_string()),
            line: 1,
            cells,
        }
    }

    fn core() -> Core {
        let loc = |id: &str, rows: Vec<Indicator>| test_locality(id, Period(14), rows);
        Core {
            localities: vec![
                loc(
                    "a",
                    vec![
                        row("地区生产总值", Table::Plan, Attribute::Expected, Some(810.0)),
                        row("森林覆盖率", Table::Plan, Attribute::Binding, Some(49.0)),
                    ],
                ),
                loc(
                    "b",
                    vec![
                        row("森林覆盖率", Table::Review, Attribute::Binding, None),
                        row("人均预期寿命", Table::Plan, Attribute::Expected, Some(79.8)),
                    ],
                ),
            ],
            diagnostics: vec![],
            indicator_keys: vec![IndicatorKey {
                key: "forest_cover".into(),
                zh: "森林覆盖率".into(),
                en: "Forest cover".into(),
                unit: None,
            }],
            attribution: vec![],
            tour: vec![],
        }
    }

    fn names(core: &Core, rows: &[RowRef]) -> Vec<String> {
        rows.iter()
            .map(|r| format!("{}:{}", core.localities[r.loc].id, core.localities[r.loc].indicators[r.row].name))
            .collect()
    }

    #[test]
    fn filters_combine() {
        let c = core();
        let ix = Index::build(&c);
        let all = ix.filter_indicators(&c, &IndicatorFilter::default(), SortKey::Printed, false);
        assert_eq!(all.len(), 4);
        let f = IndicatorFilter { attribute: Some(Attribute::Binding), ..Default::default() };
        assert_eq!(names(&c, &ix.filter_indicators(&c, &f, SortKey::Printed, false)), ["a:森林覆盖率", "b:森林覆盖率"]);
        let f = IndicatorFilter { localities: vec!["b".into()], table: Some(Table::Plan), ..Default::default() };
        assert_eq!(names(&c, &ix.filter_indicators(&c, &f, SortKey::Printed, false)), ["b:人均预期寿命"]);
        let f = IndicatorFilter { query: "forest".into(), ..Default::default() };
        assert_eq!(ix.filter_indicators(&c, &f, SortKey::Printed, false).len(), 2, "English key names are searchable");
    }

    #[test]
    fn sorting_by_value_keeps_missing_last_both_ways() {
        let c = core();
        let ix = Index::build(&c);
        let f = IndicatorFilter::default();
        let up = names(&c, &ix.filter_indicators(&c, &f, SortKey::Value(Slot::Target), false));
        assert_eq!(up, ["a:森林覆盖率", "b:人均预期寿命", "a:地区生产总值", "b:森林覆盖率"]);
        let down = names(&c, &ix.filter_indicators(&c, &f, SortKey::Value(Slot::Target), true));
        assert_eq!(down, ["a:地区生产总值", "b:人均预期寿命", "a:森林覆盖率", "b:森林覆盖率"]);
    }

    #[test]
    fn slots_hold_a_role_whatever_the_years() {
        let mut fifteenth = row("地区生产总值", Table::Plan, Attribute::Expected, None);
        fifteenth.cells.insert(Column::base(2025), cell("5.4", Some(5.4)));
        fifteenth.cells.insert(Column::target(2030), cell("6左右", Some(6.0)));
        assert_eq!(Slot::Target.cell(&fifteenth).map(|(c, _)| c.name()), Some("target_2030".into()));
        assert_eq!(Slot::Base.cell(&fifteenth).map(|(c, _)| c.name()), Some("base_2025".into()));
        assert_eq!(Slot::ReviewBase.cell(&fifteenth), None, "a plan's base is not a review's");
        let mut series = row("年末人口", Table::Review, Attribute::Expected, None);
        for (y, v) in [(2021, 1.0), (2022, 2.0), (2025, 5.0)] {
            series.cells.insert(Column::value(y), cell(&v.to_string(), Some(v)));
        }
        assert_eq!(Slot::Base.value(&series), Some(5.0), "a series shows its last year");
        for (old, slot) in [("target_2025", Slot::Target), ("base_2020", Slot::Base), ("value_2015", Slot::ReviewBase)]
        {
            assert_eq!(Slot::parse(old), Some(slot), "{old}");
        }
        assert_eq!(SortKey::parse("target"), SortKey::Value(Slot::Target));
    }
}
