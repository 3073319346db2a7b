// Starts Plan Atlas once the page's prerendered first screen is painted, so that the app's
// download never holds it up (the first screen is in index.html; the app takes it over when ready).
// A file, not an inline script, so that pages with a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval') can run it.
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
const { default: init, start } = await import('./plan-atlas.js');
await init({ module_or_path: new URL('plan-atlas_bg.wasm', import.meta.url) });
start();
