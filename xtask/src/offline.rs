//! `cargo xtask offline`: one self-contained HTML file, `dist/plan-atlas-offline.html`, with the
//! styles, the script, the wasm (base64) and the whole bundle including the full texts inlined,
//! so that it works when opened from `file://` with no network at all. The lazy chunks (see
//! `split.rs`) are inlined too: their loader joins the script, fetching each chunk from a
//! `data:` URL instead of a file beside it.

use crate::split::LOADER;
use crate::{assets, build, corpus, project_root};
use anyhow::{bail, Context, Result};
use std::path::Path;

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn run() -> Result<()> {
    let dist = build::run()?;
    // The whole corpus in one file: index, shards, texts, columns and outlines.
    let full = corpus::out_dir().join("plans.atlas");
    let css = std::fs::read_to_string(assets::resolve(&dist, "atlas.css")).context("dist/atlas.css")?;
    let js = std::fs::read_to_string(assets::unminified(&dist, "plan-atlas.js")).context("plan-atlas.js")?;
    let js = with_inlined_chunks(&js, &dist)?;
    let wasm = std::fs::read(assets::resolve(&dist, "plan-atlas_bg.wasm")).context("dist/plan-atlas_bg.wasm")?;
    let bundle = std::fs::read(&full)?;
    // The same first screen as the site's, without links: the offline file has no text pages.
    let first = plan_atlas::prerender::first_screen(&crate::prerender::corpus_parts()?, None);
    let boot = std::fs::read_to_string(project_root().join("www/boot.js")).context("www/boot.js")?;
    let html = format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN" data-offline="">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>规划图鉴 Plan Atlas (offline)</title>
<link rel="icon" href="data:,">
<script>
{boot}
</script>
<style>
{css}
</style>
</head>
<body>
{note}
{first}
<script type="application/octet-stream" id="atlas-bundle">{bundle}</script>
{compiler}
<script type="module">
{js}
const atlasWasm = Uint8Array.from(atob("{wasm}"), (c) => c.charCodeAt(0));
await __wbg_init({{ module_or_path: atlasWasm }});
start();
</script>
</body>
</html>
"#,
        note = crate::prerender::noscript_note(false),
        bundle = base64(&bundle),
        wasm = base64(&wasm),
        compiler = compiler_elements(&dist)?,
    );
    let out = dist.join("plan-atlas-offline.html");
    std::fs::write(&out, html)?;
    assets::precompress_file(&out)?;
    eprintln!("wrote {} ({} KB)", out.display(), std::fs::metadata(&out)?.len() / 1024);
    Ok(())
}

/// *Add a plan* in the offline file (`src/adding/embedded.rs`): the compile worker's script, the
/// compiler's script and wasm, and the registry, each base64 in an inert `<script>`, since a page
/// opened from `file://` can fetch nothing beside it. The registry's files are packed into one:
/// per file, its path's length (u32, little-endian), the path, the data's length (u32), the data.
/// The wasm and the registry are raw deflate (base64 leaves nothing for the server's brotli to
/// find): 5.7 MB of it raw, about 2.5 MB deflated. pdf.js is left out: the offline file adds texts
/// and web pages.
fn compiler_elements(dist: &Path) -> Result<String> {
    let entry = std::fs::read_to_string(dist.join(crate::worker::ENTRY)).context("dist/compile-worker.js")?;
    // The names `worker.rs` gave the compiler's script and wasm, as the entry imports them.
    let named = |prefix: &str, suffix: &str| -> Result<String> {
        let at = entry.find(prefix).with_context(|| format!("{prefix}… in compile-worker.js"))?;
        let end = entry[at..].find(suffix).with_context(|| format!("{prefix}…{suffix} in compile-worker.js"))?;
        Ok(entry[at..at + end + suffix.len()].trim_start_matches(['.', '/', '\'']).to_string())
    };
    let script = std::fs::read(dist.join(named("./atlas-worker-", ".js")?))?;
    let wasm = std::fs::read(dist.join(named("'atlas-worker_bg-", ".wasm")?))?;
    let mut registry = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dist.join(crate::worker::REGISTRY))?.collect::<Result<_, _>>()?;
    files.sort_by_key(|f| f.file_name());
    for file in files {
        let path = file.file_name().to_string_lossy().into_owned();
        let data = std::fs::read(file.path())?;
        for part in [path.as_bytes(), &data] {
            registry.extend_from_slice(&u32::try_from(part.len())?.to_le_bytes());
            registry.extend_from_slice(part);
        }
    }
    let element = |id: &str, bytes: &[u8]| {
        format!("<script type=\"application/octet-stream\" id=\"{id}\">{}</script>\n", base64(bytes))
    };
    Ok([
        element("atlas-compile-worker", entry.as_bytes()),
        element("atlas-compiler-js", &script),
        element("atlas-compiler-wasm", &deflated(&wasm)),
        element("atlas-registry", &deflated(&registry)),
    ]
    .concat())
}

fn deflated(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 10)
}

/// The wasm-bindgen script with the chunk loader it imports inlined before it: one module, no
/// imports, each chunk a `data:` URL.
fn with_inlined_chunks(js: &str, dist: &Path) -> Result<String> {
    let loader_path = assets::resolve(dist, LOADER);
    let Ok(loader) = std::fs::read_to_string(assets::unminified(dist, LOADER)) else { return Ok(js.to_string()) };
    let loader_name = loader_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut inlined = String::new();
    let mut exports = Vec::new();
    for line in loader.lines() {
        if line.starts_with("import ") {
            continue; // `initSync` is declared by the script itself
        }
        let line = match line.strip_prefix("export const ") {
            Some(rest) => {
                exports.extend(rest.split([' ', '=']).next().map(str::to_string));
                format!("const {rest}")
            }
            None => line.to_string(),
        };
        inlined.push_str(&inline_wasm_urls(&line, dist)?);
        inlined.push('\n');
    }
    inlined.push_str(&format!("const __wasmSplitLoader = {{ {} }};\n", exports.join(", ")));
    let from = format!(" from \"./{loader_name}\"");
    for line in js.lines() {
        match line
            .strip_prefix("import * as ")
            .and_then(|l| l.strip_suffix(from.as_str()).or(l.strip_suffix(&format!("{from};"))))
        {
            Some(name) => inlined.push_str(&format!("const {name} = __wasmSplitLoader;\n")),
            None if line.starts_with("import ") => bail!("unexpected import in the wasm-bindgen script: {line}"),
            None => {
                inlined.push_str(line);
                inlined.push('\n');
            }
        }
    }
    Ok(inlined)
}

/// `new URL("./chunk.wasm", import.meta.url)` → `"data:application/wasm;base64,…"`.
fn inline_wasm_urls(line: &str, dist: &Path) -> Result<String> {
    const OPEN: &str = "new URL(\"./";
    const CLOSE: &str = "\", import.meta.url)";
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find(OPEN) {
        let name_end = rest[at..].find(CLOSE).map(|e| at + e).context("unterminated chunk URL")?;
        let name = &rest[at + OPEN.len()..name_end];
        let bytes = std::fs::read(dist.join(name)).with_context(|| format!("dist/{name}"))?;
        out.push_str(&rest[..at]);
        out.push_str(&format!("\"data:application/wasm;base64,{}\"", base64(&bytes)));
        rest = &rest[name_end + CLOSE.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }
}
