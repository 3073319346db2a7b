//! Installing the tools the tasks need, at pinned versions, without downloading binaries from
//! anywhere but the package registries: cargo (trunk, wasm-bindgen-cli), npm (binaryen's
//! wasm-opt, terser, playwright-core) and apt (Chromium, its driver, a CJK font).

use crate::{output_of, project_root, run_cmd};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
/// npm `binaryen` version; Trunk.toml pins `wasm_opt = "version_<major>"` to match.
pub const BINARYEN_VERSION: &str = "132.0.0";
/// npm `terser`, which minifies the widget's scripts.
pub const TERSER_VERSION: &str = "5.51.4";

pub fn ensure_wasm_target() -> Result<()> {
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

pub fn ensure_trunk() -> Result<()> {
    let have = output_of(Command::new("trunk").arg("--version")).unwrap_or_default();
    if !have.contains(TRUNK_VERSION) {
        eprintln!("installing trunk {TRUNK_VERSION} (takes several minutes once)");
        run_cmd(Command::new("cargo").args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]))?;
    }
    Ok(())
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    bail!("wasm-bindgen not found in Cargo.lock")
}

pub fn ensure_wasm_bindgen() -> Result<()> {
    let version = locked_wasm_bindgen()?;
    let trunk_toml = std::fs::read_to_string(project_root().join("Trunk.toml")).context("reading Trunk.toml")?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{version}\"")) {
        bail!("Trunk.toml must pin wasm_bindgen = \"{version}\" (the version in Cargo.lock)");
    }
    let have = output_of(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if !have.split_whitespace().any(|w| w == version) {
        eprintln!("installing wasm-bindgen-cli {version}");
        // Not --locked: the registry here lacks one of its locked dependencies.
        run_cmd(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))?;
    }
    Ok(())
}

fn tools_dir() -> PathBuf {
    project_root().join("target/tools")
}

/// wasm-opt from npm `binaryen`, installed under target/tools. Returns the directory to put on
/// PATH. (Debian's binaryen 108 produces wasm that fails at run time; it is never used.)
pub fn ensure_wasm_opt() -> Result<PathBuf> {
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    npm_tool(&tools_dir(), "binaryen", BINARYEN_VERSION, "wasm-opt", &format!("version {major}"))
}

/// terser (JavaScript minifier) from npm under target/tools. Returns the directory of its command.
pub fn ensure_terser() -> Result<PathBuf> {
    // A prefix of its own: npm would remove binaryen, unlisted, from a shared one.
    npm_tool(&tools_dir().join("terser"), "terser", TERSER_VERSION, "terser", TERSER_VERSION)
}

/// npm `package@version` under `prefix`, unless its command `bin` already reports `expect` for
/// `--version`. Returns the directory of the commands.
fn npm_tool(prefix: &Path, package: &str, version: &str, bin: &str, expect: &str) -> Result<PathBuf> {
    let dir = prefix.join("node_modules/.bin");
    let have = output_of(Command::new(dir.join(bin)).arg("--version")).unwrap_or_default();
    if !have.contains(expect) {
        std::fs::create_dir_all(prefix)?;
        run_cmd(
            Command::new("npm")
                .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
                .arg(prefix)
                .arg(format!("{package}@{version}")),
        )?;
    }
    Ok(dir)
}

/// npm `pdfjs-dist` (Mozilla's PDF reader): the compile worker reads a PDF's text layer with it,
/// fetched only when a reader adds a PDF.
pub const PDFJS_VERSION: &str = "5.4.394";

/// pdfjs-dist under target/tools; returns its package directory.
pub fn ensure_pdfjs() -> Result<PathBuf> {
    let prefix = tools_dir().join("pdfjs");
    let package = prefix.join("node_modules/pdfjs-dist");
    let have = std::fs::read_to_string(package.join("package.json")).unwrap_or_default();
    if !have.contains(&format!("\"version\": \"{PDFJS_VERSION}\"")) {
        std::fs::create_dir_all(&prefix)?;
        run_cmd(
            Command::new("npm")
                .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
                .arg(&prefix)
                .arg(format!("pdfjs-dist@{PDFJS_VERSION}")),
        )?;
    }
    Ok(package)
}

/// PATH with the given directories in front.
pub fn path_with(dirs: &[&Path]) -> std::ffi::OsString {
    let mut paths: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    if let Some(home) = std::env::var_os("HOME") {
        paths.push(PathBuf::from(home).join(".cargo/bin"));
    }
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(paths).unwrap_or_default()
}

/// Everything Trunk needs; returns the PATH to run it with.
pub fn ensure_web_toolchain() -> Result<std::ffi::OsString> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_trunk()?;
    let opt = ensure_wasm_opt()?;
    Ok(path_with(&[&opt]))
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Debian's Chromium, ChromeDriver and a CJK font (without it Chinese renders as boxes).
pub fn ensure_browser() -> Result<()> {
    let font = Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() && font.exists() {
        return Ok(());
    }
    let is_root = output_of(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !is_root {
        bail!("browser tests need: apt-get install -y chromium chromium-driver fonts-wqy-microhei (run as root)");
    }
    run_cmd(Command::new("apt-get").arg("update"))?;
    run_cmd(Command::new("apt-get").args([
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
        "fonts-wqy-microhei",
    ]))
}

/// playwright-core for the end-to-end tests (never a downloaded browser: it drives Debian's).
pub fn ensure_e2e_packages() -> Result<()> {
    let dir = project_root().join("tests/e2e");
    // Every dependency of tests/e2e/package.json (playwright-core, pym.js, axe-core) installed?
    let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("package.json"))?)?;
    let missing = manifest["dependencies"]
        .as_object()
        .is_none_or(|deps| deps.keys().any(|name| !dir.join("node_modules").join(name).exists()));
    if missing {
        run_cmd(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir)
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
        )?;
    }
    Ok(())
}

/// twiggy (wasm size profiler) from crates.io under target/tools, for `cargo xtask bench`.
pub fn ensure_twiggy() -> Result<PathBuf> {
    let bin = tools_dir().join("bin/twiggy");
    let version = crate::wasm_size::TWIGGY_VERSION;
    let have = output_of(Command::new(&bin).arg("--version")).unwrap_or_default();
    if !have.contains(version) {
        eprintln!("installing twiggy {version}");
        run_cmd(Command::new("cargo").args(["install", "twiggy", "--version", version, "--root"]).arg(tools_dir()))?;
    }
    Ok(bin)
}
