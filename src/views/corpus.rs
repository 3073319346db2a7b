//! 全部地方 All localities: the corpus on a map — every county of the provinces it covers,
//! filled by whether a plan is present, or by a canonical indicator (`cmap`, column `ccol`: the
//! target, the planned growth or the base of each plan's table) as a choropleth — with the highest and lowest values as printed, each opening its source line.
//! Clicking a county chooses (or drops) its locality. Loads only the outlines and, for a
//! choropleth, that indicator's column: never every locality's shard.

use super::picker::choose;
use crate::charts::canvas::ChartCanvas;
use crate::charts::corpus::{self, PathCache, Rings, Style, OWN_PLAN, PREFECTURE_PLAN};
use crate::charts::map::Projection;
use crate::charts::palette;
use crate::state::{atlas, ui, Lang, Loaded, Shared, MAX_CHOSEN};
use atlas_data::{Index, KeyColumn, Outlines, Role, GEO_SCALE};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The columns a choropleth can show, by role: each plan prints them for its own years.
const COLUMNS: [Role; 3] = [Role::Target, Role::TargetGrowth, Role::Base];

/// A choropleth column, with the year its values are for once known (`2025年目标`).
fn column_label(role: Role, year: Option<u16>, lang: Lang) -> String {
    match (role, year) {
        (Role::TargetGrowth, _) => lang.t("年均增长目标", "planned annual growth").into(),
        (Role::Base, Some(y)) => lang.pick(format!("{y}年基期"), format!("{y} base")),
        (Role::Base, None) => lang.t("基期值", "base year").into(),
        (_, Some(y)) => lang.pick(format!("{y}年目标"), format!("{y} target")),
        _ => lang.t("期末目标", "end-of-plan target").into(),
    }
}

/// The choropleth column of a `ccol` parameter: a role (`target`), or a column name of links made
/// before periods were data (`target_2025`).
fn parse_column(s: &str) -> Option<Role> {
    let role =
        COLUMNS.into_iter().find(|r| r.as_str() == s).or_else(|| atlas_data::Column::parse(s).map(|c| c.role))?;
    COLUMNS.contains(&role).then_some(role)
}

/// Which locality plans a county: its own plan first, else its prefecture's, else its province's
/// (a municipality's districts).
fn planner(index: &Index, positions: &HashMap<&str, usize>, adcode: &str) -> Option<(usize, bool)> {
    if let Some(&i) = positions.get(adcode) {
        return Some((i, true));
    }
    let above = [format!("{}00", adcode.get(..4)?), format!("{}0000", adcode.get(..2)?)];
    above
        .iter()
        .filter_map(|code| positions.get(code.as_str()).map(|&i| (i, false)))
        .find(|(i, _)| index.localities[*i].level.spans_counties())
}

/// A locality's value as read, as printed, and its source line; by position in the index.
pub type Values = HashMap<u32, (f64, String, u32)>;

/// The values of one column that can be coloured on one scale.
pub struct Comparable {
    pub values: Values,
    pub unit: Option<String>,
    /// The year they are for (`None` for growth rates).
    pub year: Option<u16>,
    /// Values in another unit, year or reckoning, not coloured.
    pub left_out: usize,
}

/// A comparable value per locality: the values of the column with `role` in the unit, year (a
/// 十四五 plan's 2025 target is not a 十五五 plan's 2030 one) and reckoning (cumulative or not)
/// most localities print it in.
pub fn comparable(column: &KeyColumn, role: Role) -> Comparable {
    /// A value with what makes it comparable: locality, cell, unit, year, line.
    type Found<'a> = (u32, &'a atlas_data::Cell, Option<&'a String>, Option<u16>, u32);
    let cells: Vec<Found> = column
        .values
        .iter()
        .filter_map(|v| {
            let (col, c) = v.cells.iter().find(|(col, c)| col.role == role && c.value.is_some())?;
            Some((v.loc, c, v.unit.as_ref(), col.year, v.line))
        })
        .collect();
    let mut kinds: HashMap<(Option<&String>, bool, Option<u16>), usize> = HashMap::new();
    for (_, c, unit, year, _) in &cells {
        *kinds.entry((*unit, c.cumulative, *year)).or_default() += 1;
    }
    let Some(((unit, cumulative, year), _)) = kinds.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))) else {
        return Comparable { values: HashMap::new(), unit: None, year: None, left_out: 0 };
    };
    let values: Values = cells
        .iter()
        .filter(|(_, c, u, y, _)| *u == unit && c.cumulative == cumulative && *y == year)
        .filter_map(|(loc, c, _, _, line)| Some((*loc, (c.value?, c.raw.clone(), *line))))
        .collect();
    let left_out = cells.len() - values.len();
    Comparable { values, unit: unit.cloned(), year, left_out }
}

#[component]
pub fn CorpusView() -> impl IntoView {
    let atlas = atlas();
    let ui = ui();
    atlas.request_outlines();
    let index = Arc::new(atlas.corpus.index.clone());
    let key_index = {
        let index = index.clone();
        Memo::new(move |_| ui.get("cmap").and_then(|k| index.indicator_keys.iter().position(|x| x.key == k)))
    };
    let col = Memo::new(move |_| ui.get("ccol").and_then(|c| parse_column(&c)).unwrap_or(Role::Target));
    {
        let atlas = atlas.clone();
        Effect::new(move |_| {
            if let Some(k) = key_index.get() {
                atlas.request_column(k);
            }
        });
    }
    let outlines = {
        let atlas = atlas.clone();
        Memo::new(move |_| match atlas.outlines.get() {
            Some(Loaded::Ready(o)) => Loaded::Ready(o.map(Shared)),
            Some(Loaded::Failed(e)) => Loaded::Failed(e),
            _ => Loaded::Loading,
        })
    };
    let column = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            let k = key_index.get()?;
            match atlas.columns.with(|m| m.get(&k).cloned()) {
                Some(Loaded::Ready(c)) => Some(Ok(Shared(c))),
                Some(Loaded::Failed(e)) => Some(Err(e)),
                _ => None,
            }
        })
    };
    // The counties' rings and the locality that plans each: built once, when the outlines arrive.
    let geometry = {
        let index = index.clone();
        Memo::new(move |_| {
            let Loaded::Ready(Some(outlines)) = outlines.get() else { return None };
            let positions: HashMap<&str, usize> =
                index.localities.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
            let (codes, rings): (Vec<String>, Vec<Rings>) = outlines_regions(&outlines).into_iter().unzip();
            let owners = codes.iter().map(|c| planner(&index, &positions, c)).collect();
            Some(Shared(Arc::new(Geometry { rings, owners })))
        })
    };
    // How each county is drawn: rebuilt when the colouring or the choice changes.
    let styles = {
        let index = index.clone();
        Memo::new(move |_| {
            let g = geometry.get()?;
            let chosen = ui.localities();
            let values = column.get().and_then(Result::ok).map(|c| comparable(&c, col.get()).values);
            let edges = values.as_ref().map(|v| corpus::quantile_edges(&v.values().map(|x| x.0).collect::<Vec<_>>()));
            let styles: Vec<Style> = g
                .owners
                .iter()
                .map(|owner| {
                    let fill = match (&values, &edges, owner) {
                        (Some(v), Some(e), Some((i, _))) => v.get(&(*i as u32)).map(|x| corpus::colour(x.0, e)),
                        (Some(_), _, _) => None,
                        (None, _, Some((_, own))) => Some(if *own { OWN_PLAN } else { PREFECTURE_PLAN }),
                        (None, _, None) => None,
                    };
                    let chosen = owner.is_some_and(|(i, own)| own && chosen.contains(&index.localities[i].id));
                    Style { fill, chosen }
                })
                .collect();
            Some(Shared(Arc::new(styles)))
        })
    };
    let projection = RwSignal::new(Projection::default());
    let status = RwSignal::new(None::<String>);
    let cache = Arc::new(std::sync::Mutex::new(None::<PathCache>));
    let draw = move |c: &web_sys::HtmlCanvasElement, r: f64| {
        let (Some(g), Some(st)) = (geometry.get(), styles.get()) else { return Ok(()) };
        let mut cache = cache.lock().map_err(|e| e.to_string())?;
        let p = corpus::draw(c, r, &g.rings, &st, &mut cache)?;
        projection.set(p);
        Ok(())
    };
    let on_click = {
        let index = index.clone();
        move |ev: leptos::ev::MouseEvent| {
            let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
            let (x, y) = (ev.offset_x() as f64 * ratio, ev.offset_y() as f64 * ratio);
            let lang = ui.lang();
            let hit = geometry.with_untracked(|g| {
                let g = g.as_ref()?;
                let r = corpus::hit(&g.rings, &projection.get_untracked(), x, y)?;
                g.owners[r].map(|(i, _)| i)
            });
            let Some(i) = hit else { return };
            let id = index.localities[i].id.clone();
            let name =
                if lang == Lang::Zh { index.localities[i].name.clone() } else { index.localities[i].name_en.clone() };
            let mut chosen = ui.localities();
            if chosen.contains(&id) {
                chosen.retain(|x| *x != id);
                status.set(Some(format!("{} {name}", lang.t("已移除", "Removed"))));
            } else if chosen.len() >= MAX_CHOSEN {
                status.set(Some(lang.t("最多同时选择 12 个地方。", "At most 12 localities at once.").to_string()));
                return;
            } else {
                chosen.push(id);
                status.set(Some(format!("{} {name}", lang.t("已选择", "Chosen"))));
            }
            choose(ui, &index, chosen);
        }
    };
    let controls = {
        let index = index.clone();
        move || {
            let lang = ui.lang();
            let current = ui.get("cmap").unwrap_or_default();
            let keys = index
                .indicator_keys
                .iter()
                .zip(&index.key_files)
                .filter(|(_, f)| f.localities > 0)
                .map(|(k, f)| {
                    let name = if lang == Lang::Zh { k.zh.clone() } else { k.en.clone() };
                    let sel = current == k.key;
                    view! { <option value=k.key.clone() selected=sel>{format!("{name} ({})", f.localities)}</option> }
                })
                .collect_view();
            let cols = COLUMNS
                .into_iter()
                .map(|c| view! { <option value=c.as_str() selected=move || col.get() == c>{column_label(c, None, lang)}</option> })
                .collect_view();
            view! {
                <div class="filters">
                    <label class="filter" for="corpus-map-key"><span>{lang.t("着色", "Colour by")}</span>
                        <select id="corpus-map-key" on:change=move |ev| ui.set("cmap", event_target_value(&ev))>
                            <option value="" selected=current.is_empty()>{lang.t("有无规划", "Plan present")}</option>{keys}
                        </select>
                    </label>
                    {(!current.is_empty()).then(|| view! {
                        <label class="filter" for="corpus-map-col"><span>{lang.t("数值", "Value")}</span>
                            <select id="corpus-map-col" on:change=move |ev| ui.set("ccol", event_target_value(&ev))>{cols}</select>
                        </label>
                    })}
                </div>
            }
        }
    };
    let legend = {
        let index = index.clone();
        move || {
            let lang = ui.lang();
            let swatch = |c: plotters::style::RGBColor| {
                view! { <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill=palette::css(c) /></svg> }
            };
            let Some(k) = key_index.get() else {
                let (own, any) = styles.with(|s| {
                    s.as_ref().map_or((0, 0), |s| (s.iter().filter(|r| r.fill == Some(OWN_PLAN)).count(), s.len()))
                });
                return view! {
                    <ul class="legend" data-counties=any>
                        <li>{swatch(OWN_PLAN)}{lang.t("本级规划", "Plan of its own")}" ("{own}")"</li>
                        <li>{swatch(PREFECTURE_PLAN)}{lang.t("属于有规划的地级市", "In a prefecture with a plan")}</li>
                        <li>{swatch(palette::ink().1)}{lang.t("无规划", "No plan")}</li>
                    </ul>
                }
                .into_any();
            };
            let key = &index.indicator_keys[k];
            match column.get() {
                None => {
                    view! { <p class="loading" role="status">{lang.t("正在加载指标…", "Loading the indicator…")}</p> }
                        .into_any()
                }
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(c)) => {
                    let Comparable { values, unit, year, left_out } = comparable(&c, col.get());
                    let mut v: Vec<f64> = values.values().map(|x| x.0).collect();
                    crate::sort::sort_by(&mut v, f64::total_cmp);
                    let edges = corpus::quantile_edges(&v);
                    let unit = unit.unwrap_or_default();
                    let max = v.last().copied().unwrap_or(0.0);
                    let mut lows = vec![v.first().copied().unwrap_or(0.0)];
                    lows.extend(edges.iter().copied());
                    // Each bin from its lowest value up to the next bin's (the last: up to the highest).
                    let items = lows
                        .iter()
                        .enumerate()
                        .map(|(b, lo)| {
                            let range = match edges.get(b) {
                                Some(hi) => format!("{lo} – < {hi}"),
                                None if *lo == max => format!("{lo}"),
                                None => format!("{lo} – {max}"),
                            };
                            view! { <li>{swatch(corpus::colour(*lo, &edges))}{format!("{range} {unit}")}</li> }
                        })
                        .collect_view();
                    let name = if lang == Lang::Zh { key.zh.clone() } else { key.en.clone() };
                    let note = (left_out > 0).then(|| {
                        view! { <p class="notice">{format!("{left_out} {}", lang.t("个地方的数值单位、年份或口径不同，未着色。", "localities print it in another unit, for another year or as a cumulative figure and are not coloured."))}</p> }
                    });
                    view! {
                        <p class="legend-title">{format!("{name} · {}", column_label(col.get(), year, lang))}</p>
                        <ul class="legend" data-values=values.len()>{items}<li>{swatch(palette::ink().1)}{lang.t("无数值", "No value")}</li></ul>
                        {note}
                    }
                    .into_any()
                }
            }
        }
    };
    let extremes = {
        let index = index.clone();
        move || {
            let lang = ui.lang();
            let Some(Ok(c)) = column.get() else { return None };
            let Comparable { values, unit, .. } = comparable(&c, col.get());
            let mut ranked: Vec<(u32, (f64, String, u32))> = values.into_iter().collect();
            crate::sort::sort_by(&mut ranked, |a, b| b.1 .0.total_cmp(&a.1 .0).then(a.0.cmp(&b.0)));
            let unit = unit.unwrap_or_default();
            let row = |(loc, (_, raw, line)): &(u32, (f64, String, u32))| {
                let s = &index.localities[*loc as usize];
                let name = if lang == Lang::Zh { s.name.clone() } else { s.name_en.clone() };
                let (id, line) = (s.id.clone(), *line);
                view! {
                    <li><span class="name">{name}</span>" "
                        <button class="value" on:click=move |_| super::open_provenance(&id, line)>{raw.clone()}</button>" "{unit.clone()}</li>
                }
            };
            // A short list shows every value; a long one its five highest and five lowest.
            if ranked.len() <= 10 {
                let all = ranked.iter().map(row).collect_view();
                return Some(
                    view! { <div class="extremes"><div><h3>{lang.t("由高到低", "Highest first")}</h3><ol>{all}</ol></div></div> }
                        .into_any(),
                );
            }
            let top = ranked.iter().take(5).map(row).collect_view();
            let bottom = ranked.iter().rev().take(5).map(row).collect_view();
            Some(
                view! {
                    <div class="extremes">
                        <div><h3>{lang.t("最高", "Highest")}</h3><ol>{top}</ol></div>
                        <div><h3>{lang.t("最低", "Lowest")}</h3><ol>{bottom}</ol></div>
                    </div>
                }
                .into_any(),
            )
        }
    };
    let label = {
        let index = index.clone();
        Signal::derive(move || {
            let lang = ui.lang();
            let what = key_index
                .get()
                .map(|k| {
                    if lang == Lang::Zh {
                        index.indicator_keys[k].zh.clone()
                    } else {
                        index.indicator_keys[k].en.clone()
                    }
                })
                .unwrap_or_else(|| lang.t("有无规划", "whether a plan is present").to_string());
            format!(
                "{} — {} {}",
                lang.t("地方分布图", "Map of the corpus"),
                index.localities.len(),
                lang.t("个地方；着色：", "localities; coloured by: ")
            ) + &what
        })
    };
    let body = move || {
        match outlines.get() {
        Loaded::Loading => view! { <p class="loading" role="status">{ui.lang().t("正在加载地图…", "Loading the map…")}</p> }.into_any(),
        Loaded::Failed(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Loaded::Ready(None) => view! {
            <p class="notice">{ui.lang().t("这个数据包编译时没有县界（--geo），无法绘制地图。", "This bundle was compiled without county polygons (--geo): there is no map.")}</p>
        }
        .into_any(),
        Loaded::Ready(Some(_)) => view! {
            <div class="corpus-map" on:click=on_click.clone()>
                <ChartCanvas label height=460.0 draw=draw.clone() class="corpus-map" />
            </div>
        }
        .into_any(),
    }
    };
    view! {
        {controls}
        <div class="corpus-grid">
            <div class="corpus-main">
                {body}
                {move || status.get().map(|s| view! { <p class="map-hover" role="status">{s}</p> })}
                <p class="map-legend">{crate::state::tr("点击县区以选择或移除该地方。", "Click a county to choose or drop its locality.")}</p>
            </div>
            <div class="corpus-side">{legend}{extremes}</div>
        </div>
    }
}

/// The counties' rings, and the locality that plans each (its position in the index, and whether
/// the plan is the county's own rather than its prefecture's).
struct Geometry {
    rings: Vec<Rings>,
    owners: Vec<Option<(usize, bool)>>,
}

/// Each county's adcode and rings in degrees.
fn outlines_regions(outlines: &Outlines) -> Vec<(String, Rings)> {
    outlines
        .counties
        .iter()
        .map(|o| {
            let rings = o
                .points(outlines.step)
                .into_iter()
                .map(|r| r.into_iter().map(|p| (p[0] as f64 / GEO_SCALE, p[1] as f64 / GEO_SCALE)).collect())
                .collect();
            (o.adcode.clone(), rings)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_data::{Cell, Column, KeyValue};
    use std::collections::BTreeMap;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn value(loc: u32, raw: &str, v: f64, unit: &str, cumulative: bool) -> KeyValue {
        value_in(loc, 2025, raw, v, unit, cumulative)
    }

    fn value_in(loc: u32, year: u16, raw: &str, v: f64, unit: &str, cumulative: bool) -> KeyValue {
        let mut cells = BTreeMap::new();
        cells.insert(
            Column::target(year),
            Cell {
                raw: raw.into(),
                value: Some(v),
                cmp: None,
                cumulative,
                year: None,
                estimate: false,
                qualitative: None,
            },
        );
        KeyValue { loc, line: 1, unit: Some(unit.into()), cells }
    }

    #[test]
    fn only_values_in_the_common_unit_are_compared() {
        let c = KeyColumn {
            key: "gdp".into(),
            values: vec![
                value(0, "810", 810.0, "亿元", false),
                value(1, "750", 750.0, "亿元", false),
                value(2, "[15]", 15.0, "亿元", true),
                value(3, "8%", 8.0, "%", false),
                value_in(4, 2030, "1200", 1200.0, "亿元", false),
            ],
        };
        let Comparable { values: kept, unit, year, left_out } = comparable(&c, Role::Target);
        assert_eq!((unit.as_deref(), year), (Some("亿元"), Some(2025)));
        assert_eq!(left_out, 3, "another unit, a five-year total and another year");
        assert_eq!(kept.get(&0).map(|v| v.1.as_str()), Some("810"), "raw as printed");
        assert!(!kept.contains_key(&2) && !kept.contains_key(&3));
    }
}
