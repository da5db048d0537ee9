//! Blocks that show the document's service.

use super::{BlockArgument, BlockData, BlockSpec, TargetKind, found, missing};
use crate::model::facts::{Facts, Words};
use crate::model::{Actor, BlockStatus, CriteriaCell, Document, Project, Service};

/// A block of service data that needs no argument.
const fn plain(
    name: &'static str,
    status: fn(&Project, &Service, Option<&str>) -> BlockStatus,
    facts: fn(&mut Facts, &Service, Option<&str>),
) -> BlockSpec {
    BlockSpec { name, argument: None, data: BlockData::Service { status, facts } }
}

/// A block showing one item of the service, named by its argument.
const fn named(
    name: &'static str,
    target: TargetKind,
    candidates: for<'a> fn(&'a Project, &'a Document) -> Option<Vec<&'a str>>,
    status: fn(&Project, &Service, Option<&str>) -> BlockStatus,
    facts: fn(&mut Facts, &Service, Option<&str>),
) -> BlockSpec {
    BlockSpec {
        name,
        argument: Some(BlockArgument { target, required: true, candidates }),
        data: BlockData::Service { status, facts },
    }
}

pub(super) const RESPONSIBILITIES: BlockSpec = plain(
    "responsibilities",
    |_, s, _| missing(s.responsibilities.is_none(), "service's `responsibilities`"),
    |f, s, _| {
        let Some(r) = &s.responsibilities else { return };
        f.texts("responsibilities / provider", &r.provider);
        f.texts("responsibilities / customer", &r.customer);
        f.opt_text("responsibilities / note", &r.note);
    },
);

pub(super) const AVAILABILITY: BlockSpec = plain(
    "availability",
    |_, s, _| missing(s.availability.is_none(), "service's `availability`"),
    |f, s, _| {
        let Some(a) = &s.availability else { return };
        f.calendar("availability / hours", f.project.calendar(a.hours.as_str()));
        f.texts("availability / exclusions", &a.exclusions);
        if let Some(t) = &a.target {
            match f.words {
                // Format 1 wrote the number without its bound.
                Words::Format1 => f.put("availability / target", &t.text),
                Words::Format2 => f.percent("availability / target", t),
            }
        }
        for r in &a.records {
            let period = r.period.best(f.lang).to_string();
            f.percent(&format!("availability / record / {period}"), &r.value);
        }
        f.opt_text("availability / out of hours", &a.out_of_hours);
    },
);

pub(super) const DATA_LOCATION: BlockSpec = plain(
    "data-location",
    |_, s, _| missing(s.data_location.is_none(), "service's `data_location`"),
    |f, s, _| {
        let Some(l) = &s.data_location else { return };
        f.text("data location / region", &l.region);
        f.opt_text("data location / detail", &l.detail);
    },
);

pub(super) const DATA_DELETION: BlockSpec = plain(
    "data-deletion",
    |_, s, _| missing(s.data_deletion.is_empty(), "service's `data_deletion`"),
    |f, s, _| {
        for (i, r) in s.data_deletion.iter().enumerate() {
            let k = format!("data deletion / {}", i + 1);
            f.text(&format!("{k} / data"), &r.data);
            f.put(&format!("{k} / within"), r.within.canonical());
            f.event(&format!("{k} / after"), r.after.value);
            f.opt_text(&format!("{k} / method"), &r.method);
        }
    },
);

pub(super) const DISPOSAL: BlockSpec = plain(
    "disposal",
    |_, s, _| missing(s.disposal.is_none(), "service's `disposal`"),
    |f, s, _| f.opt_text("disposal", &s.disposal),
);

pub(super) const BACKUPS: BlockSpec = plain(
    "backups",
    |_, s, _| missing(s.backups.is_empty(), "service's `backups`"),
    |f, s, _| {
        for bk in &s.backups {
            let k = format!("backups / {}", bk.id.value);
            f.text(&format!("{k} / data"), &bk.data);
            f.schedule(&format!("{k} / schedule"), &bk.schedule);
            f.put(&format!("{k} / generations"), bk.generations.value.to_string());
            f.opt_text(&format!("{k} / location"), &bk.location);
            f.opt_text(&format!("{k} / method"), &bk.method);
        }
        f.texts("backups / notes", &s.backup_notes);
    },
);

pub(super) const LOG_CLOCK: BlockSpec = plain(
    "log-clock",
    |_, s, _| missing(s.log_clock.is_none(), "service's `log_clock`"),
    |f, s, _| {
        let Some(c) = &s.log_clock else { return };
        f.offset("log clock / timezone", &c.timezone);
        f.opt_text("log clock / source", &c.source);
    },
);

pub(super) const VULNERABILITY_MANAGEMENT: BlockSpec = plain(
    "vulnerability-management",
    |_, s, _| missing(s.vulnerability.is_none(), "service's `vulnerability_management`"),
    |f, s, _| {
        let Some(v) = &s.vulnerability else { return };
        f.opt_text("vulnerability management / sources", &v.sources);
        f.opt_text("vulnerability management / patching", &v.patching);
        if let Some(m) = &v.maintenance {
            f.schedule("vulnerability management / maintenance", m);
        }
        f.opt_text("vulnerability management / maintenance note", &v.maintenance_note);
    },
);

pub(super) const INCIDENT_RESPONSE: BlockSpec = plain(
    "incident-response",
    |_, s, _| missing(s.incident_response.is_none(), "service's `incident_response`"),
    |f, s, _| {
        let Some(i) = &s.incident_response else { return };
        f.put("incident response / notify within", i.notify_within.canonical());
        f.opt_text("incident response / notify via", &i.notify_via);
        f.opt_text("incident response / scope", &i.scope);
        let cal = i.recovery_hours.as_ref().and_then(|h| f.project.calendar(h.as_str()));
        f.calendar("incident response / recovery hours", cal);
        f.opt_text("incident response / contact", &i.contact);
    },
);

pub(super) const LOG_RETENTION: BlockSpec = plain(
    "log-retention",
    |_, s, _| missing(s.logs.is_empty(), "service's `logs`"),
    |f, s, _| {
        for l in &s.logs {
            let k = format!("logs / {}", l.id.value);
            f.text(&format!("{k} / name"), &l.name);
            f.retention(&format!("{k} / retention"), &l.retention);
            f.opt_text(&format!("{k} / note"), &l.note);
        }
        f.texts("logs / notes", &s.log_notes);
    },
);

pub(super) const MANUALS: BlockSpec = plain(
    "manuals",
    |_, s, _| missing(s.manuals.is_empty(), "service's `manuals`"),
    |f, s, _| {
        for (i, m) in s.manuals.iter().enumerate() {
            f.text(&format!("manuals / {} / title", i + 1), &m.title);
            if let Some(u) = &m.url {
                f.put(&format!("manuals / {} / url", i + 1), &u.value);
            }
            f.opt_text(&format!("manuals / {} / note", i + 1), &m.note);
        }
    },
);

pub(super) const CRITERIA: BlockSpec = named(
    "criteria",
    TargetKind::CriteriaTable,
    |p, d| p.service_of(d).map(|s| s.criteria.iter().map(|c| c.id.as_str()).collect()),
    |_, s, t| found(t.is_some_and(|t| s.criteria_table(t).is_some())),
    |f, s, target| {
        let Some(t) = target.and_then(|id| s.criteria_table(id)) else { return };
        let k = format!("criteria {}", t.id.value);
        f.text(&format!("{k} / title"), &t.title);
        for c in &t.columns {
            f.text(&format!("{k} / columns / {}", c.id.value), &c.title);
        }
        for r in &t.rows {
            for (col, cell) in &r.cells {
                let path = format!("{k} / {} / {}", r.id.value, col.value);
                match cell {
                    CriteriaCell::Text(x) => f.text(&path, x),
                    CriteriaCell::Ref(id) => f.put(&path, &id.value.0),
                }
            }
        }
        f.opt_text(&format!("{k} / note"), &t.note);
    },
);

pub(super) const PROCEDURE: BlockSpec = named(
    "procedure",
    TargetKind::Procedure,
    |p, d| p.service_of(d).map(|s| s.procedures.iter().map(|c| c.id.as_str()).collect()),
    |_, s, t| found(t.is_some_and(|t| s.procedure(t).is_some())),
    |f, s, target| {
        let Some(pr) = target.and_then(|id| s.procedure(id)) else { return };
        let k = format!("procedure {}", pr.id.value);
        f.text(&format!("{k} / title"), &pr.title);
        for st in &pr.steps {
            let sk = format!("{k} / {}", st.id.value);
            f.text(&format!("{sk} / action"), &st.action);
            match &st.actor {
                Some(Actor::Provider) => f.put(&format!("{sk} / actor"), "provider"),
                Some(Actor::Customer) => f.put(&format!("{sk} / actor"), "customer"),
                Some(Actor::Other(t)) => f.text(&format!("{sk} / actor"), t),
                None => {}
            }
            for (i, br) in st.next.iter().enumerate() {
                f.put(&format!("{sk} / next / {}", i + 1), &br.step.value.0);
                f.opt_text(&format!("{sk} / next / {} / when", i + 1), &br.when);
            }
            f.opt_text(&format!("{sk} / note"), &st.note);
        }
    },
);

pub(super) const CONTRACT: BlockSpec = plain(
    "contract",
    |_, s, _| missing(s.contract.is_none(), "service's `contract`"),
    |f, s, _| {
        let Some(c) = &s.contract else { return };
        f.opt_text("contract / unit", &c.unit);
        f.opt_text("contract / application", &c.application);
        if let Some(m) = &c.minimum_term {
            f.put("contract / minimum term", m.canonical());
        }
        f.opt_text("contract / price", &c.price);
        f.opt_text("contract / governing law", &c.governing_law);
    },
);

pub(super) const LEAD_TIME: BlockSpec = plain(
    "lead-time",
    |_, s, _| missing(s.contract.as_ref().is_none_or(|c| c.lead_time.is_none()), "contract's `lead_time`"),
    |f, s, _| {
        let Some(c) = &s.contract else { return };
        if let Some(l) = &c.lead_time {
            f.put("contract / lead time", l.canonical());
        }
        f.opt_text("contract / lead time from", &c.lead_time_from);
    },
);

pub(super) const CANCELLATION: BlockSpec = plain(
    "cancellation",
    |_, s, _| missing(s.contract.as_ref().is_none_or(|c| c.cancellation.is_none()), "contract's `cancellation`"),
    |f, s, _| {
        let Some(c) = &s.contract else { return };
        f.opt_text("contract / cancellation", &c.cancellation);
    },
);

pub(super) const NOTES: BlockSpec =
    plain("notes", |_, s, _| missing(s.notes.is_empty(), "service's `notes`"), |f, s, _| f.texts("notes", &s.notes));

pub(super) const DISCLAIMERS: BlockSpec = plain(
    "disclaimers",
    |_, s, _| missing(s.disclaimers.is_empty(), "service's `disclaimers`"),
    |f, s, _| f.texts("disclaimers", &s.disclaimers),
);
