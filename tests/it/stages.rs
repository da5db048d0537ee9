//! The pipeline runs one way: every `crate::<module>` path in `src/` (in a
//! `use`, in a `use crate::{…}` group, or written inline) must name a
//! module its own module is allowed to depend on. The allow-list is the
//! architecture; ARCHITECTURE.md explains it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Shared modules below the stages, then the stages in order, then the
/// driver and the commands. A module may use the modules listed for it.
const ALLOWED: &[(&str, &[&str])] = &[
    // shared words, files and resources
    ("source", &[]),
    ("cjk", &[]),
    ("vocab", &[]),
    ("deadline", &[]),
    ("site", &[]),
    ("diag", &["source"]),
    ("input", &["diag", "source"]),
    ("yaml", &["diag", "source"]),
    ("fonts", &["input"]),
    // the stages
    ("model", &["source", "vocab", "cjk"]),
    ("load", &["model", "source", "diag", "input", "yaml", "cjk", "vocab"]),
    ("validate", &["model", "source", "diag", "cjk", "vocab"]),
    ("lock", &["model", "source", "diag", "input", "yaml", "cjk", "vocab"]),
    ("templates", &["model", "source", "diag", "input", "vocab"]),
    ("doc", &["source", "vocab"]),
    ("render", &["model", "templates", "doc", "source", "diag", "input", "cjk", "vocab", "deadline"]),
    ("html", &["doc", "model", "templates", "source", "diag", "cjk", "vocab"]),
    ("layout", &["doc", "fonts", "cjk", "vocab"]),
    ("pdf", &["layout", "fonts", "vocab"]),
    ("sitecheck", &["site"]),
    ("output", &["site", "vocab"]),
    // the driver and the commands
    ("engine", &["deadline", "fonts", "pdf", "diag", "model", "source"]),
    (
        "build",
        &[
            "load",
            "model",
            "validate",
            "lock",
            "templates",
            "render",
            "doc",
            "html",
            "layout",
            "pdf",
            "fonts",
            "engine",
            "site",
            "sitecheck",
            "output",
            "diag",
            "source",
            "vocab",
        ],
    ),
    ("release", &["build", "engine", "lock", "model", "diag", "source"]),
    ("init", &["vocab"]),
    ("serve", &["build", "engine", "lock", "model", "doc", "site", "diag", "source", "vocab"]),
    // tests only
    ("fuzz", &["*"]),
];

/// The module a file of `src/` belongs to: its first path component.
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
    Some(first.strip_suffix(".rs").unwrap_or(&first).to_string())
}

/// Every top-level module named by a `crate::` path in `code`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = code.as_bytes();
    for (i, _) in code.match_indices("crate::") {
        // `$crate::` and `kiyaku_crate::` are not ours.
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b'$') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::x, b, c::{d, e}}`: the first name of each item at depth 0.
            let mut depth = 0;
            let mut items = vec![String::new()];
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(String::new());
                        continue;
                    }
                    _ => {}
                }
                if let Some(item) = items.last_mut() {
                    item.push(c);
                }
            }
            for item in items {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// The file without comments (line and doc comments; block comments are
/// not used in `src/`).
fn code_only(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string literal is rare in paths; a URL in a string
            // would hide only the rest of its own line.
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn stages_depend_only_on_what_comes_before_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = Vec::new();
    let mut unlisted = BTreeSet::new();
    for e in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let module = module_of(rel).unwrap();
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(may) = allowed.get(module.as_str()) else {
            unlisted.insert(module);
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for used in crate_paths(&code_only(&text)) {
            if used != module && !may.contains(&"*") && !may.contains(&used.as_str()) {
                wrong.push(format!("{}: {module} → {used}", rel.display()));
            }
        }
    }
    assert!(unlisted.is_empty(), "modules missing from the allow-list in tests/it/stages.rs: {unlisted:?}");
    assert!(wrong.is_empty(), "imports against the stage order:\n  {}", wrong.join("\n  "));
}

#[test]
fn the_scanner_sees_groups_and_inline_paths() {
    let found = crate_paths("use crate::{a::x, b, c::{d, e}};\nlet v = crate::f::g(); $crate::h; my_crate::i;");
    assert_eq!(found, ["a", "b", "c", "f"].into_iter().map(String::from).collect());
}
