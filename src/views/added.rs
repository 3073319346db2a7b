//! The panel of plans a reader added (`crate::adding`): per file a progress bar, then the review,
//! as `atlas init` gives it: the locality, level, parent and period found, what the compiler was
//! unsure about, and every diagnostic at its line, each opening the text reader there. Part of the
//! adding chunk.

use super::place_form::PlaceForm;
use crate::adding::{self, AddedPlan, Stage};
use crate::state::{ui, Lang};
use leptos::prelude::*;

#[component]
pub fn AddedPlans() -> impl IntoView {
    let ui = ui();
    let plans = adding::plans();
    let lang = move || ui.lang();
    view! {
        <section class="added-plans" aria-labelledby="added-plans-title">
            <h2 id="added-plans-title">{move || lang().t("你添加的规划", "Plans you added")}</h2>
            <p class="added-note">{move || lang().t(
                "在本机浏览器中编译，文件不会上传；保存在本浏览器中，重新打开页面仍在。",
                "Compiled in this browser, never uploaded; kept in this browser until you remove them.",
            )}</p>
            <For each={
                let plans = plans.clone();
                move || plans.get()
            } key=|p| (p.key, p.stage as u8, p.id.clone()) let:plan>
                <PlanReview plan />
            </For>
            {move || plans.with(|p| p.iter().any(|p| p.stage == Stage::Done)).then(|| view! {
                <div class="added-actions">
                    <button type="button" id="download-added" on:click=|_| adding::download(false)>{move || lang().t("下载添加的规划（.atlas）", "Download the added plans (.atlas)")}</button>
                    <button type="button" id="download-with-corpus" on:click=|_| adding::download(true)>{move || lang().t("连同全部数据下载", "Download with the corpus")}</button>
                </div>
            })}
        </section>
    }
}

#[component]
fn PlanReview(plan: AddedPlan) -> impl IntoView {
    let ui = ui();
    let lang = move || ui.lang();
    let key = plan.key;
    let (zh, en) = plan.stage.label();
    let busy = !matches!(plan.stage, Stage::Done | Stage::Failed);
    let progress_label = format!("{}: {}", plan.file, en);
    let found = plan.review.as_ref().and_then(|r| r.found.clone());
    let title = plan.review.as_ref().and_then(|r| r.title.clone());
    let unsure = plan.review.as_ref().map(|r| r.unsure.clone()).unwrap_or_default();
    let id = plan.id.clone();
    let open_line = move |line: u32| {
        let Some(id) = id.clone() else { return };
        ui.params.update(|p| {
            p.set("view", "text");
            p.set("tloc", id);
            p.set("tline", line.to_string());
        });
    };
    let locality = found.map(|f| {
        let level = move || super::picker::level_label(f.level, lang());
        let (name, parent, period) = (f.name.clone(), f.parent.clone(), f.period);
        view! {
            <dl class="added-facts">
                <dt>{move || lang().t("地方", "Locality")}</dt><dd>{name}" ("{f.id.clone()}")"</dd>
                <dt>{move || lang().t("级别", "Level")}</dt><dd>{level}</dd>
                <dt>{move || lang().t("上级", "Parent")}</dt><dd>{parent}</dd>
                <dt>{move || lang().t("规划期", "Period")}</dt>
                <dd>{move || if lang() == Lang::Zh { period.zh() } else { period.en() }}</dd>
            </dl>
        }
    });
    let diagnostics = plan
        .diagnostics
        .iter()
        .map(|d| {
            let line = d.line;
            let message = d.message.clone();
            let open = open_line.clone();
            view! {
                <li>
                    <button type="button" class="link" on:click=move |_| open(line)>{move || if lang() == Lang::Zh { format!("第 {line} 行") } else { format!("line {line}") }}</button>
                    " "{message}
                </li>
            }
        })
        .collect_view();
    let n_diagnostics = plan.diagnostics.len();
    // A file the compiler read may be compiled again as another place or period.
    let place_form = (!busy && plan.recompilable && plan.review.is_some()).then(|| {
        let found = plan.review.as_ref().and_then(|r| r.found.clone());
        view! { <PlaceForm key found hints=plan.hints.clone() /> }
    });
    view! {
        <article class="added-plan" data-stage=format!("{:?}", plan.stage).to_lowercase()>
            <header>
                <strong class="added-file">{plan.file.clone()}</strong>
                <progress max="1" value=plan.stage.progress() aria-label=progress_label></progress>
                <span class="added-stage" role=busy.then_some("status")>{move || lang().t(zh, en)}</span>
                {(!busy).then(|| view! {
                    <button type="button" class="added-remove" on:click=move |_| adding::remove(key)>{move || lang().t("移除", "Remove")}</button>
                })}
            </header>
            {plan.error.clone().map(|e| {
                // A plan read but not placed: what to do, in the reader's language, then the detail.
                let unplaced = plan.review.as_ref().is_some_and(|r| r.found.is_none());
                view! {
                    <p class="error" role="alert">
                        {unplaced.then(|| view! { <strong>{move || lang().t("无法判断这是哪里的规划，请在下方说明。", "The text does not tell which place this plan is for: say it below.")}</strong>" " })}
                        <span>{e}</span>
                    </p>
                }
            })}
            {title.map(|t| view! { <p class="added-title">{t}</p> })}
            {locality}
            {(!unsure.is_empty()).then(|| view! {
                <details class="added-unsure" open>
                    <summary>{move || lang().t("需要核对", "To check")}" ("{unsure.len()}")"</summary>
                    <ul>{unsure.iter().map(|u| view! { <li>{u.clone()}</li> }).collect_view()}</ul>
                </details>
            })}
            {place_form}
            {(n_diagnostics > 0).then(|| view! {
                <details class="added-diagnostics">
                    <summary>{move || lang().t("编译提示", "Compiler notes")}" ("{n_diagnostics}")"</summary>
                    <ul>{diagnostics}</ul>
                </details>
            })}
        </article>
    }
}
