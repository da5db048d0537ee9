//! Duplicate ids: top-level items per kind, and ids within their scope
//! (tiers of a programme, sections of a document, …). Both places are shown.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic};
use crate::model::values::Id;
use crate::model::{Project, Section};
use crate::source::Spanned;

/// Each item whose key an earlier item already had, with that first one.
fn repeats<'a, T, K: Eq + std::hash::Hash>(
    items: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&'a T) -> K,
) -> Vec<(&'a T, &'a T)> {
    let mut seen: HashMap<K, &'a T> = HashMap::new();
    let mut out = Vec::new();
    for item in items {
        match seen.get(&key(item)) {
            Some(first) => out.push((*first, item)),
            None => {
                seen.insert(key(item), item);
            }
        }
    }
    out
}

pub(super) fn unique<'a>(what: &str, ids: impl IntoIterator<Item = &'a Spanned<Id>>, out: &mut Vec<Diagnostic>) {
    for (first, id) in repeats(ids, |id| id.as_str()) {
        out.push(
            Diagnostic::new(Code::DuplicateId, format!("{what} `{}` is defined twice", id.value))
                .at(id.span, "second definition")
                .also(first.span, "first defined here")
                .hint(format!("give each {what} its own id")),
        );
    }
}

fn sections<'a>(list: &'a [Section], out: &mut Vec<&'a Spanned<Id>>) {
    for s in list {
        out.push(&s.id);
        sections(&s.sections, out);
    }
}

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    unique("provider", p.providers.iter().map(|x| &x.id), out);
    unique("service", p.services.iter().map(|x| &x.id), out);
    unique("support programme", p.programmes.iter().map(|x| &x.id), out);
    unique("severity scale", p.scales.iter().map(|x| &x.id), out);
    unique("calendar", p.calendars.iter().map(|x| &x.id), out);
    unique("glossary", p.glossaries.iter().map(|x| &x.id), out);
    unique("document", p.documents.iter().map(|x| &x.id), out);

    for x in &p.providers {
        unique("contact", x.contacts.iter().map(|c| &c.id), out);
    }
    for s in &p.scales {
        unique("severity level", s.levels.iter().map(|l| &l.id), out);
        for (first, rank) in repeats(s.levels.iter().map(|l| &l.rank), |r| r.value) {
            out.push(
                Diagnostic::new(Code::DuplicateRank, format!("two severity levels have rank {}", rank.value))
                    .at(rank.span, "same rank again")
                    .also(first.span, "first used here")
                    .hint("ranks order the levels: 1 is the most severe, and each level needs its own"),
            );
        }
    }
    for g in &p.glossaries {
        unique("glossary term", g.terms.iter().map(|t| &t.id), out);
    }
    for pr in &p.programmes {
        // Escalation and coverage name severities without their scale.
        if pr.has_several_scales() {
            let named: Vec<&crate::model::Ref> = pr.scale_targets().into_iter().filter_map(|(r, _)| r).collect();
            unique("scale of the programme", named.iter().copied(), out);
            // A scale named twice is reported above, not once per level of it.
            let mut scales: Vec<&crate::model::SeverityScale> = Vec::new();
            for (s, _) in p.scales_of(pr) {
                if !scales.iter().any(|x| x.id.value == s.id.value) {
                    scales.push(s);
                }
            }
            let levels = scales.iter().flat_map(|s| s.levels.iter().map(|l| &l.id));
            for (first, id) in repeats(levels, |id| id.as_str()) {
                out.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        format!("severity level `{}` is in two of programme `{}`'s scales", id.value, pr.id.value),
                    )
                    .at(id.span, "in this scale")
                    .also(first.span, "and in this one")
                    .hint("escalation and support hours name a level without its scale: give the levels of a programme's scales different ids"),
                );
            }
        }
        unique("tier", pr.tiers.iter().map(|t| &t.id), out);
        unique("feature", pr.features.iter().map(|t| &t.id), out);
        unique("contact channel", pr.channels.iter().map(|t| &t.id), out);
        unique("escalation level", pr.escalation_levels.iter().map(|t| &t.id), out);
        unique("escalation path", pr.escalation.iter().filter_map(|e| e.id.as_ref()), out);
        for (first, n) in repeats(pr.escalation_levels.iter().filter_map(|l| l.level.as_ref()), |n| n.value) {
            out.push(
                Diagnostic::new(Code::DuplicateId, format!("two escalation levels are level {}", n.value))
                    .at(n.span, "the same number again")
                    .also(first.span, "first used here")
                    .hint("number the escalation levels 1, 2, 3, … in the order a case goes up"),
            );
        }
        unique("retention rule", pr.retention.iter().map(|t| &t.id), out);
        for (_, targets) in pr.scale_targets() {
            for m in [&targets.response, &targets.update] {
                unique("severity row", m.rows.iter().map(|r| &r.severity), out);
                for r in &m.rows {
                    unique("tier cell", r.cells.iter().map(|c| &c.tier), out);
                }
            }
        }
    }
    for s in &p.services {
        unique("backup", s.backups.iter().map(|t| &t.id), out);
        unique("log", s.logs.iter().map(|t| &t.id), out);
        unique("criteria table", s.criteria.iter().map(|t| &t.id), out);
        unique("procedure", s.procedures.iter().map(|t| &t.id), out);
        for c in &s.criteria {
            unique("criteria column", c.columns.iter().map(|t| &t.id), out);
            unique("criteria row", c.rows.iter().map(|t| &t.id), out);
        }
        for pr in &s.procedures {
            unique("step", pr.steps.iter().map(|t| &t.id), out);
        }
    }
    for d in &p.documents {
        let mut ids = Vec::new();
        sections(&d.sections, &mut ids);
        unique("section", ids, out);
    }
}
