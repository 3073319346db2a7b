//! Downloads: CSV of a table (UTF-8 with a BOM so that Excel reads Chinese, and a source line)
//! and PNG of a chart (drawn again at 2× with its title and attribution).

use wasm_bindgen::{JsCast, JsValue};

/// One CSV field, quoted when it needs to be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV document: BOM, header, rows, then a blank line and the source line.
pub fn csv(header: &[&str], rows: &[Vec<String>], source: &str) -> String {
    let mut out = String::from('\u{feff}');
    out.push_str(&header.iter().map(|h| field(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.push_str(&field(source));
    out.push_str("\r\n");
    out
}

/// Saves `bytes` as `filename`.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
        let _ = save(&blob, filename);
    }
}

/// Saves `blob` as `filename` through a temporary link.
fn save(blob: &web_sys::Blob, filename: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_class_name("visually-hidden");
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Saves a table as CSV, with the attribution as its last line.
pub fn download_csv(filename: &str, header: &[&str], rows: &[Vec<String>], attribution: &[String]) {
    let source = format!("来源 Source: 规划图鉴 Plan Atlas · {}", attribution.join(" · "));
    download_text(filename, "text/csv;charset=utf-8", &csv(header, rows, &source));
}

pub fn download_text(filename: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        save(&blob, filename).ok();
    }
}

/// Draws a chart again into a detached canvas at 2× with a title above and the attribution
/// below, and saves it as PNG.
pub fn download_png(
    filename: &str,
    css_width: f64,
    css_height: f64,
    title: &str,
    footer: &str,
    draw: &dyn Fn(&web_sys::HtmlCanvasElement, f64) -> Result<(), String>,
) -> Result<(), String> {
    const SCALE: f64 = 2.0;
    const HEAD: f64 = 34.0;
    const FOOT: f64 = 30.0;
    let e = |e: JsValue| format!("{e:?}");
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let chart: web_sys::HtmlCanvasElement =
        document.create_element("canvas").map_err(e)?.dyn_into().map_err(|_| "canvas")?;
    chart.set_width((css_width * SCALE) as u32);
    chart.set_height((css_height * SCALE) as u32);
    draw(&chart, SCALE)?;
    let page: web_sys::HtmlCanvasElement =
        document.create_element("canvas").map_err(e)?.dyn_into().map_err(|_| "canvas")?;
    page.set_width((css_width * SCALE) as u32);
    page.set_height(((css_height + HEAD + FOOT) * SCALE) as u32);
    let ctx: web_sys::CanvasRenderingContext2d =
        page.get_context("2d").map_err(e)?.ok_or("no 2d")?.dyn_into().map_err(|_| "2d")?;
    let (ink, _, bg) = crate::charts::palette::ink();
    ctx.set_fill_style_str(&crate::charts::palette::css(bg));
    ctx.fill_rect(0.0, 0.0, page.width() as f64, page.height() as f64);
    ctx.draw_image_with_html_canvas_element(&chart, 0.0, HEAD * SCALE).map_err(e)?;
    ctx.set_fill_style_str(&crate::charts::palette::css(ink));
    ctx.set_font(&format!("bold {}px sans-serif", 16.0 * SCALE));
    ctx.fill_text(title, 10.0 * SCALE, 23.0 * SCALE).map_err(e)?;
    ctx.set_font(&format!("{}px sans-serif", 11.0 * SCALE));
    ctx.fill_text(footer, 10.0 * SCALE, (HEAD + css_height + 20.0) * SCALE).map_err(e)?;
    let url = page.to_data_url_with_type("image/png").map_err(e)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(e)?.dyn_into().map_err(|_| "a")?;
    a.set_href(&url);
    a.set_download(filename);
    document.body().ok_or("no body")?.append_child(&a).map_err(e)?;
    a.click();
    a.remove();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn csv_has_bom_quotes_and_source() {
        let s = csv(&["地方", "值"], &[vec!["湘潭县".into(), "≥95, 以上".into()]], "来源: corpus");
        assert!(s.starts_with('\u{feff}'));
        assert!(s.contains("湘潭县,\"≥95, 以上\"\r\n"));
        assert!(s.trim_end().ends_with("来源: corpus"));
    }
}
