//! Custom facts and tables: every kind of value, references from prose,
//! the `table` block, and what `check` says about each mistake.

use crate::common::{Fixture, build_ok};

const SLA: &str = "content/sla.yaml";

fn custom() -> Fixture {
    Fixture::new("custom-facts")
}

#[test]
fn every_kind_of_value_is_shown_in_the_documents_language() {
    let f = custom();
    build_ok(f.path());
    let html = std::fs::read_to_string(f.path().join("output/sla/index.html")).unwrap();
    for shown in [
        "Acme Cloudのインシデント数は無制限です",
        "1か月後にクローズ",
        "状況報告は1日1回まで",
        "ヘルスチェックは毎年実施",
        "1,200,000円（税抜）",
        "2024年4月1日から",
        "受付時間は平日 9:00〜17:30",
        "担当者は8名まで",
        "99.9%を下回った",
        "99.0%未満の場合は25%",
        "50,000円",
    ] {
        assert!(html.contains(shown), "the page lacks {shown:?}");
    }
    assert!(!html.contains("(="), "a reference was left in the page");
}

const ENGLISH: &str = r#"kind: document
id: sla-en
type: sla
programme: support
title: Acme support service levels
language: en
version: "1.0"
facts:
  - {id: one, label: One contact, count: 1, unit: contacts, unit_one: contact}
  - {id: fee, label: Fee, money: 1200000 JPY, tax: included}
  - {id: report, label: Reports, schedule: 1日1回まで}
  - {id: review, label: Review, schedule: every 3 months}
sections:
  - id: terms
    title: Terms
    body: >-
      Up to [](=provider:contacts), at least [](=one). The fee is [](=fee).
      Reports [](=report), reviews [](=review); closed after [](=sla/waiting-close/x).
revisions:
  - version: "1.0"
    date: 2024-01-10
    changes:
      - summary: First edition
"#;

#[test]
fn an_english_document_shows_the_english_words() {
    let f = custom().write("content/sla-en.yaml", &ENGLISH.replace(" closed after [](=sla/waiting-close/x).", ""));
    build_ok(f.path());
    let html = std::fs::read_to_string(f.path().join("output/sla-en/index.html")).unwrap();
    for shown in [
        "Up to 8 contacts, at least 1 contact.",
        "The fee is JPY 1,200,000 (incl. tax).",
        "Reports at most once a day, reviews every 3 months",
    ] {
        assert!(html.contains(shown), "the page lacks {shown:?}");
    }
    // Another document's facts are not this one's.
    let run = custom().write("content/sla-en.yaml", ENGLISH).check(&[]);
    run.expect("E0224", "content/sla-en.yaml:18:65");
}

#[test]
fn an_unknown_fact_is_an_error_with_a_suggestion() {
    let run = custom().edit(SLA, "[](=incidents)", "[](=incident)").check(&[]);
    let d = run.expect("E0223", "content/sla.yaml:63:31");
    assert_eq!(d.hint.as_deref(), Some("did you mean `incidents`?"));
}

#[test]
fn an_unknown_table_row_or_column_is_an_error() {
    custom()
        .edit(SLA, "[](=credits/major/band)", "[](=credit/major/band)")
        .check(&[])
        .expect("E0224", "content/sla.yaml:72:62");
    let run = custom().edit(SLA, "[](=credits/major/credit)", "[](=credits/mayor/credit)").check(&[]);
    assert_eq!(run.expect("E0224", "content/sla.yaml:72:89").hint.as_deref(), Some("did you mean `major`?"));
    let run = custom().edit(SLA, "[](=credits/major/credit)", "[](=credits/major)").check(&[]);
    run.expect("E0224", "content/sla.yaml:72:89");
    custom()
        .edit(SLA, "show: {table: credits}", "show: {table: credit}")
        .check(&[])
        .expect("E0224", "content/sla.yaml:73:19");
}

#[test]
fn a_qualified_reference_looks_only_where_it_says() {
    let run = custom().edit(SLA, "[](=provider:contacts)", "[](=service:contacts)").check(&[]);
    run.expect("E0223", "content/sla.yaml:68:74");
    let run = custom().edit(SLA, "[](=provider:contacts)", "[](=programme:contacts)").check(&[]);
    assert_eq!(run.expect("E0223", "content/sla.yaml:68:74").message, "reference to unknown fact `contacts`");
    let run = custom().edit(SLA, "[](=provider:contacts)", "[](=vendor:contacts)").check(&[]);
    run.expect("E0223", "content/sla.yaml:68:74");
}

#[test]
fn a_reference_with_text_of_its_own_is_an_error() {
    custom().edit(SLA, "[](=incidents)", "[無制限](=incidents)").check(&[]).expect("E0226", "content/sla.yaml:63:34");
}

#[test]
fn a_fact_no_document_shows_is_a_warning() {
    let run = custom().edit(SLA, "インシデント数は[](=incidents)です", "インシデント数に上限はありません").check(&[]);
    run.expect("W0225", "content/sla.yaml:12:9");
    // A table is shown by its block or by a reference to one of its cells.
    let hidden = custom().edit(SLA, "show: {table: credits}", "show: severity-levels");
    assert!(!hidden.check(&[]).codes().contains(&"W0225"));
    let run = hidden.edit(SLA, "（稼働率が[](=credits/major/band)の場合は[](=credits/major/credit)）", "").check(&[]);
    run.expect("W0225", "content/sla.yaml:38:9");
}

#[test]
fn values_are_checked_by_type() {
    let run = custom().edit(SLA, "count: unlimited", "count: many").check(&[]);
    run.expect("E0132", "content/sla.yaml:14:12");
    // The fact is reported once, not again at every reference to it.
    assert_eq!(run.codes(), ["E0132"]);
    custom().edit(SLA, "money: 1,200,000 JPY", "money: 1,200,000").check(&[]).expect("E0133", "content/sla.yaml:23:12");
    custom().edit(SLA, "    tax: excluded\n", "").check(&[]).expect("E0112", "content/sla.yaml:21:5");
    custom().edit(SLA, "tax: excluded", "tax: net").check(&[]).expect("E0113", "content/sla.yaml:24:10");
    custom()
        .edit(SLA, "schedule: at most once a day", "schedule: now and then")
        .check(&[])
        .expect("E0124", "content/sla.yaml:20:15");
    custom().edit(SLA, "duration: 1 month", "duration: a month").check(&[]).expect("E0120", "content/sla.yaml:11:15");
    custom().edit(SLA, "date: 2024-04-01", "date: 2024-13-01").check(&[]).expect("E0121", "content/sla.yaml:27:11");
    custom().edit(SLA, "calendar: office", "calendar: ofice").check(&[]).expect("E0212", "content/sla.yaml:30:15");
    // A cell is read as its column's type.
    custom().edit(SLA, "credit: 10%", "credit: ten percent").check(&[]).expect("E0123", "content/sla.yaml:54:17");
    custom().edit(SLA, "credit: 25%", "credits: 25%").check(&[]).expect("E0110", "content/sla.yaml:58:9");
    custom().edit(SLA, "type: percent", "type: percentage").check(&[]).expect("E0113", "content/sla.yaml:43:15");
    // Only a count has a unit; a fact has one value.
    custom()
        .edit(SLA, "duration: 1 month", "duration: 1 month\n    unit: 件")
        .check(&[])
        .expect("E0113", "content/sla.yaml:12:5");
    custom()
        .edit(SLA, "duration: 1 month", "duration: 1 month\n    count: 3")
        .check(&[])
        .expect("E0113", "content/sla.yaml:12:5");
    custom().edit(SLA, "    duration: 1 month\n", "").check(&[]).expect("E0112", "content/sla.yaml:9:5");
}

#[test]
fn ids_are_unique_in_their_scope() {
    custom().edit(SLA, "id: incidents", "id: waiting-close").check(&[]).expect("E0201", "content/sla.yaml:12:9");
    custom().edit(SLA, "id: major", "id: minor").check(&[]).expect("E0201", "content/sla.yaml:56:13");
}

#[test]
fn a_unit_without_the_documents_language_is_reported() {
    // The English document shows a count whose unit is Japanese only.
    let f = custom().write(
        "content/sla-en.yaml",
        &ENGLISH
            .replace(" closed after [](=sla/waiting-close/x).", "")
            .replace("unit: contacts, unit_one: contact", "unit: {ja: 名}"),
    );
    let run = f.check(&[]);
    run.expect("E0407", "content/sla-en.yaml:9:51");
}

#[test]
fn prose_mends_from_a_trial() {
    // A price said with another tax than the fact's is not compared.
    let run = custom()
        .edit(SLA, "年間料金は[](=fee)で", "年間料金は[](=fee)、税込では1,320,000円（税込）で")
        .check(&["--strict"]);
    assert!(run.codes().is_empty(), "{:?}", run.codes());
    // A space inside a reference's parentheses is read as Markdown reads it.
    let run = custom().edit(SLA, "[](=incidents)", "[]( =incidents )").check(&["--strict"]);
    assert!(run.codes().is_empty(), "{:?}", run.codes());
    // An empty reference says so, where it is.
    let run = custom().edit(SLA, "[](=incidents)", "[](=)").check(&[]);
    assert_eq!(run.expect("E0223", "content/sla.yaml:63:31").message, "`=` is not a fact reference");
    // A qualified reference that looked in the wrong place says where the fact is.
    let run = custom().edit(SLA, "[](=provider:contacts)", "[](=document:contacts)").check(&[]);
    let hint = run.expect("E0223", "content/sla.yaml:68:74").hint.clone().unwrap();
    assert!(hint.contains("[](=provider:contacts)"), "{hint}");
    // The tax is not part of the amount.
    let run = custom().edit(SLA, "money: 1,200,000 JPY", "money: 1,200,000円（税抜）").check(&[]);
    assert!(run.expect("E0133", "content/sla.yaml:23:12").hint.as_deref().unwrap().contains("tax:"));
}

#[test]
fn a_reference_counts_only_where_its_text_is_printed() {
    // A programme note refers to a fact only the SLA defines; the
    // whitepaper holds the programme too, but prints no programme notes.
    let f = custom()
        .edit(
            "content/programme.yaml",
            "escalation_levels:",
            "notes:\n  - インシデント数は[](=incidents)です。\nescalation_levels:",
        )
        .edit(SLA, "    show: severity-levels\n", "    show: [severity-levels, support-hours]\n");
    let run = f.check(&["--strict"]);
    assert!(run.codes().is_empty(), "{:?}", run.codes());
    let out = crate::common::kiyaku(&["build", "--root", f.path().to_str().unwrap()]);
    assert!(out.status.success());
    let html = std::fs::read_to_string(f.path().join("output/sla/index.html")).unwrap();
    assert!(html.contains("インシデント数は無制限です。"), "the SLA resolves the note with its own fact");
}

#[test]
fn a_revision_summary_may_state_the_old_and_new_figure() {
    let run = custom()
        .edit(
            SLA,
            "      - summary: 初版発行",
            "      - summary: お客様回答待ちのインシデントのクローズを2か月から1か月に変更",
        )
        .check(&["--strict"]);
    assert!(run.codes().is_empty(), "{:?}", run.codes());
}
