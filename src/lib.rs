//! kiyaku: service facts written once as YAML, published as consistent
//! compliance documents (HTML site and PDF), with every mistake reported
//! before a customer sees it.
//!
//! The pipeline runs in one direction, with plain data between stages:
//!
//! 1. [`load`]: discover `content/**/*.yaml`, parse with spans, decode into
//!    the [`model`] (typed values, ids, references).
//! 2. [`validate`]: identities, references, completeness, revision
//!    histories, SLA consistency.
//!
//! Diagnostics ([`diag`]) carry spans into [`source::Sources`] and are
//! collected, never thrown.

pub mod build;
pub mod check;
pub mod cjk;
pub mod diag;
pub mod doc;
pub mod engine;
pub mod fonts;
pub mod html;
pub mod init;
pub mod layout;
pub mod load;
pub mod lock;
pub mod model;
pub mod output;
pub mod pdf;
pub mod release;
pub mod render;
pub mod serve;
pub mod site;
pub mod sitecheck;
pub mod source;
pub mod validate;

pub use build::{BuildOptions, Outcome, build, build_site};
pub use check::check;
