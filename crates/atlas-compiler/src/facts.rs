//! A plan's locality facts — adcode, name, English name, level, parent, seat — derived from the
//! text's title and the registry (county polygons), and the seat from the gazetteer, wherever
//! `plans.toml` does not give them. `atlas build` fills gaps with these; `atlas init` prints them
//! for review. What cannot be derived is said, never guessed.

use crate::corpus::PlanEntry;
use crate::front::Front;
use crate::geo::{contains, Gazetteer};
use crate::registry::{Candidate, Registry};
use atlas_data::{Level, Period, Severity};
use pinyin::ToPinyin;

/// The facts of one locality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub level: Level,
    pub parent: String,
    pub seat: Option<String>,
    /// The five-year period the plan is for.
    pub period: Period,
}

/// Which locality a plan is about, from its title (`湘潭县国民经济和社会发展…`), or from the
/// adopting body (`湘潭县第十六届人民代表大会…`) when there is no title. Several units may share
/// the name; the one whose prefecture and province the text names most often wins, and an
/// unresolved tie is reported.
pub fn identify(registry: &Registry, heads: &[&str], text: &str) -> Result<(Candidate, Vec<String>), String> {
    let mut notes = Vec::new();
    // The longest name a head starts with; after a province's name (`湖南省湘潭县…`) the unit
    // inside it, else the province itself (`北京市国民经济…`).
    let longest = |head: &str| registry.names().filter(|n| head.starts_with(n)).max_by_key(|n| n.chars().count());
    let name = heads
        .iter()
        .find_map(|head| {
            let inner = registry.province_names().find_map(|p| head.strip_prefix(p)).and_then(longest);
            inner.or_else(|| longest(head))
        })
        .ok_or_else(|| match heads.first() {
            Some(h) => format!("no unit in the registry is named at the start of `{h}`"),
            None => "the text has no title to tell which locality it is about".to_string(),
        })?;
    let mut candidates = registry.by_name(name);
    if candidates.len() > 1 {
        let mentions = |c: &Candidate| {
            let parent = registry.parent_of(&c.adcode).map_or(0, |(_, p)| text.matches(p).count());
            let province = registry.name_of(&format!("{}0000", &c.adcode[..2])).map_or(0, |p| text.matches(p).count());
            parent * 2 + province
        };
        candidates.sort_by_key(|c| std::cmp::Reverse(mentions(c)));
        if mentions(&candidates[0]) == mentions(&candidates[1]) {
            let codes: Vec<&str> = candidates.iter().map(|c| c.adcode.as_str()).collect();
            notes.push(format!(
                "{name} is the name of {} units ({}); the text does not tell which",
                codes.len(),
                codes.join(", ")
            ));
        } else {
            notes.push(format!(
                "{name} names {} units; chose {} by the places the text names",
                candidates.len(),
                candidates[0].adcode
            ));
        }
    }
    Ok((candidates.remove(0), notes))
}

/// The facts `entry` gives, the rest derived. `Err` names the first fact that cannot be told;
/// `notes` collects what a reviewer should know (an ambiguous name, a seat not found).
pub fn derive(
    e: &PlanEntry,
    level: Option<Level>,
    front: &Front,
    text: &str,
    registry: Option<&Registry>,
    gazetteer: &Gazetteer,
    notes: &mut Vec<(Severity, String)>,
) -> Result<Facts, String> {
    let need = |what: &str| {
        let r = registry
            .ok_or_else(|| format!("cannot tell the plan's {what}: no county polygons (--geo) to derive it"))?;
        Ok::<_, String>(r)
    };
    let id = match (&e.id, &e.name) {
        (Some(id), _) => id.clone(),
        (None, Some(name)) => match need("id")?.by_name(name).as_slice() {
            [one] => one.adcode.clone(),
            [] => return Err(format!("cannot tell the plan's id: no unit named {name} in the registry")),
            _ => return Err(format!("cannot tell the plan's id: several units are named {name}")),
        },
        (None, None) => {
            let heads: Vec<&str> = front.title.iter().chain(&front.adopted_by).map(String::as_str).collect();
            let (candidate, found) =
                identify(need("id")?, &heads, text).map_err(|why| format!("cannot tell the plan's id: {why}"))?;
            notes.extend(found.into_iter().map(|n| (Severity::Warning, n)));
            candidate.adcode
        }
    };
    let unknown = |what: &str| format!("cannot tell the plan's {what}: {id} is not in the registry");
    let name = match &e.name {
        Some(n) => n.clone(),
        None => need("name")?.name_of(&id).ok_or_else(|| unknown("name"))?.to_string(),
    };
    let level = match level {
        Some(l) => l,
        None => need("level")?.level_of(&id).ok_or_else(|| unknown("level"))?,
    };
    let parent = match &e.parent {
        Some(p) => p.clone(),
        None => parent_name(need("parent")?, &id).ok_or_else(|| unknown("parent"))?,
    };
    let name_en = e.name_en.clone().unwrap_or_else(|| english_name(&name));
    let has_gazetteer = !gazetteer.seats.is_empty() || !gazetteer.towns.is_empty();
    let seat = match (&e.seat, registry) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(r)) if has_gazetteer => match seat(r, gazetteer, &id, &name, level) {
            Ok(s) => Some(s),
            Err(why) => {
                let message = format!("seat not derived ({why}): 县城 / 中心城区 stay unresolved; give `seat`");
                notes.push((Severity::Note, message));
                None
            }
        },
        _ => None,
    };
    let period = match e.period {
        Some(n) => Period::new(n).ok_or_else(|| format!("period {n} is not a five-year plan period"))?,
        None => front.period.ok_or(
            "cannot tell the plan's period: its title does not say 第N个五年规划 and the text names no “十N五”",
        )?,
    };
    Ok(Facts { id, name, name_en, level, parent, seat, period })
}

/// Readings of characters that place names say differently from everyday words.
const PLACE_READINGS: [(&str, &str); 16] = [
    ("长", "chang"),
    ("重庆", "chongqing"),
    ("厦", "xia"),
    ("蚌埠", "bengbu"),
    ("六安", "lu'an"),
    ("六合", "luhe"),
    ("番禺", "panyu"),
    ("乐亭", "laoting"),
    ("丽水", "lishui"),
    ("单县", "shan"),
    ("莘县", "shen"),
    ("铅山", "yanshan"),
    ("尉氏", "weishi"),
    ("洪洞", "hongtong"),
    ("会稽", "kuaiji"),
    ("大足", "dazu"),
];

const SUFFIXES: [(&str, &str); 12] = [
    ("自治县", "Autonomous County"),
    ("自治州", "Autonomous Prefecture"),
    ("自治旗", "Autonomous Banner"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("地区", "Prefecture"),
    ("县", "County"),
    ("旗", "Banner"),
    ("盟", "League"),
    ("区", "District"),
    ("市", "City"),
    ("州", "Prefecture"),
];

/// The English name: the pinyin of the name without its suffix, then the suffix in English
/// (`湘潭县` → `Xiangtan County`). Ethnic groups before 自治县 are left out (`城步苗族自治县` →
/// `Chengbu Autonomous County`).
pub fn english_name(name: &str) -> String {
    let (stem, suffix) = SUFFIXES
        .iter()
        .find_map(|(zh, en)| name.strip_suffix(zh).filter(|s| !s.is_empty()).map(|s| (s, *en)))
        .unwrap_or((name, ""));
    let mut stem = stem;
    if suffix.starts_with("Autonomous") {
        // 城步苗族 → 城步; 湘西土家族苗族 → 湘西.
        stem = crate::registry::without_ethnic_groups(stem);
    }
    let mut syllables = String::new();
    let chars: Vec<char> = stem.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        if let Some((zh, py)) = PLACE_READINGS
            .iter()
            .find(|(zh, _)| rest.starts_with(zh) && (zh.chars().count() > 1 || *zh == "长" || *zh == "厦"))
        {
            push_syllable(&mut syllables, py);
            i += zh.chars().count();
            continue;
        }
        match chars[i].to_pinyin() {
            Some(p) => push_syllable(&mut syllables, p.plain()),
            None => syllables.push(chars[i]),
        }
        i += 1;
    }
    let mut out: String = syllables.chars().take(1).flat_map(char::to_uppercase).collect();
    out.extend(syllables.chars().skip(1));
    if suffix.is_empty() {
        out
    } else {
        format!("{out} {suffix}")
    }
}

/// Appends a syllable; one starting with a, o or e after another gets an apostrophe (`Xi'an`).
fn push_syllable(out: &mut String, syllable: &str) {
    if !out.is_empty() && syllable.starts_with(['a', 'o', 'e']) {
        out.push('\'');
    }
    out.push_str(syllable);
}

/// The parent as plans.toml writes it: the prefecture of a county, the province of a prefecture.
pub fn parent_name(registry: &Registry, adcode: &str) -> Option<String> {
    registry.parent_of(adcode).map(|(_, name)| name.to_string())
}

/// The seat: for a county-level unit, its 城关 town, else the town nearest the county's seat point
/// (within 5 km); for a prefecture, the district whose polygon holds the prefecture's seat point.
/// `None`, with the reason, when the gazetteer cannot tell.
pub fn seat(
    registry: &Registry,
    gazetteer: &Gazetteer,
    adcode: &str,
    name: &str,
    level: Level,
) -> Result<String, String> {
    let point = gazetteer
        .seats
        .iter()
        .find(|s| s.adcode.as_deref() == Some(adcode))
        .or_else(|| gazetteer.seats.iter().find(|s| s.adcode.is_none() && s.name == name));
    if level.is_prefecture() {
        let point = point.ok_or("the gazetteer has no seat point for it")?;
        let prefix = &adcode[..4];
        return registry
            .counties
            .iter()
            .filter(|c| c.adcode.starts_with(prefix))
            .find(|c| contains(&c.rings, point.lon, point.lat))
            .map(|c| c.name.clone())
            .ok_or_else(|| "its seat point lies in none of its districts".to_string());
    }
    let towns: Vec<&atlas_data::Town> = gazetteer.towns.iter().filter(|t| t.county == name).collect();
    if let Some(t) = towns.iter().find(|t| t.name.starts_with("城关")) {
        return Ok(t.name.clone());
    }
    let point = point.ok_or("no 城关 town, and the gazetteer has no seat point for it")?;
    let km = |t: &atlas_data::Town| {
        let dx = (t.lon - point.lon) * 111.32 * point.lat.to_radians().cos();
        let dy = (t.lat - point.lat) * 110.57;
        (dx * dx + dy * dy).sqrt()
    };
    towns
        .iter()
        .map(|t| (km(t), t))
        .filter(|(d, _)| *d <= 5.0)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| t.name.clone())
        .ok_or_else(|| "no town of the gazetteer lies within 5 km of its seat point".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names() {
        assert_eq!(english_name("湘潭县"), "Xiangtan County");
        assert_eq!(english_name("湘乡市"), "Xiangxiang City");
        assert_eq!(english_name("株洲市"), "Zhuzhou City");
        assert_eq!(english_name("天元区"), "Tianyuan District");
        assert_eq!(english_name("长沙市"), "Changsha City");
        assert_eq!(english_name("西安市"), "Xi'an City");
        assert_eq!(english_name("攸县"), "You County");
        assert_eq!(english_name("城步苗族自治县"), "Chengbu Autonomous County");
        assert_eq!(english_name("湘西土家族苗族自治州"), "Xiangxi Autonomous Prefecture");
    }
}
