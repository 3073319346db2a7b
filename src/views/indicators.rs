//! 指标 Indicators: every indicator row with filters (locality, table, category, attribute,
//! marker, canonical indicator, keyword) and sortable columns. Values show the raw printed text;
//! each opens its provenance.

use super::paging::{row_slots, Row};
use super::{open_provenance, param_input, param_select};
use crate::index::{IndicatorFilter, SortKey};
use crate::state::{data, ui, Lang};
use atlas_data::{Attribute, Column, Marker, Table};
use leptos::prelude::*;

/// The value columns shown, each with the cells it may hold (first present wins).
const VALUE_COLUMNS: [(&str, &str, &[Column]); 6] = [
    ("2015年", "2015", &[Column::Value2015]),
    ("2020年目标", "2020 target", &[Column::Target2020]),
    ("2020年", "2020", &[Column::Base2020, Column::Actual2020, Column::Y2020]),
    ("2025年目标", "2025 target", &[Column::Target2025]),
    ("规划增速", "Planned growth", &[Column::TargetGrowth]),
    ("实际增速", "Actual growth", &[Column::ActualGrowth, Column::BaseGrowth]),
];

pub fn filter_from_url() -> IndicatorFilter {
    let ui = ui();
    IndicatorFilter {
        localities: ui.localities(),
        table: ui.get("table").as_deref().and_then(Table::parse),
        category: ui.get("cat"),
        attribute: match ui.get("attr").as_deref() {
            Some("expected") => Some(Attribute::Expected),
            Some("binding") => Some(Attribute::Binding),
            _ => None,
        },
        marker: match ui.get("marker").as_deref() {
            Some("national") => Some(Marker::National),
            Some("provincial") => Some(Marker::Provincial),
            Some("local") => Some(Marker::Local),
            _ => None,
        },
        key: ui.get("key"),
        query: ui.get("q").unwrap_or_default(),
    }
}

fn marker_text(m: Option<Marker>) -> &'static str {
    match m {
        Some(Marker::National) => "☆",
        Some(Marker::Provincial) => "△",
        Some(Marker::Local) => "*",
        None => "",
    }
}

pub fn attribute_text(a: Option<Attribute>, lang: Lang) -> &'static str {
    match a {
        Some(Attribute::Expected) => lang.t("预期性", "expected"),
        Some(Attribute::Binding) => lang.t("约束性", "binding"),
        None => "",
    }
}

/// What one indicator row shows, as text: a row slot compares it with what it showed and rewrites
/// only the cells that differ.
#[derive(PartialEq)]
struct RowText {
    locality_id: String,
    line: u32,
    locality: String,
    table: &'static str,
    category: String,
    seq: String,
    key_title: String,
    name: String,
    marker: &'static str,
    chartable: bool,
    chart_label: &'static str,
    unit: String,
    attribute: &'static str,
    /// Per shown value column: the column present, its tooltip and the value as printed.
    values: [Option<(&'static str, String, String)>; VALUE_COLUMNS.len()],
}

impl RowText {
    fn of(data: &crate::state::Data, r: crate::index::RowRef, lang: Lang) -> Self {
        let l = &data.core.localities[r.loc];
        let row = &l.indicators[r.row];
        let values = VALUE_COLUMNS.map(|(_, _, cols)| {
            cols.iter().find_map(|c| row.cells.get(c).map(|cell| (*c, cell))).map(|(col, cell)| {
                let title = format!("{} · {} {}", col.as_str(), lang.t("原文第", "source line"), row.line);
                (col.as_str(), title, cell.raw.clone())
            })
        });
        RowText {
            locality_id: l.id.clone(),
            line: row.line,
            locality: if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() },
            table: match row.table {
                Table::Fourteenth => lang.t("十四五", "14th"),
                Table::Thirteenth => lang.t("十三五", "13th"),
            },
            category: row.category.clone().unwrap_or_default(),
            seq: row.seq.clone().unwrap_or_default(),
            key_title: row.key.as_ref().map(|k| data.key_name(k, lang)).unwrap_or_default(),
            name: match &row.parent {
                Some(p) => format!("{p} · {}", row.name),
                None => row.name.clone(),
            },
            marker: marker_text(row.marker),
            chartable: row.cells.values().any(|c| c.value.is_some() && !c.cumulative),
            chart_label: lang.t("画增长图", "Growth chart"),
            unit: row.unit.clone().unwrap_or_default(),
            attribute: attribute_text(row.attribute, lang),
            values,
        }
    }

    /// Writes this row into a slot's `cells` where it differs from `was`, what the slot shows
    /// now.
    fn write(&self, tr: &web_sys::Element, was: Option<&RowText>) {
        use super::paging::{write_attr, write_text};
        let cells = tr.children();
        let cell = |k: usize| cells.item(k as u32);
        let before = |f: fn(&RowText) -> &str| was.map(f);
        write_attr(Some(tr), "data-locality", &self.locality_id, before(|t| &t.locality_id));
        if was.is_none_or(|w| w.line != self.line) {
            tr.set_attribute("data-line", &self.line.to_string()).ok();
        }
        write_text(cell(0).as_ref(), &self.locality, before(|t| &t.locality));
        write_text(cell(1).as_ref(), self.table, before(|t| t.table));
        write_text(cell(2).as_ref(), &self.category, before(|t| &t.category));
        write_text(cell(3).as_ref(), &self.seq, before(|t| &t.seq));
        if let Some(th) = cell(4) {
            write_attr(Some(&th), "title", &self.key_title, before(|t| &t.key_title));
            let parts = th.children();
            write_text(parts.item(0).as_ref(), &self.name, before(|t| &t.name));
            write_text(parts.item(1).as_ref(), self.marker, before(|t| t.marker));
            if let Some(chart) = parts.item(2) {
                if was.is_none_or(|w| w.chartable != self.chartable) {
                    chart.toggle_attribute_with_force("hidden", !self.chartable).ok();
                }
                write_attr(Some(&chart), "title", self.chart_label, before(|t| t.chart_label));
                write_attr(Some(&chart), "aria-label", self.chart_label, before(|t| t.chart_label));
            }
        }
        write_text(cell(5).as_ref(), &self.unit, before(|t| &t.unit));
        write_text(cell(6).as_ref(), self.attribute, before(|t| t.attribute));
        for (k, value) in self.values.iter().enumerate() {
            let old = was.map(|w| &w.values[k]);
            if old == Some(value) {
                continue;
            }
            let Some(button) = cell(7 + k).and_then(|td| td.first_element_child()) else { continue };
            button.toggle_attribute_with_force("hidden", value.is_none()).ok();
            match value {
                Some((col, title, raw)) => {
                    let old = old.and_then(Option::as_ref);
                    write_attr(Some(&button), "data-col", col, old.map(|o| o.0));
                    write_attr(Some(&button), "title", title, old.map(|o| o.1.as_str()));
                    write_text(Some(&button), raw, old.map(|o| o.2.as_str()));
                }
                // Nothing of another row's value stays behind, even hidden.
                None => {
                    button.remove_attribute("data-col").ok();
                    button.remove_attribute("title").ok();
                    button.set_text_content(None);
                }
            }
        }
    }
}

/// Builds an indicator row's empty cells, in the order `RowText::write` fills them. A column
/// the row does not print keeps a hidden button, so that the cells stay in place. The chart
/// icon is drawn by the stylesheet.
fn cells(tr: &web_sys::Element) {
    use super::paging::append;
    for class in ["", "", "", "num"] {
        append(tr, "td", class);
    }
    let th = append(tr, "th", "");
    th.set_attribute("scope", "row").ok();
    append(&th, "span", "name");
    append(&th, "span", "marker");
    append(&th, "button", "chart-link").set_attribute("hidden", "").ok();
    append(tr, "td", "");
    append(tr, "td", "");
    for _ in VALUE_COLUMNS {
        append(&append(tr, "td", "num"), "button", "value").set_attribute("hidden", "").ok();
    }
}

/// One click handler for the whole table instead of several per row (a filter change builds rows
/// faster without them): a value opens its source line, the chart button the growth chart. Both
/// are buttons, so the keyboard reaches and activates them as before.
fn row_click(ev: leptos::ev::MouseEvent) {
    let Some((button, row)) = super::paging::clicked_row(&ev, "button") else { return };
    let (Some(loc), Some(line)) = (row.get_attribute("data-locality"), row.get_attribute("data-line")) else { return };
    let Ok(line) = line.parse::<u32>() else { return };
    if button.class_list().contains("value") {
        open_provenance(&loc, line);
    } else if button.class_list().contains("chart-link") {
        ui().params.update(|p| {
            p.set("view", "growth");
            p.set("grow", format!("{loc}:{line}"));
        });
    }
}

#[component]
pub fn Indicators() -> impl IntoView {
    let data = data();
    let ui = ui();
    let rows = {
        let data = data.clone();
        Memo::new(move |_| {
            let f = filter_from_url();
            let sort = SortKey::parse(&ui.get("sort").unwrap_or_default());
            let desc = ui.get("dir").as_deref() == Some("desc");
            data.index().filter_indicators(&data.core, &f, sort, desc)
        })
    };
    let filters = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let all = lang.t("全部", "All").to_string();
            let mut keys: Vec<(String, String)> = data
                .core
                .indicator_keys
                .iter()
                .filter(|k| {
                    data.core.localities.iter().any(|l| l.indicators.iter().any(|i| i.key.as_ref() == Some(&k.key)))
                })
                .map(|k| (k.key.clone(), if lang == Lang::Zh { k.zh.clone() } else { k.en.clone() }))
                .collect();
            crate::sort::sort_by(&mut keys, |a, b| a.1.cmp(&b.1));
            keys.insert(0, (String::new(), all.clone()));
            let cats = std::iter::once((String::new(), all.clone()))
                .chain(data.index().categories.iter().map(|c| (c.clone(), c.clone())))
                .collect();
            view! {
                <div class="filters">
                    {param_select("table", lang.t("规划表", "Table").into(), vec![
                        (String::new(), all.clone()),
                        ("14th".into(), lang.t("十四五目标", "14th FYP targets").into()),
                        ("13th".into(), lang.t("十三五完成", "13th FYP results").into())])}
                    {param_select("cat", lang.t("类别", "Category").into(), cats)}
                    {param_select("attr", lang.t("属性", "Attribute").into(), vec![
                        (String::new(), all.clone()),
                        ("expected".into(), lang.t("预期性", "Expected").into()),
                        ("binding".into(), lang.t("约束性", "Binding").into())])}
                    {param_select("marker", lang.t("标记", "Marker").into(), vec![
                        (String::new(), all.clone()),
                        ("national".into(), lang.t("☆ 国家指标", "☆ national").into()),
                        ("provincial".into(), lang.t("△ 省增设", "△ provincial").into()),
                        ("local".into(), lang.t("* 本地增设", "* local").into())])}
                    {param_select("key", lang.t("可比指标", "Comparable indicator").into(), keys)}
                    {param_input("q", lang.t("关键词", "Keyword").into(), lang.t("如：森林", "e.g. forest").into())}
                </div>
            }
        }
    };
    let (sort, dir) = (ui.param("sort"), ui.param("dir"));
    let sort_header = move |key: SortKey, zh: &'static str, en: &'static str| {
        let active = move || sort.with(|s| SortKey::parse(s)) == key && key != SortKey::Printed;
        let desc = move || dir.with(|d| d == "desc");
        let on_click = move |_| {
            ui.params.update(|p| {
                let same = SortKey::parse(p.get("sort").unwrap_or("")) == key;
                let now_desc = p.get("dir") == Some("desc");
                p.set("sort", key.as_str());
                p.set("dir", if same && !now_desc { "desc" } else { "" });
            })
        };
        // aria-sort belongs to the column header, not to the button inside it.
        view! {
            <th scope="col" aria-sort=move || if !active() { "none" } else if desc() { "descending" } else { "ascending" }>
                <button class="sort" data-sort=key.as_str() on:click=on_click>
                    {crate::state::tr(zh, en)}
                    {move || if !active() { "" } else if desc() { " ▼" } else { " ▲" }}
                </button>
            </th>
        }
    };
    let (visible, more, show_all) = super::paging::paged(rows);
    let text = {
        let data = data.clone();
        move |r: &crate::index::RowRef| RowText::of(&data, *r, ui.lang())
    };
    let save_csv = {
        let data = data.clone();
        move |_| {
            let header = [
                "locality",
                "table",
                "category",
                "seq",
                "parent",
                "name",
                "unit",
                "marker",
                "attribute",
                "key",
                "column",
                "as_printed",
                "value",
                "source",
            ];
            let mut out = Vec::new();
            for r in rows.get_untracked() {
                let l = &data.core.localities[r.loc];
                let i = &l.indicators[r.row];
                for (col, cell) in &i.cells {
                    out.push(vec![
                        l.name.clone(),
                        match i.table {
                            Table::Fourteenth => "14th".into(),
                            Table::Thirteenth => "13th".into(),
                        },
                        i.category.clone().unwrap_or_default(),
                        i.seq.clone().unwrap_or_default(),
                        i.parent.clone().unwrap_or_default(),
                        i.name.clone(),
                        i.unit.clone().unwrap_or_default(),
                        marker_text(i.marker).into(),
                        attribute_text(i.attribute, Lang::Zh).into(),
                        i.key.clone().unwrap_or_default(),
                        col.as_str().into(),
                        cell.raw.clone(),
                        cell.value.map(crate::num::shortest).unwrap_or_default(),
                        format!("{}:{}", l.source, i.line),
                    ]);
                }
            }
            crate::export::download_csv("plan-atlas-indicators.csv", &header, &out, &data.core.attribution);
        }
    };
    view! {
        {filters}
        <button class="csv" on:click=save_csv>{crate::state::tr("⤓ 下载CSV（当前筛选）", "⤓ CSV (filtered rows)")}</button>
        <p class="count" role="status">
            <span class="n">{move || rows.with(Vec::len)}</span>
            {crate::state::tr(" 行指标", " indicator rows")}
        </p>
        {show_all}
        <div class="table-wrap">
            <table class="indicators">
                <caption class="visually-hidden">{crate::state::tr("规划指标表", "Plan indicators")}</caption>
                <thead><tr>
                    <th scope="col">{crate::state::tr("地方", "Locality")}</th>
                    <th scope="col">{crate::state::tr("规划表", "Table")}</th>
                    <th scope="col">{crate::state::tr("类别", "Category")}</th>
                    <th scope="col">{crate::state::tr("序号", "No.")}</th>
                    {sort_header(SortKey::Name, "指标", "Indicator")}
                    <th scope="col">{crate::state::tr("单位", "Unit")}</th>
                    <th scope="col">{crate::state::tr("属性", "Attribute")}</th>
                    {sort_header(SortKey::Value(Column::Value2015), VALUE_COLUMNS[0].0, VALUE_COLUMNS[0].1)}
                    <th scope="col">{crate::state::tr(VALUE_COLUMNS[1].0, VALUE_COLUMNS[1].1)}</th>
                    {sort_header(SortKey::Value(Column::Base2020), VALUE_COLUMNS[2].0, VALUE_COLUMNS[2].1)}
                    {sort_header(SortKey::Value(Column::Target2025), VALUE_COLUMNS[3].0, VALUE_COLUMNS[3].1)}
                    {sort_header(SortKey::Value(Column::TargetGrowth), VALUE_COLUMNS[4].0, VALUE_COLUMNS[4].1)}
                    <th scope="col">{crate::state::tr(VALUE_COLUMNS[5].0, VALUE_COLUMNS[5].1)}</th>
                </tr></thead>
                <tbody on:click=row_click use:row_slots=(visible, text, Row { cells, write: RowText::write })></tbody>
            </table>
        </div>
        {more}
    }
}
