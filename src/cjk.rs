//! East Asian text helpers shared by the loader, the templates and the
//! writers: where a line break in the source should not become a space.

/// Whether `c` is set full-width in Japanese text (kana, kanji, CJK
/// punctuation, full-width forms).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD)
}

/// Full-width punctuation (、。「」（）・ and the like), which carries its
/// own blank: no space is wanted beside it.
pub(crate) fn is_wide_punctuation(c: char) -> bool {
    // 、。 brackets 「」『』【】〔〕〖〗〘〙〚〛 quotes 〝〞〟 ・ and the
    // full-width ！（），．：；？［］｛｝｟｠ — not 〃 〜 nor ＃＄％＆＊＋／＠,
    // which are signs, not punctuation with a blank of their own.
    matches!(c as u32,
        0x3001..=0x3002
        | 0x3008..=0x3011
        | 0x3014..=0x301B
        | 0x301D..=0x301F
        | 0x30FB
        | 0xFF01
        | 0xFF08..=0xFF09
        | 0xFF0C
        | 0xFF0E
        | 0xFF1A..=0xFF1B
        | 0xFF1F
        | 0xFF3B
        | 0xFF3D
        | 0xFF5B
        | 0xFF5D
        | 0xFF5F..=0xFF60)
}

/// Whether a line break between `before` and `after` should vanish rather
/// than become a space: between two wide characters, and beside full-width
/// punctuation (「します。」 then `TAM` on the next line is 「します。TAM」).
pub(crate) fn break_vanishes(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(a), Some(b)) => (is_wide(a) && is_wide(b)) || is_wide_punctuation(a) || is_wide_punctuation(b),
        _ => false,
    }
}

/// Join lines as a paragraph: a space between them, except between two
/// wide characters.
pub(crate) fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() && !break_vanishes(out.chars().last(), line.chars().next()) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        assert_eq!(join_lines(["ための", "クラウド"]), "ためのクラウド");
        assert_eq!(join_lines(["Planora", "インフラ"]), "Planora インフラ");
        assert_eq!(join_lines(["one", "two"]), "one two");
        assert_eq!(join_lines(["です。", "次に"]), "です。次に");
        // Beside full-width punctuation a fold is no space either.
        assert_eq!(join_lines(["担当します。", "TAM が"]), "担当します。TAM が");
        assert_eq!(join_lines(["ご覧ください（", "FAQ）"]), "ご覧ください（FAQ）");
        assert_eq!(join_lines(["Planora、", "Soramail"]), "Planora、Soramail");
    }
}
