//! 空间布局: spatial layouts stated as slogans such as “一核、二副、三轴”.
//!
//! A slogan is a quoted run of count + role parts (一核, 二副, 三轴, 多节点) on a line that speaks of
//! 布局 / 格局 / 空间 (or under such a heading). It is a layout only when the plan *defines* it:
//! every part is explained after it, by its label (`“二副”：…`, `“一主”即…`, `一核：`) or, in the
//! slogan's own paragraph, by as many names ending in its role as it counts (`…北向增长极、…东向
//! 增长极、…南向增长极` for 三极). A slogan named in passing is reported, not kept. The most spatial
//! layout is the primary one.
//!
//! A labelled part's elements are, in this order of preference: sub-groups (`月山、潭市等发展成为
//! 商贸型小城镇`), the names its definition enumerates, a list of as many names as it counts, the
//! sentences that open with a name ending in its role (`棋梓次中心。`), or its definition's head.
//! Each element's places are read from its own text (`features.rs`).
//!
//! A plan that defines none of its slogans still states its layout: the most spatial slogan it
//! names (`优化“一主六辅三城、三江两脉八带”的…国土空间结构`) is kept, also when it is a run of
//! phrases (`“中心辐射、两翼齐飞、新城发力、南北转型”的市域空间格局`). When it heads a section
//! whose sub-sections are as many as its elements (`第一章 优化完善“一核两翼”功能布局` over three
//! sub-sections), each element is its sub-section, with the places the sub-section's title names;
//! otherwise each part is one element known by its label, and a note says it is not defined.

pub mod features;

use crate::places::{LocalPlaces, SEAT_WORDS};
use crate::text::chinese_number;
use crate::vocab::layout::{defining_endings, role_endings, role_place_kind, PHRASE_ROLES, TITLE_LEADS, ZONE_ENDINGS};
use atlas_data::{Element, Layout, LayoutRole, PlaceKind};

const NUMERALS: &str = "一二两三四五六七八九十多";
/// A slogan made of phrases (`中心辐射、两翼齐飞、新城发力、南北转型`): three or more short
/// phrases of Chinese characters; each is one part, its role the role word it carries (else 区).
pub fn parse_phrases(s: &str) -> Option<Vec<Part>> {
    let phrases: Vec<&str> = s.split('、').collect();
    let short = |p: &&str| (3..=6).contains(&p.chars().count()) && p.chars().all(crate::text::is_cjk);
    if phrases.len() < 3 || !phrases.iter().all(short) {
        return None;
    }
    Some(
        phrases
            .iter()
            .map(|p| {
                let role = PHRASE_ROLES.iter().find(|(w, _)| p.contains(w)).map_or(LayoutRole::Zone, |(_, r)| *r);
                Part { label: p.to_string(), count: Some(1), role }
            })
            .collect(),
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub label: String,
    pub count: Option<u32>,
    pub role: LayoutRole,
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
        let role = LayoutRole::ALL.into_iter().find(|r| rest[num_len..].starts_with(r.word()))?;
        let label = format!("{numeral}{}", role.word());
        parts.push(Part { count: if numeral == "多" { None } else { chinese_number(numeral) }, role, label });
        rest = &rest[num_len + role.word().len()..];
    }
    (parts.len() >= 2).then_some(parts)
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

/// What `extract` found: the layouts the plan defines, and the slogans it only names, with the
/// line of each and why it is not a layout.
#[derive(Debug, Default)]
pub struct Extracted {
    pub layouts: Vec<Layout>,
    pub undefined: Vec<(u32, String)>,
}

/// The lines from a slogan's line to the next heading, joined, with a map back to line numbers.
struct Scope {
    text: String,
    line_at: Vec<(usize, u32)>,
    /// Where the slogan's own paragraph ends.
    first_line_end: usize,
}

impl Scope {
    fn new(lines: &[&str], start: usize) -> Scope {
        let mut text = String::new();
        let mut line_at = Vec::new();
        let mut first_line_end = 0;
        for (j, l) in lines.iter().enumerate().skip(start) {
            if j > start && (crate::outline::parse_heading(l).is_some() || ends_scope(l)) {
                break;
            }
            if l.trim().is_empty() || is_figure_caption(l) {
                continue;
            }
            line_at.push((text.len(), j as u32 + 1));
            text.push_str(l.trim());
            // The slogan's paragraph is the first line kept (its own line may be blank or a
            // figure caption in a garbled text).
            if line_at.len() == 1 {
                first_line_end = text.len();
            }
            text.push('\n');
        }
        Scope { text, line_at, first_line_end }
    }

    fn line_of(&self, pos: usize) -> u32 {
        self.line_at.iter().rev().find(|(p, _)| *p <= pos).map_or(0, |(_, n)| *n)
    }
}

/// A line that closes a layout's text: a `二、…` sub-heading.
fn ends_scope(line: &str) -> bool {
    let t = line.trim();
    let numeral = t.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    numeral > 0 && t.chars().nth(numeral) == Some('、') && t.chars().count() <= 30 && !t.contains('。')
}

/// A figure caption (`图1 “一主一次两带两轴”空间布局`): not part of the text it sits in.
fn is_figure_caption(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('图') && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit() || c == ' ')
}

/// How a slogan's parts are defined.
enum Definition {
    /// Each part by its label: the byte ranges of the definitions in the scope.
    Labelled(Vec<(usize, usize)>),
    /// In the slogan's paragraph, by names ending in each part's role: per part, (position, name).
    Unlabelled(Vec<Vec<(usize, String)>>),
}

/// How `parts` of the slogan at `slogan_at` are defined in `scope`, if they are.
fn definition(scope: &Scope, parts: &[Part], slogan_at: usize) -> Result<Definition, String> {
    let text = &scope.text;
    let labelled: Vec<Option<usize>> = parts.iter().map(|p| definition_at(text, &p.label, slogan_at)).collect();
    if labelled.iter().all(Option::is_some) {
        let starts: Vec<usize> = labelled.iter().flatten().copied().collect();
        let ranges = starts
            .iter()
            .map(|&s| {
                let next = starts.iter().filter(|&&e| e > s).min().copied();
                // A definition ends where the next one's label (and its quotes) begins.
                let end = next.map_or(text.len(), |e| text[..e].rfind(['“', '\n']).filter(|&q| q > s).unwrap_or(e));
                (s, end)
            })
            .collect();
        return Ok(Definition::Labelled(ranges));
    }
    let paragraph = text.get(slogan_at..scope.first_line_end).unwrap_or("");
    let mut claimed: Vec<String> = Vec::new();
    let mut names = Vec::new();
    for p in parts {
        let Some(count) = p.count else {
            return Err(format!("“{}” is not defined after the slogan", p.label));
        };
        let found: Vec<(usize, String)> = phrases_ending(paragraph, defining_endings(p.role))
            .into_iter()
            .filter(|(_, n)| !claimed.contains(n))
            .map(|(at, n)| (slogan_at + at, n))
            .collect();
        if found.len() != count as usize {
            return Err(format!("“{}” is not defined after the slogan", p.label));
        }
        claimed.extend(found.iter().map(|(_, n)| n.clone()));
        names.push(found);
    }
    Ok(Definition::Unlabelled(names))
}

/// Extracts every layout the text defines. `contexts[i]` holds the titles of the headings
/// enclosing line `i`. The primary layout is the most spatial one (see `spatial_score`), earliest
/// first.
pub fn extract(lines: &[&str], contexts: &[String], places: &LocalPlaces) -> Extracted {
    // (line, slogan, parts, score, definition) of the first occurrence of each slogan that is defined.
    let mut found: Vec<(usize, String, Vec<Part>, u32, Scope, Definition)> = Vec::new();
    let mut undefined: Vec<(u32, String, String)> = Vec::new();
    // Slogans named but not defined, with their parts and score: the layout when none is defined.
    let mut named: Vec<(usize, String, Vec<Part>, u32)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if crate::outline::is_toc_entry(line.trim()) {
            continue;
        }
        let score = spatial_score(line, contexts.get(i).map_or("", String::as_str));
        if score < 2 {
            continue;
        }
        // Each slogan once per line and way it is called: a line repeated into a huge one names
        // it hundreds of times.
        let mut tried: Vec<(&str, bool)> = Vec::new();
        for (open, q) in quoted_runs(line) {
            // Phrases are a layout only when the clause calls them one (`“…”的市域空间格局`).
            let after = &line[open + '“'.len_utf8() + q.len() + '”'.len_utf8()..];
            let clause = &after[..after.find(['，', '。', '；']).unwrap_or(after.len())];
            let called_layout = ["格局", "布局", "空间结构"].iter().any(|w| clause.contains(w));
            if tried.contains(&(q, called_layout)) {
                continue;
            }
            tried.push((q, called_layout));
            let phrases = parse_phrases(q).filter(|_| called_layout);
            let Some(parts) = parse_slogan(q).or(phrases) else { continue };
            if found.iter().any(|f| f.1 == q) {
                continue;
            }
            if !named.iter().any(|n| n.1 == q) {
                named.push((i, q.to_string(), parts.clone(), score + u32::from(called_layout)));
            }
            let scope = Scope::new(lines, i);
            let slogan_at = scope.text.find(&format!("“{q}”")).map_or(0, |p| p + q.len());
            match definition(&scope, &parts, slogan_at) {
                Ok(def) => {
                    undefined.retain(|u| u.1 != q);
                    found.push((i, q.to_string(), parts, score, scope, def));
                }
                Err(why) if !undefined.iter().any(|u| u.1 == q) => undefined.push((i as u32 + 1, q.to_string(), why)),
                Err(_) => {}
            }
        }
    }
    let primary = found.iter().enumerate().max_by_key(|(k, f)| (f.3, std::cmp::Reverse(*k))).map(|(k, _)| k);
    let layouts = found
        .iter()
        .enumerate()
        .map(|(n, (i, slogan, parts, _, scope, def))| {
            let elements = match def {
                Definition::Labelled(ranges) => {
                    parts.iter().zip(ranges).flat_map(|(p, r)| labelled_elements(p, *r, scope, places)).collect()
                }
                Definition::Unlabelled(names) => unlabelled_elements(parts, names, scope, places),
            };
            Layout { slogan: slogan.clone(), primary: Some(n) == primary, line: *i as u32 + 1, elements }
        })
        .collect();
    let mut layouts: Vec<Layout> = layouts;
    let mut undefined: Vec<(u32, String)> = undefined
        .into_iter()
        .map(|(line, slogan, why)| (line, format!("“{slogan}” is named but not defined as a layout: {why}")))
        .collect();
    if layouts.is_empty() {
        // The most spatial slogan named, earliest first, stands for the layout.
        if let Some((i, slogan, parts, _)) =
            named.into_iter().enumerate().max_by_key(|(k, n)| (n.3, std::cmp::Reverse(*k))).map(|(_, n)| n)
        {
            let (elements, by_sections) = named_elements(lines, i, &parts, places);
            undefined.retain(|(_, why)| !why.starts_with(&format!("“{slogan}”")));
            if !by_sections {
                let message = format!("“{slogan}” is kept as the layout, each part an element known by its label: the plan names its parts without defining them");
                undefined.push((i as u32 + 1, message));
            }
            layouts.push(Layout { slogan, primary: true, line: i as u32 + 1, elements });
        }
    }
    Extracted { layouts, undefined }
}

/// A sub-section heading inside a chapter: `一、…`, `（一）…`, `1.…` (not `1.1…`).
fn sub_heading(line: &str) -> Option<&str> {
    let t = line.trim();
    if t.chars().count() > 40 || t.ends_with('。') {
        return None;
    }
    let numeral = t.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    if numeral > 0 && t.chars().nth(numeral) == Some('、') {
        return t.char_indices().nth(numeral + 1).map(|(b, _)| &t[b..]);
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(['.', '．']) && !t[digits + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(&t[digits + 1..]);
    }
    None
}

/// The zones a sub-section title is about: a name ending in a zone word, after the words that
/// lead into it (`支持雄安新区高质量建设和发展` → `雄安新区`).
fn title_zones(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    for ending in ZONE_ENDINGS {
        for (at, _) in title.match_indices(ending) {
            if out.iter().any(|z: &String| title[..at + ending.len()].ends_with(z.as_str())) {
                continue;
            }
            let mut start = at;
            for (i, c) in title[..at].char_indices().rev() {
                if !crate::text::is_cjk(c) || at - i > 4 * 3 {
                    break;
                }
                start = i;
            }
            let mut stem = &title[start..at];
            while let Some(p) = TITLE_LEADS.iter().filter_map(|l| stem.find(l).map(|i| i + l.len())).max() {
                stem = &stem[p..];
            }
            out.push(format!("{stem}{ending}"));
        }
    }
    out
}

/// The elements of a slogan named at line `at` but not defined. When it stands in a heading, or
/// in the first paragraph under one, and the sub-sections that follow are as many as its elements,
/// each element is a sub-section in order (its name the sub-section's title, its places those the
/// title names); otherwise each part is one element known by its label. Returns them and whether
/// the sub-sections gave them.
fn named_elements(lines: &[&str], at: usize, parts: &[Part], places: &LocalPlaces) -> (Vec<Element>, bool) {
    let mut sections: Vec<(usize, &str)> = Vec::new();
    for (j, l) in lines.iter().enumerate().skip(at + 1) {
        if crate::outline::parse_heading(l).is_some() {
            break;
        }
        if let Some(title) = sub_heading(l) {
            sections.push((j, title));
        } else if sections.is_empty() && j > at + 6 {
            break;
        }
    }
    let counts: Option<Vec<u32>> = parts.iter().map(|p| p.count).collect();
    let total: u32 = counts.iter().flatten().sum();
    if counts.is_some() && !sections.is_empty() && total as usize == sections.len() {
        let mut out = Vec::new();
        let mut next = sections.iter();
        for p in parts {
            for (j, title) in next.by_ref().take(p.count.unwrap_or(1) as usize) {
                let mut e = element(p, title, *j as u32 + 1, title, places);
                // A title names the zones and units it is about; a core with none is named, not
                // placed at the seat, and words of a title are no river or landmark.
                let located = [PlaceKind::Area, PlaceKind::County, PlaceKind::Town, PlaceKind::Seat];
                e.places.retain(|pl| located.contains(&pl.kind) && title.contains(&pl.as_printed));
                for zone in title_zones(title) {
                    if !e.places.iter().any(|pl| pl.as_printed == zone) {
                        e.places.push(atlas_data::Place {
                            as_printed: zone,
                            name: None,
                            lon: None,
                            lat: None,
                            kind: PlaceKind::Area,
                            path: Vec::new(),
                        });
                    }
                }
                out.push(e);
            }
        }
        return (out, true);
    }
    let elements = parts
        .iter()
        .map(|p| Element {
            role: p.role,
            label: p.label.clone(),
            name: p.label.clone(),
            line: at as u32 + 1,
            places: Vec::new(),
        })
        .collect();
    (elements, false)
}

/// Where a part's definition starts, at or after `from`: `“二副”：`, `“一主”即`, `“三水”——`,
/// or `一核：` at a line start.
fn definition_at(text: &str, label: &str, from: usize) -> Option<usize> {
    let quoted = format!("“{label}”");
    let after = &text[from..];
    for (p, _) in after.match_indices(&quoted) {
        let rest = &after[p + quoted.len()..];
        if rest.starts_with(['：', ':', '—', '即', '是']) {
            return Some(from + p + quoted.len());
        }
    }
    after
        .match_indices(label)
        .find(|(p, _)| (*p == 0 || after[..*p].ends_with('\n')) && after[p + label.len()..].starts_with(['：', ':']))
        .map(|(p, _)| from + p + label.len())
}

/// The most of an element's definition read for its places: real definitions run to a few
/// hundred characters; a text with no paragraph breaks must not make each element read all of it.
const DEFINITION_CHARS: usize = 3000;

fn element(part: &Part, name: &str, line: u32, text: &str, places: &LocalPlaces) -> Element {
    let name = crate::text::tidy(&name.replace(['“', '”', '*'], ""));
    let text = text.char_indices().nth(DEFINITION_CHARS).map_or(text, |(end, _)| &text[..end]);
    let mut found = features::places_of(&name, text, places, role_place_kind(part.role));
    if found.is_empty() && part.role.is_core() {
        // A core named without a place is the seat (中心城区 / 县城).
        found.push(places.resolve(SEAT_WORDS[1]));
    }
    Element { role: part.role, label: part.label.clone(), name, line, places: found }
}

/// Lead-in words of a definition's head (`构建自然保护区…`, `重点建设衡东经济开发区…`).
const HEAD_LEADS: [&str; 11] =
    ["重点建设", "加快建设", "着力打造", "着力建设", "积极打造", "加强", "构建", "打造", "形成", "建设", "推进"];

fn strip_leads(s: &str) -> &str {
    let mut s = s.trim();
    while let Some(l) = HEAD_LEADS.iter().find(|l| s.starts_with(*l)) {
        s = &s[l.len()..];
    }
    s
}

/// Rank words before a list item (`国家级机械制造`, `区域性有色金属`, `中南地区现代供应链`).
fn strip_rank(s: &str) -> &str {
    for r in ["国家级", "省级", "市级", "县级", "区域性", "全国性"] {
        if let Some(rest) = s.strip_prefix(r) {
            return rest;
        }
    }
    match s.find("地区") {
        Some(i) if i > 0 && i <= 9 => &s[i + "地区".len()..],
        _ => s,
    }
}

fn labelled_elements(part: &Part, (start, end): (usize, usize), scope: &Scope, places: &LocalPlaces) -> Vec<Element> {
    let text = &scope.text;
    let segment = &text[start..end];
    let body = after_separator(segment);
    let body_at = start + (segment.len() - body.len());
    let head_end = body.find(['。', '，', ',', '\n', '；']).unwrap_or(body.len());
    let head = &body[..head_end];
    let endings = role_endings(part.role);

    // Sub-groups: `月山、潭市、育塅等发展成为商贸型小城镇`.
    let groups = sub_groups(segment);
    if groups.len() >= 2 {
        return groups
            .into_iter()
            .map(|(at, group, members)| {
                let mut e = element(part, &group, scope.line_of(start + at), "", places);
                e.places = members.iter().map(|m| places.resolve(m)).collect();
                e
            })
            .collect();
    }
    let count = part.count.unwrap_or(0) as usize;
    let mut named: Vec<(usize, String)> = Vec::new();
    let pieces = split_enumeration(head);
    if count > 1 && pieces.len() == count {
        named = pieces
            .into_iter()
            .map(|p| {
                let at = body_at + head.find(p.as_str()).unwrap_or(0);
                (at, strip_leads(&p).to_string())
            })
            .collect();
    } else if let Some(list) = (count > 1).then(|| listed_names(segment, count, endings)).flatten() {
        named = list.into_iter().map(|(p, n)| (start + p, n)).collect();
    } else if let Some(list) = (count > 1).then(|| counted_list(segment, count, part.role.word())).flatten() {
        named = list.into_iter().map(|(p, n)| (start + p, n)).collect();
    } else if count != 1 {
        named = sentence_heads(segment, endings).into_iter().map(|(p, s)| (start + p, s)).collect();
    }
    if named.is_empty() {
        // One element: the definition's head, without its lead-in and what follows `等`.
        let mut name = strip_leads(head.trim_matches(['“', '”'])).to_string();
        if count == 0 {
            if let Some(i) = name.find('等') {
                name.truncate(i);
            }
        }
        let at = body_at + head.find(name.as_str()).unwrap_or(0);
        return vec![element(part, &name, scope.line_of(at), segment, places)];
    }
    let head_end_at = body_at + head.len();
    let enumerated_in_head = named.iter().all(|(p, _)| *p < head_end_at);
    let shared_tail = if enumerated_in_head { &text[head_end_at..end] } else { "" };
    let starts: Vec<usize> = named.iter().map(|(p, _)| *p).collect();
    named
        .iter()
        .enumerate()
        .map(|(k, (pos, name))| {
            let limit = if enumerated_in_head { head_end_at } else { end };
            let next = starts.get(k + 1).copied().filter(|&e| e > *pos).unwrap_or(limit.max(*pos));
            let span = &text[*pos..next.min(limit).max(*pos)];
            let own = match own_paragraph(text, start, end, name, &named) {
                Some(p) => p,
                None if enumerated_in_head => format!("{span}{}", without_paragraphs_of(shared_tail, &named)),
                None => span.to_string(),
            };
            element(part, name, scope.line_of(*pos), &own, places)
        })
        .collect()
}

/// The text of the definition that opens with `name` (a paragraph, or a sentence within one, that
/// starts with it or whose first clause ends with it), up to where it goes on to another element.
fn own_paragraph(text: &str, start: usize, end: usize, name: &str, named: &[(usize, String)]) -> Option<String> {
    let segment = &text[start..end];
    let mut at = 0;
    while at < segment.len() {
        let rest = &segment[at..];
        let sentence_end =
            rest.find(['。', '\n']).map_or(rest.len(), |e| e + rest[e..].chars().next().map_or(1, char::len_utf8));
        let opening = rest.trim_start_matches(['—', '*', ' ', '“']);
        let first = opening.split(['。', '，', '\n']).next().unwrap_or("").trim_matches('*');
        if at > 0 && (opening.starts_with(name) || first.ends_with(name)) {
            let para_end = rest.find('\n').unwrap_or(rest.len());
            let mut own = rest[..para_end].to_string();
            let from = own.find(name).map_or(0, |i| i + name.len());
            for (_, other) in named.iter().filter(|(_, o)| o != name) {
                if let Some(q) = own[from..].find(other.as_str()) {
                    own.truncate(from + q);
                }
            }
            return Some(own);
        }
        at += sentence_end;
    }
    None
}

/// `tail` without the paragraphs that open with one of the elements' names (those are their own).
fn without_paragraphs_of(tail: &str, named: &[(usize, String)]) -> String {
    tail.split('\n')
        .filter(|p| {
            let opening = p.trim_start_matches(['—', '*', ' ']);
            !named.iter().any(|(_, n)| opening.starts_with(n.as_str()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `月山、潭市、育塅等发展成为商贸型小城镇,东郊、…等发展成为工贸型小城镇`: (position, group, members).
fn sub_groups(segment: &str) -> Vec<(usize, String, Vec<String>)> {
    let mut out = Vec::new();
    for (at, clause) in split_keep_pos(segment, |c| "，,；;。\n".contains(c)) {
        let Some((list, group)) =
            ["发展成为", "发展为", "建设成为", "打造成为"].iter().find_map(|m| clause.split_once(m))
        else {
            continue;
        };
        let list = list.trim_end_matches('等');
        let list = ["引导", "推动"].iter().fold(list, |l, w| l.rsplit(w).next().unwrap_or(l));
        let members: Vec<String> = list.split('、').map(|m| m.trim().to_string()).filter(|m| !m.is_empty()).collect();
        let short = members.iter().all(|m| (1..=6).contains(&m.chars().count()));
        if members.len() >= 2 && short && !group.is_empty() {
            out.push((at, group.trim_end_matches(['。', '；']).to_string(), members));
        }
    }
    out
}

/// `A、B、C三个园区`, `A、…、I等九大创新产业链`: a list of exactly `count` items followed by that
/// count in words and the role (园, 链); the items without lead-in or rank words.
fn counted_list(segment: &str, count: usize, role: &str) -> Option<Vec<(usize, String)>> {
    split_keep_pos(segment, |c| "，。；：（）“”\n".contains(c)).into_iter().find_map(|(start, clause)| {
        let items: Vec<&str> = clause.split('、').collect();
        if items.len() != count {
            return None;
        }
        let last = items[count - 1];
        let (cut, _) = last.char_indices().find(|(i, c)| {
            let counted = NUMERALS.contains(*c) && chinese_number(&last[*i..*i + c.len_utf8()]) == Some(count as u32);
            (*c == '等' || counted) && last[*i..].contains(role)
        })?;
        let mut names: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        names[count - 1] = last[..cut].to_string();
        names[0] = strip_leads(&names[0]).to_string();
        let names: Vec<String> = names.iter().map(|n| strip_rank(n).to_string()).collect();
        names
            .iter()
            .all(|n| (2..=16).contains(&n.chars().count()))
            .then(|| names.iter().map(|n| (start + clause.find(n.as_str()).unwrap_or(0), n.clone())).collect())
    })
}

/// Elements of a slogan defined in its own paragraph: each from the clause that names it to the
/// next one's (the first also from the paragraph's start), with the paragraphs after the slogan
/// whose first sentence names it (`——以云龙大道为轴的北向增长极。…`).
fn unlabelled_elements(
    parts: &[Part],
    names: &[Vec<(usize, String)>],
    scope: &Scope,
    places: &LocalPlaces,
) -> Vec<Element> {
    let text = &scope.text;
    let para_end = scope.first_line_end;
    let mut all: Vec<(usize, &Part, &str)> =
        parts.iter().zip(names).flat_map(|(p, ns)| ns.iter().map(move |(at, n)| (*at, p, n.as_str()))).collect();
    all.sort_by_key(|(at, _, _)| *at);
    // An element's text starts at its clause (after `，`), or after the element before it when
    // both share the clause (`湖区经济翼（…）、山区经济翼（…）`).
    let clause_start = |at: usize| text[..at].rfind(['，', '。', '；']).map_or(0, |s| s + '，'.len_utf8());
    let name_end = |at: usize, name: &str| {
        let after = at + name.len();
        match text[after..].strip_prefix(['（', '(']) {
            Some(rest) => {
                after + (text[after..].len() - rest.len()) + rest.find(['）', ')']).map_or(0, |e| e + '）'.len_utf8())
            }
            None => after,
        }
    };
    let slogan_sentence_end =
        all.first().map_or(0, |(at, _, _)| text[..*at].rfind('。').map_or(0, |s| s + '。'.len_utf8()));
    let named: Vec<(usize, String)> = all.iter().map(|(at, _, n)| (*at, n.to_string())).collect();
    let froms: Vec<usize> = all
        .iter()
        .enumerate()
        .map(|(k, (at, _, _))| match k {
            0 => slogan_sentence_end.min(clause_start(*at)),
            _ => clause_start(*at).max(name_end(all[k - 1].0, all[k - 1].2)),
        })
        .collect();
    all.iter()
        .enumerate()
        .map(|(k, (at, part, name))| {
            let from = froms[k];
            let to = froms.get(k + 1).copied().unwrap_or(para_end);
            let mut own = text[from..to.max(from)].to_string();
            if let Some(p) = own_paragraph(text, para_end, text.len(), name, &named) {
                own.push('\n');
                own.push_str(&p);
            }
            element(part, name, scope.line_of(*at), &own, places)
        })
        .collect()
}

/// Strips the separator after a label: `：`, `即`, `——`.
fn after_separator(s: &str) -> &str {
    s.trim_start_matches(['：', ':', '—', ' ', '\u{3000}']).trim_start_matches('即').trim_start()
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
        if c == '。' || c == '\n' || c == '；' {
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
    const LEADS: [&str; 12] =
        ["强力推动", "做大做强", "加快发展", "着力提升", "推动", "构建", "形成", "打造", "提升", "建设", "以", "的"];
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
                    // `的增长极` keeps what qualifies it; a verb before a bare ending goes.
                    let rest = name.len() - (i + lead.len());
                    if rest > ending.len() || (rest == ending.len() && lead != "的") {
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
        let text = "（一）构建“一核、二副、三轴”的城乡发展新格局\n“一核”：县城核心发展圈\n“二副”：大浦镇、新塘镇两个县域副中心\n大浦镇作为县域副中心，带动石滩发展。\n“三轴”：沿G4京广线发展轴、沿G72-G240发展轴、沿S336发展轴\n沿G4京广线发展轴，打通自石滩-大浦-霞流-县城-新塘的沿线乡镇。";
        let lines: Vec<&str> = text.lines().collect();
        let titles = vec![String::new(); lines.len()];
        let places = LocalPlaces::new("430424", "衡东县", None, &[], &[], &[]);
        let layouts = extract(&lines, &titles, &places).layouts;
        assert_eq!(layouts.len(), 1);
        let names: Vec<(&str, &str)> =
            layouts[0].elements.iter().map(|e| (e.label.as_str(), e.name.as_str())).collect();
        assert_eq!(names[1..3], [("二副", "大浦镇"), ("二副", "新塘镇")]);
        assert_eq!(names[3..], [("三轴", "沿G4京广线发展轴"), ("三轴", "沿G72-G240发展轴"), ("三轴", "沿S336发展轴")]);
        let axis: Vec<&str> = layouts[0].elements[3].places.iter().map(|p| p.as_printed.as_str()).collect();
        assert_eq!(axis, ["G4京广线", "石滩", "大浦", "霞流", "县城", "新塘"]);
    }

    #[test]
    fn zones_a_title_is_about() {
        assert_eq!(title_zones("支持雄安新区高质量建设和发展"), ["雄安新区"]);
        assert_eq!(title_zones("加快推进某某新片区建设"), ["某某新片区"]);
        assert_eq!(title_zones("高水平建设城市副中心"), ["城市副中心"]);
        assert!(title_zones("深化非首都功能疏解").is_empty());
    }

    #[test]
    fn phrase_slogans_have_a_part_per_phrase() {
        let parts = parse_phrases("中心辐射、两翼齐飞、新城发力、南北转型").unwrap();
        let roles: Vec<&str> = parts.iter().map(|p| p.role.word()).collect();
        assert_eq!(roles, ["心", "翼", "城", "区"]);
        assert!(parse_phrases("一核、两翼").is_none(), "two parts are a count slogan's job");
        assert!(parse_phrases("推动高质量发展的重要引擎、现代化、国际化").is_none());
    }

    #[test]
    fn new_roles_of_count_slogans() {
        let labels: Vec<String> =
            parse_slogan("一主六辅三城、三江两脉八带").unwrap().into_iter().map(|p| p.label).collect();
        assert_eq!(labels, ["一主", "六辅", "三城", "三江", "两脉", "八带"]);
    }

    #[test]
    fn sentence_opening_names() {
        let seg = "中心城区主核心。东部中心城区作为湘乡的政治、经济、文化主核心。棋梓次中心。西部棋梓联动对接。";
        let heads: Vec<String> =
            sentence_heads(seg, role_endings(LayoutRole::Centre)).into_iter().map(|(_, s)| s).collect();
        assert_eq!(heads, ["中心城区主核心", "棋梓次中心"]);
    }

    #[test]
    fn names_inside_running_text() {
        let t = "着力提升以沅江、桃江为市域副中心的大益阳城市圈水平，强力推动湖区经济翼（中心城区-沅江-南县-大通湖）、山区经济翼（中心城区-桃江-安化）联动发展。";
        let wings: Vec<String> =
            phrases_ending(t, role_endings(LayoutRole::Wing)).into_iter().map(|(_, s)| s).collect();
        assert_eq!(wings, ["湖区经济翼", "山区经济翼"]);
        let ring: Vec<String> = phrases_ending(t, role_endings(LayoutRole::Ring)).into_iter().map(|(_, s)| s).collect();
        assert_eq!(ring, ["大益阳城市圈"]);
    }
}
