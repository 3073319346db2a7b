//! Small text helpers shared by the parsers: input normalisation and CJK-aware cleanup.

/// Strips a UTF-8 byte-order mark and turns CRLF / CR line ends into LF, so that line numbers and
/// everything parsed are the same whichever way the file was saved.
pub fn normalize_input(raw: &str) -> String {
    let s = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A copy for matching, never for showing: full-width digits, letters and signs as ASCII
/// (`２０３０` → `2030`, `＞` → `>`), the ideographic space as a space, and the lenticular and
/// full-width brackets plans use for five-year totals (`【350】`, `［25］`) as `[`/`]`.
pub fn normalize_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '【' | '〔' => '[',
            '】' | '〕' => ']',
            '∗' => '*',
            _ => c,
        })
        .collect()
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x2018..=0x201F | 0x2160..=0x217F)
}

/// Removes the spaces a PDF conversion leaves between Chinese characters (`指 标` → `指标`,
/// `人均 GDP` → `人均GDP`) and collapses other runs of white space to one space.
pub fn tidy(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let before = chars[..start].last().copied();
            let after = chars.get(i).copied();
            let keep = match (before, after) {
                (Some(b), Some(a)) => !(is_cjk(b) || is_cjk(a) || "()（）[]".contains(a) || "()（）".contains(b)),
                _ => false,
            };
            if keep {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The value of a Chinese numeral up to 99 (`三` → 3, `十二` → 12), or of ASCII digits.
pub fn chinese_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['两'] => Some(2),
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_joins_split_chinese_and_keeps_latin_spaces() {
        assert_eq!(tidy("指 标 名 称"), "指标名称");
        assert_eq!(tidy("人均 GDP (按常住人口计算)"), "人均GDP(按常住人口计算)");
        assert_eq!(tidy("废弃产品规范回收与循环利用 率"), "废弃产品规范回收与循环利用率");
        assert_eq!(tidy("R&D 经费  收入"), "R&D经费收入");
        assert_eq!(tidy("III 类"), "III类");
    }

    #[test]
    fn full_width_matches_as_ascii() {
        assert_eq!(normalize_width("＞２０３０％"), ">2030%");
        assert_eq!(normalize_width("【350左右】 ［25—27］"), "[350左右] [25—27]");
        assert_eq!(normalize_width("6左右∗"), "6左右*");
    }

    #[test]
    fn crlf_and_bom_normalise_to_lf() {
        assert_eq!(normalize_input("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("三"), Some(3));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("二十一"), Some(21));
        assert_eq!(chinese_number("两"), Some(2));
        assert_eq!(chinese_number("7"), Some(7));
        assert_eq!(chinese_number("多"), None);
    }
}
