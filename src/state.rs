//! Shared widget state: the decoded data (read-only, built once) and the URL-backed view state.
//! Views read both from context; changing a filter writes the URL, and back/forward restore it.

use crate::index::Index;
use crate::url::Params;
use atlas_data::{Bundle, Core, Geography};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The bundle's structured part and its indexes, shared by every view.
pub struct Data {
    pub core: Core,
    pub geo: Option<Geography>,
    pub index: Index,
    /// Texts that came inside the bundle (a full bundle); else they are fetched on demand.
    pub texts: Vec<atlas_data::PlanText>,
}

impl Data {
    pub fn new(bundle: Bundle) -> Data {
        let index = Index::build(&bundle.core);
        Data { core: bundle.core, geo: bundle.geo, index, texts: bundle.texts }
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
}

/// Full texts, loaded on demand (provenance, the text view, search).
#[derive(Clone)]
pub enum Texts {
    NotLoaded,
    Loading,
    Ready(Arc<HashMap<String, Vec<String>>>),
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The string for this language.
    pub fn t(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    Indicators,
    Projects,
    Growth,
    Map,
    Compare,
    Text,
}

impl View {
    pub const ALL: [View; 7] =
        [View::Overview, View::Indicators, View::Projects, View::Growth, View::Map, View::Compare, View::Text];

    pub fn slug(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Indicators => "indicators",
            View::Projects => "projects",
            View::Growth => "growth",
            View::Map => "map",
            View::Compare => "compare",
            View::Text => "text",
        }
    }

    pub fn parse(s: &str) -> View {
        View::ALL.into_iter().find(|v| v.slug() == s).unwrap_or(View::Overview)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            View::Overview => lang.t("概览", "Overview"),
            View::Indicators => lang.t("指标", "Indicators"),
            View::Projects => lang.t("项目", "Projects"),
            View::Growth => lang.t("增长", "Growth"),
            View::Map => lang.t("空间布局", "Spatial layout"),
            View::Compare => lang.t("对比", "Compare"),
            View::Text => lang.t("原文", "Text"),
        }
    }
}

/// The view state: URL parameters plus the on-demand texts. Language, view and localities are
/// memos, so that what depends only on them is not rebuilt by every other parameter change
/// (which would, among other things, replace an input field while someone types in it).
#[derive(Clone, Copy)]
pub struct Ui {
    pub params: RwSignal<Params>,
    pub texts: RwSignal<Texts>,
    lang: Memo<Lang>,
    view: Memo<View>,
    locs: Memo<Vec<String>>,
}

impl Ui {
    pub fn new(params: Params) -> Ui {
        let params = RwSignal::new(params);
        Ui {
            params,
            texts: RwSignal::new(Texts::NotLoaded),
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

    pub fn set(&self, key: &str, value: impl Into<String>) {
        let value = value.into();
        self.params.update(|p| p.set(key, value));
    }

    /// Selected localities (ids); empty means all.
    pub fn localities(&self) -> Vec<String> {
        self.locs.get()
    }
}

pub fn data() -> Arc<Data> {
    expect_context::<Arc<Data>>()
}

pub fn ui() -> Ui {
    expect_context::<Ui>()
}

/// Starts loading the full texts unless they are loaded or loading.
pub fn ensure_texts(ui: Ui) {
    if !matches!(ui.texts.get_untracked(), Texts::NotLoaded) {
        return;
    }
    ui.texts.set(Texts::Loading);
    let inside = use_context::<Arc<Data>>().map(|d| d.texts.clone()).unwrap_or_default();
    leptos::task::spawn_local(async move {
        let loaded = if inside.is_empty() {
            crate::load::load_texts(crate::load::TEXT_URL).await
        } else {
            crate::load::inflate_texts(&inside).await
        };
        let next = match loaded {
            Ok(t) => Texts::Ready(Arc::new(t)),
            Err(e) => Texts::Failed(e),
        };
        ui.texts.set(next);
    });
}
