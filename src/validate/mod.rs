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

/// Report `r` as unknown unless it is among `known`.
pub(crate) fn resolve(r: &Ref, known: &[&str], code: Code, what: &str, out: &mut Vec<Diagnostic>) -> bool {
    if known.contains(&r.as_str()) {
        return true;
    }
    let hint =
        suggestion(r.as_str(), known).or_else(|| known.is_empty().then(|| format!("no {what} is defined yet").into()));
    out.push(
        Diagnostic::new(code, format!("unknown {what} `{}`", r.value))
            .at(r.span, format!("no {what} has this id"))
            .maybe_hint(hint),
    );
    false
}
