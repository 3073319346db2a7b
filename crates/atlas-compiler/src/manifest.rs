//! Reading `plans.toml` as a person wrote it: every value is checked where it stands, and each
//! problem is reported with its line (`plans.toml:12: error: …`), all of them at once. Nothing
//! here panics on any input: ids and dates are checked character by character, never sliced.

use crate::corpus::{PlanEntry, TableEntry};
use atlas_data::{Level, Period, Table};
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default, rename = "plan")]
    plans: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    file: Spanned<String>,
    id: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    name_en: Option<Spanned<String>>,
    level: Option<Spanned<String>>,
    parent: Option<Spanned<String>>,
    period: Option<Spanned<u8>>,
    adopted: Option<Spanned<String>>,
    seat: Option<Spanned<String>>,
    #[serde(default, rename = "table")]
    tables: Vec<RawTable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    table: Spanned<String>,
    anchor: Spanned<String>,
    columns: Spanned<Vec<String>>,
}

/// A problem and the 1-based line it is on.
pub type LineError = (usize, String);

/// The longest name, parent or seat accepted: far beyond any real one (`…自治县` are ≤ 12).
const MAX_NAME_CHARS: usize = 40;

/// The plan entries of a manifest, or every problem in it with its line.
pub fn parse(text: &str) -> Result<Vec<PlanEntry>, Vec<LineError>> {
    let line_of = |offset: usize| text.get(..offset).unwrap_or(text).matches('\n').count() + 1;
    let raw: RawManifest = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(s.start));
        vec![(line, e.message().trim().to_string())]
    })?;
    let mut errors = Vec::new();
    let mut entries = Vec::new();
    for raw in raw.plans {
        let mut check = |value: &Spanned<String>, problem: Option<String>| {
            if let Some(p) = problem {
                errors.push((line_of(value.span().start), p));
            }
        };
        let mut extra = Vec::new();
        check(
            &raw.file,
            raw.file.get_ref().trim().is_empty().then(|| "`file` is empty: give the plan text's path".into()),
        );
        if let Some(id) = &raw.id {
            // The same id may stand twice: a place's plans of two periods (see `compile_each`).
            check(id, id_problem(id.get_ref()));
        }
        for (field, value) in
            [("name", &raw.name), ("name_en", &raw.name_en), ("parent", &raw.parent), ("seat", &raw.seat)]
        {
            if let Some(v) = value {
                check(v, name_problem(field, v.get_ref()));
            }
        }
        if let Some(level) = &raw.level {
            let problem = Level::parse(level.get_ref()).is_none().then(|| {
                format!(
                    "unknown level `{}` (expected nation, province, municipality, prefecture_city, county, \
                     county_city or district)",
                    level.get_ref()
                )
            });
            check(level, problem);
        }
        if let Some(period) = &raw.period {
            let n = *period.get_ref();
            if Period::new(n).is_none() {
                let message = format!(
                    "period {n} is not a five-year plan period (give its number, {} to {}: 15 for 十五五)",
                    Period::FIRST,
                    Period::LAST
                );
                extra.push((line_of(period.span().start), message));
            }
        }
        if let Some(adopted) = &raw.adopted {
            check(adopted, date_problem(adopted.get_ref()));
        }
        for t in &raw.tables {
            check(
                &t.table,
                Table::parse(t.table.get_ref())
                    .is_none()
                    .then(|| format!("unknown table kind `{}` (expected plan or review)", t.table.get_ref())),
            );
            check(&t.anchor, t.anchor.get_ref().trim().is_empty().then(|| "`anchor` is empty".to_string()));
            let columns_line = line_of(t.columns.span().start);
            if t.columns.get_ref().is_empty() {
                extra.push((columns_line, "`columns` is empty".into()));
            }
            for c in t.columns.get_ref() {
                if crate::table::Role::parse(c).is_none() {
                    extra.push((columns_line, format!("unknown column `{c}`")));
                }
            }
        }
        errors.extend(extra);
        entries.push(PlanEntry {
            file: raw.file.into_inner(),
            id: raw.id.map(Spanned::into_inner),
            name: raw.name.map(Spanned::into_inner),
            name_en: raw.name_en.map(Spanned::into_inner),
            level: raw.level.map(Spanned::into_inner),
            parent: raw.parent.map(Spanned::into_inner),
            period: raw.period.map(Spanned::into_inner),
            adopted: raw.adopted.map(Spanned::into_inner),
            seat: raw.seat.map(Spanned::into_inner),
            tables: raw
                .tables
                .into_iter()
                .map(|t| TableEntry {
                    table: t.table.into_inner(),
                    anchor: t.anchor.into_inner(),
                    columns: t.columns.into_inner(),
                })
                .collect(),
        });
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        errors.sort();
        Err(errors)
    }
}

/// An id is a six-digit adcode (GB/T 2260) in ASCII digits, with `@<period>` for a place's
/// second plan (`430321@15`).
fn id_problem(id: &str) -> Option<String> {
    let (adcode, period) = match id.split_once('@') {
        Some((a, p)) => (a, Some(p)),
        None => (id, None),
    };
    let six_digits = adcode.len() == 6 && adcode.bytes().all(|b| b.is_ascii_digit());
    let period_ok = period.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 2
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse().ok().and_then(Period::new).is_some()
    });
    if six_digits && period_ok {
        return None;
    }
    let hint = if adcode.chars().any(|c| ('０'..='９').contains(&c)) { " (it has full-width digits)" } else { "" };
    Some(format!(
        "id `{id}` is not an adcode: six ASCII digits (GB/T 2260, like 430321), with @<period> for a second plan of the \
         same place (430321@15){hint}"
    ))
}

fn name_problem(field: &str, value: &str) -> Option<String> {
    if value.trim().is_empty() {
        Some(format!("`{field}` is empty: leave it out to have it derived, or give it"))
    } else if value.chars().any(char::is_control) {
        Some(format!("`{field}` has a control character"))
    } else if value.chars().count() > MAX_NAME_CHARS {
        Some(format!("`{field}` is longer than {MAX_NAME_CHARS} characters"))
    } else {
        None
    }
}

/// A date is `YYYY-MM-DD`, a day that exists.
fn date_problem(date: &str) -> Option<String> {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let valid = match parts.as_slice() {
        [y, m, d] => match (number(y, 4), number(m, 2), number(d, 2)) {
            (Some(y), Some(m), Some(d)) => {
                (1949..=2100).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
            }
            _ => false,
        },
        _ => false,
    };
    (!valid).then(|| format!("`adopted` is `{date}`, not a date: give it as YYYY-MM-DD, like 2021-03-06"))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<LineError> {
        parse(text).err().unwrap_or_default()
    }

    const HEAD: &str = "# a comment\n[[plan]]\nfile = \"plans/a.txt\"\n";

    #[test]
    fn a_good_entry_is_read() {
        let entries = parse(&format!("{HEAD}id = \"430321\"\nperiod = 15\nadopted = \"2024-02-29\"\n")).unwrap();
        assert_eq!(entries[0].id.as_deref(), Some("430321"));
        assert_eq!(entries[0].period, Some(15));
        assert!(parse(&format!("{HEAD}id = \"430321@15\"\n")).is_ok());
    }

    #[test]
    fn hostile_ids_are_errors_on_their_line() {
        for id in ["4", "湘", "４３０３２１", "43032湘", "", "4303210", "430321@", "430321@99", "430321@1@5", "@15"]
        {
            let found = errors(&format!("{HEAD}id = \"{id}\"\n"));
            assert_eq!(found.len(), 1, "{id}: {found:?}");
            assert_eq!(found[0].0, 4, "{id}");
            assert!(found[0].1.contains("not an adcode"), "{id}: {}", found[0].1);
        }
        assert!(errors(&format!("{HEAD}id = \"４３０３２１\"\n"))[0].1.contains("full-width"));
    }

    #[test]
    fn wrong_types_and_missing_fields_give_their_line() {
        let wrong_type = errors(&format!("{HEAD}id = 430321\n"));
        assert_eq!(wrong_type[0].0, 4);
        assert!(wrong_type[0].1.contains("string"), "{wrong_type:?}");
        let missing = errors("[[plan]]\nid = \"430321\"\n\n[[plan]]\nname = \"x\"\n");
        assert!(missing[0].1.contains("file"), "{missing:?}");
        assert!((1..=5).contains(&missing[0].0));
        let period = errors(&format!("{HEAD}\nperiod = 300\n"));
        assert_eq!(period[0].0, 5, "{period:?}");
        let unknown = errors(&format!("{HEAD}colour = \"red\"\n"));
        assert!(unknown[0].1.contains("colour"), "{unknown:?}");
        assert_eq!(errors("[[plan]\n")[0].0, 1);
    }

    #[test]
    fn values_that_cannot_be_right_are_errors() {
        let cases = [
            ("period = 0", "period 0"),
            ("adopted = \"2021-13-09\"", "not a date"),
            ("adopted = \"2023-02-29\"", "not a date"),
            ("adopted = \"２０２１-03-06\"", "not a date"),
            ("name = \"  \"", "`name` is empty"),
            ("seat = \"\"", "`seat` is empty"),
            ("parent = \"a\\u0007b\"", "control"),
            ("level = \"galaxy\"", "unknown level"),
        ];
        for (line, expected) in cases {
            let found = errors(&format!("{HEAD}{line}\n"));
            assert_eq!(found.len(), 1, "{line}: {found:?}");
            assert_eq!(found[0].0, 4, "{line}");
            assert!(found[0].1.contains(expected), "{line}: {}", found[0].1);
        }
        let table = "[[plan.table]]\ntable = \"15th\"\nanchor = \"\"\ncolumns = [\"seq\", \"colour\"]\n";
        let found = errors(&format!("{HEAD}{table}"));
        let lines: Vec<usize> = found.iter().map(|e| e.0).collect();
        assert_eq!(lines, [5, 6, 7], "{found:?}");
    }
}
