//! The rendered document: kiyaku's own block tree, built from Markdown and
//! consumed by both the HTML writer and the PDF layout engine, so the two
//! outputs cannot disagree.
//!
//! Sections are numbered here (1, 1.1, …); links are resolved in place by
//! [`crate::render::links`]. Inline text remembers which YAML value it came
//! from ([`OriginId`]) so later stages can point diagnostics at the source.

use crate::source::Span;
use crate::vocab::{Date, Lang};

mod text;

pub use text::plain_text;

/// Index into [`RenderedDocument::origins`].
pub type OriginId = u32;

/// Where a piece of rendered text came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The YAML text value.
    pub span: Span,
    /// Set when the value has no text in the document's language and
    /// another language's text stands in.
    pub missing_lang: Option<Lang>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// Where a link points, once resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// A section (or the top) of a document of this site; `doc` is `None`
    /// for the same document.
    Internal { doc: Option<String>, section: Option<String> },
    /// http(s) or mailto.
    External(String),
    /// Not resolvable; already reported. Rendered as plain text.
    Broken,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The destination as written.
    pub dest: String,
    pub target: LinkTarget,
    pub children: Vec<Inline>,
    pub origin: Option<OriginId>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        origin: Option<OriginId>,
    },
    Code(String),
    Strong(Vec<Inline>),
    Emph(Vec<Inline>),
    Strike(Vec<Inline>),
    /// Wording a comparison shows as inserted: underlined.
    Insert(Vec<Inline>),
    Link(Link),
    /// A hard line break (`<br>` in a table cell, two trailing spaces).
    LineBreak,
    /// A line break in the source; a space (or nothing, between CJK) when shown.
    SoftBreak,
    /// Reference to footnote number `n` (1-based, document-wide).
    FootnoteRef(u32),
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into(), origin: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub caption: Option<Vec<Inline>>,
    pub align: Vec<Align>,
    /// Header rows (Markdown gives one).
    pub head: Vec<Vec<Vec<Inline>>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// Body cells merged with the cell above (a block's group label over
    /// the rows it heads): `(row, column)` of each cell so continued, in
    /// order. Written `^^` in a Markdown cell.
    pub continued: Vec<(usize, usize)>,
    /// Each column's share of the width, when the table sets them (a
    /// comparison's 改定前 and 改定後 equal); empty: sized from content.
    pub widths: Vec<f32>,
}

impl Table {
    pub fn columns(&self) -> usize {
        self.head.iter().chain(self.rows.iter()).map(|r| r.len()).max().unwrap_or(0)
    }

    /// How many body rows the cell at `row`, `column` spans: 0 if it
    /// continues the cell above, else 1 and one more for each row below
    /// that continues it.
    pub fn row_span(&self, row: usize, column: usize) -> usize {
        if self.is_continued(row, column) {
            return 0;
        }
        1 + (row + 1..self.rows.len()).take_while(|r| self.is_continued(*r, column)).count()
    }

    pub fn is_continued(&self, row: usize, column: usize) -> bool {
        self.continued.binary_search(&(row, column)).is_ok()
    }
}

/// What a Markdown table cell holds to continue the cell above it.
pub const CONTINUED_CELL: &str = "^^";

#[derive(Clone, Debug, PartialEq)]
pub struct DefItem {
    pub term: Vec<Inline>,
    pub definitions: Vec<Vec<Block>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RenderedSection {
    pub id: String,
    /// "1", "2.1"; `None` for unnumbered sections.
    pub number: Option<String>,
    /// 1 for chapters.
    pub level: u8,
    pub title: Vec<Inline>,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Section(RenderedSection),
    Paragraph(Vec<Inline>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Table(Table),
    /// A block quote: shown as a note.
    Note(Vec<Block>),
    DefinitionList(Vec<DefItem>),
    Code(String),
    Rule,
    /// Raw HTML, kept only when the site allows it (the PDF skips it).
    Html(String),
    /// An image in a paragraph of its own: a numbered figure.
    Figure(Figure),
}

/// A numbered figure: `![alt](src "caption"){#id}` alone in a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// What a link to it names (`[](#id)`); `None`: not referred to.
    pub id: Option<String>,
    /// 1-based, in document order.
    pub number: u32,
    /// The source as written.
    pub src: String,
    /// What the figure shows, for screen readers and the PDF's Alt.
    pub alt: String,
    /// The caption after 「図 1」 (may be empty).
    pub caption: Vec<Inline>,
    /// The figure's word and number, 「図 1」 / "Figure 1".
    pub label: String,
    /// Between the label and the caption: a full-width space in
    /// Japanese, a colon and space in English.
    pub separator: &'static str,
    pub origin: Option<OriginId>,
    /// The file, read and checked; `None` where it could not be (already
    /// reported): the alt text is shown instead.
    pub image: Option<std::sync::Arc<crate::image::ImageFile>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Footnote {
    pub number: u32,
    pub blocks: Vec<Block>,
}

/// Facts about a document shown around its content (cover, header, footer).
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    pub id: String,
    pub doc_type: String,
    /// "セキュリティホワイトペーパー" / "Security whitepaper".
    pub type_label: String,
    pub lang: Lang,
    pub title: String,
    pub subtitle: Option<String>,
    pub version: String,
    /// The document's date (as written, or its latest revision's).
    pub date: Option<Date>,
    pub provider: Option<String>,
    pub service: Option<String>,
    pub programme: Option<String>,
    /// The classification mark (社外秘, Confidential, …) in the document's
    /// language, printed on every page; `None` for an unmarked document.
    pub classification: Option<String>,
    /// The document number (`number:`), printed on every page.
    pub number: Option<String>,
    /// The words the cover, contents and running footer use, in the
    /// document's language (the project's own, where it gave them).
    pub words: FrontWords,
    /// The provider's logo, colour and footer line (the site's where the
    /// provider gives none).
    pub brand: Brand,
}

/// How the document looks as its provider's (`model::ShownBrand`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Brand {
    pub logo: Option<std::sync::Arc<crate::image::ImageFile>>,
    /// What the logo says, for screen readers: the provider's name.
    pub logo_alt: String,
    /// Red, green and blue.
    pub accent: Option<(u8, u8, u8)>,
    pub footer: Option<String>,
    /// A band of the brand colour across the top of the cover (else a
    /// white cover).
    pub banded_cover: bool,
}

/// The words of a document's furniture.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontWords {
    pub contents: String,
    pub version: String,
    pub issued: String,
    pub provider: String,
    pub document_id: String,
    pub document_number: String,
}

/// Entry of the flat list of sections, in document order.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    pub id: String,
    pub number: Option<String>,
    pub level: u8,
    pub title: Vec<Inline>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RenderedDocument {
    pub meta: Meta,
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    pub origins: Vec<Origin>,
}

impl RenderedDocument {
    /// Every section, depth first.
    pub fn headings(&self) -> Vec<Heading> {
        fn walk(blocks: &[Block], out: &mut Vec<Heading>) {
            for b in blocks {
                if let Block::Section(s) = b {
                    out.push(Heading {
                        id: s.id.clone(),
                        number: s.number.clone(),
                        level: s.level,
                        title: s.title.clone(),
                    });
                    walk(&s.blocks, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, &mut out);
        out
    }

    /// Visit every block mutably, depth first (sections, list items, notes,
    /// definitions, footnotes).
    pub fn visit_blocks_mut(&mut self, f: &mut impl FnMut(&mut Block)) {
        fn walk(blocks: &mut [Block], f: &mut impl FnMut(&mut Block)) {
            for b in blocks {
                f(b);
                match b {
                    Block::Section(s) => walk(&mut s.blocks, f),
                    Block::List { items, .. } => items.iter_mut().for_each(|i| walk(i, f)),
                    Block::Note(bs) => walk(bs, f),
                    Block::DefinitionList(items) => {
                        for i in items {
                            i.definitions.iter_mut().for_each(|d| walk(d, f));
                        }
                    }
                    _ => {}
                }
            }
        }
        walk(&mut self.blocks, f);
        for n in &mut self.footnotes {
            walk(&mut n.blocks, f);
        }
    }

    /// Visit every inline sequence mutably (paragraphs, titles, cells, terms…).
    pub fn visit_inlines_mut(&mut self, f: &mut impl FnMut(&mut Vec<Inline>)) {
        self.visit_blocks_mut(&mut |b| match b {
            Block::Section(s) => f(&mut s.title),
            Block::Paragraph(i) => f(i),
            Block::Table(t) => {
                if let Some(c) = &mut t.caption {
                    f(c);
                }
                for row in t.head.iter_mut().chain(t.rows.iter_mut()) {
                    for cell in row {
                        f(cell);
                    }
                }
            }
            Block::DefinitionList(items) => items.iter_mut().for_each(|i| f(&mut i.term)),
            Block::Figure(fig) => f(&mut fig.caption),
            _ => {}
        });
    }
}

impl RenderedDocument {
    /// Every figure, in document order.
    pub fn figures(&self) -> Vec<&Figure> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Figure>) {
            for b in blocks {
                match b {
                    Block::Figure(f) => out.push(f),
                    Block::Section(s) => walk(&s.blocks, out),
                    Block::List { items, .. } => items.iter().for_each(|i| walk(i, out)),
                    Block::Note(bs) => walk(bs, out),
                    Block::DefinitionList(items) => {
                        items.iter().flat_map(|i| &i.definitions).for_each(|d| walk(d, out));
                    }
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, &mut out);
        for n in &self.footnotes {
            walk(&n.blocks, &mut out);
        }
        out
    }

    /// Every piece of text in the document with its origin, in order.
    pub fn visit_text(&self, f: &mut impl FnMut(&str, Option<OriginId>)) {
        fn inl(i: &[Inline], f: &mut impl FnMut(&str, Option<OriginId>)) {
            for x in i {
                match x {
                    Inline::Text { text, origin } => f(text, *origin),
                    Inline::Code(c) => f(c, None),
                    Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) | Inline::Insert(c) => inl(c, f),
                    Inline::Link(l) => inl(&l.children, f),
                    _ => {}
                }
            }
        }
        fn blocks(b: &[Block], f: &mut impl FnMut(&str, Option<OriginId>)) {
            for x in b {
                match x {
                    Block::Section(s) => {
                        inl(&s.title, f);
                        blocks(&s.blocks, f);
                    }
                    Block::Paragraph(i) => inl(i, f),
                    Block::List { items, .. } => items.iter().for_each(|i| blocks(i, f)),
                    Block::Table(t) => {
                        if let Some(c) = &t.caption {
                            inl(c, f);
                        }
                        for row in t.head.iter().chain(t.rows.iter()) {
                            for cell in row {
                                inl(cell, f);
                            }
                        }
                    }
                    Block::Note(b) => blocks(b, f),
                    Block::DefinitionList(items) => {
                        for i in items {
                            inl(&i.term, f);
                            i.definitions.iter().for_each(|d| blocks(d, f));
                        }
                    }
                    Block::Code(c) => f(c, None),
                    Block::Figure(fig) => inl(&fig.caption, f),
                    Block::Rule | Block::Html(_) => {}
                }
            }
        }
        f(&self.meta.title, None);
        if let Some(s) = &self.meta.subtitle {
            f(s, None);
        }
        if let Some(p) = &self.meta.provider {
            f(p, None);
        }
        blocks(&self.blocks, f);
        for n in &self.footnotes {
            blocks(&n.blocks, f);
        }
    }
}
