//! A character index over a plan's lines, so that a full-text search looks only at lines that
//! can match: for a query of two or more characters, the lines holding its rarest character pair
//! (bigram); for one character, the lines holding it. Each candidate is then checked with
//! `contains`, so the result is exactly that of scanning every line.

use std::collections::HashMap;

pub struct TextIndex {
    /// Lines (0-based, ascending, once each) holding each character pair.
    pairs: HashMap<(char, char), Vec<u32>>,
    /// Lines holding each character.
    chars: HashMap<char, Vec<u32>>,
}

fn push_once(list: &mut Vec<u32>, line: u32) {
    if list.last() != Some(&line) {
        list.push(line);
    }
}

impl TextIndex {
    pub fn new(lines: &[String]) -> TextIndex {
        let mut pairs: HashMap<(char, char), Vec<u32>> = HashMap::new();
        let mut chars: HashMap<char, Vec<u32>> = HashMap::new();
        for (i, line) in lines.iter().enumerate() {
            let i = i as u32;
            let mut prev = None;
            for c in line.chars() {
                push_once(chars.entry(c).or_default(), i);
                if let Some(p) = prev {
                    push_once(pairs.entry((p, c)).or_default(), i);
                }
                prev = Some(c);
            }
        }
        TextIndex { pairs, chars }
    }

    /// 0-based indices of the lines containing `query`, in order.
    pub fn find(&self, lines: &[String], query: &str) -> Vec<usize> {
        let q: Vec<char> = query.chars().collect();
        let candidates: &[u32] = match q.as_slice() {
            [] => return Vec::new(),
            [c] => self.chars.get(c).map_or(&[], Vec::as_slice),
            _ => q
                .windows(2)
                .map(|w| self.pairs.get(&(w[0], w[1])).map_or(&[][..], Vec::as_slice))
                .min_by_key(|l| l.len())
                .unwrap_or(&[]),
        };
        candidates.iter().map(|&i| i as usize).filter(|&i| lines[i].contains(query)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn finds_exactly_what_a_scan_finds() {
        let lines: Vec<String> = ["洣水镇洣水", "无", "洣 水", "水洣", "GDP增长", "", "增长 7% 以上", "洣水"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let index = TextIndex::new(&lines);
        for q in ["洣水", "洣", "水", "增长", "GDP", "7%", " ", "不存在", "洣水镇洣水", ""] {
            let scan: Vec<usize> =
                if q.is_empty() { Vec::new() } else { (0..lines.len()).filter(|&i| lines[i].contains(q)).collect() };
            assert_eq!(index.find(&lines, q), scan, "{q:?}");
        }
    }
}
