//! Where things are: the project's files ([`ProjectPaths`]) and the built
//! site's path scheme ([`SitePaths`]). Every stage that names a file or a
//! URL asks these, so the scheme is spelled out once.

use std::path::{Path, PathBuf};

/// The layout of a project folder.
#[derive(Clone, Debug)]
pub struct ProjectPaths {
    pub root: PathBuf,
}

impl ProjectPaths {
    /// The folders a project is made of, relative to the root.
    pub const CONTENT: &'static str = "content";
    pub const TEMPLATES: &'static str = "templates";
    pub const OUTPUT: &'static str = "output";
    /// The site settings; `kiyaku.yml` is read too.
    pub const SETTINGS: &'static str = "kiyaku.yaml";
    pub const SETTINGS_ALT: &'static str = "kiyaku.yml";
    /// The lock file, inside `content/`.
    pub const LOCK: &'static str = "kiyaku.lock";

    pub fn new(root: impl Into<PathBuf>) -> ProjectPaths {
        ProjectPaths { root: root.into() }
    }

    pub fn content(&self) -> PathBuf {
        self.root.join(Self::CONTENT)
    }

    pub fn templates(&self) -> PathBuf {
        self.root.join(Self::TEMPLATES)
    }

    pub fn settings(&self) -> PathBuf {
        self.root.join(Self::SETTINGS)
    }

    pub fn lock(&self) -> PathBuf {
        self.content().join(Self::LOCK)
    }

    /// Where `build` writes unless told otherwise.
    pub fn default_output(&self) -> PathBuf {
        self.root.join(Self::OUTPUT)
    }

    /// A file's name in diagnostics: relative to `base`, with `/` separators.
    pub fn display_name(path: &Path, base: &Path) -> String {
        let rel = path.strip_prefix(base).unwrap_or(path);
        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
    }
}

/// The built site's URL scheme: one folder per document, holding its page
/// and its PDF; the index and the stylesheet at the top.
pub struct SitePaths;

impl SitePaths {
    pub const INDEX: &'static str = "index.html";
    pub const STYLESHEET: &'static str = "assets/style.css";

    /// `<id>/index.html`, from the site root.
    pub fn page(id: &str) -> String {
        format!("{id}/index.html")
    }

    /// `<id>/<id>.pdf`, from the site root.
    pub fn pdf(id: &str) -> String {
        format!("{id}/{id}.pdf")
    }

    /// The document's PDF as linked from its own page.
    pub fn pdf_from_page(id: &str) -> String {
        format!("{id}.pdf")
    }

    /// The stylesheet as linked from a document's page.
    pub fn stylesheet_from_page() -> String {
        format!("../{}", Self::STYLESHEET)
    }

    /// Another document's page (and section) as linked from a document's page.
    pub fn page_from_page(id: &str, section: Option<&str>) -> String {
        match section {
            Some(s) => format!("../{id}/index.html#{s}"),
            None => format!("../{id}/index.html"),
        }
    }

    /// The document whose PDF `path` is, if it is one (`<id>/<id>.pdf`).
    pub fn document_of_pdf(path: &str) -> Option<&str> {
        let (dir, file) = path.split_once('/')?;
        (file.strip_suffix(".pdf")? == dir).then_some(dir)
    }

    /// The document a page or file belongs to (its first path segment).
    pub fn document_of(path: &str) -> &str {
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
