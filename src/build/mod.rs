//! The pipeline, as typed stages handed on by value:
//!
//! ```text
//! load ─► Loaded ─► Checked ─► Rendered ─┬─► HTML pages ─────────────┐
//!         (model)   (validated, (doc trees, │                            ├─► SiteFiles ─► site check ─► output/
//!                    lock read)  fonts)     └─► laid-out pages ─► PDF ─┘
//! ```
//!
//! `check`, `build` and `serve` run the same stages and differ in what they
//! do with PDFs ([`PdfMode`]) and whether the site is written (and `serve`,
//! which previews drafts, leaves out the lock comparison and the page limit):
//! `check` lays every document out but encodes no PDF and writes nothing,
//! so it fails on everything `build` fails on.
//!
//! - `analyse.rs`: load → validate → lock → render → glyph coverage.
//! - `assemble.rs`: layout and PDFs, HTML pages, the index, the site check.
//! - `pdf.rs`: one document's layout and PDF bytes.
//! - `findings.rs`: diagnostics about built things (glyphs, page counts, site links).

mod analyse;
mod assemble;
mod cache;
mod compare;
mod findings;
mod pdf;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::doc::RenderedDocument;
use crate::engine::Engine;
use crate::model::Project;
use crate::model::values::Date;
use crate::output::Staging;
use crate::site::SiteFiles;
use crate::source::Sources;

pub(crate) use analyse::{Rendered, Stage, analyse};
pub(crate) use compare::section_numbers;
pub use compare::{DiffFormat, DiffOutput, DiffRequest, diff};
pub use pdf::{PdfOutput, pdf_bytes};

#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Project directory (holding `content/` and `templates/`).
    pub root: PathBuf,
    /// Output directory.
    pub out: PathBuf,
    pub check: CheckOptions,
    /// What to do about PDFs.
    pub pdf: PdfMode,
    /// Told as each document's PDF is done (the command line draws a
    /// progress line from it).
    pub progress: Option<Progress>,
}

/// A listener for how far a build has got.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(Done) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress(..)")
    }
}

/// How far a build has got: PDFs made of those it makes, pages in them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Done {
    pub documents: usize,
    pub of: usize,
    pub pages: usize,
}

/// What a run does about each document's PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfMode {
    /// Lay out and encode every document (`build`).
    Export,
    /// Lay every document out (page counts, the page limit) but encode
    /// nothing (`check`).
    LayoutOnly,
    /// Link the PDFs from the pages but make none: `serve` makes each one
    /// when it is first asked for, so a rebuild costs only the HTML.
    Deferred,
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
    pub documents: Vec<RenderedDocument>,
    pub files: usize,
    /// The built site, when the run got that far and nothing failed.
    pub site: Option<SiteFiles>,
    /// Pages per document, by document id, when documents were laid out.
    pub pages: Vec<(String, usize)>,
    pub timings: Timings,
}

/// What every run is told from outside: the library reads no clock and no
/// environment; the command line does, and passes them in here.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// Revisions after this date are reported as lying in the future.
    pub today: Date,
    /// `today` was set by the user (`KIYAKU_TODAY`), not read from the
    /// clock (where it is the UTC date plus one day).
    pub today_pinned: bool,
    /// The date printed in the PDF of a document that has none of its own
    /// (from `SOURCE_DATE_EPOCH`; 1970-01-01 when not given).
    pub source_date: Option<Date>,
    /// Warnings fail; some warnings are only reported under `--strict`.
    pub strict: bool,
    /// Compare documents with `content/kiyaku.lock`. Off in `serve`, which
    /// previews drafts before their revision entry is written.
    pub lock: bool,
}

impl CheckOptions {
    /// Not strict, lock checked, no source date.
    pub fn new(today: Date) -> CheckOptions {
        CheckOptions { today, today_pinned: false, source_date: None, strict: false, lock: true }
    }

    pub fn today_pinned(self, today_pinned: bool) -> CheckOptions {
        CheckOptions { today_pinned, ..self }
    }

    pub fn strict(self, strict: bool) -> CheckOptions {
        CheckOptions { strict, ..self }
    }

    pub fn source_date(self, source_date: Option<Date>) -> CheckOptions {
        CheckOptions { source_date, ..self }
    }
}

/// `kiyaku check`: every stage of `build` except encoding PDFs and writing
/// files. The HTML pages are rendered and the site's links checked in memory.
pub fn check(engine: &Engine, root: &std::path::Path, options: CheckOptions) -> anyhow::Result<Outcome> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: crate::vocab::ProjectPaths::new(root).default_output(),
        check: options,
        pdf: PdfMode::LayoutOnly,
        progress: None,
    };
    build_site(engine, &options)
}

/// Build the site in memory. `outcome.site` is `None` when the content has
/// errors (or warnings under `strict`).
pub fn build_site(engine: &Engine, options: &BuildOptions) -> anyhow::Result<Outcome> {
    engine.run(|| run(engine, options, None))
}

/// Build and, if the build succeeded, replace the output directory.
pub fn build(engine: &Engine, options: &BuildOptions) -> anyhow::Result<Outcome> {
    engine.run(|| {
        // Dropped without a commit (errors, warnings under --strict), the
        // staging directory removes itself and the old output stays.
        let staging = Staging::new(&options.out, &options.root)?;
        let mut outcome = run(engine, options, Some(&staging))?;
        if let Some(site) = &outcome.site {
            let t = Instant::now();
            staging.write_site(site)?;
            staging.commit()?;
            outcome.timings.write = t.elapsed();
        }
        Ok(outcome)
    })
}

/// All stages; with `staging`, PDFs go there as they are made instead of
/// being kept in memory.
fn run(engine: &Engine, options: &BuildOptions, staging: Option<&Staging>) -> anyhow::Result<Outcome> {
    match analyse(engine, &options.root, options.check)? {
        Stage::Stopped(outcome) => Ok(*outcome),
        Stage::Rendered(rendered) => assemble::assemble(rendered, options, staging),
    }
}

#[cfg(test)]
mod tests;
