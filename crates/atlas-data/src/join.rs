//! A corpus with plans a reader added in the browser joined to it: the widget shows the joined
//! corpus, and *Download bundle* saves the added plans alone. An added plan of a place and period
//! the corpus holds already takes that plan's place (the reader's text wins); removing it shows
//! the corpus's own again.

use crate::{Bundle, Geography, Outline, Outlines};

impl Bundle {
    /// This corpus with the localities of `added` (each a corpus compiled from one added file)
    /// joined after its own, their texts, diagnostics, geography, county outlines and indicator
    /// keys with them.
    pub fn join(&self, added: &[Bundle]) -> Bundle {
        let mut out = self.clone();
        for a in added {
            for l in &a.core.localities {
                if let Some(at) = out.core.localities.iter().position(|x| x.id == l.id) {
                    let old = out.core.localities.remove(at);
                    out.core.diagnostics.retain(|d| d.file != old.source);
                    out.texts.retain(|t| t.locality != old.id);
                }
                out.core.localities.push(l.clone());
                // Its plan's diagnostics; those about the build it came from stay there.
                out.core.diagnostics.extend(a.core.diagnostics.iter().filter(|d| d.file == l.source).cloned());
            }
            out.texts.extend(a.texts.iter().cloned());
            for key in &a.core.indicator_keys {
                if !out.core.indicator_keys.iter().any(|k| k.key == key.key) {
                    out.core.indicator_keys.push(key.clone());
                }
            }
            for line in &a.core.attribution {
                if !out.core.attribution.contains(line) {
                    out.core.attribution.push(line.clone());
                }
            }
            if let Some(geo) = &a.geo {
                join_geography(
                    out.geo.get_or_insert_with(|| Geography {
                        attribution: geo.attribution.clone(),
                        ..Geography::default()
                    }),
                    geo,
                );
            }
            if let Some(outlines) = &a.outlines {
                match &mut out.outlines {
                    Some(own) => join_outlines(own, outlines),
                    None => out.outlines = Some(outlines.clone()),
                }
            }
        }
        out
    }
}

fn join_geography(own: &mut Geography, other: &Geography) {
    for c in &other.counties {
        if !own.counties.iter().any(|x| x.adcode == c.adcode) {
            own.counties.push(c.clone());
        }
    }
    own.counties.sort_by(|a, b| a.adcode.cmp(&b.adcode));
    for t in &other.towns {
        if !own.towns.contains(t) {
            own.towns.push(t.clone());
        }
    }
}

/// Adds the counties `own` lacks, coded at its own step.
fn join_outlines(own: &mut Outlines, other: &Outlines) {
    for o in &other.counties {
        if !own.counties.iter().any(|x| x.adcode == o.adcode) {
            let points = o.points(other.step);
            own.counties.push(Outline::new(o.adcode.clone(), o.name.clone(), &points, own.step));
        }
    }
    own.counties.sort_by(|a, b| a.adcode.cmp(&b.adcode));
}
