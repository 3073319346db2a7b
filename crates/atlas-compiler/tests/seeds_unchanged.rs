//! The five 十四五 seed plans compile to exactly the indicator rows they compiled to before the
//! period became data: `fixtures/seed-indicators-before-periods.json` is the JSON dump of every
//! indicator row made by the compiler of bundle format 3, where tables were `14th`/`13th` and
//! columns had fixed names. Its names are mapped to today's (`14th` → `plan`, `13th` → `review`,
//! `value_2015` → `base_2015`, `y2016` → `value_2016`); every other field must be equal. A cell's
//! `qualitative` (what a target in words says) is newer than the fixture and compared apart.

use atlas_compiler::{compile, Options};
use serde_json::{Map, Value};
use std::path::Path;

mod common;
use common::corpus_dir;

fn old_column_name(old: &str) -> String {
    match (old, old.strip_prefix('y')) {
        ("value_2015", _) => "base_2015".to_string(),
        (_, Some(year)) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => format!("value_{year}"),
        _ => old.to_string(),
    }
}

fn renamed(mut row: Value) -> Value {
    let table = match row["table"].as_str() {
        Some("14th") => "plan",
        Some("13th") => "review",
        other => panic!("unexpected table {other:?}"),
    };
    row["table"] = Value::from(table);
    let cells: Map<String, Value> =
        row["cells"].as_object().expect("cells").iter().map(|(k, v)| (old_column_name(k), v.clone())).collect();
    row["cells"] = Value::Object(cells);
    row
}

#[test]
fn seed_indicator_rows_are_as_before() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-indicators-before-periods.json");
    let before: Map<String, Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let bundle = compile(&corpus_dir(), &Options::default()).expect("corpus compiles");
    assert_eq!(bundle.core.localities.len(), before.len());
    for l in &bundle.core.localities {
        assert_eq!(l.period.zh(), "十四五", "{}", l.name);
        let old: Vec<Value> = before[&l.id].as_array().expect("rows").iter().cloned().map(renamed).collect();
        let mut now: Vec<Value> = l.indicators.iter().map(|i| serde_json::to_value(i).unwrap()).collect();
        for cell in now.iter_mut().filter_map(|r| r["cells"].as_object_mut()).flat_map(|c| c.values_mut()) {
            let qualitative = cell.as_object_mut().and_then(|c| c.remove("qualitative")).unwrap_or(Value::Null);
            // Words, never a number, and every cell in words says what kind it is.
            let words =
                cell["value"].is_null() && cell["raw"].as_str().is_some_and(|r| r.chars().any(|c| c > '\u{2E80}'));
            assert_eq!(qualitative.is_null(), !words, "{cell}");
        }
        assert_eq!(now.len(), old.len(), "{}: row count", l.name);
        for (n, o) in now.iter().zip(&old) {
            assert_eq!(n, o, "{}: line {}", l.name, o["line"]);
        }
    }
}
