//! Locality facts and `atlas init` on the real corpus, with the registry polygons (`ATLAS_GEO`) and
//! the gazetteer (`ATLAS_GAZETTEER`, towns and seat points): `init` reproduces each plan's
//! `plans.toml` facts and the tables of `fixtures/tables.toml`, and a manifest that gives only the
//! file compiles to the same localities as the reviewed one.

use atlas_compiler::geo::{load_gazetteer, Gazetteer};
use atlas_compiler::registry::Registry;
use atlas_compiler::{compile, init, Options};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{copy_corpus_with, corpus_dir, geo, Scratch};

fn gazetteer_files() -> Vec<PathBuf> {
    std::env::var_os("ATLAS_GAZETTEER")
        .map(|l| std::env::split_paths(&l).filter(|p| p.exists()).collect())
        .unwrap_or_default()
}

#[derive(Deserialize)]
struct Manifest {
    plan: Vec<Entry>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Entry {
    file: String,
    id: Option<String>,
    name: Option<String>,
    name_en: Option<String>,
    level: Option<String>,
    parent: Option<String>,
    seat: Option<String>,
    adopted: Option<String>,
    #[serde(default)]
    table: Vec<Table>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Table {
    table: String,
    anchor: String,
    columns: Vec<String>,
}

#[derive(Deserialize)]
struct Fixture {
    table: Vec<FixtureTable>,
}

#[derive(Deserialize)]
struct FixtureTable {
    plan: String,
    table: String,
    columns: Vec<String>,
}

fn reviewed() -> Vec<Entry> {
    toml::from_str::<Manifest>(&std::fs::read_to_string(corpus_dir().join("plans.toml")).unwrap()).unwrap().plan
}

#[test]
fn init_reproduces_each_plans_facts_and_tables() {
    let Some(geo) = geo() else { return };
    let registry = Registry::load(&geo).unwrap();
    let mut gazetteer = Gazetteer::default();
    for g in gazetteer_files() {
        load_gazetteer(&g, &mut gazetteer).unwrap();
    }
    let fixture: Fixture = toml::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables.toml")).unwrap(),
    )
    .unwrap();
    for want in reviewed() {
        let raw = std::fs::read_to_string(corpus_dir().join(&want.file)).unwrap();
        let described = init::describe(&want.file, &raw, Some(&registry), &gazetteer);
        // What init prints must itself be a valid plans.toml entry.
        let got: Entry = toml::from_str::<Manifest>(&init::to_toml(&described)).unwrap().plan.remove(0);
        let id = want.id.clone().unwrap();
        assert_eq!(
            (&got.id, &got.name, &got.name_en, &got.level, &got.parent),
            (&want.id, &want.name, &want.name_en, &want.level, &want.parent),
            "{id}"
        );
        if !gazetteer.seats.is_empty() {
            assert_eq!(got.seat, want.seat, "{id}: seat");
        }
        let tables: Vec<(String, Vec<String>)> = described
            .tables
            .iter()
            .map(|t| (t.table.as_str().to_string(), t.columns.iter().map(|c| c.name()).collect()))
            .collect();
        for f in fixture.table.iter().filter(|f| f.plan == id) {
            assert!(
                tables.contains(&(f.table.clone(), f.columns.clone())),
                "{id}: {} table {:?} in {tables:?}",
                f.table,
                f.columns
            );
        }
        assert_eq!(tables.len(), 2, "{id}");
        assert!(described.slogan.is_some(), "{id}: layout slogan");
    }
}

/// A copy of the corpus whose manifest gives only each plan's file (and a curated date).
fn bare_corpus(dir: &Path) {
    copy_corpus_with(dir, str::to_string);
    let mut manifest = String::new();
    for e in reviewed() {
        manifest.push_str(&format!("[[plan]]\nfile = {:?}\n", e.file));
        if let Some(a) = e.adopted {
            manifest.push_str(&format!("adopted = {a:?}\n"));
        }
    }
    std::fs::write(dir.join("plans.toml"), manifest).unwrap();
}

#[test]
fn facts_left_out_are_derived_at_build() {
    let Some(geo) = geo() else { return };
    let options = Options { geo: Some(geo), gazetteer: gazetteer_files(), ..Options::default() };
    let tmp = Scratch::new("bare");
    bare_corpus(&tmp.0.join("corpus"));
    let bare = compile(&tmp.0.join("corpus"), &options).unwrap();
    let full = compile(&corpus_dir(), &options).unwrap();
    assert_eq!(bare.core.localities.len(), 5);
    let seats = options.gazetteer.iter().any(|g| g.ends_with("seats.csv"));
    for (a, b) in bare.core.localities.iter().zip(&full.core.localities) {
        assert_eq!((&a.id, &a.name, &a.name_en, a.level, &a.parent), (&b.id, &b.name, &b.name_en, b.level, &b.parent));
        assert_eq!(a.indicators, b.indicators, "{}", a.name);
        if seats {
            // The seat decides where 县城 / 中心城区 lie: same seat, same layouts.
            assert_eq!(a.layouts, b.layouts, "{}", a.name);
        }
    }
}

#[test]
fn init_append_then_build_as_a_new_user_would() {
    let Some(geo) = geo() else { return };
    let scratch = Scratch::new("init");
    let tmp = &scratch.0;
    let corpus = tmp.join("my-corpus");
    std::fs::create_dir_all(corpus.join("plans")).unwrap();
    let text = corpus.join("plans/hengdong.txt");
    std::fs::copy(corpus_dir().join("plans/430424-hengdong-county.txt"), &text).unwrap();
    std::fs::copy(corpus_dir().join("indicators.toml"), corpus.join("indicators.toml")).unwrap();
    let atlas = env!("CARGO_BIN_EXE_atlas");
    let mut init = Command::new(atlas);
    init.arg("init").arg(&text).arg("--append").arg(corpus.join("plans.toml")).arg("--geo").arg(&geo);
    for g in gazetteer_files() {
        init.arg("--gazetteer").arg(g);
    }
    let out = init.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let manifest = std::fs::read_to_string(corpus.join("plans.toml")).unwrap();
    assert!(manifest.contains("file = \"plans/hengdong.txt\""), "{manifest}");
    assert!(manifest.contains("id = \"430424\""), "{manifest}");
    let bundle = tmp.join("mine.atlas");
    let out =
        Command::new(atlas).arg("build").arg(&corpus).arg("-o").arg(&bundle).arg("--geo").arg(&geo).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("430424 衡东县"), "{stderr}");
    let check = Command::new(atlas).arg("check").arg(&corpus).arg("--json").arg("--geo").arg(&geo).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let plan = &report["plans"][0];
    assert_eq!(
        (plan["rows_plan"].as_u64(), plan["rows_review"].as_u64(), plan["period"].as_u64()),
        (Some(39), Some(28), Some(14))
    );
    // The same counts as the reviewed corpus gives for this plan.
    let reference = compile(&corpus_dir(), &Options::default()).unwrap();
    let hd = reference.core.localities.iter().find(|l| l.id == "430424").unwrap();
    let cells: Vec<&atlas_data::Cell> = hd.indicators.iter().flat_map(|i| i.cells.values()).collect();
    let parsed = cells.iter().filter(|c| c.value.is_some()).count() as u64;
    assert_eq!(plan["cells_parsed"].as_u64(), Some(parsed));
    assert_eq!(plan["cells_raw_only"].as_u64(), Some(cells.len() as u64 - parsed));
    assert_eq!(plan["projects"].as_u64(), Some(hd.projects.len() as u64));
}
