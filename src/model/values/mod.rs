//! Typed values: each knows its syntax, its meaning and how it reads in
//! each supported language. Parsing is pure (`&str` → `Result`), so the
//! loader decides where an error points and tests need no files.

mod cadence;
mod count;
mod duration;
mod id;
mod money;
mod percent;
mod retention;
mod schedule;
mod time;
mod version;

pub use cadence::{Cadence, CadenceBound};
pub use count::Count;
pub use duration::{Basis, Duration, Unit};
pub use id::Id;
pub use money::{Money, Tax};
pub use percent::{Percent, PercentBound};
pub use retention::Retention;
pub use schedule::{Frequency, MonthDay, Schedule, TimeOfDayHint};
pub use time::{TimeOfDay, TimeRange, Weekday};
pub use version::Version;

// Shared with every stage, so they live below the model.
pub use crate::vocab::{Date, Lang, ParseError, normalize_width};
