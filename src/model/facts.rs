//! The canonical facts of what a document says: `path: value` lines built
//! from the model (text as written in the document's language, typed
//! values in canonical form). The lock compares them between releases;
//! each block kind says in the registry (`blocks/`) what facts it shows.

use super::values::Lang;
use super::{Calendar, CalendarHours, Closure, Project, Target, Text};

/// What a section says, as canonical `path: value` lines.
pub struct Facts<'a> {
    pub lang: Lang,
    pub project: &'a Project,
    out: Vec<String>,
}

impl<'a> Facts<'a> {
    pub fn new(lang: Lang, project: &'a Project) -> Facts<'a> {
        Facts { lang, project, out: Vec::new() }
    }

    pub fn into_lines(self) -> Vec<String> {
        self.out
    }

    pub fn put(&mut self, path: &str, value: impl AsRef<str>) {
        let v = value.as_ref().trim().replace('\n', "⏎");
        self.out.push(format!("{path}: {v}"));
    }
    pub fn text(&mut self, path: &str, t: &Text) {
        let v = t.get(self.lang).unwrap_or_else(|| t.first()).text.clone();
        self.put(path, v);
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
        let hours = match &c.hours.value {
            CalendarHours::Always => "always".to_string(),
            CalendarHours::Weekly { days, hours } => {
                let d: Vec<&str> = days.iter().map(|d| d.short(Lang::En)).collect();
                format!("{} {}", d.join(","), hours.render(Lang::En))
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

/// A response or escalation target in canonical form.
pub(super) fn target(t: &Target) -> String {
    match t {
        Target::Within(d) => d.canonical(),
        Target::AsNeeded => "as needed".into(),
        Target::NotOffered => "n/a".into(),
    }
}
