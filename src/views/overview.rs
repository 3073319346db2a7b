//! 概览 Overview: one card per chosen locality with its facts, counts, layout and headline
//! targets. It reads the index and each locality's small card file, not its shard, so the first
//! screen stays light.

use super::picker::level_label;
use crate::app::ErrorView;
use crate::state::{atlas, on_screen, ui, Lang, Loaded};
use atlas_data::{Card, Printed, Summary};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Overview() -> impl IntoView {
    let atlas = atlas();
    let ui = ui();
    let positions = {
        let corpus = atlas.corpus.clone();
        Memo::new(move |_| ui.params.with(|p| on_screen(&corpus, p)))
    };
    {
        let atlas = atlas.clone();
        Effect::new(move |_| atlas.request_cards(&positions.get()));
    }
    move || {
        let lang = ui.lang();
        // All at once: cards arriving one by one would push each other about.
        if !atlas.cards_settled(&positions.get()) {
            return view! { <p class="loading" role="status">{lang.t("正在加载…", "Loading…")}</p> }.into_any();
        }
        let cards: Vec<(usize, Option<Loaded<Arc<Card>>>)> =
            atlas.cards.with(|m| positions.get().into_iter().map(|i| (i, m.get(&i).cloned())).collect());
        let index = &atlas.corpus.index;
        cards
            .into_iter()
            .filter_map(|(i, card)| Some((index.localities.get(i)?, card?)))
            .map(|(summary, card)| {
                let parent = index.parents.get(summary.parent as usize).cloned().unwrap_or_default();
                match card {
                    Loaded::Ready(card) => card_view(summary, parent, &card, lang).into_any(),
                    Loaded::Failed(message) => view! {
                        <article class="card" data-locality=summary.id.clone()>
                            <h2>{atlas.name(&summary.id, lang)}</h2>
                            <ErrorView message />
                        </article>
                    }
                    .into_any(),
                    Loaded::Loading => ().into_any(),
                }
            })
            .collect_view()
            .into_any()
    }
}

fn card_view(s: &Summary, parent: String, card: &Card, lang: Lang) -> impl IntoView {
    let id = s.id.clone();
    let value = move |v: &Option<Printed>| match v.clone() {
        Some(Printed { raw, line }) => {
            let id = id.clone();
            view! { <button class="value" on:click=move |_| super::open_provenance(&id, line)>{raw}</button> }
                .into_any()
        }
        None => {
            view! { <span class="missing" title=lang.t("规划未列出", "not stated in the plan")>"—"</span> }.into_any()
        }
    };
    let adopted = match (&card.adopted, card.adopted_curated) {
        (Some(d), false) => d.clone(),
        (Some(d), true) => format!("{d} {}", lang.t("（据原文校订）", "(curated)")),
        (None, _) => lang.t("原文未载", "not printed").to_string(),
    };
    let slogan = s.slogan.clone().unwrap_or_else(|| "—".to_string());
    let scene = crate::views::map::card_scene(&s.id, card, lang);
    let thumb_label = format!("{} {slogan} — {}", s.name, lang.t("空间布局缩略图", "layout thumbnail"));
    let draw = move |c: &web_sys::HtmlCanvasElement, r: f64| crate::charts::map::draw(c, r, &scene, true).map(|_| ());
    let ui = ui();
    let map_id = s.id.clone();
    view! {
        <article class="card" data-locality=s.id.clone()>
            <h2>{crate::state::atlas().name(&s.id, lang)}<span class="level">{level_label(s.level, lang)}" · "{parent}</span></h2>
            <p class="plan-title">{card.title.clone()}</p>
            <dl>
                <dt>{lang.t("通过日期", "Adopted")}</dt><dd class="adopted">{adopted}</dd>
                <dt>{lang.t("规划期", "Plan period")}</dt><dd class="period">{period_text(card.period, lang)}</dd>
                <dt>{lang.pick(format!("{}指标", card.period.zh()), format!("{} FYP indicators", card.period.en()))}</dt>
                <dd class="count-plan">{card.plan_rows}</dd>
                <dt>{lang.pick(format!("{}完成情况", card.period.previous().zh()), format!("{} FYP results", card.period.previous().en()))}</dt>
                <dd class="count-review">{card.review_rows}</dd>
                <dt>{lang.t("项目", "Projects")}</dt><dd class="count-projects">{s.projects}</dd>
                <dt>{lang.t("空间布局", "Spatial layout")}</dt><dd class="slogan">{slogan}</dd>
                <dt>{lang.pick(format!("{}年地区生产总值目标", card.period.end()), format!("{} GDP target", card.period.end()))}</dt>
                <dd class="gdp-target">{value(&card.gdp_target)}</dd>
                <dt>{lang.t("地区生产总值年均增长", "Planned GDP growth")}</dt><dd class="gdp-growth">{value(&card.gdp_growth)}</dd>
            </dl>
            <button class="thumb" aria-label=lang.t("打开空间布局地图", "Open the spatial layout map")
                on:click=move |_| ui.params.update(|p| { p.set("view", "map"); p.set("mloc", map_id.clone()); })>
                <crate::charts::canvas::ChartCanvas label=thumb_label height=150.0 draw class="thumbnail" no_png=true />
            </button>
        </article>
    }
}

/// `十四五（2021–2025）`, `14th FYP (2021–2025)`.
pub fn period_text(p: atlas_data::Period, lang: crate::state::Lang) -> String {
    lang.pick(format!("{}（{}–{}）", p.zh(), p.start(), p.end()), format!("{} FYP ({}–{})", p.en(), p.start(), p.end()))
}
