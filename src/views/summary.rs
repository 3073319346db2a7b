//! The walking skeleton's view: one row per locality with its counts.

use atlas_data::{Core, Table};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Summary(core: Arc<Core>) -> impl IntoView {
    let rows = core
        .localities
        .iter()
        .map(|l| {
            let count = |t| l.indicators.iter().filter(|i| i.table == t).count();
            let slogan = l.primary_layout().map(|s| s.slogan.clone()).unwrap_or_else(|| "—".into());
            view! {
                <tr data-locality=l.id.clone()>
                    <th scope="row">{l.name.clone()}<span class="en">{l.name_en.clone()}</span></th>
                    <td class="num">{count(Table::Fourteenth)}</td>
                    <td class="num">{count(Table::Thirteenth)}</td>
                    <td class="num">{l.projects.len()}</td>
                    <td>{slogan}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="summary">
            <caption>"五个地方的十四五规划纲要 Five local plan outlines"</caption>
            <thead>
                <tr>
                    <th scope="col">"地方 Locality"</th>
                    <th scope="col">"十四五指标 14th FYP indicators"</th>
                    <th scope="col">"十三五指标 13th FYP indicators"</th>
                    <th scope="col">"项目 Projects"</th>
                    <th scope="col">"空间布局 Layout"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <p class="attribution">{core.attribution.join(" · ")}</p>
    }
}
