//! `kiyaku build`: the whole pipeline, load → validate → render → HTML and
//! layout → PDF → site check → atomic write.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::doc::Document;
use crate::engine::{Engine, Fonts};
use crate::layout::LayoutConfig;
use crate::model::Project;
use crate::model::values::Date;
use crate::output::Staging;
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
    pub check: CheckOptions,
    /// What to do about PDFs.
    pub pdf: PdfMode,
}

/// What a build does about each document's PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfMode {
    /// Lay out and export every document (`build`).
    Build,
    /// Link the PDFs from the pages but make none: `serve` makes each one
    /// when it is first asked for, so a rebuild costs only the HTML.
    OnDemand,
}

/// Wall time of each stage.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    pub load: Duration,
    pub validate: Duration,
    pub render: Duration,
    pub html: Duration,
    /// Layout and PDF together (wall time; the two run interleaved).
    pub pdf: Duration,
    /// Summed over documents: time spent in layout.
    pub layout_cpu: Duration,
    /// Summed over documents: time spent writing PDF bytes.
    pub pdf_cpu: Duration,
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
    /// Pages per PDF, by document id.
    pub pages: Vec<(String, usize)>,
    pub timings: Timings,
}

/// What `analyse` hands on to the output stages.
pub type Analysis = (Outcome, Option<Arc<Templates>>, Option<Arc<Fonts>>);

/// Load, validate, render and check glyph coverage: everything `check` does.
/// What a check needs besides the project.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// Revisions after this date are reported as lying in the future.
    pub today: Date,
    /// Warnings fail; some warnings are only reported under `--strict`.
    pub strict: bool,
    /// Compare documents with `content/kiyaku.lock`. Off in `serve`, which
    /// previews drafts before their revision entry is written.
    pub lock: bool,
    /// Lay every document out to check its length against the page limit.
    /// Off in `serve`, whose rebuilds make no PDF.
    pub pages: bool,
}

impl CheckOptions {
    /// Not strict, lock checked.
    pub fn new(today: Date) -> CheckOptions {
        CheckOptions { today, strict: false, lock: true, pages: true }
    }

    pub fn strict(self, strict: bool) -> CheckOptions {
        CheckOptions { strict, ..self }
    }
}

pub fn analyse(engine: &Engine, root: &Path, options: CheckOptions) -> anyhow::Result<Analysis> {
    engine.run(|| analyse_here(engine, root, options))
}

fn analyse_here(engine: &Engine, root: &Path, options: CheckOptions) -> anyhow::Result<Analysis> {
    let today = options.today;
    let mut timings = Timings::default();
    let t = Instant::now();
    let mut loaded = crate::load::load(root)?;
    timings.load = t.elapsed();

    // A file that could not be read, or an item that could not be decoded,
    // takes its ids with it: every reference to them would fail too.
    // Report the files first; checks across items run once they decode.
    if loaded.incomplete > 0 || loaded.diagnostics.items().iter().any(|d| d.code.loses_file()) {
        let mut diagnostics = loaded.diagnostics;
        diagnostics.finish(&loaded.sources);
        let outcome = Outcome {
            sources: loaded.sources,
            diagnostics,
            project: loaded.project,
            documents: Vec::new(),
            files: loaded.files,
            site: None,
            pages: Vec::new(),
            timings,
        };
        return Ok((outcome, None, None));
    }

    let t = Instant::now();
    let mut diagnostics = loaded.diagnostics;
    let checked = validate(&loaded.project, &ValidateOptions { today });
    if diagnostics.has_errors() {
        // A value that failed to decode leaves its field empty; a section
        // showing that field is not a second mistake.
        diagnostics.extend(checked.into_items().into_iter().filter(|d| d.code != Code::BlockWithoutData));
    } else {
        diagnostics.append(checked);
    }
    timings.validate = t.elapsed();

    // Before rendering: the lock knows the titles of removed sections.
    let lock = crate::lock::load(root, &mut loaded.sources);
    if let Ok(Some(lock)) = &lock {
        crate::lock::fill_removed_titles(&mut loaded.project, lock);
    }

    let t = Instant::now();
    let mut documents = Vec::new();
    let templates = match crate::render::templates::load(root, &mut loaded.sources) {
        Ok(templates) => {
            let templates = Arc::new(templates);
            let limits = crate::render::RenderLimits {
                threads: engine.threads(),
                per_document: Duration::from_secs(u64::from(loaded.project.site.limits.template_seconds)),
                abandoned: &engine.abandoned,
            };
            let project = Arc::new(loaded.project);
            let (docs, diags) = crate::render::render_all(&project, &templates, &loaded.sources, &limits);
            // The render threads have let go of it unless one was abandoned.
            loaded.project = Arc::try_unwrap(project).unwrap_or_else(|p| (*p).clone());
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

    let fonts = match engine.fonts_for(&loaded.project.site, root) {
        Ok(f) => {
            diagnostics.extend(glyph_diagnostics(&loaded.project, &documents, &f));
            if options.pages && !diagnostics.has_errors() {
                diagnostics.extend(page_diagnostics(&loaded.project, &documents, &f));
            }
            Some(f)
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    crate::validate::sla::apply_acceptances(&loaded.project, &mut diagnostics);
    match lock {
        // Broken references make sections look changed; fix those first.
        Ok(Some(lock)) if options.lock && !diagnostics.has_errors() => {
            diagnostics.extend(crate::lock::check(&loaded.project, &lock, options.strict, today))
        }
        Ok(_) => {}
        Err(d) => diagnostics.push(d),
    }
    diagnostics.finish(&loaded.sources);
    Ok((
        Outcome {
            sources: loaded.sources,
            diagnostics,
            project: loaded.project,
            documents,
            files: loaded.files,
            site: None,
            pages: Vec::new(),
            timings,
        },
        templates,
        fonts,
    ))
}

/// Documents whose layout runs past `limits: pages:`, for `check`. The
/// layout is cheap next to PDF writing; its memory grows with the pages,
/// which is what the warning is about. `build` lays out once, for the PDF,
/// and takes the count from there.
fn page_diagnostics(project: &Project, docs: &[Document], fonts: &Fonts) -> Vec<Diagnostic> {
    docs.par_iter()
        .filter_map(|d| {
            let pages = crate::layout::layout(d, &LayoutConfig::a4(d.meta.lang), &fonts.set).pages.len();
            page_limit(project, &d.meta.id, pages)
        })
        .collect()
}

/// W0703 when document `id` has more pages than the project allows.
fn page_limit(project: &Project, id: &str, pages: usize) -> Option<Diagnostic> {
    let limit = project.site.limits.pages as usize;
    if pages <= limit {
        return None;
    }
    let span = project.document(id)?.id.span;
    Some(
        Diagnostic::new(
            Code::PageLimit,
            format!("document `{id}` lays out as {pages} pages, more than the limit of {limit} pages"),
        )
        .at(span, format!("{pages} pages"))
        .hint(
            "split it into several documents, or raise `limits: pages:` in kiyaku.yaml if it is meant to be this long",
        ),
    )
}

fn glyph_diagnostics(project: &Project, docs: &[Document], fonts: &Fonts) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in docs {
        let fallback = project.document(&d.meta.id).map(|x| x.id.span);
        for m in crate::layout::glyphs::missing(d, &fonts.set) {
            let span = m.origin.and_then(|o| d.origins.get(o as usize)).map(|o| o.span).or(fallback);
            let font =
                if fonts.set.bundled { "the bundled Noto Sans JP".to_string() } else { fonts.set.regular.name.clone() };
            let mut diag = Diagnostic::new(
                Code::MissingGlyph,
                format!("{font} has no glyph for `{}` (U+{:04X}), used in document `{}`", m.ch, m.ch as u32, d.meta.id),
            )
            .hint("replace the character, or configure a font that has it under `pdf: fonts:` in kiyaku.yaml (the bundled font covers Japanese and Western European text, but not emoji, rare symbols or some Central European letters such as Ł and Ő)");
            if let Some(s) = span {
                diag = diag.at(s, format!("contains `{}`", m.ch));
            }
            out.push(diag);
        }
    }
    out
}

/// The date printed in a document's PDF: its own date, else
/// `SOURCE_DATE_EPOCH`, else 1970-01-01 — never the clock.
fn document_date(project: &Project, id: &str) -> Date {
    if let Some(d) = project.document(id).and_then(|d| d.effective_date()) {
        return d;
    }
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| Date::from_unix_days(secs.div_euclid(86_400)))
        .or_else(|| Date::from_ymd(1970, 1, 1))
        .expect("1970-01-01 is a date")
}

/// One document's PDF and what it took to make it.
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    /// Size of the PDF when `bytes` went to disk already.
    pub written: usize,
    pub pages: usize,
    pub layout_time: Duration,
    pub export_time: Duration,
}

/// Lay out and export one document.
pub fn pdf_bytes(project: &Project, doc: &Document, fonts: &Fonts) -> anyhow::Result<PdfOutput> {
    let t = Instant::now();
    let cfg = LayoutConfig::a4(doc.meta.lang);
    let laid = crate::layout::layout(doc, &cfg, &fonts.set);
    let layout_time = t.elapsed();
    let t = Instant::now();
    let m = &doc.meta;
    let title = match &m.subtitle {
        Some(s) => format!("{} {}", m.title, s),
        None => m.title.clone(),
    };
    let info = crate::pdf::PdfInfo {
        title,
        author: m.provider.clone().unwrap_or_default(),
        subject: m.type_label.clone(),
        keywords: [m.service.clone(), m.programme.clone(), Some(m.id.clone())].into_iter().flatten().collect(),
        lang: m.lang,
        date: document_date(project, &m.id),
    };
    let bytes = crate::pdf::export(&laid, fonts.pdf()?, &info)?;
    Ok(PdfOutput { bytes, written: 0, pages: laid.pages.len(), layout_time, export_time: t.elapsed() })
}

/// Build the site in memory. `outcome.site` is `None` when the content has
/// errors (or warnings under `strict`).
pub fn build_site(engine: &Engine, options: &BuildOptions) -> anyhow::Result<Outcome> {
    engine.run(|| build_site_here(engine, options, None))
}

/// With `staging`, PDFs are written there as they are made instead of
/// being kept in memory.
fn build_site_here(engine: &Engine, options: &BuildOptions, staging: Option<&Staging>) -> anyhow::Result<Outcome> {
    // Making PDFs lays every document out anyway: the page limit is checked there.
    let layout_here = options.pdf == PdfMode::Build;
    let check = CheckOptions { pages: options.check.pages && !layout_here, ..options.check };
    let (mut outcome, templates, fonts) = analyse_here(engine, &options.root, check)?;
    let (Some(templates), Some(fonts)) = (templates, fonts) else {
        return Ok(outcome);
    };
    if outcome.diagnostics.fails(options.check.strict) {
        return Ok(outcome);
    }
    let mut site = Site::default();
    let mut diags = Vec::new();

    let t = Instant::now();
    if options.pdf == PdfMode::OnDemand {
        for d in &outcome.documents {
            site.written.insert(format!("{0}/{0}.pdf", d.meta.id));
        }
    }
    if options.pdf == PdfMode::Build {
        let results: Vec<(String, anyhow::Result<PdfOutput>)> = outcome
            .documents
            .par_iter()
            .map(|d| {
                let id = d.meta.id.clone();
                let mut out = pdf_bytes(&outcome.project, d, &fonts);
                // Straight to disk when building to disk: memory stays flat.
                if let (Some(s), Ok(o)) = (staging, &mut out) {
                    if let Err(e) = s.write(&format!("{id}/{id}.pdf"), &o.bytes) {
                        return (id, Err(e));
                    }
                    o.written = o.bytes.len();
                    o.bytes = Vec::new();
                }
                (id, out)
            })
            .collect();
        for (id, r) in results {
            let out = r?;
            let path = format!("{id}/{id}.pdf");
            if staging.is_some() {
                site.written.insert(path);
                site.written_bytes += out.written;
            } else {
                site.insert(path, out.bytes);
            }
            if options.check.pages {
                diags.extend(page_limit(&outcome.project, &id, out.pages));
            }
            outcome.pages.push((id, out.pages));
            outcome.timings.layout_cpu += out.layout_time;
            outcome.timings.pdf_cpu += out.export_time;
        }
    }
    outcome.timings.pdf = t.elapsed();

    let t = Instant::now();
    let pages: Vec<(String, Result<String, Diagnostic>)> = outcome
        .documents
        .par_iter()
        .map(|d| {
            let pdf = format!("{}.pdf", d.meta.id);
            (d.meta.id.clone(), crate::html::document_page(&outcome.project, d, &templates, Some(&pdf)))
        })
        .collect();
    for (id, page) in pages {
        match page {
            Ok(html) => site.insert(format!("{id}/index.html"), html),
            Err(d) => diags.push(d),
        }
    }
    match crate::html::index_page(&outcome.project, &outcome.documents, &templates, true) {
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
            format!("`{}` in output/{} does not resolve: {}", b.href, b.page, b.reason),
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
    if !outcome.diagnostics.fails(options.check.strict) {
        outcome.site = Some(site);
    }
    Ok(outcome)
}

/// Build and, if the build succeeded, replace the output directory.
pub fn build(engine: &Engine, options: &BuildOptions) -> anyhow::Result<Outcome> {
    engine.run(|| {
        // Dropped without a commit (errors, warnings under --strict), the
        // staging directory removes itself and the old output stays.
        let staging = Staging::new(&options.out, &options.root)?;
        let mut outcome = build_site_here(engine, options, Some(&staging))?;
        if let Some(site) = &outcome.site {
            let t = Instant::now();
            staging.write_site(site)?;
            staging.commit()?;
            outcome.timings.write = t.elapsed();
        }
        Ok(outcome)
    })
}
