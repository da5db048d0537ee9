//! The service view: `service.*` in templates.

use serde::Serialize;

use super::{ViewCx, fmt};
use crate::model::{Actor, CriteriaCell, CriteriaTable, Procedure, Service};
use crate::vocab::Label;

#[derive(Serialize)]
pub(crate) struct ResponsibilitiesView {
    pub provider: Vec<String>,
    pub customer: Vec<String>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct RecordView {
    pub period: String,
    pub value: String,
}

#[derive(Serialize)]
pub(crate) struct AvailabilityView {
    /// The calendar's name ("24 時間 365 日").
    pub hours: String,
    /// The hours as kiyaku reads them ("24時間365日", "平日 10:00〜18:00").
    pub hours_text: String,
    pub always: bool,
    pub exclusions: Vec<String>,
    pub target: Option<String>,
    pub records: Vec<RecordView>,
    pub out_of_hours: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct LocationView {
    pub region: String,
    pub detail: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct DeletionView {
    pub data: String,
    pub within: String,
    pub after: String,
    /// "契約終了の翌日から1か月以内".
    pub timing: String,
    pub method: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct BackupView {
    pub id: String,
    pub data: String,
    pub schedule: String,
    pub generations: u32,
    pub generations_text: String,
    pub kept_for: String,
    pub location: Option<String>,
    pub method: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct LogClockView {
    pub timezone: String,
    pub source: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct VulnerabilityView {
    pub sources: Option<String>,
    pub patching: Option<String>,
    pub maintenance: Option<String>,
    pub maintenance_note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct IncidentView {
    pub notify_within: String,
    pub notify_via: Option<String>,
    pub scope: Option<String>,
    pub recovery_hours: Option<String>,
    pub contact: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct LogView {
    pub id: String,
    pub name: String,
    pub retention: String,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ManualView {
    pub title: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ContractView {
    pub unit: Option<String>,
    pub application: Option<String>,
    pub lead_time: Option<String>,
    pub lead_time_from: Option<String>,
    pub minimum_term: Option<String>,
    pub cancellation: Option<String>,
    pub price: Option<String>,
    pub governing_law: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct CriteriaView {
    pub id: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct BranchView {
    pub when: Option<String>,
    pub number: usize,
    /// "依頼があった場合 → 項番 4 へ".
    pub text: String,
}

#[derive(Serialize)]
pub(crate) struct StepView {
    pub number: usize,
    pub action: String,
    pub actor: Option<String>,
    pub next: Vec<BranchView>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ProcedureView {
    pub id: String,
    pub title: String,
    pub steps: Vec<StepView>,
}

#[derive(Serialize)]
pub(crate) struct ServiceView {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub responsibilities: Option<ResponsibilitiesView>,
    pub availability: Option<AvailabilityView>,
    pub data_location: Option<LocationView>,
    pub data_deletion: Vec<DeletionView>,
    pub disposal: Option<String>,
    pub manuals: Vec<ManualView>,
    pub backups: Vec<BackupView>,
    pub backup_notes: Vec<String>,
    pub log_clock: Option<LogClockView>,
    pub vulnerability: Option<VulnerabilityView>,
    pub incident_response: Option<IncidentView>,
    pub logs: Vec<LogView>,
    pub log_notes: Vec<String>,
    pub contract: Option<ContractView>,
    pub notes: Vec<String>,
    pub disclaimers: Vec<String>,
}

pub(super) fn service(cx: &mut ViewCx, s: &Service) -> ServiceView {
    let lang = cx.lang;
    let p = cx.project;
    ServiceView {
        id: s.id.value.0.clone(),
        name: cx.t(&s.name),
        summary: cx.t_opt(&s.summary),
        responsibilities: s.responsibilities.as_ref().map(|r| ResponsibilitiesView {
            provider: cx.t_list(&r.provider),
            customer: cx.t_list(&r.customer),
            note: cx.t_opt(&r.note),
        }),
        availability: s.availability.as_ref().map(|a| {
            let cal = p.calendar(a.hours.as_str());
            AvailabilityView {
                hours: cal.map(|c| cx.t(&c.name)).unwrap_or_default(),
                hours_text: cal.map(|c| fmt::calendar_hours(c, lang)).unwrap_or_default(),
                always: cal.is_some_and(|c| c.is_always()),
                exclusions: cx.t_list(&a.exclusions),
                target: a.target.as_ref().map(|t| t.render(lang)),
                records: a
                    .records
                    .iter()
                    .map(|r| RecordView { period: cx.t(&r.period), value: r.value.render(lang) })
                    .collect(),
                out_of_hours: cx.t_opt(&a.out_of_hours),
            }
        }),
        data_location: s
            .data_location
            .as_ref()
            .map(|d| LocationView { region: cx.t(&d.region), detail: cx.t_opt(&d.detail) }),
        data_deletion: s
            .data_deletion
            .iter()
            .map(|d| DeletionView {
                data: cx.t(&d.data),
                within: d.within.render(lang),
                after: fmt::event(d.after.value, lang).to_string(),
                timing: fmt::within_after(&d.within, d.after.value, lang),
                method: cx.t_opt(&d.method),
            })
            .collect(),
        disposal: cx.t_opt(&s.disposal),
        manuals: s
            .manuals
            .iter()
            .map(|m| ManualView {
                title: cx.t(&m.title),
                url: m.url.as_ref().map(|u| u.value.clone()),
                note: cx.t_opt(&m.note),
            })
            .collect(),
        backups: s
            .backups
            .iter()
            .map(|b| BackupView {
                id: b.id.value.0.clone(),
                data: cx.t(&b.data),
                schedule: b.schedule.render(lang),
                generations: b.generations.value,
                generations_text: fmt::generations(b.generations.value, lang),
                kept_for: fmt::backup_kept(&b.schedule.interval(), b.generations.value, lang),
                location: cx.t_opt(&b.location),
                method: cx.t_opt(&b.method),
            })
            .collect(),
        backup_notes: cx.t_list(&s.backup_notes),
        log_clock: s
            .log_clock
            .as_ref()
            .map(|c| LogClockView { timezone: c.timezone.render(), source: cx.t_opt(&c.source) }),
        vulnerability: s.vulnerability.as_ref().map(|v| VulnerabilityView {
            sources: cx.t_opt(&v.sources),
            patching: cx.t_opt(&v.patching),
            maintenance: v.maintenance.as_ref().map(|m| m.render(lang)),
            maintenance_note: cx.t_opt(&v.maintenance_note),
        }),
        incident_response: s.incident_response.as_ref().map(|i| IncidentView {
            notify_within: i.notify_within.render(lang),
            notify_via: cx.t_opt(&i.notify_via),
            scope: cx.t_opt(&i.scope),
            recovery_hours: i.recovery_hours.as_ref().and_then(|h| p.calendar(h.as_str())).map(|c| cx.t(&c.name)),
            contact: cx.t_opt(&i.contact),
        }),
        logs: s
            .logs
            .iter()
            .map(|l| LogView {
                id: l.id.value.0.clone(),
                name: cx.t(&l.name),
                retention: l.retention.render(lang),
                note: cx.t_opt(&l.note),
            })
            .collect(),
        log_notes: cx.t_list(&s.log_notes),
        contract: s.contract.as_ref().map(|c| ContractView {
            unit: cx.t_opt(&c.unit),
            application: cx.t_opt(&c.application),
            lead_time: c.lead_time.as_ref().map(|d| d.render(lang)),
            lead_time_from: cx.t_opt(&c.lead_time_from),
            minimum_term: c.minimum_term.as_ref().map(|d| d.render(lang)),
            cancellation: cx.t_opt(&c.cancellation),
            price: cx.t_opt(&c.price),
            governing_law: cx.t_opt(&c.governing_law),
        }),
        notes: cx.t_list(&s.notes),
        disclaimers: cx.t_list(&s.disclaimers),
    }
}

pub(super) fn criteria(cx: &mut ViewCx, s: &Service, t: &CriteriaTable) -> CriteriaView {
    let columns = t.columns.iter().map(|c| cx.t(&c.title)).collect();
    let rows = t
        .rows
        .iter()
        .map(|r| {
            t.columns
                .iter()
                .map(|col| {
                    let cell = r.cells.iter().find(|(c, _)| c.as_str() == col.id.as_str());
                    match cell {
                        Some((_, CriteriaCell::Text(text))) => cx.t(text),
                        Some((_, CriteriaCell::Ref(id))) => {
                            // Show the referenced row by its first column.
                            let other = col.refers.as_ref().and_then(|r| s.criteria_table(r.as_str()));
                            let label = other.and_then(|o| {
                                let row = o.row(id.as_str())?;
                                let first = o.columns.first()?;
                                row.cells.iter().find_map(|(c, v)| match v {
                                    CriteriaCell::Text(t) if c.as_str() == first.id.as_str() => Some(t.clone()),
                                    _ => None,
                                })
                            });
                            match label {
                                Some(l) => cx.t(&l),
                                None => id.value.0.clone(),
                            }
                        }
                        None => String::new(),
                    }
                })
                .collect()
        })
        .collect();
    CriteriaView { id: t.id.value.0.clone(), title: cx.t(&t.title), columns, rows, note: cx.t_opt(&t.note) }
}

pub(super) fn procedure(cx: &mut ViewCx, s: &Service, p: &Procedure) -> ProcedureView {
    let provider = cx.project.provider(s.provider.as_str());
    let steps = p
        .steps
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let actor = match &st.actor {
                None => None,
                Some(Actor::Provider) => provider.map(|pv| match &pv.short_name {
                    Some(n) => cx.t(n),
                    None => cx.t(&pv.name),
                }),
                Some(Actor::Customer) => Some(cx.label(Label::Customer).to_string()),
                Some(Actor::Other(t)) => Some(cx.t(t)),
            };
            let next = st
                .next
                .iter()
                .filter_map(|b| {
                    let number = p.step_number(b.step.as_str())?;
                    let go = cx.label(Label::GoToStep).replace("{n}", &number.to_string());
                    let when = cx.t_opt(&b.when);
                    let text = match &when {
                        Some(w) => format!("{w} → {go}"),
                        None => format!("→ {go}"),
                    };
                    Some(BranchView { when, number, text })
                })
                .collect();
            StepView { number: i + 1, action: cx.t(&st.action), actor, next, note: cx.t_opt(&st.note) }
        })
        .collect();
    ProcedureView { id: p.id.value.0.clone(), title: cx.t(&p.title), steps }
}
