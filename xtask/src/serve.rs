//! `cargo xtask serve`: compile, build and serve the widget on http://127.0.0.1:8080.

use crate::{corpus, run_cmd, tools};
use anyhow::Result;
use std::process::Command;

pub fn run() -> Result<()> {
    corpus::compile()?;
    let path = tools::ensure_web_toolchain()?;
    run_cmd(Command::new("cargo").args(["fetch", "--locked"]))?;
    eprintln!("serving on http://127.0.0.1:8080 (Ctrl-C to stop)");
    run_cmd(
        Command::new("trunk")
            .args(["serve", "--release", "--address", "127.0.0.1", "--port", "8080"])
            .env("PATH", path),
    )
}
