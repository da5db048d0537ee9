//! `kiyaku release` and `kiyaku diff`: the commands around the lock file.

use std::collections::BTreeMap;
use std::path::Path;

use crate::build::{CheckOptions, Outcome, Stage, analyse};
use crate::diag::Code;
use crate::engine::Engine;
use crate::lock::{self, Released};

/// Codes about releases themselves, which do not stop a release.
fn lock_code(c: Code) -> bool {
    matches!(
        c,
        Code::ContentChangedWithoutRevision
            | Code::RevisionNamesUnchangedSection
            | Code::DocumentNotReleased
            | Code::StaleLockEntry
    )
}

pub enum ReleaseResult {
    /// The content has errors: nothing released; the outcome says why.
    Invalid(Box<Outcome>),
    /// A document could not be released; nothing was written. The
    /// outcome's diagnostics are the reasons.
    Refused(Box<Outcome>),
    Done(Vec<Released>),
}

/// Release `ids` (or, with `all`, every document whose version is not the
/// released one), after checking the project.
pub fn release(
    engine: &Engine,
    root: &Path,
    options: CheckOptions,
    ids: &[String],
    all: bool,
    forget: &[String],
) -> anyhow::Result<ReleaseResult> {
    let outcome = analysed(engine, root, options)?;
    if outcome.diagnostics.items().iter().any(|d| d.is_error() && !lock_code(d.code)) {
        return Ok(ReleaseResult::Invalid(Box::new(outcome)));
    }
    let mut sources = crate::source::Sources::new();
    let existing = lock::load(root, &mut sources).map_err(|d| anyhow::anyhow!("{}", d.message))?;
    let mut ids: Vec<String> = ids.to_vec();
    if all {
        for d in &outcome.project.documents {
            let released = existing.as_ref().and_then(|l| l.documents.get(d.id.as_str())).map(|e| e.version.clone());
            if released.as_deref() != Some(d.version.text.as_str()) && !ids.contains(&d.id.value.0) {
                ids.push(d.id.value.0.clone());
            }
        }
    }
    if ids.is_empty() && forget.is_empty() {
        if all {
            return Ok(ReleaseResult::Done(Vec::new()));
        }
        anyhow::bail!("nothing to release: name documents, or use --all");
    }
    Ok(match lock::release(root, &outcome.project, &ids, forget, existing)? {
        Ok(done) => ReleaseResult::Done(done),
        Err(problems) => {
            let mut outcome = outcome;
            outcome.diagnostics = crate::diag::Diagnostics::new();
            outcome.diagnostics.extend(problems);
            outcome.diagnostics.finish(&outcome.sources);
            ReleaseResult::Refused(Box::new(outcome))
        }
    })
}

/// The changes of document `id` since its released version.
pub fn diff(engine: &Engine, root: &Path, options: CheckOptions, id: &str) -> anyhow::Result<String> {
    let outcome = analysed(engine, root, options)?;
    let Some(d) = outcome.project.document(id) else {
        let ids: Vec<&str> = outcome.project.documents.iter().map(|d| d.id.as_str()).collect();
        anyhow::bail!(
            "no document `{id}`{}",
            crate::diag::suggestion(id, &ids).map(|s| format!(" ({s})")).unwrap_or_default()
        );
    };
    let mut sources = crate::source::Sources::new();
    let lock = lock::load(root, &mut sources).map_err(|e| anyhow::anyhow!("{}", e.message))?.unwrap_or_default();
    let numbers: BTreeMap<String, String> = outcome
        .documents
        .iter()
        .find(|x| x.meta.id == id)
        .map(|doc| doc.headings().into_iter().filter_map(|h| Some((h.id, h.number?))).collect())
        .unwrap_or_default();
    Ok(lock::diff(&outcome.project, d, &lock, &numbers))
}

/// The project checked and rendered, as release and diff read it.
fn analysed(engine: &Engine, root: &Path, options: CheckOptions) -> anyhow::Result<Outcome> {
    Ok(match analyse(engine, root, options)? {
        Stage::Stopped(outcome) => *outcome,
        Stage::Rendered(rendered) => rendered.into_outcome(),
    })
}
