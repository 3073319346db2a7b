//! 空间布局: spatial layouts stated as slogans such as “一核、二副、三轴”.
//!
//! A slogan is a quoted run of count + role parts (一核, 二副, 三轴, 多节点) on a line that speaks of
//! 布局 / 格局 / 空间 (or under such a heading). The first one in the text is the primary layout.
//! Each part's definition is found by its label (“二副”：… , “一主”即 …); its elements are the
//! enumerated names of the definition, else the sentences that open with a name ending in the
//! role (`棋梓次中心。`), else a name found anywhere in the text ending in the role (`湖区经济翼`).
//! Places are read in printed order: hyphenated chains (`石滩-大浦-霞流`), enumerations that name
//! a known place, and known names.

use crate::places::{LocalPlaces, SEAT_WORDS};
use crate::text::chinese_number;
use atlas_data::{Element, Layout, Place};

const NUMERALS: &str = "一二两三四五六七八九十多";
/// Role words, longest first.
const ROLES: [&str; 19] = [
    "节点", "主", "次", "核", "心", "副", "带", "轴", "圈", "廊", "翼", "极", "区", "水", "库", "园", "链", "群", "点",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub label: String,
    pub count: Option<u32>,
    pub role: String,
}

/// Reads a slogan such as `一核、二副、三轴` into its parts; `None` unless it has at least two.
pub fn parse_slogan(s: &str) -> Option<Vec<Part>> {
    let mut parts = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        rest = rest.trim_start_matches(['、', '，', ' ']);
        if rest.is_empty() {
            break;
        }
        let num_len: usize = rest.chars().take_while(|c| NUMERALS.contains(*c)).map(char::len_utf8).sum();
        if num_len == 0 {
            return None;
        }
        let numeral = &rest[..num_len];
        let role = ROLES.iter().find(|r| rest[num_len..].starts_with(*r))?;
        let label = format!("{numeral}{role}");
        parts.push(Part {
            count: if numeral == "多" { None } else { chinese_number(numeral) },
            role: role.to_string(),
            label,
        });
        rest = &rest[num_len + role.len()..];
    }
    (parts.len() >= 2).then_some(parts)
}

/// Words that a name of an element with this role may end with.
fn role_endings(role: &str) -> &'static [&'static str] {
    match role {
        "核" => &["核", "核心", "增长极"],
        "主" => &["主城区", "城区", "中心"],
        "心" => &["心"],
        "副" => &["副中心", "中心"],
        "次" => &["次中心", "中心"],
        "节点" => &["节点", "乡镇", "城镇"],
        "水" => &["水", "江", "河"],
        "区" => &["区"],
        "带" => &["带"],
        "轴" => &["轴"],
        "圈" => &["圈"],
        "廊" => &["廊"],
        "翼" => &["翼"],
        "极" => &["极"],
        "库" => &["库"],
        "园" => &["园"],
        "链" => &["链"],
        "群" => &["群"],
        _ => &["点"],
    }
}

fn quoted_runs(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find('“').map(|o| o + from) {
        let start = open + '“'.len_utf8();
        let Some(close) = line[start..].find('”').map(|c| c + start) else { break };
        out.push((open, &line[start..close]));
        from = close;
    }
    out
}

/// How strongly a slogan's place says "this is the spatial layout": the line speaks of 格局 /
/// 布局 / 空间, and the enclosing headings of 空间布局 (or any 布局 / 格局).
fn spatial_score(line: &str, context: &str) -> u32 {
    let line_score = if ["格局", "布局", "空间"].iter().any(|w| line.contains(w)) { 2 } else { 0 };
    let context_score = if context.contains("空间布局") {
        2
    } else if context.contains("布局") || context.contains("格局") {
        1
    } else {
        0
    };
    line_score + context_score
}

/// Extracts every layout from the text. `contexts[i]` holds the titles of the headings enclosing
/// line `i`. The primary layout is the most spatial one (see `spatial_score`), earliest first.
pub fn extract(lines: &[&str], contexts: &[String], places: &LocalPlaces) -> Vec<Layout> {
    let mut found: Vec<(usize, String, Vec<Part>, u32)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if crate::outline::is_toc_entry(line.trim()) {
            continue;
        }
        let score = spatial_score(line, contexts.get(i).map_or("", String::as_str));
        if score < 2 {
            continue;
        }
        for (_, q) in quoted_runs(line) {
            if let Some(parts) = parse_slogan(q) {
                if !found.iter().any(|(_, s, _, _)| s == q) {
                    found.push((i, q.to_string(), parts, score));
                }
            }
        }
    }
    let primary = found.iter().enumerate().max_by_key(|(k, f)| (f.3, std::cmp::Reverse(*k))).map(|(k, _)| k);
    found
        .iter()
        .enumerate()
        .map(|(n, (i, slogan, parts, _))| {
            let scope = scope_lines(lines, *i);
            let elements = parts.iter().flat_map(|p| elements_of(p, parts, &scope, places)).collect();
            Layout { slogan: slogan.clone(), primary: Some(n) == primary, line: *i as u32 + 1, elements }
        })
        .collect()
}

/// The slogan line and the lines after it, up to the next heading. (A slogan nested in another's
/// definition, like 株洲's 一主三极 inside 一核, does not cut the outer one short.)
fn scope_lines<'a>(lines: &[&'a str], start: usize) -> Vec<(u32, &'a str)> {
    let mut out = vec![(start as u32 + 1, lines[start])];
    for (j, l) in lines.iter().enumerate().skip(start + 1) {
        if crate::outline::parse_heading(l).is_some() {
            break;
        }
        if !l.trim().is_empty() {
            out.push((j as u32 + 1, *l));
        }
    }
    out
}

/// Where a part's definition starts: `“二副”：`, `“一主”即`, `一核：` at a line start.
fn definition_at(text: &str, label: &str) -> Option<usize> {
    let quoted = format!("“{label}”");
    if let Some(p) = text.find(&quoted) {
        let after = &text[p + quoted.len()..];
        if after.starts_with(['：', ':', '—', '即', '是']) {
            return Some(p + quoted.len());
        }
    }
    text.match_indices(label)
        .find(|(p, _)| (*p == 0 || text[..*p].ends_with('\n')) && text[p + label.len()..].starts_with(['：', ':']))
        .map(|(p, _)| p + label.len())
}

/// Strips the separator after a label: `：`, `即`, `——`.
fn after_separator(s: &str) -> &str {
    s.trim_start_matches(['：', ':', '—', ' ', '\u{3000}']).trim_start_matches('即').trim_start()
}

fn elements_of(part: &Part, all: &[Part], scope: &[(u32, &str)], places: &LocalPlaces) -> Vec<Element> {
    // One string for the scope, with a map back to line numbers.
    let mut text = String::new();
    let mut line_at: Vec<(usize, u32)> = Vec::new();
    for (n, l) in scope {
        line_at.push((text.len(), *n));
        text.push_str(l.trim());
        text.push('\n');
    }
    let line_of = |pos: usize| line_at.iter().rev().find(|(p, _)| *p <= pos).map_or(0, |(_, n)| *n);

    let def = definition_at(&text, &part.label);
    let seg_start = def.unwrap_or(0);
    let seg_end = all
        .iter()
        .filter(|p| p.label != part.label)
        .filter_map(|p| definition_at(&text, &p.label))
        .filter(|&e| e > seg_start)
        .map(|e| text[..e].rfind(['“', '\n']).map_or(e, |q| q.max(seg_start)))
        .min()
        .unwrap_or(text.len());
    let segment = &text[seg_start..seg_end];
    let endings = role_endings(&part.role);

    let mut named: Vec<(usize, String)>;
    let mut clause_only = false;
    if def.is_some() {
        let body = after_separator(segment);
        let body_at = seg_start + (segment.len() - body.len());
        let head_end = body.find(['。', '，', ',', '\n', '；']).unwrap_or(body.len());
        let head = &body[..head_end];
        let pieces = split_enumeration(head);
        let listed = part.count.filter(|&c| c > 1).and_then(|c| listed_names(segment, c as usize, endings));
        if part.count.is_some_and(|c| c > 1 && pieces.len() == c as usize) {
            named = pieces.into_iter().map(|p| (body_at + head.find(p.as_str()).unwrap_or(0), p)).collect();
        } else if let Some(list) = listed {
            named = list.into_iter().map(|(p, n)| (seg_start + p, n)).collect();
        } else {
            named = sentence_heads(segment, endings).into_iter().map(|(p, s)| (seg_start + p, s)).collect();
            if named.is_empty() || part.count == Some(1) {
                named = vec![(body_at, head.trim_matches(['“', '”']).to_string())];
            }
        }
    } else {
        named = phrases_ending(&text, endings);
        clause_only = true;
    }
    if let Some(c) = part.count {
        named.truncate(c as usize);
    }
    if named.is_empty() {
        named.push((seg_start, part.label.clone()));
    }
    let starts: Vec<usize> = named.iter().map(|(p, _)| *p).collect();
    named
        .iter()
        .enumerate()
        .map(|(k, (pos, name))| {
            // An element's text runs to the next element, or to the end of the part.
            let end = starts.get(k + 1).copied().filter(|&e| e > *pos).unwrap_or(seg_end.max(*pos));
            let mut own =
                if clause_only { clause_around(&text, *pos, name.len()) } else { text[*pos..end].to_string() };
            // Enumerated elements are described later, in a paragraph that opens with their name.
            if let Some(p) = text[seg_start..seg_end].find(&format!("\n{name}")) {
                let from = seg_start + p + 1;
                let mut to = text[from..].find('\n').map_or(text.len(), |e| from + e);
                // …up to where the paragraph goes on to the next element (`…带，…涓水绿色经济带，…`).
                let after_name = from + name.len();
                for (_, other) in named.iter().filter(|(_, o)| o != name) {
                    if let Some(q) = text[after_name..to].find(other.as_str()) {
                        to = after_name + q;
                    }
                }
                own = format!("{name}\n{}", &text[from..to]);
            }
            let mut found = places_in(&own, places);
            if found.is_empty() && ["核", "主", "心"].contains(&part.role.as_str()) {
                // A core named without a place is the seat (中心城区 / 县城).
                found.push(places.resolve(SEAT_WORDS[1]));
            }
            Element {
                role: part.role.clone(),
                label: part.label.clone(),
                name: name.replace(['“', '”'], ""),
                line: line_of(*pos),
                places: found,
            }
        })
        .collect()
}

/// The clause around a name found in running text (from the previous `，` or `。` to the next), with
/// a parenthesis that follows the name: `湖区经济翼（中心城区-沅江-南县-大通湖）`.
fn clause_around(text: &str, pos: usize, len: usize) -> String {
    // A clause starts after punctuation, or after the parenthesis that closes the previous name.
    let before = &text[..pos];
    let start = before
        .rfind(['，', '。', '\n', '）', ')'])
        .map_or(0, |s| s + before[s..].chars().next().map_or(1, char::len_utf8));
    let start = if text[start..pos].starts_with('、') { start + '、'.len_utf8() } else { start };
    let after = &text[pos + len..];
    let end = if after.starts_with(['（', '(']) {
        after.find(['）', ')']).map_or(after.len(), |e| e + after[e..].chars().next().map_or(1, char::len_utf8))
    } else {
        after.find(['，', '。', '\n']).unwrap_or(after.len())
    };
    text[start..pos + len + end].to_string()
}

/// The first enumeration in the segment with exactly `count` names, each ending in the role:
/// `湘江、洣水、永乐江三水`, `德圳水库、白莲水库、…荣桓水库`.
fn listed_names(segment: &str, count: usize, endings: &[&str]) -> Option<Vec<(usize, String)>> {
    split_keep_pos(segment, |c| "，。；：（）“”\n".contains(c)).into_iter().find_map(|(start, clause)| {
        let items: Vec<&str> = clause.split('、').collect();
        if items.len() != count {
            return None;
        }
        let mut names: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        // The first item carries the lead-in words, the last the words after the list.
        names[0] = last_name(&names[0], endings)?;
        let last = names.len() - 1;
        names[last] = first_name(&names[last], endings)?;
        names
            .iter()
            .all(|n| endings.iter().any(|e| n.ends_with(e)) && n.chars().count() <= 8)
            .then(|| names.into_iter().map(|n| (start + clause.find(n.as_str()).unwrap_or(0), n)).collect())
    })
}

/// The trailing name in `加强湘江` (→ `湘江`): after the last verb-like lead-in.
fn last_name(s: &str, endings: &[&str]) -> Option<String> {
    if !endings.iter().any(|e| s.ends_with(e)) {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let keep = chars.len().min(if chars.len() > 4 { 2 } else { chars.len() });
    let lead_words = ["加强", "推进", "建设", "保护", "境内的", "的"];
    let cut = lead_words.iter().filter_map(|w| s.rfind(w).map(|i| i + w.len())).max();
    Some(match cut {
        Some(i) => s[i..].to_string(),
        None if chars.len() > 4 => chars[chars.len() - keep..].iter().collect(),
        None => s.to_string(),
    })
}

/// The leading name in `永乐江三水的河道修复` (→ `永乐江`): up to the first ending.
fn first_name(s: &str, endings: &[&str]) -> Option<String> {
    endings.iter().filter_map(|e| s.find(e).map(|i| i + e.len())).min().map(|i| s[..i].to_string())
}

/// `大浦镇、新塘镇两个县域副中心` → [大浦镇, 新塘镇]; `A和B` → [A, B].
fn split_enumeration(head: &str) -> Vec<String> {
    let mut pieces: Vec<String> =
        head.split(['、', '和', '及', '与']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    if let Some(last) = pieces.last_mut() {
        let cut = last
            .char_indices()
            .find(|(i, c)| "两二三四五六七八九十".contains(*c) && last[*i..].chars().nth(1) == Some('个'))
            .map(|(i, _)| i);
        if let Some(i) = cut {
            last.truncate(i);
        }
    }
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Sentences that open with a short name ending in the role: `棋梓次中心。…`.
fn sentence_heads(segment: &str, endings: &[&str]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in segment.char_indices().chain(std::iter::once((segment.len(), '。'))) {
        if c == '。' || c == '\n' {
            let sentence = after_separator(segment[start..i].trim_start_matches(['“', '”', '\n']));
            let head_end = sentence.find(['，', ',', '：', ':', '；']).unwrap_or(sentence.len());
            let head = sentence[..head_end].trim_matches(|c: char| c == '*' || c == '—' || c.is_whitespace());
            let n = head.chars().count();
            if (2..=16).contains(&n)
                && endings.iter().any(|e| head.ends_with(e))
                && !head.starts_with(['以', '依', '构', '推', '加', '形'])
            {
                out.push((start + segment[start..].find(head).unwrap_or(0), head.to_string()));
            }
            start = i + c.len_utf8();
        }
    }
    out
}

/// Names ending in the role anywhere in the text, cut at punctuation and at the words that lead
/// into them (`强力推动湖区经济翼` → `湖区经济翼`, `…副中心的大益阳城市圈` → `大益阳城市圈`).
fn phrases_ending(text: &str, endings: &[&str]) -> Vec<(usize, String)> {
    const LEADS: [&str; 9] = ["强力推动", "推动", "构建", "形成", "打造", "提升", "建设", "以", "的"];
    let mut out: Vec<(usize, String)> = Vec::new();
    for ending in endings {
        for (p, _) in text.match_indices(ending) {
            let end = p + ending.len();
            if text[..p].rfind('“') > text[..p].rfind('”') {
                continue; // inside a quoted slogan such as “一核一圈两翼”
            }
            let before = &text[..p];
            let start = before
                .rfind(['，', '。', '、', '“', '”', '；', '\n', '（', '('])
                .map_or(0, |s| s + before[s..].chars().next().map_or(1, char::len_utf8));
            let mut name = &text[start..end];
            for lead in LEADS {
                if let Some(i) = name.rfind(lead) {
                    if i + lead.len() < name.len() - ending.len() {
                        name = &name[i + lead.len()..];
                    }
                }
            }
            let n = name.chars().count();
            if (3..=12).contains(&n) && !out.iter().any(|(_, s)| s == name) {
                out.push((end - name.len(), name.to_string()));
            }
        }
    }
    out.sort_by_key(|(p, _)| *p);
    out
}

/// Places in printed order: hyphenated chains first (an axis runs through them in that order),
/// then enumerations that name a known place, then any other known name.
fn places_in(text: &str, places: &LocalPlaces) -> Vec<Place> {
    let mut printed: Vec<(usize, String)> = Vec::new();
    for (pos, chain) in chains(text) {
        for (k, member) in chain.into_iter().enumerate() {
            printed.push((pos + k, member));
        }
    }
    if printed.is_empty() {
        for (pos, list) in enumerations(text) {
            if list.iter().any(|m| places.is_known(m)) {
                for (k, member) in list.into_iter().enumerate() {
                    printed.push((pos + k, member));
                }
            }
        }
        for (pos, name) in places.find_in(text) {
            if !printed.iter().any(|(_, p)| *p == name) {
                printed.push((pos, name));
            }
        }
        printed.sort_by_key(|(p, _)| *p);
    }
    let mut seen: Vec<String> = Vec::new();
    printed
        .into_iter()
        .filter(|(_, n)| {
            let fresh = !seen.contains(n);
            seen.push(n.clone());
            fresh
        })
        .map(|(_, n)| places.resolve(&n))
        .collect()
}

fn is_place_token(s: &str) -> bool {
    let n = s.chars().count();
    (1..=8).contains(&n) && s.chars().all(crate::text::is_cjk) && !s.contains(['，', '。', '、'])
}

/// `石滩-大浦-霞流-县城` (three or more CJK names joined by hyphens or dashes).
fn chains(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (start, piece) in
        split_keep_pos(text, |c| !(crate::text::is_cjk(c) || "-—－―".contains(c)) || "，。、；：（）“”".contains(c))
    {
        let mut members: Vec<String> = piece.split(['-', '—', '－', '―']).map(str::to_string).collect();
        // `打通自石滩-…-三樟的沿线乡镇`: the words around the chain are not part of its ends.
        if let Some(first) = members.first_mut() {
            if let Some(i) = first.rfind(['自', '从', '经', '由']) {
                *first = first[i + '自'.len_utf8()..].to_string();
            }
        }
        if let Some(last) = members.last_mut() {
            if let Some(i) = last.find(['的', '等', '为']) {
                last.truncate(i);
            }
        }
        if members.len() >= 3 && members.iter().all(|m| is_place_token(m)) {
            out.push((start, members));
        }
    }
    out
}

/// `县城、吴集、杨林、高湖、草市、南湾等` → the names, when each is a short CJK run.
fn enumerations(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (start, piece) in split_keep_pos(text, |c| "，。；：（）“”\n".contains(c)) {
        if !piece.contains('、') {
            continue;
        }
        let items: Vec<&str> = piece.split('、').collect();
        let first = items.first().copied().unwrap_or_default();
        // The first item carries the words that lead into the list: keep its last name only.
        let first = SEAT_WORDS.iter().find(|w| first.ends_with(*w)).map(|w| w.to_string()).unwrap_or_else(|| {
            let chars: Vec<char> = first.chars().collect();
            chars[chars.len().saturating_sub(2)..].iter().collect()
        });
        let last = items.last().copied().unwrap_or_default();
        let last = last.split('等').next().unwrap_or(last);
        let mut names = vec![first];
        names.extend(items[1..items.len().saturating_sub(1)].iter().map(|s| s.to_string()));
        if items.len() > 1 {
            names.push(last.to_string());
        }
        if names.iter().all(|n| is_place_token(n) && n.chars().count() <= 5) {
            out.push((start, names));
        }
    }
    out
}

fn split_keep_pos(text: &str, is_sep: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_sep(c) {
            if i > start {
                out.push((start, &text[start..i]));
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slogans_parse_into_parts() {
        let labels = |s| parse_slogan(s).map(|p| p.into_iter().map(|p| (p.label, p.count)).collect::<Vec<_>>());
        assert_eq!(
            labels("一核、二副、三轴"),
            Some(vec![("一核".into(), Some(1)), ("二副".into(), Some(2)), ("三轴".into(), Some(3))])
        );
        assert_eq!(
            labels("两心两带多节点"),
            Some(vec![("两心".into(), Some(2)), ("两带".into(), Some(2)), ("多节点".into(), None)])
        );
        assert_eq!(labels("一带一路"), None);
        assert_eq!(labels("三高四新"), None);
        assert_eq!(labels("一核"), None);
    }

    #[test]
    fn enumerated_definition_and_hyphen_chain() {
        let text = "（一）构建“一核、二副、三轴”的城乡发展新格局\n“二副”：大浦镇、新塘镇两个县域副中心\n大浦镇作为县域副中心，带动石滩发展。\n“三轴”：沿G4京广线发展轴、沿G72-G240发展轴、沿S336发展轴\n沿G4京广线发展轴，打通自石滩-大浦-霞流-县城-新塘的沿线乡镇。";
        let lines: Vec<&str> = text.lines().collect();
        let titles = vec![String::new(); lines.len()];
        let places = LocalPlaces::new("430424", "衡东县", None, &[], &[], &[]);
        let layouts = extract(&lines, &titles, &places);
        assert_eq!(layouts.len(), 1);
        let names: Vec<(&str, &str)> =
            layouts[0].elements.iter().map(|e| (e.label.as_str(), e.name.as_str())).collect();
        assert_eq!(names[1..3], [("二副", "大浦镇"), ("二副", "新塘镇")]);
        assert_eq!(names[3..], [("三轴", "沿G4京广线发展轴"), ("三轴", "沿G72-G240发展轴"), ("三轴", "沿S336发展轴")]);
        let axis: Vec<&str> = layouts[0].elements[3].places.iter().map(|p| p.as_printed.as_str()).collect();
        assert_eq!(axis, ["石滩", "大浦", "霞流", "县城", "新塘"]);
    }

    #[test]
    fn sentence_opening_names() {
        let seg = "中心城区主核心。东部中心城区作为湘乡的政治、经济、文化主核心。棋梓次中心。西部棋梓联动对接。";
        let heads: Vec<String> = sentence_heads(seg, role_endings("心")).into_iter().map(|(_, s)| s).collect();
        assert_eq!(heads, ["中心城区主核心", "棋梓次中心"]);
    }

    #[test]
    fn names_inside_running_text() {
        let t = "着力提升以沅江、桃江为市域副中心的大益阳城市圈水平，强力推动湖区经济翼（中心城区-沅江-南县-大通湖）、山区经济翼（中心城区-桃江-安化）联动发展。";
        let wings: Vec<String> = phrases_ending(t, role_endings("翼")).into_iter().map(|(_, s)| s).collect();
        assert_eq!(wings, ["湖区经济翼", "山区经济翼"]);
        let ring: Vec<String> = phrases_ending(t, role_endings("圈")).into_iter().map(|(_, s)| s).collect();
        assert_eq!(ring, ["大益阳城市圈"]);
        let clauses: Vec<String> =
            phrases_ending(t, role_endings("翼")).into_iter().map(|(p, n)| clause_around(t, p, n.len())).collect();
        assert_eq!(clauses, ["强力推动湖区经济翼（中心城区-沅江-南县-大通湖）", "山区经济翼（中心城区-桃江-安化）"]);
    }
}
