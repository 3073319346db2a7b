//! Finding a table in the text and turning its lines into rows of cells, whatever the encoding the
//! PDF conversion left:
//!
//! - **tab rows**: one row per line, cells separated by tabs;
//! - **tab cells**: one cell per line, each line starting with a tab, blank lines between rows
//!   (a line without the tab continues the cell above);
//! - **bare cells**: one cell per line, no tabs, blank lines everywhere; rows have to be told apart by
//!   what the cells are (see `segment.rs`);
//! - **spaced cells**: cells separated by spaces, a row wrapped over lines as the page's column
//!   widths cut it (text pasted from a PDF), read as a stream of cells like bare cells.
//!
//! Page-number lines (`— 12 —`) and a header repeated after a page break are left out.

#[derive(Debug, Clone, PartialEq)]
pub struct RawCell {
    /// The cell as printed, trimmed.
    pub text: String,
    /// 1-based line number in the source text.
    pub line: u32,
}

impl RawCell {
    pub fn new(text: impl Into<String>, line: u32) -> RawCell {
        RawCell { text: text.into(), line }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    TabRows,
    TabCells,
    BareCells,
    SpacedCells,
}

/// A page number printed between two pages of a table: `— 12 —`, `- 12 -`, `12`.
pub fn is_page_number(line: &str) -> bool {
    let t = line.trim().trim_matches(['—', '-', '–', ' ', '\u{3000}']);
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()) && line.trim() != t
}

/// The lines of a table: from the line after its anchor to the line before its end.
pub struct Region<'a> {
    pub lines: Vec<(u32, &'a str)>,
    pub encoding: Encoding,
}

/// Where a table ends: a note (备注/注/说明), an outline heading, or running prose.
fn ends_table(line: &str) -> bool {
    let t = line.trim();
    if t.contains('\t') {
        return false;
    }
    let note = ["备注", "注：", "注:", "说明：", "说明:"].iter().any(|p| t.starts_with(p));
    // A numbered heading (`三、提升国际经济中心地位`), longer than a category line and with no count.
    let numbered = t.split_once('、').is_some_and(|(n, rest)| {
        !n.is_empty()
            && n.chars().all(|c| "一二三四五六七八九十".contains(c))
            && rest.chars().count() > 10
            && !rest.contains('项')
    });
    let heading = crate::outline::parse_heading(t).is_some() || numbered;
    let prose = t.chars().count() > 40;
    note || heading || prose
}

/// The table whose anchor text first appears at or after line `from` (1-based).
pub fn find<'a>(lines: &[&'a str], anchor: &str, from: u32) -> Option<(u32, Region<'a>)> {
    let start = lines
        .iter()
        .enumerate()
        .skip(from.saturating_sub(1) as usize)
        .find(|(_, l)| l.contains(anchor))
        .map(|(i, _)| i)?;
    // The anchor may be the header line itself (a table with no caption).
    let first = if lines[start].contains('\t') { start } else { start + 1 };
    Some((start as u32 + 1, from_line(lines, first)))
}

/// The table whose first line (a header line, or the line after a caption) is `first` (0-based),
/// read until its end.
pub fn from_line<'a>(lines: &[&'a str], first: usize) -> Region<'a> {
    let mut body = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(first) {
        if ends_table(line) {
            break;
        }
        if is_page_number(line) {
            continue;
        }
        body.push((i as u32 + 1, *line));
    }
    let tabbed_rows = body.iter().filter(|(_, l)| l.trim_end().matches('\t').count() >= 2).count();
    let tab_led = body.iter().filter(|(_, l)| l.starts_with('\t')).count();
    let spaced_header = body.first().is_some_and(|(_, l)| super::detect::spaced_header_cells(l).is_some());
    let encoding = if tabbed_rows >= 3 {
        Encoding::TabRows
    } else if tab_led >= 3 {
        Encoding::TabCells
    } else if spaced_header {
        Encoding::SpacedCells
    } else {
        Encoding::BareCells
    };
    Region { lines: body, encoding }
}

impl Region<'_> {
    /// Rows of positional cells (for the two tab encodings). Empty cells are kept as empty text,
    /// because their position says which column the next cell is in.
    pub fn rows(&self) -> Vec<Vec<RawCell>> {
        match self.encoding {
            Encoding::TabRows => self
                .lines
                .iter()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|&(n, l)| l.split('\t').map(|c| RawCell { text: c.trim().to_string(), line: n }).collect())
                .collect(),
            Encoding::TabCells => {
                let mut rows: Vec<Vec<RawCell>> = Vec::new();
                let mut row: Vec<RawCell> = Vec::new();
                for &(n, l) in &self.lines {
                    // A lone tab is an empty cell; only a line with no tab separates rows.
                    if !l.contains('\t') && l.trim().is_empty() {
                        if !row.is_empty() {
                            rows.push(std::mem::take(&mut row));
                        }
                    } else if let Some(cell) = l.strip_prefix('\t') {
                        row.push(RawCell { text: cell.trim().to_string(), line: n });
                    } else {
                        // A wrapped cell. After a blank line it continues a row that so far has only
                        // its first cell (`经济` ␤ `发展`, `全员劳动生产率` ␤ `（万元）`).
                        if row.is_empty() && rows.last().is_some_and(|r| r.len() == 1) {
                            row = rows.pop().unwrap_or_default();
                        }
                        match row.last_mut() {
                            Some(c) => c.text = format!("{}{}", c.text, l.trim()),
                            None => row.push(RawCell { text: l.trim().to_string(), line: n }),
                        }
                    }
                }
                if !row.is_empty() {
                    rows.push(row);
                }
                rows
            }
            Encoding::BareCells | Encoding::SpacedCells => Vec::new(),
        }
    }

    /// The non-blank lines as a stream of cells (for the bare-cell encoding; split at spaces for
    /// the spaced one, where a header repeated after a page break is left out).
    pub fn cells(&self) -> Vec<RawCell> {
        let lines = self.lines.iter().filter(|(_, l)| !l.trim().is_empty());
        match self.encoding {
            Encoding::SpacedCells => lines
                .filter(|(_, l)| super::detect::spaced_header_cells(l).is_none())
                .flat_map(|&(n, l)| l.split_whitespace().map(move |c| RawCell::new(c, n)))
                .collect(),
            _ => lines.map(|&(n, l)| RawCell::new(l.trim(), n)).collect(),
        }
    }
}
