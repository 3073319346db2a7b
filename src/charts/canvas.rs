//! Sizing a canvas for the screen: the drawing buffer is the CSS size × `devicePixelRatio`, so
//! lines and Chinese labels stay sharp on HiDPI displays.

use web_sys::HtmlCanvasElement;

/// Resizes the canvas buffer to its CSS box × device pixel ratio; returns (width, height, ratio).
pub fn fit(canvas: &HtmlCanvasElement, css_height: f64) -> (u32, u32, f64) {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let css_width = canvas.client_width().max(280) as f64;
    let (w, h) = ((css_width * ratio).round() as u32, (css_height * ratio).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    (w, h, ratio)
}
