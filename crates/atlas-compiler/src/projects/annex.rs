//! An annex table of projects (附表 “十五五”时期重大工程包: 序号 / 领域 / 重大工程): each numbered row
//! a field (`全国政治中心建设`, wrapped over lines) and the works it packs, listed with `、` and
//! closed by their count (`…等3项工程`). Every work is a project filed under its field; a row whose
//! printed count differs from the works listed is reported with its line.

use super::{project, Found};
use crate::places::LocalPlaces;
use atlas_data::{Project, ProjectSource};

/// Header words of such an annex: a row number, a field, and the works.
const FIELD_WORDS: [&str; 3] = ["领域", "类别", "分类"];
const WORKS_WORDS: [&str; 4] = ["重大工程", "重大项目", "重点项目", "工程项目"];
/// A caption that announces it.
const CAPTION_WORDS: [&str; 4] = ["工程包", "重大工程", "重大项目", "重点项目"];

/// A field cell is short; the works that follow run longer or list with `、`.
const FIELD_CHARS: usize = 8;

/// Where the header is and its caption: the header's cells on one line (`序号 领域 重大工程`) or one
/// per line.
fn header(lines: &[&str]) -> Option<(usize, String)> {
    (0..lines.len()).find_map(|i| {
        let t = lines[i].trim();
        let cells: Vec<&str> = if t.split_whitespace().count() >= 3 {
            t.split_whitespace().collect()
        } else {
            lines[i..lines.len().min(i + 3)].iter().map(|l| l.trim()).collect()
        };
        let is_header = cells.first() == Some(&"序号")
            && cells.iter().any(|c| FIELD_WORDS.contains(c))
            && cells.iter().any(|c| WORKS_WORDS.contains(c));
        if !is_header {
            return None;
        }
        let caption = (i.saturating_sub(3)..i)
            .rev()
            .map(|k| lines[k].trim())
            .find(|l| CAPTION_WORDS.iter().any(|w| l.contains(w)))?;
        let end = if t.split_whitespace().count() >= 3 { i + 1 } else { i + 3 };
        Some((end, caption.to_string()))
    })
}

/// `…等3项工程` → (`…`, 3).
fn counted(text: &str) -> (&str, Option<usize>) {
    let Some(at) = text.rfind('等') else { return (text, None) };
    let tail = &text[at + '等'.len_utf8()..];
    let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
    let rest = &tail[digits.len()..];
    match digits.parse() {
        Ok(n) if rest.starts_with('项') || rest.starts_with('个') => (&text[..at], Some(n)),
        _ => (text, None),
    }
}

/// The annex's projects, and the rows whose count differs from the works listed.
pub fn from_annex(lines: &[&str], places: &LocalPlaces) -> (Vec<Project>, Vec<(u32, String)>) {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    let Some((start, caption)) = header(lines) else { return (out, issues) };
    /// A row: the line of its number, the number, and its lines after it.
    type Row<'a> = (usize, String, Vec<(usize, &'a str)>);
    // Rows: a number alone on its line starts one.
    let mut rows: Vec<Row> = Vec::new();
    let mut expected = 1;
    for (i, line) in lines.iter().enumerate().skip(start) {
        let t = line.trim();
        if t.is_empty() || crate::table::region::is_page_number(t) {
            continue;
        }
        if t == expected.to_string() {
            rows.push((i, t.to_string(), Vec::new()));
            expected += 1;
        } else if let Some(row) = rows.last_mut() {
            if crate::outline::parse_heading(t).is_some() || t.starts_with("注") {
                break;
            }
            row.2.push((i, t));
        }
    }
    for (i, seq, body) in rows {
        // The field: the short lines before the first that lists works.
        let split =
            body.iter().position(|(_, l)| l.chars().count() > FIELD_CHARS || l.contains('、')).unwrap_or(body.len());
        let field: String = body[..split].iter().map(|(_, l)| *l).collect();
        let works: String = body[split..].iter().map(|(_, l)| *l).collect();
        let works = works.trim_end_matches(['。', '；']);
        let (list, count) = counted(works);
        let names: Vec<String> =
            list.split(['、', '；']).map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
        if let Some(n) = count.filter(|n| *n != names.len()) {
            issues.push((i as u32 + 1, format!("row {seq} ({field}) prints {n} works, {} were read", names.len())));
        }
        let line = body.get(split).map_or(i, |(l, _)| *l) as u32 + 1;
        let at = Found {
            source: ProjectSource::Box,
            title: &caption,
            item: Some(seq.clone()),
            group: (!field.is_empty()).then(|| field.clone()),
            line,
        };
        out.extend(names.into_iter().map(|name| project(&at, name, "", places)));
    }
    (out, issues)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (item, field, work) of each project, and the issues.
    type Read = (Vec<(String, String, String)>, Vec<(u32, String)>);

    fn read(text: &str) -> Read {
        let lines: Vec<&str> = text.lines().collect();
        let none = LocalPlaces::new("", "", None, &[], &[], &[]);
        let (projects, issues) = from_annex(&lines, &none);
        let rows =
            projects.into_iter().map(|p| (p.item.unwrap_or_default(), p.group.unwrap_or_default(), p.name)).collect();
        (rows, issues)
    }

    #[test]
    fn fields_and_works_wrapped_over_lines_with_their_count() {
        let (rows, issues) = read(
            "附表\n某市“十五五”时期重大工程包\n序号 领域 重大工程\n1\n生态环境\n保护\n某江流域综合治理、城市污水管网提质、某\n山生态修复等3项工程\n— 80 —\n2\n交通\n某某机场改扩建、某城际铁路等2项工程",
        );
        assert!(issues.is_empty(), "{issues:?}");
        let want = [
            ("1", "生态环境保护", "某江流域综合治理"),
            ("1", "生态环境保护", "城市污水管网提质"),
            ("1", "生态环境保护", "某山生态修复"),
            ("2", "交通", "某某机场改扩建"),
            ("2", "交通", "某城际铁路"),
        ];
        let got: Vec<(&str, &str, &str)> = rows.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_count_unlike_the_works_listed_is_reported() {
        let (rows, issues) = read("重大项目表\n序号\n领域\n重大工程\n1\n能源\n某光伏基地、某储能电站等3项工程");
        assert_eq!(rows.len(), 2);
        assert_eq!(issues, [(5, "row 1 (能源) prints 3 works, 2 were read".to_string())]);
    }
}
