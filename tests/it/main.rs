//! The integration tests, one binary: each module is one area of behaviour,
//! run against fixture projects in `tests/fixtures/` through the library or
//! the `kiyaku` binary. Shared helpers live in `common`.

// Helpers are `pub` for the modules of this one binary; nothing is exported.
#![allow(unreachable_pub)]
mod common;
mod comparison;

mod bad_input;
mod cascades;
mod check_catalogue;
mod check_is_build;
mod ci;
mod cli;
mod custom_facts;
mod editor;
mod escalation;
mod figures;
mod hardening;
mod lock;
mod pdf;
mod row_spans;
mod schema;
mod seed_audit;
mod serve;
mod serve_browser;
mod several_scales;
mod site;
mod site_layout;
mod sla_rules;
mod snapshots;
mod stages;
mod tagged_pdf;
mod typesetting;
mod typesetting_metrics;
mod visual;
