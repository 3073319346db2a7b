//! The front matter: plan title and the adoption line `(2020年12月24日…会议审议通过)`.

use crate::text::tidy;

#[derive(Debug, Default, PartialEq)]
pub struct Front {
    pub title: Option<String>,
    /// ISO date, when the text prints a complete one.
    pub adopted: Option<String>,
    /// The adopting body, e.g. `湘潭县第十六届人民代表大会第六次会议`.
    pub adopted_by: Option<String>,
    /// Line of the adoption note, so a garbled date can be reported.
    pub adoption_line: Option<u32>,
}

const SEARCH_LINES: usize = 200;

pub fn read(lines: &[&str]) -> Front {
    let mut front = Front::default();
    for line in lines.iter().take(SEARCH_LINES) {
        let t = tidy(line);
        if t.contains("国民经济和社会发展") && t.contains("纲要") {
            if let Some(inner) = t.split('《').nth(1).and_then(|r| r.split('》').next()) {
                front.title = Some(inner.to_string());
                break;
            }
            if t.chars().count() <= 60 {
                front.title = Some(t);
                break;
            }
        }
    }
    for (i, line) in lines.iter().enumerate().take(SEARCH_LINES) {
        let t = line.trim();
        if !(t.starts_with('(') || t.starts_with('（') || t.contains("人民代表大会")) {
            continue;
        }
        // The note may wrap onto the next line.
        let mut note = tidy(t);
        if !note.contains("通过") && !note.contains("批准") {
            if let Some(next) = lines.get(i + 1) {
                note = tidy(&format!("{note}{next}"));
            }
        }
        if !(note.contains("人民代表大会") && (note.contains("通过") || note.contains("批准"))) {
            continue;
        }
        front.adoption_line = Some(i as u32 + 1);
        let body = note.trim_start_matches(['(', '（']);
        front.adopted = parse_date(body);
        if let Some(day) = body.find('日') {
            let rest = &body[day + '日'.len_utf8()..];
            let end = rest.find("会议").map(|e| e + "会议".len()).unwrap_or(rest.len());
            front.adopted_by = Some(rest[..end].to_string()).filter(|s| !s.is_empty());
        }
        break;
    }
    front
}

/// `2020年12月24日…` → `2020-12-24`; `None` when any part is missing.
fn parse_date(s: &str) -> Option<String> {
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, _) = rest.split_once('日')?;
    let (y, m, d): (u16, u8, u8) = (y.trim().parse().ok()?, m.trim().parse().ok()?, d.trim().parse().ok()?);
    ((1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adoption_on_one_line() {
        let f = read(&[
            "湘潭县国民经济和社会发展 第十四个五年规划纲要",
            "",
            "(2020年12月24日湘潭县第十六届人民代表大会第六次会议审议通过)",
        ]);
        assert_eq!(f.title.as_deref(), Some("湘潭县国民经济和社会发展第十四个五年规划纲要"));
        assert_eq!(f.adopted.as_deref(), Some("2020-12-24"));
        assert_eq!(f.adopted_by.as_deref(), Some("湘潭县第十六届人民代表大会第六次会议"));
    }

    #[test]
    fn adoption_wrapped_over_two_lines() {
        let f = read(&["(2021年1月21日株洲市第十五届人民代表大会", "第五次会议批准)"]);
        assert_eq!(f.adopted.as_deref(), Some("2021-01-21"));
    }

    #[test]
    fn garbled_date_is_not_guessed() {
        let f = read(&["202136日湘乡市第八届人民代表大会第六次会议批准)"]);
        assert_eq!((f.adopted, f.adoption_line), (None, Some(1)));
    }

    #[test]
    fn title_inside_book_title_marks() {
        let f = read(&[" 《衡东县国民经济和社会发展第十四个五年规划纲要和二〇三五年远景目标纲要》是衡东县“十四五”时期及至2035年国民经济和社会发展的总体战略部署"]);
        assert_eq!(f.title.as_deref(), Some("衡东县国民经济和社会发展第十四个五年规划纲要和二〇三五年远景目标纲要"));
    }
}
