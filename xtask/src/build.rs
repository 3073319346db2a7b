//! `cargo xtask build`: the release site in `dist/`.

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
    Ok(project_root().join("dist"))
}
