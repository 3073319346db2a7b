//! Numbers to and from text through the browser's own `Number`, so the wasm carries none of
//! Rust's float parsing and printing tables (about 20 KB brotli); likewise the cosine and lower case. Printed values are never made
//! here: they are shown as the plan printed them; these are for axis ticks, derived figures and
//! URL parameters. Natively (the plain-Rust unit tests) the same functions use Rust's own.

#[cfg(target_arch = "wasm32")]
use js_sys::Number;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsValue;

/// A finite number written plainly (`12`, `-3.5`, `1e3`); `None` for anything else, spaces included.
pub fn parse(s: &str) -> Option<f64> {
    if s.is_empty() || s.trim() != s {
        return None;
    }
    #[cfg(not(target_arch = "wasm32"))]
    let v: f64 = s.parse().ok()?;
    // `new Number(text)`: the JS conversion (`Number::from` would only cast the string).
    #[cfg(target_arch = "wasm32")]
    #[allow(deprecated)]
    let v = Number::new(&JsValue::from_str(s)).value_of();
    v.is_finite().then_some(v)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn fixed(v: f64, digits: u8) -> String {
    format!("{v:.*}", usize::from(digits))
}

#[cfg(not(target_arch = "wasm32"))]
pub fn shortest(v: f64) -> String {
    v.to_string()
}

/// `v` with exactly `digits` decimals (`toFixed`).
#[cfg(target_arch = "wasm32")]
pub fn fixed(v: f64, digits: u8) -> String {
    Number::from(v).to_fixed(digits).map(String::from).unwrap_or_default()
}

/// The shortest text that reads back as `v` (`String(v)`).
#[cfg(target_arch = "wasm32")]
pub fn shortest(v: f64) -> String {
    Number::from(v).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// The cosine (the map's projection), by the browser's `Math.cos` in the wasm.
pub fn cos(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Math::cos(x);
    #[cfg(not(target_arch = "wasm32"))]
    return x.cos();
}

/// Lower case for matching (`toLowerCase` in the wasm: Rust's keeps Unicode case tables).
pub fn lower(s: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(s).to_lower_case());
    #[cfg(not(target_arch = "wasm32"))]
    return s.to_lowercase();
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn parses_plain_numbers_only() {
        assert_eq!(parse("12"), Some(12.0));
        assert_eq!(parse("-3.5"), Some(-3.5));
        assert_eq!(parse(""), None);
        assert_eq!(parse(" 1"), None);
        assert_eq!(parse("12abc"), None);
        assert_eq!(parse("Infinity"), None);
    }

    #[test]
    fn prints_fixed_and_shortest() {
        assert_eq!(fixed(4000.0, 0), "4000");
        assert_eq!(fixed(2.345, 1), "2.3");
        assert_eq!(fixed(-0.04, 1), "-0.0");
        assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(shortest(7.0), "7");
    }

    #[test]
    fn lower_case_and_cosine() {
        assert_eq!(lower("Xiangtan 湘潭 GDP"), "xiangtan 湘潭 gdp");
        assert!((cos(0.0) - 1.0).abs() < 1e-12 && cos(std::f64::consts::PI).abs() - 1.0 < 1e-12);
    }
}
