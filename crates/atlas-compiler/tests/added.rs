//! A plan added in the browser (`added::compile_file`: one file in memory, the registry a province
//! at a time) compiles to exactly what a native build of a corpus holding just that file makes,
//! for each seed plan and each real 十五五 outline (text and saved web page).

use atlas_compiler::added;
use atlas_compiler::corpus::PlanEntry;
use atlas_compiler::keys::Keys;
use atlas_compiler::registry::Registry;
use atlas_compiler::{compile, Options};
use atlas_data::registry::{decode_index, decode_part};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod common;
use common::{corpus_dir, geo, plans15, Scratch};

/// The registry as `cargo xtask build` writes it for the browser, by file name.
fn registry_files(geo: &Path) -> HashMap<String, Vec<u8>> {
    let registry = Registry::load(geo).unwrap();
    atlas_data::registry::encode(&registry.province_parts(), "test").into_iter().collect()
}

/// The dump of a native build of `added/<file>` alone, with the full registry.
fn native(file: &Path, geo: &Path) -> serde_json::Value {
    let scratch = Scratch::new("added");
    let dir = scratch.0.join(added::FOLDER);
    std::fs::create_dir_all(&dir).unwrap();
    let name = file.file_name().unwrap().to_str().unwrap();
    std::fs::copy(file, dir.join(name)).unwrap();
    std::fs::copy(corpus_dir().join("indicators.toml"), dir.join("indicators.toml")).unwrap();
    std::fs::write(dir.join("plans.toml"), format!("[[plan]]\nfile = \"{name}\"\n")).unwrap();
    let options = Options { geo: Some(geo.to_path_buf()), ..Options::default() };
    atlas_compiler::dump::to_json(&compile(&dir, &options).unwrap())
}

/// The dump of the file compiled as the browser does: the province part its text names, fetched
/// from the registry's files.
fn in_memory(file: &Path, files: &HashMap<String, Vec<u8>>) -> (serde_json::Value, Vec<String>) {
    let name = file.file_name().unwrap().to_str().unwrap();
    let bytes = std::fs::read(file).unwrap();
    let index = decode_index(&files[atlas_data::registry::REGISTRY_INDEX]).unwrap();
    let fetched: Vec<String> =
        added::province_to_fetch(name, &bytes, &index).map(atlas_data::registry::part_path).into_iter().collect();
    let parts = fetched.iter().map(|f| decode_part(&files[f]).unwrap()).collect();
    let registry = Registry::from_parts(&index, parts);
    let keys = Keys::parse(added::KEYS).unwrap();
    let added = added::compile_file(name, &bytes, PlanEntry::default(), keys, Some(registry)).unwrap();
    (atlas_compiler::dump::to_json(&added.bundle), fetched)
}

fn texts() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(corpus_dir().join("plans")).unwrap().map(|e| e.unwrap().path()).collect();
    if let Some(dir) = plans15() {
        for f in ["bj-15th.txt", "sh-15th.txt", "hz-15th.txt", "sh-15th.html", "hz-15th.html"] {
            files.push(dir.join(f));
        }
    }
    files.sort();
    files
}

#[test]
fn an_added_plan_compiles_as_the_native_build_does() {
    let Some(geo) = geo() else { return };
    let files = registry_files(&geo);
    for file in texts() {
        let (got, fetched) = in_memory(&file, &files);
        assert_eq!(fetched.len(), 1, "{}: one province part fetched", file.display());
        let want = native(&file, &geo);
        assert!(got["localities"].as_array().is_some_and(|l| l.len() == 1), "{}: one locality", file.display());
        assert_eq!(got, want, "{}", file.display());
    }
}

#[test]
fn files_that_are_not_plans_are_refused_with_their_reason() {
    let keys = || Keys::parse(added::KEYS).unwrap();
    let refused = |name: &str, bytes: &[u8]| {
        added::compile_file(name, bytes, PlanEntry::default(), keys(), None).err().unwrap_or_default()
    };
    assert!(refused("a.pdf", b"%PDF-1.7\n...").contains("PDF"));
    assert!(refused("a.docx", b"PK\x03\x04\x14\x00").contains("office"));
    assert!(refused("a.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1]).contains("office"));
    assert!(refused("a.png", b"\x89PNG\r\n\x1a\n").contains("image"));
    assert!(refused("a.txt", b"").contains("empty"));
    assert!(refused("big.txt", &vec![b'a'; added::MAX_BYTES + 1]).contains("20 MB"));
    assert!(refused("a.bin", &[0u8, 1, 2, 3, 0xff, 0xfe, 0x80, 0x81, 0, 0, 7, 8]).contains("neither"));
}

#[test]
fn added_plans_join_the_corpus_and_replace_its_plan_of_the_same_place_and_period() {
    let Some(geo) = geo() else { return };
    let files = registry_files(&geo);
    let corpus = compile(&corpus_dir(), &Options { geo: Some(geo.clone()), ..Options::default() }).unwrap();
    let added_of = |file: &Path| {
        let name = file.file_name().unwrap().to_str().unwrap();
        let bytes = std::fs::read(file).unwrap();
        let index = decode_index(&files[atlas_data::registry::REGISTRY_INDEX]).unwrap();
        let parts = added::province_to_fetch(name, &bytes, &index)
            .map(|p| decode_part(&files[&atlas_data::registry::part_path(p)]).unwrap())
            .into_iter()
            .collect();
        let registry = Registry::from_parts(&index, parts);
        added::compile_file(name, &bytes, PlanEntry::default(), Keys::parse(added::KEYS).unwrap(), Some(registry))
            .unwrap()
            .bundle
    };
    // The corpus's own plan of 湘潭县, added again under another name: it takes the old one's place.
    let seed = corpus_dir().join("plans/430321-xiangtan-county.txt");
    let again = added_of(&seed);
    let joined = corpus.join(std::slice::from_ref(&again));
    let ids = |b: &atlas_data::Bundle| b.core.localities.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    assert_eq!(joined.core.localities.len(), corpus.core.localities.len());
    assert_eq!(ids(&joined).last().map(String::as_str), Some("430321"));
    let source = &joined.core.localities.last().unwrap().source;
    assert_eq!(source, "added/430321-xiangtan-county.txt");
    assert!(joined.core.diagnostics.iter().all(|d| !d.file.ends_with("corpus/plans/430321-xiangtan-county.txt")));
    assert_eq!(joined.texts.iter().filter(|t| t.locality == "430321").count(), 1);
    // The joined corpus splits and reads back like any other.
    let parts = atlas_data::Parts::from_bundle(&joined);
    let read = atlas_data::Parts::decode_single(&parts.encode_single()).unwrap();
    assert_eq!(read.index.localities.len(), joined.core.localities.len());
    // A plan of another province brings its counties' outlines for the corpus map.
    if let Some(dir) = plans15() {
        let hz = added_of(&dir.join("hz-15th.txt"));
        let joined = corpus.join(&[hz]);
        assert_eq!(joined.core.localities.len(), corpus.core.localities.len() + 1);
        let outlines = joined.outlines.as_ref().unwrap();
        assert!(outlines.counties.iter().any(|c| c.adcode.starts_with("3301")), "杭州's counties outlined");
        assert!(outlines.counties.iter().any(|c| c.adcode.starts_with("4303")), "the corpus's own kept");
        let card = atlas_data::Parts::from_bundle(&joined);
        assert!(card.shards.last().unwrap().counties.iter().any(|c| c.adcode.starts_with("3301")));
    }
}
