//! Stages 4–5: PDFs (made, only laid out, or left for later), the HTML
//! pages and the index, then the check of every link in the built site.

use std::time::Instant;

use rayon::prelude::*;

use super::{BuildOptions, Outcome, PdfMode, Rendered, findings, pdf};
use crate::diag::Diagnostic;
use crate::output::Staging;
use crate::site::SiteFiles;
use crate::vocab::SitePaths;

/// The site made from rendered documents. With `staging`, PDFs are written
/// there as they are made instead of being kept in memory.
pub(super) fn assemble(
    rendered: Box<Rendered>,
    options: &BuildOptions,
    staging: Option<&Staging>,
) -> anyhow::Result<Outcome> {
    let strict = options.check.strict;
    if rendered.diagnostics.fails(strict) {
        return Ok(rendered.into_outcome());
    }
    let Rendered { templates, fonts, .. } = &*rendered;
    let (templates, fonts) = (templates.clone(), fonts.clone());
    let mut outcome = rendered.into_outcome();
    let mut site = SiteFiles::default();
    let mut diags = Vec::new();

    let t = Instant::now();
    let documents = &outcome.documents;
    let project = &outcome.project;
    let source_date = options.check.source_date;
    // Only a build to disk keeps PDFs between builds.
    let cache = (options.pdf == PdfMode::Export && staging.is_some())
        .then(|| super::cache::PdfCache::open(&options.root))
        .flatten();
    let total = documents.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let pages_done = std::sync::atomic::AtomicUsize::new(0);
    let tell = |pages: usize| {
        use std::sync::atomic::Ordering::Relaxed;
        if let Some(progress) = &options.progress {
            let documents = done.fetch_add(1, Relaxed) + 1;
            let pages = pages_done.fetch_add(pages, Relaxed) + pages;
            (progress.0)(super::Done { documents, of: total, pages });
        }
    };
    let made: Vec<anyhow::Result<(String, pdf::PdfOutput)>> = match options.pdf {
        PdfMode::Deferred => Vec::new(),
        PdfMode::LayoutOnly => documents
            .par_iter()
            .map(|d| {
                let (pages, layout_time) = pdf::page_count(project, d, &fonts);
                let out = pdf::PdfOutput {
                    bytes: Vec::new(),
                    written: 0,
                    pages,
                    layout_time,
                    export_time: Default::default(),
                };
                Ok((d.meta.id.clone(), out))
            })
            .collect(),
        PdfMode::Export => documents
            .par_iter()
            .map(|d| {
                let id = d.meta.id.clone();
                let mut out = cached_pdf(cache.as_ref(), project, d, &fonts, source_date)?;
                tell(out.pages);
                // Straight to disk when building to disk: memory stays flat.
                if let Some(s) = staging {
                    s.write(&SitePaths::pdf(&id), &out.bytes)?;
                    out.written = out.bytes.len();
                    out.bytes = Vec::new();
                }
                Ok((id, out))
            })
            .collect(),
    };
    if options.pdf != PdfMode::Export {
        // The pages link the PDFs; the link check must know they will exist.
        for d in documents {
            site.written.insert(SitePaths::pdf(&d.meta.id));
        }
    }
    for r in made {
        let (id, out) = r?;
        if options.pdf == PdfMode::Export {
            let path = SitePaths::pdf(&id);
            if staging.is_some() {
                site.written.insert(path);
                site.written_bytes += out.written;
            } else {
                site.insert(path, out.bytes);
            }
        }
        diags.extend(findings::page_limit(project, &id, out.pages));
        outcome.pages.push((id, out.pages));
        outcome.timings.layout_cpu += out.layout_time;
        outcome.timings.pdf_cpu += out.export_time;
    }
    outcome.timings.pdf = t.elapsed();
    if let Some(c) = &cache {
        c.prune();
    }

    let t = Instant::now();
    let pages: Vec<(String, Result<String, Diagnostic>)> = documents
        .par_iter()
        .map(|d| {
            let pdf = SitePaths::pdf_from_page(&d.meta.id);
            (d.meta.id.clone(), crate::html::document_page(project, d, &templates, Some(&pdf)))
        })
        .collect();
    let mut pages_failed = false;
    for (id, page) in pages {
        match page {
            Ok(html) => site.insert(SitePaths::page(&id), html),
            Err(d) => {
                diags.push(d);
                pages_failed = true;
            }
        }
    }
    match crate::html::index_page(project, documents, &templates, true) {
        Ok(html) => site.insert(SitePaths::INDEX, html),
        Err(d) => {
            diags.push(d);
            pages_failed = true;
        }
    }
    site.insert(SitePaths::STYLESHEET, templates.stylesheet.clone());
    site.insert(SitePaths::SEARCH_INDEX, crate::html::search_index(project, documents));
    site.insert(SitePaths::SEARCH_SCRIPT, crate::html::SEARCH_SCRIPT.to_string());
    for (name, bytes) in crate::html::images(documents) {
        site.insert(SitePaths::image(&name), bytes.to_vec());
    }
    outcome.timings.html = t.elapsed();

    // A page that failed to render is reported once, as its template's
    // error: the links to it are not broken links of their own.
    let t = Instant::now();
    if !pages_failed {
        diags.extend(findings::broken_site_links(project, &site));
    }
    outcome.timings.check = t.elapsed();

    outcome.diagnostics.extend(diags);
    outcome.diagnostics.finish(&outcome.sources);
    if !outcome.diagnostics.fails(strict) {
        outcome.site = Some(site);
    }
    Ok(outcome)
}

/// A document's PDF from the cache, or made (and kept there).
fn cached_pdf(
    cache: Option<&super::cache::PdfCache>,
    project: &crate::model::Project,
    d: &crate::doc::RenderedDocument,
    fonts: &crate::engine::Fonts,
    source_date: Option<crate::model::values::Date>,
) -> anyhow::Result<pdf::PdfOutput> {
    let Some(cache) = cache else { return pdf::pdf_bytes(project, d, fonts, source_date) };
    let date = pdf::document_date(project, d, source_date);
    let key = super::cache::PdfCache::key(d, fonts.digest(), date, (project.site.pdf_standards, project.site.page));
    if let Some(hit) = cache.get(&key) {
        let t = Instant::now();
        return Ok(pdf::PdfOutput {
            bytes: hit.bytes,
            written: 0,
            pages: hit.pages,
            layout_time: Default::default(),
            export_time: t.elapsed(),
        });
    }
    let out = pdf::pdf_bytes(project, d, fonts, source_date)?;
    cache.put(&key, &out.bytes, out.pages);
    Ok(out)
}
