//! East Asian text helpers shared by the loader, the templates and the
//! writers: where a line break in the source should not become a space,
//! and which stretches of a text are in another script than the
//! document's (for the language of spans in tagged PDF).

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

/// Kana or kanji: the letters of Japanese text.
fn is_kana_or_kanji(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007 // 々〆〇
        | 0x3041..=0x30FA // hiragana, katakana
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F // half-width katakana
        | 0x20000..=0x3FFFD)
}

/// Kana, kanji, and the punctuation and full-width forms that go with them.
fn is_japanese(c: char) -> bool {
    is_kana_or_kanji(c) || matches!(c as u32, 0x3000..=0x303F | 0x30FB | 0xFF01..=0xFF65)
}

/// The stretches of `chars` written in Japanese, as index ranges: they
/// begin and end with kana or kanji (a full-width space or bracket alone
/// is not Japanese text).
pub(crate) fn japanese_spans(chars: &[char]) -> Vec<std::ops::Range<usize>> {
    runs(chars, is_kana_or_kanji, is_japanese)
        .into_iter()
        .map(|r| {
            // End at the last kana or kanji.
            let end = (r.start..r.end).rev().find(|&i| is_kana_or_kanji(chars[i])).map_or(r.end, |i| i + 1);
            r.start..end
        })
        .collect()
}

/// The stretches of `chars` that are English phrases inside Japanese
/// text: Latin words, two or more of at least two letters, one with a
/// small letter ("Service Level Agreement", not "ISO 27001", "AWS" or a
/// lone product name, which a Japanese voice reads well enough).
pub(crate) fn english_phrases(chars: &[char]) -> Vec<std::ops::Range<usize>> {
    let latin = |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '\'' | '’' | '-' | '.' | ',' | '&' | '/');
    let mut out = Vec::new();
    for run in runs(chars, |c| c.is_ascii_alphabetic(), latin) {
        // End at the last letter or digit.
        let mut end = run.end;
        while end > run.start && !chars[end - 1].is_ascii_alphanumeric() {
            end -= 1;
        }
        let text: String = chars[run.start..end].iter().collect();
        let words = text.split(' ').filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2).count();
        if words >= 2 && text.chars().any(|c| c.is_ascii_lowercase()) {
            out.push(run.start..end);
        }
    }
    out
}

/// The maximal runs of `chars` that begin with a char `first` accepts and
/// go on while `rest` accepts.
pub(crate) fn runs(
    chars: &[char],
    first: impl Fn(char) -> bool,
    rest: impl Fn(char) -> bool,
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !first(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < chars.len() && rest(chars[i]) {
            i += 1;
        }
        out.push(start..i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(f: fn(&[char]) -> Vec<std::ops::Range<usize>>, s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        f(&chars).into_iter().map(|r| chars[r].iter().collect()).collect()
    }

    #[test]
    fn finds_text_in_the_other_language() {
        assert_eq!(spans(japanese_spans, "Provided by 株式会社ほしかげ (Tokyo)."), ["株式会社ほしかげ"]);
        assert_eq!(spans(japanese_spans, "Response within 1 hour."), Vec::<String>::new());
        assert_eq!(
            spans(english_phrases, "本書は Service Level Agreement（SLA）を定めます。"),
            ["Service Level Agreement"]
        );
        for one in ["Planora の稼働率", "ISO/IEC 27001 認証", "AWS 東京リージョン", "Microsoft 365 の連携"]
        {
            assert_eq!(spans(english_phrases, one), Vec::<String>::new(), "{one}");
        }
        assert_eq!(spans(english_phrases, "「Google Cloud」上で"), ["Google Cloud"]);
    }

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
