//! Revision histories: versions increase, dates never go backwards nor lie
//! in the future, the latest entry is the document's version, and entries
//! name sections that exist.

// Walks revision lists as users wrote them: no panicking index.
#![deny(clippy::indexing_slicing)]

use super::ValidateOptions;
use crate::diag::{Code, Diagnostic, suggestion};
use crate::model::{ChangeKind, Project};

pub(super) fn check(p: &Project, options: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for d in &p.documents {
        let Some(latest) = d.revisions.last() else {
            if d.revisions_written {
                // The entries did not decode; those errors say why.
                continue;
            }
            out.push(
                Diagnostic::new(Code::RevisionMissing, format!("document `{}` has no revision history", d.id.value))
                    .at(d.id.span, "no `revisions:`")
                    .hint(format!(
                        "add `revisions:` with at least the first edition, e.g. `- {{version: \"{}\", date: YYYY-MM-DD, changes: [{{summary: 初版発行}}]}}`",
                        d.version.text
                    )),
            );
            continue;
        };
        for pair in d.revisions.windows(2) {
            let [prev, next] = pair else { continue };
            if next.version.value <= prev.version.value {
                out.push(
                    Diagnostic::new(
                        Code::RevisionOrder,
                        format!(
                            "version {} follows version {}: versions must increase",
                            next.version.text, prev.version.text
                        ),
                    )
                    .at(next.version.span, "not greater than the previous version")
                    .also(prev.version.span, "previous version")
                    .hint("list revisions oldest first, each with a higher version than the one before"),
                );
            }
            if next.date.value < prev.date.value {
                out.push(
                    Diagnostic::new(
                        Code::RevisionDateOrder,
                        format!(
                            "revision {} is dated {}, before revision {} ({})",
                            next.version.text,
                            next.date.iso(),
                            prev.version.text,
                            prev.date.iso()
                        ),
                    )
                    .at(next.date.span, "earlier than the revision before it")
                    .also(prev.date.span, "previous revision's date")
                    .hint("check the dates; revisions are listed oldest first"),
                );
            }
        }
        for r in &d.revisions {
            if r.date.value > options.today {
                out.push(
                    Diagnostic::new(
                        Code::RevisionInFuture,
                        format!("revision {} is dated {}, which is in the future", r.version.text, r.date.iso()),
                    )
                    .at(r.date.span, "in the future")
                    .hint(format!(
                        "date a revision on the day it is released; today is taken as {} (UTC; dates up to {} pass, for time zones ahead of UTC), and `KIYAKU_TODAY=YYYY-MM-DD` sets it",
                        crate::model::values::Date::from_unix_days(options.today.unix_days() - 1).unwrap_or(options.today).iso(),
                        options.today.iso()
                    )),
                );
            }
            if let Some(dd) = &d.date
                && r.date.value > dd.value
            {
                out.push(
                    Diagnostic::new(
                        Code::RevisionAfterDocument,
                        format!(
                            "revision {} ({}) is dated after the document ({})",
                            r.version.text,
                            r.date.iso(),
                            dd.iso()
                        ),
                    )
                    .at(r.date.span, "after the document's date")
                    .also(dd.span, "document date")
                    .hint("update the document's `date:`, or remove it to use the latest revision's date"),
                );
            }
        }
        if !d.revisions_dropped && (latest.version.value != d.version.value || latest.version.text != d.version.text) {
            out.push(
                Diagnostic::new(
                    Code::RevisionVersionMismatch,
                    format!(
                        "the document is version {} but its latest revision is {}",
                        d.version.text, latest.version.text
                    ),
                )
                .at(d.version.span, "document version")
                .also(latest.version.span, "latest revision")
                .hint("add a revision entry for this version, or set `version:` to the latest revision's"),
            );
        }
        let all = d.all_sections();
        let mut known: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
        known.sort_unstable();
        known.dedup();
        // Entries written before a section was removed may still name it.
        let removed: Vec<&str> = d
            .revisions
            .iter()
            .flat_map(|r| &r.changes)
            .filter(|c| c.kind == ChangeKind::Removed)
            .flat_map(|c| c.sections.iter().map(|s| s.as_str()))
            .collect();
        for r in &d.revisions {
            for c in &r.changes {
                for s in &c.sections {
                    if c.kind == ChangeKind::Removed || known.contains(&s.as_str()) || removed.contains(&s.as_str()) {
                        continue;
                    }
                    out.push(
                        Diagnostic::new(
                            Code::RevisionUnknownSection,
                            format!(
                                "revision {} names section `{}`, which this document does not have",
                                r.version.text, s.value
                            ),
                        )
                        .at(s.span, "no such section")
                        .hint(suggestion(s.as_str(), &known).unwrap_or_else(|| {
                            "name sections by their `id:`; a section that no longer exists needs `change: removed`"
                                .into()
                        })),
                    );
                }
            }
        }
    }
}
