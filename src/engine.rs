//! Long-lived resources shared by every build of a process: fonts are
//! parsed once (the bundled ones lazily, on first use) and handed out as
//! `Arc`s, so `serve` rebuilds and parallel documents reuse them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diag::{Code, Diagnostic};
use crate::fonts::FontSet;
use crate::model::Site;
use crate::pdf::PdfFonts;

/// A font set with its PDF embedding form, parsed when first needed.
pub struct Fonts {
    pub set: FontSet,
    pdf: OnceLock<Result<PdfFonts, String>>,
}

impl Fonts {
    fn new(set: FontSet) -> Fonts {
        Fonts { set, pdf: OnceLock::new() }
    }

    pub fn pdf(&self) -> anyhow::Result<&PdfFonts> {
        self.pdf
            .get_or_init(|| PdfFonts::new(&self.set).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| anyhow::anyhow!("{e}"))
    }
}

/// Paths of a project's regular and bold font files.
type FontKey = (PathBuf, Option<PathBuf>);

#[derive(Default)]
pub struct Engine {
    bundled: OnceLock<Result<Arc<Fonts>, String>>,
    /// Project fonts by (regular, bold) path.
    custom: Mutex<HashMap<FontKey, Arc<Fonts>>>,
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    pub fn bundled(&self) -> anyhow::Result<Arc<Fonts>> {
        self.bundled
            .get_or_init(|| FontSet::bundled().map(|s| Arc::new(Fonts::new(s))).map_err(|e| e.to_string()))
            .clone()
            .map_err(|e| anyhow::anyhow!("{e}"))
    }

    /// The fonts a project's documents are set in: its own if the site
    /// settings name them, else the bundled Noto Sans JP.
    pub fn fonts_for(&self, site: &Site, root: &Path) -> Result<Arc<Fonts>, Diagnostic> {
        let Some(regular) = &site.font_regular else {
            return self.bundled().map_err(|e| Diagnostic::new(Code::FontUnusable, e.to_string()));
        };
        let reg = root.join(&regular.value);
        let bold = site.font_bold.as_ref().map(|b| root.join(&b.value));
        let key = (reg.clone(), bold.clone());
        if let Some(f) = self.custom.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(f);
        }
        match FontSet::from_files(&reg, bold.as_deref()) {
            Ok(set) => {
                let f = Arc::new(Fonts::new(set));
                if let Ok(mut m) = self.custom.lock() {
                    m.insert(key, f.clone());
                }
                Ok(f)
            }
            Err(e) => {
                let span = site.font_bold.as_ref().filter(|_| e.to_string().contains("bold")).unwrap_or(regular).span;
                Err(Diagnostic::new(Code::FontUnusable, format!("{e:#}"))
                    .at(span, "this font")
                    .hint("name a TrueType or OpenType font file (.ttf/.otf) relative to the project root, or remove `pdf: fonts:` to use the bundled Noto Sans JP"))
            }
        }
    }
}
