//! The Embed button and its dialog: a copy-ready snippet for the current view (an iframe and the
//! host script). The dialog is drawn by the chunk of occasional panels (`lazy::extra`).

use super::lazy::{extra, Extra};
use crate::state::{tr, ui};
use leptos::prelude::*;

#[component]
pub fn EmbedButton() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button class="embed" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            {tr("嵌入", "Embed")}
        </button>
        {move || open.get().then(|| extra(Extra::Embed(open)))}
    }
}

/// The snippet that embeds the view on screen, for a page at `origin` + `path`.
fn snippet(origin: &str, path: &str, mut params: crate::url::Params) -> String {
    let base = path.rsplit_once('/').map_or("", |(b, _)| b);
    params.set("id", "atlas");
    let query = params.to_query().replace('&', "&amp;");
    format!(
        "<iframe src=\"{origin}{path}{query}\" title=\"规划图鉴 Plan Atlas\" loading=\"lazy\" width=\"100%\" height=\"640\" frameborder=\"0\"></iframe>\n<script src=\"{origin}{base}/embed.js\" async></script>"
    )
}

#[component]
pub fn EmbedDialog(open: RwSignal<bool>) -> impl IntoView {
    let ui = ui();
    let code = move || {
        let location = web_sys::window().map(|w| w.location());
        let origin = location.as_ref().and_then(|l| l.origin().ok()).unwrap_or_default();
        let path = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_else(|| "/".into());
        snippet(&origin, &path, ui.params.get())
    };
    let copy = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&code());
        }
    };
    view! {
        <div class="embed-dialog" role="dialog" aria-label=tr("嵌入代码", "Embed code")>
            <p>{tr("把下面的代码粘贴到网页中：iframe 按内容自动调整高度（需 embed.js），没有脚本时使用默认高度。", "Paste this into your page. With embed.js the iframe fits its content; without it, it keeps its default height.")}</p>
            <textarea id="embed-snippet" readonly rows="4" prop:value=code></textarea>
            <button class="copy" on:click=copy>{tr("复制", "Copy")}</button>
            <button class="close" on:click=move |_| open.set(false)>{tr("关闭", "Close")}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn snippet_points_at_this_page_and_its_host_script() {
        let (params, _) = crate::url::Params::parse("?view=growth&loc=430321,430381");
        let s = snippet("https://example.org", "/atlas/index.html", params);
        assert!(s.starts_with("<iframe src=\"https://example.org/atlas/index.html?"), "{s}");
        assert!(s.contains("view=growth") && s.contains("id=atlas") && s.contains("&amp;"), "{s}");
        assert!(s.ends_with("<script src=\"https://example.org/atlas/embed.js\" async></script>"), "{s}");
    }
}
