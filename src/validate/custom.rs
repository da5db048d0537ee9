//! Custom facts and tables: ids unique in their scope, calendars that
//! exist. References to them are checked where they are resolved, in the
//! render stage (a reference resolves in the document that shows it).

use super::{noun, resolve};
use crate::diag::{Code, Diagnostic};
use crate::model::Project;
use crate::model::custom::{Custom, Value};

fn scopes(p: &Project) -> impl Iterator<Item = &Custom> {
    p.documents
        .iter()
        .map(|d| &d.custom)
        .chain(p.services.iter().map(|s| &s.custom))
        .chain(p.programmes.iter().map(|s| &s.custom))
        .chain(p.providers.iter().map(|s| &s.custom))
}

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    let calendars: Vec<&str> = p.calendars.iter().map(|c| c.id.as_str()).collect();
    for c in scopes(p) {
        super::ids::unique(noun("fact", "ファクト"), c.facts.iter().map(|f| &f.id), out);
        super::ids::unique(noun("table", "表"), c.tables.iter().map(|t| &t.id), out);
        let values = c.facts.iter().map(|f| &f.value.value).chain(
            c.tables.iter().flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter().flatten().map(|c| &c.value))),
        );
        for v in values {
            if let Value::Calendar(r) = v {
                resolve(r, &calendars, Code::UnknownCalendar, noun("calendar", "カレンダー"), out);
            }
        }
        for t in &c.tables {
            super::ids::unique(noun("column", "列"), t.columns.iter().map(|c| &c.id), out);
            super::ids::unique(noun("row", "行"), t.rows.iter().map(|r| &r.id), out);
            if t.columns.iter().any(|c| c.id.as_str() == "id") {
                let col = t.columns.iter().find(|c| c.id.as_str() == "id").map(|c| c.id.span);
                if let Some(span) = col {
                    out.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            crate::msg!("a column cannot be called `id`", "列に `id` という名前は付けられません"),
                        )
                        .at(span, crate::msg!("`id` names the row", "`id` は行の ID"))
                        .hint(crate::msg!(
                            "call the column something else, e.g. `name`",
                            "列には別の名前（例えば `name`）を付けてください"
                        )),
                    );
                }
            }
        }
    }
}
