//! YAML text → a tree of [`Node`]s that know their spans. Shared below
//! the stages: the loader decodes content from it, the lock reads its file.
//!
//! serde-saphyr does the parsing and enforces resource limits (nesting depth,
//! node count, alias expansion). We deserialize into an untyped tree rather
//! than straight into the model so that decoding can report *every* problem
//! in a file, not just the first one serde would stop at.

// Reads what users write: no panicking index into node lists.
#![deny(clippy::indexing_slicing)]

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned as SaphyrSpanned;
use std::fmt;

use crate::diag::{Code, Diagnostic, Msg};
use crate::source::{FileId, Span};

/// What a plain scalar would have meant to a YAML 1.2 core-schema reader.
/// Decoders use it only to say "expected a duration, found a number".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScalarType {
    String,
    Int,
    Float,
    Bool,
}

impl ScalarType {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            ScalarType::String => "a string",
            ScalarType::Int => "an integer",
            ScalarType::Float => "a number",
            ScalarType::Bool => "a boolean",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum NodeKind {
    Null,
    /// The scalar's text exactly as written for plain scalars (so `1.10`
    /// stays `1.10`), or the decoded string for quoted and block scalars.
    Scalar(String, ScalarType),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

impl Node {
    pub(crate) fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "nothing (null)",
            NodeKind::Scalar(_, t) => t.describe(),
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }

    /// The span of the node's first line: for a mapping, its first key.
    pub(crate) fn head_span(&self) -> Span {
        match &self.kind {
            NodeKind::Map(entries) => entries.first().map_or(self.span, |e| e.key_span),
            NodeKind::Seq(items) => items.first().map_or(self.span, Node::head_span),
            _ => self.span,
        }
    }

    pub(crate) fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(e) => Some(e),
            _ => None,
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key == key)
    }
}

// ---- deserialization into the raw tree ------------------------------------

/// Tree as produced by serde-saphyr, before spans are converted.
enum Raw {
    Null,
    Str(String),
    Other(ScalarType),
    Seq(Vec<SaphyrSpanned<Raw>>),
    Map(Vec<(SaphyrSpanned<String>, SaphyrSpanned<Raw>)>),
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Raw, E> {
        Ok(Raw::Other(ScalarType::Bool))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
        Ok(Raw::Other(ScalarType::Int))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
        Ok(Raw::Other(ScalarType::Int))
    }
    fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
        Ok(Raw::Other(ScalarType::Int))
    }
    fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
        Ok(Raw::Other(ScalarType::Int))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Other(ScalarType::Float))
    }
    fn visit_str<E>(self, s: &str) -> Result<Raw, E> {
        Ok(Raw::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Raw, E> {
        Ok(Raw::Str(s))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Raw, E> {
        Err(E::custom("binary values are not supported"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(x) = a.next_element()? {
            items.push(x);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = a.next_key::<SaphyrSpanned<String>>()? {
            let v = a.next_value()?;
            entries.push((k, v));
        }
        Ok(Raw::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

fn loc_span(file: FileId, loc: &serde_saphyr::Location, text: &str) -> Span {
    let s = loc.span();
    let start = s
        .byte_offset()
        .map(|o| o as usize)
        .unwrap_or_else(|| offset_of(text, loc.line() as usize, loc.column() as usize));
    let len = s.byte_len().unwrap_or(0) as usize;
    let start = start.min(text.len());
    Span::new(file, start..(start + len).min(text.len()))
}

/// Byte offset of a 1-based line and character column.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset + l.char_indices().nth(column.saturating_sub(1)).map(|(b, _)| b).unwrap_or(l.len());
        }
        offset += l.len();
    }
    text.len()
}

fn convert(file: FileId, text: &str, raw: SaphyrSpanned<Raw>, diags: &mut Vec<Diagnostic>) -> Node {
    let span = loc_span(file, &raw.referenced, text);
    let kind = match raw.value {
        Raw::Null => NodeKind::Null,
        // An escape (`"\U000F0001"`) can spell a character the reader refuses
        // in the file itself: report it, and keep it out of the text.
        Raw::Str(s) => match crate::source::find_reserved(&s) {
            Some((_, ch)) => {
                diags.push(Diagnostic::reserved_character(span, ch));
                NodeKind::Scalar(crate::source::without_reserved(&s), ScalarType::String)
            }
            None => NodeKind::Scalar(s, ScalarType::String),
        },
        Raw::Other(t) => {
            // Keep the text as written: `1.10` is a version, not 1.1.
            let defined = loc_span(file, &raw.defined, text);
            let written = text.get(defined.range()).unwrap_or("").trim().to_owned();
            NodeKind::Scalar(written, t)
        }
        Raw::Seq(items) => NodeKind::Seq(items.into_iter().map(|i| convert(file, text, i, diags)).collect()),
        Raw::Map(entries) => {
            let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                let key_span = loc_span(file, &k.referenced, text);
                let value = convert(file, text, v, diags);
                if let Some(first) = out.iter().find(|e| e.key == k.value) {
                    let key = &k.value;
                    diags.push(
                        Diagnostic::new(
                            Code::DuplicateKey,
                            crate::msg!(
                                "key `{key}` appears twice in this mapping",
                                "キー `{key}` がこのマッピングに二度あります"
                            ),
                        )
                        .at(key_span, crate::msg!("second occurrence", "二つ目"))
                        .also(first.key_span, crate::msg!("first occurrence", "一つ目"))
                        .hint(crate::msg!(
                            "remove one of them; YAML keeps only one value per key",
                            "どちらかを削除してください。YAML では一つのキーに一つの値しか指定できません"
                        )),
                    );
                    continue;
                }
                out.push(Entry { key: k.value, key_span, value });
            }
            NodeKind::Map(out)
        }
    };
    let mut node = Node { kind, span };
    widen(&mut node);
    node
}

/// Give containers a span from their start to the end of their last child.
fn widen(node: &mut Node) {
    let end = match &node.kind {
        NodeKind::Seq(items) => items.last().map(|n| n.span.end),
        NodeKind::Map(entries) => entries.last().map(|e| e.value.span.end.max(e.key_span.end)),
        _ => None,
    };
    if let Some(end) = end {
        node.span.end = node.span.end.max(end);
    }
}

/// Deepest nesting accepted in a content file.
pub(crate) const MAX_DEPTH: usize = 32;

/// Parse `text` (already BOM-stripped, `\n` line endings) into a node tree.
/// Problems found while building the tree (duplicate keys) go to `diags`;
/// a file that cannot be parsed at all yields one diagnostic as `Err`.
pub(crate) fn parse(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Result<Node, Diagnostic> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
        // Real content nests about a dozen levels; the parser recurses per level.
        budget: serde_saphyr::budget! { max_depth: MAX_DEPTH },
    };
    match serde_saphyr::from_str_with_options::<SaphyrSpanned<Raw>>(text, options) {
        Ok(raw) => Ok(convert(file, text, raw, diags)),
        Err(e) => Err(error_diagnostic(file, text, &e)),
    }
}

fn error_diagnostic(file: FileId, text: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let opts = serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    };
    let full = e.render_with_options(opts);
    // Drop the "line N column M: " prefix serde-saphyr adds; we show our own.
    let message = strip_location_prefix(&full);
    let span = match e.location() {
        Some(loc) if loc.line() > 0 => {
            let start = offset_of(text, loc.line() as usize, loc.column() as usize);
            let len = text[start..].chars().next().map(|c| if c == '\n' { 0 } else { c.len_utf8() }).unwrap_or(0);
            Span::new(file, start..start + len)
        }
        _ => Span::new(file, 0..0),
    };
    let lower = message.to_lowercase();
    // Point at the tab itself, not the character after it.
    let span = if lower.contains("tab") || tab_at(text, span.start as usize) {
        let line_start = text[..span.start as usize].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        match text[line_start..line_end].find('\t') {
            Some(i) => Span::new(file, line_start + i..line_start + i + 1),
            None => span,
        }
    } else {
        span
    };
    // A full-width space (U+3000) in the indentation confuses the parser a
    // line or two later; point at the space itself and say what it is.
    if let Some(at) = fullwidth_indent_before(text, span.start as usize) {
        return Diagnostic::new(
            Code::YamlSyntax,
            crate::msg!(
                "a full-width space (U+3000, 全角スペース) is used for indentation",
                "インデントに全角スペース（U+3000）が使われています"
            ),
        )
        .at(Span::new(file, at..at + '\u{3000}'.len_utf8()), crate::msg!("full-width space", "全角スペース"))
        .hint(crate::msg!(
            "YAML indentation must use half-width spaces; replace the full-width spaces with ordinary ones",
            "YAML のインデントには半角スペースを使ってください。全角スペースを通常の半角スペースに置き換えてください"
        ));
    }
    let limits = || {
        crate::msg!(
            "kiyaku limits nesting to 32 levels, 250,000 values and the expansion of `*alias` references; split the file or remove the aliases",
            "kiyaku は入れ子を 32 段、値を 250,000 個までに制限し、`*alias` 参照の展開も制限しています。ファイルを分けるか、エイリアスを削除してください"
        )
    };
    // The parser's own message stays as it wrote it; the Japanese says what it is.
    let syntax = |m: String| {
        let ja = format!("YAML の構文エラーです（パーサーの報告: “{m}”）");
        Msg::both(m, ja)
    };
    let (code, message, hint) = match trouble(e) {
        Trouble::Limit((en, ja)) => (Code::YamlLimit, Msg::both(en, ja), limits()),
        Trouble::MultipleDocuments => (
            Code::YamlSyntax,
            crate::msg!(
                "this file holds more than one YAML document (separated by `---`)",
                "このファイルには（`---` で区切られた）複数の YAML 文書があります"
            ),
            crate::msg!(
                "kiyaku reads one document per file: remove the `---` line, or split the file in two",
                "kiyaku は 1 ファイルにつき一つの文書を読みます。`---` の行を削除するか、ファイルを二つに分けてください"
            ),
        ),
        Trouble::NonFinite => (
            Code::YamlSyntax,
            crate::msg!("`.inf` / `.nan` read as a special number", "`.inf` / `.nan` が特殊な数値として読まれました"),
            crate::msg!("if this is text, put it in quotes", "テキストのつもりなら、引用符で囲んでください"),
        ),
        // The parser's own messages carry no type: a tab is recognised
        // in the text itself, and the parser's recursion guard by its words.
        Trouble::Syntax if lower.contains("recursion limit") => (Code::YamlLimit, Msg::both(DEEP.0, DEEP.1), limits()),
        Trouble::Syntax if tab_at(text, span.start as usize) => (
            Code::YamlSyntax,
            syntax(message),
            crate::msg!(
                "YAML indentation must use spaces; replace the tab characters with spaces",
                "YAML のインデントにはスペースを使ってください。タブ文字をスペースに置き換えてください"
            ),
        ),
        Trouble::Syntax => (
            Code::YamlSyntax,
            syntax(message),
            crate::msg!(
                "check the indentation and the quoting around this position",
                "この位置の前後のインデントと引用符を確認してください"
            ),
        ),
    };
    Diagnostic::new(code, message).at(span, crate::msg!("here", "ここ")).hint(hint)
}

/// Too deep a nesting, in English and Japanese.
const DEEP: (&str, &str) = ("the YAML is nested too deeply", "YAML の入れ子が深すぎます");

/// What went wrong, from serde-saphyr's typed error.
enum Trouble {
    /// A resource limit: what was too much, in English and Japanese.
    Limit((&'static str, &'static str)),
    MultipleDocuments,
    NonFinite,
    /// Anything else the parser reports.
    Syntax,
}

fn trouble(e: &serde_saphyr::Error) -> Trouble {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    const ALIASES: (&str, &str) = (
        "aliases in this file expand to too much data",
        "このファイルのエイリアスを展開するとデータが多くなりすぎます",
    );
    match e {
        E::AliasError { error, .. } => trouble(error),
        E::Budget { breach: B::Depth { .. } | B::InclusionDepth { .. }, .. }
        | E::AliasReplayStackDepthExceeded { .. } => Trouble::Limit(DEEP),
        E::Budget { breach: B::Aliases { .. } | B::Anchors { .. }, .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => Trouble::Limit(ALIASES),
        E::Budget { .. } => Trouble::Limit(("the YAML has too many values", "YAML の値が多すぎます")),
        E::MultipleDocuments { .. } => Trouble::MultipleDocuments,
        E::NonFiniteFloat { .. } => Trouble::NonFinite,
        _ => Trouble::Syntax,
    }
}

/// Whether the indentation of the line at `offset` holds a tab.
fn tab_at(text: &str, offset: usize) -> bool {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    line[..indent].contains('\t')
}

/// The first full-width space in the indentation of the line at `offset`
/// or one of the two lines before it.
fn fullwidth_indent_before(text: &str, offset: usize) -> Option<usize> {
    let offset = offset.min(text.len());
    let mut line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    for _ in 0..3 {
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        let indent = line.len() - line.trim_start_matches([' ', '\t', '\u{3000}']).len();
        if let Some(i) = line[..indent].find('\u{3000}') {
            return Some(line_start + i);
        }
        if line_start == 0 {
            break;
        }
        line_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    None
}

fn strip_location_prefix(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_prefix("error: ").unwrap_or(s);
    // "line 3 column 5: message" or "message at line 3 column 5"
    let s = if let Some(rest) = s.strip_prefix("line ") {
        rest.split_once(": ").map(|(_, m)| m).unwrap_or(rest)
    } else {
        s
    };
    let s = match s.rfind(" at line ") {
        Some(i) => &s[..i],
        None => s,
    };
    s.lines().next().unwrap_or(s).to_string()
}
