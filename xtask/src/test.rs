//! `cargo xtask test`: every test. Rust tests first (parser, codec, whole corpus), then the
//! browser tests (Playwright driving Debian's Chromium) against the release build in `dist/`.

use crate::{corpus, project_root, run_cmd, scale, tools};

/// Plans in the generated corpus the browser tests run on.
const SCALE_TEST_PLANS: usize = 1000;
use anyhow::Result;
use std::process::Command;

pub fn run() -> Result<()> {
    let mut cargo_test = Command::new("cargo");
    cargo_test.args(["test", "--workspace"]).env("ATLAS_GEO", corpus::geo_file()?).env("ATLAS_REQUIRE_GEO", "1");
    let gazetteer = corpus::gazetteer();
    if !gazetteer.is_empty() {
        cargo_test.env("ATLAS_GAZETTEER", std::env::join_paths(gazetteer)?);
    }
    run_cmd(&mut cargo_test)?;

    // The release site and, inside it, the single-file offline version.
    crate::offline::run()?;
    let dist = project_root().join("dist");
    tools::ensure_browser()?;
    // The widget's state and filter logic, in the browser.
    run_cmd(
        Command::new("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "-p", "plan-atlas", "--lib"])
            .env("PATH", tools::ensure_web_toolchain()?)
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    )?;
    tools::ensure_e2e_packages()?;
    // A generated corpus of 1,000 plans for the scale tests (picker, corpus map, compare 12).
    scale::generate(SCALE_TEST_PLANS)?;
    let mut node = Command::new("node");
    // The real 十五五 outlines as a bundle of their own, when they are beside the repository.
    if let Some(bundle) = corpus::outlines_bundle()? {
        node.env("ATLAS_PLANS15_BUNDLE", bundle);
    }
    run_cmd(
        node.args(["--test", "--test-concurrency=1", "tests/e2e/"])
            .env("ATLAS_DIST", &dist)
            .env("ATLAS_SCALE_SITE", scale::scale_dir(SCALE_TEST_PLANS).join("site/atlas"))
            .env("ATLAS_JSON", corpus::out_dir().join("plans.json"))
            .env("ATLAS_SCREENSHOTS", project_root().join("target/e2e"))
            .env("CHROMIUM", tools::CHROMIUM),
    )
}
