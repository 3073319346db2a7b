//! Fuzz the bundle decoder: any bytes must give `Ok` or a typed error, never a panic, and what
//! decodes must re-encode to bytes that decode and re-encode to themselves.
#![no_main]

use atlas_data::{decode, encode, SectionKind};
use libfuzzer_sys::fuzz_target;

const ALL: [SectionKind; 3] = [SectionKind::Core, SectionKind::Geo, SectionKind::Text];

fuzz_target!(|data: &[u8]| {
    for need_core in [true, false] {
        if let Ok(bundle) = decode(data, need_core) {
            // Compare bytes, not values: arbitrary input can hold NaN floats.
            let again = encode(&bundle, &ALL);
            let round = decode(&again, false).expect("a re-encoded bundle decodes");
            assert_eq!(encode(&round, &ALL), again);
        }
    }
});
