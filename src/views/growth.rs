//! 增长 Growth: the observations and targets of one indicator — a canonical key shared across
//! localities (`gkey`), or one plan's own row (`grow=<locality>:<line>`) — as a line chart, with
//! the stated growth rate beside the rate implied by base and target.

use super::param_select;
use crate::charts::canvas::ChartCanvas;
use crate::charts::{growth, palette};
use crate::state::{data, ui, Data, Lang};
use atlas_data::{Column, Comparator, Indicator, Table};
use leptos::prelude::*;
use std::sync::Arc;

/// The rows to chart: (locality index, its rows for this indicator).
fn selection(data: &Data, ui: crate::state::Ui) -> Vec<(usize, Vec<&Indicator>)> {
    if let Some((id, line)) = ui.get("grow").and_then(|g| {
        let (id, line) = g.split_once(':')?;
        Some((id.to_string(), line.parse::<u32>().ok()?))
    }) {
        return data
            .core
            .localities
            .iter()
            .enumerate()
            .filter(|(_, l)| l.id == id)
            .map(|(i, l)| (i, l.indicators.iter().filter(|r| r.line == line).collect()))
            .collect();
    }
    let key = ui.get("gkey").unwrap_or_else(|| "gdp".into());
    let selected = ui.localities();
    data.core
        .localities
        .iter()
        .enumerate()
        .filter(|(_, l)| selected.is_empty() || selected.contains(&l.id))
        .map(|(i, l)| (i, l.indicators.iter().filter(|r| r.key.as_deref() == Some(key.as_str())).collect::<Vec<_>>()))
        .filter(|(_, rows)| !rows.is_empty())
        .collect()
}

fn point(col: Column, rows: &[&Indicator]) -> Option<growth::Point> {
    let cell = rows.iter().find_map(|r| r.cells.get(&col))?;
    let value = cell.value.filter(|_| !cell.cumulative)?;
    Some(growth::Point {
        year: f64::from(cell.year.or(col.year())?),
        value,
        bound: cell.cmp.is_some_and(|c| c != Comparator::About),
        estimate: cell.estimate,
        raw: cell.raw.clone(),
    })
}

fn series_of(name: String, color: plotters::style::RGBColor, rows: &[&Indicator]) -> growth::Series {
    let mut actual: Vec<growth::Point> =
        [Column::Value2015, Column::Y2016, Column::Y2017, Column::Y2018, Column::Y2019]
            .into_iter()
            .filter_map(|c| point(c, rows))
            .collect();
    // One 2020 observation: the 十四五 table's base, else the 十三五 result, else the series.
    if let Some(p) = [Column::Base2020, Column::Actual2020, Column::Y2020].into_iter().find_map(|c| point(c, rows)) {
        actual.push(p);
    }
    crate::sort::sort_by(&mut actual, |a, b| a.year.total_cmp(&b.year));
    actual.dedup_by(|a, b| a.year == b.year);
    let target = [Column::Target2020, Column::Target2025].into_iter().filter_map(|c| point(c, rows)).collect();
    growth::Series { name, color, actual, target }
}

/// Stated annual growth (as printed) and the rate implied by the 2020 base and the 2025 target.
fn rates(rows: &[&Indicator]) -> (Option<(String, Option<f64>)>, Option<f64>) {
    let main = rows.iter().find(|r| r.table == Table::Fourteenth);
    let stated = main
        .and_then(|r| r.cells.get(&Column::TargetGrowth))
        .map(|c| (c.raw.clone(), c.value.filter(|_| !c.cumulative)));
    let implied = main.filter(|r| r.unit.as_deref() != Some("%")).and_then(|r| {
        let base = r.cells.get(&Column::Base2020).filter(|c| !c.cumulative)?;
        let target = r.cells.get(&Column::Target2025).filter(|c| !c.cumulative && c.cmp.is_none())?;
        let (b, t) = (base.value?, target.value?);
        let years = 2025.0 - f64::from(base.year.unwrap_or(2020));
        (b > 0.0 && t > 0.0 && years > 0.0).then(|| ((t / b).powf(1.0 / years) - 1.0) * 100.0)
    });
    (stated, implied)
}

#[component]
pub fn Growth() -> impl IntoView {
    let data = data();
    let ui = ui();
    let picker = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let mut keys: Vec<(String, String)> = data
                .core
                .indicator_keys
                .iter()
                .filter(|k| {
                    data.core.localities.iter().any(|l| {
                        l.indicators
                            .iter()
                            .any(|i| i.key.as_ref() == Some(&k.key) && i.cells.values().any(|c| c.value.is_some()))
                    })
                })
                .map(|k| (k.key.clone(), if lang == Lang::Zh { k.zh.clone() } else { k.en.clone() }))
                .collect();
            crate::sort::sort_by(&mut keys, |a, b| a.1.cmp(&b.1));
            keys.insert(0, (String::new(), data.key_name("gdp", lang)));
            let own = ui.get("grow").map(|_| {
                view! { <button class="link" on:click=move |_| ui.set("grow", "")>{lang.t("改看可比指标", "Back to comparable indicators")}</button> }
            });
            view! { <div class="filters">{param_select("gkey", lang.t("指标", "Indicator").into(), keys)}{own}</div> }
        }
    };
    let chart_data = {
        let data = data.clone();
        Memo::new(move |_| {
            let lang = ui.lang();
            let picked = selection(&data, ui);
            let title = match picked.first().and_then(|(_, rows)| rows.first()) {
                Some(r) if ui.get("grow").is_some() => r.name.clone(),
                _ => data.key_name(&ui.get("gkey").unwrap_or_else(|| "gdp".into()), lang),
            };
            let unit = picked.iter().flat_map(|(_, rows)| rows.iter()).find_map(|r| r.unit.clone()).unwrap_or_default();
            let series: Vec<growth::Series> = picked
                .iter()
                .map(|(li, rows)| {
                    let l = &data.core.localities[*li];
                    series_of(
                        if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() },
                        palette::series(*li),
                        rows,
                    )
                })
                .collect();
            (title, unit, series)
        })
    };
    let notes = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            selection(&data, ui)
                .into_iter()
                .map(|(li, rows)| {
                    let l = &data.core.localities[li];
                    let (stated, implied) = rates(&rows);
                    let stated_text = stated.as_ref().map_or("—".to_string(), |(raw, _)| raw.clone());
                    let implied_text = implied.map_or("—".to_string(), |v| format!("{}%", crate::num::fixed(v, 1)));
                    let differs = matches!((&stated, implied), (Some((_, Some(s))), Some(i)) if (s - i).abs() > 0.5);
                    view! {
                        <li data-locality=l.id.clone()>
                            <strong>{if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() }}</strong>
                            {lang.t("：规划年均增速 ", ": stated annual growth ")}<span class="stated">{stated_text}</span>
                            {lang.t("；由2020基数与2025目标推算 ", "; implied by 2020 base and 2025 target ")}<span class="implied">{implied_text}</span>
                            {differs.then(|| view! { <span class="flag" title=lang.t("两者相差超过0.5个百分点", "they differ by more than 0.5 points")>{lang.t("（不一致）", " (disagree)")}</span> })}
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let table = move || {
        let lang = ui.lang();
        let (_, unit, series) = chart_data.get();
        let rows = series
            .into_iter()
            .flat_map(|s| {
                let name = s.name.clone();
                s.actual.into_iter().map(move |p| (name.clone(), p, false)).chain(s.target.into_iter().map({
                    let name = s.name.clone();
                    move |p| (name.clone(), p, true)
                }))
            })
            .map(|(name, p, target)| {
                let kind = match (target, p.estimate) {
                    (true, _) => lang.t("目标", "target"),
                    (false, true) => lang.t("预计", "estimate"),
                    (false, false) => lang.t("实际", "actual"),
                };
                view! { <tr><td>{name}</td><td>{p.year}</td><td>{kind}</td><td>{p.raw}</td></tr> }
            })
            .collect_view();
        view! {
            <details class="chart-data">
                <summary>{lang.t("图表数据", "Chart data")}{format!(" ({unit})")}</summary>
                <table><thead><tr>
                    <th>{lang.t("地方", "Locality")}</th><th>{lang.t("年份", "Year")}</th>
                    <th>{lang.t("类型", "Kind")}</th><th>{lang.t("原文数值", "As printed")}</th>
                </tr></thead><tbody>{rows}</tbody></table>
            </details>
        }
    };
    let label = Signal::derive(move || {
        let (title, unit, series) = chart_data.get();
        let lang = ui.lang();
        format!(
            "{title} ({unit}) — {} {}",
            series.len(),
            lang.t("条折线；实线为实际值，虚线为目标", "lines; solid is actual, dashed is target")
        )
    });
    let draw = move |canvas: &web_sys::HtmlCanvasElement, ratio: f64| {
        let (title, unit, series) = chart_data.get();
        growth::draw(canvas, ratio, &title, &unit, &series)
    };
    let _ = Arc::clone(&data);
    view! {
        {picker}
        <ChartCanvas label height=360.0 draw class="growth" />
        <ul class="growth-notes">{notes}</ul>
        <p class="legend-note">{crate::state::tr("实心点：实际值；空心点：预计值；方框：目标；圆环：带比较符的目标（如≥）；累计值[…]不画在折线上。", "Filled dots: actual; hollow dots: estimates; squares: targets; rings: targets printed with a comparator (e.g. ≥). Cumulative values […] are not plotted as levels.")}</p>
        {table}
    }
}
