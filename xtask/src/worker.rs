//! The browser's compiler (`crates/atlas-worker`) and what it fetches, into `dist/`: its wasm and
//! wasm-bindgen script under content-hashed names, `compile-worker.js` (a stable name the app
//! starts the worker by, revalidated like `index.html`) pointing at them, and the registry a
//! province at a time under `registry/`, and pdf.js (npm `pdfjs-dist`, for PDFs) under a folder
//! named by its version. None of it is part of the first load: the app fetches it
//! when a reader adds a plan.

use crate::{project_root, run_cmd};
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;

/// The worker's entry, which the app starts by this name.
pub const ENTRY: &str = "compile-worker.js";
/// The registry's folder in `dist/`.
pub const REGISTRY: &str = "registry";

pub fn install(dist: &Path, path: &std::ffi::OsStr, wasm_opt_dir: &Path) -> Result<()> {
    run_cmd(
        Command::new("cargo")
            .args([
                "build",
                "--quiet",
                "--release",
                "--locked",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "atlas-worker",
            ])
            .env("PATH", path),
    )?;
    let built = project_root().join("target/wasm32-unknown-unknown/release/atlas_worker.wasm");
    let out = project_root().join("target/worker");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out)?;
    run_cmd(
        Command::new("wasm-bindgen")
            .arg(&built)
            .args(["--target", "web", "--no-typescript", "--out-name", "atlas-worker", "--out-dir"])
            .arg(&out)
            .env("PATH", path),
    )?;
    run_cmd(
        Command::new(wasm_opt_dir.join("wasm-opt"))
            .arg(out.join("atlas-worker_bg.wasm"))
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            .args(["--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int"])
            .args(["--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"])
            .arg("-o")
            .arg(out.join("atlas-worker_bg.opt.wasm")),
    )?;
    let wasm = std::fs::read(out.join("atlas-worker_bg.opt.wasm"))?;
    let wasm_name = crate::assets::hashed_name("atlas-worker_bg.wasm", &wasm);
    std::fs::write(dist.join(&wasm_name), &wasm)?;
    let script = std::fs::read_to_string(out.join("atlas-worker.js"))?.replace("atlas-worker_bg.wasm", &wasm_name);
    let script_name = crate::assets::hashed_name("atlas-worker.js", script.as_bytes());
    std::fs::write(dist.join(&script_name), &script)?;
    let pdfjs = install_pdfjs(dist)?;
    let entry = std::fs::read_to_string(project_root().join("www").join(ENTRY))
        .context("reading www/compile-worker.js")?
        .replace("./atlas-worker.js", &format!("./{script_name}"))
        .replace("'./pdfjs/'", &format!("'./{pdfjs}'"))
        .replace("'atlas-worker_bg.wasm'", &format!("'{wasm_name}'"));
    std::fs::write(dist.join(ENTRY), entry)?;
    crate::corpus::registry(&dist.join(REGISTRY))
}

/// pdf.js in `dist/pdfjs-<version>/`: its library and parser (the worker runs both itself) and
/// the character maps CJK PDFs need.
fn install_pdfjs(dist: &Path) -> Result<String> {
    let package = crate::tools::ensure_pdfjs()?;
    let folder = format!("pdfjs-{}/", crate::tools::PDFJS_VERSION);
    let to = dist.join(&folder);
    let _ = std::fs::remove_dir_all(&to);
    std::fs::create_dir_all(to.join("cmaps"))?;
    for file in ["pdf.min.mjs", "pdf.worker.min.mjs"] {
        std::fs::copy(package.join("build").join(file), to.join(file)).with_context(|| format!("pdfjs-dist {file}"))?;
    }
    std::fs::copy(package.join("LICENSE"), to.join("LICENSE"))?;
    for entry in std::fs::read_dir(package.join("cmaps"))? {
        let path = entry?.path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, to.join("cmaps").join(name))?;
        }
    }
    Ok(folder)
}
