//! The canvas every chart draws on: its buffer is the CSS size × `devicePixelRatio` (sharp on
//! HiDPI screens), it redraws when the data it reads changes and when it is resized, and it
//! carries a text alternative.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Resizes the canvas buffer to its CSS box × device pixel ratio; returns (width, height, ratio).
/// The CSS height is set through the CSSOM, which a strict `style-src` allows (a `style`
/// attribute it would block).
pub fn fit(canvas: &HtmlCanvasElement, css_height: f64) -> (u32, u32, f64) {
    web_sys::HtmlElement::style(canvas).set_property("height", &format!("{css_height}px")).ok();
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let css_width = canvas.client_width().max(280) as f64;
    let (w, h) = ((css_width * ratio).round() as u32, (css_height * ratio).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    (w, h, ratio)
}

/// A chart canvas. `draw` reads whatever signals it needs; it runs again when they change or the
/// canvas is resized. `label` is the chart's accessible description.
#[component]
pub fn ChartCanvas<F>(
    #[prop(into)] label: Signal<String>,
    height: f64,
    draw: F,
    #[prop(optional, into)] class: String,
    /// Leave out the PNG button (thumbnails).
    #[prop(optional)]
    no_png: bool,
) -> impl IntoView
where
    F: Fn(&HtmlCanvasElement, f64) -> Result<(), String> + 'static,
{
    let node = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let draw = std::rc::Rc::new(draw);
    let draw_png = draw.clone();
    let file = format!("plan-atlas-{}.png", class.split_whitespace().next().unwrap_or("chart"));
    let attribution =
        use_context::<std::sync::Arc<crate::state::Data>>().map(|d| d.core.attribution.join(" · ")).unwrap_or_default();
    let save_png = move |_| {
        let Some(canvas) = node.get_untracked() else { return };
        let title = label.get_untracked();
        let footer = format!("规划图鉴 Plan Atlas · {attribution}");
        if let Err(e) = crate::export::download_png(
            &file,
            canvas.client_width().max(280) as f64,
            height,
            &title,
            &footer,
            &*draw_png,
        ) {
            error.set(Some(e));
        }
    };
    Effect::new(move |_| {
        resized.get();
        let Some(canvas) = node.get() else { return };
        let (_, _, ratio) = fit(&canvas, height);
        let performance = web_sys::window().and_then(|w| w.performance());
        let started = performance.as_ref().map_or(0.0, |p| p.now());
        match draw(&canvas, ratio) {
            Ok(()) => {
                // Timing for `cargo xtask bench`: the last draw's duration, and the first chart.
                if let Some(p) = &performance {
                    canvas.set_attribute("data-draw-ms", &crate::num::fixed(p.now() - started, 3)).ok();
                    if p.get_entries_by_name("atlas-first-chart").length() == 0 {
                        p.mark("atlas-first-chart").ok();
                    }
                }
                canvas.set_attribute("data-drawn", "true").ok();
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    Effect::new(move |_| {
        let Some(canvas) = node.get() else { return };
        let on_resize = Closure::<dyn FnMut()>::new(move || resized.update(|n| *n = n.wrapping_add(1)));
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&canvas);
            on_cleanup(move || observer.disconnect());
        }
        on_resize.forget(); // lives as long as the page; one per chart mount
    });
    // One figure per chart: its save button, the canvas and any error stay together in one grid cell.
    view! {
        <figure class="chart-cell">
            {(!no_png).then(|| view! {
                <button class="png" on:click=save_png title="PNG" aria-label=move || format!("PNG: {}", label.get())>"⤓ PNG"</button>
            })}
            <canvas node_ref=node class=format!("chart {class}") role="img" aria-label=move || label.get()
                />
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </figure>
    }
}

/// What every chart starts from: the plotters area over the canvas, filled with the background,
/// and the (text, grid, background) colours of the current scheme.
pub type Area = plotters::drawing::DrawingArea<super::backend::Canvas, plotters::coord::Shift>;

pub fn area(
    canvas: &HtmlCanvasElement,
) -> Result<(Area, (plotters::style::RGBColor, plotters::style::RGBColor, plotters::style::RGBColor)), String> {
    use plotters::prelude::*;
    let backend = super::backend::Canvas::new(canvas).ok_or("no 2D canvas")?;
    let root = backend.into_drawing_area();
    let ink = super::palette::ink();
    root.fill(&ink.2).map_err(|e| e.to_string())?;
    Ok((root, ink))
}

/// `text` cut to fit `max_width` pixels in `style`, with an ellipsis when cut (labels on phones).
pub fn fit_text(area: &Area, text: &str, style: &plotters::style::TextStyle, max_width: i32) -> String {
    let width = |s: &str| area.estimate_text_size(s, style).map_or(0, |(w, _)| w as i32);
    if width(text) <= max_width {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut: String = chars.iter().collect::<String>() + "…";
        if width(&cut) <= max_width {
            return cut;
        }
    }
    String::new()
}
