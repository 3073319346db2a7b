//! The app shell: loads the bundle once, then shows the views, or a readable error.

use crate::{load, views};
use atlas_data::Core;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone)]
pub enum LoadState {
    Loading,
    Ready(Arc<Core>),
    Failed(String),
}

#[component]
pub fn App() -> impl IntoView {
    let state = RwSignal::new(LoadState::Loading);
    leptos::task::spawn_local(async move {
        let next = match load::load_core(load::CORE_URL).await {
            Ok(core) => LoadState::Ready(Arc::new(core)),
            Err(e) => LoadState::Failed(e),
        };
        state.set(next);
    });
    view! {
        <main class="atlas">
            <h1>"规划图鉴 Plan Atlas"</h1>
            {move || match state.get() {
                LoadState::Loading => view! { <p class="loading" role="status">"正在加载… Loading…"</p> }.into_any(),
                LoadState::Failed(message) => view! { <ErrorView message /> }.into_any(),
                LoadState::Ready(core) => view! { <views::summary::Summary core /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn ErrorView(message: String) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            <p><strong>"无法加载数据 Could not load the data"</strong></p>
            <p class="error-detail">{message}</p>
        </div>
    }
}

/// A panic must never leave a blank page: log it and show it in the page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = document.body() else { return };
        if let Ok(div) = document.create_element("div") {
            div.set_class_name("error panic");
            div.set_attribute("role", "alert").ok();
            div.set_text_content(Some(&format!("程序出错 The widget failed: {info}")));
            body.append_child(&div).ok();
        }
    }));
}
