//! 增长 Growth: the observations and targets of one indicator — a canonical key shared across
//! localities (`gkey`), or one plan's own row (`grow=<locality>:<line>`) — as a line chart, with
//! the stated growth rate beside the rate implied by base and target. Every year comes from the
//! cells: a 十四五 plan's line runs 2015 → 2020 → 2025, a 十五五 plan's 2020 → 2025 → 2030.

use super::param_select;
use crate::charts::canvas::ChartCanvas;
use crate::charts::{growth, palette};
use crate::state::{data, ui, Data, Lang};
use atlas_data::{Cell, Column, Comparator, Indicator, Locality, Role, Table};
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

/// The selection with the plans of one place together, their rows in period order: a locality
/// with a 十四五 and a 十五五 plan is one line from 2015 to 2030. Each group names its plans.
fn by_place<'a>(data: &'a Data, picked: Vec<(usize, Vec<&'a Indicator>)>) -> Vec<(Vec<usize>, Vec<&'a Indicator>)> {
    let mut groups: Vec<(Vec<usize>, Vec<&Indicator>)> = Vec::new();
    let place = |i: usize| atlas_data::adcode_of(&data.core.localities[i].id);
    for (i, rows) in picked {
        match groups.iter_mut().find(|(members, _)| place(members[0]) == place(i)) {
            Some((members, all)) => {
                members.push(i);
                all.extend(rows);
            }
            None => groups.push((vec![i], rows)),
        }
    }
    for (members, _) in &mut groups {
        crate::sort::sort_by_key(members, |&i| data.core.localities[i].period);
    }
    groups
}

fn point(col: Column, cell: &Cell) -> Option<growth::Point> {
    let value = cell.value.filter(|_| !cell.cumulative)?;
    Some(growth::Point {
        year: f64::from(cell.year.or(col.year)?),
        value,
        bound: cell.cmp.is_some_and(|c| c != Comparator::About),
        estimate: cell.estimate,
        raw: cell.raw.clone(),
    })
}

/// The path a stated annual growth rate implies from the base year to the period's end, for a
/// plan that prints a base level and the rate but no target level (株洲: GDP 2020 and 7.5 %).
fn implied_path(
    l: &Locality,
    key: Option<&str>,
    rows: &[&Indicator],
    actual: &[growth::Point],
    targets: &[growth::Point],
) -> Vec<growth::Point> {
    let (base_year, end) = (l.period.base_year(), l.period.end());
    let has_target = targets.iter().any(|t| t.year >= f64::from(end));
    let base =
        actual.iter().find(|p| p.year == f64::from(base_year) && rows.iter().any(|r| r.unit.as_deref() != Some("%")));
    let rate = rates(l, key, rows).0.and_then(|(_, v)| v);
    let (Some(base), Some(rate), false) = (base, rate, has_target) else { return Vec::new() };
    (1..=end - base_year)
        .map(|k| {
            let value = base.value * (1.0 + rate / 100.0).powi(i32::from(k));
            growth::Point {
                year: f64::from(base_year + k),
                value,
                bound: false,
                estimate: false,
                raw: crate::num::fixed(value, 1),
            }
        })
        .collect()
}

fn series_of(name: String, color: plotters::style::RGBColor, rows: &[&Indicator]) -> growth::Series {
    // Observations of any year; where several columns give one year, the plan's base first, then
    // the review's result, then a series.
    let rank = |role: Role| match role {
        Role::Base => 0,
        Role::Actual => 1,
        _ => 2,
    };
    let mut observed: Vec<(u8, growth::Point)> = rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|(c, _)| matches!(c.role, Role::Base | Role::Actual | Role::Value))
        .filter_map(|(c, cell)| Some((rank(c.role), point(*c, cell)?)))
        .collect();
    crate::sort::sort_by(&mut observed, |a, b| a.1.year.total_cmp(&b.1.year).then(a.0.cmp(&b.0)));
    let mut actual: Vec<growth::Point> = observed.into_iter().map(|(_, p)| p).collect();
    actual.dedup_by(|a, b| a.year == b.year);
    let mut target: Vec<growth::Point> = rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|(c, _)| c.role == Role::Target)
        .filter_map(|(c, cell)| point(*c, cell))
        .collect();
    crate::sort::sort_by(&mut target, |a, b| a.year.total_cmp(&b.year));
    growth::Series { name, color, actual, target, implied: Vec::new() }
}

/// Stated annual growth (as printed: the same the overview shows) and the rate implied by the
/// plan's base and target.
fn rates(l: &Locality, key: Option<&str>, rows: &[&Indicator]) -> (Option<(String, Option<f64>)>, Option<f64>) {
    let main = rows.iter().find(|r| r.table == Table::Plan);
    let stated = match key {
        Some(k) => l.planned_growth(k).map(|(_, c)| c),
        None => main.and_then(|r| r.cells.get(&Column::TARGET_GROWTH)),
    }
    .map(|c| (c.raw.clone(), c.value.filter(|_| !c.cumulative)));
    let (base_year, end) = (l.period.base_year(), l.period.end());
    let implied = main.filter(|r| r.unit.as_deref() != Some("%")).and_then(|r| {
        let base = r.cells.get(&Column::base(base_year)).filter(|c| !c.cumulative)?;
        let target = r.cells.get(&Column::target(end)).filter(|c| !c.cumulative && c.cmp.is_none())?;
        let (b, t) = (base.value?, target.value?);
        let years = f64::from(end) - f64::from(base.year.unwrap_or(base_year));
        (b > 0.0 && t > 0.0 && years > 0.0).then(|| ((t / b).powf(1.0 / years) - 1.0) * 100.0)
    });
    (stated, implied)
}

/// What a point of the chart's data table is.
#[derive(Clone, Copy)]
enum Kind {
    Actual,
    Target,
    Implied,
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
            let series: Vec<growth::Series> = by_place(&data, picked)
                .iter()
                .map(|(members, rows)| {
                    // One line per place; its latest plan tells the period an implied path runs to.
                    let (first, latest) = (members[0], members[members.len() - 1]);
                    let l = &data.core.localities[latest];
                    let name = &data.core.localities[first];
                    let mut s = series_of(
                        if lang == Lang::Zh { name.name.clone() } else { name.name_en.clone() },
                        palette::series(first),
                        rows,
                    );
                    let key = ui.get("grow").is_none().then(|| ui.get("gkey").unwrap_or_else(|| "gdp".into()));
                    s.implied = implied_path(l, key.as_deref(), rows, &s.actual, &s.target);
                    s
                })
                .collect();
            (title, unit, series)
        })
    };
    let notes = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            // A canonical indicator's stated growth is read as the overview reads it.
            let key = match ui.get("grow") {
                Some(_) => None,
                None => Some(ui.get("gkey").unwrap_or_else(|| "gdp".into())),
            };
            selection(&data, ui)
                .into_iter()
                .map(|(li, rows)| {
                    let l = &data.core.localities[li];
                    let (stated, implied) = rates(l, key.as_deref(), &rows);
                    let (base_year, end) = (l.period.base_year(), l.period.end());
                    let stated_text = stated.as_ref().map_or("—".to_string(), |(raw, _)| raw.clone());
                    let implied_text = implied.map_or("—".to_string(), |v| format!("{}%", crate::num::fixed(v, 1)));
                    let differs = matches!((&stated, implied), (Some((_, Some(s))), Some(i)) if (s - i).abs() > 0.5);
                    view! {
                        <li data-locality=l.id.clone()>
                            <strong>{data.atlas.name(&l.id, lang)}</strong>
                            {lang.t("：规划年均增速 ", ": stated annual growth ")}<span class="stated">{stated_text}</span>
                            {lang.pick(format!("；由{base_year}基数与{end}目标推算 "), format!("; implied by {base_year} base and {end} target "))}<span class="implied">{implied_text}</span>
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
                let kinds = [(s.actual, Kind::Actual), (s.target, Kind::Target), (s.implied, Kind::Implied)];
                let name = s.name;
                kinds.into_iter().flat_map(move |(points, k)| {
                    let name = name.clone();
                    points.into_iter().map(move |p| (name.clone(), p, k))
                })
            })
            .map(|(name, p, k)| {
                let kind = match (k, p.estimate) {
                    (Kind::Target, _) => lang.t("目标", "target"),
                    (Kind::Implied, _) => {
                        lang.t("按规划增速推算（非原文数值）", "implied by the stated rate (not printed)")
                    }
                    (Kind::Actual, true) => lang.t("预计", "estimate"),
                    (Kind::Actual, false) => lang.t("实际", "actual"),
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
        <p class="legend-note">{crate::state::tr("实心点：实际值；空心点：预计值；方框：目标；圆环：带比较符的目标（如≥）；点线与×：只列增速的规划按其增速从基期推算的路径（非原文数值）；累计值[…]不画在折线上。", "Filled dots: actual; hollow dots: estimates; squares: targets; rings: targets printed with a comparator (e.g. ≥); dotted line with ×: the path a plan that states only a growth rate implies from its base year (not printed values). Cumulative values […] are not plotted as levels.")}</p>
        {table}
    }
}
