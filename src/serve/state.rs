//! What the server threads share: the last good site, the diagnostics of
//! the latest build, a build counter the event streams wait on, and the
//! PDFs made so far.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, CheckOptions, Outcome, PdfMode};
use crate::diag::Diagnostics;
use crate::doc::RenderedDocument;
use crate::engine::{Engine, Fonts};
use crate::model::Project;
use crate::site::SiteFiles;
use crate::source::Sources;
use crate::vocab::Lang;

use super::ServeOptions;
use super::overlay;

/// One successful build: its pages, and what it takes to make its PDFs.
pub(super) struct Generation {
    pub site: SiteFiles,
    pub project: Project,
    pub documents: Vec<RenderedDocument>,
    pub fonts: Arc<Fonts>,
    pub source_date: Option<crate::model::values::Date>,
    /// PDFs made on request.
    pub pdfs: super::pdfs::Pdfs,
}

/// The state every request sees.
#[derive(Clone)]
pub(super) struct Snapshot {
    /// Counts builds, good or failed; pages reload when it moves.
    pub build: u64,
    /// The last successful build.
    pub good: Option<Arc<Generation>>,
    /// The diagnostics of the latest build when it failed, as HTML.
    pub overlay: Option<Arc<str>>,
    /// The language of kiyaku's own pages and messages.
    pub lang: Lang,
}

impl Snapshot {
    pub(super) fn new(lang: Lang) -> Snapshot {
        Snapshot { build: 0, good: None, overlay: None, lang }
    }
}

/// What a rebuild found, for the terminal.
pub struct Rebuilt<'a> {
    pub build: u64,
    pub elapsed: Duration,
    /// Whether the site was replaced.
    pub ok: bool,
    /// The diagnostics and the files they point into, unless the build
    /// could not run at all.
    pub report: Option<(&'a Sources, &'a Diagnostics)>,
    pub files: usize,
    pub documents: usize,
    /// Documents changed since their released version without a new
    /// revision yet (`check` fails on them; the preview does not).
    pub drafts: Vec<String>,
    /// Set when the build could not run (an I/O error, say).
    pub error: Option<&'a anyhow::Error>,
    /// The language to tell the user about this build in.
    pub lang: Lang,
}

/// Called after every build; `serve` prints the diagnostics and a line.
pub type Reporter = Box<dyn Fn(&Rebuilt) + Send + Sync>;

pub(super) struct Shared {
    pub engine: Arc<Engine>,
    pub options: ServeOptions,
    state: Mutex<Snapshot>,
    changed: Condvar,
    reporter: Reporter,
    pub streams: super::events::Streams,
    /// PDFs made since the server started (each once per build).
    pub pdfs_made: AtomicU64,
    pub stopping: AtomicBool,
    /// Serialises builds (the watcher, and a test's explicit rebuild).
    building: Mutex<()>,
}

impl Shared {
    pub(super) fn new(engine: Arc<Engine>, options: ServeOptions, reporter: Reporter) -> Shared {
        let lang = options.messages.unwrap_or(options.fallback_lang);
        Shared {
            engine,
            options,
            state: Mutex::new(Snapshot::new(lang)),
            changed: Condvar::new(),
            reporter,
            streams: super::events::Streams::default(),
            pdfs_made: AtomicU64::new(0),
            stopping: AtomicBool::new(false),
            building: Mutex::new(()),
        }
    }

    pub(super) fn snapshot(&self) -> Snapshot {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Build the site again and publish the result: a good build replaces
    /// the site and clears the overlay; a failed one keeps the last good
    /// site and sets the overlay. Either way the build counter moves.
    pub(super) fn rebuild(&self) -> u64 {
        let _one_at_a_time = self.building.lock().unwrap_or_else(|e| e.into_inner());
        let t = Instant::now();
        let options = BuildOptions {
            root: self.options.root.clone(),
            out: crate::vocab::ProjectPaths::new(&self.options.root).default_output(),
            check: CheckOptions {
                today: self.options.today,
                today_pinned: self.options.today_pinned,
                source_date: self.options.source_date,
                strict: self.options.strict,
                lock: false,
            },
            pdf: PdfMode::Deferred,
            progress: None,
        };
        // A bug in one build must not end the server: report it like any
        // failed build and keep serving the last good one.
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| crate::build::build_site(&self.engine, &options)))
                .unwrap_or_else(|panic| {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    Err(anyhow::anyhow!("internal error while building (a bug in kiyaku; please report it): {what}"))
                });
        let elapsed = t.elapsed();

        let mut good = None;
        let mut overlay = None;
        let mut error = None;
        let mut report = None;
        let (mut files, mut documents) = (0, 0);
        let mut drafts = Vec::new();
        let mut lang = self.options.messages.unwrap_or(self.options.fallback_lang);
        match result {
            Ok(outcome) => {
                let Outcome { sources, diagnostics, project, documents: docs, site, files: n, .. } = outcome;
                (files, documents) = (n, project.documents.len());
                lang = self.options.messages.unwrap_or(project.site.language);
                // The fonts were loaded by the build: this only fetches them.
                let fonts = self.engine.fonts_for(&project.site, &self.options.root);
                let mut scratch = Sources::new();
                if let Ok(Some(lock)) = crate::lock::load(&self.options.root, &mut scratch) {
                    drafts = crate::lock::drafts(&project, &lock);
                }
                match (site, fonts) {
                    (Some(site), Ok(fonts)) => {
                        let g = Generation {
                            site,
                            project,
                            documents: docs,
                            fonts,
                            source_date: self.options.source_date,
                            pdfs: Default::default(),
                        };
                        good = Some(Arc::new(g));
                    }
                    _ => overlay = Some(overlay::for_diagnostics(&sources, &diagnostics, lang)),
                }
                report = Some((sources, diagnostics));
            }
            Err(e) => {
                overlay = Some(overlay::for_error(&e, lang));
                error = Some(e);
            }
        }
        let ok = good.is_some();

        let build = {
            let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
            s.build += 1;
            if let Some(g) = good {
                s.good = Some(g);
            }
            s.overlay = overlay.map(Arc::from);
            s.lang = lang;
            s.build
        };
        self.changed.notify_all();
        (self.reporter)(&Rebuilt {
            build,
            elapsed,
            ok,
            report: report.as_ref().map(|(s, d)| (s, d)),
            files,
            documents,
            drafts,
            error: error.as_ref(),
            lang,
        });
        build
    }

    /// Wait until the build counter differs from `seen`, the server stops,
    /// or `timeout` passes; returns the counter.
    pub(super) fn wait_for_build(&self, seen: u64, timeout: Duration) -> u64 {
        let guard = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.build == seen && !self.stopping.load(Ordering::Relaxed))
            .unwrap_or_else(|e| e.into_inner());
        guard.build
    }

    pub(super) fn stop(&self) {
        self.stopping.store(true, Ordering::Relaxed);
        self.changed.notify_all();
    }

    pub(super) fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Relaxed)
    }
}

impl Generation {
    /// The document whose PDF is at `path` (`id/id.pdf`).
    pub(super) fn pdf_document(&self, path: &str) -> Option<&RenderedDocument> {
        let id = crate::vocab::SitePaths::document_of_pdf(path)?;
        self.documents.iter().find(|d| d.meta.id == id)
    }

    /// Make the PDF at `path`: a document of this build's.
    pub(super) fn make_pdf(&self, engine: &Engine, path: &str) -> anyhow::Result<Vec<u8>> {
        let doc = self.pdf_document(path).ok_or_else(|| anyhow::anyhow!("no document has the PDF {path}"))?;
        Ok(engine.run(|| crate::build::pdf_bytes(&self.project, doc, &self.fonts, self.source_date))?.bytes)
    }
}
