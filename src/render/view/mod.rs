//! View models: what a document template sees. Built per document, in the
//! document's language, with every typed value already rendered as text
//! and every prose value tagged with its origin.

mod catalog;
mod custom;
mod document;
mod fmt;
mod programme;
mod service;

pub(crate) use document::document_context;

use super::origin::Origins;
use crate::diag::Diagnostic;
use crate::doc::OriginId;
use crate::model::values::Lang;
use crate::model::{Document, Project, Releases, Text};
use crate::source::{Sources, Span};
use crate::vocab::Label;

/// Context for building one document's views.
pub(crate) struct ViewCx<'a> {
    pub project: &'a Project,
    /// Titles the lock knows of sections removed since their release.
    pub released: &'a Releases,
    pub lang: Lang,
    pub origins: Origins,
    /// The document being viewed: fact references resolve from it.
    pub doc: &'a Document,
    /// To point at a reference inside the YAML value it was written in.
    pub sources: &'a Sources,
    /// Problems with fact references, each with the origin of the text it
    /// is about (`None`: not tied to one): the view holds every text of the
    /// service and programme, and only those the template prints count.
    pub diags: Vec<(Option<OriginId>, Diagnostic)>,
    /// Where each custom fact or table shown is defined, likewise.
    pub shown: Vec<(Option<OriginId>, Span)>,
    /// Prose values as written (for the prose check), with their origin.
    pub prose: Vec<(OriginId, String, Span)>,
    /// Off while the revision history is viewed: a change's summary may
    /// say a figure was changed from one value to another.
    pub prose_check: bool,
}

impl<'a> ViewCx<'a> {
    /// A text value, tagged with its origin.
    pub(crate) fn t(&mut self, t: &Text) -> String {
        let id = self.origins.next_id();
        let (d, s) = (self.diags.len(), self.shown.len());
        let (v, missing) = custom::variant(self, t, id);
        // What substituting found belongs to this text: it counts only if printed.
        for e in self.diags.iter_mut().skip(d) {
            e.0 = Some(id);
        }
        for e in self.shown.iter_mut().skip(s) {
            e.0 = Some(id);
        }
        self.origins.tag(&v.text, v.span, missing)
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
