//! Long tables render a screenful of rows at once and the rest a chunk per animation frame while
//! the end of the table is near the viewport. A keystroke in a filter then costs one screenful of
//! rows however many match, and a table of thousands of rows never builds what nobody scrolls to.
//! The line under the table says how many are shown; a button above it shows them all.

use crate::state::{tr, ui, Lang};
use leptos::html;
use leptos::prelude::*;

/// Rows built with the keystroke: what a phone shows above the fold under the filters, most of a
/// desktop's; the next frame adds the rest of the screen.
pub const FIRST: usize = 8;
/// Rows added per animation frame while the end of the table is near.
const CHUNK: usize = 24;
/// "Near": the end of the table less than this many viewport heights below the fold.
const AHEAD: f64 = 0.5;

/// The first rows of `rows` to render, the status line to place after the table and the "show
/// all" button to place before it. A new
/// `rows` value (another filter, another sort) starts again from one screenful.
pub fn paged<T>(rows: Memo<Vec<T>>) -> (Memo<Vec<T>>, impl IntoView, impl IntoView)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    // Counts changes of `rows`, so the number shown belongs to one result and resets with the next.
    let generation = Memo::new(move |prev: Option<&u64>| {
        rows.track();
        prev.map_or(0, |g| g + 1)
    });
    // A static page (print, screenshots) has no scrolling reader: it shows every row.
    let ui = ui();
    let first = if ui.params.with_untracked(|p| p.has("static")) { usize::MAX } else { FIRST };
    let page = RwSignal::new((0u64, first));
    // Rows shown of the current result: what was grown for it, or a first screenful.
    let shown_of = move |(g, n): (u64, usize), current: u64| if g == current { n } else { first };
    let limit = move || shown_of(page.get(), generation.get());
    let visible = Memo::new(move |_| {
        let n = limit();
        rows.with(|r| r[..n.min(r.len())].to_vec())
    });
    let total = move || rows.with(Vec::len);
    let sentinel = NodeRef::<html::P>::new();
    let grow = move |to: usize| {
        if let (Some(g), Some(len)) = (generation.try_get_untracked(), rows.try_with_untracked(Vec::len)) {
            let n = shown_of(page.get_untracked(), g);
            if n < len {
                page.set((g, to.max(n + CHUNK).min(len)));
            }
        }
    };
    let near_end = move || {
        let Some(p) = sentinel.try_get_untracked().flatten() else { return false };
        let height = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
        p.get_bounding_client_rect().top() < height * (1.0 + AHEAD)
    };
    let check = move || {
        if near_end() {
            grow(0);
        }
    };
    // After each render, look again one frame later: a chunk per frame until the end is far.
    Effect::new(move |_| {
        visible.track();
        request_animation_frame(check);
    });
    let scroll = window_event_listener(leptos::ev::scroll, move |_| check());
    on_cleanup(move || scroll.remove());
    let status = move || {
        let (shown, all) = (visible.with(Vec::len), total());
        match ui.lang() {
            Lang::Zh => format!("已显示 {shown} / {all} 行，向下滚动显示更多。"),
            Lang::En => format!("Showing {shown} of {all} rows; scroll for more."),
        }
    };
    let all_shown = move || visible.with(Vec::len) >= total();
    // The status line below the table is what the scroll check watches; "show all" sits above the
    // table, where rows added frame by frame never move it from under the pointer.
    let line = view! { <p class="more" node_ref=sentinel hidden=all_shown>{status}</p> };
    let show_all = view! {
        <button class="link show-all" hidden=all_shown on:click=move |_| grow(usize::MAX)>{tr("全部显示", "Show all")}</button>
    };
    (visible, line, show_all)
}
