//! The views a first screen does not need are split out of the first download: each below is a
//! split point (`wasm_split`, the mechanism behind Leptos's `#[lazy]`), which the build
//! (`xtask/src/split.rs`) cuts into a wasm chunk of its own, fetched the first time its view is
//! shown. The overview, the default first screen, stays in the main module. A chunk that cannot be
//! fetched (a dropped connection) is an error value, shown with a retry, not a crash. The widget's
//! unit tests are built without the splitter: there the functions are called directly.

use super::*;
use crate::state::{tr, View};

/// A view's code could not be fetched.
pub struct Unloaded;

#[cfg(not(test))]
impl From<leptos::wasm_split::SplitLoaderError> for Unloaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unloaded
    }
}

/// The panel of one view: at once for the overview, after its chunk arrives for the others.
pub fn panel(v: View) -> AnyView {
    if v == View::Overview {
        return view! { <overview::Overview /> }.into_any();
    }
    on_demand(|| view! { <Skeleton label=tr("正在加载此视图…", "Loading this view…") /> }.into_any(), move || load(v))
}

/// What a chunk draws, once it has arrived (`fallback` meanwhile), or a retry if it cannot be
/// fetched.
fn on_demand<F, Fut>(fallback: fn() -> AnyView, load: F) -> AnyView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<AnyView, Unloaded>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=fallback>
            {move || {
                attempt.track();
                Suspend::new(async move { load().await.unwrap_or_else(|Unloaded| unloaded(attempt)) })
            }}
        </Suspense>
    }
    .into_any()
}

/// Says that a chunk could not be fetched, with a button that tries again.
fn unloaded(attempt: RwSignal<u32>) -> AnyView {
    view! {
        <div class="error" role="alert">
            <p>{tr("无法加载此部分的程序（网络中断？）。", "This part's code could not be loaded (is the connection down?).")}</p>
            <button class="retry" on:click=move |_| attempt.update(|n| *n += 1)>{tr("重试", "Try again")}</button>
        </div>
    }
    .into_any()
}

/// A view's frame in grey blocks while its code or data arrives: the panel keeps roughly the
/// height it will have, so that nothing below jumps when the view is drawn.
#[component]
pub fn Skeleton(#[prop(into)] label: Signal<&'static str>) -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-label=move || label.get()>
            <div class="skeleton-bar"></div>
            <div class="skeleton-bar short"></div>
            <div class="skeleton-block"></div>
        </div>
    }
}

/// Starts fetching a view's code without showing it: the view a page opens on (beside its data)
/// and a tab under the pointer or focus, so that opening it waits for no download.
pub fn preload(v: View) {
    #[cfg(not(test))]
    leptos::task::spawn_local(async move {
        // A failure here is reported when the view is opened.
        let _ = match v {
            View::Overview => Ok(()),
            View::Corpus => preload_corpus().await,
            View::Indicators => preload_indicators().await,
            View::Growth => preload_growth().await,
            View::Compare => preload_compare().await,
            View::Met => preload_met().await,
            View::Map => preload_map().await,
            View::Projects => preload_projects().await,
            View::Text => preload_text().await,
        };
    });
    #[cfg(test)]
    let _ = v;
}

/// Calls a split point: awaited where the build splits, directly in the unit tests.
macro_rules! call {
    ($call:expr) => {{
        #[cfg(not(test))]
        let result = $call.await;
        #[cfg(test)]
        let result = $call;
        result
    }};
}
pub(crate) use call;

async fn load(v: View) -> Result<AnyView, Unloaded> {
    match v {
        View::Overview => Ok(view! { <overview::Overview /> }.into_any()),
        View::Corpus => call!(corpus_view()),
        View::Indicators => call!(indicators_view()),
        View::Growth => call!(growth_view()),
        View::Compare => call!(compare_view()),
        View::Met => call!(met_view()),
        View::Map => call!(map_view()),
        View::Projects => call!(projects_view()),
        View::Text => call!(text_view()),
    }
}

/// One split point per view: its chunk holds the view and what only it uses.
macro_rules! split_view {
    ($name:ident, $preload:ident, $component:path) => {
        #[cfg_attr(
            not(test),
            leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))
        )]
        fn $name() -> Result<AnyView, Unloaded> {
            Ok(view! { <$component /> }.into_any())
        }
    };
}

split_view!(corpus_view, preload_corpus, corpus::CorpusView);
split_view!(indicators_view, preload_indicators, indicators::Indicators);
split_view!(growth_view, preload_growth, growth::Growth);
split_view!(compare_view, preload_compare, compare::Compare);
split_view!(met_view, preload_met, met::Met);
split_view!(map_view, preload_map, map::SpatialLayout);
split_view!(projects_view, preload_projects, projects::Projects);
split_view!(text_view, preload_text, text::Text);

/// What the chunk of plans a reader adds (`crate::adding`) is asked for.
pub enum AddRequest {
    /// Compile these files and join them to `corpus` (the corpus on screen).
    Files { slot: crate::app::Slot, corpus: std::sync::Arc<crate::load::Corpus>, files: Vec<web_sys::File> },
    /// Show the plans the browser kept from an earlier visit, joined to `corpus`.
    Restore { slot: crate::app::Slot, corpus: std::sync::Arc<crate::load::Corpus> },
    /// The panel of added plans.
    Panel,
}

/// The one split point of the adding chunk: its code (the worker's driver, joining, the review
/// panel) is fetched the first time a plan is added.
#[cfg_attr(
    not(test),
    leptos::wasm_split::wasm_split(adding, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_adding))
)]
pub fn adding(request: AddRequest) -> Result<AnyView, Unloaded> {
    Ok(match request {
        AddRequest::Files { slot, corpus, files } => {
            crate::adding::add_files(slot, corpus, files);
            ().into_any()
        }
        AddRequest::Restore { slot, corpus } => {
            crate::adding::restore(slot, corpus);
            ().into_any()
        }
        AddRequest::Panel => view! { <added::AddedPlans /> }.into_any(),
    })
}

/// The panel of added plans, once the adding chunk is loaded.
pub fn added_panel() -> AnyView {
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move { call!(adding(AddRequest::Panel)).unwrap_or_else(|Unloaded| ().into_any()) })}
        </Suspense>
    }
    .into_any()
}

/// Panels most readers never open, drawn by one chunk fetched the first time one of them opens.
#[derive(Clone, Copy)]
pub enum Extra {
    /// The source line of a value (`prov` in the URL).
    Provenance,
    /// The tour bar of presentation mode.
    Tour,
    /// The embed snippet, while `open`.
    Embed(RwSignal<bool>),
}

#[cfg_attr(
    not(test),
    leptos::wasm_split::wasm_split(extras, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_extras))
)]
fn extras(which: Extra) -> Result<AnyView, Unloaded> {
    Ok(match which {
        Extra::Provenance => view! { <provenance::Provenance /> }.into_any(),
        Extra::Tour => view! { <present::TourBar /> }.into_any(),
        Extra::Embed(open) => view! { <embed::EmbedDialog open /> }.into_any(),
    })
}

/// An occasional panel: nothing while its code arrives, a retry if it cannot.
pub fn extra(which: Extra) -> AnyView {
    on_demand(|| ().into_any(), move || async move { call!(extras(which)) })
}

/// The searchable picker of a corpus too large for one chip per locality (`picker::Picker`).
#[cfg_attr(
    not(test),
    leptos::wasm_split::wasm_split(picker_view, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_picker))
)]
fn picker_view() -> Result<AnyView, Unloaded> {
    Ok(view! { <picker::Picker /> }.into_any())
}

/// The large corpus's picker, with its place held while its code arrives.
pub fn large_picker() -> AnyView {
    let holding = || {
        view! {
            <div class="picker" role="status" aria-busy="true">
                <p class="loading">{tr("正在加载地方选择器…", "Loading the locality picker…")}</p>
            </div>
        }
        .into_any()
    };
    on_demand(holding, || async { call!(picker_view()) })
}
