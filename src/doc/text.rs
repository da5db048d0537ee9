//! Plain-text views of inline content (for titles, bookmarks, search).

use super::Inline;

/// The text of inlines without markup; soft breaks become spaces.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push(inlines, &mut out);
    out
}

fn push(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Code(c) => out.push_str(c),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) | Inline::Insert(c) => push(c, out),
            Inline::Link(l) => push(&l.children, out),
            Inline::LineBreak | Inline::SoftBreak => out.push(' '),
            Inline::FootnoteRef(_) => {}
        }
    }
}
