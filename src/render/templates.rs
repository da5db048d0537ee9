//! The template set: built-in templates compiled into the binary, overridden
//! file by file from the project's `templates/` directory.
//!
//! Document templates (`*.md`) produce Markdown and escape values for
//! Markdown; page templates (`*.html`) escape for HTML. They live in two
//! Tera instances because Tera has one escape function per instance.

use std::io::Write;
use std::path::Path;

use tera::{Kwargs, State, StringInput, Tera, Value};

use super::origin::{CLOSE, OPEN, SEP};
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Sources, Span};

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        /// Built-in templates: (name, source).
        pub const BUILTIN: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../templates/", $name)))),*
        ];
    };
}

builtin![
    "security-whitepaper.md",
    "support-guide.md",
    "sla.md",
    "service-specification.md",
    "partials/sections.md",
    "partials/blocks.md",
    "partials/revision-history.md",
    "partials/contact.md",
    "partials/contact-card.md",
    "blocks/responsibilities.md",
    "blocks/availability.md",
    "blocks/data-location.md",
    "blocks/data-deletion.md",
    "blocks/disposal.md",
    "blocks/backups.md",
    "blocks/log-clock.md",
    "blocks/vulnerability-management.md",
    "blocks/incident-response.md",
    "blocks/log-retention.md",
    "blocks/manuals.md",
    "blocks/criteria.md",
    "blocks/procedure.md",
    "blocks/contract.md",
    "blocks/lead-time.md",
    "blocks/cancellation.md",
    "blocks/notes.md",
    "blocks/disclaimers.md",
    "blocks/tiers.md",
    "blocks/feature-matrix.md",
    "blocks/tier-features.md",
    "blocks/severity-levels.md",
    "blocks/response-targets.md",
    "blocks/escalation.md",
    "blocks/escalation-levels.md",
    "blocks/support-hours.md",
    "blocks/channels.md",
    "blocks/time-to-engineer.md",
    "blocks/request-fields.md",
    "blocks/ticket-retention.md",
    "blocks/disclosure.md",
    "blocks/glossary.md",
    "blocks/revision-history.md",
    "blocks/contact.md",
    "page.html",
    "index.html",
    "style.css",
];

/// One template's source and where it came from.
#[derive(Clone, Debug)]
pub struct TemplateFile {
    pub name: String,
    pub file: FileId,
    pub overridden: bool,
}

/// All templates of a project, compiled.
pub struct Templates {
    pub markdown: Tera,
    pub html: Tera,
    pub files: Vec<TemplateFile>,
    /// The stylesheet (`style.css`), built-in or the project's.
    pub stylesheet: String,
}

impl Templates {
    pub fn file(&self, name: &str) -> Option<FileId> {
        self.files.iter().find(|t| t.name == name).map(|t| t.file)
    }

    /// Whether a document template for `doc_type` exists.
    pub fn has_document_type(&self, doc_type: &str) -> bool {
        self.markdown.get_template_names().any(|n| n == format!("{doc_type}.md"))
    }

    pub fn document_types(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .markdown
            .get_template_names()
            .filter(|n| !n.contains('/'))
            .filter_map(|n| n.strip_suffix(".md").map(str::to_string))
            .collect();
        v.sort();
        v
    }
}

/// Escape a value for Markdown: ASCII punctuation that Markdown could read
/// as syntax gets a backslash; line breaks become spaces.
fn markdown_escape(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buf = [0u8; 4];
    for c in input.chars() {
        match c {
            '\n' | '\r' => out.write_all(b" ")?,
            c if c.is_ascii_punctuation() && !matches!(c, ',' | '/' | '\'' | '"' | '@' | '%' | '=' | '?' | ';') => {
                out.write_all(b"\\")?;
                out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            }
            c => out.write_all(c.encode_utf8(&mut buf).as_bytes())?,
        }
    }
    Ok(())
}

/// Split a tagged value into (opening tag, text, closing tag).
fn split_tag(s: &str) -> (&str, &str, &str) {
    if s.starts_with(OPEN)
        && s.ends_with(CLOSE)
        && let Some(sep) = s.find(SEP)
    {
        let body_start = sep + SEP.len_utf8();
        let close = s.len() - CLOSE.len_utf8();
        if body_start <= close {
            return (&s[..body_start], &s[body_start..close], &s[close..]);
        }
    }
    ("", s, "")
}

/// `{{ x | md }}`: Markdown blocks, with the origin tags on lines of their own.
fn filter_md(x: StringInput, _: Kwargs, _: &State) -> Value {
    let (open, body, close) = split_tag(x.as_str());
    Value::safe_string(&format!("\n\n{open}\n\n{}\n\n{close}\n\n", body.trim()))
}

/// `{{ x | inline }}`: Markdown inline content on one line.
fn filter_inline(x: StringInput, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&crate::cjk::join_lines(x.as_str().lines()))
}

/// `{{ x | cell }}`: Markdown inline content for a table cell: pipes
/// escaped, line breaks kept as `<br>`.
fn filter_cell(x: StringInput, _: Kwargs, _: &State) -> Value {
    // Lines of a paragraph are joined; paragraphs become line breaks.
    let paragraphs: Vec<String> =
        x.as_str().split("\n\n").map(|p| crate::cjk::join_lines(p.lines())).filter(|p| !p.is_empty()).collect();
    Value::safe_string(&paragraphs.join("<br>").replace('|', "\\|"))
}

/// Templates are small; a larger file is a mistake, not a template.
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// Load built-ins and the project's overrides, compile them, and register
/// every source for diagnostics.
pub fn load(root: &Path, sources: &mut Sources) -> Result<Templates, Vec<Diagnostic>> {
    let dir = root.join("templates");
    let mut entries: Vec<(String, String, bool)> =
        BUILTIN.iter().map(|(n, s)| (n.to_string(), s.to_string(), false)).collect();
    let mut diags = Vec::new();
    if dir.is_dir() {
        // Links are followed; reading refuses those that leave the project.
        for e in walkdir::WalkDir::new(&dir).follow_links(true).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if e.file_type().is_dir() {
                continue;
            }
            let name = crate::load::display_name(e.path(), &dir);
            if name.split('/').any(|p| p.starts_with('.')) || name.ends_with('~') {
                continue;
            }
            if !(name.ends_with(".md") || name.ends_with(".html") || name.ends_with(".css")) {
                continue;
            }
            match crate::input::read_text(e.path(), root, MAX_TEMPLATE_BYTES) {
                Ok(text) => match entries.iter_mut().find(|(n, ..)| *n == name) {
                    Some(slot) => *slot = (name, text, true),
                    None => entries.push((name, text, true)),
                },
                Err(err) => {
                    diags.push(crate::input::text_diagnostic(err, &format!("templates/{name}"), e.path(), sources));
                }
            }
        }
    }
    let mut files = Vec::new();
    for (name, text, overridden) in &entries {
        let display = if *overridden { format!("templates/{name}") } else { format!("templates/{name} (built-in)") };
        let path = overridden.then(|| dir.join(name));
        let id = sources.add(display, path.as_deref(), text.clone());
        files.push(TemplateFile { name: name.clone(), file: id, overridden: *overridden });
    }
    let stylesheet = entries.iter().find(|(n, ..)| n == "style.css").map(|(_, s, _)| s.clone()).unwrap_or_default();

    let mut markdown = Tera::default();
    markdown.set_escape_fn(markdown_escape);
    markdown.autoescape_on([".md"]);
    markdown.register_filter("md", filter_md);
    markdown.register_filter("inline", filter_inline);
    markdown.register_filter("cell", filter_cell);
    let md: Vec<(&str, &str)> =
        entries.iter().filter(|(n, ..)| n.ends_with(".md")).map(|(n, s, _)| (n.as_str(), s.as_str())).collect();
    let mut html = Tera::default();
    html.autoescape_on([".html"]);
    let pages: Vec<(&str, &str)> =
        entries.iter().filter(|(n, ..)| n.ends_with(".html")).map(|(n, s, _)| (n.as_str(), s.as_str())).collect();
    let templates = Templates { markdown, html, files, stylesheet };
    let mut templates = templates;
    if let Err(e) = templates.markdown.add_raw_templates(md) {
        diags.push(error_diagnostic(&e, &templates, Code::TemplateSyntax, None));
    }
    if let Err(e) = templates.html.add_raw_templates(pages) {
        diags.push(error_diagnostic(&e, &templates, Code::TemplateSyntax, None));
    }
    if diags.is_empty() { Ok(templates) } else { Err(diags) }
}

/// A Tera error as a diagnostic pointing into the template source.
/// `fallback` is where to point when Tera gives no position.
pub fn error_diagnostic(e: &tera::Error, t: &Templates, code: Code, fallback: Option<Span>) -> Diagnostic {
    use tera::ErrorKind;
    let report = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r.as_ref()),
        _ => None,
    };
    let code = match e.kind() {
        ErrorKind::SyntaxError(_) => Code::TemplateSyntax,
        _ => code,
    };
    match report {
        Some(r) => {
            // Tera says "expected `string` but got `undefined`" when a
            // misspelt variable meets a filter: say what that means.
            let message = if r.message().contains("got `undefined`") {
                format!("{} (a variable or field that does not exist?)", r.message())
            } else {
                r.message().to_string()
            };
            let mut d = Diagnostic::new(code, message);
            if let Some(file) = t.file(r.filename()) {
                d = d.at(Span::new(file, r.span().range.clone()), "here");
            } else if let Some(f) = fallback {
                d = d.at(f, "while rendering this");
            }
            if let Some(source) = std::error::Error::source(e) {
                d = d.hint(source.to_string());
            }
            d.hint(hint_for(r.message()).unwrap_or_else(|| {
                "see the Templates section of the README for the variables each template sees".into()
            }))
        }
        None => {
            let mut d = Diagnostic::new(code, e.to_string());
            if let Some(f) = fallback {
                d = d.at(f, "while rendering this");
            }
            d
        }
    }
}

fn hint_for(message: &str) -> Option<String> {
    if message.contains("not defined") || message.contains("got `undefined`") {
        Some("the variable does not exist here; check its spelling, or guard it with `{% if … %}`".into())
    } else if message.contains("not found") {
        Some(
            "check the template's name; overrides live in templates/ with the same relative path as the built-in"
                .into(),
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut v = Vec::new();
        markdown_escape(s, &mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(esc("a*b* [c](d) <script>"), "a\\*b\\* \\[c\\]\\(d\\) \\<script\\>");
        assert_eq!(esc("# not a heading"), "\\# not a heading");
        assert_eq!(esc("99.9%"), "99\\.9%");
        assert_eq!(esc("日本語"), "日本語");
    }

    #[test]
    fn splits_tags() {
        let s = format!("{OPEN}3{SEP}text{CLOSE}");
        assert_eq!(
            split_tag(&s),
            (&s[..OPEN.len_utf8() + 1 + SEP.len_utf8()], "text", &s[s.len() - CLOSE.len_utf8()..])
        );
        assert_eq!(split_tag("plain"), ("", "plain", ""));
    }
}
