//! One document's layout and PDF bytes.

use std::time::{Duration, Instant};

use anyhow::Context;

use crate::doc::RenderedDocument;
use crate::engine::Fonts;
use crate::layout::LayoutConfig;
use crate::model::Project;
use crate::model::values::Date;

/// One document's PDF and what it took to make it.
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    /// Size of the PDF when `bytes` went to disk already.
    pub written: usize,
    pub pages: usize,
    pub layout_time: Duration,
    pub export_time: Duration,
}

/// The date printed in a document's PDF: its own date (a comparison's:
/// its newer release's), else the source date (`SOURCE_DATE_EPOCH`), else
/// 1970-01-01 — never the clock.
pub(super) fn document_date(project: &Project, doc: &RenderedDocument, source_date: Option<Date>) -> Date {
    project
        .document(&doc.meta.id)
        .and_then(|d| d.effective_date())
        .or(doc.meta.date)
        .or(source_date)
        .or_else(|| Date::from_ymd(1970, 1, 1))
        .expect("1970-01-01 is a date")
}

/// The page a document is set on: the site's paper and margins, the
/// document's brand colour.
pub(super) fn page_config(project: &Project, doc: &RenderedDocument) -> LayoutConfig {
    let page = &project.site.page;
    let setup = crate::layout::PageSetup {
        paper: match page.paper {
            crate::model::Paper::A4 => crate::layout::PaperSize::A4,
            crate::model::Paper::Letter => crate::layout::PaperSize::Letter,
        },
        margins: page.margins,
        accent: doc.meta.brand.accent.map(|(r, g, b)| crate::layout::Color(r, g, b)),
    };
    LayoutConfig::for_page(doc.meta.lang, setup)
}

/// Lay one document out; the page count is all `check` wants of it.
pub(super) fn page_count(project: &Project, doc: &RenderedDocument, fonts: &Fonts) -> (usize, Duration) {
    let t = Instant::now();
    let laid = crate::layout::layout(doc, &page_config(project, doc), &fonts.set);
    (laid.pages.len(), t.elapsed())
}

/// Lay out and export one document.
pub fn pdf_bytes(
    project: &Project,
    doc: &RenderedDocument,
    fonts: &Fonts,
    source_date: Option<Date>,
) -> anyhow::Result<PdfOutput> {
    let t = Instant::now();
    let cfg = page_config(project, doc);
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
        // The mark travels with the file: readers list the subject and keywords.
        subject: match &m.classification {
            Some(mark) => format!("{} [{mark}]", m.type_label),
            None => m.type_label.clone(),
        },
        keywords: [
            m.classification.clone(),
            m.number.clone(),
            m.service.clone(),
            m.programme.clone(),
            Some(m.id.clone()),
        ]
        .into_iter()
        .flatten()
        .collect(),
        lang: m.lang,
        date: document_date(project, doc, source_date),
        standards: project.site.pdf_standards,
    };
    let bytes = crate::pdf::export(&laid, fonts.pdf()?, &fonts.set, &info)
        .with_context(|| format!("cannot write the PDF of document `{}`", m.id))?;
    Ok(PdfOutput { bytes, written: 0, pages: laid.pages.len(), layout_time, export_time: t.elapsed() })
}
