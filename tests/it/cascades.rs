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
