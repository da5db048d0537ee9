//! Rendering typed values as document text.

use crate::model::values::{Basis, Duration, Lang, Unit, Weekday};
use crate::model::{Calendar, CalendarHours, Event, Target};

/// "4時間以内" / "within 4 hours".
pub(super) fn deadline(t: &Target, lang: Lang) -> String {
    match (t, lang) {
        (Target::Within(d), Lang::Ja) => format!("{}以内", d.render(lang)),
        (Target::Within(d), Lang::En) => format!("within {}", d.render(lang)),
        _ => special(t, lang),
    }
}

/// "毎日", "2時間ごと" / "daily", "every 2 hours".
pub(super) fn frequency(t: &Target, lang: Lang) -> String {
    let Target::Within(d) = t else {
        return special(t, lang);
    };
    let one_day = d.amount == 1 && d.max.is_none() && d.unit == Unit::Day;
    match (lang, one_day, d.basis) {
        (Lang::Ja, true, Basis::Clock) => "毎日".into(),
        (Lang::Ja, true, Basis::Business) => "毎営業日".into(),
        (Lang::En, true, Basis::Clock) => "daily".into(),
        (Lang::En, true, Basis::Business) => "every business day".into(),
        (Lang::Ja, false, _) => format!("{}ごと", d.render(lang)),
        (Lang::En, false, _) => format!("every {}", d.render(lang)),
    }
}

/// "24時間後" / "after 24 hours"; zero reads as "immediately".
pub(super) fn after(t: &Target, lang: Lang) -> String {
    match (t, lang) {
        (Target::Within(d), Lang::Ja) if d.is_zero() => "受付時から".into(),
        (Target::Within(d), Lang::En) if d.is_zero() => "from the start".into(),
        (Target::Within(d), Lang::Ja) => format!("{}後", d.render(lang)),
        (Target::Within(d), Lang::En) => format!("after {}", d.render(lang)),
        _ => special(t, lang),
    }
}

/// "3分未満" / "under 3 minutes".
pub(super) fn under(t: &Target, lang: Lang) -> String {
    match (t, lang) {
        (Target::Within(d), Lang::Ja) => format!("{}未満", d.render(lang)),
        (Target::Within(d), Lang::En) => format!("under {}", d.render(lang)),
        _ => special(t, lang),
    }
}

fn special(t: &Target, lang: Lang) -> String {
    match (t, lang) {
        (Target::AsNeeded, Lang::Ja) => "随時".into(),
        (Target::AsNeeded, Lang::En) => "as needed".into(),
        (Target::NotOffered, _) => "—".into(),
        (Target::Within(d), _) => d.render(lang),
    }
}

pub(super) fn event(e: Event, lang: Lang) -> &'static str {
    match (e, lang) {
        (Event::ContractEnd, Lang::Ja) => "契約終了",
        (Event::ContractEnd, Lang::En) => "the end of the contract",
        (Event::Request, Lang::Ja) => "お客様のご依頼",
        (Event::Request, Lang::En) => "your request",
        (Event::TicketClosed, Lang::Ja) => "チケットのクローズ",
        (Event::TicketClosed, Lang::En) => "the ticket is closed",
    }
}

/// "契約終了の翌日から1か月以内" / "within 1 month after the end of the contract".
pub(super) fn within_after(d: &Duration, e: Event, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}の翌日から{}以内", event(e, lang), d.render(lang)),
        Lang::En => format!("within {} after {}", d.render(lang), event(e, lang)),
    }
}

/// "チケットのクローズ後90日間" / "90 days after the ticket is closed".
pub(super) fn kept_after(d: &Duration, e: Event, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}後{}間", event(e, lang), d.render(lang)),
        Lang::En => format!("{} after {}", d.render(lang), event(e, lang)),
    }
}

/// "平日 9:00〜17:30" / "weekdays 9:00–17:30 (UTC+9)"; "24時間365日".
pub(super) fn calendar_hours(c: &Calendar, lang: Lang) -> String {
    match &c.hours.value {
        CalendarHours::Always => match lang {
            Lang::Ja => "24時間365日".into(),
            Lang::En => "24 hours a day, 365 days a year".into(),
        },
        CalendarHours::Weekly { days, hours } => {
            let weekdays = days.as_slice() == &Weekday::ALL[..5];
            let days_text = if weekdays {
                match lang {
                    Lang::Ja => "平日".to_string(),
                    Lang::En => "weekdays".to_string(),
                }
            } else {
                let sep = if lang == Lang::Ja { "・" } else { ", " };
                days.iter().map(|d| d.short(lang)).collect::<Vec<_>>().join(sep)
            };
            format!("{days_text} {}", hours.render(lang))
        }
    }
}

/// "3世代" / "3 generations".
pub(super) fn generations(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{n}世代"),
        Lang::En if n == 1 => "1 generation".into(),
        Lang::En => format!("{n} generations"),
    }
}

/// How long the oldest backup is kept: interval × generations ("3週間").
pub(super) fn backup_kept(interval: &Duration, generations: u32, lang: Lang) -> String {
    let mut amount = interval.amount.saturating_mul(generations);
    let mut unit = interval.unit;
    // Say "7 days", not "168 hours"; a larger unit only when it is exact.
    let larger = [(Unit::Minute, 60, Unit::Hour), (Unit::Hour, 24, Unit::Day)];
    if interval.basis == Basis::Clock {
        for (from, per, to) in larger {
            if unit == from && amount >= 2 * per && amount.is_multiple_of(per) {
                amount /= per;
                unit = to;
            }
        }
    }
    Duration { amount, max: None, unit, basis: interval.basis }.render(lang)
}

/// Join short items: "日本語・英語" / "Japanese, English".
pub(super) fn join(items: &[String], lang: Lang) -> String {
    items.join(if lang == Lang::Ja { "、" } else { ", " })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_retention_is_said_in_the_unit_a_reader_expects() {
        let every = |amount, unit| Duration { amount, max: None, unit, basis: Basis::Clock };
        assert_eq!(backup_kept(&every(12, Unit::Hour), 14, Lang::En), "7 days");
        assert_eq!(backup_kept(&every(12, Unit::Hour), 14, Lang::Ja), "7日");
        assert_eq!(backup_kept(&every(1, Unit::Hour), 36, Lang::En), "36 hours");
        assert_eq!(backup_kept(&every(30, Unit::Minute), 4, Lang::En), "2 hours");
        assert_eq!(backup_kept(&every(1, Unit::Day), 14, Lang::En), "14 days");
    }
}
