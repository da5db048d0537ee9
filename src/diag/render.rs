//! Rendering diagnostics: human text (codespan-reporting), JSON lines, and
//! GitHub Actions workflow commands.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term;
use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::source::{FileId, Sources, Span};
use crate::vocab::Lang;

/// The word before a hint.
fn help_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ヒント",
        Lang::En => "help",
    }
}

/// Where a span is, in the terms a person uses: file, 1-based line and
/// column (in characters), and where it ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn of(sources: &Sources, span: Span) -> Option<Location> {
        let f = sources.try_get(span.file)?;
        let (line, column) = f.line_col(span.start as usize);
        let (end_line, end_column) = f.line_col(span.end as usize);
        Some(Location { file: f.name.clone(), line, column, end_line, end_column })
    }
}

fn to_codespan(d: &Diagnostic, lang: Lang) -> cs::Diagnostic<FileId> {
    let base = match d.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
    };
    let mut labels = Vec::new();
    if let Some(p) = &d.primary {
        labels.push(cs::Label::primary(p.span.file, p.span.range()).with_message(p.message.get(lang)));
    }
    for s in &d.secondary {
        labels.push(cs::Label::secondary(s.span.file, s.span.range()).with_message(s.message.get(lang)));
    }
    let mut notes = Vec::new();
    if let Some(h) = &d.hint {
        notes.push(format!("{}: {}", help_word(lang), h.get(lang)));
    }
    base.with_code(d.code.as_str()).with_message(d.message.get(lang)).with_labels(labels).with_notes(notes)
}

/// Longest source line shown in a snippet; longer lines (minified or
/// generated YAML) are reported by position only.
const MAX_SNIPPET_LINE: usize = 240;

fn line_too_long(sources: &Sources, span: Span) -> bool {
    let Some(f) = sources.try_get(span.file) else { return false };
    let line = f.line_index(span.start as usize);
    f.line_range(line).is_some_and(|r| r.len() > MAX_SNIPPET_LINE)
}

/// Human-readable rendering with source snippets, in `lang`. `color` adds
/// ANSI colours.
pub fn human(sources: &Sources, d: &Diagnostic, color: bool, lang: Lang) -> String {
    let message = d.message.get(lang);
    if let Some(p) = d.primary.as_ref().filter(|p| line_too_long(sources, p.span)) {
        let loc = Location::of(sources, p.span);
        let mut out = format!("{}[{}]: {message}\n", d.severity.as_str(), d.code);
        if let Some(l) = loc {
            let too_long = match lang {
                Lang::Ja => "行が長すぎるため表示しません",
                Lang::En => "line too long to show",
            };
            out.push_str(&format!("  --> {}:{}:{} ({too_long})\n", l.file, l.line, l.column));
        }
        if let Some(h) = &d.hint {
            out.push_str(&format!("  = {}: {}\n", help_word(lang), h.get(lang)));
        }
        out.push('\n');
        return out;
    }
    let config = term::Config::default();
    let diag = to_codespan(d, lang);
    if color {
        let mut buf = term::termcolor::Buffer::ansi();
        let styles = term::Styles::default();
        let mut writer = term::StylesWriter::new(&mut buf, &styles);
        if term::emit_to_write_style(&mut writer, &config, sources, &diag).is_ok() {
            return String::from_utf8_lossy(buf.as_slice()).into_owned();
        }
    }
    term::emit_into_string(&config, sources, &diag)
        .unwrap_or_else(|_| format!("{}[{}]: {message}\n", d.severity.as_str(), d.code))
}

#[derive(Serialize)]
struct JsonLabel {
    #[serde(flatten)]
    location: Location,
    message: String,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    hint: Option<&'a str>,
    labels: Vec<JsonLabel>,
}

/// One JSON object on one line (see the README for the schema); the texts
/// in `lang`, the fields the same in every language.
pub fn json_line(sources: &Sources, d: &Diagnostic, lang: Lang) -> String {
    let loc = d.primary.as_ref().and_then(|p| Location::of(sources, p.span));
    let labels = d
        .secondary
        .iter()
        .filter_map(|l| {
            Some(JsonLabel { location: Location::of(sources, l.span)?, message: l.message.get(lang).to_string() })
        })
        .collect();
    let j = JsonDiagnostic {
        code: d.code.as_str(),
        severity: d.severity.as_str(),
        message: d.message.get(lang),
        file: loc.as_ref().map(|l| l.file.clone()),
        line: loc.as_ref().map(|l| l.line),
        column: loc.as_ref().map(|l| l.column),
        end_line: loc.as_ref().map(|l| l.end_line),
        end_column: loc.as_ref().map(|l| l.end_column),
        hint: d.hint.as_ref().map(|h| h.get(lang)),
        labels,
    };
    serde_json::to_string(&j).unwrap_or_default()
}

/// Escape a workflow-command property value or message.
fn gh_escape(s: &str, property: bool) -> String {
    let mut out = s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

/// A GitHub Actions workflow command (`::error file=…::message`).
pub fn github(sources: &Sources, d: &Diagnostic, lang: Lang) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = Vec::new();
    if let Some(loc) = d.primary.as_ref().and_then(|p| Location::of(sources, p.span)) {
        props.push(format!("file={}", gh_escape(&loc.file, true)));
        props.push(format!("line={}", loc.line));
        props.push(format!("col={}", loc.column));
        props.push(format!("endLine={}", loc.end_line));
        props.push(format!("endColumn={}", loc.end_column));
    }
    props.push(format!("title={}", d.code));
    let mut message = d.message.get(lang).to_string();
    if let Some(h) = &d.hint {
        message.push_str(&format!("\n{}: {}", help_word(lang), h.get(lang)));
    }
    format!("::{kind} {}::{}", props.join(","), gh_escape(&message, false))
}

/// "2 errors, 1 warning" (「エラー 2 件、警告 1 件」), or "no problems".
pub fn counts(diags: &super::Diagnostics, lang: Lang) -> String {
    let (e, w) = (diags.errors(), diags.warnings());
    match lang {
        Lang::Ja if e == 0 && w == 0 => "問題なし".to_string(),
        Lang::Ja => format!("エラー {e} 件、警告 {w} 件"),
        Lang::En if e == 0 && w == 0 => "no problems".to_string(),
        Lang::En => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// What a run found, on one line: "12 files, 3 documents: 1 error, 0
/// warnings (2 accepted)".
pub fn summary(diags: &super::Diagnostics, files: usize, documents: usize, strict: bool, lang: Lang) -> String {
    let status = counts(diags, lang);
    let accepted = diags.accepted().len();
    let strict_fails = strict && diags.errors() == 0 && diags.warnings() > 0;
    match lang {
        Lang::Ja => {
            let accepted = if accepted == 0 { String::new() } else { format!("（承認済み {accepted} 件）") };
            let strict_note = if strict_fails { "。--strict では警告も失敗になります" } else { "" };
            format!("ファイル {files} 件、文書 {documents} 件: {status}{accepted}{strict_note}")
        }
        Lang::En => {
            let accepted = if accepted == 0 { String::new() } else { format!(" ({accepted} accepted)") };
            let strict_note = if strict_fails { " — warnings fail under --strict" } else { "" };
            format!("{}, {}: {status}{accepted}{strict_note}", plural(files, "file"), plural(documents, "document"))
        }
    }
}
