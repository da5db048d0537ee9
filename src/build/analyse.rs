//! Stages 1–3 as types: `load` gives a `Loaded` project, [`validated`] makes
//! it [`Checked`] (validated, its lock read), [`rendered`] makes it [`Rendered`]
//! (documents as block trees, fonts known, glyphs and the lock compared).
//! A stage that finds the input too broken to go on ends the run with
//! [`Stage::Stopped`] and what was found so far.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{CheckOptions, Outcome, Timings, findings};
use crate::diag::{Acceptance, Code, Diagnostic, Diagnostics};
use crate::doc::RenderedDocument;
use crate::engine::{Engine, Fonts};
use crate::load::Loaded;
use crate::lock::Lock;
use crate::model::{Project, Releases};
use crate::source::Sources;
use crate::templates::Templates;
use crate::validate::{ValidateOptions, validate};

/// Stage 2 done: the project validated and its lock file read. Nothing in
/// the project has been changed.
pub(crate) struct Checked {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    pub project: Project,
    pub acceptances: Vec<Acceptance>,
    pub files: usize,
    /// The lock file, if there is one (or why it could not be read).
    pub lock: Result<Option<Lock>, Diagnostic>,
    pub timings: Timings,
}

/// Stage 3 done: documents rendered, fonts known, every finding about the
/// content made.
pub(crate) struct Rendered {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    pub project: Project,
    pub documents: Vec<RenderedDocument>,
    pub files: usize,
    pub templates: Arc<Templates>,
    pub fonts: Arc<Fonts>,
    pub timings: Timings,
}

impl Rendered {
    /// The run ends here, with what was found so far.
    pub(crate) fn into_outcome(self) -> Outcome {
        Outcome {
            sources: self.sources,
            diagnostics: self.diagnostics,
            project: self.project,
            documents: self.documents,
            files: self.files,
            site: None,
            pages: Vec::new(),
            timings: self.timings,
        }
    }
}

pub(crate) enum Stage {
    /// Too broken to go on (a file that did not load, templates that did not
    /// compile, fonts that cannot be used): report what was found.
    Stopped(Box<Outcome>),
    Rendered(Box<Rendered>),
}

/// What a run found before it stopped.
fn stopped(
    sources: Sources,
    mut diagnostics: Diagnostics,
    project: Project,
    documents: Vec<RenderedDocument>,
    files: usize,
    timings: Timings,
) -> Stage {
    diagnostics.finish(&sources);
    Stage::Stopped(Box::new(Outcome {
        sources,
        diagnostics,
        project,
        documents,
        files,
        site: None,
        pages: Vec::new(),
        timings,
    }))
}

/// Run stages 1–3 on the engine's threads.
pub(crate) fn analyse(engine: &Engine, root: &Path, options: CheckOptions) -> anyhow::Result<Stage> {
    engine.run(|| {
        let t = Instant::now();
        let loaded = crate::load::load(root)?;
        let load_time = t.elapsed();
        Ok(match validated(root, loaded, options) {
            Ok(mut checked) => {
                checked.timings.load = load_time;
                rendered(engine, root, checked, options)
            }
            Err(mut stop) => {
                if let Stage::Stopped(outcome) = &mut stop {
                    outcome.timings.load = load_time;
                }
                stop
            }
        })
    })
}

/// Stage 2: validate the loaded project and read its lock.
fn validated(root: &Path, loaded: Loaded, options: CheckOptions) -> Result<Checked, Stage> {
    let Loaded { project, acceptances, mut sources, mut diagnostics, files, incomplete } = loaded;
    let mut timings = Timings::default();
    // A file that could not be read, or an item that could not be decoded,
    // takes its ids with it: every reference to them would fail too.
    // Report the files first; checks across items run once they decode.
    if incomplete > 0 || diagnostics.items().iter().any(|d| d.code.loses_file()) {
        return Err(stopped(sources, diagnostics, project, Vec::new(), files, timings));
    }
    let t = Instant::now();
    let found = validate(&project, &ValidateOptions { today: options.today, today_pinned: options.today_pinned });
    if diagnostics.has_errors() {
        // A value that failed to decode leaves its field empty; a section
        // showing that field is not a second mistake.
        diagnostics.extend(found.into_items().into_iter().filter(|d| d.code != Code::BlockWithoutData));
    } else {
        diagnostics.append(found);
    }
    timings.validate = t.elapsed();
    let lock = crate::lock::load(root, &mut sources);
    Ok(Checked { sources, diagnostics, project, acceptances, files, lock, timings })
}

/// The documents rendered with the project's templates (none if the
/// templates do not compile), and the templates.
fn render_documents(
    engine: &Engine,
    root: &Path,
    mut project: Project,
    released: Releases,
    comparisons: Vec<RenderedDocument>,
    sources: &mut Sources,
    diagnostics: &mut Diagnostics,
) -> (Project, Vec<RenderedDocument>, Option<Arc<Templates>>) {
    let mut documents = Vec::new();
    let templates = match crate::templates::load(root, sources, crate::render::configure_markdown) {
        Ok((templates, warnings)) => {
            diagnostics.extend(warnings);
            let templates = Arc::new(templates);
            let limits = crate::render::RenderLimits {
                threads: engine.threads(),
                per_document: Duration::from_secs(u64::from(project.site.limits.template_seconds)),
                abandoned: &engine.abandoned,
            };
            let shared = Arc::new(project);
            let released = Arc::new(released);
            let (docs, diags) =
                crate::render::render_all(&shared, (&released, comparisons), &templates, sources, &limits);
            // The render threads have let go of it unless one was abandoned.
            project = Arc::try_unwrap(shared).unwrap_or_else(|p| (*p).clone());
            diagnostics.extend(diags);
            documents = docs;
            Some(templates)
        }
        Err(diags) => {
            diagnostics.extend(diags);
            None
        }
    };

    (project, documents, templates)
}

/// Stage 3: render every document, check the fonts have every character,
/// apply `accept:`, and compare with the lock.
fn rendered(engine: &Engine, root: &Path, checked: Checked, options: CheckOptions) -> Stage {
    let Checked { mut sources, mut diagnostics, project, acceptances, files, lock, mut timings } = checked;
    // The lock knows the titles of removed sections, for revision histories.
    let mut released = match &lock {
        Ok(Some(lock)) => crate::lock::releases(&project, lock),
        _ => Releases::default(),
    };
    // The comparisons published with the site: documents too, so links to
    // them resolve and they are laid out like any other.
    let published = match &lock {
        Ok(Some(lock)) => crate::comparison::published(&project, lock),
        _ => Default::default(),
    };
    diagnostics.extend(published.findings);
    released.comparisons = published.ids;
    let comparisons = published.documents;

    let t = Instant::now();
    // The fonts are read while the documents render: neither needs the other.
    let site = project.site.clone();
    let (fonts, (project, documents, templates)) = rayon::join(
        || engine.fonts_for(&site, root),
        || render_documents(engine, root, project, released, comparisons, &mut sources, &mut diagnostics),
    );
    timings.render = t.elapsed();

    let fonts = match fonts {
        Ok(f) => {
            diagnostics.extend(findings::missing_glyphs(&project, &documents, &f));
            Some(f)
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    diagnostics.apply_acceptances(&acceptances);
    match lock {
        // Broken references make sections look changed; fix those first.
        Ok(Some(lock)) if options.lock && !diagnostics.has_errors() => {
            diagnostics.extend(crate::lock::check(&project, &lock, options.strict, options.today))
        }
        Ok(_) => {}
        Err(d) => diagnostics.push(d),
    }
    let (Some(templates), Some(fonts)) = (templates, fonts) else {
        return stopped(sources, diagnostics, project, documents, files, timings);
    };
    diagnostics.finish(&sources);
    Stage::Rendered(Box::new(Rendered { sources, diagnostics, project, documents, files, templates, fonts, timings }))
}
