//! Lighthouse (npm, mobile preset: slow 4G, 4× CPU slowdown) on `dist/` served the way the README
//! asks hosts to serve it (precompressed files with their Content-Encoding, our own server), and
//! as a host that only gzips would. Scores and the load metrics go to BENCHMARKS.md beside their
//! targets.

use crate::serve::Encodings;
use crate::{project_root, run_cmd, tools};
use anyhow::Result;
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

const LIGHTHOUSE_VERSION: &str = "13.0.1";
/// Runs per bench; the section reports the median one.
const RUNS: usize = 5;
const CATEGORIES: [(&str, &str, f64); 3] = [
    ("performance", "performance", 0.99),
    ("accessibility", "accessibility", 1.0),
    ("best-practices", "best practices", 1.0),
];
/// Largest contentful paint, at most: the first screen is in the HTML.
const LCP_TARGET_MS: f64 = 1200.0;
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

/// The median run by performance score of `RUNS` runs on `dist` served with `encodings`, and
/// every run's score.
fn median_run(bin: &Path, dist: &Path, encodings: Encodings, name: &str) -> Result<(serde_json::Value, Vec<f64>)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
    let root = dist.to_path_buf();
    std::thread::spawn(move || crate::serve::serve(listener, root, encodings));
    let dir = project_root().join("target/bench");
    std::fs::create_dir_all(&dir)?;
    // One Lighthouse run varies by a few hundredths (its own advice: take the median of five).
    let mut runs = Vec::new();
    for i in 0..RUNS {
        let report = dir.join(format!("lighthouse-{name}-{i}.json"));
        run_cmd(
            Command::new(bin)
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
    let scores = runs.iter().map(|(s, _, _)| *s).collect();
    let (_, median_report, json) = runs.swap_remove(RUNS / 2);
    std::fs::copy(&median_report, dir.join(format!("lighthouse-{name}.json")))?;
    Ok((json, scores))
}

/// Runs Lighthouse on the site in `dist`, served both ways, and returns the Markdown section.
pub fn section(dist: &Path) -> Result<String> {
    let bin = ensure_lighthouse()?;
    let servings = [(Encodings::Precompressed, "precompressed", "brotli"), (Encodings::GzipOnly, "gzip", "gzip only")];
    let mut reports = Vec::new();
    for (encodings, name, what) in servings {
        let (json, scores) = median_run(&bin, dist, encodings, name)?;
        reports.push((what, name, json, scores));
    }
    let mut md = format!(
        "## Lighthouse (mobile preset)\n\n\
`cargo xtask bench` runs npm `lighthouse` (mobile: simulated slow 4G and 4× CPU slowdown) on `dist/` {RUNS} times\n\
each way it may be served: precompressed by the project's own server, as the README asks of hosts (brotli),\n\
and by a host that only gzips (the `.gz` files). Below is the median run by performance score of each\n\
(reports: `target/bench/lighthouse-precompressed.json`, `target/bench/lighthouse-gzip.json`).\n\n"
    );
    for (what, _, _, scores) in &reports {
        let shown: Vec<String> = scores.iter().map(|s| format!("{s:.2}")).collect();
        md.push_str(&format!("Performance scores, {what}: {}.\n", shown.join(", ")));
    }
    let head: Vec<&str> = reports.iter().map(|(what, ..)| *what).collect();
    md.push_str(&format!("\n| category | {} | target | |\n|---|---:|---:|---:|---|\n", head.join(" | ")));
    for (key, what, target) in CATEGORIES {
        let scores: Vec<f64> = reports
            .iter()
            .map(|(_, _, json, _)| json["categories"][key]["score"].as_f64().unwrap_or(f64::NAN))
            .collect();
        let verdict = if scores.iter().all(|s| *s >= target) { "meets" } else { "**misses**" };
        let shown: Vec<String> = scores.iter().map(|s| format!("{s:.2}")).collect();
        md.push_str(&format!("| {what} | {} | ≥ {target:.2} | {verdict} |\n", shown.join(" | ")));
    }
    md.push_str(&format!("\n| metric | {} | target | |\n|---|---:|---:|---:|---|\n", head.join(" | ")));
    for (key, what) in METRICS {
        let shown: Vec<&str> =
            reports.iter().map(|(_, _, json, _)| json["audits"][key]["displayValue"].as_str().unwrap_or("—")).collect();
        let (target, verdict) = if key == "largest-contentful-paint" {
            let met = reports.iter().all(|(_, _, json, _)| {
                json["audits"][key]["numericValue"].as_f64().is_some_and(|ms| ms <= LCP_TARGET_MS)
            });
            (format!("≤ {:.1} s", LCP_TARGET_MS / 1000.0), if met { "meets" } else { "**misses**" })
        } else if key == "cumulative-layout-shift" {
            let met = reports.iter().all(|(_, _, json, _)| json["audits"][key]["numericValue"].as_f64() == Some(0.0));
            ("0".to_string(), if met { "meets" } else { "**misses**" })
        } else {
            (String::new(), "")
        };
        md.push_str(&format!("| {what} | {} | {target} | {verdict} |\n", shown.join(" | ")));
    }
    for (what, _, json, _) in &reports {
        let failing: Vec<String> = json["audits"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, a)| a["score"].as_f64().is_some_and(|s| s < 0.9) && a["scoreDisplayMode"] != "informative")
            .map(|(k, a)| format!("`{k}` ({})", a["title"].as_str().unwrap_or("")))
            .collect();
        if !failing.is_empty() {
            md.push_str(&format!("\nAudits scoring under 0.9 ({what}): {}.\n", failing.join(", ")));
        }
    }
    Ok(md)
}
