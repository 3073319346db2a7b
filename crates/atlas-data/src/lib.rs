//! The Plan Atlas data model and its binary bundle codec.
//!
//! This crate is the single definition of the data, shared by the compiler (`atlas-compiler`), which
//! fills the model from plan texts, and the widget, which decodes a bundle and shows it. It knows
//! nothing about plan text, the file system or the browser: only types, the byte format
//! (`docs/BUNDLE.md`) and small helpers every consumer needs. It builds for `wasm32-unknown-unknown`.
//!
//! Tests: codec round trips and the never-panic property live in `tests/codec.rs`.

mod codec;
mod model;

pub use codec::{decode, encode, sections, DecodeError, SectionKind, FORMAT_VERSION, MAGIC};
pub use model::*;
