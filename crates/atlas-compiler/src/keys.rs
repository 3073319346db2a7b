//! Canonical indicator keys (`corpus/indicators.toml`): a row whose name, with spaces, unit and
//! marker removed, equals one of a key's synonyms gets that key. Matching is exact on purpose: a
//! level and its growth rate (`地区生产总值` / `地区生产总值增长`) must never share a key.

use atlas_data::IndicatorKey;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "indicator")]
    indicators: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    key: String,
    zh: String,
    en: String,
    unit: Option<String>,
    synonyms: Vec<String>,
}

pub struct Keys {
    pub list: Vec<IndicatorKey>,
    by_name: HashMap<String, usize>,
}

/// Normalises a name for matching: no spaces, ASCII upper-case, full-width brackets as ASCII,
/// Roman numerals as letters (`Ⅲ类` = `III类`).
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_uppercase(),
        })
        .collect::<String>()
        .replace('Ⅲ', "III")
        .replace('Ⅴ', "V")
}

impl Keys {
    pub fn parse(text: &str) -> Result<Keys, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut by_name = HashMap::new();
        let mut list = Vec::new();
        for (i, e) in file.indicators.into_iter().enumerate() {
            for s in e.synonyms.iter().chain(std::iter::once(&e.zh)) {
                if let Some(prev) = by_name.insert(normalize(s), i) {
                    if prev != i {
                        return Err(format!("synonym `{s}` belongs to two keys"));
                    }
                }
            }
            list.push(IndicatorKey { key: e.key, zh: e.zh, en: e.en, unit: e.unit });
        }
        Ok(Keys { list, by_name })
    }

    /// The key of a row named `name` (a sub-row of `parent`, if any).
    pub fn lookup(&self, name: &str, parent: Option<&str>) -> Option<&str> {
        let by_path = parent.and_then(|p| self.by_name.get(&normalize(&format!("{p}/{name}"))));
        by_path.or_else(|| self.by_name.get(&normalize(name))).map(|&i| self.list[i].key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &str = r#"
[[indicator]]
key = "gdp"
zh = "地区生产总值"
en = "GDP"
synonyms = ["GDP"]

[[indicator]]
key = "gdp_growth"
zh = "地区生产总值增长"
en = "GDP growth"
synonyms = ["地区生产总值/增速(%"]

[[indicator]]
key = "surface_water_good"
zh = "地表水达到或好于III类水体比例"
en = "Surface water of grade III or better"
synonyms = []
"#;

    #[test]
    fn exact_matching_keeps_levels_and_growth_apart() {
        let k = Keys::parse(KEYS).unwrap();
        assert_eq!(k.lookup("地区生产总值", None), Some("gdp"));
        assert_eq!(k.lookup("gdp", None), Some("gdp"));
        assert_eq!(k.lookup("增速(%", Some("地区生产总值")), Some("gdp_growth"));
        assert_eq!(k.lookup("地区生产总值增长速度", None), None);
        assert_eq!(k.lookup("地表水达到或好于Ⅲ类水体比例", None), Some("surface_water_good"));
    }

    #[test]
    fn a_synonym_cannot_serve_two_keys() {
        let twice = format!("{KEYS}\n[[indicator]]\nkey = \"x\"\nzh = \"x\"\nen = \"x\"\nsynonyms = [\"GDP\"]\n");
        assert!(Keys::parse(&twice).is_err());
    }
}
