//! Everything loaded from one project.

use super::{Calendar, Document, Glossary, Programme, Provider, Service, SeverityScale, Site, Text};
use crate::diag::Code;
use crate::source::{Span, Spanned};

/// `accept: [CODE]` with `reason:` written next to a fact: findings with
/// those codes inside `span` are reported as accepted, not as problems.
#[derive(Clone, Debug)]
pub struct Acceptance {
    pub codes: Vec<Spanned<Code>>,
    pub reason: Text,
    /// The mapping that carries the `accept:`.
    pub span: Span,
    pub key_span: Span,
}

#[derive(Clone, Debug)]
pub struct Project {
    pub site: Site,
    pub providers: Vec<Provider>,
    pub services: Vec<Service>,
    pub programmes: Vec<Programme>,
    pub scales: Vec<SeverityScale>,
    pub calendars: Vec<Calendar>,
    pub glossaries: Vec<Glossary>,
    pub documents: Vec<Document>,
    pub acceptances: Vec<Acceptance>,
}

impl Project {
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|x| x.id.as_str() == id)
    }
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|x| x.id.as_str() == id)
    }
    pub fn programme(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|x| x.id.as_str() == id)
    }
    pub fn scale(&self, id: &str) -> Option<&SeverityScale> {
        self.scales.iter().find(|x| x.id.as_str() == id)
    }
    pub fn calendar(&self, id: &str) -> Option<&Calendar> {
        self.calendars.iter().find(|x| x.id.as_str() == id)
    }
    pub fn glossary(&self, id: &str) -> Option<&Glossary> {
        self.glossaries.iter().find(|x| x.id.as_str() == id)
    }
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|x| x.id.as_str() == id)
    }

    /// The severity scale a programme uses, if it names one that exists.
    pub fn scale_of(&self, p: &Programme) -> Option<&SeverityScale> {
        p.scale.as_ref().and_then(|s| self.scale(s.as_str()))
    }

    /// The programme a document draws on: its own, or its service's.
    pub fn programme_of(&self, d: &Document) -> Option<&Programme> {
        if let Some(p) = &d.programme {
            return self.programme(p.as_str());
        }
        let s = self.service(d.service.as_ref()?.as_str())?;
        self.programme(s.support.as_ref()?.as_str())
    }

    pub fn service_of(&self, d: &Document) -> Option<&Service> {
        self.service(d.service.as_ref()?.as_str())
    }

    /// The provider a document is published by.
    pub fn provider_of(&self, d: &Document) -> Option<&Provider> {
        if let Some(p) = &d.provider {
            return self.provider(p.as_str());
        }
        if let Some(s) = self.service_of(d) {
            return self.provider(s.provider.as_str());
        }
        self.programme_of(d).and_then(|p| self.provider(p.provider.as_str()))
    }
}

/// Whether a block of a section has something to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockStatus {
    Ready,
    /// The document has no service (for a service block).
    NoService,
    /// The document has no programme (for a programme block).
    NoProgramme,
    NoProvider,
    /// The data the block shows is not defined; names the field.
    Missing(&'static str),
    /// The block's argument names nothing (reported by reference checks).
    UnknownTarget,
    /// The block needs an argument and has none.
    NoTarget,
    /// The data names something that does not exist (the severity scale,
    /// say); reported where it is named, not again for the block.
    BrokenData,
}

impl Project {
    /// Whether block `b` of document `d` can be shown, and if not, why.
    pub fn block_status(&self, d: &super::Document, b: &super::BlockRef) -> BlockStatus {
        use super::Block::*;
        use super::{BlockArgument, BlockScope};
        use BlockStatus::*;
        let kind = b.block.value;
        if matches!(kind.argument(), Some(BlockArgument::Required(_))) && b.target.is_none() {
            return NoTarget;
        }
        let sv = self.service_of(d);
        let pr = self.programme_of(d);
        match kind.scope() {
            BlockScope::Service if sv.is_none() => return NoService,
            BlockScope::Programme if pr.is_none() => return NoProgramme,
            _ => {}
        }
        let target = b.target.as_ref().map(|t| t.as_str());
        let missing = |absent: bool, what: &'static str| if absent { Missing(what) } else { Ready };
        let found = |ok: bool| if ok { Ready } else { UnknownTarget };
        if let Some(s) = sv.filter(|_| kind.scope() == BlockScope::Service) {
            let contract = s.contract.as_ref();
            return match kind {
                Responsibilities => missing(s.responsibilities.is_none(), "service's `responsibilities`"),
                Availability => missing(s.availability.is_none(), "service's `availability`"),
                DataLocation => missing(s.data_location.is_none(), "service's `data_location`"),
                DataDeletion => missing(s.data_deletion.is_empty(), "service's `data_deletion`"),
                Disposal => missing(s.disposal.is_none(), "service's `disposal`"),
                Backups => missing(s.backups.is_empty(), "service's `backups`"),
                LogClock => missing(s.log_clock.is_none(), "service's `log_clock`"),
                VulnerabilityManagement => missing(s.vulnerability.is_none(), "service's `vulnerability_management`"),
                IncidentResponse => missing(s.incident_response.is_none(), "service's `incident_response`"),
                LogRetention => missing(s.logs.is_empty(), "service's `logs`"),
                Manuals => missing(s.manuals.is_empty(), "service's `manuals`"),
                ServiceNotes => missing(s.notes.is_empty(), "service's `notes`"),
                Disclaimers => missing(s.disclaimers.is_empty(), "service's `disclaimers`"),
                Contract => missing(contract.is_none(), "service's `contract`"),
                LeadTime => missing(contract.is_none_or(|c| c.lead_time.is_none()), "contract's `lead_time`"),
                Cancellation => missing(contract.is_none_or(|c| c.cancellation.is_none()), "contract's `cancellation`"),
                Criteria => found(target.is_some_and(|t| s.criteria_table(t).is_some())),
                Procedure => found(target.is_some_and(|t| s.procedure(t).is_some())),
                _ => Ready,
            };
        }
        if let Some(p) = pr.filter(|_| kind.scope() == BlockScope::Programme) {
            return match kind {
                Tiers => missing(p.tiers.is_empty(), "programme's `tiers`"),
                FeatureMatrix if p.tiers.is_empty() => Missing("programme's `tiers`"),
                FeatureMatrix => missing(p.features.is_empty(), "programme's `features`"),
                TierFeatures => found(target.is_some_and(|t| p.tier(t).is_some())),
                SeverityLevels | ResponseTargets | Escalation if p.scale.is_some() && self.scale_of(p).is_none() => {
                    BrokenData
                }
                SeverityLevels => missing(self.scale_of(p).is_none(), "programme's severity `scale`"),
                ResponseTargets => missing(
                    (p.targets.response.is_empty() && p.targets.update.is_empty()) || self.scale_of(p).is_none(),
                    "programme's `targets`",
                ),
                Escalation if p.escalation.is_empty() => Missing("programme's `escalation`"),
                Escalation => match (target, self.scale_of(p)) {
                    (Some(t), Some(scale)) => found(scale.level(t).is_some()),
                    _ => Ready,
                },
                EscalationLevels => missing(p.escalation_levels.is_empty(), "programme's `escalation_levels`"),
                SupportHours => missing(p.tiers.iter().all(|t| t.coverage.is_empty()), "tiers' `coverage`"),
                Channels => missing(p.channels.is_empty(), "programme's `channels`"),
                TimeToEngineer => {
                    missing(p.channels.iter().all(|c| c.time_to_engineer.is_empty()), "channels' `time_to_engineer`")
                }
                RequestFields => missing(p.request_fields.is_empty(), "programme's `request_fields`"),
                TicketRetention => missing(p.retention.is_empty(), "programme's `retention`"),
                Disclosure => missing(p.disclosure.is_none(), "programme's `disclosure`"),
                _ => Ready,
            };
        }
        match kind {
            Glossary => found(target.is_some_and(|t| self.glossary(t).is_some())),
            Contact => match self.provider_of(d) {
                None => NoProvider,
                Some(pv) => match target {
                    Some(t) => found(pv.contacts.iter().any(|c| c.id.as_str() == t)),
                    None => missing(pv.contacts.is_empty(), "provider's `contacts`"),
                },
            },
            _ => Ready,
        }
    }
}
