//! Names of works: the 工程, 项目, bridges, power stations … a phrase names, without the verbs that
//! lead into it (`加快推进…`) or the words that trail it (`…前期`, `…建成投产`).
//!
//! Two vocabularies: inside a works box any head noun of a built thing ends a name (`清水塘大桥`,
//! `安化240万千瓦抽水蓄能电站`); in running text only 工程/项目/行动/计划 do, because there a
//! precise miss costs less than a fragment filed as a project.

use crate::vocab::works::{BUILT_HEADS, GENERIC_STARTS, LEAD_INS, PROGRAMME_HEADS, TRAILERS};

/// Where a phrase is read, which decides the head nouns that end a work's name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Context {
    Box,
    Text,
}

impl Context {
    fn ends_work(self, s: &str) -> bool {
        let s = s.strip_suffix('”').filter(|s| s.contains('“')).unwrap_or(s);
        PROGRAMME_HEADS.iter().any(|h| s.ends_with(h))
            || (self == Context::Box && BUILT_HEADS.iter().any(|h| s.ends_with(h)))
    }
}

/// The words before a programme's head noun (`碧水` in `碧水行动`), or `None` for another head.
pub fn modifier(name: &str) -> Option<&str> {
    let bare = name.trim_matches(['“', '”']);
    PROGRAMME_HEADS.iter().find_map(|h| bare.strip_suffix(h)).map(|m| m.trim_end_matches(['”']))
}

/// Does a label name a work itself (`现代农业发展示范工程`, `市远程医疗中心`) rather than a group
/// of works (`两桥`, `新能源`)?
pub fn label_is_work(label: &str) -> bool {
    let built = label.strip_suffix("建设").is_some_and(|w| BUILT_HEADS.iter().any(|h| w.ends_with(h)));
    built || ["工程", "项目", "行动", "计划", "中心"].iter().any(|h| label.ends_with(h))
}

/// Does `s` start with a verb that leads into a work?
pub fn is_led(s: &str) -> bool {
    strip_lead_ins(s).len() != s.trim_start_matches([' ', '\u{3000}']).len()
}

fn strip_lead_ins(mut s: &str) -> &str {
    loop {
        let t = s.trim_start_matches([' ', '\u{3000}']);
        match LEAD_INS.iter().find(|l| t.starts_with(*l) && t.len() > l.len()) {
            Some(l) => s = &t[l.len()..],
            None => return t,
        }
    }
}

fn strip_trailers(mut s: &str, context: Context) -> &str {
    loop {
        let t = s.trim_end_matches([' ', '。', '；', '\u{3000}']);
        let Some(rest) = TRAILERS.iter().find_map(|w| t.strip_suffix(w)) else {
            return t;
        };
        // `…中心建设` loses `建设` only when a work's name is left.
        if !context.ends_work(rest) && !rest.ends_with('等') {
            return t;
        }
        s = rest;
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A phrase that could be a name: short, one clause, not a kind of work.
fn plausible(name: &str) -> bool {
    (4..=40).contains(&chars(name))
        && !name.contains(['，', ',', '。', '；', '：', ':'])
        && !lists_more(name)
        && !GENERIC_STARTS.iter().any(|g| name.starts_with(g))
        && !name.contains("的")
        && !["一批", "一些", "一系列", "若干", "各类"].iter().any(|g| name.contains(g))
        && !["重大项目", "重点项目", "重点工程", "重大工程"].iter().any(|g| name.ends_with(g))
}

/// `s` cut at `seps` that stand outside “quotes” (`湘莲“品种、品相”工程` is one piece).
fn split_outside_quotes<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '“' => depth += 1,
            '”' => depth = (depth - 1).max(0),
            c if depth == 0 && seps.contains(&c) => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// `A、B等工程`: the `等` that closes a list (not the one in 中等, 高等, 等级).
fn lists_more(s: &str) -> bool {
    s.match_indices('等').any(|(i, _)| {
        let before = s[..i].chars().next_back();
        let after = s[i + '等'.len_utf8()..].chars().next();
        !before.is_some_and(|c| "中高初平同对均".contains(c)) && after != Some('级')
    })
}

/// `A、B和C等工程`: an enumeration whose closing `等…工程/项目` names what every item is.
/// Only inside a works box, and only where the closing words are the kind alone (`等工程`), not a
/// new noun (`等专业人才培养工程` lists kinds of talent, not works).
fn lent_head(clause: &str) -> Option<Vec<String>> {
    const KINDS: [&str; 6] = ["工程", "项目", "重点工程", "重大工程", "重点项目", "重大项目"];
    let at = clause.rfind('等')?;
    let tail = &clause[at + '等'.len_utf8()..];
    let tail = tail.strip_suffix("建设").unwrap_or(tail);
    // `A工程、B工程等外河引水工程`: items that are works by themselves may close with any kind.
    let named = clause[..at].split('、').all(|i| PROGRAMME_HEADS.iter().any(|h| i.ends_with(h)));
    let kind_of_named = named && chars(tail) <= 8 && PROGRAMME_HEADS.iter().any(|h| tail.ends_with(h));
    if !(KINDS.contains(&tail) || kind_of_named) {
        return None;
    }
    // The items keep their own words (`重点水源建设`): the clause has lost its verb already.
    let items: Vec<String> = clause[..at].split('、').map(|p| p.trim().to_string()).collect();
    let fits = |i: &String| (4..=40).contains(&chars(i)) && !i.contains(['，', ',', '：', ':', '“', '”', '的']);
    (items.len() >= 2 && items.iter().all(fits)).then_some(items)
}

/// Named works in one clause (text between commas or full stops), in printed order.
///
/// A single work must follow a verb that leads into it (`实施…工程`): without one the phrase is a
/// topic (`垃圾分类行动`), an object of something else (`向银信机构推介项目`) or a fragment. Lists
/// of works (`清水塘大桥、群丰大桥`) need no verb inside a box.
///
/// `whole`: the clause is a whole sentence of a box item, which may name works without a verb.
pub fn in_clause(clause: &str, context: Context, whole: bool) -> Vec<String> {
    let trimmed = clause.trim();
    let clause = strip_lead_ins(trimmed);
    let led = clause.len() != trimmed.len();
    if !(led || (whole && context == Context::Box)) {
        return Vec::new();
    }
    // Running text lends a kind only to a list its verb introduces (`加快建设A、B等外河引水工程`).
    if let Some(items) = lent_head(clause).filter(|_| context == Context::Box || led) {
        return items;
    }
    let body = strip_trailers(clause, context);
    // `A、B` and `A和B` split only where every part is a work by itself (`清水塘大桥、群丰大桥`), so
    // that `多条构建城市骨架路网的主、次干路` stays one phrase.
    let parts: Vec<&str> = split_outside_quotes(body, &['、', '和', '及'])
        .into_iter()
        .map(|p| strip_trailers(strip_lead_ins(p), context))
        .collect();
    if parts.len() >= 2 && parts.iter().all(|p| context.ends_work(p) && plausible(p)) {
        return parts.into_iter().map(str::to_string).collect();
    }
    // `净化、绿化、序化、美化、亮化“五化工程”`, `名师、名校、名校长“三名”培育工程`: a list the
    // quoted name after it sums up.
    let pieces = split_outside_quotes(body, &['、']);
    let summed_up = pieces.last().is_some_and(|p| p.contains('“'));
    let listed = pieces.len() > 1;
    if context.ends_work(body) && plausible(body) && (summed_up || !listed) {
        return vec![body.to_string()];
    }
    Vec::new()
}

/// `A工程、B项目、C水闸…`: a box item that is a bare list of works, sentence by sentence, with at
/// least one item of each list named as a work; `None` when any sentence is not such a list.
pub fn bare_lists(paragraph: &str) -> Option<Vec<String>> {
    let mut all = Vec::new();
    for sentence in paragraph.split(['。', '；']).filter(|s| !s.trim().is_empty()) {
        let sentence = strip_lead_ins(sentence.trim());
        let mut items: Vec<&str> = split_outside_quotes(sentence, &['、']).into_iter().map(str::trim).collect();
        if let Some(last) = items.last_mut() {
            *last = last.split('等').next().unwrap_or(last);
        }
        let short = |s: &&str| (3..=40).contains(&chars(s)) && !s.contains(['，', ',', '：', ':', '。']);
        let named = items.iter().any(|s| Context::Box.ends_work(s));
        if items.len() < 2 || !items.iter().all(short) || !named {
            return None;
        }
        all.extend(items.into_iter().map(str::to_string));
    }
    (!all.is_empty()).then_some(all)
}

/// A sentence that is nothing but a programme's name (`特色提升行动`), as a paragraph's lead.
pub fn bare_programme(sentence: &str) -> Option<String> {
    let s = strip_lead_ins(sentence.trim());
    let short = chars(s) <= 20 && split_outside_quotes(s, &['、', '，', ',']).len() == 1;
    (short && PROGRAMME_HEADS.iter().any(|h| s.ends_with(h)) && plausible(s)).then(|| s.to_string())
}

/// Named works in a passage: in running text clause by clause; in a box item only where a
/// sentence starts (`新建55万千瓦风电。`), since the clauses after it state targets and purposes
/// (`…，力争创建1个国家现代农业产业园`).
pub fn in_passage(text: &str, context: Context) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let clauses: Vec<(&str, bool)> = match context {
        Context::Text => text.split(['。', '；', '，', ',', ';']).map(|c| (c, false)).collect(),
        Context::Box => {
            // Only a passage of one sentence may name a work without a verb (`一心：株洲火车站枢纽中心。`).
            let sentences: Vec<&str> = text.split(['。', '；', ';']).filter(|s| !s.trim().is_empty()).collect();
            let single = sentences.len() == 1;
            sentences
                .iter()
                .filter_map(|s| s.split(['，', ',']).next().map(|c| (c, single && c.len() == s.len())))
                .collect()
        }
    };
    for (clause, whole) in clauses {
        for w in in_clause(clause, context, whole) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Context::{Box, Text};

    #[test]
    fn lead_verbs_and_trailing_words_are_not_names() {
        assert_eq!(
            in_clause("加快推进大唐华银株洲“退城进郊”2×100万千瓦煤电项目", Box, true),
            vec!["大唐华银株洲“退城进郊”2×100万千瓦煤电项目"]
        );
        assert_eq!(in_clause("推进渌口龙门核电和昭陵小堆核电前期", Box, true), vec!["渌口龙门核电", "昭陵小堆核电"]);
        assert_eq!(
            in_clause("加快推进120万千瓦攸县抽水蓄能发电站项目", Box, true),
            vec!["120万千瓦攸县抽水蓄能发电站项目"]
        );
        assert_eq!(
            in_clause(
                "重点推动长安益阳发电公司三期（200万千瓦）扩建工程、安化240万千瓦抽水蓄能电站建成投产",
                Box,
                true
            ),
            vec!["长安益阳发电公司三期（200万千瓦）扩建工程", "安化240万千瓦抽水蓄能电站"]
        );
    }

    #[test]
    fn enumerations_split_only_into_works() {
        assert_eq!(in_clause("清水塘大桥、群丰大桥", Box, true), vec!["清水塘大桥", "群丰大桥"]);
        assert_eq!(
            in_clause("中环大道效能提升工程、内环贯通工程", Box, true),
            vec!["中环大道效能提升工程", "内环贯通工程"]
        );
        assert!(in_clause("多条构建城市骨架路网的主、次干路", Box, true).is_empty());
        assert_eq!(in_clause("株洲火车站枢纽中心", Box, true), vec!["株洲火车站枢纽中心"]);
        assert!(in_clause("依托清水塘数字智造产业园、清水塘滨江科创园", Box, false).is_empty());
        assert_eq!(
            in_passage("推进茶陵红茶等产业发展，力争创建 1 个国家现代农业产业园。新建55万千瓦风电。", Box),
            vec!["55万千瓦风电"]
        );
    }

    #[test]
    fn a_closing_kind_names_every_item() {
        assert_eq!(
            in_clause("加快实施全市110KV电网建设工程、35KV电网建设工程、衡阳--炎陵天然气长输管线及储气设施建设、城区天然气设施提升等工程", Box, true),
            vec!["全市110KV电网建设工程", "35KV电网建设工程", "衡阳--炎陵天然气长输管线及储气设施建设", "城区天然气设施提升"]
        );
        assert_eq!(
            in_clause(
                "湘江非城区段堤防建设与河道建设、病险水库除险加固、中小河流治理、城市防洪能力建设等工程",
                Box,
                true
            )
            .len(),
            4
        );
        assert!(in_clause("完善交通、水利、能源等基础设施", Box, true).is_empty());
        assert!(in_clause("S219 回龙桥等重点道路工程", Text, false).is_empty());
    }

    #[test]
    fn bare_lists_of_works() {
        assert_eq!(
            bare_lists("湘江洣水防洪堤治理工程、永乐江保护圈项目、望日岩水闸。洋塘河坝水闸除险加固工程、杨林水库等。"),
            Some(
                ["湘江洣水防洪堤治理工程", "永乐江保护圈项目", "望日岩水闸", "洋塘河坝水闸除险加固工程", "杨林水库"]
                    .map(String::from)
                    .to_vec()
            )
        );
        assert_eq!(bare_lists("完善交通、水利、能源等基础设施。"), None);
    }

    #[test]
    fn running_text_takes_programmes_only() {
        assert_eq!(
            in_clause(
                "进一步抓好病险水库除险加固工程、中小河流堤防保护圈加固治理工程、排涝泵站更新改造工程建设",
                Text,
                false
            ),
            vec!["病险水库除险加固工程", "中小河流堤防保护圈加固治理工程", "排涝泵站更新改造工程"]
        );
        assert_eq!(in_clause("加快湘潭生活垃圾焚烧发电项目建设", Text, false), vec!["湘潭生活垃圾焚烧发电项目"]);
        assert!(in_clause("建设清水塘大桥", Text, false).is_empty());
        assert!(in_clause("成功跻身千亿园", Text, false).is_empty());
        assert!(in_clause("研究推出一批重大工程和项目", Text, false).is_empty());
        assert!(in_clause("着力打造功能完善的工程", Text, false).is_empty());
        assert!(in_clause("加快重大项目", Text, false).is_empty());
        assert_eq!(in_clause("实施“银龄计划”", Text, false), vec!["“银龄计划”"]);
        assert_eq!(
            in_clause("实施中等职业教育标准化学校建设工程", Text, false),
            vec!["中等职业教育标准化学校建设工程"]
        );
        assert_eq!(in_clause("实施净化、绿化、序化、美化、亮化“五化工程”", Text, false).len(), 1);
        assert_eq!(
            in_clause("加快推进湘莲“品种、品相、品牌、品位、品质”工程", Text, false),
            vec!["湘莲“品种、品相、品牌、品位、品质”工程"]
        );
        assert!(in_clause("积极向银信机构推介项目", Text, false).is_empty());
        assert!(in_clause("实施农业生产经营人才、乡村治理人才等专业人才培养工程", Text, false).is_empty());
    }
}
