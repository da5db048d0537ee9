//! The project's template set: every file under the repository's
//! `templates/` compiled into the binary, overridden file by file from the
//! project's own `templates/`, plus the block dispatch generated from the
//! block registry. Shared by the two stages that render templates: document
//! templates (`*.md`) make Markdown in `render`, page templates (`*.html`)
//! make HTML in `html`. They live in two Tera instances because Tera has one
//! escape function per instance.

use std::path::Path;

use tera::Tera;

use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Sources, Span};

include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));

/// The dispatch from a section's block to its template, generated from the
/// block registry so that no kind can be left out. A project may still
/// override it as `templates/partials/blocks.md`.
pub(crate) const BLOCK_DISPATCH: &str = "partials/blocks.md";

fn block_dispatch() -> String {
    let mut out = String::from("{#- Generated from the block registry: a block of `show:` to its template. -#}\n");
    for (i, b) in crate::model::BlockKind::ALL.iter().enumerate() {
        let name = b.name();
        let keyword = if i == 0 { "if" } else { "elif" };
        out.push_str(&format!("{{% {keyword} b.name == \"{name}\" %}}{{% include \"blocks/{name}.md\" %}}\n"));
    }
    out.push_str("{% else %}{{ throw(message=\"no template for block `\" ~ b.name ~ \"`\") }}\n{% endif %}\n");
    out
}

/// One template's source and where it came from.
#[derive(Clone, Debug)]
pub(crate) struct TemplateFile {
    pub name: String,
    pub file: FileId,
}

/// All templates of a project, compiled.
pub(crate) struct Templates {
    pub markdown: Tera,
    pub html: Tera,
    pub files: Vec<TemplateFile>,
    /// The stylesheet (`style.css`), built-in or the project's.
    pub stylesheet: String,
}

impl Templates {
    pub(crate) fn file(&self, name: &str) -> Option<FileId> {
        self.files.iter().find(|t| t.name == name).map(|t| t.file)
    }

    /// Whether a document template for `doc_type` exists.
    pub(crate) fn has_document_type(&self, doc_type: &str) -> bool {
        self.markdown.get_template_names().any(|n| n == format!("{doc_type}.md"))
    }

    pub(crate) fn document_types(&self) -> Vec<String> {
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

/// Templates are small; a larger file is a mistake, not a template.
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// Load built-ins and the project's overrides, compile them, and register
/// every source for diagnostics. `configure_markdown` sets up the Markdown
/// instance (escaping, filters) before its templates are compiled.
pub(crate) fn load(
    root: &Path,
    sources: &mut Sources,
    configure_markdown: fn(&mut Tera),
) -> Result<Templates, Vec<Diagnostic>> {
    let dir = crate::vocab::ProjectPaths::new(root).templates();
    let mut entries: Vec<(String, String, bool)> =
        BUILTIN.iter().map(|(n, s)| (n.to_string(), s.to_string(), false)).collect();
    entries.push((BLOCK_DISPATCH.to_string(), block_dispatch(), false));
    let mut diags = Vec::new();
    if dir.is_dir() {
        // Links are followed; reading refuses those that leave the project.
        for e in walkdir::WalkDir::new(&dir).follow_links(true).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if e.file_type().is_dir() {
                continue;
            }
            let name = crate::vocab::ProjectPaths::display_name(e.path(), &dir);
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
        files.push(TemplateFile { name: name.clone(), file: id });
    }
    let stylesheet = entries.iter().find(|(n, ..)| n == "style.css").map(|(_, s, _)| s.clone()).unwrap_or_default();

    let mut markdown = Tera::default();
    markdown.autoescape_on([".md"]);
    configure_markdown(&mut markdown);
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
pub(crate) fn error_diagnostic(e: &tera::Error, t: &Templates, code: Code, fallback: Option<Span>) -> Diagnostic {
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
            d.hint(hint_for(e, r.message()).unwrap_or_else(|| {
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

/// A hint for what Tera found. A missing template is typed (`TemplateNotFound`,
/// `MissingParent`, possibly as the cause of a rendering error); Tera 2.4
/// reports an undefined value only in words, so that one is read from the message.
fn hint_for(e: &tera::Error, message: &str) -> Option<String> {
    use tera::ErrorKind;
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut missing_template = false;
    while let Some(c) = cause {
        if let Some(t) = c.downcast_ref::<tera::Error>() {
            missing_template |= matches!(t.kind(), ErrorKind::TemplateNotFound(_) | ErrorKind::MissingParent { .. });
        }
        cause = c.source();
    }
    if missing_template {
        Some(
            "check the template's name; overrides live in templates/ with the same relative path as the built-in"
                .into(),
        )
    } else if message.contains("not defined") || message.contains("got `undefined`") {
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
