//! One view per file, plus the small controls they share.

pub mod added;
pub mod compare;
pub mod corpus;
pub mod embed;
pub mod growth;
pub mod indicators;
pub mod lazy;
pub mod map;
pub mod met;
pub mod overview;
pub mod paging;
pub mod picker;
pub mod place_form;
pub mod present;
pub mod projects;
pub mod provenance;
pub mod schematic;
pub mod text;

use crate::state::ui;
use leptos::prelude::*;

/// A labelled `<select>` bound to one URL parameter. `options` are (value, label) pairs; the
/// empty value means "all".
pub fn param_select(param: &'static str, label: String, options: Vec<(String, String)>) -> impl IntoView {
    let ui = ui();
    let id = format!("filter-{param}");
    let current = ui.param(param);
    let opts = options
        .into_iter()
        .map(|(value, text)| {
            let v = value.clone();
            view! { <option value=value selected=move || current.with(|c| *c == v)>{text}</option> }
        })
        .collect_view();
    let for_id = id.clone();
    view! {
        <label class="filter" for=for_id>
            <span>{label}</span>
            <select id=id prop:value=current on:change=move |ev| ui.set(param, event_target_value(&ev))>{opts}</select>
        </label>
    }
}

/// A labelled text input bound to one URL parameter.
pub fn param_input(param: &'static str, label: String, placeholder: String) -> impl IntoView {
    let ui = ui();
    let id = format!("filter-{param}");
    let for_id = id.clone();
    view! {
        <label class="filter" for=for_id>
            <span>{label}</span>
            <input id=id type="search" placeholder=placeholder
                prop:value=ui.param(param)
                on:input=move |ev| ui.set(param, event_target_value(&ev)) />
        </label>
    }
}

/// Opens the provenance panel for a source line of a locality.
pub fn open_provenance(locality: &str, line: u32) {
    let ui = ui();
    ui.set("prov", format!("{locality}:{line}"));
}
