//! The Plan Atlas data model and its binary bundle codec.
//!
//! This crate is the single definition of the data, shared by the compiler (`atlas-compiler`), which
//! fills the model from plan texts, and the widget, which decodes a bundle and shows it. It knows
//! nothing about plan text, the file system or the browser: only types, the byte format
//! (`docs/BUNDLE.md`) and small helpers every consumer needs. It builds for `wasm32-unknown-unknown`.
//!
//! Tests: codec round trips and the never-panic property live in `tests/codec.rs`.
//!
//! `model` is the in-memory corpus (`Bundle`); `parts` splits it into the index and shards the
//! widget loads; `codec` is the container every file shares; `registry` the administrative units the browser's
//! compiler fetches a province at a time.

pub mod codec;
mod crc32;
mod join;
mod model;
pub mod parts;
pub mod registry;
pub mod review;

pub use codec::{DecodeError, FileKind, SectionKind, FORMAT_VERSION, MAGIC};
pub use model::*;
pub use parts::{Card, Index, KeyColumn, KeyFile, KeyValue, Outline, Outlines, Parts, Printed, Shard, Summary};
