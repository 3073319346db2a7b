//! The outline: 篇 (part), 章 (chapter), 节 (section) headings, and the `(一)`-style headings that
//! 湘乡 uses instead of 节 (and others use below 节). Table-of-contents lines, which end in a page
//! number, are not headings.

use atlas_data::Heading;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Part,
    Chapter,
    Section,
    Numbered,
}

/// Reads one line as a heading: its kind, number (`第一章`, `(一)`) and title.
pub fn parse_heading(line: &str) -> Option<(Kind, String, String)> {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 50 || t.ends_with('。') || t.ends_with('；') || is_toc_entry(t) {
        return None;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let end = rest.find(['篇', '章', '节'])?;
        let numeral = &rest[..end];
        if numeral.is_empty() || !numeral.chars().all(|c| "一二三四五六七八九十百零".contains(c)) {
            return None;
        }
        let marker = rest[end..].chars().next()?;
        let kind = match marker {
            '篇' => Kind::Part,
            '章' => Kind::Chapter,
            _ => Kind::Section,
        };
        let number = format!("第{numeral}{marker}");
        let title = rest[end + marker.len_utf8()..].trim();
        if title.is_empty() || title.starts_with(['，', '、', '。']) {
            return None;
        }
        return Some((kind, number, crate::text::tidy(title)));
    }
    let open = t.chars().next()?;
    if open == '(' || open == '（' {
        let inner_end = t.find([')', '）'])?;
        let numeral = &t[open.len_utf8()..inner_end];
        if numeral.is_empty() || !numeral.chars().all(|c| "一二三四五六七八九十".contains(c)) {
            return None;
        }
        let close_len = t[inner_end..].chars().next()?.len_utf8();
        let title = t[inner_end + close_len..].trim();
        if title.is_empty() || title.chars().count() > 36 || title.contains('。') {
            return None;
        }
        return Some((Kind::Numbered, format!("({numeral})"), crate::text::tidy(title)));
    }
    None
}

/// `第一节 现实基础\t1`, `(一)发展基础.......... 3`, `第一章 发展基础.....\t1`.
pub(crate) fn is_toc_entry(t: &str) -> bool {
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
    body.len() < t.len() && (body.ends_with('\t') || body.ends_with(' ') || body.ends_with('.') || body.ends_with('…'))
        || t.contains("....")
        || t.contains("……")
}

pub fn outline(lines: &[&str]) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut under_section = false;
    for (i, line) in lines.iter().enumerate() {
        let Some((kind, number, title)) = parse_heading(line) else {
            continue;
        };
        let level = match kind {
            Kind::Part => {
                under_section = false;
                0
            }
            Kind::Chapter => {
                under_section = false;
                1
            }
            Kind::Section => {
                under_section = true;
                2
            }
            Kind::Numbered => {
                if under_section {
                    3
                } else {
                    2
                }
            }
        };
        out.push(Heading { level, number, title, line: i as u32 + 1 });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expect: Option<(Kind, &str, &str)>) {
        let got = parse_heading(line);
        assert_eq!(got.as_ref().map(|(k, n, t)| (*k, n.as_str(), t.as_str())), expect, "{line}");
    }

    #[test]
    fn chapter_and_section() {
        check(
            "第一章 实现“两大目标”，迈入高质量发展新阶段",
            Some((Kind::Chapter, "第一章", "实现“两大目标”，迈入高质量发展新阶段")),
        );
        check("第四节 空间布局", Some((Kind::Section, "第四节", "空间布局")));
        check("第二篇 发展战略篇", Some((Kind::Part, "第二篇", "发展战略篇")));
    }
    #[test]
    fn toc_lines_with_page_numbers_are_not_headings() {
        check("第一节 现实基础\t1", None);
        check("(一)发展基础........................................ 3", None);
        check("第一章 发展基础.....\t1", None);
        check("第十章 强化规划保障\t82-104", None);
    }
    #[test]
    fn parenthesised_section() {
        check("(二)主要形势", Some((Kind::Numbered, "(二)", "主要形势")));
        check("（一）精准把握“四大机遇”", Some((Kind::Numbered, "(一)", "精准把握“四大机遇”")));
    }
    #[test]
    fn sentences_are_not_headings() {
        check("第一，坚持党的领导。", None);
        check("（一）区位优势更加凸显。衡东位于中国经济发展中部", None);
    }
}
