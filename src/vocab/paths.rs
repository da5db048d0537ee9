//! Where things are: the project's files ([`ProjectPaths`]) and the built
//! site's path scheme ([`SitePaths`]). Every stage that names a file or a
//! URL asks these, so the scheme is spelled out once.

use std::path::{Path, PathBuf};

/// The layout of a project folder.
#[derive(Clone, Debug)]
pub(crate) struct ProjectPaths {
    pub root: PathBuf,
}

impl ProjectPaths {
    /// The folders a project is made of, relative to the root.
    pub(crate) const CONTENT: &'static str = "content";
    pub(crate) const TEMPLATES: &'static str = "templates";
    pub(crate) const OUTPUT: &'static str = "output";
    /// The site settings; `kiyaku.yml` is read too.
    pub(crate) const SETTINGS: &'static str = "kiyaku.yaml";
    pub(crate) const SETTINGS_ALT: &'static str = "kiyaku.yml";
    /// The lock file, inside `content/`.
    pub(crate) const LOCK: &'static str = "kiyaku.lock";
    /// The JSON Schemas for editors (`kiyaku schema`), relative to the root.
    pub(crate) const SCHEMAS: &'static str = "schemas";
    pub(crate) const CONTENT_SCHEMA: &'static str = "kiyaku.schema.json";
    pub(crate) const SITE_SCHEMA: &'static str = "kiyaku-site.schema.json";

    pub(crate) fn new(root: impl Into<PathBuf>) -> ProjectPaths {
        ProjectPaths { root: root.into() }
    }

    pub(crate) fn content(&self) -> PathBuf {
        self.root.join(Self::CONTENT)
    }

    pub(crate) fn templates(&self) -> PathBuf {
        self.root.join(Self::TEMPLATES)
    }

    pub(crate) fn settings(&self) -> PathBuf {
        self.root.join(Self::SETTINGS)
    }

    pub(crate) fn schemas(&self) -> PathBuf {
        self.root.join(Self::SCHEMAS)
    }

    pub(crate) fn lock(&self) -> PathBuf {
        self.content().join(Self::LOCK)
    }

    /// Where `build` writes unless told otherwise.
    pub(crate) fn default_output(&self) -> PathBuf {
        self.root.join(Self::OUTPUT)
    }

    /// A file's name in diagnostics: relative to `base`, with `/` separators.
    pub(crate) fn display_name(path: &Path, base: &Path) -> String {
        let rel = path.strip_prefix(base).unwrap_or(path);
        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
    }
}

/// The built site's URL scheme: one folder per document, holding its page
/// and its PDF; the index and the stylesheet at the top.
pub(crate) struct SitePaths;

impl SitePaths {
    /// The anchor of footnote `n` in a page or PDF, and of its first
    /// reference (the note links back to it).
    pub(crate) fn footnote(n: u32) -> String {
        format!("fn-{n}")
    }

    pub(crate) fn footnote_ref(n: u32) -> String {
        format!("fnref-{n}")
    }

    /// Whether `id` is one a page gives its own parts (`page.html`'s
    /// `top`, `main` and contents heading, the footnotes and their first
    /// references): content may not take it.
    pub(crate) fn is_page_anchor(id: &str) -> bool {
        let note = |prefix: &str, anchor: fn(u32) -> String| {
            id.strip_prefix(prefix).and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| anchor(n) == id)
        };
        matches!(id, "top" | "main" | "toc-title") || note("fn-", Self::footnote) || note("fnref-", Self::footnote_ref)
    }

    pub(crate) const INDEX: &'static str = "index.html";
    pub(crate) const STYLESHEET: &'static str = "assets/style.css";
    /// The search index and the script that reads it (index page only).
    pub(crate) const SEARCH_INDEX: &'static str = "assets/search-index.js";
    pub(crate) const SEARCH_SCRIPT: &'static str = "assets/search.js";

    /// `<id>/index.html`, from the site root.
    pub(crate) fn page(id: &str) -> String {
        format!("{id}/index.html")
    }

    /// `<id>/<id>.pdf`, from the site root.
    pub(crate) fn pdf(id: &str) -> String {
        format!("{id}/{id}.pdf")
    }

    /// The document's PDF as linked from its own page.
    pub(crate) fn pdf_from_page(id: &str) -> String {
        format!("{id}.pdf")
    }

    /// The stylesheet as linked from a document's page.
    pub(crate) fn stylesheet_from_page() -> String {
        format!("../{}", Self::STYLESHEET)
    }

    /// An image of the site (`ImageFile::site_name`).
    pub(crate) fn image(name: &str) -> String {
        format!("assets/images/{name}")
    }

    /// An image as shown on a document's page.
    pub(crate) fn image_from_page(name: &str) -> String {
        format!("../{}", Self::image(name))
    }

    /// Another document's page (and section) as linked from a document's page.
    pub(crate) fn page_from_page(id: &str, section: Option<&str>) -> String {
        match section {
            Some(s) => format!("../{id}/index.html#{s}"),
            None => format!("../{id}/index.html"),
        }
    }

    /// Another document's PDF (and section) as linked from a PDF: PDFs sit
    /// in their documents' folders, side by side.
    pub(crate) fn pdf_from_pdf(id: &str, section: Option<&str>) -> String {
        match section {
            Some(s) => format!("../{id}/{id}.pdf#{s}"),
            None => format!("../{id}/{id}.pdf"),
        }
    }

    /// The document whose PDF `path` is, if it is one (`<id>/<id>.pdf`).
    pub(crate) fn document_of_pdf(path: &str) -> Option<&str> {
        let (dir, file) = path.split_once('/')?;
        (file.strip_suffix(".pdf")? == dir).then_some(dir)
    }

    /// The document a page or file belongs to (its first path segment).
    pub(crate) fn document_of(path: &str) -> &str {
        path.split('/').next().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::SitePaths;

    #[test]
    fn pdf_paths_round_trip() {
        assert_eq!(SitePaths::document_of_pdf(&SitePaths::pdf("a-b")), Some("a-b"));
        assert_eq!(SitePaths::document_of_pdf("a/b.pdf"), None);
        assert_eq!(SitePaths::document_of_pdf("a/a.pdf/x"), None);
        assert_eq!(SitePaths::document_of_pdf("index.html"), None);
    }
}
