//! How often something happens, possibly bounded: `every 3 months`,
//! `yearly`, `at most once a day`, `at least once a week`, `1日1回まで`,
//! `3か月ごと`. Without a bound it is a [`Schedule`].

use super::{Basis, Duration, Frequency, Lang, ParseError, Schedule, Unit, normalize_width};
use crate::vocab::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CadenceBound {
    Exactly,
    AtMost,
    AtLeast,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cadence {
    pub bound: CadenceBound,
    pub schedule: Schedule,
}

fn hint() -> Msg {
    crate::msg!(
        "write a schedule (`daily`, `every 3 months`, `yearly`, `毎月`), optionally bounded: `at most once a day`, `at least once a week`, `1日1回まで`, `週1回以上`",
        "スケジュール（`毎日`、`3か月ごと`、`毎年`、`daily`、`every 3 months`）を書いてください。`1日1回まで`、`週1回以上`、`at most once a day`、`at least once a week` のように上限や下限も付けられます"
    )
}

impl Cadence {
    pub fn parse(input: &str) -> Result<Cadence, ParseError> {
        let s = normalize_width(input).trim().to_lowercase();
        let parsed = if s.is_ascii() { parse_en(&s) } else { parse_ja(&s) };
        if let Some(c) = parsed {
            return Ok(c);
        }
        Schedule::parse(&s).map(|schedule| Cadence { bound: CadenceBound::Exactly, schedule }).map_err(|_| {
            let written = input.trim();
            ParseError::new(crate::msg!(
                "`{written}` is not a cadence kiyaku understands",
                "`{written}` は頻度として解釈できません"
            ))
            .hint(hint())
        })
    }

    /// As written in YAML: `at most daily`, `every 3 months`. The lock keeps it.
    pub fn canonical(&self) -> String {
        match self.bound {
            CadenceBound::Exactly => self.schedule.canonical(),
            CadenceBound::AtMost => format!("at most {}", self.schedule.canonical()),
            CadenceBound::AtLeast => format!("at least {}", self.schedule.canonical()),
        }
    }

    /// "3か月ごと", "1日1回まで", "週1回以上" / "every 3 months",
    /// "at most once a day", "at least once a week".
    pub fn render(&self, lang: Lang) -> String {
        let period = |lang| match self.schedule.frequency {
            Frequency::Daily => match lang {
                Lang::Ja => "1日".to_string(),
                Lang::En => "a day".to_string(),
            },
            Frequency::Weekly(_) => match lang {
                Lang::Ja => "週".to_string(),
                Lang::En => "a week".to_string(),
            },
            Frequency::Monthly(_) => match lang {
                Lang::Ja => "月".to_string(),
                Lang::En => "a month".to_string(),
            },
            Frequency::Yearly => match lang {
                Lang::Ja => "年".to_string(),
                Lang::En => "a year".to_string(),
            },
            Frequency::Every(d) => match lang {
                Lang::Ja => format!("{}に", d.render(lang)),
                Lang::En => format!("every {}", d.render(lang)),
            },
        };
        match (self.bound, lang) {
            (CadenceBound::Exactly, _) => match (self.schedule.frequency, self.schedule.time, lang) {
                (Frequency::Every(d), None, Lang::Ja) => format!("{}ごと", d.render(lang)),
                _ => self.schedule.render(lang),
            },
            (CadenceBound::AtMost, Lang::Ja) => format!("{}1回まで", period(lang)),
            (CadenceBound::AtLeast, Lang::Ja) => format!("{}1回以上", period(lang)),
            (CadenceBound::AtMost, Lang::En) => format!("at most once {}", period(lang)),
            (CadenceBound::AtLeast, Lang::En) => format!("at least once {}", period(lang)),
        }
    }
}

/// Every `d`: a whole day, week, month or year of clock time is the plain
/// frequency; business time keeps its basis (3営業日ごと).
fn every(d: Duration) -> Frequency {
    match (d.amount, d.unit, d.basis) {
        (1, Unit::Day, Basis::Clock) => Frequency::Daily,
        (1, Unit::Week, Basis::Clock) => Frequency::Weekly(None),
        (1, Unit::Month, Basis::Clock) => Frequency::Monthly(None),
        (1, Unit::Year, Basis::Clock) => Frequency::Yearly,
        _ => Frequency::Every(d),
    }
}

fn bounded(bound: CadenceBound, frequency: Frequency) -> Cadence {
    Cadence { bound, schedule: Schedule { frequency, time: None } }
}

fn parse_en(s: &str) -> Option<Cadence> {
    let (bound, rest) = [
        ("at most ", CadenceBound::AtMost),
        ("no more than ", CadenceBound::AtMost),
        ("at least ", CadenceBound::AtLeast),
        ("no less than ", CadenceBound::AtLeast),
    ]
    .into_iter()
    .find_map(|(p, b)| s.strip_prefix(p).map(|r| (b, r.trim())))
    .unwrap_or((CadenceBound::Exactly, s));
    let once = rest.strip_prefix("once ").map(str::trim);
    let frequency = match once {
        Some("a day" | "per day" | "daily") => Frequency::Daily,
        Some("a week" | "per week" | "weekly") => Frequency::Weekly(None),
        Some("a month" | "per month" | "monthly") => Frequency::Monthly(None),
        Some("a year" | "per year" | "yearly") => Frequency::Yearly,
        Some(o) => {
            let d = Duration::parse(o.strip_prefix("every ")?).ok()?;
            if d.max.is_some() || d.amount == 0 {
                return None;
            }
            every(d)
        }
        None if bound == CadenceBound::Exactly => return None,
        // A bound is on how often: "at most weekly on monday at 09:00" says
        // more than a bound can keep, so it is refused rather than cut.
        None => {
            let s = Schedule::parse(rest).ok()?;
            let plain =
                s.time.is_none() && !matches!(s.frequency, Frequency::Weekly(Some(_)) | Frequency::Monthly(Some(_)));
            if !plain {
                return None;
            }
            s.frequency
        }
    };
    Some(bounded(bound, frequency))
}

fn parse_ja(s: &str) -> Option<Cadence> {
    let s = s.replace(' ', "");
    let (bound, rest) = if let Some(r) = s.strip_suffix("まで") {
        (CadenceBound::AtMost, r)
    } else if let Some(r) = s.strip_suffix("以上") {
        (CadenceBound::AtLeast, r)
    } else {
        (CadenceBound::Exactly, s.as_str())
    };
    let rest = rest.strip_prefix("最大").or_else(|| rest.strip_prefix("最低")).unwrap_or(rest);
    if let Some(d) = rest.strip_suffix("ごと").and_then(|r| Duration::parse(r).ok()) {
        return (d.max.is_none() && d.amount > 0).then(|| bounded(bound, every(d)));
    }
    let period = rest.strip_suffix("1回")?.trim_end_matches('に');
    let frequency = match period {
        "1日" | "日" | "毎日" => Frequency::Daily,
        "週" | "1週" | "1週間" | "毎週" => Frequency::Weekly(None),
        "月" | "1か月" | "1ヶ月" | "1カ月" | "毎月" => Frequency::Monthly(None),
        "年" | "1年" | "毎年" => Frequency::Yearly,
        other => {
            let d = Duration::parse(other).ok()?;
            if d.max.is_some() || d.amount == 0 {
                return None;
            }
            every(d)
        }
    };
    Some(bounded(bound, frequency))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Cadence {
        Cadence::parse(s).unwrap_or_else(|e| panic!("{s}: {}", e.message))
    }

    #[test]
    fn reads_bounds_in_both_languages() {
        assert_eq!(c("at most once a day"), c("1日1回まで"));
        assert_eq!(c("at most once a day").bound, CadenceBound::AtMost);
        assert_eq!(c("at least once a week"), c("週1回以上"));
        assert_eq!(c("once every 3 months"), c("3か月に1回"));
        assert_eq!(c("every 3 months"), c("3か月ごと"));
        assert_eq!(c("yearly"), c("年1回"));
        assert_eq!(c("ＡＴ ＭＯＳＴ ｏｎｃｅ ａ ｄａｙ").bound, CadenceBound::AtMost);
        assert_eq!(c("3営業日ごと").render(Lang::Ja), "3営業日ごと");
        assert_eq!(c("at most once every 2 business days").canonical(), "at most every 2 business days");
        for bad in [
            "sometimes",
            "at most",
            "once",
            "1日1回くらい",
            "at most once every 0 days",
            "at least weekly on monday at 09:00",
        ] {
            assert!(Cadence::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn renders_and_reads_back() {
        let cases = [
            ("at most once a day", "1日1回まで", "at most once a day"),
            ("at least once a week", "週1回以上", "at least once a week"),
            ("every 3 months", "3か月ごと", "every 3 months"),
            ("yearly", "毎年", "yearly"),
            ("at most once every 2 hours", "2時間に1回まで", "at most once every 2 hours"),
        ];
        for (input, ja, en) in cases {
            let v = c(input);
            assert_eq!((v.render(Lang::Ja).as_str(), v.render(Lang::En).as_str()), (ja, en), "{input}");
            assert_eq!(c(&v.canonical()), v, "{input}");
        }
    }
}
