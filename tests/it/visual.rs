//! Reference pictures of a few PDF pages of the example site (two covers,
//! a branded and a banded one, a page with an SVG figure, a prose page, a wide Japanese table, an English table), rendered by
//! poppler and compared with a tolerance, so a layout change cannot slip
//! by unseen. After a deliberate change, refresh them with
//! `KIYAKU_UPDATE_REFERENCES=1 cargo test visual` and look at every
//! refreshed page in `tests/reference/` before committing. A failed
//! comparison leaves the page it got in `target/visual/`.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// (document, page): the pages kept as pictures.
const PAGES: &[(&str, u32)] = &[
    ("planora-security-whitepaper", 1),
    ("planora-security-whitepaper", 2),
    ("planora-security-whitepaper", 3),
    ("yuzuriha-secupdate-spec", 1),
    ("hoshikage-support-services", 4),
    ("hoshikage-support-tiers-en", 3),
];

/// A pixel counts as different when a colour channel moves this much…
const PIXEL_TOLERANCE: u8 = 64;
/// …and a page fails when more than this share of its pixels do
/// (anti-aliasing differences between poppler builds stay far below).
const MAX_DIFFERENT: f64 = 0.002;

/// Width, height and one RGB triple per pixel.
fn pixels(png_bytes: &[u8]) -> (u32, u32, Vec<[u8; 3]>) {
    let mut reader = png::Decoder::new(Cursor::new(png_bytes)).read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    let rgb = match info.color_type {
        png::ColorType::Rgb => buf.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect(),
        png::ColorType::Rgba => buf.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect(),
        png::ColorType::Grayscale => buf.iter().map(|&g| [g, g, g]).collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, rgb)
}

/// Pixels whose colour moved by more than the tolerance in some channel.
fn count_different(a: &[[u8; 3]], b: &[[u8; 3]]) -> usize {
    a.iter().zip(b).filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > PIXEL_TOLERANCE)).count()
}

fn render(pdf: &Path, page: u32, out: &Path) -> Vec<u8> {
    let stem = out.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-r", "50", "-png", "-singlefile", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("run pdftoppm");
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    std::fs::read(stem.with_extension("png")).unwrap()
}

#[test]
fn pdf_pages_look_as_they_did() {
    if !have_tool("pdftoppm") {
        return;
    }
    let site = example_site();
    let out = tempfile::tempdir().unwrap();
    let built = kiyaku_env(
        &["build", "--root", site.path().to_str().unwrap(), "--out", out.path().join("site").to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let references = manifest.join("tests/reference");
    let update = std::env::var("KIYAKU_UPDATE_REFERENCES").is_ok_and(|v| v == "1");
    let failed_dir: PathBuf = manifest.join("target/visual");
    let mut failures = Vec::new();
    for (doc, page) in PAGES {
        let name = format!("{doc}-p{page}.png");
        let pdf = out.path().join(format!("site/{doc}/{doc}.pdf"));
        let got = render(&pdf, *page, &out.path().join(&name));
        let reference = references.join(&name);
        if update {
            std::fs::create_dir_all(&references).unwrap();
            std::fs::write(&reference, &got).unwrap();
            continue;
        }
        let Ok(want) = std::fs::read(&reference) else {
            failures.push(format!("{name}: no reference (run with KIYAKU_UPDATE_REFERENCES=1)"));
            continue;
        };
        let ((gw, gh, g), (ww, wh, w)) = (pixels(&got), pixels(&want));
        let verdict = if (gw, gh) != (ww, wh) {
            Some(format!("{name}: {gw}×{gh} pixels, the reference is {ww}×{wh}"))
        } else {
            let different = count_different(&g, &w);
            let share = different as f64 / g.len() as f64;
            (share > MAX_DIFFERENT).then(|| format!("{name}: {:.2}% of the pixels differ", share * 100.0))
        };
        if let Some(v) = verdict {
            std::fs::create_dir_all(&failed_dir).unwrap();
            std::fs::write(failed_dir.join(&name), &got).unwrap();
            failures.push(format!("{v} (got: target/visual/{name})"));
        }
    }
    assert!(failures.is_empty(), "pages changed:\n  {}", failures.join("\n  "));
}

#[test]
fn the_comparison_sees_a_changed_page() {
    // The tolerance is not so loose that a moved paragraph passes.
    if !have_tool("pdftoppm") {
        return;
    }
    let want =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/planora-security-whitepaper-p2.png"));
    let Ok(want) = want else { return };
    let (w, h, page) = pixels(&want);
    // Shift the page down by 12 pixels (about one line at 50 dpi).
    let row = w as usize;
    let shifted: Vec<[u8; 3]> =
        std::iter::repeat_n([255; 3], row * 12).chain(page.iter().copied()).take(page.len()).collect();
    let different = count_different(&page, &shifted);
    assert!(different as f64 / page.len() as f64 > MAX_DIFFERENT, "{w}×{h}: a shifted page passes");
    assert_eq!(count_different(&page, &page), 0);
}
