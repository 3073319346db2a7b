//! 项目 Projects: every project of the selected plans with filters (sector, 专栏 box, has
//! investment, investment range, place, keyword), totals, a chart of counts by sector and of
//! known investment by locality, and a detail panel with the project's places on the map.

use super::paging::{row_slots, Row};
use super::{open_provenance, param_input, param_select};
use crate::charts::canvas::ChartCanvas;
use crate::charts::{bars, map, palette};
use crate::index::{ProjectFilter, ProjectRef};
use crate::state::{data, ui, Lang};
use atlas_data::{ProjectSource, Sector};
use leptos::prelude::*;

fn filter_from_url() -> ProjectFilter {
    let ui = ui();
    let num = |k: &str| ui.get(k).as_deref().and_then(crate::num::parse);
    ProjectFilter {
        localities: ui.localities(),
        sector: ui.get("sector").as_deref().and_then(Sector::parse),
        box_title: ui.get("box"),
        group: ui.get("group"),
        source: ui.get("src").and_then(|s| ProjectSource::parse(&s)),
        has_investment: ui.get("inv").as_deref() == Some("1"),
        min_yi: num("min"),
        max_yi: num("max"),
        place: ui.get("place"),
        query: ui.get("pq").unwrap_or_default(),
    }
}

pub fn sector_label(s: Sector, lang: Lang) -> String {
    if lang == Lang::Zh {
        s.zh().to_string()
    } else {
        s.as_str().replace('_', " ")
    }
}

fn yi(yuan: u64) -> String {
    let v = yuan as f64 / 1e8;
    if v >= 100.0 {
        crate::num::fixed(v, 0)
    } else {
        crate::num::fixed(v, 2)
    }
}

/// What one project row shows, as text: a row slot writes only what differs from its last row.
#[derive(PartialEq)]
struct RowText {
    locality_id: String,
    project: usize,
    open: bool,
    locality: String,
    name: String,
    sector: String,
    box_title: String,
    investment: String,
    places: String,
}

impl RowText {
    /// `open` is the `proj` parameter: the project whose details are shown, as `locality:index`.
    fn of(data: &crate::state::Data, r: ProjectRef, lang: Lang, open: &str) -> Self {
        let l = &data.core.localities[r.loc];
        let p = &l.projects[r.project];
        RowText {
            locality_id: l.id.clone(),
            project: r.project,
            open: open.split_once(':').is_some_and(|(id, i)| l.id == id && i.parse() == Ok(r.project)),
            locality: if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() },
            name: p.name.clone(),
            sector: sector_label(p.sector, lang),
            box_title: p.box_title.clone(),
            investment: p.investment_raw.clone().unwrap_or_default(),
            places: p.places.join("、"),
        }
    }

    /// Writes this row into a slot's `cells` where it differs from `was`, what the slot shows
    /// now.
    fn write(&self, tr: &web_sys::Element, was: Option<&RowText>) {
        use super::paging::{write_attr, write_text};
        let cells = tr.children();
        let cell = |k: u32| cells.item(k);
        let before = |f: fn(&RowText) -> &str| was.map(f);
        write_attr(Some(tr), "data-locality", &self.locality_id, before(|t| &t.locality_id));
        if was.is_none_or(|w| w.project != self.project) {
            tr.set_attribute("data-project", &self.project.to_string()).ok();
        }
        let button = cell(1).and_then(|th| th.first_element_child());
        if was.is_none_or(|w| w.open != self.open) {
            tr.class_list().toggle_with_force("open", self.open).ok();
            write_attr(button.as_ref(), "aria-expanded", if self.open { "true" } else { "false" }, None);
        }
        write_text(cell(0).as_ref(), &self.locality, before(|t| &t.locality));
        write_text(button.as_ref(), &self.name, before(|t| &t.name));
        write_text(cell(2).as_ref(), &self.sector, before(|t| &t.sector));
        write_text(cell(3).as_ref(), &self.box_title, before(|t| &t.box_title));
        write_text(cell(4).as_ref(), &self.investment, before(|t| &t.investment));
        write_text(cell(5).as_ref(), &self.places, before(|t| &t.places));
    }
}

/// Builds a project row's empty cells, in the order `RowText::write` fills them.
fn cells(tr: &web_sys::Element) {
    use super::paging::append;
    append(tr, "td", "");
    let th = append(tr, "th", "");
    th.set_attribute("scope", "row").ok();
    append(&th, "button", "project").set_attribute("aria-expanded", "false").ok();
    for class in ["", "box", "num", ""] {
        append(tr, "td", class);
    }
}

/// One click handler for the table: a project's name opens or closes its details.
fn row_click(ev: leptos::ev::MouseEvent) {
    let Some((_, row)) = super::paging::clicked_row(&ev, "button.project") else { return };
    let (Some(loc), Some(project)) = (row.get_attribute("data-locality"), row.get_attribute("data-project")) else {
        return;
    };
    let key = format!("{loc}:{project}");
    ui().params.update(|p| {
        let open = p.get("proj") == Some(key.as_str());
        p.set("proj", if open { String::new() } else { key });
    });
}

#[component]
pub fn Projects() -> impl IntoView {
    let data = data();
    let ui = ui();
    let found = {
        let data = data.clone();
        Memo::new(move |_| data.index().filter_projects(&data.core, &filter_from_url()))
    };
    let filters = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let all = lang.t("全部", "All").to_string();
            let sectors = std::iter::once((String::new(), all.clone()))
                .chain(Sector::ALL.into_iter().map(|s| (s.as_str().to_string(), sector_label(s, lang))))
                .collect();
            let selected = ui.localities();
            let boxes: Vec<(String, String)> = std::iter::once((String::new(), all.clone()))
                .chain(
                    data.index()
                        .boxes
                        .iter()
                        .filter(|b| {
                            data.core.localities.iter().any(|l| {
                                (selected.is_empty() || selected.contains(&l.id))
                                    && l.projects.iter().any(|p| &p.box_title == *b)
                            })
                        })
                        .map(|b| (b.clone(), b.clone())),
                )
                .collect();
            // Groups of the box chosen, or of every box, in the selected localities.
            let chosen_box = ui.get("box");
            let mut groups: Vec<String> = data
                .core
                .localities
                .iter()
                .filter(|l| selected.is_empty() || selected.contains(&l.id))
                .flat_map(|l| &l.projects)
                .filter(|p| chosen_box.as_ref().is_none_or(|b| &p.box_title == b))
                .filter_map(|p| p.group.clone())
                .collect();
            crate::sort::sort(&mut groups);
            groups.dedup();
            let groups = std::iter::once((String::new(), all.clone()))
                .chain(groups.into_iter().map(|g| (g.clone(), g)))
                .collect();
            let sources = vec![
                (String::new(), all.clone()),
                ("box".to_string(), lang.t("专栏", "Boxes").to_string()),
                ("text".to_string(), lang.t("正文", "Running text").to_string()),
            ];
            let places = std::iter::once((String::new(), all.clone()))
                .chain(data.index().places.iter().map(|p| (p.clone(), p.clone())))
                .collect();
            let checked = move || ui.get("inv").as_deref() == Some("1");
            view! {
                <div class="filters">
                    {param_select("sector", lang.t("领域", "Sector").into(), sectors)}
                    {param_select("src", lang.t("出处", "Source").into(), sources)}
                    {param_select("box", lang.t("专栏", "Box").into(), boxes)}
                    {param_select("group", lang.t("分组", "Group").into(), groups)}
                    {param_select("place", lang.t("地点", "Place").into(), places)}
                    <label class="filter check" for="filter-inv">
                        <span>{lang.t("有投资额", "Has investment")}</span>
                        <input id="filter-inv" type="checkbox" prop:checked=checked on:change=move |ev| ui.set("inv", if event_target_checked(&ev) { "1" } else { "" }) />
                    </label>
                    {param_input("min", lang.t("投资≥（亿元）", "Investment ≥ (100M yuan)").into(), "0".into())}
                    {param_input("max", lang.t("投资≤（亿元）", "Investment ≤ (100M yuan)").into(), "".into())}
                    {param_input("pq", lang.t("关键词", "Keyword").into(), lang.t("如：水库", "e.g. reservoir").into())}
                </div>
            }
        }
    };
    let totals = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let list = found.get();
            let invested: Vec<u64> =
                list.iter().filter_map(|r| data.core.localities[r.loc].projects[r.project].investment_yuan).collect();
            view! {
                <p class="count" role="status">
                    <span class="n">{list.len()}</span>{lang.t(" 个项目", " projects")}
                    {lang.t("；其中列明投资 ", "; investment printed for ")}<span class="n-invested">{invested.len()}</span>
                    {lang.t(" 个，合计 ", ", totalling ")}<span class="sum">{yi(invested.iter().sum())}</span>{lang.t(" 亿元", " × 100M yuan")}
                </p>
            }
        }
    };
    let by_sector = {
        let data = data.clone();
        Memo::new(move |_| {
            let lang = ui.lang();
            let list = found.get();
            Sector::ALL
                .into_iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    let n = list.iter().filter(|r| data.core.localities[r.loc].projects[r.project].sector == s).count();
                    (n > 0).then(|| bars::Bar {
                        label: sector_label(s, lang),
                        value: n as f64,
                        base: None,
                        color: palette::series(i),
                        raw: n.to_string(),
                        bound: false,
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    let by_locality = {
        let data = data.clone();
        Memo::new(move |_| {
            let lang = ui.lang();
            let list = found.get();
            data.core
                .localities
                .iter()
                .enumerate()
                .filter_map(|(li, l)| {
                    let sum: u64 =
                        list.iter().filter(|r| r.loc == li).filter_map(|r| l.projects[r.project].investment_yuan).sum();
                    (sum > 0).then(|| bars::Bar {
                        label: if lang == Lang::Zh { l.name.clone() } else { l.name_en.clone() },
                        value: sum as f64 / 1e8,
                        base: None,
                        color: palette::series(li),
                        raw: format!("{} {}", yi(sum), lang.t("亿元", "×100M")),
                        bound: false,
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    let sector_label_sig = Signal::derive(move || {
        by_sector.with(|b| b.iter().map(|x| format!("{} {}", x.label, x.raw)).collect::<Vec<_>>().join("; "))
    });
    let invest_label_sig = Signal::derive(move || {
        by_locality.with(|b| b.iter().map(|x| format!("{} {}", x.label, x.raw)).collect::<Vec<_>>().join("; "))
    });
    let draw_sectors = move |c: &web_sys::HtmlCanvasElement, r: f64| {
        let title = ui.lang().t("各领域项目数", "Projects by sector");
        by_sector.with(|b| bars::draw(c, r, title, b))
    };
    let draw_invest = move |c: &web_sys::HtmlCanvasElement, r: f64| {
        let title = ui.lang().t("列明的投资额（亿元），按地方", "Printed investment (100M yuan) by locality");
        by_locality.with(|b| bars::draw(c, r, title, b))
    };
    let (visible, more, show_all) = super::paging::paged(found);
    let open = ui.param("proj");
    let text = {
        let data = data.clone();
        move |r: &ProjectRef| open.with(|o| RowText::of(&data, *r, ui.lang(), o))
    };
    let detail = {
        let data = data.clone();
        move || {
            let lang = ui.lang();
            let key = ui.get("proj")?;
            let (id, idx) = key.split_once(':')?;
            let li = data.core.localities.iter().position(|l| l.id == id)?;
            let l = &data.core.localities[li];
            let p = l.projects.get(idx.parse::<usize>().ok()?)?;
            let mut scene = crate::views::map::scene_for(&data, l, None, None, lang);
            let points: Vec<(f64, f64)> = p
                .places
                .iter()
                .filter_map(|name| data.geo.as_ref()?.towns.iter().find(|t| &t.name == name).map(|t| (t.lon, t.lat)))
                .collect();
            scene.marks.push(map::Mark {
                kind: map::MarkKind::Sub,
                points,
                course: Vec::new(),
                label: p.name.clone(),
                color: palette::series(3),
                highlighted: true,
            });
            let (lid, line) = (l.id.clone(), p.line);
            let draw = move |c: &web_sys::HtmlCanvasElement, r: f64| map::draw(c, r, &scene, false).map(|_| ());
            let label = format!("{} — {}", p.name, p.places.join("、"));
            Some(view! {
                <section class="project-detail" aria-label=lang.t("项目详情", "Project details")>
                    <h2 class="detail-title">{p.name.clone()}</h2>
                    <p class="box">
                        {match p.source {
                            ProjectSource::Box => lang.t("专栏", "Box"),
                            ProjectSource::Text => lang.t("正文", "Running text"),
                        }}
                        "："{p.box_title.clone()}{p.item.clone().map(|i| format!(" · {i}"))}
                        {p.group.clone().map(|g| format!(" · {g}"))}
                    </p>
                    <p class="description">{p.description.clone()}</p>
                    <p>{lang.t("地点：", "Places: ")}{if p.places.is_empty() { "—".to_string() } else { p.places.join("、") }}
                        " "<button class="value" on:click=move |_| open_provenance(&lid, line)>{format!("{} #{line}", lang.t("原文", "source"))}</button></p>
                    <ChartCanvas label=label height=300.0 draw class="project-map" />
                </section>
            })
        }
    };
    let save_csv = {
        let data = data.clone();
        move |_| {
            let header = [
                "locality",
                "name",
                "box",
                "item",
                "group",
                "from",
                "sector",
                "investment_raw",
                "investment_yuan",
                "places",
                "description",
                "source",
            ];
            let out: Vec<Vec<String>> = found
                .get_untracked()
                .into_iter()
                .map(|r| {
                    let l = &data.core.localities[r.loc];
                    let p = &l.projects[r.project];
                    vec![
                        l.name.clone(),
                        p.name.clone(),
                        p.box_title.clone(),
                        p.item.clone().unwrap_or_default(),
                        p.group.clone().unwrap_or_default(),
                        p.source.as_str().into(),
                        p.sector.as_str().into(),
                        p.investment_raw.clone().unwrap_or_default(),
                        p.investment_yuan.map(|v| v.to_string()).unwrap_or_default(),
                        p.places.join("、"),
                        p.description.clone(),
                        format!("{}:{}", l.source, p.line),
                    ]
                })
                .collect();
            crate::export::download_csv("plan-atlas-projects.csv", &header, &out, &data.core.attribution);
        }
    };
    view! {
        {filters}
        <button class="csv" on:click=save_csv>{crate::state::tr("⤓ 下载CSV（当前筛选）", "⤓ CSV (filtered rows)")}</button>
        {totals}
        <div class="charts-2">
            {move || view! { <ChartCanvas label=sector_label_sig height=bars::height_for(by_sector.with(Vec::len)) draw=draw_sectors class="project-sectors" /> }}
            {move || {
                if by_locality.with(Vec::is_empty) {
                    // No empty chart: say why there is nothing to draw.
                    view! { <p class="chart-note no-investment" role="note">{ui.lang().t("这些项目均未列明投资额。", "None of these projects prints an investment.")}</p> }.into_any()
                } else {
                    view! { <ChartCanvas label=invest_label_sig height=bars::height_for(by_locality.with(Vec::len)) draw=draw_invest class="project-investment" /> }.into_any()
                }
            }}
        </div>
        {detail}
        {show_all}
        <div class="table-wrap">
            <table class="projects">
                <thead><tr>
                    <th scope="col">{crate::state::tr("地方", "Locality")}</th>
                    <th scope="col">{crate::state::tr("项目", "Project")}</th>
                    <th scope="col">{crate::state::tr("领域", "Sector")}</th>
                    <th scope="col">{crate::state::tr("专栏/章节", "Box / section")}</th>
                    <th scope="col">{crate::state::tr("投资", "Investment")}</th>
                    <th scope="col">{crate::state::tr("地点", "Places")}</th>
                </tr></thead>
                <tbody on:click=row_click use:row_slots=(visible, text, Row { cells, write: RowText::write })></tbody>
            </table>
        </div>
        {more}
    }
}
