//! A compiled corpus as the widget loads it: an **index** (what the first screen and the
//! cross-locality views need) and **shards** (each locality's data and its text, the corpus map's
//! outlines, one column per canonical indicator), each a file named by a content hash; or all of
//! them in one single-file bundle. `Parts` converts between the in-memory [`Bundle`] and those
//! files. The byte layout is in `docs/BUNDLE.md`.

use crate::codec::{self, from_postcard, to_postcard, Container, DecodeError, FileKind, SectionKind};
use crate::model::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The index: small, fetched first, grows by a few dozen bytes per locality.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub localities: Vec<Summary>,
    /// Parent names (`湘潭市`, `湖南省`); a summary's `parent` is a position in this list.
    pub parents: Vec<String>,
    pub indicator_keys: Vec<IndicatorKey>,
    /// Parallel to `indicator_keys`: how many localities print it, and its column file's hash.
    pub key_files: Vec<KeyFile>,
    /// Facet vocabularies across the corpus.
    pub categories: Vec<String>,
    pub sectors: Vec<Sector>,
    pub attribution: Vec<String>,
    pub geo_attribution: String,
    pub tour: Vec<TourStep>,
    /// Hash of the outlines file, when the corpus was compiled with county polygons.
    pub outlines: Option<u32>,
    /// Diagnostics about no plan in particular (each plan's are in its shard).
    pub diagnostics: Vec<Diagnostic>,
}

/// One locality in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub level: Level,
    pub parent: u32,
    pub period: Period,
    /// The primary spatial layout's slogan.
    pub slogan: Option<String>,
    pub indicators: u32,
    pub projects: u32,
    pub layout_elements: u32,
    /// Content hash of its shard and text files (their names, and its card's, carry it; the card
    /// is derived from the shard).
    pub hash: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    pub localities: u32,
    pub hash: u32,
}

/// One locality's data with the geography its map needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub locality: Locality,
    /// Its prefecture's counties and the towns in its territory.
    pub counties: Vec<County>,
    pub towns: Vec<Town>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What the overview shows of one locality, in a small file of its own so that the first screen
/// does not fetch whole shards: the plan's facts, its headline targets and a thumbnail map. It is
/// derived from the shard ([`Card::of`]), so it holds nothing the shard does not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub title: String,
    pub adopted: Option<String>,
    pub adopted_curated: bool,
    pub period: Period,
    /// Rows of its target table and of its review of the previous period.
    pub plan_rows: u32,
    pub review_rows: u32,
    /// The GDP target for the period's last year and the planned GDP growth, as printed.
    pub gdp_target: Option<Printed>,
    pub gdp_growth: Option<Printed>,
    /// The primary spatial layout.
    pub layout: Option<Layout>,
    /// Its prefecture's counties at thumbnail scale, coded as in [`Outlines`].
    pub step: u32,
    pub counties: Vec<Outline>,
}

/// A cell as printed and its source line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Printed {
    pub raw: String,
    pub line: u32,
}

impl Card {
    /// A thumbnail is a few hundred pixels wide: this many steps across the prefecture are enough.
    const STEPS_ACROSS: i64 = 500;

    pub fn of(shard: &Shard) -> Card {
        let l = &shard.locality;
        let count = |t| l.indicators.iter().filter(|i| i.table == t).count() as u32;
        let (gdp_target, gdp_growth) = headline(l);
        let points = || shard.counties.iter().flat_map(|c| c.rings.iter().flatten());
        let span = |axis: usize| {
            let lo = points().map(|p| i64::from(p[axis])).min().unwrap_or(0);
            let hi = points().map(|p| i64::from(p[axis])).max().unwrap_or(0);
            hi - lo
        };
        let step = (span(0).max(span(1)) / Card::STEPS_ACROSS).clamp(1, i64::from(u16::MAX)) as u32;
        Card {
            title: l.title.clone(),
            adopted: l.adopted.clone(),
            adopted_curated: l.adopted_curated,
            period: l.period,
            plan_rows: count(Table::Plan),
            review_rows: count(Table::Review),
            gdp_target,
            gdp_growth,
            layout: l.primary_layout().cloned(),
            step,
            counties: shard
                .counties
                .iter()
                .map(|c| Outline::new(c.adcode.clone(), c.name.clone(), &c.rings, step))
                .collect(),
        }
    }
}

/// The GDP target for the period's last year and the planned GDP growth where the plan's table
/// prints them: the growth from the GDP row's growth column, else from a row of its own
/// (`gdp_growth`).
fn headline(l: &Locality) -> (Option<Printed>, Option<Printed>) {
    let printed = |r: &Indicator, c: &Cell| Printed { raw: c.raw.clone(), line: r.line };
    let target = l.plan_row("gdp").and_then(|r| Some(printed(r, r.cells.get(&Column::target(l.period.end()))?)));
    (target, l.planned_growth("gdp").map(|(r, c)| printed(r, c)))
}

/// Coarse outlines of every county in the provinces the corpus covers, for the corpus map.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outlines {
    /// Points are stored in units of `step` quantised degrees (degrees × 100 000), so that the
    /// differences between them stay small numbers.
    pub step: u32,
    pub counties: Vec<Outline>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    pub adcode: String,
    pub name: String,
    /// Each ring as quantised points (degrees × 100 000), the first absolute, then differences.
    pub rings: Vec<Vec<[i32; 2]>>,
}

impl Outline {
    /// An outline of quantised rings, rounded to multiples of `step` and stored as differences.
    pub fn new(adcode: String, name: String, rings: &[Vec<[i32; 2]>], step: u32) -> Outline {
        let step = step.max(1) as f64;
        let rings = rings
            .iter()
            .map(|r| {
                let mut prev = [0, 0];
                r.iter()
                    .map(|p| {
                        let q = [(p[0] as f64 / step).round() as i32, (p[1] as f64 / step).round() as i32];
                        let d = [q[0] - prev[0], q[1] - prev[1]];
                        prev = q;
                        d
                    })
                    .filter(|d| *d != [0, 0])
                    .collect()
            })
            .collect();
        Outline { adcode, name, rings }
    }

    /// The rings as absolute quantised points (degrees × 100 000).
    pub fn points(&self, step: u32) -> Vec<Vec<[i32; 2]>> {
        let step = step.max(1) as i32;
        self.rings
            .iter()
            .map(|r| {
                let mut at = [0i32, 0i32];
                r.iter()
                    .map(|d| {
                        at = [at[0].wrapping_add(d[0]), at[1].wrapping_add(d[1])];
                        [at[0].wrapping_mul(step), at[1].wrapping_mul(step)]
                    })
                    .collect()
            })
            .collect()
    }
}

/// One canonical indicator across the corpus: each locality's row for it in its plan's table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyColumn {
    pub key: String,
    pub values: Vec<KeyValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyValue {
    /// Position of the locality in the index.
    pub loc: u32,
    pub line: u32,
    pub unit: Option<String>,
    pub cells: BTreeMap<Column, Cell>,
}

/// The roles of the columns a key column carries: what the corpus map colours by (each with the
/// year its plan prints).
pub const KEY_ROLES: [Role; 3] = [Role::Base, Role::Target, Role::TargetGrowth];

/// A corpus split into its files' contents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    pub index: Index,
    /// Parallel to `index.localities`.
    pub shards: Vec<Shard>,
    /// Deflated texts, parallel to `index.localities`.
    pub texts: Vec<Vec<u8>>,
    pub outlines: Option<Outlines>,
    /// Parallel to `index.indicator_keys`.
    pub columns: Vec<KeyColumn>,
}

fn in_territory(l: &Locality, counties: &[County], t: &Town) -> bool {
    if l.level.spans_counties() {
        counties.iter().any(|c| c.name == t.county)
    } else {
        t.county == l.name
    }
}

fn hash_of(parts: &[&[u8]]) -> u32 {
    let mut h = crate::crc32::Crc32::default();
    for p in parts {
        h.update(p);
    }
    h.finalize()
}

/// One locality's encoded shard and card.
pub struct Payloads {
    pub shard: Vec<u8>,
    pub card: Vec<u8>,
}

/// Builds the index and key columns one locality at a time, so that a compiler can write each
/// shard as soon as its plan is compiled and keep only the index in memory.
pub struct Builder {
    index: Index,
    columns: Vec<KeyColumn>,
    sources: std::collections::BTreeSet<String>,
}

impl Builder {
    pub fn new(
        indicator_keys: Vec<IndicatorKey>,
        attribution: Vec<String>,
        geo_attribution: String,
        tour: Vec<TourStep>,
    ) -> Builder {
        let columns = indicator_keys.iter().map(|k| KeyColumn { key: k.key.clone(), values: Vec::new() }).collect();
        Builder {
            index: Index { indicator_keys, attribution, geo_attribution, tour, ..Index::default() },
            columns,
            sources: Default::default(),
        }
    }

    /// The localities added so far.
    pub fn summaries(&self) -> &[Summary] {
        &self.index.localities
    }

    /// Adds the next locality; returns the postcard bytes its shard and card files hold.
    pub fn add(&mut self, shard: &Shard, text: &[u8]) -> Payloads {
        let l = &shard.locality;
        let i = self.index.localities.len() as u32;
        let payload = to_postcard(shard);
        let parent = match self.index.parents.iter().position(|p| *p == l.parent) {
            Some(p) => p,
            None => {
                self.index.parents.push(l.parent.clone());
                self.index.parents.len() - 1
            }
        };
        self.index.localities.push(Summary {
            id: l.id.clone(),
            name: l.name.clone(),
            name_en: l.name_en.clone(),
            level: l.level,
            parent: parent as u32,
            period: l.period,
            slogan: l.primary_layout().map(|p| p.slogan.clone()),
            indicators: l.indicators.len() as u32,
            projects: l.projects.len() as u32,
            layout_elements: l.layouts.iter().map(|x| x.elements.len() as u32).sum(),
            hash: hash_of(&[&payload, text]),
        });
        for column in &mut self.columns {
            let row =
                l.indicators.iter().find(|r| r.table == Table::Plan && r.key.as_deref() == Some(column.key.as_str()));
            if let Some(row) = row {
                let cells = row
                    .cells
                    .iter()
                    .filter(|(c, _)| KEY_ROLES.contains(&c.role))
                    .map(|(c, v)| (*c, v.clone()))
                    .collect();
                column.values.push(KeyValue { loc: i, line: row.line, unit: row.unit.clone(), cells });
            }
        }
        self.index.categories.extend(l.indicators.iter().filter_map(|r| r.category.clone()));
        self.index.categories.sort();
        self.index.categories.dedup();
        self.index.sectors.extend(l.projects.iter().map(|p| p.sector));
        self.index.sectors.sort();
        self.index.sectors.dedup();
        self.sources.insert(l.source.clone());
        Payloads { shard: payload, card: to_postcard(&Card::of(shard)) }
    }

    /// The index and the key columns. `diagnostics`: every diagnostic of the build; those about
    /// one of the added plans stay in its shard.
    pub fn finish(mut self, outlines: Option<&Outlines>, diagnostics: &[Diagnostic]) -> (Index, Vec<KeyColumn>) {
        self.index.key_files = self
            .columns
            .iter()
            .map(|c| KeyFile { localities: c.values.len() as u32, hash: hash_of(&[&to_postcard(c)]) })
            .collect();
        self.index.outlines = outlines.map(|o| hash_of(&[&to_postcard(o)]));
        self.index.diagnostics = diagnostics.iter().filter(|d| !self.sources.contains(&d.file)).cloned().collect();
        (self.index, self.columns)
    }
}

/// The diagnostics of the plan compiled from `source`.
pub fn diagnostics_of(diagnostics: &[Diagnostic], source: &str) -> Vec<Diagnostic> {
    diagnostics.iter().filter(|d| d.file == source).cloned().collect()
}

/// A locality's shard: its prefecture's counties and the towns of its territory from `geo`.
pub fn shard_of(l: &Locality, geo: &Geography, diagnostics: Vec<Diagnostic>) -> Shard {
    let prefix = territory_prefix(&l.id);
    let counties: Vec<County> = geo.counties.iter().filter(|c| c.adcode.starts_with(prefix)).cloned().collect();
    let towns = geo.towns.iter().filter(|t| in_territory(l, &counties, t)).cloned().collect();
    Shard { locality: l.clone(), counties, towns, diagnostics }
}

impl Parts {
    /// Splits a compiled corpus.
    pub fn from_bundle(b: &Bundle) -> Parts {
        let core = &b.core;
        let empty = Geography::default();
        let geo = b.geo.as_ref().unwrap_or(&empty);
        let mut builder = Builder::new(
            core.indicator_keys.clone(),
            core.attribution.clone(),
            geo.attribution.clone(),
            core.tour.clone(),
        );
        let mut shards = Vec::new();
        let mut texts = Vec::new();
        for l in &core.localities {
            let shard = shard_of(l, geo, diagnostics_of(&core.diagnostics, &l.source));
            let text = b.texts.iter().find(|t| t.locality == l.id).map(|t| t.deflated.clone()).unwrap_or_default();
            builder.add(&shard, &text);
            shards.push(shard);
            texts.push(text);
        }
        let (index, columns) = builder.finish(b.outlines.as_ref(), &core.diagnostics);
        Parts { index, shards, texts, outlines: b.outlines.clone(), columns }
    }

    /// Joins the parts into one in-memory corpus (for the JSON dump and for tests). Geography is
    /// the union of the shards'; diagnostics are the index's, then each plan's.
    pub fn to_bundle(&self) -> Bundle {
        let mut counties: Vec<County> = Vec::new();
        let mut towns: Vec<Town> = Vec::new();
        for s in &self.shards {
            for c in &s.counties {
                if !counties.iter().any(|x| x.adcode == c.adcode) {
                    counties.push(c.clone());
                }
            }
            for t in &s.towns {
                if !towns.contains(t) {
                    towns.push(t.clone());
                }
            }
        }
        counties.sort_by(|a, b| a.adcode.cmp(&b.adcode));
        let mut diagnostics = self.index.diagnostics.clone();
        diagnostics.extend(self.shards.iter().flat_map(|s| s.diagnostics.iter().cloned()));
        let geo = (!counties.is_empty() || !towns.is_empty()).then(|| Geography {
            attribution: self.index.geo_attribution.clone(),
            counties,
            towns,
        });
        Bundle {
            core: Core {
                localities: self.shards.iter().map(|s| s.locality.clone()).collect(),
                diagnostics,
                indicator_keys: self.index.indicator_keys.clone(),
                attribution: self.index.attribution.clone(),
                tour: self.index.tour.clone(),
            },
            geo,
            texts: self
                .index
                .localities
                .iter()
                .zip(&self.texts)
                .map(|(s, t)| PlanText { locality: s.id.clone(), deflated: t.clone() })
                .collect(),
            outlines: self.outlines.clone(),
        }
    }

    /// Every file of a sharded site, by path relative to the index: `index.atlas`, then
    /// `loc/<id>.<hash>.atlas`, `card/<id>.<hash>.atlas`, `text/<id>.<hash>.atlas`, `keys/<key>.<hash>.atlas` and
    /// `outlines.<hash>.atlas`. All but the index may be cached forever.
    pub fn encode_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = vec![(
            INDEX_FILE.to_string(),
            codec::write(FileKind::Index, &[(SectionKind::Index, 0, &to_postcard(&self.index))]),
        )];
        for (i, (summary, shard)) in self.index.localities.iter().zip(&self.shards).enumerate() {
            let payload = to_postcard(shard);
            // Key 0 in a file of its own: the file must not depend on the locality's position, since
            // its name (and so its cache entry) does not.
            files
                .push((shard_path(summary), codec::write(FileKind::Locality, &[(SectionKind::Locality, 0, &payload)])));
            let card = to_postcard(&Card::of(shard));
            files.push((card_path(summary), codec::write(FileKind::Card, &[(SectionKind::Card, 0, &card)])));
            let text = self.texts.get(i).map_or(&[][..], Vec::as_slice);
            files.push((text_path(summary), codec::write(FileKind::Text, &[(SectionKind::Text, 0, text)])));
        }
        for (i, (key, column)) in self.index.indicator_keys.iter().zip(&self.columns).enumerate() {
            if column.values.is_empty() {
                continue;
            }
            let file = self.index.key_files.get(i).copied().unwrap_or_default();
            let payload = to_postcard(column);
            files.push((
                column_path(&key.key, file.hash),
                codec::write(FileKind::Column, &[(SectionKind::Column, 0, &payload)]),
            ));
        }
        if let (Some(o), Some(hash)) = (&self.outlines, self.index.outlines) {
            files.push((
                outlines_path(hash),
                codec::write(FileKind::Outlines, &[(SectionKind::Outlines, 0, &to_postcard(o))]),
            ));
        }
        files
    }

    /// The single-file bundle: the same sections as the site's files, together.
    pub fn encode_single(&self) -> Vec<u8> {
        let index = to_postcard(&self.index);
        let shards: Vec<Vec<u8>> = self.shards.iter().map(to_postcard).collect();
        let cards: Vec<Vec<u8>> = self.shards.iter().map(|s| to_postcard(&Card::of(s))).collect();
        let columns: Vec<Vec<u8>> = self.columns.iter().map(to_postcard).collect();
        let outlines = self.outlines.as_ref().map(to_postcard);
        let mut sections: Vec<(SectionKind, u32, &[u8])> = vec![(SectionKind::Index, 0, &index)];
        sections.extend(shards.iter().enumerate().map(|(i, s)| (SectionKind::Locality, i as u32, s.as_slice())));
        sections.extend(self.texts.iter().enumerate().map(|(i, t)| (SectionKind::Text, i as u32, t.as_slice())));
        sections.extend(cards.iter().enumerate().map(|(i, c)| (SectionKind::Card, i as u32, c.as_slice())));
        sections.extend(
            columns
                .iter()
                .zip(&self.columns)
                .enumerate()
                .filter(|(_, (_, c))| !c.values.is_empty())
                .map(|(i, (bytes, _))| (SectionKind::Column, i as u32, bytes.as_slice())),
        );
        if let Some(o) = &outlines {
            sections.push((SectionKind::Outlines, 0, o));
        }
        codec::write(FileKind::Single, &sections)
    }

    /// Reads a sharded site from its index file's bytes and `fetch`, which returns the bytes of a
    /// file named relative to the index.
    pub fn read_site(index: &[u8], mut fetch: impl FnMut(&str) -> Result<Vec<u8>, String>) -> Result<Parts, String> {
        let index = decode_index(&codec::read(index).map_err(|e| format!("{INDEX_FILE}: {e}"))?)
            .map_err(|e| format!("{INDEX_FILE}: {e}"))?;
        let mut parts = Parts { index: index.clone(), ..Parts::default() };
        for s in &index.localities {
            let path = shard_path(s);
            let bytes = fetch(&path)?;
            let c = codec::read(&bytes).map_err(|e| format!("{path}: {e}"))?;
            parts.shards.push(decode_shard(&c, 0).map_err(|e| format!("{path}: {e}"))?);
            let path = text_path(s);
            let bytes = fetch(&path)?;
            let c = codec::read(&bytes).map_err(|e| format!("{path}: {e}"))?;
            parts.texts.push(text_of(&c, 0).map_err(|e| format!("{path}: {e}"))?.to_vec());
        }
        for (k, f) in index.indicator_keys.iter().zip(&index.key_files) {
            if f.localities == 0 {
                parts.columns.push(KeyColumn { key: k.key.clone(), values: Vec::new() });
                continue;
            }
            let path = column_path(&k.key, f.hash);
            let bytes = fetch(&path)?;
            let c = codec::read(&bytes).map_err(|e| format!("{path}: {e}"))?;
            parts.columns.push(decode_column(&c, 0).map_err(|e| format!("{path}: {e}"))?);
        }
        if let Some(h) = index.outlines {
            let path = outlines_path(h);
            let bytes = fetch(&path)?;
            let c = codec::read(&bytes).map_err(|e| format!("{path}: {e}"))?;
            parts.outlines = Some(decode_outlines(&c).map_err(|e| format!("{path}: {e}"))?);
        }
        Ok(parts)
    }

    /// Reads a single-file bundle: every part must be present and agree with the index.
    pub fn decode_single(bytes: &[u8]) -> Result<Parts, DecodeError> {
        let c = codec::read(bytes)?;
        let index = decode_index(&c)?;
        let n = index.localities.len();
        let mut shards = Vec::with_capacity(n.min(bytes.len()));
        let mut texts = Vec::with_capacity(n.min(bytes.len()));
        for i in 0..n as u32 {
            shards.push(decode_shard(&c, i)?);
            texts.push(text_of(&c, i)?.to_vec());
        }
        let mut columns = Vec::with_capacity(index.indicator_keys.len().min(bytes.len()));
        for (i, key) in index.indicator_keys.iter().enumerate() {
            // A key no locality prints has no column section.
            columns.push(match c.find(SectionKind::Column, i as u32) {
                Some(p) => from_postcard(SectionKind::Column, p)?,
                None => KeyColumn { key: key.key.clone(), values: Vec::new() },
            });
        }
        let outlines = match c.find(SectionKind::Outlines, 0) {
            Some(p) => Some(from_postcard(SectionKind::Outlines, p)?),
            None => None,
        };
        Ok(Parts { index, shards, texts, outlines, columns })
    }
}

/// The index file's name: the one name a site's reader must know.
pub const INDEX_FILE: &str = "index.atlas";

pub fn shard_path(s: &Summary) -> String {
    format!("loc/{}.{:08x}.atlas", s.id, s.hash)
}

pub fn card_path(s: &Summary) -> String {
    format!("card/{}.{:08x}.atlas", s.id, s.hash)
}

pub fn text_path(s: &Summary) -> String {
    format!("text/{}.{:08x}.atlas", s.id, s.hash)
}

pub fn column_path(key: &str, hash: u32) -> String {
    format!("keys/{key}.{hash:08x}.atlas")
}

pub fn outlines_path(hash: u32) -> String {
    format!("outlines.{hash:08x}.atlas")
}

/// The index of an index file or a single-file bundle.
pub fn decode_index(c: &Container) -> Result<Index, DecodeError> {
    let payload = c.find(SectionKind::Index, 0).ok_or(DecodeError::MissingSection(SectionKind::Index))?;
    let index: Index = from_postcard(SectionKind::Index, payload)?;
    let bad = |reason: String| DecodeError::MalformedSection { section: SectionKind::Index as u16, reason };
    if index.key_files.len() != index.indicator_keys.len() {
        return Err(bad("key files do not match the indicator keys".into()));
    }
    if let Some(s) = index.localities.iter().find(|s| s.parent as usize >= index.parents.len()) {
        return Err(bad(format!("locality {} has no parent entry", s.id)));
    }
    Ok(index)
}

/// Section `kind` with key `i` of a single-file bundle, or the one such section of a file of its own.
fn section<'a>(c: &Container<'a>, kind: SectionKind, i: u32) -> Result<&'a [u8], DecodeError> {
    let own_file = c.file_kind != FileKind::Single as u16;
    let found = if own_file { c.of_kind(kind).next().map(|s| s.payload) } else { c.find(kind, i) };
    found.ok_or(DecodeError::MissingSection(kind))
}

/// Locality `i`'s shard, from its shard file or a single-file bundle.
pub fn decode_shard(c: &Container, i: u32) -> Result<Shard, DecodeError> {
    from_postcard(SectionKind::Locality, section(c, SectionKind::Locality, i)?)
}

/// Locality `i`'s card, from its card file or a single-file bundle.
pub fn decode_card(c: &Container, i: u32) -> Result<Card, DecodeError> {
    from_postcard(SectionKind::Card, section(c, SectionKind::Card, i)?)
}

/// Indicator `i`'s column, from its column file or a single-file bundle.
pub fn decode_column(c: &Container, i: u32) -> Result<KeyColumn, DecodeError> {
    from_postcard(SectionKind::Column, section(c, SectionKind::Column, i)?)
}

pub fn decode_outlines(c: &Container) -> Result<Outlines, DecodeError> {
    from_postcard(SectionKind::Outlines, section(c, SectionKind::Outlines, 0)?)
}

/// Locality `i`'s deflated text, from its text file or a single-file bundle.
pub fn text_of<'a>(c: &Container<'a>, i: u32) -> Result<&'a [u8], DecodeError> {
    section(c, SectionKind::Text, i)
}
