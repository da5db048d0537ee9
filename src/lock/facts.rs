//! The facts a section shows, as `path: value` lines: its title and prose
//! (as written, in the document's language) and the data of every block it
//! shows (typed values in canonical form). Templates play no part, so
//! restyling a template or the stylesheet never changes a section's facts;
//! changing what it says always does.

use crate::model::{Document, Facts, Project, Section, Words};

/// One section's facts, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SectionFacts {
    pub id: String,
    pub title: String,
    pub facts: Vec<String>,
}

fn section(p: &Project, d: &Document, s: &Section, words: Words, out: &mut Vec<SectionFacts>) {
    let mut f = Facts::new(d.language.value, p, words);
    f.text("title", &s.title);
    f.opt_text("body", &s.body);
    for b in &s.show {
        p.block_facts(&mut f, d, b);
    }
    f.opt_text("after", &s.after);
    f.references(d);
    out.push(SectionFacts {
        id: s.id.value.0.clone(),
        title: s.title.best(d.language.value).to_string(),
        facts: f.into_lines(),
    });
    for sub in &s.sections {
        section(p, d, sub, words, out);
    }
}

/// The id under which document-wide facts (title, provider) are kept.
pub(crate) const DOCUMENT: &str = "_document";

/// Facts of every section of `d` in `words`, in order; first the document's own.
pub(crate) fn document_facts(p: &Project, d: &Document, words: Words) -> Vec<SectionFacts> {
    let lang = d.language.value;
    let mut f = Facts::new(lang, p, words);
    f.text("title", &d.title);
    f.opt_text("subtitle", &d.subtitle);
    // Only when set, so documents without one keep their fingerprints.
    if let Some(c) = &d.classification {
        f.put("classification", c.value.word());
    }
    if let Some(n) = &d.number {
        f.put("number", n);
    }
    if let Some(pv) = p.provider_of(d) {
        f.text("provider", &pv.name);
    }
    f.references(d);
    let mut out =
        vec![SectionFacts { id: DOCUMENT.into(), title: d.title.best(lang).to_string(), facts: f.into_lines() }];
    for s in &d.sections {
        section(p, d, s, words, &mut out);
    }
    out
}

/// A short, stable fingerprint of a list of facts.
pub(crate) fn fingerprint(facts: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for f in facts {
        h.update(f.as_bytes());
        h.update(b"\n");
    }
    h.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
}
