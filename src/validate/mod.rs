//! Stage 2: checks on the model as a whole — identities, references,
//! completeness and revision histories. Checks that need rendered documents
//! (links, anchors) live in the render stage; SLA consistency rules in
//! [`sla`].

mod custom;
mod ids;
mod refs;
mod revisions;
pub mod sla;

use crate::diag::{Code, suggestion};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Project;
use crate::model::Ref;
use crate::model::values::Date;

/// Settings for validation.
#[derive(Clone, Debug)]
pub struct ValidateOptions {
    /// Revisions dated after this day are "in the future".
    pub today: Date,
    /// `today` was set by the user, not read from the clock.
    pub today_pinned: bool,
}

/// Run every model-level check.
pub fn validate(project: &Project, options: &ValidateOptions) -> Diagnostics {
    let mut out = Vec::new();
    ids::check(project, &mut out);
    refs::check(project, &mut out);
    custom::check(project, &mut out);
    revisions::check(project, options, &mut out);
    sla::check(project, &mut out);
    let mut d = Diagnostics::new();
    d.extend(out);
    d
}

/// A kind of thing a message names, in both languages: ("tier", "サポートレベル").
#[derive(Clone, Copy, Debug)]
pub(crate) struct Noun<'a> {
    pub en: &'a str,
    pub ja: &'a str,
}

/// The noun `en`, said `ja` in Japanese.
pub(crate) const fn noun<'a>(en: &'a str, ja: &'a str) -> Noun<'a> {
    Noun { en, ja }
}

/// Report `r` as unknown unless it is among `known`.
pub(crate) fn resolve(r: &Ref, known: &[&str], code: Code, what: Noun, out: &mut Vec<Diagnostic>) -> bool {
    if known.contains(&r.as_str()) {
        return true;
    }
    let Noun { en, ja } = what;
    let hint = suggestion(r.as_str(), known).or_else(|| {
        known.is_empty().then(|| crate::msg!("no {en} is defined yet", "{ja}はまだ一つも定義されていません"))
    });
    let v = &r.value;
    out.push(
        Diagnostic::new(code, crate::msg!("unknown {en} `{v}`", "{ja} `{v}` は未定義です"))
            .at(r.span, crate::msg!("no {en} has this id", "該当する{ja}なし"))
            .maybe_hint(hint),
    );
    false
}
