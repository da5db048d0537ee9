//! The data model: what a service description *is*, as plain typed data.
//!
//! Nothing here knows about YAML, templates or output formats. The loader
//! builds a [`Project`] from `content/`; validation, rendering and checks
//! read it.

pub mod custom;
pub mod values;

mod blocks;
mod catalog;
mod document;
mod facts;
mod programme;
mod project;
mod service;
mod text;

pub use blocks::{
    BlockArgument, BlockData, BlockKind, BlockScope, BlockSpec, TargetKind, chosen_scale, shown_contact, shown_table,
    targets_choice,
};
pub use catalog::{
    Brand, Calendar, CalendarHours, Closure, Contact, Cover, Glossary, HolidaySet, Limits, PageSettings, Paper,
    Provider, SeverityLevel, SeverityScale, Site, Term, UtcOffset,
};
pub use document::{BlockRef, Change, ChangeKind, Classification, Document, Releases, Revision, Section};
pub use facts::{Facts, Words, display_value};
pub use programme::{
    Channel, Coverage, Disclosure, EscalationLevel, EscalationPath, EscalationStep, Feature, Matrix, MatrixCell,
    MatrixRow, Programme, RequestField, RetentionRule, ScaleTargets, Target, Targets, Tier,
};
pub use project::{BlockStatus, Images, Project, ShownBrand};
pub use service::{
    Actor, Availability, AvailabilityRecord, Backup, Branch, Contract, CriteriaCell, CriteriaColumn, CriteriaRow,
    CriteriaTable, DataLocation, DeletionRule, Event, IncidentResponse, LogClock, LogRetention, Manual, Procedure,
    Responsibilities, Service, Step, Vulnerability,
};
pub use text::{Text, TextVariant};

use crate::source::Spanned;
use values::Id;

/// A reference to something by id, with where it was written.
pub type Ref = Spanned<Id>;
