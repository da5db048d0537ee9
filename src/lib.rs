//! kiyaku: service facts written once as YAML, published as consistent
//! compliance documents (HTML site and PDF), with every mistake reported
//! before a customer sees it.
//!
//! The pipeline runs in one direction, with plain data between stages; a
//! test (`tests/it/stages.rs`) holds every module to the order below.
//!
//! Shared below the stages: [`source`] (files and spans), [`diag`]
//! (diagnostics), `vocab` (languages, dates, labels, paths, escaping),
//! `input` (the one file reader), `yaml` (the node tree with spans),
//! [`fonts`], `deadline`, `cjk`, [`site`] (the built site as files).
//!
//! 1. `load`: discover `content/**/*.yaml` and decode it into the
//!    [`model`] (typed values, ids, references; the block registry lives in
//!    the model).
//! 2. [`validate`]: identities, references, completeness, revision
//!    histories, SLA consistency; `lock` reads the released versions.
//! 3. `render`: each document's view → Tera template (`templates`) →
//!    Markdown → the block tree of [`doc`], links resolved across documents;
//!    `comparison` makes the 新旧対照表 of two releases in the lock as a
//!    block tree too.
//! 4. `html` writes the block tree as pages; [`layout`] sets it as pages
//!    of positioned text, with the metrics of [`fonts`].
//! 5. `pdf` turns laid-out pages into PDF bytes.
//! 6. [`build`] runs the stages on the [`engine`]'s threads as typed values
//!    (`Loaded` → `Checked` → `Rendered` → site), checks the built site
//!    (`sitecheck`) and writes it atomically (`output`).
//!
//! The commands: [`check`] (every stage but PDF encoding and writing),
//! [`build()`], [`serve`] (live preview from memory), [`release`] (the lock
//! file commands), [`init`], [`schema`] (the JSON Schemas for editors). Diagnostics carry spans into
//! [`source::Sources`] and are collected, never thrown; plumbing errors are
//! `anyhow` results.

pub mod build;
mod cjk;
mod comparison;
mod deadline;
pub mod diag;
pub mod doc;
pub mod engine;
pub mod fonts;
#[cfg(test)]
mod fuzz;
mod html;
pub mod image;
pub mod init;
mod input;
pub mod layout;
mod load;
mod lock;
pub mod model;
mod output;
mod pdf;
pub mod release;
mod render;
pub mod schema;
pub mod serve;
pub mod site;
mod sitecheck;
pub mod source;
mod templates;
pub mod validate;
mod vocab;
mod yaml;

pub use build::{BuildOptions, CheckOptions, Outcome, PdfMode, build, build_site, check};
