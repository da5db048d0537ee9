//! `accept: [CODE]` with a written `reason:` next to a fact: findings with
//! those codes inside the mapping are reported as accepted, not as
//! problems. The loader collects acceptances; this applies them once every
//! stage has reported.

// Indexes lists built from what users write: no panicking index.
#![deny(clippy::indexing_slicing)]

use super::{Accepted, Code, Diagnostic, Diagnostics};
use crate::source::{Span, Spanned};

#[derive(Clone, Debug)]
pub struct Acceptance {
    pub codes: Vec<Spanned<Code>>,
    /// The `reason:`, as one line.
    pub reason: String,
    /// The mapping that carries the `accept:`.
    pub span: Span,
    pub key_span: Span,
}

impl Code {
    /// Whether findings with this code may be accepted: the SLA consistency
    /// group (E05xx, W05xx), except a revision dated after its document,
    /// which is a plain mistake.
    pub fn acceptable(self) -> bool {
        let s = self.as_str();
        (s.starts_with("E05") || s.starts_with("W05")) && self != Code::RevisionAfterDocument
    }
}

impl Diagnostics {
    /// Move accepted findings from the problems to the accepted list;
    /// report `accept:` entries that match nothing, and codes that cannot
    /// be accepted.
    pub fn apply_acceptances(&mut self, acceptances: &[Acceptance]) {
        let mut used: Vec<Vec<bool>> = acceptances.iter().map(|a| vec![false; a.codes.len()]).collect();
        let mut kept = Vec::new();
        let items = std::mem::take(self).into_items();
        let mut accepted = Vec::new();
        'each: for d in items {
            if let Some(primary) = &d.primary {
                for (a, used) in acceptances.iter().zip(used.iter_mut()) {
                    if a.span.file != primary.span.file
                        || primary.span.start < a.span.start
                        || primary.span.end > a.span.end
                    {
                        continue;
                    }
                    let hit =
                        a.codes.iter().zip(used.iter_mut()).find(|(c, _)| c.value == d.code && c.value.acceptable());
                    if let Some((code, used)) = hit {
                        *used = true;
                        accepted.push(Accepted { reason: a.reason.clone(), accept_span: code.span, diagnostic: d });
                        continue 'each;
                    }
                }
            }
            kept.push(d);
        }
        for (a, used) in acceptances.iter().zip(&used) {
            for (c, used) in a.codes.iter().zip(used) {
                if !c.value.acceptable() {
                    kept.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            crate::msg!("{} cannot be accepted", "{} は承認（`accept:`）できません", c.value),
                        )
                        .at(
                            c.span,
                            crate::msg!(
                                "only SLA consistency findings (E05xx) can be accepted",
                                "承認できるのは SLA の整合性に関する指摘（E05xx）だけ"
                            ),
                        )
                        .hint(crate::msg!(
                            "fix the problem instead; `accept:` is for contradictions that are intended",
                            "代わりに問題を直してください。`accept:` は意図した矛盾のためのものです"
                        )),
                    );
                } else if !used {
                    kept.push(
                        Diagnostic::new(
                            Code::UnusedAccept,
                            crate::msg!(
                                "`accept: [{}]` matches no finding here",
                                "`accept: [{}]` に当てはまる指摘がここにはありません",
                                c.value
                            ),
                        )
                        .at(c.span, crate::msg!("nothing to accept", "承認する指摘なし"))
                        .also(a.key_span, crate::msg!("accepted here", "ここで承認"))
                        .hint(crate::msg!(
                            "remove it: the finding it accepted no longer occurs",
                            "削除してください。承認していた指摘はもう起きていません"
                        )),
                    );
                }
            }
        }
        self.extend(kept);
        for a in accepted {
            self.accept(a);
        }
    }
}
