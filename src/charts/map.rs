//! The spatial-layout map (filled in with the map view).
