//! Fuzz the bundle readers: any bytes must give `Ok` or a typed error, never a panic. Each input
//! is read as it is, and again with its CRC-32 trailer made right, so that mutations get past the
//! checksum into the section table and the payloads. Whatever reads as a container is also read
//! as an index, shards, columns, texts and outlines, and a single-file bundle that decodes must
//! re-encode to bytes that decode and re-encode to themselves.
#![no_main]

use atlas_data::{codec, parts, Parts};
use libfuzzer_sys::fuzz_target;

fn read_all(data: &[u8]) {
    if let Ok(c) = codec::read(data) {
        let _ = parts::decode_index(&c);
        for i in 0..4 {
            let _ = parts::decode_shard(&c, i);
            let _ = parts::decode_card(&c, i);
            let _ = parts::decode_column(&c, i);
            let _ = parts::text_of(&c, i);
        }
        let _ = parts::decode_outlines(&c);
    }
    if let Ok(p) = Parts::decode_single(data) {
        // Compare bytes, not values: arbitrary input can hold NaN floats.
        let again = p.encode_single();
        let round = Parts::decode_single(&again).expect("a re-encoded bundle decodes");
        assert_eq!(round.encode_single(), again);
        let _ = p.to_bundle();
    }
}

fuzz_target!(|data: &[u8]| {
    read_all(data);
    if data.len() >= 20 {
        let mut fixed = data.to_vec();
        let body = fixed.len() - 4;
        let crc = crc32fast::hash(&fixed[..body]);
        fixed[body..].copy_from_slice(&crc.to_le_bytes());
        read_all(&fixed);
    }
});
