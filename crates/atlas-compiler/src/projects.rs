//! Projects: the items of every 专栏 box that lists works, projects or actions, and, for plans
//! without such boxes, the named projects enumerated in running text (`推进A项目、B工程…`).
//!
//! A box runs from its caption to the next heading, box, figure caption or `一、`-style sub-heading;
//! once it has numbered items, an unnumbered paragraph that starts a new sentence ends it.
//! Paragraphs that a page break cut in two are joined first. Indicator boxes (主要指标) are tables,
//! read by `table`, not here.

use crate::places::LocalPlaces;
use crate::text::tidy;
use atlas_data::{Project, Sector};

/// A paragraph of a box: its text and the line it starts on.
struct Para {
    text: String,
    line: u32,
}

fn is_box_caption(line: &str) -> bool {
    line.trim_start().starts_with("专栏")
}

/// A box of works, projects or actions — not an indicator table, not the review of the last plan
/// (`“十三五”完成的10件标志性大事`), not a list of honours.
fn is_works_box(caption: &str) -> bool {
    const WORKS: [&str; 16] = [
        "工程", "项目", "行动", "计划", "建设", "清单", "布局", "网络", "目标", "方向", "大事", "重点", "体系", "规划",
        "线路", "专栏",
    ];
    let body = caption.trim_start().trim_start_matches("专栏");
    !(caption.contains("主要指标") || caption.contains("主要目标") || caption.contains("十三五"))
        && WORKS.iter().any(|w| body.contains(w))
}

/// `一、加大旅游精品线路建设力度`: a sub-heading of the running text, not a box item.
fn is_text_subheading(line: &str) -> bool {
    let t = line.trim();
    let numeral = t.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    numeral > 0 && t.chars().nth(numeral) == Some('、') && !t.contains('。') && t.chars().count() <= 30
}

fn is_figure_caption(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with('图') && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit() || c == ' '))
        || t.ends_with("示意图")
        || t.ends_with("体系图")
}

/// `1.`, `1、`, `1．`, `（1）`, `(1)`, `（一）`: the item number and the text after it.
fn item_number(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() && digits.len() <= 2 {
        let rest = &s[digits.len()..];
        if let Some(r) = rest.strip_prefix(['.', '、', '．']) {
            return Some((digits, r.trim_start()));
        }
    }
    if let Some(inner) = s.strip_prefix(['(', '（']) {
        let end = inner.find([')', '）'])?;
        let n = &inner[..end];
        if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)) {
            let close = inner[end..].chars().next()?.len_utf8();
            return Some((n.to_string(), inner[end + close..].trim_start()));
        }
    }
    None
}

fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("**", "")
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['。', '；', '！', '？', '”', '：', ';']) || s.trim_end().is_empty()
}

/// Every box in the text: (caption line, caption, paragraphs).
fn boxes(lines: &[&str]) -> Vec<(u32, String, Vec<Para>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_box_caption(lines[i]) || crate::outline::is_toc_entry(lines[i].trim()) {
            i += 1;
            continue;
        }
        let caption = tidy(&strip_markup(lines[i]));
        let caption_line = i as u32 + 1;
        let mut paras: Vec<Para> = Vec::new();
        let mut numbered = false;
        i += 1;
        while i < lines.len() {
            let raw = lines[i];
            let t = strip_markup(raw).trim().to_string();
            if is_box_caption(raw)
                || crate::outline::parse_heading(&t).is_some()
                || is_text_subheading(&t)
                || is_figure_caption(&t)
            {
                break;
            }
            if t.is_empty() || t.chars().all(|c| c == '-' || c == '\t' || c == ' ') {
                i += 1;
                continue;
            }
            let is_item = item_number(&t).is_some();
            let is_row = raw.trim().contains('\t');
            // A page break cuts a long paragraph mid-sentence; a short header (`（1）水稻集聚提升工程`)
            // is complete without a full stop.
            let continues = !is_item
                && !is_row
                && !raw.starts_with('\t')
                && paras.last().is_some_and(|p| !ends_sentence(&p.text) && p.text.chars().count() > 40);
            if continues {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&t);
                }
            } else if numbered
                && !is_item
                && !raw.starts_with('\t')
                && paras.last().is_some_and(|p| item_number(&p.text).is_some() && p.text.chars().count() > 40)
            {
                break; // prose after the numbered items: the box has ended
            } else {
                numbered |= is_item;
                paras.push(Para {
                    text: if raw.contains('\t') { raw.trim().to_string() } else { t },
                    line: i as u32 + 1,
                });
            }
            i += 1;
        }
        out.push((caption_line, caption, paras));
    }
    out
}

/// The name at the start of an item: up to the first full stop or colon, or to the first comma
/// when that is much shorter.
fn item_name(text: &str) -> String {
    let stop = text.find(['。', '：', ':', '；']).unwrap_or(text.len());
    let comma = text.find(['，', ',']).unwrap_or(text.len());
    let end = if stop > 90 || comma < stop { comma.min(stop) } else { stop };
    tidy(text[..end].trim())
}

/// How sure a list must be before its items count as works.
#[derive(Clone, Copy)]
enum Strictness {
    /// Inside a works box: a list with any item named 工程/项目.
    InBox,
    /// In running text: at least half the items named 工程/项目.
    RunningText,
}

/// Words that lead into a list of works rather than belong to its first item.
const LEAD_INS: [&str; 16] = [
    "进一步抓好",
    "进一步",
    "加快推进",
    "加快建设",
    "加快",
    "大力实施",
    "重点实施",
    "推进",
    "建设",
    "实施",
    "启动",
    "完成",
    "抓好",
    "建立完善",
    "建立",
    "重点",
];

/// `A工程、B项目、C工程…`: a sentence that lists several works, all of them short.
fn works_list(sentence: &str, strictness: Strictness) -> Option<Vec<String>> {
    let mut sentence = sentence.trim();
    while let Some(lead) = LEAD_INS.iter().find(|l| sentence.starts_with(*l)) {
        sentence = &sentence[lead.len()..];
    }
    let items: Vec<&str> = sentence.split('、').map(str::trim).collect();
    let last = items.last()?.split('等').next()?.trim_end_matches(['。', '；']);
    let mut works: Vec<String> = items[..items.len() - 1].iter().map(|s| s.to_string()).collect();
    works.push(last.to_string());
    let generic = |s: &str| ["一批", "各类", "相关", "重大工程和"].iter().any(|g| s.contains(g));
    let short =
        |s: &str| (3..=40).contains(&s.chars().count()) && !s.contains(['，', ',', '：', ':', '。']) && !generic(s);
    let named = works.iter().filter(|s| ["工程", "项目"].iter().any(|w| s.ends_with(w))).count();
    let enough = match strictness {
        Strictness::InBox => named >= 1,
        Strictness::RunningText => named * 2 >= works.len() && works.iter().all(|w| w.chars().count() >= 4),
    };
    (works.len() >= 2 && works.iter().all(|s| short(s)) && enough).then_some(works)
}

/// Works listed by every sentence of a paragraph, or `None` when any sentence is not a list.
fn works_in(paragraph: &str, strictness: Strictness) -> Option<Vec<String>> {
    let mut all = Vec::new();
    for sentence in paragraph.split(['。', '；']).filter(|s| !s.trim().is_empty()) {
        all.extend(works_list(sentence, strictness)?);
    }
    (!all.is_empty()).then_some(all)
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

/// The sector of a project, from its box title and name.
pub fn sector(box_title: &str, name: &str) -> Sector {
    const RULES: [(Sector, &[&str]); 13] = [
        (Sector::Water, &["水利", "防洪", "治涝", "灌区", "供水", "水库", "堤"]),
        (Sector::Transport, &["交通", "公路", "铁路", "高速", "航空", "机场", "水运", "港", "轨道", "桥"]),
        (Sector::Energy, &["能源", "电网", "电源", "光伏", "发电", "燃气", "天然气", "充电", "风电"]),
        (Sector::Digital, &["信息", "5G", "数字", "数据", "网络", "通信", "物联网", "智慧"]),
        (Sector::Tourism, &["旅游", "文旅", "景区", "康养", "度假"]),
        (
            Sector::Environment,
            &["生态", "环境", "污染", "蓝天", "水环境", "林业", "山水林田湖", "节约", "大气", "土壤"],
        ),
        (Sector::Agriculture, &["农业", "农产品", "强农", "稻", "椒", "油茶", "柑桔", "茶", "粮", "种植"]),
        (Sector::Innovation, &["科技", "创新", "人才", "技术", "研发"]),
        (
            Sector::Social,
            &["教育", "卫生", "医疗", "健康", "养老", "妇女", "儿童", "文化", "体育", "中医药", "民生", "就业"],
        ),
        (Sector::Urban, &["城镇", "城市", "村容", "小镇", "棚户", "村庄", "乡村", "城乡"]),
        (Sector::Services, &["流通", "商贸", "物流", "消费", "市场", "商业"]),
        (Sector::Industry, &["制造", "产业", "工业", "园区", "企业", "产业链", "集群"]),
        (Sector::Governance, &["安全", "治理", "规划", "改革"]),
    ];
    for text in [box_title, name] {
        if let Some((s, _)) = RULES.iter().find(|(_, words)| words.iter().any(|w| text.contains(w))) {
            return *s;
        }
    }
    Sector::Other
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

fn project(
    box_title: &str,
    item: Option<String>,
    name: String,
    description: &str,
    line: u32,
    places: &LocalPlaces,
) -> Project {
    let invest = investment(description).or_else(|| investment(&name));
    let all = format!("{name}{description}");
    Project {
        sector: sector(box_title, &name),
        places: places_of(&all, places),
        investment_yuan: invest.as_ref().map(|i| i.0),
        investment_raw: invest.map(|i| i.1),
        box_title: box_title.to_string(),
        item,
        name,
        description: tidy(description),
        line,
    }
}

/// Projects of every works box; `None` in the second slot when the plan has no such box.
pub fn from_boxes(lines: &[&str], places: &LocalPlaces) -> (Vec<Project>, usize) {
    let mut out = Vec::new();
    let mut works_boxes = 0;
    for (caption_line, caption, paras) in boxes(lines) {
        if !is_works_box(&caption) {
            continue;
        }
        works_boxes += 1;
        let mut k = 0;
        let before = out.len();
        while k < paras.len() {
            let p = &paras[k];
            k += 1;
            if p.text.trim().contains('\t') {
                // A table row: the first cell names the item, the rest describes it.
                let cells: Vec<String> =
                    p.text.split('\t').map(|c| tidy(&strip_markup(c))).filter(|c| !c.is_empty()).collect();
                match cells.as_slice() {
                    [first, ..] if ["序号", "类别", "名称", "项目"].contains(&first.as_str()) => {} // header row
                    [n, name, rest @ ..] if n.chars().all(|c| c.is_ascii_digit()) => {
                        out.push(project(&caption, Some(n.clone()), item_name(name), &rest.join("；"), p.line, places))
                    }
                    [first, rest @ ..] => {
                        out.push(project(&caption, None, item_name(first), &rest.join("；"), p.line, places))
                    }
                    [] => {}
                }
                continue;
            }
            let (number, body) = match item_number(&p.text) {
                Some((n, b)) => (Some(n), b.to_string()),
                None => (None, p.text.clone()),
            };
            // A numbered header line (`1、防洪治涝工程`) described by the unnumbered paragraph after it.
            let mut description = body.clone();
            if number.is_some() && !body.contains('。') && body.chars().count() <= 30 {
                if let Some(next) = paras.get(k).filter(|n| item_number(&n.text).is_none()) {
                    description = next.text.clone();
                    k += 1;
                }
            }
            if number.is_none() {
                // Details of the numbered item above (`优质稻重点发展区域——…`) belong to it.
                if let Some(prev) = out[before..].last_mut().filter(|q| q.item.is_some()) {
                    prev.description.push('\n');
                    prev.description.push_str(&tidy(&body));
                    continue;
                }
                if let Some(works) = works_in(&body, Strictness::InBox) {
                    for w in works {
                        out.push(project(&caption, None, w, &body, p.line, places));
                    }
                    continue;
                }
            }
            let name = item_name(&body);
            if name.is_empty() {
                continue;
            }
            let rest = description
                .strip_prefix(name.as_str())
                .unwrap_or(&description)
                .trim_start_matches(['。', '：', ':', '，', ',', ' ', '；']);
            out.push(project(&caption, number, name, rest, p.line, places));
        }
        if out.len() == before {
            out.push(project(&caption, None, caption.clone(), "", caption_line, places));
        }
    }
    (out, works_boxes)
}

/// Named works enumerated in running text, for plans without boxes: `推进A项目、B工程建设`.
pub fn from_running_text(
    lines: &[&str],
    from_line: u32,
    section_of: impl Fn(u32) -> String,
    places: &LocalPlaces,
) -> Vec<Project> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(from_line as usize) {
        for sentence in line.split(['。', '；']) {
            for clause in sentence.split(['，', ',']) {
                let Some(works) = works_list(clause, Strictness::RunningText) else {
                    continue;
                };
                let line_no = i as u32 + 1;
                for w in works {
                    out.push(project(&section_of(line_no), None, w, sentence, line_no, places));
                }
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
    fn item_numbers() {
        assert_eq!(item_number("5．湖南聚味堂"), Some(("5".into(), "湖南聚味堂")));
        assert_eq!(item_number("（三）洣江生态观光园。"), Some(("三".into(), "洣江生态观光园。")));
        assert_eq!(item_number("2025年末"), None);
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

    #[test]
    fn lists_of_works() {
        assert_eq!(
            works_list("湘江洣水防洪堤治理工程、永乐江保护圈项目、杨林水库除险加固工程等。", Strictness::RunningText),
            Some(vec!["湘江洣水防洪堤治理工程".into(), "永乐江保护圈项目".into(), "杨林水库除险加固工程".into()])
        );
        assert_eq!(works_list("完善交通、水利、能源等基础设施。", Strictness::InBox), None);
        assert_eq!(
            works_list("进一步抓好病险水库除险加固工程、中小河流堤防保护圈加固治理工程", Strictness::RunningText),
            Some(vec!["病险水库除险加固工程".into(), "中小河流堤防保护圈加固治理工程".into()])
        );
        assert_eq!(works_list("扎实推进一批促发展、保民生的重大工程和重大项目", Strictness::RunningText), None);
    }

    #[test]
    fn works_boxes() {
        assert!(is_works_box("专栏3-1  智能制造产业链重大工程"));
        assert!(is_works_box("专栏5-4  流通体系建设专栏"));
        assert!(!is_works_box("专栏5 “十四五”经济社会发展主要指标"));
        assert!(!is_works_box("专栏4 “十三五”完成的10件标志性大事"));
        assert!(!is_works_box("专栏2 城市名片"));
    }

    #[test]
    fn sectors() {
        assert_eq!(sector("专栏5-1 “十四五”期间衡东重点水利工程", "x"), Sector::Water);
        assert_eq!(sector("专栏3-1  智能制造产业链重大工程", "x"), Sector::Industry);
    }
}
