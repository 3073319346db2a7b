//! 指标 Indicators: every indicator row with filters (locality, table, category, attribute,
//! marker, canonical indicator, keyword) and sortable columns. Values show the raw printed text;
//! each opens its provenance.

use super::paging::{row_slots, Row};
use super::{open_provenance, param_input, param_select};
use crate::index::{IndicatorFilter, Slot, SortKey};
use crate::state::{data, ui, Lang};
use atlas_data::{Attribute, Core, Marker, Period, Table};
use leptos::prelude::*;

/// The years a slot's cells have across the localities on screen, in order.
fn slot_years(core: &Core, slot: Slot) -> Vec<u16> {
    let mut years: Vec<u16> = core
        .localities
        .iter()
        .flat_map(|l| l.indicators.iter().filter_map(|r| slot.cell(r).and_then(|(c, _)| c.year)))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// A value column's header: its years as the plans on screen print them (`2025年目标`, or
/// `2025/2030年目标` when plans of two periods are shown).
pub fn slot_label(core: &Core, slot: Slot, lang: Lang) -> String {
    let years: Vec<String> = slot_years(core, slot).iter().map(u16::to_string).collect();
    let years = years.join("/");
    let (zh, en) = match slot {
        Slot::TargetGrowth => return lang.t("规划增速", "Planned growth").into(),
        Slot::ActualGrowth => return lang.t("实际增速", "Actual growth").into(),
        Slot::ReviewBase | Slot::Base if years.is_empty() => return lang.t("基数", "Base").into(),
        Slot::ReviewTarget | Slot::Target if years.is_empty() => return lang.t("目标", "Target").into(),
        Slot::ReviewBase | Slot::Base => (format!("{years}年"), years),
        Slot::ReviewTarget | Slot::Target => (format!("{years}年目标"), format!("{years} target")),
    };
    lang.pick(zh, en)
}

/// The period all plans on screen share, if they do.
fn shared_period(core: &Core) -> Option<Period> {
    let first = core.localities.first()?.period;
    core.localities.iter().all(|l| l.period == first).then_some(first)
}

/// A table kind as the filter names it: `十四五目标` / `十三五完成` when the plans on screen share
/// a period, else by kind.
fn table_option(core: &Core, table: Table, lang: Lang) -> String {
    match (shared_period(core), table) {
        (Some(p), Table::Plan) => lang.pick(format!("{}目标", p.zh()), format!("{} FYP targets", p.en())),
        (Some(p), Table::Review) => {
            let p = p.previous();
            lang.pick(format!("{}完成", p.zh()), format!("{} FYP results", p.en()))
        }
        (None, Table::Plan) => lang.t("规划目标", "Plan targets").into(),
        (None, Table::Review) => lang.t("上期完成", "Previous plan results").into(),
    }
}

/// A row's table as the table column names it: the period it is about (`十四五`, `13th`).
fn table_period(period: Period, table: Table, lang: Lang) -> String {
    let p = table.period(period);
    lang.pick(p.zh(), p.en())
}

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
    table: String,
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
    values: [Option<(String, String, String)>; Slot::ALL.len()],
}

impl RowText {
    fn of(data: &crate::state::Data, r: crate::index::RowRef, lang: Lang) -> Self {
        let l = &data.core.localities[r.loc];
        let row = &l.indicators[r.row];
        let values = Slot::ALL.map(|slot| {
            slot.cell(row).map(|(col, cell)| {
                let title = format!("{} · {} {}", col.name(), lang.t("原文第", "source line"), row.line);
                (col.name(), title, cell.raw.clone())
            })
        });
        RowText {
            locality_id: l.id.clone(),
            line: row.line,
            locality: if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() },
            table: table_period(l.period, row.table, lang),
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
        write_text(cell(1).as_ref(), &self.table, before(|t| &t.table));
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
                    write_attr(Some(&button), "data-col", col, old.map(|o| o.0.as_str()));
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
    for _ in Slot::ALL {
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
                        (Table::Plan.as_str().into(), table_option(&data.core, Table::Plan, lang)),
                        (Table::Review.as_str().into(), table_option(&data.core, Table::Review, lang))])}
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
    let sort_header = move |key: SortKey, label: Box<dyn Fn() -> String + Send + Sync>| {
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
                    {label}
                    {move || if !active() { "" } else if desc() { " ▼" } else { " ▲" }}
                </button>
            </th>
        }
    };
    // A value column no plan on screen prints is hidden (`hide-<k>`, the stylesheet's rule), so
    // that a corpus of 十五五 plans without reviews shows no empty 十四五-review columns.
    let table_class = {
        let hidden: Vec<String> = Slot::ALL
            .iter()
            .enumerate()
            .filter(|(_, slot)| {
                !data.core.localities.iter().flat_map(|l| &l.indicators).any(|r| slot.cell(r).is_some())
            })
            .map(|(k, _)| format!("hide-{k}"))
            .collect();
        format!("indicators {}", hidden.join(" "))
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
                        table_period(l.period, i.table, Lang::En),
                        i.category.clone().unwrap_or_default(),
                        i.seq.clone().unwrap_or_default(),
                        i.parent.clone().unwrap_or_default(),
                        i.name.clone(),
                        i.unit.clone().unwrap_or_default(),
                        marker_text(i.marker).into(),
                        attribute_text(i.attribute, Lang::Zh).into(),
                        i.key.clone().unwrap_or_default(),
                        col.name(),
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
            <table class=table_class>
                <caption class="visually-hidden">{crate::state::tr("规划指标表", "Plan indicators")}</caption>
                <thead><tr>
                    <th scope="col">{crate::state::tr("地方", "Locality")}</th>
                    <th scope="col">{crate::state::tr("规划表", "Table")}</th>
                    <th scope="col">{crate::state::tr("类别", "Category")}</th>
                    <th scope="col">{crate::state::tr("序号", "No.")}</th>
                    {sort_header(SortKey::Name, Box::new(move || ui.lang().t("指标", "Indicator").into()))}
                    <th scope="col">{crate::state::tr("单位", "Unit")}</th>
                    <th scope="col">{crate::state::tr("属性", "Attribute")}</th>
                    {Slot::ALL.map(|slot| {
                        let data = data.clone();
                        let label = Box::new(move || slot_label(&data.core, slot, ui.lang()));
                        if crate::index::SORT_SLOTS.contains(&slot) {
                            sort_header(SortKey::Value(slot), label).into_any()
                        } else {
                            view! { <th scope="col">{label}</th> }.into_any()
                        }
                    })}
                </tr></thead>
                <tbody on:click=row_click use:row_slots=(visible, text, Row { cells, write: RowText::write })></tbody>
            </table>
        </div>
        {more}
    }
}
