//! Durations with a unit and a basis: `30m`, `4h`, `6 business hours`,
//! `1 business day`, `1 month`, `5-10 business days`, `4時間`, `1営業日`.

use super::{Lang, ParseError, normalize_width};
use crate::vocab::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// Clock time runs all the time; business time only in the support calendar's hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basis {
    Clock,
    Business,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    pub amount: u32,
    /// Upper end of a range such as `5-10 business days`.
    pub max: Option<u32>,
    pub unit: Unit,
    pub basis: Basis,
}

/// The longest duration accepted: a century. Anything longer is a typo, and
/// business-time arithmetic on it must stay bounded.
const MAX_MINUTES: u64 = 100 * 366 * 1440;

/// A century of working days (about 240 a year), for the same cap in
/// business time: an hour counts as an eighth of a business day.
const MAX_BUSINESS_DAYS: u64 = 100 * 240;

fn syntax_hint() -> Msg {
    crate::msg!(
        "write a number and a unit: `30m`, `4h`, `2 days`, `1 week`, `1 month`, `6 business hours`, `1 business day` (or `4時間`, `1営業日`)",
        "数値と単位で書いてください: `30分`、`4時間`、`2日`、`1週間`、`1か月`、`6営業時間`、`1営業日`（または `30m`、`4h`、`2 days`、`1 business day`）"
    )
}

impl Duration {
    pub fn clock(amount: u32, unit: Unit) -> Duration {
        Duration { amount, max: None, unit, basis: Basis::Clock }
    }

    pub fn parse(input: &str) -> Result<Duration, ParseError> {
        let s = normalize_width(input).trim().to_lowercase();
        let s = s.strip_prefix("within ").or_else(|| s.strip_prefix("up to ")).unwrap_or(&s).trim();
        let s = s.strip_suffix("以内").unwrap_or(s).trim();
        if s.is_empty() {
            return Err(ParseError::new(crate::msg!("empty duration", "期間が空です")).hint(syntax_hint()));
        }
        let written = input.trim();
        let too_large = || {
            ParseError::new(crate::msg!(
                "`{written}` is too long for a duration: more than 100 years",
                "`{written}` は期間として長すぎます（100年を超えています）"
            ))
            .hint(crate::msg!(
                "durations go up to 100 years (in business time, 24,000 business days); check the number for a typo",
                "期間は100年まで（営業日では24,000営業日まで）です。数値に誤りがないか確認してください"
            ))
        };
        let (amount, rest) = match leading_int(s) {
            Number::Missing => {
                return Err(ParseError::new(crate::msg!(
                    "`{written}` is not a duration: it must start with a number",
                    "`{written}` は期間として解釈できません（先頭に数値が必要です）"
                ))
                .hint(syntax_hint()));
            }
            Number::TooLarge => return Err(too_large()),
            Number::Int(n, rest) => (n, rest),
        };
        let mut rest = rest.trim_start();
        if rest.starts_with('.') || rest.starts_with(',') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return Err(ParseError::new(crate::msg!(
                "`{written}`: durations are whole numbers",
                "`{written}`: 期間は整数で書きます"
            ))
            .hint(crate::msg!(
                "use a smaller unit, e.g. `90m` instead of `1.5h`",
                "小さい単位を使ってください（例: `1.5時間` ではなく `90分`）"
            )));
        }
        let mut max = None;
        for sep in ["-", "~", "〜", "～", "–", "to "] {
            if let Some(r) = rest.strip_prefix(sep) {
                let (hi, r2) = match leading_int(r.trim_start()) {
                    Number::Int(n, r2) => (n, r2),
                    Number::TooLarge => return Err(too_large()),
                    Number::Missing => {
                        return Err(ParseError::new(crate::msg!(
                            "`{written}`: a range needs a number after `{sep}`",
                            "`{written}`: 範囲には `{sep}` の後にも数値が必要です"
                        ))
                        .hint(crate::msg!(
                            "write a range as `5-10 business days`",
                            "範囲は `5〜10営業日`（`5-10 business days`）のように書いてください"
                        )));
                    }
                };
                if hi < amount {
                    return Err(ParseError::new(crate::msg!(
                        "`{written}`: the range ends before it starts",
                        "`{written}`: 範囲の終わりが始まりより前になっています"
                    ))
                    .hint(crate::msg!(
                        "write the smaller number first, e.g. `5-10 business days`",
                        "`5〜10営業日`（`5-10 business days`）のように、小さいほうの数値を先に書いてください"
                    )));
                }
                max = Some(hi);
                rest = r2.trim_start();
                break;
            }
        }
        let word: String = rest.split_whitespace().collect::<Vec<_>>().join(" ");
        let (unit, basis) = unit_from_word(&word).ok_or_else(|| {
            let msg = if word.is_empty() {
                crate::msg!("`{written}` has no unit", "`{written}` に単位がありません")
            } else {
                match nearest_unit(&word) {
                    Some(unit) => crate::msg!(
                        "`{word}` is not a unit of time: did you mean `{unit}`?",
                        "`{word}` は時間の単位ではありません（`{unit}` の誤りではありませんか？）"
                    ),
                    None => crate::msg!("`{word}` is not a unit of time", "`{word}` は時間の単位ではありません"),
                }
            };
            ParseError::new(msg).hint(syntax_hint())
        })?;
        let d = Duration { amount, max, unit, basis };
        let too_long = match basis {
            Basis::Clock => d.max_clock_minutes().unwrap_or(0) > MAX_MINUTES,
            Basis::Business => d.business_day_equivalent() > MAX_BUSINESS_DAYS,
        };
        if too_long {
            return Err(too_large());
        }
        Ok(d)
    }

    /// Business days this duration spans at the least generous reading of
    /// a working week (8 hours a day, 5 days a week, 20 a month, 240 a year).
    fn business_day_equivalent(&self) -> u64 {
        let n = u64::from(self.worst_amount());
        match self.unit {
            Unit::Minute => n / 480,
            Unit::Hour => n / 8,
            Unit::Day => n,
            Unit::Week => n * 5,
            Unit::Month => n * 20,
            Unit::Year => n * 240,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.max.unwrap_or(self.amount) == 0
    }

    /// The amount a comparison must assume: the upper end of a range.
    pub fn worst_amount(&self) -> u32 {
        self.max.unwrap_or(self.amount)
    }

    /// Longest clock time this duration can mean, in minutes (a month is
    /// 31 days, a year 366). `None` for business time, which needs a calendar.
    pub fn max_clock_minutes(&self) -> Option<u64> {
        self.clock_minutes(self.worst_amount(), true)
    }

    /// Shortest clock time this duration can mean, in minutes.
    pub fn min_clock_minutes(&self) -> Option<u64> {
        self.clock_minutes(self.amount, false)
    }

    fn clock_minutes(&self, amount: u32, longest: bool) -> Option<u64> {
        if self.basis == Basis::Business {
            return None;
        }
        let per = match self.unit {
            Unit::Minute => 1,
            Unit::Hour => 60,
            Unit::Day => 1440,
            Unit::Week => 7 * 1440,
            Unit::Month if longest => 31 * 1440,
            Unit::Month => 28 * 1440,
            Unit::Year if longest => 366 * 1440,
            Unit::Year => 365 * 1440,
        };
        Some(u64::from(amount) * per)
    }

    /// "4時間" / "4 hours"; ranges as "5〜10営業日" / "5–10 business days".
    pub fn render(&self, lang: Lang) -> String {
        let n = match self.max {
            Some(m) if m != self.amount => match lang {
                Lang::Ja => format!("{}〜{}", self.amount, m),
                Lang::En => format!("{}–{}", self.amount, m),
            },
            _ => self.amount.to_string(),
        };
        let plural = self.worst_amount() != 1;
        match lang {
            Lang::Ja => {
                let unit = match (self.basis, self.unit) {
                    (Basis::Business, Unit::Hour) => "営業時間",
                    (Basis::Business, _) => "営業日",
                    (_, Unit::Minute) => "分",
                    (_, Unit::Hour) => "時間",
                    (_, Unit::Day) => "日",
                    (_, Unit::Week) => "週間",
                    (_, Unit::Month) => "か月",
                    (_, Unit::Year) => "年",
                };
                format!("{n}{unit}")
            }
            Lang::En => {
                let unit = match self.unit {
                    Unit::Minute => "minute",
                    Unit::Hour => "hour",
                    Unit::Day => "day",
                    Unit::Week => "week",
                    Unit::Month => "month",
                    Unit::Year => "year",
                };
                let business = if self.basis == Basis::Business { "business " } else { "" };
                let s = if plural { "s" } else { "" };
                format!("{n} {business}{unit}{s}")
            }
        }
    }

    /// The canonical written form, as it would be typed in YAML.
    pub fn canonical(&self) -> String {
        self.render(Lang::En)
    }
}

enum Number<'a> {
    Missing,
    TooLarge,
    Int(u32, &'a str),
}

fn leading_int(s: &str) -> Number<'_> {
    let end = s.char_indices().find(|(_, c)| !c.is_ascii_digit()).map(|(i, _)| i).unwrap_or(s.len());
    if end == 0 {
        return Number::Missing;
    }
    match s[..end].parse() {
        Ok(n) => Number::Int(n, &s[end..]),
        Err(_) => Number::TooLarge,
    }
}

/// The unit a misspelt one was probably meant to be (`hourz` → `hours`).
fn nearest_unit(word: &str) -> Option<&'static str> {
    const UNITS: [&str; 16] = [
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "business hour",
        "business hours",
        "business day",
        "business days",
    ];
    let word = word.to_lowercase();
    UNITS
        .iter()
        .map(|u| (strsim::levenshtein(&word, u), *u))
        .filter(|(d, u)| *d <= 2 && *d < u.len() / 2)
        // Of equally near ones, the one as long as the word (`hourz`: `hours`).
        .min_by_key(|(d, u)| (*d, u.len().abs_diff(word.len())))
        .map(|(_, u)| u)
}

fn unit_from_word(w: &str) -> Option<(Unit, Basis)> {
    use Basis::*;
    use Unit::*;
    Some(match w {
        "m" | "min" | "mins" | "minute" | "minutes" | "分" | "分間" => (Minute, Clock),
        "h" | "hr" | "hrs" | "hour" | "hours" | "時間" => (Hour, Clock),
        "d" | "day" | "days" | "日" | "日間" => (Day, Clock),
        "w" | "wk" | "wks" | "week" | "weeks" | "週" | "週間" => (Week, Clock),
        "mo" | "mon" | "month" | "months" | "か月" | "ヶ月" | "カ月" | "ケ月" | "箇月" | "ヵ月" | "か月間"
        | "ヶ月間" | "カ月間" => (Month, Clock),
        "y" | "yr" | "yrs" | "year" | "years" | "年" | "年間" => (Year, Clock),
        "bh" | "business hour" | "business hours" | "営業時間" => (Hour, Business),
        "bd" | "business day" | "business days" | "営業日" => (Day, Business),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Duration {
        Duration::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn a_misspelt_unit_is_named() {
        let e = Duration::parse("4 hourz").unwrap_err();
        assert!(e.message.contains("did you mean `hours`?"), "{}", e.message);
        let e = Duration::parse("2 bussiness days").unwrap_err();
        assert!(e.message.contains("`business days`"), "{}", e.message);
        assert!(!Duration::parse("4 apples").unwrap_err().message.contains("did you mean"));
    }

    #[test]
    fn compact_and_words() {
        assert_eq!(p("30m"), Duration::clock(30, Unit::Minute));
        assert_eq!(p("4h"), Duration::clock(4, Unit::Hour));
        assert_eq!(p("4 hours"), Duration::clock(4, Unit::Hour));
        assert_eq!(p("1 month"), Duration::clock(1, Unit::Month));
        assert_eq!(p("6 business hours").basis, Basis::Business);
        assert_eq!(p("1 business day").unit, Unit::Day);
        assert_eq!(p("４時間"), Duration::clock(4, Unit::Hour));
        assert_eq!(p("1営業日").basis, Basis::Business);
        assert_eq!(p("1か月以内"), Duration::clock(1, Unit::Month));
    }

    #[test]
    fn ranges() {
        let d = p("5-10 business days");
        assert_eq!((d.amount, d.max), (5, Some(10)));
        assert_eq!(d.render(Lang::Ja), "5〜10営業日");
        assert_eq!(d.render(Lang::En), "5–10 business days");
        assert!(Duration::parse("10-5 days").is_err());
    }

    #[test]
    fn rendering() {
        assert_eq!(p("4h").render(Lang::Ja), "4時間");
        assert_eq!(p("4h").render(Lang::En), "4 hours");
        assert_eq!(p("1h").render(Lang::En), "1 hour");
        assert_eq!(p("6 business hours").render(Lang::Ja), "6営業時間");
        assert_eq!(p("6 business hours").render(Lang::En), "6 business hours");
        assert_eq!(p("1 business day").render(Lang::En), "1 business day");
        assert_eq!(p("1 month").render(Lang::Ja), "1か月");
    }

    #[test]
    fn errors() {
        assert!(Duration::parse("soon").is_err());
        assert!(Duration::parse("4").is_err());
        assert!(Duration::parse("1.5h").is_err());
        assert!(Duration::parse("4 fortnights").is_err());
        assert!(Duration::parse("").is_err());
    }

    #[test]
    fn clock_bounds() {
        assert_eq!(p("1 month").max_clock_minutes(), Some(31 * 1440));
        assert_eq!(p("1 month").min_clock_minutes(), Some(28 * 1440));
        assert_eq!(p("1 business day").max_clock_minutes(), None);
    }
}
