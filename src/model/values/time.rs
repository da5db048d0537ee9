//! Times of day, time ranges and weekdays.

use super::{Lang, ParseError, normalize_width};

/// Minutes since midnight; `24:00` is allowed as the end of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay(pub u16);

impl TimeOfDay {
    pub fn parse(input: &str) -> Result<TimeOfDay, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let bad = || {
            ParseError::new(crate::msg!("`{s}` is not a time of day", "`{s}` は時刻として解釈できません")).hint(
                crate::msg!(
                    "write times as HH:MM, e.g. `09:00` or `17:30`",
                    "時刻は HH:MM の形で書いてください（例: `09:00`、`17:30`）"
                ),
            )
        };
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        let h: u16 = h.parse().map_err(|_| bad())?;
        let m: u16 = m.parse().map_err(|_| bad())?;
        if m >= 60 || h > 24 || (h == 24 && m != 0) {
            return Err(bad());
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

    /// The lock's spelling (format 2): `09:00`. Never change it.
    pub fn canonical(self) -> String {
        format!("{:02}:{:02}", self.hours(), self.minutes())
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
        let hint = || {
            crate::msg!(
                "write hours as `09:00-17:30`",
                "時間帯は `09:00-17:30` や `9:00〜17:30` のように書いてください"
            )
        };
        let (a, b) = s.split_once(['-', '~', '〜', '–']).ok_or_else(|| {
            ParseError::new(crate::msg!("`{s}` is not a range of hours", "`{s}` は時間帯として解釈できません"))
                .hint(hint())
        })?;
        let start = TimeOfDay::parse(a).map_err(|e| e.hint(hint()))?;
        let end = TimeOfDay::parse(b).map_err(|e| e.hint(hint()))?;
        if start == end {
            return Err(ParseError::new(crate::msg!(
                "`{s}`: the hours start and end at the same time",
                "`{s}`: 時間帯の開始と終了が同じ時刻です"
            ))
            .hint(hint()));
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

    /// The lock's spelling (format 2): `09:00-17:30`. Never change it.
    pub fn canonical(&self) -> String {
        format!("{}-{}", self.start.canonical(), self.end.canonical())
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

    /// The lock's spelling (format 2), as written in YAML: `sunday`. Never change it.
    pub fn word(self) -> &'static str {
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][self as usize]
    }

    pub fn short(self, lang: Lang) -> &'static str {
        let i = self as usize;
        match lang {
            Lang::Ja => ["月", "火", "水", "木", "金", "土", "日"][i],
            Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(TimeRange::parse("09:00-17:30").unwrap().minutes(), 510);
        assert_eq!(TimeRange::parse("22:00-06:00").unwrap().minutes(), 480);
        assert!(TimeOfDay::parse("25:00").is_err());
    }
}
