//! What a plan file becomes before it is read: text, with line numbers every value cites.
//!
//! A plan arrives as text converted from a PDF or Word file, or as a government web page saved
//! as `.html`/`.htm`, in whatever encoding it was written: UTF-8 (with or without a byte-order
//! mark), UTF-16 with a byte-order mark, or GB18030/GBK, which Chinese government files often are.
//! A web page is read in the charset it declares and reduced to its text ([`html`]): navigation,
//! scripts and styles left out, tables as tab-separated rows. The result is the plan's text as
//! the bundle stores it and `atlas text` prints it, so a line number means the same everywhere.

pub mod html;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Whether a file name says it is a web page.
pub fn is_html(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// The plan's text from a file's bytes: a web page reduced to its text, anything else decoded.
/// Line ends are LF and no byte-order mark is left.
pub fn plan_text(name: &str, bytes: &[u8]) -> Result<String, String> {
    let text = if is_html(name) { html::to_text(&decode_html(bytes)) } else { decode_text(bytes)? };
    Ok(crate::text::normalize_input(&text))
}

/// Text in UTF-8 or UTF-16 (told by a byte-order mark), else UTF-8 when it is valid, else GB18030
/// (a superset of GBK and GB2312). `Err` for bytes that are not text at all.
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    // Controls other than white space mean a binary file (a PDF, an office file, an image).
    let binary = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count() * 100 > text.chars().count();
    if had_errors || binary {
        return Err("the file is neither UTF-8, UTF-16 nor GB18030 text".into());
    }
    Ok(text.into_owned())
}

/// A web page's text in the charset it declares (`<meta charset="gbk">`, or `content="text/html;
/// charset=gb2312"`) within its first kilobytes; a byte-order mark wins, UTF-8 is the default.
pub fn decode_html(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    let encoding = declared_charset(bytes).unwrap_or(UTF_8);
    // A page that declares UTF-16 without a byte-order mark was written out as ASCII-compatible.
    let encoding = if encoding == UTF_16LE || encoding == UTF_16BE { UTF_8 } else { encoding };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// How far into a page its charset may be declared.
const CHARSET_WITHIN: usize = 4096;

fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(CHARSET_WITHIN)]).to_ascii_lowercase();
    let at = head.find("charset")?;
    let rest = head[at + "charset".len()..].trim_start().strip_prefix('=')?.trim_start();
    let label: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_".contains(*c))
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_text_is_decoded() {
        let (bytes, _, _) = GB18030.encode("某县国民经济和社会发展第十五个五年规划纲要\n");
        assert_eq!(plan_text("plan.txt", &bytes).unwrap(), "某县国民经济和社会发展第十五个五年规划纲要\n");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("纲要\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(plan_text("plan.txt", &bytes).unwrap(), "纲要\n");
    }

    #[test]
    fn utf8_bom_and_crlf_are_normalised() {
        assert_eq!(plan_text("p.txt", "\u{feff}一\r\n二".as_bytes()).unwrap(), "一\n二");
    }

    #[test]
    fn binary_bytes_are_refused() {
        let pdfish: Vec<u8> = (0u8..=255).cycle().take(4000).collect();
        assert!(plan_text("plan.txt", &pdfish).is_err());
    }

    #[test]
    fn a_page_is_read_in_the_charset_it_declares() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>规划纲要</p></body></html>";
        let (bytes, _, _) = GB18030.encode(page);
        assert_eq!(plan_text("p.htm", &bytes).unwrap().trim(), "规划纲要");
        let page = "<meta charset='GBK'><p>第十五个五年规划</p>";
        let (bytes, _, _) = GB18030.encode(page);
        assert_eq!(plan_text("p.HTML", &bytes).unwrap().trim(), "第十五个五年规划");
    }
}
