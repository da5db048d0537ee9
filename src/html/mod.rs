//! Stage 4a: the static site. Document pages and the index are Tera page
//! templates (`page.html`, `index.html`) around HTML written from the block
//! tree by [`writer`].

mod search;
pub(crate) mod writer;

pub(crate) use search::{SEARCH_SCRIPT, index_script as search_index};

use serde::Serialize;

use crate::diag::{Code, Diagnostic};
use crate::doc::RenderedDocument;
use crate::model::Project;
use crate::templates::{Templates, error_diagnostic};
use crate::vocab::{Label, SitePaths};

/// Where the stylesheet is written, relative to the output root.

#[derive(Serialize)]
struct DocMetaView<'a> {
    id: &'a str,
    title: &'a str,
    subtitle: Option<&'a str>,
    version: &'a str,
    date: Option<String>,
    date_iso: Option<String>,
    type_label: &'a str,
    provider: Option<&'a str>,
    service: Option<&'a str>,
    programme: Option<&'a str>,
    classification: Option<&'a str>,
    /// Marked other than public: kept out of search engines too.
    confidential: bool,
    number: Option<&'a str>,
}

/// A link to the same document in another language.
#[derive(Serialize)]
struct Edition {
    href: String,
    /// The language's name in its own language ("English", "日本語").
    name: &'static str,
    lang: &'static str,
}

fn editions(project: &Project, d: Option<&crate::model::Document>, from_page: bool) -> Vec<Edition> {
    let Some(d) = d else { return Vec::new() };
    project
        .editions(d)
        .into_iter()
        .map(|e| Edition {
            href: if from_page {
                SitePaths::page_from_page(e.id.as_str(), None)
            } else {
                SitePaths::page(e.id.as_str())
            },
            name: e.language.value.name(),
            lang: e.language.value.code(),
        })
        .collect()
}

#[derive(Serialize)]
struct PageContext<'a> {
    site_title: String,
    lang: &'static str,
    doc: DocMetaView<'a>,
    labels: std::collections::BTreeMap<String, String>,
    toc: String,
    content: String,
    /// File name of the PDF beside the page, if one was built.
    pdf: Option<String>,
    /// Relative path from the page to the site root.
    root: &'static str,
    /// The same document in other languages.
    editions: Vec<Edition>,
    stylesheet: String,
    brand: BrandView,
}

/// The provider's brand on its pages.
#[derive(Serialize, Default)]
struct BrandView {
    /// The logo's path from the page, and what it says.
    logo: Option<String>,
    logo_alt: String,
    /// The colour as CSS, and a lighter one for dark mode.
    accent: Option<String>,
    accent_dark: Option<String>,
    /// The table headers' tint of it, as in the PDF.
    shade: Option<String>,
    footer: Option<String>,
}

impl BrandView {
    fn of(b: &crate::doc::Brand) -> BrandView {
        let hex = |(r, g, b): (u8, u8, u8)| format!("#{r:02x}{g:02x}{b:02x}");
        // Halfway to white: readable on the dark background.
        let light = |(r, g, b): (u8, u8, u8)| {
            let up = |c: u8| c + (255 - c) / 2;
            (up(r), up(g), up(b))
        };
        BrandView {
            logo: b.logo.as_ref().map(|l| SitePaths::image_from_page(&l.site_name())),
            logo_alt: b.logo_alt.clone(),
            accent: b.accent.map(hex),
            accent_dark: b.accent.map(|c| hex(light(c))),
            shade: b.accent.map(|c| hex(crate::vocab::tint(c, crate::vocab::SHADE_SHARE))),
            footer: b.footer.clone(),
        }
    }
}

/// The HTML page of one document.
pub(crate) fn document_page(
    project: &Project,
    doc: &RenderedDocument,
    templates: &Templates,
    pdf: Option<&str>,
) -> Result<String, Diagnostic> {
    let lang = doc.meta.lang;
    let labels = project.site.labels_for(lang);
    let m = &doc.meta;
    let source = project.document(&m.id);
    let ctx = PageContext {
        site_title: project.site.title.best(lang).trim().to_string(),
        lang: lang.code(),
        doc: DocMetaView {
            id: &m.id,
            title: &m.title,
            subtitle: m.subtitle.as_deref(),
            version: &m.version,
            date: m.date.map(|x| x.render(lang)),
            date_iso: m.date.map(|x| x.iso()),
            type_label: &m.type_label,
            provider: m.provider.as_deref(),
            service: m.service.as_deref(),
            programme: m.programme.as_deref(),
            classification: m.classification.as_deref(),
            confidential: source.is_some_and(|d| !unmarked(d)),
            number: m.number.as_deref(),
        },
        toc: writer::toc(&doc.headings(), 3),
        content: writer::body(doc, project.site.label(Label::Footnotes, lang)),
        labels,
        pdf: pdf.map(str::to_string),
        root: "../",
        editions: editions(project, source, true),
        stylesheet: SitePaths::stylesheet_from_page(),
        brand: BrandView::of(&m.brand),
    };
    render(templates, "page.html", &ctx, source.map(|d| d.id.span))
}

#[derive(Serialize)]
struct IndexDoc {
    href: String,
    title: String,
    subtitle: Option<String>,
    type_label: String,
    version: String,
    date: Option<String>,
    date_iso: Option<String>,
    language: String,
    pdf: Option<String>,
    editions: Vec<Edition>,
}

#[derive(Serialize)]
struct IndexGroup {
    name: String,
    summary: Option<String>,
    documents: Vec<IndexDoc>,
}

#[derive(Serialize)]
struct IndexProvider {
    name: String,
    groups: Vec<IndexGroup>,
}

#[derive(Serialize)]
struct IndexContext {
    site_title: String,
    description: Option<String>,
    lang: &'static str,
    labels: std::collections::BTreeMap<String, String>,
    providers: Vec<IndexProvider>,
    stylesheet: &'static str,
    /// The search's index and script (see `search.rs`).
    search_index: &'static str,
    search_script: &'static str,
}

/// Whether the index page (and the search) lists `d`: documents marked
/// 社外秘 and the like are published, not advertised.
pub(crate) fn listed(project: &Project, d: &crate::model::Document) -> bool {
    project.site.list_confidential || unmarked(d)
}

/// Not marked other than public: listed, and open to search engines.
fn unmarked(d: &crate::model::Document) -> bool {
    !d.classification.as_ref().is_some_and(|c| c.value.is_confidential())
}

fn plain(md: &str) -> String {
    crate::cjk::join_lines(md.lines())
}

/// `index.html`: providers, their services and programmes, and the documents of each.
pub(crate) fn index_page(
    project: &Project,
    docs: &[RenderedDocument],
    templates: &Templates,
    with_pdf: bool,
) -> Result<String, Diagnostic> {
    let lang = project.site.language;
    // A document the index lists: built, and not marked 社外秘 and the like.
    let built = |d: &crate::model::Document| {
        listed(project, d).then(|| docs.iter().find(|r| r.meta.id == d.id.as_str())).flatten()
    };
    let entry = |d: &RenderedDocument| IndexDoc {
        href: SitePaths::page(&d.meta.id),
        title: d.meta.title.clone(),
        subtitle: d.meta.subtitle.clone(),
        type_label: project.site.type_label(&d.meta.doc_type, lang),
        version: d.meta.version.clone(),
        date: d.meta.date.map(|x| x.render(lang)),
        date_iso: d.meta.date.map(|x| x.iso()),
        language: d.meta.lang.name_in(lang).to_string(),
        pdf: with_pdf.then(|| SitePaths::pdf(&d.meta.id)),
        editions: editions(project, project.document(&d.meta.id), false),
    };
    let mut providers = Vec::new();
    for pv in &project.providers {
        let mut groups = Vec::new();
        for s in project.services.iter().filter(|s| s.provider.as_str() == pv.id.as_str()) {
            let documents: Vec<IndexDoc> = project
                .documents
                .iter()
                .filter(|d| d.service.as_ref().is_some_and(|x| x.as_str() == s.id.as_str()))
                .filter_map(built)
                .map(entry)
                .collect();
            groups.push(IndexGroup {
                name: s.name.best(lang).to_string(),
                summary: s.summary.as_ref().map(|t| plain(t.best(lang))),
                documents,
            });
        }
        for pg in project.programmes.iter().filter(|p| p.provider.as_str() == pv.id.as_str()) {
            let documents: Vec<IndexDoc> = project
                .documents
                .iter()
                .filter(|d| d.service.is_none() && d.programme.as_ref().is_some_and(|x| x.as_str() == pg.id.as_str()))
                .filter_map(built)
                .map(entry)
                .collect();
            groups.push(IndexGroup {
                name: pg.name.best(lang).to_string(),
                summary: pg.summary.as_ref().map(|t| plain(t.best(lang))),
                documents,
            });
        }
        let loose: Vec<IndexDoc> = project
            .documents
            .iter()
            .filter(|d| {
                d.service.is_none()
                    && d.programme.is_none()
                    && d.provider.as_ref().is_some_and(|x| x.as_str() == pv.id.as_str())
            })
            .filter_map(built)
            .map(entry)
            .collect();
        if !loose.is_empty() {
            groups.push(IndexGroup {
                name: project.site.label(Label::Documents, lang).to_string(),
                summary: None,
                documents: loose,
            });
        }
        groups.retain(|g| !g.documents.is_empty());
        if !groups.is_empty() {
            providers.push(IndexProvider { name: pv.name.best(lang).to_string(), groups });
        }
    }
    let ctx = IndexContext {
        site_title: project.site.title.best(lang).trim().to_string(),
        description: project.site.description.as_ref().map(|d| plain(d.best(lang))),
        lang: lang.code(),
        labels: project.site.labels_for(lang),
        providers,
        stylesheet: SitePaths::STYLESHEET,
        search_index: SitePaths::SEARCH_INDEX,
        search_script: SitePaths::SEARCH_SCRIPT,
    };
    render(templates, "index.html", &ctx, None)
}

fn render<T: Serialize>(
    templates: &Templates,
    name: &str,
    ctx: &T,
    at: Option<crate::source::Span>,
) -> Result<String, Diagnostic> {
    let ctx =
        tera::Context::from_serialize(ctx).map_err(|e| error_diagnostic(&e, templates, Code::TemplateRender, at))?;
    templates.html.render(name, &ctx).map_err(|e| error_diagnostic(&e, templates, Code::TemplateRender, at))
}

/// The image files the pages show, by their name in the site.
pub(crate) fn images(documents: &[RenderedDocument]) -> std::collections::BTreeMap<String, std::sync::Arc<[u8]>> {
    documents
        .iter()
        .flat_map(|d| d.figures().into_iter().filter_map(|f| f.image.as_ref()).chain(d.meta.brand.logo.as_ref()))
        .map(|i| (i.site_name(), i.bytes.clone()))
        .collect()
}
