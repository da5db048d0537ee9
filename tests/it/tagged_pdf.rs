//! Tagged PDF, read by tools that are not krilla: the structure tree in
//! reading order (poppler's `pdfinfo -struct-text` against the order
//! `pdftotext -raw` reads the pages in), and the PDF/UA-1 and PDF/A-2
//! requirements a reader can see (`tests/pdf_check.py`, on pikepdf), for
//! every example PDF; and the `pdf: standards:` setting.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHECKER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pdf_check.py");

fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

fn build(root: &Path) -> Vec<PathBuf> {
    build_ok(root);
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(root.join("output"))
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let id = e.file_name().to_string_lossy().into_owned();
            let pdf = e.path().join(format!("{id}.pdf"));
            pdf.exists().then_some(pdf)
        })
        .collect();
    pdfs.sort();
    pdfs
}

fn check_pdfs(python: &str, flags: &[&str], pdfs: &[PathBuf]) -> (bool, String) {
    let mut args = vec![CHECKER];
    args.extend_from_slice(flags);
    let files: Vec<String> = pdfs.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    args.extend(files.iter().map(String::as_str));
    run(python, &args)
}

#[test]
fn every_example_pdf_is_tagged_and_claims_pdf_ua_1_and_pdf_a_2a() {
    let Some(python) = python_with("pikepdf") else { return };
    let site = example_site();
    let pdfs = build(site.path());
    // Six documents and the three comparisons they publish.
    assert_eq!(pdfs.len(), 9, "{pdfs:?}");
    let (ok, report) = check_pdfs(&python, &["--ua", "--archival", "2", "A"], &pdfs);
    assert!(ok, "{report}");
    // And the stress project: footnotes at page feet linked both ways,
    // code, URLs and identifiers, wide tables.
    let stress = project("typesetting-stress");
    let (ok, report) = check_pdfs(&python, &["--ua", "--archival", "2", "A"], &build(stress.path()));
    assert!(ok, "{report}");
}

#[test]
fn the_checker_finds_what_is_broken() {
    // The checks can fail: each way of breaking a tagged PDF is reported.
    let Some(python) = python_with("pikepdf") else { return };
    let site = example_site();
    let pdfs = build(site.path());
    let whitepaper = pdfs.iter().find(|p| p.ends_with("planora-security-whitepaper.pdf")).unwrap();
    let broken = tempfile::tempdir().unwrap();
    let breaker = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pdf_break.py");
    let (ok, report) = run(&python, &[breaker, &whitepaper.to_string_lossy(), &broken.path().to_string_lossy()]);
    assert!(ok, "{report}");
    for (way, finding) in [
        ("no-objr", "a Link element without its annotation (OBJR)"),
        ("no-struct-parent", "a link annotation without /StructParent"),
        ("untagged-text", "text shown outside tagged content or an artifact"),
        ("no-scope", "a TH without /Scope"),
        ("short-row", "a Table with rows of [1, 2] cells"),
    ] {
        let pdf = broken.path().join(format!("{way}.pdf"));
        let (ok, report) = check_pdfs(&python, &["--ua", "--archival", "2", "A"], &[pdf]);
        assert!(!ok && report.contains(finding), "{way}: {report}");
    }
}

#[test]
fn standards_can_be_left_unclaimed() {
    let Some(python) = python_with("pikepdf") else { return };
    let f = Fixture::new("base").edit("kiyaku.yaml", "language: ja", "language: ja\npdf:\n  standards: []\n");
    let pdfs = build(f.path());
    let (ok, report) = check_pdfs(&python, &["--ua", "--archival", "2", "A"], &pdfs);
    assert!(!ok, "{report}");
    assert!(report.contains("does not claim PDF/UA-1") && report.contains("does not claim PDF/A-2A"), "{report}");
    // Still tagged: only the claims are gone.
    let (ok, report) = check_pdfs(&python, &[], &pdfs);
    assert!(ok, "{report}");
}

#[test]
fn pdf_a_2b_can_be_claimed_instead() {
    let Some(python) = python_with("pikepdf") else { return };
    let f = Fixture::new("base");
    build(f.path());
    // The standards are part of a cached PDF's key: changing them makes
    // the PDFs again.
    edit(f.path(), "kiyaku.yaml", "language: ja", "language: ja\npdf:\n  standards: [ua-1, a-2b]\n");
    let pdfs = build(f.path());
    let (ok, report) = check_pdfs(&python, &["--ua", "--archival", "2", "B"], &pdfs);
    assert!(ok, "{report}");
}

#[test]
fn an_unknown_standard_is_an_error_at_its_entry() {
    let f = Fixture::new("base").edit("kiyaku.yaml", "language: ja", "language: ja\npdf:\n  standards: [ua-1, a-4]\n");
    let run = f.check(&[]);
    let d = run.expect("E0113", "kiyaku.yaml:4:21");
    assert!(d.hint.as_deref().unwrap_or("").contains("a-2a"), "{d:?}");
    let f = Fixture::new("base").edit(
        "kiyaku.yaml",
        "language: ja",
        "language: ja\npdf:\n  standards:\n    - a-2a\n    - a-3b\n",
    );
    f.check(&[]).expect("E0113", "kiyaku.yaml:6:7");
}

/// The quoted texts of `pdfinfo -struct-text`, in tree order, and the
/// element names.
fn structure(pdf: &str) -> (Vec<String>, Vec<String>) {
    let (ok, text) = run("pdfinfo", &["-struct-text", pdf]);
    assert!(ok, "{text}");
    let mut strings = Vec::new();
    let mut names = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(s) = t.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            strings.push(s.to_string());
        } else if let Some(name) = t.split([' ', ':']).next()
            && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        {
            names.push(name.to_string());
        }
    }
    (strings, names)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_structure_tree_reads_in_document_order() {
    if !(have_tool("pdfinfo") && have_tool("pdftotext")) {
        return;
    }
    let site = example_site();
    let mut all_names = std::collections::BTreeSet::new();
    for pdf in build(site.path()) {
        let pdf = pdf.to_string_lossy().into_owned();
        let (strings, names) = structure(&pdf);
        for want in ["Sect", "H1", "P", "Table", "THead", "TH", "TD", "TOC", "TOCI", "Link"] {
            assert!(names.iter().any(|n| n == want), "{pdf}: no {want} in {names:?}");
        }
        all_names.extend(names);
        // Every text of the tree, in tree order, is read in that order on
        // the pages (what is not in the tree — running headers, repeated
        // table headers, dot leaders — is skipped over).
        let (ok, raw) = run("pdftotext", &["-raw", &pdf, "-"]);
        assert!(ok, "{raw}");
        let raw = squash(&raw);
        let mut at = 0;
        let mut found = 0;
        // Texts of three characters or more: "1" or "•" would be found anywhere.
        for s in strings.iter().map(|s| squash(s)).filter(|s| s.chars().count() >= 3) {
            match raw[at..].find(&s) {
                Some(i) => {
                    at += i + s.len();
                    found += 1;
                }
                None => {
                    let before: String =
                        raw[..at].chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
                    panic!("{pdf}: {s:?} is not where the tree puts it (after …{before})")
                }
            }
        }
        // A comparison of one changed section is short.
        let least = if pdf.contains("-changes-") { 20 } else { 50 };
        assert!(found > least, "{pdf}: only {found} texts in the tree");
    }
    for want in ["H2", "H3", "L", "LI", "Lbl", "LBody", "Caption", "Div"] {
        assert!(all_names.contains(want), "no example PDF has {want}: {all_names:?}");
    }
}

#[test]
fn headers_footers_and_repeated_table_headers_are_artifacts() {
    if !have_tool("pdfinfo") {
        return;
    }
    let site = example_site();
    let pdfs = build(site.path());
    let whitepaper = pdfs.iter().find(|p| p.ends_with("planora-security-whitepaper.pdf")).unwrap();
    let (strings, _) = structure(&whitepaper.to_string_lossy());
    let text = strings.join("\n");
    // The running footer's page numbers ("3 / 12") and the document title
    // in the running header are not content; the title is, once, on the cover.
    assert!(
        !strings.iter().any(|s| s.contains(" / ") && s.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '/')),
        "{text}"
    );
    let title_lines = strings.iter().filter(|s| s.contains("セキュリティホワイトペーパー")).count();
    assert!(title_lines <= 2, "the title is read {title_lines} times:\n{text}");
}

/// A copy of the bundled regular face whose licence (OS/2 fsType) says
/// "restricted: no embedding".
fn restricted_font(to: &Path) {
    let mut font = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/NotoSansJP-Regular.ttf")).unwrap();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    let os2 = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| &font[r..r + 4] == b"OS/2")
        .map(|r| u32::from_be_bytes(font[r + 8..r + 12].try_into().unwrap()) as usize)
        .expect("an OS/2 table");
    font[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::write(to, font).unwrap();
}

#[test]
fn a_font_that_may_not_be_embedded_is_an_error_under_any_standard() {
    let f = Fixture::new("base").edit(
        "kiyaku.yaml",
        "language: ja",
        "language: ja\npdf:\n  fonts:\n    regular: fonts/restricted.ttf\n",
    );
    restricted_font(&f.path().join("fonts/restricted.ttf"));
    let run = f.check(&[]);
    let d = run.expect("E0702", "kiyaku.yaml:5:14");
    assert!(d.message.contains("PDF/UA-1 and PDF/A-2a"), "{d:?}");
    // PDF/UA-1 alone forbids it too (the PDF writer refuses it): `check` says so.
    edit(f.path(), "kiyaku.yaml", "pdf:\n", "pdf:\n  standards: [ua-1]\n");
    let d = f.check(&[]).expect("E0702", "kiyaku.yaml:6:14").clone();
    assert!(d.message.contains("PDF/UA-1 does not allow"), "{d:?}");
    // Claiming no standard, the same font is used, and `build` agrees with `check`.
    edit(f.path(), "kiyaku.yaml", "standards: [ua-1]", "standards: []");
    let run = f.check(&[]);
    assert!(!run.codes().contains(&"E0702"), "{:?}", run.diags);
    assert_eq!(build(f.path()).len(), 2);
}
