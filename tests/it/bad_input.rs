//! Bad input ends with a clear diagnostic or error and exit status 1 or 2:
//! never a panic, a hang or a stack overflow.

use crate::common::*;
use std::path::Path;

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

#[test]
fn empty_file() {
    let p = project("base");
    write(p.path(), "content/empty.yaml", b"");
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    expect_diag(&diags, "E0105", "content/empty.yaml", 1, 1);
    assert_eq!(code, 1);
}

#[test]
fn not_utf8() {
    let p = project("base");
    // "name: テスト" in Shift_JIS
    write(p.path(), "content/sjis.yaml", b"kind: service\nname: \x83\x65\x83\x58\x83\x67\n");
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    let d = expect_diag(&diags, "E0102", "content/sjis.yaml", 2, 7);
    assert!(d.hint.as_deref().unwrap().contains("Shift_JIS"));
    assert_eq!(code, 1);
}

#[test]
fn byte_order_mark_is_accepted() {
    let p = project("base");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("kind: calendar\nid: bom\nname: BOM 付き\nhours: always\n".as_bytes());
    write(p.path(), "content/bom.yaml", &bytes);
    let (diags, code, _) = check(p.path(), &[]);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(code, 0);
}

#[test]
fn crlf_line_endings_keep_positions() {
    let p = project("base");
    write(p.path(), "content/crlf.yaml", b"kind: calendar\r\nid: crlf\r\nname: CRLF\r\nhours: 09:00-25:00\r\n");
    let (diags, code, _) = check(p.path(), &[]);
    expect_diag(&diags, "E0126", "content/crlf.yaml", 4, 8);
    assert_eq!(code, 1);
}

#[test]
fn tabs_for_indentation() {
    let p = project("base");
    write(
        p.path(),
        "content/tabs.yaml",
        b"kind: service\nid: tabs\nname: x\nprovider: acme\navailability:\n\thours: always\n",
    );
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    let d = diags.iter().find(|d| d.code == "E0101").unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!((d.line, d.column), (Some(6), Some(1)), "points at the tab");
    assert!(d.hint.as_deref().unwrap().contains("spaces"), "{d:?}");
    assert_eq!(code, 1);
}

#[test]
fn alias_bomb() {
    let p = project("base");
    let mut y = String::from(
        "kind: glossary\nid: lol\nname: lol\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        y.push_str(&format!("{}: &{} [{}]\n", w[1], w[1], vec![format!("*{}", w[0]); 9].join(",")));
    }
    write(p.path(), "content/bomb.yaml", y.as_bytes());
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    assert!(diags.iter().any(|d| d.code == "E0104" && d.file.as_deref() == Some("content/bomb.yaml")), "{diags:#?}");
    assert_eq!(code, 1);
}

#[test]
fn nesting_ten_thousand_deep() {
    let p = project("base");
    write(
        p.path(),
        "content/deep-flow.yaml",
        format!("kind: service\nx: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)).as_bytes(),
    );
    // Block sequences nested on one line: `- - - … x`.
    write(p.path(), "content/deep-block.yaml", format!("{}x\n", "- ".repeat(10_000)).as_bytes());
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    for f in ["content/deep-flow.yaml", "content/deep-block.yaml"] {
        assert!(diags.iter().any(|d| d.code == "E0104" && d.file.as_deref() == Some(f)), "{f}: {diags:#?}");
    }
    assert_eq!(code, 1);
}

#[test]
fn fifty_megabyte_file() {
    let p = project("base");
    let line = "  - \"0123456789012345678901234567890123456789012345678901234567890123456789\"\n";
    let mut big = String::from("kind: glossary\nid: big\nname: big\nterms:\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(line);
    }
    write(p.path(), "content/big.yaml", big.as_bytes());
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    let d = expect_diag(&diags, "E0103", "content/big.yaml", 1, 1);
    assert!(d.message.contains("50.0 MB"), "{}", d.message);
    assert_eq!(code, 1);
}

#[test]
fn non_yaml_files_are_ignored() {
    let p = project("base");
    write(p.path(), "content/notes.txt", b"not yaml: [");
    write(p.path(), "content/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0");
    write(p.path(), "content/.hidden.yaml", b"kind: nonsense");
    write(p.path(), "content/backup.yaml~", b"kind: nonsense");
    let (diags, code, _) = check(p.path(), &[]);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(code, 0);
}

#[test]
fn missing_content_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = kiyaku(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no content/ directory") && err.contains("kiyaku init"), "{err}");
}

#[test]
fn unreadable_file() {
    let p = project("base");
    // A dangling link cannot be read, even by root.
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.path().join("nowhere.yaml"), p.path().join("content/dangling.yaml")).unwrap();
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    expect_diag(&diags, "E0100", "content/dangling.yaml", 1, 1);
    assert_eq!(code, 2, "an unreadable file is an I/O error");
}

#[test]
fn usage_errors_exit_2() {
    let out = kiyaku(&["check", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = kiyaku(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn init_scaffolds_a_passing_project_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new");
    let out = kiyaku(&["init", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (diags, code, _) = check(&root, &["--strict"]);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(code, 0);
    let before = std::fs::read(root.join("kiyaku.yaml")).unwrap();
    let out = kiyaku(&["init", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not overwrite"));
    assert_eq!(std::fs::read(root.join("kiyaku.yaml")).unwrap(), before);
}

#[test]
fn syntax_error_is_reported_without_its_consequences() {
    // The service file breaks: the documents referring to `cloud` must not
    // also be reported as referring to an unknown service.
    let p = project("base");
    let path = p.path().join("content/service.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("  broken: [\n");
    std::fs::write(&path, text).unwrap();
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    assert_eq!(code, 1);
    assert!(diags.iter().all(|d| d.code == "E0101"), "{diags:#?}");
    assert_eq!(diags[0].file.as_deref(), Some("content/service.yaml"));
}

#[test]
fn an_item_that_cannot_be_decoded_is_reported_without_its_consequences() {
    // The programme loses a required field: the documents and services that
    // name it must not also be reported as naming an unknown programme.
    let p = project("base");
    let path = p.path().join("content/programme.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replacen("name: アクメ サポート\n", "", 1);
    std::fs::write(&path, text).unwrap();
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    assert_eq!(code, 1);
    expect_diag(&diags, "E0112", "content/programme.yaml", 1, 1);
    assert!(!diags.iter().any(|d| d.code == "E0203"), "{diags:#?}");
}

#[test]
fn full_width_spaces_for_indentation() {
    let p = project("base");
    write(
        p.path(),
        "content/scale2.yaml",
        "kind: severity-scale\nid: s2\nname: x\nlevels:\n  - id: a\n    rank: 1\n\u{3000}\u{3000}label: 緊急\n    definition: x\n".as_bytes(),
    );
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    assert_eq!(code, 1);
    let d = expect_diag(&diags, "E0101", "content/scale2.yaml", 7, 1);
    assert!(d.message.contains("U+3000"), "{d:?}");
}

#[test]
fn absurd_durations_are_refused_and_long_ones_stay_quick() {
    let p = project("base");
    let f = p.path().join("content/programme.yaml");
    let text = std::fs::read_to_string(&f).unwrap();
    let huge = text.replace("s3: {basic: 2 business days,", "s3: {basic: 999999 business days,");
    assert_ne!(huge, text);
    std::fs::write(&f, &huge).unwrap();
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    let d = expect_diag(&diags, "E0120", "content/programme.yaml", 33, 17);
    assert!(d.message.contains("too long"), "{}", d.message);
    assert!(!diags.iter().any(|d| d.code == "E0220"), "an unreadable cell is not also a missing one: {diags:#?}");
    assert_eq!(code, 1);

    let overflow = text.replace("s3: {basic: 2 business days,", "s3: {basic: 99999999999999999999 hours,");
    std::fs::write(&f, &overflow).unwrap();
    let (diags, _, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    assert!(expect_diag(&diags, "E0120", "content/programme.yaml", 33, 17).message.contains("too long"));

    // Near the limit, the business-time comparison still runs (and finds the tier slower).
    let long = text.replace("s3: {basic: 2 business days,", "s3: {basic: 2 business days, pro: 20000 business days} #");
    std::fs::write(&f, &long).unwrap();
    let (diags, _, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    assert!(diags.iter().any(|d| d.code == "E0502"), "{diags:#?}");
}

#[test]
fn an_empty_required_list_is_missing() {
    let p = project("base");
    let scale = std::fs::read_to_string(p.path().join("content/scale.yaml")).unwrap();
    let levels_at = scale.find("levels:").unwrap();
    std::fs::write(p.path().join("content/scale.yaml"), format!("{}levels: []\n", &scale[..levels_at])).unwrap();
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    let line = scale[..levels_at].lines().count() as u64 + 1;
    let d = expect_diag(&diags, "E0112", "content/scale.yaml", line, 9);
    assert!(d.message.contains("empty list"), "{}", d.message);
    assert_eq!(code, 1);
}

#[test]
fn an_empty_list_that_narrows_is_refused() {
    let p = project("base");
    edit(p.path(), "content/programme.yaml", "        channels: [phone, email]\n", "        channels: []\n");
    edit(p.path(), "content/calendars.yaml", "days: mon-fri", "days: []");
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    assert!(expect_diag(&diags, "E0113", "content/programme.yaml", 16, 19).hint.as_deref().unwrap().contains("leave"));
    assert!(expect_diag(&diags, "E0113", "content/calendars.yaml", 4, 7).message.contains("no days"));
    assert_eq!(code, 1);
}

#[test]
fn a_day_range_may_run_over_the_weekend() {
    let p = project("base");
    edit(p.path(), "content/calendars.yaml", "days: mon-fri", "days: sun–thu");
    let (diags, code, _) = check(p.path(), &[]);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(code, 0);
}

#[test]
fn two_yaml_documents_in_one_file() {
    let p = project("base");
    write(p.path(), "content/two.yaml", b"kind: calendar\nid: a\nname: A\nhours: always\n---\nkind: calendar\nid: b\n");
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    let d = diags.iter().find(|d| d.code == "E0101").unwrap_or_else(|| panic!("{diags:#?}"));
    assert!(d.message.contains("more than one YAML document"), "{}", d.message);
    assert!(!d.message.contains("from_str"), "no library jargon: {}", d.message);
    assert_eq!(code, 1);
}

#[test]
fn a_day_first_date_says_the_year_comes_first() {
    let p = project("base");
    edit(p.path(), "content/sla.yaml", "date: 2024-01-10", "date: 10/01/2024");
    let (diags, code, _) = check(p.path(), &[]);
    let d = expect_diag(&diags, "E0121", "content/sla.yaml", 20, 11);
    assert!(d.message.contains("year comes first"), "{}", d.message);
    assert_eq!(code, 1);
}

#[test]
fn a_contact_email_must_be_a_bare_address() {
    let p = project("base");
    edit(p.path(), "content/provider.yaml", "email: desk@acme.example", "email: Acme Desk <desk@acme.example>");
    let (diags, code, _) = check(p.path(), &[]);
    expect_diag(&diags, "E0113", "content/provider.yaml", 8, 12);
    assert_eq!(code, 1);
}

#[test]
fn characters_kiyaku_reserves_are_refused_where_they_are() {
    // A body forging an origin tag would move every later diagnostic.
    let p = project("reserved-character");
    let (diags, code, stderr) = check(p.path(), &[]);
    no_panic(&stderr);
    let d = expect_diag(&diags, "E0131", "content/extra.yaml", 12, 7);
    assert!(d.message.contains("U+F0000"), "{}", d.message);
    assert_eq!(code, 1);

    // In a template too.
    let p = project("base");
    write(p.path(), "templates/blocks/backups.md", "バックアップ\n\u{F0002}\n".as_bytes());
    let (diags, code, _) = check(p.path(), &[]);
    expect_diag(&diags, "E0131", "templates/blocks/backups.md", 2, 1);
    assert_eq!(code, 1);

    // Other private-use characters (gaiji) are text like any other.
    let p = project("base");
    crate::common::edit(p.path(), "content/service.yaml", "name:", "name: \u{E000}");
    let (diags, _, _) = check(p.path(), &[]);
    assert!(!diags.iter().any(|d| d.code == "E0131"), "{diags:?}");
}

#[test]
fn reserved_characters_are_refused_however_they_are_spelt() {
    // A YAML escape decodes to one: reported at the value, and kept out of the text.
    let run = crate::common::Fixture::new("base")
        .edit("content/service.yaml", "name: アクメクラウド", "name: \"アクメ\\U000F0001クラウド\"")
        .check(&[]);
    run.expect("E0131", "content/service.yaml:3:7");
    assert_eq!(run.code, 1);
    // A character reference the Markdown reader would decode to one.
    let run = crate::common::Fixture::new("reserved-character")
        .write(
            "content/extra.yaml",
            &std::fs::read_to_string(fixtures().join("script-in-yaml/content/extra.yaml"))
                .unwrap()
                .replace("<script>alert('x')</script>", "&#xF0001;0&#983042;"),
        )
        .check(&[]);
    run.expect("E0131", "content/extra.yaml:11:7");
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn text_the_same_in_every_language_is_said_with_all() {
    // The English document shows the tiers' names; `ベーシック` alone is missing in English.
    let run = crate::common::Fixture::new("missing-translation").check(&[]);
    run.expect("E0407", "content/programme.yaml:13:11");
    // `{all: …}` says the name is the same in every language.
    let run = crate::common::Fixture::new("missing-translation")
        .edit("content/programme.yaml", "name: ベーシック", "name: {all: Basic}")
        .check(&[]);
    assert!(!run.diags.iter().any(|d| d.code == "E0407" && d.line == Some(13)), "{:#?}", run.diags);
    // A language given beside it wins for that language.
    let run = crate::common::Fixture::new("base")
        .edit("content/programme.yaml", "name: ベーシック", "name: {all: Basic, ja: ベーシック}")
        .check(&["--strict"]);
    assert_eq!(run.code, 0, "{:#?}", run.diags);
}

#[test]
fn several_scales_in_one_programme_is_one_clear_error() {
    let run = crate::common::Fixture::new("several-scales").check(&[]);
    let d = run.expect("E0111", "content/programme.yaml:5:8");
    assert!(d.message.contains("one severity scale"), "{d:?}");
    assert_eq!(run.codes(), ["E0111"], "no knock-on E0204: {:#?}", run.diags);
}
