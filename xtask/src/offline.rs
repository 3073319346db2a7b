//! `cargo xtask offline`: one self-contained HTML file, `dist/plan-atlas-offline.html`, with the
//! styles, the script, the wasm (base64) and the whole bundle including the full texts inlined,
//! so that it works when opened from `file://` with no network at all.

use crate::{assets, build, corpus};
use anyhow::{Context, Result};

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
    let js = std::fs::read_to_string(assets::resolve(&dist, "plan-atlas.js")).context("dist/plan-atlas.js")?;
    let wasm = std::fs::read(assets::resolve(&dist, "plan-atlas_bg.wasm")).context("dist/plan-atlas_bg.wasm")?;
    let bundle = std::fs::read(&full)?;
    let html = format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN" data-offline="">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>规划图鉴 Plan Atlas (offline)</title>
<link rel="icon" href="data:,">
<style>
{css}
</style>
</head>
<body>
<script type="application/octet-stream" id="atlas-bundle">{bundle}</script>
<script type="module">
{js}
const atlasWasm = Uint8Array.from(atob("{wasm}"), (c) => c.charCodeAt(0));
await __wbg_init({{ module_or_path: atlasWasm }});
start();
</script>
</body>
</html>
"#,
        bundle = base64(&bundle),
        wasm = base64(&wasm),
    );
    let out = dist.join("plan-atlas-offline.html");
    std::fs::write(&out, html)?;
    assets::precompress_file(&out)?;
    eprintln!("wrote {} ({} KB)", out.display(), std::fs::metadata(&out)?.len() / 1024);
    Ok(())
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
