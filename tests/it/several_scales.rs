//! A support programme with several severity scales (`scales:`), each with
//! its own targets: blocks that pick a scale, SLA rules per scale, and
//! what `check` says about mistakes.

use crate::common::{Fixture, build_ok, check, kiyaku, project};

const PG: &str = "content/programme.yaml";
const SLA: &str = "content/sla.yaml";

fn two() -> Fixture {
    Fixture::new("two-scales")
}

#[test]
fn each_scale_is_shown_where_a_section_names_it() {
    let f = two();
    build_ok(f.path());
    let html = std::fs::read_to_string(f.path().join("output/sla/index.html")).unwrap();
    let section = |id: &str| {
        let start = html.find(&format!("<section id=\"{id}\"")).unwrap_or_else(|| panic!("no section {id}"));
        html[start + 8..].split("<section").next().unwrap().to_string()
    };
    let product = section("targets");
    assert!(product.contains("重大") && !product.contains("緊急レベル"), "{product}");
    let malware = section("malware-targets");
    assert!(malware.contains("緊急レベル") && malware.contains("4時間後") && !malware.contains("重大"), "{malware}");
    let updates = section("malware-updates");
    assert!(updates.contains("対応状況の報告頻度") && !updates.contains("レスポンスタイム"), "{updates}");
    let urgency = section("urgency");
    assert!(urgency.contains("感染が広がっている状態です。"), "{urgency}");
}

#[test]
fn sla_rules_run_within_each_scale() {
    // The milder malware level answered faster than the severe one.
    let run = two()
        .edit(PG, "m2: {basic: 2 business days, pro: 1 business day}", "m2: {basic: 2 business days, pro: 1h}")
        .check(&[]);
    run.expect("E0503", "content/programme.yaml:42:42");
    // Every level × tier of each scale needs a cell.
    two()
        .edit(PG, "        m2: {basic: as needed, pro: as needed}\n", "        m2: {basic: as needed}\n")
        .check(&[])
        .expect("E0220", "content/programme.yaml:46:9");
    // A row of one scale cannot name a level of the other.
    two()
        .edit(PG, "        m1: {basic: as needed, pro: daily}", "        s1: {basic: as needed, pro: daily}")
        .check(&[])
        .expect("E0206", "content/programme.yaml:45:9");
}

#[test]
fn mistakes_in_naming_scales_are_located() {
    let run = two().edit(SLA, "{severity-levels: malware}", "{severity-levels: malwar}").check(&[]);
    assert_eq!(run.expect("E0204", "content/sla.yaml:26:29").hint.as_deref(), Some("did you mean `malware`?"));
    two()
        .edit(SLA, "{response-targets: malware}", "{response-targets: malwar}")
        .check(&[])
        .expect("E0113", "content/sla.yaml:14:30");
    two().edit(SLA, "malware/update}", "malware/updates}").check(&[]).expect("E0113", "content/sla.yaml:17:30");
    two().edit(SLA, "malware/update}", "malware/up/date}").check(&[]).expect("E0125", "content/sla.yaml:17:30");
    two()
        .edit(PG, "  - scale: malware", "  - scale: malwar")
        .check(&[])
        .expect("E0204", "content/programme.yaml:39:12");
    two().edit(PG, "scales:\n", "scale: sev\nscales:\n").check(&[]).expect("E0113", "content/programme.yaml:28:1");
    // Escalation and coverage name a level without its scale: ids are unique across them.
    Fixture::new("two-scales")
        .edit("content/malware.yaml", "id: m2", "id: s2")
        .edit(PG, "m2:", "s2:")
        .edit(PG, "m2:", "s2:")
        .check(&[])
        .expect("E0201", "content/malware.yaml:10:9");
}

#[test]
fn one_scale_as_a_list_points_to_scales() {
    let run = Fixture::new("several-scales").check(&[]);
    let d = run.expect("E0111", "content/programme.yaml:5:8");
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("`scales:`")), "{:?}", d.hint);
}

#[test]
fn a_second_scales_targets_are_locked_under_its_id() {
    let dir = project("two-scales");
    let root = dir.path().to_str().unwrap();
    let out = kiyaku(&["release", "--all", "--root", root]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lock = std::fs::read_to_string(dir.path().join("content/kiyaku.lock")).unwrap();
    assert!(lock.contains("\"malware / response / m1 / pro: 2 hours\""), "{lock}");
    // The first scale's paths are those of a one-scale programme.
    assert!(lock.contains("\"response / s1 / pro: 1 hour\""), "{lock}");
    crate::common::edit(dir.path(), PG, "m1: {basic: 1 business day, pro: 2h}", "m1: {basic: 1 business day, pro: 3h}");
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    let d = crate::common::expect_diag(&diags, "E0801", SLA, 7, 10);
    assert!(d.message.contains("`malware-targets`") && !d.message.contains("`targets`"), "{}", d.message);
    let out = kiyaku(&["diff", "sla", "--root", root]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("malware / response / m1 / pro: 2時間 → 3時間"), "{text}");
}

#[test]
fn support_hours_name_each_level_with_its_scale() {
    let f = two().edit(
        PG,
        "      - calendar: office\n        channels: [phone, email]",
        "      - calendar: office\n        channels: [phone, email]\n      - calendar: always\n        channels: [phone]\n        severities: [s1, m1]",
    );
    build_ok(f.path());
    let f = f.edit(SLA, "    show: severity-levels\n", "    show: [severity-levels, support-hours]\n");
    build_ok(f.path());
    let html = std::fs::read_to_string(f.path().join("output/sla/index.html")).unwrap();
    assert!(html.contains("深刻度「重大」、緊急レベル「緊急」"), "levels of two scales told apart");
    assert!(html.contains("対象の深刻度"), "a heading for both scales, not one scale's term");
}

#[test]
fn a_scale_named_twice_or_none_is_said_plainly() {
    let run = two().edit(PG, "  - scale: malware", "  - scale: sev").check(&[]);
    run.expect("E0201", "content/programme.yaml:39:12");
    // One finding for the repeated scale, not one per level of it.
    assert_eq!(run.codes().iter().filter(|c| **c == "E0201").count(), 1, "{:?}", run.codes());
    let f = Fixture::new("base").edit(PG, "scale: sev\n", "scales: []\n");
    f.check(&[]).expect("E0112", "content/programme.yaml:5:1");
}
