//! Business time as clock time: the longest a target in business hours or
//! days can take under a support calendar (working days, hours, national
//! holidays, closures), so it can be compared with clock-time targets.

use crate::model::values::{Basis, Date, Duration, Unit, Weekday};
use crate::model::{Calendar, CalendarHours, Closure, HolidaySet};

/// The window the worst case is sought in: two full years, fixed so the
/// answer does not depend on the day `check` runs.
const WINDOW_START: (i32, u8, u8) = (2025, 1, 1);
const WINDOW_DAYS: i64 = 731;

/// Japanese national holidays of `year` (国民の祝日に関する法律, by rule:
/// fixed days, Happy Monday days, equinoxes, substitute and sandwiched days).
pub fn japanese_holidays(year: i32) -> Vec<Date> {
    let d = |m: u8, day: u8| Date::from_ymd(year, m, day);
    let nth_monday = |m: u8, n: u8| {
        let first = Date::from_ymd(year, m, 1)?;
        let wd = first.0.weekday().number_days_from_monday() as i64;
        let offset = (7 - wd) % 7 + 7 * (i64::from(n) - 1);
        Date::from_unix_days(first.unix_days() + offset)
    };
    let y = f64::from(year - 1980);
    let leap = ((year - 1980) / 4) as f64;
    let spring = (20.8431 + 0.242194 * y - leap).floor() as u8;
    let autumn = (23.2488 + 0.242194 * y - leap).floor() as u8;
    let mut days: Vec<Date> = [
        d(1, 1),
        nth_monday(1, 2),
        d(2, 11),
        if year >= 2020 { d(2, 23) } else { None },
        d(3, spring),
        d(4, 29),
        d(5, 3),
        d(5, 4),
        d(5, 5),
        nth_monday(7, 3),
        if year >= 2016 { d(8, 11) } else { None },
        nth_monday(9, 3),
        d(9, autumn),
        nth_monday(10, 2),
        d(11, 3),
        d(11, 23),
    ]
    .into_iter()
    .flatten()
    .collect();
    days.sort();
    // A day between two holidays is a holiday.
    let mut extra = Vec::new();
    for w in days.windows(2) {
        if w[1].unix_days() - w[0].unix_days() == 2 {
            let mid = Date::from_unix_days(w[0].unix_days() + 1).expect("date");
            if mid.0.weekday() != time::Weekday::Sunday {
                extra.push(mid);
            }
        }
    }
    days.extend(extra);
    days.sort();
    // A holiday on a Sunday moves to the next day that is not a holiday.
    let mut substitutes = Vec::new();
    for h in &days {
        if h.0.weekday() == time::Weekday::Sunday {
            let mut n = h.unix_days() + 1;
            while days.iter().any(|x| x.unix_days() == n) || substitutes.iter().any(|x: &Date| x.unix_days() == n) {
                n += 1;
            }
            substitutes.push(Date::from_unix_days(n).expect("date"));
        }
    }
    days.extend(substitutes);
    days.sort();
    days.dedup();
    days
}

fn closed(cal: &Calendar, day: Date, holidays: &[Date]) -> bool {
    if holidays.binary_search(&day).is_ok() {
        return true;
    }
    let md = (day.0.month() as u8, day.0.day());
    cal.closed.iter().any(|c| match c.value {
        Closure::Date(d) => d == day,
        Closure::Annual { from, to } => {
            if from <= to {
                from <= md && md <= to
            } else {
                md >= from || md <= to
            }
        }
    })
}

/// What a business-time duration needs under a weekly calendar: the
/// working days of the window (holidays and closures out), opening time,
/// minutes per working day, and minutes of work needed.
struct Workload {
    open: Vec<bool>,
    /// Indices of the open days, ascending.
    open_days: Vec<usize>,
    /// For each day, the position in `open_days` of the first open day after it.
    next_open: Vec<u32>,
    open_at: u64,
    per_day: u64,
    need: u64,
}

/// How `d` runs: in clock minutes (`Err`), or as work on a calendar (`Ok`).
/// `Ok(None)` when the calendar has no working time at all.
fn workload(d: &Duration, cal: Option<&Calendar>) -> Result<Option<Workload>, Option<u64>> {
    let as_clock = || Duration { basis: Basis::Clock, ..*d }.max_clock_minutes();
    if d.basis == Basis::Clock {
        return Err(d.max_clock_minutes());
    }
    let amount = u64::from(d.worst_amount());
    // No calendar, or a round-the-clock one: business time is clock time.
    let Some(cal) = cal else { return Err(as_clock()) };
    let (days, range) = match &cal.hours.value {
        CalendarHours::Always => return Err(as_clock()),
        CalendarHours::Weekly { days, hours } => (days, hours),
    };
    let per_day = u64::from(range.minutes());
    let need = match d.unit {
        Unit::Hour => amount * 60,
        Unit::Minute => amount,
        _ => amount * per_day,
    };
    let Some(start) = Date::from_ymd(WINDOW_START.0, WINDOW_START.1, WINDOW_START.2).map(|d| d.unix_days()) else {
        return Ok(None);
    };
    let mut holidays = Vec::new();
    if cal.holidays == Some(HolidaySet::Japan) {
        for y in WINDOW_START.0..=WINDOW_START.0 + 3 {
            holidays.extend(japanese_holidays(y));
        }
        holidays.sort();
    }
    if per_day == 0 {
        return Ok(None);
    }
    let is_open = |i: i64| {
        Date::from_unix_days(start + i)
            .map(|day| days.contains(&Weekday::from_time(day.0.weekday())) && !closed(cal, day, &holidays))
    };
    // The window, then enough working days after it to finish a request
    // made on its last day (durations are capped, so this ends).
    let mut open = Vec::new();
    let mut open_days = Vec::new();
    let after_window_needed = (need / per_day) as usize + 2;
    let mut open_after_window = 0;
    let mut i = 0i64;
    loop {
        let in_window = i < WINDOW_DAYS + 60;
        if !in_window && (open_days.is_empty() || open_after_window >= after_window_needed) {
            break;
        }
        let Some(o) = is_open(i) else { break };
        if o {
            open_days.push(open.len());
            if !in_window {
                open_after_window += 1;
            }
        }
        open.push(o);
        i += 1;
    }
    if open_days.is_empty() {
        return Ok(None);
    }
    let mut next_open = vec![0u32; open.len()];
    let mut rank = open_days.len() as u32;
    for i in (0..open.len()).rev() {
        next_open[i] = rank;
        if open[i] {
            rank -= 1;
        }
    }
    Ok(Some(Workload { open, open_days, next_open, open_at: u64::from(range.start.0), per_day, need }))
}

impl Workload {
    /// Clock minutes from minute `m` of day `i` until the work is done.
    fn elapsed(&self, i: usize, m: u64) -> Option<u64> {
        let close_at = self.open_at + self.per_day;
        let mut remaining = self.need;
        let from = m.max(self.open_at);
        if self.open[i] && from < close_at {
            let available = close_at - from;
            if remaining <= available {
                return Some(from + remaining - m);
            }
            remaining -= available;
        }
        // Whole working days after day `i`; the last one only in part.
        let whole = remaining.div_ceil(self.per_day).max(1);
        let last = remaining - (whole - 1) * self.per_day;
        let first_after = self.next_open[i] as usize;
        let j = *self.open_days.get(first_after + whole as usize - 1)?;
        Some((j - i) as u64 * 1440 + self.open_at + last - m)
    }
}

/// The longest clock time `d` can take, in minutes, when business time
/// runs by `cal`. `None` only when `cal` has no working time at all.
pub fn worst_case_minutes(d: &Duration, cal: Option<&Calendar>) -> Option<u64> {
    let w = match workload(d, cal) {
        Err(clock) => return clock,
        Ok(w) => w?,
    };
    // The worst moment to ask is just after closing time on a working day.
    let close_at = w.open_at + w.per_day;
    (0..WINDOW_DAYS as usize).filter(|i| w.open[*i]).filter_map(|i| w.elapsed(i, close_at)).max()
}

/// The clock time `d` takes on average, in minutes, over every hour of the
/// window at which a request can arrive (nights, weekends and holidays
/// included). Two promises can be ordered one way in the worst case and
/// the other way on an ordinary day; customers read both.
pub(super) fn mean_minutes(d: &Duration, cal: Option<&Calendar>) -> Option<f64> {
    let w = match workload(d, cal) {
        Err(clock) => return clock.map(|m| m as f64),
        Ok(w) => w?,
    };
    let (mut sum, mut n) = (0u64, 0u64);
    for i in 0..WINDOW_DAYS as usize {
        for hour in 0..24 {
            if let Some(e) = w.elapsed(i, hour * 60 + 30) {
                sum += e;
                n += 1;
            }
        }
    }
    (n > 0).then(|| sum as f64 / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holidays_2025() {
        let h: Vec<String> = japanese_holidays(2025).iter().map(|d| d.iso()).collect();
        for day in [
            "2025-01-01",
            "2025-01-13",
            "2025-02-24",
            "2025-03-20",
            "2025-05-06",
            "2025-07-21",
            "2025-09-15",
            "2025-09-23",
            "2025-10-13",
            "2025-11-24",
        ] {
            assert!(h.contains(&day.to_string()), "{day} in {h:?}");
        }
        assert!(!h.contains(&"2025-05-07".to_string()));
    }

    #[test]
    fn citizens_holiday_in_september() {
        // 2026: Respect for the Aged Day on 21 Sep, equinox on 23 Sep.
        let h: Vec<String> = japanese_holidays(2026).iter().map(|d| d.iso()).collect();
        assert!(h.contains(&"2026-09-22".to_string()), "{h:?}");
    }
}
