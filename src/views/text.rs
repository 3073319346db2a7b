//! 原文 Text: the outline of a plan, its full text with line numbers, and a search across the
//! plans on screen (hits per locality, highlighted, each jumping to its line). Each plan's text is
//! fetched when first needed. Text is always rendered as
//! text, never as HTML. `tloc`, `tline` and `tq` in the URL hold the state.

use crate::state::{atlas, data, ui, Lang, Loaded};
use crate::text_index::TextIndex;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Hits listed per locality at first, and at most after "more" (the count is always exact).
const HITS_FIRST: usize = 10;
const MAX_HITS_SHOWN: usize = 50;
/// Lines rendered around the current line, so that a 1,700-line plan stays light.
const WINDOW: usize = 120;

/// A plan's lines with their character index, built once per text.
pub struct Searchable {
    pub lines: Arc<Vec<String>>,
    index: TextIndex,
}

impl Searchable {
    pub fn new(lines: Arc<Vec<String>>) -> Searchable {
        let index = TextIndex::new(&lines);
        Searchable { lines, index }
    }
}

/// (line number, line) of every line containing `query`, per locality in `order`.
pub fn search<'a>(
    texts: &'a HashMap<String, Arc<Searchable>>,
    order: &[String],
    query: &str,
) -> Vec<(String, Vec<(usize, &'a str)>)> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    order
        .iter()
        .filter_map(|id| {
            let text = texts.get(id)?;
            let hits = text.index.find(&text.lines, q).into_iter().map(|i| (i + 1, text.lines[i].as_str())).collect();
            Some((id.clone(), hits))
        })
        .collect()
}

/// The line split around each occurrence of `q`, for highlighting without HTML.
fn highlighted(line: &str, q: &str) -> impl IntoView {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find(q).filter(|_| !q.is_empty()) {
        parts.push(view! { <span>{rest[..i].to_string()}</span> }.into_any());
        parts.push(view! { <mark>{q.to_string()}</mark> }.into_any());
        rest = &rest[i + q.len()..];
    }
    parts.push(view! { <span>{rest.to_string()}</span> }.into_any());
    parts
}

fn snippet(line: &str, q: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let at = line.find(q).map_or(0, |b| line[..b].chars().count());
    let from = at.saturating_sub(30);
    let to = (at + q.chars().count() + 50).min(chars.len());
    let mut s: String = chars[from..to].iter().collect();
    if from > 0 {
        s.insert(0, '…');
    }
    if to < chars.len() {
        s.push('…');
    }
    s.replace('\t', " ")
}

#[component]
pub fn Text() -> impl IntoView {
    let data = data();
    let ui = ui();
    let atlas = atlas();
    let current = {
        let data = data.clone();
        Memo::new(move |_| {
            ui.get("tloc")
                .filter(|id| data.loc(id).is_some())
                .or_else(|| ui.localities().first().cloned())
                .unwrap_or_else(|| data.core.localities[0].id.clone())
        })
    };
    let current = move || current.get();
    // The current plan's text, and every plan's once a search asks for them.
    {
        let (atlas, data) = (atlas.clone(), data.clone());
        Effect::new(move |_| {
            atlas.request_text(&current());
            if ui.get("tq").is_some_and(|q| !q.trim().is_empty()) {
                for l in &data.core.localities {
                    atlas.request_text(&l.id);
                }
            }
        });
    }
    let jump = move |id: String, line: usize| {
        ui.params.update(|p| {
            p.set("tloc", id);
            p.set("tline", line.to_string());
        });
    };
    let search_box = move || {
        let lang = ui.lang();
        view! {
            <div class="filters">
                {super::param_input("tq", lang.t("全文搜索", "Search all plans").into(), lang.t("如：洣水", "e.g. 洣水").into())}
            </div>
        }
    };
    // Each text's character index, built the first time a search reads it.
    let indexed: StoredValue<HashMap<String, Arc<Searchable>>> = StoredValue::new(HashMap::new());
    let query = Memo::new(move |_| ui.get("tq").unwrap_or_default());
    // Localities whose hit list the reader expanded past the first few.
    let expanded: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let results = {
        let (data, atlas) = (data.clone(), atlas.clone());
        move || {
            let lang = ui.lang();
            let q = query.get();
            if q.trim().is_empty() {
                return None;
            }
            let order: Vec<String> = data.core.localities.iter().map(|l| l.id.clone()).collect();
            let mut texts = HashMap::new();
            for id in &order {
                match atlas.text(id) {
                    Some(Loaded::Ready(t)) => {
                        let cached = indexed.with_value(|m| m.get(id).filter(|s| Arc::ptr_eq(&s.lines, &t)).cloned());
                        let text = cached.unwrap_or_else(|| {
                            let built = Arc::new(Searchable::new(t));
                            indexed.update_value(|m| {
                                m.insert(id.clone(), built.clone());
                            });
                            built
                        });
                        texts.insert(id.clone(), text);
                    }
                    Some(Loaded::Failed(e)) => return Some(view! { <p class="error" role="alert">{e}</p> }.into_any()),
                    _ => return Some(
                        view! { <p class="loading" role="status">{lang.t("正在加载原文…", "Loading the texts…")}</p> }
                            .into_any(),
                    ),
                }
            }
            let groups = search(&texts, &order, &q)
                .into_iter()
                .map(|(id, hits)| {
                    let name = data.loc(&id).map_or(id.clone(), |l| if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() });
                    let n = hits.len();
                    let limit = if expanded.with(|e| e.contains(&id)) { MAX_HITS_SHOWN } else { HITS_FIRST };
                    let more = (n > limit && limit < MAX_HITS_SHOWN).then(|| {
                        let id = id.clone();
                        let text = match lang {
                            Lang::Zh => format!("显示更多（前 {} 处）", n.min(MAX_HITS_SHOWN)),
                            Lang::En => format!("Show more (first {})", n.min(MAX_HITS_SHOWN)),
                        };
                        view! { <button class="link more-hits" on:click=move |_| expanded.update(|e| e.push(id.clone()))>{text}</button> }
                    });
                    let items = hits
                        .into_iter()
                        .take(limit)
                        .map(|(line, text)| {
                            let id = id.clone();
                            let s = snippet(text, q.trim());
                            let q = q.trim().to_string();
                            view! { <li><button class="hit" on:click=move |_| jump(id.clone(), line)><span class="line-no">{line}</span><span class="hit-text">{highlighted(&s, &q)}</span></button></li> }
                        })
                        .collect_view();
                    view! {
                        <details class="hits" data-locality=id.clone() open={n > 0}>
                            <summary>{name}" "<span class="hit-count">{n}</span>{lang.t(" 处", if n == 1 { " hit" } else { " hits" })}</summary>
                            <ol>{items}</ol>
                            {more}
                        </details>
                    }
                })
                .collect_view();
            Some(
                view! { <section class="search-results" aria-label=lang.t("搜索结果", "Search results")>{groups}</section> }
                    .into_any(),
            )
        }
    };
    let outline = {
        let data = data.clone();
        move || {
            let id = current();
            let l = data.loc(&id)?;
            let items = l
                .outline
                .iter()
                .map(|h| {
                    let (id, line) = (id.clone(), h.line as usize);
                    view! {
                        <li class=format!("level-{}", h.level)>
                            <button class="heading" on:click=move |_| jump(id.clone(), line)>{format!("{} {}", h.number, h.title)}</button>
                        </li>
                    }
                })
                .collect_view();
            Some(view! { <nav class="outline" aria-label=ui.lang().t("目录", "Outline")><ol>{items}</ol></nav> })
        }
    };
    let target_line = Memo::new(move |_| ui.get("tline").and_then(|l| l.parse::<usize>().ok()).unwrap_or(1));
    let reader = {
        let (data, atlas) = (data.clone(), atlas.clone());
        move || {
            let lang = ui.lang();
            let id = current();
            let target = target_line.get();
            let body = match atlas.text(&id) {
                Some(Loaded::Ready(text)) => {
                    let from = target.saturating_sub(WINDOW / 2).max(1);
                    let to = (from + WINDOW).min(text.len());
                    let rows = (from..=to)
                        .map(|n| {
                            let line = text[n - 1].replace('\t', " ⇥ ");
                            // Only a line the query is (or was) in renders again as the query changes.
                            let hit = {
                                let line = line.clone();
                                Memo::new(move |_| {
                                    let q = query.get();
                                    let q = q.trim();
                                    (!q.is_empty() && line.contains(q)).then(|| q.to_string())
                                })
                            };
                            view! {
                                <li id=format!("line-{n}") class:current=n == target value=n.to_string()>
                                    <span class="line-no">{n}</span>
                                    <span class="line-text">{move || highlighted(&line, &hit.get().unwrap_or_default())}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <p class="reader-range">{format!("{} {from}–{to} / {}", lang.t("第", "lines"), text.len())}</p>
                        <ol class="reader" tabindex="0" aria-label=lang.t("原文", "Plan text")>{rows}</ol>
                    }
                    .into_any()
                }
                Some(Loaded::Failed(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                _ => view! { <p class="loading" role="status">{lang.t("正在加载原文…", "Loading the texts…")}</p> }
                    .into_any(),
            };
            let source = data.loc(&id).map(|l| l.source.clone()).unwrap_or_default();
            view! { <div class="reader-wrap"><p class="source">{source}</p>{body}</div> }.into_any()
        }
    };
    // Bring the current line into view after it renders.
    Effect::new(move |_| {
        let line = ui.get("tline");
        let ready = matches!(atlas.text(&current()), Some(Loaded::Ready(_)));
        if let (Some(line), true) = (line, ready) {
            leptos::task::spawn_local(async move {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&format!("line-{line}")))
                {
                    el.scroll_into_view();
                }
            });
        }
    });
    let picker = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let id = current();
            let opts = data
                .core
                .localities
                .iter()
                .map(|l| {
                    let sel = l.id == id;
                    view! { <option value=l.id.clone() selected=sel>{if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() }}</option> }
                })
                .collect_view();
            view! {
                <label class="filter" for="text-loc"><span>{lang.t("规划", "Plan")}</span>
                    <select id="text-loc" on:change=move |ev| ui.params.update(|p| { p.set("tloc", event_target_value(&ev)); p.set("tline", ""); })>{opts}</select>
                </label>
            }
        }
    };
    view! {
        {search_box}
        {results}
        <div class="text-grid">
            <div>{picker}{outline}</div>
            {reader}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn search_counts_hits_per_locality_in_order() {
        let mut texts = HashMap::new();
        let text = |lines: &[&str]| Arc::new(Searchable::new(Arc::new(lines.iter().map(|s| s.to_string()).collect())));
        texts.insert("a".to_string(), text(&["洣水镇", "无", "洣水"]));
        texts.insert("b".to_string(), text(&["县城"]));
        let r = search(&texts, &["a".to_string(), "b".to_string()], "洣水");
        assert_eq!(
            r.iter().map(|(id, h)| (id.as_str(), h.iter().map(|x| x.0).collect::<Vec<_>>())).collect::<Vec<_>>(),
            [("a", vec![1, 3]), ("b", vec![])]
        );
        assert!(search(&texts, &["a".to_string()], "  ").is_empty());
    }

    #[test]
    fn snippets_keep_the_hit() {
        let s = snippet(&"前".repeat(100).to_string().chars().chain("洣水".chars()).collect::<String>(), "洣水");
        assert!(s.starts_with('…') && s.contains("洣水"));
    }
}
