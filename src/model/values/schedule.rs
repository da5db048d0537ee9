//! Recurring schedules: `weekly on sunday`, `every third sunday at night`,
//! `every 5 minutes`, `daily at 02:00`, `毎月第3日曜日 夜間`, `5分間隔`.

use super::{Duration, Lang, ParseError, TimeOfDay, TimeRange, Unit, Weekday, normalize_width};
use crate::vocab::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MonthDay {
    /// The n-th (1–5) weekday of the month, or the last one (n = -1).
    Nth(i8, Weekday),
    /// A fixed day of the month (1–31).
    Day(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Frequency {
    Every(Duration),
    Daily,
    Weekly(Option<Weekday>),
    Monthly(Option<MonthDay>),
    Yearly,
}

/// When in the day, if the schedule says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeOfDayHint {
    At(TimeOfDay),
    Between(TimeRange),
    Night,
    Morning,
    Evening,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Schedule {
    pub frequency: Frequency,
    pub time: Option<TimeOfDayHint>,
}

fn hint() -> Msg {
    crate::msg!(
        "write e.g. `daily`, `daily at 02:00`, `weekly on sunday`, `every third sunday at night`, `monthly on day 1`, `every 5 minutes` (or `毎週日曜日`, `毎月第3日曜日 夜間`, `5分間隔`)",
        "`毎日`、`毎日 02:00`、`毎週日曜日`、`毎月第3日曜日 夜間`、`毎月1日`、`5分間隔` のように書いてください（英語では `daily at 02:00`、`weekly on sunday`、`every 5 minutes` など）"
    )
}

impl Schedule {
    pub fn parse(input: &str) -> Result<Schedule, ParseError> {
        let s = normalize_width(input).trim().to_lowercase();
        if s.is_empty() {
            return Err(ParseError::new(crate::msg!("empty schedule", "スケジュールが空です")).hint(hint()));
        }
        let parsed = if s.is_ascii() { parse_en(&s) } else { parse_ja(&s) };
        parsed.ok_or_else(|| {
            let written = input.trim();
            ParseError::new(crate::msg!(
                "`{written}` is not a schedule kiyaku understands",
                "`{written}` はスケジュールとして解釈できません"
            ))
            .hint(hint())
        })
    }

    /// The time between two occurrences (a month counts as a month).
    pub fn interval(&self) -> Duration {
        match self.frequency {
            Frequency::Every(d) => d,
            Frequency::Daily => Duration::clock(1, Unit::Day),
            Frequency::Weekly(_) => Duration::clock(1, Unit::Week),
            Frequency::Monthly(_) => Duration::clock(1, Unit::Month),
            Frequency::Yearly => Duration::clock(1, Unit::Year),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let mut out = match (lang, self.frequency) {
            (Lang::Ja, Frequency::Every(d)) => format!("{}間隔", d.render(lang)),
            (Lang::Ja, Frequency::Daily) => "毎日".to_string(),
            (Lang::Ja, Frequency::Weekly(None)) => "毎週".to_string(),
            (Lang::Ja, Frequency::Weekly(Some(w))) => format!("毎週{}", w.render(lang)),
            (Lang::Ja, Frequency::Monthly(None)) => "毎月".to_string(),
            (Lang::Ja, Frequency::Monthly(Some(MonthDay::Day(d)))) => format!("毎月{d}日"),
            (Lang::Ja, Frequency::Monthly(Some(MonthDay::Nth(-1, w)))) => {
                format!("毎月最終{}", w.render(lang))
            }
            (Lang::Ja, Frequency::Monthly(Some(MonthDay::Nth(n, w)))) => {
                format!("毎月第{n}{}", w.render(lang))
            }
            (Lang::Ja, Frequency::Yearly) => "毎年".to_string(),
            (Lang::En, Frequency::Every(d)) => format!("every {}", d.render(lang)),
            (Lang::En, Frequency::Daily) => "daily".to_string(),
            (Lang::En, Frequency::Weekly(None)) => "weekly".to_string(),
            (Lang::En, Frequency::Weekly(Some(w))) => format!("weekly on {}", w.render(lang)),
            (Lang::En, Frequency::Monthly(None)) => "monthly".to_string(),
            (Lang::En, Frequency::Monthly(Some(MonthDay::Day(d)))) => format!("monthly on day {d}"),
            (Lang::En, Frequency::Monthly(Some(MonthDay::Nth(-1, w)))) => {
                format!("monthly on the last {}", w.render(lang))
            }
            (Lang::En, Frequency::Monthly(Some(MonthDay::Nth(n, w)))) => {
                format!("monthly on the {} {}", ordinal_en(n), w.render(lang))
            }
            (Lang::En, Frequency::Yearly) => "yearly".to_string(),
        };
        if let Some(t) = self.time {
            let part = match (lang, t) {
                (Lang::Ja, TimeOfDayHint::At(t)) => format!(" {}", t.render()),
                (Lang::Ja, TimeOfDayHint::Between(r)) => format!(" {}", r.render(lang)),
                (Lang::Ja, TimeOfDayHint::Night) => "の夜間".to_string(),
                (Lang::Ja, TimeOfDayHint::Morning) => "の早朝".to_string(),
                (Lang::Ja, TimeOfDayHint::Evening) => "の夕方".to_string(),
                (Lang::En, TimeOfDayHint::At(t)) => format!(" at {}", t.render()),
                (Lang::En, TimeOfDayHint::Between(r)) => format!(", {}", r.render(lang)),
                (Lang::En, TimeOfDayHint::Night) => " at night".to_string(),
                (Lang::En, TimeOfDayHint::Morning) => " in the morning".to_string(),
                (Lang::En, TimeOfDayHint::Evening) => " in the evening".to_string(),
            };
            out.push_str(&part);
        }
        out
    }
}

impl Schedule {
    /// The lock's spelling (format 2), in the words of the YAML:
    /// `daily at 02:00`, `weekly on sunday`, `monthly on the third sunday at
    /// night`, `every 5 minutes`. Released facts depend on it: never change it.
    pub fn canonical(&self) -> String {
        let mut out = match self.frequency {
            Frequency::Every(d) => format!("every {}", d.canonical()),
            Frequency::Daily => "daily".to_string(),
            Frequency::Weekly(None) => "weekly".to_string(),
            Frequency::Weekly(Some(w)) => format!("weekly on {}", w.word()),
            Frequency::Monthly(None) => "monthly".to_string(),
            Frequency::Monthly(Some(MonthDay::Day(d))) => format!("monthly on day {d}"),
            Frequency::Monthly(Some(MonthDay::Nth(-1, w))) => format!("monthly on the last {}", w.word()),
            Frequency::Monthly(Some(MonthDay::Nth(n, w))) => format!("monthly on the {} {}", ordinal_en(n), w.word()),
            Frequency::Yearly => "yearly".to_string(),
        };
        match self.time {
            Some(TimeOfDayHint::At(t)) => out.push_str(&format!(" at {}", t.canonical())),
            Some(TimeOfDayHint::Between(r)) => out.push_str(&format!(" {}", r.canonical())),
            Some(TimeOfDayHint::Night) => out.push_str(" at night"),
            Some(TimeOfDayHint::Morning) => out.push_str(" in the morning"),
            Some(TimeOfDayHint::Evening) => out.push_str(" in the evening"),
            None => {}
        }
        out
    }
}

fn ordinal_en(n: i8) -> &'static str {
    match n {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        _ => "last",
    }
}

fn ordinal_word(w: &str) -> Option<i8> {
    Some(match w {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" | "5th" => 5,
        "last" => -1,
        _ => return None,
    })
}

fn time_hint(words: &[&str]) -> Option<Option<TimeOfDayHint>> {
    let words: Vec<&str> = words.iter().copied().filter(|w| !matches!(*w, "at" | "in" | "the" | "during")).collect();
    match words.as_slice() {
        [] => Some(None),
        ["night"] | ["nighttime"] | ["overnight"] => Some(Some(TimeOfDayHint::Night)),
        ["morning"] | ["early", "morning"] => Some(Some(TimeOfDayHint::Morning)),
        ["evening"] => Some(Some(TimeOfDayHint::Evening)),
        [t] if t.contains('-') => TimeRange::parse(t).ok().map(|r| Some(TimeOfDayHint::Between(r))),
        [t] => TimeOfDay::parse(t).ok().map(|t| Some(TimeOfDayHint::At(t))),
        [a, "-" | "to", b] => TimeRange::parse(&format!("{a}-{b}")).ok().map(|r| Some(TimeOfDayHint::Between(r))),
        _ => None,
    }
}

fn parse_en(s: &str) -> Option<Schedule> {
    let cleaned = s.replace(',', " ");
    let all: Vec<&str> = cleaned.split_whitespace().collect();
    // "month" is filler in "the first sunday of the month", but the unit
    // in "every month" and "every 2 months".
    let words: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|(i, w)| match **w {
            "on" | "the" | "of" | "each" => false,
            "month" => *i > 0 && (all[i - 1] == "every" || all[i - 1].chars().all(|c| c.is_ascii_digit())),
            _ => true,
        })
        .map(|(_, w)| *w)
        .collect();
    let (frequency, rest): (Frequency, &[&str]) = match words.as_slice() {
        ["hourly", rest @ ..] => (Frequency::Every(Duration::clock(1, Unit::Hour)), rest),
        ["daily", rest @ ..] | ["every", "day", rest @ ..] => (Frequency::Daily, rest),
        ["weekly", w, rest @ ..] if Weekday::parse(w).is_some() => (Frequency::Weekly(Weekday::parse(w)), rest),
        ["weekly", rest @ ..] | ["every", "week", rest @ ..] => (Frequency::Weekly(None), rest),
        ["every", w, rest @ ..] if Weekday::parse(w).is_some() => (Frequency::Weekly(Weekday::parse(w)), rest),
        ["monthly", "day", d, rest @ ..] => (Frequency::Monthly(Some(MonthDay::Day(month_day(d)?))), rest),
        ["monthly", o, w, rest @ ..] if ordinal_word(o).is_some() && Weekday::parse(w).is_some() => {
            (Frequency::Monthly(Some(MonthDay::Nth(ordinal_word(o)?, Weekday::parse(w)?))), rest)
        }
        ["monthly", rest @ ..] | ["every", "month", rest @ ..] => (Frequency::Monthly(None), rest),
        ["every", o, w, rest @ ..] if ordinal_word(o).is_some() && Weekday::parse(w).is_some() => {
            (Frequency::Monthly(Some(MonthDay::Nth(ordinal_word(o)?, Weekday::parse(w)?))), rest)
        }
        ["yearly", rest @ ..] | ["annually", rest @ ..] | ["every", "year", rest @ ..] => (Frequency::Yearly, rest),
        ["every", n, unit, rest @ ..] if n.chars().all(|c| c.is_ascii_digit()) => {
            (Frequency::Every(every_duration(&format!("{n} {unit}"))?), rest)
        }
        ["every", nu, rest @ ..] => (Frequency::Every(every_duration(nu)?), rest),
        _ => return None,
    };
    Some(Schedule { frequency, time: time_hint(rest)? })
}

fn every_duration(s: &str) -> Option<Duration> {
    let d = Duration::parse(s).ok()?;
    (d.max.is_none() && d.amount > 0).then_some(d)
}

fn month_day(d: &str) -> Option<u8> {
    let d = d.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let n: u8 = d.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn parse_ja(s: &str) -> Option<Schedule> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = s.as_str();
    let frequency = if let Some(r) = strip_any(rest, &["毎月", "月次"]) {
        rest = r;
        let rest_day;
        let md = if let Some(r) = rest.strip_prefix('第') {
            let (n, r) = split_digits(r)?;
            let (w, r) = weekday_ja(r)?;
            rest_day = r;
            Some(MonthDay::Nth(i8::try_from(n).ok().filter(|n| (1..=5).contains(n))?, w))
        } else if let Some(r) = rest.strip_prefix("最終") {
            let (w, r) = weekday_ja(r)?;
            rest_day = r;
            Some(MonthDay::Nth(-1, w))
        } else if let Some((n, r)) = split_digits(rest).filter(|(_, r)| r.starts_with('日')) {
            rest_day = &r['日'.len_utf8()..];
            Some(MonthDay::Day(u8::try_from(n).ok().filter(|n| (1..=31).contains(n))?))
        } else {
            rest_day = rest;
            None
        };
        rest = rest_day;
        Frequency::Monthly(md)
    } else if let Some(r) = strip_any(rest, &["毎週", "週次"]) {
        match weekday_ja(r) {
            Some((w, r)) => {
                rest = r;
                Frequency::Weekly(Some(w))
            }
            None => {
                rest = r;
                Frequency::Weekly(None)
            }
        }
    } else if let Some(r) = strip_any(rest, &["毎日", "日次"]) {
        rest = r;
        Frequency::Daily
    } else if let Some(r) = strip_any(rest, &["毎年", "年次"]) {
        rest = r;
        Frequency::Yearly
    } else if let Some(r) = strip_any(rest, &["毎時"]) {
        rest = r;
        Frequency::Every(Duration::clock(1, Unit::Hour))
    } else {
        let (n, r) = split_digits(rest)?;
        let (unit, r) = if let Some(r) = r.strip_prefix("分") {
            (Unit::Minute, r)
        } else if let Some(r) = r.strip_prefix("時間") {
            (Unit::Hour, r)
        } else if let Some(r) = r.strip_prefix("日") {
            (Unit::Day, r)
        } else {
            return None;
        };
        rest = strip_any(r, &["間隔", "ごと", "毎"])?;
        if n == 0 {
            return None;
        }
        Frequency::Every(Duration::clock(n, unit))
    };
    let rest = rest.trim_start_matches(['、', ',', 'の']);
    let time = match rest {
        "" => None,
        "夜間" | "深夜" => Some(TimeOfDayHint::Night),
        "早朝" | "朝" => Some(TimeOfDayHint::Morning),
        "夕方" => Some(TimeOfDayHint::Evening),
        t => {
            let t = t.trim_end_matches('に');
            if let Ok(r) = TimeRange::parse(t) {
                Some(TimeOfDayHint::Between(r))
            } else {
                Some(TimeOfDayHint::At(TimeOfDay::parse(t).ok()?))
            }
        }
    };
    Some(Schedule { frequency, time })
}

fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| s.strip_prefix(p))
}

fn split_digits(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

fn weekday_ja(s: &str) -> Option<(Weekday, &str)> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let w = Weekday::parse(&first.to_string())?;
    let r = &s[first.len_utf8()..];
    let r = r.strip_prefix("曜日").or_else(|| r.strip_prefix("曜")).unwrap_or(r);
    Some((w, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Schedule {
        Schedule::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn english() {
        assert_eq!(p("weekly, Sunday").frequency, Frequency::Weekly(Some(Weekday::Sun)));
        assert_eq!(p("weekly on sunday").frequency, Frequency::Weekly(Some(Weekday::Sun)));
        let s = p("every third Sunday, night");
        assert_eq!(s.frequency, Frequency::Monthly(Some(MonthDay::Nth(3, Weekday::Sun))));
        assert_eq!(s.time, Some(TimeOfDayHint::Night));
        assert_eq!(p("monthly on the 3rd sunday at night"), s);
        assert_eq!(p("every 5 minutes").interval(), Duration::clock(5, Unit::Minute));
        assert_eq!(p("every 5m").interval(), Duration::clock(5, Unit::Minute));
        assert_eq!(p("daily at 02:00").time, Some(TimeOfDayHint::At(TimeOfDay(120))));
        assert_eq!(p("monthly on day 1").frequency, Frequency::Monthly(Some(MonthDay::Day(1))));
        assert_eq!(p("daily").interval(), Duration::clock(1, Unit::Day));
        assert_eq!(p("every month").frequency, Frequency::Monthly(None));
        assert_eq!(p("every 1 month").interval(), Duration::clock(1, Unit::Month));
        assert_eq!(
            p("every first monday of the month").frequency,
            Frequency::Monthly(Some(MonthDay::Nth(1, Weekday::Mon)))
        );
    }

    #[test]
    fn japanese() {
        assert_eq!(p("毎週日曜日").frequency, Frequency::Weekly(Some(Weekday::Sun)));
        let s = p("毎月第3日曜日 夜間");
        assert_eq!(s.frequency, Frequency::Monthly(Some(MonthDay::Nth(3, Weekday::Sun))));
        assert_eq!(s.time, Some(TimeOfDayHint::Night));
        assert_eq!(p("5分間隔").interval(), Duration::clock(5, Unit::Minute));
        assert_eq!(p("日次").frequency, Frequency::Daily);
        assert_eq!(p("週次").frequency, Frequency::Weekly(None));
    }

    #[test]
    fn rendering() {
        let s = p("every third sunday at night");
        assert_eq!(s.render(Lang::Ja), "毎月第3日曜日の夜間");
        assert_eq!(s.render(Lang::En), "monthly on the third Sunday at night");
        assert_eq!(p("weekly, sunday").render(Lang::Ja), "毎週日曜日");
        assert_eq!(p("every 5 minutes").render(Lang::Ja), "5分間隔");
    }

    #[test]
    fn errors() {
        for bad in ["sometimes", "every", "every 0 minutes", "weekly on funday", "毎月第9日曜日", "daily at 25:00"]
        {
            assert!(Schedule::parse(bad).is_err(), "{bad}");
        }
    }
}
