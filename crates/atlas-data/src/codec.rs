//! The container every bundle file shares: magic, format version, file kind, a table of sections
//! (kind, key, offset, length), the payloads, and a CRC-32 trailer. An index, a locality shard, a
//! text shard and the single-file bundle are all containers; they differ in which sections they
//! hold. The byte layout is specified in `docs/BUNDLE.md`; keep the two in step.
//!
//! Reading never panics and never allocates more than a small multiple of its input: every length
//! is checked against the bytes actually present before it is used, and postcard only allocates for
//! elements it has read.

use serde::{de::DeserializeOwned, Serialize};
use std::fmt;

pub const MAGIC: [u8; 8] = *b"PLANATLS";
pub const FORMAT_VERSION: u16 = 4;

const HEADER_LEN: usize = 16;
const ENTRY_LEN: usize = 16;
const TRAILER_LEN: usize = 4;

/// What a whole file is; informative (a reader goes by its sections).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Index = 1,
    Locality = 2,
    Text = 3,
    /// Index and every shard together: the form for "open bundle" and the offline file.
    Single = 4,
    Outlines = 5,
    Column = 6,
    Card = 7,
    /// The registry's index of provinces (`registry/index.atlas`).
    RegistryIndex = 8,
    /// One province's part of the registry (`registry/<adcode>.<hash>.atlas`).
    RegistryPart = 9,
}

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SectionKind {
    /// Postcard [`crate::Index`]. Key 0.
    Index = 1,
    /// Postcard [`crate::Shard`] of one locality. Key: the locality's position in the index.
    Locality = 2,
    /// One plan's full text, raw deflate (RFC 1951). Key: the locality's position in the index.
    Text = 3,
    /// Postcard [`crate::Outlines`]: coarse county outlines for the corpus map. Key 0.
    Outlines = 4,
    /// Postcard [`crate::KeyColumn`]: one canonical indicator across localities. Key: the
    /// indicator's position in the index's `indicator_keys`.
    Column = 5,
    /// Postcard [`crate::Card`]: what the overview shows of one locality. Key: as Locality.
    Card = 6,
    /// Postcard [`crate::registry::RegistryIndex`]. Key 0.
    RegistryIndex = 7,
    /// Postcard [`crate::registry::ProvincePart`]. Key 0.
    RegistryPart = 8,
}

impl SectionKind {
    fn from_u16(v: u16) -> Option<Self> {
        Some(match v {
            1 => SectionKind::Index,
            2 => SectionKind::Locality,
            3 => SectionKind::Text,
            4 => SectionKind::Outlines,
            5 => SectionKind::Column,
            6 => SectionKind::Card,
            7 => SectionKind::RegistryIndex,
            8 => SectionKind::RegistryPart,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file does not start with `PLANATLS`: not a Plan Atlas bundle.
    BadMagic,
    /// Written by another format version than this reader understands.
    UnsupportedVersion { found: u16, supported: u16 },
    /// Fewer bytes than the header or section table promise.
    Truncated { needed: usize, available: usize },
    /// The CRC-32 trailer does not match the content: the file was damaged.
    ChecksumMismatch { stored: u32, computed: u32 },
    /// The section table or a section's payload does not parse.
    MalformedSection { section: u16, reason: String },
    /// The file decodes but lacks a section the caller needs.
    MissingSection(SectionKind),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadMagic => write!(f, "not a Plan Atlas bundle (bad magic bytes)"),
            DecodeError::UnsupportedVersion { found, supported } if found < supported => write!(
                f,
                "bundle format version {found} is older than this widget reads (version {supported}): compile it again with `atlas build`"
            ),
            DecodeError::UnsupportedVersion { found, supported } => {
                write!(f, "bundle format version {found} is newer than this widget reads (version {supported})")
            }
            DecodeError::Truncated { needed, available } => {
                write!(f, "bundle is truncated: needs {needed} bytes, has {available}")
            }
            DecodeError::ChecksumMismatch { stored, computed } => {
                write!(f, "bundle is damaged: checksum {computed:08x} does not match stored {stored:08x}")
            }
            DecodeError::MalformedSection { section, reason } => {
                write!(f, "bundle section {section} is malformed: {reason}")
            }
            DecodeError::MissingSection(kind) => write!(f, "bundle has no {kind:?} section"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// One section of a container, borrowed from the file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section<'a> {
    pub kind: SectionKind,
    pub key: u32,
    pub payload: &'a [u8],
}

/// A container's sections, after magic, version, table and checksum were checked. Sections of
/// kinds this reader does not know are skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container<'a> {
    pub file_kind: u16,
    pub sections: Vec<Section<'a>>,
}

impl<'a> Container<'a> {
    pub fn find(&self, kind: SectionKind, key: u32) -> Option<&'a [u8]> {
        self.sections.iter().find(|s| s.kind == kind && s.key == key).map(|s| s.payload)
    }

    pub fn of_kind(&self, kind: SectionKind) -> impl Iterator<Item = &Section<'a>> {
        self.sections.iter().filter(move |s| s.kind == kind)
    }
}

/// Writes a container. Output is deterministic: the same sections give the same bytes.
pub fn write(file_kind: FileKind, sections: &[(SectionKind, u32, &[u8])]) -> Vec<u8> {
    let table_end = HEADER_LEN + ENTRY_LEN * sections.len();
    let total = table_end + sections.iter().map(|s| s.2.len()).sum::<usize>() + TRAILER_LEN;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(file_kind as u16).to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let mut offset = table_end;
    for (kind, key, payload) in sections {
        out.extend_from_slice(&(*kind as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        offset += payload.len();
    }
    for (_, _, payload) in sections {
        out.extend_from_slice(payload);
    }
    let crc = crate::crc32::crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

/// Reads a container: magic, version, table, checksum.
pub fn read(bytes: &[u8]) -> Result<Container<'_>, DecodeError> {
    if bytes.len() < MAGIC.len() {
        return if MAGIC.starts_with(bytes) {
            Err(DecodeError::Truncated { needed: HEADER_LEN + TRAILER_LEN, available: bytes.len() })
        } else {
            Err(DecodeError::BadMagic)
        };
    }
    if bytes[..8] != MAGIC {
        return Err(DecodeError::BadMagic);
    }
    // Version 1 had a 12-byte header; its version field sits where ours does.
    if bytes.len() >= 10 {
        let version = u16_at(bytes, 8);
        if version != FORMAT_VERSION {
            return Err(DecodeError::UnsupportedVersion { found: version, supported: FORMAT_VERSION });
        }
    }
    if bytes.len() < HEADER_LEN + TRAILER_LEN {
        return Err(DecodeError::Truncated { needed: HEADER_LEN + TRAILER_LEN, available: bytes.len() });
    }
    let file_kind = u16_at(bytes, 10);
    let count = u32_at(bytes, 12) as usize;
    let table_end = count
        .checked_mul(ENTRY_LEN)
        .and_then(|t| t.checked_add(HEADER_LEN))
        .ok_or(DecodeError::MalformedSection { section: 0, reason: "section count overflows".into() })?;
    if bytes.len() < table_end.saturating_add(TRAILER_LEN) {
        return Err(DecodeError::Truncated { needed: table_end.saturating_add(TRAILER_LEN), available: bytes.len() });
    }
    let body_end = bytes.len() - TRAILER_LEN;
    let stored = u32_at(bytes, body_end);
    let computed = crate::crc32::crc32(&bytes[..body_end]);

    // Read the table before judging the checksum, so that a cut-off file reports truncation.
    let mut sections = Vec::with_capacity(count);
    let mut seen: Vec<(u16, u32)> = Vec::with_capacity(count);
    for i in 0..count {
        let e = HEADER_LEN + i * ENTRY_LEN;
        let kind = u16_at(bytes, e);
        let key = u32_at(bytes, e + 4);
        let offset = u32_at(bytes, e + 8) as usize;
        let len = u32_at(bytes, e + 12) as usize;
        let end = offset
            .checked_add(len)
            .ok_or(DecodeError::MalformedSection { section: kind, reason: "section length overflows".into() })?;
        if end > body_end {
            if stored != computed {
                return Err(DecodeError::Truncated { needed: end + TRAILER_LEN, available: bytes.len() });
            }
            return Err(DecodeError::MalformedSection { section: kind, reason: "section runs past the end".into() });
        }
        if offset < table_end {
            return Err(DecodeError::MalformedSection { section: kind, reason: "section overlaps the header".into() });
        }
        seen.push((kind, key));
        let Some(kind_enum) = SectionKind::from_u16(kind) else {
            continue; // unknown sections of the same version are skipped, not fatal
        };
        sections.push(Section { kind: kind_enum, key, payload: &bytes[offset..end] });
    }
    if stored != computed {
        return Err(DecodeError::ChecksumMismatch { stored, computed });
    }
    seen.sort_unstable();
    if let Some(w) = seen.windows(2).find(|w| w[0] == w[1]) {
        return Err(DecodeError::MalformedSection { section: w[0].0, reason: format!("key {} appears twice", w[0].1) });
    }
    Ok(Container { file_kind, sections })
}

/// Postcard bytes of a value. Serialising plain data into a Vec cannot fail: the model has no
/// maps with keys postcard rejects, and no custom serialisers.
pub fn to_postcard<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap_or_default()
}

/// A section's value; trailing bytes are an error.
pub fn from_postcard<T: DeserializeOwned>(kind: SectionKind, bytes: &[u8]) -> Result<T, DecodeError> {
    let (value, rest) = postcard::take_from_bytes::<T>(bytes)
        .map_err(|e| DecodeError::MalformedSection { section: kind as u16, reason: e.to_string() })?;
    if !rest.is_empty() {
        return Err(DecodeError::MalformedSection {
            section: kind as u16,
            reason: format!("{} trailing bytes", rest.len()),
        });
    }
    Ok(value)
}
