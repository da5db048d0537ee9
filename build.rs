//! Embeds every file under `templates/` as the built-in template set, so a
//! template added there (a new block kind's, say) needs no list kept by hand,
//! gives the build an id (`KIYAKU_BUILD_ID`) that keys the PDF cache, and
//! names the commit it was built from (`KIYAKU_VERSION_TEXT`, for
//! `--version`).

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from("/// Built-in templates: (name, source), every file under `templates/`.\n");
    out.push_str("pub(crate) const BUILTIN: &[(&str, &str)] = &[\n");
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={path}");
        let _ = writeln!(out, "    ({name:?}, include_str!({path:?})),");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_templates.rs");
    std::fs::write(dest, out).expect("write the template list");
    println!("cargo:rustc-env=KIYAKU_BUILD_ID={}", build_id());
    let commit = commit();
    let version = match commit.as_str() {
        "" => env!("CARGO_PKG_VERSION").to_string(),
        c => format!("{} (commit {c})", env!("CARGO_PKG_VERSION")),
    };
    println!("cargo:rustc-env=KIYAKU_VERSION_TEXT={version}");
}

/// The commit the sources are at, `abc1234` (with `-dirty` when they
/// differ from it); empty when not built from a git checkout.
fn commit() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let Some(hash) = git(&["rev-parse", "--short=10", "HEAD"]) else { return String::new() };
    // Rebuilt when HEAD moves: HEAD itself, and the branch it is on.
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    for name in ["HEAD"].into_iter().map(str::to_string).chain(branch) {
        if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
            println!("cargo:rerun-if-changed={}", root.join(path).display());
        }
    }
    let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    if dirty { format!("{hash}-dirty") } else { hash }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, out);
            continue;
        }
        let name = path.strip_prefix(root).expect("under templates/");
        let name: Vec<String> = name.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let name = name.join("/");
        if name.starts_with('.') || name.contains("/.") || name.ends_with('~') {
            continue;
        }
        out.push((name, path.display().to_string()));
    }
}

/// An id of this build of kiyaku: a hash of everything that goes into the
/// binary's output (sources, templates, assets, the lock file, the
/// compiler), so a PDF cached by one binary is never reused by another.
fn build_id() -> String {
    use std::hash::{Hash, Hasher};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "templates", "assets"] {
        collect_all(&root.join(dir), &mut files);
    }
    files.push(root.join("Cargo.lock"));
    files.push(root.join("build.rs"));
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        f.strip_prefix(root).unwrap_or(f).hash(&mut h);
        std::fs::read(f).unwrap_or_default().hash(&mut h);
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc).arg("-V").output().map(|o| o.stdout).unwrap_or_default();
    version.hash(&mut h);
    format!("{}-{:016x}", env!("CARGO_PKG_VERSION"), h.finish())
}

fn collect_all(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            collect_all(&path, out);
        } else {
            out.push(path);
        }
    }
}
