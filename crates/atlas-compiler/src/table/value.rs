//! Reading one printed table cell: `502`, `<4.0`, `[15]`, `8%左右`, `225 以上`, `37.4（2019 年）`,
//! `60.8（预计）`, `—`. The raw text is always kept exactly as printed (trimmed); what we read
//! from it sits beside it.

use atlas_data::{Cell, Comparator, Qualitative};

/// Marks a table may set after a value and explain in its note (`带∗为预计数`).
pub const VALUE_MARKS: [char; 2] = ['*', '＊'];

/// Whether a value carries a trailing mark (`6左右∗`), whose meaning the table's note gives.
pub fn has_mark(raw: &str) -> bool {
    crate::text::normalize_width(raw.trim()).ends_with(VALUE_MARKS)
}

/// Phrases of targets in words, by what they say.
const QUALITATIVE: [(&str, Qualitative); 14] = [
    ("国家要求", Qualitative::SetAbove),
    ("下达", Qualitative::SetAbove),
    ("国家审核", Qualitative::SetAbove),
    ("确定的目标", Qualitative::SetAbove),
    ("省定", Qualitative::SetAbove),
    ("上级", Qualitative::SetAbove),
    ("同步", Qualitative::InStep),
    ("稳中有升", Qualitative::Steady),
    ("稳步", Qualitative::Steady),
    ("持续提高", Qualitative::Steady),
    ("逐步提高", Qualitative::Steady),
    ("保持稳定", Qualitative::Steady),
    ("持续改善", Qualitative::Steady),
    ("稳定在", Qualitative::Steady),
];

/// Reads a non-blank cell. Never fails: text that is not a number keeps `value: None`. Matching
/// runs on a normalised copy (full-width digits and signs as ASCII); `raw` is what was printed.
pub fn parse_cell(raw: &str) -> Cell {
    let raw = raw.trim().to_string();
    let normal = crate::text::normalize_width(&raw);
    let mut s: String = normal.chars().filter(|c| !c.is_whitespace()).collect();
    s = s.trim_end_matches(VALUE_MARKS).to_string();
    let mut cell = Cell {
        raw: raw.clone(),
        value: None,
        cmp: None,
        cumulative: false,
        year: None,
        estimate: false,
        qualitative: None,
    };

    // Parenthesised notes: a year, an estimate, or anything else (kept only in `raw`).
    while let Some((open, close)) = last_paren(&s) {
        let inner = &s[open..close];
        let inner_text = inner.trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
        if let Some(year) = inner_text.strip_suffix('年').and_then(|y| y.parse::<u16>().ok()) {
            cell.year = Some(year);
        } else if inner_text.contains("预计") || inner_text.contains("预估") {
            cell.estimate = true;
        } else if close != s.len() {
            break; // a bracket in the middle is part of the value
        }
        s.replace_range(open..close, "");
    }
    if s.contains("预计") {
        cell.estimate = true;
        s = s.replace("预计", "");
    }

    if let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        cell.cumulative = true;
        s = inner.to_string();
    }

    const PREFIXES: [(&str, Comparator); 12] = [
        ("<=", Comparator::AtMost),
        (">=", Comparator::AtLeast),
        ("≤", Comparator::AtMost),
        ("≥", Comparator::AtLeast),
        ("＜", Comparator::Less),
        ("＞", Comparator::Greater),
        ("<", Comparator::Less),
        (">", Comparator::Greater),
        ("不低于", Comparator::AtLeast),
        ("不高于", Comparator::AtMost),
        ("不超过", Comparator::AtMost),
        ("约", Comparator::About),
    ];
    for (p, c) in PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            cell.cmp = Some(c);
            s = rest.to_string();
            break;
        }
    }
    if let Some(rest) = s.strip_prefix("控制在") {
        s = rest.to_string();
        cell.cmp = Some(Comparator::AtMost);
    }
    const SUFFIXES: [(&str, Comparator); 4] = [
        ("左右", Comparator::About),
        ("以上", Comparator::AtLeastWords),
        ("以内", Comparator::AtMost),
        ("以下", Comparator::AtMost),
    ];
    for (suffix, c) in SUFFIXES {
        if let Some(rest) = s.strip_suffix(suffix) {
            cell.cmp.get_or_insert(c);
            s = rest.to_string();
            break;
        }
    }
    let number = s.trim_end_matches(['%', '‰', '％']);
    cell.value = parse_number(number);
    if cell.value.is_none() {
        cell.cmp = None;
        if !is_dash(&raw) && raw.chars().any(crate::text::is_cjk) {
            let kind = QUALITATIVE.iter().find(|(p, _)| normal.contains(p)).map(|(_, k)| *k);
            cell.qualitative = Some(kind.unwrap_or(Qualitative::Other));
        }
    }
    cell
}

fn parse_number(s: &str) -> Option<f64> {
    let s = s.replace('−', "-").replace('＋', "+");
    let digits = s.trim_start_matches(['+', '-']);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') || digits.starts_with('.') {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Byte range of the last `(…)` or `（…）` group in `s`, if it closes.
fn last_paren(s: &str) -> Option<(usize, usize)> {
    let close_at = s.rfind([')', '）'])?;
    let close_end = close_at + s[close_at..].chars().next()?.len_utf8();
    let open = s[..close_at].rfind(['(', '（'])?;
    Some((open, close_end))
}

/// Whether a cell reads as a value rather than a name: numbers, dashes, bracketed or compared
/// figures, and the few phrases plans print in value columns.
pub fn looks_like_value(raw: &str) -> bool {
    let s = raw.trim();
    if s.is_empty() {
        return false;
    }
    if is_dash(s) {
        return true;
    }
    let normal = crate::text::normalize_width(s);
    let first = normal.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() || "[<>≤≥+-−".contains(first) {
        return true;
    }
    const PHRASES: [&str; 13] =
        ["完成", "控制在", "高于", "低于", "不低于", "不高于", "与", "省目标", "保持", "达到", "力争", "稳步", "稳中"];
    PHRASES.iter().any(|p| s.starts_with(p)) || s.starts_with("“十")
}

/// `-`, `—`, `——`, `–`, `/`: printed for "no data".
pub fn is_dash(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.chars().all(|c| matches!(c, '-' | '—' | '–' | '/' | '－' | '―'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_data::Comparator::*;

    fn check(raw: &str, value: Option<f64>, cmp: Option<Comparator>, cumulative: bool, year: Option<u16>) {
        let c = parse_cell(raw);
        assert_eq!(c.raw, raw.trim(), "raw kept for {raw}");
        assert_eq!((c.value, c.cmp, c.cumulative, c.year), (value, cmp, cumulative, year), "cell {raw}");
    }

    #[test]
    fn plain_number() {
        check("502", Some(502.0), None, false, None);
    }
    #[test]
    fn less_than() {
        check("<4.0", Some(4.0), Some(Less), false, None);
    }
    #[test]
    fn at_least_sign_with_space() {
        check("> 95", Some(95.0), Some(Greater), false, None);
        check("≥95", Some(95.0), Some(AtLeast), false, None);
    }
    #[test]
    fn cumulative_in_brackets() {
        check("[15]", Some(15.0), None, true, None);
        check("[-20%]", Some(-20.0), None, true, None);
        check("[>18]", Some(18.0), Some(Greater), true, None);
    }
    #[test]
    fn about_suffix() {
        check("8%左右", Some(8.0), Some(About), false, None);
    }
    #[test]
    fn words_at_least_with_space() {
        check("225 以上", Some(225.0), Some(AtLeastWords), false, None);
        check("45%以上", Some(45.0), Some(AtLeastWords), false, None);
    }
    #[test]
    fn within_suffix() {
        check("5.8 以内", Some(5.8), Some(AtMost), false, None);
    }
    #[test]
    fn year_note_fullwidth() {
        check("37.4（2019 年）", Some(37.4), None, false, Some(2019));
        check("12.2:53.4:34.4 (2019 年)", None, None, false, Some(2019));
    }
    #[test]
    fn estimate_note() {
        let c = parse_cell("60.8（预计）");
        assert_eq!((c.value, c.estimate), (Some(60.8), true));
        assert!(parse_cell("42.2(预计)").estimate);
    }
    #[test]
    fn other_note_kept_raw_only() {
        check("12.5(年均)", Some(12.5), None, false, None);
        check("3.6（登记失业率）", Some(3.6), None, false, None);
    }
    #[test]
    fn dash_is_no_data() {
        check("—", None, None, false, None);
        check("——", None, None, false, None);
        assert!(is_dash("-") && is_dash("——"));
    }
    #[test]
    fn ratio_and_text_have_no_value() {
        check("14:54:32", None, None, false, None);
        check("完成省定目标", None, None, false, None);
    }
    #[test]
    fn per_mille_and_control_phrase() {
        check("控制在 7.5‰以内", Some(7.5), Some(AtMost), false, None);
    }
    #[test]
    fn full_width_digits_signs_and_brackets_read_as_ascii() {
        check("＞４５００", Some(4500.0), Some(Greater), false, None);
        check("【350左右】", Some(350.0), Some(About), true, None);
        check("［25—27］", None, None, true, None);
    }
    #[test]
    fn a_trailing_mark_is_kept_and_read_past() {
        check("6左右∗", Some(6.0), Some(About), false, None);
        check(">46.5∗", Some(46.5), Some(Greater), false, None);
        assert!(has_mark("6左右∗") && has_mark("98.5*") && !has_mark("98.5"));
    }
    #[test]
    fn targets_in_words_keep_their_kind() {
        for (raw, kind) in [
            ("达到国家要求", Qualitative::SetAbove),
            ("完成省下达目标", Qualitative::SetAbove),
            ("完成经国家审核衔接后确定的目标", Qualitative::SetAbove),
            ("与经济增长同步", Qualitative::InStep),
            ("稳中有升", Qualitative::Steady),
            ("稳步提高", Qualitative::Steady),
            ("4.5-5,努力争取更好结果", Qualitative::Other),
        ] {
            let c = parse_cell(raw);
            assert_eq!((c.value, c.qualitative, c.raw.as_str()), (None, Some(kind), raw), "{raw}");
        }
        assert_eq!(parse_cell("—").qualitative, None);
        assert_eq!(parse_cell("810").qualitative, None);
    }
    #[test]
    fn value_versus_name() {
        assert!(looks_like_value("[10.9]") && looks_like_value("完成省市下达任务") && looks_like_value("-"));
        assert!(!looks_like_value("森林覆盖率（%）") && !looks_like_value("城镇(元)"));
    }
}
