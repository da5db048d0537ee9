//! Stages 1–3: load → validate (and the lock) → render, then the glyph
//! check. Each stage hands the next a value; a stage that finds the input
//! too broken to go on ends the run with [`Stage::Stopped`].

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{CheckOptions, Outcome, Timings, findings};
use crate::diag::{Code, Diagnostics};
use crate::doc::Document;
use crate::engine::{Engine, Fonts};
use crate::model::Project;
use crate::source::Sources;
use crate::templates::Templates;
use crate::validate::{ValidateOptions, validate};

/// Stages 1–3 done: documents rendered, fonts known.
pub(crate) struct Rendered {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    pub project: Project,
    pub documents: Vec<Document>,
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

/// Run stages 1–3 on the engine's threads.
pub(crate) fn analyse(engine: &Engine, root: &Path, options: CheckOptions) -> anyhow::Result<Stage> {
    engine.run(|| analyse_here(engine, root, options))
}

fn analyse_here(engine: &Engine, root: &Path, options: CheckOptions) -> anyhow::Result<Stage> {
    let today = options.today;
    let mut timings = Timings::default();
    let t = Instant::now();
    let mut loaded = crate::load::load(root)?;
    timings.load = t.elapsed();

    let stopped = |sources: Sources, mut diagnostics: Diagnostics, project, documents, files, timings| {
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
    };

    // A file that could not be read, or an item that could not be decoded,
    // takes its ids with it: every reference to them would fail too.
    // Report the files first; checks across items run once they decode.
    if loaded.incomplete > 0 || loaded.diagnostics.items().iter().any(|d| d.code.loses_file()) {
        return Ok(stopped(loaded.sources, loaded.diagnostics, loaded.project, Vec::new(), loaded.files, timings));
    }

    let t = Instant::now();
    let mut diagnostics = loaded.diagnostics;
    let checked = validate(&loaded.project, &ValidateOptions { today });
    if diagnostics.has_errors() {
        // A value that failed to decode leaves its field empty; a section
        // showing that field is not a second mistake.
        diagnostics.extend(checked.into_items().into_iter().filter(|d| d.code != Code::BlockWithoutData));
    } else {
        diagnostics.append(checked);
    }
    timings.validate = t.elapsed();

    // The lock knows the titles of removed sections, for revision histories.
    let lock = crate::lock::load(root, &mut loaded.sources);
    let released = match &lock {
        Ok(Some(lock)) => crate::lock::released_titles(&loaded.project, lock),
        _ => Default::default(),
    };

    let t = Instant::now();
    let mut project = loaded.project;
    let mut documents = Vec::new();
    let templates = match crate::templates::load(root, &mut loaded.sources, crate::render::configure_markdown) {
        Ok(templates) => {
            let templates = Arc::new(templates);
            let limits = crate::render::RenderLimits {
                threads: engine.threads(),
                per_document: Duration::from_secs(u64::from(project.site.limits.template_seconds)),
                abandoned: &engine.abandoned,
            };
            let shared = Arc::new(project);
            let (docs, diags) =
                crate::render::render_all(&shared, &Arc::new(released), &templates, &loaded.sources, &limits);
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
    timings.render = t.elapsed();

    let fonts = match engine.fonts_for(&project.site, root) {
        Ok(f) => {
            diagnostics.extend(findings::missing_glyphs(&project, &documents, &f));
            Some(f)
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    diagnostics.apply_acceptances(&loaded.acceptances);
    match lock {
        // Broken references make sections look changed; fix those first.
        Ok(Some(lock)) if options.lock && !diagnostics.has_errors() => {
            diagnostics.extend(crate::lock::check(&project, &lock, options.strict, today))
        }
        Ok(_) => {}
        Err(d) => diagnostics.push(d),
    }
    let (Some(templates), Some(fonts)) = (templates, fonts) else {
        return Ok(stopped(loaded.sources, diagnostics, project, documents, loaded.files, timings));
    };
    diagnostics.finish(&loaded.sources);
    Ok(Stage::Rendered(Box::new(Rendered {
        sources: loaded.sources,
        diagnostics,
        project,
        documents,
        files: loaded.files,
        templates,
        fonts,
        timings,
    })))
}
