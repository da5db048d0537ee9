//! One decoder per kind of content file.

mod catalog;
mod document;
mod programme;
mod service;

pub use catalog::{calendar, glossary, provider, scale, site};
pub use document::document;
pub use programme::programme;
pub use service::service;
