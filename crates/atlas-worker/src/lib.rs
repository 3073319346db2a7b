//! The compiler the widget runs in a Web Worker when a reader adds a plan (`www/compile-worker.js`
//! calls it): a thin wasm-bindgen face over `atlas_compiler::added`. It is its own wasm file, fetched
//! only when a plan is added, so the widget's first load does not grow.

use atlas_compiler::added;
use atlas_compiler::corpus::PlanEntry;
use atlas_compiler::keys::Keys;
use atlas_compiler::registry::Registry;
use atlas_data::registry::{decode_index, decode_part, part_path};
use serde::Deserialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps a panic's message for [`panic_message`]: the release build aborts on panic, so the
/// worker's script catches the trap and asks for the message to show.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
    }));
}

/// The message of the panic that stopped the last call, if one did.
#[wasm_bindgen]
pub fn panic_message() -> Option<String> {
    PANIC.with(|p| p.borrow_mut().take())
}

/// The registry part to fetch for this file (its path under the registry's folder), or none:
/// the province of `id` when the reader named the place, else the one the text names most.
#[wasm_bindgen]
pub fn province_to_fetch(name: &str, bytes: &[u8], registry_index: &[u8], id: Option<String>) -> Option<String> {
    let index = decode_index(registry_index).ok()?;
    match id {
        Some(id) => index.provinces.iter().find(|p| p.adcode.get(..2) == id.get(..2)).map(part_path),
        None => added::province_to_fetch(name, bytes, &index).map(part_path),
    }
}

/// What the reader said in the review; the rest is derived.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Hints {
    id: Option<String>,
    name: Option<String>,
    name_en: Option<String>,
    level: Option<String>,
    parent: Option<String>,
    period: Option<u8>,
}

/// Compiles one file. Returns `{ bundle: Uint8Array, review }`: a single-file bundle of the plan
/// (`docs/BUNDLE.md`) and its `atlas_data::review::Review`; throws the reason a file is refused.
#[wasm_bindgen]
pub fn compile(
    name: &str,
    bytes: &[u8],
    hints: JsValue,
    registry_index: Option<Vec<u8>>,
    registry_part: Option<Vec<u8>>,
) -> Result<JsValue, JsError> {
    let hints: Hints = if hints.is_undefined() || hints.is_null() {
        Hints::default()
    } else {
        serde_wasm_bindgen::from_value(hints).map_err(|e| JsError::new(&format!("hints: {e}")))?
    };
    let registry = match registry_index {
        Some(index) => {
            let index = decode_index(&index).map_err(|e| JsError::new(&format!("registry index: {e}")))?;
            let parts = match registry_part {
                Some(part) => vec![decode_part(&part).map_err(|e| JsError::new(&format!("registry part: {e}")))?],
                None => Vec::new(),
            };
            Some(Registry::from_parts(&index, parts))
        }
        None => None,
    };
    let keys = Keys::parse(added::KEYS).map_err(|e| JsError::new(&e))?;
    let entry = PlanEntry {
        id: hints.id,
        name: hints.name,
        name_en: hints.name_en,
        level: hints.level,
        parent: hints.parent,
        period: hints.period,
        ..PlanEntry::default()
    };
    let added = added::compile_file(name, bytes, entry, keys, registry).map_err(|e| JsError::new(&e))?;
    let bundle = atlas_data::Parts::from_bundle(&added.bundle).encode_single();
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v).map(|_| ());
    set("bundle", &js_sys::Uint8Array::from(bundle.as_slice())).map_err(|_| JsError::new("result"))?;
    let review = serde_wasm_bindgen::to_value(&added.review).map_err(|e| JsError::new(&e.to_string()))?;
    set("review", &review).map_err(|_| JsError::new("result"))?;
    Ok(out.into())
}
