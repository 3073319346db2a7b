//! The app shell: loads the corpus index once, then shows the locality chooser, the tabs, the
//! current view and the attribution; or a readable error. Keeps the URL and the view state in
//! step, and the working set's shards loaded.

use crate::load::Corpus;
use crate::state::{working_set, Atlas, Data, Lang, Loaded, Ui, View, Working};
use crate::views::lazy::Extra;
use crate::{load, url, views};
use leptos::context::Provider;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsValue;

#[derive(Clone)]
pub enum LoadState {
    Loading,
    Ready(Atlas),
    Failed(String),
}

/// Where the current data lives, so that opening another bundle can replace it, and the last
/// message about a bundle that could not be opened.
#[derive(Clone, Copy)]
pub struct Slot {
    pub state: RwSignal<LoadState>,
    pub message: RwSignal<Option<String>>,
}

impl Slot {
    /// Shows a bundle someone opened, or says why it cannot be shown and keeps the current data.
    pub fn open(&self, bytes: Vec<u8>, name: &str) {
        self.show(Corpus::from_single(bytes, name));
    }

    fn show(&self, corpus: Result<Corpus, String>) {
        match corpus {
            Ok(corpus) => {
                self.message.set(None);
                self.state.set(LoadState::Ready(Atlas::new(Arc::new(corpus))));
            }
            Err(e) => self.message.set(Some(e)),
        }
    }
}

/// The page's note (localStorage) of how many added plans the browser keeps (`crate::adding`): read
/// at start, so that the store, and the code that reads it, are opened only when there are some.
pub const KEPT: &str = "plan-atlas-added";

fn kept_plans() -> bool {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    storage.and_then(|s| s.get_item(KEPT).ok().flatten()).is_some_and(|n| n != "0")
}

/// Asks the adding chunk to show the plans kept from an earlier visit.
fn restore_added(slot: Slot, adding: Adding, corpus: Arc<Corpus>) {
    leptos::task::spawn_local(async move {
        let request = views::lazy::AddRequest::Restore { slot, corpus };
        if views::lazy::call!(views::lazy::adding(request)).is_ok() {
            adding.0.set(true);
        }
    });
}

/// Whether the panel of plans the reader added is shown (from the first file on).
#[derive(Clone, Copy)]
pub struct Adding(pub RwSignal<bool>);

/// Compiles plan files the reader chose or dropped (in the adding chunk, `crate::adding`) and
/// joins them to the corpus on screen.
pub fn add_plans(files: Vec<web_sys::File>) {
    let slot = expect_context::<Slot>();
    let adding = expect_context::<Adding>();
    let LoadState::Ready(atlas) = slot.state.get_untracked() else { return };
    let request = views::lazy::AddRequest::Files { slot, corpus: atlas.corpus.clone(), files };
    leptos::task::spawn_local(async move {
        match views::lazy::call!(views::lazy::adding(request)) {
            Ok(_) => adding.0.set(true),
            Err(views::lazy::Unloaded) => {
                slot.message.set(Some("the compiler's code could not be loaded (is the connection down?)".to_string()))
            }
        }
    });
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let slot = Slot { state: RwSignal::new(LoadState::Loading), message: RwSignal::new(None) };
    provide_context(slot);
    let adding = Adding(RwSignal::new(false));
    provide_context(adding);
    // The page's link, read once: the first view, the bundle asked for, the first screen's shards.
    let params = url::Params::parse(&location_search()).0;
    // The first view's code downloads beside the corpus index, not after it.
    views::lazy::preload(View::parse(params.get("view").unwrap_or("")));
    leptos::task::spawn_local(async move {
        let wanted = params.get("bundle").map(str::to_string);
        match Corpus::open_default().await {
            Ok(corpus) => {
                crate::state::mark_once("atlas-index-ready");
                let atlas = Atlas::new(Arc::new(corpus));
                // Ask for the first screen's data now, before the shell renders.
                atlas.request_screen(&params);
                let corpus = atlas.corpus.clone();
                slot.state.set(LoadState::Ready(atlas));
                if wanted.is_none() && kept_plans() {
                    restore_added(slot, adding, corpus);
                }
            }
            Err(e) if wanted.is_none() => slot.state.set(LoadState::Failed(e)),
            Err(_) => {}
        }
        if let Some(url) = wanted {
            slot.show(Corpus::open_url(&url).await);
            if matches!(slot.state.get_untracked(), LoadState::Loading) {
                let message = slot.message.get_untracked().unwrap_or_default();
                slot.state.set(LoadState::Failed(message));
            }
        }
    });
    let handle = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    // A bundle dropped on the page is opened; plan texts, web pages and PDFs are added.
    let drop = window_event_listener(leptos::ev::drop, move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let files = files_of(ev.data_transfer().and_then(|d| d.files()));
        match files.iter().find(|f| f.name().to_ascii_lowercase().ends_with(".atlas")) {
            Some(bundle) => read_file(slot, bundle.clone()),
            None if !files.is_empty() => add_plans(files),
            None => {}
        }
    });
    on_cleanup(move || {
        handle.remove();
        drop.remove();
    });
    view! {
        <main class="atlas">
            {move || slot.message.get().map(|m| view! {
                <div class="error bundle-error" role="alert">
                    <p><strong>"无法打开这个数据包，仍显示原有数据 The bundle could not be opened; the current data is kept."</strong></p>
                    <p class="error-detail">{m}</p>
                </div>
            })}
            {move || match slot.state.get() {
                LoadState::Loading => view! { <p class="loading" role="status">"正在加载… Loading…"</p> }.into_any(),
                LoadState::Failed(message) => {
                    reveal();
                    view! { <ErrorView message /> }.into_any()
                }
                LoadState::Ready(atlas) => view! { <Shell atlas /> }.into_any(),
            }}
        </main>
    }
}

/// Reads a file the user chose or dropped and opens it as a bundle.
pub fn read_file(slot: Slot, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => slot.open(js_sys::Uint8Array::new(&buffer).to_vec(), &name),
            Err(e) => slot.message.set(Some(format!("{name}: {e:?}"))),
        }
    });
}

#[component]
fn OpenBundle() -> impl IntoView {
    let slot = expect_context::<Slot>();
    let on_change = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
            read_file(slot, file);
        }
    };
    view! {
        <label class="open-bundle" title=crate::state::tr("打开用 atlas build 编译的 .atlas 数据包，也可拖放到页面上", "Open a .atlas bundle compiled with atlas build, or drop one on the page")>
            <span>{crate::state::tr("打开数据包", "Open bundle")}</span>
            <input type="file" id="open-bundle" accept=".atlas,application/octet-stream" on:change=on_change />
        </label>
    }
}

#[component]
fn AddPlan() -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let files = files_of(input.as_ref().and_then(|i| i.files()));
        if let Some(input) = &input {
            // The same file may be chosen again.
            input.set_value("");
        }
        if !files.is_empty() {
            add_plans(files);
        }
    };
    view! {
        <label class="open-bundle add-plan" title=crate::state::tr("添加你自己的规划文本（.txt、网页 .html 或 PDF），在本机浏览器中编译，不会上传", "Add your own plan (text, saved web page or PDF): compiled in this browser, never uploaded")>
            <span>{crate::state::tr("添加规划", "Add a plan")}</span>
            <input type="file" id="add-plan" multiple accept=".txt,.htm,.html,.pdf,text/plain,text/html,application/pdf" on:change=on_change />
        </label>
    }
}

#[component]
pub fn ErrorView(message: String) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            <p><strong>"无法加载数据 Could not load the data"</strong></p>
            <p class="error-detail">{message}</p>
        </div>
    }
}

fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Writes the state into the URL (a new history entry when the view changes) and restores it on
/// back/forward.
fn sync_url(ui: Ui) {
    // Writing history costs some browsers tens of milliseconds a call, so it happens after the view
    // has updated, once for a burst of changes (typing in a filter): the latest URL, pushed if the
    // view changed on the way.
    let pending: Arc<std::sync::Mutex<Option<(String, bool)>>> = Arc::default();
    let queued = pending.clone();
    Effect::new(move |previous_view: Option<Option<String>>| {
        let params = ui.params.get();
        let view = params.get("view").map(str::to_string);
        // After back/forward the URL already holds this state: write nothing.
        let in_url = url::Params::parse(&location_search()).0 == params;
        if !in_url {
            let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
            let url = format!("{path}{}", params.to_query());
            let push = previous_view.as_ref().is_some_and(|v| *v != view);
            let Ok(mut slot) = queued.lock() else { return view };
            let first = slot.is_none();
            let push = push || slot.as_ref().is_some_and(|(_, p)| *p);
            *slot = Some((url, push));
            if first {
                let queued = queued.clone();
                set_timeout(
                    move || {
                        let next = queued.lock().ok().and_then(|mut s| s.take());
                        let history = web_sys::window().and_then(|w| w.history().ok());
                        if let (Some((url, push)), Some(history)) = (next, history) {
                            if push {
                                history.push_state_with_url(&JsValue::NULL, "", Some(&url)).ok();
                            } else {
                                history.replace_state_with_url(&JsValue::NULL, "", Some(&url)).ok();
                            }
                        }
                    },
                    std::time::Duration::ZERO,
                );
            }
        }
        view
    });
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        // Back/forward wins over a write not yet made.
        if let Ok(mut slot) = pending.lock() {
            slot.take();
        }
        ui.params.set(url::Params::parse(&location_search()).0);
    });
    on_cleanup(move || handle.remove());
}

/// The working set's data: rebuilt when its shards are all loaded; while more are loading, the
/// last one stays on screen.
fn working(atlas: Atlas, ui: Ui) -> (Memo<Working>, Memo<bool>) {
    let wanted = {
        let corpus = atlas.corpus.clone();
        Memo::new(move |_| ui.params.with(|p| working_set(&corpus, p)))
    };
    {
        let atlas = atlas.clone();
        Effect::new(move |_| atlas.request_shards(&wanted.get()));
    }
    let pending = Memo::new(move |_| {
        let w = wanted.get();
        atlas.shards.with(|m| w.iter().any(|i| !matches!(m.get(i), Some(Loaded::Ready(_)) | Some(Loaded::Failed(_)))))
    });
    // The last data with localities, kept while the overview (which needs none) is on screen, so
    // that going back to another view does not build it again.
    let last = StoredValue::new(None::<Arc<Data>>);
    let working = Memo::new(move |prev: Option<&Working>| {
        let w = wanted.get();
        let states: Vec<Option<Loaded<Arc<atlas_data::Shard>>>> =
            atlas.shards.with(|m| w.iter().map(|i| m.get(i).cloned()).collect());
        let mut shards = Vec::with_capacity(states.len());
        for s in states {
            match s {
                Some(Loaded::Ready(shard)) => shards.push(shard),
                Some(Loaded::Failed(e)) => return Working::Failed(e),
                // The last localities stay on screen while more load; no localities (the
                // overview's data) are no stand-in for some.
                _ => {
                    let shown = prev.filter(|p| matches!(p, Working::Ready(d) if !d.core.localities.is_empty()));
                    return shown.cloned().unwrap_or(Working::Loading);
                }
            }
        }
        let reuse = |d: &Arc<Data>| d.built_from(&shards).then(|| d.clone());
        let previous = match prev {
            Some(Working::Ready(d)) => reuse(d),
            _ => None,
        };
        if let Some(d) = previous.or_else(|| last.with_value(|l| l.as_ref().and_then(reuse))) {
            return Working::Ready(d);
        }
        let data = Arc::new(Data::new(atlas.clone(), shards));
        if !data.core.localities.is_empty() {
            last.set_value(Some(data.clone()));
        }
        Working::Ready(data)
    });
    (working, pending)
}

#[component]
fn Shell(atlas: Atlas) -> impl IntoView {
    provide_context(atlas.clone());
    let (params, rejected) = url::Params::parse(&location_search());
    let ui = Ui::new(params);
    provide_context(ui);
    sync_url(ui);
    apply_render_flags(ui);
    post_height_to_host(ui);
    let (working, pending) = working(atlas.clone(), ui);
    crate::select::post_to_host(ui, working);
    let lang = move || ui.lang();
    // The source panel and the tour bar are drawn by the chunk of occasional panels, fetched
    // the first time one opens.
    let presenting = ui.flag("present");
    let showing_source = {
        let prov = ui.param("prov");
        Memo::new(move |_| prov.with(|p| !p.is_empty()))
    };
    let notice = (!rejected.is_empty()).then(|| {
        view! { <p class="notice" role="note">{crate::state::tr("已忽略无效的链接参数：", "Ignored invalid link parameters: ")}{rejected.join(", ")}</p> }
    });
    let attribution = atlas.corpus.index.attribution.join(" · ");
    let subtitle = {
        let atlas = atlas.clone();
        move || atlas.subtitle(ui.lang())
    };
    // The offline file exists beside a built site (`cargo xtask build`), not under `trunk serve`.
    let offline_available = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let found = load::exists("plan-atlas-offline.html").await;
        offline_available.set(found);
    });
    let screen_ready = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let cards = ui.view() != View::Overview
                || ui.params.with(|p| atlas.cards_settled(&crate::state::on_screen(&atlas.corpus, p)));
            cards && working.with(|w| matches!(w, Working::Ready(_)))
        })
    };
    // The app takes the prerendered first screen's place once its own is drawn: in the next
    // frame, after the charts' effects have painted their canvases.
    Effect::new(move |revealed: Option<bool>| {
        if revealed == Some(true) {
            return true;
        }
        let now = screen_ready.get() || working.with(|w| matches!(w, Working::Failed(_)));
        if now {
            request_animation_frame(reveal);
        }
        now
    });
    let panel = move || {
        match working.get() {
        Working::Ready(data) => view! {
            <Provider value=data>
                <section class="view" id="view-panel" role="tabpanel" aria-live="polite" aria-busy=move || pending.get().to_string()>
                    {move || views::lazy::panel(ui.view())}
                </section>
                {move || showing_source.get().then(|| views::lazy::extra(Extra::Provenance))}
            </Provider>
        }
        .into_any(),
        Working::Loading => view! {
            <section class="view" id="view-panel" role="tabpanel">
                <views::lazy::Skeleton label=crate::state::tr("正在加载所选地方的数据…", "Loading the chosen localities…") />
            </section>
        }
        .into_any(),
        Working::Failed(message) => view! {
            <section class="view" id="view-panel" role="tabpanel"><ErrorView message /></section>
        }
        .into_any(),
    }
    };
    view! {
        <header class="shell-header">
            <h1>{crate::state::tr("规划图鉴", "Plan Atlas")}<span class="subtitle">{subtitle}</span></h1>
            <div class="header-tools"><views::present::PresentButton /><views::embed::EmbedButton /><AddPlan /><OpenBundle /><LangToggle /></div>
        </header>
        {move || expect_context::<Adding>().0.get().then(views::lazy::added_panel)}
        <views::picker::LocalityChooser />
        <Tabs />
        {notice}
        {move || pending.get().then(|| view! { <p class="loading-more" role="status">{lang().t("正在加载…", "Loading…")}</p> })}
        {panel}
        {move || presenting.get().then(|| views::lazy::extra(Extra::Tour))}
        // With the view, not before it: a footer drawn under an empty panel would jump down when
        // the view arrives (a layout shift, and briefly the page's largest text).
        {move || screen_ready.get().then(|| view! {
            <footer class="attribution">
                {attribution.clone()}
                {move || offline_available.get().then(|| view! {
                    <a class="offline-link" href="plan-atlas-offline.html" download="plan-atlas-offline.html">
                        {lang().t("下载离线版", "Download for offline use")}
                    </a>
                })}
            </footer>
        })}
    }
}

/// Inside an iframe, tells the host page how tall the widget is, so that `embed.js` can size the
/// iframe to its content. The message carries only the height and the embed's id.
fn post_height_to_host(ui: Ui) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let Some(parent) = window.parent().ok().flatten().filter(|p| !js_sys::Object::is(p, &window)) else { return };
    let id = ui.get("id").unwrap_or_else(|| "plan-atlas".into());
    // Opened by a Pym.js parent: it also understands Pym's height message.
    let pym_id = ui.get("childId").filter(|c| !c.is_empty() && !c.contains(char::is_whitespace));
    let Some(root) = window.document().and_then(|d| d.document_element()) else { return };
    let measured = root.clone();
    let send = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        let height = measured.scroll_height();
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"type".into(), &"plan-atlas:height".into()).ok();
        js_sys::Reflect::set(&message, &"id".into(), &id.as_str().into()).ok();
        js_sys::Reflect::set(&message, &"height".into(), &f64::from(height).into()).ok();
        parent.post_message(&message, "*").ok();
        if let Some(child) = &pym_id {
            parent.post_message(&format!("pymxPYMx{child}xPYMxheightxPYMx{height}").into(), "*").ok();
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(send.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            observer.observe(&body);
        }
    }
    send.forget(); // lives as long as the page
}

/// Render flags for embedding: `dark=auto|true|false`, `plain` (just the view), `static` (no
/// interaction, for print and screenshots). They become attributes on `<html>` that the
/// stylesheet reads, and `lang` sets the document language.
fn apply_render_flags(ui: Ui) {
    let flags = ["plain", "static", "present"].map(|name| (name, ui.flag(name)));
    let dark = ui.param("dark");
    // Memos in, so that a keystroke in a filter does not touch `<html>`.
    Effect::new(move |_| {
        let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
            return;
        };
        let theme = dark.with(|d| match d.as_str() {
            "true" | "1" => Some("dark"),
            "false" | "0" => Some("light"),
            _ => None,
        });
        match theme {
            Some(theme) => root.set_attribute("data-theme", theme).ok(),
            None => root.remove_attribute("data-theme").ok(),
        };
        for (name, on) in flags {
            if on.get() {
                root.set_attribute(&format!("data-{name}"), "").ok();
            } else {
                root.remove_attribute(&format!("data-{name}")).ok();
            }
        }
        root.set_attribute("lang", if ui.lang() == Lang::En { "en" } else { "zh-CN" }).ok();
    });
}

#[component]
fn LangToggle() -> impl IntoView {
    let ui = crate::state::ui();
    let toggle = move |_| {
        let next = if ui.lang() == Lang::Zh { "en" } else { "" };
        ui.set("lang", next);
    };
    view! {
        <button class="lang" on:click=toggle aria-label=crate::state::tr("Switch to English", "切换到中文")>
            {crate::state::tr("English", "中文")}
        </button>
    }
}

#[component]
fn Tabs() -> impl IntoView {
    let ui = crate::state::ui();
    let select = move |v: View| {
        ui.params.update(|p| {
            p.set("view", if v == View::Overview { "" } else { v.slug() });
            p.set("prov", "");
        })
    };
    // A tab pointed at or focused starts fetching its view's code and data.
    let atlas = crate::state::atlas();
    let prepare = move |v: View| {
        views::lazy::preload(v);
        let mut params = ui.params.get_untracked();
        params.set("view", v.slug());
        atlas.request_screen(&params);
    };
    let tabs = View::ALL
        .into_iter()
        .map(|v| {
            let (on_point, on_focus) = (prepare.clone(), prepare.clone());
            let on_key = move |ev: leptos::ev::KeyboardEvent| {
                let i = View::ALL.iter().position(|x| *x == v).unwrap_or(0);
                let next = match ev.key().as_str() {
                    "ArrowRight" => View::ALL[(i + 1) % View::ALL.len()],
                    "ArrowLeft" => View::ALL[(i + View::ALL.len() - 1) % View::ALL.len()],
                    _ => return,
                };
                select(next);
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&format!("tab-{}", next.slug())))
                {
                    use wasm_bindgen::JsCast;
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        el.focus().ok();
                    }
                }
            };
            view! {
                <button role="tab" id=format!("tab-{}", v.slug()) data-view=v.slug()
                    aria-selected=move || (ui.view() == v).to_string()
                    aria-controls="view-panel"
                    tabindex=move || if ui.view() == v { "0" } else { "-1" }
                    on:click=move |_| select(v) on:keydown=on_key
                    on:pointerenter=move |_| on_point(v) on:focus=move |_| on_focus(v)>
                    {move || v.label(ui.lang())}
                </button>
            }
        })
        .collect_view();
    view! { <nav class="tabs" role="tablist">{tabs}</nav> }
}

/// A panic must never leave a blank page: log it and show it in the page.
/// Hands the page over to the app: the prerendered first screen (`prerender.rs`) goes, and the
/// app's own `<main>`, laid out beneath it but hidden while `<html data-booting>` (set by
/// `boot.js`), shows in the same frame. Called once the first screen is drawn, or on an error, so
/// that the message is seen.
pub fn reveal() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(first) = document.get_element_by_id("first-screen") {
        first.remove();
    }
    if let Some(root) = document.document_element() {
        root.remove_attribute("data-booting").ok();
        root.remove_attribute("data-boot").ok();
    }
}

pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        reveal();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(body) = document.body() else { return };
        if let Ok(div) = document.create_element("div") {
            div.set_class_name("error panic");
            div.set_attribute("role", "alert").ok();
            div.set_text_content(Some(&format!("程序出错 The widget failed: {info}")));
            body.append_child(&div).ok();
        }
    }));
}
