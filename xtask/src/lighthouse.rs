//! Lighthouse (npm, mobile preset: slow 4G, 4× CPU slowdown) on `dist/` served the way the README
//! asks hosts to serve it: precompressed files with their Content-Encoding (our own server).
//! Scores and the load metrics go to BENCHMARKS.md beside their targets.

use crate::{project_root, run_cmd, tools};
use anyhow::Result;
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

const LIGHTHOUSE_VERSION: &str = "13.0.1";
/// Runs per bench; the section reports the median one.
const RUNS: usize = 5;
const CATEGORIES: [(&str, &str, f64); 3] = [
    ("performance", "performance", 0.98),
    ("accessibility", "accessibility", 1.0),
    ("best-practices", "best practices", 1.0),
];
const METRICS: [(&str, &str); 5] = [
    ("largest-contentful-paint", "largest contentful paint (LCP)"),
    ("total-blocking-time", "total blocking time (TBT)"),
    ("first-contentful-paint", "first contentful paint"),
    ("interactive", "time to interactive"),
    ("cumulative-layout-shift", "cumulative layout shift"),
];

fn ensure_lighthouse() -> Result<std::path::PathBuf> {
    let dir = project_root().join("target/tools/lighthouse");
    let bin = dir.join("node_modules/.bin/lighthouse");
    let have = crate::output_of(Command::new(&bin).arg("--version")).unwrap_or_default();
    if have.trim() != LIGHTHOUSE_VERSION {
        std::fs::create_dir_all(&dir)?;
        run_cmd(
            Command::new("npm")
                .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
                .arg(&dir)
                .arg(format!("lighthouse@{LIGHTHOUSE_VERSION}")),
        )?;
    }
    Ok(bin)
}

/// Runs Lighthouse on the site in `dist` and returns the Markdown section.
pub fn section(dist: &Path) -> Result<String> {
    let bin = ensure_lighthouse()?;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
    let root = dist.to_path_buf();
    std::thread::spawn(move || crate::serve::serve(listener, root));
    let dir = project_root().join("target/bench");
    std::fs::create_dir_all(&dir)?;
    // One Lighthouse run varies by a few hundredths (its own advice: take the median of five).
    let mut runs = Vec::new();
    for i in 0..RUNS {
        let report = dir.join(format!("lighthouse-{i}.json"));
        run_cmd(
            Command::new(&bin)
                .arg(&url)
                .args(["--quiet", "--output=json", "--only-categories=performance,accessibility,best-practices"])
                .arg(format!("--output-path={}", report.display()))
                .arg(
                    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking \
                     --disable-component-update --disable-sync --no-first-run",
                )
                .env("CHROME_PATH", tools::CHROMIUM),
        )?;
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report)?)?;
        runs.push((json["categories"]["performance"]["score"].as_f64().unwrap_or(f64::NAN), report, json));
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let scores: Vec<String> = runs.iter().map(|(s, _, _)| format!("{s:.2}")).collect();
    let (_, median_report, json) = runs.swap_remove(RUNS / 2);
    let report = dir.join("lighthouse.json");
    std::fs::copy(&median_report, &report)?;
    let mut md = format!(
        "## Lighthouse (mobile preset)\n\n\
`cargo xtask bench` runs npm `lighthouse` (mobile: simulated slow 4G and 4× CPU slowdown) on `dist/` served\n\
precompressed by the project's own server, as the README asks of hosts, {RUNS} times; below is the median run by\n\
performance score (report: `target/bench/lighthouse.json`). The {RUNS} performance scores: {}.\n\n\
| category | score | target | |\n|---|---:|---:|---|\n",
        scores.join(", ")
    );
    for (key, what, target) in CATEGORIES {
        let score = json["categories"][key]["score"].as_f64().unwrap_or(f64::NAN);
        let verdict = if score >= target { "meets" } else { "**misses**" };
        md.push_str(&format!("| {what} | {score:.2} | ≥ {target:.2} | {verdict} |\n"));
    }
    md.push_str("\n| metric | measured |\n|---|---:|\n");
    for (key, what) in METRICS {
        let shown = json["audits"][key]["displayValue"].as_str().unwrap_or("—");
        md.push_str(&format!("| {what} | {shown} |\n"));
    }
    let failing: Vec<String> = json["audits"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, a)| a["score"].as_f64().is_some_and(|s| s < 0.9) && a["scoreDisplayMode"] != "informative")
        .map(|(k, a)| format!("`{k}` ({})", a["title"].as_str().unwrap_or("")))
        .collect();
    if !failing.is_empty() {
        md.push_str(&format!("\nAudits scoring under 0.9: {}.\n", failing.join(", ")));
    }
    Ok(md)
}
