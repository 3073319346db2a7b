//! `atlas build`'s output, written as plans finish compiling: a sharded site (an index and one
//! content-hashed file per locality, text, indicator column and the corpus outlines) and/or the
//! single-file bundle. Only the index and, for the single file, the encoded shards are kept in
//! memory; no plan text is held after its plan is compiled.

use crate::Prepared;
use atlas_data::codec::{self, FileKind, SectionKind};
use atlas_data::parts::{self, Builder};
use atlas_data::{Diagnostic, Locality, Shard};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Targets {
    /// A directory for the sharded site; its old bundle files are replaced.
    pub site: Option<PathBuf>,
    /// The single-file bundle.
    pub single: Option<PathBuf>,
}

/// What a build wrote.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub localities: usize,
    pub site_files: usize,
    pub index_bytes: usize,
    pub single_bytes: usize,
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Removes the bundle files an earlier build left in a site directory.
fn clear_site(site: &Path) -> Result<(), String> {
    for sub in ["loc", "card", "text", "keys"] {
        let dir = site.join(sub);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    if let Ok(entries) = std::fs::read_dir(site) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name == parts::INDEX_FILE || (name.starts_with("outlines.") && name.ends_with(".atlas")) {
                std::fs::remove_file(e.path()).map_err(|err| format!("{name}: {err}"))?;
            }
        }
    }
    Ok(())
}

/// Compiles every plan and writes the targets. `each` sees each locality as it is done.
pub fn build(prepared: &Prepared, targets: &Targets, mut each: impl FnMut(&Locality)) -> Result<Report, String> {
    if let Some(site) = &targets.site {
        clear_site(site)?;
    }
    let mut builder = Builder::new(
        prepared.indicator_keys.clone(),
        prepared.attribution.clone(),
        prepared.geo_attribution.clone(),
        prepared.tour.clone(),
    );
    let mut report = Report { diagnostics: prepared.diagnostics.clone(), ..Report::default() };
    let mut kept: Vec<(parts::Payloads, Vec<u8>)> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut failed: Option<String> = None;
    prepared.compile_each(|_, compiled| {
        report.diagnostics.extend(compiled.diagnostics.iter().cloned());
        let Some(locality) = compiled.locality else { return };
        each(&locality);
        let (counties, towns) = prepared.geography_of(&locality);
        let shard = Shard { locality, counties, towns, diagnostics: compiled.diagnostics };
        let payloads = builder.add(&shard, &compiled.text);
        ids.push(shard.locality.id.clone());
        if let (Some(site), Some(summary), None) = (&targets.site, builder.summaries().last(), &failed) {
            let files = [
                (
                    parts::shard_path(summary),
                    codec::write(FileKind::Locality, &[(SectionKind::Locality, 0, &payloads.shard)]),
                ),
                (parts::card_path(summary), codec::write(FileKind::Card, &[(SectionKind::Card, 0, &payloads.card)])),
                (parts::text_path(summary), codec::write(FileKind::Text, &[(SectionKind::Text, 0, &compiled.text)])),
            ];
            for (name, bytes) in files {
                if let Err(e) = write(&site.join(name), &bytes) {
                    failed = Some(e);
                }
                report.site_files += 1;
            }
        }
        if targets.single.is_some() {
            kept.push((payloads, compiled.text));
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    report.localities = ids.len();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let outlines = if ids.is_empty() { None } else { prepared.outlines_for(&id_refs) };
    let (index, columns) = builder.finish(outlines.as_ref(), &report.diagnostics);
    let index_payload = codec::to_postcard(&index);
    let column_payloads: Vec<Vec<u8>> = columns.iter().map(codec::to_postcard).collect();
    let outlines_payload = outlines.as_ref().map(codec::to_postcard);
    if let Some(site) = &targets.site {
        for ((key, file), payload) in index.indicator_keys.iter().zip(&index.key_files).zip(&column_payloads) {
            if file.localities > 0 {
                let bytes = codec::write(FileKind::Column, &[(SectionKind::Column, 0, payload)]);
                write(&site.join(parts::column_path(&key.key, file.hash)), &bytes)?;
                report.site_files += 1;
            }
        }
        if let (Some(payload), Some(hash)) = (&outlines_payload, index.outlines) {
            write(
                &site.join(parts::outlines_path(hash)),
                &codec::write(FileKind::Outlines, &[(SectionKind::Outlines, 0, payload)]),
            )?;
            report.site_files += 1;
        }
        let bytes = codec::write(FileKind::Index, &[(SectionKind::Index, 0, &index_payload)]);
        report.index_bytes = bytes.len();
        write(&site.join(parts::INDEX_FILE), &bytes)?;
        report.site_files += 1;
    }
    if let Some(single) = &targets.single {
        let mut sections: Vec<(SectionKind, u32, &[u8])> = vec![(SectionKind::Index, 0, &index_payload)];
        let at = |i: usize| i as u32;
        sections.extend(kept.iter().enumerate().map(|(i, (p, _))| (SectionKind::Locality, at(i), p.shard.as_slice())));
        sections.extend(kept.iter().enumerate().map(|(i, (_, text))| (SectionKind::Text, at(i), text.as_slice())));
        sections.extend(kept.iter().enumerate().map(|(i, (p, _))| (SectionKind::Card, at(i), p.card.as_slice())));
        for (i, (payload, file)) in column_payloads.iter().zip(&index.key_files).enumerate() {
            if file.localities > 0 {
                sections.push((SectionKind::Column, i as u32, payload));
            }
        }
        if let Some(payload) = &outlines_payload {
            sections.push((SectionKind::Outlines, 0, payload));
        }
        let bytes = codec::write(FileKind::Single, &sections);
        report.single_bytes = bytes.len();
        write(single, &bytes)?;
    }
    Ok(report)
}
