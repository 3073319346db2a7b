//! 对比 Compare: the selected localities side by side on every canonical indicator their plans'
//! target tables share — base, target, growth, attribute, each in the years its plan prints (2020 →
//! 2025 for a 十四五 plan, 2025 → 2030 for a 十五五 one) — a dumbbell chart (base → target) per
//! indicator chosen (`ckey`, comma-separated), and all shared targets at a glance.

use super::indicators::attribute_text;
use super::open_provenance;
use crate::charts::canvas::ChartCanvas;
use crate::charts::{dots, dumbbell, palette};
use crate::index::Slot;
use crate::state::{data, ui, Data, Lang};
use atlas_data::{Cell, Comparator, Indicator, Locality, Table};
use leptos::prelude::*;
use std::sync::Arc;

fn selected(data: &Data, ids: &[String]) -> Vec<usize> {
    (0..data.core.localities.len()).filter(|&i| ids.is_empty() || ids.contains(&data.core.localities[i].id)).collect()
}

fn row_for<'a>(l: &'a Locality, key: &str) -> Option<&'a Indicator> {
    l.indicators.iter().find(|i| i.table == Table::Plan && i.key.as_deref() == Some(key))
}

/// The cell of a plan row in `slot` (its base, target or planned growth).
fn get(row: &Indicator, slot: Slot) -> Option<&Cell> {
    slot.cell(row).map(|(_, c)| c)
}

/// The base and target years of the localities compared, as headers print them: `2020`, or
/// `2020/2025` when their plans are of different periods.
fn years(data: &Data, locs: &[usize]) -> (String, String) {
    let mut periods: Vec<atlas_data::Period> = locs.iter().map(|&i| data.core.localities[i].period).collect();
    periods.sort_unstable();
    periods.dedup();
    let join =
        |f: fn(atlas_data::Period) -> u16| periods.iter().map(|p| f(*p).to_string()).collect::<Vec<_>>().join("/");
    (join(atlas_data::Period::base_year), join(atlas_data::Period::end))
}

/// Canonical keys in the target tables of at least two of the localities, most shared first.
fn shared_keys(data: &Data, locs: &[usize]) -> Vec<String> {
    let mut keys: Vec<(usize, String)> = data
        .core
        .indicator_keys
        .iter()
        .map(|k| (locs.iter().filter(|&&i| row_for(&data.core.localities[i], &k.key).is_some()).count(), k.key.clone()))
        .filter(|(n, _)| *n >= 2)
        .collect();
    crate::sort::sort_by(&mut keys, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    keys.into_iter().map(|(_, k)| k).collect()
}

/// A cell as printed, or `—` where the plan prints none.
fn printed(row: Option<&Indicator>, slot: Slot) -> String {
    row.and_then(|r| get(r, slot)).map_or("—".to_string(), |c| c.raw.clone())
}

fn name(l: &Locality, lang: Lang) -> String {
    if lang == Lang::Zh {
        l.name.clone()
    } else {
        l.name_en.clone()
    }
}

fn cell_view(l: &Locality, row: Option<&Indicator>, slot: Slot, lang: Lang) -> AnyView {
    let Some(row) = row else {
        return view! { <td class="num missing" title=lang.t("该地规划未列此指标", "this plan has no such indicator")>"—"</td> }.into_any();
    };
    match slot.cell(row) {
        Some((col, c)) => {
            let (id, line, raw) = (l.id.clone(), row.line, c.raw.clone());
            view! { <td class="num"><button class="value" data-col=col.name() on:click=move |_| open_provenance(&id, line)>{raw}</button></td> }.into_any()
        }
        None => {
            view! { <td class="num missing" title=lang.t("规划未给出该值", "the plan prints no value here")>"—"</td> }
                .into_any()
        }
    }
}

#[component]
pub fn Compare() -> impl IntoView {
    let data = data();
    let ui = ui();
    let locs = {
        let data = data.clone();
        Memo::new(move |_| selected(&data, &ui.localities()))
    };
    let keys = {
        let data = data.clone();
        Memo::new(move |_| shared_keys(&data, &locs.get()))
    };
    // The chart opens on the GDP growth target when at least two localities print it as a number,
    // else on the key most of them print as a number (a level, not a five-year total).
    let default_key = {
        let data = data.clone();
        Memo::new(move |_| {
            let ks = keys.get();
            let locs = locs.get();
            let drawable = |k: &String| {
                locs.iter()
                    .filter(|&&i| {
                        row_for(&data.core.localities[i], k)
                            .and_then(|r| get(r, Slot::Target).or(get(r, Slot::TargetGrowth)))
                            .is_some_and(|c| c.value.is_some() && !c.cumulative)
                    })
                    .count()
            };
            let gdp = ks.iter().find(|k| k.as_str() == "gdp_growth" && drawable(k) >= 2);
            // `max_by_key` keeps the last of equals: reverse, so the first (most shared) key wins.
            gdp.or_else(|| ks.iter().rev().max_by_key(|k| drawable(k))).cloned()
        })
    };
    // The indicators charted (`ckey`, comma-separated, in the order chosen); the default when none.
    let chosen = Memo::new(move |_| {
        let mut ks: Vec<String> = Vec::new();
        // Known keys, each once (a hand-edited link may repeat one), in the order given.
        for k in ui.get("ckey").unwrap_or_default().split(',') {
            if keys.with(|known| known.iter().any(|s| s == k)) && !ks.iter().any(|s| s == k) {
                ks.push(k.to_string());
            }
        }
        if ks.is_empty() {
            ks.extend(default_key.get());
        }
        ks
    });
    let set_chosen = move |ks: Vec<String>| ui.set("ckey", ks.join(","));
    let picker = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let now = chosen.get();
            let chips = now
                .iter()
                .map(|k| {
                    let remove = {
                        let k = k.clone();
                        move |_| set_chosen(chosen.get_untracked().into_iter().filter(|c| *c != k).collect())
                    };
                    let label = format!("{} {}", lang.t("移除", "Remove"), data.key_name(k, lang));
                    let removable = now.len() > 1;
                    view! {
                        <span class="chip chosen" data-key=k.clone()>
                            {data.key_name(k, lang)}
                            {removable.then(|| view! { <button class="remove" aria-label=label.clone() title=label on:click=remove>"×"</button> })}
                        </span>
                    }
                })
                .collect_view();
            let options = keys
                .get()
                .into_iter()
                .filter(|k| !now.contains(k))
                .map(|k| view! { <option value=k.clone()>{data.key_name(&k, lang)}</option> })
                .collect_view();
            let add = move |ev| {
                let k = event_target_value(&ev);
                if !k.is_empty() {
                    set_chosen(chosen.get_untracked().into_iter().chain([k]).collect());
                }
            };
            view! {
                <div class="filters compare-keys">
                    <div class="chips" role="group" aria-label=lang.t("图表指标", "Indicators charted")>{chips}</div>
                    <label class="filter" for="filter-ckey">
                        <span>{lang.t("添加图表指标", "Add an indicator chart")}</span>
                        <select id="filter-ckey" prop:value="" on:change=add>
                            <option value="">{lang.t("选择指标…", "Choose an indicator…")}</option>
                            {options}
                        </select>
                    </label>
                </div>
            }
        }
    };
    let table = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let locs = locs.get();
            if locs.len() < 2 {
                return view! { <p class="notice" role="note">{lang.t("请至少选择两个地方进行对比。", "Choose at least two localities to compare.")}</p> }.into_any();
            }
            let head = locs
                .iter()
                .map(|&i| view! { <th scope="colgroup" colspan="4">{name(&data.core.localities[i], lang)}</th> })
                .collect_view();
            let (base_years, target_years) = years(&data, &locs);
            let sub = locs
                .iter()
                .map(|_| {
                    view! {
                        <th scope="col">{lang.pick(format!("{base_years}基数"), format!("{base_years} base"))}</th>
                        <th scope="col">{lang.pick(format!("{target_years}目标"), format!("{target_years} target"))}</th>
                        <th scope="col">{lang.t("增速", "Growth")}</th><th scope="col">{lang.t("属性", "Attribute")}</th>
                    }
                })
                .collect_view();
            let body = keys
                .get()
                .into_iter()
                .map(|k| {
                    let cells = locs
                        .iter()
                        .map(|&i| {
                            let l = &data.core.localities[i];
                            let row = row_for(l, &k);
                            view! {
                                {cell_view(l, row, Slot::Base, lang)}
                                {cell_view(l, row, Slot::Target, lang)}
                                {cell_view(l, row, Slot::TargetGrowth, lang)}
                                <td>{row.map(|r| attribute_text(r.attribute, lang)).unwrap_or("—")}</td>
                            }
                        })
                        .collect_view();
                    view! { <tr data-key=k.clone()><th scope="row">{data.key_name(&k, lang)}</th>{cells}</tr> }
                })
                .collect_view();
            // On phones a card per indicator replaces the wide table (CSS shows one or the other).
            let cards = keys
                .get()
                .into_iter()
                .map(|k| {
                    let items = locs
                        .iter()
                        .map(|&i| {
                            let l = &data.core.localities[i];
                            let row = row_for(l, &k);
                            let raw = |slot: Slot| printed(row, slot);
                            let growth = raw(Slot::TargetGrowth);
                            let text = format!(
                                "{} {} → {} {}{}",
                                l.period.base_year(),
                                raw(Slot::Base),
                                l.period.end(),
                                raw(Slot::Target),
                                if growth == "—" {
                                    String::new()
                                } else {
                                    format!(" · {} {growth}", lang.t("增速", "growth"))
                                }
                            );
                            view! { <dt>{name(l, lang)}</dt><dd>{text}</dd> }
                        })
                        .collect_view();
                    view! {
                        <section class="compare-card" data-key=k.clone()>
                            <h2>{data.key_name(&k, lang)}</h2>
                            <dl>{items}</dl>
                        </section>
                    }
                })
                .collect_view();
            view! {
                <div class="table-wrap compare-wrap" tabindex="0" role="region" aria-label=lang.t("对比表", "Comparison table")>
                    <table class="compare">
                        <thead><tr><th rowspan="2" scope="col">{lang.t("可比指标", "Indicator")}</th>{head}</tr><tr>{sub}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
                <div class="compare-cards">{cards}</div>
            }
            .into_any()
        }
    };
    let dumbbells = {
        let data = data.clone();
        move |key: &str| -> (String, Vec<dumbbell::Dumbbell>, Vec<String>) {
            let lang = ui.lang();
            let locs = locs.get();
            // One unit on one axis: the unit most localities print; five-year totals ([…]) are not
            // levels. What is left off is named under the chart.
            let mut units: Vec<Option<String>> =
                locs.iter().filter_map(|&i| row_for(&data.core.localities[i], key).map(|r| r.unit.clone())).collect();
            crate::sort::sort(&mut units);
            let unit = units.iter().max_by_key(|u| units.iter().filter(|v| v == u).count()).cloned().flatten();
            let mut left_off = Vec::new();
            let rows: Vec<dumbbell::Dumbbell> = locs
                .iter()
                .filter_map(|&i| {
                    let l = &data.core.localities[i];
                    let row = row_for(l, key)?;
                    let target = get(row, Slot::Target).or(get(row, Slot::TargetGrowth))?;
                    if target.cumulative || row.unit != unit || target.value.is_none() {
                        let why = if target.cumulative {
                            lang.t("五年累计值", "a five-year total").to_string()
                        } else if target.value.is_none() {
                            lang.t("非数值", "not a number").to_string()
                        } else {
                            format!("{}{}", lang.t("单位：", "unit: "), row.unit.as_deref().unwrap_or("—"))
                        };
                        left_off.push(format!("{} {}（{why}）", name(l, lang), target.raw));
                        return None;
                    }
                    Some(dumbbell::Dumbbell {
                        label: name(l, lang),
                        color: palette::series(i),
                        base: get(row, Slot::Base)
                            .filter(|c| !c.cumulative)
                            .and_then(|c| Some((c.value?, c.raw.clone()))),
                        target: (target.value?, target.raw.clone()),
                        bound: target.cmp.is_some_and(|c| c != Comparator::About),
                    })
                })
                .collect();
            let unit = unit.map(|u| format!(" ({u})")).unwrap_or_default();
            (format!("{}{unit}", data.key_name(key, lang)), dumbbell::sorted(rows), left_off)
        }
    };
    let glance = {
        let data = data.clone();
        Memo::new(move |_| {
            let lang = ui.lang();
            let locs = locs.get();
            let rows: Vec<dots::Row> = keys
                .get()
                .into_iter()
                .filter_map(|k| {
                    let dots: Vec<(usize, f64)> = locs
                        .iter()
                        .filter_map(|&i| {
                            let r = row_for(&data.core.localities[i], &k)?;
                            let b = get(r, Slot::Base).filter(|c| !c.cumulative)?.value?;
                            let t = get(r, Slot::Target).filter(|c| !c.cumulative)?.value?;
                            (b.abs() > f64::EPSILON).then(|| (i, (t / b - 1.0) * 100.0))
                        })
                        .collect();
                    (dots.len() >= 2).then(|| dots::Row { label: data.key_name(&k, lang), dots })
                })
                .collect();
            let legend = locs.iter().map(|&i| (i, name(&data.core.localities[i], lang))).collect::<Vec<_>>();
            (legend, rows)
        })
    };
    let span = {
        let data = data.clone();
        Memo::new(move |_| years(&data, &locs.get()))
    };
    let glance_label = Signal::derive(move || {
        let (base, target) = span.get();
        glance.with(|(_, rows)| {
            let what = ui.lang().pick(
                format!("项共有指标的计划变化（{target}目标相对{base}基数）"),
                format!("shared indicators: planned change from {base} base to {target} target"),
            );
            format!("{} {what}", rows.len())
        })
    });
    let draw_glance = move |c: &web_sys::HtmlCanvasElement, r: f64| {
        let (base, target) = span.get_untracked();
        let title = ui.lang().pick(
            format!("目标一览：{target}目标相对{base}基数的变化（%）"),
            format!("Targets at a glance: change from {base} base to {target} target (%)"),
        );
        glance.with(|(legend, rows)| dots::draw(c, r, &title, legend, rows))
    };
    let save_csv = {
        let data = data.clone();
        move |_| {
            let header = [
                "key",
                "indicator",
                "locality",
                "period",
                "base_year",
                "base",
                "target_year",
                "target",
                "target_growth",
                "attribute",
                "source",
            ];
            let mut out = Vec::new();
            for k in keys.get_untracked() {
                for &i in &locs.get_untracked() {
                    let l = &data.core.localities[i];
                    let row = row_for(l, &k);
                    let raw = |slot: Slot| printed(row, slot);
                    out.push(vec![
                        k.clone(),
                        data.key_name(&k, Lang::Zh),
                        l.name.clone(),
                        l.period.zh(),
                        l.period.base_year().to_string(),
                        raw(Slot::Base),
                        l.period.end().to_string(),
                        raw(Slot::Target),
                        raw(Slot::TargetGrowth),
                        row.map(|r| attribute_text(r.attribute, Lang::Zh)).unwrap_or("—").to_string(),
                        row.map(|r| format!("{}:{}", l.source, r.line)).unwrap_or_default(),
                    ]);
                }
            }
            crate::export::download_csv("plan-atlas-compare.csv", &header, &out, &data.core.attribution);
        }
    };
    let _ = Arc::clone(&data);
    view! {
        {picker}
        <button class="csv" on:click=save_csv>{crate::state::tr("⤓ 下载CSV", "⤓ CSV")}</button>
        <div class="charts-2">
            {move || {
                chosen
                    .get()
                    .into_iter()
                    .map(|key| {
                        let chart = {
                            let (key, dumbbells) = (key.clone(), dumbbells.clone());
                            Memo::new(move |_| dumbbells(&key))
                        };
                        let label = Signal::derive(move || {
                            chart.with(|(t, rows, _)| {
                                let each = rows
                                    .iter()
                                    .map(|d| match &d.base {
                                        Some((_, b)) => format!("{} {b} → {}", d.label, d.target.1),
                                        None => format!("{} {}", d.label, d.target.1),
                                    })
                                    .collect::<Vec<_>>()
                                    .join("; ");
                                format!("{t}: {each}")
                            })
                        });
                        let draw = move |c: &web_sys::HtmlCanvasElement, r: f64| {
                            let lang = ui.lang();
                            let (base, target) = span.get_untracked();
                            let legend = (
                                lang.pick(format!("{base}年基数"), format!("{base} base")),
                                lang.pick(format!("{target}年目标"), format!("{target} target")),
                            );
                            chart.with(|(t, rows, _)| dumbbell::draw(c, r, t, (&legend.0, &legend.1), rows))
                        };
                        let h = dumbbell::height_for(chart.with(|(_, rows, _)| rows.len()));
                        let left_off = chart.with(|(_, _, l)| l.join("、"));
                        let title = chart.with(|(t, rows, _)| rows.is_empty().then(|| format!("{t} — ")));
                        let note = (!left_off.is_empty()).then(|| view! {
                            <p class="chart-note">{title}{ui.lang().t("未画入：", "Not drawn: ")}{left_off}</p>
                        });
                        // Nothing drawable (every value a total or in words): the note alone.
                        let canvas = chart.with(|(_, rows, _)| !rows.is_empty()).then(|| view! {
                            <ChartCanvas label=label height=h draw=draw class="compare-bars" />
                        });
                        view! { <div class="chart-with-note" data-key=key>{canvas}{note}</div> }
                    })
                    .collect_view()
            }}
            {move || {
                let h = dots::height_for(glance.with(|(_, r)| r.len()));
                view! { <ChartCanvas label=glance_label height=h draw=draw_glance class="compare-glance" /> }
            }}
        </div>
        {table}
    }
}
