//! The views a first screen does not need are split out of the first download: each below is a
//! `#[lazy]` function, which the build (`xtask/src/split.rs`) cuts into a wasm chunk of its own,
//! fetched the first time its view is shown. The overview, the default first screen, stays in the
//! main module. In the widget's unit tests (built without the splitter) they are plain async
//! functions.

use super::*;
use crate::state::{tr, View};

/// The panel of one view: at once for the overview, after its chunk arrives for the others.
pub fn panel(v: View) -> AnyView {
    match v {
        View::Overview => view! { <overview::Overview /> }.into_any(),
        v => view! {
            <Suspense fallback=|| view! { <p class="loading" role="status">{tr("正在加载此视图…", "Loading this view…")}</p> }>
                {Suspend::new(async move { load(v).await })}
            </Suspense>
        }
        .into_any(),
    }
}

/// Starts fetching a view's code without showing it: the view a page opens on (while its data
/// loads) and a tab under the pointer or focus, so that opening it waits for no download.
pub fn preload(v: View) {
    #[cfg(not(test))]
    leptos::task::spawn_local(async move {
        match v {
            View::Overview => {}
            View::Corpus => __preload_corpus_view().await,
            View::Indicators => __preload_indicators_view().await,
            View::Growth => __preload_growth_view().await,
            View::Compare => __preload_compare_view().await,
            View::Map => __preload_map_view().await,
            View::Projects => __preload_projects_view().await,
            View::Text => __preload_text_view().await,
        }
    });
    #[cfg(test)]
    let _ = v;
}

async fn load(v: View) -> AnyView {
    match v {
        View::Overview => view! { <overview::Overview /> }.into_any(),
        View::Corpus => corpus_view().await,
        View::Indicators => indicators_view().await,
        View::Growth => growth_view().await,
        View::Compare => compare_view().await,
        View::Map => map_view().await,
        View::Projects => projects_view().await,
        View::Text => text_view().await,
    }
}

#[cfg_attr(not(test), leptos::lazy)]
async fn corpus_view() -> AnyView {
    view! { <corpus::CorpusView /> }.into_any()
}

#[cfg_attr(not(test), leptos::lazy)]
async fn indicators_view() -> AnyView {
    view! { <indicators::Indicators /> }.into_any()
}

#[cfg_attr(not(test), leptos::lazy)]
async fn growth_view() -> AnyView {
    view! { <growth::Growth /> }.into_any()
}

#[cfg_attr(not(test), leptos::lazy)]
async fn compare_view() -> AnyView {
    view! { <compare::Compare /> }.into_any()
}

#[cfg_attr(not(test), leptos::lazy)]
async fn map_view() -> AnyView {
    view! { <map::SpatialLayout /> }.into_any()
}

#[cfg_attr(not(test), leptos::lazy)]
async fn projects_view() -> AnyView {
    view! { <projects::Projects /> }.into_any()
}

#[cfg_attr(not(test), leptos::lazy)]
async fn text_view() -> AnyView {
    view! { <text::Text /> }.into_any()
}
