//! Long tables render a screenful of rows at once and the rest a chunk per animation frame while
//! the end of the table is near the viewport. A keystroke in a filter then costs one screenful of
//! rows however many match, and a table of thousands of rows never builds what nobody scrolls to.
//! The line under the table says how many are shown; a button above it shows them all.
//!
//! The rows themselves live in slots (`row_slots`): `<tr>`s that a new result rewrites in place
//! instead of tearing down and building again.

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

/// How a table shows a row in a slot: `cells` builds a row's empty cells (once per slot), and
/// `write` writes a row's text `R` into them where it differs from the row shown before (none at
/// first).
pub struct Row<R> {
    pub cells: fn(&web_sys::Element),
    pub write: fn(&R, &web_sys::Element, Option<&R>),
}

impl<R> Clone for Row<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Row<R> {}

/// The directive of a table's `<tbody>`: keeps it showing `visible` in `<tr>` slots that are
/// reused rather than rebuilt. Slot `i` shows the `i`th visible row, whatever its identity, and a
/// slot past the end of a shorter result is hidden, not removed. A filter change then rewrites
/// only the cells that differ in the first screenful: no row is torn down (which costs the
/// browser a synchronous layout detach per row) or built anew once the table has been shown.
/// `text` gives what a row shows; reading signals in it (the language) redraws on their change.
///
/// One effect for the whole body, writing by hand: with erased view types a view rebuilt in place
/// rewrites every attribute, and reactive nodes per row or cell cost more to notify than the
/// writes they save.
pub fn row_slots<T, R, F>(tbody: web_sys::Element, (visible, text, row): (Memo<Vec<T>>, F, Row<R>))
where
    T: Send + Sync + 'static,
    R: PartialEq + 'static,
    F: Fn(&T) -> R + 'static,
{
    struct Slot<R> {
        tr: web_sys::Element,
        shows: Option<R>,
        hidden: bool,
    }
    let mut slots: Vec<Slot<R>> = Vec::new();
    let effect = RenderEffect::new(move |_| {
        visible.with(|items| {
            for (i, item) in items.iter().enumerate() {
                if i == slots.len() {
                    let tr = append(&tbody, "tr", "");
                    (row.cells)(&tr);
                    slots.push(Slot { tr, shows: None, hidden: false });
                }
                let slot = &mut slots[i];
                let new = text(item);
                if slot.shows.as_ref() != Some(&new) {
                    (row.write)(&new, &slot.tr, slot.shows.as_ref());
                    slot.shows = Some(new);
                }
                if slot.hidden {
                    slot.tr.remove_attribute("hidden").ok();
                    slot.hidden = false;
                }
            }
            // Hidden slots keep their row, so hiding one rewrites nothing.
            for slot in slots.iter_mut().skip(items.len()).filter(|s| !s.hidden) {
                slot.tr.set_attribute("hidden", "").ok();
                slot.hidden = true;
            }
        })
    });
    // Lives as long as the table.
    StoredValue::new_local(effect);
}

/// Sets `el`'s text to `new` unless `was` (what it shows) is already that.
pub fn write_text(el: Option<&web_sys::Element>, new: &str, was: Option<&str>) {
    if let Some(el) = el.filter(|_| was != Some(new)) {
        el.set_text_content(Some(new));
    }
}

/// Sets `el`'s attribute `name` to `new` unless `was` (its value now) is already that.
pub fn write_attr(el: Option<&web_sys::Element>, name: &str, new: &str, was: Option<&str>) {
    if let Some(el) = el.filter(|_| was != Some(new)) {
        el.set_attribute(name, new).ok();
    }
}

/// For a table's one click handler: the button matching `button` that a click landed in, and the
/// slot row holding it.
pub fn clicked_row(ev: &leptos::ev::MouseEvent, button: &str) -> Option<(web_sys::Element, web_sys::Element)> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let button = target.closest(button).ok()??;
    let row = button.closest("tr").ok()??;
    Some((button, row))
}

/// Appends an empty `<tag class=…>` to `parent` (for a slot's `cells`); `class` may be empty.
pub fn append(parent: &web_sys::Element, tag: &str, class: &str) -> web_sys::Element {
    let document = parent.owner_document().expect("an element belongs to a document");
    let el = document.create_element(tag).expect("a valid tag name");
    if !class.is_empty() {
        el.set_class_name(class);
    }
    parent.append_child(&el).ok();
    el
}
