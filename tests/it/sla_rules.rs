//! The SLA consistency rules: each has a violating fixture and passing ones
//! near the edge of the rule (`tests/fixtures/sla-*`, with what they report
//! in their `expected.txt`, checked by `check_catalogue`); here, what a
//! finding says beyond its place, and `accept:`.

use crate::common::*;

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

#[test]
fn a_short_clock_cadence_on_office_hours_is_still_a_promise_it_cannot_keep() {
    // Every three days cannot be kept over a weekend with a holiday: still E0504.
    let run = crate::common::Fixture::new("base")
        .edit(
            "content/programme.yaml",
            "    s2: {basic: as needed, pro: daily}",
            "    s2: {basic: every 3 days, pro: daily}",
        )
        .check(&[]);
    let d = run.expect("E0504", "content/programme.yaml:36:17");
    assert!(d.hint.as_deref().unwrap_or("").contains("3 business days"), "{d:?}");
}
