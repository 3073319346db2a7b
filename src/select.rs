//! `plan-atlas:select`: inside an iframe, the widget tells its host page what the reader now has on
//! screen — the view, the localities, and the indicator or project in focus — as a plain object,
//! each time that changes. A host can follow the reader (a caption, an analytics event) without
//! reading the widget's URL.

use crate::state::{Data, Ui, Working};
use atlas_data::{Locality, Sector, Table};
use leptos::prelude::*;
use serde::Serialize;
use std::sync::Arc;

#[derive(Serialize, PartialEq)]
struct Chosen {
    id: String,
    name: String,
}

#[derive(Serialize, PartialEq)]
struct IndicatorOnScreen {
    loc: String,
    name: String,
    key: Option<String>,
    unit: Option<String>,
    table: Table,
    line: u32,
    /// `file:line` in the plan text.
    at: String,
}

#[derive(Serialize, PartialEq)]
struct ProjectOnScreen {
    loc: String,
    name: String,
    group: Option<String>,
    sector: Sector,
    line: u32,
    /// `file:line` in the plan text.
    at: String,
}

#[derive(Serialize, PartialEq)]
struct Selection {
    #[serde(rename = "type")]
    kind: &'static str,
    /// The embed's `id` parameter, as in `plan-atlas:height`.
    id: String,
    view: &'static str,
    localities: Vec<Chosen>,
    indicator: Option<IndicatorOnScreen>,
    project: Option<ProjectOnScreen>,
}

/// `430321:262` → (locality, line).
fn at(data: &Data, param: Option<String>) -> Option<(&Locality, u32)> {
    let p = param?;
    let (id, n) = p.split_once(':')?;
    let line = n.parse().ok()?;
    Some((data.core.localities.iter().find(|l| l.id == id)?, line))
}

fn selection(data: &Data, ui: Ui) -> Selection {
    let view = ui.view();
    let corpus = &data.atlas.corpus;
    let localities = ui
        .params
        .with(|p| crate::state::on_screen(corpus, p))
        .into_iter()
        .filter_map(|i| corpus.index.localities.get(i))
        .map(|s| Chosen { id: s.id.clone(), name: s.name.clone() })
        .collect();
    // The indicator charted (growth) or whose source is open (provenance).
    let grow = if view == crate::state::View::Growth { ui.get("grow") } else { None };
    let indicator = at(data, grow.or_else(|| ui.get("prov"))).and_then(|(l, line)| {
        let i = l.indicators.iter().find(|i| i.line == line)?;
        Some(IndicatorOnScreen {
            loc: l.id.clone(),
            name: i.name.clone(),
            key: i.key.clone(),
            unit: i.unit.clone(),
            table: i.table,
            line,
            at: format!("{}:{line}", l.source),
        })
    });
    // `proj` is `locality:position` in that locality's projects.
    let project = ui.get("proj").and_then(|p| {
        let (id, k) = p.split_once(':')?;
        let l = data.core.localities.iter().find(|l| l.id == id)?;
        let p = l.projects.get(k.parse::<usize>().ok()?)?;
        Some(ProjectOnScreen {
            loc: l.id.clone(),
            name: p.name.clone(),
            group: p.group.clone(),
            sector: p.sector,
            line: p.line,
            at: format!("{}:{}", l.source, p.line),
        })
    });
    Selection {
        kind: "plan-atlas:select",
        id: ui.get("id").unwrap_or_else(|| "plan-atlas".into()),
        view: view.slug(),
        localities,
        indicator,
        project,
    }
}

/// Posts the selection to the parent window whenever it changes (not inside no iframe).
pub fn post_to_host(ui: Ui, working: Memo<Working>) {
    let Some(window) = web_sys::window() else { return };
    let Some(parent) = window.parent().ok().flatten().filter(|p| !js_sys::Object::is(p, &window)) else { return };
    Effect::new(move |previous: Option<Option<Arc<Selection>>>| {
        let Working::Ready(data) = working.get() else { return previous.flatten() };
        let now = Arc::new(selection(&data, ui));
        if previous.flatten().as_deref() != Some(&*now) {
            if let Ok(message) = now.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
                parent.post_message(&message, "*").ok();
            }
        }
        Some(now)
    });
}
