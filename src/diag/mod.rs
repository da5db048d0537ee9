//! Diagnostics for the user's content: what is wrong, where, and how to fix it.
//!
//! Every stage pushes [`Diagnostic`]s into a [`Diagnostics`] collector instead
//! of stopping at the first problem; the CLI renders them all at the end as
//! human text ([`render::human`]), JSON lines ([`render::json_line`]) or
//! GitHub workflow commands ([`render::github`]).

mod accept;
mod code;
pub mod render;

pub use crate::vocab::{Msg, message_lang};
pub use accept::Acceptance;
pub use code::{Class, Code, Severity};

use crate::source::{Sources, Span};

/// A span with a message, shown under the source line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    pub span: Span,
    pub message: Msg,
}

/// One finding about the user's content.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: Msg,
    /// Where the problem is. `None` only for findings about the project as a whole.
    pub primary: Option<Label>,
    /// Other places involved (the first definition of a duplicate id, …).
    pub secondary: Vec<Label>,
    /// How to fix it ("did you mean `premium`?").
    pub hint: Option<Msg>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<Msg>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            hint: None,
        }
    }

    /// Point at `span`, with an optional short label.
    pub fn at(mut self, span: Span, label: impl Into<Msg>) -> Self {
        self.primary = Some(Label { span, message: label.into() });
        self
    }

    pub fn also(mut self, span: Span, label: impl Into<Msg>) -> Self {
        self.secondary.push(Label { span, message: label.into() });
        self
    }

    pub fn hint(mut self, hint: impl Into<Msg>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint<M: Into<Msg>>(mut self, hint: Option<M>) -> Self {
        if let Some(h) = hint {
            self.hint = Some(h.into());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: file name, position, code.
    fn sort_key<'a>(&self, sources: &'a Sources) -> (Option<&'a str>, u32, u32, Code) {
        match &self.primary {
            Some(l) => (sources.try_get(l.span.file).map(|f| f.name.as_str()), l.span.start, l.span.end, self.code),
            None => (None, 0, 0, self.code),
        }
    }
}

/// A finding the author accepted in the YAML with a written reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub diagnostic: Diagnostic,
    pub reason: String,
    pub accept_span: Span,
}

/// Collector of diagnostics for one run.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    accepted: Vec<Accepted>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.accepted.extend(other.accepted);
    }

    pub fn accept(&mut self, a: Accepted) {
        self.accepted.push(a);
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn accepted(&self) -> &[Accepted] {
        &self.accepted
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Whether any finding is about the environment (exit status 2).
    pub fn has_environment_errors(&self) -> bool {
        self.items.iter().any(|d| d.code.class() == Class::Environment)
    }

    /// Whether the run fails: errors, or warnings under `--strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.has_errors() || (strict && !self.items.is_empty())
    }

    /// Sort by file and position and drop exact repeats (the same shared
    /// value reported from two documents).
    pub fn finish(&mut self, sources: &Sources) {
        self.items
            .sort_by(|a, b| a.sort_key(sources).cmp(&b.sort_key(sources)).then_with(|| a.message.cmp(&b.message)));
        self.items.dedup();
        self.accepted.sort_by(|a, b| a.diagnostic.sort_key(sources).cmp(&b.diagnostic.sort_key(sources)));
        self.accepted.dedup();
    }

    pub fn into_items(self) -> Vec<Diagnostic> {
        self.items
    }
}

/// The candidate closest to `word`, if any is close enough to suggest.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase());
        if score > 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// "did you mean `x`?" or a list of what is allowed.
pub fn suggestion(word: &str, candidates: &[&str]) -> Option<Msg> {
    if let Some(best) = did_you_mean(word, candidates.iter().copied()) {
        return Some(crate::msg!("did you mean `{best}`?", "`{best}` の誤りではありませんか？"));
    }
    if candidates.is_empty() {
        return None;
    }
    if let [only] = candidates {
        return Some(crate::msg!("expected `{only}`", "`{only}` と書いてください"));
    }
    if candidates.len() <= 12 {
        let list = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>();
        let (en, ja) = crate::vocab::joined(&list);
        Some(crate::msg!("expected one of {en}", "{ja} のいずれかを書いてください"))
    } else {
        None
    }
}

impl Diagnostic {
    /// E0131: a reserved character in text (see `source::RESERVED`).
    pub fn reserved_character(at: Span, ch: char) -> Diagnostic {
        Diagnostic::new(
            Code::ReservedCharacter,
            crate::msg!(
                "U+{:04X} is a private-use character kiyaku reserves for itself",
                "U+{:04X} は kiyaku が内部用に予約している私用領域の文字です",
                ch as u32
            ),
        )
        .at(at, crate::msg!("reserved character", "予約された文字"))
        .hint(crate::msg!(
            "remove it: kiyaku uses U+F0000–U+F000F internally to track where text came from (other private-use characters, such as gaiji in U+E000–U+F8FF, are fine)",
            "削除してください。kiyaku は U+F0000–U+F000F を、テキストの出どころを追跡するために内部で使います（U+E000–U+F8FF の外字など、ほかの私用領域の文字は使えます）"
        ))
    }
}
