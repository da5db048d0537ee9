//! `kiyaku diff`: a document's changes between two versions, as text or as
//! the 新旧対照表 (`crate::comparison`) written as a page or a PDF through
//! the same writers as every document.

use std::collections::BTreeMap;
use std::path::Path;

use super::{CheckOptions, Stage, analyse};
use crate::engine::Engine;
use crate::lock;
use crate::model::values::Version;

/// Each rendered document's section numbers: document id → section id →
/// number, as a release records them.
pub(crate) fn section_numbers(
    documents: &[crate::doc::RenderedDocument],
) -> BTreeMap<String, BTreeMap<String, String>> {
    documents
        .iter()
        .map(|doc| (doc.meta.id.clone(), doc.headings().into_iter().filter_map(|h| Some((h.id, h.number?))).collect()))
        .collect()
}

/// Which two versions `diff` compares, and how it shows them.
#[derive(Clone, Debug, Default)]
pub struct DiffRequest {
    pub id: String,
    /// A released version; default: the release before `to` (the latest
    /// release when `to` is the working copy).
    pub from: Option<String>,
    /// A released version, or `None` (or "current") for the working copy.
    pub to: Option<String>,
    pub format: DiffFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DiffFormat {
    /// Section by section, for a terminal.
    #[default]
    Text,
    /// The 新旧対照表 as a page (with the stylesheet inlined).
    Html,
    Pdf,
}

/// What `diff` made.
pub enum DiffOutput {
    Text(String),
    Html(String),
    Pdf(Vec<u8>),
}

/// The changes of a document between two versions: by default, since its
/// released version.
pub fn diff(engine: &Engine, root: &Path, options: CheckOptions, request: &DiffRequest) -> anyhow::Result<DiffOutput> {
    let rendered = match analyse(engine, root, options)? {
        Stage::Rendered(r) => r,
        Stage::Stopped(outcome) => {
            let n = outcome.diagnostics.items().iter().filter(|d| d.is_error()).count();
            anyhow::bail!("the project has {n} error(s); run `kiyaku check` and fix them first");
        }
    };
    let id = request.id.as_str();
    let project = &rendered.project;
    let Some(d) = project.document(id) else {
        let ids: Vec<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
        anyhow::bail!(
            "no document `{id}`{}",
            crate::diag::suggestion(id, &ids).map(|s| format!(" ({s})")).unwrap_or_default()
        );
    };
    let mut sources = crate::source::Sources::new();
    let lock = lock::load(root, &mut sources).map_err(|e| anyhow::anyhow!("{}", e.message))?.unwrap_or_default();
    let numbers = section_numbers(&rendered.documents);
    let current = || lock::locked_entry(project, d, numbers.get(id).unwrap_or(&BTreeMap::new()));
    let to_current = request.to.as_deref().is_none_or(|t| t == "current");
    if request.format == DiffFormat::Text && request.from.is_none() && to_current {
        return Ok(DiffOutput::Text(lock::diff(project, d, &lock, numbers.get(id).unwrap_or(&BTreeMap::new()))));
    }
    let Some(locked) = lock.documents.get(id) else {
        anyhow::bail!("`{id}` has not been released yet: there is nothing to compare it with (see `kiyaku release`)");
    };
    let versions = || locked.releases.iter().map(|r| r.version.as_str()).collect::<Vec<_>>().join(", ");
    let find = |v: &str| {
        locked
            .release(v)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("`{id}` has no release {v} (released: {})", versions()))
    };
    let to = if to_current { current() } else { find(request.to.as_deref().unwrap_or_default())? };
    let older = |a: &str, b: &str| matches!((Version::parse(a), Version::parse(b)), (Ok(a), Ok(b)) if a < b);
    let from = match request.from.as_deref() {
        Some(v) => find(v)?,
        None if to_current => locked.latest().clone(),
        None => {
            let at = locked.releases.iter().position(|r| r.version == to.version).unwrap_or(0);
            let Some(before) = at.checked_sub(1).and_then(|i| locked.releases.get(i)) else {
                anyhow::bail!("{} is the first release of `{id}`: name a later one with --to", to.version);
            };
            before.clone()
        }
    };
    if !from.comparable() {
        anyhow::bail!(
            "release {} of `{id}` was recorded before kiyaku kept section numbers (lock format 3): compare from a later release",
            from.version
        );
    }
    if !to_current && !older(&from.version, &to.version) {
        anyhow::bail!("--from {} is not older than --to {}: name the older release first", from.version, to.version);
    }
    let mut comparison = crate::comparison::compare(d, &from, &to);
    // A draft, and said so on its cover: never to be mistaken for a release.
    comparison.to.working_copy = to_current;
    let doc = crate::comparison::document(&comparison, project, d, (&from, &to));
    Ok(match request.format {
        DiffFormat::Text => DiffOutput::Text(crate::comparison::text(&comparison)),
        DiffFormat::Html => {
            let page = crate::html::document_page(project, &doc, &rendered.templates, None)
                .map_err(|e| anyhow::anyhow!("{}", e.message))?;
            // A page on its own: the stylesheet inside it.
            let style = format!("<style>\n{}</style>\n</head>", rendered.templates.stylesheet);
            DiffOutput::Html(page.replacen("</head>", &style, 1))
        }
        DiffFormat::Pdf => {
            let out = super::pdf_bytes(project, &doc, &rendered.fonts, options.source_date)?;
            DiffOutput::Pdf(out.bytes)
        }
    })
}
