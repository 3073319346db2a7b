//! Canvas charts drawn with plotters. One chart per file; `canvas` holds the HiDPI sizing shared
//! by all of them.

pub mod canvas;
