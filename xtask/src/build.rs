//! `cargo xtask build`: the release site in `dist/`.

use crate::{corpus, project_root, run_cmd, tools};
use anyhow::Result;
use std::path::PathBuf;
use std::process::Command;

pub fn run() -> Result<PathBuf> {
    corpus::compile()?;
    let path = tools::ensure_web_toolchain()?;
    run_cmd(Command::new("trunk").args(["build", "--release"]).env("PATH", path))?;
    Ok(project_root().join("dist"))
}
