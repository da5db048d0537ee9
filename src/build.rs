//! `kiyaku build`: the whole pipeline, load → validate → render → HTML
//! (→ PDF) → site check → atomic write.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::doc::Document;
use crate::model::Project;
use crate::model::values::Date;
use crate::render::Templates;
use crate::site::Site;
use crate::source::Sources;
use crate::validate::{ValidateOptions, validate};

#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Project directory (holding `content/` and `templates/`).
    pub root: PathBuf,
    /// Output directory.
    pub out: PathBuf,
    /// Revisions after this date are reported as lying in the future.
    pub today: Date,
    /// Warnings fail the build too.
    pub strict: bool,
}

/// Wall time of each stage.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    pub load: Duration,
    pub validate: Duration,
    pub render: Duration,
    pub html: Duration,
    pub pdf: Duration,
    pub check: Duration,
    pub write: Duration,
}

/// What a run found and made.
pub struct Outcome {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    pub project: Project,
    pub documents: Vec<Document>,
    pub files: usize,
    /// The built site, when the build succeeded.
    pub site: Option<Site>,
    pub timings: Timings,
}

/// Load, validate and render: everything `check` does.
pub fn analyse(
    root: &std::path::Path,
    today: Date,
) -> anyhow::Result<(Outcome, Option<Templates>)> {
    let mut timings = Timings::default();
    let t = Instant::now();
    let mut loaded = crate::load::load(root)?;
    timings.load = t.elapsed();

    let t = Instant::now();
    let mut diagnostics = loaded.diagnostics;
    diagnostics.append(validate(&loaded.project, &ValidateOptions { today }));
    timings.validate = t.elapsed();

    let t = Instant::now();
    let mut documents = Vec::new();
    let templates = match crate::render::templates::load(root, &mut loaded.sources) {
        Ok(templates) => {
            let (docs, diags) =
                crate::render::render_all(&loaded.project, &templates, &loaded.sources);
            diagnostics.extend(diags);
            documents = docs;
            Some(templates)
        }
        Err(diags) => {
            diagnostics.extend(diags);
            None
        }
    };
    timings.render = t.elapsed();
    diagnostics.finish(&loaded.sources);
    Ok((
        Outcome {
            sources: loaded.sources,
            diagnostics,
            project: loaded.project,
            documents,
            files: loaded.files,
            site: None,
            timings,
        },
        templates,
    ))
}

/// Build the site in memory. `outcome.site` is `None` when the content has
/// errors (or warnings under `strict`).
pub fn build_site(root: &std::path::Path, today: Date, strict: bool) -> anyhow::Result<Outcome> {
    let (mut outcome, templates) = analyse(root, today)?;
    let Some(templates) = templates else {
        return Ok(outcome);
    };
    if outcome.diagnostics.fails(strict) {
        return Ok(outcome);
    }
    let mut site = Site::default();
    let mut diags = Vec::new();

    let t = Instant::now();
    let pages: Vec<(String, Result<String, Diagnostic>)> = outcome
        .documents
        .par_iter()
        .map(|d| {
            (
                d.meta.id.clone(),
                crate::html::document_page(&outcome.project, d, &templates, None),
            )
        })
        .collect();
    for (id, page) in pages {
        match page {
            Ok(html) => site.insert(format!("{id}/index.html"), html),
            Err(d) => diags.push(d),
        }
    }
    match crate::html::index_page(&outcome.project, &outcome.documents, &templates, false) {
        Ok(html) => site.insert("index.html", html),
        Err(d) => diags.push(d),
    }
    site.insert(crate::html::STYLESHEET, templates.stylesheet.clone());
    outcome.timings.html = t.elapsed();

    let t = Instant::now();
    for b in crate::sitecheck::check(&site) {
        let doc_id = b.page.split('/').next().unwrap_or("");
        let at = outcome.project.document(doc_id).map(|d| d.id.span);
        let mut d = Diagnostic::new(
            Code::BrokenSiteLink,
            format!(
                "`{}` in output/{} does not resolve: {}",
                b.href, b.page, b.reason
            ),
        )
        .hint("a template links to a file or anchor that the build does not produce");
        if let Some(span) = at {
            d = d.at(span, "in this document's page");
        }
        diags.push(d);
    }
    outcome.timings.check = t.elapsed();

    outcome.diagnostics.extend(diags);
    outcome.diagnostics.finish(&outcome.sources);
    if !outcome.diagnostics.fails(strict) {
        outcome.site = Some(site);
    }
    Ok(outcome)
}

/// Build and, if the build succeeded, replace the output directory.
pub fn build(options: &BuildOptions) -> anyhow::Result<Outcome> {
    let mut outcome = build_site(&options.root, options.today, options.strict)?;
    if let Some(site) = &outcome.site {
        let t = Instant::now();
        crate::output::write_atomic(site, &options.out)?;
        outcome.timings.write = t.elapsed();
    }
    Ok(outcome)
}
