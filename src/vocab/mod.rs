//! Shared vocabulary, below every stage: the languages kiyaku writes,
//! dates, the generated words of each language ([`Label`]), HTML escaping,
//! messages in both languages ([`Msg`]), the site's path scheme ([`SitePaths`]), the project's file layout
//! ([`ProjectPaths`]) and the PDF standards ([`PdfStandards`]). Stages exchange these typed, never as strings.

mod date;
mod escape;
mod labels;
mod lang;
mod msg;
mod paths;
mod pdf;

pub use date::Date;
pub(crate) use escape::{escape_html, escape_html_into};
pub(crate) use labels::{Label, all_labels, builtin_types, type_label};
pub use lang::Lang;
pub(crate) use msg::joined;
pub use msg::{Msg, message_lang};
pub(crate) use paths::{ProjectPaths, SitePaths};
pub(crate) use pdf::{Archival, PdfStandard, PdfStandards};

/// Why a value could not be parsed, and how to write it instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: Msg,
    pub hint: Option<Msg>,
}

impl ParseError {
    pub fn new(message: impl Into<Msg>) -> Self {
        ParseError { message: message.into(), hint: None }
    }

    pub fn hint(mut self, hint: impl Into<Msg>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Full-width digits and letters (common in Japanese input) to ASCII,
/// and the ideographic space to a plain one.
pub fn normalize_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// The scheme of a URL (`https` of `https://…`, `javascript`), if the text
/// before its first `:` is one.
pub(crate) fn url_scheme(dest: &str) -> Option<&str> {
    let scheme = &dest[..dest.find(':')?];
    let valid = !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// A colour mixed with white, `share` of it kept: the light tint a brand
/// colour shades table headers with (the PDF's and the pages' alike).
pub(crate) fn tint((r, g, b): (u8, u8, u8), share: f32) -> (u8, u8, u8) {
    let mix = |c: u8| (255.0 - (255.0 - f32::from(c)) * share).round() as u8;
    (mix(r), mix(g), mix(b))
}

/// How much of the brand colour the table header tint keeps.
pub(crate) const SHADE_SHARE: f32 = 0.09;

/// The contrast ratio of a colour against white, as WCAG 2 defines it
/// (1 to 21): the brand colour must reach 4.5 to set text.
pub(crate) fn contrast_on_white((r, g, b): (u8, u8, u8)) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    1.05 / (luminance + 0.05)
}

#[cfg(test)]
mod contrast_tests {
    use super::*;

    #[test]
    fn contrast_is_wcags() {
        assert!((contrast_on_white((0, 0, 0)) - 21.0).abs() < 0.01);
        assert!((contrast_on_white((255, 255, 255)) - 1.0).abs() < 0.01);
        // #767676 is the lightest grey that passes AA on white.
        assert!(contrast_on_white((0x76, 0x76, 0x76)) >= 4.5);
        assert!(contrast_on_white((0x77, 0x77, 0x77)) < 4.5);
    }
}
