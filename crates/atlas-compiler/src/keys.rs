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

/// Normalises a name for matching: no spaces, ASCII upper-case, full-width brackets as ASCII.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_uppercase(),
        })
        .collect()
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

    pub fn lookup(&self, name: &str) -> Option<&str> {
        self.by_name.get(&normalize(name)).map(|&i| self.list[i].key.as_str())
    }
}
