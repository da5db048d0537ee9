//! One decoder per kind of content file.

mod catalog;
mod custom;
mod document;
mod programme;
mod service;

pub(crate) use catalog::{calendar, glossary, provider, scale, site};
pub(crate) use document::document;
pub(crate) use programme::programme;
pub(crate) use service::service;
