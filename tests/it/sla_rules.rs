//! The SLA consistency rules: each has a violating fixture (code and exact
//! location asserted) and passing ones; findings can be accepted in the
//! YAML with a reason.

use crate::common::*;

/// (fixture, code, file, line, column)
const VIOLATIONS: &[(&str, &str, &str, u64, u64)] = &[
    ("sla-tier-missing-feature", "E0501", "content/programme.yaml", 23, 9),
    ("sla-tier-slower", "E0502", "content/programme.yaml", 33, 39),
    // 5 business days on a seven-day calendar against 2 on weekdays: faster
    // at a holiday weekend, slower on an ordinary day.
    ("sla-tier-slower-calendars", "E0502", "content/programme.yaml", 33, 39),
    ("sla-severity-order", "E0503", "content/programme.yaml", 31, 17),
    ("sla-clock-out-of-hours", "E0504", "content/programme.yaml", 31, 17),
    ("sla-backup-outlives", "E0505", "content/service.yaml", 17, 18),
    ("sla-log-outlives", "E0506", "content/service.yaml", 21, 16),
    ("sla-severity-without-definition", "E0507", "content/scale.yaml", 14, 9),
    ("sla-tier-without-hours", "E0508", "content/programme.yaml", 17, 9),
    ("sla-feature-without-tier", "W0509", "content/programme.yaml", 26, 9),
    ("sla-percent-over-100", "E0510", "content/service.yaml", 8, 11),
    ("sla-zero-duration", "E0511", "content/service.yaml", 11, 13),
    ("sla-zero-generations", "E0512", "content/service.yaml", 17, 18),
    ("revision-after-document", "E0513", "content/extra.yaml", 19, 11),
    ("sla-unused-accept", "W0514", "content/service.yaml", 18, 14),
];

/// Fixtures near the edge of a rule that must pass cleanly.
const PASSING: &[&str] = &[
    "base",
    // 24 hours round the clock beats 1 business day: business time is compared by its worst case.
    "sla-business-worst-case-ok",
    // 2 business days on a seven-day calendar is never slower than 2 on weekdays.
    "sla-business-calendars-ok",
    // A clock-time promise is fine with round-the-clock coverage for that severity.
    "sla-clock-covered-ok",
    // 28 daily generations fit a promise to delete within a month.
    "sla-backup-within-ok",
    // Logs kept for the contract term are consistent with deletion after it.
    "sla-log-contract-term-ok",
    // The contradiction is there, but accepted with a reason.
    "sla-accepted",
];

#[test]
fn each_rule_reports_its_violation_where_it_is() {
    let mut failures = Vec::new();
    for (case, code, file, line, col) in VIOLATIONS {
        let p = project(case);
        let (diags, ..) = check(p.path(), &[]);
        let found = diags.iter().find(|d| {
            d.code == *code && d.file.as_deref() == Some(*file) && d.line == Some(*line) && d.column == Some(*col)
        });
        match found {
            None => failures.push(format!("{case}: expected {code} at {file}:{line}:{col}, got {diags:#?}")),
            Some(d) if d.hint.is_none() => failures.push(format!("{case}: {code} has no hint")),
            Some(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn passing_cases_are_clean() {
    for case in PASSING {
        let p = project(case);
        let (diags, code, _) = check(p.path(), &["--strict"]);
        assert!(diags.is_empty(), "{case}: {diags:#?}");
        assert_eq!(code, 0, "{case}");
    }
}

#[test]
fn findings_show_both_places() {
    let p = project("sla-backup-outlives");
    let (diags, ..) = check(p.path(), &[]);
    let d = expect_diag(&diags, "E0505", "content/service.yaml", 17, 18);
    let label = &d.json["labels"][0];
    assert_eq!((label["line"].as_u64(), label["column"].as_u64()), (Some(11), Some(13)), "the deletion promise");
}

#[test]
fn accepted_findings_are_listed_with_their_reason() {
    let p = project("sla-accepted");
    let out = kiyaku(&["check", "--root", p.path().to_str().unwrap(), "--verbose"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("accepted[E0505] content/service.yaml:17:18"), "{err}");
    assert!(err.contains("reason: バックアップは契約終了時に別途消去し"), "{err}");
    assert!(err.contains("(1 accepted)"), "{err}");
}

#[test]
fn accepting_needs_a_reason() {
    let p = project("sla-accept-without-reason");
    let (diags, code, _) = check(p.path(), &[]);
    expect_diag(&diags, "E0112", "content/service.yaml", 18, 5);
    expect_diag(&diags, "E0505", "content/service.yaml", 17, 18);
    assert_eq!(code, 1);
}

#[test]
fn worst_case_business_time_counts_holidays() {
    use kiyaku::model::values::Duration;
    let p = project("base");
    let engine = kiyaku::engine::Engine::new();
    let o = kiyaku::check(
        &engine,
        p.path(),
        kiyaku::build::CheckOptions::new(kiyaku::model::values::Date::parse(TODAY).unwrap()),
    )
    .unwrap();
    let office = o.project.calendar("office").unwrap();
    let one_day =
        kiyaku::validate::sla::worst_case_minutes(&Duration::parse("1 business day").unwrap(), Some(office)).unwrap();
    // Asked on 26 Dec just after closing: 29 Dec – 3 Jan closed, then a weekend.
    assert!(one_day >= 8 * 24 * 60, "{} hours", one_day / 60);
    let hours =
        kiyaku::validate::sla::worst_case_minutes(&Duration::parse("4 business hours").unwrap(), Some(office)).unwrap();
    assert!(hours < one_day);
}
