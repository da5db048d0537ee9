//! Fonts: the bundled Noto Sans JP (OFL, see `assets/fonts/OFL.txt`) or a
//! project's own, and the bundled Noto Sans Mono for code
//! (`assets/fonts/OFL-NotoSansMono.txt`), with the metrics the layout
//! engine needs. Parsed once per process and shared (`Arc<FontSet>`); the
//! PDF exporter embeds the same bytes, so widths measured here are the
//! widths in the PDF. A character the monospace face lacks (Japanese in
//! code) is set in the text face of the same weight.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};

mod shaping;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSansJP-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansJP-Bold.ttf");
const MONO: &[u8] = include_bytes!("../../assets/fonts/NotoSansMono-Regular.ttf");
const MONO_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansMono-Bold.ttf");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontKind {
    Regular,
    Bold,
    /// Code.
    Mono,
    MonoBold,
}

impl FontKind {
    pub const ALL: [FontKind; 4] = [FontKind::Regular, FontKind::Bold, FontKind::Mono, FontKind::MonoBold];

    /// The same weight, bold.
    pub fn bold(self) -> FontKind {
        match self {
            FontKind::Regular | FontKind::Bold => FontKind::Bold,
            FontKind::Mono | FontKind::MonoBold => FontKind::MonoBold,
        }
    }

    /// The same weight, for code.
    pub fn mono(self) -> FontKind {
        match self {
            FontKind::Regular | FontKind::Mono => FontKind::Mono,
            FontKind::Bold | FontKind::MonoBold => FontKind::MonoBold,
        }
    }

    /// The text face of the same weight, for what a code face lacks.
    fn text(self) -> FontKind {
        match self {
            FontKind::Regular | FontKind::Mono => FontKind::Regular,
            FontKind::Bold | FontKind::MonoBold => FontKind::Bold,
        }
    }
}

const MISSING: u16 = u16::MAX;

/// A font file's bytes, shared with the PDF exporter: the bundled fonts'
/// are the binary's own, never copied.
pub type FontBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One font face: its bytes and advance widths.
pub struct Face {
    pub bytes: FontBytes,
    /// PostScript or family name, for messages.
    pub name: String,
    units_per_em: f32,
    /// Advance per BMP code point in font units; `MISSING` if no glyph.
    bmp: Vec<u16>,
    /// Advances outside the BMP.
    astral: std::collections::HashMap<u32, u16>,
    /// Glyph id per BMP code point (0 where there is none), and outside it:
    /// the PDF draws the glyph the layout measured.
    bmp_gid: Vec<u16>,
    astral_gid: std::collections::HashMap<u32, u16>,
    pub ascender: f32,
    pub descender: f32,
    /// The licence forbids embedding (OS/2 fsType "restricted").
    pub embedding_restricted: bool,
    /// Kerning; `None` if the shaper cannot read the font.
    shaping: Option<shaping::Shaping>,
}

/// Whether the OS/2 table's fsType says "restricted licence embedding":
/// the low four bits equal to 2, as the PDF writer reads it (the other
/// bits only qualify a permission).
fn restricted_licence(face: &ttf_parser::Face) -> bool {
    face.raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))
        .and_then(|t| t.get(8..10))
        .is_some_and(|b| u16::from_be_bytes([b[0], b[1]]) & 0xF == 2)
}

impl Face {
    fn parse(bytes: FontBytes, what: &str) -> anyhow::Result<Face> {
        let face = ttf_parser::Face::parse((*bytes).as_ref(), 0)
            .map_err(|e| anyhow::anyhow!("{what}: not a usable TrueType/OpenType font ({e})"))?;
        let mut bmp = vec![MISSING; 0x10000];
        let mut astral = std::collections::HashMap::new();
        let mut bmp_gid = vec![0u16; 0x10000];
        let mut astral_gid = std::collections::HashMap::new();
        let cmap = face.tables().cmap.context("the font has no character map")?;
        // A full-Unicode subtable (format 12) holds everything the BMP one
        // (format 4) does: read it alone when there is one.
        let full_unicode = |s: &ttf_parser::cmap::Subtable| {
            s.is_unicode() && matches!(s.format, ttf_parser::cmap::Format::SegmentedCoverage(_))
        };
        let full = cmap.subtables.into_iter().any(|s| full_unicode(&s));
        for sub in cmap.subtables {
            if !sub.is_unicode() || (full && !full_unicode(&sub)) {
                continue;
            }
            sub.codepoints(|cp| {
                let Some(gid) = sub.glyph_index(cp) else {
                    return;
                };
                let adv = face.glyph_hor_advance(gid).unwrap_or(0);
                if cp < 0x10000 {
                    if bmp[cp as usize] == MISSING {
                        bmp[cp as usize] = adv;
                        bmp_gid[cp as usize] = gid.0;
                    }
                } else {
                    astral.entry(cp).or_insert(adv);
                    astral_gid.entry(cp).or_insert(gid.0);
                }
            });
        }
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| what.to_string());
        let upem = f32::from(face.units_per_em());
        if bmp[' ' as usize] == MISSING {
            bail!("{what}: the font has no glyph for a space");
        }
        Ok(Face {
            name,
            units_per_em: upem,
            ascender: f32::from(face.ascender()) / upem,
            descender: f32::from(face.descender()) / upem,
            bmp,
            astral,
            bmp_gid,
            astral_gid,
            embedding_restricted: restricted_licence(&face),
            shaping: shaping::Shaping::new((*bytes).as_ref()),
            bytes,
        })
    }

    /// The glyph id of `c` (0, the missing glyph, if the font has none).
    pub fn glyph_id(&self, c: char) -> u16 {
        let cp = c as u32;
        if cp < 0x10000 {
            self.bmp_gid.get(cp as usize).copied().unwrap_or(0)
        } else {
            self.astral_gid.get(&cp).copied().unwrap_or(0)
        }
    }

    /// Advances in em of a run of Latin text, one per character, kerned;
    /// `None` where the font has no kerning to give without replacing or
    /// moving glyphs (then each character's own advance is right).
    pub fn kerned(&self, text: &[char]) -> Option<Vec<f32>> {
        let units = self.shaping.as_ref()?.advances((*self.bytes).as_ref(), text, |c| self.glyph_id(c))?;
        Some(units.into_iter().map(|u| u as f32 / self.units_per_em).collect())
    }

    /// Advance of `c` in em; `None` if the font has no glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let cp = c as u32;
        let units = if cp < 0x10000 {
            let a = self.bmp[cp as usize];
            (a != MISSING).then_some(a)?
        } else {
            *self.astral.get(&cp)?
        };
        Some(f32::from(units) / self.units_per_em)
    }
}

/// Larger than any real font (Noto Sans CJK is under 20 MB).
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// The faces a document is set in.
pub struct FontSet {
    pub regular: Face,
    pub bold: Face,
    /// Always the bundled Noto Sans Mono.
    pub mono: Face,
    pub mono_bold: Face,
    /// Whether the text faces are the bundled ones.
    pub bundled: bool,
}

/// The bundled monospace faces, read side by side.
fn mono_faces() -> anyhow::Result<(Face, Face)> {
    let (mono, bold) = std::thread::scope(|s| {
        let bold = s.spawn(|| Face::parse(Arc::new(MONO_BOLD), "Noto Sans Mono Bold"));
        (Face::parse(Arc::new(MONO), "Noto Sans Mono Regular"), bold.join())
    });
    let bold = bold.map_err(|_| anyhow::anyhow!("Noto Sans Mono Bold could not be read"))?;
    Ok((mono?, bold?))
}

impl FontSet {
    /// Noto Sans JP Regular and Bold, compiled into the binary.
    pub fn bundled() -> anyhow::Result<FontSet> {
        // The faces are read side by side: a build waits for all of them.
        let (regular, bold, mono) = std::thread::scope(|s| {
            let bold = s.spawn(|| Face::parse(Arc::new(BOLD), "Noto Sans JP Bold"));
            let mono = s.spawn(mono_faces);
            let regular = Face::parse(Arc::new(REGULAR), "Noto Sans JP Regular");
            (regular, bold.join(), mono.join())
        });
        let bold = bold.map_err(|_| anyhow::anyhow!("Noto Sans JP Bold could not be read"))?;
        let (mono, mono_bold) = mono.map_err(|_| anyhow::anyhow!("Noto Sans Mono could not be read"))??;
        Ok(FontSet { regular: regular?, bold: bold?, mono, mono_bold, bundled: true })
    }

    /// A project's fonts; a missing bold face uses the regular one. An
    /// error says which face failed, so it can point at that setting.
    pub fn from_files(regular: &Path, bold: Option<&Path>) -> Result<FontSet, FontFileError> {
        let read = |p: &Path| -> anyhow::Result<Face> {
            // Fonts named in the settings may be system fonts, outside the project.
            let bytes = crate::input::read(p, crate::input::Scope::Anywhere, MAX_FONT_BYTES)
                .with_context(|| format!("cannot read font {}", p.display()))?;
            Face::parse(Arc::new(bytes), &p.display().to_string())
        };
        let failed = |face| move |error| FontFileError { face, error };
        let regular_face = read(regular).map_err(failed(FontKind::Regular))?;
        let bold_face = match bold {
            Some(b) => read(b).map_err(failed(FontKind::Bold))?,
            None => read(regular).map_err(failed(FontKind::Regular))?,
        };
        let (mono, mono_bold) = mono_faces().map_err(failed(FontKind::Mono))?;
        Ok(FontSet { regular: regular_face, bold: bold_face, mono, mono_bold, bundled: false })
    }

    pub fn face(&self, kind: FontKind) -> &Face {
        match kind {
            FontKind::Regular => &self.regular,
            FontKind::Bold => &self.bold,
            FontKind::Mono => &self.mono,
            FontKind::MonoBold => &self.mono_bold,
        }
    }

    /// The face `c` is drawn in when set in `kind`: a code face's own if it
    /// has it, else the text face of the same weight.
    pub fn resolve(&self, kind: FontKind, c: char) -> FontKind {
        let text = kind.text();
        if kind == text || self.face(kind).advance(c).is_some() { kind } else { text }
    }

    /// Advance of `c` in em in `kind` (or the face it falls back to).
    pub fn advance(&self, kind: FontKind, c: char) -> Option<f32> {
        self.face(kind)
            .advance(c)
            .or_else(|| (kind != kind.text()).then(|| self.face(kind.text()).advance(c)).flatten())
    }
}

/// A font file that could not be used, and which face it was meant for.
#[derive(Debug)]
pub struct FontFileError {
    pub face: FontKind,
    pub error: anyhow::Error,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_measure() {
        let f = FontSet::bundled().unwrap();
        assert_eq!(f.advance(FontKind::Regular, 'あ'), Some(1.0));
        assert_eq!(f.advance(FontKind::Regular, '。'), Some(1.0));
        assert!(f.advance(FontKind::Regular, 'A').unwrap() < 1.0);
        for c in ['○', '—', '※', '✓', '・', '〜', '–', '›', '■', '□', '•'] {
            assert!(f.advance(FontKind::Regular, c).is_some(), "{c}");
        }
        assert_eq!(f.advance(FontKind::Regular, '\u{1F600}'), None);
    }

    #[test]
    fn latin_is_kerned() {
        let f = FontSet::bundled().unwrap();
        for kind in [FontKind::Regular, FontKind::Bold] {
            let face = f.face(kind);
            let text: Vec<char> = "To AV".chars().collect();
            let kerned = face.kerned(&text).unwrap();
            let plain: Vec<f32> = text.iter().map(|c| face.advance(*c).unwrap()).collect();
            assert!(kerned[0] < plain[0] - 0.02, "T before o is kerned: {kerned:?} {plain:?}");
            assert!(kerned[3] < plain[3] - 0.01, "A before V is kerned: {kerned:?} {plain:?}");
            assert!((kerned[2] - plain[2]).abs() < 1e-6, "a space keeps its width");
        }
        // Ligatures stay off: one glyph per character.
        let text: Vec<char> = "office".chars().collect();
        assert_eq!(f.face(FontKind::Regular).kerned(&text).map(|a| a.len()), Some(6));
    }
}
