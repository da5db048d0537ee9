//! Long-lived resources shared by every build of a process: fonts are
//! parsed once (the bundled ones lazily, on first use) and handed out as
//! `Arc`s, so `serve` rebuilds and parallel documents reuse them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diag::{Code, Diagnostic};
use crate::fonts::{FontKind, FontSet};
use crate::model::Site;
use crate::pdf::PdfFonts;

/// A font set with its PDF embedding form, parsed when first needed.
pub struct Fonts {
    pub set: FontSet,
    pdf: OnceLock<Result<PdfFonts, (FontKind, String)>>,
    digest: OnceLock<String>,
}

impl Fonts {
    fn new(set: FontSet) -> Fonts {
        Fonts { set, pdf: OnceLock::new(), digest: OnceLock::new() }
    }

    /// A hash of the font files, computed once: part of a cached PDF's key.
    /// The bundled fonts are part of the binary, which the build id of the
    /// key covers already.
    pub fn digest(&self) -> &str {
        self.digest.get_or_init(|| {
            use sha2::{Digest, Sha256};
            if self.set.bundled {
                return "bundled".to_string();
            }
            let mut h = Sha256::new();
            for kind in [FontKind::Regular, FontKind::Bold] {
                let bytes = (*self.set.face(kind).bytes).as_ref();
                h.update(bytes.len().to_le_bytes());
                h.update(bytes);
            }
            h.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
        })
    }

    pub fn pdf(&self) -> anyhow::Result<&PdfFonts> {
        self.pdf_result().map_err(|(_, e)| anyhow::anyhow!("{e}"))
    }

    /// The embedding form, or which face could not be embedded and why.
    fn pdf_result(&self) -> Result<&PdfFonts, (FontKind, &str)> {
        self.pdf
            .get_or_init(|| PdfFonts::new(&self.set).map_err(|e| (e.face, format!("{:#}", e.error))))
            .as_ref()
            .map_err(|(face, e)| (*face, e.as_str()))
    }
}

/// Where the setting of the face `kind` is written (`pdf: fonts: bold:`
/// when there is one, else `regular:`; code faces are kiyaku's own).
fn setting_span(site: &Site, regular: &crate::source::Spanned<PathBuf>, kind: FontKind) -> crate::source::Span {
    match kind {
        FontKind::Bold | FontKind::MonoBold => site.font_bold.as_ref().unwrap_or(regular).span,
        FontKind::Regular | FontKind::Mono => regular.span,
    }
}

/// Paths of a project's regular and bold font files.
type FontKey = (PathBuf, Option<PathBuf>);

pub struct Engine {
    /// Worker threads with roomy stacks: parsing and layout recurse, and a
    /// debug build's frames are large.
    pool: rayon::ThreadPool,
    bundled: OnceLock<Result<Arc<Fonts>, String>>,
    /// Project fonts by (regular, bold) path.
    custom: Mutex<HashMap<FontKey, Arc<Fonts>>>,
    /// A template render that overran its time limit and still runs.
    pub abandoned: crate::deadline::Abandoned,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::with_jobs(None)
    }
}

const WORKER_STACK: usize = 64 << 20;

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    /// An engine using `jobs` threads (default: one per core).
    pub fn with_jobs(jobs: Option<usize>) -> Engine {
        let mut b = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK).thread_name(|i| format!("kiyaku-{i}"));
        if let Some(n) = jobs {
            b = b.num_threads(n.max(1));
        }
        let pool = b.build().unwrap_or_else(|_| {
            rayon::ThreadPoolBuilder::new().num_threads(1).stack_size(WORKER_STACK).build().expect("a thread pool")
        });
        Engine { pool, bundled: OnceLock::new(), custom: Mutex::new(HashMap::new()), abandoned: Default::default() }
    }

    /// Run `f` on the engine's threads (rayon calls inside use them).
    pub fn run<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        self.pool.install(f)
    }

    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
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
        let fonts = self.fonts_unchecked(site, root)?;
        // PDF/A and PDF/UA forbid a font whose licence forbids embedding:
        // found by `check`, at the setting, not by the PDF writer half-way
        // through `build`.
        let standards = site.pdf_standards;
        if let (Some(claimed), Some(regular)) = (standards.names(), &site.font_regular) {
            for kind in [FontKind::Regular, FontKind::Bold] {
                if fonts.set.face(kind).embedding_restricted {
                    let span = setting_span(site, regular, kind);
                    let claimed_ja = claimed.replace(" and ", " と ");
                    return Err(Diagnostic::new(
                        Code::FontUnusable,
                        crate::msg!(
                            "this font's licence forbids embedding it, which {claimed} does not allow",
                            "このフォントはライセンスで埋め込みが禁止されていますが、{claimed_ja} では埋め込みが必要です"
                        ),
                    )
                    .at(span, crate::msg!("embedding restricted (OS/2 fsType)", "埋め込み制限あり（OS/2 fsType）"))
                    .hint(crate::msg!(
                        "use a font whose licence allows embedding, or claim no standard: `pdf: {{standards: []}}`",
                        "埋め込みを許可するライセンスのフォントを使うか、規格への準拠を指定しないでください: `pdf: {{standards: []}}`"
                    )));
                }
            }
        }
        Ok(fonts)
    }

    fn fonts_unchecked(&self, site: &Site, root: &Path) -> Result<Arc<Fonts>, Diagnostic> {
        let Some(regular) = &site.font_regular else {
            return self.bundled().map_err(|e| {
                Diagnostic::new(Code::FontUnusable, crate::msg!("{e}", "同梱のフォントを読み込めません: {e}"))
            });
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
                // The PDF writer reads the font again, with a stricter parser:
                // a font it refuses is the user's mistake, found by `check`
                // and shown at the setting, not a failure half-way through `build`.
                if let Err((face, e)) = f.pdf_result() {
                    let span = setting_span(site, regular, face);
                    return Err(Diagnostic::new(
                        Code::FontUnusable,
                        crate::msg!(
                            "the PDF writer cannot embed this font: {e}",
                            "PDF の書き出しでこのフォントを埋め込めません: {e}"
                        ),
                    )
                    .at(span, crate::msg!("this font", "このフォント"))
                    .hint(crate::msg!(
                        "name a TrueType or OpenType font file (.ttf/.otf) relative to the project root, or remove `pdf: fonts:` to use the bundled Noto Sans JP",
                        "TrueType または OpenType のフォントファイル（.ttf/.otf）をプロジェクトのルートからの相対パスで指定するか、`pdf: fonts:` を削除して同梱の Noto Sans JP を使ってください"
                    )));
                }
                if let Ok(mut m) = self.custom.lock() {
                    m.insert(key, f.clone());
                }
                Ok(f)
            }
            Err(e) => {
                let span = setting_span(site, regular, e.face);
                let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
                let message = format!("{:#}", e.error).replace(&reg.display().to_string(), &shown(&reg));
                let message = match &bold {
                    Some(b) => message.replace(&b.display().to_string(), &shown(b)),
                    None => message,
                };
                Err(Diagnostic::new(Code::FontUnusable, crate::msg!("{message}", "フォントを使えません: {message}"))
                    .at(span, crate::msg!("this font", "このフォント"))
                    .hint(crate::msg!(
                        "name a TrueType or OpenType font file (.ttf/.otf) relative to the project root, or remove `pdf: fonts:` to use the bundled Noto Sans JP",
                        "TrueType または OpenType のフォントファイル（.ttf/.otf）をプロジェクトのルートからの相対パスで指定するか、`pdf: fonts:` を削除して同梱の Noto Sans JP を使ってください"
                    )))
            }
        }
    }
}
