//! Writing a built site to disk atomically: files go into a staging
//! directory next to the output (large ones, the PDFs, as soon as they are
//! made), which is swapped into place with renames only when the whole
//! build succeeded. A failed build leaves the previous output untouched and
//! nothing half-written behind.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::site::Site;

/// A file kiyaku puts in every output directory, so it never replaces a
/// directory it did not write.
pub const MARKER: &str = ".kiyaku-output";

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    out.with_file_name(format!(".{name}.{suffix}-{}", std::process::id()))
}

/// Whether `out` may be replaced: absent, empty, or written by kiyaku.
fn replaceable(out: &Path) -> anyhow::Result<bool> {
    if !out.exists() {
        return Ok(true);
    }
    if !out.is_dir() {
        return Ok(false);
    }
    if out.join(MARKER).exists() {
        return Ok(true);
    }
    Ok(std::fs::read_dir(out)?.next().is_none())
}

/// A staging directory for one build. Dropped without [`commit`](Self::commit),
/// it removes itself.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepare to replace `out`; refuses a directory kiyaku did not write.
    pub fn new(out: &Path) -> anyhow::Result<Staging> {
        if !replaceable(out)? {
            bail!(
                "refusing to replace {}: it exists and was not written by kiyaku (no {MARKER} file); choose another --out",
                out.display()
            );
        }
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let dir = sibling(out, "staging");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging { dir, out: out.to_path_buf(), committed: false })
    }

    /// Write one file (path relative to the output root, `/`-separated).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.dir.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    pub fn write_site(&self, site: &Site) -> anyhow::Result<()> {
        for (rel, bytes) in &site.files {
            self.write(rel, bytes)?;
        }
        Ok(())
    }

    /// Swap the staged files into place.
    pub fn commit(mut self) -> anyhow::Result<()> {
        self.write(MARKER, b"written by kiyaku build; safe to delete\n")?;
        let out = &self.out;
        if out.exists() {
            let old = sibling(out, "old");
            std::fs::rename(out, &old).with_context(|| format!("cannot move the previous {} aside", out.display()))?;
            if let Err(e) = std::fs::rename(&self.dir, out) {
                // Put the previous output back.
                let _ = std::fs::rename(&old, out);
                return Err(e).with_context(|| format!("cannot move the new output into {}", out.display()));
            }
            std::fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
        } else {
            std::fs::rename(&self.dir, out)
                .with_context(|| format!("cannot move the new output into {}", out.display()))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
