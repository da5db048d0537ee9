//! Calendar dates, as written in content and as printed in each language.

// Parses what users write: no indexing that could panic on odd input.
#![deny(clippy::indexing_slicing)]

use super::{Lang, ParseError, normalize_width};

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub time::Date);

impl Date {
    /// `2024-10-31` or `2024/10/31` (also `2024/4/3`).
    pub fn parse(input: &str) -> Result<Date, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let hint = || {
            crate::msg!(
                "write dates as YYYY-MM-DD, e.g. `2024-10-31`",
                "日付は YYYY-MM-DD の形で書いてください（例: `2024-10-31`）"
            )
        };
        let not_a_date =
            || ParseError::new(crate::msg!("`{s}` is not a date", "`{s}` は日付として解釈できません")).hint(hint());
        let parts: Vec<&str> = s.split(['-', '/']).collect();
        let &[year, month, day] = parts.as_slice() else {
            return Err(not_a_date());
        };
        if parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
            return Err(not_a_date());
        }
        if year.len() != 4 {
            let msg = if day.len() == 4 {
                crate::msg!("`{s}`: the year comes first", "`{s}`: 年は先頭に書きます")
            } else {
                crate::msg!("`{s}`: the year needs four digits", "`{s}`: 年は4桁で書きます")
            };
            return Err(ParseError::new(msg).hint(hint()));
        }
        // The part that is wrong, in each language.
        let bad = |en: &str, ja: &str| {
            ParseError::new(crate::msg!(
                "`{s}` is not a date: bad {en}",
                "`{s}` は日付として解釈できません（{ja}が正しくありません）"
            ))
            .hint(hint())
        };
        let y: i32 = year.parse().map_err(|_| bad("year", "年"))?;
        let m: u8 = month.parse().map_err(|_| bad("month", "月"))?;
        let d: u8 = day.parse().map_err(|_| bad("day", "日"))?;
        if y < 1900 {
            return Err(ParseError::new(crate::msg!(
                "`{s}`: the year {y} looks wrong",
                "`{s}`: {y}年は誤りのようです"
            ))
            .hint(hint()));
        }
        let month = time::Month::try_from(m).map_err(|_| {
            ParseError::new(crate::msg!("`{s}`: there is no month {m}", "`{s}`: {m}月という月はありません"))
                .hint(hint())
        })?;
        let date = time::Date::from_calendar_date(y, month, d).map_err(|_| {
            let name = month_name_en(month);
            ParseError::new(crate::msg!("`{s}`: {name} has no day {d}", "`{s}`: {m}月に{d}日はありません")).hint(hint())
        })?;
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

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests may index what they built
mod tests {
    use super::*;

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
}
