//! Presentation mode (`present=1`, or the Present button): full screen, large type, high
//! contrast, and the classroom tour from `corpus/tour.toml` stepped with ← and →. Escape leaves.

use crate::state::{atlas, ui, Lang, Ui};
use crate::url::Params;
use leptos::prelude::*;

/// Shows step `n` of the tour: its parameters, keeping presentation mode and the language.
fn go(ui: Ui, steps: &[atlas_data::TourStep], n: usize) {
    let Some(step) = steps.get(n) else { return };
    let lang = ui.get("lang");
    let (mut next, _) = Params::parse(&step.params);
    next.set("present", "1");
    next.set("step", n.to_string());
    next.set("lang", lang.unwrap_or_default());
    ui.params.set(next);
}

pub fn leave(ui: Ui) {
    ui.params.update(|p| {
        p.set("present", "");
        p.set("step", "");
    });
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.fullscreen_element().is_some() {
            d.exit_fullscreen();
        }
    }
}

/// The Present button: enters full screen (a user gesture is needed for that) and the tour.
#[component]
pub fn PresentButton() -> impl IntoView {
    let ui = ui();
    let tour = atlas().corpus.index.tour.clone();
    let start = move |_| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.request_fullscreen();
        }
        go(ui, &tour, 0);
    };
    view! { <button class="present" on:click=start>{crate::state::tr("演示", "Present")}</button> }
}

/// The tour bar shown in presentation mode, and the keys that drive it.
#[component]
pub fn TourBar() -> impl IntoView {
    let ui = ui();
    let active = ui.flag("present");
    let step = ui.param("step");
    let current = move || step.with(|s| s.parse::<usize>().unwrap_or(0));
    let steps = atlas().corpus.index.tour.clone();
    let n = steps.len();
    let keys = {
        let steps = steps.clone();
        window_event_listener(leptos::ev::keydown, move |ev| {
            if !active.get_untracked() {
                return;
            }
            match ev.key().as_str() {
                "ArrowRight" | "PageDown" if current() + 1 < n => go(ui, &steps, current() + 1),
                "ArrowLeft" | "PageUp" if current() > 0 => go(ui, &steps, current() - 1),
                "Escape" => leave(ui),
                _ => return,
            }
            ev.prevent_default();
        })
    };
    on_cleanup(move || keys.remove());
    move || {
        if !active.get() || n == 0 {
            return None;
        }
        let lang = ui.lang();
        let i = current().min(n - 1);
        let title = if lang == Lang::Zh { steps[i].title.clone() } else { steps[i].title_en.clone() };
        let (prev_steps, next_steps) = (steps.clone(), steps.clone());
        Some(view! {
            <div class="tour-bar" role="navigation" aria-label=lang.t("演示导览", "Guided tour")>
                <button class="tour-prev" disabled=i == 0 on:click=move |_| go(ui, &prev_steps, i.saturating_sub(1))>"←"</button>
                <span class="tour-step" aria-live="polite">{format!("{}/{n} · ", i + 1)}{title}</span>
                <button class="tour-next" disabled={i + 1 >= n} on:click=move |_| go(ui, &next_steps, i + 1)>"→"</button>
                <button class="tour-exit" on:click=move |_| leave(ui)>{lang.t("退出 Esc", "Exit (Esc)")}</button>
            </div>
        })
    }
}
