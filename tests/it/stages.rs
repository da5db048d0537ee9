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
    ("image", &[]),
    ("cjk", &[]),
    ("vocab", &[]),
    ("deadline", &[]),
    ("site", &[]),
    ("diag", &["source", "vocab"]),
    ("input", &["diag", "source", "vocab"]),
    ("yaml", &["diag", "source", "vocab"]),
    ("fonts", &["input"]),
    // the stages
    ("model", &["source", "vocab", "cjk", "image"]),
    ("load", &["model", "source", "diag", "input", "yaml", "cjk", "vocab", "image"]),
    ("validate", &["model", "source", "diag", "cjk", "vocab"]),
    ("lock", &["model", "source", "diag", "input", "yaml", "cjk", "vocab"]),
    ("templates", &["model", "source", "diag", "input", "vocab"]),
    ("doc", &["source", "vocab", "image"]),
    ("render", &["model", "templates", "doc", "source", "diag", "input", "cjk", "vocab", "deadline", "image"]),
    ("comparison", &["lock", "model", "doc", "diag", "vocab", "image"]),
    ("html", &["doc", "model", "templates", "source", "diag", "cjk", "vocab"]),
    ("layout", &["doc", "fonts", "cjk", "vocab", "image"]),
    ("pdf", &["layout", "fonts", "cjk", "vocab", "image"]),
    ("sitecheck", &["site"]),
    ("output", &["site", "vocab"]),
    // the driver and the commands
    ("engine", &["deadline", "fonts", "pdf", "diag", "model", "source", "vocab"]),
    (
        "build",
        &[
            "load",
            "model",
            "validate",
            "lock",
            "templates",
            "render",
            "comparison",
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
    ("init", &["vocab", "schema"]),
    ("schema", &["load", "model", "vocab"]),
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
            // An exported macro sits at the crate root: count the module
            // that defines it.
            let is_macro = rest[name.len()..].starts_with('!');
            match MACROS.iter().find(|(m, _)| is_macro && *m == name) {
                Some((_, module)) => {
                    out.insert(module.to_string());
                }
                None if !name.is_empty() => {
                    out.insert(name);
                }
                None => {}
            }
        }
    }
    out
}

/// `crate::name!` macros and the module each is defined in.
const MACROS: &[(&str, &str)] = &[("msg", "vocab")];

/// The file without comments and string contents (so a `//` or a
/// `crate::` inside a string or a comment is not read as code).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                out.push(' ');
            }
            '"' => {
                out.push('"');
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push('"');
            }
            // A char literal such as '"' must not open a string.
            '\'' => {
                out.push('\'');
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\\") || rest.chars().nth(1) == Some('\'') {
                    for c in chars.by_ref() {
                        if c == '\'' {
                            break;
                        }
                    }
                    out.push('\'');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Modules named by `super::` paths that climb out of the file's own
/// top-level module (`super::render` in `src/layout/mod.rs`,
/// `super::super::html` in `src/layout/flow.rs`).
fn super_paths(rel: &Path, code: &str) -> BTreeSet<String> {
    // The file's module path below the crate root: src/layout/flow.rs is
    // layout::flow, src/layout/mod.rs is layout.
    let mut depth = rel.components().count();
    if rel.file_name().is_some_and(|n| n == "mod.rs") {
        depth -= 1;
    }
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("super::") {
        let bytes = code.as_bytes();
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':') {
            continue;
        }
        let mut rest = &code[i..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        if ups >= depth {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Ways of naming the crate that hide which module is meant.
fn opaque_paths(code: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    if code.contains("crate::*") {
        out.push("`use crate::*`");
    }
    if code.contains("crate as ") {
        out.push("`crate as …`");
    }
    out
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
        let code = code_only(&text);
        for opaque in opaque_paths(&code) {
            wrong.push(format!("{}: {opaque} hides which module is used", rel.display()));
        }
        for used in crate_paths(&code).into_iter().chain(super_paths(rel, &code)) {
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
    // Comments and strings are not code; a path after them on the line is.
    let code = code_only("let s = \"a // b\"; use crate::x; // crate::y\n/* crate::z */ let c = '\"'; crate::w::f();");
    let found = crate_paths(&code);
    assert_eq!(found, ["w", "x"].into_iter().map(String::from).collect());
    // `super::` that leaves the top-level module names another module.
    let names = |file: &str, code: &str| super_paths(Path::new(file), code).into_iter().collect::<Vec<_>>();
    assert_eq!(names("layout/mod.rs", "use super::render::x; use super::layout::y;"), ["layout", "render"]);
    assert_eq!(names("layout/flow.rs", "use super::para; use super::super::html::z;"), ["html"]);
    assert_eq!(
        names("model/blocks/service.rs", "use super::BlockSpec; use super::super::facts;"),
        Vec::<String>::new()
    );
    assert!(!opaque_paths("use crate::*;").is_empty() && !opaque_paths("use crate as k;").is_empty());
}
