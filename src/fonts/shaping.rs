//! Kerning: a run of Latin text shaped with the face's OpenType tables
//! (harfrust), so "Te", "To" and "AV" close up as the type designer meant.
//!
//! The layout places one glyph per character (its line breaking, letter
//! spacing and hyphenation work on characters), so shaping here may only
//! move glyphs, never replace them: ligatures are turned off, and a run the
//! font would still substitute or reposition (a decomposed accent, a
//! contextual alternate) keeps its unshaped advances. What the layout
//! measures is then what the PDF draws: the same glyph ids, these advances.

use harfrust::{Direction, Feature, FontRef, ShapeOptions, ShapePlan, ShaperData, Tag, UnicodeBuffer, script};

/// A face's shaping tables, read once, and its plan for Latin text.
pub(super) struct Shaping {
    data: ShaperData,
    plan: ShapePlan,
}

/// Glyph-replacing features turned off; kerning is on by default.
fn features() -> [Feature; 3] {
    [b"liga", b"clig", b"dlig"].map(|t| Feature::new(Tag::new(t), 0, ..))
}

impl Shaping {
    /// `None` when the font's tables cannot be read by the shaper: its
    /// text is then set with plain advances.
    pub(super) fn new(bytes: &[u8]) -> Option<Shaping> {
        let font = FontRef::new(bytes).ok()?;
        let data = ShaperData::new(&font);
        let shaper = data.shaper(&font).build();
        let plan = ShapePlan::new(&shaper, Direction::LeftToRight, Some(script::LATIN), None, &features());
        Some(Shaping { data, plan })
    }

    /// Advances of `text` in font units, one per character, with the
    /// font's kerning; `None` if shaping would not keep one glyph per
    /// character, each the glyph `glyph_id` gives, drawn where it stands.
    pub(super) fn advances(&self, bytes: &[u8], text: &[char], glyph_id: impl Fn(char) -> u16) -> Option<Vec<i32>> {
        let font = FontRef::new(bytes).ok()?;
        let shaper = self.data.shaper(&font).build();
        let mut buffer = UnicodeBuffer::new();
        for (i, c) in text.iter().enumerate() {
            buffer.add(*c, i as u32);
        }
        buffer.set_direction(Direction::LeftToRight);
        buffer.set_script(script::LATIN);
        let features = features();
        let shaped = shaper.shape(buffer, ShapeOptions::new().plan(Some(&self.plan)).features(&features));
        let (infos, positions) = (shaped.glyph_infos(), shaped.glyph_positions());
        if infos.len() != text.len() {
            return None;
        }
        let mut out = Vec::with_capacity(text.len());
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let same_glyph = info.cluster as usize == i && info.glyph_id == u32::from(glyph_id(text[i]));
            if !same_glyph || pos.x_offset != 0 || pos.y_offset != 0 {
                return None;
            }
            out.push(pos.x_advance);
        }
        Some(out)
    }
}
