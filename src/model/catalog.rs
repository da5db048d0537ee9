//! Site settings and the shared catalogues documents draw on: providers,
//! calendars, severity scales and glossaries.

use std::path::PathBuf;

use super::values::{Date, Id, Lang, TimeRange, Weekday};
use super::{Ref, Text};
use crate::source::{FileId, Span, Spanned};

/// `kiyaku.yaml` at the project root.
#[derive(Clone, Debug)]
pub struct Site {
    pub title: Text,
    pub language: Lang,
    pub description: Option<Text>,
    /// Raw HTML inside Markdown prose is shown as text unless this is set.
    pub allow_raw_html: bool,
    /// List documents marked other than public on the index page too
    /// (`html: list_confidential: true`); by default they are left off.
    pub list_confidential: bool,
    pub font_regular: Option<Spanned<PathBuf>>,
    pub font_bold: Option<Spanned<PathBuf>>,
    /// The standards every PDF claims (`pdf: standards:`).
    pub pdf_standards: crate::vocab::PdfStandards,
    pub limits: Limits,
    /// The defaults of every provider's brand.
    pub brand: Brand,
    pub page: PageSettings,
    /// The project's own words for kiyaku's labels (`labels:`), by label
    /// key (`response_time`, `type_sla`); each in one or more languages.
    pub labels: Vec<(Spanned<String>, Text)>,
    pub file: Option<FileId>,
}

impl Site {
    /// A label in `lang`: the project's word if it gave one for that
    /// language, else kiyaku's.
    pub(crate) fn label(&self, label: crate::vocab::Label, lang: Lang) -> &str {
        self.own_label(label.key(), lang).unwrap_or(label.text(lang))
    }

    fn own_label(&self, key: &str, lang: Lang) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k.value == key)
            .and_then(|(_, t)| t.get(lang))
            .map(|v| v.text.trim_end_matches('\n'))
    }

    /// Every label in `lang` by key, the project's words included, for templates.
    pub(crate) fn labels_for(&self, lang: Lang) -> std::collections::BTreeMap<String, String> {
        let mut all: std::collections::BTreeMap<String, String> =
            crate::vocab::all_labels(lang).into_iter().map(|(k, v)| (k, v.to_string())).collect();
        for (key, _) in &self.labels {
            if let Some(word) = self.own_label(&key.value, lang) {
                all.insert(key.value.clone(), word.to_string());
            }
        }
        all
    }

    /// The name of a document type in `lang` (`type_<type>` may be given).
    pub(crate) fn type_label(&self, doc_type: &str, lang: Lang) -> String {
        match self.own_label(&format!("type_{doc_type}"), lang) {
            Some(word) => word.to_string(),
            None => crate::vocab::type_label(lang, doc_type),
        }
    }
}

/// How a provider's documents look (`brand:`): its logo, colour and
/// footer line; the site's `brand:` gives what a provider leaves out.
#[derive(Clone, Debug, Default)]
pub struct Brand {
    /// The logo, a path relative to the file that names it.
    pub logo: Option<Spanned<String>>,
    /// The brand colour (`color: "#0b6e4f"`), as red, green and blue.
    pub color: Option<Spanned<(u8, u8, u8)>>,
    /// The line at the foot of every page (`© 2026 …`).
    pub footer: Option<Text>,
    pub cover: Option<Cover>,
}

/// How the cover looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cover {
    /// White, the logo at the top.
    #[default]
    Classic,
    /// A band of the brand colour across the top, the logo at the foot.
    Band,
}

/// The paper the PDFs are set on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// What the site sets of the PDF page (`pdf: page-size:`, `margins:`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PageSettings {
    pub paper: Paper,
    /// Top, bottom, left and right, in points; `None` for the default.
    pub margins: [Option<f32>; 4],
}

/// Bounds a project may raise or lower in `kiyaku.yaml` (`limits:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// A document laid out longer than this is warned about (W0703).
    pub pages: u32,
    /// Longest one document's template may run (E0603).
    pub template_seconds: u32,
    /// Largest image file placed, in bytes (E0904).
    pub image_bytes: u64,
    /// Most pixels of a PNG or JPEG placed (E0904): decoding one takes
    /// four bytes a pixel.
    pub image_pixels: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { pages: 1000, template_seconds: 10, image_bytes: 10 << 20, image_pixels: 40_000_000 }
    }
}

#[derive(Clone, Debug)]
pub struct Contact {
    pub id: Spanned<Id>,
    pub name: Text,
    pub email: Option<Spanned<String>>,
    pub phone: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub hours: Option<Ref>,
    pub note: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct Provider {
    pub id: Spanned<Id>,
    pub name: Text,
    pub short_name: Option<Text>,
    pub address: Option<Text>,
    pub url: Option<Spanned<String>>,
    pub contacts: Vec<Contact>,
    /// The provider's own logo and colours, over the site's.
    pub brand: Brand,
    pub custom: crate::model::custom::Custom,
    pub file: FileId,
}

/// A UTC offset in minutes, with the name people use for it (JST).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UtcOffset {
    pub minutes: i16,
    pub label: Option<String>,
}

impl UtcOffset {
    /// The lock's spelling (format 2): `UTC+09:00`, `UTC+09:00 (JST)`,
    /// `UTC`. Never change it.
    pub fn canonical(&self) -> String {
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let utc = if self.minutes == 0 {
            "UTC".to_string()
        } else {
            format!("UTC{sign}{:02}:{:02}", self.minutes.abs() / 60, self.minutes.abs() % 60)
        };
        match &self.label {
            Some(l) if !l.starts_with("UTC") => format!("{utc} ({l})"),
            _ => utc,
        }
    }

    /// "JST (UTC+9)", "UTC+5:30", "UTC".
    pub fn render(&self) -> String {
        let h = self.minutes / 60;
        let m = (self.minutes % 60).abs();
        let utc = if self.minutes == 0 {
            "UTC".to_string()
        } else if m == 0 {
            format!("UTC{h:+}")
        } else {
            format!("UTC{h:+}:{m:02}")
        };
        match &self.label {
            Some(l) if l != &utc => format!("{l} ({utc})"),
            _ => utc,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum CalendarHours {
    /// Around the clock, every day of the year.
    Always,
    Weekly {
        days: Vec<Weekday>,
        hours: TimeRange,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidaySet {
    /// Japanese national holidays (国民の祝日), computed by rule.
    Japan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closure {
    Date(Date),
    /// Every year from month/day to month/day (may wrap the new year).
    Annual {
        from: (u8, u8),
        to: (u8, u8),
    },
}

/// Business hours: which days and hours count, and which days are closed.
#[derive(Clone, Debug)]
pub struct Calendar {
    pub id: Spanned<Id>,
    pub name: Text,
    pub timezone: UtcOffset,
    pub hours: Spanned<CalendarHours>,
    pub holidays: Option<HolidaySet>,
    pub closed: Vec<Spanned<Closure>>,
    pub file: FileId,
}

impl Calendar {
    pub fn is_always(&self) -> bool {
        self.hours.value == CalendarHours::Always
    }
}

#[derive(Clone, Debug)]
pub struct SeverityLevel {
    pub id: Spanned<Id>,
    /// 1 is the most severe.
    pub rank: Spanned<u32>,
    pub label: Text,
    pub name: Option<Text>,
    pub definition: Option<Text>,
    pub examples: Vec<Text>,
    pub note: Option<Text>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct SeverityScale {
    pub id: Spanned<Id>,
    pub name: Text,
    /// The provider's own word for severity ("重大度", "Priority"); it heads
    /// the severity column of every table built on this scale.
    pub term: Option<Text>,
    pub summary: Option<Text>,
    /// The level assigned when the customer does not say.
    pub default: Option<Ref>,
    pub default_note: Option<Text>,
    pub levels: Vec<SeverityLevel>,
    pub file: FileId,
}

impl SeverityScale {
    pub fn level(&self, id: &str) -> Option<&SeverityLevel> {
        self.levels.iter().find(|l| l.id.as_str() == id)
    }

    /// Levels from most to least severe.
    pub fn by_rank(&self) -> Vec<&SeverityLevel> {
        let mut v: Vec<_> = self.levels.iter().collect();
        v.sort_by_key(|l| l.rank.value);
        v
    }
}

#[derive(Clone, Debug)]
pub struct Term {
    pub id: Spanned<Id>,
    pub term: Text,
    pub reading: Option<Spanned<String>>,
    pub definition: Text,
    pub see: Vec<Ref>,
}

#[derive(Clone, Debug)]
pub struct Glossary {
    pub id: Spanned<Id>,
    pub name: Text,
    pub terms: Vec<Term>,
    pub file: FileId,
}
