//! Facts the built-in schema does not name: a project's own typed facts
//! (`facts:`) and tables (`tables:`), which any document, service,
//! programme or provider can carry. Prose shows them by reference
//! (`[](=max-contacts)`, see [`refs`]); a `table` block shows a table.
//! Their values are typed like built-in ones, so they are rendered in the
//! document's language, locked and compared like them.

mod refs;
mod value;

pub use refs::{FactOwner, FactPath, FactRef, FoundRef, RefError, Resolved, code_spans, find_refs};
pub use value::{Value, ValueKind, ValueType};

use super::Text;
use super::values::Id;
use crate::source::{Span, Spanned};

/// One fact of a project's own: `{id: max-contacts, label: …, count: 8, unit: 名}`.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomFact {
    pub id: Spanned<Id>,
    pub label: Text,
    pub ty: ValueType,
    pub value: Spanned<Value>,
    pub span: Span,
}

/// A table of typed rows: columns declare a type, every cell is checked
/// against it.
#[derive(Clone, Debug, PartialEq)]
pub struct UserTable {
    pub id: Spanned<Id>,
    /// The caption.
    pub title: Option<Text>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Shown under the table.
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub id: Spanned<Id>,
    pub label: Text,
    pub ty: ValueType,
    pub span: Span,
}

/// A row: one cell per column, in column order; `None` where the row
/// leaves a column out (shown as a dash).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: Spanned<Id>,
    pub cells: Vec<Option<Spanned<Value>>>,
    pub span: Span,
}

/// The custom facts and tables of one document, service, programme or provider.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Custom {
    pub facts: Vec<CustomFact>,
    pub tables: Vec<UserTable>,
    /// Ids of facts and tables written but not read (their errors say
    /// why): references to them are not reported again.
    pub unreadable: Vec<String>,
}

impl Custom {
    pub fn fact(&self, id: &str) -> Option<&CustomFact> {
        self.facts.iter().find(|f| f.id.as_str() == id)
    }

    pub fn table(&self, id: &str) -> Option<&UserTable> {
        self.tables.iter().find(|t| t.id.as_str() == id)
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty() && self.tables.is_empty()
    }
}

impl UserTable {
    pub fn column_index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id.as_str() == id)
    }

    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id.as_str() == id)
    }
}
