//! One mistake, one diagnostic: a broken reference, a typo or a template
//! error is reported where it is, not again by every check that depends
//! on what it broke.

use std::path::Path;

use crate::common::*;

fn codes(root: &Path) -> Vec<String> {
    let (diags, ..) = check(root, &[]);
    diags.into_iter().map(|d| d.code).collect()
}

#[test]
fn an_unknown_scale_is_not_also_missing_data() {
    let p = project("base");
    edit(p.path(), "content/programme.yaml", "scale: sev", "scale: sevv");
    assert_eq!(codes(p.path()), ["E0204"]);
}

#[test]
fn a_tier_typo_in_a_matrix_row_is_not_also_a_slower_tier() {
    let p = project("base");
    edit(
        p.path(),
        "content/programme.yaml",
        "s3: {basic: 2 business days, pro: 1 business day}",
        "s3: {basic: 2 business days, por: 1 business day}",
    );
    let c = codes(p.path());
    assert!(c.contains(&"E0205".to_string()), "unknown tier `por`: {c:?}");
    assert!(!c.contains(&"E0502".to_string()), "{c:?}");
}

#[test]
fn a_malformed_target_is_not_also_a_slower_tier() {
    let p = project("base");
    edit(p.path(), "content/programme.yaml", "pro: 1 business day}", "pro: 三十分}");
    let c = codes(p.path());
    assert!(c.contains(&"E0120".to_string()), "{c:?}");
    assert!(!c.contains(&"E0502".to_string()), "{c:?}");
}

#[test]
fn a_malformed_value_is_not_also_missing_data() {
    let p = project("base");
    edit(
        p.path(),
        "content/service.yaml",
        "logs:\n",
        "incident_response:\n  notify_within: 四時間\n  notify_via: メール\nlogs:\n",
    );
    edit(p.path(), "content/whitepaper.yaml", "    show: backups\n", "    show: [backups, incident-response]\n");
    let c = codes(p.path());
    assert!(c.contains(&"E0120".to_string()), "{c:?}");
    assert!(!c.contains(&"E0219".to_string()), "{c:?}");
}

#[test]
fn a_document_that_fails_to_render_is_not_also_an_unknown_link_target() {
    let p = project("base");
    edit(
        p.path(),
        "content/sla.yaml",
        "    show: response-targets\n",
        "    body: 背景は[](wp#backup)をご覧ください。\n    show: response-targets\n",
    );
    std::fs::create_dir_all(p.path().join("templates")).unwrap();
    std::fs::write(p.path().join("templates/security-whitepaper.md"), "{{ doc.nothing | upper }}\n").unwrap();
    let c = codes(p.path());
    assert!(c.contains(&"E0602".to_string()), "{c:?}");
    assert!(!c.contains(&"E0402".to_string()), "{c:?}");
}

/// Every diagnostic `check` reports: (code, file:line).
fn found(root: &Path) -> Vec<(String, String)> {
    let (diags, ..) = check(root, &[]);
    diags.into_iter().map(|d| (d.code, format!("{}:{}", d.file.unwrap_or_default(), d.line.unwrap_or(0)))).collect()
}

#[test]
fn a_typo_in_a_required_key_is_one_unknown_key() {
    // `genrations:` is the unknown key and the missing `generations` both:
    // one diagnostic, at the typo, naming the key meant.
    let p = project("base");
    edit(p.path(), "content/service.yaml", "generations: 7", "genrations: 7");
    let (diags, ..) = check(p.path(), &[]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = expect_diag(&diags, "E0110", "content/service.yaml", 17, 5);
    assert!(d.message.contains("`genrations`"), "{d:?}");
    assert!(d.hint.as_deref().unwrap_or("").contains("rename `genrations` to `generations`"), "{d:?}");
}

#[test]
fn an_unknown_severity_in_a_matrix_is_not_also_missing_cells() {
    let p = project("base");
    edit(
        p.path(),
        "content/programme.yaml",
        "    s2: {basic: 1 business day, pro: 4h}",
        "    sev2: {basic: 1 business day, pro: 4h}",
    );
    let all = found(p.path());
    assert_eq!(all.len(), 1, "{all:#?}");
    let (diags, ..) = check(p.path(), &[]);
    assert!(diags[0].hint.as_deref().unwrap_or("").contains("`s2`"), "{:?}", diags[0]);
}

#[test]
fn a_markdown_image_is_reported_not_dropped_silently() {
    let p = project("base");
    edit(
        p.path(),
        "content/whitepaper.yaml",
        "body: バックアップについては",
        "body: 次の図のとおりです。![責任分界点の図](figures/boundary.svg)バックアップについては",
    );
    write_figure(p.path());
    let (diags, code, _) = check(p.path(), &[]);
    assert_eq!(code, 0, "a warning: {diags:#?}");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(
        (d.code.as_str(), d.file.as_deref(), d.line),
        ("W0408", Some("content/whitepaper.yaml"), Some(12)),
        "{d:?}"
    );
    assert!(d.message.contains("figures/boundary.svg"), "{d:?}");
}

#[test]
fn a_list_item_indented_one_space_too_far_is_reported() {
    // `- 不可抗力` one space deeper than `- 計画停止`: YAML reads one item,
    // 「計画停止 - 不可抗力」. A warning at the dash says so.
    let p = project("base");
    edit(
        p.path(),
        "content/service.yaml",
        "  target: 99.9%\n",
        "  target: 99.9%\n  exclusions:\n    - 計画停止\n     - 不可抗力\n",
    );
    let (diags, code, _) = check(p.path(), &[]);
    assert_eq!(code, 0, "a warning: {diags:#?}");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    expect_diag(&diags, "W0115", "content/service.yaml", 11, 6);
    // Written as intended, nothing to say; nor for `- ` lines in a block
    // of Markdown.
    let p = project("base");
    edit(
        p.path(),
        "content/service.yaml",
        "  target: 99.9%\n",
        "  target: 99.9%\n  exclusions:\n    - 計画停止\n    - 不可抗力\n",
    );
    edit(
        p.path(),
        "content/whitepaper.yaml",
        "body: バックアップについては",
        "body: |\n      - 一つ目\n       - 二つ目\n\n      バックアップについては",
    );
    let (diags, ..) = check(p.path(), &["--strict"]);
    assert!(diags.is_empty(), "{diags:#?}");
}

/// `kiyaku check` on `root` as a user runs it: no `--message-lang`, the
/// language taken from the site (the base fixture's is Japanese).
fn check_as_user(root: &Path) -> Vec<Diag> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kiyaku"))
        .args(["check", "--format", "json", "--root", root.to_str().unwrap()])
        .env("KIYAKU_TODAY", TODAY)
        .env_remove("KIYAKU_MESSAGE_LANG")
        .env("LANG", "C")
        .output()
        .unwrap();
    parse_json_lines(&out.stdout)
}

fn japanese(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

#[test]
fn the_five_newcomer_mistakes_each_give_one_diagnostic_in_the_sites_language() {
    // (file, from, to, code, what the Japanese message or hint must say)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "content/service.yaml",
            "generations: 7",
            "genrations: 7",
            "E0110",
            "`genrations` を `generations` に直してください",
        ),
        (
            "content/programme.yaml",
            "    s2: {basic: 1 business day, pro: 4h}",
            "    sev2: {basic: 1 business day, pro: 4h}",
            "E0206",
            "`s2`",
        ),
        ("content/service.yaml", "retention: 90 days", "retention: 90 dayz", "E0120", "`days`"),
        (
            "content/service.yaml",
            "  target: 99.9%\n",
            "  target: 99.9%\n  exclusions:\n    - 計画停止\n     - 不可抗力\n",
            "W0115",
            "字下げ",
        ),
        (
            "content/whitepaper.yaml",
            "body: バックアップについては",
            "body: 次の図です。![図](figures/boundary.svg)バックアップについては",
            "W0408",
            "画像",
        ),
    ];
    for (file, from, to, code, says) in cases {
        let p = project("base");
        edit(p.path(), file, from, to);
        write_figure(p.path());
        let diags = check_as_user(p.path());
        assert_eq!(diags.len(), 1, "{code}: {diags:#?}");
        let d = &diags[0];
        assert_eq!(d.code, *code, "{d:#?}");
        let hint = d.hint.clone().unwrap_or_default();
        assert!(japanese(&d.message) && japanese(&hint), "{code} is not in Japanese: {d:#?}");
        assert!(d.message.contains(says) || hint.contains(says), "{code} does not say {says}: {d:#?}");
    }
    // E0303 names the day it took as today, in Japanese too.
    let p = project("base");
    edit(p.path(), "content/whitepaper.yaml", "2024-01-10", "2099-01-10");
    let diags = check_as_user(p.path());
    let d = diags.iter().find(|d| d.code == "E0303").unwrap_or_else(|| panic!("{diags:#?}"));
    assert!(japanese(&d.message) && d.hint.as_deref().unwrap_or("").contains(TODAY), "{d:#?}");
}

/// The figure the image tests name, so only where it stands is reported.
fn write_figure(root: &std::path::Path) {
    std::fs::create_dir_all(root.join("content/figures")).unwrap();
    std::fs::write(
        root.join("content/figures/boundary.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>"#,
    )
    .unwrap();
}
