//! One view per file.

pub mod summary;
