//! The compiler the offline file carries in the page (`xtask/src/offline.rs`), since a page opened
//! from `file://` can fetch nothing beside it: the compile worker's script, the compiler's script
//! and wasm, and the place registry, each base64 in an inert `<script>`, the wasm and the registry
//! raw deflate. The worker starts from a Blob of its script and is handed the rest, as it is, in
//! its first message; it inflates them itself.

use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The elements' ids.
pub const WORKER: &str = "atlas-compile-worker";
const COMPILER: &str = "atlas-compiler-js";
const WASM: &str = "atlas-compiler-wasm";
const REGISTRY: &str = "atlas-registry";

/// Files by path.
type Files = Rc<HashMap<String, Vec<u8>>>;

thread_local! {
    static FILES: std::cell::RefCell<Option<Files>> = const { std::cell::RefCell::new(None) };
}

/// Whether the page carries the compiler.
pub fn present() -> bool {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(WORKER)).is_some()
}

/// The registry's files by path (`index.atlas`, `430000.<hash>.atlas`), unpacked from their one
/// element: each file is its path's length (u32, little-endian), the path in UTF-8, the data's
/// length (u32) and the data. `None` when the page carries no registry.
pub async fn registry() -> Option<Result<Files, String>> {
    if let Some(files) = FILES.with(|f| f.borrow().clone()) {
        return Some(Ok(files));
    }
    let deflated = crate::load::embedded_bytes(REGISTRY)?;
    Some(crate::load::inflate_bytes(&deflated).await.and_then(|packed| {
        let files = Rc::new(unpack(&packed).ok_or("this file's registry is damaged")?);
        FILES.with(|f| *f.borrow_mut() = Some(files.clone()));
        Ok(files)
    }))
}

fn unpack(packed: &[u8]) -> Option<HashMap<String, Vec<u8>>> {
    let mut files = HashMap::new();
    let mut rest = packed;
    fn take(rest: &mut &[u8]) -> Option<Vec<u8>> {
        let n = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let end = n.checked_add(4)?;
        let data = rest.get(4..end)?.to_vec();
        *rest = &rest[end..];
        Some(data)
    }
    while !rest.is_empty() {
        let path = String::from_utf8(take(&mut rest)?).ok()?;
        files.insert(path, take(&mut rest)?);
    }
    Some(files)
}

/// Starts the worker from the page's copy of its script and hands it the compiler and the registry.
/// A classic worker: a page opened from `file://` cannot start a module worker from a Blob.
pub fn start_worker() -> Result<web_sys::Worker, String> {
    let bytes = |id: &str| crate::load::embedded_bytes(id).ok_or_else(|| format!("this file lacks its {id}"));
    let script = js_sys::Uint8Array::from(bytes(WORKER)?.as_slice());
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&script), &bag)
        .map_err(|e| super::js_error(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| super::js_error(&e))?;
    let worker = web_sys::Worker::new(&url).map_err(|e| super::js_error(&e))?;
    let message = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&message, &k.into(), v);
    };
    set("op", &"embedded".into());
    set("id", &0.into());
    set("compiler", &js_sys::Uint8Array::from(bytes(COMPILER)?.as_slice()));
    set("wasm", &js_sys::Uint8Array::from(bytes(WASM)?.as_slice()));
    set("registry", &js_sys::Uint8Array::from(bytes(REGISTRY)?.as_slice()));
    // Messages are handled in order: this one comes before any file.
    worker.post_message(&message).map_err(|e| super::js_error(&e))?;
    Ok(worker)
}
