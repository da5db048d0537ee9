//! The block registry: every kind of block a section can `show:`, each
//! declared once with everything the stages need to know about it — its
//! name, where its data comes from, its argument and what that names,
//! when it has something to show, and the facts it shows (what the lock
//! compares). The stages read the registry; none of them keeps a list of
//! kinds of its own. The template of a kind is `templates/blocks/<name>.md`,
//! and the dispatch to it is generated from [`BlockKind::ALL`].
//!
//! To add a kind: a `BlockSpec` in `service.rs`, `programme.rs` or
//! `other.rs`, a line in `registry!` below, its template, and its row in
//! `docs/authoring.md` (a test checks all four).

mod other;

pub use other::{shown_contact, shown_table};
pub use programme::{chosen_scale, targets_choice};
mod programme;
mod service;

use super::facts::Facts;
use super::{BlockRef, BlockStatus, Document, Programme, Project, Service};

/// Where a block takes its data from, with the two questions every kind
/// answers about it: is there something to show, and what facts it shows.
/// Both are asked only once the service or programme is known.
#[derive(Clone, Copy)]
pub enum BlockData {
    Service {
        status: fn(&Project, &Service, Option<&str>) -> BlockStatus,
        facts: fn(&mut Facts, &Service, Option<&str>),
    },
    Programme {
        status: fn(&Project, &Programme, Option<&str>) -> BlockStatus,
        facts: fn(&mut Facts, &Programme, Option<&str>),
    },
    /// Data named by the argument, or the document's own.
    Document {
        status: fn(&Project, &Document, Option<&str>) -> BlockStatus,
        facts: fn(&mut Facts, &Document, Option<&str>),
    },
}

/// Where a block takes its data from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockScope {
    Service,
    Programme,
    Other,
}

/// What the argument of a block (`criteria: levels`) names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    CriteriaTable,
    Procedure,
    Tier,
    Feature,
    /// Which rows of the response-targets table: `response` or `update`.
    Metric,
    SeverityLevel,
    Glossary,
    Contact,
    /// A table of the project's own (`tables:`).
    Table,
    /// One of the programme's severity scales.
    Scale,
    /// One escalation path of the programme (by its `id`).
    EscalationPath,
}

impl TargetKind {
    /// How messages name it: "criteria table".
    pub fn noun(self) -> &'static str {
        match self {
            TargetKind::CriteriaTable => "criteria table",
            TargetKind::Procedure => "procedure",
            TargetKind::Tier => "tier",
            TargetKind::Feature => "feature",
            TargetKind::Metric => "kind of rows (`response` or `update`)",
            TargetKind::SeverityLevel => "severity level",
            TargetKind::Glossary => "glossary",
            TargetKind::Contact => "provider contact",
            TargetKind::Table => "table",
            TargetKind::Scale => "severity scale",
            TargetKind::EscalationPath => "escalation path",
        }
    }
}

/// A block's argument: what it names, whether it must be given, and the
/// ids it may name in a document (for "did you mean" and the reference
/// check); `None` when what it names is itself missing, which is reported
/// elsewhere.
#[derive(Clone, Copy)]
pub struct BlockArgument {
    pub target: TargetKind,
    pub required: bool,
    pub candidates: for<'a> fn(&'a Project, &'a Document) -> Option<Vec<&'a str>>,
}

/// Everything about one kind of block.
#[derive(Clone, Copy)]
pub struct BlockSpec {
    /// As written after `show:`; also the template's name.
    pub name: &'static str,
    pub argument: Option<BlockArgument>,
    pub data: BlockData,
}

impl BlockSpec {
    pub fn scope(&self) -> BlockScope {
        match self.data {
            BlockData::Service { .. } => BlockScope::Service,
            BlockData::Programme { .. } => BlockScope::Programme,
            BlockData::Document { .. } => BlockScope::Other,
        }
    }
}

macro_rules! registry {
    ($($kind:ident => $spec:expr,)*) => {
        /// A structured block a section can show.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum BlockKind {
            $($kind,)*
        }

        impl BlockKind {
            /// Every kind, in the order of the documentation.
            pub const ALL: &'static [BlockKind] = &[$(BlockKind::$kind,)*];

            pub fn spec(self) -> &'static BlockSpec {
                match self {
                    $(BlockKind::$kind => &$spec,)*
                }
            }
        }
    };
}

registry! {
    Responsibilities => service::RESPONSIBILITIES,
    Availability => service::AVAILABILITY,
    DataLocation => service::DATA_LOCATION,
    DataDeletion => service::DATA_DELETION,
    Disposal => service::DISPOSAL,
    Backups => service::BACKUPS,
    LogClock => service::LOG_CLOCK,
    VulnerabilityManagement => service::VULNERABILITY_MANAGEMENT,
    IncidentResponse => service::INCIDENT_RESPONSE,
    LogRetention => service::LOG_RETENTION,
    Manuals => service::MANUALS,
    Criteria => service::CRITERIA,
    Procedure => service::PROCEDURE,
    Contract => service::CONTRACT,
    LeadTime => service::LEAD_TIME,
    Cancellation => service::CANCELLATION,
    ServiceNotes => service::NOTES,
    Disclaimers => service::DISCLAIMERS,
    Tiers => programme::TIERS,
    FeatureMatrix => programme::FEATURE_MATRIX,
    TierFeatures => programme::TIER_FEATURES,
    Feature => programme::FEATURE,
    SeverityLevels => programme::SEVERITY_LEVELS,
    ResponseTargets => programme::RESPONSE_TARGETS,
    Escalation => programme::ESCALATION,
    EscalationPath => programme::ESCALATION_PATH,
    EscalationLevels => programme::ESCALATION_LEVELS,
    SupportHours => programme::SUPPORT_HOURS,
    Channels => programme::CHANNELS,
    TimeToEngineer => programme::TIME_TO_ENGINEER,
    RequestFields => programme::REQUEST_FIELDS,
    TicketRetention => programme::TICKET_RETENTION,
    Disclosure => programme::DISCLOSURE,
    Glossary => other::GLOSSARY,
    RevisionHistory => other::REVISION_HISTORY,
    Contact => other::CONTACT,
    Table => other::TABLE,
}

impl BlockKind {
    /// The name written after `show:` and used as the template's name.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn parse(s: &str) -> Option<BlockKind> {
        BlockKind::ALL.iter().copied().find(|b| b.name() == s)
    }

    pub fn scope(self) -> BlockScope {
        self.spec().scope()
    }

    pub fn argument(self) -> Option<BlockArgument> {
        self.spec().argument
    }
}

/// `Missing(what)` when `absent`, else `Ready`.
fn missing(absent: bool, what: &'static str) -> BlockStatus {
    if absent { BlockStatus::Missing(what) } else { BlockStatus::Ready }
}

/// `Ready` when the argument names something, else `UnknownTarget`.
fn found(ok: bool) -> BlockStatus {
    if ok { BlockStatus::Ready } else { BlockStatus::UnknownTarget }
}

impl Project {
    /// Whether block `b` of document `d` can be shown, and if not, why.
    pub fn block_status(&self, d: &Document, b: &BlockRef) -> BlockStatus {
        let spec = b.block.value.spec();
        if spec.argument.is_some_and(|a| a.required) && b.target.is_none() {
            return BlockStatus::NoTarget;
        }
        let target = b.target.as_ref().map(|t| t.as_str());
        match spec.data {
            BlockData::Service { status, .. } => match self.service_of(d) {
                Some(s) => status(self, s, target),
                None => BlockStatus::NoService,
            },
            BlockData::Programme { status, .. } => match self.programme_of(d) {
                Some(p) => status(self, p, target),
                None => BlockStatus::NoProgramme,
            },
            BlockData::Document { status, .. } => status(self, d, target),
        }
    }

    /// The facts block `b` of document `d` shows; none unless it is ready.
    pub fn block_facts(&self, f: &mut Facts, d: &Document, b: &BlockRef) {
        if self.block_status(d, b) != BlockStatus::Ready {
            return;
        }
        let target = b.target.as_ref().map(|t| t.as_str());
        match b.block.value.spec().data {
            BlockData::Service { facts, .. } => {
                if let Some(s) = self.service_of(d) {
                    facts(f, s, target)
                }
            }
            BlockData::Programme { facts, .. } => {
                if let Some(p) = self.programme_of(d) {
                    facts(f, p, target)
                }
            }
            BlockData::Document { facts, .. } => facts(f, d, target),
        }
    }
}

#[cfg(test)]
mod tests;
