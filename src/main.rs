//! Plan Atlas widget binary: see the library crate.

// The wasm runs `main` on `init()`. It starts nothing: `init.js` calls the exported `start()`, so
// that a host page can load the same module for its data API alone.
fn main() {
    // Keep the library's exports (`start`, `PlanAtlas`) in the binary.
    let _ = plan_atlas::start as fn();
}
