//! Consistency of the SLA itself.

use crate::diag::Diagnostic;
use crate::model::Project;

pub fn check(_p: &Project, _out: &mut Vec<Diagnostic>) {}
