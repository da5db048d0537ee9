//! Consistency of the SLA itself — what no other tool checks:
//!
//! - tier dominance: a higher tier offers every feature of the tier below
//!   and is never slower, for any severity and target;
//! - severity order: within a tier, a more severe level is never slower;
//! - business time compared with clock time by its worst case under the
//!   tier's support calendar; clock-time promises need round-the-clock cover;
//! - retention against deletion: backups and logs must not outlive the
//!   promise to delete customer data after the contract ends;
//! - completeness and plausibility.
//!
//! A finding can be accepted next to the fact with `accept: [CODE]` and a
//! written `reason:` (`diag::Acceptance`).

mod business;
mod rules;

pub use business::{japanese_holidays, worst_case_minutes};

use crate::diag::Diagnostic;
use crate::model::Project;

pub fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    rules::check(p, out);
}
