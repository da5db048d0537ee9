//! Escalation paths and levels: one path in a section of its own, and
//! levels numbered from data.

use crate::common::{Fixture, build_ok};

const PG: &str = "content/programme.yaml";
const SLA: &str = "content/sla.yaml";

fn numbered() -> Fixture {
    Fixture::new("base")
        .edit(PG, "  - id: manager\n", "  - id: manager\n    level: 1\n")
        .edit(PG, "  - severity: s1\n", "  - id: pro-critical\n    severity: s1\n")
        .edit(SLA, "    show: severity-levels\n", "    show: severity-levels\n  - id: path\n    title: 重大な問題のエスカレーション\n    show: [{escalation-path: pro-critical}, escalation-levels]\n")
}

#[test]
fn one_path_has_a_section_and_levels_carry_their_number() {
    let f = numbered();
    build_ok(f.path());
    let html = std::fs::read_to_string(f.path().join("output/sla/index.html")).unwrap();
    let section = &html[html.find("<section id=\"path\"").expect("the section")..];
    assert!(section.contains("2時間後（サポートマネージャ）"), "{section}");
    assert!(section.contains("レベル1：サポートマネージャ"), "{section}");
}

#[test]
fn mistakes_are_located() {
    let run = numbered().edit(SLA, "{escalation-path: pro-critical}", "{escalation-path: pro-critcal}").check(&[]);
    assert_eq!(run.expect("E0227", "content/sla.yaml:20:30").hint.as_deref(), Some("did you mean `pro-critical`?"));
    numbered()
        .edit(
            PG,
            "    name: サポートマネージャ\n",
            "    name: サポートマネージャ\n  - id: director\n    level: 1\n    name: 部長\n",
        )
        .check(&[])
        .expect("E0201", "content/programme.yaml:43:12");
    numbered().edit(PG, "level: 1", "level: first").check(&[]).expect("E0111", "content/programme.yaml:40:12");
}

#[test]
fn english_steps_use_english_punctuation() {
    let f = numbered()
        .edit(PG, "    name: プロ\n", "    name: {ja: プロ, en: Pro}\n")
        .edit(PG, "    name: サポートマネージャ\n", "    name: {ja: サポートマネージャ, en: Support manager}\n")
        .edit(PG, "        to: manager\n", "        to: manager\n        action: {ja: マネージャに通知します。, en: The manager is told.}\n")
        .write(
            "content/en.yaml",
            "kind: document\nid: en\ntype: sla\nprogramme: support\ntitle: Escalation\nlanguage: en\nversion: \"1.0\"\nsections:\n  - id: path\n    title: Escalation\n    show: {escalation-path: pro-critical}\nrevisions:\n  - version: \"1.0\"\n    date: 2024-01-10\n    changes:\n      - summary: First edition\n",
        );
    build_ok(f.path());
    let html = std::fs::read_to_string(f.path().join("output/en/index.html")).unwrap();
    assert!(html.contains("after 2 hours (Support manager): The manager is told."), "{html}");
    let ja = std::fs::read_to_string(f.path().join("output/sla/index.html")).unwrap();
    assert!(ja.contains("2時間後（サポートマネージャ）：マネージャに通知します。"), "{ja}");
}
