//! Figures and branding end to end: numbered figures and links to them on
//! the page and in the PDF (read back with poppler), the image files in the
//! site, a redrawn figure as a change the lock sees, and a provider's logo
//! and colour on its documents and no other provider's.

use std::path::Path;
use std::process::Command;

use crate::common::*;

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#1f4e8c"/><text x="20" y="100" font-size="30" fill="#fff">境界</text></svg>"##;

/// A PNG of `w` × `h` pixels, written with the `png` crate.
fn png(path: &Path, w: u32, h: u32) {
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().unwrap();
    let data: Vec<u8> = (0..w * h).flat_map(|i| [(i % 251) as u8, 0x4e, 0x8c]).collect();
    writer.write_image_data(&data).unwrap();
}

/// The base project with two figures in its whitepaper, the second linked.
fn with_figures() -> tempfile::TempDir {
    let p = project("base");
    std::fs::create_dir_all(p.path().join("content/figures")).unwrap();
    std::fs::write(p.path().join("content/figures/boundary.svg"), SVG).unwrap();
    png(&p.path().join("content/figures/screen.png"), 300, 150);
    edit(
        p.path(),
        "content/whitepaper.yaml",
        "    body: バックアップについては[](#backup)をご覧ください。",
        "    body: |\n      構成は[](#fig-screen)のとおりです。\n\n      ![責任の境界を示す図](figures/boundary.svg \"責任分界\")\n\n      ![管理画面の構成](figures/screen.png \"管理画面\"){#fig-screen}\n\n      バックアップについては[](#backup)をご覧ください。",
    );
    p
}

fn run_tool(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn figures_are_numbered_linked_and_published() {
    let p = with_figures();
    let (diags, code, _) = check(p.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}");
    build_ok(p.path());
    let out = p.path().join("output");
    let page = std::fs::read_to_string(out.join("wp/index.html")).unwrap();
    assert!(page.contains("<figure>\n<img src=\"../assets/images/boundary-"), "{page}");
    assert!(page.contains("alt=\"責任の境界を示す図\""), "{page}");
    assert!(page.contains("<span class=\"figure-number\">図 1</span>　責任分界"), "{page}");
    assert!(page.contains("<figure id=\"fig-screen\">"), "{page}");
    assert!(page.contains("<a href=\"#fig-screen\">図 2</a>"), "the empty link reads 図 2: {page}");
    let images: Vec<String> = std::fs::read_dir(out.join("assets/images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(images.len(), 2, "{images:?}");
    for name in &images {
        assert!(page.contains(&format!("../assets/images/{name}")), "{name} is not shown");
    }

    if !(have_tool("pdftotext") && have_tool("pdfimages")) {
        return skip_or_fail("poppler", "apt-get install poppler-utils");
    }
    let pdf = out.join("wp/wp.pdf");
    let pdf = pdf.to_str().unwrap();
    // pdftotext shows the quarter-em between 図 and its number as a space
    // or not at all: compared without spaces.
    let text = run_tool("pdftotext", &[pdf, "-"]).replace(' ', "");
    for want in ["図1", "責任分界", "図2", "管理画面", "構成は図2のとおりです"] {
        assert!(text.contains(want), "the PDF does not say {want}:\n{text}");
    }
    // The PNG is an image object at its pixel size; the SVG is drawn as
    // paths (no image), its text as outlines (not extracted).
    let list = run_tool("pdfimages", &["-list", pdf]);
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{list}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!((cols[3], cols[4]), ("300", "150"), "{list}");
    assert!(!text.contains("境界\n") || text.matches("境界").count() <= 2, "SVG text is not extracted: {text}");
}

#[test]
fn a_redrawn_figure_is_a_change_the_lock_sees() {
    let p = with_figures();
    let release = kiyaku(&["release", "--all", "--root", p.path().to_str().unwrap()]);
    assert!(release.status.success(), "{}", String::from_utf8_lossy(&release.stderr));
    let lock = std::fs::read_to_string(p.path().join("content/kiyaku.lock")).unwrap();
    assert!(lock.contains("body / image figures/boundary.svg: sha256:"), "{lock}");
    let (diags, code, _) = check(p.path(), &[]);
    assert_eq!(code, 0, "{diags:#?}");
    std::fs::write(p.path().join("content/figures/boundary.svg"), SVG.replace("#1f4e8c", "#0b5d4b")).unwrap();
    let (diags, code, _) = check(p.path(), &[]);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d.code == "E0801").unwrap_or_else(|| panic!("{diags:#?}"));
    assert!(d.message.contains("intro"), "the section with the figure changed: {d:#?}");
}

#[test]
fn a_providers_brand_is_on_its_documents_only() {
    let p = project("base");
    std::fs::create_dir_all(p.path().join("content/logos")).unwrap();
    png(&p.path().join("content/logos/acme.png"), 160, 40);
    edit(
        p.path(),
        "content/provider.yaml",
        "kind: provider\n",
        "kind: provider\nbrand:\n  logo: logos/acme.png\n  color: \"#0b5d4b\"\n  footer: © 2026 アクメ株式会社\n",
    );
    std::fs::write(p.path().join("content/other-provider.yaml"), "kind: provider\nid: other\nname: 別会社\n").unwrap();
    let (diags, code, _) = check(p.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}");
    build_ok(p.path());
    let out = p.path().join("output");
    let page = std::fs::read_to_string(out.join("wp/index.html")).unwrap();
    assert!(page.contains(":root { --accent: #0b5d4b; --shade: #e9f0ef; }"), "{page}");
    assert!(page.contains("<p class=\"brand-logo\"><img src=\"../assets/images/acme-"), "{page}");
    assert!(page.contains("© 2026 アクメ株式会社"), "{page}");

    if !(have_tool("pdftotext") && have_tool("pdfimages")) {
        return skip_or_fail("poppler", "apt-get install poppler-utils");
    }
    let pdf = out.join("wp/wp.pdf");
    let pdf = pdf.to_str().unwrap();
    // The logo on the cover and in every running header: one image object,
    // drawn on every page.
    let list = run_tool("pdfimages", &["-list", pdf]);
    let pages = run_tool("pdfinfo", &[pdf]);
    let count: usize = pages.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).unwrap();
    let shown: std::collections::BTreeSet<&str> =
        list.lines().skip(2).filter_map(|l| l.split_whitespace().next()).collect();
    assert!(shown.len() >= count - 1, "the logo is not on every page but the contents': {list}");
    let body = run_tool("pdftotext", &["-f", "3", "-l", "3", pdf, "-"]);
    assert!(body.contains("© 2026 アクメ株式会社"), "{body}");
}

#[test]
fn letter_paper_and_margins_are_the_sites() {
    let p = project("base");
    let settings = p.path().join("kiyaku.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{text}\npdf:\n  page-size: letter\n  margins: {{left: 1in, right: 1in}}\n"))
        .unwrap();
    build_ok(p.path());
    if !have_tool("pdfinfo") {
        return skip_or_fail("poppler", "apt-get install poppler-utils");
    }
    let info = run_tool("pdfinfo", &[p.path().join("output/wp/wp.pdf").to_str().unwrap()]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    if !have_tool("pdftotext") {
        return;
    }
    // The text starts an inch in.
    let bbox = run_tool(
        "pdftotext",
        &["-f", "3", "-l", "3", "-bbox", p.path().join("output/wp/wp.pdf").to_str().unwrap(), "-"],
    );
    let min_x = bbox
        .lines()
        .filter_map(|l| l.split("xMin=\"").nth(1)?.split('"').next()?.parse::<f32>().ok())
        .fold(f32::MAX, f32::min);
    assert!((71.0..74.0).contains(&min_x), "left margin {min_x}");
}
