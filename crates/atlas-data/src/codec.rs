//! The bundle container: magic, format version, section table, payloads, CRC-32 trailer.
//! The byte layout is specified in `docs/BUNDLE.md`; keep the two in step.
//!
//! Decoding never panics and never allocates more than a small multiple of its input: every length
//! is checked against the bytes actually present before it is used, and postcard only allocates for
//! elements it has read.

use crate::model::{Bundle, Core, Geography, PlanText};
use serde::{de::DeserializeOwned, Serialize};
use std::fmt;

pub const MAGIC: [u8; 8] = *b"PLANATLS";
pub const FORMAT_VERSION: u16 = 1;

const HEADER_LEN: usize = 12;
const ENTRY_LEN: usize = 12;
const TRAILER_LEN: usize = 4;
const MAX_SECTIONS: usize = 16;

/// What a section holds. A bundle file carries any subset, each at most once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Postcard-encoded [`Core`]: localities, indicators, projects, layouts, diagnostics.
    Core = 1,
    /// Postcard-encoded [`Geography`].
    Geo = 2,
    /// Postcard-encoded `Vec<PlanText>`: full texts, each deflate-raw compressed.
    Text = 3,
}

impl SectionKind {
    fn from_u16(v: u16) -> Option<Self> {
        match v {
            1 => Some(SectionKind::Core),
            2 => Some(SectionKind::Geo),
            3 => Some(SectionKind::Text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file does not start with `PLANATLS`: not a Plan Atlas bundle.
    BadMagic,
    /// Written by a newer (or unknown) format version than this reader understands.
    UnsupportedVersion { found: u16, supported: u16 },
    /// Fewer bytes than the header or section table promise.
    Truncated { needed: usize, available: usize },
    /// The CRC-32 trailer does not match the content: the file was damaged.
    ChecksumMismatch { stored: u32, computed: u32 },
    /// The section table or a section's payload does not parse.
    MalformedSection { section: u16, reason: String },
    /// The bundle decodes but lacks a section the caller needs.
    MissingSection(SectionKind),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadMagic => write!(f, "not a Plan Atlas bundle (bad magic bytes)"),
            DecodeError::UnsupportedVersion { found, supported } => {
                write!(f, "bundle format version {found} is not supported (this widget reads version {supported})")
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

/// Encodes the given parts of `bundle`. `Geo` is skipped when the bundle has no geography.
/// Output is deterministic: the same bundle gives the same bytes.
pub fn encode(bundle: &Bundle, parts: &[SectionKind]) -> Vec<u8> {
    let mut payloads: Vec<(SectionKind, Vec<u8>)> = Vec::new();
    for &kind in parts {
        if payloads.iter().any(|(k, _)| *k == kind) {
            continue;
        }
        let bytes = match kind {
            SectionKind::Core => to_postcard(&bundle.core),
            SectionKind::Geo => match &bundle.geo {
                Some(geo) => to_postcard(geo),
                None => continue,
            },
            SectionKind::Text => to_postcard(&bundle.texts),
        };
        payloads.push((kind, bytes));
    }
    let table_end = HEADER_LEN + ENTRY_LEN * payloads.len();
    let total: usize = table_end + payloads.iter().map(|(_, p)| p.len()).sum::<usize>() + TRAILER_LEN;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payloads.len() as u16).to_le_bytes());
    let mut offset = table_end;
    for (kind, payload) in &payloads {
        out.extend_from_slice(&(*kind as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        offset += payload.len();
    }
    for (_, payload) in &payloads {
        out.extend_from_slice(payload);
    }
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

fn to_postcard<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising plain data into a Vec cannot fail: the model has no maps with non-string keys
    // that postcard rejects, and no custom serialisers.
    postcard::to_allocvec(value).unwrap_or_default()
}

/// Lists the sections of a bundle after checking magic, version, table and checksum.
pub fn sections(bytes: &[u8]) -> Result<Vec<(SectionKind, &[u8])>, DecodeError> {
    if bytes.len() < MAGIC.len() {
        return if MAGIC.starts_with(bytes) {
            Err(DecodeError::Truncated { needed: HEADER_LEN, available: bytes.len() })
        } else {
            Err(DecodeError::BadMagic)
        };
    }
    if bytes[..8] != MAGIC {
        return Err(DecodeError::BadMagic);
    }
    if bytes.len() < HEADER_LEN + TRAILER_LEN {
        return Err(DecodeError::Truncated { needed: HEADER_LEN + TRAILER_LEN, available: bytes.len() });
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(DecodeError::UnsupportedVersion { found: version, supported: FORMAT_VERSION });
    }
    let count = u16::from_le_bytes([bytes[10], bytes[11]]) as usize;
    if count > MAX_SECTIONS {
        return Err(DecodeError::MalformedSection {
            section: 0,
            reason: format!("{count} sections, at most {MAX_SECTIONS} allowed"),
        });
    }
    let table_end = HEADER_LEN + ENTRY_LEN * count;
    if bytes.len() < table_end + TRAILER_LEN {
        return Err(DecodeError::Truncated { needed: table_end + TRAILER_LEN, available: bytes.len() });
    }
    let body_end = bytes.len() - TRAILER_LEN;
    let stored = u32::from_le_bytes([bytes[body_end], bytes[body_end + 1], bytes[body_end + 2], bytes[body_end + 3]]);
    let computed = crc32fast::hash(&bytes[..body_end]);

    // Read the table before judging the checksum, so that a cut-off file reports truncation.
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let e = &bytes[HEADER_LEN + i * ENTRY_LEN..HEADER_LEN + (i + 1) * ENTRY_LEN];
        let kind = u16::from_le_bytes([e[0], e[1]]);
        let offset = u32::from_le_bytes([e[4], e[5], e[6], e[7]]) as usize;
        let len = u32::from_le_bytes([e[8], e[9], e[10], e[11]]) as usize;
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
        let Some(kind_enum) = SectionKind::from_u16(kind) else {
            continue; // unknown sections of the same version are skipped, not fatal
        };
        if out.iter().any(|(k, _)| *k == kind_enum) {
            return Err(DecodeError::MalformedSection { section: kind, reason: "section appears twice".into() });
        }
        out.push((kind_enum, &bytes[offset..end]));
    }
    if stored != computed {
        return Err(DecodeError::ChecksumMismatch { stored, computed });
    }
    Ok(out)
}

fn from_postcard<T: DeserializeOwned>(kind: SectionKind, bytes: &[u8]) -> Result<T, DecodeError> {
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

/// Decodes whatever parts the bundle holds. `core` is required unless `need_core` is false
/// (a text-only part file).
pub fn decode(bytes: &[u8], need_core: bool) -> Result<Bundle, DecodeError> {
    let mut core: Option<Core> = None;
    let mut geo: Option<Geography> = None;
    let mut texts: Vec<PlanText> = Vec::new();
    for (kind, payload) in sections(bytes)? {
        match kind {
            SectionKind::Core => core = Some(from_postcard(kind, payload)?),
            SectionKind::Geo => geo = Some(from_postcard(kind, payload)?),
            SectionKind::Text => texts = from_postcard(kind, payload)?,
        }
    }
    if need_core && core.is_none() {
        return Err(DecodeError::MissingSection(SectionKind::Core));
    }
    Ok(Bundle { core: core.unwrap_or_default(), geo, texts })
}
