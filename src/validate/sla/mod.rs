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
//! written `reason:` ([`apply_acceptances`]).

mod business;
mod rules;

pub use business::{japanese_holidays, worst_case_minutes};

use crate::diag::{Accepted, Code, Diagnostic, Diagnostics};
use crate::model::Project;

pub fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    rules::check(p, out);
}

/// Whether findings with `code` may be accepted (the SLA consistency group).
pub fn acceptable(code: Code) -> bool {
    // The SLA rules; a revision dated after its document is a plain mistake.
    let s = code.as_str();
    (s.starts_with("E05") || s.starts_with("W05")) && code != Code::RevisionAfterDocument
}

/// Move findings accepted in the YAML (`accept:` on an enclosing mapping)
/// from the problems to the accepted list; report `accept:` entries that
/// match nothing, and codes that cannot be accepted.
pub fn apply_acceptances(p: &Project, diags: &mut Diagnostics) {
    let mut used = vec![vec![false; 0]; p.acceptances.len()];
    for (i, a) in p.acceptances.iter().enumerate() {
        used[i] = vec![false; a.codes.len()];
    }
    let mut kept = Vec::new();
    let items = std::mem::take(diags).into_items();
    let mut accepted = Vec::new();
    'each: for d in items {
        if let Some(primary) = &d.primary {
            for (i, a) in p.acceptances.iter().enumerate() {
                if a.span.file != primary.span.file
                    || primary.span.start < a.span.start
                    || primary.span.end > a.span.end
                {
                    continue;
                }
                if let Some(k) = a.codes.iter().position(|c| c.value == d.code && acceptable(c.value)) {
                    used[i][k] = true;
                    accepted.push(Accepted {
                        reason: crate::cjk::join_lines(a.reason.first().text.lines()),
                        accept_span: a.codes[k].span,
                        diagnostic: d,
                    });
                    continue 'each;
                }
            }
        }
        kept.push(d);
    }
    for (i, a) in p.acceptances.iter().enumerate() {
        for (k, c) in a.codes.iter().enumerate() {
            if !acceptable(c.value) {
                kept.push(
                    Diagnostic::new(Code::InvalidValue, format!("{} cannot be accepted", c.value))
                        .at(c.span, "only SLA consistency findings (E05xx) can be accepted")
                        .hint("fix the problem instead; `accept:` is for contradictions that are intended"),
                );
            } else if !used[i][k] {
                kept.push(
                    Diagnostic::new(Code::UnusedAccept, format!("`accept: [{}]` matches no finding here", c.value))
                        .at(c.span, "nothing to accept")
                        .also(a.key_span, "accepted here")
                        .hint("remove it: the finding it accepted no longer occurs"),
                );
            }
        }
    }
    diags.extend(kept);
    for a in accepted {
        diags.accept(a);
    }
}
