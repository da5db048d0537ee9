//! The types a custom fact or a table column can have, and their values.

use crate::model::values::{Cadence, Count, Date, Duration, Lang, Money, Percent, Tax};
use crate::model::{Project, Ref, Text};

/// What kind of value: the key a fact's value is written under
/// (`count: 8`), or a column's `type:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    Duration,
    Count,
    Percent,
    Money,
    Date,
    Schedule,
    Calendar,
    Text,
}

impl ValueKind {
    pub const ALL: [ValueKind; 8] = [
        ValueKind::Duration,
        ValueKind::Count,
        ValueKind::Percent,
        ValueKind::Money,
        ValueKind::Date,
        ValueKind::Schedule,
        ValueKind::Calendar,
        ValueKind::Text,
    ];

    pub fn word(self) -> &'static str {
        match self {
            ValueKind::Duration => "duration",
            ValueKind::Count => "count",
            ValueKind::Percent => "percent",
            ValueKind::Money => "money",
            ValueKind::Date => "date",
            ValueKind::Schedule => "schedule",
            ValueKind::Calendar => "calendar",
            ValueKind::Text => "text",
        }
    }

    pub fn parse(s: &str) -> Option<ValueKind> {
        ValueKind::ALL.into_iter().find(|k| k.word() == s)
    }
}

/// A kind with what its values need to be read: a count's unit, a price's tax.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueType {
    pub kind: ValueKind,
    /// For counts: "名" / "contacts".
    pub unit: Option<Text>,
    /// For counts, English: the unit for a count of one ("contact").
    pub unit_one: Option<Text>,
    /// For money: whether tax is included. Required there.
    pub tax: Option<Tax>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Duration(Duration),
    Count(Count),
    Percent(Percent),
    Money(Money),
    Date(Date),
    Schedule(Cadence),
    Calendar(Ref),
    Text(Text),
}

impl Value {
    /// The value as a reader of a `lang` document sees it: "1か月", "8名",
    /// "無制限", "50,000円（税抜）", "1 month", "8 contacts". Text is Markdown.
    pub fn render(&self, ty: &ValueType, lang: Lang, project: &Project) -> String {
        match self {
            Value::Duration(d) => d.render(lang),
            Value::Count(c) => {
                let unit = ty.unit.as_ref().map(|u| u.best(lang));
                let one = ty.unit_one.as_ref().and_then(|u| u.get(lang)).map(|v| v.text.as_str());
                c.render(lang, unit, one)
            }
            Value::Percent(p) => p.render(lang),
            Value::Money(m) => format!("{}{}", m.render(lang), ty.tax.map(|t| t.suffix(lang)).unwrap_or("")),
            Value::Date(d) => d.render(lang),
            Value::Schedule(c) => c.render(lang),
            Value::Calendar(r) => match project.calendar(r.as_str()) {
                Some(c) => c.name.best(lang).to_string(),
                None => r.value.0.clone(),
            },
            Value::Text(t) => t.best(lang).to_string(),
        }
    }

    /// The lock's spelling, in the words of the YAML (a unit or a text in
    /// the document's language). Released facts depend on it.
    pub fn canonical(&self, ty: &ValueType, lang: Lang) -> String {
        match self {
            Value::Duration(d) => d.canonical(),
            Value::Count(c) => match (c, &ty.unit) {
                (Count::Finite(_), Some(u)) => format!("{} {}", c.canonical(), u.best(lang)),
                _ => c.canonical(),
            },
            Value::Percent(p) => p.canonical(),
            Value::Money(m) => match ty.tax {
                Some(t) => format!("{}, tax {}", m.canonical(), t.word()),
                None => m.canonical(),
            },
            Value::Date(d) => d.iso(),
            Value::Schedule(c) => c.canonical(),
            Value::Calendar(r) => r.value.0.clone(),
            Value::Text(t) => t.best(lang).to_string(),
        }
    }

    pub fn kind(&self) -> ValueKind {
        match self {
            Value::Duration(_) => ValueKind::Duration,
            Value::Count(_) => ValueKind::Count,
            Value::Percent(_) => ValueKind::Percent,
            Value::Money(_) => ValueKind::Money,
            Value::Date(_) => ValueKind::Date,
            Value::Schedule(_) => ValueKind::Schedule,
            Value::Calendar(_) => ValueKind::Calendar,
            Value::Text(_) => ValueKind::Text,
        }
    }
}
