//! Views of providers, contacts and glossaries.

use serde::Serialize;

use super::ViewCx;
use crate::model::{Contact, Glossary, Provider};
use crate::vocab::Label;

#[derive(Serialize)]
pub(crate) struct ContactView {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub hours: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ProviderView {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    pub address: Option<String>,
    pub url: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct TermView {
    pub id: String,
    pub term: String,
    pub reading: Option<String>,
    pub definition: String,
    pub see: Vec<String>,
    /// "（関連：RTO、RPO）" / "(see also RTO, RPO)"; templates put
    /// `labels.see_gap` before it.
    pub see_text: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct GlossaryView {
    pub id: String,
    pub name: String,
    pub terms: Vec<TermView>,
}

pub(super) fn contact(cx: &mut ViewCx, c: &Contact) -> ContactView {
    ContactView {
        id: c.id.value.0.clone(),
        name: cx.t(&c.name),
        email: c.email.as_ref().map(|e| e.value.clone()),
        // Tagged, so a character no font has is reported at the value.
        phone: c.phone.as_ref().map(|e| cx.origins.tag(&e.value, e.span, None)),
        url: c.url.as_ref().map(|e| e.value.clone()),
        hours: c.hours.as_ref().and_then(|h| cx.project.calendar(h.as_str())).map(|cal| cx.t(&cal.name)),
        note: cx.t_opt(&c.note),
    }
}

pub(super) fn provider(cx: &mut ViewCx, p: &Provider) -> ProviderView {
    ProviderView {
        id: p.id.value.0.clone(),
        name: cx.t(&p.name),
        short_name: cx.t_opt(&p.short_name),
        address: cx.t_opt(&p.address),
        url: p.url.as_ref().map(|u| u.value.clone()),
    }
}

pub(super) fn glossary(cx: &mut ViewCx, g: &Glossary) -> GlossaryView {
    GlossaryView {
        id: g.id.value.0.clone(),
        name: cx.t(&g.name),
        terms: g
            .terms
            .iter()
            .map(|t| {
                let see: Vec<String> = t
                    .see
                    .iter()
                    .filter_map(|s| g.terms.iter().find(|x| x.id.as_str() == s.as_str()))
                    .map(|x| cx.t(&x.term))
                    .collect();
                let label = cx.label(Label::SeeAlso);
                let see_text = (!see.is_empty()).then(|| match cx.lang {
                    crate::model::values::Lang::Ja => format!("（{label}：{}）", see.join("、")),
                    crate::model::values::Lang::En => format!("({} {})", label.to_lowercase(), see.join(", ")),
                });
                TermView {
                    id: t.id.value.0.clone(),
                    term: cx.t(&t.term),
                    reading: t.reading.as_ref().map(|r| cx.origins.tag(&r.value, r.span, None)),
                    definition: cx.t(&t.definition),
                    see,
                    see_text,
                }
            })
            .collect(),
    }
}
