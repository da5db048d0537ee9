//! Embeds every file under `templates/` as the built-in template set, so a
//! template added there (a new block kind's, say) needs no list kept by hand.

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
