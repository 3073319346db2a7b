//! 空间布局 Spatial layout: a locality's layout on real geography (its county polygons, town
//! points when the bundle has a gazetteer), with a legend, the element list (click to
//! highlight), the places that could not be located, a schematic of the layout's structure, and
//! the data attribution. `mloc`, `layout` and `hl` in the URL hold the choice.

use crate::charts::canvas::ChartCanvas;
use crate::charts::map::{self, MarkKind, Projection, Scene, Shape};
use crate::charts::palette;
use crate::state::{data, ui, Data, Lang};
use atlas_data::{Card, Layout, Locality, PlaceKind, GEO_SCALE};
use leptos::prelude::*;

/// The locality shown: `mloc`, else the first selected one.
fn current_loc(data: &Data, ui: crate::state::Ui) -> usize {
    let wanted = ui.get("mloc").or_else(|| ui.localities().first().cloned());
    wanted.and_then(|id| data.core.localities.iter().position(|l| l.id == id)).unwrap_or(0)
}

fn current_layout(l: &Locality, ui: crate::state::Ui) -> Option<(usize, &Layout)> {
    let wanted = ui.get("layout").and_then(|s| s.parse::<usize>().ok());
    let i = wanted.filter(|&i| i < l.layouts.len()).or_else(|| l.layouts.iter().position(|x| x.primary))?;
    Some((i, &l.layouts[i]))
}

/// The map of one locality with one of its layouts; `highlight` is an element index.
pub fn scene_for(data: &Data, l: &Locality, layout: Option<&Layout>, highlight: Option<usize>, lang: Lang) -> Scene {
    let prefecture = atlas_data::territory_prefix(&l.id);
    let is_prefecture = atlas_data::adcode_of(&l.id).ends_with("00");
    let mut scene = Scene { marks: marks(layout, highlight, lang), ..Scene::default() };
    if let Some(geo) = &data.geo {
        let in_prefecture: Vec<&atlas_data::County> =
            geo.counties.iter().filter(|c| c.adcode.starts_with(prefecture)).collect();
        scene.counties = in_prefecture.iter().map(|c| shape(&l.id, &c.adcode, &c.name, &c.rings)).collect();
        scene.towns = geo
            .towns
            .iter()
            .filter(
                |t| if is_prefecture { in_prefecture.iter().any(|c| c.name == t.county) } else { t.county == l.name },
            )
            .map(|t| (t.lon, t.lat, t.name.clone()))
            .collect();
    }
    scene
}

/// The overview's thumbnail of locality `id` from its card: its prefecture's coarse counties and
/// its primary layout.
pub fn card_scene(id: &str, card: &Card, lang: Lang) -> Scene {
    let counties = card.counties.iter().map(|c| shape(id, &c.adcode, &c.name, &c.points(card.step))).collect();
    Scene { counties, towns: Vec::new(), marks: marks(card.layout.as_ref(), None, lang) }
}

/// A county of locality `id`'s prefecture; its own territory when it is the locality or the
/// locality is the prefecture.
fn shape(id: &str, adcode: &str, name: &str, rings: &[Vec<[i32; 2]>]) -> Shape {
    Shape {
        rings: rings
            .iter()
            .map(|r| r.iter().map(|p| (p[0] as f64 / GEO_SCALE, p[1] as f64 / GEO_SCALE)).collect())
            .collect(),
        own: atlas_data::adcode_of(id).ends_with("00") || adcode == atlas_data::adcode_of(id),
        name: name.to_string(),
    }
}

fn marks(layout: Option<&Layout>, highlight: Option<usize>, lang: Lang) -> Vec<map::Mark> {
    let Some(layout) = layout else { return Vec::new() };
    layout
        .elements
        .iter()
        .enumerate()
        .map(|(k, e)| map::Mark {
            kind: MarkKind::of_role(e.role),
            points: e.places.iter().filter(|p| p.path.is_empty()).filter_map(|p| Some((p.lon?, p.lat?))).collect(),
            course: e
                .places
                .iter()
                .find(|p| p.path.len() >= 2)
                .map(|p| p.path.iter().map(|q| (q[0] as f64 / GEO_SCALE, q[1] as f64 / GEO_SCALE)).collect())
                .unwrap_or_default(),
            label: if lang == Lang::Zh { e.name.clone() } else { format!("{} {}", e.label, e.name) },
            color: palette::series(k),
            highlighted: highlight == Some(k),
        })
        .collect()
}

fn role_text(role: atlas_data::LayoutRole, lang: Lang) -> &'static str {
    lang.t(role.zh(), role.en())
}

#[component]
pub fn SpatialLayout() -> impl IntoView {
    let data = data();
    let ui = ui();
    let projection = RwSignal::new(Projection::default());
    let hover = RwSignal::new(None::<String>);
    let pickers = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let li = current_loc(&data, ui);
            let l = &data.core.localities[li];
            let locs = data
                .core
                .localities
                .iter()
                .map(|x| {
                    let id = x.id.clone();
                    let label = if lang == Lang::Zh { x.name.clone() } else { x.name_en.clone() };
                    let sel = id == l.id;
                    view! { <option value=id selected=sel>{label}</option> }
                })
                .collect_view();
            let current = current_layout(l, ui).map(|(i, _)| i);
            let layouts = l
                .layouts
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let text = format!("{}{}", x.slogan, if x.primary { lang.t("（主要）", " (main)") } else { "" });
                    view! { <option value=i.to_string() selected=Some(i) == current>{text}</option> }
                })
                .collect_view();
            view! {
                <div class="filters">
                    <label class="filter" for="map-loc"><span>{lang.t("地方", "Locality")}</span>
                        <select id="map-loc" on:change=move |ev| ui.params.update(|p| { p.set("mloc", event_target_value(&ev)); p.set("layout", ""); p.set("hl", ""); })>{locs}</select>
                    </label>
                    <label class="filter" for="map-layout"><span>{lang.t("空间布局", "Layout")}</span>
                        <select id="map-layout" on:change=move |ev| ui.params.update(|p| { p.set("layout", event_target_value(&ev)); p.set("hl", ""); })>{layouts}</select>
                    </label>
                </div>
            }
        }
    };
    let scene = {
        let data = data.clone();
        Memo::new(move |_| {
            let l = &data.core.localities[current_loc(&data, ui)];
            let hl = ui.get("hl").and_then(|h| h.parse().ok());
            scene_for(&data, l, current_layout(l, ui).map(|(_, x)| x), hl, ui.lang())
        })
    };
    let label = {
        let data = data.clone();
        Signal::derive(move || {
            let l = &data.core.localities[current_loc(&data, ui)];
            let slogan = current_layout(l, ui).map_or(String::new(), |(_, x)| x.slogan.clone());
            format!("{} {slogan} — {}", l.name, ui.lang().t("空间布局地图", "spatial layout map"))
        })
    };
    let draw = move |c: &web_sys::HtmlCanvasElement, r: f64| {
        let p = scene.with(|s| map::draw(c, r, s, false))?;
        projection.set(p);
        Ok(())
    };
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
        let (x, y) = (ev.offset_x() as f64 * ratio, ev.offset_y() as f64 * ratio);
        let proj = projection.get_untracked();
        let hit = scene.with_untracked(|s| {
            s.towns
                .iter()
                .map(|(lon, lat, name)| {
                    let p = proj.px_from_lonlat((*lon, *lat));
                    ((p.0 as f64 - x).hypot(p.1 as f64 - y), name.clone())
                })
                .filter(|(d, _)| *d < 10.0 * ratio)
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, n)| n)
        });
        hover.set(hit);
    };
    let hover_text = {
        let data = data.clone();
        move || {
            let town = hover.get()?;
            let l = &data.core.localities[current_loc(&data, ui)];
            let naming: Vec<String> = current_layout(l, ui)
                .map(|(_, x)| {
                    x.elements
                        .iter()
                        .filter(|e| e.places.iter().any(|p| p.name.as_deref() == Some(&town)))
                        .map(|e| format!("{} {}", e.label, e.name))
                        .collect()
                })
                .unwrap_or_default();
            let lang = ui.lang();
            let names = if naming.is_empty() {
                lang.t("（布局未提及）", "(not named by the layout)").to_string()
            } else {
                naming.join("；")
            };
            Some(view! { <p class="map-hover" role="status"><strong>{town}</strong>" — "{names}</p> })
        }
    };
    let elements = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let l = &data.core.localities[current_loc(&data, ui)];
            let Some((_, layout)) = current_layout(l, ui) else {
                return view! { <p class="notice">{lang.t("该规划没有空间布局。", "This plan states no spatial layout.")}</p> }.into_any();
            };
            let hl = ui.get("hl").and_then(|h| h.parse::<usize>().ok());
            let items = layout
                .elements
                .iter()
                .enumerate()
                .map(|(k, e)| {
                    let places = e
                        .places
                        .iter()
                        .map(|p| match &p.name {
                            Some(n) if *n != p.as_printed => format!("{}（{n}）", p.as_printed),
                            Some(_) => p.as_printed.clone(),
                            None => format!("{}{}", p.as_printed, lang.t("（未定位）", " (not located)")),
                        })
                        .collect::<Vec<_>>()
                        .join(" → ");
                    let (id, line) = (l.id.clone(), e.line);
                    view! {
                        <li class:hl=hl == Some(k) data-element=k>
                            <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><circle cx="5" cy="5" r="5" fill=palette::css(palette::series(k)) /></svg>
                            <button class="element" aria-pressed=(hl == Some(k)).to_string()
                                on:click=move |_| ui.set("hl", if hl == Some(k) { String::new() } else { k.to_string() })>
                                <strong>{e.label.clone()}</strong>" "{e.name.clone()}<span class="role">" · "{role_text(e.role, lang)}</span>
                            </button>
                            <button class="value source-link" on:click=move |_| super::open_provenance(&id, line)>{format!("#{line}")}</button>
                            <div class="places">{places}</div>
                        </li>
                    }
                })
                .collect_view();
            let missing_view = unlocated_by_kind(layout, lang);
            let empty: Vec<String> = layout
                .elements
                .iter()
                .filter(|e| e.places.iter().all(|p| p.lon.is_none()))
                .map(|e| e.name.clone())
                .collect();
            let empty_view = (!empty.is_empty()).then(|| {
                view! { <p class="unlocated">{lang.t("以下要素无坐标，只见于示意图：", "Elements without coordinates, shown only in the schematic: ")}{empty.join("、")}</p> }
            });
            view! { <ol class="elements">{items}</ol>{missing_view}{empty_view} }.into_any()
        }
    };
    let attribution = data.geo.as_ref().map_or_else(|| "—".to_string(), |g| g.attribution.clone());
    let schematic = {
        let data = data.clone();
        move || {
            let l = &data.core.localities[current_loc(&data, ui)];
            current_layout(l, ui).map(|(_, layout)| super::schematic::schematic(layout, ui.lang()))
        }
    };
    view! {
        {pickers}
        <div class="map-grid">
            <div class="map-main" on:mousemove=on_move on:mouseleave=move |_| hover.set(None)>
                <ChartCanvas label height=520.0 draw class="layout-map" />
                {hover_text}
                <p class="map-legend">{crate::state::tr("图例：大圆点＝核心，中圆点＝副中心，带箭头的线＝发展轴，宽带＝发展带/走廊，多边形＝圈，粗箭头＝翼，小圆点＝节点；灰点为乡镇。", "Legend: large disc = core, medium disc = sub-centre, line with arrow = axis, wide band = belt/corridor, polygon = ring, thick arrow = wing, small disc = node; grey dots are townships.")}</p>
                <p class="attribution map-attribution">{attribution}</p>
            </div>
            <div class="map-side">{elements}</div>
        </div>
        {schematic}
    }
}

fn kind_text(kind: PlaceKind, lang: Lang) -> &'static str {
    match kind {
        PlaceKind::River => lang.t("河流", "Rivers"),
        PlaceKind::Road => lang.t("道路、铁路", "Roads and railways"),
        PlaceKind::Landmark => lang.t("山、湖、景区等", "Landmarks"),
        PlaceKind::Area => lang.t("片区、新区", "Zones"),
        PlaceKind::Town => lang.t("乡镇", "Townships"),
        PlaceKind::County => lang.t("县市区", "Counties"),
        PlaceKind::Seat => lang.t("城区", "Seat"),
        PlaceKind::Unknown => lang.t("其他", "Other"),
    }
}

/// The places the layout names but the map cannot draw, by kind (rivers and roads follow lines the
/// bundle does not hold), each listed once in printed order.
fn unlocated_by_kind(layout: &Layout, lang: Lang) -> Option<impl IntoView> {
    const ORDER: [PlaceKind; 8] = [
        PlaceKind::River,
        PlaceKind::Road,
        PlaceKind::Landmark,
        PlaceKind::Area,
        PlaceKind::Town,
        PlaceKind::County,
        PlaceKind::Seat,
        PlaceKind::Unknown,
    ];
    let unlocated: Vec<&atlas_data::Place> =
        layout.elements.iter().flat_map(|e| &e.places).filter(|p| p.name.is_none()).collect();
    let groups: Vec<(PlaceKind, Vec<String>)> = ORDER
        .into_iter()
        .filter_map(|kind| {
            let mut names: Vec<String> = Vec::new();
            for p in unlocated.iter().filter(|p| p.kind == kind) {
                if !names.contains(&p.as_printed) {
                    names.push(p.as_printed.clone());
                }
            }
            (!names.is_empty()).then_some((kind, names))
        })
        .collect();
    (!groups.is_empty()).then(|| {
        let items = groups
            .into_iter()
            .map(|(kind, names)| {
                view! { <li data-kind=kind.as_str()><strong>{kind_text(kind, lang)}</strong>"："{names.join("、")}</li> }
            })
            .collect_view();
        view! {
            <div class="unlocated">
                <p><strong>{lang.t("未在地图上定位（见示意图）：", "Not located on the map (see the schematic):")}</strong></p>
                <ul class="unlocated-kinds">{items}</ul>
            </div>
        }
    })
}
