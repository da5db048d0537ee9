//! Snapshots of what users read and what stays in their repositories: the
//! human diagnostics and JSON lines of a few mistakes, the `<main>` of a
//! built page, and the lock file. A change to any of them shows as a diff
//! here first. Accept an intended change with `INSTA_UPDATE=always cargo
//! test snapshots` (or `cargo insta review`) and read the diff before
//! committing; under CI a mismatch fails and nothing is written.

use crate::common::*;

/// Fixtures whose diagnostics are snapshotted: a syntax error, a
/// reference with a suggestion, an SLA finding with secondary labels, a
/// value error, a missing glyph found after rendering.
const CASES: &[&str] = &["duplicate-key", "unknown-calendar", "sla-tier-slower", "bad-duration", "missing-glyph"];

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn human_diagnostics() {
    for case in CASES {
        let p = project(case);
        // Run from the project, as a user would: paths read from there.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kiyaku"))
            .env("KIYAKU_MESSAGE_LANG", "en")
            .args(["check"])
            .current_dir(p.path())
            .env("KIYAKU_TODAY", crate::common::TODAY)
            .env_remove("GITHUB_ACTIONS")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stderr).into_owned();
        settings().bind(|| insta::assert_snapshot!(format!("human-{case}"), text));
    }
}

#[test]
fn json_lines() {
    for case in CASES {
        let p = project(case);
        let out = kiyaku(&["check", "--root", p.path().to_str().unwrap(), "--format", "json"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        settings().bind(|| insta::assert_snapshot!(format!("json-{case}"), text));
    }
}

#[test]
fn html_main_of_a_page() {
    let p = project("base");
    let out_dir = tempfile::tempdir().unwrap();
    let out = kiyaku(&["build", "--root", p.path().to_str().unwrap(), "--out", out_dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(out_dir.path().join("wp/index.html")).unwrap();
    let start = page.find("<main").expect("a <main>");
    let end = page.find("</main>").expect("a </main>") + "</main>".len();
    settings().bind(|| insta::assert_snapshot!("html-main-wp", &page[start..end]));
}

#[test]
fn lock_file() {
    let p = project("base");
    let out = kiyaku(&["release", "--all", "--root", p.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lock = std::fs::read_to_string(p.path().join("content/kiyaku.lock")).unwrap();
    settings().bind(|| insta::assert_snapshot!("lock-base", lock));
}
