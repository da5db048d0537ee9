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
                Diagnostic::new(
                    Code::RevisionMissing,
                    crate::msg!("document `{}` has no revision history", "文書 `{}` に改訂履歴がありません", d.id.value),
                )
                .at(d.id.span, crate::msg!("no `revisions:`", "`revisions:` なし"))
                .hint(crate::msg!(
                    "add `revisions:` with at least the first edition, e.g. `- {{version: \"{}\", date: YYYY-MM-DD, changes: [{{summary: 初版発行}}]}}`",
                    "少なくとも初版を記した `revisions:` を追加してください。例: `- {{version: \"{}\", date: YYYY-MM-DD, changes: [{{summary: 初版発行}}]}}`",
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
                        crate::msg!(
                            "version {} follows version {}: versions must increase",
                            "版 {} が版 {} の後にあります。版は順に大きくなる必要があります",
                            next.version.text,
                            prev.version.text
                        ),
                    )
                    .at(next.version.span, crate::msg!("not greater than the previous version", "前の版以下の版"))
                    .also(prev.version.span, crate::msg!("previous version", "前の版"))
                    .hint(crate::msg!(
                        "list revisions oldest first, each with a higher version than the one before",
                        "改訂は古い順に並べ、それぞれ前の改訂より大きい版にしてください"
                    )),
                );
            }
            if next.date.value < prev.date.value {
                out.push(
                    Diagnostic::new(
                        Code::RevisionDateOrder,
                        crate::msg!(
                            "revision {} is dated {}, before revision {} ({})",
                            "改訂 {} の日付 {} が、前の改訂 {}（{}）より前です",
                            next.version.text,
                            next.date.iso(),
                            prev.version.text,
                            prev.date.iso()
                        ),
                    )
                    .at(next.date.span, crate::msg!("earlier than the revision before it", "前の改訂より前の日付"))
                    .also(prev.date.span, crate::msg!("previous revision's date", "前の改訂の日付"))
                    .hint(crate::msg!(
                        "check the dates; revisions are listed oldest first",
                        "日付を確認してください。改訂は古い順に並べます"
                    )),
                );
            }
        }
        for r in &d.revisions {
            if r.date.value > options.today {
                out.push(
                    Diagnostic::new(
                        Code::RevisionInFuture,
                        crate::msg!(
                            "revision {} is dated {}, which is in the future",
                            "改訂 {} の日付 {} は未来の日付です",
                            r.version.text,
                            r.date.iso()
                        ),
                    )
                    .at(r.date.span, crate::msg!("in the future", "未来の日付"))
                    .hint(if options.today_pinned {
                        let today = options.today.iso();
                        crate::msg!(
                            "date a revision on the day it is released; today is {today}, as `KIYAKU_TODAY` sets it",
                            "改訂の日付は公開する日にしてください。今日の日付は `KIYAKU_TODAY` で指定された {today} です"
                        )
                    } else {
                        let utc = crate::model::values::Date::from_unix_days(options.today.unix_days() - 1)
                            .unwrap_or(options.today)
                            .iso();
                        let latest = options.today.iso();
                        crate::msg!(
                            "date a revision on the day it is released; today is taken as {utc} (UTC; dates up to {latest} pass, for time zones ahead of UTC), and `KIYAKU_TODAY=YYYY-MM-DD` sets it",
                            "改訂の日付は公開する日にしてください。今日の日付は {utc}（UTC）とみなします。UTC より進んだタイムゾーンを考慮して、{latest} までの日付は許容します。基準日は `KIYAKU_TODAY=YYYY-MM-DD` で指定できます"
                        )
                    }),
                );
            }
            if let Some(dd) = &d.date
                && r.date.value > dd.value
            {
                out.push(
                    Diagnostic::new(
                        Code::RevisionAfterDocument,
                        crate::msg!(
                            "revision {} ({}) is dated after the document ({})",
                            "改訂 {}（{}）の日付が文書の日付（{}）より後です",
                            r.version.text,
                            r.date.iso(),
                            dd.iso()
                        ),
                    )
                    .at(r.date.span, crate::msg!("after the document's date", "文書の日付より後"))
                    .also(dd.span, crate::msg!("document date", "文書の日付"))
                    .hint(crate::msg!(
                        "update the document's `date:`, or remove it to use the latest revision's date",
                        "文書の `date:` を更新するか、削除して最新の改訂の日付を使ってください"
                    )),
                );
            }
        }
        if !d.revisions_dropped && (latest.version.value != d.version.value || latest.version.text != d.version.text) {
            out.push(
                Diagnostic::new(
                    Code::RevisionVersionMismatch,
                    crate::msg!(
                        "the document is version {} but its latest revision is {}",
                        "文書の版は {} ですが、最新の改訂は {} です",
                        d.version.text,
                        latest.version.text
                    ),
                )
                .at(d.version.span, crate::msg!("document version", "文書の版"))
                .also(latest.version.span, crate::msg!("latest revision", "最新の改訂"))
                .hint(crate::msg!(
                    "add a revision entry for this version, or set `version:` to the latest revision's",
                    "この版の改訂履歴の項目を追加するか、`version:` を最新の改訂の版にしてください"
                )),
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
                            crate::msg!(
                                "revision {} names section `{}`, which this document does not have",
                                "改訂 {} が挙げる節 `{}` はこの文書にありません",
                                r.version.text,
                                s.value
                            ),
                        )
                        .at(s.span, crate::msg!("no such section", "存在しない節"))
                        .hint(suggestion(s.as_str(), &known).unwrap_or_else(|| {
                            crate::msg!(
                                "name sections by their `id:`; a section that no longer exists needs `change: removed`",
                                "節はその `id:` で指定してください。もう存在しない節には `change: removed` が必要です"
                            )
                        })),
                    );
                }
            }
        }
    }
}
