//! Typed values: each knows its syntax, its meaning and how it reads in
//! each supported language. Parsing is pure (`&str` → `Result`), so the
//! loader decides where an error points and tests need no files.

mod duration;
mod lang;
mod misc;
mod schedule;

pub use duration::{Basis, Duration, Unit};
pub use lang::Lang;
pub use misc::{Date, Id, Percent, PercentBound, Retention, TimeOfDay, TimeRange, Version, Weekday};
pub use schedule::{Frequency, MonthDay, Schedule, TimeOfDayHint};

/// Why a value could not be parsed, and how to write it instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub hint: Option<String>,
}

impl ParseError {
    pub fn new(message: impl Into<String>) -> Self {
        ParseError { message: message.into(), hint: None }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Full-width digits and letters (common in Japanese input) to ASCII,
/// and the ideographic space to a plain one.
pub fn normalize_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}
