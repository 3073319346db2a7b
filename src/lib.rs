//! Plan Atlas widget (Leptos, client-side rendering). `start` mounts the app; everything runs in
//! the browser over the decoded bundle.
//!
//! Data flows one way: `load` decodes the bundle once → `index` builds lookup tables once →
//! `state` holds the URL-backed view state → `views` render → `charts` draw on canvas.
//! `index` and `url` are plain Rust (no DOM), so their logic is tested natively and in the browser.

pub mod adding;
pub mod api;
pub mod app;
pub mod charts;
pub mod export;
pub mod index;
pub mod load;
pub mod met;
pub mod num;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod select;
pub mod sort;
pub mod state;
pub mod text_index;
pub mod url;
pub mod views;

/// Entry point: a panic hook that never leaves a blank page, then the app. The page's loader
/// (`init.js`, the offline file) calls it after `init()`; a host page that only wants the data API
/// (`PlanAtlas`) does not, and gets no app.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start() {
    app::install_panic_hook();
    leptos::mount::mount_to_body(app::App);
}
