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
    pub fn new(name: &str) -> Scratch {
        Scratch(std::env::temp_dir().join(format!("atlas-{name}-{}", std::process::id())))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}
