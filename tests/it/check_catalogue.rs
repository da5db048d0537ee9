//! Every diagnostic of the catalogue, each from a fixture project under
//! `tests/fixtures/<case>/` (laid over `tests/fixtures/base/`) whose
//! `expected.txt` says what `check` reports there, by code and exact place.

use crate::common::*;

/// `(code, "file:line:column")` lines of a fixture's `expected.txt`.
fn expected(case: &str) -> Option<Vec<(String, String)>> {
    let text = std::fs::read_to_string(fixtures().join(case).join(EXPECTED)).ok()?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (code, at) = l.split_once(' ').unwrap_or_else(|| panic!("{case}/{EXPECTED}: `{l}`"));
                (code.to_string(), at.trim().to_string())
            })
            .collect(),
    )
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .flatten()
        .filter(|e| e.path().join(EXPECTED).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_fixture_reports_what_it_expects() {
    // Each fixture's expectations live beside it, in `expected.txt`: the
    // diagnostics `check` must report (by code and exact place, each with a
    // hint), or nothing at all under --strict when the file lists none.
    let names = fixture_names();
    assert!(names.len() > 70, "fixtures with expectations: {}", names.len());
    let mut failures = Vec::new();
    for case in &names {
        let want = expected(case).unwrap();
        let strict: &[&str] = if want.is_empty() { &["--strict"] } else { &[] };
        let run = Fixture::new(case).check(strict);
        if want.is_empty() && (!run.diags.is_empty() || run.code != 0) {
            failures.push(format!("{case}: expected nothing, got exit {} and {:#?}", run.code, run.diags));
        }
        for (code, at) in &want {
            let hit = run.diags.iter().find(|d| {
                format!("{}:{}:{}", d.file.as_deref().unwrap_or(""), d.line.unwrap_or(0), d.column.unwrap_or(0)) == *at
                    && d.code == *code
            });
            match hit {
                None => failures.push(format!("{case}: expected {code} at {at}, got {:#?}\n{}", run.diags, run.stderr)),
                Some(d) if d.hint.is_none() => failures.push(format!("{case}: {code} at {at} has no hint")),
                Some(_) => {}
            }
        }
        let expected_status = if want.iter().any(|(c, _)| c.starts_with('E')) { 1 } else { 0 };
        if !want.is_empty() && run.code != expected_status {
            failures.push(format!("{case}: exit status {}, expected {expected_status}", run.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_code_is_asserted_by_some_test() {
    // A code counts as tested when a fixture's `expected.txt` names it, or
    // a test module names it as a string literal (bad input, SLA rules, lock
    // files, hardening, the site check…). No code is exempt.
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
        .filter(|code| {
            !fixture_names().iter().any(|f| expected(f).unwrap().iter().any(|(c, _)| c == code))
                && !tests.contains(&format!("\"{code}\""))
        })
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

#[test]
fn every_fixture_speaks_japanese_and_english() {
    // The same findings in both languages: same codes and places, the
    // messages and hints in the language asked for.
    let japanese = |t: &str| t.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'));
    let mut failures = Vec::new();
    for case in fixture_names() {
        let fixture = Fixture::new(&case);
        let en = fixture.check(&["--message-lang", "en"]);
        let ja = fixture.check(&["--message-lang", "ja"]);
        let place = |d: &Diag| (d.code.clone(), d.file.clone(), d.line, d.column);
        assert_eq!(en.diags.iter().map(place).collect::<Vec<_>>(), ja.diags.iter().map(place).collect::<Vec<_>>());
        for (e, j) in en.diags.iter().zip(&ja.diags) {
            if !japanese(&j.message) {
                failures.push(format!("{case} {}: message in English only: {}", j.code, j.message));
            }
            if let Some(h) = j.hint.as_deref().filter(|h| !japanese(h)) {
                failures.push(format!("{case} {}: hint in English only: {h}", j.code));
            }
            if e.message == j.message {
                failures.push(format!("{case} {}: the same message in both languages: {}", e.code, e.message));
            }
        }
    }
    // Every code has its one-line meaning in both languages.
    for code in kiyaku::diag::Code::ALL {
        if !japanese(code.title_ja()) {
            failures.push(format!("{code}: no Japanese title"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
