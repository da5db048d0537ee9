//! Typed values: each knows its syntax, its meaning and how it reads in
//! each supported language. Parsing is pure (`&str` → `Result`), so the
//! loader decides where an error points and tests need no files.

mod duration;
mod id;
mod percent;
mod retention;
mod schedule;
mod time;
mod version;

pub use duration::{Basis, Duration, Unit};
pub use id::Id;
pub use percent::{Percent, PercentBound};
pub use retention::Retention;
pub use schedule::{Frequency, MonthDay, Schedule, TimeOfDayHint};
pub use time::{TimeOfDay, TimeRange, Weekday};
pub use version::Version;

// Shared with every stage, so they live below the model.
pub use crate::vocab::{Date, Lang, ParseError, normalize_width};
