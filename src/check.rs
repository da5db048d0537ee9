//! `kiyaku check`: load, validate, render and check fonts, writing nothing.

use crate::engine::Engine;
use crate::model::values::Date;

/// Today's date for "in the future" checks: `KIYAKU_TODAY` if set, else
/// the UTC date plus one day, so that no time zone sees today as future.
pub fn today() -> anyhow::Result<Date> {
    if let Ok(s) = std::env::var("KIYAKU_TODAY") {
        return Date::parse(&s).map_err(|e| anyhow::anyhow!("KIYAKU_TODAY: {}", e.message));
    }
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Date::from_unix_days(secs.div_euclid(86_400) + 1).ok_or_else(|| anyhow::anyhow!("system clock out of range"))
}

/// Check the project at `root`.
pub fn check(
    engine: &Engine,
    root: &std::path::Path,
    options: crate::build::CheckOptions,
) -> anyhow::Result<crate::build::Outcome> {
    crate::build::analyse(engine, root, options).map(|(o, ..)| o)
}
