//! Table detection on the real corpus: with no `[[plan.table]]` declared, the compiler finds the
//! same tables with the same columns as were declared by hand (`fixtures/tables.toml`), and both
//! compile to the same indicators, field by field.

use atlas_compiler::table::detect::detect;
use atlas_compiler::table::Role;
use atlas_compiler::{compile, Options};
use serde::Deserialize;
use std::path::Path;

mod common;
use common::{copy_corpus_with, corpus_dir, Scratch};

#[derive(Deserialize)]
struct Fixture {
    table: Vec<Declared>,
}

#[derive(Deserialize, Clone)]
struct Declared {
    plan: String,
    table: String,
    anchor: String,
    columns: Vec<String>,
}

fn declared() -> Vec<Declared> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables.toml")).unwrap();
    toml::from_str::<Fixture>(&text).unwrap().table
}

fn plan_text(id: &str) -> String {
    let dir = corpus_dir().join("plans");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(id))
        .unwrap();
    atlas_compiler::text::normalize_input(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn detection_finds_the_declared_tables_and_columns() {
    let mut failures = Vec::new();
    for d in declared() {
        let text = plan_text(&d.plan);
        let lines: Vec<&str> = text.lines().collect();
        // Every seed is a 十四五 plan.
        let found = detect(&lines, atlas_data::Period(14));
        let kind = atlas_data::Table::parse(&d.table).unwrap();
        let Some(t) = found.tables.iter().find(|t| t.table == kind) else {
            failures.push(format!("{} {}: not found; skipped {:?}", d.plan, d.table, found.skipped));
            continue;
        };
        let columns: Vec<String> = t.columns.iter().map(|r: &Role| r.name()).collect();
        if columns != d.columns {
            failures.push(format!(
                "{} {} at line {}: columns {columns:?}, declared {:?}",
                d.plan,
                d.table,
                t.header_line(),
                d.columns
            ));
        }
        let anchor_line = lines.iter().position(|l| l.contains(&d.anchor)).unwrap() + 1;
        if (t.header_line() as usize) < anchor_line || t.header_line() as usize > anchor_line + 4 {
            failures.push(format!(
                "{} {}: header at line {}, declared anchor at {anchor_line}",
                d.plan,
                d.table,
                t.header_line()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A copy of the corpus whose `plans.toml` declares every table of the fixture.
fn corpus_with_declared_tables(dir: &Path) {
    copy_corpus_with(dir, str::to_string);
    let manifest = std::fs::read_to_string(corpus_dir().join("plans.toml")).unwrap();
    let mut out = String::new();
    let mut blocks = manifest.split("[[plan]]");
    out.push_str(blocks.next().unwrap_or_default());
    for block in blocks {
        out.push_str("[[plan]]");
        out.push_str(block);
        let id = block.lines().find_map(|l| l.strip_prefix("id = ")).unwrap().trim_matches('"').to_string();
        for d in declared().into_iter().filter(|d| d.plan == id) {
            out.push_str(&format!(
                "\n[[plan.table]]\ntable = {:?}\nanchor = {:?}\ncolumns = {:?}\n",
                d.table, d.anchor, d.columns
            ));
        }
    }
    std::fs::write(dir.join("plans.toml"), out).unwrap();
}

#[test]
fn detected_and_declared_tables_compile_to_the_same_indicators() {
    let tmp = Scratch::new("declared");
    let dir = tmp.0.join("corpus");
    corpus_with_declared_tables(&dir);
    let options = Options::default();
    let declared = compile(&dir, &options).expect("declared corpus compiles");
    let detected = compile(&corpus_dir(), &options).expect("corpus compiles");
    let mut differences = Vec::new();
    let mut compared = 0;
    for (a, b) in declared.core.localities.iter().zip(&detected.core.localities) {
        if a.indicators.len() != b.indicators.len() {
            differences.push(format!(
                "{}: {} rows declared, {} detected",
                a.name,
                a.indicators.len(),
                b.indicators.len()
            ));
        }
        for (x, y) in a.indicators.iter().zip(&b.indicators) {
            let (x, y) = (serde_json::to_value(x).unwrap(), serde_json::to_value(y).unwrap());
            for (field, xv) in x.as_object().unwrap() {
                compared += 1;
                if y.get(field) != Some(xv) {
                    differences.push(format!(
                        "{} line {}: {field}: declared {xv}, detected {:?}",
                        a.name,
                        x["line"],
                        y.get(field)
                    ));
                }
            }
        }
    }
    assert_eq!(declared.core.localities.len(), 5);
    assert!(compared > 3000, "compared only {compared} fields");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
