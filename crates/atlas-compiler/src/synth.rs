//! A synthetic corpus for measuring at national scale: `n` real localities from the registry, each
//! given one of the corpus's plan texts (the templates: every plan of its `plans.toml` that names
//! its locality, parent and level) with the locality's names rewritten and its numbers perturbed
//! deterministically (the same `n` always gives the same corpus). The plans are real texts in
//! every other respect, so the compiler does the same work as on real plans.

use crate::registry::Registry;
use atlas_data::Level;
use std::path::Path;

/// A plan of the corpus as a template: its text, and the names to rewrite.
struct Template {
    text: String,
    name: String,
    parent: String,
    /// Its plan covers several counties (a prefecture's or a province's).
    spans_counties: bool,
}

/// The corpus's plans whose entry names the locality, its parent and its level, in manifest order.
fn templates(source: &Path) -> Result<Vec<Template>, String> {
    let plans = crate::corpus::load(source)?;
    let mut out = Vec::new();
    for p in plans {
        let (Some(name), Some(parent), Some(level)) = (p.entry.name.clone(), p.entry.parent.clone(), p.level) else {
            continue;
        };
        let text = p.read_text()?;
        out.push(Template { text, name, parent, spans_counties: level.spans_counties() });
    }
    Ok(out)
}

/// A plan rewritten as its successor five years on, for tests of a locality with plans of two
/// periods: its title's period, every period name and every year of the two periods moved by one
/// period. Not a real plan: its numbers are the old plan's.
pub fn successor(text: &str) -> String {
    let mut t = text.replace("第十四个五年", "第十五个五年").replace("十四五", "十五五").replace("十三五", "十四五");
    for (from, to) in [("2025", "2030"), ("2020", "2025"), ("2015", "2020")] {
        t = t.replace(from, to);
    }
    t
}

/// A deterministic pseudo-random number in [0, 1) from a seed (SplitMix64).
fn unit(seed: u64) -> f64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

/// Perturbs the numbers of a text by up to ±20 %: decimals keep their number of places, whole
/// numbers from 100 up change too, years (1990–2050) and small whole numbers (row numbers,
/// counts) stay as they are, so that tables keep their shape.
pub fn perturb(text: &str, seed: u64) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut k = 0u64;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && (chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '.')) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
        }
        let number: String = chars[start..i].iter().collect();
        let places = number.split_once('.').map_or(0, |(_, d)| d.len());
        let value: f64 = number.parse().unwrap_or(0.0);
        let is_year = places == 0 && (1990.0..=2050.0).contains(&value);
        if is_year || (places == 0 && value < 100.0) {
            out.push_str(&number);
            continue;
        }
        k += 1;
        let factor = 0.8 + 0.4 * unit(seed ^ k.wrapping_mul(0x1000_0001));
        out.push_str(&format!("{:.*}", places, value * factor));
    }
    out
}

/// The short form of a name (`湘潭县` → `湘潭`), as texts print it; the name itself when too short.
fn short_of(name: &str) -> &str {
    ["自治县", "县", "市", "区", "旗"]
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .filter(|s| s.chars().count() >= 2)
        .unwrap_or(name)
}

/// Writes a corpus of `n` plans into `out`: `plans/`, `plans.toml` (ids only: the rest is
/// derived by the compiler, as for any new plan), `indicators.toml` and `tour.toml` from `source`.
/// Localities are spread evenly over the registry (counties and prefectures, by adcode).
pub fn write(source: &Path, registry: &Registry, n: usize, out: &Path) -> Result<usize, String> {
    let io = |e: std::io::Error| e.to_string();
    let mut units: Vec<(String, String, bool)> = registry
        .counties
        .iter()
        .map(|c| (c.adcode.clone(), c.name.clone(), false))
        .chain(registry.prefectures.iter().map(|p| (p.adcode.clone(), p.name.clone(), true)))
        .chain(registry.provinces.iter().map(|p| (p.adcode.clone(), p.name.clone(), true)))
        .filter(|(code, _, _)| registry.parent_of(code).is_some() && registry.level_of(code).is_some())
        .collect();
    units.sort();
    // A unit may be in both files (济源市 is county-level and directly under the province).
    units.dedup_by(|a, b| a.0 == b.0);
    if units.is_empty() {
        return Err("the registry has no localities".into());
    }
    let n = n.min(units.len());
    let picked: Vec<&(String, String, bool)> = (0..n).map(|k| &units[k * units.len() / n]).collect();
    let templates = templates(source)?;
    let of_kind = |wide: bool| templates.iter().filter(|t| t.spans_counties == wide).collect::<Vec<_>>();
    let (wide, local) = (of_kind(true), of_kind(false));
    if wide.is_empty() || local.is_empty() {
        return Err("the corpus needs a county-level and a prefecture-level plan with name, parent and level".into());
    }
    std::fs::create_dir_all(out.join("plans")).map_err(io)?;
    let mut manifest =
        String::from("# A synthetic corpus for `cargo xtask scale`: real localities, texts of the five plans.\n");
    let (mut counties, mut prefectures) = (0usize, 0usize);
    for (code, name, prefecture) in picked {
        // Alternate the templates of the right level.
        let template = if *prefecture {
            prefectures += 1;
            wide[prefectures % wide.len()]
        } else {
            counties += 1;
            local[counties % local.len()]
        };
        let parent = registry.parent_of(code).map_or(String::new(), |(_, p)| p.to_string());
        let level = registry.level_of(code).unwrap_or(Level::County);
        debug_assert_eq!(template.spans_counties, level.spans_counties());
        let text = template
            .text
            .replace(&template.parent, &parent)
            .replace(&template.name, name)
            .replace(short_of(&template.name), short_of(name));
        let seed = code.parse::<u64>().unwrap_or(0);
        let file = format!("plans/{code}.txt");
        std::fs::write(out.join(&file), perturb(&text, seed)).map_err(io)?;
        manifest.push_str(&format!("\n[[plan]]\nfile = \"{file}\"\nid = \"{code}\"\n"));
    }
    std::fs::write(out.join("plans.toml"), manifest).map_err(io)?;
    for f in ["indicators.toml", "tour.toml"] {
        if source.join(f).exists() {
            std::fs::copy(source.join(f), out.join(f)).map_err(io)?;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perturbing_keeps_years_row_numbers_and_places() {
        let text = "1\t地区生产总值\t亿元\t502\t8.8\t810.25\t预期性\n到2025年，GDP达到1200亿元";
        let p = perturb(text, 430321);
        let cells: Vec<&str> = p.lines().next().unwrap().split('\t').collect();
        assert_eq!(cells[0], "1");
        assert_ne!(cells[3], "502");
        assert_eq!(cells[4].split('.').nth(1).map(str::len), Some(1), "decimals keep their places");
        assert!(cells[5].split('.').nth(1).is_some_and(|d| d.len() == 2), "{}", cells[5]);
        assert!(p.contains("2025年"));
        assert_eq!(perturb(text, 430321), p, "deterministic");
        assert_ne!(perturb(text, 430322), p, "another locality, other numbers");
        let v: f64 = cells[3].parse().unwrap();
        assert!((401.0..=603.0).contains(&v));
    }
}
