//! `dist/` made ready for any static host: the widget's own files get content-hashed names (so a
//! host may cache them `immutable`), and every text or binary asset gets precompressed `.br` and
//! `.gz` siblings (so a host that serves precompressed files, or `cargo xtask serve`, sends them
//! compressed without compressing on the fly). `dist/assets.json` maps each plain name to its
//! hashed name for the tools that read the build (offline file, bench, scale).
//!
//! Stable names stay where others link to them: `index.html`, `embed.js`, `demo/`, the offline
//! file, and the corpus site (`atlas/index.atlas`; its shards are content-hashed already).

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The widget's files, hashed in this order (after the lazy chunks and their loader): each one's
/// name is rewritten in the scripts after it.
const HASHED: [&str; 5] = ["plan-atlas_bg.wasm", "plan-atlas.js", "atlas.css", "init.js", "boot.js"];
use crate::split::LOADER;
/// Extensions worth compressing (images here are already compressed, or absent).
const COMPRESSIBLE: [&str; 8] = ["html", "js", "mjs", "wasm", "css", "atlas", "json", "svg"];
/// Below this, compression saves less than the headers it adds.
const MIN_BYTES: u64 = 512;
const MANIFEST: &str = "assets.json";

/// FNV-1a, 64 bits: a cache-busting name needs a stable digest, not a cryptographic one.
fn digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:016x}", h)[..10].to_string()
}

/// `plan-atlas_bg.wasm` → `plan-atlas_bg-<hash>.wasm`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    format!("{stem}-{}.{ext}", digest(bytes))
}

/// Renames the widget's files and its lazy chunks to content-hashed names and rewrites the
/// references to them.
pub fn hash(dist: &Path, chunks: &[String]) -> Result<BTreeMap<String, String>> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for plain in chunks {
        rename_hashed(dist, plain, &mut names, &[])?;
    }
    // The chunk loader and the wasm-bindgen script import each other. The loader is hashed first,
    // with the main wasm in its digest (the script is made from that wasm), and the script's
    // hashed name is written into it afterwards.
    let loader = dist.join(LOADER);
    if loader.exists() {
        let main_wasm = std::fs::read(dist.join(HASHED[0]))?;
        rename_hashed(dist, LOADER, &mut names, &main_wasm)?;
    }
    for plain in HASHED {
        rename_hashed(dist, plain, &mut names, &[])?;
    }
    if let Some(loader) = names.get(LOADER) {
        let path = dist.join(loader);
        let text =
            std::fs::read_to_string(&path)?.replace(&format!("./{}", HASHED[1]), &format!("./{}", names[HASHED[1]]));
        std::fs::write(path, text)?;
    }
    let index = dist.join("index.html");
    let mut html = std::fs::read_to_string(&index)?;
    for (from, to) in &names {
        html = html
            .replace(&format!("\"./{from}\""), &format!("\"./{to}\""))
            .replace(&format!("src=\"{from}\""), &format!("src=\"{to}\""));
    }
    std::fs::write(&index, without_trunk_markers(&html))?;
    std::fs::write(dist.join(MANIFEST), serde_json::to_string_pretty(&names)?)?;
    Ok(names)
}

/// The widget's scripts, minified in place by terser (the wasm-bindgen script shrinks to a third). Their names hash the source, which determines the minified bytes. The
/// sources are kept under target/unminified for the offline file, which rewrites their imports.
pub fn minify(dist: &Path, names: &BTreeMap<String, String>) -> Result<()> {
    let terser = crate::tools::ensure_terser()?.join("terser");
    let kept = unminified_dir();
    std::fs::create_dir_all(&kept)?;
    for plain in [LOADER, "plan-atlas.js", "init.js"] {
        let Some(hashed) = names.get(plain) else { continue };
        let path = dist.join(hashed);
        std::fs::copy(&path, kept.join(plain)).with_context(|| format!("{}", path.display()))?;
        crate::run_cmd(
            std::process::Command::new(&terser)
                .arg(kept.join(plain))
                .args(["--module", "--compress", "--mangle", "--output"])
                .arg(&path),
        )?;
    }
    Ok(())
}

fn unminified_dir() -> PathBuf {
    crate::project_root().join("target/unminified")
}

/// The readable source of a widget script that `minify` minified (else the file in dist/).
pub fn unminified(dist: &Path, plain: &str) -> PathBuf {
    let kept = unminified_dir().join(plain);
    if kept.exists() {
        kept
    } else {
        resolve(dist, plain)
    }
}

/// Renames one file to its hashed name, after writing the names hashed so far into it (if it
/// refers to them), so that its digest covers them; `salt` joins the digest.
fn rename_hashed(dist: &Path, plain: &str, names: &mut BTreeMap<String, String>, salt: &[u8]) -> Result<()> {
    let path = dist.join(plain);
    let mut bytes = std::fs::read(&path).with_context(|| format!("{}", path.display()))?;
    if plain.ends_with(".js") || plain.ends_with(".html") {
        let mut text = String::from_utf8(bytes).context("a text asset is not UTF-8")?;
        for (from, to) in names.iter() {
            text = if from == LOADER {
                // Only the import specifier: the wasm names its imports' module `./__wasm_split.js`.
                text.replace(&format!("from \"./{from}\""), &format!("from \"./{to}\""))
            } else {
                text.replace(from.as_str(), to)
            };
        }
        bytes = text.into_bytes();
    }
    let name = hashed_name(plain, &[bytes.as_slice(), salt].concat());
    std::fs::write(dist.join(&name), &bytes)?;
    std::fs::remove_file(&path)?;
    names.insert(plain.to_string(), name);
    Ok(())
}

/// Drops the marker Trunk leaves for the wasm it built. The page preloads nothing: its first
/// screen is in the HTML, and `init.js` fetches the app once that is painted, so that the app's
/// download never delays it.
fn without_trunk_markers(html: &str) -> String {
    html.lines().filter(|l| !l.contains("data-trunk") && !l.trim().is_empty()).map(|l| format!("{l}\n")).collect()
}

fn manifest(dist: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dist.join(MANIFEST)).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_default()
}

/// The file a plain name (`plan-atlas.js`) was built as, hashed or not.
pub fn resolve(dist: &Path, plain: &str) -> PathBuf {
    dist.join(manifest(dist).remove(plain).unwrap_or_else(|| plain.to_string()))
}

/// The plain name of the wasm chunk of code the split points share (`chunk_<n>.wasm`).
pub fn shared_chunk(dist: &Path) -> Option<String> {
    manifest(dist).into_keys().find(|k| k.starts_with("chunk_") && k.ends_with(".wasm"))
}

/// `.br` (quality 11) and `.gz` (level 9) beside one file.
pub fn precompress_file(path: &Path) -> Result<()> {
    let bytes = std::fs::read(path)?;
    let mut br = Vec::new();
    {
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &params)?;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gz = gz.finish()?;
    let with = |ext: &str| PathBuf::from(format!("{}.{ext}", path.display()));
    std::fs::write(with("br"), br)?;
    std::fs::write(with("gz"), gz)?;
    Ok(())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Precompresses every compressible file of `dist` (stale `.br`/`.gz` are replaced).
pub fn precompress(dist: &Path) -> Result<usize> {
    let mut files = Vec::new();
    walk(dist, &mut files)?;
    let mut n = 0;
    for f in files {
        let ext = f.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
        if COMPRESSIBLE.contains(&ext.as_str()) && std::fs::metadata(&f)?.len() >= MIN_BYTES {
            precompress_file(&f)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Is this a content-hashed name (`name-0123456789.ext`), safe to cache forever?
pub fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    stem.rsplit_once('-').is_some_and(|(_, h)| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        || name.split('.').nth(1).is_some_and(|h| h.len() >= 8 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_change_with_content() {
        let a = hashed_name("plan-atlas_bg.wasm", b"one");
        let b = hashed_name("plan-atlas_bg.wasm", b"two");
        assert!(a.starts_with("plan-atlas_bg-") && a.ends_with(".wasm"));
        assert_ne!(a, b);
        assert!(is_hashed(&a) && is_hashed("430321.0123abcd.atlas"));
        assert!(!is_hashed("index.html") && !is_hashed("embed.js") && !is_hashed("plan-atlas.js"));
    }

    #[test]
    fn hashing_rewrites_references_and_precompression_round_trips() {
        let dir = std::env::temp_dir().join(format!("xtask-assets-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("plan-atlas_bg.wasm"), vec![7u8; 4000]).unwrap();
        std::fs::write(dir.join("plan-atlas.js"), "import * as s from \"./__wasm_split.js\"; const imports = { \"./__wasm_split.js\": s }; fetch('plan-atlas_bg.wasm');".repeat(40))
            .unwrap();
        std::fs::write(dir.join("split_a.wasm"), vec![1u8; 3000]).unwrap();
        std::fs::write(dir.join(LOADER), "import { initSync } from \"./plan-atlas.js\"; fetch(\"./split_a.wasm\");")
            .unwrap();
        std::fs::write(dir.join("atlas.css"), "body{}".repeat(200)).unwrap();
        std::fs::write(dir.join("init.js"), "import i from './plan-atlas.js'; i('plan-atlas_bg.wasm');").unwrap();
        std::fs::write(dir.join("boot.js"), "document.documentElement.setAttribute('data-js', '');").unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<script src=\"boot.js\"></script>\n<link href=\"./atlas.css\">\n<link data-trunk rel=\"rust\">\n<script type=\"module\" src=\"init.js\"></script>",
        )
        .unwrap();
        let names = hash(&dir, &["split_a.wasm".to_string()]).unwrap();
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(html.contains(&names["atlas.css"]) && html.contains(&names["init.js"]), "{html}");
        assert!(html.contains(&format!("src=\"{}\"", names["boot.js"])), "{html}");
        // Nothing of the app is asked for before the first screen is painted (init.js fetches it).
        assert!(!html.contains("preload") && !html.contains(&names["plan-atlas_bg.wasm"]), "{html}");
        assert!(!html.contains("data-trunk"), "{html}");
        let init = std::fs::read_to_string(dir.join(&names["init.js"])).unwrap();
        assert!(init.contains(&names["plan-atlas.js"]) && init.contains(&names["plan-atlas_bg.wasm"]));
        assert!(!dir.join("plan-atlas.js").exists());
        // Script and chunk loader refer to each other by their hashed names; the loader to the chunk.
        let script = std::fs::read_to_string(dir.join(&names["plan-atlas.js"])).unwrap();
        let loader = std::fs::read_to_string(dir.join(&names[LOADER])).unwrap();
        assert!(script.contains(&format!("from \"./{}\"", names[LOADER])), "{script}");
        assert!(script.contains("{ \"./__wasm_split.js\": s }"), "the wasm's import module keeps its name: {script}");
        assert!(loader.contains(&format!("./{}", names["plan-atlas.js"])), "{loader}");
        assert!(
            loader.contains(&format!("./{}", names["split_a.wasm"])) && is_hashed(&names["split_a.wasm"]),
            "{loader}"
        );
        assert_eq!(resolve(&dir, "plan-atlas.js"), dir.join(&names["plan-atlas.js"]));

        assert!(precompress(&dir).unwrap() >= 3);
        let wasm = dir.join(&names["plan-atlas_bg.wasm"]);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut std::fs::File::open(format!("{}.br", wasm.display())).unwrap(), &mut back)
            .unwrap();
        assert_eq!(back, std::fs::read(&wasm).unwrap());
        let gz = std::fs::read(format!("{}.gz", wasm.display())).unwrap();
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz.as_slice()), &mut back).unwrap();
        assert_eq!(back, std::fs::read(&wasm).unwrap());
        std::fs::remove_dir_all(&dir).ok();
    }
}
