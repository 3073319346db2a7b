//! Real 十五五 outlines (`ATLAS_PLANS15`: 北京 as PDF text, 上海 and 杭州 as web-page text), read in
//! place and never copied into the repository: `atlas init` names each with no edits.

use atlas_compiler::geo::Gazetteer;
use atlas_compiler::init;
use atlas_compiler::registry::Registry;
use std::path::Path;

mod common;
use common::{geo, plans15};

/// The shared outlines: file, adcode, name, level, parent.
const OUTLINES: [(&str, &str, &str, &str, &str); 3] = [
    ("bj-15th.txt", "110000", "北京市", "municipality", "全国"),
    ("sh-15th.txt", "310000", "上海市", "municipality", "全国"),
    ("hz-15th.txt", "330100", "杭州市", "prefecture_city", "浙江省"),
];

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
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
