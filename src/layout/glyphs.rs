//! Characters the fonts cannot show. Checked before anything is laid out,
//! so `check` reports them too: a missing glyph must never become a blank
//! box or a silent `.notdef` in a customer's PDF.

use crate::doc::{Document, OriginId};
use crate::fonts::{FontKind, FontSet};

/// A character no configured font has, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub ch: char,
    pub origin: Option<OriginId>,
}

pub fn missing(doc: &Document, fonts: &FontSet) -> Vec<Missing> {
    let mut out: Vec<Missing> = Vec::new();
    doc.visit_text(&mut |text, origin| {
        for ch in text.chars() {
            if ch.is_control() || ch == '\u{200b}' {
                continue;
            }
            let has = fonts.advance(FontKind::Regular, ch).is_some() && fonts.advance(FontKind::Bold, ch).is_some();
            if !has && !out.iter().any(|m| m.ch == ch && m.origin == origin) {
                out.push(Missing { ch, origin });
            }
        }
    });
    out
}
