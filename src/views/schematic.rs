//! The layout's structure as a schematic (示意图, not to scale): one row per element, grouped by
//! slogan part; elements that run through places (axes, belts, wings) as chains of labelled
//! nodes in printed order, the others as labelled boxes. It reads even where coordinates are
//! missing. Plain SVG with presentation attributes (no inline styles, for strict CSP).

use crate::charts::map::MarkKind;
use crate::charts::palette;
use crate::state::Lang;
use atlas_data::Layout;
use leptos::prelude::*;

const ROW: f64 = 52.0;
const LEFT: f64 = 120.0;
const WIDTH: f64 = 960.0;

/// The width of a 12 px label: CJK glyphs are square, Latin letters and digits about half as wide.
fn label_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 7.0 } else { 12.0 }).sum()
}

pub fn schematic(layout: &Layout, lang: Lang) -> impl IntoView {
    let rows = layout.elements.len().max(1);
    let height = 40.0 + ROW * rows as f64;
    let mut last_label = String::new();
    let items = layout
        .elements
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let y = 40.0 + ROW * k as f64 + ROW / 2.0;
            let color = palette::css(palette::series(k));
            let part = (e.label != last_label).then(|| {
                last_label = e.label.clone();
                view! { <text x="8" y=y + 5.0 class="part" font-weight="600">{e.label.clone()}</text> }
            });
            let kind = MarkKind::of_role(e.role);
            let chain = matches!(kind, MarkKind::Axis | MarkKind::Belt | MarkKind::Corridor | MarkKind::Wing) && e.places.len() >= 2;
            let body = if chain {
                let n = e.places.len();
                let x0 = LEFT + 170.0;
                let step = ((WIDTH - x0 - 40.0) / (n.max(2) - 1) as f64).min(110.0);
                // Labels wider than the gap between nodes alternate below and above the line.
                let crowded = e.places.iter().any(|p| label_width(&p.as_printed) > step - 4.0);
                let nodes = e
                    .places
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let x = x0 + step * i as f64;
                        let located = p.lon.is_some();
                        let label_y = if crowded && i % 2 == 1 { y - 11.0 } else { y + 20.0 };
                        view! {
                            <circle cx=x cy=y r="6" fill=if located { color.clone() } else { "none".to_string() } stroke=color.clone() stroke-width="2" />
                            <text x=x y=label_y text-anchor="middle" font-size="12">{p.as_printed.clone()}</text>
                        }
                    })
                    .collect_view();
                let end = x0 + step * (n - 1) as f64;
                view! {
                    <text x=LEFT y=y + 5.0 font-size="13">{e.name.clone()}</text>
                    <line x1=x0 y1=y x2=end y2=y stroke=color.clone() stroke-width=if kind == MarkKind::Belt { "10" } else { "3" } stroke-opacity=if kind == MarkKind::Belt { "0.4" } else { "1" } />
                    <polygon points=format!("{},{} {},{} {},{}", end + 14.0, y, end + 4.0, y - 6.0, end + 4.0, y + 6.0) fill=color.clone() />
                    {nodes}
                }
                .into_any()
            } else {
                let places: Vec<String> = e.places.iter().map(|p| p.as_printed.clone()).collect();
                let text = if places.is_empty() { e.name.clone() } else { format!("{}（{}）", e.name, places.join("、")) };
                let r = match kind {
                    MarkKind::Core => 12.0,
                    MarkKind::Sub => 9.0,
                    _ => 6.0,
                };
                view! {
                    <circle cx=LEFT + 10.0 cy=y r=r fill=color.clone() />
                    <text x=LEFT + 30.0 y=y + 5.0 font-size="13">{text}</text>
                }
                .into_any()
            };
            view! { <g class="schematic-element" data-element=k>{part}{body}</g> }
        })
        .collect_view();
    let title = format!("{} — {}", layout.slogan, lang.t("示意图（不按比例）", "schematic, not to scale"));
    view! {
        <figure class="schematic" tabindex="0">
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title preserveAspectRatio="xMinYMin meet">
                <text x="8" y="20" font-size="12" class="stamp">{lang.t("示意", "Schematic")}</text>
                {items}
            </svg>
        </figure>
    }
}
