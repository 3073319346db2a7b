//! A web page reduced to the plan's text. Block elements and `<br>` end lines, and a text's own
//! line breaks are kept (pages that paste a converted text print it that way). Left out: scripts,
//! styles, forms, and navigation — `<nav>`, `<header>`, `<footer>`, `<aside>`, and elements whose
//! class or id names a menu, a breadcrumb trail, a share bar, a sidebar or a footer. A table of
//! several columns becomes one line per row with its cells separated by tabs, a `rowspan` or
//! `colspan` cell followed by blank cells where it spans, so that the table reader sees what the
//! page shows; a table of one column (a 专栏 box) is read as text.

use scraper::node::Node;
use scraper::{ElementRef, Html};

/// Elements whose content is never the plan's.
const SKIPPED: [&str; 15] = [
    "script", "style", "noscript", "template", "iframe", "object", "svg", "form", "select", "button", "nav", "header",
    "footer", "aside", "head",
];

/// Class or id words of page furniture.
const FURNITURE: [&str; 12] = [
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "footer",
    "share",
    "sidebar",
    "toolbar",
    "header",
    "banner",
    "search",
    "login",
];

const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "title",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "hr",
];

/// The page's text, one line per block.
pub fn to_text(page: &str) -> String {
    let doc = Html::parse_document(page);
    let mut out = Lines::default();
    // The document title, when the page has one, is its first line.
    if let Some(title) =
        doc.root_element().descendants().filter_map(ElementRef::wrap).find(|e| e.value().name() == "title")
    {
        out.text(&title.text().collect::<String>());
        out.end();
    }
    if let Some(body) = doc.root_element().children().filter_map(ElementRef::wrap).find(|e| e.value().name() == "body")
    {
        walk(body, &mut out);
    }
    out.finish()
}

#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
}

impl Lines {
    /// Text as it stands in the page: its own line breaks kept, other white space collapsed.
    fn text(&mut self, t: &str) {
        let mut parts = t.split('\n').enumerate().peekable();
        while let Some((k, part)) = parts.next() {
            let collapsed = part.split_whitespace().collect::<Vec<_>>().join(" ");
            if !collapsed.is_empty() {
                // Inline runs apart in the page (`<a>甲</a> 乙`) stay apart.
                if k == 0 && !self.current.is_empty() && part.starts_with(char::is_whitespace) {
                    self.current.push(' ');
                }
                self.current.push_str(&collapsed);
            }
            if parts.peek().is_some() {
                self.end();
            }
        }
    }

    fn end(&mut self) {
        let line = std::mem::take(&mut self.current);
        let line = line.trim();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
    }

    fn line(&mut self, l: String) {
        self.end();
        self.lines.push(l);
    }

    fn finish(mut self) -> String {
        self.end();
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }
}

fn is_furniture(e: &ElementRef) -> bool {
    let v = e.value();
    if SKIPPED.contains(&v.name()) {
        return true;
    }
    let words = format!("{} {}", v.attr("class").unwrap_or(""), v.attr("id").unwrap_or("")).to_ascii_lowercase();
    words.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| FURNITURE.contains(&w))
}

fn walk(e: ElementRef, out: &mut Lines) {
    if is_furniture(&e) {
        return;
    }
    let name = e.value().name();
    if name == "table" && columns(e) > 1 {
        out.end();
        for row in grid(e) {
            out.line(row.join("\t"));
        }
        return;
    }
    let block = BLOCKS.contains(&name);
    if block {
        out.end();
    }
    for child in e.children() {
        match child.value() {
            Node::Text(t) => out.text(t),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    walk(c, out);
                }
            }
            _ => {}
        }
    }
    if block {
        out.end();
    }
}

/// The rows of a table (its own, not a nested table's).
fn rows(table: ElementRef) -> Vec<ElementRef> {
    fn collect<'a>(e: ElementRef<'a>, out: &mut Vec<ElementRef<'a>>) {
        for c in e.children().filter_map(ElementRef::wrap) {
            match c.value().name() {
                "tr" => out.push(c),
                "table" => {}
                _ => collect(c, out),
            }
        }
    }
    let mut out = Vec::new();
    collect(table, &mut out);
    out
}

fn cells(row: ElementRef) -> impl Iterator<Item = ElementRef> {
    row.children().filter_map(ElementRef::wrap).filter(|c| matches!(c.value().name(), "td" | "th"))
}

fn span(cell: &ElementRef, attr: &str) -> usize {
    cell.value().attr(attr).and_then(|v| v.trim().parse().ok()).unwrap_or(1).clamp(1, 100)
}

/// The widest row, counting spans.
fn columns(table: ElementRef) -> usize {
    rows(table).iter().map(|r| cells(*r).map(|c| span(&c, "colspan")).sum::<usize>()).max().unwrap_or(0)
}

/// A cell's text on one line: its line breaks joined (`人/` ␤ `亿元`), white space collapsed.
fn cell_text(cell: ElementRef) -> String {
    let mut lines = Lines::default();
    for child in cell.children() {
        match child.value() {
            Node::Text(t) => lines.text(t),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    walk(c, &mut lines);
                }
            }
            _ => {}
        }
    }
    let joined = lines.finish();
    crate::text::tidy(&joined.lines().collect::<Vec<_>>().join(" "))
}

/// The table as a grid: a spanning cell's text in its first slot, blanks where it spans.
fn grid(table: ElementRef) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    // Slots taken by a rowspan from above: (row, column).
    let mut taken: std::collections::HashSet<(usize, usize)> = Default::default();
    for (r, row) in rows(table).into_iter().enumerate() {
        let mut line: Vec<String> = Vec::new();
        let mut col = 0;
        for cell in cells(row) {
            while taken.contains(&(r, col)) {
                line.push(String::new());
                col += 1;
            }
            let (cs, rs) = (span(&cell, "colspan"), span(&cell, "rowspan"));
            line.push(cell_text(cell));
            line.extend(std::iter::repeat_n(String::new(), cs - 1));
            for dr in 1..rs {
                for dc in 0..cs {
                    taken.insert((r + dr, col + dc));
                }
            }
            col += cs;
        }
        while taken.contains(&(r, col)) {
            line.push(String::new());
            col += 1;
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_scripts_and_styles_are_left_out() {
        let page = r#"<html><head><title>某市规划纲要</title><style>p{}</style></head><body>
            <div class="top-nav"><a href="/">首页</a><a>政务公开</a></div>
            <div class="breadcrumb">当前位置：首页 &gt; 规划</div>
            <script>var x = "不是正文";</script>
            <div class="content"><p>第一章 总体要求</p><p>正文一段。</p></div>
            <footer>版权所有</footer></body></html>"#;
        assert_eq!(to_text(page), "某市规划纲要\n第一章 总体要求\n正文一段。\n");
    }

    #[test]
    fn a_pasted_text_keeps_its_line_breaks() {
        let page = "<body><div class=\"html_content\">\n\n类别\n序号\n指标名称\n\n1\n地区生产总值<br>增长</div></body>";
        assert_eq!(to_text(page), "类别\n序号\n指标名称\n1\n地区生产总值\n增长\n");
    }

    #[test]
    fn a_table_becomes_tab_separated_rows_with_spans_kept_in_place() {
        let page = r#"<body><p>表1 主要指标</p><table>
            <tr><td rowspan="2">序号</td><td rowspan="2">指标</td><td colspan="2">“十五五”目标</td></tr>
            <tr><td>2030年</td><td>年均</td></tr>
            <tr><td>1</td><td>某指标<br>（PM<sub>2.5</sub>）</td><td>&gt; 52</td><td>—</td></tr>
            <tr><td rowspan="2">2</td><td>甲</td><td>3</td><td>4</td></tr>
            <tr><td>乙</td><td>5</td><td>6</td></tr>
            </table><p>注：……</p></body>"#;
        assert_eq!(
            to_text(page),
            "表1 主要指标\n序号\t指标\t“十五五”目标\t\n\t\t2030年\t年均\n1\t某指标（PM2.5）\t> 52\t—\n2\t甲\t3\t4\n\t乙\t5\t6\n注：……\n"
        );
    }

    #[test]
    fn a_one_column_table_is_a_box_read_as_text() {
        let page =
            "<body><table><tr><td><p><strong>专栏1 重大工程</strong></p><p>一、某某大桥。</p></td></tr></table></body>";
        assert_eq!(to_text(page), "专栏1 重大工程\n一、某某大桥。\n");
    }
}
