//! Diagnostics about what the build made rather than what the content
//! says: characters the fonts lack, documents past the page limit, links
//! of the built site that go nowhere.

use crate::diag::{Code, Diagnostic};
use crate::doc::RenderedDocument;
use crate::engine::Fonts;
use crate::model::Project;
use crate::site::SiteFiles;
use crate::vocab::SitePaths;

/// W0703 when document `id` has more pages than the project allows.
pub(super) fn page_limit(project: &Project, id: &str, pages: usize) -> Option<Diagnostic> {
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

pub(super) fn missing_glyphs(project: &Project, docs: &[RenderedDocument], fonts: &Fonts) -> Vec<Diagnostic> {
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

/// E0406 for every `href` or `src` of the built site that does not resolve.
pub(super) fn broken_site_links(project: &Project, site: &SiteFiles) -> Vec<Diagnostic> {
    crate::sitecheck::check(site)
        .into_iter()
        .map(|b| {
            let at = project.document(SitePaths::document_of(&b.page)).map(|d| d.id.span);
            let d = Diagnostic::new(
                Code::BrokenSiteLink,
                format!("`{}` in output/{} does not resolve: {}", b.href, b.page, b.reason),
            )
            .hint("a template links to a file or anchor that the build does not produce");
            match at {
                Some(span) => d.at(span, "in this document's page"),
                None => d,
            }
        })
        .collect()
}
