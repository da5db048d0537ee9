//! Group cells merged over the rows they head (`^^` in a Markdown cell, as
//! the support-hours and response-target views write it): one cell with
//! `rowspan` in the HTML and `/RowSpan` in the PDF's structure, its label
//! repeated at the top of a page a group continues on, and nothing merged
//! that only repeats a value.

use crate::common::*;
use std::process::Command;

const CHECKER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pdf_check.py");

fn page_text(pdf: &std::path::Path, page: usize) -> String {
    let p = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-f", &p, "-l", &p, "-layout", &pdf.to_string_lossy(), "-"])
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_group_cell_spans_its_rows_in_html_and_pdf() {
    let p = project("row-spans");
    build_ok(p.path());
    let html = std::fs::read_to_string(p.path().join("output/spans/index.html")).unwrap();
    for span in [6, 40, 5] {
        assert!(html.contains(&format!("rowspan=\"{span}\"")), "rowspan {span}");
    }
    assert_eq!(html.matches("rowspan=").count(), 3, "only the groups are merged");
    // `^^` with no cell above is text, and equal values are not merged.
    assert!(html.contains(">^^</td>"), "a first-row ^^ is kept as text");
    assert_eq!(html.matches(">○</td>").count(), 2);

    let pdf = p.path().join("output/spans/spans.pdf");
    if let Some(python) = python_with("pikepdf") {
        let out = Command::new(&python)
            .args([CHECKER, "--ua", "--archival", "2", "A", "--row-spans"])
            .arg(&pdf)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{report}");
        assert!(report.contains("row spans [6, 40, 5]"), "{report}");
    }
    if !have_tool("pdftotext") {
        return;
    }
    // The second group runs over a page break: its label is drawn again at
    // the top of the page it continues on, once per page.
    let pages: Vec<String> = (1..=4).map(|n| page_text(&pdf, n)).collect();
    let continued = pages.iter().position(|t| t.contains("拠点 40") || t.contains("拠点40")).expect("row 40");
    let started = pages.iter().position(|t| t.contains("西日本リージョン")).expect("group label");
    assert!(started < continued, "the group starts on an earlier page");
    assert_eq!(pages[continued].matches("西日本リージョン").count(), 1, "{}", pages[continued]);
    assert_eq!(pages[started].matches("西日本リージョン").count(), 1);
}
