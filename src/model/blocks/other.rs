//! Blocks whose data is not the document's service or programme.

use super::{BlockArgument, BlockData, BlockSpec, TargetKind, found, missing};
use crate::model::custom::{FactPath, FactRef, UserTable};
use crate::model::{BlockStatus, Contact, Document, Project};

pub(super) const GLOSSARY: BlockSpec = BlockSpec {
    name: "glossary",
    argument: Some(BlockArgument {
        target: TargetKind::Glossary,
        required: true,
        candidates: |p, _| Some(p.glossaries.iter().map(|g| g.id.as_str()).collect()),
    }),
    data: BlockData::Document {
        status: |p, _, t| found(t.is_some_and(|t| p.glossary(t).is_some())),
        facts: |f, _, target| {
            let Some(g) = target.and_then(|id| f.project.glossary(id)) else { return };
            for t in &g.terms {
                let k = format!("glossary {} / {}", g.id.value, t.id.value);
                f.text(&format!("{k} / term"), &t.term);
                if let Some(r) = &t.reading {
                    f.put(&format!("{k} / reading"), &r.value);
                }
                f.text(&format!("{k} / definition"), &t.definition);
            }
        },
    },
};

pub(super) const REVISION_HISTORY: BlockSpec = BlockSpec {
    name: "revision-history",
    argument: None,
    data: BlockData::Document {
        status: |_, _, _| BlockStatus::Ready,
        // The revision history is the record of changes, not content.
        facts: |_, _, _| {},
    },
};

/// The contact a `contact` block shows: the one named, else the
/// document's `contact:`, else the provider's first.
pub fn shown_contact<'a>(p: &'a Project, d: &'a Document, target: Option<&str>) -> Option<&'a Contact> {
    let pv = p.provider_of(d)?;
    match target.or(d.contact.as_ref().map(|c| c.as_str())) {
        Some(id) => pv.contacts.iter().find(|c| c.id.as_str() == id),
        None => pv.contacts.first(),
    }
}

pub(super) const CONTACT: BlockSpec = BlockSpec {
    name: "contact",
    argument: Some(BlockArgument {
        target: TargetKind::Contact,
        required: false,
        candidates: |p, d| p.provider_of(d).map(|pv| pv.contacts.iter().map(|c| c.id.as_str()).collect()),
    }),
    data: BlockData::Document {
        status: |p, d, t| match p.provider_of(d) {
            None => BlockStatus::NoProvider,
            Some(pv) => match t {
                Some(t) => found(pv.contacts.iter().any(|c| c.id.as_str() == t)),
                None => missing(pv.contacts.is_empty(), "provider's `contacts`"),
            },
        },
        facts: |f, d, target| {
            let Some(c) = shown_contact(f.project, d, target) else { return };
            f.text("contact / name", &c.name);
            for (k, v) in [("email", &c.email), ("phone", &c.phone), ("url", &c.url)] {
                if let Some(v) = v {
                    f.put(&format!("contact / {k}"), &v.value);
                }
            }
        },
    },
};

/// The table `id` as document `d` sees it: its own, else its service's,
/// programme's or provider's.
pub fn shown_table<'a>(p: &'a Project, d: &'a Document, id: &str) -> Option<&'a UserTable> {
    p.fact_scopes(d).into_iter().find_map(|(_, c)| c.table(id))
}

pub(super) const TABLE: BlockSpec = BlockSpec {
    name: "table",
    argument: Some(BlockArgument {
        target: TargetKind::Table,
        required: true,
        candidates: |p, d| {
            Some(p.fact_scopes(d).into_iter().flat_map(|(_, c)| c.tables.iter().map(|t| t.id.as_str())).collect())
        },
    }),
    data: BlockData::Document {
        status: |p, d, t| found(t.is_some_and(|t| shown_table(p, d, t).is_some())),
        facts: |f, d, target| {
            let Some(t) = target.and_then(|id| shown_table(f.project, d, id)) else { return };
            let k = format!("table {}", t.id.value);
            f.opt_text(&format!("{k} / title"), &t.title);
            for c in &t.columns {
                f.text(&format!("{k} / columns / {}", c.id.value), &c.label);
            }
            for r in &t.rows {
                for c in &t.columns {
                    let path = FactRef {
                        owner: None,
                        path: FactPath::Cell { table: t.id.as_str(), row: r.id.as_str(), column: c.id.as_str() },
                    };
                    if let Ok(cell) = f.project.resolve_fact(d, &path) {
                        f.custom_value(&format!("{k} / {} / {}", r.id.value, c.id.value), &cell);
                    }
                }
            }
            f.opt_text(&format!("{k} / note"), &t.note);
        },
    },
};
