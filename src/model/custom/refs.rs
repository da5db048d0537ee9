//! References to custom facts from prose: `[](=max-contacts)` shows the
//! value of fact `max-contacts`, `[](=credits/band-1/credit)` a table
//! cell. A reference is resolved in the document that shows it: the
//! document's own facts first, then its service's, its programme's and its
//! provider's; `[](=provider:max-contacts)` names where to look.

// Reads what users write: no indexing that could panic on odd input.
#![deny(clippy::indexing_slicing)]

use std::ops::Range;

use super::{Custom, Value, ValueType};
use crate::model::{Document, Project, Text};
use crate::source::Span;

/// Whose facts a reference looks in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FactOwner {
    Document,
    Service,
    Programme,
    Provider,
}

impl FactOwner {
    pub const ALL: [FactOwner; 4] =
        [FactOwner::Document, FactOwner::Service, FactOwner::Programme, FactOwner::Provider];

    pub fn word(self) -> &'static str {
        match self {
            FactOwner::Document => "document",
            FactOwner::Service => "service",
            FactOwner::Programme => "programme",
            FactOwner::Provider => "provider",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactPath<'a> {
    Fact(&'a str),
    Cell { table: &'a str, row: &'a str, column: &'a str },
}

/// A parsed reference (what follows the `=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FactRef<'a> {
    pub owner: Option<FactOwner>,
    pub path: FactPath<'a>,
}

/// Why a reference cannot be resolved, with what it could have named
/// (the render stage words the diagnostic).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefError<'a> {
    /// Not `id`, `owner:id` or `table/row/column`.
    Syntax(&'a str),
    /// `table/row` without a column.
    NoColumn(&'a str),
    UnknownOwner(&'a str),
    /// The document has no service (programme, provider) to look in.
    NoOwner(FactOwner),
    UnknownFact {
        id: &'a str,
        candidates: Vec<&'a str>,
        is_table: bool,
        /// Where a fact of that id is, when a qualified reference looked elsewhere.
        elsewhere: Option<FactOwner>,
    },
    UnknownTable {
        table: &'a str,
        candidates: Vec<&'a str>,
    },
    UnknownRow {
        table: &'a str,
        row: &'a str,
        candidates: Vec<&'a str>,
    },
    UnknownColumn {
        table: &'a str,
        column: &'a str,
        candidates: Vec<&'a str>,
    },
    /// The fact or table was written but could not be read (already reported).
    Unreadable,
}

impl<'a> FactRef<'a> {
    /// `max-contacts`, `provider:max-contacts`, `credits/band-1/credit`.
    pub fn parse(s: &'a str) -> Result<FactRef<'a>, RefError<'a>> {
        let (owner, rest) = match s.split_once(':') {
            Some((o, rest)) => match FactOwner::ALL.into_iter().find(|w| w.word() == o) {
                Some(w) => (Some(w), rest),
                None => return Err(RefError::UnknownOwner(o)),
            },
            None => (None, s),
        };
        let parts: Vec<&str> = rest.split('/').collect();
        let valid = |p: &str| crate::model::values::Id::parse(p).is_ok_and(|id| id.as_str() == p);
        let path = match parts.as_slice() {
            [id] if valid(id) => FactPath::Fact(id),
            [table, row, column] if valid(table) && valid(row) && valid(column) => {
                FactPath::Cell { table, row, column }
            }
            [table, row] if valid(table) && valid(row) => return Err(RefError::NoColumn(s)),
            _ => return Err(RefError::Syntax(s)),
        };
        Ok(FactRef { owner, path })
    }
}

/// What a reference resolved to.
pub struct Resolved<'a> {
    pub owner: FactOwner,
    /// The fact's label, or the column's.
    pub label: &'a Text,
    pub ty: &'a ValueType,
    /// `None` for a cell the row leaves empty.
    pub value: Option<&'a Value>,
    /// Where the fact, or the table, is defined: what counts as shown.
    pub defined: Span,
}

impl Project {
    /// The places a document's references look, nearest first.
    pub fn fact_scopes<'a>(&'a self, d: &'a Document) -> Vec<(FactOwner, &'a Custom)> {
        let mut out = vec![(FactOwner::Document, &d.custom)];
        if let Some(s) = self.service_of(d) {
            out.push((FactOwner::Service, &s.custom));
        }
        if let Some(p) = self.programme_of(d) {
            out.push((FactOwner::Programme, &p.custom));
        }
        if let Some(p) = self.provider_of(d) {
            out.push((FactOwner::Provider, &p.custom));
        }
        out
    }

    /// Resolve `r` as document `d` sees it.
    pub fn resolve_fact<'a>(&'a self, d: &'a Document, r: &FactRef<'a>) -> Result<Resolved<'a>, RefError<'a>> {
        let scopes: Vec<(FactOwner, &Custom)> = match r.owner {
            None => self.fact_scopes(d),
            Some(o) => match self.fact_scopes(d).into_iter().find(|(w, _)| *w == o) {
                Some(s) => vec![s],
                None => return Err(RefError::NoOwner(o)),
            },
        };
        match r.path {
            FactPath::Fact(id) => {
                for (owner, c) in &scopes {
                    if let Some(f) = c.fact(id) {
                        return Ok(Resolved {
                            owner: *owner,
                            label: &f.label,
                            ty: &f.ty,
                            value: Some(&f.value.value),
                            defined: f.id.span,
                        });
                    }
                }
                if scopes.iter().any(|(_, c)| c.unreadable.iter().any(|u| u == id)) {
                    return Err(RefError::Unreadable);
                }
                let elsewhere = r
                    .owner
                    .and_then(|_| self.fact_scopes(d).into_iter().find(|(_, c)| c.fact(id).is_some()).map(|(o, _)| o));
                Err(RefError::UnknownFact {
                    id,
                    candidates: scopes.iter().flat_map(|(_, c)| c.facts.iter().map(|f| f.id.as_str())).collect(),
                    is_table: scopes.iter().any(|(_, c)| c.table(id).is_some()),
                    elsewhere,
                })
            }
            FactPath::Cell { table, row, column } => {
                let Some((owner, t)) = scopes.iter().find_map(|(o, c)| c.table(table).map(|t| (*o, t))) else {
                    if scopes.iter().any(|(_, c)| c.unreadable.iter().any(|u| u == table)) {
                        return Err(RefError::Unreadable);
                    }
                    return Err(RefError::UnknownTable {
                        table,
                        candidates: scopes.iter().flat_map(|(_, c)| c.tables.iter().map(|t| t.id.as_str())).collect(),
                    });
                };
                let Some(rw) = t.row(row) else {
                    return Err(RefError::UnknownRow {
                        table,
                        row,
                        candidates: t.rows.iter().map(|r| r.id.as_str()).collect(),
                    });
                };
                let column_error = || RefError::UnknownColumn {
                    table,
                    column,
                    candidates: t.columns.iter().map(|c| c.id.as_str()).collect(),
                };
                let ci = t.column_index(column).ok_or_else(column_error)?;
                let col = t.columns.get(ci).ok_or_else(column_error)?;
                let value = rw.cells.get(ci).and_then(|c| c.as_ref()).map(|c| &c.value);
                Ok(Resolved { owner, label: &col.label, ty: &col.ty, value, defined: t.id.span })
            }
        }
    }
}

/// A reference found in Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundRef<'a> {
    /// The whole `[…](=…)`.
    pub range: Range<usize>,
    /// What follows the `=`.
    pub dest: &'a str,
    /// Text written between the brackets (a reference takes none).
    pub text: &'a str,
}

/// Every `[…](=…)` in `text`, outside code spans and escapes.
pub fn find_refs(text: &str) -> Vec<FoundRef<'_>> {
    scan(text).1
}

/// The code spans of `text` (backticks included), as Markdown reads them:
/// a span ends at the next run of as many backticks.
pub fn code_spans(text: &str) -> Vec<Range<usize>> {
    scan(text).0
}

/// One pass over Markdown text: its code spans, and the references outside them.
fn scan(text: &str) -> (Vec<Range<usize>>, Vec<FoundRef<'_>>) {
    let bytes = text.as_bytes();
    let (mut spans, mut out) = (Vec::new(), Vec::new());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'`' => {
                let run = bytes.get(i..).map_or(0, |r| r.iter().take_while(|c| **c == b'`').count());
                let fence = "`".repeat(run);
                i = match text.get(i + run..).and_then(|r| r.find(&fence)) {
                    Some(end) => {
                        spans.push(i..i + run + end + run);
                        i + run + end + run
                    }
                    None => i + run,
                };
            }
            b'[' => match ref_at(text, i) {
                Some(found) => {
                    i = found.range.end;
                    out.push(found);
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    (spans, out)
}

/// A reference starting at `start` (a `[`), if there is one.
fn ref_at(text: &str, start: usize) -> Option<FoundRef<'_>> {
    let rest = text.get(start + 1..)?;
    let close = rest.find(']')?;
    let inner = rest.get(..close)?;
    if inner.contains('[') {
        return None;
    }
    // `( =id )` reads as `(=id)`, as Markdown trims a destination.
    let open = rest.get(close + 1..)?.strip_prefix('(')?;
    let lead = open.len() - open.trim_start().len();
    let after = open.trim_start().strip_prefix('=')?;
    let end = after.find(')')?;
    let dest = after.get(..end)?.trim_end();
    if dest.chars().any(char::is_whitespace) {
        return None;
    }
    let total = 1 + close + 1 + 1 + lead + 1 + end + 1;
    Some(FoundRef { range: start..start + total, dest, text: inner })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn finds_references_outside_code() {
        let t = "上限は[](=max-contacts)です。`[](=not-this)` と \\[](=nor-this) [x](=labelled)";
        let found: Vec<(&str, &str)> = find_refs(t).iter().map(|f| (f.dest, f.text)).collect();
        assert_eq!(found, [("max-contacts", ""), ("labelled", "x")]);
        let f = &find_refs("a [](=t/r/c) b")[0];
        assert_eq!(f.range, 2..12);
        assert!(find_refs("[](#section) [](doc) [](=two words)").is_empty());
        let spaced = find_refs("a [](  =id ) b");
        assert_eq!((spaced[0].dest, spaced[0].range.clone()), ("id", 2..12));
        assert_eq!(find_refs("[](=)")[0].dest, "");
    }

    #[test]
    fn parses_paths() {
        assert_eq!(FactRef::parse("max").unwrap(), FactRef { owner: None, path: FactPath::Fact("max") });
        assert_eq!(
            FactRef::parse("provider:t/r/c").unwrap(),
            FactRef { owner: Some(FactOwner::Provider), path: FactPath::Cell { table: "t", row: "r", column: "c" } }
        );
        for bad in ["", "a/b", "Max", "vendor:x", "a/b/c/d", "a//c"] {
            assert!(FactRef::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(FactRef::parse("servce:x").unwrap_err(), RefError::UnknownOwner("servce"));
    }
}
