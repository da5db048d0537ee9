//! `kiyaku check`: load and validate without writing anything.

use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::model::Project;
use crate::model::values::Date;
use crate::source::Sources;
use crate::validate::{ValidateOptions, validate};

#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Revisions after this date are reported as lying in the future.
    pub today: Date,
}

/// What a check found.
pub struct Report {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    pub project: Project,
    pub files: usize,
}

/// Load and validate the project at `options.root`.
pub fn check(options: &CheckOptions) -> anyhow::Result<Report> {
    let loaded = crate::load::load(&options.root)?;
    let mut diagnostics = loaded.diagnostics;
    diagnostics.append(validate(
        &loaded.project,
        &ValidateOptions {
            today: options.today,
        },
    ));
    diagnostics.finish(&loaded.sources);
    Ok(Report {
        sources: loaded.sources,
        diagnostics,
        project: loaded.project,
        files: loaded.files,
    })
}

/// Today's date for "in the future" checks: `KIYAKU_TODAY` if set, else
/// the UTC date plus one day, so that no time zone sees today as future.
pub fn today() -> anyhow::Result<Date> {
    if let Ok(s) = std::env::var("KIYAKU_TODAY") {
        return Date::parse(&s).map_err(|e| anyhow::anyhow!("KIYAKU_TODAY: {}", e.message));
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_unix_days(secs.div_euclid(86_400) + 1)
        .ok_or_else(|| anyhow::anyhow!("system clock out of range"))
}
