//! Characters the fonts cannot show. Checked before anything is laid out,
//! so `check` reports them too: a missing glyph must never become a blank
//! box or a silent `.notdef` in a customer's PDF.

use crate::doc::{OriginId, RenderedDocument};
use crate::fonts::{FontKind, FontSet};

/// A character no configured font has, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub ch: char,
    pub origin: Option<OriginId>,
}

/// The characters of `s` as they are drawn: invisible format characters
/// (zero-width space and joiners, word joiner, BOM, soft hyphen) left out,
/// and a combining mark after its base (decomposed text, as macOS writes
/// it) composed into the precomposed letter the font has. Only such pairs
/// are composed: full NFC would also replace the CJK compatibility
/// ideographs some names are written with.
pub fn drawn_chars(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}') {
            continue;
        }
        if let Some(last) = out.last_mut()
            && let Some(composed) = unicode_normalization::char::compose(*last, c)
        {
            *last = composed;
            continue;
        }
        out.push(c);
    }
    out
}

pub fn missing(doc: &RenderedDocument, fonts: &FontSet) -> Vec<Missing> {
    let mut out: Vec<Missing> = Vec::new();
    doc.visit_text(&mut |text, origin| {
        for ch in drawn_chars(text) {
            if ch.is_control() {
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
