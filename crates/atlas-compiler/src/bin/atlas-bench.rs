//! `atlas-bench <corpus-dir> <out-dir> [--geo FILE] [--gazetteer FILE]`: native measurements for
//! `cargo xtask bench`. Writes the bundle's parts (`core.atlas`, `text.atlas`), the same structured
//! data as minified JSON (`core.json`), and `timings.json` (median compile and decode times).
//! Compression of these files is measured by xtask with the standard gzip, brotli and xz tools.

use anyhow::{Context, Result};
use atlas_compiler::{compile, Options};
use atlas_data::codec::{self, FileKind, SectionKind};
use atlas_data::Parts;
use std::path::PathBuf;
use std::time::Instant;

const COMPILE_RUNS: usize = 5;
const DECODE_RUNS: usize = 50;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("synth") {
        return synth(&args[1..]);
    }
    // `atlas-bench successor <plan.txt> <out.txt>`: the plan rewritten as its successor, for tests.
    if let [cmd, from, to] = args.as_slice() {
        if cmd == "successor" {
            let text = std::fs::read_to_string(from).with_context(|| format!("reading {from}"))?;
            return std::fs::write(to, atlas_compiler::synth::successor(&text))
                .with_context(|| format!("writing {to}"));
        }
    }
    let (Some(corpus), Some(out)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: atlas-bench <corpus-dir> <out-dir> [--geo FILE] [--gazetteer FILE]");
    };
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let options = Options {
        geo: flag("--geo"),
        gazetteer: flag("--gazetteer").into_iter().collect(),
        gazetteer_attribution: None,
        lines: flag("--lines"),
    };
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out)?;

    let mut compile_ms = Vec::new();
    let mut bundle = None;
    for _ in 0..COMPILE_RUNS {
        let t = Instant::now();
        bundle = Some(compile(corpus.as_ref(), &options).map_err(anyhow::Error::msg)?);
        compile_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let bundle = bundle.context("no compile run")?;
    // The structured part (index, shards, columns, outlines) apart from the texts.
    let mut parts = Parts::from_bundle(&bundle);
    let texts = std::mem::take(&mut parts.texts);
    let single = parts.encode_single();
    let text_sections: Vec<(SectionKind, u32, &[u8])> =
        texts.iter().enumerate().map(|(i, t)| (SectionKind::Text, i as u32, t.as_slice())).collect();
    let text = codec::write(FileKind::Text, &text_sections);
    let core = single;
    let mut decode_ms = Vec::new();
    for _ in 0..DECODE_RUNS {
        let t = Instant::now();
        let c = codec::read(&core)?;
        let index = atlas_data::parts::decode_index(&c)?;
        let shards: Vec<_> = (0..index.localities.len() as u32)
            .map(|i| atlas_data::parts::decode_shard(&c, i))
            .collect::<Result<_, _>>()?;
        decode_ms.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box((index, shards));
    }
    // The same structured data as JSON: the index, the shards, the columns and the outlines.
    let json = serde_json::to_vec(&serde_json::json!({
        "index": parts.index, "shards": parts.shards, "columns": parts.columns, "outlines": parts.outlines,
    }))?;
    std::fs::write(out.join("core.atlas"), &core)?;
    std::fs::write(out.join("text.atlas"), &text)?;
    std::fs::write(out.join("core.json"), &json)?;
    let raw_text: usize = bundle
        .texts
        .iter()
        .map(|t| miniz_oxide::inflate::decompress_to_vec(&t.deflated).map(|v| v.len()).unwrap_or(0))
        .sum();
    let timings = serde_json::json!({
        "compile_ms_median": median(compile_ms), "compile_runs": COMPILE_RUNS,
        "decode_ms_median": median(decode_ms), "decode_runs": DECODE_RUNS,
        "plain_text_bytes": raw_text,
    });
    std::fs::write(out.join("timings.json"), serde_json::to_vec_pretty(&timings)?)?;
    Ok(())
}

/// `atlas-bench synth <n> <out-dir> --geo FILE [--source corpus]`: a synthetic corpus of `n`
/// plans for real localities (see `atlas_compiler::synth`).
fn synth(args: &[String]) -> Result<()> {
    let (Some(n), Some(out)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: atlas-bench synth <n> <out-dir> --geo FILE [--source corpus]");
    };
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let geo = flag("--geo").context("synth needs --geo (the registry)")?;
    let source = flag("--source").unwrap_or_else(|| PathBuf::from("corpus"));
    let registry = atlas_compiler::registry::Registry::load(&geo).map_err(anyhow::Error::msg)?;
    let out = PathBuf::from(out);
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    let written = atlas_compiler::synth::write(&source, &registry, n.parse()?, &out).map_err(anyhow::Error::msg)?;
    eprintln!("wrote {written} synthetic plans to {}", out.display());
    Ok(())
}
