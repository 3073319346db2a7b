//! The front matter: the plan's title and period, and the adoption line
//! (`(2020年12月24日…会议审议通过)`).
//!
//! A title is a short line (or a heading split over two or three lines) naming a
//! `…国民经济和社会发展第N个五年规划纲要`. A notice that publishes the plan (`关于印发…的通知`), a web
//! page's navigation and prose that cites the plan or the Party committee's 建议 are passed over. A
//! text whose only title is a 建议 (a proposal for the plan, not the plan) is said to be one.

use crate::text::{chinese_number, tidy};
use atlas_data::Period;

#[derive(Debug, Default, PartialEq)]
pub struct Front {
    pub title: Option<String>,
    /// 1-based line the title starts on.
    pub title_line: Option<u32>,
    /// The period the title names (`第十五个五年规划` → 15), else the one the text names most.
    pub period: Option<Period>,
    /// The text's title is a 建议 (the Party committee's proposal for a plan), not an outline.
    pub proposal: Option<String>,
    /// ISO date, when the text prints a complete one.
    pub adopted: Option<String>,
    /// The adopting body, e.g. `湘潭县第十六届人民代表大会第六次会议`.
    pub adopted_by: Option<String>,
    /// Line of the adoption note, so a garbled date can be reported.
    pub adoption_line: Option<u32>,
    /// Whether the adoption note prints a date at all (a notice may name the session only).
    pub adoption_dated: bool,
}

const SEARCH_LINES: usize = 300;
/// A title is a heading: no longer than this.
const TITLE_CHARS: usize = 60;

pub fn read(lines: &[&str]) -> Front {
    let mut front = Front::default();
    if let Some((line, title)) = title(lines, |t| t.ends_with("纲要") || t.ends_with("规划")) {
        front.period = period_of_title(&title);
        front.title = Some(title);
        front.title_line = Some(line);
    } else if let Some((_, title)) = title(lines, |t| t.ends_with("建议")) {
        front.proposal = Some(title);
    }
    if front.period.is_none() {
        front.period = most_named_period(lines);
    }
    adoption(lines, &mut front);
    front
}

/// Whether a line is part of a notice or page furniture rather than the document.
fn is_notice(t: &str) -> bool {
    ["印发", "通知", "首页", "当前位置", "来源："].iter().any(|w| t.contains(w))
}

/// The first title that `ends` accepts: a heading line, possibly split over up to three lines,
/// or a title in book-title marks 《…》 at the start of a line.
fn title(lines: &[&str], ends: impl Fn(&str) -> bool) -> Option<(u32, String)> {
    let is_title = |t: &str| t.contains("五年规划") && ends(t);
    for (i, line) in lines.iter().enumerate().take(SEARCH_LINES) {
        let t = tidy(line);
        if t.is_empty() || is_notice(&t) {
            continue;
        }
        if let Some(inner) = t.strip_prefix('《').and_then(|r| r.split('》').next()) {
            if is_title(inner) && inner.contains("国民经济和社会发展") {
                return Some((i as u32 + 1, inner.to_string()));
            }
        }
        let heading = |t: &str| t.chars().count() <= TITLE_CHARS && !t.contains(['。', '，', ',', '《', '》']);
        if !heading(&t) || !(t.contains("国民经济和社会发展") || t.contains("五年规划")) {
            continue;
        }
        let mut joined = t.clone();
        for next in lines.iter().skip(i + 1).take(3) {
            if is_title(&joined) {
                break;
            }
            let n = tidy(next);
            if n.is_empty() || !heading(&format!("{joined}{n}")) {
                break;
            }
            joined.push_str(&n);
        }
        if is_title(&joined) {
            return Some((i as u32 + 1, joined));
        }
    }
    None
}

/// `…第十五个五年规划纲要` → 15.
pub fn period_of_title(title: &str) -> Option<Period> {
    let after = title.split('第').skip(1).find_map(|rest| rest.split_once("个五年").map(|(n, _)| n))?;
    Period::new(u8::try_from(chinese_number(after)?).ok()?)
}

/// The period a text names most often as `十X五` (a plan names its own far more than the last).
fn most_named_period(lines: &[&str]) -> Option<Period> {
    let mut counts = std::collections::BTreeMap::<Period, usize>::new();
    for line in lines {
        let chars: Vec<char> = line.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            match crate::table::header::period_at(&chars[k..]) {
                Some((p, len)) => {
                    *counts.entry(p).or_default() += 1;
                    k += len;
                }
                None => k += 1,
            }
        }
    }
    counts.into_iter().max_by_key(|(p, n)| (*n, *p)).map(|(p, _)| p)
}

/// The note of the people's congress session that adopted the plan: a line with 人民代表大会 and
/// 通过 or 批准, wrapped onto the next line or with its date on the line before.
fn adoption(lines: &[&str], front: &mut Front) {
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
        let mut at = i;
        let body = note.trim_start_matches(['(', '（']).to_string();
        let has_date = |s: &str| s.contains('年') && s.contains('月');
        let body = match (has_date(&body), i.checked_sub(1).map(|k| tidy(lines[k]))) {
            // `2026年1月29日北京市第十六届` ␤ `人民代表大会第四次会议批准`.
            (false, Some(prev)) if has_date(&prev) && prev.ends_with('届') => {
                at = i - 1;
                format!("{}{body}", prev.trim_start_matches(['(', '（']))
            }
            _ => body,
        };
        front.adoption_line = Some(at as u32 + 1);
        front.adoption_dated = body.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '〇');
        front.adopted = parse_date(&body);
        let session = match body.find('日') {
            Some(day) => &body[day + '日'.len_utf8()..],
            // A notice names the session without a date: `已经杭州市第十四届人民代表大会第六次会议审议批准`.
            None => body.split("已经").nth(1).unwrap_or(""),
        };
        let end = session.find("会议").map(|e| e + "会议".len()).unwrap_or(session.len());
        front.adopted_by = Some(session[..end].to_string()).filter(|s| s.contains("人民代表大会"));
        break;
    }
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
    fn title_split_over_two_lines_with_the_date_before_the_session() {
        // A PDF's cover: the title wraps, and so does the adoption note, date first.
        let f = read(&[
            "某某市国民经济和社会发展",
            "第十五个五年规划纲要",
            "2026年1月20日某某市第十届",
            "人民代表大会第五次会议批准",
            "序 言",
        ]);
        assert_eq!(f.title.as_deref(), Some("某某市国民经济和社会发展第十五个五年规划纲要"));
        assert_eq!((f.title_line, f.period), (Some(1), Period::new(15)));
        assert_eq!(f.adopted.as_deref(), Some("2026-01-20"));
        assert_eq!(f.adopted_by.as_deref(), Some("某某市第十届人民代表大会第五次会议"));
        assert_eq!(f.adoption_line, Some(3));
    }

    #[test]
    fn a_notice_before_the_title_is_passed_over() {
        let f = read(&[
            "某某县人民政府关于印发《某某县国民经济和社会发展第十五个五年规划纲要》的通知",
            "某某县国民经济和社会发展第十五个五年规划纲要》已经某某县第九届人民代表大会第四次会议审议批准，现印发给你们。",
            "某某县人民政府",
            "2026年2月1日",
            "",
            "某某县国民经济和社会发展",
            "第十五个五年规划纲要",
        ]);
        assert_eq!(f.title.as_deref(), Some("某某县国民经济和社会发展第十五个五年规划纲要"));
        assert_eq!(f.title_line, Some(6));
        assert_eq!(f.adopted, None);
        assert!(!f.adoption_dated, "the notice names the session but no date");
        assert_eq!(f.adopted_by.as_deref(), Some("某某县第九届人民代表大会第四次会议"));
    }

    #[test]
    fn prose_citing_the_proposal_is_not_the_title() {
        let f = read(&[
            "某某市国民经济和社会发展第十五个五年规划纲要",
            "本纲要根据《中共某某市委关于制定某某市国民经济和社会发展第十五个五年规划的建议》编制。",
        ]);
        assert_eq!(f.title.as_deref(), Some("某某市国民经济和社会发展第十五个五年规划纲要"));
        assert_eq!(f.proposal, None);
    }

    #[test]
    fn a_proposal_on_its_own_is_said_to_be_one() {
        let f = read(&["中共某某县委关于制定某某县国民经济和社会发展", "第十五个五年规划的建议", "（2025年12月某日）"]);
        assert_eq!(f.title, None);
        assert_eq!(f.proposal.as_deref(), Some("中共某某县委关于制定某某县国民经济和社会发展第十五个五年规划的建议"));
    }

    #[test]
    fn period_from_the_title_or_else_from_the_text() {
        assert_eq!(
            period_of_title("某某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"),
            Period::new(14)
        );
        assert_eq!(period_of_title("某某市国民经济和社会发展第十一个五年规划纲要"), Period::new(11));
        let f = read(&["发展规划", "“十五五”时期主要目标", "“十四五”时期成就", "“十五五”期间"]);
        assert_eq!(f.period, Period::new(15));
    }

    #[test]
    fn title_inside_book_title_marks() {
        let f = read(&[" 《衡东县国民经济和社会发展第十四个五年规划纲要和二〇三五年远景目标纲要》是衡东县“十四五”时期及至2035年国民经济和社会发展的总体战略部署"]);
        assert_eq!(f.title.as_deref(), Some("衡东县国民经济和社会发展第十四个五年规划纲要和二〇三五年远景目标纲要"));
    }
}
