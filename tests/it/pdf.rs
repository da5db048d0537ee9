//! The PDFs, read with independent tools (poppler's pdftotext and pdffonts,
//! qpdf): fonts embedded and subset, JLReq line-start/line-end rules, the
//! table of contents, repeated table headers, nested outlines, metadata.
//! Without the tools these tests skip loudly; with CI=true they fail.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const DOCS: &[&str] = &[
    "planora-security-whitepaper",
    "hoshikage-support-services",
    "hoshikage-support-tiers-en",
    "soramail-support-guide",
    "yuzuriha-secupdate-spec",
];

/// Characters no line may start with, and end with.
const NO_START: &str = "、。，．）」』】・ーっゃゅょ";
const NO_END: &str = "（「『【";

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(out.status.success(), "{cmd} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn have_tools() -> bool {
    have_tool("pdftotext") && have_tool("pdffonts") && have_tool("qpdf") && have_tool("pdfinfo")
}

fn built_example() -> (tempfile::TempDir, PathBuf) {
    let site = example_site();
    build_ok(site.path());
    let dir = site.path().join("output");
    (site, dir)
}

fn pdf(out: &Path, id: &str) -> String {
    out.join(id).join(format!("{id}.pdf")).to_string_lossy().into_owned()
}

fn pages(pdf: &str) -> usize {
    tool("pdfinfo", &[pdf]).lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

fn page_text(pdf: &str, page: usize) -> String {
    let p = page.to_string();
    tool("pdftotext", &["-layout", "-f", &p, "-l", &p, pdf, "-"])
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn fonts_are_embedded_and_subset() {
    if !have_tools() {
        return;
    }
    let (_site, out) = built_example();
    for d in DOCS {
        let fonts = tool("pdffonts", &[&pdf(&out, d)]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{d}: no fonts");
        for r in rows {
            let cols: Vec<&str> = r.split_whitespace().collect();
            // name type… encoding emb sub uni object ID
            let n = cols.len();
            assert_eq!((cols[n - 5], cols[n - 4], cols[n - 3]), ("yes", "yes", "yes"), "{d}: {r}");
            assert!(cols[0].contains("NotoSansJP") || cols[0].contains("NotoSansMono"), "{d}: {r}");
        }
    }
}

#[test]
fn qpdf_finds_no_errors() {
    if !have_tools() {
        return;
    }
    let (_site, out) = built_example();
    for d in DOCS {
        let report = tool("qpdf", &["--check", &pdf(&out, d)]);
        assert!(report.contains("No syntax or stream encoding errors found"), "{d}: {report}");
    }
}

#[test]
fn no_line_starts_or_ends_with_forbidden_marks() {
    if !have_tools() {
        return;
    }
    let (_site, out) = built_example();
    for d in DOCS {
        let text = tool("pdftotext", &["-layout", &pdf(&out, d), "-"]);
        for line in text.lines() {
            // Columns laid side by side (tables, the running header) are
            // separated by runs of spaces: check each piece.
            for piece in line.split("  ").map(str::trim).filter(|p| !p.is_empty()) {
                let first = piece.chars().next().unwrap();
                let last = piece.chars().last().unwrap();
                assert!(!NO_START.contains(first), "{d}: line starts with {first}: {piece}");
                assert!(!NO_END.contains(last), "{d}: line ends with {last}: {piece}");
            }
        }
    }
}

#[test]
fn headings_are_on_the_pages_the_toc_gives() {
    if !have_tools() {
        return;
    }
    let (_site, out) = built_example();
    for d in DOCS {
        let file = pdf(&out, d);
        let n = pages(&file);
        // TOC lines end in dot leaders and a page number; content starts
        // on the page after the last TOC page.
        let mut entries = Vec::new();
        let mut last_toc_page = 0;
        for p in 2..=n {
            let text = page_text(&file, p);
            let toc_lines: Vec<&str> = text.lines().filter(|l| l.contains("....")).collect();
            if toc_lines.is_empty() {
                break;
            }
            last_toc_page = p;
            for l in toc_lines {
                let (title, rest) = l.split_once("....").unwrap();
                let number: usize = rest.trim_matches(|c: char| c == '.' || c.is_whitespace()).parse().unwrap();
                entries.push((squash(title), number));
            }
        }
        assert!(!entries.is_empty(), "{d}: no table of contents found");
        for (title, number) in entries {
            let physical = last_toc_page + number;
            let text = squash(&page_text(&file, physical));
            assert!(text.contains(&title), "{d}: `{title}` not on page {number} (physical {physical})");
        }
    }
}

#[test]
fn a_table_longer_than_a_page_repeats_its_header() {
    if !have_tools() {
        return;
    }
    let p = project("long-table");
    build_ok(p.path());
    let file = pdf(&p.path().join("output"), "long-doc");
    let n = pages(&file);
    let mut table_pages = 0;
    for page in 1..=n {
        // pdftotext shows the quarter-em before Latin letters as a space.
        let text = squash(&page_text(&file, page));
        if text.contains("行番号") {
            table_pages += 1;
            assert!(text.contains("見出し列A") && text.contains("見出し列B"), "page {page} lacks the header:\n{text}");
        }
    }
    assert!(table_pages >= 3, "the table spans {table_pages} pages");
}

#[test]
fn outlines_nest_as_sections_do() {
    if !have_tools() {
        return;
    }
    let (_site, out) = built_example();
    let json = tool("qpdf", &["--json", "--json-key=outlines", &pdf(&out, "planora-security-whitepaper")]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let top = v["outlines"].as_array().unwrap();
    let titles: Vec<&str> = top.iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert_eq!(titles[0], "1 利用者との責任分界点");
    assert_eq!(titles[21], "22 監査");
    let labelling = top.iter().find(|o| o["title"] == "7 ラベル付け機能").unwrap();
    let kids: Vec<&str> = labelling["kids"].as_array().unwrap().iter().map(|k| k["title"].as_str().unwrap()).collect();
    assert_eq!(
        kids,
        vec!["7.1 ユーザーのグループ分け", "7.2 ディメンション、キューブ、ポータル、パッケージなどの編集"]
    );
    for o in top {
        assert!(o["destpageposfrom1"].as_u64().is_some(), "{o}");
    }
}

#[test]
fn metadata_and_page_labels() {
    if !have_tools() {
        return;
    }
    let (_site, out) = built_example();
    let file = pdf(&out, "planora-security-whitepaper");
    let info = tool("pdfinfo", &[&file]);
    assert!(info.contains("Title:           Planora インフラサービス セキュリティホワイトペーパー"), "{info}");
    assert!(info.contains("Author:          キラメキコンサルティング株式会社"), "{info}");
    assert!(
        info.contains("CreationDate:    Tue Dec  1 00:00:00 2026 UTC"),
        "date from the revision, not the clock: {info}"
    );
    assert!(info.contains("Page size:       595.276 x 841.89"), "A4: {info}");
    let custom = tool("pdfinfo", &["-custom", &file]);
    assert!(!custom.contains("GTS_PDFX"), "no PDF/X claim the file does not meet: {custom}");
    let json = tool("qpdf", &["--json", "--json-key=pagelabels", &file]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let labels = v["pagelabels"].as_array().unwrap();
    assert_eq!(labels[0]["label"]["/S"], "/r", "front matter in roman numerals");
    // The content starts at 1 in decimal, after the cover and contents.
    let first = labels.iter().find(|l| l["label"]["/S"] == "/D").expect("a decimal range");
    assert_eq!(first["label"]["/St"], 1, "{labels:?}");
    assert!(first["index"].as_u64().unwrap() >= 2, "{labels:?}");
    let catalog = tool("qpdf", &["--show-object=trailer", &file]);
    assert!(catalog.contains("/ID"), "{catalog}");
    let en = tool("pdfinfo", &[&pdf(&out, "hoshikage-support-tiers-en")]);
    assert!(en.contains("Title:           Hoshikage Support Levels at a Glance"), "{en}");
}

#[test]
fn links_go_where_they_say() {
    if !have_tools() {
        return;
    }
    let (_site, out) = built_example();
    let file = pdf(&out, "planora-security-whitepaper");
    // Expand the file (uncompressed, annotations readable) and count.
    let qdf = out.join("links.qdf.pdf");
    tool("qpdf", &["--qdf", "--object-streams=disable", &file, qdf.to_str().unwrap()]);
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    let links = raw.matches("/Subtype /Link").count();
    let goto = raw.matches("/S /GoTo").count();
    // The table of contents alone links every heading (24 in this document).
    assert!(goto >= 24, "{goto} internal links");
    // Cross-references inside the text, e.g. `[](#manuals)`, jump too.
    assert!(links > 24, "{links} links");
}

#[test]
fn ranges_with_a_wave_dash_are_set_tight_as_in_the_html() {
    // 「1〜4」, 「5〜10 営業日」: no quarter em beside the wave dash.
    if !have_tools() {
        return;
    }
    let (_site, out) = built_example();
    let text = tool("pdftotext", &["-layout", &pdf(&out, "soramail-support-guide"), "-"]);
    assert!(text.contains("（1〜4）") && text.contains("5〜10 営業日"), "{text}");
    assert!(!text.contains(" 〜") && !text.contains("〜 "), "a space beside 〜");
    let html = std::fs::read_to_string(out.join("soramail-support-guide/index.html")).unwrap();
    assert!(html.contains("1〜4"), "the HTML says it the same way");
}

#[test]
fn a_classified_document_carries_its_mark_and_number_on_every_page() {
    if !have_tools() {
        return;
    }
    let p = project("base");
    edit(
        p.path(),
        "content/whitepaper.yaml",
        "version: \"1.1\"\n",
        "version: \"1.1\"\nclassification: confidential\nnumber: ACME-SEC-001\n",
    );
    build_ok(p.path());
    let out = p.path().join("output");
    let wp = pdf(&out, "wp");
    let n = pages(&wp);
    assert!(n >= 3, "{n} pages");
    for page in 1..=n {
        let text = squash(&page_text(&wp, page));
        assert!(text.contains("社外秘"), "page {page} has no mark: {text}");
        assert!(text.contains("ACME-SEC-001"), "page {page} has no document number: {text}");
    }
    // Body pages also carry the version and the date.
    let last = squash(&page_text(&wp, n));
    assert!(last.contains("版1.1"), "{last}");
    // In the PDF's metadata, on the page, and off the index.
    let info = tool("pdfinfo", &[&wp]);
    assert!(info.lines().any(|l| l.starts_with("Subject:") && l.contains("社外秘")), "{info}");
    let page = std::fs::read_to_string(out.join("wp/index.html")).unwrap();
    assert!(
        page.contains("class=\"classification\"") && page.contains("ACME-SEC-001") && page.contains("noindex"),
        "page"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("wp/index.html") && index.contains("sla/index.html"), "{index}");
    // Unless the project lists marked documents.
    edit(p.path(), "kiyaku.yaml", "title:", "html:\n  list_confidential: true\ntitle:");
    build_ok(p.path());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("wp/index.html"), "{index}");
    // A mark kiyaku does not know is refused with the ones it does.
    edit(p.path(), "content/whitepaper.yaml", "classification: confidential", "classification: secret");
    let (diags, code, _) = check(p.path(), &[]);
    assert_eq!(code, 1);
    let d = expect_diag(&diags, "E0113", "content/whitepaper.yaml", 8, 17);
    assert!(d.hint.as_deref().unwrap_or("").contains("confidential"), "{d:?}");
}
