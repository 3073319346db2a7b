//! The places a reader may say an added plan is about, from the registry the build serves beside
//! the page (`registry/`, `docs/BUNDLE.md`) or the offline file carries: the provinces from its
//! index, then the prefectures and counties of the province chosen, from that province's part.
//! Read when the review's picker opens, each file once.

use atlas_data::registry::{decode_index, decode_part, part_path, ProvinceEntry, REGISTRY_INDEX};
use std::cell::RefCell;
use std::collections::HashMap;

/// A unit a plan may be about: its adcode and its name, and the prefecture it lies in (empty for
/// the province and its prefectures), for grouping.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub adcode: String,
    pub name: String,
    pub group: String,
}

thread_local! {
    static PROVINCES: RefCell<Option<Vec<ProvinceEntry>>> = const { RefCell::new(None) };
    static UNITS: RefCell<HashMap<String, Vec<Place>>> = RefCell::new(HashMap::new());
}

/// The registry's provinces. `Err` when the page has no registry (the offline file, a host that
/// does not serve it): the reader then types the place.
pub async fn provinces() -> Result<Vec<ProvinceEntry>, String> {
    if let Some(p) = PROVINCES.with(|p| p.borrow().clone()) {
        return Ok(p);
    }
    let bytes = registry_file(REGISTRY_INDEX).await?;
    let index = decode_index(&bytes).map_err(|e| format!("the place registry cannot be read: {e}"))?;
    PROVINCES.with(|p| *p.borrow_mut() = Some(index.provinces.clone()));
    Ok(index.provinces)
}

/// The province `adcode` itself, its prefectures and its counties, each prefecture followed by its
/// counties, in adcode order.
pub async fn units(province: &str) -> Result<Vec<Place>, String> {
    if let Some(u) = UNITS.with(|u| u.borrow().get(province).cloned()) {
        return Ok(u);
    }
    let entry = provinces()
        .await?
        .into_iter()
        .find(|p| p.adcode == province)
        .ok_or_else(|| format!("no province {province} in the registry"))?;
    let part = decode_part(&registry_file(&part_path(&entry)).await?)
        .map_err(|e| format!("the registry's part for {} cannot be read: {e}", entry.name))?;
    let names: HashMap<&str, &str> = part.prefectures.iter().map(|p| (p.adcode.as_str(), p.name.as_str())).collect();
    let mut places =
        vec![Place { adcode: part.province.adcode.clone(), name: part.province.name.clone(), group: String::new() }];
    places.extend(part.prefectures.iter().map(|p| Place {
        adcode: p.adcode.clone(),
        name: p.name.clone(),
        group: String::new(),
    }));
    places.extend(part.counties.iter().map(|c| Place {
        adcode: c.adcode.clone(),
        name: c.name.clone(),
        group: names.get(c.prefecture.as_str()).map_or_else(|| part.province.name.clone(), |n| n.to_string()),
    }));
    crate::sort::sort_by(&mut places, |a, b| (!a.group.is_empty(), &a.adcode).cmp(&(!b.group.is_empty(), &b.adcode)));
    UNITS.with(|u| u.borrow_mut().insert(province.to_string(), places.clone()));
    Ok(places)
}

/// The province an adcode lies in (`430321` → `430000`).
pub fn province_of(adcode: &str) -> Option<String> {
    (adcode.len() == 6 && adcode.is_ascii()).then(|| format!("{}0000", &adcode[..2]))
}

/// A file of the registry: from the page's own copy in the offline file, else fetched.
async fn registry_file(path: &str) -> Result<Vec<u8>, String> {
    match super::embedded::registry().await {
        Some(files) => files?.get(path).cloned().ok_or_else(|| format!("{path} is not in this file's registry")),
        None => crate::load::fetch_bytes(&super::page_url(&format!("{}{path}", super::REGISTRY))).await,
    }
}
