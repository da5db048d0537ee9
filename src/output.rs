//! Writing a built site to disk atomically: files go into a staging
//! directory next to the output (large ones, the PDFs, as soon as they are
//! made), which is swapped into place only when the whole build succeeded.
//! A failed build leaves the previous output untouched and nothing
//! half-written behind.
//!
//! - The swap is one step on Linux (`renameat2` with `RENAME_EXCHANGE`): at
//!   every instant `output/` is either the old site or the new one. Where
//!   that call is missing, two renames are the fallback.
//! - A build holds an exclusive lock on `.output.lock` beside the output
//!   while it writes, so a second build waits for nothing and fails
//!   clearly, and every `.output.staging-*` / `.output.old-*` folder found
//!   while holding the lock was left by a killed build and is removed.
//! - The output may never be, hold, or lie inside the project's content or
//!   templates, nor hold the project root: replacing it would delete the
//!   project.

use std::fs::File;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};

use crate::site::SiteFiles;
use crate::vocab::ProjectPaths;

/// A file kiyaku puts in every output directory, so it never replaces a
/// directory it did not write.
pub(crate) const MARKER: &str = ".kiyaku-output";

/// Names of what a build writes beside `out`: `.{name}.{what}[-{pid}]`.
fn sibling_prefix(out: &Path, what: &str) -> String {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    format!(".{name}.{what}")
}

fn sibling(out: &Path, what: &str) -> PathBuf {
    out.with_file_name(format!("{}-{}", sibling_prefix(out, what), std::process::id()))
}

/// Whether `out` may be replaced: absent, empty, or written by kiyaku.
fn replaceable(out: &Path) -> anyhow::Result<bool> {
    if std::fs::symlink_metadata(out).is_err() {
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

/// `p` made absolute with every link resolved, as far as it exists; the
/// rest is appended with `.` and `..` applied, so a path that does not
/// exist yet compares like the one it will be.
fn real_path(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf())
    };
    // Component by component: links resolved while the path exists, `..`
    // and `.` applied by name past that.
    let mut real = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
            }
            other => {
                real.push(other);
                if let Ok(r) = real.canonicalize() {
                    real = r;
                }
            }
        }
    }
    real
}

/// Refuse an output folder whose replacement would delete project files.
fn check_out_dir(out: &Path, root: &Path) -> anyhow::Result<()> {
    let out_real = real_path(out);
    let root_real = real_path(root);
    if root_real.starts_with(&out_real) {
        bail!(
            "refusing to write the site to {}: that folder holds the project itself, and replacing it would delete the project; choose an --out such as {}",
            out.display(),
            ProjectPaths::new(root).default_output().display()
        );
    }
    for tree in [ProjectPaths::CONTENT, ProjectPaths::TEMPLATES] {
        let t = root_real.join(tree);
        if out_real.starts_with(&t) {
            bail!(
                "refusing to write the site to {}: it is inside the project's {tree}/ folder; choose an --out outside {tree}/, such as {}",
                out.display(),
                ProjectPaths::new(root).default_output().display()
            );
        }
    }
    Ok(())
}

/// A staging directory for one build. Dropped without [`commit`](Self::commit),
/// it removes itself.
pub(crate) struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// Held for the life of the build; the lock goes with the handle.
    _lock: File,
}

impl Staging {
    /// Prepare to replace `out` for the project at `root`; refuses a
    /// directory kiyaku did not write and one that holds the project.
    pub(crate) fn new(out: &Path, root: &Path) -> anyhow::Result<Staging> {
        check_out_dir(out, root)?;
        if !replaceable(out)? {
            bail!(
                "refusing to replace {}: it exists and was not written by kiyaku (no {MARKER} file); choose another --out",
                out.display()
            );
        }
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let lock_path = out.with_file_name(sibling_prefix(out, "lock"));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("cannot create {}", lock_path.display()))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                bail!("another kiyaku build is writing {} right now; wait for it to finish", out.display())
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", lock_path.display()));
            }
        }
        remove_stale(out)?;
        let dir = sibling(out, "staging");
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging { dir, out: out.to_path_buf(), committed: false, _lock: lock })
    }

    /// Write one file (path relative to the output root, `/`-separated).
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.dir.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    pub(crate) fn write_site(&self, site: &SiteFiles) -> anyhow::Result<()> {
        for (rel, bytes) in &site.files {
            self.write(rel, bytes)?;
        }
        Ok(())
    }

    /// Swap the staged files into place.
    pub(crate) fn commit(mut self) -> anyhow::Result<()> {
        self.swap(None)?;
        self.committed = true;
        Ok(())
    }

    /// The swap, stopping after `interrupt` as a killed process would
    /// (tests only pass one).
    fn swap(&self, interrupt: Option<Step>) -> anyhow::Result<()> {
        self.write(MARKER, b"written by kiyaku build; safe to delete\n")?;
        let out = &self.out;
        if std::fs::symlink_metadata(out).is_err() {
            return std::fs::rename(&self.dir, out)
                .with_context(|| format!("cannot move the new output into {}", out.display()));
        }
        // A test interrupting the fallback takes the fallback.
        if interrupt != Some(Step::MovedAside) && exchange(&self.dir, out)? {
            // The old site now sits at the staging path.
            if interrupt == Some(Step::Exchanged) {
                return Ok(());
            }
            return std::fs::remove_dir_all(&self.dir)
                .with_context(|| format!("cannot remove the previous output at {}", self.dir.display()));
        }
        // No exchange on this system: two renames, the old one put back on failure.
        let old = sibling(out, "old");
        std::fs::rename(out, &old).with_context(|| format!("cannot move the previous {} aside", out.display()))?;
        if interrupt == Some(Step::MovedAside) {
            return Ok(());
        }
        if let Err(e) = std::fs::rename(&self.dir, out) {
            let _ = std::fs::rename(&old, out);
            return Err(e).with_context(|| format!("cannot move the new output into {}", out.display()));
        }
        std::fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))
    }
}

/// Where a simulated kill stops the swap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// After the exchange, before the old site is removed.
    Exchanged,
    /// The two-rename fallback, after the old output was moved aside.
    #[cfg_attr(not(test), allow(dead_code))]
    MovedAside,
}

/// Swap two directories in one step. `Ok(false)` where the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> anyhow::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes()).context("a path with a NUL byte")?;
    let cb = CString::new(b.as_os_str().as_bytes()).context("a path with a NUL byte")?;
    // SAFETY: both are valid NUL-terminated paths, resolved against the
    // current directory (AT_FDCWD); the call touches no memory of ours.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let err = std::io::Error::last_os_error();
    match err.raw_os_error() {
        // Not supported by the kernel or this file system.
        Some(libc::ENOSYS) | Some(libc::EINVAL) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => Err(err).with_context(|| format!("cannot swap {} into place", b.display())),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> anyhow::Result<bool> {
    Ok(false)
}

/// Remove what killed builds left beside `out`. Called with the lock held,
/// so no other build is using any of them.
fn remove_stale(out: &Path) -> anyhow::Result<()> {
    let Some(parent) = out.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p }) else {
        return Ok(());
    };
    let prefixes = [format!("{}-", sibling_prefix(out, "staging")), format!("{}-", sibling_prefix(out, "old"))];
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| name.starts_with(p.as_str())) && e.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(e.path())
                .with_context(|| format!("cannot remove {}, left by an earlier build", e.path().display()))?;
        }
    }
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged(root: &Path, out: &Path, page: &str) -> Staging {
        let s = Staging::new(out, root).unwrap();
        s.write("index.html", page.as_bytes()).unwrap();
        s
    }

    fn page(out: &Path) -> String {
        std::fs::read_to_string(out.join("index.html")).unwrap()
    }

    /// A kill at any step of the swap leaves a whole output (old or new),
    /// and the next build removes what the killed one left.
    #[test]
    fn a_kill_during_the_swap_leaves_a_whole_output() {
        for step in [Step::Exchanged, Step::MovedAside] {
            let root = tempfile::tempdir().unwrap();
            let out = root.path().join("output");
            staged(root.path(), &out, "old").commit().unwrap();
            let s = staged(root.path(), &out, "new");
            s.swap(Some(step)).unwrap();
            match step {
                Step::Exchanged => assert_eq!(page(&out), "new", "after the exchange the new site is in place"),
                // The fallback's one weakness: for a moment there is no output.
                Step::MovedAside => assert!(!out.exists()),
            }
            // Killed: no Drop runs, and the OS releases the lock.
            s._lock.unlock().unwrap();
            std::mem::forget(s);
            let leftovers = |root: &Path| {
                std::fs::read_dir(root)
                    .unwrap()
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.starts_with(".output.") && n != ".output.lock")
                    .count()
            };
            assert!(leftovers(root.path()) > 0, "{step:?}: the kill left a folder behind");
            staged(root.path(), &out, "next").commit().unwrap();
            assert_eq!(page(&out), "next");
            assert_eq!(leftovers(root.path()), 0, "{step:?}: the next build cleaned up");
        }
    }

    #[test]
    fn a_second_build_of_the_same_output_is_refused_while_one_runs() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        let first = Staging::new(&out, root.path()).unwrap();
        let second = Staging::new(&out, root.path());
        assert!(second.is_err_and(|e| e.to_string().contains("another kiyaku build")));
        drop(first);
        assert!(Staging::new(&out, root.path()).is_ok());
    }

    #[test]
    fn paths_compare_as_they_will_be() {
        let root = tempfile::tempdir().unwrap();
        let r = root.path().canonicalize().unwrap();
        assert_eq!(real_path(&root.path().join("a/../b/./c")), r.join("b/c"));
        assert!(check_out_dir(&root.path().join("content/../output"), root.path()).is_ok());
        assert!(check_out_dir(&root.path().join("content/x/.."), root.path()).is_err());
        assert!(check_out_dir(&root.path().join(".."), root.path()).is_err());
    }
}
