//! The first screen in the HTML: the overview the app draws first, written into `dist/index.html`
//! by the widget's own code (`plan_atlas::prerender`), and each plan's text as a page of numbered
//! lines (`dist/text/<id>.html`) that the figures link to, for readers without JavaScript.

use crate::corpus;
use anyhow::{anyhow, Context, Result};
use atlas_data::Parts;
use plan_atlas::prerender;
use std::path::Path;

/// Where the first screen goes in the page Trunk wrote: in place of its `<noscript>` notice,
/// which stays, reworded, above it.
const NOSCRIPT: &str = "<noscript>";

pub fn corpus_parts() -> Result<Parts> {
    let path = corpus::out_dir().join("plans.atlas");
    let bytes = std::fs::read(&path).with_context(|| format!("{}", path.display()))?;
    Parts::decode_single(&bytes).map_err(|e| anyhow!("{}: {e:?}", path.display()))
}

/// The notice for readers without JavaScript, above the prerendered overview.
pub fn noscript_note(links: bool) -> String {
    let (zh, en) = if links {
        ("；数字链接到规划原文", "; each figure links to its line in the plan")
    } else {
        ("", "")
    };
    format!(
        "<noscript><p class=\"noscript-note\">没有 JavaScript 时只显示概览{zh}。Without JavaScript only the overview is \
         shown{en}.</p></noscript>"
    )
}

pub fn run(dist: &Path) -> Result<()> {
    let parts = corpus_parts()?;
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)?;
    let start = html.find(NOSCRIPT).context("index.html has no <noscript> to put the first screen at")?;
    let end = html[start..].find("</noscript>").map(|e| start + e + "</noscript>".len()).context("</noscript>")?;
    let first = prerender::first_screen(&parts, Some(prerender::text_link));
    let html = format!("{}{}\n{first}{}", &html[..start], noscript_note(true), &html[end..]);
    std::fs::write(&index, html)?;
    for (i, summary) in parts.index.localities.iter().enumerate() {
        let deflated = parts.texts.get(i).context("a text per locality")?;
        let text = miniz_oxide::inflate::decompress_to_vec(deflated).map_err(|e| anyhow!("{}: {e:?}", summary.id))?;
        let text = String::from_utf8(text).with_context(|| summary.id.clone())?;
        let lines: Vec<&str> = text.lines().collect();
        let title = &parts.shards[i].locality.title;
        let path = dist.join(prerender::text_page_path(&summary.id));
        std::fs::create_dir_all(path.parent().context("text/")?)?;
        std::fs::write(&path, prerender::text_page(&summary.name, title, &lines))?;
    }
    Ok(())
}
