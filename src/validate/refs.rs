//! Every reference by id resolves, with a suggestion when it does not; a
//! section shows only blocks whose data exists; response matrices are
//! complete.

use super::resolve;
use crate::diag::{Code, Diagnostic};
use crate::model::{Block, BlockArgument, BlockRef, BlockScope, Document, Programme, Project, Section, Service};

fn ids<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> Vec<&'a str> {
    items.iter().map(id).collect()
}

pub fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    let providers = ids(&p.providers, |x| x.id.as_str());
    let programmes = ids(&p.programmes, |x| x.id.as_str());
    let services = ids(&p.services, |x| x.id.as_str());
    let scales = ids(&p.scales, |x| x.id.as_str());
    let calendars = ids(&p.calendars, |x| x.id.as_str());

    for x in &p.providers {
        for c in &x.contacts {
            if let Some(h) = &c.hours {
                resolve(h, &calendars, Code::UnknownCalendar, "calendar", out);
            }
        }
    }
    for s in &p.scales {
        if let Some(d) = &s.default {
            resolve(d, &ids(&s.levels, |l| l.id.as_str()), Code::UnknownSeverity, "severity level", out);
        }
    }
    for g in &p.glossaries {
        let terms = ids(&g.terms, |t| t.id.as_str());
        for t in &g.terms {
            for r in &t.see {
                resolve(r, &terms, Code::UnknownTerm, "glossary term", out);
            }
        }
    }
    for pr in &p.programmes {
        resolve(&pr.provider, &providers, Code::UnknownProvider, "provider", out);
        programme(p, pr, &calendars, &scales, out);
    }
    for s in &p.services {
        resolve(&s.provider, &providers, Code::UnknownProvider, "provider", out);
        if let Some(sp) = &s.support {
            resolve(sp, &programmes, Code::UnknownProgramme, "support programme", out);
        }
        service(s, &calendars, out);
    }
    for d in &p.documents {
        if let Some(r) = &d.service {
            resolve(r, &services, Code::UnknownService, "service", out);
        }
        if let Some(r) = &d.programme {
            resolve(r, &programmes, Code::UnknownProgramme, "support programme", out);
        }
        if let Some(r) = &d.provider {
            resolve(r, &providers, Code::UnknownProvider, "provider", out);
        }
        if let Some(c) = &d.contact {
            match p.provider_of(d) {
                Some(pv) => {
                    resolve(c, &ids(&pv.contacts, |c| c.id.as_str()), Code::UnknownContact, "contact", out);
                }
                None => out.push(
                    Diagnostic::new(
                        Code::UnknownContact,
                        format!("contact `{}` has no provider to belong to", c.value),
                    )
                    .at(c.span, "no provider")
                    .hint("give the document a `provider:`, `service:` or `programme:`"),
                ),
            }
        }
        for s in &d.sections {
            section(p, d, s, out);
        }
    }
}

fn programme(p: &Project, pr: &Programme, calendars: &[&str], scales: &[&str], out: &mut Vec<Diagnostic>) {
    let tiers = ids(&pr.tiers, |t| t.id.as_str());
    let channels = ids(&pr.channels, |c| c.id.as_str());
    let levels = ids(&pr.escalation_levels, |l| l.id.as_str());
    let scale = match &pr.scale {
        Some(s) if resolve(s, scales, Code::UnknownScale, "severity scale", out) => p.scale(s.as_str()),
        _ => None,
    };
    let severities: Vec<&str> = scale.map(|s| ids(&s.levels, |l| l.id.as_str())).unwrap_or_default();
    let has_severity_refs =
        !pr.targets.response.is_empty() || !pr.targets.update.is_empty() || !pr.escalation.is_empty();
    if pr.scale.is_none() && has_severity_refs {
        out.push(
            Diagnostic::new(Code::UnknownScale, "targets and escalation need a severity scale")
                .at(pr.id.span, "this programme names no `scale:`")
                .hint("add `scale:` with the id of a `kind: severity-scale` file"),
        );
    }
    let check_sev = |r: &crate::model::Ref, out: &mut Vec<Diagnostic>| {
        if scale.is_some() {
            resolve(r, &severities, Code::UnknownSeverity, "severity level", out);
        }
    };
    for t in &pr.tiers {
        for c in &t.coverage {
            resolve(&c.calendar, calendars, Code::UnknownCalendar, "calendar", out);
            for ch in &c.channels {
                resolve(ch, &channels, Code::UnknownChannel, "contact channel", out);
            }
            for s in c.severities.iter().flatten() {
                check_sev(s, out);
            }
        }
    }
    for f in &pr.features {
        for t in &f.tiers {
            resolve(t, &tiers, Code::UnknownTier, "tier", out);
        }
    }
    for c in &pr.channels {
        for (t, _) in &c.time_to_engineer {
            resolve(t, &tiers, Code::UnknownTier, "tier", out);
        }
    }
    for (name, m) in [("response", &pr.targets.response), ("update", &pr.targets.update)] {
        for r in &m.rows {
            check_sev(&r.severity, out);
            for c in &r.cells {
                resolve(&c.tier, &tiers, Code::UnknownTier, "tier", out);
            }
        }
        // Completeness: every severity × tier has a cell.
        if let (Some(scale), Some(span)) = (scale, m.span) {
            for level in scale.by_rank() {
                let row = m.rows.iter().find(|r| r.severity.as_str() == level.id.as_str());
                for t in &pr.tiers {
                    if row.is_some_and(|r| r.cells.iter().any(|c| c.tier.as_str() == t.id.as_str())) {
                        continue;
                    }
                    let at = row.map(|r| r.severity.span).unwrap_or(span);
                    out.push(
                        Diagnostic::new(
                            Code::MissingMatrixCell,
                            format!(
                                "{name} targets have no cell for severity `{}` × tier `{}`",
                                level.id.value, t.id.value
                            ),
                        )
                        .at(at, format!("`{}` missing here", t.id.value))
                        .also(t.id.span, "tier defined here")
                        .hint(format!(
                            "add `{}: <target>` (a duration, `as needed` or `n/a`) under `{}`",
                            t.id.value, level.id.value
                        )),
                    );
                }
            }
        }
    }
    for e in &pr.escalation {
        check_sev(&e.severity, out);
        for t in &e.tiers {
            resolve(t, &tiers, Code::UnknownTier, "tier", out);
        }
        for s in &e.steps {
            if let Some(to) = &s.to {
                resolve(to, &levels, Code::UnknownEscalationLevel, "escalation level", out);
            }
        }
    }
}

fn service(s: &Service, calendars: &[&str], out: &mut Vec<Diagnostic>) {
    if let Some(a) = &s.availability {
        resolve(&a.hours, calendars, Code::UnknownCalendar, "calendar", out);
    }
    if let Some(i) = &s.incident_response
        && let Some(h) = &i.recovery_hours
    {
        resolve(h, calendars, Code::UnknownCalendar, "calendar", out);
    }
    let tables = ids(&s.criteria, |t| t.id.as_str());
    for t in &s.criteria {
        for c in &t.columns {
            let Some(target) = &c.refers else { continue };
            if !resolve(target, &tables, Code::UnknownCriteria, "criteria table", out) {
                continue;
            }
            let Some(other) = s.criteria_table(target.as_str()) else {
                continue;
            };
            let rows = ids(&other.rows, |r| r.id.as_str());
            for r in &t.rows {
                for (col, cell) in &r.cells {
                    if col.as_str() != c.id.as_str() {
                        continue;
                    }
                    if let crate::model::CriteriaCell::Ref(id) = cell {
                        resolve(id, &rows, Code::UnknownCriteria, &format!("row of `{}`", other.id.value), out);
                    }
                }
            }
        }
    }
    let procedures = ids(&s.procedures, |t| t.id.as_str());
    for pr in &s.procedures {
        let steps = ids(&pr.steps, |t| t.id.as_str());
        for st in &pr.steps {
            for b in &st.next {
                resolve(&b.step, &steps, Code::UnknownProcedure, "step", out);
            }
        }
    }
    if let Some(c) = &s.contract
        && let Some(o) = &c.onboarding
    {
        resolve(o, &procedures, Code::UnknownProcedure, "procedure", out);
    }
}

fn section(p: &Project, d: &Document, s: &Section, out: &mut Vec<Diagnostic>) {
    for b in &s.show {
        block(p, d, b, out);
    }
    for sub in &s.sections {
        section(p, d, sub, out);
    }
}

fn missing(b: &BlockRef, message: String, hint: &str, out: &mut Vec<Diagnostic>) {
    out.push(Diagnostic::new(Code::BlockWithoutData, message).at(b.span, "nothing to show").hint(hint.to_string()));
}

fn block(p: &Project, d: &Document, b: &BlockRef, out: &mut Vec<Diagnostic>) {
    let kind = b.block.value;
    let name = kind.name();
    match (kind.argument(), &b.target) {
        (Some(BlockArgument::Required(what)), None) => {
            out.push(
                Diagnostic::new(Code::MissingField, format!("block `{name}` needs to know which {what}"))
                    .at(b.span, "which one?")
                    .hint(format!("write `{name}: <id of the {what}>`")),
            );
            return;
        }
        (None, Some(t)) => {
            out.push(
                Diagnostic::new(Code::InvalidValue, format!("block `{name}` takes no argument"))
                    .at(t.span, "not used")
                    .hint(format!("write just `{name}`")),
            );
        }
        _ => {}
    }
    let service = p.service_of(d);
    let programme = p.programme_of(d);
    match kind.scope() {
        BlockScope::Service if service.is_none() => {
            if d.service.is_none() {
                missing(
                    b,
                    format!("block `{name}` shows service facts, but the document has no `service:`"),
                    "add `service: <id>` to the document",
                    out,
                );
            }
            return;
        }
        BlockScope::Programme if programme.is_none() => {
            if d.programme.is_none() && service.is_none_or(|s| s.support.is_none()) {
                missing(
                    b,
                    format!("block `{name}` shows support-programme facts, but the document has no `programme:`"),
                    "add `programme: <id>` to the document, or `support:` to its service",
                    out,
                );
            }
            return;
        }
        _ => {}
    }
    let sv = service;
    let pr = programme;
    let target = b.target.as_ref();
    let absent = |field: &str| format!("block `{name}` has nothing to show: the {field} is not defined");
    let svc_hint = "add it to the service file, or remove the block from `show:`";
    let prg_hint = "add it to the support programme file, or remove the block from `show:`";
    use Block::*;
    match kind {
        Responsibilities if sv.is_some_and(|s| s.responsibilities.is_none()) => {
            missing(b, absent("service's `responsibilities`"), svc_hint, out)
        }
        Availability if sv.is_some_and(|s| s.availability.is_none()) => {
            missing(b, absent("service's `availability`"), svc_hint, out)
        }
        DataLocation if sv.is_some_and(|s| s.data_location.is_none()) => {
            missing(b, absent("service's `data_location`"), svc_hint, out)
        }
        DataDeletion if sv.is_some_and(|s| s.data_deletion.is_empty()) => {
            missing(b, absent("service's `data_deletion`"), svc_hint, out)
        }
        Disposal if sv.is_some_and(|s| s.disposal.is_none()) => {
            missing(b, absent("service's `disposal`"), svc_hint, out)
        }
        Backups if sv.is_some_and(|s| s.backups.is_empty()) => missing(b, absent("service's `backups`"), svc_hint, out),
        LogClock if sv.is_some_and(|s| s.log_clock.is_none()) => {
            missing(b, absent("service's `log_clock`"), svc_hint, out)
        }
        VulnerabilityManagement if sv.is_some_and(|s| s.vulnerability.is_none()) => {
            missing(b, absent("service's `vulnerability_management`"), svc_hint, out)
        }
        IncidentResponse if sv.is_some_and(|s| s.incident_response.is_none()) => {
            missing(b, absent("service's `incident_response`"), svc_hint, out)
        }
        LogRetention if sv.is_some_and(|s| s.logs.is_empty()) => missing(b, absent("service's `logs`"), svc_hint, out),
        Manuals if sv.is_some_and(|s| s.manuals.is_empty()) => missing(b, absent("service's `manuals`"), svc_hint, out),
        ServiceNotes if sv.is_some_and(|s| s.notes.is_empty()) => {
            missing(b, absent("service's `notes`"), svc_hint, out)
        }
        Disclaimers if sv.is_some_and(|s| s.disclaimers.is_empty()) => {
            missing(b, absent("service's `disclaimers`"), svc_hint, out)
        }
        Contract | LeadTime | Cancellation if sv.is_some_and(|s| s.contract.is_none()) => {
            missing(b, absent("service's `contract`"), svc_hint, out)
        }
        LeadTime if sv.is_some_and(|s| s.contract.as_ref().is_some_and(|c| c.lead_time.is_none())) => {
            missing(b, absent("contract's `lead_time`"), svc_hint, out)
        }
        Cancellation if sv.is_some_and(|s| s.contract.as_ref().is_some_and(|c| c.cancellation.is_none())) => {
            missing(b, absent("contract's `cancellation`"), svc_hint, out)
        }
        Criteria => {
            if let (Some(s), Some(t)) = (sv, target) {
                resolve(t, &ids(&s.criteria, |c| c.id.as_str()), Code::UnknownCriteria, "criteria table", out);
            }
        }
        Procedure => {
            if let (Some(s), Some(t)) = (sv, target) {
                resolve(t, &ids(&s.procedures, |c| c.id.as_str()), Code::UnknownProcedure, "procedure", out);
            }
        }
        Tiers | FeatureMatrix if pr.is_some_and(|p| p.tiers.is_empty()) => {
            missing(b, absent("programme's `tiers`"), prg_hint, out)
        }
        FeatureMatrix if pr.is_some_and(|p| p.features.is_empty()) => {
            missing(b, absent("programme's `features`"), prg_hint, out)
        }
        TierFeatures => {
            if let (Some(pg), Some(t)) = (pr, target) {
                resolve(t, &ids(&pg.tiers, |c| c.id.as_str()), Code::UnknownTier, "tier", out);
            }
        }
        SeverityLevels if pr.is_some_and(|p| p.scale.is_none()) => {
            missing(b, absent("programme's severity `scale`"), prg_hint, out)
        }
        ResponseTargets if pr.is_some_and(|p| p.targets.response.is_empty() && p.targets.update.is_empty()) => {
            missing(b, absent("programme's `targets`"), prg_hint, out)
        }
        Escalation => {
            if let Some(pg) = pr {
                if pg.escalation.is_empty() {
                    missing(b, absent("programme's `escalation`"), prg_hint, out);
                } else if let (Some(t), Some(scale)) = (target, p.scale_of(pg)) {
                    resolve(t, &ids(&scale.levels, |l| l.id.as_str()), Code::UnknownSeverity, "severity level", out);
                }
            }
        }
        EscalationLevels if pr.is_some_and(|p| p.escalation_levels.is_empty()) => {
            missing(b, absent("programme's `escalation_levels`"), prg_hint, out)
        }
        SupportHours if pr.is_some_and(|p| p.tiers.iter().all(|t| t.coverage.is_empty())) => {
            missing(b, absent("tiers' `coverage`"), prg_hint, out)
        }
        Channels if pr.is_some_and(|p| p.channels.is_empty()) => {
            missing(b, absent("programme's `channels`"), prg_hint, out)
        }
        TimeToEngineer if pr.is_some_and(|p| p.channels.iter().all(|c| c.time_to_engineer.is_empty())) => {
            missing(b, absent("channels' `time_to_engineer`"), prg_hint, out)
        }
        RequestFields if pr.is_some_and(|p| p.request_fields.is_empty()) => {
            missing(b, absent("programme's `request_fields`"), prg_hint, out)
        }
        TicketRetention if pr.is_some_and(|p| p.retention.is_empty()) => {
            missing(b, absent("programme's `retention`"), prg_hint, out)
        }
        Disclosure if pr.is_some_and(|p| p.disclosure.is_none()) => {
            missing(b, absent("programme's `disclosure`"), prg_hint, out)
        }
        Glossary => {
            if let Some(t) = target {
                resolve(t, &ids(&p.glossaries, |g| g.id.as_str()), Code::UnknownGlossary, "glossary", out);
            }
        }
        Contact => {
            let provider = p.provider_of(d);
            match (provider, target) {
                (None, _) => missing(
                    b,
                    "block `contact` needs the document's provider".into(),
                    "add `provider:` to the document",
                    out,
                ),
                (Some(pv), Some(t)) => {
                    resolve(t, &ids(&pv.contacts, |c| c.id.as_str()), Code::UnknownContact, "contact", out);
                }
                (Some(pv), None) if pv.contacts.is_empty() => {
                    missing(b, absent("provider's `contacts`"), "add `contacts:` to the provider file", out)
                }
                _ => {}
            }
        }
        _ => {}
    }
}
