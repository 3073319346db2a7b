//! `cargo xtask bench`: bundle sizes and compile/decode times, written to BENCHMARKS.md.

use anyhow::{bail, Result};

pub fn run() -> Result<()> {
    bail!("bench is not written yet")
}
