//! Real 十五五 outlines (`ATLAS_PLANS15`: 北京 as PDF text, 上海 and 杭州 as web-page text), read in
//! place and never copied into the repository: `atlas init` names each with no edits, and their main
//! indicator tables compile to the rows of the hand-checked fixtures (`fixtures/plans15/`), which
//! were written by reading the texts.

use atlas_compiler::geo::Gazetteer;
use atlas_compiler::registry::Registry;
use atlas_compiler::{compile, init, Options};
use atlas_data::{Column, Indicator, Locality, Table};
use std::path::Path;

mod common;
use common::{corpus_dir, geo, plans15, Scratch};

/// The shared outlines, as text and as saved web pages: file, adcode, name, level, parent.
const OUTLINES: [(&str, &str, &str, &str, &str); 5] = [
    ("bj-15th.txt", "110000", "北京市", "municipality", "全国"),
    ("sh-15th.txt", "310000", "上海市", "municipality", "全国"),
    ("hz-15th.txt", "330100", "杭州市", "prefecture_city", "浙江省"),
    ("sh-15th.html", "310000", "上海市", "municipality", "全国"),
    ("hz-15th.html", "330100", "杭州市", "prefecture_city", "浙江省"),
];

/// A plan file as the compiler reads it (a web page reduced to its text).
fn read(dir: &Path, file: &str) -> String {
    let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    atlas_compiler::input::plan_text(file, &bytes).unwrap()
}

#[test]
fn init_names_each_outline_with_its_level_parent_and_period() {
    let (Some(dir), Some(geo)) = (plans15(), geo()) else { return };
    let registry = Registry::load(&geo).unwrap();
    for (file, id, name, level, parent) in OUTLINES {
        let described = init::describe(file, &read(&dir, file), Some(&registry), &Gazetteer::default());
        let facts = described.facts.as_ref().unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(
            (facts.id.as_str(), facts.name.as_str(), facts.level.as_str(), facts.parent.as_str()),
            (id, name, level, parent),
            "{file}"
        );
        assert_eq!(facts.period.zh(), "十五五", "{file}");
        let toml = init::to_toml(&described);
        assert!(toml.contains(&format!("id = \"{id}\"")) && toml.contains("period = 15"), "{toml}");
    }
}

/// One fixture row: category, seq, parent, name, unit, base, target, growth, attribute.
fn fixture(id: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/plans15/indicators-{id}.tsv"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Compiles one shared outline as a corpus of its own (the file copied to a scratch directory,
/// never into the repository), with the diagnostics about it.
fn compiled(dir: &Path, file: &str, geo: &Path) -> (Option<Locality>, Vec<atlas_data::Diagnostic>) {
    let scratch = Scratch::new(&format!("plans15-{file}"));
    let corpus = scratch.0.join("corpus");
    std::fs::create_dir_all(corpus.join("plans")).unwrap();
    std::fs::copy(dir.join(file), corpus.join("plans").join(file)).unwrap();
    std::fs::write(corpus.join("plans.toml"), format!("[[plan]]\nfile = \"plans/{file}\"\n")).unwrap();
    std::fs::copy(corpus_dir().join("indicators.toml"), corpus.join("indicators.toml")).unwrap();
    let bundle = compile(&corpus, &Options { geo: Some(geo.to_path_buf()), ..Options::default() }).unwrap();
    (bundle.core.localities.into_iter().next(), bundle.core.diagnostics)
}

fn row_text(l: &Locality, r: &Indicator) -> Vec<String> {
    let cell = |c: Column| r.cells.get(&c).map_or(String::new(), |c| c.raw.clone());
    let attribute = r.attribute.map_or("", |a| match a {
        atlas_data::Attribute::Expected => "预期性",
        atlas_data::Attribute::Binding => "约束性",
    });
    vec![
        r.category.clone().unwrap_or_default(),
        r.seq.clone().unwrap_or_default(),
        r.parent.clone().unwrap_or_default(),
        r.name.clone(),
        r.unit.clone().unwrap_or_default(),
        cell(Column::base(l.period.base_year())),
        cell(Column::target(l.period.end())),
        cell(Column::TARGET_GROWTH),
        attribute.to_string(),
    ]
}

#[test]
fn every_numbered_row_is_read_exactly_as_printed() {
    let (Some(dir), Some(geo)) = (plans15(), geo()) else { return };
    let mut failures = Vec::new();
    for (file, id, ..) in OUTLINES {
        let (Some(l), diagnostics) = compiled(&dir, file, &geo) else {
            failures.push(format!("{file}: not compiled"));
            continue;
        };
        assert_eq!(l.id, id, "{file}");
        // The table's own checks (numbering, category counts, cells) find nothing amiss.
        let table_issues: Vec<String> = diagnostics
            .iter()
            .filter(|d| {
                d.message.contains("not found: the printed numbers")
                    || d.message.contains("indicators, ")
                    || d.message.contains("value cells for")
            })
            .map(|d| format!("{}:{}: {}", d.file, d.line, d.message))
            .collect();
        if !table_issues.is_empty() {
            failures.push(format!("{file}: {table_issues:?}"));
        }
        assert_eq!(l.period.zh(), "十五五");
        let rows: Vec<Vec<String>> =
            l.indicators.iter().filter(|i| i.table == Table::Plan).map(|r| row_text(&l, r)).collect();
        let want = fixture(id);
        let exact = want.iter().enumerate().filter(|(k, w)| rows.get(*k) == Some(w)).count();
        // The figure `cargo xtask fidelity` reports.
        println!("{id} {} ({file}): indicator rows exact {exact}/{}, {} read", l.name, want.len(), rows.len());
        for (k, w) in want.iter().enumerate() {
            match rows.get(k) {
                Some(got) if got == w => {}
                got => failures.push(format!("{file} row {}:\n  want {w:?}\n  got  {got:?}", k + 1)),
            }
        }
        if rows.len() > want.len() {
            failures.push(format!(
                "{file}: {} rows more than printed: {:?}",
                rows.len() - want.len(),
                &rows[want.len()..]
            ));
        }
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}

/// The layout each shared outline states, as read from the text: its slogan, and the labels of its
/// elements in order (a part counted N times that its sub-sections define gives N elements).
const LAYOUTS: [(&str, &str, &[&str]); 5] = [
    ("bj-15th.txt", "一核两翼", &["一核", "两翼", "两翼"]),
    ("sh-15th.txt", "中心辐射、两翼齐飞、新城发力、南北转型", &["中心辐射", "两翼齐飞", "新城发力", "南北转型"]),
    ("hz-15th.txt", "一主六辅三城、三江两脉八带", &["一主", "六辅", "三城", "三江", "两脉", "八带"]),
    ("sh-15th.html", "中心辐射、两翼齐飞、新城发力、南北转型", &["中心辐射", "两翼齐飞", "新城发力", "南北转型"]),
    ("hz-15th.html", "一主六辅三城、三江两脉八带", &["一主", "六辅", "三城", "三江", "两脉", "八带"]),
];

#[test]
fn each_outline_states_its_layout_and_its_projects() {
    let (Some(dir), Some(geo)) = (plans15(), geo()) else { return };
    for (file, slogan, labels) in LAYOUTS {
        let (Some(l), _) = compiled(&dir, file, &geo) else { panic!("{file}: not compiled") };
        let primary = l.primary_layout().unwrap_or_else(|| panic!("{file}: no layout"));
        assert_eq!(primary.slogan, slogan, "{file}");
        let got: Vec<&str> = primary.elements.iter().map(|e| e.label.as_str()).collect();
        let placed = primary.elements.iter().filter(|e| !e.places.is_empty()).count();
        println!(
            "{} {} ({file}): layout “{}”, {} elements, {placed} with places; {} projects",
            l.id,
            l.name,
            primary.slogan,
            got.len(),
            l.projects.len()
        );
        assert_eq!(got, labels, "{file}");
        assert!(l.projects.len() >= 25, "{file}: {} projects", l.projects.len());
        if file.starts_with("bj") {
            // The two wings are the sub-sections on 雄安新区 and 城市副中心.
            let places: Vec<&str> =
                primary.elements.iter().flat_map(|e| &e.places).map(|p| p.as_printed.as_str()).collect();
            assert_eq!(places, ["雄安新区", "城市副中心"], "{file}");
        }
    }
}

#[test]
fn hand_checked_projects_are_read_with_their_box_item_and_field() {
    let (Some(dir), Some(geo)) = (plans15(), geo()) else { return };
    for (file, id) in [("bj-15th.txt", "110000"), ("sh-15th.txt", "310000"), ("hz-15th.txt", "330100")] {
        let (Some(l), diagnostics) = compiled(&dir, file, &geo) else { panic!("{file}: not compiled") };
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/plans15/projects-{id}.tsv"));
        let fixture = std::fs::read_to_string(path).unwrap();
        let wanted: Vec<&str> = fixture.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
        println!("{id} {} ({file}): hand-checked projects {} of {} found", l.name, wanted.len(), wanted.len());
        for want in wanted {
            let cells: Vec<&str> = want.split('\t').collect();
            let [caption, item, group, name] = cells[..] else { panic!("bad fixture line {want}") };
            let found = l.projects.iter().any(|p| {
                p.name == name
                    && p.box_title.replace(' ', "").starts_with(caption)
                    && p.item.as_deref().unwrap_or("") == item
                    && p.group.as_deref().unwrap_or("") == group
            });
            assert!(found, "{file}: {want}");
        }
        // The annex's printed counts agree with the works read.
        assert!(!diagnostics.iter().any(|d| d.message.contains("works,")), "{file}");
    }
}
