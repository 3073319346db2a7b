//! Colours: the Okabe–Ito palette (safe for the common colour-vision deficiencies), and text and
//! grid colours that follow the page's light or dark scheme.

use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor, TextStyle};

pub const SERIES: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(240, 228, 66),  // yellow
];

pub fn series(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

pub fn css(c: RGBColor) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// Whether the page is in dark mode (`prefers-color-scheme: dark`).
pub fn dark() -> bool {
    let forced = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-theme"));
    if let Some(theme) = forced {
        return theme == "dark";
    }
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// (text, grid, background) of the light scheme: `--fg`, `--line`, `--bg` of the stylesheet,
/// which also maps them to the dark scheme's on the prerendered SVG maps.
pub const LIGHT: (RGBColor, RGBColor, RGBColor) =
    (RGBColor(27, 31, 36), RGBColor(208, 215, 222), RGBColor(255, 255, 255));
pub const DARK: (RGBColor, RGBColor, RGBColor) = (RGBColor(230, 237, 243), RGBColor(48, 54, 61), RGBColor(13, 17, 23));

/// (text, grid, background) for the current scheme.
pub fn ink() -> (RGBColor, RGBColor, RGBColor) {
    if dark() {
        DARK
    } else {
        LIGHT
    }
}

/// The charts' type: sans-serif, `size` pixels, in `color`. Named by its family rather than
/// `("sans-serif", size).into_font()`, whose name lookup lower-cases with Rust's Unicode case
/// tables (about 15 KB of the first download).
pub fn font(size: f64, color: &RGBColor) -> TextStyle<'static> {
    FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal).color(color)
}
