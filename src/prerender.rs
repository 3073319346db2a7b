//! The first screen as HTML, written at build time (`cargo xtask build`) into `index.html` and
//! the offline file: the overview the app would draw first — header, locality chips, tabs and a
//! card per locality — so that a reader sees the plans before the wasm arrives, and with
//! JavaScript off. The cards' words come from `views::overview::card_text` and their maps from
//! `charts::map::paint` drawn on plotters' SVG backend, the same code the app runs on canvas.
//! The app then takes this DOM's place with the same layout (see `app::reveal`).
//!
//! Natively only: the widget's wasm never carries it.

use crate::charts::map;
use crate::state::{display_name, subtitle, Lang, View};
use crate::views::overview::{card_text, Fact};
use atlas_data::{Card, Parts, Printed};
use plotters::prelude::*;

/// The thumbnail's drawing size in pixels; the SVG scales to the card's width as the canvas does.
const THUMB: (u32, u32) = (300, 150);

/// Where a figure's source line is read without the app: `text/<id>.html#L<line>`, beside
/// `index.html`. `None` (the offline file) prints figures without links.
pub type TextLinks = Option<fn(&str, u32) -> String>;

pub fn text_page_path(id: &str) -> String {
    format!("text/{}.html", id.replace('@', "-"))
}

pub fn text_link(id: &str, line: u32) -> String {
    format!("{}#L{line}", text_page_path(id))
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The `<main>` element of the first screen, for the localities the overview shows first.
pub fn first_screen(parts: &Parts, links: TextLinks) -> String {
    let lang = Lang::Zh;
    let index = &parts.index;
    let shown = if index.localities.len() <= crate::state::ALL_AT_ONCE { index.localities.len() } else { 1 };
    let mut html = String::from("<main class=\"atlas\" id=\"first-screen\">\n");
    html.push_str(&format!(
        "<header class=\"shell-header\"><h1>{}<span class=\"subtitle\">{}</span></h1>{}</header>\n",
        lang.t("规划图鉴", "Plan Atlas"),
        escape(&subtitle(index, lang)),
        header_tools(lang)
    ));
    html.push_str(&chips(parts, lang));
    html.push_str(&tabs(lang));
    // No ids: the app's own shell, laid out beneath this one until it takes over, carries them.
    html.push_str("<section class=\"view\" role=\"tabpanel\">\n");
    for i in 0..shown {
        let card = Card::of(&parts.shards[i]);
        html.push_str(&card_html(parts, i, &card, lang, links));
    }
    html.push_str("</section>\n");
    html.push_str(SKELETON);
    html.push_str(&format!("<footer class=\"attribution\">{}", escape(&index.attribution.join(" · "))));
    if links.is_some() {
        html.push_str(&format!(
            "<nav class=\"text-links\" aria-label=\"{}\">{}",
            lang.t("规划原文", "Plan texts"),
            lang.t("规划原文：", "Plan texts: ")
        ));
        for (i, s) in index.localities.iter().enumerate() {
            let name = escape(&display_name(index, i, lang));
            html.push_str(&format!("<a href=\"{}\">{name}</a> ", text_page_path(&s.id)));
        }
        html.push_str("</nav>");
    }
    html.push_str("</footer>\n</main>\n");
    html
}

/// The header's tools as the app draws them; they work once the app has taken over, and the
/// stylesheet keeps their place but hides them without JavaScript.
fn header_tools(lang: Lang) -> String {
    format!(
        "<div class=\"header-tools\"><button class=\"present\">{}</button><button class=\"embed\" \
         aria-expanded=\"false\">{}</button><label class=\"open-bundle add-plan\"><span>{}</span></label><label \
         class=\"open-bundle\"><span>{}</span></label><button class=\"lang\">{}</button></div>",
        lang.t("演示", "Present"),
        lang.t("嵌入", "Embed"),
        lang.t("添加规划", "Add a plan"),
        lang.t("打开数据包", "Open bundle"),
        lang.t("English", "中文"),
    )
}

fn chips(parts: &Parts, lang: Lang) -> String {
    let index = &parts.index;
    let mut html =
        format!("<div class=\"chips\" role=\"group\" aria-label=\"{}\">", lang.t("地方 Localities", "Localities"));
    if index.localities.len() <= crate::state::ALL_AT_ONCE {
        for (i, s) in index.localities.iter().enumerate() {
            html.push_str(&format!(
                "<button class=\"chip\" data-locality=\"{}\" aria-pressed=\"true\">{}</button>",
                escape(&s.id),
                escape(&display_name(index, i, lang))
            ));
        }
    }
    html.push_str("</div>\n");
    html
}

fn tabs(lang: Lang) -> String {
    let mut html = String::from("<nav class=\"tabs\" role=\"tablist\">");
    for v in View::ALL {
        let selected = v == View::Overview;
        html.push_str(&format!(
            "<button role=\"tab\" data-view=\"{0}\" aria-selected=\"{selected}\" tabindex=\"{1}\">{2}</button>",
            v.slug(),
            if selected { 0 } else { -1 },
            v.label(lang)
        ));
    }
    html.push_str("</nav>\n");
    html
}

fn card_html(parts: &Parts, i: usize, card: &Card, lang: Lang, links: TextLinks) -> String {
    let index = &parts.index;
    let s = &index.localities[i];
    let parent = index.parents.get(s.parent as usize).cloned().unwrap_or_default();
    let text = card_text(display_name(index, i, lang), s, &parent, card, lang);
    let mut html = format!(
        "<article class=\"card\" data-locality=\"{}\"><h2>{}<span class=\"level\">{}</span></h2><p \
         class=\"plan-title\">{}</p><dl>",
        escape(&s.id),
        escape(&text.name),
        escape(&text.level),
        escape(&text.title)
    );
    for (class, term, fact) in &text.rows {
        let value = match fact {
            Fact::Text(t) => escape(t),
            Fact::Printed(Some(Printed { raw, line })) => {
                let at = lang.pick(format!("原文第 {line} 行"), format!("line {line} of the plan"));
                match links {
                    Some(link) => format!(
                        "<a class=\"value\" href=\"{}\" title=\"{at}\">{}</a>",
                        escape(&link(&s.id, *line)),
                        escape(raw)
                    ),
                    None => format!("<span class=\"value\" title=\"{at}\">{}</span>", escape(raw)),
                }
            }
            Fact::Printed(None) => {
                format!("<span class=\"missing\" title=\"{}\">—</span>", lang.t("规划未列出", "not stated in the plan"))
            }
        };
        html.push_str(&format!("<dt>{}</dt><dd class=\"{class}\">{value}</dd>", escape(term)));
    }
    html.push_str(&format!(
        "</dl><a class=\"thumb\" href=\"?view=map&amp;mloc={}\" aria-label=\"{}\"><figure \
         class=\"chart-cell\">{}</figure></a></article>\n",
        escape(&s.id),
        lang.t("打开空间布局地图", "Open the spatial layout map"),
        thumbnail(&s.id, card, &text.thumb_label, lang)
    ));
    html
}

/// The card's small map as inline SVG, drawn by the app's own map code in the light scheme's
/// colours (the stylesheet gives them the dark scheme's). Attributes only, no `style`: the strict
/// Content-Security-Policy holds.
pub fn thumbnail(id: &str, card: &Card, label: &str, lang: Lang) -> String {
    let scene = crate::views::map::card_scene(id, card, lang);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, THUMB).into_drawing_area();
        let ink = crate::charts::palette::LIGHT;
        let drawn =
            root.fill(&ink.2).map_err(|e| e.to_string()).and_then(|_| map::paint(&root, ink, 1.0, &scene, true));
        if drawn.is_err() || root.present().is_err() {
            return String::new();
        }
    }
    let open = svg.find('>').map_or(0, |i| i + 1);
    format!(
        "<svg class=\"chart thumbnail\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {}\" \
         xmlns=\"http://www.w3.org/2000/svg\">{}",
        escape(label),
        THUMB.0,
        THUMB.1,
        svg[open..].trim()
    )
}

/// A frame of grey blocks, shown instead of the overview when the page opens on another view or
/// language (`boot.js` marks it), until the app draws that view.
const SKELETON: &str = "<div class=\"skeleton\" aria-hidden=\"true\"><div class=\"skeleton-bar\"></div><div \
                        class=\"skeleton-bar short\"></div><div class=\"skeleton-block\"></div></div>\n";

/// A plan's text as a page of numbered lines, each with its anchor (`#L12`), for readers without
/// the app: the figures of the first screen link to their lines here.
pub fn text_page(name: &str, title: &str, lines: &[&str]) -> String {
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\">\n<title>{} — 规划图鉴 Plan Atlas</title>\n</head>\n<body>\n<p><a \
         href=\"../index.html\">规划图鉴 Plan Atlas</a></p>\n<h1>{}</h1>\n<ol class=\"plan-text\">\n",
        escape(name),
        escape(title)
    );
    for (n, line) in lines.iter().enumerate() {
        html.push_str(&format!("<li id=\"L{}\">{}</li>\n", n + 1, escape(line)));
    }
    html.push_str("</ol>\n</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_markup_out() {
        assert_eq!(escape("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    }

    #[test]
    fn text_pages_number_every_line() {
        let page = text_page("某县", "某县规划", &["第一行", "<b>二</b>"]);
        assert!(page.contains("<li id=\"L1\">第一行</li>"));
        assert!(page.contains("<li id=\"L2\">&lt;b&gt;二&lt;/b&gt;</li>"));
        assert_eq!(text_link("430321@15", 7), "text/430321-15.html#L7");
    }
}
