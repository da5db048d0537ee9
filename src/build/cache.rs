//! The PDF cache: `build` keeps each document's PDF in
//! `.kiyaku-cache/pdf/` under a key that hashes everything that goes into
//! it — the rendered document (its content, through the templates), the
//! fonts, its date, and this build of kiyaku — so an unchanged document's
//! PDF is copied, not laid out and encoded again. `check` and `serve` never
//! read or write it.
//!
//! An entry is a header line (`kiyaku-pdf 1 <pages> <sha256 of the PDF>`)
//! and the PDF; an entry whose bytes do not match is removed and rebuilt.
//! Entries are written to a temporary file and renamed into place, so a
//! killed build leaves no half entry. After a build, entries it did not use
//! are removed: the cache holds one build's PDFs. A `.kiyaku-cache` that is
//! a link, or not a folder, is not used.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::doc::RenderedDocument;
use crate::model::values::Date;
use crate::vocab::PdfStandards;

/// This build of kiyaku (from `build.rs`).
const BUILD_ID: &str = env!("KIYAKU_BUILD_ID");

/// The cache folder's name in a project.
pub(super) const FOLDER: &str = ".kiyaku-cache";

pub(super) struct PdfCache {
    dir: PathBuf,
    used: Mutex<HashSet<String>>,
}

/// What a hit gives back.
pub(super) struct Cached {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl PdfCache {
    /// The cache of the project at `root`, made if missing; `None` when it
    /// cannot be used (a link, a file, no permission): the build goes on without.
    pub(super) fn open(root: &Path) -> Option<PdfCache> {
        let top = root.join(FOLDER);
        for dir in [&top, &top.join("pdf")] {
            match std::fs::symlink_metadata(dir) {
                Ok(m) if m.is_dir() && !m.file_type().is_symlink() => {}
                Ok(_) => return None,
                Err(_) => std::fs::create_dir(dir).ok()?,
            }
        }
        let ignore = top.join(".gitignore");
        if std::fs::symlink_metadata(&ignore).is_err() {
            // The cache is never content: keep it out of version control.
            let _ = std::fs::write(&ignore, "*\n");
        }
        Some(PdfCache { dir: top.join("pdf"), used: Mutex::new(HashSet::new()) })
    }

    /// The key of `doc`'s PDF, set in fonts with `font_digest`, dated
    /// `date`, conforming to `standards`.
    pub(super) fn key(
        doc: &RenderedDocument,
        font_digest: &str,
        date: Date,
        (standards, page): (PdfStandards, crate::model::PageSettings),
    ) -> String {
        let mut h = Sha256::new();
        for part in [BUILD_ID, font_digest, &date.iso(), &format!("{standards:?}"), &format!("{page:?}")] {
            h.update(part.len().to_le_bytes());
            h.update(part.as_bytes());
        }
        // The document as its Debug form, streamed into the hash rather
        // than built as one string first.
        struct Hashing<'a>(&'a mut Sha256);
        impl std::fmt::Write for Hashing<'_> {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                self.0.update(s.as_bytes());
                Ok(())
            }
        }
        let _ = std::fmt::Write::write_fmt(&mut Hashing(&mut h), format_args!("{doc:?}"));
        hex(&h.finalize()[..16])
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.pdf"))
    }

    /// The entry for `key`, if there is a sound one.
    pub(super) fn get(&self, key: &str) -> Option<Cached> {
        self.used.lock().ok()?.insert(key.to_string());
        let path = self.path(key);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let data = std::fs::read(&path).ok()?;
        let parsed = (|| {
            let nl = data.iter().position(|b| *b == b'\n')?;
            let header = std::str::from_utf8(data.get(..nl)?).ok()?;
            let body = data.get(nl + 1..)?;
            let mut words = header.split(' ');
            let (magic, version, pages, sum) = (words.next()?, words.next()?, words.next()?, words.next()?);
            let sound = magic == "kiyaku-pdf" && version == "1" && hex(&Sha256::digest(body)) == sum;
            sound.then(|| Cached { bytes: body.to_vec(), pages: pages.parse().unwrap_or(0) })
        })();
        if parsed.is_none() {
            // Damaged or from another format: made again.
            let _ = std::fs::remove_file(&path);
        }
        parsed
    }

    /// Keep `bytes` (a PDF of `pages` pages) under `key`.
    pub(super) fn put(&self, key: &str, bytes: &[u8], pages: usize) {
        let mut data = format!("kiyaku-pdf 1 {pages} {}\n", hex(&Sha256::digest(bytes))).into_bytes();
        data.extend_from_slice(bytes);
        let tmp = self.dir.join(format!(".{key}.tmp-{}", std::process::id()));
        if std::fs::write(&tmp, &data).is_err() || std::fs::rename(&tmp, self.path(key)).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// Remove what this build did not use: old entries, and temporary files
    /// a killed build left.
    pub(super) fn prune(&self) {
        let Ok(used) = self.used.lock() else { return };
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let keep = name.strip_suffix(".pdf").is_some_and(|k| used.contains(k))
                || name.contains(&format!(".tmp-{}", std::process::id()));
            if !keep && e.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_damage_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PdfCache::open(dir.path()).unwrap();
        cache.put("k", b"%PDF-1.7 body", 3);
        let hit = cache.get("k").unwrap();
        assert_eq!((hit.bytes.as_slice(), hit.pages), (&b"%PDF-1.7 body"[..], 3));
        // A flipped byte: the entry is dropped, not served.
        let path = dir.path().join(FOLDER).join("pdf").join("k.pdf");
        let mut data = std::fs::read(&path).unwrap();
        let last = data.len() - 1;
        data[last] ^= 1;
        std::fs::write(&path, data).unwrap();
        assert!(cache.get("k").is_none());
        assert!(!path.exists());
        // Unused entries go at the end of a build.
        cache.put("old", b"x", 1);
        let fresh = PdfCache::open(dir.path()).unwrap();
        fresh.put("new", b"y", 1);
        let _ = fresh.get("new");
        fresh.prune();
        assert!(fresh.get("new").is_some());
        assert!(!dir.path().join(FOLDER).join("pdf").join("old.pdf").exists());
    }

    #[test]
    fn a_linked_cache_folder_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(FOLDER)).unwrap();
        assert!(PdfCache::open(dir.path()).is_none());
    }
}
