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

/// A card's value: text, or a figure as printed (with its line) that may be missing.
pub enum Fact {
    Text(String),
    Printed(Option<Printed>),
}

/// What a locality's card says: the app draws it with Leptos, the prerendered first screen
/// (`prerender.rs`) writes it as HTML, so the two say the same.
pub struct CardText {
    pub name: String,
    /// `县 · 湘潭市`
    pub level: String,
    pub title: String,
    /// (class of the value, term, value) in order.
    pub rows: Vec<(&'static str, String, Fact)>,
    pub thumb_label: String,
}

pub fn card_text(name: String, s: &Summary, parent: &str, card: &Card, lang: Lang) -> CardText {
    let adopted = match (&card.adopted, card.adopted_curated) {
        (Some(d), false) => d.clone(),
        (Some(d), true) => format!("{d} {}", lang.t("（据原文校订）", "(curated)")),
        (None, _) => lang.t("原文未载", "not printed").to_string(),
    };
    let slogan = s.slogan.clone().unwrap_or_else(|| "—".to_string());
    let p = card.period;
    let rows = vec![
        ("adopted", lang.t("通过日期", "Adopted").to_string(), Fact::Text(adopted)),
        ("period", lang.t("规划期", "Plan period").to_string(), Fact::Text(period_text(p, lang))),
        (
            "count-plan",
            lang.pick(format!("{}指标", p.zh()), format!("{} FYP indicators", p.en())),
            Fact::Text(card.plan_rows.to_string()),
        ),
        (
            "count-review",
            lang.pick(format!("{}完成情况", p.previous().zh()), format!("{} FYP results", p.previous().en())),
            Fact::Text(card.review_rows.to_string()),
        ),
        ("count-projects", lang.t("项目", "Projects").to_string(), Fact::Text(s.projects.to_string())),
        ("slogan", lang.t("空间布局", "Spatial layout").to_string(), Fact::Text(slogan.clone())),
        (
            "gdp-target",
            lang.pick(format!("{}年地区生产总值目标", p.end()), format!("{} GDP target", p.end())),
            Fact::Printed(card.gdp_target.clone()),
        ),
        (
            "gdp-growth",
            lang.t("地区生产总值年均增长", "Planned GDP growth").to_string(),
            Fact::Printed(card.gdp_growth.clone()),
        ),
    ];
    CardText {
        thumb_label: format!("{} {slogan} — {}", s.name, lang.t("空间布局缩略图", "layout thumbnail")),
        name,
        level: format!("{} · {parent}", level_label(s.level, lang)),
        title: card.title.clone(),
        rows,
    }
}

fn card_view(s: &Summary, parent: String, card: &Card, lang: Lang) -> impl IntoView {
    let id = s.id.clone();
    let value = move |v: Option<Printed>| match v {
        Some(Printed { raw, line }) => {
            let id = id.clone();
            view! { <button class="value" on:click=move |_| super::open_provenance(&id, line)>{raw}</button> }
                .into_any()
        }
        None => {
            view! { <span class="missing" title=lang.t("规划未列出", "not stated in the plan")>"—"</span> }.into_any()
        }
    };
    let text = card_text(crate::state::atlas().name(&s.id, lang), s, &parent, card, lang);
    let rows = text
        .rows
        .into_iter()
        .map(|(class, term, fact)| {
            let value = match fact {
                Fact::Text(t) => t.into_any(),
                Fact::Printed(p) => value(p),
            };
            view! { <dt>{term}</dt><dd class=class>{value}</dd> }
        })
        .collect_view();
    let scene = crate::views::map::card_scene(&s.id, card, lang);
    let thumb_label = text.thumb_label;
    let draw = move |c: &web_sys::HtmlCanvasElement, r: f64| crate::charts::map::draw(c, r, &scene, true).map(|_| ());
    let ui = ui();
    let map_id = s.id.clone();
    let added = crate::state::atlas().corpus.added.contains(&s.id);
    view! {
        <article class="card" data-locality=s.id.clone() data-added=added.then_some("true")>
            <h2>{text.name}<span class="level">{text.level}</span>{added.then(|| view! { <span class="added-mark">{lang.t("你添加的", "added by you")}</span> })}</h2>
            <p class="plan-title">{text.title}</p>
            <dl>{rows}</dl>
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
