//! Data fidelity against hand-checked fixtures (`fixtures/layouts-<adcode>.tsv`,
//! `fixtures/projects-<adcode>.tsv`), written by reading each plan's text: layout elements and
//! their places in printed order, and named works. Precision and recall are printed for every plan
//! (`cargo test -p atlas-compiler --test fidelity -- --nocapture`) and must reach the thresholds.
//! Needs the county polygons and the gazetteer (`ATLAS_GEO`, `ATLAS_GAZETTEER`), as CI has them.

use atlas_compiler::{compile, Options};
use atlas_data::{Bundle, Locality};
use std::collections::BTreeSet;
use std::path::Path;

mod common;
use common::corpus_dir;

const PLANS: [&str; 5] = ["430321", "430381", "430424", "430200", "430900"];
const LAYOUT_PLACES: f64 = 0.95;

fn fixture(name: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1) // header
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// The corpus compiled with geography, or `None` (skip) without it; under `cargo xtask test`
/// (`ATLAS_REQUIRE_GEO`) or CI a missing file fails instead.
fn compiled() -> Option<Bundle> {
    let geo = common::geo()?;
    let gazetteer = common::gazetteer()?;
    Some(compile(&corpus_dir(), &Options { geo: Some(geo), gazetteer, ..Options::default() }).unwrap())
}

fn locality<'b>(b: &'b Bundle, id: &str) -> &'b Locality {
    b.core.localities.iter().find(|l| l.id == id).unwrap()
}

/// (slogan, element, place:kind) with each element's places in order.
type Placed = Vec<(String, String, Vec<String>)>;

fn expected_layouts(id: &str) -> Placed {
    fixture(&format!("layouts-{id}.tsv"))
        .into_iter()
        .map(|row| {
            let places = row.get(2).map_or(Vec::new(), |p| {
                p.split('、').filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>()
            });
            (row[0].clone(), row[1].clone(), places)
        })
        .collect()
}

fn compiled_layouts(l: &Locality) -> Placed {
    l.layouts
        .iter()
        .flat_map(|x| {
            x.elements.iter().map(|e| {
                let places = e.places.iter().map(|p| format!("{}:{}", p.as_printed, p.kind.as_str())).collect();
                (x.slogan.clone(), e.name.clone(), places)
            })
        })
        .collect()
}

fn flat(p: &Placed) -> BTreeSet<(String, String, String)> {
    p.iter().flat_map(|(s, e, ps)| ps.iter().map(move |x| (s.clone(), e.clone(), x.clone()))).collect()
}

/// Precision and recall of `got` against `want`, as (matched, got, want).
fn score<T: Ord>(got: &BTreeSet<T>, want: &BTreeSet<T>) -> (usize, usize, usize) {
    (got.intersection(want).count(), got.len(), want.len())
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        1.0
    } else {
        n as f64 / d as f64
    }
}

#[test]
fn layouts_match_the_hand_checked_fixtures() {
    let Some(b) = compiled() else { return };
    let mut failures = Vec::new();
    for id in PLANS {
        let l = locality(&b, id);
        let want = expected_layouts(id);
        let got = compiled_layouts(l);
        let want_elements: BTreeSet<(String, String)> = want.iter().map(|(s, e, _)| (s.clone(), e.clone())).collect();
        let got_elements: BTreeSet<(String, String)> = got.iter().map(|(s, e, _)| (s.clone(), e.clone())).collect();
        let (m, g, w) = score(&flat(&got), &flat(&want));
        let (em, eg, ew) = score(&got_elements, &want_elements);
        println!(
            "{id} {}: elements {em}/{ew} found, {eg} given; places precision {:.3} ({m}/{g}), recall {:.3} ({m}/{w})",
            l.name,
            ratio(m, g),
            ratio(m, w)
        );
        // Elements with a place on the map, and every place by kind: located or not.
        let elements: Vec<&atlas_data::Element> = l.layouts.iter().flat_map(|x| &x.elements).collect();
        let placed = elements.iter().filter(|e| e.places.iter().any(|p| p.name.is_some())).count();
        let mut kinds: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        for p in elements.iter().flat_map(|e| &e.places) {
            let k = kinds.entry(p.kind.as_str()).or_default();
            if p.name.is_some() {
                k.0 += 1
            } else {
                k.1 += 1
            }
        }
        let by_kind: Vec<String> = kinds.iter().map(|(k, (a, b))| format!("{k} {a}/{b}")).collect();
        println!(
            "{id} {}: elements with a located place {placed}/{}; places located/unresolved by kind: {}",
            l.name,
            elements.len(),
            by_kind.join(", ")
        );
        for e in want_elements.difference(&got_elements) {
            println!("  missing element {e:?}");
        }
        for e in got_elements.difference(&want_elements) {
            println!("  unexpected element {e:?}");
        }
        for (s, e, ps) in &want {
            if let Some((_, _, gps)) = got.iter().find(|(gs, ge, _)| gs == s && ge == e) {
                if gps != ps {
                    println!("  {s} {e}:\n    want {}\n    got  {}", ps.join("、"), gps.join("、"));
                }
                // Places both list must come in the printed order.
                let common: Vec<&String> = gps.iter().filter(|p| ps.contains(p)).collect();
                let order: Vec<&String> = ps.iter().filter(|p| gps.contains(p)).collect();
                if common != order {
                    failures.push(format!("{id} {s} {e}: places out of order"));
                }
            }
        }
        if ratio(m, g) < LAYOUT_PLACES || ratio(m, w) < LAYOUT_PLACES {
            failures.push(format!("{id}: layout places precision {:.3} / recall {:.3}", ratio(m, g), ratio(m, w)));
        }
        if em < ew || eg > ew {
            failures.push(format!("{id}: elements {em} of {ew} found, {eg} given"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const PROJECT_PRECISION: f64 = 0.95;
const PROJECT_RECALL: f64 = 0.90;

/// A project as the fixtures key it: (name, group, line).
type Work = (String, String, u32);

/// Named works against `projects-<adcode>.tsv`. Each line a fixture lists is complete, so
/// precision counts every project compiled on those lines, recall every row.
#[test]
fn projects_match_the_hand_checked_fixtures() {
    let Some(b) = compiled() else { return };
    let mut failures = Vec::new();
    for id in PLANS {
        let l = locality(&b, id);
        let rows = fixture(&format!("projects-{id}.tsv"));
        let want: BTreeSet<Work> =
            rows.iter().map(|r| (r[0].clone(), r[1].clone(), r[3].parse().expect("line number"))).collect();
        let lines: BTreeSet<u32> = want.iter().map(|w| w.2).collect();
        let on_lines: Vec<&atlas_data::Project> = l.projects.iter().filter(|p| lines.contains(&p.line)).collect();
        let got: BTreeSet<Work> =
            on_lines.iter().map(|p| (p.name.clone(), p.group.clone().unwrap_or_default(), p.line)).collect();
        let (m, g, w) = score(&got, &want);
        let by_source = |s: atlas_data::ProjectSource| l.projects.iter().filter(|p| p.source == s).count();
        println!(
            "{id} {}: projects box {} text {}; named works precision {:.3} ({m}/{g}), recall {:.3} ({m}/{w})",
            l.name,
            by_source(atlas_data::ProjectSource::Box),
            by_source(atlas_data::ProjectSource::Text),
            ratio(m, g),
            ratio(m, w)
        );
        for x in want.difference(&got) {
            println!("  missing {x:?}");
        }
        for x in got.difference(&want) {
            println!("  unexpected {x:?}");
        }
        // The box column names where each work was read.
        for r in &rows {
            let line: u32 = r[3].parse().unwrap();
            if let Some(p) = on_lines.iter().find(|p| p.name == r[0] && p.line == line) {
                let ok = match r[2].as_str() {
                    "text" => p.source == atlas_data::ProjectSource::Text,
                    caption => p.source == atlas_data::ProjectSource::Box && p.box_title.contains(caption),
                };
                if !ok {
                    failures.push(format!(
                        "{id} {}: read from {} {:?}, fixture says {}",
                        r[0], p.box_title, p.source, r[2]
                    ));
                }
            }
        }
        if rows.len() < 25 {
            failures.push(format!("{id}: the fixture lists {} works, fewer than 25", rows.len()));
        }
        if ratio(m, g) < PROJECT_PRECISION || ratio(m, w) < PROJECT_RECALL {
            failures.push(format!("{id}: named works precision {:.3} / recall {:.3}", ratio(m, g), ratio(m, w)));
        }
    }
    // A work listed with others takes the places its own name gives, not its neighbours'.
    let zz = locality(&b, "430200");
    let places = |name: &str| zz.projects.iter().find(|p| p.name == name).map(|p| p.places.clone()).unwrap();
    assert_eq!(places("群丰大桥"), vec!["群丰镇".to_string()]);
    assert!(!places("清水塘大桥").contains(&"群丰镇".to_string()));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
