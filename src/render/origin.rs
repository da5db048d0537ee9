//! Origin tags: how rendered text remembers the YAML value it came from.
//!
//! A text value handed to a template is wrapped as
//! `OPEN id SEP text CLOSE`, with characters from Unicode's supplementary
//! private use area that no author types and that Tera and pulldown-cmark
//! pass through untouched. The Markdown reader strips the tags again and
//! attaches the id to the text and links between them; the id indexes the
//! document's origin table (span of the value, missing translation).

use crate::doc::{Origin, OriginId};
use crate::model::Text;
use crate::model::values::Lang;
use crate::source::{Sources, Span};

pub(crate) const OPEN: char = '\u{F0000}';
pub(crate) const SEP: char = '\u{F0001}';
pub(crate) const CLOSE: char = '\u{F0002}';

// The loader refuses text holding reserved characters, so these never occur in content.
const _: () = assert!(
    *crate::source::RESERVED.start() as u32 <= OPEN as u32 && CLOSE as u32 <= *crate::source::RESERVED.end() as u32
);

pub(crate) fn is_tag_char(c: char) -> bool {
    matches!(c, OPEN | SEP | CLOSE)
}

/// The origin table of one document being rendered.
#[derive(Debug, Default)]
pub(crate) struct Origins {
    list: Vec<Origin>,
}

impl Origins {
    /// The id the next tag will get.
    pub(crate) fn next_id(&self) -> OriginId {
        self.list.len() as OriginId
    }

    /// Wrap `text` in a tag recording where it came from.
    pub(crate) fn tag(&mut self, text: &str, span: Span, missing_lang: Option<Lang>) -> String {
        let id = self.list.len();
        self.list.push(Origin { span, missing_lang });
        let mut s = String::with_capacity(text.len() + 12);
        s.push(OPEN);
        s.push_str(&id.to_string());
        s.push(SEP);
        s.push_str(text);
        s.push(CLOSE);
        s
    }

    /// The text of `t` in `lang`, tagged; a missing translation falls back
    /// to the first language written and is flagged for a diagnostic.
    pub(crate) fn text(&mut self, t: &Text, lang: Lang) -> String {
        match t.get(lang) {
            Some(v) => self.tag(&v.text, v.span, None),
            None => {
                let v = t.first();
                self.tag(&v.text, v.span, Some(lang))
            }
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Origin> {
        self.list
    }
}

/// A tag-aware reader over a stream of text pieces.
#[derive(Debug, Default)]
pub(crate) struct TagScanner {
    stack: Vec<OriginId>,
    /// Digits of an id being read (between OPEN and SEP).
    reading: Option<String>,
}

impl TagScanner {
    /// The innermost origin open at this point.
    pub(crate) fn current(&self) -> Option<OriginId> {
        self.stack.last().copied()
    }

    /// Split `s` into runs of plain text, each with the origin open at its
    /// start; tags are consumed.
    pub(crate) fn feed(&mut self, s: &str) -> Vec<(String, Option<OriginId>)> {
        let mut out: Vec<(String, Option<OriginId>)> = Vec::new();
        let mut cur = String::new();
        for c in s.chars() {
            if let Some(digits) = &mut self.reading {
                if c == SEP {
                    let id = digits.parse().unwrap_or(u32::MAX);
                    self.stack.push(id);
                    self.reading = None;
                } else if c.is_ascii_digit() {
                    digits.push(c);
                } else {
                    // Not a tag after all: drop the partial id.
                    self.reading = None;
                    cur.push(c);
                }
                continue;
            }
            match c {
                OPEN => {
                    if !cur.is_empty() {
                        out.push((std::mem::take(&mut cur), self.current()));
                    }
                    self.reading = Some(String::new());
                }
                CLOSE => {
                    if !cur.is_empty() {
                        out.push((std::mem::take(&mut cur), self.current()));
                    }
                    self.stack.pop();
                }
                SEP => {}
                _ => cur.push(c),
            }
        }
        if !cur.is_empty() {
            out.push((cur, self.current()));
        }
        out
    }
}

/// `s` without any origin tags, and the first origin opened in it.
pub(crate) fn strip_tags(s: &str) -> (String, Option<OriginId>) {
    if !s.chars().any(is_tag_char) {
        return (s.to_string(), None);
    }
    let mut scanner = TagScanner::default();
    let mut first = None;
    let mut text = String::new();
    for (t, o) in scanner.feed(s) {
        if first.is_none() {
            first = o;
        }
        text.push_str(&t);
    }
    (text, first)
}

/// Where the `nth` (from 0) occurrence of `needle` in a value's text is in
/// the YAML source of the value at `span` (the same occurrence, since
/// refolding a value changes its line breaks, not its words); the whole
/// value when it is not found there.
pub(crate) fn locate_nth(sources: &Sources, span: Span, needle: &str, nth: usize) -> Span {
    if needle.is_empty() {
        return span;
    }
    match sources.text(span).match_indices(needle).nth(nth) {
        Some((i, _)) => span.sub(i, needle.len()),
        None => span,
    }
}

/// How many times `needle` occurs in `text` before byte `end`.
pub(crate) fn occurrences_before(text: &str, needle: &str, end: usize) -> usize {
    if needle.is_empty() {
        return 0;
    }
    text.get(..end).map_or(0, |t| t.matches(needle).count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn round_trip() {
        let mut o = Origins::default();
        let span = Span::new(FileId(0), 3..9);
        let a = o.tag("hello", span, None);
        let b = o.tag("world", span, None);
        let mut s = TagScanner::default();
        let runs = s.feed(&format!("x {a} y {b}"));
        assert_eq!(
            runs,
            vec![
                ("x ".to_string(), None),
                ("hello".to_string(), Some(0)),
                (" y ".to_string(), None),
                ("world".to_string(), Some(1))
            ]
        );
        assert_eq!(strip_tags(&a), ("hello".to_string(), Some(0)));
    }

    #[test]
    fn split_across_pieces() {
        let mut o = Origins::default();
        let t = o.tag("abc", Span::default(), None);
        let (p1, p2) = t.split_at(OPEN.len_utf8() + 1);
        let mut s = TagScanner::default();
        let mut runs = s.feed(p1);
        runs.extend(s.feed(p2));
        assert_eq!(runs, vec![("abc".to_string(), Some(0))]);
    }
}
