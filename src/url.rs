//! The view state as URL query parameters, so that every view is a shareable link. Parsing is
//! forgiving: unknown keys are kept, over-long values are dropped.

use std::collections::BTreeMap;

/// Longest value we accept from a URL; anything longer is ignored.
pub const MAX_VALUE_LEN: usize = 200;

/// Parameters that must be finite numbers (`NaN`, `inf` and words are refused).
const NUMERIC: [&str; 6] = ["min", "max", "tline", "layout", "hl", "step"];

/// Every parameter the widget understands; others are ignored (and reported).
pub const KNOWN: [&str; 40] = [
    "bundle", "id", "present", "step", "view", "loc", "lang", "dark", "plain", "static", "prov", "table", "cat",
    "attr", "marker", "key", "q", "sort", "dir", "gkey", "grow", "ckey", "mloc", "layout", "hl", "sector", "box",
    "inv", "min", "max", "place", "pq", "proj", "tloc", "tline", "tq", "cmap", "ccol", "group", "src",
];

/// The parameters a Pym.js parent (`new pym.Parent(…)`) adds to the iframe's URL.
pub const PYM: [&str; 4] = ["initialWidth", "childId", "parentTitle", "parentUrl"];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(BTreeMap<String, String>);

fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' | b':' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A value as links written before a plan's period was data spell it today: `table=14th` is the
/// plan's own table (`plan`), `sort=target_2025` the target column (`target`), `ccol=base_2020`
/// the base (`base`). Links to 十四五 plans keep showing what they showed.
fn current_spelling(key: &str, value: String) -> String {
    let renamed = match key {
        "table" => atlas_data::Table::parse(&value).map(|t| t.as_str().to_string()),
        "sort" => crate::index::Slot::parse(&value).map(|s| s.as_str().to_string()),
        "ccol" => atlas_data::Column::parse(&value).map(|c| c.role.as_str().to_string()),
        _ => None,
    };
    renamed.unwrap_or(value)
}

impl Params {
    /// Parses `?a=1&b=x`; values longer than [`MAX_VALUE_LEN`] are dropped and reported.
    pub fn parse(search: &str) -> (Params, Vec<String>) {
        let mut map = BTreeMap::new();
        let mut rejected = Vec::new();
        for pair in search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (decode_component(k), decode_component(v));
            let not_a_number = NUMERIC.contains(&k.as_str()) && !v.is_empty() && crate::num::parse(&v).is_none();
            let hostile = v.chars().count() > MAX_VALUE_LEN
                || v.contains(['<', '>'])
                || v.chars().any(char::is_control)
                || not_a_number;
            // Pym.js adds its own parameters to the iframe URL; they are the host's, not the reader's,
            // so a long page title or URL is dropped without a notice.
            if PYM.contains(&k.as_str()) {
                if !hostile {
                    map.insert(k, v);
                }
                continue;
            }
            if !KNOWN.contains(&k.as_str()) || hostile {
                rejected.push(k.chars().filter(|c| !c.is_control()).take(40).collect());
                continue;
            }
            let v = current_spelling(&k, v);
            map.insert(k, v);
        }
        (Params(map), rejected)
    }

    pub fn to_query(&self) -> String {
        let parts: Vec<String> =
            self.0.iter().map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v))).collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// Whether the key is present, even without a value (`?plain`).
    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// Sets a value; an empty value removes the key so that URLs stay short.
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        if value.is_empty() {
            self.0.remove(key);
        } else {
            self.0.insert(key.to_string(), value);
        }
    }

    /// A comma-separated list.
    pub fn list(&self, key: &str) -> Vec<String> {
        self.get(key).map(|v| v.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()).unwrap_or_default()
    }

    pub fn set_list(&mut self, key: &str, values: &[String]) {
        self.set(key, values.join(","));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn round_trip_with_chinese_and_spaces() {
        let mut p = Params::default();
        p.set("q", "森林 覆盖率");
        p.set("loc", "430321,430381");
        let (back, rejected) = Params::parse(&p.to_query());
        assert_eq!((back, rejected.len()), (p, 0));
    }

    #[test]
    fn hostile_values_are_dropped() {
        let long = "x".repeat(MAX_VALUE_LEN + 1);
        let (p, rejected) = Params::parse(&format!("?view=map&q={long}&pq=%3Cscript%3E&tq=%ZZ&evil=1"));
        assert_eq!(p.get("view"), Some("map"));
        assert_eq!(p.get("q"), None);
        assert_eq!(p.get("pq"), None, "markup is refused");
        assert_eq!(rejected, ["q", "pq", "evil"]);
        assert_eq!(p.get("tq"), Some("%ZZ"), "a broken escape is kept as text");
        let (p, rejected) = Params::parse("?min=NaN&max=12.5&tline=inf");
        assert_eq!((p.get("min"), p.get("max"), p.get("tline")), (None, Some("12.5"), None));
        assert_eq!(rejected, ["min", "tline"]);
    }

    #[test]
    fn links_from_before_periods_keep_their_meaning() {
        let (p, rejected) = Params::parse("?table=14th&sort=target_2025&ccol=base_2020&q=14th");
        assert!(rejected.is_empty());
        assert_eq!((p.get("table"), p.get("sort"), p.get("ccol")), (Some("plan"), Some("target"), Some("base")));
        assert_eq!(p.get("q"), Some("14th"), "only the parameters that named columns change");
        let (p, _) = Params::parse("?table=13th&sort=name");
        assert_eq!((p.get("table"), p.get("sort")), (Some("review"), Some("name")));
    }

    #[test]
    fn pym_parameters_are_the_hosts_and_raise_no_notice() {
        let long = "t".repeat(MAX_VALUE_LEN + 1);
        let query = format!(
            "?view=map&initialWidth=640&childId=atlas&parentTitle={long}&parentUrl=http%3A%2F%2Fnews.example%2Fa"
        );
        let (p, rejected) = Params::parse(&query);
        assert!(rejected.is_empty(), "{rejected:?}");
        assert_eq!((p.get("childId"), p.get("initialWidth")), (Some("atlas"), Some("640")));
        assert_eq!(p.get("parentUrl"), Some("http://news.example/a"));
        assert_eq!(p.get("parentTitle"), None, "too long: dropped quietly");
    }
}
