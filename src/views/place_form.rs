//! In an added plan's review: saying which place and period the plan is for, when the text does
//! not tell or the compiler found the wrong one. With the registry beside the page, the reader
//! picks a province, then searches the places in it by name; for a place the registry does not
//! hold, or with no registry (the offline file), the reader types its code, name, level and
//! parent, as `plans.toml` would give them. Either compiles the file again with those hints
//! (`adding::recompile`). Part of the adding chunk.

use crate::adding::places::{self, Place};
use crate::adding::{self, Hints};
use crate::state::{ui, Lang};
use atlas_data::registry::ProvinceEntry;
use atlas_data::review::Found;
use atlas_data::{Level, Period};
use leptos::prelude::*;

/// The periods offered: 十一五 (2006–2010) to 十六五 (2031–2035).
const PERIODS: std::ops::RangeInclusive<u8> = 11..=16;

type Loaded<T> = Option<Result<T, String>>;

#[component]
pub fn PlaceForm(key: u32, found: Option<Found>, hints: Hints) -> impl IntoView {
    let ui = ui();
    let lang = move || ui.lang();
    let known = hints.id.clone().or_else(|| found.as_ref().map(|f| f.id.clone()));
    let provinces: RwSignal<Loaded<Vec<ProvinceEntry>>> = RwSignal::new(None);
    let units: RwSignal<Loaded<Vec<Place>>> = RwSignal::new(None);
    let province = RwSignal::new(known.as_deref().and_then(places::province_of).unwrap_or_default());
    let unit = RwSignal::new(known.clone().unwrap_or_default());
    // What is typed in the place's search field; `unit` is the place it names, if one.
    let unit_text = RwSignal::new(String::new());
    // The reader types the place instead of picking it.
    let manual = RwSignal::new(false);
    let period = RwSignal::new(hints.period.or(found.as_ref().map(|f| f.period.0)).unwrap_or(15));
    // Typed, when there is no registry.
    let typed_id = RwSignal::new(known.unwrap_or_default());
    let typed_name = RwSignal::new(hints.name.clone().or(found.as_ref().map(|f| f.name.clone())).unwrap_or_default());
    let typed_level =
        RwSignal::new(hints.level.clone().or(found.as_ref().map(|f| f.level.as_str().to_string())).unwrap_or_default());
    let typed_parent =
        RwSignal::new(hints.parent.clone().or(found.as_ref().map(|f| f.parent.clone())).unwrap_or_default());

    let load_provinces = move || {
        if provinces.get_untracked().is_none() {
            leptos::task::spawn_local(async move { provinces.set(Some(places::provinces().await)) });
        }
    };
    // The units of the province chosen, fetched when it changes.
    Effect::new(move |_| {
        let chosen = province.get();
        if chosen.is_empty() || !matches!(provinces.get(), Some(Ok(_))) {
            return;
        }
        units.set(None);
        leptos::task::spawn_local(async move {
            let loaded = places::units(&chosen).await;
            // The unit chosen stays if it is in the province, else the province itself is.
            if let Ok(list) = &loaded {
                let current = list.iter().find(|u| u.adcode == unit.get_untracked()).or_else(|| list.first());
                unit.set(current.map(|u| u.adcode.clone()).unwrap_or_default());
                unit_text.set(current.map(label).unwrap_or_default());
            }
            units.set(Some(loaded));
        });
    });
    let open = found.is_none();
    if open {
        load_provinces();
    }
    let id = move |what: &str| format!("place-{what}-{key}");

    let registry_fields = move || {
        let province_options = provinces.with(|p| match p {
            Some(Ok(list)) => list
                .iter()
                .map(|p| {
                    let code = p.adcode.clone();
                    view! { <option value=code.clone() selected=move || province.get() == code>{p.name.clone()}</option> }
                })
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        });
        let unit_options = move || {
            units.with(|u| match u {
                Some(Ok(list)) => {
                    list.iter().map(|p| view! { <option value=label(p)></option> }).collect_view().into_any()
                }
                _ => ().into_any(),
            })
        };
        // The place the text names: a whole option, or a name only one place has.
        let on_unit_input = move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            let found = units.with(|u| match u {
                Some(Ok(list)) => {
                    let typed = text.trim();
                    let exact = list.iter().find(|p| label(p) == typed);
                    let named: Vec<&Place> = list.iter().filter(|p| p.name == typed).collect();
                    exact.or(if named.len() == 1 { Some(named[0]) } else { None }).map(|p| p.adcode.clone())
                }
                _ => None,
            });
            unit.set(found.unwrap_or_default());
            unit_text.set(text);
        };
        let unit_status = move || {
            units.with(|u| match u {
                Some(Err(e)) => Some(e.clone()),
                None if !province.get().is_empty() => Some(lang().t("正在加载…", "Loading…").to_string()),
                _ if unit.get().is_empty() && !unit_text.get().is_empty() => Some(
                    lang().t("没有这个地方：请从列表中选择", "No such place: choose one from the list").to_string(),
                ),
                _ => None,
            })
        };
        view! {
            <label for=id("province")><span>{move || lang().t("省级", "Province")}</span>
                <select id=id("province") on:change=move |ev| province.set(event_target_value(&ev))>
                    <option value="" selected=move || province.get().is_empty()>{move || lang().t("请选择", "Choose")}</option>
                    {province_options}
                </select>
            </label>
            <label for=id("unit")><span>{move || lang().t("地方（输入名称搜索）", "Place (type to search)")}</span>
                <input id=id("unit") type="search" list=id("units") autocomplete="off" disabled=move || province.get().is_empty()
                    prop:value=move || unit_text.get() on:input=on_unit_input aria-describedby=id("unit-status") />
                <datalist id=id("units")>{unit_options}</datalist>
            </label>
            <div class="place-status">
                <span id=id("unit-status") role="status">{unit_status}</span>
                <button type="button" class="link" on:click=move |_| manual.set(true)>{move || lang().t("列表中没有？手动填写", "Not in the list? Type it")}</button>
            </div>
        }
    };
    // `why`: the registry could not be fetched (said in the tooltip; the page says what to do).
    let typed_fields = move |why: Option<String>| {
        let missing = why.is_some();
        let levels = Level::ALL
            .into_iter()
            .map(|l| view! { <option value=l.as_str() selected=move || typed_level.get() == l.as_str()>{move || super::picker::level_label(l, lang())}</option> })
            .collect_view();
        view! {
            <p class="place-why" title=why>{move || match missing {
                true => lang().t(
                    "此页面没有行政区划数据：请填写该地的区划代码、名称、级别和上级。",
                    "This page has no place registry: type the place's code, name, level and parent.",
                ),
                false => lang().t("请填写该地的区划代码、名称、级别和上级。", "Type the place's code, name, level and parent."),
            }}</p>
            <label for=id("code")><span>{move || lang().t("区划代码", "Code (adcode)")}</span>
                <input id=id("code") inputmode="numeric" maxlength="6" pattern="[0-9]{6}" prop:value=move || typed_id.get()
                    on:input=move |ev| typed_id.set(event_target_value(&ev).trim().to_string()) />
            </label>
            <label for=id("name")><span>{move || lang().t("名称", "Name")}</span>
                <input id=id("name") prop:value=move || typed_name.get() on:input=move |ev| typed_name.set(event_target_value(&ev).trim().to_string()) />
            </label>
            <label for=id("level")><span>{move || lang().t("级别", "Level")}</span>
                <select id=id("level") on:change=move |ev| typed_level.set(event_target_value(&ev))>
                    <option value="" selected=move || typed_level.get().is_empty()>{move || lang().t("请选择", "Choose")}</option>{levels}
                </select>
            </label>
            <label for=id("parent")><span>{move || lang().t("上级", "Parent")}</span>
                <input id=id("parent") prop:value=move || typed_parent.get() on:input=move |ev| typed_parent.set(event_target_value(&ev).trim().to_string()) />
            </label>
        }
    };
    let with_registry = move || matches!(provinces.get(), Some(Ok(_))) && !manual.get();
    let ready = move || {
        if with_registry() {
            !unit.get().is_empty() && units.with(|u| matches!(u, Some(Ok(_))))
        } else {
            typed_id.with(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
                && !typed_name.get().is_empty()
                && !typed_level.get().is_empty()
                && !typed_parent.get().is_empty()
        }
    };
    let submit = move || {
        if !ready() {
            return;
        }
        let period = Some(period.get_untracked());
        let hints = if with_registry() {
            Hints { id: Some(unit.get_untracked()), period, ..Hints::default() }
        } else {
            Hints {
                id: Some(typed_id.get_untracked()),
                name: Some(typed_name.get_untracked()),
                level: Some(typed_level.get_untracked()),
                parent: Some(typed_parent.get_untracked()),
                period,
            }
        };
        adding::recompile(key, hints);
    };
    let period_options = PERIODS
        .map(|n| {
            let p = Period(n);
            view! { <option value=n.to_string() selected=move || period.get() == n>{move || if lang() == Lang::Zh { p.zh() } else { p.en() }}</option> }
        })
        .collect_view();
    view! {
        <details class="added-place" open=open on:toggle=move |_| load_provinces()>
            <summary>{move || if open {
                lang().t("说明这是哪里的规划", "Say which place this plan is for")
            } else {
                lang().t("地方或规划期不对？", "Wrong place or period?")
            }}</summary>
            <form class="place-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                {move || match provinces.get() {
                    None => view! { <p role="status">{lang().t("正在加载行政区划…", "Loading the place registry…")}</p> }.into_any(),
                    Some(Ok(_)) if !manual.get() => registry_fields().into_any(),
                    Some(Ok(_)) => typed_fields(None).into_any(),
                    Some(Err(e)) => typed_fields(Some(e)).into_any(),
                }}
                <label for=id("period")><span>{move || lang().t("规划期", "Period")}</span>
                    <select id=id("period") on:change=move |ev| { if let Ok(n) = event_target_value(&ev).parse() { period.set(n) } }>{period_options}</select>
                </label>
                <button type="submit" class="place-submit" disabled=move || !ready()>{move || lang().t("按此重新编译", "Compile again as this")}</button>
            </form>
        </details>
    }
}

/// A place as the search field lists it: `湘乡市 · 湘潭市 (430381)`.
fn label(p: &Place) -> String {
    if p.group.is_empty() {
        format!("{} ({})", p.name, p.adcode)
    } else {
        format!("{} · {} ({})", p.name, p.group, p.adcode)
    }
}
