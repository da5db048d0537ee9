//! Small typed values: ids, dates, versions, percentages, times of day,
//! weekdays and retention periods.

use std::cmp::Ordering;
use std::fmt;

use super::{Duration, Lang, ParseError, normalize_width};

/// A stable identifier: lowercase ASCII letters, digits, `-` and `_`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    pub fn parse(s: &str) -> Result<Id, ParseError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::new("an id cannot be empty"));
        }
        if s.len() > 80 {
            return Err(ParseError::new("an id is at most 80 characters long"));
        }
        let ok = s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            let suggestion: String = s
                .chars()
                .map(|c| match c {
                    'A'..='Z' => c.to_ascii_lowercase(),
                    'a'..='z' | '0'..='9' | '-' | '_' => c,
                    _ => '-',
                })
                .collect();
            let suggestion = suggestion.trim_matches('-').to_string();
            let hint = if suggestion.is_empty() {
                "ids use lowercase ASCII letters, digits, `-` and `_`; write the title separately".to_string()
            } else {
                format!("ids use lowercase ASCII letters, digits, `-` and `_`, e.g. `{suggestion}`")
            };
            return Err(ParseError::new(format!("`{s}` is not a valid id")).hint(hint));
        }
        if s.starts_with('-') || s.ends_with('-') {
            return Err(ParseError::new(format!("`{s}`: an id cannot start or end with `-`")));
        }
        Ok(Id(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub time::Date);

impl Date {
    /// `2024-10-31` or `2024/10/31` (also `2024/4/3`).
    pub fn parse(input: &str) -> Result<Date, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let hint = "write dates as YYYY-MM-DD, e.g. `2024-10-31`";
        let parts: Vec<&str> = s.split(['-', '/']).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
            return Err(ParseError::new(format!("`{s}` is not a date")).hint(hint));
        }
        if parts[0].len() != 4 {
            let msg = if parts[2].len() == 4 {
                format!("`{s}`: the year comes first")
            } else {
                format!("`{s}`: the year needs four digits")
            };
            return Err(ParseError::new(msg).hint(hint));
        }
        let bad = |what: &str| ParseError::new(format!("`{s}` is not a date: bad {what}")).hint(hint);
        let y: i32 = parts[0].parse().map_err(|_| bad("year"))?;
        let m: u8 = parts[1].parse().map_err(|_| bad("month"))?;
        let d: u8 = parts[2].parse().map_err(|_| bad("day"))?;
        if y < 1900 {
            return Err(ParseError::new(format!("`{s}`: the year {y} looks wrong")).hint(hint));
        }
        let month = time::Month::try_from(m)
            .map_err(|_| ParseError::new(format!("`{s}`: there is no month {m}")).hint(hint))?;
        let date = time::Date::from_calendar_date(y, month, d)
            .map_err(|_| ParseError::new(format!("`{s}`: {} has no day {d}", month_name_en(month))).hint(hint))?;
        Ok(Date(date))
    }

    pub fn from_ymd(y: i32, m: u8, d: u8) -> Option<Date> {
        time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok().map(Date)
    }

    /// ISO 8601: `2024-10-31`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.0.year(), self.0.month() as u8, self.0.day())
    }

    /// "2024年10月31日" / "31 October 2024".
    pub fn render(&self, lang: Lang) -> String {
        let d = self.0;
        match lang {
            Lang::Ja => format!("{}年{}月{}日", d.year(), d.month() as u8, d.day()),
            Lang::En => format!("{} {} {}", d.day(), month_name_en(d.month()), d.year()),
        }
    }

    /// Days since 1970-01-01 (for seconds-since-epoch style dates).
    pub fn unix_days(&self) -> i64 {
        (self.0.to_julian_day()
            - time::Date::from_calendar_date(1970, time::Month::January, 1)
                .map(|d| d.to_julian_day())
                .unwrap_or(2440588)) as i64
    }

    pub fn from_unix_days(days: i64) -> Option<Date> {
        time::Date::from_julian_day((days + 2440588) as i32).ok().map(Date)
    }
}

fn month_name_en(m: time::Month) -> &'static str {
    use time::Month::*;
    match m {
        January => "January",
        February => "February",
        March => "March",
        April => "April",
        May => "May",
        June => "June",
        July => "July",
        August => "August",
        September => "September",
        October => "October",
        November => "November",
        December => "December",
    }
}

/// A document version that compares numerically: `1.10 > 1.9`.
#[derive(Clone, Debug, Eq)]
pub struct Version {
    pub parts: Vec<u32>,
    /// As written, for display.
    pub text: String,
}

impl Version {
    pub fn parse(input: &str) -> Result<Version, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let hint = "write versions as numbers separated by dots, e.g. `1.0`, `1.4`, `2.10`";
        let lower = s.to_lowercase();
        for prefix in ["ver.", "ver", "v"] {
            if lower.starts_with(prefix) && lower[prefix.len()..].starts_with(|c: char| c.is_ascii_digit()) {
                return Err(ParseError::new(format!(
                    "`{s}`: write the version without the `{}` prefix",
                    &s[..prefix.len()]
                ))
                .hint(format!(
                    "write `{}`; the label (版 / Version) is added when the document is rendered",
                    &s[prefix.len()..]
                )));
            }
        }
        if s.is_empty() {
            return Err(ParseError::new("empty version").hint(hint));
        }
        let mut parts = Vec::new();
        for p in s.split('.') {
            if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 9 {
                return Err(ParseError::new(format!("`{s}` is not a version")).hint(hint));
            }
            parts.push(p.parse().map_err(|_| ParseError::new("version part too large"))?);
        }
        Ok(Version { parts, text: s.to_string() })
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl std::hash::Hash for Version {
    /// Consistent with equality: trailing zero parts do not count.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let end = self.parts.iter().rposition(|p| *p != 0).map_or(0, |i| i + 1);
        self.parts[..end].hash(state);
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    /// Numeric, part by part; missing parts count as zero (`1 == 1.0`).
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        for i in 0..n {
            let a = self.parts.get(i).copied().unwrap_or(0);
            let b = other.parts.get(i).copied().unwrap_or(0);
            match a.cmp(&b) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        Ordering::Equal
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PercentBound {
    Exact,
    AtLeast,
    AtMost,
}

/// A percentage such as `99.95%` or `>= 99.99%`.
#[derive(Clone, Debug, PartialEq)]
pub struct Percent {
    pub value: f64,
    /// The number as written (`99.99`), for display without float noise.
    pub text: String,
    pub bound: PercentBound,
}

impl Percent {
    pub fn parse(input: &str) -> Result<Percent, ParseError> {
        let s = normalize_width(input);
        let mut s = s.trim().to_string();
        let hint = "write a percentage such as `99.9%`, `>= 99.99%` or `99.99%以上`";
        let mut bound = PercentBound::Exact;
        for (p, b) in [
            (">=", PercentBound::AtLeast),
            ("≥", PercentBound::AtLeast),
            ("<=", PercentBound::AtMost),
            ("≤", PercentBound::AtMost),
        ] {
            if let Some(r) = s.strip_prefix(p) {
                bound = b;
                s = r.trim().to_string();
            }
        }
        for (p, b) in [
            ("以上", PercentBound::AtLeast),
            ("以下", PercentBound::AtMost),
            ("or more", PercentBound::AtLeast),
            ("or less", PercentBound::AtMost),
        ] {
            if let Some(r) = s.strip_suffix(p) {
                bound = b;
                s = r.trim().to_string();
            }
        }
        let Some(num) = s.strip_suffix('%') else {
            return Err(ParseError::new(format!("`{}` is not a percentage: it needs a `%`", input.trim())).hint(hint));
        };
        let num = num.trim();
        let valid = !num.is_empty()
            && num.chars().all(|c| c.is_ascii_digit() || c == '.')
            && num.matches('.').count() <= 1
            && !num.starts_with('.')
            && !num.ends_with('.');
        if !valid {
            return Err(ParseError::new(format!("`{}` is not a percentage", input.trim())).hint(hint));
        }
        let value: f64 = num.parse().map_err(|_| ParseError::new("bad number").hint(hint))?;
        Ok(Percent { value, text: num.to_string(), bound })
    }

    /// "99.99% 以上" / "at least 99.99%".
    pub fn render(&self, lang: Lang) -> String {
        match (lang, self.bound) {
            (_, PercentBound::Exact) => format!("{}%", self.text),
            (Lang::Ja, PercentBound::AtLeast) => format!("{}%以上", self.text),
            (Lang::Ja, PercentBound::AtMost) => format!("{}%以下", self.text),
            (Lang::En, PercentBound::AtLeast) => format!("at least {}%", self.text),
            (Lang::En, PercentBound::AtMost) => format!("at most {}%", self.text),
        }
    }
}

/// Minutes since midnight; `24:00` is allowed as the end of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay(pub u16);

impl TimeOfDay {
    pub fn parse(input: &str) -> Result<TimeOfDay, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let hint = "write times as HH:MM, e.g. `09:00` or `17:30`";
        let (h, m) =
            s.split_once(':').ok_or_else(|| ParseError::new(format!("`{s}` is not a time of day")).hint(hint))?;
        let h: u16 = h.parse().map_err(|_| ParseError::new(format!("`{s}` is not a time of day")).hint(hint))?;
        let m: u16 = m.parse().map_err(|_| ParseError::new(format!("`{s}` is not a time of day")).hint(hint))?;
        if m >= 60 || h > 24 || (h == 24 && m != 0) {
            return Err(ParseError::new(format!("`{s}` is not a time of day")).hint(hint));
        }
        Ok(TimeOfDay(h * 60 + m))
    }

    pub fn hours(self) -> u16 {
        self.0 / 60
    }

    pub fn minutes(self) -> u16 {
        self.0 % 60
    }

    pub fn render(self) -> String {
        format!("{}:{:02}", self.hours(), self.minutes())
    }
}

/// `09:00-17:30`; the end may be before the start for hours that cross midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeRange {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

impl TimeRange {
    pub fn parse(input: &str) -> Result<TimeRange, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let hint = "write hours as `09:00-17:30`";
        let (a, b) = s
            .split_once(['-', '~', '〜', '–'])
            .ok_or_else(|| ParseError::new(format!("`{s}` is not a range of hours")).hint(hint))?;
        let start = TimeOfDay::parse(a).map_err(|e| e.hint(hint))?;
        let end = TimeOfDay::parse(b).map_err(|e| e.hint(hint))?;
        if start == end {
            return Err(ParseError::new(format!("`{s}`: the hours start and end at the same time")).hint(hint));
        }
        Ok(TimeRange { start, end })
    }

    pub fn minutes(&self) -> u32 {
        if self.end > self.start {
            u32::from(self.end.0 - self.start.0)
        } else {
            u32::from(24 * 60 - self.start.0 + self.end.0)
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => format!("{}〜{}", self.start.render(), self.end.render()),
            Lang::En => format!("{}–{}", self.start.render(), self.end.render()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    pub fn parse(input: &str) -> Option<Weekday> {
        let s = input.trim().to_lowercase();
        let s = s.trim_end_matches('s');
        use Weekday::*;
        Some(match s {
            "mon" | "monday" | "月" | "月曜" | "月曜日" => Mon,
            "tue" | "tues" | "tuesday" | "火" | "火曜" | "火曜日" => Tue,
            "wed" | "wednesday" | "水" | "水曜" | "水曜日" => Wed,
            "thu" | "thur" | "thurs" | "thursday" | "木" | "木曜" | "木曜日" => Thu,
            "fri" | "friday" | "金" | "金曜" | "金曜日" => Fri,
            "sat" | "saturday" | "土" | "土曜" | "土曜日" => Sat,
            "sun" | "sunday" | "日" | "日曜" | "日曜日" => Sun,
            _ => return None,
        })
    }

    pub fn index(self) -> u8 {
        self as u8
    }

    pub fn from_time(w: time::Weekday) -> Weekday {
        Weekday::ALL[w.number_days_from_monday() as usize]
    }

    pub fn render(self, lang: Lang) -> &'static str {
        let i = self as usize;
        match lang {
            Lang::Ja => ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"][i],
            Lang::En => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][i],
        }
    }

    pub fn short(self, lang: Lang) -> &'static str {
        let i = self as usize;
        match lang {
            Lang::Ja => ["月", "火", "水", "木", "金", "土", "日"][i],
            Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
        }
    }
}

/// How long something is kept: a fixed duration, or for as long as the
/// contract runs (optionally plus a period after it ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Retention {
    For(Duration),
    ContractTerm { plus: Option<Duration> },
}

impl Retention {
    pub fn parse(input: &str) -> Result<Retention, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let lower = s.to_lowercase();
        let hint = "write a duration (`90 days`), `contract term`, or `contract term + 30 days`";
        let (head, tail) = match lower.split_once('+') {
            Some((h, t)) => (h.trim().to_string(), Some(t.trim().to_string())),
            None => (lower.clone(), None),
        };
        let is_term = matches!(
            head.as_str(),
            "contract term"
                | "contract-term"
                | "contract"
                | "for the contract term"
                | "契約期間"
                | "契約期間中"
                | "ご契約期間中"
        );
        if is_term {
            let plus = match tail {
                Some(t) => Some(Duration::parse(&t).map_err(|e| e.hint(hint))?),
                None => None,
            };
            return Ok(Retention::ContractTerm { plus });
        }
        Duration::parse(s).map(Retention::For).map_err(|e| ParseError::new(e.message).hint(hint))
    }

    /// How long after the contract ends this is still kept, in clock minutes
    /// (upper bound); `None` if that cannot be known without a calendar.
    pub fn after_contract_end_max_minutes(&self) -> Option<u64> {
        match self {
            Retention::For(d) => d.max_clock_minutes(),
            Retention::ContractTerm { plus: None } => Some(0),
            Retention::ContractTerm { plus: Some(d) } => d.max_clock_minutes(),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Retention::For(d), _) => d.render(lang),
            (Retention::ContractTerm { plus: None }, Lang::Ja) => "ご契約期間中".into(),
            (Retention::ContractTerm { plus: None }, Lang::En) => "for the contract term".into(),
            (Retention::ContractTerm { plus: Some(d) }, Lang::Ja) => {
                format!("ご契約期間中および終了後{}", d.render(lang))
            }
            (Retention::ContractTerm { plus: Some(d) }, Lang::En) => {
                format!("for the contract term and {} after", d.render(lang))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        let v = |s| Version::parse(s).unwrap();
        assert!(v("1.10") > v("1.9"));
        assert!(v("2") > v("1.99"));
        assert_eq!(v("1.0"), v("1"));
        assert_eq!(v("1.10").text, "1.10");
        assert!(Version::parse("Ver1.0").is_err());
        assert!(Version::parse("1..2").is_err());
        assert!(Version::parse("1.a").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2024-10-31").unwrap().iso(), "2024-10-31");
        assert_eq!(Date::parse("2022/7/22").unwrap().iso(), "2022-07-22");
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2023-13-01").is_err());
        assert!(Date::parse("31/12/2023").is_err());
        assert_eq!(Date::parse("2024-10-31").unwrap().render(Lang::Ja), "2024年10月31日");
        assert_eq!(Date::parse("2024-10-31").unwrap().render(Lang::En), "31 October 2024");
    }

    #[test]
    fn percents() {
        let p = Percent::parse(">= 99.99%").unwrap();
        assert_eq!(p.bound, PercentBound::AtLeast);
        assert_eq!(p.render(Lang::Ja), "99.99%以上");
        assert_eq!(Percent::parse("99.9%").unwrap().value, 99.9);
        assert!(Percent::parse("99.9").is_err());
        assert!(Percent::parse("abc%").is_err());
    }

    #[test]
    fn ids() {
        assert!(Id::parse("premium-support").is_ok());
        assert!(Id::parse("2").is_ok());
        let e = Id::parse("Premium Support").unwrap_err();
        assert_eq!(e.hint.unwrap(), "ids use lowercase ASCII letters, digits, `-` and `_`, e.g. `premium-support`");
    }

    #[test]
    fn retention() {
        assert_eq!(Retention::parse("contract term").unwrap(), Retention::ContractTerm { plus: None });
        assert!(matches!(Retention::parse("90 days").unwrap(), Retention::For(_)));
        assert!(matches!(
            Retention::parse("contract term + 30 days").unwrap(),
            Retention::ContractTerm { plus: Some(_) }
        ));
    }

    #[test]
    fn times() {
        assert_eq!(TimeRange::parse("09:00-17:30").unwrap().minutes(), 510);
        assert_eq!(TimeRange::parse("22:00-06:00").unwrap().minutes(), 480);
        assert!(TimeOfDay::parse("25:00").is_err());
    }
}
