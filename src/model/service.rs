//! Services: the facts a security whitepaper or service specification
//! states about one service.

use super::values::{Duration, Id, Percent, Retention, Schedule};
use super::{Ref, Text, UtcOffset};
use crate::source::{FileId, Span, Spanned};

/// The event a period is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    ContractEnd,
    Request,
    TicketClosed,
}

impl Event {
    /// The word as written in YAML (`after: contract-end`): the lock's and
    /// the diagnostics' spelling, stable across releases.
    pub fn word(self) -> &'static str {
        match self {
            Event::ContractEnd => "contract-end",
            Event::Request => "request",
            Event::TicketClosed => "ticket-closed",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Responsibilities {
    pub provider: Vec<Text>,
    pub customer: Vec<Text>,
    pub note: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct AvailabilityRecord {
    pub period: Text,
    pub value: Spanned<Percent>,
}

#[derive(Clone, Debug)]
pub struct Availability {
    /// Calendar of the hours the service is provided.
    pub hours: Ref,
    pub exclusions: Vec<Text>,
    pub target: Option<Spanned<Percent>>,
    pub records: Vec<AvailabilityRecord>,
    pub out_of_hours: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct DataLocation {
    pub region: Text,
    pub detail: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct DeletionRule {
    pub data: Text,
    pub within: Spanned<Duration>,
    pub after: Spanned<Event>,
    pub method: Option<Text>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Backup {
    pub id: Spanned<Id>,
    pub data: Text,
    pub schedule: Spanned<Schedule>,
    pub generations: Spanned<u32>,
    pub location: Option<Text>,
    pub method: Option<Text>,
    /// Whether the backup holds customer data (default: yes).
    pub customer_data: bool,
    pub span: Span,
}

impl Backup {
    /// The oldest backup is this old before it is rotated out.
    pub fn kept_for_max_minutes(&self) -> Option<u64> {
        self.schedule.interval().max_clock_minutes().map(|m| m * u64::from(self.generations.value))
    }
}

#[derive(Clone, Debug)]
pub struct LogClock {
    pub timezone: Spanned<UtcOffset>,
    pub source: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct Vulnerability {
    pub sources: Option<Text>,
    pub patching: Option<Text>,
    pub maintenance: Option<Spanned<Schedule>>,
    pub maintenance_note: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct IncidentResponse {
    pub notify_within: Spanned<Duration>,
    pub notify_via: Option<Text>,
    pub scope: Option<Text>,
    pub recovery_hours: Option<Ref>,
    pub contact: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct LogRetention {
    pub id: Spanned<Id>,
    pub name: Text,
    pub retention: Spanned<Retention>,
    pub customer_data: bool,
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct CriteriaColumn {
    pub id: Spanned<Id>,
    pub title: Text,
    /// Cells of this column name rows of another criteria table.
    pub refers: Option<Ref>,
}

#[derive(Clone, Debug)]
pub enum CriteriaCell {
    Text(Text),
    Ref(Ref),
}

#[derive(Clone, Debug)]
pub struct CriteriaRow {
    pub id: Spanned<Id>,
    pub cells: Vec<(Ref, CriteriaCell)>,
    pub span: Span,
}

/// A table of criteria (security levels, attack types, …) whose rows can
/// be referenced, also from other criteria tables.
#[derive(Clone, Debug)]
pub struct CriteriaTable {
    pub id: Spanned<Id>,
    pub title: Text,
    pub columns: Vec<CriteriaColumn>,
    pub rows: Vec<CriteriaRow>,
    pub note: Option<Text>,
}

impl CriteriaTable {
    pub fn row(&self, id: &str) -> Option<&CriteriaRow> {
        self.rows.iter().find(|r| r.id.as_str() == id)
    }
}

#[derive(Clone, Debug)]
pub enum Actor {
    Provider,
    Customer,
    Other(Text),
}

#[derive(Clone, Debug)]
pub struct Branch {
    pub when: Option<Text>,
    pub step: Ref,
}

#[derive(Clone, Debug)]
pub struct Step {
    pub id: Spanned<Id>,
    pub action: Text,
    pub actor: Option<Actor>,
    pub next: Vec<Branch>,
    pub note: Option<Text>,
    pub span: Span,
}

/// A numbered flow with actors and branches.
#[derive(Clone, Debug)]
pub struct Procedure {
    pub id: Spanned<Id>,
    pub title: Text,
    pub steps: Vec<Step>,
}

impl Procedure {
    pub fn step_number(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id.as_str() == id).map(|i| i + 1)
    }
}

#[derive(Clone, Debug)]
pub struct Contract {
    pub unit: Option<Text>,
    pub application: Option<Text>,
    pub lead_time: Option<Spanned<Duration>>,
    pub lead_time_from: Option<Text>,
    pub onboarding: Option<Ref>,
    pub minimum_term: Option<Spanned<Duration>>,
    pub cancellation: Option<Text>,
    pub price: Option<Text>,
    pub governing_law: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct Manual {
    pub title: Text,
    pub url: Option<Spanned<String>>,
    pub note: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub id: Spanned<Id>,
    pub name: Text,
    pub provider: Ref,
    pub support: Option<Ref>,
    pub summary: Option<Text>,
    pub responsibilities: Option<Responsibilities>,
    pub availability: Option<Availability>,
    pub data_location: Option<DataLocation>,
    pub data_deletion: Vec<DeletionRule>,
    pub disposal: Option<Text>,
    pub backups: Vec<Backup>,
    pub backup_notes: Vec<Text>,
    pub log_clock: Option<LogClock>,
    pub vulnerability: Option<Vulnerability>,
    pub incident_response: Option<IncidentResponse>,
    pub logs: Vec<LogRetention>,
    pub log_notes: Vec<Text>,
    pub manuals: Vec<Manual>,
    pub criteria: Vec<CriteriaTable>,
    pub procedures: Vec<Procedure>,
    pub contract: Option<Contract>,
    pub notes: Vec<Text>,
    pub disclaimers: Vec<Text>,
    pub custom: crate::model::custom::Custom,
    pub file: FileId,
}

impl Service {
    pub fn criteria_table(&self, id: &str) -> Option<&CriteriaTable> {
        self.criteria.iter().find(|c| c.id.as_str() == id)
    }

    pub fn procedure(&self, id: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.id.as_str() == id)
    }
}
