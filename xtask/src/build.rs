//! `cargo xtask build`: the release site in `dist/`, code-split (see `split.rs`), hashed and
//! minified and precompressed (see `assets.rs`).

use crate::{corpus, project_root, run_cmd, split, tools};
use anyhow::Result;
use std::path::PathBuf;
use std::process::Command;

pub fn run() -> Result<PathBuf> {
    corpus::compile()?;
    let toolchain = tools::ensure_web_toolchain()?;
    let bindgen = split::bindgen_keeping_table(&toolchain)?;
    let path = std::env::join_paths(std::iter::once(bindgen).chain(std::env::split_paths(&toolchain)))?;
    // Trunk runs cargo offline: fetch every crate of the lock file, for every target, first.
    run_cmd(Command::new("cargo").args(["fetch", "--locked"]))?;
    // Chunks gone (target/wasm-split removed) but the linked wasm fresh: drop the wasm, so that
    // cargo links, and so splits, again.
    if !split::out_dir().join(split::LOADER).exists() {
        split::forget_linked_wasm()?;
    }
    // This program links the wasm and splits it at the lazy functions.
    run_cmd(split::link_with_split(Command::new("trunk").args(["build", "--release"]).env("PATH", &path))?)?;
    let dist = project_root().join("dist");
    let chunks = split::install(&dist, &tools::ensure_wasm_opt()?)?;
    // The compiler a reader's added plans are compiled with, and the registry it fetches.
    crate::worker::install(&dist, &toolchain, &tools::ensure_wasm_opt()?)?;
    // The overview's content in the page itself, and the plan texts it links to.
    crate::prerender::run(&dist)?;
    // Content-hashed names for the widget's files, then .br/.gz beside every asset.
    let names = crate::assets::hash(&dist, &chunks)?;
    crate::assets::minify(&dist, &names)?;
    let n = crate::assets::precompress(&dist)?;
    eprintln!("dist/: {} lazy chunks, widget files content-hashed, {n} files precompressed (.br, .gz)", chunks.len());
    Ok(dist)
}
