//! Shared widget state.
//!
//! - [`Atlas`]: the corpus (its index, always there) and what has been loaded of it — cards,
//!   shards, texts, indicator columns, outlines — each fetched once, on demand, and cached.
//! - [`Ui`]: the view state, which is the URL's query parameters.
//! - [`Data`]: the localities on screen (the *working set*: the chosen ones, plus any a view or the
//!   source panel points at) with their lookup tables. Views read it from context; it is rebuilt
//!   only when the working set's shards change.

use crate::index::Index as Rows;
use crate::load::Corpus;
use crate::url::Params;
use atlas_data::{Card, Core, County, Geography, KeyColumn, Outlines, Shard, Town};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Corpora this small show every locality unless some are chosen.
pub const ALL_AT_ONCE: usize = 12;
/// The most localities chosen at once (compare, overview).
pub const MAX_CHOSEN: usize = 12;

/// Something fetched on demand.
#[derive(Clone, PartialEq)]
pub enum Loaded<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// A shared value compared by identity, so that a memo of it is cheap to compare.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The corpus and its on-demand parts. Cheap to clone; every clone shares the caches.
#[derive(Clone)]
pub struct Atlas {
    pub corpus: Arc<Corpus>,
    pub shards: RwSignal<HashMap<usize, Loaded<Arc<Shard>>>>,
    pub cards: RwSignal<HashMap<usize, Loaded<Arc<Card>>>>,
    pub texts: RwSignal<HashMap<usize, Loaded<Arc<Vec<String>>>>>,
    pub columns: RwSignal<HashMap<usize, Loaded<Arc<KeyColumn>>>>,
    pub outlines: RwSignal<Option<Loaded<Option<Arc<Outlines>>>>>,
}

impl Atlas {
    /// What the corpus holds, as the header says it (see [`subtitle`]).
    pub fn subtitle(&self, lang: Lang) -> String {
        subtitle(&self.corpus.index, lang)
    }

    pub fn new(corpus: Arc<Corpus>) -> Atlas {
        Atlas {
            corpus,
            shards: RwSignal::new(HashMap::new()),
            cards: RwSignal::new(HashMap::new()),
            texts: RwSignal::new(HashMap::new()),
            columns: RwSignal::new(HashMap::new()),
            outlines: RwSignal::new(None),
        }
    }

    /// Starts fetching the shards of `positions` that are neither loaded nor loading.
    pub fn request_shards(&self, positions: &[usize]) {
        for &i in positions {
            let corpus = self.corpus.clone();
            fetch_into(self.shards, i, async move { corpus.shard(i).await.map(Arc::new) });
        }
    }

    /// Starts fetching the cards of `positions` that are neither loaded nor loading.
    pub fn request_cards(&self, positions: &[usize]) {
        for &i in positions {
            let corpus = self.corpus.clone();
            fetch_into(self.cards, i, async move { corpus.card(i).await.map(Arc::new) });
        }
    }

    /// Whether every card of `positions` has loaded or failed (reactive).
    pub fn cards_settled(&self, positions: &[usize]) -> bool {
        self.cards.with(|m| positions.iter().all(|i| matches!(m.get(i), Some(Loaded::Ready(_) | Loaded::Failed(_)))))
    }

    /// Starts fetching what the first screen of `params` shows: the overview's cards, or the
    /// shards of the working set.
    pub fn request_screen(&self, params: &Params) {
        if view_of(params) == View::Overview {
            self.request_cards(&on_screen(&self.corpus, params));
        }
        self.request_shards(&working_set(&self.corpus, params));
    }

    /// Starts fetching locality `id`'s text unless it is loaded or loading.
    pub fn request_text(&self, id: &str) {
        let Some(i) = self.corpus.position(id) else { return };
        let corpus = self.corpus.clone();
        fetch_into(self.texts, i, async move { corpus.text(i).await.map(Arc::new) });
    }

    /// Locality `id`'s text, as far as it is loaded (reactive).
    pub fn text(&self, id: &str) -> Option<Loaded<Arc<Vec<String>>>> {
        let i = self.corpus.position(id)?;
        self.texts.with(|m| m.get(&i).cloned())
    }

    /// Starts fetching canonical indicator `k`'s column.
    pub fn request_column(&self, k: usize) {
        let corpus = self.corpus.clone();
        fetch_into(self.columns, k, async move { corpus.column(k).await.map(Arc::new) });
    }

    /// Starts fetching the corpus outlines.
    pub fn request_outlines(&self) {
        if self.outlines.with_untracked(Option::is_some) {
            return;
        }
        self.outlines.set(Some(Loaded::Loading));
        let (corpus, outlines) = (self.corpus.clone(), self.outlines);
        leptos::task::spawn_local(async move {
            let state = match corpus.outlines().await {
                Ok(o) => Loaded::Ready(o.map(Arc::new)),
                Err(e) => Loaded::Failed(e),
            };
            outlines.set(Some(state));
        });
    }

    /// A locality's display name in `lang`.
    /// A locality's name; with its plan's period where the corpus holds plans of two periods for it
    /// (`湘潭县（十五五）`).
    pub fn name(&self, id: &str, lang: Lang) -> String {
        match self.corpus.position(id) {
            Some(i) => display_name(&self.corpus.index, i, lang),
            None => id.to_string(),
        }
    }
}

/// What a corpus holds, as the header says it: `十四五规划纲要`, or `十四五、十五五规划纲要` for plans
/// of several periods.
pub fn subtitle(index: &atlas_data::Index, lang: Lang) -> String {
    let mut periods: Vec<atlas_data::Period> = index.localities.iter().map(|s| s.period).collect();
    periods.sort_unstable();
    periods.dedup();
    let zh: Vec<String> = periods.iter().map(|p| p.zh()).collect();
    let en: Vec<String> = periods.iter().map(|p| p.en()).collect();
    match periods.len() {
        0 => lang.t("五年规划纲要", "Five-Year Plan outlines").into(),
        1 => lang.pick(format!("{}规划纲要", zh[0]), format!("{} Five-Year Plan outlines", en[0])),
        _ => lang.pick(format!("{}规划纲要", zh.join("、")), format!("Five-Year Plan outlines: {}", en.join(", "))),
    }
}

/// The name of the locality at position `i`, with its period where the corpus has two plans of
/// the place.
pub fn display_name(index: &atlas_data::Index, i: usize, lang: Lang) -> String {
    let localities = &index.localities;
    let Some(s) = localities.get(i) else { return String::new() };
    let name = if lang == Lang::Zh { s.name.clone() } else { s.name_en.clone() };
    let place = atlas_data::adcode_of(&s.id);
    if localities.iter().filter(|o| atlas_data::adcode_of(&o.id) == place).count() > 1 {
        lang.pick(format!("{name}（{}）", s.period.zh()), format!("{name} ({} FYP)", s.period.en()))
    } else {
        name
    }
}

/// Fetches entry `key` of a cache once: marks it loading, then ready or failed.
fn fetch_into<T: Clone + Send + Sync + 'static>(
    cache: RwSignal<HashMap<usize, Loaded<T>>>,
    key: usize,
    fetch: impl std::future::Future<Output = Result<T, String>> + 'static,
) {
    if cache.with_untracked(|m| m.contains_key(&key)) {
        return;
    }
    cache.update(|m| {
        m.insert(key, Loaded::Loading);
    });
    leptos::task::spawn_local(async move {
        let state = match fetch.await {
            Ok(v) => Loaded::Ready(v),
            Err(e) => Loaded::Failed(e),
        };
        cache.update(|m| {
            m.insert(key, state);
        });
    });
}

/// Records a performance mark once (the first time), for the load timeline `cargo xtask bench` reads.
pub fn mark_once(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        if p.get_entries_by_name(name).length() == 0 {
            p.mark(name).ok();
        }
    }
}

/// The positions of the chosen localities (`loc`; all of a small corpus, or the first of a large
/// one, when none are chosen). Unknown ids are ignored.
pub fn on_screen(corpus: &Corpus, params: &Params) -> Vec<usize> {
    let n = corpus.index.localities.len();
    let chosen: Vec<usize> = params.list("loc").iter().filter_map(|id| corpus.position(id)).take(MAX_CHOSEN).collect();
    match (chosen.is_empty(), n <= ALL_AT_ONCE) {
        (false, _) => chosen,
        (true, true) => (0..n).collect(),
        (true, false) => (0..n.min(1)).collect(),
    }
}

fn view_of(params: &Params) -> View {
    View::parse(params.get("view").unwrap_or(""))
}

/// The positions of the localities whose shards the screen needs: the one the source panel
/// (`prov`) shows and, except in the overview (which shows cards), the chosen ones and those `mloc`
/// and `tloc` point at.
pub fn working_set(corpus: &Corpus, params: &Params) -> Vec<usize> {
    let overview = view_of(params) == View::Overview;
    let mut set = if overview { Vec::new() } else { on_screen(corpus, params) };
    let prov = params.get("prov").and_then(|p| p.split_once(':')).map(|(id, _)| id.to_string());
    let pointed = if overview { Vec::new() } else { vec![params.get("mloc"), params.get("tloc")] };
    for id in pointed.into_iter().flatten().map(str::to_string).chain(prov) {
        if let Some(i) = corpus.position(&id) {
            set.push(i);
        }
    }
    crate::sort::sort(&mut set);
    set.dedup();
    set
}

/// The localities on screen and their lookup tables, shared by every view.
pub struct Data {
    pub atlas: Atlas,
    /// The working set's localities (in index order), the corpus's keys, attribution and tour.
    pub core: Core,
    pub geo: Option<Geography>,
    /// Built when a view first filters (its code need not be in the first download).
    index: std::sync::OnceLock<Rows>,
    /// The shards this was built from (to tell whether a rebuild is needed).
    shards: Vec<Arc<Shard>>,
}

impl Data {
    pub fn new(atlas: Atlas, shards: Vec<Arc<Shard>>) -> Data {
        let ix = &atlas.corpus.index;
        let core = Core {
            localities: shards.iter().map(|s| s.locality.clone()).collect(),
            diagnostics: Vec::new(),
            indicator_keys: ix.indicator_keys.clone(),
            attribution: ix.attribution.clone(),
            tour: ix.tour.clone(),
        };
        let mut counties: Vec<County> = Vec::new();
        let mut towns: Vec<Town> = Vec::new();
        for s in &shards {
            counties.extend(
                s.counties
                    .iter()
                    .filter(|c| !counties.iter().any(|x| x.adcode == c.adcode))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            towns.extend(s.towns.iter().filter(|t| !towns.contains(t)).cloned().collect::<Vec<_>>());
        }
        let geo = (!counties.is_empty() || !towns.is_empty()).then(|| Geography {
            attribution: ix.geo_attribution.clone(),
            counties,
            towns,
        });
        mark_once("atlas-data-ready");
        Data { atlas, core, geo, index: Default::default(), shards }
    }

    /// The filter and search tables of the localities on screen.
    pub fn index(&self) -> &Rows {
        self.index.get_or_init(|| Rows::build(&self.core))
    }

    pub fn loc(&self, id: &str) -> Option<&atlas_data::Locality> {
        self.core.localities.iter().find(|l| l.id == id)
    }

    pub fn key_name(&self, key: &str, lang: Lang) -> String {
        self.core.indicator_keys.iter().find(|k| k.key == key).map_or(key.to_string(), |k| match lang {
            Lang::Zh => k.zh.clone(),
            Lang::En => k.en.clone(),
        })
    }

    /// Whether this was built from exactly these shards.
    pub fn built_from(&self, shards: &[Arc<Shard>]) -> bool {
        self.shards.len() == shards.len() && self.shards.iter().zip(shards).all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

/// The working set's data, or why it is not there (yet).
#[derive(Clone)]
pub enum Working {
    Loading,
    Ready(Arc<Data>),
    Failed(String),
}

impl PartialEq for Working {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Working::Loading, Working::Loading) => true,
            (Working::Ready(a), Working::Ready(b)) => Arc::ptr_eq(a, b),
            (Working::Failed(a), Working::Failed(b)) => a == b,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// A label in the reader's language that follows a language switch. Every label shares this one
/// closure type, so the view code for a reactive label is compiled once, not once per label.
pub fn tr(zh: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let ui = ui();
    move || ui.lang().t(zh, en)
}

impl Lang {
    /// The string for this language.
    pub fn t(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The string for this language, of two made at run time (`十五五目标`, `15th FYP targets`).
    pub fn pick(self, zh: String, en: String) -> String {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    Corpus,
    Indicators,
    Projects,
    Growth,
    Map,
    Compare,
    Met,
    Text,
}

impl View {
    pub const ALL: [View; 9] = [
        View::Overview,
        View::Corpus,
        View::Indicators,
        View::Projects,
        View::Growth,
        View::Map,
        View::Compare,
        View::Met,
        View::Text,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Corpus => "corpus",
            View::Indicators => "indicators",
            View::Projects => "projects",
            View::Growth => "growth",
            View::Map => "map",
            View::Compare => "compare",
            View::Met => "met",
            View::Text => "text",
        }
    }

    pub fn parse(s: &str) -> View {
        View::ALL.into_iter().find(|v| v.slug() == s).unwrap_or(View::Overview)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            View::Overview => lang.t("概览", "Overview"),
            View::Corpus => lang.t("全部地方", "All localities"),
            View::Indicators => lang.t("指标", "Indicators"),
            View::Projects => lang.t("项目", "Projects"),
            View::Growth => lang.t("增长", "Growth"),
            View::Map => lang.t("空间布局", "Spatial layout"),
            View::Compare => lang.t("对比", "Compare"),
            View::Met => lang.t("达标", "Targets met?"),
            View::Text => lang.t("原文", "Text"),
        }
    }

    /// Views that show the whole corpus rather than the localities on screen.
    pub fn is_corpus_wide(self) -> bool {
        self == View::Corpus
    }
}

/// The view state: URL parameters. Language, view and localities are memos, so that what depends
/// only on them is not rebuilt by every other parameter change (which would, among other things,
/// replace an input field while someone types in it).
#[derive(Clone, Copy)]
pub struct Ui {
    pub params: RwSignal<Params>,
    pub lang: Memo<Lang>,
    view: Memo<View>,
    locs: Memo<Vec<String>>,
}

impl Ui {
    pub fn new(params: Params) -> Ui {
        let params = RwSignal::new(params);
        Ui {
            params,
            lang: Memo::new(move |_| if params.with(|p| p.get("lang") == Some("en")) { Lang::En } else { Lang::Zh }),
            view: Memo::new(move |_| params.with(|p| View::parse(p.get("view").unwrap_or("")))),
            locs: Memo::new(move |_| params.with(|p| p.list("loc"))),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn view(&self) -> View {
        self.view.get()
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.params.with(|p| p.get(key).map(str::to_string))
    }

    /// One parameter's value ("" when absent) as a memo: what reads it runs again when that
    /// parameter changes, not at every keystroke in another one.
    pub fn param(&self, key: &'static str) -> Memo<String> {
        let params = self.params;
        Memo::new(move |_| params.with(|p| p.get(key).unwrap_or_default().to_string()))
    }

    /// A switch parameter as a memo: `?plain`, `?plain=1` and `?plain=true` turn it on; absent,
    /// `0` and `false` leave it off.
    pub fn flag(&self, key: &'static str) -> Memo<bool> {
        let params = self.params;
        Memo::new(move |_| params.with(|p| p.has(key) && !matches!(p.get(key), Some("0" | "false"))))
    }

    pub fn set(&self, key: &str, value: impl Into<String>) {
        let value = value.into();
        self.params.update(|p| p.set(key, value));
    }

    /// Chosen localities (ids); empty means all of the working set.
    pub fn localities(&self) -> Vec<String> {
        self.locs.get()
    }
}

pub fn data() -> Arc<Data> {
    expect_context::<Arc<Data>>()
}

pub fn atlas() -> Atlas {
    expect_context::<Atlas>()
}

pub fn ui() -> Ui {
    expect_context::<Ui>()
}
