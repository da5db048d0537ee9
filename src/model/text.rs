//! Localised Markdown text.

use super::values::Lang;
use crate::source::Span;

/// One language's version of a text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextVariant {
    pub lang: Lang,
    /// Markdown source.
    pub text: String,
    pub span: Span,
}

/// Prose written in one or more languages. A plain YAML string is in the
/// file's language; a mapping (`{ja: …, en: …}`) gives each language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Text {
    /// Never empty.
    pub variants: Vec<TextVariant>,
    /// The whole YAML value.
    pub span: Span,
}

impl Text {
    pub fn get(&self, lang: Lang) -> Option<&TextVariant> {
        self.variants.iter().find(|v| v.lang == lang)
    }

    /// The variant to show when `lang` is missing: the first one written.
    pub fn first(&self) -> &TextVariant {
        &self.variants[0]
    }

    /// The text in `lang`, or the first variant if there is none.
    pub fn best(&self, lang: Lang) -> &str {
        &self.get(lang).unwrap_or_else(|| self.first()).text
    }
}
