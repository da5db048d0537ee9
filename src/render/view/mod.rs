//! View models: what a document template sees. Built per document, in the
//! document's language, with every typed value already rendered as text
//! and every prose value tagged with its origin.

mod catalog;
mod document;
mod fmt;
mod programme;
mod service;

pub(crate) use document::document_context;

use super::origin::Origins;
use crate::model::values::Lang;
use crate::model::{Project, ReleasedTitles, Text};
use crate::vocab::Label;

/// Context for building one document's views.
pub(crate) struct ViewCx<'a> {
    pub project: &'a Project,
    /// Titles the lock knows of sections removed since their release.
    pub released: &'a ReleasedTitles,
    pub lang: Lang,
    pub origins: Origins,
}

impl<'a> ViewCx<'a> {
    /// A text value, tagged with its origin.
    pub(crate) fn t(&mut self, t: &Text) -> String {
        self.origins.text(t, self.lang)
    }

    pub(crate) fn t_opt(&mut self, t: &Option<Text>) -> Option<String> {
        t.as_ref().map(|t| self.t(t))
    }

    pub(crate) fn t_list(&mut self, list: &[Text]) -> Vec<String> {
        list.iter().map(|t| self.t(t)).collect()
    }

    /// A label in the document's language: the project's word, else kiyaku's.
    pub(crate) fn label(&self, label: Label) -> &'a str {
        self.project.site.label(label, self.lang)
    }
}
