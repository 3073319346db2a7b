//! Fetching and decoding the bundle. The structured part (`plans.atlas`) is fetched beside the
//! page at start; decoding happens once, here.

use atlas_data::{decode, Core};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The structured bundle's file name, relative to the page (Trunk copies it into `dist/`).
pub const CORE_URL: &str = "plans.atlas";

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

pub async fn load_core(url: &str) -> Result<Core, String> {
    let bytes = fetch_bytes(url).await?;
    decode(&bytes, true).map(|b| b.core).map_err(|e| format!("{url}: {e}"))
}
