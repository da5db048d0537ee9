//! What a newcomer's editor does with the schemas `kiyaku init` sets up:
//! yaml-language-server (the server behind VS Code's YAML extension and
//! most other editors' YAML support) run over a project by
//! `tests/editor/yaml-ls-check.mjs`, as an editor would run it.
//!
//! Needs Node and yaml-language-server: `KIYAKU_YAML_LS` names the
//! server's bin script (`.ci/run` installs it with npm).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// The server script, or `None` (after a loud skip, or failing under CI).
fn server() -> Option<PathBuf> {
    let path = std::env::var_os("KIYAKU_YAML_LS").map(PathBuf::from);
    match path.filter(|p| p.is_file()) {
        Some(p) if have_tool("node") => Some(p),
        Some(_) => None,
        None => {
            // Like any missing tool: loud locally, fatal in CI.
            skip_or_fail(
                "yaml-language-server is not installed (KIYAKU_YAML_LS is unset or names no file)",
                "npm install yaml-language-server and set KIYAKU_YAML_LS to its bin/yaml-language-server, or run .ci/run",
            );
            None
        }
    }
}

/// A project as `kiyaku init` leaves it, with the example content, one
/// file from each bad-input fixture a schema can catch, and a file being
/// typed.
fn project() -> tempfile::TempDir {
    // Not `.tmpXXXX`: the server's globs skip folders whose name starts
    // with a dot, as an editor's would.
    let dir = tempfile::Builder::new().prefix("kiyaku-editor-").tempdir().unwrap();
    kiyaku::init::init(dir.path()).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("kiyaku.yaml"), dir.path().join("kiyaku.yaml")).unwrap();
    for case in BAD {
        std::fs::copy(
            fixtures().join(case).join("content/extra.yaml"),
            dir.path().join(format!("content/bad-{case}.yaml")),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("content/typing.yaml"), TYPING).unwrap();
    dir
}

/// Fixtures whose mistake is in one file and a schema can say (see
/// `tests/it/schema.rs`).
const BAD: &[&str] =
    &["unknown-key", "missing-field", "wrong-type", "unknown-kind", "unknown-block", "bad-id", "missing-kind"];

/// A service half typed: the cursor after `kind: ` and in a new backup.
const TYPING: &str = "kind: \nid: new-service\nname: 新サービス\nprovider: example\nbackups:\n  - id: daily\n    \n";

#[derive(serde::Deserialize)]
struct Report {
    diagnostics: std::collections::BTreeMap<String, Vec<LsDiagnostic>>,
    completions: Vec<Vec<String>>,
    hovers: Vec<String>,
}

#[derive(serde::Deserialize, Debug)]
struct LsDiagnostic {
    line: u64,
    message: String,
}

#[test]
fn an_editor_completes_and_flags_what_check_would() {
    let Some(server) = server() else { return };
    let dir = project();
    let root = dir.path();
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml") && !e.path().ends_with("typing.yaml"))
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect();
    files.push("kiyaku.yaml".into());
    files.sort();
    let queries = serde_json::json!({
        "files": files,
        "complete": [["content/typing.yaml", 0, 6], ["content/typing.yaml", 6, 4]],
        "hover": [["content/services/example-cloud.yaml", 19, 6]],
    });
    let queries_path = root.join("queries.json");
    std::fs::write(&queries_path, queries.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editor/yaml-ls-check.mjs");
    let out = Command::new("node").arg(&script).arg(&server).arg(root).arg(&queries_path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();

    let mut failures = Vec::new();
    for (file, found) in &report.diagnostics {
        let case = file.strip_prefix("content/bad-").and_then(|f| f.strip_suffix(".yaml"));
        match case {
            // Where check reports the mistake, the editor underlines it.
            Some(case) => {
                let expected = std::fs::read_to_string(fixtures().join(case).join(EXPECTED)).unwrap();
                let line: u64 = expected
                    .lines()
                    .find(|l| l.starts_with('E'))
                    .and_then(|l| l.split(':').nth(1))
                    .and_then(|n| n.parse().ok())
                    .unwrap();
                if !found.iter().any(|d| d.line + 1 == line || (line == 1 && d.line == 0)) {
                    failures.push(format!("{file}: check reports line {line}; the editor shows {found:?}"));
                }
            }
            None if !found.is_empty() => failures.push(format!("{file} is valid, the editor flags {found:?}")),
            None => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let unknown = &report.diagnostics["content/bad-unknown-key.yaml"];
    assert!(unknown.iter().any(|d| d.message.contains("backupz")), "{unknown:?}");
    assert!(report.diagnostics.len() > 25, "{:?}", report.diagnostics.keys());

    // Completion: the kinds after `kind:`, a backup's keys inside a backup.
    let kinds = &report.completions[0];
    assert!(kinds.iter().any(|k| k == "service") && kinds.iter().any(|k| k == "document"), "{kinds:?}");
    let backup = &report.completions[1];
    for key in ["data", "schedule", "generations", "location"] {
        assert!(backup.iter().any(|k| k == key), "no `{key}` offered in a backup: {backup:?}");
    }
    // Hover says what a value is.
    assert!(report.hovers[0].contains("whole number"), "{:?}", report.hovers);
}
