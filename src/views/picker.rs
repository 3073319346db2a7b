//! Choosing localities. A small corpus shows one chip per locality (pressed = on screen); a large
//! one shows the chosen localities as removable chips and a searchable picker: by name (Chinese or
//! pinyin), parent and level, with arrow keys and Enter. The choice is `loc` in the URL.

use crate::state::{atlas, ui, Lang, Ui, ALL_AT_ONCE, MAX_CHOSEN};
use atlas_data::{Index, Level};
use leptos::prelude::*;

/// Most matches listed under the search box (the count is always exact).
const SHOWN: usize = 20;

/// What the picker searches, per locality: all its names lower-cased, and its English name alone.
pub struct SearchKey {
    text: String,
    name_en: String,
}

/// Lower-cased search text per locality: name, English name, parent.
pub fn search_keys(index: &Index) -> Vec<SearchKey> {
    index
        .localities
        .iter()
        .map(|s| {
            let parent = index.parents.get(s.parent as usize).map_or("", String::as_str);
            SearchKey {
                text: crate::num::lower(&format!("{} {} {}", s.name, s.name_en, parent)),
                name_en: crate::num::lower(&s.name_en),
            }
        })
        .collect()
}

/// Positions of localities matching every word of `query`, at `level` and under `parent` when
/// given, names that start with the query first.
pub fn matches(
    index: &Index,
    keys: &[SearchKey],
    query: &str,
    level: Option<Level>,
    parent: Option<u32>,
) -> Vec<usize> {
    let q = crate::num::lower(query.trim());
    let words: Vec<&str> = q.split_whitespace().collect();
    let mut hits: Vec<(bool, usize)> = index
        .localities
        .iter()
        .zip(keys)
        .enumerate()
        .filter(|(_, (s, k))| {
            level.is_none_or(|l| s.level == l)
                && parent.is_none_or(|p| s.parent == p)
                && words.iter().all(|w| k.text.contains(w))
        })
        .map(|(i, (s, k))| (!(s.name.starts_with(&q) || k.name_en.starts_with(&q)), i))
        .collect();
    crate::sort::sort(&mut hits);
    hits.into_iter().map(|(_, i)| i).collect()
}

pub fn level_label(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Nation => lang.t("全国", "Nation"),
        Level::Province => lang.t("省级", "Province"),
        Level::Municipality => lang.t("直辖市", "Municipality"),
        Level::County => lang.t("县", "County"),
        Level::CountyCity => lang.t("县级市", "County-level city"),
        Level::District => lang.t("市辖区", "District"),
        Level::PrefectureCity => lang.t("地级市", "Prefecture-level city"),
        Level::Prefecture => lang.t("地区", "Prefecture"),
    }
}

/// Sets the chosen localities, in index order; all of a small corpus is written as none.
pub fn choose(ui: Ui, index: &Index, mut ids: Vec<String>) {
    let order = |id: &String| index.localities.iter().position(|s| &s.id == id).unwrap_or(usize::MAX);
    crate::sort::sort_by_key(&mut ids, order);
    ids.dedup();
    let all = index.localities.len() <= ALL_AT_ONCE && ids.len() == index.localities.len();
    ui.set("loc", if all { String::new() } else { ids.join(",") });
}

#[component]
pub fn LocalityChooser() -> impl IntoView {
    let atlas = atlas();
    if atlas.corpus.index.localities.len() <= ALL_AT_ONCE {
        view! { <Chips /> }.into_any()
    } else {
        super::lazy::large_picker()
    }
}

/// One toggle per locality, for corpora of a dozen or fewer.
#[component]
fn Chips() -> impl IntoView {
    let atlas = atlas();
    let ui = ui();
    let index = atlas.corpus.index.clone();
    let all: Vec<String> = index.localities.iter().map(|s| s.id.clone()).collect();
    let chips = index
        .localities
        .iter()
        .map(|s| {
            let id = s.id.clone();
            // With the period where the corpus holds two plans of the place (`湘潭县（十五五）`).
            let (zh, en) = (atlas.name(&s.id, Lang::Zh), atlas.name(&s.id, Lang::En));
            let pressed = {
                let id = id.clone();
                move || {
                    let sel = ui.localities();
                    sel.is_empty() || sel.contains(&id)
                }
            };
            let toggle = {
                let (id, all, index) = (id.clone(), all.clone(), index.clone());
                move |_| {
                    let sel = ui.localities();
                    let mut next: Vec<String> = if sel.is_empty() { all.clone() } else { sel };
                    if next.contains(&id) {
                        if next.len() > 1 {
                            next.retain(|x| *x != id);
                        }
                    } else {
                        next.push(id.clone());
                    }
                    choose(ui, &index, next);
                }
            };
            let added = atlas.corpus.added.contains(&id);
            view! {
                <button class="chip" data-locality=id data-added=added.then_some("true") aria-pressed=move || pressed().to_string() on:click=toggle>
                    {move || if ui.lang() == Lang::Zh { zh.clone() } else { en.clone() }}
                    {added.then(|| view! { <span class="added-mark">{move || ui.lang().t("添加", "added")}</span> })}
                </button>
            }
        })
        .collect_view();
    view! { <div class="chips" role="group" aria-label="地方 Localities">{chips}</div> }
}

/// The chosen localities and a search over all of them, for large corpora (in a chunk of its
/// own: the first screen of a small corpus does without it).
#[component]
pub fn Picker() -> impl IntoView {
    let atlas = atlas();
    let ui = ui();
    let index = std::sync::Arc::new(atlas.corpus.index.clone());
    let keys = std::sync::Arc::new(search_keys(&index));
    let query = RwSignal::new(String::new());
    let level = RwSignal::new(None::<Level>);
    let parent = RwSignal::new(None::<u32>);
    let active = RwSignal::new(0usize);
    let message = RwSignal::new(None::<&'static str>);
    let found = {
        let (index, keys) = (index.clone(), keys.clone());
        Memo::new(move |_| {
            let q = query.get();
            let (l, p) = (level.get(), parent.get());
            if q.trim().is_empty() && l.is_none() && p.is_none() {
                return Vec::new();
            }
            matches(&index, &keys, &q, l, p)
        })
    };
    let add = {
        let index = index.clone();
        move |i: usize| {
            let Some(s) = index.localities.get(i) else { return };
            let mut chosen = ui.localities();
            if chosen.contains(&s.id) {
                return;
            }
            if chosen.len() >= MAX_CHOSEN {
                message.set(Some("full"));
                return;
            }
            message.set(None);
            chosen.push(s.id.clone());
            choose(ui, &index, chosen);
        }
    };
    let chosen_chips = {
        let (index, atlas) = (index.clone(), atlas.clone());
        move || {
            let lang = ui.lang();
            let chosen = ui.localities();
            let shown: Vec<String> = if chosen.is_empty() {
                index.localities.first().map(|s| vec![s.id.clone()]).unwrap_or_default()
            } else {
                chosen.clone()
            };
            shown
                .into_iter()
                .map(|id| {
                    let name = atlas.name(&id, lang);
                    let remove = {
                        let (id, index) = (id.clone(), index.clone());
                        move |_| {
                            let rest: Vec<String> = ui.localities().into_iter().filter(|x| *x != id).collect();
                            message.set(None);
                            choose(ui, &index, rest);
                        }
                    };
                    let label = format!("{} {name}", lang.t("移除", "Remove"));
                    view! {
                        <span class="chip chosen" data-locality=id.clone()>
                            {name}
                            {(!chosen.is_empty()).then(|| view! { <button class="remove" aria-label=label on:click=remove>"×"</button> })}
                        </span>
                    }
                })
                .collect_view()
        }
    };
    let on_key = {
        let add = add.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let n = found.with(Vec::len).min(SHOWN);
            match ev.key().as_str() {
                "ArrowDown" if n > 0 => active.update(|a| *a = (*a + 1) % n),
                "ArrowUp" if n > 0 => active.update(|a| *a = (*a + n - 1) % n),
                "Enter" => {
                    if let Some(i) = found.with(|f| f.get(active.get_untracked()).copied()) {
                        add(i);
                    }
                }
                "Escape" => query.set(String::new()),
                _ => return,
            }
            ev.prevent_default();
        }
    };
    // Rows are keyed by locality, so a keystroke keeps the rows both lists share.
    let shown = Memo::new(move |_| found.with(|f| f.iter().take(SHOWN).copied().collect::<Vec<usize>>()));
    let active_id = Memo::new(move |_| shown.with(|l| l.get(active.get()).copied()));
    let row = {
        let (index, add) = (index.clone(), add.clone());
        move |i: usize| {
            let s = &index.localities[i];
            // Rows live for a keystroke or two: their text is set once, in the language of the moment.
            let lang = ui.lang.get_untracked();
            let parent = index.parents.get(s.parent as usize).map_or("", String::as_str);
            let name = atlas.name(&s.id, lang);
            let meta = format!("{parent} · {}", level_label(s.level, lang));
            let id = s.id.clone();
            let chosen = {
                let id = id.clone();
                move || ui.localities().contains(&id)
            };
            let is_active = move || active_id.get() == Some(i);
            let add = add.clone();
            view! {
                <li role="option" id=format!("pick-{i}") aria-selected=move || is_active().to_string() class:active=is_active>
                    <button class="pick" data-locality=id disabled=chosen on:click=move |_| add(i)>
                        <span class="pick-name">{name}</span><span class="pick-meta">{meta}</span>
                    </button>
                </li>
            }
        }
    };
    let summary = move || {
        let lang = ui.lang();
        let n = found.with(Vec::len);
        (n > 0 || !query.get().trim().is_empty()).then(|| {
            let more = if n > SHOWN {
                format!(" {}", lang.t("（仅列出前 20 个）", "(first 20 shown)"))
            } else {
                String::new()
            };
            format!("{n} {}{more}", lang.t("个匹配", "matches"))
        })
    };
    let results = move || {
        view! {
            <p class="pick-count" role="status">{summary}</p>
            <ul class="pick-results" id="pick-results" role="listbox">
                <For each=move || shown.get() key=|i| *i children=row.clone() />
            </ul>
        }
    };
    let level_select = move || {
        let lang = ui.lang();
        let opts = Level::ALL
            .into_iter()
            .map(|l| view! { <option value=l.as_str() selected=move || level.get() == Some(l)>{level_label(l, lang)}</option> })
            .collect_view();
        view! {
            <label class="filter" for="pick-level"><span>{lang.t("级别", "Level")}</span>
                <select id="pick-level" on:change=move |ev| { level.set(Level::parse(&event_target_value(&ev))); active.set(0); }>
                    <option value="">{lang.t("全部", "All")}</option>{opts}
                </select>
            </label>
        }
    };
    let parent_select = {
        let index = index.clone();
        move || {
            let lang = ui.lang();
            let mut parents: Vec<(usize, &String)> = index.parents.iter().enumerate().collect();
            crate::sort::sort_by(&mut parents, |a, b| a.1.cmp(b.1));
            let opts = parents
                .into_iter()
                .map(|(i, p)| view! { <option value=i.to_string() selected=move || parent.get() == Some(i as u32)>{p.clone()}</option> })
                .collect_view();
            view! {
                <label class="filter" for="pick-parent"><span>{lang.t("上级", "Parent")}</span>
                    <select id="pick-parent" on:change=move |ev| { parent.set(event_target_value(&ev).parse().ok()); active.set(0); }>
                        <option value="">{lang.t("全部", "All")}</option>{opts}
                    </select>
                </label>
            }
        }
    };
    let total = index.localities.len();
    view! {
        <div class="picker" role="group" aria-label="地方 Localities">
            <div class="chips chosen-list" aria-live="polite">{chosen_chips}</div>
            <div class="filters">
                <label class="filter pick-search" for="pick-search">
                    <span>{move || format!("{} ({total})", ui.lang().t("添加地方", "Add a locality"))}</span>
                    <input id="pick-search" type="search" autocomplete="off" role="combobox" aria-controls="pick-results"
                        aria-expanded=move || (!found.with(Vec::is_empty)).to_string()
                        aria-activedescendant=move || found.with(|f| f.get(active.get()).map(|i| format!("pick-{i}"))).unwrap_or_default()
                        placeholder=crate::state::tr("名称、拼音或上级，如：长沙 / changsha", "name, pinyin or parent, e.g. changsha")
                        prop:value=move || query.get()
                        on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); }
                        on:keydown=on_key />
                </label>
                {level_select}
                {parent_select}
            </div>
            {move || message.get().map(|_| view! {
                <p class="notice" role="alert">{ui.lang().t("最多同时选择 12 个地方。", "At most 12 localities at once.")}</p>
            })}
            {results}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_data::Summary;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn index() -> Index {
        let s = |id: &str, name: &str, en: &str, level, parent| Summary {
            id: id.into(),
            name: name.into(),
            name_en: en.into(),
            level,
            parent,
            period: atlas_data::Period(15),
            slogan: None,
            indicators: 0,
            projects: 0,
            layout_elements: 0,
            hash: 0,
        };
        Index {
            localities: vec![
                s("430321", "湘潭县", "Xiangtan County", Level::County, 0),
                s("430381", "湘乡市", "Xiangxiang City", Level::CountyCity, 0),
                s("430302", "雨湖区", "Yuhu District", Level::District, 0),
                s("430300", "湘潭市", "Xiangtan City", Level::PrefectureCity, 1),
            ],
            parents: vec!["湘潭市".into(), "湖南省".into()],
            ..Index::default()
        }
    }

    #[test]
    fn search_by_name_pinyin_parent_and_level() {
        let ix = index();
        let keys = search_keys(&ix);
        assert_eq!(matches(&ix, &keys, "湘潭", None, None), [0, 3, 1, 2], "names first, then parent 湘潭市");
        assert_eq!(matches(&ix, &keys, "xiangx", None, None), [1]);
        assert_eq!(matches(&ix, &keys, "湘", Some(Level::District), None), [2]);
        assert_eq!(matches(&ix, &keys, "", None, Some(1)), [3]);
    }
}
