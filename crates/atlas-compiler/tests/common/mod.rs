//! Helpers the corpus tests share: where the corpus is, and copies of it to change.
#![allow(dead_code)] // each test file uses some of these

use std::path::{Path, PathBuf};

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Copies the corpus into `dir`: the texts through `transform`, the manifests as they are.
pub fn copy_corpus_with(dir: &Path, transform: impl Fn(&str) -> String) {
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    for entry in std::fs::read_dir(corpus_dir().join("plans")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(dir.join("plans").join(path.file_name().unwrap()), transform(&text)).unwrap();
    }
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// A scratch directory for one test, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// A directory of its own, also for tests running at once in one process.
    pub fn new(name: &str) -> Scratch {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Scratch(std::env::temp_dir().join(format!("atlas-{name}-{}-{n}", std::process::id())))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// Test material named by an environment variable (material beside the repository that is never
/// copied into it), or `None` when it is unset. A missing one fails the test instead when `require`
/// is set or under CI (`CI` set, as `.ci/run` runs), so that a green run always means it ran.
pub fn material(var: &str, what: &str, require: bool) -> Option<PathBuf> {
    let exists = |p: &PathBuf| std::env::split_paths(p.as_os_str()).all(|part| part.exists());
    match std::env::var_os(var).map(PathBuf::from) {
        Some(p) if exists(&p) => Some(p),
        found if require || std::env::var_os("CI").is_some() => panic!("{var} must name {what} (found {found:?})"),
        _ => {
            eprintln!("skipping: set {var} to {what}");
            None
        }
    }
}

/// The real 十五五 outlines (`ATLAS_PLANS15`).
pub fn plans15() -> Option<PathBuf> {
    material("ATLAS_PLANS15", "the directory of real 十五五 outlines", false)
}

/// The registry's county polygons (`ATLAS_GEO`); `cargo xtask test` sets `ATLAS_REQUIRE_GEO`.
pub fn geo() -> Option<PathBuf> {
    material("ATLAS_GEO", "the county GeoJSON", std::env::var_os("ATLAS_REQUIRE_GEO").is_some())
}

/// The gazetteer files (`ATLAS_GAZETTEER`, several separated like PATH), each of which must exist.
pub fn gazetteer() -> Option<Vec<PathBuf>> {
    let require = std::env::var_os("ATLAS_REQUIRE_GEO").is_some();
    material("ATLAS_GAZETTEER", "the gazetteer files (towns.csv:seats.csv)", require)?;
    let files: Vec<PathBuf> = std::env::split_paths(&std::env::var_os("ATLAS_GAZETTEER")?).collect();
    for f in &files {
        assert!(f.exists(), "ATLAS_GAZETTEER names {}, which does not exist", f.display());
    }
    Some(files)
}
