//! The layout's structure as krilla's tag tree, the standards as krilla's
//! configuration, and krilla's validation errors in words a user can act on.

use std::num::{NonZeroU16, NonZeroU32};
use std::ops::Range;

use krilla::configure::{Accessibility, Archival as KArchival, Configuration, ConfigurationBuilder, ValidationError};
use krilla::error::KrillaError;
use krilla::tagging::{Identifier, ListNumbering as KNumbering, Node, TableHeaderScope, Tag, TagGroup, TagKind};

use crate::layout::tags::{Child, ListNumbering, NodeId, Role};
use crate::layout::{TagTree, TextRun};
use crate::vocab::{Archival, Lang, PdfStandards};

/// The validators (and so the PDF version) for `standards`.
pub(super) fn configuration(standards: PdfStandards) -> anyhow::Result<Configuration> {
    let mut b = ConfigurationBuilder::new();
    if standards.ua1 {
        b = b.with_accessibility_validator(Accessibility::UA1);
    }
    if let Some(a) = standards.archival {
        b = b.with_archival_validator(match a {
            Archival::A2a => KArchival::A2_A,
            Archival::A2b => KArchival::A2_B,
            Archival::A2u => KArchival::A2_U,
            Archival::A3a => KArchival::A3_A,
            Archival::A3b => KArchival::A3_B,
            Archival::A3u => KArchival::A3_U,
        });
    }
    b.finish().map_err(|e| anyhow::anyhow!("these PDF standards cannot be combined: {e:?}"))
}

/// What a link's annotation says it is.
pub(super) fn link_alt(tree: &TagTree, node: NodeId) -> Option<String> {
    match &tree.node(node)?.role {
        Role::Link { alt } if !alt.is_empty() => Some(alt.clone()),
        _ => None,
    }
}

fn kind(role: &Role) -> TagKind {
    match role {
        Role::Title => Tag::Title.into(),
        Role::Section => Tag::Section.into(),
        Role::Heading { level, title } => {
            let level = NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN);
            // PDF/UA wants every heading titled.
            let title = if title.trim().is_empty() { format!("H{level}") } else { title.clone() };
            Tag::Hn(level, Some(title)).into()
        }
        Role::Paragraph => Tag::P.into(),
        Role::List { numbering } => Tag::L(match numbering {
            ListNumbering::None => KNumbering::None,
            ListNumbering::Bullet => KNumbering::Disc,
            ListNumbering::Decimal => KNumbering::Decimal,
        })
        .into(),
        Role::ListItem => Tag::LI.into(),
        Role::Label => Tag::Lbl.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::Table => Tag::Table.into(),
        Role::Caption => Tag::Caption.into(),
        Role::TableHead => Tag::THead.into(),
        Role::TableBody => Tag::TBody.into(),
        Role::TableRow => Tag::TR.into(),
        Role::ColumnHeader => Tag::TH(TableHeaderScope::Column).into(),
        Role::DataCell { rows } => Tag::TD.with_row_span(NonZeroU32::new(*rows).filter(|r| r.get() > 1)).into(),
        Role::Division => Tag::Div.into(),
        Role::Figure { alt } => Tag::Figure(Some(alt.clone())).into(),
        Role::Code => Tag::Code.into(),
        Role::Link { .. } => Tag::Link.into(),
        Role::Note => Tag::Note.into(),
        Role::TableOfContents => Tag::TOC.into(),
        Role::TableOfContentsItem => Tag::TOCI.into(),
        Role::Reference => Tag::Reference.into(),
    }
}

/// krilla's tag tree: the layout's groups, with the marked-content
/// identifiers of each leaf (`content`, by leaf) and the link annotations
/// of each group (`annotations`, by node). Every identifier is used once.
pub(super) fn tree(
    tags: &TagTree,
    mut content: Vec<Vec<Identifier>>,
    mut annotations: Vec<Vec<Identifier>>,
) -> krilla::tagging::TagTree {
    struct Cx<'a> {
        tags: &'a TagTree,
        content: &'a mut Vec<Vec<Identifier>>,
        annotations: &'a mut Vec<Vec<Identifier>>,
    }
    fn children(cx: &mut Cx, list: &[Child], out: &mut Vec<Node>) {
        for c in list {
            match *c {
                Child::Content(id) => {
                    if let Some(ids) = cx.content.get_mut(id as usize) {
                        out.extend(ids.drain(..).map(Node::Leaf));
                    }
                }
                Child::Node(n) => {
                    let Some(node) = cx.tags.node(n) else { continue };
                    let mut group = TagGroup::new(kind(&node.role));
                    children(cx, &node.children, &mut group.children);
                    if let Some(ids) = cx.annotations.get_mut(n as usize) {
                        group.children.extend(ids.drain(..).map(Node::Leaf));
                    }
                    out.push(Node::Group(group));
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut cx = Cx { tags, content: &mut content, annotations: &mut annotations };
    children(&mut cx, &tags.root, &mut out);
    krilla::tagging::TagTree::from(out)
}

/// A run cut where its language changes: each stretch with the language
/// it is in, `None` where that is the document's. Japanese in an English
/// document and English phrases in a Japanese one are the other language.
pub(super) fn language_spans(run: &TextRun, doc: Lang) -> Vec<(Range<usize>, Option<Lang>)> {
    let chars: Vec<char> = run.chars.iter().map(|c| c.0).collect();
    let (other, found) = match doc {
        Lang::En => (Lang::Ja, crate::cjk::japanese_spans(&chars)),
        Lang::Ja => (Lang::En, crate::cjk::english_phrases(&chars)),
    };
    let mut out = Vec::new();
    let mut at = 0;
    for r in found {
        if r.start > at {
            out.push((at..r.start, None));
        }
        at = r.end;
        out.push((r, Some(other)));
    }
    if at < chars.len() || out.is_empty() {
        out.push((at..chars.len(), None));
    }
    out
}

/// krilla's error, said so that the user can act on it.
pub(super) fn explain(e: &KrillaError) -> String {
    let KrillaError::Validation(errors) = e else { return format!("PDF: {e}") };
    let mut lines: Vec<String> = Vec::new();
    for line in errors.iter().map(|(v, _)| validation(v)) {
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    format!(
        "the PDF does not meet the standards it claims:\n  - {}\n  (the standards are set by `pdf: standards:` in kiyaku.yaml; `[]` claims none)",
        lines.join("\n  - ")
    )
}

fn validation(v: &ValidationError) -> String {
    match v {
        ValidationError::RestrictedLicense(_) => {
            "a font's licence does not allow embedding, which PDF/A requires: use another font, or claim no PDF/A"
                .into()
        }
        ValidationError::ContainsNotDefGlyph(_, _, text) => {
            format!("the font has no glyph for {text:?}: use a font that has one, or rewrite the text")
        }
        ValidationError::NoCodepointMapping(..) | ValidationError::InvalidCodepointMapping(..) => {
            "a glyph has no Unicode text, so its text cannot be read back".into()
        }
        ValidationError::UnicodePrivateArea(..) => {
            "a character of the Unicode private use area is shown, which has no meaning a reader can speak".into()
        }
        ValidationError::NoDocumentTitle => "the document has no title".into(),
        ValidationError::NoDocumentLanguage => "the document has no language".into(),
        other => format!("krilla's validator: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontKind;
    use crate::layout::{BLACK, Mark};

    fn run(s: &str) -> TextRun {
        TextRun {
            x: 0.0,
            y: 0.0,
            font: FontKind::Regular,
            size: 10.0,
            color: BLACK,
            rise: 0.0,
            oblique: false,
            chars: s.chars().map(|c| (c, 5.0, 0.0)).collect(),
            origins: vec![None; s.chars().count()],
            mark: Mark::Unassigned,
        }
    }

    #[test]
    fn language_spans_mark_the_other_language() {
        let spans = language_spans(&run("Provided by 株式会社テスト."), Lang::En);
        assert_eq!(spans, vec![(0..12, None), (12..19, Some(Lang::Ja)), (19..20, None)]);
        assert_eq!(language_spans(&run("本書の Service Level Agreement を"), Lang::Ja)[1], (4..27, Some(Lang::En)));
        assert_eq!(language_spans(&run("本文"), Lang::Ja), vec![(0..2, None)]);
        // A full-width space or bracket alone is not Japanese text.
        assert_eq!(language_spans(&run("1\u{3000}Review"), Lang::En), vec![(0..8, None)]);
        assert_eq!(language_spans(&run("（注）"), Lang::En), vec![(0..1, None), (1..2, Some(Lang::Ja)), (2..3, None)]);
    }
}
