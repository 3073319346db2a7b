//! The places an element's text names: towns, counties and the seat (through [`LocalPlaces`]),
//! and, listed unlocated, the areas, rivers, roads and landmarks it names, each known by how its
//! name ends (`…片区`, `…江`, `…高速`, `…水库`). Printed order is kept, since an axis runs through its
//! places in that order.

use crate::places::LocalPlaces;
use atlas_data::{Place, PlaceKind};

/// Name endings of zones named after a place.
const AREA: [&str; 5] = ["片区", "新区", "经开区", "开发区", "高新区"];
/// Name endings of roads and railways (`G60`, `S336` and `107国道` are recognised too).
const ROAD: [&str; 11] =
    ["高速公路", "高速", "国道", "省道", "铁路", "城铁", "高铁", "城际", "绕城线", "大道", "快速路"];
const RIVER: [&str; 4] = ["江", "河", "水", "溪"];
const LANDMARK: [&str; 17] = [
    "水库",
    "湿地公园",
    "森林公园",
    "公园",
    "自然保护区",
    "保护区",
    "风景名胜区",
    "书院",
    "故居",
    "湿地",
    "机场",
    "寺",
    "祠",
    "山",
    "峰",
    "岭",
    "湖",
];

/// `G60`, `S336`: a national or provincial road number.
fn road_number(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some('G' | 'S')) && s.len() >= 2 && c.all(|d| d.is_ascii_digit())
}

/// The longest feature name read (`湘江（涟水）—杨河发展带` is 12).
const MAX_NAME_CHARS: usize = 16;

/// The kind of a named feature from how its name ends; `None` for names of no such kind.
pub fn classify(name: &str) -> Option<PlaceKind> {
    let n = name.chars().count();
    if !(2..=MAX_NAME_CHARS).contains(&n) || name.contains(['，', '。', '、', '：', '“', '”']) {
        return None;
    }
    if road_number(name) {
        return Some(PlaceKind::Road);
    }
    let ends = |list: &[&str]| list.iter().any(|e| name.ends_with(e) && name.len() > e.len());
    if ends(&AREA) {
        return Some(PlaceKind::Area);
    }
    // `线` alone ends many words (`沿线`, `游线`): a line is a road when it has a number (`G4京广线`).
    if ends(&ROAD) || (name.ends_with('线') && name.chars().any(|c| c.is_ascii_digit())) {
        return Some(PlaceKind::Road);
    }
    if ends(&LANDMARK) {
        return Some(PlaceKind::Landmark);
    }
    if ends(&RIVER) && n <= 4 {
        return Some(PlaceKind::River);
    }
    None
}

/// Words that lead into a name in running text (`依托云龙大道`, `加快建设南洲新区`); a name is
/// read after the last of them in its clause.
const LEADS: [&str; 40] = [
    "重点开发",
    "重点建设",
    "重点引导",
    "加快建设",
    "着力建设",
    "加快开发",
    "加快推进",
    "积极打造",
    "加快打造",
    "做大做强",
    "加强对",
    "做好",
    "依托",
    "利用",
    "串联",
    "连接",
    "辐射",
    "包括",
    "突出",
    "对接",
    "构建",
    "打造",
    "建设",
    "推进",
    "推动",
    "加强",
    "带动",
    "打通",
    "拉通",
    "加快",
    "提高",
    "完善",
    "优化",
    "提升",
    "发展",
    "形成",
    "开发",
    "承接",
    "融入",
    "实施",
];
/// Lead-ins read only at the start of a clause (`以湘江为轴`, `沿湘江`, `保护水库…`): words that
/// may also be part of a name (`自然保护区`).
const LEADS_AT_START: [&str; 14] =
    ["以", "沿", "与", "对", "在", "迁", "转", "保护", "保持", "设立", "绿化", "禁止", "严格", "污染"];

/// Lead-ins that say a place follows (`以湘江为轴`, `突出渌水的独特作用`, `依托云龙大道`).
const CUES: [&str; 9] = ["以", "沿", "依托", "突出", "对接", "串联", "连接", "利用", "加强对"];

/// A name as printed in a clause, without the words around it (what follows `等`, `为`, `的` or a
/// counted phrase like `两条…`, then the lead-in verbs), and whether a place cue led into it.
fn bare(clause: &str) -> (&str, bool) {
    let mut s = clause.trim().trim_start_matches(['—', '*', ' ']);
    let stops = ["等", "为", "的", "境内"];
    let mut end = stops.iter().filter_map(|w| s.find(w)).min().unwrap_or(s.len());
    let counted = s.char_indices().find(|(i, c)| {
        "两二三四五六七八九十".contains(*c) && s[i + c.len_utf8()..].starts_with(['个', '条', '大', '座', '镇', '处'])
    });
    if let Some((i, _)) = counted {
        end = end.min(i);
    }
    s = &s[..end];
    let mut cued = false;
    if let Some((i, lead)) = LEADS.iter().filter_map(|l| s.rfind(l).map(|i| (i + l.len(), *l))).max_by_key(|(i, _)| *i)
    {
        cued = CUES.contains(&lead);
        s = &s[i..];
    }
    while let Some(l) = LEADS_AT_START.iter().find(|l| s.starts_with(*l)) {
        cued |= CUES.contains(l);
        s = &s[l.len()..];
    }
    (s.trim_end_matches(['*', ' ']), cued)
}

/// A feature's name made only of generic words (`风景名胜区`, `水库湿地`) names no place.
fn generic(name: &str) -> bool {
    let words: Vec<&str> = AREA.iter().chain(&LANDMARK).copied().collect();
    let mut rest = name;
    while let Some(w) = words.iter().filter(|w| rest.starts_with(**w)).max_by_key(|w| w.len()) {
        rest = &rest[w.len()..];
    }
    rest.is_empty()
        || AREA.iter().chain(&ROAD).chain(&LANDMARK).chain(&RIVER).any(|e| name == *e)
        || ["各", "相关", "一批", "全", "市级", "县级"].iter().any(|g| name.starts_with(g))
}

/// Words that may follow a place's name at the end of a list (`大通湖丰富的水域资源`).
const AFTER_PLACE: [&str; 7] = ["丰富", "沿岸", "两岸", "流域", "周边", "一带", "地区"];

/// Whether a kind is known from a single-character ending (`江`, `山`, `湖`): such names are
/// common words in prose, so they count only where a list or a cue says a place is meant.
fn weak(name: &str, kind: PlaceKind) -> bool {
    match kind {
        PlaceKind::River => true,
        PlaceKind::Landmark => ["山", "峰", "岭", "湖", "寺", "祠"].iter().any(|e| name.ends_with(e)),
        _ => false,
    }
}

/// Features named in `text`: each clause (cut at punctuation and at `和`/`与`/`及`) whose bare name
/// is an area, road, river or landmark, with its byte position. Names that are this locality's
/// known places, and areas named after places outside it (`长沙片区`), are left out. A name with a
/// one-character ending (`湘江`, `东台山`) counts in a list or after a place cue; the last item of a
/// list may carry words after it (`大通湖丰富的水域`).
pub fn named_features(text: &str, places: &LocalPlaces) -> Vec<(usize, String, PlaceKind)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous = ' ';
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), '。'))) {
        if !"，,。、；;：:（）()“”\n和与及-—".contains(c) {
            continue;
        }
        let clause = &text[start..i];
        let in_list = c == '、' || previous == '、';
        let last_in_list = previous == '、' && c != '、';
        previous = c;
        let (name, cued) = bare(clause);
        start = i + c.len_utf8();
        let whole = classify(name).map(|k| (name, k));
        let hit = whole.or_else(|| {
            // A longer name with words after it: strong endings anywhere, weak ones at a list's end.
            // Only heads `classify` can accept (up to MAX_NAME_CHARS): a clause with no
            // punctuation may be a whole page long.
            let ends: Vec<usize> = name
                .char_indices()
                .take(MAX_NAME_CHARS)
                .map(|(i, c)| i + c.len_utf8())
                .filter(|&e| e < name.len())
                .collect();
            ends.iter().rev().find_map(|&e| {
                let head = &name[..e];
                let trailing = AFTER_PLACE.iter().any(|w| name[e..].starts_with(w));
                classify(head)
                    .filter(|k| !weak(head, *k) || last_in_list && trailing && head.chars().count() >= 3)
                    .map(|k| (head, k))
            })
        });
        let Some((name, kind)) = hit else { continue };
        let weak_here = weak(name, kind) && !(in_list || cued) || weak(name, kind) && name.chars().count() > 5;
        let known_stem =
            weak(name, kind) && name.char_indices().last().is_some_and(|(e, _)| places.is_known(&name[..e]));
        let external = kind == PlaceKind::Area && places.is_external(name);
        if places.is_known(name) || generic(name) || weak_here || known_stem || external {
            continue;
        }
        let at = (start - c.len_utf8() - clause.len()) + clause.find(name).unwrap_or(0);
        out.push((at, name.to_string(), kind));
    }
    out
}

/// Whether a known place printed at `at` is part of a longer feature's name (`白莲水库` is a
/// reservoir, not 白莲镇; `赫山片区` is an area, not 赫山区).
fn inside_feature(at: usize, name: &str, features: &[(usize, String, PlaceKind)]) -> bool {
    features.iter().any(|(p, f, _)| *p <= at && at + name.len() <= p + f.len() && f != name)
}

/// The places of an element, in printed order: `name` first, then `text`. Towns, counties and the
/// seat come from `places`; features from their names. A seat word printed next to the name of
/// the same place (`中心主城区易俗河镇`) counts once, as the name.
pub fn places_of(name: &str, text: &str, places: &LocalPlaces, role_kind: Option<PlaceKind>) -> Vec<Place> {
    let joined = format!("{name}\n{text}");
    let mut found: Vec<(usize, Place)> = Vec::new();
    let mut features = named_features(&joined, places);
    let own_kind = role_kind.or_else(|| classify(name).filter(|k| matches!(k, PlaceKind::Area | PlaceKind::Landmark)));
    if let Some(kind) = own_kind {
        // The element is itself a river, reservoir or zone (`洣水`, `德圳水库`, `…开发区`).
        found.push((0, unlocated(name, kind)));
        for (at, _) in joined.match_indices(name) {
            features.push((at, name.to_string(), kind));
        }
    } else {
        // Features the name starts with (`沿G4京广线发展轴`, `湘江（涟水）—杨河发展带`), unless the
        // text names them in full (`G60城镇经济发展带` … `G60沪昆高速`).
        for (at, piece) in name_pieces(name) {
            if let Some((feature, kind)) = leading_feature(piece) {
                let fuller = features.iter().any(|(p, f, _)| *p >= name.len() && f.contains(feature) && f != feature);
                if !fuller {
                    found.push((at, unlocated(feature, kind)));
                }
            }
        }
    }
    let admin: Vec<(usize, String)> =
        places.find_in(&joined).into_iter().filter(|(at, p)| !inside_feature(*at, p, &features)).collect();
    for (at, printed) in &admin {
        let place = places.resolve(printed);
        // `中心主城区易俗河镇`: the seat word beside the place's own name.
        let beside = place.kind == PlaceKind::Seat
            && admin.iter().any(|(a, other)| {
                other != printed
                    && (*a == at + printed.len() || a + other.len() == *at)
                    && places.resolve(other).name == place.name
            });
        if !beside {
            found.push((*at, place));
        }
    }
    for chain in chains(&joined) {
        for (at, member) in chain {
            if !found.iter().any(|(_, p)| p.as_printed == member) {
                let place = places.resolve(&member);
                let place = match (place.kind, classify(&member)) {
                    (PlaceKind::Unknown, Some(kind)) => unlocated(&member, kind),
                    _ => place,
                };
                found.push((at, place));
            }
        }
    }
    for (at, feature, kind) in features.into_iter().filter(|(at, f, _)| *at >= name.len() && f != name) {
        found.push((at, unlocated(&feature, kind)));
    }
    found.sort_by_key(|(at, _)| *at);
    let mut out: Vec<Place> = Vec::new();
    for (_, p) in found {
        // The seat, however it is printed (中心城区, 主城区), counts once.
        let seat_again = p.kind == PlaceKind::Seat && out.iter().any(|q| q.kind == PlaceKind::Seat);
        if !seat_again && !out.iter().any(|q| q.as_printed == p.as_printed) {
            out.push(p);
        }
    }
    out
}

fn unlocated(name: &str, kind: PlaceKind) -> Place {
    Place { as_printed: name.to_string(), name: None, lon: None, lat: None, kind, path: Vec::new() }
}

/// The pieces of an element's name with their byte positions: `湘江（涟水）—杨河发展带` →
/// `湘江`, `涟水`, `杨河发展带`; a leading `沿` is dropped.
fn name_pieces(name: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().chain(std::iter::once((name.len(), '。'))) {
        if "（）()—-、".contains(c) || i == name.len() {
            let piece = &name[start..i];
            let trimmed = piece.strip_prefix('沿').unwrap_or(piece);
            if !trimmed.is_empty() {
                out.push((start + (piece.len() - trimmed.len()), trimmed));
            }
            start = i + c.len_utf8();
        }
    }
    out
}

/// The longest start of `piece` that names a river or road (`107国道纵向发展轴` → `107国道`).
fn leading_feature(piece: &str) -> Option<(&str, PlaceKind)> {
    let ends: Vec<usize> = piece.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    ends.iter().rev().find_map(|&e| {
        let head = &piece[..e];
        let digits_then_words = head.chars().next().is_some_and(|c| c.is_ascii_digit());
        classify(head)
            .filter(|k| matches!(k, PlaceKind::River | PlaceKind::Road))
            .filter(|k| *k == PlaceKind::Road || !digits_then_words)
            .map(|k| (head, k))
    })
}

/// `石滩-大浦-霞流-县城` (three or more CJK names joined by hyphens or dashes), and the names in a
/// parenthesised chain such as `（中心城区-沅江-南县-大通湖）`: each member with its position.
fn chains(text: &str) -> Vec<Vec<(usize, String)>> {
    let mut out = Vec::new();
    let mut start = 0;
    let is_sep = |c: char| !(crate::text::is_cjk(c) || "-—－―".contains(c)) || "，。、；：（）“”".contains(c);
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if i < text.len() && !is_sep(c) {
            continue;
        }
        let piece = &text[start..i];
        let mut members: Vec<(usize, &str)> = Vec::new();
        let mut at = 0;
        for m in piece.split(['-', '—', '－', '―']) {
            members.push((start + at, m));
            at += m.len() + piece[at + m.len()..].chars().next().map_or(0, char::len_utf8);
        }
        // `打通自石滩-…-三樟的沿线乡镇`: the words around the chain are not part of its ends.
        if let Some((p, first)) = members.first_mut() {
            if let Some(k) = first.rfind(['自', '从', '经', '由']) {
                *p += k + '自'.len_utf8();
                *first = &first[k + '自'.len_utf8()..];
            }
        }
        if let Some((_, last)) = members.last_mut() {
            if let Some(k) = last.find(['的', '等', '为']) {
                *last = &last[..k];
            }
        }
        let short = |m: &&str| (1..=8).contains(&m.chars().count()) && m.chars().all(crate::text::is_cjk);
        if members.len() >= 3 && members.iter().all(|(_, m)| short(m)) {
            out.push(members.into_iter().map(|(p, m)| (p, m.to_string())).collect());
        }
        start = i + c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_name_endings() {
        assert_eq!(classify("醴娄高速"), Some(PlaceKind::Road));
        assert_eq!(classify("G60"), Some(PlaceKind::Road));
        assert_eq!(classify("107国道"), Some(PlaceKind::Road));
        assert_eq!(classify("G320绕城线"), Some(PlaceKind::Road));
        assert_eq!(classify("G4京广线"), Some(PlaceKind::Road));
        assert_eq!(classify("南洲新区"), Some(PlaceKind::Area));
        assert_eq!(classify("赫山片区"), Some(PlaceKind::Area));
        assert_eq!(classify("湘江"), Some(PlaceKind::River));
        assert_eq!(classify("永乐江"), Some(PlaceKind::River));
        assert_eq!(classify("德圳水库"), Some(PlaceKind::Landmark));
        assert_eq!(classify("东台山国家森林公园"), Some(PlaceKind::Landmark));
        assert_eq!(classify("黄公略故居"), Some(PlaceKind::Landmark));
        for not in ["发展", "产业链", "古龙湖文旅小镇", "韶灌", "茅浒水乡", "区位优势", "线", "沿线", "红色人文游线"]
        {
            assert_eq!(classify(not), None, "{not}");
        }
    }

    #[test]
    fn bare_names_drop_their_lead_ins_and_tails() {
        assert_eq!(bare("依托G320绕城线"), ("G320绕城线", true));
        assert_eq!(bare("G240两大发展轴线"), ("G240", false));
        assert_eq!(bare("加快发展以云龙大道为轴的北向增长极"), ("云龙大道", true));
        assert_eq!(bare("构建涟水"), ("涟水", false));
        assert_eq!(bare("茅浒水乡等打造文旅经济"), ("茅浒水乡", false));
        assert_eq!(bare("加强对四方山"), ("四方山", true));
        assert_eq!(bare("做好天光山省级自然保护区"), ("天光山省级自然保护区", false));
    }

    #[test]
    fn leading_features_of_names() {
        assert_eq!(leading_feature("G4京广线发展轴"), Some(("G4京广线", PlaceKind::Road)));
        assert_eq!(leading_feature("107国道纵向发展轴"), Some(("107国道", PlaceKind::Road)));
        assert_eq!(leading_feature("涓水绿色经济带"), Some(("涓水", PlaceKind::River)));
        assert_eq!(leading_feature("杨河发展带"), Some(("杨河", PlaceKind::River)));
        assert_eq!(leading_feature("湘韶文旅产业带"), None);
    }

    #[test]
    fn places_in_printed_order_with_kinds() {
        let towns: Vec<atlas_data::Town> = ["石滩乡", "大浦镇", "霞流镇", "洣水镇", "白莲镇"]
            .iter()
            .map(|n| atlas_data::Town { name: n.to_string(), county: "衡东县".into(), lon: 112.9, lat: 27.1 })
            .collect();
        let local = LocalPlaces::new("430424", "衡东县", Some("洣水镇"), &[], &[], &towns);
        let p = places_of("沿G4京广线发展轴", "打通自石滩-大浦-霞流-县城的沿线乡镇，和白莲水库。", &local, None);
        let got: Vec<(&str, &str)> = p.iter().map(|p| (p.as_printed.as_str(), p.kind.as_str())).collect();
        assert_eq!(
            got,
            [
                ("G4京广线", "road"),
                ("石滩", "town"),
                ("大浦", "town"),
                ("霞流", "town"),
                ("县城", "seat"),
                ("白莲水库", "landmark")
            ]
        );
        let river = places_of("洣水", "", &local, Some(PlaceKind::River));
        assert_eq!(
            river.iter().map(|p| (p.as_printed.as_str(), p.kind)).collect::<Vec<_>>(),
            [("洣水", PlaceKind::River)]
        );
    }
}
