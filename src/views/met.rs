//! 达标 Targets met?: each plan's review of the previous period, target beside result, each marked
//! met, missed or not comparable (`met.rs` says when), with a count per plan. Every value opens
//! its source line.

use super::open_provenance;
use crate::met::{across, review, Reviewed, Verdict};
use crate::state::{data, ui, Lang};
use atlas_data::{Cell, Indicator, Locality};
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
fn value(id: &str, line: u32, col: &str, cell: &Cell) -> AnyView {
    let (id, raw) = (id.to_string(), cell.raw.clone());
    view! { <button class="value" data-col=col.to_string() on:click=move |_| open_provenance(&id, line)>{raw}</button> }
        .into_any()
}

/// One row of a table: the indicator, where its target and its result are printed, the verdict.
struct Entry<'a> {
    row: &'a Indicator,
    target_in: &'a Locality,
    achieved_in: &'a Locality,
    achieved_line: u32,
    judged: Reviewed<'a>,
}

/// A plan's review of the previous period, row by row.
fn own_review(l: &Locality) -> Vec<Entry<'_>> {
    l.indicators
        .iter()
        .filter_map(|r| {
            review(r).map(|judged| Entry { row: r, target_in: l, achieved_in: l, achieved_line: r.line, judged })
        })
        .collect()
}

/// An earlier plan's targets against the values its successor prints for their year.
fn across_plans<'a>(earlier: &'a Locality, later: &'a Locality) -> Vec<Entry<'a>> {
    earlier
        .indicators
        .iter()
        .filter_map(|r| {
            let judged = across(r, later)?;
            let line = r.key.as_deref().and_then(|k| later.plan_row(k)).map_or(r.line, |x| x.line);
            Some(Entry { row: r, target_in: earlier, achieved_in: later, achieved_line: line, judged })
        })
        .collect()
}

fn section(key: String, heading: String, label: String, end: u16, entries: &[Entry], lang: Lang) -> AnyView {
    let count = |v: Verdict| entries.iter().filter(|e| e.judged.verdict == v).count();
    let (met, missed, na) = (count(Verdict::Met), count(Verdict::Missed), count(Verdict::NotComparable));
    let summary = lang.pick(
        format!("达标 {met} · 未达标 {missed} · 不可比 {na}"),
        format!("{met} met · {missed} missed · {na} not comparable"),
    );
    let rows = entries
        .iter()
        .map(|e| {
            let r = e.row;
            let ((tc, target), v) = (e.judged.target, e.judged.verdict);
            let name = match &r.parent {
                Some(p) => format!("{p} · {}", r.name),
                None => r.name.clone(),
            };
            let achieved = match e.judged.achieved {
                Some((ac, a)) => value(&e.achieved_in.id, e.achieved_line, &ac.name(), a),
                None => view! { <span class="missing">"—"</span> }.into_any(),
            };
            view! {
                <tr data-line=r.line data-verdict=format!("{v:?}")>
                    <th scope="row">{name}</th>
                    <td><span class=verdict_class(v)>{verdict_text(v, lang)}</span></td>
                    <td class="num">{value(&e.target_in.id, r.line, &tc.name(), target)}</td>
                    <td class="num">{achieved}</td>
                    <td>{r.unit.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="met-locality" data-locality=key>
            <h2>{heading}</h2>
            <p class="met-summary">{summary}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label=label>
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
    .into_any()
}

/// The sections of one plan: its own review, and, where the corpus holds the plan of the period
/// before for the same place, that plan's targets against this plan's base values.
fn locality_sections(data: &crate::state::Data, l: &Locality, lang: Lang) -> Vec<AnyView> {
    let mut out = Vec::new();
    let name = data.atlas.name(&l.id, lang);
    let period = l.period.previous();
    let (start, end) = (period.start(), period.end());
    let own = own_review(l);
    if !own.is_empty() {
        let heading = lang.pick(
            format!("{name} · {}（{start}–{end}）目标完成情况", period.zh()),
            format!("{name} · {} FYP ({start}–{end}): targets met?", period.en()),
        );
        let label = lang.pick(format!("{name}目标完成情况表"), format!("{name}: targets and results"));
        out.push(section(l.id.clone(), heading, label, end, &own, lang));
    }
    let place = atlas_data::adcode_of(&l.id);
    let earlier = data.core.localities.iter().find(|e| atlas_data::adcode_of(&e.id) == place && e.period == period);
    if let Some(e) = earlier {
        let entries = across_plans(e, l);
        if !entries.is_empty() {
            let heading = lang.pick(
                format!("{name} · {}规划目标与{}规划的{end}年数值", period.zh(), l.period.zh()),
                format!("{name} · {} FYP targets against the {} FYP plan's {end} values", period.en(), l.period.en()),
            );
            let label = lang.pick(format!("{name}上期规划目标对照表"), format!("{name}: earlier plan's targets"));
            out.push(section(format!("{}<{}", l.id, e.id), heading, label, end, &entries, lang));
        }
    }
    out
}

#[component]
pub fn Met() -> impl IntoView {
    let data = data();
    let ui = ui();
    move || {
        let lang = ui.lang();
        let sections: Vec<AnyView> =
            data.core.localities.iter().flat_map(|l| locality_sections(&data, l, lang)).collect();
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
