//! Resolving place names as printed (`大浦`, `县城`, `沅江`) to official names and WGS84 points,
//! within one locality: its own townships (from the gazetteer), the counties of its prefecture
//! (from the polygons), and its seat (`县城`, `中心城区` …, from `plans.toml`). A name that cannot
//! be located keeps `name: None`; nothing is guessed.

use atlas_data::{County, Place, PlaceKind, Town};

/// Words that mean "the locality's seat".
pub const SEAT_WORDS: [&str; 8] = ["中心主城区", "中心城区", "主城区", "县城", "城区", "市区", "主城", "中心城市"];

#[derive(Debug, Clone)]
struct Known {
    /// How it may be printed: the full name or its short form.
    printed: String,
    name: String,
    point: Option<(f64, f64)>,
    kind: PlaceKind,
}

/// The places one locality's text can name.
pub struct LocalPlaces {
    known: Vec<Known>,
    seat: Option<Known>,
    /// `衡东县城`, `湘乡城区`: the locality's own seat, printed with its name.
    seat_aliases: Vec<String>,
    /// The locality's own name and short form.
    own_names: Vec<String>,
    /// Short forms of the other prefecture-level cities of the province (`长沙`).
    others: Vec<String>,
    is_prefecture: bool,
}

fn short_form(name: &str, suffixes: &[&str]) -> Option<String> {
    suffixes.iter().find_map(|s| name.strip_suffix(s)).filter(|short| short.chars().count() >= 2).map(str::to_string)
}

impl LocalPlaces {
    /// `locality_id`, `locality_name`: the plan's locality. `seat`: a township or county name.
    /// `prefecture_names`: prefecture-level cities (`湘潭市` …), whose short forms are not county
    /// short forms (`湘潭` means the city, not 湘潭县).
    pub fn new(
        locality_id: &str,
        locality_name: &str,
        seat: Option<&str>,
        prefecture_names: &[String],
        counties: &[County],
        towns: &[Town],
    ) -> Self {
        let prefecture = atlas_data::territory_prefix(locality_id);
        let is_prefecture = locality_id.ends_with("00");
        let in_prefecture: Vec<&County> = counties.iter().filter(|c| c.adcode.starts_with(prefecture)).collect();
        let mut known = Vec::new();
        for c in &in_prefecture {
            if !is_prefecture && c.name == locality_name {
                continue; // the locality itself is the whole map, not a place on it
            }
            let point = crate::geo::centroid(c);
            let short = short_form(&c.name, &["县", "市", "区"])
                .filter(|s| !prefecture_names.iter().any(|p| p.strip_suffix('市') == Some(s.as_str())));
            for printed in std::iter::once(c.name.clone()).chain(short) {
                known.push(Known { printed, name: c.name.clone(), point, kind: PlaceKind::County });
            }
        }
        let in_scope = |t: &Town| {
            if is_prefecture {
                in_prefecture.iter().any(|c| c.name == t.county)
            } else {
                t.county == locality_name
            }
        };
        for t in towns.iter().filter(|t| in_scope(t)) {
            // No short forms for 街道: they are often ordinary words (建设, 人民, 东风).
            for printed in std::iter::once(t.name.clone()).chain(short_form(&t.name, &["镇", "乡"])) {
                known.push(Known { printed, name: t.name.clone(), point: Some((t.lon, t.lat)), kind: PlaceKind::Town });
            }
        }
        // Longest first, so that `易俗河镇` wins over `易俗河`.
        known.sort_by(|a, b| b.printed.chars().count().cmp(&a.printed.chars().count()).then(a.printed.cmp(&b.printed)));
        let seat = seat.map(|s| {
            let found = known.iter().find(|k| k.printed == s || k.name == s).cloned();
            found
                .or_else(|| {
                    // The seat may be a district of this prefecture, skipped above as "the locality".
                    let county = counties.iter().find(|c| c.name == s)?;
                    let point = crate::geo::centroid(county);
                    Some(Known { printed: s.to_string(), name: s.to_string(), point, kind: PlaceKind::County })
                })
                .unwrap_or(Known { printed: s.to_string(), name: s.to_string(), point: None, kind: PlaceKind::Town })
        });
        let own_short = short_form(locality_name, &["县", "市", "区"]).unwrap_or_else(|| locality_name.to_string());
        let seat_aliases = vec![format!("{locality_name}城"), format!("{own_short}城区"), format!("{own_short}县城")];
        let own_names = vec![locality_name.to_string(), own_short.clone()];
        let others = prefecture_names
            .iter()
            .filter(|p| p.as_str() != locality_name)
            .filter_map(|p| short_form(p, &["市", "地区", "州"]))
            .filter(|p| !own_names.contains(p))
            .collect();
        LocalPlaces { known, seat, seat_aliases, own_names, others, is_prefecture }
    }

    fn is_seat_word(&self, s: &str) -> bool {
        // In a prefecture's plan 县城 means the county seats, not the prefecture's seat.
        (SEAT_WORDS.contains(&s) && !(self.is_prefecture && s == "县城")) || self.seat_aliases.iter().any(|a| a == s)
    }

    /// Resolves one printed name.
    pub fn resolve(&self, as_printed: &str) -> Place {
        let hit = if self.is_seat_word(as_printed) {
            self.seat.as_ref()
        } else {
            self.known.iter().find(|k| k.printed == as_printed)
        };
        let seat = self.is_seat_word(as_printed);
        match hit {
            Some(k) => Place {
                as_printed: as_printed.to_string(),
                name: k.point.map(|_| k.name.clone()),
                lon: k.point.map(|p| p.0),
                lat: k.point.map(|p| p.1),
                kind: if seat { PlaceKind::Seat } else { k.kind },
                path: Vec::new(),
            },
            None => Place {
                as_printed: as_printed.to_string(),
                name: None,
                lon: None,
                lat: None,
                kind: if seat { PlaceKind::Seat } else { PlaceKind::Unknown },
                path: Vec::new(),
            },
        }
    }

    /// Whether `s` is a name this locality's places are known by (or a seat word).
    pub fn is_known(&self, s: &str) -> bool {
        self.is_seat_word(s) || self.known.iter().any(|k| k.printed == s)
    }

    /// Known names and seat words in `text`, in order of appearance, longest match first. A seat
    /// word is this locality's seat only when no other city or county names it (`衡阳市中心城区`)
    /// and it is not a sub-centre (`副中心城市`).
    pub fn find_in(&self, text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let hit = SEAT_WORDS
                .iter()
                .filter(|s| self.is_seat_word(s))
                .map(|s| s.to_string())
                .chain(self.seat_aliases.iter().cloned())
                .chain(self.known.iter().map(|k| k.printed.clone()))
                .filter(|p| rest.starts_with(p.as_str()))
                .max_by_key(|p| p.len());
            match hit {
                Some(p) => {
                    let before = &text[..i];
                    let foreign = SEAT_WORDS.contains(&p.as_str())
                        && (before.ends_with(['副', '老', '新'])
                            || (before.ends_with(['市', '县']) && !self.is_own_name_before(before)));
                    i += p.len();
                    if !foreign {
                        out.push((i - p.len(), p));
                    }
                }
                None => i += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    /// Whether `name` is named after another city of the province (`自贸区长沙片区`).
    pub fn is_external(&self, name: &str) -> bool {
        self.others.iter().any(|o| name.contains(o.as_str()))
    }

    /// Whether the text just before a seat word ends with this locality's own name (`湘乡市中心城区`).
    fn is_own_name_before(&self, before: &str) -> bool {
        self.own_names.iter().any(|n| before.ends_with(n.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn towns() -> Vec<Town> {
        ["大浦镇", "石滩乡", "洣水镇", "易俗河镇"]
            .iter()
            .enumerate()
            .map(|(i, n)| Town {
                name: n.to_string(),
                county: if i < 3 { "衡东县".into() } else { "湘潭县".into() },
                lon: 112.0 + i as f64,
                lat: 27.0,
            })
            .collect()
    }

    #[test]
    fn short_forms_and_seat_resolve() {
        let p = LocalPlaces::new("430424", "衡东县", Some("洣水镇"), &[], &[], &towns());
        assert_eq!(p.resolve("大浦").name.as_deref(), Some("大浦镇"));
        assert_eq!(p.resolve("石滩").name.as_deref(), Some("石滩乡"));
        assert_eq!(p.resolve("县城").name.as_deref(), Some("洣水镇"));
        assert_eq!(p.resolve("易俗河").name, None, "another county's town is out of scope");
        assert_eq!(
            p.resolve("霞流"),
            Place {
                as_printed: "霞流".into(),
                name: None,
                lon: None,
                lat: None,
                kind: PlaceKind::Unknown,
                path: Vec::new()
            }
        );
        assert_eq!(p.resolve("大浦").kind, PlaceKind::Town);
        assert_eq!(p.resolve("县城").kind, PlaceKind::Seat);
    }

    #[test]
    fn find_in_prefers_longest_and_keeps_order() {
        let p = LocalPlaces::new("430424", "衡东县", Some("洣水镇"), &[], &[], &towns());
        let found: Vec<String> = p.find_in("带动石滩、大浦镇与县城发展").into_iter().map(|(_, s)| s).collect();
        assert_eq!(found, ["石滩", "大浦镇", "县城"]);
        let found: Vec<String> =
            p.find_in("承接衡东县城和衡阳市中心城区职能，打造市域副中心城市").into_iter().map(|(_, s)| s).collect();
        assert_eq!(found, ["衡东县城"], "another city's centre and a sub-centre are not the seat");
    }
}
