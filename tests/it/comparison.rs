//! 新旧対照表: comparisons of released versions, made from the lock.
//!
//! The base fixture's whitepaper is released three times: 1.1 as it is;
//! 1.2 with its prose changed, a figure in a table changed (7 → 14
//! generations), a section added before two others (one renumbered only,
//! one changed and renumbered); 1.3 with a section removed. Then `diff`
//! shows each pair and all three as text, HTML and PDF, and a build with
//! `comparisons: true` publishes each consecutive pair, linked from the
//! revision history. The example site's English comparison is read too.

use crate::common::*;
use std::path::Path;
use std::process::Command;

const WP: &str = "content/whitepaper.yaml";

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut a = args.to_vec();
    let root = dir.to_str().unwrap();
    a.extend(["--root", root]);
    let out = kiyaku(&a);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(dir, args);
    assert_eq!(code, 0, "kiyaku {args:?}: {out}{err}");
    out
}

fn append(dir: &Path, file: &str, text: &str) {
    let p = dir.join(file);
    let mut s = std::fs::read_to_string(&p).unwrap();
    s.push_str(text);
    std::fs::write(p, s).unwrap();
}

/// The whitepaper released as 1.1, 1.2 and 1.3.
fn three_releases() -> tempfile::TempDir {
    let dir = project("base");
    let d = dir.path();
    ok(d, &["release", "--all"]);
    // 1.2: prose, a figure, a section added ahead of two others.
    edit(
        d,
        WP,
        "body: バックアップについては",
        "body: 本書はアクメクラウドの安全対策を説明します。バックアップについては",
    );
    edit(d, "content/service.yaml", "generations: 7", "generations: 14");
    edit(
        d,
        WP,
        "  - id: hours\n",
        "  - id: location\n    title: データの保管場所\n    body: データは東京リージョンに保管します。\n  - id: hours\n",
    );
    edit(d, WP, "version: \"1.1\"", "version: \"1.2\"");
    append(
        d,
        WP,
        "  - version: \"1.2\"\n    date: 2024-09-01\n    effective: 2024-10-01\n    changes:\n      - section: intro\n        summary: 本書の目的を追記\n      - section: location\n        change: added\n        summary: データの保管場所を新設\n      - section: backup\n        summary: 保管世代を14世代に延長\n",
    );
    ok(d, &["release", "wp"]);
    // 1.3: a section removed.
    edit(d, WP, "  - id: hours\n    title: サービス提供時間\n    show: availability\n", "");
    edit(d, WP, "version: \"1.2\"", "version: \"1.3\"");
    append(
        d,
        WP,
        "  - version: \"1.3\"\n    date: 2024-12-01\n    changes:\n      - section: hours\n        change: removed\n        summary: サービス提供時間の章を削除\n",
    );
    ok(d, &["release", "wp"]);
    dir
}

#[test]
fn diff_compares_any_two_releases_section_by_section() {
    let dir = three_releases();
    let d = dir.path();
    let lock = std::fs::read_to_string(d.join("content/kiyaku.lock")).unwrap();
    assert!(lock.contains("\nformat: 3\n") && lock.contains("        effective: 2024-10-01\n"), "{lock}");

    let text = ok(d, &["diff", "wp", "--from", "1.1", "--to", "1.2"]);
    assert!(text.starts_with("wp: 1.1 (2024-06-01) → 1.2 (2024-09-01, effective 2024-10-01)\n"), "{text}");
    // A figure in a table compares as that value, in the document's words.
    assert!(text.contains("backups / daily / generations: [-7-] → {+14+}"), "{text}");
    // Prose: the inserted words, by word boundaries.
    assert!(text.contains("{+本書はアクメクラウドの安全対策を説明します。+}"), "{text}");
    // An added section whole; a renumbered one with its old number.
    assert!(text.contains("2 データの保管場所 (location) — added"), "{text}");
    assert!(text.contains("3 サービス提供時間 (hours) (formerly 2) — renumbered only"), "{text}");
    assert!(text.contains("4 バックアップ (backup) (formerly 3)"), "{text}");

    let text = ok(d, &["diff", "wp", "--from", "1.2", "--to", "1.3"]);
    // A removed section under its old number, marked so.
    assert!(text.contains("formerly 3 サービス提供時間 (hours) — removed"), "{text}");
    assert!(!text.contains("generations"), "{text}");
    // --to alone compares with the release before it.
    assert_eq!(ok(d, &["diff", "wp", "--to", "1.3"]), text);

    // Across three versions: everything from 1.1 to 1.3 at once.
    let text = ok(d, &["diff", "wp", "--from", "1.1", "--to", "1.3"]);
    assert!(text.contains("[-7-] → {+14+}") && text.contains("— added") && text.contains("— removed"), "{text}");

    // Unknown versions and a PDF without a file are usage errors.
    let (code, _, err) = run(d, &["diff", "wp", "--from", "0.9", "--to", "1.2"]);
    assert_ne!(code, 0);
    assert!(err.contains("no release 0.9") && err.contains("1.1, 1.2, 1.3"), "{err}");
    let (code, _, err) = run(d, &["diff", "wp", "--to", "1.2", "--format", "pdf"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(d, &["diff", "wp", "--from", "1.3", "--to", "1.1"]);
    assert!(code != 0 && err.contains("not older"), "{err}");

    // Against the working copy: a draft, said so.
    edit(d, "content/service.yaml", "generations: 14", "generations: 21");
    let text = ok(d, &["diff", "wp", "--from", "1.3", "--format", "text"]);
    assert!(text.starts_with("wp: 1.3 (2024-12-01) → the working copy (not released)"), "{text}");
    edit(d, "content/service.yaml", "generations: 21", "generations: 14");

    // An entry about the document as a whole needs no changed fact: a
    // release that only reorders sections is allowed.
    edit(d, WP, "  - id: location\n    title: データの保管場所\n    body: データは東京リージョンに保管します。\n", "");
    edit(
        d,
        WP,
        "    show: backups\n",
        "    show: backups\n  - id: location\n    title: データの保管場所\n    body: データは東京リージョンに保管します。\n",
    );
    edit(d, WP, "version: \"1.3\"", "version: \"1.4\"");
    append(d, WP, "  - version: \"1.4\"\n    date: 2024-12-02\n    changes:\n      - summary: 章の順序を変更\n");
    ok(d, &["release", "wp"]);
    let text = ok(d, &["diff", "wp", "--to", "1.4"]);
    assert!(text.contains("3 データの保管場所 (location) (formerly 2) — renumbered only"), "{text}");
}

#[test]
fn the_comparison_is_a_document_in_html_and_pdf() {
    let dir = three_releases();
    let d = dir.path();
    let html = d.join("c.html");
    ok(d, &["diff", "wp", "--from", "1.1", "--to", "1.3", "--format", "html", "-o", html.to_str().unwrap()]);
    let page = std::fs::read_to_string(&html).unwrap();
    for want in ["改定前", "改定後", "<del>7</del>", "<ins>14</ins>", "<colgroup>", "<style>"] {
        assert!(page.contains(want), "{want} in {page}");
    }
    // Each revision entry's summary stands above its section's table.
    for summary in ["保管世代を14世代に延長", "データの保管場所を新設", "サービス提供時間の章を削除"]
    {
        assert!(page.contains(summary), "{summary}");
    }
    let pdf = d.join("c.pdf");
    ok(d, &["diff", "wp", "--from", "1.1", "--to", "1.3", "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    if !have_tool("pdftotext") {
        return;
    }
    let out = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "新旧対照表",
        "版 1.1（2024 年 6 月 1 日）→ 版 1.3（2024 年 12 月 1 日）",
        "改定前",
        "改定後",
        "14",
        "（新設）",
        "（削除）",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
}

#[test]
fn a_build_publishes_each_pair_of_releases_and_links_them() {
    let dir = three_releases();
    let d = dir.path();
    edit(d, WP, "contact: desk\n", "contact: desk\ncomparisons: true\n");
    let (diags, code, _) = check(d, &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}");
    build_ok(d);
    let out = d.join("output");
    for pair in ["wp-changes-1_1-to-1_2", "wp-changes-1_2-to-1_3"] {
        assert!(out.join(pair).join("index.html").is_file(), "{pair} page");
        assert!(out.join(pair).join(format!("{pair}.pdf")).is_file(), "{pair} PDF");
    }
    // Only releases: never the working copy, never a draft.
    assert_eq!(
        std::fs::read_dir(&out)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("wp-changes"))
            .count(),
        2
    );
    // The revision history links each version's comparison, on the page and
    // in the PDF.
    let page = std::fs::read_to_string(out.join("wp/index.html")).unwrap();
    assert!(page.contains("href=\"../wp-changes-1_1-to-1_2/index.html\">新旧対照表"), "{page}");
    assert!(page.contains("href=\"../wp-changes-1_2-to-1_3/index.html\">新旧対照表"), "{page}");
    // The comparison's PDF is tagged and conforms like every other.
    if let Some(python) = python_with("pikepdf") {
        let checker = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pdf_check.py");
        let pdf = out.join("wp-changes-1_1-to-1_2/wp-changes-1_1-to-1_2.pdf");
        let r = Command::new(python).args([checker, "--ua", "--archival", "2", "A"]).arg(&pdf).output().unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stdout));
    }
}

#[test]
fn check_warns_when_a_comparison_and_its_revision_disagree() {
    let dir = three_releases();
    let d = dir.path();
    edit(d, WP, "contact: desk\n", "contact: desk\ncomparisons: true\n");
    // The 1.3 entry names a section that did not change between 1.2 and 1.3.
    edit(
        d,
        WP,
        "      - section: hours\n        change: removed\n",
        "      - sections: [hours, intro]\n        change: removed\n",
    );
    let (diags, _, _) = check(d, &[]);
    let w = diags.iter().find(|x| x.code == "W0810").unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(w.file.as_deref(), Some(WP));
    assert!(w.hint.as_deref().unwrap_or("").contains("named but unchanged:   `intro`"), "{w:?}");

    // A release that changed nothing (the lock edited by hand): its
    // comparison would be empty.
    let dir = project("base");
    let d = dir.path();
    ok(d, &["release", "--all"]);
    let lock = d.join("content/kiyaku.lock");
    let text = std::fs::read_to_string(&lock).unwrap();
    let wp = text.find("  wp:\n    releases:\n").unwrap() + "  wp:\n    releases:\n".len();
    let release: String = text[wp..].split("\n    removed:").next().unwrap().to_string();
    let again = release.replacen("- version: \"1.1\"", "- version: \"1.2\"", 1);
    std::fs::write(&lock, format!("{}{}{again}", &text[..wp], &text[wp..wp + release.len()])).unwrap();
    edit(d, WP, "version: \"1.1\"", "version: \"1.2\"");
    edit(d, WP, "contact: desk\n", "contact: desk\ncomparisons: true\n");
    append(d, WP, "  - version: \"1.2\"\n    date: 2024-09-01\n    changes:\n      - summary: 誤記を修正\n");
    let (diags, _, _) = check(d, &[]);
    let w = diags.iter().find(|x| x.code == "W0809").unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(w.file.as_deref(), Some(WP));
}

#[test]
fn the_example_site_publishes_an_english_comparison() {
    let site = example_site();
    build_ok(site.path());
    let id = "hoshikage-support-tiers-en-changes-1_3-to-1_4";
    let page = std::fs::read_to_string(site.path().join(format!("output/{id}/index.html"))).unwrap();
    for want in ["Before", "After", "What changed", "<ins>", "Response and escalation targets"] {
        assert!(page.contains(want), "{want}");
    }
    let ja =
        std::fs::read_to_string(site.path().join("output/planora-security-whitepaper-changes-1_5-to-1_6/index.html"))
            .unwrap();
    assert!(ja.contains("<del>7</del>") && ja.contains("<ins>14</ins>"), "the figure changed");
    // A revision entry's `note:` fills a 備考 column beside all the section's rows.
    assert!(ja.contains(">備考</th>") && ja.contains("既存のご契約にも施行日から適用します。"), "備考");
    if have_tool("pdftotext") {
        let pdf = site.path().join(format!("output/{id}/{id}.pdf"));
        let out = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Comparison of versions") && text.contains("Version 1.3 (1 December 2026)"), "{text}");
    }
}
