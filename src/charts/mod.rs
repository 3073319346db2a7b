//! Canvas charts drawn with plotters. One chart per file; `canvas` holds the HiDPI sizing and the
//! `ChartCanvas` component (redraw on data change and on resize) shared by all of them.

pub mod backend;
pub mod bars;
pub mod canvas;
pub mod corpus;
pub mod dots;
pub mod dumbbell;
pub mod growth;
pub mod map;
pub mod palette;
