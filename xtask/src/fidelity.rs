//! `cargo xtask fidelity`: the "Data fidelity" section of BENCHMARKS.md, from the hand-checked
//! fixtures (`crates/atlas-compiler/tests/fixtures`): projects per plan (box / running text),
//! named-work precision and recall, layout elements with a located place, and places located /
//! unresolved by kind. `cargo xtask bench` refreshes it too.

use crate::{corpus, project_root};
use anyhow::{bail, Result};
use std::process::Command;

const BEGIN: &str = "<!-- fidelity:begin -->";
const END: &str = "<!-- fidelity:end -->";

/// The summary lines the fidelity test prints, one per plan and measure.
fn figures() -> Result<Vec<String>> {
    let mut cmd = Command::new("cargo");
    // The seeds' fixtures, and the real 十五五 outlines' when ATLAS_PLANS15 names them.
    cmd.args(["test", "-q", "-p", "atlas-compiler", "--test", "fidelity", "--test", "plans15", "--"])
        .args(["--nocapture", "--test-threads", "1"])
        .env("ATLAS_GEO", corpus::geo_file()?)
        .env("ATLAS_REQUIRE_GEO", "1");
    let gazetteer = corpus::gazetteer();
    if gazetteer.is_empty() {
        bail!("the fidelity figures need a gazetteer: set ATLAS_GAZETTEER");
    }
    cmd.env("ATLAS_GAZETTEER", std::env::join_paths(gazetteer)?);
    let out = cmd.output()?;
    if !out.status.success() {
        bail!("the fidelity test failed:\n{}", String::from_utf8_lossy(&out.stdout));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text
        .lines()
        .map(|l| l.trim_start_matches('.')) // the test harness's progress dots
        .filter(|l| l.len() > 7 && l.as_bytes()[..6].iter().all(u8::is_ascii_digit) && l.as_bytes()[6] == b' ')
        .map(str::to_string)
        .collect())
}

/// The section, with its markers.
pub fn section() -> Result<String> {
    let mut md = format!(
        "{BEGIN}\n## Data fidelity\n\n\
Measured by `cargo xtask fidelity` against the hand-checked fixtures in\n\
`crates/atlas-compiler/tests/fixtures/` (`projects-<adcode>.tsv`, `layouts-<adcode>.tsv`), written by\n\
reading each plan, and for the real 十五五 outlines kept beside the repository (`ATLAS_PLANS15`: 北京 as\n\
PDF text, 上海 and 杭州 as web-page text and as saved pages) against `fixtures/plans15/`: every\n\
numbered row of their indicator tables, their layouts and hand-checked projects. A fixture line is complete, so precision counts every project compiled on the\n\
lines it lists. Thresholds (the test fails below them): named works precision ≥ 0.95 and recall ≥ 0.90;\n\
layout places precision and recall ≥ 0.95. Kinds: town, county, seat (县城/中心城区), area (片区/新区),\n\
river, road, landmark; located/unresolved.\n\n"
    );
    for line in figures()? {
        md.push_str(&format!("- {line}\n"));
    }
    md.push_str(END);
    md.push('\n');
    Ok(md)
}

/// Replaces (or appends) the section in BENCHMARKS.md.
pub fn write(section: &str) -> Result<()> {
    let path = project_root().join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".into());
    let new = match (old.find(BEGIN), old.find(END)) {
        (Some(a), Some(b)) if b > a => {
            format!("{}{section}{}", &old[..a], old[b + END.len()..].trim_start_matches('\n'))
        }
        _ => format!("{}\n\n{section}", old.trim_end()),
    };
    std::fs::write(&path, new)?;
    Ok(())
}

pub fn run() -> Result<()> {
    write(&section()?)?;
    eprintln!("wrote the Data fidelity section of BENCHMARKS.md");
    Ok(())
}
