//! `kiyaku release` and `kiyaku diff`: the commands around the lock file.

use std::path::Path;

use crate::build::{CheckOptions, Outcome, Stage, analyse};
use crate::diag::Code;
use crate::engine::Engine;
use crate::lock::{self, ReleaseReport};

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
    Done(ReleaseReport),
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
            let released =
                existing.as_ref().and_then(|l| l.documents.get(d.id.as_str())).map(|e| e.latest().version.clone());
            if released.as_deref() != Some(d.version.text.as_str()) && !ids.contains(&d.id.value.0) {
                ids.push(d.id.value.0.clone());
            }
        }
    }
    if ids.is_empty() && forget.is_empty() && !all {
        anyhow::bail!("nothing to release: name documents, or use --all");
    }
    let numbers = crate::build::section_numbers(&outcome.documents);
    let request = lock::ReleaseRequest { root, project: &outcome.project, numbers: &numbers, ids: &ids, forget };
    Ok(match lock::release(&request, existing)? {
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

pub use crate::build::{DiffFormat, DiffOutput, DiffRequest, diff};

/// Write `bytes` to `path` whole or not at all: a file beside it, renamed.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.kiyaku-tmp"));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}

/// The project checked and rendered, as release and diff read it.
fn analysed(engine: &Engine, root: &Path, options: CheckOptions) -> anyhow::Result<Outcome> {
    Ok(match analyse(engine, root, options)? {
        Stage::Stopped(outcome) => *outcome,
        Stage::Rendered(rendered) => rendered.into_outcome(),
    })
}
