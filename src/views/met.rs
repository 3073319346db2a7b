//! 达标 Targets met?: each plan's review of the previous period, target beside result, each marked
//! met, missed or not comparable (`met.rs` says when), with a count per plan. Every value opens
//! its source line.

use super::open_provenance;
use crate::met::{review, Verdict};
use crate::state::{data, ui, Lang};
use atlas_data::{Cell, Locality};
use leptos::prelude::*;

fn verdict_text(v: Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Met => lang.t("达标", "Met"),
        Verdict::Missed => lang.t("未达标", "Missed"),
        Verdict::NotComparable => lang.t("不可比", "Not comparable"),
    }
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "verdict met",
        Verdict::Missed => "verdict missed",
        Verdict::NotComparable => "verdict na",
    }
}

/// A printed value that opens its line.
fn value(l: &Locality, line: u32, col: &str, cell: &Cell) -> AnyView {
    let (id, raw) = (l.id.clone(), cell.raw.clone());
    view! { <button class="value" data-col=col.to_string() on:click=move |_| open_provenance(&id, line)>{raw}</button> }
        .into_any()
}

fn locality_review(l: &Locality, lang: Lang) -> Option<AnyView> {
    let reviewed: Vec<_> = l.indicators.iter().filter_map(|r| review(r).map(|rv| (r, rv))).collect();
    if reviewed.is_empty() {
        return None;
    }
    let count = |v: Verdict| reviewed.iter().filter(|(_, rv)| rv.verdict == v).count();
    let period = l.period.previous();
    let end = period.end();
    let name = if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() };
    let heading = lang.pick(
        format!("{name} · {}（{}–{end}）目标完成情况", period.zh(), period.start()),
        format!("{name} · {} FYP ({}–{end}): targets met?", period.en(), period.start()),
    );
    let summary = lang.pick(
        format!(
            "达标 {} · 未达标 {} · 不可比 {}",
            count(Verdict::Met),
            count(Verdict::Missed),
            count(Verdict::NotComparable)
        ),
        format!(
            "{} met · {} missed · {} not comparable",
            count(Verdict::Met),
            count(Verdict::Missed),
            count(Verdict::NotComparable)
        ),
    );
    let rows = reviewed
        .iter()
        .map(|(r, rv)| {
            let ((tc, target), v) = (rv.target, rv.verdict);
            let name = match &r.parent {
                Some(p) => format!("{p} · {}", r.name),
                None => r.name.clone(),
            };
            let achieved = match rv.achieved {
                Some((ac, a)) => value(l, r.line, &ac.name(), a),
                None => view! { <span class="missing">"—"</span> }.into_any(),
            };
            view! {
                <tr data-line=r.line data-verdict=format!("{v:?}")>
                    <th scope="row">{name}</th>
                    <td><span class=verdict_class(v)>{verdict_text(v, lang)}</span></td>
                    <td class="num">{value(l, r.line, &tc.name(), target)}</td>
                    <td class="num">{achieved}</td>
                    <td>{r.unit.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    Some(
        view! {
            <section class="met-locality" data-locality=l.id.clone()>
                <h2>{heading}</h2>
                <p class="met-summary">{summary}</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label=lang.pick(format!("{name}目标完成情况表"), format!("{name}: targets and results"))>
                    <table class="met">
                        <thead><tr>
                            <th scope="col">{lang.t("指标", "Indicator")}</th>
                            <th scope="col">{lang.t("结果", "Verdict")}</th>
                            <th scope="col">{lang.pick(format!("{end}年目标"), format!("{end} target"))}</th>
                            <th scope="col">{lang.pick(format!("{end}年完成"), format!("{end} result"))}</th>
                            <th scope="col">{lang.t("单位", "Unit")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
        .into_any(),
    )
}

#[component]
pub fn Met() -> impl IntoView {
    let data = data();
    let ui = ui();
    move || {
        let lang = ui.lang();
        let sections: Vec<AnyView> = data.core.localities.iter().filter_map(|l| locality_review(l, lang)).collect();
        if sections.is_empty() {
            return view! {
                <p class="notice" role="note">{lang.t("所选规划没有上一规划期的目标完成情况表。", "The plans chosen print no review of the previous plan's targets.")}</p>
            }
            .into_any();
        }
        view! {
            <p class="legend-note">{lang.t(
                "带比较符的目标（≥、<、以内）按比较符判断；不带比较符的目标按规划从基数到目标的方向判断，“左右”允许2%的差；文字目标、五年累计值或缺少数据的为不可比。",
                "A target printed with a bound (≥, <, 以内) is met when the result keeps to it; a plain one when the result reaches it in the direction the plan moved from its base (within 2% for 左右, about). Targets in words, five-year totals and missing results are not comparable."
            )}</p>
            {sections}
        }
        .into_any()
    }
}
