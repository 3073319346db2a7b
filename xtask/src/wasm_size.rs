//! Where the widget's wasm bytes go: the release wasm through wasm-bindgen and `wasm-opt -Oz` as
//! Trunk builds it, but with function names kept (`-g`) so `twiggy` can name every item. Written
//! to BENCHMARKS.md as the top 15 items and the top 15 crates, beside the figures recorded before
//! the size work (kept from the previous report).

use crate::{project_root, run_cmd, tools};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::process::Command;

pub const TWIGGY_VERSION: &str = "0.8.0";
const BEGIN: &str = "<!-- wasm-before:begin -->";
const END: &str = "<!-- wasm-before:end -->";

struct Item {
    name: String,
    bytes: u64,
}

/// twiggy's items of the optimised wasm, without the name section it reads them from.
fn items() -> Result<(Vec<Item>, u64)> {
    let twiggy = tools::ensure_twiggy()?;
    let opt = tools::ensure_wasm_opt()?;
    let root = project_root();
    let dir = root.join("target/bench/wasm-names");
    std::fs::create_dir_all(&dir)?;
    // Trunk has just built (and split) this release wasm; cargo, linking as Trunk did, only
    // confirms it is fresh. Its main module is what a first visit loads.
    run_cmd(crate::split::link_with_split(Command::new("cargo").args([
        "build",
        "--quiet",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "plan-atlas",
    ]))?)?;
    run_cmd(
        Command::new("wasm-bindgen")
            .env("PATH", tools::path_with(&[]))
            .args(["--target", "web", "--out-dir"])
            .arg(&dir)
            .arg(root.join("target/wasm32-unknown-unknown/release/plan-atlas.wasm")),
    )?;
    let named = dir.join("named.wasm");
    run_cmd(
        Command::new(opt.join("wasm-opt"))
            .args(["-Oz", "-g", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext"])
            .arg(dir.join("plan-atlas_bg.wasm"))
            .arg("-o")
            .arg(&named),
    )?;
    let out =
        Command::new(twiggy).args(["top", "-n", "1000000", "-f", "csv"]).arg(&named).output().context("twiggy")?;
    anyhow::ensure!(out.status.success(), "twiggy failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut items = Vec::new();
    for line in text.lines().skip(1) {
        // Name,ShallowSize,… — the name may hold commas, so split from the right.
        let mut fields = line.rsplitn(5, ',');
        let (_, _, _, bytes, name) = (fields.next(), fields.next(), fields.next(), fields.next(), fields.next());
        let (Some(bytes), Some(name)) = (bytes.and_then(|b| b.parse().ok()), name) else { continue };
        // CSV quoting: the field is in quotes and its own quotes are doubled.
        let name = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')).unwrap_or(name).replace("\"\"", "\"");
        if name.contains("\"function names\" subsection") || name.starts_with("Σ") {
            continue;
        }
        items.push(Item { name, bytes });
    }
    let total = items.iter().map(|i| i.bytes).sum();
    Ok((items, total))
}

/// The crate an item's code comes from: `<T as tachys::…>::f` → `tachys`, `core::…` → `core`.
fn family(name: &str) -> String {
    if name.starts_with("data segment") {
        return "static data (strings, tables)".into();
    }
    let name = name.strip_prefix("<T as ").or_else(|| name.strip_prefix("<&T as ")).unwrap_or(name);
    let name = name.trim_start_matches('<');
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(name.len());
    match &name[..end] {
        "" => "other".into(),
        "code" | "elem" | "import" | "export" | "type" | "table" => "wasm structure (imports, table, types)".into(),
        krate => krate.into(),
    }
}

/// Drops rustc's hash suffix and crate disambiguators so a name reads as written.
fn readable(name: &str) -> String {
    let mut s = name.to_string();
    if let Some(i) = s.rfind("::h") {
        if s[i + 3..].len() == 16 && s[i + 3..].chars().all(|c| c.is_ascii_hexdigit()) {
            s.truncate(i);
        }
    }
    while let (Some(a), Some(b)) = (s.find('['), s.find(']')) {
        if b > a && s[a + 1..b].chars().all(|c| c.is_ascii_hexdigit()) {
            s.replace_range(a..=b, "");
        } else {
            break;
        }
    }
    let s = s.replace('|', "\\|");
    if s.chars().count() > 110 {
        format!("{}…", s.chars().take(110).collect::<String>())
    } else {
        s
    }
}

fn tables(items: &[Item], total: u64) -> String {
    let mut md = format!(
        "Code and data after `wasm-opt -Oz`: {total} bytes (the shipped file adds no names; its size is in the table above).\n\n\
| top 15 items | bytes | share |\n|---|---:|---:|\n"
    );
    let mut sorted: Vec<&Item> = items.iter().collect();
    sorted.sort_by_key(|i| std::cmp::Reverse(i.bytes));
    for i in sorted.iter().take(15) {
        md.push_str(&format!(
            "| `{}` | {} | {:.1} % |\n",
            readable(&i.name),
            i.bytes,
            100.0 * i.bytes as f64 / total as f64
        ));
    }
    let mut by_family: HashMap<String, u64> = HashMap::new();
    for i in items {
        *by_family.entry(family(&i.name)).or_default() += i.bytes;
    }
    let mut families: Vec<(String, u64)> = by_family.into_iter().collect();
    families.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    md.push_str("\n| top 15 crates | bytes | share |\n|---|---:|---:|\n");
    for (f, b) in families.iter().take(15) {
        md.push_str(&format!("| {f} | {b} | {:.1} % |\n", 100.0 * *b as f64 / total as f64));
    }
    md
}

/// The "before" tables recorded in the current BENCHMARKS.md, if any.
fn recorded_before() -> Option<String> {
    let text = std::fs::read_to_string(project_root().join("BENCHMARKS.md")).ok()?;
    let start = text.find(BEGIN)?;
    let end = text[start..].find(END)? + start + END.len();
    Some(text[start..end].to_string())
}

/// The Markdown section: the recorded "before" and this build's "after".
pub fn section() -> Result<String> {
    let (items, total) = items()?;
    let after = tables(&items, total);
    let before = recorded_before().unwrap_or_else(|| format!("{BEGIN}\n### Before\n\n{after}{END}"));
    Ok(format!(
        "## Where the wasm bytes go\n\n\
`twiggy top` on the release wasm (wasm-bindgen, then `wasm-opt -Oz -g` so items keep their names).\n\
\"Before\" is the build before the size work (commit 8aa016c), kept from earlier reports; \"now\" is this build.\n\
Pulled so far: CRC-32 from one 1 KB table instead of crc32fast's 16 KB (-16 KB brotli); number parsing and\n\
printing, the cosine and lower case through the browser (`src/num.rs`), so the float and case tables stay\n\
out (-15 KB); one shared copy of the sort (`src/sort.rs`; there were 154 sort functions, 79 KB) (-12 KB).\n\
Since then the paged tables, the dumbbell charts and the search index added about 11 KB. Then code splitting\n\
(`xtask/src/split.rs`): every view but the overview, and the data API's queries, moved into chunks fetched\n\
when first used (-105 KB brotli from the first download); then the code that reads a locality's shard and\n\
builds the filter tables, which the overview no longer needs (it reads cards), moved out too (-6 KB).\n\
The scripts beside it are minified with terser (-3 KB). \"Now\" is the main module, what a first visit loads.\n\n\
{before}\n\n### Now\n\n{after}"
    ))
}
