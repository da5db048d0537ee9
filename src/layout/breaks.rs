//! Where a line may break: UAX #14 in strict mode with a Japanese content
//! locale (icu_segmenter), tailored for brackets and quotes, and for
//! identifiers and URLs, which break at `-` or `/` only as a last resort.

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::{LineBreakOptions, LineBreakStrictness, LineBreakWordOption};

/// How good a break before a character is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Break {
    /// No break here.
    Never,
    /// Only to avoid overflowing the frame: inside a word, but not against
    /// the JLReq line-start and line-end rules.
    Emergency,
    /// Only if nothing else fits (inside an identifier or URL).
    LastResort,
    /// A normal opportunity.
    Allowed,
    /// A hard line break.
    Mandatory,
}

/// Opening brackets and quotes: no break after them.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '〔'
            | '［'
            | '｛'
            | '〈'
            | '《'
            | '〘'
            | '〖'
            | '‘'
            | '“'
            | '('
            | '['
            | '{'
            | '｟'
            | '«'
    )
}

/// Closing brackets and quotes, and punctuation that may not start a line.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '）' | '」'
            | '』'
            | '】'
            | '〕'
            | '］'
            | '｝'
            | '〉'
            | '》'
            | '〙'
            | '〗'
            | '’'
            | '”'
            | ')'
            | ']'
            | '}'
            | '｠'
            | '»'
    )
}

/// Characters JLReq forbids at the start of a line (besides closing brackets).
pub fn no_line_start(c: char) -> bool {
    is_closing(c)
        || matches!(
            c,
            '、' | '。'
                | '，'
                | '．'
                | '・'
                | '：'
                | '；'
                | '？'
                | '！'
                | 'ー'
                | '―'
                | '〜'
                | '～'
                | '‐'
                | '゠'
                | '–'
                | 'ぁ'
                | 'ぃ'
                | 'ぅ'
                | 'ぇ'
                | 'ぉ'
                | 'っ'
                | 'ゃ'
                | 'ゅ'
                | 'ょ'
                | 'ゎ'
                | 'ゕ'
                | 'ゖ'
                | 'ァ'
                | 'ィ'
                | 'ゥ'
                | 'ェ'
                | 'ォ'
                | 'ッ'
                | 'ャ'
                | 'ュ'
                | 'ョ'
                | 'ヮ'
                | 'ヵ'
                | 'ヶ'
                | 'ㇰ'
                | 'ㇱ'
                | 'ㇲ'
                | 'ㇳ'
                | 'ㇴ'
                | 'ㇵ'
                | 'ㇶ'
                | 'ㇷ'
                | 'ㇸ'
                | 'ㇹ'
                | 'ㇺ'
                | 'ㇻ'
                | 'ㇼ'
                | 'ㇽ'
                | 'ㇾ'
                | 'ㇿ'
                | 'ゝ'
                | 'ゞ'
                | 'ヽ'
                | 'ヾ'
                | '々'
                | '〻'
                | '%'
                | '％'
                | ','
                | '.'
                | ':'
                | ';'
                | '!'
                | '?'
        )
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Break quality before each char of `chars` (index 0 is always `Never`).
/// With `at_spaces`, text that has spaces breaks only there if it can
/// (titles: "Planora インフラサービス / セキュリティホワイトペーパー").
pub fn opportunities_with(chars: &[char], at_spaces: bool) -> Vec<Break> {
    let mut out = opportunities(chars);
    if at_spaces && chars.contains(&' ') {
        for i in 1..chars.len() {
            if out[i] == Break::Allowed && chars[i - 1] != ' ' {
                out[i] = Break::LastResort;
            }
        }
    }
    out
}

/// Break quality before each char of `chars` (index 0 is always `Never`).
pub fn opportunities(chars: &[char]) -> Vec<Break> {
    let mut out = vec![Break::Never; chars.len() + 1];
    if chars.is_empty() {
        return out;
    }
    let text: String = chars.iter().collect();
    // Byte offset → char index.
    let mut char_at = vec![0usize; text.len() + 1];
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        char_at[bi..bi + c.len_utf8()].fill(ci);
    }
    char_at[text.len()] = chars.len();

    let mut options = LineBreakOptions::default();
    options.strictness = Some(LineBreakStrictness::Strict);
    options.word_option = Some(LineBreakWordOption::Normal);
    let ja: icu_locale_core::LanguageIdentifier = icu_locale_core::langid!("ja");
    options.content_locale = Some(&ja);
    let segmenter = LineSegmenter::new_for_non_complex_scripts(options);
    for b in segmenter.segment_str(&text) {
        let i = char_at[b];
        if i == 0 || i >= chars.len() {
            continue;
        }
        out[i] = if chars[i - 1] == '\n' { Break::Mandatory } else { Break::Allowed };
    }
    for i in 1..chars.len() {
        let (prev, next) = (chars[i - 1], chars[i]);
        if prev == '\n' {
            out[i] = Break::Mandatory;
            continue;
        }
        if out[i] != Break::Allowed {
            if !no_line_start(next) && !is_opening(prev) && next != '\n' {
                out[i] = Break::Emergency;
            }
            continue;
        }
        // JLReq line-start and line-end prohibitions, whatever the algorithm said.
        if no_line_start(next) || is_opening(prev) {
            out[i] = Break::Never;
            continue;
        }
        // A number stays with its counter or unit: 24時間, 1か月, 3世代
        // (か月 too: 1か|月 is never broken).
        let counter_month =
            matches!(prev, 'か' | 'カ' | 'ヶ' | 'ケ' | 'ヵ') && next == '月' && i >= 2 && chars[i - 2].is_ascii_digit();
        if (prev.is_ascii_digit() && crate::cjk::is_wide(next)) || counter_month {
            out[i] = Break::Never;
            continue;
        }
        // `ap-northeast-1`, `https://example.com/path`, `arn:acme:iam`: keep
        // together if possible.
        let in_identifier = matches!(prev, '-' | '/' | '.' | '_' | '=' | '&' | '?' | '#' | ':')
            && i >= 2
            && (is_word_char(chars[i - 2]) || chars[i - 2] == '/')
            && is_word_char(next);
        // Not after a URL's scheme: `https://` alone at a line's end.
        let after_scheme = prev == '/' && i >= 3 && chars[i - 2] == '/' && chars[i - 3] == ':';
        if in_identifier && !after_scheme {
            out[i] = Break::LastResort;
        } else if after_scheme {
            out[i] = Break::Never;
        }
        // A command-line option (`--output`, `-v`) stays whole.
        if prev == '-' && is_word_char(next) && (i < 2 || matches!(chars[i - 2], ' ' | '-')) {
            out[i] = Break::Never;
        }
    }
    out
}

/// Where English words may be hyphenated: after index `i - 1` when
/// `out[i]` is set. Words of six letters or more, at least two letters
/// before the break and three after it; not inside identifiers and URLs
/// (a letter run touching `/ . _ : @ -` or a digit).
pub fn hyphen_points(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len() + 1];
    let glued = |c: Option<&char>| {
        c.is_some_and(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '_' | ':' | '@' | '-' | '='))
    };
    for run in crate::cjk::runs(chars, |c| c.is_ascii_alphabetic(), |c| c.is_ascii_alphabetic()) {
        let (start, i) = (run.start, run.end);
        let before = start.checked_sub(1).and_then(|b| chars.get(b));
        // Past 40 letters it is a name or a token, not a word (and the
        // hyphenator takes at most 45 bytes).
        if i - start < 6 || i - start > 40 || glued(before) || glued(chars.get(i)) {
            continue;
        }
        let word: String = chars[start..i].iter().collect();
        let mut at = start;
        for syllable in hypher::hyphenate_bounded(&word, hypher::Lang::English, 2, 3) {
            at += syllable.len();
            if at < i {
                out[at] = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_hyphenate_but_identifiers_do_not() {
        let points = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let h = hyphen_points(&chars);
            let mut out = String::new();
            for (i, c) in chars.iter().enumerate() {
                if h[i] {
                    out.push('-');
                }
                out.push(*c);
            }
            out
        };
        assert_eq!(points("administrative logs"), "ad-min-is-tra-tive logs");
        assert_eq!(points("see https://console.example/administration"), "see https://console.example/administration");
        assert_eq!(points("role LogReaderWithRetention_v2"), "role LogReaderWithRetention_v2");
        let long = "a".repeat(60);
        assert_eq!(points(&long), long);
    }

    fn allowed(s: &str) -> Vec<usize> {
        let chars: Vec<char> = s.chars().collect();
        opportunities(&chars).iter().enumerate().filter(|(_, b)| **b >= Break::Allowed).map(|(i, _)| i).collect()
    }

    #[test]
    fn japanese_prohibitions() {
        let s: Vec<char> = "ですね。「かぎ」と、ちょっとテスト。".chars().collect();
        let ops = opportunities(&s);
        for (i, b) in ops.iter().enumerate().take(s.len()).skip(1) {
            if *b >= Break::Allowed {
                assert!(!no_line_start(s[i]), "break before {} at {i}", s[i]);
                assert!(!is_opening(s[i - 1]), "break after {} at {i}", s[i - 1]);
            }
        }
        // small kana and the prolonged sound mark never start a line
        let s: Vec<char> = "ちょっとサーバー".chars().collect();
        let ops = opportunities(&s);
        for (i, c) in s.iter().enumerate() {
            if matches!(c, 'ょ' | 'っ' | 'ー') {
                assert_eq!(ops[i], Break::Never, "{c}");
            }
        }
    }

    #[test]
    fn identifiers_break_last() {
        let chars: Vec<char> = "region ap-northeast-1 here".chars().collect();
        let ops = opportunities(&chars);
        assert_eq!(ops[10], Break::LastResort); // after "ap-"
        assert_eq!(allowed("region ap-northeast-1 here"), vec![7, 22]);
    }

    #[test]
    fn a_scheme_and_a_month_count_stay_whole() {
        let chars: Vec<char> = "see https://example.com/a 1か月".chars().collect();
        let ops = opportunities(&chars);
        assert_eq!(ops[12], Break::Never); // after "https://"
        assert_eq!(ops[24], Break::LastResort); // after "example.com/"
        assert_eq!(ops[28], Break::Never); // 1か|月
    }

    #[test]
    fn options_stay_whole() {
        let at = allowed("run --output file -v now");
        assert!(!at.contains(&6) && !at.contains(&19), "{at:?}");
        assert!(at.contains(&4) && at.contains(&13) && at.contains(&18), "{at:?}");
    }

    #[test]
    fn hard_breaks() {
        let chars: Vec<char> = "a\nb".chars().collect();
        assert_eq!(opportunities(&chars)[2], Break::Mandatory);
    }
}
