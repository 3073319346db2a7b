//! The administrative registry as the browser fetches it (`cargo xtask build` writes it under
//! `registry/`): an index of the provinces, and one part per province with its own outline, its
//! prefectures and its counties (adcode, name and simplified outline). A plan added in the browser
//! is compiled with the index and the part of its province only. Levels and parents follow from
//! adcodes and names; English names from the names (the compiler's pinyin).

use crate::codec::{self, from_postcard, to_postcard, DecodeError, FileKind, SectionKind};
use crate::County;
use serde::{Deserialize, Serialize};

/// A prefecture- or province-level unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub adcode: String,
    pub name: String,
    /// Outer rings, simplified and quantised like county rings; empty when the source has none.
    pub rings: Vec<Vec<[i32; 2]>>,
}

/// Every province, with the hash its part's file name carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegistryIndex {
    pub provinces: Vec<ProvinceEntry>,
    /// Where the polygons come from, and their licence.
    pub attribution: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceEntry {
    pub adcode: String,
    pub name: String,
    pub hash: u32,
}

/// One province's units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvincePart {
    pub province: Unit,
    pub prefectures: Vec<Unit>,
    pub counties: Vec<County>,
}

/// The registry index's file name, under the registry's folder.
pub const REGISTRY_INDEX: &str = "index.atlas";

/// A province's part's file name, under the registry's folder.
pub fn part_path(e: &ProvinceEntry) -> String {
    format!("{}.{:08x}.atlas", e.adcode, e.hash)
}

/// The registry's files, by path under its folder: the index, then each province's part.
pub fn encode(parts: &[ProvincePart], attribution: &str) -> Vec<(String, Vec<u8>)> {
    let mut index = RegistryIndex { provinces: Vec::new(), attribution: attribution.to_string() };
    let mut files = Vec::new();
    for part in parts {
        let payload = to_postcard(part);
        let bytes = codec::write(FileKind::RegistryPart, &[(SectionKind::RegistryPart, 0, &payload)]);
        let mut h = crate::crc32::Crc32::default();
        h.update(&payload);
        let entry = ProvinceEntry {
            adcode: part.province.adcode.clone(),
            name: part.province.name.clone(),
            hash: h.finalize(),
        };
        files.push((part_path(&entry), bytes));
        index.provinces.push(entry);
    }
    let index = codec::write(FileKind::RegistryIndex, &[(SectionKind::RegistryIndex, 0, &to_postcard(&index))]);
    files.insert(0, (REGISTRY_INDEX.to_string(), index));
    files
}

fn only(bytes: &[u8], kind: SectionKind) -> Result<Vec<u8>, DecodeError> {
    let c = codec::read(bytes)?;
    c.find(kind, 0).map(<[u8]>::to_vec).ok_or(DecodeError::MissingSection(kind))
}

pub fn decode_index(bytes: &[u8]) -> Result<RegistryIndex, DecodeError> {
    from_postcard(SectionKind::RegistryIndex, &only(bytes, SectionKind::RegistryIndex)?)
}

pub fn decode_part(bytes: &[u8]) -> Result<ProvincePart, DecodeError> {
    from_postcard(SectionKind::RegistryPart, &only(bytes, SectionKind::RegistryPart)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_round_trip_and_damage_is_an_error() {
        let unit = |adcode: &str, name: &str| Unit {
            adcode: adcode.into(),
            name: name.into(),
            rings: vec![vec![[1, 2], [3, 4], [5, -6]]],
        };
        let county = County {
            adcode: "430321".into(),
            name: "湘潭县".into(),
            prefecture: "430300".into(),
            rings: vec![vec![[0, 0], [9, 9], [0, 9]]],
        };
        let part = ProvincePart {
            province: unit("430000", "湖南省"),
            prefectures: vec![unit("430300", "湘潭市")],
            counties: vec![county],
        };
        let files = encode(std::slice::from_ref(&part), "test");
        let index = decode_index(&files[0].1).unwrap();
        assert_eq!(index.provinces[0].name, "湖南省");
        assert_eq!(files[1].0, part_path(&index.provinces[0]));
        assert_eq!(decode_part(&files[1].1).unwrap(), part);
        let other = ProvincePart { province: unit("440000", "广东省"), ..part.clone() };
        let both = encode(&[part.clone(), other], "test");
        assert_ne!(both[1].0[7..], both[2].0[7..], "each part's name carries its own content's hash");
        assert!(decode_part(&files[0].1).is_err(), "an index is not a part");
        let mut damaged = files[1].1.clone();
        damaged[20] ^= 1;
        assert!(decode_part(&damaged).is_err());
    }
}
