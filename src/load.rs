//! Fetching and decoding bundles. The structured part (`plans.atlas`) is fetched at start and
//! decoded once; the full texts (`plans.text.atlas`) only when a view needs them, inflated by the
//! browser's `DecompressionStream("deflate-raw")`.

use atlas_data::{decode, Bundle};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

// DecompressionStream is not in web-sys's stable API set; bind the few members we use.
#[wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// The bundle files, relative to the page (Trunk copies them into `dist/`).
pub const CORE_URL: &str = "plans.atlas";
pub const TEXT_URL: &str = "plans.text.atlas";

/// Whether `url` can be fetched beside the page (a HEAD request); false offline.
pub async fn exists(url: &str) -> bool {
    if embedded_bundle_present() {
        return false;
    }
    let Some(window) = web_sys::window() else { return false };
    let init = web_sys::RequestInit::new();
    init.set_method("HEAD");
    match JsFuture::from(window.fetch_with_str_and_init(url, &init)).await {
        Ok(r) => r.dyn_into::<web_sys::Response>().is_ok_and(|r| r.ok()),
        Err(_) => false,
    }
}

fn embedded_bundle_present() -> bool {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("atlas-bundle")).is_some()
}

pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response =
        JsFuture::from(window.fetch_with_str(url)).await.map_err(|e| format!("could not fetch {url}: {e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("could not fetch {url}: HTTP {}", response.status()));
    }
    let buffer = response.array_buffer().map_err(|e| format!("{url}: {e:?}"))?;
    let buffer = JsFuture::from(buffer).await.map_err(|e| format!("{url}: {e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The bundle inlined in the page (the offline file), base64 in `<script id="atlas-bundle">`.
fn embedded_bundle() -> Option<Vec<u8>> {
    let window = web_sys::window()?;
    let text = window.document()?.get_element_by_id("atlas-bundle")?.text_content()?;
    let binary = window.atob(text.trim()).ok()?;
    Some(binary.chars().map(|c| c as u8).collect())
}

/// The structured part: Core and, when the bundle has it, Geography. The offline file carries
/// the whole bundle inline, texts included; otherwise it is fetched beside the page.
pub async fn load_core(url: &str) -> Result<Bundle, String> {
    if let Some(bytes) = embedded_bundle() {
        return decode(&bytes, true).map_err(|e| format!("embedded bundle: {e}"));
    }
    let bytes = fetch_bytes(url).await?;
    decode(&bytes, true).map_err(|e| format!("{url}: {e}"))
}

/// Inflates raw deflate data with the browser's DecompressionStream.
async fn inflate(data: &[u8]) -> Result<String, String> {
    let err = |e: wasm_bindgen::JsValue| format!("inflate: {e:?}");
    let array = js_sys::Uint8Array::from(data);
    let parts = js_sys::Array::of1(&array);
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(err)?;
    let stream = DecompressionStream::new("deflate-raw").map_err(err)?;
    let pair = web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable());
    let inflated = blob.stream().pipe_through(&pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&inflated)).map_err(err)?;
    let text = JsFuture::from(response.text().map_err(err)?).await.map_err(err)?;
    text.as_string().ok_or_else(|| "inflate: not text".to_string())
}

/// All plans' texts as lines, keyed by locality id.
pub async fn load_texts(url: &str) -> Result<HashMap<String, Vec<String>>, String> {
    let bytes = fetch_bytes(url).await?;
    let bundle = decode(&bytes, false).map_err(|e| format!("{url}: {e}"))?;
    inflate_texts(&bundle.texts).await
}

/// Inflates texts that came inside a bundle.
pub async fn inflate_texts(texts: &[atlas_data::PlanText]) -> Result<HashMap<String, Vec<String>>, String> {
    let mut out = HashMap::new();
    for t in texts {
        let text = inflate(&t.deflated).await?;
        out.insert(t.locality.clone(), text.lines().map(str::to_string).collect());
    }
    Ok(out)
}

/// Decodes a bundle someone opened (file picker, drop, `?bundle=`): it must hold the structured
/// part; a full bundle also carries its texts.
pub fn open_bundle(bytes: &[u8], name: &str) -> Result<Bundle, String> {
    decode(bytes, true).map_err(|e| format!("{name}: {e}"))
}
