//! Code splitting of the widget's wasm, so that the first view loads only the code it runs.
//!
//! Split points (`wasm_split`, as under Leptos's `#[lazy]`: the views other than the overview in
//! `src/views/lazy.rs`, the data API's queries in `src/api.rs`) become chunk boundaries. Trunk
//! builds as before, with this task as the wasm linker (`CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER`,
//! see `build.rs`): rust-lld links with `--emit-relocs`, then `wasm_split_cli_support` (the
//! splitter cargo-leptos uses) cuts the linked module in place. The main module stays where Trunk
//! expects it, so wasm-bindgen and wasm-opt treat it as before; the chunks and their loader
//! `__wasm_split.js` (imported by the wasm-bindgen script, it fetches a chunk the first time one of
//! its functions is called) go to `target/wasm-split/`, and `install` optimises them into `dist/`.

use anyhow::{anyhow, bail, Context, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Set for the build: where the linker puts the chunks. Its presence makes xtask act as linker.
pub const LINK_ENV: &str = "ATLAS_WASM_SPLIT_DIR";
/// The loader module the main wasm imports its chunk stubs from.
pub const LOADER: &str = "__wasm_split.js";
/// The wasm-bindgen script the loader takes the main module's exports from.
const MAIN_SCRIPT: &str = "./plan-atlas.js";

pub fn out_dir() -> PathBuf {
    crate::project_root().join("target/wasm-split")
}

/// Makes a cargo (or Trunk) build of the release wasm link through this program, which splits it.
pub fn link_with_split(cmd: &mut Command) -> Result<&mut Command> {
    Ok(cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", std::env::current_exe()?).env(LINK_ENV, out_dir()))
}

/// Removes the release wasm cargo linked (under its hashed and its final name).
pub fn forget_linked_wasm() -> Result<()> {
    let release = crate::project_root().join("target/wasm32-unknown-unknown/release");
    let mut linked = vec![release.join("plan-atlas.wasm")];
    if let Ok(deps) = std::fs::read_dir(release.join("deps")) {
        linked.extend(deps.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.starts_with("plan_atlas-") && name.ends_with(".wasm")
        }));
    }
    for path in linked.iter().filter(|p| p.exists()) {
        std::fs::remove_file(path)?;
    }
    Ok(())
}

/// The directory to split into, when this process was started as the wasm linker.
pub fn link_mode() -> Option<PathBuf> {
    std::env::var_os(LINK_ENV).map(PathBuf::from)
}

/// Links like rust-lld would, then splits the output in place.
pub fn link(out_dir: &Path, args: &[OsString]) -> Result<()> {
    let mut lld = Command::new(rust_lld()?);
    if args.first().is_none_or(|a| a != "-flavor") {
        lld.args(["-flavor", "wasm"]);
    }
    // The splitter needs the relocations to find every reference to a function it moves.
    lld.args(args).arg("--emit-relocs");
    let status = lld.status().context("could not start rust-lld")?;
    if !status.success() {
        bail!("rust-lld failed with {status}");
    }
    split(&output_of_link(args)?, out_dir)
}

/// The `-o` argument, on the command line or in an `@file` of arguments.
fn output_of_link(args: &[OsString]) -> Result<PathBuf> {
    let mut all: Vec<String> = Vec::new();
    for a in args {
        let a = a.to_string_lossy();
        match a.strip_prefix('@') {
            Some(file) => all.extend(std::fs::read_to_string(file)?.lines().map(|l| l.trim_matches('"').to_string())),
            None => all.push(a.into_owned()),
        }
    }
    all.windows(2)
        .find(|w| w[0] == "-o")
        .map(|w| PathBuf::from(&w[1]))
        .ok_or_else(|| anyhow!("the linker was given no -o"))
}

fn rust_lld() -> Result<PathBuf> {
    let sysroot =
        crate::output_of(Command::new("rustc").args(["--print", "sysroot"])).context("rustc --print sysroot")?;
    let host = crate::output_of(Command::new("rustc").arg("-vV"))
        .and_then(|v| v.lines().find_map(|l| l.strip_prefix("host: ").map(str::to_string)))
        .context("rustc -vV")?;
    Ok(Path::new(sysroot.trim()).join("lib/rustlib").join(host).join("bin/rust-lld"))
}

fn split(wasm: &Path, out_dir: &Path) -> Result<()> {
    let input = std::fs::read(wasm).with_context(|| format!("{}", wasm.display()))?;
    if out_dir.exists() {
        std::fs::remove_dir_all(out_dir)?;
    }
    std::fs::create_dir_all(out_dir)?;
    let main = out_dir.join("main.wasm");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = out_dir;
    opts.main_out_path = &main;
    opts.main_module = MAIN_SCRIPT;
    opts.link_name = "./__wasm_split.js";
    wasm_split_cli_support::transform(opts).map_err(|e| anyhow!("splitting {}: {e:?}", wasm.display()))?;
    // Written over, not renamed: cargo hard-links this file to its final name after the link.
    std::fs::write(wasm, std::fs::read(&main)?)?;
    std::fs::remove_file(&main)?;
    Ok(())
}

/// A directory holding a `wasm-bindgen` that runs the one on `path` with `--keep-lld-exports`, to
/// put first on Trunk's PATH: the chunks import the main module's function table, which
/// wasm-bindgen otherwise drops, and Trunk 0.21 has no setting for that flag.
pub fn bindgen_keeping_table(path: &std::ffi::OsStr) -> Result<PathBuf> {
    let real = std::env::split_paths(path)
        .map(|d| d.join("wasm-bindgen"))
        .find(|p| p.is_file())
        .ok_or_else(|| anyhow!("wasm-bindgen is not on PATH"))?;
    let dir = crate::project_root().join("target/tools/split-bin");
    std::fs::create_dir_all(&dir)?;
    let script = dir.join("wasm-bindgen");
    std::fs::write(&script, format!("#!/bin/sh\nexec '{}' --keep-lld-exports \"$@\"\n", real.display()))?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))?;
    Ok(dir)
}

/// Copies the chunks and their loader into `dist`, each chunk optimised like the main module
/// (wasm-opt -Oz, names stripped). Returns the chunks' file names.
pub fn install(dist: &Path, wasm_opt_dir: &Path) -> Result<Vec<String>> {
    let dir = out_dir();
    std::fs::copy(dir.join(LOADER), dist.join(LOADER)).context("the split build wrote no loader")?;
    let mut chunks = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !name.ends_with(".wasm") {
            continue;
        }
        // Quietly: one line per chunk would bury the build's output (its stderr shows on failure).
        let out = Command::new(wasm_opt_dir.join("wasm-opt"))
            .arg(&path)
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            // The features rustc enables for wasm32-unknown-unknown, as in the main module.
            .args(["--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int"])
            .args(["--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"])
            .arg("-o")
            .arg(dist.join(&name))
            .output()
            .context("could not start wasm-opt")?;
        if !out.status.success() {
            bail!("wasm-opt failed on {name}: {}", String::from_utf8_lossy(&out.stderr));
        }
        chunks.push(name);
    }
    chunks.sort();
    Ok(chunks)
}
