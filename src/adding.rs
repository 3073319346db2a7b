//! Plans a reader adds on the page (添加规划 / Add a plan): each file is compiled by the compiler
//! in a Web Worker (`www/compile-worker.js`, `crates/atlas-worker`), off the main thread, and the
//! plan then joins the corpus on screen (`Bundle::join`) as a locality like the others, marked as
//! added. Nothing leaves the browser: the worker fetches only the compiler and the registry's
//! static files. This module and its panel (`views/added.rs`) are a chunk of their own, fetched
//! the first time a plan is added, so the first load does not grow.

mod embedded;
pub mod places;

use crate::app::{LoadState, Slot};
use crate::load::Corpus;
use crate::state::Atlas;
use atlas_data::review::Review;
use atlas_data::{Bundle, Parts};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's entry, beside the page.
const WORKER: &str = "compile-worker.js";
/// The registry's folder, beside the page.
const REGISTRY: &str = "registry/";

/// How far a file has come, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Reading,
    ReadingPdf,
    LoadingCompiler,
    Registry,
    Compiling,
    Joining,
    Done,
    Failed,
}

impl Stage {
    /// Its share of the way, for the progress bar.
    pub fn progress(self) -> f64 {
        match self {
            Stage::Reading => 0.05,
            Stage::ReadingPdf => 0.1,
            Stage::LoadingCompiler => 0.15,
            Stage::Registry => 0.35,
            Stage::Compiling => 0.55,
            Stage::Joining => 0.85,
            Stage::Done | Stage::Failed => 1.0,
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Stage::Reading => ("读取文件…", "Reading the file…"),
            Stage::ReadingPdf => ("读取 PDF 的文字…", "Reading the PDF's text…"),
            Stage::LoadingCompiler => ("加载编译器…", "Loading the compiler…"),
            Stage::Registry => ("查找行政区划…", "Looking up the place registry…"),
            Stage::Compiling => ("正在编译…", "Compiling…"),
            Stage::Joining => ("加入数据…", "Joining the corpus…"),
            Stage::Done => ("已加入", "Added"),
            Stage::Failed => ("未能添加", "Not added"),
        }
    }
}

/// What the reader said in the review about the place and period of a plan: the worker's
/// `hints` (`crates/atlas-worker`), as `plans.toml` would give them; the rest is derived.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Hints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<u8>,
}

/// One file a reader added.
#[derive(Clone, Debug)]
pub struct AddedPlan {
    pub key: u32,
    pub file: String,
    pub stage: Stage,
    pub error: Option<String>,
    pub review: Option<Review>,
    /// The plan's single-file bundle, once compiled.
    pub bundle: Option<Arc<Vec<u8>>>,
    /// The locality it became, once joined.
    pub id: Option<String>,
    /// What the compiler said about the plan, each at its line.
    pub diagnostics: Vec<atlas_data::Diagnostic>,
    /// Its key in the browser's store of added plans, once kept there.
    pub record: Option<String>,
    /// What the reader said of its place and period.
    pub hints: Hints,
    /// Its file is at hand, so it can be compiled again with other hints.
    pub recompilable: bool,
}

struct State {
    plans: ArcRwSignal<Vec<AddedPlan>>,
    /// The corpus before any plan was added: what the added ones are joined to.
    base: Option<Arc<Corpus>>,
    base_parts: Option<Bundle>,
    /// The joined corpus on screen, as a single-file bundle (for *Download*).
    shown: Option<Arc<Vec<u8>>>,
    worker: Option<web_sys::Worker>,
    /// The files as read, by plan: compiled again with the reader's hints, or sent again to a
    /// fresh worker when the one they waited in stopped.
    sources: HashMap<u32, js_sys::Uint8Array>,
    /// The plans sent to the worker and not answered yet.
    posted: Vec<u32>,
    next_key: u32,
    slot: Option<Slot>,
    /// A join is running; `again`: plans changed meanwhile, so it runs once more.
    joining: bool,
    again: bool,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State {
        plans: ArcRwSignal::new(Vec::new()),
        base: None,
        base_parts: None,
        shown: None,
        worker: None,
        sources: HashMap::new(),
        posted: Vec::new(),
        next_key: 1,
        slot: None,
        joining: false,
        again: false,
    });
}

/// The added plans, for the panel.
pub fn plans() -> ArcRwSignal<Vec<AddedPlan>> {
    STATE.with(|s| s.borrow().plans.clone())
}

/// Lists `plan` under a new key, which it returns.
fn push_plan(mut plan: AddedPlan) -> u32 {
    let key = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.next_key += 1;
        s.next_key
    });
    plan.key = key;
    plans().update(|p| p.push(plan));
    key
}

fn update(key: u32, f: impl FnOnce(&mut AddedPlan)) {
    plans().update(|plans| {
        if let Some(p) = plans.iter_mut().find(|p| p.key == key) {
            f(p);
        }
    });
}

fn fail(key: u32, error: String) {
    update(key, |p| {
        p.stage = Stage::Failed;
        p.error = Some(error);
    });
}

/// Compiles each file and joins it to the corpus on screen. `corpus` is the one shown now.
pub fn add_files(slot: Slot, corpus: Arc<Corpus>, files: Vec<web_sys::File>) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.slot = Some(slot);
        if s.base.is_none() {
            s.base = Some(corpus);
        }
    });
    for file in files {
        let name = file.name();
        let key = push_plan(AddedPlan {
            file: name.clone(),
            stage: Stage::Reading,
            error: None,
            review: None,
            bundle: None,
            id: None,
            diagnostics: Vec::new(),
            record: None,
            hints: Hints::default(),
            recompilable: true,
            key: 0,
        });
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    STATE.with(|s| s.borrow_mut().sources.insert(key, js_sys::Uint8Array::new(&buffer)));
                    send(key);
                }
                Err(e) => fail(key, format!("{name}: {}", js_error(&e))),
            }
        });
    }
}

fn js_error(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

fn page_url(relative: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|base| web_sys::Url::new_with_base(relative, &base).ok())
        .map_or_else(|| relative.to_string(), |u| u.href())
}

/// The compile worker, started the first time.
fn worker() -> Result<web_sys::Worker, String> {
    if let Some(w) = STATE.with(|s| s.borrow().worker.clone()) {
        return Ok(w);
    }
    let w = if embedded::present() {
        embedded::start_worker()?
    } else {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        web_sys::Worker::new_with_options(&page_url(WORKER), &options).map_err(|e| js_error(&e))?
    };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(on_message);
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A worker that cannot start (its script missing, or refused) fails every file waiting.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
        ev.prevent_default();
        let message = ev.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).filter(|m| !m.is_empty());
        let message = message.unwrap_or_else(|| "the compiler could not be started".to_string());
        restart_worker();
        for key in STATE.with(|s| std::mem::take(&mut s.borrow_mut().posted)) {
            fail(key, message.clone());
        }
    });
    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    STATE.with(|s| s.borrow_mut().worker = Some(w.clone()));
    Ok(w)
}

fn restart_worker() {
    if let Some(w) = STATE.with(|s| s.borrow_mut().worker.take()) {
        w.terminate();
    }
}

/// Sends plan `key`'s file to the worker with the reader's hints. The file is copied, not
/// transferred: it stays at hand to be sent again.
fn send(key: u32) {
    let Some((name, hints)) =
        plans().with_untracked(|p| p.iter().find(|p| p.key == key).map(|p| (p.file.clone(), p.hints.clone())))
    else {
        return;
    };
    let Some(bytes) = STATE.with(|s| s.borrow().sources.get(&key).cloned()) else {
        return fail(key, format!("{name}: the file is no longer at hand; add it again"));
    };
    let worker = match worker() {
        Ok(w) => w,
        Err(e) => return fail(key, e),
    };
    update(key, |p| p.stage = Stage::LoadingCompiler);
    let message = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&message, &k.into(), v);
    };
    set("op", &"compile".into());
    set("id", &key.into());
    set("name", &name.into());
    set("bytes", &bytes);
    set("hints", &serde_wasm_bindgen::to_value(&hints).unwrap_or(JsValue::NULL));
    set("registry", &page_url(REGISTRY).into());
    match worker.post_message(&message) {
        Ok(()) => STATE.with(|s| s.borrow_mut().posted.push(key)),
        Err(e) => fail(key, js_error(&e)),
    }
}

/// Compiles plan `key` again with what the reader now says of its place and period. The plan it
/// was leaves the corpus at the next join (its bundle is dropped, so it is neither joined nor kept
/// again in the meantime).
pub fn recompile(key: u32, hints: Hints) {
    let record = plans().with_untracked(|p| p.iter().find(|p| p.key == key).and_then(|p| p.record.clone()));
    if let Some(record) = record {
        post_store("forget", &[("key", record.into())]);
    }
    update(key, |p| {
        p.hints = hints;
        p.error = None;
        p.record = None;
        p.bundle = None;
    });
    note_kept();
    send(key);
}

/// A plan's answer came: the worker no longer holds it.
fn answered(key: u32) {
    STATE.with(|s| s.borrow_mut().posted.retain(|k| *k != key));
}

/// Posts `{ op, id: 0, ...fields }` to the worker: a request about the store of added plans.
fn post_store(op: &str, fields: &[(&str, JsValue)]) {
    let Ok(worker) = worker() else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"op".into(), &op.into());
    let _ = js_sys::Reflect::set(&message, &"id".into(), &0.into());
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&message, &(*k).into(), v);
    }
    let _ = worker.post_message(&message);
}

pub use crate::app::KEPT;

fn note_kept() {
    let n = plans().with_untracked(|p| p.iter().filter(|p| p.record.is_some()).count());
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = if n == 0 { storage.remove_item(KEPT) } else { storage.set_item(KEPT, &n.to_string()) };
    }
}

/// Keeps a joined plan in the browser's store, so that it survives a reload.
fn keep(key: u32) {
    let Some(plan) = plans().with_untracked(|p| p.iter().find(|p| p.key == key).cloned()) else { return };
    let (Some(bundle), None) = (plan.bundle, plan.record) else { return };
    let record = format!("{}-{}", js_sys::Date::now() as u64, plan.file);
    let value = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&value, &"key".into(), &record.as_str().into());
    let _ = js_sys::Reflect::set(&value, &"file".into(), &plan.file.as_str().into());
    let _ = js_sys::Reflect::set(&value, &"bundle".into(), &js_sys::Uint8Array::from(bundle.as_slice()));
    let review = plan.review.as_ref().and_then(|r| serde_wasm_bindgen::to_value(r).ok()).unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(&value, &"review".into(), &review);
    let hints = serde_wasm_bindgen::to_value(&plan.hints).unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(&value, &"hints".into(), &hints);
    if let Some(source) = STATE.with(|s| s.borrow().sources.get(&key).cloned()) {
        let _ = js_sys::Reflect::set(&value, &"source".into(), &source);
    }
    post_store("keep", &[("record", value.into())]);
    update(key, |p| p.record = Some(record));
    note_kept();
}

/// Shows the plans the browser kept from an earlier visit, joined to `corpus`.
pub fn restore(slot: Slot, corpus: Arc<Corpus>) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.slot = Some(slot);
        s.base.get_or_insert(corpus);
    });
    post_store("kept", &[]);
}

fn restored(records: JsValue) {
    let records: js_sys::Array = records.unchecked_into();
    let mut any = false;
    for record in records.iter() {
        let (Some(record_key), Some(file)) = (field(&record, "key").as_string(), field(&record, "file").as_string())
        else {
            continue;
        };
        let bundle = js_sys::Uint8Array::new(&field(&record, "bundle")).to_vec();
        let review: Option<Review> = serde_wasm_bindgen::from_value(field(&record, "review")).ok();
        let hints: Hints = serde_wasm_bindgen::from_value(field(&record, "hints")).unwrap_or_default();
        let source = field(&record, "source").dyn_into::<js_sys::Uint8Array>().ok();
        let key = push_plan(AddedPlan {
            file,
            stage: Stage::Joining,
            error: None,
            review,
            bundle: Some(Arc::new(bundle)),
            id: None,
            diagnostics: Vec::new(),
            record: Some(record_key),
            hints,
            recompilable: source.is_some(),
            key: 0,
        });
        if let Some(source) = source {
            STATE.with(|s| s.borrow_mut().sources.insert(key, source));
        }
        any = true;
    }
    if any {
        leptos::task::spawn_local(rejoin());
    }
}

fn field(data: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn on_message(ev: web_sys::MessageEvent) {
    let data = ev.data();
    let Some(key) = field(&data, "id").as_f64().map(|k| k as u32) else { return };
    match field(&data, "stage").as_string().as_deref() {
        Some("pdf") => update(key, |p| p.stage = Stage::ReadingPdf),
        Some("compiler") => update(key, |p| p.stage = Stage::LoadingCompiler),
        Some("registry") => update(key, |p| p.stage = Stage::Registry),
        Some("compiling") => update(key, |p| p.stage = Stage::Compiling),
        Some("done") => {
            answered(key);
            let bundle = js_sys::Uint8Array::new(&field(&data, "bundle")).to_vec();
            let review: Option<Review> = serde_wasm_bindgen::from_value(field(&data, "review")).ok();
            update(key, |p| {
                p.stage = Stage::Joining;
                p.review = review;
                p.bundle = Some(Arc::new(bundle));
            });
            leptos::task::spawn_local(rejoin());
        }
        Some("records") => restored(field(&data, "records")),
        // The store's answers to keep and forget; a store that cannot be used leaves the plans
        // on screen for this visit only.
        Some("kept" | "forgotten") => {}
        Some("failed") if key == 0 => {}
        Some("failed") => {
            answered(key);
            fail(key, field(&data, "error").as_string().unwrap_or_else(|| "the compiler failed".into()));
            // A panic leaves the worker's compiler unusable: the plans still waiting in it go to a
            // fresh one.
            if field(&data, "fatal").as_bool() == Some(true) {
                restart_worker();
                for waiting in STATE.with(|s| std::mem::take(&mut s.borrow_mut().posted)) {
                    send(waiting);
                }
            }
        }
        _ => {}
    }
}

/// Removes an added plan; the corpus on screen loses it (and shows its own plan of that place
/// again, if the added one had taken its place).
pub fn remove(key: u32) {
    if let Some(record) = plans().with_untracked(|p| p.iter().find(|p| p.key == key).and_then(|p| p.record.clone())) {
        post_store("forget", &[("key", record.into())]);
    }
    plans().update(|plans| plans.retain(|p| p.key != key));
    STATE.with(|s| s.borrow_mut().sources.remove(&key));
    note_kept();
    leptos::task::spawn_local(rejoin());
}

/// Shows the base corpus joined with every compiled plan; one join at a time.
async fn rejoin() {
    let busy = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.again = s.joining;
        std::mem::replace(&mut s.joining, true)
    });
    if busy {
        return;
    }
    loop {
        join_once().await;
        let again = STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.joining = std::mem::take(&mut s.again);
            s.joining
        });
        if !again {
            break;
        }
    }
}

async fn join_once() {
    let (base, slot) = STATE.with(|s| {
        let s = s.borrow();
        (s.base.clone(), s.slot)
    });
    let (Some(base), Some(slot)) = (base, slot) else { return };
    let base_bundle = match STATE.with(|s| s.borrow().base_parts.clone()) {
        Some(b) => b,
        None => match base.parts().await {
            Ok(parts) => {
                let bundle = parts.to_bundle();
                STATE.with(|s| s.borrow_mut().base_parts = Some(bundle.clone()));
                bundle
            }
            Err(e) => {
                let waiting: Vec<u32> =
                    plans().with_untracked(|p| p.iter().filter(|p| p.stage == Stage::Joining).map(|p| p.key).collect());
                for key in waiting {
                    fail(key, format!("the corpus on screen could not be read to join it: {e}"));
                }
                return;
            }
        },
    };
    let compiled: Vec<(u32, Result<Bundle, String>)> = plans().with_untracked(|plans| {
        plans
            .iter()
            .filter_map(|p| Some((p.key, p.bundle.as_ref()?)))
            .map(|(key, bytes)| {
                (key, Parts::decode_single(bytes).map(|parts| parts.to_bundle()).map_err(|e| e.to_string()))
            })
            .collect()
    });
    let mut added = Vec::new();
    for (key, bundle) in compiled {
        match bundle {
            Ok(b) if b.core.localities.is_empty() => {
                let why = plans().with_untracked(|p| {
                    p.iter().find(|p| p.key == key).and_then(|p| p.review.as_ref()?.not_found.clone())
                });
                update(key, |p| p.bundle = None);
                fail(key, why.unwrap_or_else(|| "no plan could be read from this file".into()));
            }
            Ok(b) => {
                let l = &b.core.localities[0];
                let (id, diagnostics) =
                    (l.id.clone(), b.core.diagnostics.iter().filter(|d| d.file == l.source).cloned().collect());
                update(key, |p| {
                    p.stage = Stage::Done;
                    p.id = Some(id);
                    p.diagnostics = diagnostics;
                });
                keep(key);
                added.push(b);
            }
            Err(e) => fail(key, e),
        }
    }
    let ids: Vec<String> = added.iter().flat_map(|b| b.core.localities.iter().map(|l| l.id.clone())).collect();
    let corpus = if added.is_empty() {
        STATE.with(|s| s.borrow_mut().shown = None);
        Ok(base.clone())
    } else {
        let joined = Parts::from_bundle(&base_bundle.join(&added)).encode_single();
        STATE.with(|s| s.borrow_mut().shown = Some(Arc::new(joined.clone())));
        Corpus::from_single(joined, &base.origin).map(|mut c| {
            c.added = ids;
            Arc::new(c)
        })
    };
    match corpus {
        Ok(corpus) => slot.state.set(LoadState::Ready(Atlas::new(corpus))),
        Err(e) => slot.message.set(Some(e)),
    }
}

/// The plans that joined the corpus, alone.
fn added_bundles() -> Vec<Bundle> {
    plans().with_untracked(|plans| {
        plans
            .iter()
            .filter(|p| p.stage == Stage::Done)
            .filter_map(|p| Parts::decode_single(p.bundle.as_ref()?).ok())
            .map(|parts| parts.to_bundle())
            .collect()
    })
}

/// Saves the added plans as a single-file bundle (`with_corpus`: joined to the corpus on screen),
/// which *Open bundle*, `?bundle=` and the offline file open.
pub fn download(with_corpus: bool) {
    let bytes = if with_corpus {
        STATE.with(|s| s.borrow().shown.clone()).map(|b| b.as_ref().clone())
    } else {
        let added = added_bundles();
        (!added.is_empty()).then(|| Parts::from_bundle(&Bundle::default().join(&added)).encode_single())
    };
    if let Some(bytes) = bytes {
        let name = if with_corpus { "plan-atlas-with-added.atlas" } else { "added-plans.atlas" };
        crate::export::download_bytes(name, "application/octet-stream", &bytes);
    }
}
