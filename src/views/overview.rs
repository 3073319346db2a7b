//! 概览 Overview: one card per selected locality with its facts, counts, layout and headline
//! targets.

use super::picker::level_label;
use crate::state::{data, ui, Lang};
use atlas_data::{Column, Locality, Table};
use leptos::prelude::*;

/// A printed value and its source line.
type Printed = Option<(String, u32)>;

/// The raw 2025 GDP target and the planned GDP growth, where the plan states them.
fn headline(l: &Locality) -> (Printed, Printed) {
    let rows = || l.indicators.iter().filter(|i| i.table == Table::Fourteenth);
    let gdp = rows().find(|i| i.key.as_deref() == Some("gdp"));
    let level = gdp.and_then(|r| r.cells.get(&Column::Target2025).map(|c| (c.raw.clone(), r.line)));
    let growth = gdp.and_then(|r| r.cells.get(&Column::TargetGrowth).map(|c| (c.raw.clone(), r.line))).or_else(|| {
        rows().find(|i| i.key.as_deref() == Some("gdp_growth")).and_then(|r| {
            r.cells.get(&Column::TargetGrowth).or(r.cells.get(&Column::Target2025)).map(|c| (c.raw.clone(), r.line))
        })
    });
    (level, growth)
}

#[component]
pub fn Overview() -> impl IntoView {
    let data = data();
    let ui = ui();
    move || {
        let lang = ui.lang();
        let selected = ui.localities();
        data.core
            .localities
            .iter()
            .filter(|l| selected.is_empty() || selected.contains(&l.id))
            .map(|l| {
                let count = |t| l.indicators.iter().filter(|i| i.table == t).count();
                let (gdp, growth) = headline(l);
                let id = l.id.clone();
                let value = move |v: Printed| match v {
                    Some((raw, line)) => {
                        let id = id.clone();
                        view! { <button class="value" on:click=move |_| super::open_provenance(&id, line)>{raw}</button> }.into_any()
                    }
                    None => view! { <span class="missing" title=lang.t("规划未列出", "not stated in the plan")>"—"</span> }.into_any(),
                };
                let adopted = match (&l.adopted, l.adopted_curated) {
                    (Some(d), false) => d.clone(),
                    (Some(d), true) => format!("{d} {}", lang.t("（据原文校订）", "(curated)")),
                    (None, _) => lang.t("原文未载", "not printed").to_string(),
                };
                let slogan = l.primary_layout().map_or("—".to_string(), |p| p.slogan.clone());
                let scene = crate::views::map::scene_for(&data, l, l.primary_layout(), None, lang);
                let thumb_label = format!("{} {slogan} — {}", l.name, lang.t("空间布局缩略图", "layout thumbnail"));
                let draw = move |c: &web_sys::HtmlCanvasElement, r: f64| crate::charts::map::draw(c, r, &scene, true).map(|_| ());
                let map_id = l.id.clone();
                view! {
                    <article class="card" data-locality=l.id.clone()>
                        <h2>{if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() }}
                            <span class="level">{level_label(l.level, lang)}" · "{l.parent.clone()}</span></h2>
                        <p class="plan-title">{l.title.clone()}</p>
                        <dl>
                            <dt>{lang.t("通过日期", "Adopted")}</dt><dd class="adopted">{adopted}</dd>
                            <dt>{lang.t("十四五指标", "14th FYP indicators")}</dt><dd class="count-14th">{count(Table::Fourteenth)}</dd>
                            <dt>{lang.t("十三五指标", "13th FYP indicators")}</dt><dd class="count-13th">{count(Table::Thirteenth)}</dd>
                            <dt>{lang.t("项目", "Projects")}</dt><dd class="count-projects">{l.projects.len()}</dd>
                            <dt>{lang.t("空间布局", "Spatial layout")}</dt><dd class="slogan">{slogan}</dd>
                            <dt>{lang.t("2025年地区生产总值目标", "2025 GDP target")}</dt><dd class="gdp-target">{value(gdp)}</dd>
                            <dt>{lang.t("地区生产总值年均增长", "Planned GDP growth")}</dt><dd class="gdp-growth">{value(growth)}</dd>
                        </dl>
                        <button class="thumb" aria-label=lang.t("打开空间布局地图", "Open the spatial layout map")
                            on:click=move |_| ui.params.update(|p| { p.set("view", "map"); p.set("mloc", map_id.clone()); })>
                            <crate::charts::canvas::ChartCanvas label=thumb_label height=150.0 draw class="thumbnail" no_png=true />
                        </button>
                    </article>
                }
            })
            .collect_view()
    }
}
