//! Where the data comes from and how it is read: a **site** (an index beside the page, then each
//! locality's shard and text on demand, by content-hashed names) or a **single-file bundle** in
//! memory (the offline file, a bundle someone opened, `?bundle=`). Either way the widget sees one
//! [`Corpus`]: the index at once, and cards, shards, texts, indicator columns and outlines when asked.
//! Texts are deflated in the bundle and inflated by the browser's `DecompressionStream`.

use atlas_data::codec::{self, FileKind, SectionKind};
use atlas_data::parts::{self, INDEX_FILE};
use atlas_data::{Card, Index, KeyColumn, Outlines, Shard};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

// DecompressionStream is not in web-sys's stable API set; bind the few members we use.
#[wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// The site's index, relative to the page (Trunk copies the compiled site into `dist/atlas/`).
pub const SITE: &str = "atlas/";

/// Whether `url` can be fetched beside the page (a HEAD request); false offline.
pub async fn exists(url: &str) -> bool {
    if embedded_bundle_present() {
        return false;
    }
    let Some(window) = web_sys::window() else { return false };
    let init = web_sys::RequestInit::new();
    init.set_method("HEAD");
    match JsFuture::from(window.fetch_with_str_and_init(url, &init)).await {
        Ok(r) => r.dyn_into::<web_sys::Response>().is_ok_and(|r| r.ok()),
        Err(_) => false,
    }
}

fn embedded_bundle_present() -> bool {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("atlas-bundle")).is_some()
}

pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response =
        JsFuture::from(window.fetch_with_str(url)).await.map_err(|e| format!("could not fetch {url}: {e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("could not fetch {url}: HTTP {}", response.status()));
    }
    let buffer = response.array_buffer().map_err(|e| format!("{url}: {e:?}"))?;
    let buffer = JsFuture::from(buffer).await.map_err(|e| format!("{url}: {e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The bundle inlined in the page (the offline file), base64 in `<script id="atlas-bundle">`.
fn embedded_bundle() -> Option<Vec<u8>> {
    embedded_bytes("atlas-bundle")
}

/// Bytes the page carries inline, base64 in the element `id` (the offline file).
pub fn embedded_bytes(id: &str) -> Option<Vec<u8>> {
    let window = web_sys::window()?;
    let text = window.document()?.get_element_by_id(id)?.text_content()?;
    let binary = window.atob(text.trim()).ok()?;
    Some(binary.chars().map(|c| c as u8).collect())
}

/// Where shards come from.
enum Source {
    /// Files under `base` (ends with `/`), named by the index.
    Site { base: String },
    /// A single-file bundle, with where each section lies in it.
    Single { bytes: Arc<Vec<u8>>, sections: HashMap<(u16, u32), Range<usize>> },
}

/// A corpus: its index, and the means to read the rest.
pub struct Corpus {
    pub index: Index,
    /// Where the corpus came from, for messages (`atlas/index.atlas`, a file name).
    pub origin: String,
    source: Source,
    positions: HashMap<String, usize>,
    /// The localities a reader added on this page (`crate::adding`), by id.
    pub added: Vec<String>,
}

fn positions(index: &Index) -> HashMap<String, usize> {
    index.localities.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect()
}

impl Corpus {
    /// The single-file bundle in `bytes`. A site's index on its own cannot be opened this way.
    pub fn from_single(bytes: Vec<u8>, origin: &str) -> Result<Corpus, String> {
        let err = |e: atlas_data::DecodeError| format!("{origin}: {e}");
        let c = codec::read(&bytes).map_err(err)?;
        if c.file_kind == FileKind::Index as u16 {
            return Err(format!(
                "{origin}: this is a site's index, not a bundle; open the single-file bundle (atlas build -o)"
            ));
        }
        let index = parts::decode_index(&c).map_err(err)?;
        let base = bytes.as_ptr() as usize;
        let sections = c
            .sections
            .iter()
            .map(|s| {
                let start = s.payload.as_ptr() as usize - base;
                ((s.kind as u16, s.key), start..start + s.payload.len())
            })
            .collect();
        let positions = positions(&index);
        Ok(Corpus {
            index,
            origin: origin.to_string(),
            source: Source::Single { bytes: Arc::new(bytes), sections },
            positions,
            added: Vec::new(),
        })
    }

    /// A site whose index is at `index_url`; its files are fetched relative to it.
    pub async fn from_site(index_url: &str) -> Result<Corpus, String> {
        let bytes = fetch_bytes(index_url).await?;
        let c = codec::read(&bytes).map_err(|e| format!("{index_url}: {e}"))?;
        if c.file_kind != FileKind::Index as u16 {
            drop(c);
            return Corpus::from_single(bytes, index_url);
        }
        let index = parts::decode_index(&c).map_err(|e| format!("{index_url}: {e}"))?;
        let base = index_url.rsplit_once('/').map_or(String::new(), |(b, _)| format!("{b}/"));
        let positions = positions(&index);
        Ok(Corpus { index, origin: index_url.to_string(), source: Source::Site { base }, positions, added: Vec::new() })
    }

    /// The corpus the page starts with: the one inlined in the offline file, else the site beside
    /// the page.
    pub async fn open_default() -> Result<Corpus, String> {
        match embedded_bundle() {
            Some(bytes) => Corpus::from_single(bytes, "embedded bundle"),
            None => Corpus::from_site(&format!("{SITE}{INDEX_FILE}")).await,
        }
    }

    /// A corpus at a URL: a single-file bundle, or a site's `index.atlas`.
    pub async fn open_url(url: &str) -> Result<Corpus, String> {
        Corpus::from_site(url).await
    }

    /// The position of locality `id` in the index.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    /// The payload of section `kind` for key `key`: from the single file, or from the site file
    /// at `path`.
    async fn payload(&self, kind: SectionKind, key: u32, path: String) -> Result<Vec<u8>, String> {
        match &self.source {
            Source::Single { bytes, sections } => sections
                .get(&(kind as u16, key))
                .map(|r| bytes[r.clone()].to_vec())
                .ok_or_else(|| format!("{}: no {kind:?} section {key}", self.origin)),
            Source::Site { base } => {
                let url = format!("{base}{path}");
                let bytes = fetch_bytes(&url).await?;
                let c = codec::read(&bytes).map_err(|e| format!("{url}: {e}"))?;
                let payload = c.of_kind(kind).next().map(|s| s.payload.to_vec());
                payload.ok_or_else(|| format!("{url}: no {kind:?} section"))
            }
        }
    }

    pub async fn shard(&self, i: usize) -> Result<Shard, String> {
        let summary = self.index.localities.get(i).ok_or("no such locality")?;
        // The code that reads a shard arrives while the shard does, not after it. (Not Leptos's
        // executor: the data API reads shards in a page with no widget mounted.)
        #[cfg(not(test))]
        wasm_bindgen_futures::spawn_local(async {
            // A failure is reported by the decoding below.
            let _ = preload_read_shard().await;
        });
        let payload = self.payload(SectionKind::Locality, i as u32, parts::shard_path(summary)).await?;
        crate::views::lazy::call!(decode_shard(payload)).map_err(|Unreadable(e)| format!("{}: {e}", summary.id))
    }

    /// Locality `i`'s card: what the overview shows of it.
    pub async fn card(&self, i: usize) -> Result<Card, String> {
        let summary = self.index.localities.get(i).ok_or("no such locality")?;
        let payload = self.payload(SectionKind::Card, i as u32, parts::card_path(summary)).await?;
        codec::from_postcard(SectionKind::Card, &payload).map_err(|e| format!("{}: {e}", summary.id))
    }

    /// Locality `i`'s full text, as lines.
    pub async fn text(&self, i: usize) -> Result<Vec<String>, String> {
        let summary = self.index.localities.get(i).ok_or("no such locality")?;
        let deflated = self.payload(SectionKind::Text, i as u32, parts::text_path(summary)).await?;
        Ok(inflate(&deflated).await?.lines().map(str::to_string).collect())
    }

    /// Canonical indicator `k`'s values across the corpus.
    pub async fn column(&self, k: usize) -> Result<KeyColumn, String> {
        let key = self.index.indicator_keys.get(k).ok_or("no such indicator")?;
        let file = self.index.key_files.get(k).copied().unwrap_or_default();
        if file.localities == 0 {
            return Ok(KeyColumn { key: key.key.clone(), values: Vec::new() });
        }
        let payload = self.payload(SectionKind::Column, k as u32, parts::column_path(&key.key, file.hash)).await?;
        codec::from_postcard(SectionKind::Column, &payload).map_err(|e| format!("{}: {e}", key.key))
    }

    /// Coarse county outlines for the corpus map; `None` when compiled without polygons.
    pub async fn outlines(&self) -> Result<Option<Outlines>, String> {
        let Some(hash) = self.index.outlines else { return Ok(None) };
        let payload = self.payload(SectionKind::Outlines, 0, parts::outlines_path(hash)).await?;
        codec::from_postcard(SectionKind::Outlines, &payload).map(Some).map_err(|e| format!("outlines: {e}"))
    }

    /// Every part of the corpus, read or fetched: what a reader's added plans are joined to.
    pub async fn parts(&self) -> Result<parts::Parts, String> {
        let base = match &self.source {
            Source::Single { bytes, .. } => {
                return parts::Parts::decode_single(bytes).map_err(|e| format!("{}: {e}", self.origin))
            }
            Source::Site { base } => base,
        };
        let ix = &self.index;
        let mut paths: Vec<String> =
            ix.localities.iter().flat_map(|s| [parts::shard_path(s), parts::text_path(s)]).collect();
        paths.extend(
            ix.indicator_keys
                .iter()
                .zip(&ix.key_files)
                .filter(|(_, f)| f.localities > 0)
                .map(|(k, f)| parts::column_path(&k.key, f.hash)),
        );
        paths.extend(ix.outlines.map(parts::outlines_path));
        let mut files = HashMap::new();
        for path in paths {
            let bytes = fetch_bytes(&format!("{base}{path}")).await?;
            files.insert(path, bytes);
        }
        let index = fetch_bytes(&self.origin).await?;
        parts::Parts::read_site(&index, |path| files.remove(path).ok_or_else(|| format!("{path}: not fetched")))
    }

    /// Whether shards are fetched over the network (as opposed to read from memory).
    pub fn is_site(&self) -> bool {
        matches!(self.source, Source::Site { .. })
    }
}

/// Why a shard could not be read.
struct Unreadable(String);

#[cfg(not(test))]
impl From<leptos::wasm_split::SplitLoaderError> for Unreadable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unreadable("the code that reads it could not be loaded (is the connection down?)".to_string())
    }
}

/// Reads a shard. The overview, a first screen, needs none, so the code that reads a whole
/// locality is split out of the main module (see `views/lazy.rs`) and fetched with the first shard.
#[cfg_attr(
    not(test),
    leptos::wasm_split::wasm_split(read_shard, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_read_shard))
)]
fn decode_shard(payload: Vec<u8>) -> Result<Shard, Unreadable> {
    codec::from_postcard(SectionKind::Locality, &payload).map_err(|e| Unreadable(e.to_string()))
}

/// Inflates raw deflate data with the browser's DecompressionStream.
/// Raw deflate data, inflated by the browser, as a response to read.
fn inflating(data: &[u8]) -> Result<web_sys::Response, String> {
    let err = |e: wasm_bindgen::JsValue| format!("inflate: {e:?}");
    let array = js_sys::Uint8Array::from(data);
    let parts = js_sys::Array::of1(&array);
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(err)?;
    let stream = DecompressionStream::new("deflate-raw").map_err(err)?;
    let pair = web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable());
    let inflated = blob.stream().pipe_through(&pair);
    web_sys::Response::new_with_opt_readable_stream(Some(&inflated)).map_err(err)
}

async fn inflate(data: &[u8]) -> Result<String, String> {
    let err = |e: wasm_bindgen::JsValue| format!("inflate: {e:?}");
    let text = JsFuture::from(inflating(data)?.text().map_err(err)?).await.map_err(err)?;
    text.as_string().ok_or_else(|| "inflate: not text".to_string())
}

/// Raw deflate data, inflated.
pub async fn inflate_bytes(data: &[u8]) -> Result<Vec<u8>, String> {
    let err = |e: wasm_bindgen::JsValue| format!("inflate: {e:?}");
    let buffer = JsFuture::from(inflating(data)?.array_buffer().map_err(err)?).await.map_err(err)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
