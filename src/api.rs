//! The data in a host page's hands: the same wasm as the widget exports `PlanAtlas`, a small API for
//! embedders and JS notebooks. Every result is a plain JS object (made with serde-wasm-bindgen)
//! that carries where the plan printed it, `at` (`file:line`), like every value the widget shows.
//!
//! ```js
//! import init, { PlanAtlas } from './plan-atlas-<hash>.js';   // name in dist/assets.json
//! await init();
//! const atlas = await PlanAtlas.open('plans.atlas');        // or a site's atlas/index.atlas
//! const gdp = await atlas.indicators({ loc: '430321', key: 'gdp', table: 'plan' });
//! ```

use crate::load::Corpus;
use crate::views::lazy::{call, Unloaded};
use atlas_data::{Locality, Sector, Shard, Table};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// What the queries share: the corpus and the shards read so far.
struct Inner {
    corpus: Corpus,
    shards: RefCell<HashMap<usize, Rc<Shard>>>,
}

/// A corpus opened from a URL, queried by locality, indicator key, sector or keyword.
#[wasm_bindgen]
pub struct PlanAtlas {
    inner: Rc<Inner>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct IndicatorQuery {
    loc: Option<String>,
    key: Option<String>,
    table: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProjectQuery {
    loc: Option<String>,
    sector: Option<String>,
    q: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LayoutQuery {
    loc: Option<String>,
}

/// One result: the item as the bundle holds it, with its locality and where it was printed.
#[derive(Serialize)]
struct Found<'a, T: Serialize> {
    loc: &'a str,
    locality: &'a str,
    /// `corpus/plans/430200-zhuzhou-city.txt:967` (a project's own `source` says box or text).
    at: String,
    #[serde(flatten)]
    item: &'a T,
}

#[derive(Serialize)]
struct LocalityInfo<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from(e.to_string()))
}

fn query<T: for<'de> Deserialize<'de> + Default>(q: JsValue) -> Result<T, JsValue> {
    if q.is_undefined() || q.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(q).map_err(|e| JsValue::from(format!("bad query: {e}")))
}

impl Inner {
    /// The localities a query names (`loc`: an id or a name), or all.
    fn positions(&self, loc: Option<&str>) -> Result<Vec<usize>, JsValue> {
        let all = &self.corpus.index.localities;
        match loc {
            None => Ok((0..all.len()).collect()),
            Some(l) => all
                .iter()
                .position(|s| s.id == l || s.name == l)
                .map(|i| vec![i])
                .ok_or_else(|| JsValue::from(format!("no locality {l} in {}", self.corpus.origin))),
        }
    }

    async fn shard(&self, i: usize) -> Result<Rc<Shard>, JsValue> {
        if let Some(s) = self.shards.borrow().get(&i) {
            return Ok(s.clone());
        }
        let shard = Rc::new(self.corpus.shard(i).await.map_err(JsValue::from)?);
        self.shards.borrow_mut().insert(i, shard.clone());
        Ok(shard)
    }

    /// Every selected locality's shard, in index order.
    async fn localities(&self, loc: Option<&str>) -> Result<Vec<Rc<Shard>>, JsValue> {
        let mut out = Vec::new();
        for i in self.positions(loc)? {
            out.push(self.shard(i).await?);
        }
        Ok(out)
    }
}

fn found<'a, T: Serialize>(l: &'a Locality, line: u32, item: &'a T) -> Found<'a, T> {
    Found { loc: &l.id, locality: &l.name, at: format!("{}:{line}", l.source), item }
}

/// An optional query field: absent or empty means "any"; anything else must parse.
fn optional<T>(
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    unknown: fn(&str) -> String,
) -> Result<Option<T>, JsValue> {
    match value {
        None | Some("") => Ok(None),
        Some(v) => parse(v).map(Some).ok_or_else(|| JsValue::from(unknown(v))),
    }
}

#[wasm_bindgen]
impl PlanAtlas {
    /// Opens a single-file bundle (`plans.atlas`) or a site's `atlas/index.atlas`.
    pub async fn open(url: String) -> Result<PlanAtlas, JsValue> {
        let corpus = Corpus::open_url(&url).await.map_err(JsValue::from)?;
        Ok(PlanAtlas { inner: Rc::new(Inner { corpus, shards: RefCell::new(HashMap::new()) }) })
    }

    /// `[{id, name, name_en}]`, in the corpus's order.
    pub fn localities(&self) -> Result<JsValue, JsValue> {
        let list: Vec<LocalityInfo> = self
            .inner
            .corpus
            .index
            .localities
            .iter()
            .map(|s| LocalityInfo { id: &s.id, name: &s.name, name_en: &s.name_en })
            .collect();
        to_js(&list)
    }

    /// Indicator rows as printed: `{loc, key, table}` (each optional; `table` is `plan` (the plan's targets) or `review` (its review of the previous period); `14th` and `13th` are read as those).
    /// Resolves to `[{loc, locality, at, name, unit, key, table, cells: {…}, line, …}]`.
    pub fn indicators(&self, q: JsValue) -> js_sys::Promise {
        let inner = self.inner.clone();
        wasm_bindgen_futures::future_to_promise(async move { answer(call!(indicators_query(inner, q))).await })
    }

    /// Projects: `{loc, sector, q}` (each optional; `q` matches name, group, box and description).
    pub fn projects(&self, q: JsValue) -> js_sys::Promise {
        let inner = self.inner.clone();
        wasm_bindgen_futures::future_to_promise(async move { answer(call!(projects_query(inner, q))).await })
    }

    /// Spatial layouts with their elements and places: `{loc}` (optional).
    pub fn layouts(&self, q: JsValue) -> js_sys::Promise {
        let inner = self.inner.clone();
        wasm_bindgen_futures::future_to_promise(async move { answer(call!(layouts_query(inner, q))).await })
    }
}

// The queries' code (filters, serialisation) is split out of the widget's first download, like the
// views (`src/views/lazy.rs`): a page that only shows the widget never fetches it. A query whose
// code cannot be fetched rejects its promise with a message; the next call tries again.

type Query = std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>;

/// One split point per query: its chunk holds the query's filters and serialisation.
macro_rules! split_query {
    ($name:ident, |$inner:ident, $q:ident| $body:block) => {
        #[cfg_attr(
            not(test),
            leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $name($inner: Rc<Inner>, $q: JsValue) -> Result<Query, Unloaded> {
            Ok(Box::pin(async move $body))
        }
    };
}

async fn answer(query: Result<Query, Unloaded>) -> Result<JsValue, JsValue> {
    match query {
        Ok(query) => query.await,
        Err(Unloaded) => Err(JsValue::from("the query's code could not be loaded (is the connection down?)")),
    }
}

split_query!(indicators_query, |inner, q| {
    let q: IndicatorQuery = query(q)?;
    let table = optional(q.table.as_deref(), Table::parse, |t| format!("table {t}: use plan or review"))?;
    let shards = inner.localities(q.loc.as_deref()).await?;
    let rows: Vec<_> = shards
        .iter()
        .flat_map(|s| s.locality.indicators.iter().map(move |i| (&s.locality, i)))
        .filter(|(_, i)| q.key.as_ref().is_none_or(|k| i.key.as_ref() == Some(k)))
        .filter(|(_, i)| table.is_none_or(|t| i.table == t))
        .map(|(l, i)| found(l, i.line, i))
        .collect();
    to_js(&rows)
});

split_query!(projects_query, |inner, q| {
    let q: ProjectQuery = query(q)?;
    let sector = optional(q.sector.as_deref(), Sector::parse, |s| format!("no sector {s}"))?;
    let words: Vec<String> = q.q.unwrap_or_default().split_whitespace().map(crate::num::lower).collect();
    let shards = inner.localities(q.loc.as_deref()).await?;
    let rows: Vec<_> = shards
        .iter()
        .flat_map(|s| s.locality.projects.iter().map(move |p| (&s.locality, p)))
        .filter(|(_, p)| sector.is_none_or(|s| p.sector == s))
        .filter(|(_, p)| {
            let hay = crate::num::lower(&format!(
                "{} {} {} {}",
                p.name,
                p.group.as_deref().unwrap_or(""),
                p.box_title,
                p.description
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|(l, p)| found(l, p.line, p))
        .collect();
    to_js(&rows)
});

split_query!(layouts_query, |inner, q| {
    let q: LayoutQuery = query(q)?;
    let shards = inner.localities(q.loc.as_deref()).await?;
    let rows: Vec<_> = shards
        .iter()
        .flat_map(|s| s.locality.layouts.iter().map(move |x| (&s.locality, x)))
        .map(|(l, x)| found(l, x.line, x))
        .collect();
    to_js(&rows)
});
