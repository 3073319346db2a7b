//! Provenance: the source line of a value, with a few lines of context, from the full text
//! (loaded on demand). Opened by `prov=<locality>:<line>` in the URL; Escape or the close
//! button clears it.

use crate::state::{atlas, data, ui, Loaded};
use leptos::prelude::*;

const CONTEXT_LINES: usize = 3;

#[component]
pub fn Provenance() -> impl IntoView {
    let ui = ui();
    let data = data();
    let atlas = atlas();
    let prov = ui.param("prov");
    let target = move || {
        prov.with(|p| {
            let (id, line) = p.split_once(':')?;
            Some((id.to_string(), line.parse::<usize>().ok().filter(|l| *l > 0)?))
        })
    };
    {
        let atlas = atlas.clone();
        Effect::new(move |_| {
            if let Some((id, _)) = target() {
                atlas.request_text(&id);
            }
        });
    }
    let close = move || ui.set("prov", "");
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && !prov.get_untracked().is_empty() {
            close();
        }
    });
    on_cleanup(move || handle.remove());
    move || {
        let (id, line) = target()?;
        let lang = ui.lang();
        let loc = data.loc(&id)?;
        let source = loc.source.clone();
        let heading = loc.section_of(line as u32).map(|h| format!("{} {}", h.number, h.title)).unwrap_or_default();
        let body = match atlas.text(&id) {
            Some(Loaded::Ready(lines)) => match Some(&lines) {
                Some(lines) if line <= lines.len() => {
                    let from = line.saturating_sub(CONTEXT_LINES + 1);
                    let to = (line + CONTEXT_LINES).min(lines.len());
                    lines[from..to]
                        .iter()
                        .enumerate()
                        .map(|(k, text)| {
                            let n = from + k + 1;
                            view! {
                                <li class:hit=n == line value=n.to_string()>
                                    <span class="line-no">{n}</span><span class="line-text">{text.replace('\t', " ⇥ ")}</span>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
                _ => view! { <li>{lang.t("没有这一行", "no such line")}</li> }.into_any(),
            },
            Some(Loaded::Failed(e)) => view! { <li class="error" role="alert">{e}</li> }.into_any(),
            _ => view! { <li class="loading" role="status">{lang.t("正在加载原文…", "Loading the text…")}</li> }
                .into_any(),
        };
        Some(view! {
            <aside class="provenance" aria-label=lang.t("数据来源", "Source of this value")>
                <header>
                    <strong>{lang.t("来源", "Source")}</strong>
                    <span class="source">{format!("{source}:{line}")}</span>
                    <span class="section">{heading}</span>
                    <button class="close" on:click=move |_| close() aria-label=lang.t("关闭", "Close")>"×"</button>
                </header>
                <ol class="context">{body}</ol>
            </aside>
        })
    }
}
