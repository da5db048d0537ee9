//! Every diagnostic of the catalogue, each from a fixture project under
//! `tests/fixtures/<case>/` (laid over `tests/fixtures/base/`), asserted by
//! code and exact location.

use crate::common::*;

/// (fixture, code, file, line, column)
const CASES: &[(&str, &str, &str, u64, u64)] = &[
    ("yaml-syntax", "E0101", "content/extra.yaml", 3, 7),
    ("duplicate-key", "E0108", "content/extra.yaml", 6, 1),
    ("unknown-key", "E0110", "content/extra.yaml", 5, 1),
    ("wrong-type", "E0111", "content/extra.yaml", 5, 10),
    ("missing-field", "E0112", "content/extra.yaml", 1, 1),
    ("missing-kind", "E0106", "content/extra.yaml", 1, 1),
    ("unknown-kind", "E0107", "content/extra.yaml", 1, 7),
    ("invalid-value", "E0113", "content/extra.yaml", 8, 12),
    ("empty-text", "E0114", "content/extra.yaml", 5, 10),
    ("bad-duration", "E0120", "content/extra.yaml", 7, 13),
    ("bad-date", "E0121", "content/extra.yaml", 12, 11),
    ("bad-version", "E0122", "content/extra.yaml", 6, 10),
    ("bad-percent", "E0123", "content/extra.yaml", 7, 11),
    ("bad-schedule", "E0124", "content/extra.yaml", 8, 15),
    ("bad-id", "E0125", "content/extra.yaml", 2, 5),
    ("bad-time", "E0126", "content/extra.yaml", 4, 8),
    ("bad-language", "E0127", "content/extra.yaml", 7, 3),
    ("unsafe-url", "E0128", "content/extra.yaml", 4, 6),
    ("bad-number", "E0129", "content/extra.yaml", 9, 18),
    ("duplicate-id", "E0201", "content/service.yaml", 2, 5),
    ("unknown-service", "E0202", "content/extra.yaml", 4, 10),
    ("unknown-programme", "E0203", "content/extra.yaml", 5, 10),
    ("unknown-scale", "E0204", "content/extra.yaml", 5, 8),
    ("unknown-tier", "E0205", "content/extra.yaml", 11, 13),
    ("unknown-severity", "E0206", "content/extra.yaml", 14, 5),
    ("unknown-feature", "E0207", "content/extra.yaml", 8, 16),
    ("unknown-term", "E0210", "content/extra.yaml", 8, 11),
    ("unknown-provider", "E0211", "content/extra.yaml", 4, 11),
    ("unknown-calendar", "E0212", "content/extra.yaml", 6, 10),
    ("unknown-channel", "E0213", "content/extra.yaml", 13, 20),
    ("unknown-escalation-level", "E0214", "content/extra.yaml", 17, 13),
    ("unknown-criteria", "E0215", "content/extra.yaml", 25, 16),
    ("unknown-procedure", "E0216", "content/extra.yaml", 11, 16),
    ("unknown-glossary", "E0217", "content/extra.yaml", 11, 19),
    ("unknown-block", "E0218", "content/extra.yaml", 10, 11),
    ("block-without-data", "E0219", "content/extra.yaml", 10, 11),
    ("missing-matrix-cell", "E0220", "content/extra.yaml", 14, 5),
    ("unknown-contact", "E0221", "content/extra.yaml", 7, 10),
    ("duplicate-rank", "E0222", "content/extra.yaml", 10, 11),
    ("revision-order", "E0301", "content/extra.yaml", 17, 14),
    ("revision-date-order", "E0302", "content/extra.yaml", 18, 11),
    ("revision-in-future", "E0303", "content/extra.yaml", 18, 11),
    ("revision-version-mismatch", "E0304", "content/extra.yaml", 6, 10),
    ("revision-unknown-section", "E0305", "content/extra.yaml", 20, 18),
    ("revision-missing", "E0306", "content/extra.yaml", 2, 5),
    ("revision-after-document", "E0513", "content/extra.yaml", 19, 11),
    ("broken-anchor", "E0401", "content/extra.yaml", 11, 17),
    ("empty-link-missing-section", "E0401", "content/extra.yaml", 11, 10),
    ("cross-document-anchor", "E0401", "content/extra.yaml", 11, 10),
    ("link-missing-document", "E0402", "content/extra.yaml", 11, 18),
    ("link-to-file", "E0402", "content/extra.yaml", 11, 13),
    ("unsafe-link", "E0403", "content/extra.yaml", 11, 15),
    ("raw-html", "W0405", "content/extra.yaml", 11, 7),
    ("missing-translation", "E0407", "content/programme.yaml", 13, 11),
    ("template-syntax", "E0601", "templates/sla.md", 1, 35),
    ("template-render", "E0602", "templates/sla.md", 1, 8),
    ("missing-glyph", "E0701", "content/extra.yaml", 11, 7),
    ("font-unusable", "E0702", "kiyaku.yaml", 5, 14),
];

#[test]
fn base_fixture_is_clean() {
    let p = project("base");
    let (diags, code, stderr) = check(p.path(), &["--strict"]);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn every_catalogue_entry_is_reported_where_it_is() {
    let mut failures = Vec::new();
    for (case, code, file, line, col) in CASES {
        let p = project(case);
        let (diags, status, stderr) = check(p.path(), &[]);
        let hit = diags.iter().any(|d| {
            d.code == *code && d.file.as_deref() == Some(*file) && d.line == Some(*line) && d.column == Some(*col)
        });
        if !hit {
            failures.push(format!("{case}: expected {code} at {file}:{line}:{col}, got {diags:#?}\n{stderr}"));
            continue;
        }
        let expected_status = if code.starts_with('E') { 1 } else { 0 };
        if status != expected_status {
            failures.push(format!("{case}: exit status {status}, expected {expected_status}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_code_is_asserted_by_some_test() {
    // A code counts as tested when a test names it: in `CASES` above, or as
    // a string literal in another module of this test binary (bad input, SLA
    // rules, lock files, hardening, the site check…). No code is exempt.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let mut tests = String::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = e.path();
        if path.extension().is_some_and(|x| x == "rs") && path.file_name().is_some_and(|n| n != "check_catalogue.rs") {
            tests.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    let untested: Vec<&str> = kiyaku::diag::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|code| !CASES.iter().any(|(_, k, ..)| k == code) && !tests.contains(&format!("\"{code}\"")))
        .collect();
    assert!(untested.is_empty(), "codes no test asserts: {untested:?}");
}

#[test]
fn the_readme_explains_every_code() {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for c in kiyaku::diag::Code::ALL {
        assert!(
            readme.contains(&format!("| {} | ", c.as_str())),
            "README.md's catalogue has no row for {}",
            c.as_str()
        );
    }
}

#[test]
fn did_you_mean_hints() {
    let p = project("unknown-key");
    let (diags, ..) = check(p.path(), &[]);
    assert_eq!(
        expect_diag(&diags, "E0110", "content/extra.yaml", 5, 1).hint.as_deref(),
        Some("did you mean `backups`?")
    );
    let p = project("unknown-tier");
    let (diags, ..) = check(p.path(), &[]);
    assert_eq!(
        expect_diag(&diags, "E0205", "content/extra.yaml", 11, 13).hint.as_deref(),
        Some("did you mean `basic`?")
    );
}

#[test]
fn duplicate_ids_show_both_places() {
    let p = project("duplicate-id");
    let (diags, ..) = check(p.path(), &[]);
    let d = expect_diag(&diags, "E0201", "content/service.yaml", 2, 5);
    let labels = d.json["labels"].as_array().unwrap();
    assert_eq!(labels[0]["file"], "content/extra.yaml");
    assert_eq!(labels[0]["line"], 2);
}

#[test]
fn all_errors_in_one_run_sorted() {
    let p = project("base");
    std::fs::write(
        p.path().join("content/extra.yaml"),
        "kind: service\nid: extra\nname: 追加\nprovider: acne\nbackupz: 1\nsupport: nope\n",
    )
    .unwrap();
    let (diags, code, _) = check(p.path(), &[]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, vec!["E0211", "E0110", "E0203"], "{diags:#?}");
}

#[test]
fn warnings_fail_only_under_strict() {
    let p = project("raw-html");
    let (_, code, _) = check(p.path(), &[]);
    assert_eq!(code, 0);
    let (_, code, _) = check(p.path(), &["--strict"]);
    assert_eq!(code, 1);
}

#[test]
fn human_output_has_snippet_and_hint() {
    let p = project("unknown-key");
    let out = kiyaku(&["check", "--root", p.path().to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[E0110]: unknown key `backupz` in a service"), "{err}");
    assert!(err.contains("content/extra.yaml:5:1"), "{err}");
    assert!(err.contains("backupz:"), "snippet: {err}");
    assert!(err.contains("help: did you mean `backups`?"), "{err}");
    assert!(err.contains("1 error, 0 warnings"), "{err}");
}
