//! The canonical facts of what a document says: `path: value` lines built
//! from the model (text as written in the document's language, typed
//! values in canonical form). The lock compares them between releases;
//! each block kind says in the registry (`blocks/`) what facts it shows.

use super::values::{Lang, Percent, Retention, Schedule};
use super::{Calendar, CalendarHours, Closure, Event, Project, Target, Text, UtcOffset};

/// How facts spell typed values: the vocabulary of a lock format. A lock
/// entry is compared in the words it was released with, so an entry from
/// an older kiyaku still compares equal until the document is released
/// again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    /// kiyaku 0.1's lock (no `format:` line): schedules, retention,
    /// percentages, hours and time zones as kiyaku printed them in English,
    /// events as Rust names (`ContractEnd`). Frozen.
    Format1,
    /// Format 2: every value in the words of the YAML it came from
    /// (`daily at 02:00`, `contract term + 30 days`, `>= 99.9%`,
    /// `mon,tue,wed,thu,fri 09:00-17:30`, `UTC+09:00 (JST)`, `contract-end`).
    Format2,
}

impl Words {
    /// What `kiyaku release` writes.
    pub const CURRENT: Words = Words::Format2;

    /// The number written in the lock (`words: 2`).
    pub fn number(self) -> u32 {
        match self {
            Words::Format1 => 1,
            Words::Format2 => 2,
        }
    }

    pub fn from_number(n: u32) -> Option<Words> {
        match n {
            1 => Some(Words::Format1),
            2 => Some(Words::Format2),
            _ => None,
        }
    }
}

/// A canonical value as a reader of a `lang` document would write it
/// ("daily at 02:00" → "毎日 2:00"), for `kiyaku diff`; `None` when it is
/// not a typed value spelled exactly as format 2 spells one (prose, names,
/// format 1's words), which is shown as it is.
pub fn display_value(value: &str, lang: Lang) -> Option<String> {
    use super::values::{Cadence, Duration};
    match value {
        "as needed" => return Some(if lang == Lang::Ja { "随時" } else { "as needed" }.into()),
        "n/a" => return Some("—".into()),
        _ => {}
    }
    if let Ok(p) = Percent::parse(value)
        && p.canonical() == value
    {
        return Some(p.render(lang));
    }
    if let Ok(d) = Duration::parse(value)
        && d.canonical() == value
    {
        return Some(d.render(lang));
    }
    if let Ok(r) = Retention::parse(value)
        && r.canonical() == value
    {
        return Some(r.render(lang));
    }
    if let Ok(s) = Schedule::parse(value)
        && s.canonical() == value
    {
        return Some(s.render(lang));
    }
    match Cadence::parse(value) {
        Ok(c) if c.canonical() == value => Some(c.render(lang)),
        _ => None,
    }
}

/// What a section says, as canonical `path: value` lines.
pub struct Facts<'a> {
    pub lang: Lang,
    pub project: &'a Project,
    pub words: Words,
    out: Vec<String>,
}

impl<'a> Facts<'a> {
    pub fn new(lang: Lang, project: &'a Project, words: Words) -> Facts<'a> {
        Facts { lang, project, words, out: Vec::new() }
    }

    pub fn schedule(&mut self, path: &str, s: &Schedule) {
        let v = match self.words {
            Words::Format1 => s.render(Lang::En),
            Words::Format2 => s.canonical(),
        };
        self.put(path, v);
    }

    pub fn retention(&mut self, path: &str, r: &Retention) {
        let v = match self.words {
            Words::Format1 => r.render(Lang::En),
            Words::Format2 => r.canonical(),
        };
        self.put(path, v);
    }

    pub fn percent(&mut self, path: &str, p: &Percent) {
        let v = match self.words {
            Words::Format1 => p.render(Lang::En),
            Words::Format2 => p.canonical(),
        };
        self.put(path, v);
    }

    pub fn event(&mut self, path: &str, e: Event) {
        let v = match (self.words, e) {
            (Words::Format2, e) => e.word(),
            (Words::Format1, Event::ContractEnd) => "ContractEnd",
            (Words::Format1, Event::Request) => "Request",
            (Words::Format1, Event::TicketClosed) => "TicketClosed",
        };
        self.put(path, v);
    }

    pub fn offset(&mut self, path: &str, o: &UtcOffset) {
        let v = match self.words {
            Words::Format1 => o.render(),
            Words::Format2 => o.canonical(),
        };
        self.put(path, v);
    }

    /// A custom fact's value (or table cell), in canonical form.
    pub fn custom_value(&mut self, path: &str, r: &super::custom::Resolved) {
        self.put(path, canonical_or_dash(r, self.lang));
        // A calendar is shown by its name and hours: those are its facts too.
        if let Some(super::custom::Value::Calendar(c)) = r.value {
            let p = self.project;
            self.calendar(path, p.calendar(c.as_str()));
        }
    }

    /// The value of every custom fact the lines so far refer to, as
    /// document `d` resolves it: a changed fact changes every section
    /// whose prose shows it, though the prose itself did not change.
    pub fn references(&mut self, d: &super::Document) {
        let mut dests: Vec<String> = Vec::new();
        for line in &self.out {
            for found in super::custom::find_refs(line) {
                if !dests.iter().any(|s| s == found.dest) {
                    dests.push(found.dest.to_string());
                }
            }
        }
        let p = self.project;
        for dest in &dests {
            let Ok(r) = super::custom::FactRef::parse(dest) else { continue };
            if let Ok(resolved) = p.resolve_fact(d, &r) {
                self.custom_value(&format!("fact {dest}"), &resolved);
            }
        }
    }

    pub fn into_lines(self) -> Vec<String> {
        self.out
    }

    pub fn put(&mut self, path: &str, value: impl AsRef<str>) {
        let v = value.as_ref().trim().replace('\n', "⏎");
        self.out.push(format!("{path}: {v}"));
    }
    pub fn text(&mut self, path: &str, t: &Text) {
        let variant = t.get(self.lang).unwrap_or_else(|| t.first());
        self.put(path, &variant.text);
        // An image's bytes are what it says: a redrawn figure is a change.
        let mut seen: Vec<String> = Vec::new();
        for image in crate::image::markdown_images(&variant.text) {
            if seen.contains(&image.src) {
                continue;
            }
            seen.push(image.src.clone());
            if let Some(file) = self.project.images.get(variant.span.file, &image.src) {
                let digest = &file.digest;
                self.out.push(format!("{path} / image {}: sha256:{digest}", image.src));
            }
        }
    }
    pub fn opt_text(&mut self, path: &str, t: &Option<Text>) {
        if let Some(t) = t {
            self.text(path, t);
        }
    }
    pub fn texts(&mut self, path: &str, list: &[Text]) {
        for (i, t) in list.iter().enumerate() {
            self.text(&format!("{path} / {}", i + 1), t);
        }
    }
    pub fn calendar(&mut self, path: &str, cal: Option<&Calendar>) {
        let Some(c) = cal else { return };
        self.text(&format!("{path} / name"), &c.name);
        let hours = match (&c.hours.value, self.words) {
            (CalendarHours::Always, _) => "always".to_string(),
            (CalendarHours::Weekly { days, hours }, Words::Format1) => {
                let d: Vec<&str> = days.iter().map(|d| d.short(Lang::En)).collect();
                format!("{} {}", d.join(","), hours.render(Lang::En))
            }
            (CalendarHours::Weekly { days, hours }, Words::Format2) => {
                let d: Vec<&str> = days.iter().map(|d| &d.word()[..3]).collect();
                format!("{} {}", d.join(","), hours.canonical())
            }
        };
        self.put(&format!("{path} / hours"), hours);
        if c.holidays.is_some() {
            self.put(&format!("{path} / holidays"), "jp");
        }
        for (i, cl) in c.closed.iter().enumerate() {
            let v = match cl.value {
                Closure::Date(d) => d.iso(),
                Closure::Annual { from, to } => format!("{:02}-{:02}..{:02}-{:02}", from.0, from.1, to.0, to.1),
            };
            self.put(&format!("{path} / closed / {}", i + 1), v);
        }
    }
}

fn canonical_or_dash(r: &super::custom::Resolved, lang: Lang) -> String {
    match r.value {
        Some(v) => v.canonical(r.ty, lang),
        None => "—".into(),
    }
}

/// A response or escalation target in canonical form.
pub(super) fn target(t: &Target) -> String {
    match t {
        Target::Within(d) => d.canonical(),
        Target::AsNeeded => "as needed".into(),
        Target::NotOffered => "n/a".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::values::{Percent, Retention, Schedule};

    /// The lock's words are part of every released document: a change here
    /// makes released documents look changed. Format 1's are frozen as
    /// kiyaku 0.1 wrote them; format 2's as documented.
    #[test]
    fn the_lock_vocabulary_is_pinned() {
        let sched = |s: &str| Schedule::parse(s).unwrap();
        let cases: &[(&str, String, String)] = &[
            ("daily at 2:00", sched("daily at 2:00").render(Lang::En), sched("daily at 2:00").canonical()),
            ("weekly on sunday", sched("weekly on sunday").render(Lang::En), sched("weekly on sunday").canonical()),
            (
                "every third sunday at night",
                sched("every third sunday at night").render(Lang::En),
                sched("every third sunday at night").canonical(),
            ),
            ("every 5 minutes", sched("every 5 minutes").render(Lang::En), sched("every 5 minutes").canonical()),
            (
                "contract term + 30 days",
                Retention::parse("contract term + 30 days").unwrap().render(Lang::En),
                Retention::parse("contract term + 30 days").unwrap().canonical(),
            ),
            (
                ">= 99.9%",
                Percent::parse(">= 99.9%").unwrap().render(Lang::En),
                Percent::parse(">= 99.9%").unwrap().canonical(),
            ),
        ];
        let got: Vec<String> = cases.iter().map(|(input, v1, v2)| format!("{input} → {v1} | {v2}")).collect();
        assert_eq!(
            got,
            [
                "daily at 2:00 → daily at 2:00 | daily at 02:00",
                "weekly on sunday → weekly on Sunday | weekly on sunday",
                "every third sunday at night → monthly on the third Sunday at night | monthly on the third sunday at night",
                "every 5 minutes → every 5 minutes | every 5 minutes",
                "contract term + 30 days → for the contract term and 30 days after | contract term + 30 days",
                ">= 99.9% → at least 99.9% | >= 99.9%",
            ]
        );
    }

    #[test]
    fn format_2_words_read_back_as_the_same_value() {
        // Format 2 writes what a user would type: the loader reads it back.
        for s in ["daily at 02:00", "weekly on sunday", "monthly on day 1", "every 5 minutes", "daily at night"] {
            let once = Schedule::parse(s).unwrap();
            assert_eq!(Schedule::parse(&once.canonical()).unwrap(), once, "{s}");
        }
        for r in ["90 days", "contract term", "contract term + 30 days"] {
            let once = Retention::parse(r).unwrap();
            assert_eq!(Retention::parse(&once.canonical()).unwrap(), once, "{r}");
        }
        for p in ["99.95%", ">= 99.99%", "<= 1%"] {
            let once = Percent::parse(p).unwrap();
            assert_eq!(Percent::parse(&once.canonical()).unwrap(), once, "{p}");
        }
    }
}
