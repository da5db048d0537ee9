//! The images the content names: found while decoding (Markdown images in
//! every text, a provider's or the site's `logo:`), then read once each,
//! relative to the file that names them, and checked — a local file inside
//! the project, PNG, JPEG or SVG by its content, within the size limits,
//! with alt text. SVG is rewritten without scripts, event handlers,
//! foreign HTML or references outside the file, so nothing published can
//! run or fetch anything.

mod svg;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Msg};
use crate::image::{ImageFile, ImageFormat, markdown_images};
use crate::input::{self, ReadError, Scope};
use crate::load::decode::DecodeCx;
use crate::model::{Images, Site};
use crate::source::{FileId, Sources, Span, Spanned};

/// One place the content names an image.
#[derive(Clone, Debug)]
pub(crate) struct ImageUse {
    pub file: FileId,
    /// As written.
    pub src: String,
    /// A Markdown image's alt text; `None` for a logo (its alt text is
    /// the provider's name).
    pub alt: Option<String>,
    /// The source's text.
    pub span: Span,
}

/// Record the Markdown images of one text value (`value`: its YAML node).
pub(super) fn uses_in_text(cx: &mut DecodeCx, text: &str, value: Span) {
    if cx.probe.is_some() {
        return;
    }
    for image in markdown_images(text) {
        // The source as it stands in the YAML, for the diagnostics.
        let span = value.of_destination(cx.text.get(value.range()).unwrap_or(""), &image.src);
        cx.images.push(ImageUse { file: cx.file, src: image.src, alt: Some(image.alt), span });
    }
}

/// `logo: path/to/logo.svg`: a path relative to the file, read as an image.
pub(crate) fn logo(cx: &mut DecodeCx, path: Spanned<String>) -> Spanned<String> {
    let path = Spanned::new(path.value.trim().to_string(), path.span);
    if cx.probe.is_none() {
        cx.images.push(ImageUse { file: cx.file, src: path.value.clone(), alt: None, span: path.span });
    }
    path
}

/// Read and check every image named, once per file on disk. What cannot
/// be placed is reported at the first place that names it.
pub(super) fn read_all(
    root: &Path,
    site: &Site,
    sources: &Sources,
    uses: Vec<ImageUse>,
    diags: &mut Vec<Diagnostic>,
) -> Images {
    let mut images = Images::default();
    let mut read: HashMap<PathBuf, Option<Arc<ImageFile>>> = HashMap::new();
    for u in uses {
        if let Some(alt) = &u.alt
            && alt.trim().is_empty()
        {
            diags.push(no_alt(&u));
        }
        let path = match local_path(root, sources, &u) {
            Ok(p) => p,
            Err(d) => {
                diags.push(*d);
                images.insert(u.file, &u.src, None);
                continue;
            }
        };
        let image = read.entry(path.clone()).or_insert_with(|| match read_one(root, &path, site, &u) {
            Ok((image, removed)) => {
                if !removed.is_empty() {
                    diags.push(svg_cleaned(&u, &removed));
                }
                Some(Arc::new(image))
            }
            Err(d) => {
                diags.push(*d);
                None
            }
        });
        images.insert(u.file, &u.src, image.clone());
    }
    images
}

fn no_alt(u: &ImageUse) -> Diagnostic {
    let src = &u.src;
    Diagnostic::new(Code::ImageWithoutAlt, crate::msg!("image `{src}` has no alt text", "画像 `{src}` に代替テキストがありません"))
        .at(u.span, crate::msg!("no text between `![` and `]`", "`![` と `]` の間が空"))
        .hint(crate::msg!(
            "say what the figure shows, e.g. `![Responsibilities of the provider and the customer]({src})`: screen readers and the tagged PDF read it",
            "図が示す内容を書いてください（例: `![事業者とお客様の責任の分担]({src})`）。スクリーンリーダーとタグ付き PDF が読み上げます"
        ))
}

fn not_found(u: &ImageUse, hint: Msg) -> Box<Diagnostic> {
    let src = &u.src;
    Box::new(
        Diagnostic::new(Code::ImageNotFound, crate::msg!("image `{src}` not found", "画像 `{src}` が見つかりません"))
            .at(u.span, crate::msg!("no such file", "そのファイルはありません"))
            .hint(hint),
    )
}

/// Where the image is on disk: relative to the file that names it (a
/// leading `/`: to the project root). Remote and `data:` images are refused:
/// a build fetches nothing.
fn local_path(root: &Path, sources: &Sources, u: &ImageUse) -> Result<PathBuf, Box<Diagnostic>> {
    let src = u.src.trim();
    // One letter is a Windows drive (`C:`), not a scheme.
    let scheme = crate::vocab::url_scheme(src).filter(|s| s.len() > 1);
    if let Some(scheme) = scheme
        && !["http", "https", "data"].contains(&scheme.to_ascii_lowercase().as_str())
    {
        // `javascript:` and the like: refused as a link with it would be.
        return Err(Box::new(
            Diagnostic::new(
                Code::UnsafeLink,
                crate::msg!(
                    "image source `{src}`: this URL scheme is not allowed",
                    "画像の参照先 `{src}`: この URL スキームは使えません"
                ),
            )
            .at(u.span, crate::msg!("scheme not allowed", "使えない URL スキーム"))
            .hint(crate::msg!("name an image file of the project", "プロジェクト内の画像ファイルを指定してください")),
        ));
    }
    if scheme.is_some() || src.starts_with("//") {
        return Err(Box::new(
            Diagnostic::new(
                Code::ImageNotFound,
                crate::msg!("image `{src}` is not a file of the project", "画像 `{src}` はプロジェクト内のファイルではありません"),
            )
            .at(u.span, crate::msg!("remote or inline image", "外部またはインラインの画像"))
            .hint(
            crate::msg!(
                "kiyaku places image files of the project only and fetches nothing; save the image next to this file and name it by its relative path",
                "kiyaku が配置するのはプロジェクト内の画像ファイルだけで、何も取得しません。画像をこのファイルの近くに保存し、相対パスで指定してください"
            )),
        ));
    }
    let decoded = percent_decode(src);
    let base = match decoded.strip_prefix('/') {
        Some(_) => root.to_path_buf(),
        None => sources
            .get(u.file)
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| root.to_path_buf()),
    };
    Ok(base.join(decoded.trim_start_matches('/')))
}

/// `%20` and the like, as a browser reads a Markdown destination.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(h);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The image files beside the one that was not found, for "did you mean".
fn nearby_images(path: &Path) -> Vec<String> {
    let Some(dir) = path.parent() else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            let lower = n.to_ascii_lowercase();
            [".png", ".jpg", ".jpeg", ".svg"].iter().any(|x| lower.ends_with(x))
        })
        .collect();
    names.sort();
    names
}

/// Decode a PNG's rows one at a time (never the whole picture in memory):
/// damaged data is found here, not when the PDF is written.
fn png_decodes(bytes: &[u8]) -> Result<(), png::DecodingError> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info()?;
    while reader.next_row()?.is_some() {}
    Ok(())
}

/// Whether a JPEG's frame has four components (CMYK or YCCK).
fn jpeg_is_cmyk(bytes: &[u8]) -> bool {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xff {
            return false;
        }
        let marker = bytes[i + 1];
        let len = usize::from(bytes[i + 2]) << 8 | usize::from(bytes[i + 3]);
        // SOF0–SOF15, but DHT, JPG and DAC.
        if (0xc0..=0xcf).contains(&marker) && !matches!(marker, 0xc4 | 0xc8 | 0xcc) {
            return bytes[i + 9] == 4;
        }
        i += 2 + len;
    }
    false
}

fn read_one(
    root: &Path,
    path: &Path,
    site: &Site,
    u: &ImageUse,
) -> Result<(ImageFile, Vec<svg::Removed>), Box<Diagnostic>> {
    let limits = &site.limits;
    let src = &u.src;
    let bytes = match input::read(path, Scope::Inside(root), limits.image_bytes) {
        Ok(b) => b,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            // Only a folder of the project is listed in the hint.
            let inside = path.parent().and_then(|d| d.canonicalize().ok()).zip(root.canonicalize().ok());
            let names = match inside {
                Some((dir, root)) if dir.starts_with(&root) => nearby_images(path),
                _ => Vec::new(),
            };
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(src);
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let hint = crate::diag::suggestion(name, &names).unwrap_or_else(|| {
                crate::msg!(
                    "paths are relative to the file that names the image; check the folder and the name",
                    "パスは画像を指定したファイルからの相対パスです。フォルダーと名前を確かめてください"
                )
            });
            return Err(not_found(u, hint));
        }
        Err(ReadError::TooLarge { limit, .. }) => {
            let mb = limit >> 20;
            return Err(Box::new(
                Diagnostic::new(
                    Code::ImageTooLarge,
                    crate::msg!("image `{src}` is larger than {mb} MB", "画像 `{src}` が {mb} MB を超えています"),
                )
                .at(u.span, crate::msg!("too large", "大きすぎる画像"))
                .hint(too_large_hint()),
            ));
        }
        Err(e) => return Err(Box::new(input::diagnostic(&e, u.span))),
    };
    let Some(format) = ImageFormat::sniff(&bytes) else {
        let what = describe_other(&bytes);
        return Err(Box::new(
            Diagnostic::new(
                Code::ImageUnsupported,
                crate::msg!(
                    "image `{src}` is not a PNG, JPEG or SVG file{}",
                    "画像 `{src}` は PNG、JPEG、SVG のいずれでもありません{}",
                    what.map(|w| format!(" ({w})")).unwrap_or_default()
                ),
            )
            .at(u.span, crate::msg!("format not placed", "配置できない形式"))
            .hint(crate::msg!(
                "save it as PNG (screenshots, diagrams), JPEG (photos) or SVG (drawings, kept sharp in the PDF)",
                "PNG（画面写真・図）、JPEG（写真）、SVG（作図。PDF でも鮮明）のいずれかで保存し直してください"
            )),
        ));
    };
    use sha2::{Digest, Sha256};
    let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let relative = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
    let unreadable = |(why, why_ja): (String, String)| {
        Box::new(
            Diagnostic::new(
                Code::ImageUnreadable,
                crate::msg!("image `{src}` cannot be read: {why}", "画像 `{src}` を読み取れません: {why_ja}"),
            )
            .at(u.span, crate::msg!("unreadable image", "読み取れない画像"))
            .hint(crate::msg!(
                "open it in an image editor and save it again",
                "画像編集ソフトで開いて保存し直してください"
            )),
        )
    };
    let (bytes, width, height, removed, orientation) = match format {
        ImageFormat::Png | ImageFormat::Jpeg => {
            let size = imagesize::blob_size(&bytes).map_err(|e| unreadable((e.to_string(), e.to_string())))?;
            if format == ImageFormat::Jpeg && jpeg_is_cmyk(&bytes) {
                return Err(unreadable((
                    "it is a CMYK JPEG, which PDF/A cannot show without a colour profile; save it as RGB".into(),
                    "CMYK の JPEG で、PDF/A ではカラープロファイルなしに表示できません。RGB で保存し直してください"
                        .into(),
                )));
            }
            let pixels = size.width as u64 * size.height as u64;
            if pixels > limits.image_pixels || size.width == 0 || size.height == 0 {
                let (w, h, mp) = (size.width, size.height, limits.image_pixels / 1_000_000);
                return Err(Box::new(
                    Diagnostic::new(
                        Code::ImageTooLarge,
                        crate::msg!(
                            "image `{src}` is {w} × {h} pixels; kiyaku places images of up to {mp} million pixels",
                            "画像 `{src}` は {w} × {h} ピクセルです。kiyaku が配置できる画像は {mp} 百万ピクセルまでです"
                        ),
                    )
                    .at(u.span, crate::msg!("too many pixels", "ピクセル数が多すぎる画像"))
                    .hint(too_large_hint()),
                ));
            }
            // Within the limit: its rows are decoded, one at a time.
            if format == ImageFormat::Png
                && let Err(e) = png_decodes(&bytes)
            {
                return Err(unreadable((
                    format!("its image data is damaged ({e})"),
                    format!("画像データが壊れています（{e}）"),
                )));
            }
            let orientation = if format == ImageFormat::Jpeg { crate::image::jpeg_orientation(&bytes) } else { 1 };
            // Orientations 5–8 turn the picture a quarter: shown, its
            // width is its stored height.
            let (w, h) = if orientation >= 5 { (size.height, size.width) } else { (size.width, size.height) };
            (bytes, w as f32, h as f32, Vec::new(), orientation)
        }
        ImageFormat::Svg => {
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| unreadable(("not UTF-8 text".into(), "UTF-8 のテキストではありません".into())))?;
            let (clean, removed) = svg::sanitise(text, limits.image_pixels).map_err(unreadable)?;
            let (w, h) = svg::size(&clean).map_err(unreadable)?;
            (clean.into_bytes(), w, h, removed, 1)
        }
    };
    Ok((ImageFile { path: relative, format, bytes: Arc::from(bytes), width, height, digest, orientation }, removed))
}

fn too_large_hint() -> Msg {
    crate::msg!(
        "scale it down (a full-width figure needs about 2000 pixels across), or raise `limits: image-megabytes:` / `image-megapixels:` in kiyaku.yaml",
        "縮小してください（幅いっぱいの図でも横 2000 ピクセル程度で足ります）。または kiyaku.yaml の `limits: image-megabytes:` / `image-megapixels:` を引き上げてください"
    )
}

/// A name for a common format kiyaku does not place.
fn describe_other(bytes: &[u8]) -> Option<&'static str> {
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(b"GIF8") {
        Some("GIF")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("WebP")
    } else if starts(b"%PDF") {
        Some("PDF")
    } else if bytes.get(4..12).is_some_and(|b| b.starts_with(b"ftyp")) {
        Some("HEIC/AVIF")
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some("TIFF")
    } else if starts(b"BM") {
        Some("BMP")
    } else {
        None
    }
}

fn svg_cleaned(u: &ImageUse, removed: &[svg::Removed]) -> Diagnostic {
    let src = &u.src;
    let (en, _) = crate::vocab::joined(&removed.iter().map(|r| r.0).collect::<Vec<_>>());
    let (_, ja) = crate::vocab::joined(&removed.iter().map(|r| r.1).collect::<Vec<_>>());
    Diagnostic::new(
        Code::SvgContentRemoved,
        crate::msg!(
            "SVG `{src}` is published without {en}",
            "SVG `{src}` は次のものを除いて公開されます: {ja}"
        ),
    )
    .at(u.span, crate::msg!("SVG with active or external content", "動作するか外部を参照する内容を含む SVG"))
    .hint(crate::msg!(
        "nothing in a published figure runs or is fetched; remove these from the drawing (draw.io: export with \"Convert labels to SVG\"; Inkscape: save as plain SVG) so that what you see is what is published",
        "公開する図の中では何も実行・取得されません。作図ソフトでこれらを除いて保存してください（draw.io: 「ラベルを SVG に変換」で書き出し、Inkscape: プレーン SVG で保存）。見た目と公開内容が一致します"
    ))
}
