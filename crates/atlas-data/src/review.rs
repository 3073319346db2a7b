//! What the browser's compiler tells a reader about a plan they added, for them to check before
//! it joins the corpus on screen (as `atlas init` tells an editor): the locality it found, or why
//! it found none, and what it was unsure about. The plan's diagnostics are in its shard.

use crate::{Level, Period};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The file's name as the reader gave it.
    pub file: String,
    /// The plan's title as printed, when one was found.
    pub title: Option<String>,
    /// The locality, its level, parent and period; `None` when the text does not tell them.
    pub found: Option<Found>,
    /// Why no locality was found (a reader may name it).
    pub not_found: Option<String>,
    /// What the reader should check.
    pub unsure: Vec<String>,
    /// Lines of the plan's text.
    pub lines: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    /// The adcode (`430321`).
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub level: Level,
    pub parent: String,
    pub period: Period,
}
