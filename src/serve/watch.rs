//! File events to rebuilds.
//!
//! Watched: `content/` and `templates/` recursively (new sub-folders
//! included), and the project root itself, not recursively, for the site
//! settings and for `content/` or `templates/` being created, deleted or
//! replaced. Events about hidden files (`.git`, `.x.swp`), editor
//! temporaries and backups, and anything else in the root (`output/`,
//! `target/`) are ignored. Events are batched: a rebuild starts once no
//! relevant event has come for [`QUIET`], or [`MAX_BATCH`] after the first.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::state::Shared;
use crate::vocab::ProjectPaths;

/// Quiet time that ends a batch: an editor's save (write a temporary file,
/// rename it over the old one) fits well inside it.
pub const QUIET: Duration = Duration::from_millis(40);

/// Longest a batch waits, however busy the file system.
pub const MAX_BATCH: Duration = Duration::from_millis(100);

/// The watched folders of the project.
const TREES: [&str; 2] = [ProjectPaths::CONTENT, ProjectPaths::TEMPLATES];

/// The files of the project root that matter.
const ROOT_FILES: [&str; 2] = [ProjectPaths::SETTINGS, ProjectPaths::SETTINGS_ALT];

/// Files editors and tools write beside the real ones.
fn is_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name.contains("___jb_")
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".crswap", ".part"].iter().any(|e| name.ends_with(e))
}

/// What an event path means for the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Relevance {
    Ignore,
    Rebuild,
    /// `content/` or `templates/` itself: watch it again, then rebuild.
    Rewatch,
}

pub(super) fn relevance(root: &Path, path: &Path) -> Relevance {
    let Ok(rel) = path.strip_prefix(root) else { return Relevance::Ignore };
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    match parts.as_slice() {
        [] => Relevance::Ignore,
        [one] if TREES.contains(&one.as_str()) => Relevance::Rewatch,
        [one] if ROOT_FILES.contains(&one.as_str()) => Relevance::Rebuild,
        [first, ..] if TREES.contains(&first.as_str()) && !parts.iter().skip(1).any(|p| is_scratch(p)) => {
            Relevance::Rebuild
        }
        _ => Relevance::Ignore,
    }
}

fn batch_relevance(root: &Path, event: &notify::Result<notify::Event>) -> Relevance {
    let Ok(event) = event else {
        // The watcher lost track (queue overflow, say): rebuild to be safe.
        return Relevance::Rewatch;
    };
    if matches!(event.kind, EventKind::Access(_)) {
        return Relevance::Ignore;
    }
    let mut r = Relevance::Ignore;
    for p in &event.paths {
        match relevance(root, p) {
            Relevance::Rewatch => return Relevance::Rewatch,
            Relevance::Rebuild => r = Relevance::Rebuild,
            Relevance::Ignore => {}
        }
    }
    if event.need_rescan() { Relevance::Rewatch } else { r }
}

struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    watched: Vec<PathBuf>,
}

impl Watch {
    /// (Re)establish the watches: trees that appeared are added, and all
    /// are renewed after one was replaced.
    fn refresh(&mut self) {
        for p in std::mem::take(&mut self.watched) {
            let _ = self.watcher.unwatch(&p);
        }
        for t in TREES {
            let p = self.root.join(t);
            if p.is_dir() {
                match self.watcher.watch(&p, RecursiveMode::Recursive) {
                    Ok(()) => self.watched.push(p),
                    Err(e) => eprintln!("warning: cannot watch {}: {e}", p.display()),
                }
            }
        }
    }
}

/// Start watching; returns the thread that rebuilds on change.
pub(super) fn spawn(shared: Arc<Shared>) -> anyhow::Result<std::thread::JoinHandle<()>> {
    let root = shared.options.root.canonicalize().unwrap_or_else(|_| shared.options.root.clone());
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    let mut watch = Watch { root, watcher, watched: Vec::new() };
    watch.refresh();
    Ok(std::thread::Builder::new().name("kiyaku-watch".into()).spawn(move || run(&shared, &mut watch, &rx))?)
}

fn run(shared: &Shared, watch: &mut Watch, rx: &Receiver<notify::Result<notify::Event>>) {
    let poll = Duration::from_millis(200);
    loop {
        // Wait for the first relevant event.
        let mut wanted = Relevance::Ignore;
        while wanted == Relevance::Ignore {
            if shared.is_stopping() {
                return;
            }
            match rx.recv_timeout(poll) {
                Ok(e) => wanted = batch_relevance(&watch.root, &e),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        // Gather the rest of the batch.
        let start = Instant::now();
        loop {
            let left = MAX_BATCH.saturating_sub(start.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(QUIET.min(left)) {
                Ok(e) => {
                    if batch_relevance(&watch.root, &e) == Relevance::Rewatch {
                        wanted = Relevance::Rewatch;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if wanted == Relevance::Rewatch {
            watch.refresh();
        }
        if shared.is_stopping() {
            return;
        }
        shared.rebuild();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_matters() {
        let root = Path::new("/p");
        let r = |s: &str| relevance(root, Path::new(s));
        assert_eq!(r("/p/content/services/a.yaml"), Relevance::Rebuild);
        assert_eq!(r("/p/content/new-folder"), Relevance::Rebuild);
        assert_eq!(r("/p/templates/blocks/backups.md"), Relevance::Rebuild);
        assert_eq!(r("/p/kiyaku.yaml"), Relevance::Rebuild);
        assert_eq!(r("/p/content"), Relevance::Rewatch);
        assert_eq!(r("/p/templates"), Relevance::Rewatch);
        for ignored in [
            "/p/output/index.html",
            "/p/output",
            "/p/.git/index",
            "/p/target/debug/kiyaku",
            "/p/content/.a.yaml.swp",
            "/p/content/a.yaml~",
            "/p/content/#a.yaml#",
            "/p/content/4913",
            "/p/content/a.yaml___jb_tmp___",
            "/p/content/.git/HEAD",
            "/p/README.md",
            "/elsewhere/content/a.yaml",
        ] {
            assert_eq!(r(ignored), Relevance::Ignore, "{ignored}");
        }
    }
}
