//! `cargo xtask build`: the release site in `dist/`, hashed and precompressed (see `assets.rs`).

use crate::{corpus, project_root, run_cmd, tools};
use anyhow::Result;
use std::path::PathBuf;
use std::process::Command;

pub fn run() -> Result<PathBuf> {
    corpus::compile()?;
    let path = tools::ensure_web_toolchain()?;
    // Trunk runs cargo offline: fetch every crate of the lock file, for every target, first.
    run_cmd(Command::new("cargo").args(["fetch", "--locked"]))?;
    run_cmd(Command::new("trunk").args(["build", "--release"]).env("PATH", path))?;
    let dist = project_root().join("dist");
    // Content-hashed names for the widget's files, then .br/.gz beside every asset.
    crate::assets::hash(&dist)?;
    let n = crate::assets::precompress(&dist)?;
    eprintln!("dist/: widget files content-hashed, {n} files precompressed (.br, .gz)");
    Ok(dist)
}
