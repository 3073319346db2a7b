//! `atlas init`: a `plans.toml` entry for a new plan text, for a person to review. It names the
//! locality (title → name → adcode through the registry), its level, parent, English name and
//! seat, lists the indicator tables detection found with their columns, and the layout slogan,
//! and says what it was unsure about.

use crate::corpus::PlanEntry;
use crate::facts::{self, Facts};
use crate::geo::Gazetteer;
use crate::registry::Registry;
use crate::table::detect::{self, Found};
use atlas_data::Severity;

/// What `init` learnt about one text.
#[derive(Debug)]
pub struct Described {
    /// The text's path as `plans.toml` will name it.
    pub file: String,
    pub title: Option<String>,
    /// The plan's period, from its title or the text.
    pub period: Option<atlas_data::Period>,
    pub facts: Result<Facts, String>,
    pub tables: Vec<Found>,
    /// The primary layout slogan and its line.
    pub slogan: Option<(u32, String)>,
    /// What a reviewer should check.
    pub unsure: Vec<String>,
}

pub fn describe(file: &str, raw: &str, registry: Option<&Registry>, gazetteer: &Gazetteer) -> Described {
    let text = crate::text::normalize_input(raw);
    let lines: Vec<&str> = text.lines().collect();
    let front = crate::front::read(&lines);
    let mut notes = Vec::new();
    let facts = facts::derive(&PlanEntry::default(), None, &front, &text, registry, gazetteer, &mut notes);
    let mut unsure: Vec<String> = notes.into_iter().map(|(_, n)| n).collect();
    if let Some(proposal) = &front.proposal {
        unsure.push(format!("this text is a proposal (建议), `{proposal}`, not a plan outline (纲要)"));
    } else if front.title.is_none() {
        unsure.push("no plan title found (a line with 国民经济和社会发展 … 纲要)".into());
    }
    if front.adopted.is_none() {
        unsure.push(match front.adoption_line {
            Some(line) if !front.adoption_dated => {
                format!("the adoption note at line {line} names no date: add `adopted = \"YYYY-MM-DD\"`")
            }
            Some(line) => format!("the adoption date at line {line} is garbled: add `adopted = \"YYYY-MM-DD\"`"),
            None => "no adoption note found".into(),
        });
    }
    let period = facts.as_ref().map(|f| f.period).ok().or(front.period);
    let detection = match period {
        Some(period) => {
            let detection = detect::detect(&lines, period);
            for kind in atlas_data::Table::ALL {
                if !detection.tables.iter().any(|t| t.table == kind) {
                    unsure.push(format!("no {} indicator table found", detect::kind_name(kind, period)));
                }
            }
            for t in &detection.tables {
                let kind = detect::kind_name(t.table, period);
                unsure.extend(t.notes.iter().map(|n| format!("{kind} table, line {}: {n}", t.header_line())));
            }
            detection
        }
        None => detect::Detection::default(),
    };
    unsure.extend(detection.skipped.iter().map(|(line, why)| format!("line {line}: {why}")));
    if let Ok(f) = &facts {
        if f.seat.is_none() {
            unsure.push(
                "no seat: 县城 / 中心城区 in its layouts stay unresolved; add `seat` (a town or district)".into(),
            );
        }
    }
    let outline = crate::outline::outline(&lines);
    let contexts = crate::section_titles(&outline, lines.len());
    let no_places = crate::places::LocalPlaces::new("", "", None, &[], &[], &[]);
    let layouts = crate::layouts::extract(&lines, &contexts, &no_places).layouts;
    let slogan = layouts.iter().find(|l| l.primary).map(|l| (l.line, l.slogan.clone()));
    if slogan.is_none() {
        unsure.push("no spatial layout (空间布局) slogan found".into());
    }
    Described { file: file.to_string(), title: front.title, period, facts, tables: detection.tables, slogan, unsure }
}

fn quoted(s: &str) -> String {
    // TOML basic strings share JSON's escapes for everything plans print.
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// The entry as `plans.toml` text: facts as keys, findings and doubts as comments.
pub fn to_toml(d: &Described) -> String {
    let mut out = String::from("[[plan]]\n");
    out.push_str(&format!("file = {}\n", quoted(&d.file)));
    match &d.facts {
        Ok(f) => {
            out.push_str(&format!("id = {}\n", quoted(&f.id)));
            out.push_str(&format!("name = {}\n", quoted(&f.name)));
            out.push_str(&format!("name_en = {}\n", quoted(&f.name_en)));
            out.push_str(&format!("level = {}\n", quoted(f.level.as_str())));
            out.push_str(&format!("parent = {}\n", quoted(&f.parent)));
            out.push_str(&format!(
                "period = {}  # {}, {}–{}\n",
                f.period.number(),
                f.period.zh(),
                f.period.start(),
                f.period.end()
            ));
            if let Some(seat) = &f.seat {
                out.push_str(&format!("seat = {}\n", quoted(seat)));
            }
        }
        Err(why) => {
            out.push_str(&format!("# {why}: fill in id, name, name_en, level and parent\n"));
            out.push_str("# id = \"\"\n# name = \"\"\n# name_en = \"\"\n# level = \"county\"\n# parent = \"\"\n");
        }
    }
    if let Some(title) = &d.title {
        out.push_str(&format!("# title: {title}\n"));
    }
    if let Some((line, slogan)) = &d.slogan {
        out.push_str(&format!("# spatial layout: {slogan} (line {line})\n"));
    }
    for t in &d.tables {
        let caption = t.caption.as_ref().map_or(String::new(), |(_, c)| format!(", under `{c}`"));
        out.push_str(&format!(
            "# {} table found at line {}{caption}; read automatically. To override, uncomment:\n",
            d.period.map_or_else(|| "an".to_string(), |p| detect::kind_name(t.table, p)),
            t.header_line()
        ));
        // The caption as printed, or the header line itself for a table without one.
        let anchor = t.caption.as_ref().map_or(t.header_text.as_str(), |(_, c)| c.as_str());
        let columns: Vec<String> = t.columns.iter().map(|c| quoted(&c.name())).collect();
        out.push_str("# [[plan.table]]\n");
        out.push_str(&format!("# table = {}\n", quoted(t.table.as_str())));
        out.push_str(&format!("# anchor = {}\n", quoted(anchor)));
        out.push_str(&format!("# columns = [{}]\n", columns.join(", ")));
    }
    if !d.unsure.is_empty() {
        out.push_str("# unsure:\n");
        for u in &d.unsure {
            out.push_str(&format!("#   - {u}\n"));
        }
    }
    out
}

/// Severity of what init reports, for callers that print it.
pub fn severity(d: &Described) -> Severity {
    if d.facts.is_err() {
        Severity::Error
    } else if d.unsure.is_empty() {
        Severity::Note
    } else {
        Severity::Warning
    }
}
