//! 专栏 boxes: where each starts and ends, and its paragraphs.
//!
//! A box runs from its caption to the next heading, box, figure caption or `一、`-style sub-heading.
//! The PDF conversion drops the box frame, so the running text after a box looks like one more
//! paragraph; the box ends earlier when
//! - it has numbered items and an unnumbered paragraph starts a new sentence after a long item;
//! - its items are labelled `label：…` and a paragraph is not;
//! - a paragraph is much longer than its items (over 2.5 times their median length, and over 120
//!   characters) — the prose that follows a box of short items.
//!
//! Paragraphs that a page break cut in two are joined first.

use crate::text::tidy;

/// A paragraph of a box: its text and the line it starts on.
pub struct Para {
    pub text: String,
    pub line: u32,
}

/// A box: its caption, the caption's line and its paragraphs.
pub struct Box {
    pub line: u32,
    pub caption: String,
    pub paras: Vec<Para>,
    /// The last line of the box.
    pub end: u32,
}

pub fn is_box_caption(line: &str) -> bool {
    line.trim_start().starts_with("专栏")
}

/// A box of works, projects or actions — not an indicator table, not the review of the last plan
/// (`“十三五”完成的10件标志性大事`), not a list of honours.
pub fn is_works_box(caption: &str) -> bool {
    const WORKS: [&str; 16] = [
        "工程", "项目", "行动", "计划", "建设", "清单", "布局", "网络", "目标", "方向", "大事", "重点", "体系", "规划",
        "线路", "专栏",
    ];
    let body = caption.trim_start().trim_start_matches("专栏");
    // A box reviewing a period (`“十三五”完成的10件标志性大事`) lists no works of the plan's.
    let chars: Vec<char> = caption.chars().collect();
    let names_period = (0..chars.len()).any(|k| crate::table::header::period_at(&chars[k..]).is_some());
    let review = names_period && ["完成", "成就", "回顾"].iter().any(|w| caption.contains(w));
    !(caption.contains("主要指标") || caption.contains("主要目标") || review) && WORKS.iter().any(|w| body.contains(w))
}

/// `一、加大旅游精品线路建设力度`, `2.深入实施扩大内需战略`: a sub-heading of the running text, not a
/// box item (an item says what it is and goes on: `1.某某工程。…`).
fn is_text_subheading(line: &str) -> bool {
    let t = line.trim();
    let numeral = t.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    if numeral > 0 && t.chars().nth(numeral) == Some('、') && !t.contains('。') && t.chars().count() <= 30 {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = &t[digits..];
    digits > 0
        && rest.starts_with(['.', '．'])
        && rest.chars().nth(1).is_some_and(crate::text::is_cjk)
        && !t.contains(['。', '，', '：', '；'])
        && t.chars().count() <= 20
}

fn is_figure_caption(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with('图') && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit() || c == ' '))
        || t.ends_with("示意图")
        || t.ends_with("体系图")
}

/// `1.`, `1、`, `1．`, `（1）`, `(1)`, `（一）`: the item number and the text after it.
pub fn item_number(s: &str) -> Option<(String, &str)> {
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

/// `两桥：清水塘大桥、群丰大桥。` → (`两桥`, `清水塘大桥、群丰大桥。`); `防洪安全网。湘江…` →
/// (`防洪安全网`, `湘江…`). A label is short and holds no punctuation.
pub fn item_label(text: &str) -> Option<(&str, &str)> {
    let end = text.find(['：', ':', '。'])?;
    let label = text[..end].trim();
    let rest = text[end..].trim_start_matches(['：', ':', '。']).trim_start();
    let short = (2..=20).contains(&label.chars().count());
    (short && !label.contains(['，', ',', '、', '；']) && !rest.is_empty()).then_some((label, rest))
}

/// `label：…` (not `label。…`), the form whose boxes end at the first unlabelled paragraph.
fn colon_labelled(text: &str) -> bool {
    item_label(text).is_some_and(|(label, _)| text[label.len()..].trim_start().starts_with(['：', ':']))
}

pub fn strip_markup(s: &str) -> String {
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

fn median_chars(paras: &[Para]) -> usize {
    let mut lens: Vec<usize> = paras.iter().map(|p| p.text.chars().count()).collect();
    lens.sort_unstable();
    lens.get(lens.len() / 2).copied().unwrap_or(0)
}

/// Does `next` (an unnumbered paragraph) belong to the running text after a box of `paras`?
fn leaves_box(paras: &[Para], next: &str) -> bool {
    if paras.len() < 2 || paras.iter().any(|p| p.text.contains('\t')) {
        return false;
    }
    let labelled = paras.iter().all(|p| colon_labelled(&p.text));
    let long = next.chars().count() > (median_chars(paras) * 5 / 2).max(120);
    (labelled && !colon_labelled(next)) || long
}

/// Every box in the text.
pub fn boxes(lines: &[&str]) -> Vec<Box> {
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
        let mut end = caption_line;
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
            } else if !numbered && !is_item && !raw.starts_with('\t') && leaves_box(&paras, &t) {
                break;
            } else {
                numbered |= is_item;
                paras.push(Para {
                    text: if raw.contains('\t') { raw.trim().to_string() } else { t },
                    line: i as u32 + 1,
                });
            }
            end = i as u32 + 1;
            i += 1;
        }
        out.push(Box { line: caption_line, caption, paras, end });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers() {
        assert_eq!(item_number("5．湖南聚味堂"), Some(("5".into(), "湖南聚味堂")));
        assert_eq!(item_number("（三）洣江生态观光园。"), Some(("三".into(), "洣江生态观光园。")));
        assert_eq!(item_number("2025年末"), None);
    }

    #[test]
    fn item_labels() {
        assert_eq!(item_label("两桥：清水塘大桥、群丰大桥。"), Some(("两桥", "清水塘大桥、群丰大桥。")));
        assert_eq!(
            item_label("防洪安全网。湘江非城区段堤防建设等工程。"),
            Some(("防洪安全网", "湘江非城区段堤防建设等工程。"))
        );
        assert_eq!(item_label("株洲火车站枢纽中心。"), None);
        assert_eq!(item_label("到2025年，力争市区城市防洪堤防工程达标率达到100%。"), None);
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
    fn a_box_ends_before_the_running_text_after_it() {
        let text = "专栏 21 城市交通基础设施建设\n\n一心：株洲火车站枢纽中心。\n\n两桥：清水塘大桥、群丰大桥。\n\n\
                    夯实能源保障网。加强基础设施配套。\n";
        let lines: Vec<&str> = text.lines().collect();
        let b = &boxes(&lines)[0];
        assert_eq!(b.paras.len(), 2);
        assert_eq!(b.end, 5);
        let long = "推进“引洮润株”工程。".to_string() + &"做好以洮水水库为龙头的规划前期工作，".repeat(8);
        let text = format!(
            "专栏 23 水安全网建设重点工程\n防洪安全网。病险水库除险加固、中小河流治理等工程。\n\
             饮水安全网。水资源配置、城乡供水一体化等工程。\n{long}\n"
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(boxes(&lines)[0].paras.len(), 2);
    }
}
