//! The lock file: `release`, `diff`, and the checks that keep a revision
//! history honest (E0801, W0802, W0803, W0804, E0805).

use std::path::Path;

use crate::common::*;

const WP: &str = "content/whitepaper.yaml";

fn root(dir: &tempfile::TempDir) -> &str {
    dir.path().to_str().unwrap()
}

fn append(dir: &Path, file: &str, text: &str) {
    let p = dir.join(file);
    let mut s = std::fs::read_to_string(&p).unwrap();
    s.push_str(text);
    std::fs::write(&p, s).unwrap();
}

/// `kiyaku <args> --root DIR`: exit status, stdout, stderr.
fn run(dir: &tempfile::TempDir, args: &[&str]) -> (i32, String, String) {
    let mut a = args.to_vec();
    a.extend(["--root", root(dir)]);
    let out = kiyaku(&a);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The base fixture, released.
fn released() -> tempfile::TempDir {
    let dir = project("base");
    let (code, out, err) = run(&dir, &["release", "--all"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("released wp 1.1"), "{out}");
    let (diags, code, err) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}{err}");
    dir
}

/// Raise the whitepaper to 1.2 with one change naming `sections`.
fn add_revision(dir: &Path, section: &str) {
    edit(dir, WP, "version: \"1.1\"", "version: \"1.2\"");
    append(
        dir,
        WP,
        &format!(
            "  - version: \"1.2\"\n    date: 2026-11-20\n    changes:\n      - section: {section}\n        summary: 日次バックアップの保管世代を 14 世代に変更\n"
        ),
    );
}

#[test]
fn changed_figure_without_revision_fails_naming_the_section() {
    let dir = released();
    edit(dir.path(), "content/service.yaml", "generations: 7", "generations: 14");
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    let d = expect_diag(&diags, "E0801", WP, 7, 10);
    assert!(d.message.contains("`backup`"), "{}", d.message);
    assert!(!d.message.contains("`intro`"), "{}", d.message);
    let hint = d.hint.as_deref().unwrap();
    assert!(hint.contains("version: \"1.2\"") && hint.contains("section: backup"), "{hint}");
    // `build` refuses too.
    let (code, _, _) = run(&dir, &["build"]);
    assert_eq!(code, 1);
}

#[test]
fn diff_shows_the_changed_figure() {
    let dir = released();
    edit(dir.path(), "content/service.yaml", "generations: 7", "generations: 14");
    let (code, out, err) = run(&dir, &["diff", "wp"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("wp: changes since version 1.1 (2024-06-01)"), "{out}");
    assert!(out.contains("3 バックアップ (backup)"), "{out}");
    assert!(out.contains("backups / daily / generations: 7 → 14"), "{out}");
    assert!(!out.contains("intro"), "only the changed section is listed:\n{out}");
}

#[test]
fn diff_shows_rows_added_and_prose_as_a_word_diff() {
    let dir = released();
    append(dir.path(), "content/service.yaml", "  - id: audit\n    name: 監査ログ\n    retention: 1 year\n");
    edit(dir.path(), WP, "バックアップについては", "データの保管とバックアップについては");
    edit(
        dir.path(),
        "content/service.yaml",
        "    generations: 7\n",
        "    generations: 7\n  - id: weekly\n    data: お客様のデータ\n    schedule: weekly on sunday\n    generations: 4\n",
    );
    let (_, out, _) = run(&dir, &["diff", "wp"]);
    assert!(out.contains("  + backups / weekly / generations: 4"), "{out}");
    // A short text shows before and after whole; longer prose, the changed words.
    assert!(
        out.contains("body: バックアップについては[](#backup)をご覧ください。 → データの保管とバックアップ"),
        "{out}"
    );
    // The logs are not shown by the whitepaper, so they are not its content.
    assert!(!out.contains("監査ログ"), "{out}");
}

#[test]
fn revision_and_release_make_it_pass() {
    let dir = released();
    edit(dir.path(), "content/service.yaml", "generations: 7", "generations: 14");
    add_revision(dir.path(), "backup");
    let (diags, code, err) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}{err}");
    let (code, out, err) = run(&dir, &["release", "wp"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("released wp 1.2") && out.contains("changed: backup"), "{out}");
    let lock = std::fs::read_to_string(dir.path().join("content/kiyaku.lock")).unwrap();
    assert!(lock.contains("version: \"1.2\"") && lock.contains("backups / daily / generations: 14"), "{lock}");
    let (diags, code, _) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}");
    // Nothing new to release now.
    let (code, out, _) = run(&dir, &["release", "--all"]);
    assert_eq!(code, 0);
    assert!(out.contains("nothing to release"), "{out}");
    let (_, out, _) = run(&dir, &["diff", "wp"]);
    assert!(out.contains("no changes"), "{out}");
}

#[test]
fn revision_naming_the_wrong_section_reports_the_mismatch() {
    let dir = released();
    edit(dir.path(), "content/service.yaml", "generations: 7", "generations: 14");
    add_revision(dir.path(), "hours");
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    let e = expect_diag(&diags, "E0801", WP, 7, 10);
    assert!(e.message.contains("no new revision entry names: `backup`"), "{}", e.message);
    let w = expect_diag(&diags, "W0802", WP, 32, 18);
    assert!(w.message.contains("`hours`"), "{}", w.message);

    let before = std::fs::read(dir.path().join("content/kiyaku.lock")).unwrap();
    let (code, _, err) = run(&dir, &["release", "wp"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("changed but not named: `backup`"), "{err}");
    assert!(err.contains("named but unchanged:   `hours`"), "{err}");
    assert_eq!(
        before,
        std::fs::read(dir.path().join("content/kiyaku.lock")).unwrap(),
        "a refused release writes nothing"
    );
}

#[test]
fn revision_naming_an_unchanged_section_is_a_warning() {
    let dir = released();
    edit(dir.path(), "content/service.yaml", "generations: 7", "generations: 14");
    edit(dir.path(), WP, "version: \"1.1\"", "version: \"1.2\"");
    append(
        dir.path(),
        WP,
        "  - version: \"1.2\"\n    date: 2026-11-20\n    changes:\n      - sections: [backup, intro]\n        summary: 保管世代を変更\n",
    );
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{diags:#?}");
    let w = expect_diag(&diags, "W0802", WP, 32, 28);
    assert!(w.message.contains("`intro`"), "{}", w.message);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let (_, code, _) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 1);
}

#[test]
fn release_refuses_without_a_new_revision_entry() {
    let dir = released();
    edit(dir.path(), "content/service.yaml", "generations: 7", "generations: 14");
    let (code, _, err) = run(&dir, &["release", "wp"]);
    assert_eq!(code, 1);
    assert!(err.contains("no revision entry newer than the released version 1.1"), "{err}");
}

#[test]
fn release_refuses_content_with_errors() {
    let dir = project("unknown-calendar");
    let (code, _, err) = run(&dir, &["release", "--all"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0201") || err.contains("nothing released"), "{err}");
    assert!(!dir.path().join("content/kiyaku.lock").exists());
}

#[test]
fn presentation_changes_do_not_trip_the_check() {
    let dir = released();
    // A restyled block template and stylesheet: presentation only.
    copy_dir(&fixtures().join("template-override"), dir.path());
    std::fs::write(dir.path().join("templates/style.css"), "body { color: #123; }\n").unwrap();
    // Reformatted YAML (same data, other layout) is not a change either.
    edit(dir.path(), "content/service.yaml", "generations: 7", "generations:   7   # seven days");
    let (diags, code, err) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}{err}");
}

#[test]
fn a_title_change_is_a_change() {
    let dir = released();
    edit(dir.path(), WP, "title: サービス提供時間", "title: サービスの提供時間");
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(expect_diag(&diags, "E0801", WP, 7, 10).message.contains("`hours`"));
}

#[test]
fn unreleased_document_warns_only_under_strict_once_a_lock_exists() {
    // No lock file: nothing to say, even under --strict.
    let dir = project("base");
    let (diags, code, _) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}");

    let dir = released();
    let text = std::fs::read_to_string(dir.path().join(WP)).unwrap().replace("id: wp", "id: wp-en-draft");
    std::fs::write(dir.path().join("content/draft.yaml"), text).unwrap();
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{diags:#?}");
    assert!(diags.is_empty(), "{diags:#?}");
    let (diags, code, _) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 1);
    expect_diag(&diags, "W0803", "content/draft.yaml", 2, 5);
}

#[test]
fn stale_lock_entry_warns_and_forget_removes_it() {
    let dir = released();
    std::fs::remove_file(dir.path().join(WP)).unwrap();
    let (diags, _, _) = check(dir.path(), &[]);
    let w = diags.iter().find(|d| d.code == "W0804").unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(w.file.as_deref(), Some("content/kiyaku.lock"));
    assert!(w.hint.as_deref().unwrap().contains("kiyaku release --forget wp"));
    let (code, out, err) = run(&dir, &["release", "--forget", "wp"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("forgot wp"), "{out}");
    let (diags, ..) = check(dir.path(), &[]);
    assert!(!diags.iter().any(|d| d.code == "W0804"), "{diags:#?}");
}

#[test]
fn removed_section_keeps_its_last_released_title() {
    let dir = released();
    edit(dir.path(), WP, "  - id: hours\n    title: サービス提供時間\n    show: availability\n", "");
    edit(dir.path(), WP, "version: \"1.1\"", "version: \"1.2\"");
    append(
        dir.path(),
        WP,
        "  - version: \"1.2\"\n    date: 2026-11-20\n    changes:\n      - section: hours\n        change: removed\n        summary: サービス仕様書に移動\n",
    );
    let (code, out, err) = run(&dir, &["release", "wp"]);
    assert_eq!(code, 0, "{out}{err}");
    let lock = std::fs::read_to_string(dir.path().join("content/kiyaku.lock")).unwrap();
    assert!(lock.contains("removed:\n      \"hours\": \"サービス提供時間\""), "{lock}");
    let (code, _, err) = run(&dir, &["build"]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(dir.path().join("output/wp/index.html")).unwrap();
    assert!(html.contains("サービス提供時間（削除）"), "revision history names the removed section");
}

#[test]
fn unreadable_lock_file_is_a_located_error() {
    let dir = released();
    std::fs::write(dir.path().join("content/kiyaku.lock"), "documents:\n  wp:\n    version: [1\n").unwrap();
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d.code == "E0805").unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(d.file.as_deref(), Some("content/kiyaku.lock"));
    assert!(d.line.is_some());

    std::fs::write(dir.path().join("content/kiyaku.lock"), "documents:\n  wp:\n    version: \"1.1\"\n").unwrap();
    let (diags, ..) = check(dir.path(), &[]);
    expect_diag(&diags, "E0805", "content/kiyaku.lock", 3, 5);
}

#[test]
fn lock_file_is_stable() {
    let dir = released();
    let first = std::fs::read_to_string(dir.path().join("content/kiyaku.lock")).unwrap();
    std::fs::remove_file(dir.path().join("content/kiyaku.lock")).unwrap();
    let (code, ..) = run(&dir, &["release", "--all"]);
    assert_eq!(code, 0);
    let second = std::fs::read_to_string(dir.path().join("content/kiyaku.lock")).unwrap();
    assert_eq!(first, second);
    // Documents in id order, sections in document order.
    let sla = first.find("\n  sla:").unwrap();
    let wp = first.find("\n  wp:").unwrap();
    assert!(sla < wp);
    let (i, h, b) = (
        first.find("id: \"intro\"").unwrap(),
        first.find("id: \"hours\"").unwrap(),
        first.find("id: \"backup\"").unwrap(),
    );
    assert!(i < h && h < b);
}

#[test]
fn broken_references_are_not_also_reported_as_changes() {
    let dir = released();
    edit(dir.path(), "content/service.yaml", "provider: acme", "provider: acm");
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(diags.iter().any(|d| d.code == "E0211"), "{diags:#?}");
    assert!(!diags.iter().any(|d| d.code == "E0801"), "{diags:#?}");
}

#[test]
fn older_entries_may_name_a_section_removed_later() {
    let dir = released();
    edit(
        dir.path(),
        WP,
        "    body: バックアップについては[](#backup)をご覧ください。\n",
        "    body: 本書はサービスの安全対策を説明します。\n",
    );
    edit(dir.path(), WP, "  - id: backup\n    title: バックアップ\n    show: backups\n", "");
    edit(dir.path(), WP, "version: \"1.1\"", "version: \"1.2\"");
    append(
        dir.path(),
        WP,
        "  - version: \"1.2\"\n    date: 2026-11-20\n    changes:\n      - section: backup\n        change: removed\n        summary: 別紙に移動\n      - section: intro\n        summary: 概要を更新\n",
    );
    let (diags, code, _) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "revision 1.1 still names `backup`, which is fine: {diags:#?}");
    let (code, _, err) = run(&dir, &["release", "wp"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&dir, &["build"]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(dir.path().join("output/wp/index.html")).unwrap();
    assert!(html.contains("バックアップ（削除）"), "the removal shows the released title");
    assert!(html.contains("バックアップ：保管世代を変更"), "the older entry shows it too");
}

#[test]
fn release_refusals_are_coded_and_located() {
    let dir = released();
    edit(dir.path(), "content/service.yaml", "generations: 7", "generations: 14");
    let json = |args: &[&str]| {
        let (code, out, _) = run(&dir, &[args, &["--format", "json"]].concat());
        (code, parse_json_lines(out.as_bytes()))
    };
    // No new revision entry: at the version that was not raised.
    let (code, diags) = json(&["release", "wp"]);
    assert_eq!(code, 1);
    expect_diag(&diags, "E0806", WP, 7, 10);

    // Entries that name the wrong section: at the new revision.
    add_revision(dir.path(), "hours");
    let (code, diags) = json(&["release", "wp"]);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d.code == "E0807").unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(d.file.as_deref(), Some(WP));
    assert!(d.hint.as_deref().unwrap().contains("changed but not named: `backup`"), "{d:?}");

    // A document that does not exist is a usage error, with a suggestion.
    let (code, diags) = json(&["release", "wpp"]);
    assert_eq!(code, 2);
    let d = diags.iter().find(|d| d.code == "E0808").unwrap_or_else(|| panic!("{diags:#?}"));
    assert!(d.hint.as_deref().unwrap_or("").contains("`wp`"), "{d:?}");
}

#[test]
fn a_lock_written_in_format_1_still_compares_equal() {
    // Released with format 1 (no `format:` line, events as Rust names).
    let dir = project("base");
    // Show an event, the value format 1 wrote as a Rust name.
    edit(dir.path(), WP, "show: backups", "show: [backups, data-deletion]");
    let (code, _, err) = run(&dir, &["release", "--all"]);
    assert_eq!(code, 0, "{err}");
    let lock = dir.path().join("content/kiyaku.lock");
    let v3 = std::fs::read_to_string(&lock).unwrap();
    assert!(v3.contains("\nformat: 3\n"), "{v3}");
    let v1 = as_format_1(&as_format_2(&v3).replace("format: 2\n", ""));
    assert!(v1.contains("after: ContractEnd"), "the fixture shows an event");
    std::fs::write(&lock, &v1).unwrap();
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{diags:#?}");
    // A release rewrites it in format 3, the release before it kept.
    edit(dir.path(), "content/service.yaml", "generations: 7", "generations: 14");
    add_revision(dir.path(), "backup");
    let (code, _, err) = run(&dir, &["release", "wp"]);
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read_to_string(&lock).unwrap();
    assert!(written.contains("\nformat: 3\n"), "{written}");
    // `sla` released once, `wp` twice.
    assert_eq!(written.matches("      - version: ").count(), 3, "{written}");
}

/// A format 3 lock of single releases as format 2 wrote it: the release's
/// fields on the document, no section numbers.
fn as_format_2(v3: &str) -> String {
    let mut out = Vec::new();
    for line in v3.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if line == "format: 3" {
            out.push("format: 2".to_string());
        } else if trimmed == "releases:" || trimmed.starts_with("number: ") || trimmed.starts_with("effective: ") {
            continue;
        } else if let Some(v) = line.strip_prefix("      - version: ") {
            out.push(format!("    version: {v}"));
        } else if indent >= 8 {
            out.push(format!("{}{trimmed}", " ".repeat(indent - 4)));
        } else {
            out.push(line.to_string());
        }
    }
    out.join("\n") + "\n"
}

/// A format 2 lock as format 1 wrote it (for the base fixture's values):
/// no `words:`, events as Rust names, the availability target without `%`,
/// each section's fingerprint over those facts.
fn as_format_1(v2: &str) -> String {
    use sha2::{Digest, Sha256};
    let words = [("contract-end", "ContractEnd"), ("request", "Request"), ("ticket-closed", "TicketClosed")];
    let mut out: Vec<String> = Vec::new();
    let mut section: Option<(usize, Vec<String>)> = None;
    let finish = |out: &mut Vec<String>, section: Option<(usize, Vec<String>)>| {
        if let Some((at, facts)) = section {
            let mut h = Sha256::new();
            for f in &facts {
                h.update(f.as_bytes());
                h.update(b"\n");
            }
            let print: String = h.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect();
            out[at] = format!("        fingerprint: {print}");
        }
    };
    for line in v2.lines() {
        if line.trim_start().starts_with("fingerprint: ") {
            finish(&mut out, section.take());
            section = Some((out.len(), Vec::new()));
            out.push(line.to_string());
            continue;
        }
        let mut line = line.to_string();
        if line.trim_start().starts_with("words: ") {
            continue;
        }
        if let Some(quoted) = line.trim_start().strip_prefix("- \"").map(|q| format!("\"{q}")) {
            let mut fact: String = serde_json::from_str(&quoted).unwrap();
            for (word, name) in words {
                if let Some(path) = fact.strip_suffix(&format!(" / after: {word}")) {
                    fact = format!("{path} / after: {name}");
                }
            }
            // Format 1 wrote an availability target without its `%`.
            if let Some(target) = fact.strip_prefix("availability / target: ") {
                fact = format!("availability / target: {}", target.trim_end_matches('%'));
            }
            line = format!("          - {}", serde_json::to_string(&fact).unwrap());
            if let Some((_, facts)) = &mut section {
                facts.push(fact);
            }
        } else if !line.starts_with("          ") && line.trim() != "facts:" {
            finish(&mut out, section.take());
        }
        out.push(line);
    }
    finish(&mut out, section.take());
    out.join("\n") + "\n"
}

/// The custom-facts fixture, released.
fn released_custom() -> tempfile::TempDir {
    let dir = project("custom-facts");
    let (code, out, err) = run(&dir, &["release", "--all"]);
    assert_eq!(code, 0, "{out}{err}");
    let (diags, code, err) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}{err}");
    dir
}

#[test]
fn a_changed_custom_fact_needs_a_revision_where_it_is_shown() {
    let dir = released_custom();
    // The provider's fact: the prose that shows it did not change.
    edit(dir.path(), "content/provider.yaml", "count: 8", "count: 10");
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    let d = expect_diag(&diags, "E0801", "content/sla.yaml", 7, 10);
    assert!(d.message.contains("`features`"), "{}", d.message);
    assert!(!d.message.contains("`targets`"), "{}", d.message);
    let (code, out, err) = run(&dir, &["diff", "sla"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 サービス内容 (features)"), "{out}");
    assert!(out.contains("fact provider:contacts: 8 名 → 10 名"), "{out}");
}

#[test]
fn a_changed_table_row_needs_a_revision_and_diff_shows_the_cell() {
    let dir = released_custom();
    edit(dir.path(), "content/sla.yaml", "credit: 10%", "credit: 15%");
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    let d = expect_diag(&diags, "E0801", "content/sla.yaml", 7, 10);
    assert!(d.message.contains("`credits`"), "{}", d.message);
    let (_, out, _) = run(&dir, &["diff", "sla"]);
    assert!(out.contains("table credits / minor / credit: 10% → 15%"), "{out}");
    // A new row is a new fact of the table.
    edit(
        dir.path(),
        "content/sla.yaml",
        "      - id: major\n",
        "      - id: severe\n        band: \"< 95%\"\n        credit: 50%\n      - id: major\n",
    );
    let (_, out, _) = run(&dir, &["diff", "sla"]);
    assert!(out.contains("  + table credits / severe / credit: 50%"), "{out}");
    // A cell shown by reference is a fact of the section that refers to it.
    edit(dir.path(), "content/sla.yaml", "credit: 25%", "credit: 30%");
    let (_, out, _) = run(&dir, &["diff", "sla"]);
    assert!(out.contains("fact credits/major/credit: 25% → 30%"), "{out}");
}

#[test]
fn diff_says_typed_values_in_the_documents_language() {
    let dir = released();
    edit(dir.path(), "content/service.yaml", "schedule: daily", "schedule: weekly on sunday");
    let (_, out, _) = run(&dir, &["diff", "wp"]);
    assert!(out.contains("backups / daily / schedule: 毎日 → 毎週日曜日"), "{out}");
}

#[test]
fn a_calendar_shown_as_a_fact_is_locked_by_its_name_and_hours() {
    let dir = released_custom();
    // The fact names the calendar `office`; its hours change, not the fact.
    edit(dir.path(), "content/calendars.yaml", "09:00-17:30", "09:00-18:00");
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    let d = expect_diag(&diags, "E0801", "content/sla.yaml", 7, 10);
    assert!(d.message.contains("`features`"), "{}", d.message);
    let (_, out, _) = run(&dir, &["diff", "sla"]);
    assert!(out.contains("fact hours / hours: "), "{out}");
}

#[test]
fn a_new_classification_is_a_change_that_needs_a_revision() {
    // Marking a released document 社外秘 changes what its readers may do
    // with it: like a changed figure, it needs a revision entry.
    let dir = released();
    edit(dir.path(), WP, "version: \"1.1\"\n", "version: \"1.1\"\nclassification: confidential\n");
    let (diags, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    assert!(diags.iter().any(|d| d.code == "E0801"), "{diags:#?}");
}
