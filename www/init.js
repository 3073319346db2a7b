// Starts Plan Atlas. A file, not an inline script, so that pages with a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') can run it.
import init, { start } from './plan-atlas.js';

await init({ module_or_path: new URL('plan-atlas_bg.wasm', import.meta.url) });
start();
