//! Documents: which sections in which order, in which language, and their
//! revision history.

use super::values::{Date, Id, Lang, Version};
use super::{BlockKind, Ref, Text};
use crate::source::{FileId, Span, Spanned};

/// One entry of a section's `show:`.
#[derive(Clone, Debug)]
pub struct BlockRef {
    pub block: Spanned<BlockKind>,
    pub target: Option<Ref>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Section {
    pub id: Spanned<Id>,
    pub title: Text,
    /// Markdown shown before the blocks.
    pub body: Option<Text>,
    pub show: Vec<BlockRef>,
    /// Markdown shown after the blocks.
    pub after: Option<Text>,
    pub sections: Vec<Section>,
    /// Not numbered (and not counted) in the section numbering.
    pub unnumbered: bool,
    pub span: Span,
}

impl Section {
    /// This section and all sections below it, depth first.
    pub fn walk<'a>(&'a self, out: &mut Vec<&'a Section>) {
        out.push(self);
        for s in &self.sections {
            s.walk(out);
        }
    }
}

/// What the lock says that rendering needs: the titles of sections as
/// last released (a revision entry about a section removed since can still
/// name it), and the comparisons a build publishes (a revision entry links
/// its version's). Read from the lock and handed to rendering; nothing else
/// changes.
#[derive(Clone, Debug, Default)]
pub struct Releases {
    /// (document, section) → the title a removed section was last released with.
    pub titles: std::collections::BTreeMap<(String, String), String>,
    /// (document, version) → the id of the published comparison that
    /// version is the newer side of.
    pub comparisons: std::collections::BTreeMap<(String, String), String>,
}

impl Releases {
    pub fn get(&self, document: &str, section: &str) -> Option<&str> {
        self.titles.get(&(document.to_string(), section.to_string())).map(String::as_str)
    }

    pub fn comparison(&self, document: &str, version: &str) -> Option<&str> {
        self.comparisons.get(&(document.to_string(), version.to_string())).map(String::as_str)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Modified,
    Added,
    Removed,
}

#[derive(Clone, Debug)]
pub struct Change {
    /// Sections touched; empty for a change to the document as a whole.
    pub sections: Vec<Ref>,
    pub kind: ChangeKind,
    pub summary: Text,
    /// Title of a removed section, if the lock file does not know it.
    pub title: Option<Text>,
    /// A remark for the 備考 column of the version's comparison.
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Revision {
    pub version: Spanned<Version>,
    pub date: Spanned<Date>,
    pub author: Option<Text>,
    pub approver: Option<Text>,
    /// When this version takes effect (施行日), if not on its date.
    pub effective: Option<Spanned<Date>>,
    pub changes: Vec<Change>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub id: Spanned<Id>,
    /// The template that lays the document out: `security-whitepaper`,
    /// `support-guide`, `sla`, `service-specification`, or a project's own.
    pub doc_type: Spanned<Id>,
    pub title: Text,
    pub subtitle: Option<Text>,
    pub language: Spanned<Lang>,
    pub version: Spanned<Version>,
    pub date: Option<Spanned<Date>>,
    pub service: Option<Ref>,
    pub programme: Option<Ref>,
    pub provider: Option<Ref>,
    /// Provider contact printed at the end of the document.
    pub contact: Option<Ref>,
    pub sections: Vec<Section>,
    /// Oldest first.
    pub revisions: Vec<Revision>,
    /// Publish a 新旧対照表 with the site for each pair of consecutive
    /// releases in the lock (`comparisons: true`).
    pub comparisons: bool,
    /// Who may read it (`classification:`), printed on every page.
    pub classification: Option<Spanned<Classification>>,
    /// The document number the company files it under (`number:`).
    pub number: Option<String>,
    /// The document this one translates (`translation_of:`): the two
    /// link to each other as editions.
    pub translation_of: Option<Ref>,
    /// Whether the YAML has revision entries (some may not have decoded).
    pub revisions_written: bool,
    /// Some entries did not decode (their errors say why): checks of the
    /// history as a whole would only report that they are missing.
    pub revisions_dropped: bool,
    /// The document's own facts and tables.
    pub custom: crate::model::custom::Custom,
    pub file: FileId,
}

impl Document {
    /// All sections, depth first.
    pub fn all_sections(&self) -> Vec<&Section> {
        let mut out = Vec::new();
        for s in &self.sections {
            s.walk(&mut out);
        }
        out
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.all_sections().into_iter().find(|s| s.id.as_str() == id)
    }

    pub fn latest_revision(&self) -> Option<&Revision> {
        self.revisions.last()
    }

    /// The document's date: as written, or the latest revision's.
    pub fn effective_date(&self) -> Option<Date> {
        self.date.as_ref().map(|d| d.value).or_else(|| self.latest_revision().map(|r| r.date.value))
    }
}

/// How far a document may travel: the mark printed on every page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Classification {
    Public,
    /// 社内限り.
    Internal,
    /// 社外秘.
    Confidential,
    /// 取扱注意.
    Restricted,
}

impl Classification {
    pub const ALL: [Classification; 4] =
        [Classification::Public, Classification::Internal, Classification::Confidential, Classification::Restricted];

    /// As written in YAML.
    pub fn word(self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Internal => "internal",
            Classification::Confidential => "confidential",
            Classification::Restricted => "restricted",
        }
    }

    /// The word, or the Japanese mark users also write (`社外秘`).
    pub fn parse(s: &str) -> Option<Classification> {
        let s = s.trim();
        Classification::ALL.into_iter().find(|c| {
            c.word().eq_ignore_ascii_case(s) || crate::vocab::Label::from(*c).text(crate::vocab::Lang::Ja) == s
        })
    }

    /// Whether it stays off the index page unless the project lists it.
    pub fn is_confidential(self) -> bool {
        self != Classification::Public
    }
}

impl From<Classification> for crate::vocab::Label {
    fn from(c: Classification) -> crate::vocab::Label {
        match c {
            Classification::Public => crate::vocab::Label::ClassPublic,
            Classification::Internal => crate::vocab::Label::ClassInternal,
            Classification::Confidential => crate::vocab::Label::ClassConfidential,
            Classification::Restricted => crate::vocab::Label::ClassRestricted,
        }
    }
}
