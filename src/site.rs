//! A built site held in memory: relative path → bytes. `build` writes it
//! to disk atomically; `serve` serves it straight from memory.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteFiles {
    /// Paths use `/`, relative to the output root (`index.html`,
    /// `planora-security-whitepaper/index.html`).
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files already written to the staging directory (PDFs of a disk
    /// build), known by path only.
    pub written: BTreeSet<String>,
    /// Bytes of the files in `written`.
    pub written_bytes: usize,
}

impl SiteFiles {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.written.contains(path)
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum::<usize>() + self.written_bytes
    }

    pub fn file_count(&self) -> usize {
        self.files.len() + self.written.len()
    }
}
