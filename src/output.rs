//! Writing a built site to disk atomically: into a staging directory next
//! to the output, then swapped into place with renames, so a failed build
//! leaves the previous output untouched and nothing half-written behind.

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

/// Replace `out` with `site`.
pub fn write_atomic(site: &Site, out: &Path) -> anyhow::Result<()> {
    if !replaceable(out)? {
        bail!(
            "refusing to replace {}: it exists and was not written by kiyaku (no {MARKER} file); choose another --out",
            out.display()
        );
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let staging = sibling(out, "staging");
    let old = sibling(out, "old");
    let result = (|| -> anyhow::Result<()> {
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        for (rel, bytes) in &site.files {
            let path = staging.join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
            }
            std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        }
        std::fs::write(staging.join(MARKER), b"written by kiyaku build; safe to delete\n")?;
        if out.exists() {
            std::fs::rename(out, &old).with_context(|| format!("cannot move the previous {} aside", out.display()))?;
            if let Err(e) = std::fs::rename(&staging, out) {
                // Put the previous output back.
                let _ = std::fs::rename(&old, out);
                return Err(e).with_context(|| format!("cannot move the new output into {}", out.display()));
            }
            std::fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
        } else {
            std::fs::rename(&staging, out)
                .with_context(|| format!("cannot move the new output into {}", out.display()))?;
        }
        Ok(())
    })();
    if result.is_err() && staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}
