//! Support programmes: tiers, features, response targets, escalation,
//! channels, what a request must contain, ticket data retention.

use super::values::{Duration, Id, Lang, Schedule};
use super::{Event, Ref, Text};
use crate::source::{FileId, Span, Spanned};

/// A support target in a matrix cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Within (or, for update frequencies, every) this duration.
    Within(Duration),
    /// No fixed time: "as needed" (随時).
    AsNeeded,
    /// Not offered at this tier (—).
    NotOffered,
}

impl Target {
    pub fn duration(&self) -> Option<Duration> {
        match self {
            Target::Within(d) => Some(*d),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Coverage {
    pub calendar: Ref,
    /// Channels open in these hours; empty means all.
    pub channels: Vec<Ref>,
    pub languages: Vec<Lang>,
    /// Severities accepted in these hours; `None` means all.
    pub severities: Option<Vec<Ref>>,
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Tier {
    pub id: Spanned<Id>,
    pub name: Text,
    pub summary: Option<Text>,
    pub price: Option<Text>,
    pub coverage: Vec<Coverage>,
    pub details: Vec<Text>,
    /// Features this tier offers, besides those whose `tiers:` name it.
    pub features: Vec<Ref>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Feature {
    pub id: Spanned<Id>,
    pub name: Text,
    pub tiers: Vec<Ref>,
    pub summary: Option<Text>,
    pub details: Vec<Text>,
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Channel {
    pub id: Spanned<Id>,
    pub name: Text,
    pub address: Option<Spanned<String>>,
    pub note: Option<Text>,
    /// Average time until an engineer takes the case, per tier.
    pub time_to_engineer: Vec<(Ref, Spanned<Target>)>,
    pub span: Span,
}

/// One field a support request must (or may) contain.
#[derive(Clone, Debug)]
pub struct RequestField {
    pub name: Spanned<String>,
    pub description: Option<Text>,
    pub example: Option<String>,
    pub required: bool,
}

#[derive(Clone, Debug)]
pub struct MatrixCell {
    pub tier: Ref,
    pub value: Spanned<Target>,
    pub note: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct MatrixRow {
    pub severity: Ref,
    pub cells: Vec<MatrixCell>,
    /// Tiers whose cell is written but could not be read (already reported),
    /// so that completeness checks do not call them missing.
    pub unreadable: Vec<String>,
    /// The whole row could not be read (already reported).
    pub unreadable_row: bool,
    pub span: Span,
}

/// Severity × tier targets for one metric.
#[derive(Clone, Debug, Default)]
pub struct Matrix {
    pub rows: Vec<MatrixRow>,
    pub span: Option<Span>,
}

impl Matrix {
    pub fn cell(&self, severity: &str, tier: &str) -> Option<&MatrixCell> {
        self.rows.iter().find(|r| r.severity.as_str() == severity)?.cells.iter().find(|c| c.tier.as_str() == tier)
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Targets {
    /// Time to first response.
    pub response: Matrix,
    /// How often the customer hears about progress.
    pub update: Matrix,
    pub notes: Vec<Text>,
}

/// A further severity scale of a programme (`scales:` after the first),
/// with the targets set in it.
#[derive(Clone, Debug)]
pub struct ScaleTargets {
    pub scale: Ref,
    pub targets: Targets,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EscalationLevel {
    pub id: Spanned<Id>,
    /// Its number, where levels are numbered (レベル1, Level 2).
    pub level: Option<Spanned<u32>>,
    pub name: Text,
    pub description: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct EscalationStep {
    /// How long after the case is opened; `as needed` for "at any time".
    pub after: Spanned<Target>,
    /// Who the case goes to; `None` for the working engineers.
    pub to: Option<Ref>,
    pub action: Option<Text>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EscalationPath {
    /// To show this path alone (`escalation-path: <id>`).
    pub id: Option<Spanned<Id>>,
    pub severity: Ref,
    pub tiers: Vec<Ref>,
    pub steps: Vec<EscalationStep>,
    pub note: Option<Text>,
    pub span: Span,
}

/// How long support keeps data such as tickets and attachments.
#[derive(Clone, Debug)]
pub struct RetentionRule {
    pub id: Spanned<Id>,
    pub data: Text,
    pub period: Spanned<Duration>,
    pub after: Spanned<Event>,
    pub deletion: Option<Spanned<Schedule>>,
    pub note: Option<Text>,
    pub span: Span,
}

/// How security fixes are announced.
#[derive(Clone, Debug)]
pub struct Disclosure {
    /// Public disclosure this long after the fix is available.
    pub after: Spanned<Duration>,
    pub channel: Option<Text>,
    pub identifiers: Vec<Spanned<String>>,
    pub scope: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct Programme {
    pub id: Spanned<Id>,
    pub name: Text,
    pub provider: Ref,
    pub scale: Option<Ref>,
    /// `scale:` was written, whether or not it decoded: a programme whose
    /// scale failed to decode is not also one that names none.
    pub scale_written: bool,
    pub summary: Option<Text>,
    /// Lowest tier first.
    pub tiers: Vec<Tier>,
    pub features: Vec<Feature>,
    pub channels: Vec<Channel>,
    pub request_fields: Vec<RequestField>,
    /// The targets in the first scale (`scale:`).
    pub targets: Targets,
    /// Scales after the first, each with its own targets (`scales:`).
    pub more_scales: Vec<ScaleTargets>,
    pub escalation_levels: Vec<EscalationLevel>,
    pub escalation: Vec<EscalationPath>,
    pub retention: Vec<RetentionRule>,
    pub disclosure: Option<Disclosure>,
    pub notes: Vec<Text>,
    pub custom: crate::model::custom::Custom,
    pub file: FileId,
}

impl Programme {
    /// Whether `feature` is offered at `tier` (listed on either side).
    pub fn offers(&self, feature: &Feature, tier: &str) -> bool {
        feature.tiers.iter().any(|t| t.as_str() == tier)
            || self.tier(tier).is_some_and(|t| t.features.iter().any(|f| f.as_str() == feature.id.as_str()))
    }

    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.id.as_str() == id)
    }

    pub fn escalation_path(&self, id: &str) -> Option<&EscalationPath> {
        self.escalation.iter().find(|e| e.id.as_ref().is_some_and(|i| i.as_str() == id))
    }

    /// Every scale the programme names, the first one first, with its targets.
    pub fn scale_targets(&self) -> Vec<(Option<&Ref>, &Targets)> {
        let mut out = vec![(self.scale.as_ref(), &self.targets)];
        out.extend(self.more_scales.iter().map(|s| (Some(&s.scale), &s.targets)));
        out
    }

    pub fn has_several_scales(&self) -> bool {
        !self.more_scales.is_empty()
    }

    pub fn tier_index(&self, id: &str) -> Option<usize> {
        self.tiers.iter().position(|t| t.id.as_str() == id)
    }
}
