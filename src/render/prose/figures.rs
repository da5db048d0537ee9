//! Figures in prose: a number (ASCII or full-width digits, kanji numerals,
//! English number words; a range with 〜, ~, - or "to") and what it
//! counts — a unit of time, a percent sign, a currency, or a count unit a
//! fact names. What looks like a figure but is not one is left out: times
//! of day (9:00, 9時30分), dates (2024年10月31日, 毎月1日), years (2022年度,
//! 2024年), ordinals (第3), versions (v1.2), codes and link destinations.

// Reads what users write: no indexing that could panic on odd input.
#![deny(clippy::indexing_slicing)]

use std::ops::Range;

use crate::model::values::{Basis, Duration, Tax, Unit};

/// What a figure states.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum FigureValue {
    Duration(Duration),
    Percent(f64),
    /// A count and the unit it was written with.
    Count(u64, String),
    /// Amount without grouping, ISO currency, and the tax the prose says
    /// applies (税込, excl. tax), if it says.
    Money(String, String, Option<Tax>),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Figure {
    /// Byte range in the text read.
    pub range: Range<usize>,
    pub value: FigureValue,
}

/// One character of the text with its byte offset, width-normalised.
#[derive(Clone, Copy)]
struct Ch {
    at: usize,
    c: char,
}

fn chars(text: &str) -> Vec<Ch> {
    text.char_indices()
        .map(|(at, c)| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            };
            Ch { at, c }
        })
        .collect()
}

fn kanji_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_kanji_numeral(c: char) -> bool {
    kanji_digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// Kanji numerals up to 9999: 三, 十二, 二十四, 百, 三百六十五. A longer
/// run (a code written in kanji digits) is not a figure.
fn kanji_value(s: &[char]) -> Option<u64> {
    if s.len() > 8 {
        return None;
    }
    let mut total: u64 = 0;
    let mut digit: Option<u64> = None;
    for &c in s {
        let place = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            c => {
                digit = Some(digit.unwrap_or(0).checked_mul(10)?.checked_add(kanji_digit(c)?)?);
                continue;
            }
        };
        total = total.checked_add(digit.unwrap_or(1).checked_mul(place)?)?;
        digit = None;
    }
    total.checked_add(digit.unwrap_or(0))
}

const WORDS: [(&str, u64); 13] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirty", 30),
];

/// A number starting at `i`: (value as text, value, end index).
fn number(cs: &[Ch], i: usize) -> Option<(String, u64, usize)> {
    let first = cs.get(i)?.c;
    // A number is read from the start of its run of digits, never from inside it.
    let before = i.checked_sub(1).and_then(|p| cs.get(p)).map(|c| c.c);
    if before.is_some_and(|b| {
        (first.is_ascii_digit() && b.is_ascii_digit()) || (is_kanji_numeral(first) && is_kanji_numeral(b))
    }) {
        return None;
    }
    if first.is_ascii_digit() {
        let mut j = i;
        let mut text = String::new();
        while let Some(ch) = cs.get(j) {
            let next_is_digit = cs.get(j + 1).is_some_and(|n| n.c.is_ascii_digit());
            match ch.c {
                d if d.is_ascii_digit() => text.push(d),
                // 1,000 and 99.9: a separator only between digits.
                ',' if next_is_digit => {}
                '.' if next_is_digit && !text.contains('.') => text.push('.'),
                _ => break,
            }
            j += 1;
        }
        let whole = text.split('.').next().unwrap_or("").parse().ok()?;
        return Some((text, whole, j));
    }
    if is_kanji_numeral(first) {
        let mut j = i;
        let mut ks = Vec::new();
        while let Some(ch) = cs.get(j).filter(|ch| is_kanji_numeral(ch.c)) {
            ks.push(ch.c);
            j += 1;
        }
        let v = kanji_value(&ks)?;
        return Some((v.to_string(), v, j));
    }
    if first.is_ascii_alphabetic() {
        // A whole word only.
        if i > 0 && cs.get(i - 1).is_some_and(|p| p.c.is_ascii_alphanumeric()) {
            return None;
        }
        for (w, v) in WORDS {
            let n = w.chars().count();
            let word: String = cs.get(i..i + n)?.iter().map(|c| c.c.to_ascii_lowercase()).collect();
            if word == w && !cs.get(i + n).is_some_and(|c| c.c.is_ascii_alphanumeric()) {
                return Some((v.to_string(), v, i + n));
            }
        }
    }
    None
}

/// Whether the duration at `start..end` is part of a phrase that states no
/// length of time.
fn not_a_duration(cs: &[Ch], start: usize, end: usize, d: &Duration) -> bool {
    let text =
        |from: usize, n: usize| -> String { cs.get(from..).unwrap_or(&[]).iter().take(n).map(|c| c.c).collect() };
    let after = text(end, 14).to_lowercase();
    let after = after.trim_start();
    let before: String = {
        let from = start.saturating_sub(4);
        cs.get(from..start).unwrap_or(&[]).iter().map(|c| c.c).collect()
    };
    let before = before.trim_end_matches([' ', '・', '、', '/', ',']);
    // The whole period as a rate is round the clock: "24 hours a day",
    // "7 days a week", "365 days a year" (but "4 hours a month" is a quota).
    let whole_period = match (d.amount, d.unit) {
        (24, Unit::Hour) => ["a day", "per day"],
        (7, Unit::Day) => ["a week", "per week"],
        (365, Unit::Day) | (52, Unit::Week) | (12, Unit::Month) => ["a year", "per year"],
        _ => ["\u{0}", "\u{0}"],
    };
    if d.max.is_none() && whole_period.iter().any(|p| after.starts_with(p)) {
        return true;
    }
    let first = cs.get(start).map(|c| c.c);
    let joined = after.trim_start_matches(['・', '、', '/', ' ']);
    match (d.amount, d.unit) {
        // 24時間365日, 24時間・365日, 二十四時間三百六十五日, 24時間体制, 24時間受付.
        (24, Unit::Hour) => ["365", "三百六十五", "体制", "受付", "対応", "稼働", "監視", "営業", "有人"]
            .iter()
            .any(|p| joined.starts_with(p)),
        (365, Unit::Day) => before.ends_with("時間"),
        (7, Unit::Day) => before.ends_with("時間") || before.ends_with("日"),
        // 十分 (enough), 三分の一 (a third).
        (_, Unit::Minute) => (first == Some('十') && end == start + 2) || after.starts_with('の'),
        // 一日も早く, 一日中.
        (1, Unit::Day) => first == Some('一') && (after.starts_with('も') || after.starts_with('中')),
        _ => false,
    }
}

/// Japanese era names: 令和6年 is a year, not six years.
const ERAS: [&str; 5] = ["令和", "平成", "昭和", "大正", "明治"];

/// Whether `era` is written just before the number whose unit starts at `u`.
fn era_before(cs: &[Ch], u: usize, era: &str) -> bool {
    // Walk back over the number (and spaces) to what precedes it.
    let mut k = u;
    while k > 0
        && cs.get(k - 1).is_some_and(|c| c.c.is_ascii_digit() || is_kanji_numeral(c.c) || c.c == ' ' || c.c == '元')
    {
        k -= 1;
    }
    let n = era.chars().count();
    k >= n && cs.get(k - n..k).is_some_and(|w| w.iter().map(|c| c.c).eq(era.chars()))
}

/// `30万` is 300,000.
fn ten_thousands(cs: &[Ch], text: String, amount: u64, end: usize) -> (String, u64, usize) {
    if cs.get(end).map(|c| c.c) != Some('万') || text.contains('.') {
        return (text, amount, end);
    }
    let v = amount.saturating_mul(10_000);
    (v.to_string(), v, end + 1)
}

/// Words that are a whole figure: 半年 (six months), ひと月 (a month).
fn word_figure(cs: &[Ch], i: usize) -> Option<(Duration, usize)> {
    for (w, amount, unit) in [("半年", 6, Unit::Month), ("ひと月", 1, Unit::Month), ("ひと月間", 1, Unit::Month)]
    {
        if let Some(e) = word_at(cs, i, w) {
            return Some((Duration { amount, max: None, unit, basis: Basis::Clock }, e));
        }
    }
    None
}

fn skip_spaces(cs: &[Ch], mut j: usize) -> usize {
    while cs.get(j).is_some_and(|c| c.c == ' ') {
        j += 1;
    }
    j
}

/// Whether `word` (lower case) is at `j`, ending at a word boundary when it is Latin.
fn word_at(cs: &[Ch], j: usize, word: &str) -> Option<usize> {
    let n = word.chars().count();
    let got: String = cs.get(j..j + n)?.iter().map(|c| c.c.to_ascii_lowercase()).collect();
    if got != word {
        return None;
    }
    let latin = word.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
    if latin && cs.get(j + n).is_some_and(|c| c.c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(j + n)
}

const TIME_UNITS: [(&str, Unit, Basis); 32] = [
    ("営業時間", Unit::Hour, Basis::Business),
    ("営業日", Unit::Day, Basis::Business),
    ("分間", Unit::Minute, Basis::Clock),
    ("分", Unit::Minute, Basis::Clock),
    ("時間", Unit::Hour, Basis::Clock),
    ("日間", Unit::Day, Basis::Clock),
    ("日", Unit::Day, Basis::Clock),
    ("週間", Unit::Week, Basis::Clock),
    ("か月", Unit::Month, Basis::Clock),
    ("ヶ月", Unit::Month, Basis::Clock),
    ("カ月", Unit::Month, Basis::Clock),
    ("ケ月", Unit::Month, Basis::Clock),
    ("ヵ月", Unit::Month, Basis::Clock),
    ("箇月", Unit::Month, Basis::Clock),
    ("年間", Unit::Year, Basis::Clock),
    ("年", Unit::Year, Basis::Clock),
    ("business hours", Unit::Hour, Basis::Business),
    ("business hour", Unit::Hour, Basis::Business),
    ("business days", Unit::Day, Basis::Business),
    ("business day", Unit::Day, Basis::Business),
    ("minutes", Unit::Minute, Basis::Clock),
    ("minute", Unit::Minute, Basis::Clock),
    ("hours", Unit::Hour, Basis::Clock),
    ("hour", Unit::Hour, Basis::Clock),
    ("days", Unit::Day, Basis::Clock),
    ("day", Unit::Day, Basis::Clock),
    ("weeks", Unit::Week, Basis::Clock),
    ("week", Unit::Week, Basis::Clock),
    ("months", Unit::Month, Basis::Clock),
    ("month", Unit::Month, Basis::Clock),
    ("years", Unit::Year, Basis::Clock),
    ("year", Unit::Year, Basis::Clock),
];

/// Whether the number at `start..end` is part of something that is not a
/// figure: a time, a date, a year, an ordinal, a version, a code.
fn not_a_figure(cs: &[Ch], start: usize, end: usize, count_units: &[&str]) -> bool {
    let before = start.checked_sub(1).and_then(|i| cs.get(i)).map(|c| c.c);
    let after = cs.get(end).map(|c| c.c);
    let time =
        before == Some(':') && start.checked_sub(2).and_then(|i| cs.get(i)).is_some_and(|c| c.c.is_ascii_digit());
    time || matches!(before, Some('第' | '#' | '/' | '.' | '-' | '_'))
        || before.is_some_and(|c| c.is_ascii_alphabetic() && !matches!(c, ' '))
        || matches!(after, Some(':' | '/'))
        // 9時 is a time of day; 9時間 a duration.
        || after == Some('時') && cs.get(end + 1).map(|c| c.c) != Some('間')
        // An ASCII number glued to a Latin letter: a code (ISO27001, v2),
        // unless the letters are a count's unit (500GB).
        || after.is_some_and(|c| c.is_ascii_alphabetic())
            && cs.get(start).is_some_and(|c| c.c.is_ascii_digit())
            && !count_units.iter().any(|u| word_at(cs, end, &u.to_lowercase()).is_some())
}

/// The tax a price in prose says applies: （税込）, 税抜, incl. tax, …
fn tax_after(cs: &[Ch], j: usize) -> Option<Tax> {
    let rest: String = cs.get(j..).unwrap_or(&[]).iter().take(16).map(|c| c.c.to_ascii_lowercase()).collect();
    let rest = rest.trim_start().trim_start_matches(['(', '（']).trim_start();
    if ["税込", "tax included", "incl. tax", "including tax", "inclusive of tax"].iter().any(|w| rest.starts_with(w))
    {
        Some(Tax::Included)
    } else if [
        "税抜",
        "税別",
        "tax excluded",
        "excl. tax",
        "excluding tax",
        "plus tax",
        "exclusive of tax",
        "before tax",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
    {
        Some(Tax::Excluded)
    } else if ["非課税", "tax exempt", "tax-exempt", "no tax"].iter().any(|w| rest.starts_with(w)) {
        Some(Tax::Exempt)
    } else {
        None
    }
}

/// Every figure in `text`. `count_units` are the units counts may be written
/// with ("名", "contacts"): a number followed by one is a count.
pub(crate) fn figures(text: &str, count_units: &[&str]) -> Vec<Figure> {
    let cs = chars(text);
    let byte = |i: usize| cs.get(i).map_or(text.len(), |c| c.at);
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if let Some((d, e)) = word_figure(&cs, i) {
            out.push(Figure { range: byte(i)..byte(e), value: FigureValue::Duration(d) });
            i = e;
            continue;
        }
        let Some((num_text, amount, end)) = number(&cs, i) else {
            i += 1;
            continue;
        };
        // A number inside a longer run of digits was read from its start.
        if not_a_figure(&cs, i, end, count_units) {
            i = end.max(i + 1);
            continue;
        }
        let (num_text, amount, end) = ten_thousands(&cs, num_text, amount, end);
        let mut j = end;
        // A range: 5〜10, 5-10, 5 to 10.
        let mut max = None;
        let k = skip_spaces(&cs, j);
        let sep_end = match cs.get(k).map(|c| c.c) {
            Some('〜' | '~' | '～' | '-' | '–') => Some(k + 1),
            _ => word_at(&cs, k, "to"),
        };
        if let Some(s) = sep_end
            && let Some((_, hi, e)) = number(&cs, skip_spaces(&cs, s))
            && hi >= amount
        {
            max = Some(hi);
            j = e;
        }
        let u = skip_spaces(&cs, j);
        let before_number = i.checked_sub(1).and_then(|p| cs.get(p)).map(|c| c.c);
        let value = unit_at(&cs, u, amount, max, &num_text, count_units, before_number);
        // Round the clock and rates ("24時間365日", "24 hours a day, 7 days a
        // week"), and idioms (十分, 三分の一, 一日も早く), are not durations.
        if let Some((FigureValue::Duration(d), unit_end)) = &value
            && not_a_duration(&cs, i, *unit_end, d)
        {
            i = *unit_end;
            continue;
        }
        match value {
            Some((v, unit_end)) => {
                out.push(Figure { range: byte(i)..byte(unit_end), value: v });
                i = unit_end;
            }
            None => {
                // Money written before the number: ¥50,000, JPY 50,000.
                let prefix = money_prefix(&cs, i);
                if let Some((currency, from)) = prefix {
                    out.push(Figure {
                        range: byte(from)..byte(end),
                        value: FigureValue::Money(num_text.replace(',', ""), currency.into(), tax_after(&cs, end)),
                    });
                }
                // Past a range too: its upper end is not a figure of its own.
                i = j.max(end);
            }
        }
    }
    out
}

fn money_prefix(cs: &[Ch], i: usize) -> Option<(&'static str, usize)> {
    let prev = i.checked_sub(1).and_then(|p| cs.get(p))?;
    if matches!(prev.c, '¥' | '￥') {
        return Some(("JPY", i - 1));
    }
    for code in ["JPY", "USD", "EUR"] {
        let start = i.checked_sub(4)?;
        let got: String = cs.get(start..i)?.iter().map(|c| c.c).collect();
        if got == format!("{code} ") {
            return Some((code, start));
        }
    }
    None
}

/// The unit after a number, and where it ends.
fn unit_at(
    cs: &[Ch],
    u: usize,
    amount: u64,
    max: Option<u64>,
    num_text: &str,
    count_units: &[&str],
    before_number: Option<char>,
) -> Option<(FigureValue, usize)> {
    if let Some(e) = word_at(cs, u, "%").or_else(|| word_at(cs, u, "パーセント")).or_else(|| word_at(cs, u, "percent"))
    {
        // A range of percentages (10〜25%) is not one figure to compare.
        if max.is_some() {
            return None;
        }
        return Some((FigureValue::Percent(num_text.parse().ok()?), e));
    }
    if let Some(e) = word_at(cs, u, "円") {
        return Some((FigureValue::Money(num_text.to_string(), "JPY".into(), tax_after(cs, e)), e));
    }
    for code in ["jpy", "usd", "eur"] {
        if let Some(e) = word_at(cs, u, code) {
            return Some((FigureValue::Money(num_text.to_string(), code.to_ascii_uppercase(), tax_after(cs, e)), e));
        }
    }
    // Counts are whole numbers.
    let whole = !num_text.contains('.');
    for unit in count_units.iter().filter(|_| whole) {
        if let Some(e) = word_at(cs, u, &unit.to_lowercase()) {
            return Some((FigureValue::Count(amount, unit.to_string()), e));
        }
    }
    // "8 authorised contacts": one Latin word may come between.
    let word_end = (u..).take_while(|&k| cs.get(k).is_some_and(|c| c.c.is_ascii_alphabetic())).last().map(|k| k + 1);
    if let Some(w) = word_end.filter(|_| whole && cs.get(u).is_some_and(|c| c.c.is_ascii_alphabetic())) {
        let after = skip_spaces(cs, w);
        for unit in count_units.iter().filter(|u| u.is_ascii()) {
            if after > w
                && let Some(e) = word_at(cs, after, &unit.to_lowercase())
            {
                return Some((FigureValue::Count(amount, unit.to_string()), e));
            }
        }
    }
    // Durations are whole numbers.
    if num_text.contains('.') {
        return None;
    }
    for (word, unit, basis) in TIME_UNITS {
        let Some(e) = word_at(cs, u, word) else { continue };
        let next = cs.get(e).map(|c| c.c);
        let japanese = !word.is_ascii();
        // Dates and times: 2024年10月, 2022年度, 令和6年, 10月31日, 毎月1日,
        // 5日（金）, 9時30分, 日曜.
        let weekday_follows = {
            let w: String = cs.get(e..).unwrap_or(&[]).iter().take(3).map(|c| c.c).collect();
            let w = w.trim_start_matches(['(', '（']);
            w.starts_with(['月', '火', '水', '木', '金', '土', '日']) && (w.contains(')') || w.contains('）'))
        };
        let date_like = match (word, japanese) {
            ("年", true) => {
                amount >= 1000
                    || ERAS.iter().any(|era| era_before(cs, u, era))
                    || next.is_some_and(|c| c == '度' || c.is_ascii_digit() || is_kanji_numeral(c))
            }
            ("日", true) => {
                matches!(before_number, Some('月')) || matches!(next, Some('曜' | '付')) || weekday_follows
            }
            ("分", true) => matches!(before_number, Some('時')),
            _ => false,
        };
        // 1か月半 is not a whole number of months.
        let half = next == Some('半');
        if date_like || half || amount > u32::MAX as u64 || max.is_some_and(|m| m > u32::MAX as u64) {
            return None;
        }
        let d = Duration { amount: amount as u32, max: max.map(|m| m as u32), unit, basis };
        return Some((FigureValue::Duration(d), e));
    }
    None
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<String> {
        figures(s, &["名", "contacts"])
            .into_iter()
            .map(|f| match f.value {
                FigureValue::Duration(d) => d.canonical(),
                FigureValue::Percent(p) => format!("{p}%"),
                FigureValue::Count(n, u) => format!("{n} {u}"),
                FigureValue::Money(a, c, t) => {
                    format!("{a} {c}{}", t.map(|t| format!(" {}", t.word())).unwrap_or_default())
                }
            })
            .collect()
    }

    #[test]
    fn reads_figures_in_both_languages() {
        assert_eq!(read("回答がないまま1か月が過ぎた場合"), ["1 month"]);
        assert_eq!(read("３０日以内に解決しない場合"), ["30 days"]);
        assert_eq!(read("5〜10営業日以内"), ["5–10 business days"]);
        assert_eq!(read("三か月ごとにレビュー"), ["3 months"]);
        assert_eq!(read("二十四時間"), ["24 hours"]);
        assert_eq!(read("担当者は8名まで"), ["8 名"]);
        assert_eq!(read("月額 300,000円（税抜）"), ["300000 JPY excluded"]);
        assert_eq!(read("稼働率 99.9％ 以上"), ["99.9%"]);
        assert_eq!(read("within 4 hours, reviewed every three months"), ["4 hours", "3 months"]);
        assert_eq!(read("up to 8 contacts for JPY 50,000"), ["8 contacts", "50000 JPY"]);
        assert_eq!(read("5 to 10 business days"), ["5–10 business days"]);
        assert_eq!(read("料金：300,000円、応答：２時間"), ["300000 JPY", "2 hours"]);
        assert_eq!(read("月額３０万円"), ["300000 JPY"]);
        assert_eq!(read("半年ごと、ひと月後"), ["6 months", "1 month"]);
        assert_eq!(read("up to eight authorised contacts"), ["8 contacts"]);
        assert_eq!(read("月額150,000円（税込）、JPY 50,000 excl. tax"), ["150000 JPY included", "50000 JPY excluded"]);
        assert_eq!(figures("容量は1000GB、５００ＧＢ", &["GB"]).len(), 2);
        assert!(read("支払いは1か月半後").is_empty());
        // A long run of kanji digits is a code, and never overflows.
        assert!(read("番号は一二三四五六七八九一二三四五六七八九一二三四五六七八九日です。").is_empty());
        assert!(read("99999999999999999999999日").is_empty());
    }

    #[test]
    fn leaves_out_what_is_not_a_figure() {
        for s in [
            "平日 9:00〜17:30",
            "2024年10月31日に改訂",
            "2022 年度の実績",
            "毎月1日に実施",
            "9時30分から",
            "第3日曜日",
            "ISO27001 の認証",
            "version 1.2 of the guide",
            "重大度（1〜4）",
            "電話 03-0000-1234",
            "someone wrote 24/7",
            "日曜日",
            "24時間365日",
            "24 hours a day, 365 days a year",
            "24 hours a day, 7 days a week",
            "24時間・365日",
            "二十四時間三百六十五日",
            "24時間体制で監視",
            "十分な情報",
            "三分の一",
            "一日も早く",
            "令和6年から",
            "5日（金）に実施",
            "10〜25%",
            "1.5 contacts",
        ] {
            assert!(read(s).is_empty(), "{s}: {:?}", read(s));
        }
    }
}
