//! Projects: every item of every 专栏 box that lists works, projects or actions, named by the work
//! it names, and the named works enumerated in running text (`推进A工程、B工程…`).
//!
//! A box item `两桥：清水塘大桥、群丰大桥` gives two projects, `清水塘大桥` and `群丰大桥`, filed under
//! the group `两桥`; an item whose label is itself a work (`现代农业发展示范工程。…`) gives one. Box
//! boundaries are `boxes`' job, names `works`', sectors `sector`'s. Indicator boxes (主要指标) are
//! tables, read by `table`, not here.

mod annex;
mod boxes;
mod sector;
mod works;

use crate::places::LocalPlaces;
use crate::text::tidy;
use atlas_data::{Project, ProjectSource};
use boxes::{item_label, item_number, strip_markup};
use works::Context;

/// The name at the start of an item: up to the first full stop or colon, or to the first comma
/// when that is much shorter.
fn item_name(text: &str) -> String {
    let stop = text.find(['。', '：', ':', '；']).unwrap_or(text.len());
    let comma = text.find(['，', ',']).unwrap_or(text.len());
    let end = if stop > 90 || comma < stop { comma.min(stop) } else { stop };
    tidy(text[..end].trim())
}

/// `总投资3亿元`, `计划总投资58267.57万元`, `投资约12亿元` → (yuan, raw text).
pub fn investment(text: &str) -> Option<(u64, String)> {
    let at = text.find("总投资").or_else(|| text.find("投资"))?;
    let start = text[..at].rfind("计划").filter(|p| at - p <= "计划".len()).unwrap_or(at);
    let after = &text[at..];
    let num_start = after.find(|c: char| c.is_ascii_digit())?;
    let lead = &after[..num_start];
    if lead.chars().count() > 6 || lead.contains(['，', '。', '、']) {
        return None;
    }
    let num: String = after[num_start..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let rest = after[num_start + num.len()..].trim_start();
    let (unit_len, scale) = if rest.starts_with("亿元") {
        ("亿元".len(), 100_000_000u64)
    } else if rest.starts_with("万元") {
        ("万元".len(), 10_000)
    } else if rest.starts_with('元') {
        ('元'.len_utf8(), 1)
    } else {
        return None;
    };
    let yuan = scaled(&num, scale)?;
    let end = at + num_start + num.len() + (after[num_start + num.len()..].len() - rest.len()) + unit_len;
    Some((yuan, text[start..end].to_string()))
}

/// `58267.57` × 10 000 without floating-point error.
fn scaled(num: &str, scale: u64) -> Option<u64> {
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    let digits = scale.to_string().len() - 1;
    if frac.len() > digits {
        return None;
    }
    let frac_padded = format!("{frac:0<digits$}");
    let int: u64 = int.parse().ok()?;
    let frac: u64 = if digits == 0 { 0 } else { frac_padded.parse().ok()? };
    int.checked_mul(scale)?.checked_add(frac)
}

fn places_of(text: &str, places: &LocalPlaces) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, printed) in places.find_in(text) {
        let resolved = places.resolve(&printed);
        let name = resolved.name.unwrap_or(printed);
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Where a project was read, for its fields beyond the name.
struct Found<'a> {
    source: ProjectSource,
    /// The box caption, or the section heading for running text.
    title: &'a str,
    item: Option<String>,
    group: Option<String>,
    line: u32,
}

fn project(at: &Found, name: String, description: &str, places: &LocalPlaces) -> Project {
    let invest = investment(description).or_else(|| investment(&name));
    // A work listed with others (`两桥：清水塘大桥、群丰大桥`) is where its own name says: the
    // places in the rest of the item belong to its neighbours.
    let all = if at.group.is_some() || at.source == ProjectSource::Text {
        name.clone()
    } else {
        format!("{name}{description}")
    };
    let sector = match at.source {
        ProjectSource::Box => sector::sector(&[at.title, at.group.as_deref().unwrap_or(""), &name, description]),
        ProjectSource::Text => sector::sector(&[&name, at.title, description]),
    };
    Project {
        sector,
        places: places_of(&all, places),
        investment_yuan: invest.as_ref().map(|i| i.0),
        investment_raw: invest.map(|i| i.1),
        box_title: at.title.to_string(),
        item: at.item.clone(),
        group: at.group.clone(),
        source: at.source,
        name,
        description: tidy(description),
        line: at.line,
    }
}

/// The projects of one unnumbered box item: its works, filed under its label when it has one.
fn item_projects(at: &mut Found, text: &str, places: &LocalPlaces) -> Vec<Project> {
    if let Some((label, rest)) = item_label(text) {
        if works::label_is_work(label) {
            // `水资源保障工程。实施洞庭湖北部地区分片补水工程…`: the programme, then the named
            // programmes it lists, filed under it.
            let mut out = vec![project(at, tidy(label), rest, places)];
            let inner: Vec<String> = works::in_passage(rest, Context::Text);
            at.group = Some(tidy(label));
            out.extend(inner.into_iter().filter(|w| w != label).map(|w| project(at, w, text, places)));
            return out;
        }
        let named = works::in_passage(rest, Context::Box);
        if !named.is_empty() {
            at.group = Some(tidy(label));
            return named.into_iter().map(|w| project(at, w, text, places)).collect();
        }
        // `多路：多条构建城市骨架路网的主、次干路。`: a short single sentence is the work itself.
        // Not a sentence that does something (`做好…保护`) or counts (`…充电桩16500个`).
        let sentence = rest.trim_end_matches(['。', '；']);
        let plain = !works::is_led(sentence) && !sentence.contains(|c: char| c.is_ascii_digit());
        if plain && !sentence.contains(['，', ',', '。', '；']) && sentence.chars().count() <= 40 {
            at.group = Some(tidy(label));
            return vec![project(at, tidy(sentence), text, places)];
        }
        return vec![project(at, tidy(label), rest, places)];
    }
    // An unlabelled item is a work only when it is nothing but works (`A工程、B工程。`).
    let whole = text.trim().trim_end_matches(['。', '；']);
    let named = if whole.contains(['，', '。', '；']) {
        works::bare_lists(text).unwrap_or_default()
    } else {
        works::in_clause(whole, Context::Box, true)
    };
    if !named.is_empty() {
        return named.into_iter().map(|w| project(at, w, text, places)).collect();
    }
    let name = item_name(text);
    let rest =
        text.strip_prefix(name.as_str()).unwrap_or(text).trim_start_matches(['。', '：', ':', '，', ',', ' ', '；']);
    if name.is_empty() {
        Vec::new()
    } else {
        vec![project(at, name, rest, places)]
    }
}

pub use annex::from_annex;

/// Projects of every works box, and the line ranges the boxes cover.
pub fn from_boxes(lines: &[&str], places: &LocalPlaces) -> (Vec<Project>, Vec<(u32, u32)>) {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    for b in boxes::boxes(lines) {
        spans.push((b.line, b.end));
        if !boxes::is_works_box(&b.caption) {
            continue;
        }
        let caption = b.caption.as_str();
        let paras = &b.paras;
        let mut k = 0;
        let before = out.len();
        while k < paras.len() {
            let p = &paras[k];
            k += 1;
            let mut at = Found { source: ProjectSource::Box, title: caption, item: None, group: None, line: p.line };
            if p.text.trim().contains('\t') {
                // A table row: the first cell names the item, the rest describes it.
                let cells: Vec<String> =
                    p.text.split('\t').map(|c| tidy(&strip_markup(c))).filter(|c| !c.is_empty()).collect();
                match cells.as_slice() {
                    [first, ..] if ["序号", "类别", "名称", "项目"].contains(&first.as_str()) => {} // header row
                    [n, name, rest @ ..] if n.chars().all(|c| c.is_ascii_digit()) => {
                        at.item = Some(n.clone());
                        out.push(project(&at, item_name(name), &rest.join("；"), places))
                    }
                    [first, rest @ ..] => out.push(project(&at, item_name(first), &rest.join("；"), places)),
                    [] => {}
                }
                continue;
            }
            let Some((number, body)) = item_number(&p.text) else {
                // Details of the numbered item above (`优质稻重点发展区域——…`) belong to it.
                if let Some(prev) = out[before..].last_mut().filter(|q: &&mut Project| q.item.is_some()) {
                    prev.description.push('\n');
                    prev.description.push_str(&tidy(&p.text));
                } else {
                    out.extend(item_projects(&mut at, &p.text, places));
                }
                continue;
            };
            // A numbered item names its work; a numbered header line (`1、防洪治涝工程`) is described
            // by the unnumbered paragraph after it.
            let mut description = body.to_string();
            if !body.contains('。') && body.chars().count() <= 30 {
                if let Some(next) = paras.get(k).filter(|n| item_number(&n.text).is_none()) {
                    description = next.text.clone();
                    k += 1;
                }
            }
            let name = item_name(body);
            if name.is_empty() {
                continue;
            }
            let rest = description
                .strip_prefix(name.as_str())
                .unwrap_or(&description)
                .trim_start_matches(['。', '：', ':', '，', ',', ' ', '；']);
            at.item = Some(number);
            out.push(project(&at, name, rest, places));
        }
        if out.len() == before {
            let at = Found { source: ProjectSource::Box, title: caption, item: None, group: None, line: b.line };
            out.push(project(&at, b.caption.clone(), "", places));
        }
    }
    (out, spans)
}

/// Named works in running text, outside boxes (`skip`) and before `from_line` (the review of the
/// last plan): `推进A项目、B工程建设`, `加快湘潭生活垃圾焚烧发电项目建设`. Works a box already names
/// are not repeated.
pub fn from_running_text(
    lines: &[&str],
    from_line: u32,
    skip: &[(u32, u32)],
    section_of: impl Fn(u32) -> String,
    known: &[Project],
    places: &LocalPlaces,
) -> Vec<Project> {
    let mut out: Vec<Project> = Vec::new();
    for (i, raw) in lines.iter().enumerate().skip(from_line as usize) {
        let line_no = i as u32 + 1;
        if raw.contains('\t') || skip.iter().any(|(a, b)| (*a..=*b).contains(&line_no)) {
            continue;
        }
        let numbered = item_number(raw);
        // A numbered sub-heading (`1. 实施碧水行动`) names its programme however short the name.
        let heading = numbered.is_some() && raw.chars().count() <= 30 || raw.chars().count() <= 20;
        let line = numbered.map_or(raw.trim(), |(_, rest)| rest);
        let line = line.trim_end_matches(['-', '—', ' ']);
        let section = section_of(line_no);
        for sentence in line.split(['。', '；', '！']) {
            // `特色提升行动。全力打造…`: a sentence that is only the name of the programme the text
            // then describes.
            let lead =
                (line.len() > sentence.len()).then(|| works::bare_programme(sentence)).flatten().map(|w| vec![w]);
            for name in lead.unwrap_or_else(|| works::in_passage(sentence, Context::Text)) {
                // `风电项目`, `民生工程`: a kind of work, not a named one (`“四大工程”` is named).
                let named =
                    heading || name.contains('“') || works::modifier(&name).is_none_or(|m| m.chars().count() >= 3);
                if !named || known.iter().chain(&out).any(|p| p.name == name) {
                    continue;
                }
                let at = Found { source: ProjectSource::Text, title: &section, item: None, group: None, line: line_no };
                out.push(project(&at, name, sentence, places));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn investments_in_yuan() {
        assert_eq!(investment("项目占地397亩，总投资3亿元，建设两条生产线"), Some((300_000_000, "总投资3亿元".into())));
        assert_eq!(
            investment("计划总投资58267.57万元，主要技术"),
            Some((582_675_700, "计划总投资58267.57万元".into()))
        );
        assert_eq!(investment("加大投资力度"), None);
    }

    #[test]
    fn names_stop_at_the_first_full_stop_or_early_comma() {
        assert_eq!(
            item_name("湖南机油泵股份有限公司技术改造项目。拟占地约10550㎡"),
            "湖南机油泵股份有限公司技术改造项目"
        );
        assert_eq!(
            item_name("衡阳丰食园粮油食品贸易有限公司粮食产业加工提升项目, 万吨低温粮仓。"),
            "衡阳丰食园粮油食品贸易有限公司粮食产业加工提升项目"
        );
    }

    fn box_items(text: &str) -> Vec<(String, Option<String>)> {
        let places = LocalPlaces::new("430200", "株洲市", None, &[], &[], &[]);
        let lines: Vec<&str> = text.lines().collect();
        from_boxes(&lines, &places).0.into_iter().map(|p| (p.name, p.group)).collect()
    }

    #[test]
    fn labelled_items_give_their_works() {
        let got = box_items("专栏 21 城市交通基础设施建设\n一心：株洲火车站枢纽中心。\n两桥：清水塘大桥、群丰大桥。\n");
        let want = [("株洲火车站枢纽中心", "一心"), ("清水塘大桥", "两桥"), ("群丰大桥", "两桥")];
        assert_eq!(got, want.map(|(n, g)| (n.to_string(), Some(g.to_string()))));
        let got = box_items("专栏 24 十大重点工程\n现代农业发展示范工程。依托生态资源优势，建设示范园。\n产业转型升级振兴工程。推进产业转型。\n");
        assert_eq!(got[0], ("现代农业发展示范工程".to_string(), None));
        let got = box_items(
            "专栏 26 智慧服务提升行动\n智慧社区。引入人工智能，建设智慧社区平台体系。\n智慧养老。整合资源。\n",
        );
        assert_eq!(got[0], ("智慧社区".to_string(), None));
    }
}
