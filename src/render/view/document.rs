//! The document view and the whole template context of one document.

use serde::Serialize;

use super::ViewCx;
use super::catalog::{self, ContactView, GlossaryView, ProviderView};
use super::programme::{self, FeatureView, ProgrammeView, TargetsView};
use super::service::{self, CriteriaView, ProcedureView, ServiceView};
use crate::model::{ChangeKind, Document, Section, TargetKind, Text, TextVariant};
use crate::vocab::Label;

#[derive(Serialize)]
pub(crate) struct TierFeaturesView {
    pub id: String,
    pub name: String,
    /// Features this tier adds over the tiers below it.
    pub features: Vec<FeatureView>,
}

#[derive(Serialize)]
pub(crate) struct OneFeatureView {
    #[serde(flatten)]
    pub feature: FeatureView,
    /// The tiers that offer it, in tier order, joined as the language joins lists.
    pub tiers: String,
}

#[derive(Serialize, Default)]
pub(crate) struct BlockView {
    pub name: &'static str,
    pub criteria: Option<CriteriaView>,
    pub procedure: Option<ProcedureView>,
    pub tier: Option<TierFeaturesView>,
    /// `feature: <id>`: one feature, and the tiers that offer it.
    pub feature: Option<OneFeatureView>,
    /// `response-targets`: the table, all of it or only some rows.
    pub targets: Option<TargetsView>,
    pub glossary: Option<GlossaryView>,
    /// Severity id for `escalation: <severity>`.
    pub severity: Option<String>,
    pub contact: Option<ContactView>,
    /// `table: <id>`: a table of the project's own.
    pub table: Option<super::custom::TableView>,
    /// `escalation-path: <id>`: the id of the path (the programme view has it).
    pub path: Option<String>,
    /// `severity-levels`: the scale named, else the programme's first.
    pub scale: Option<super::programme::ScaleView>,
}

#[derive(Serialize)]
pub(crate) struct SectionView {
    pub id: String,
    pub title: String,
    pub level: usize,
    /// The Markdown heading marks ("##").
    pub marks: String,
    pub unnumbered: bool,
    pub body: Option<String>,
    pub blocks: Vec<BlockView>,
    pub after: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ChangeView {
    /// Markdown: links to the sections touched, or a removed section's title.
    pub sections: String,
    pub summary: String,
    pub kind: String,
    /// The change as one line of Markdown ("[](#a): summary").
    pub line: String,
}

#[derive(Serialize)]
pub(crate) struct RevisionView {
    pub version: String,
    pub date: String,
    pub author: Option<String>,
    pub approver: Option<String>,
    pub changes: Vec<ChangeView>,
    /// A Markdown link to the published comparison of this version with
    /// the one before it.
    pub comparison: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct DocView {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub lang: &'static str,
    pub version: String,
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: String,
    pub type_label: String,
    pub sections: Vec<SectionView>,
    pub revisions: Vec<RevisionView>,
    /// Whether some section shows `revision-history` (else the template places it).
    pub has_revision_section: bool,
    pub has_revision_authors: bool,
    pub has_revision_approvers: bool,
    pub contact: Option<ContactView>,
    pub provider: Option<ProviderView>,
}

#[derive(Serialize)]
pub(crate) struct SiteView {
    pub title: String,
}

/// Everything a document template sees.
#[derive(Serialize)]
pub(crate) struct DocumentContext {
    pub site: SiteView,
    pub doc: DocView,
    pub service: Option<ServiceView>,
    pub programme: Option<ProgrammeView>,
    pub lang: &'static str,
    pub labels: std::collections::BTreeMap<String, String>,
    /// The custom facts the document can show, by id (nearest definition).
    pub facts: std::collections::BTreeMap<String, super::custom::FactView>,
}

fn flatten<'a>(sections: &'a [Section], level: usize, out: &mut Vec<(usize, &'a Section)>) {
    for s in sections {
        out.push((level, s));
        flatten(&s.sections, level + 1, out);
    }
}

fn block_view(cx: &mut ViewCx, d: &Document, b: &crate::model::BlockRef) -> BlockView {
    let p = cx.project;
    let target = b.target.as_ref().map(|t| t.as_str());
    let mut v = BlockView { name: b.block.value.name(), ..Default::default() };
    // What a block names is viewed by what it is; a block without an
    // argument reads the service and programme views.
    let Some(argument) = b.block.value.argument() else { return v };
    match argument.target {
        TargetKind::CriteriaTable => {
            if let (Some(s), Some(t)) = (p.service_of(d), target) {
                v.criteria = s.criteria_table(t).map(|c| service::criteria(cx, s, c));
            }
        }
        TargetKind::Procedure => {
            if let (Some(s), Some(t)) = (p.service_of(d), target) {
                v.procedure = s.procedure(t).map(|pr| service::procedure(cx, s, pr));
            }
        }
        TargetKind::Tier => {
            if let (Some(pg), Some(t)) = (p.programme_of(d), target)
                && let Some(tier) = pg.tier(t)
            {
                let all = programme::features(cx, pg);
                v.tier = Some(TierFeaturesView {
                    id: t.to_string(),
                    name: cx.t(&tier.name),
                    features: all.into_iter().filter(|f| f.from_tier.as_deref() == Some(t)).collect(),
                });
            }
        }
        TargetKind::Feature => {
            if let (Some(pg), Some(t)) = (p.programme_of(d), target)
                && let Some(ft) = pg.features.iter().find(|f| f.id.as_str() == t)
            {
                let names: Vec<String> = pg
                    .tiers
                    .iter()
                    .filter(|tier| pg.offers(ft, tier.id.as_str()))
                    .map(|tier| cx.t(&tier.name))
                    .collect();
                let tiers = super::fmt::join(&names, cx.lang);
                let feature = programme::features(cx, pg).into_iter().find(|f| f.id == t);
                v.feature = feature.map(|feature| OneFeatureView { feature, tiers });
            }
        }
        TargetKind::Metric => {
            if let Some(pg) = p.programme_of(d)
                && let Some((index, only)) = crate::model::targets_choice(pg, target)
            {
                v.targets = Some(programme::targets(cx, pg, index, only.and_then(programme::Metric::parse)));
            }
        }
        TargetKind::EscalationPath => v.path = target.map(str::to_string),
        TargetKind::Scale => {
            if let Some(pg) = p.programme_of(d) {
                v.scale = crate::model::chosen_scale(p, pg, target).map(|s| programme::scale_view(cx, s));
            }
        }
        TargetKind::Glossary => {
            if let Some(g) = target.and_then(|t| p.glossary(t)) {
                v.glossary = Some(catalog::glossary(cx, g));
            }
        }
        TargetKind::SeverityLevel => v.severity = target.map(str::to_string),
        TargetKind::Contact => v.contact = crate::model::shown_contact(p, d, target).map(|c| catalog::contact(cx, c)),
        TargetKind::Table => {
            v.table = target.and_then(|t| crate::model::shown_table(p, d, t)).map(|t| super::custom::table(cx, t))
        }
    }
    v
}

/// The title a `change: removed` entry (or the lock) gives section `id`.
fn removed_title<'d>(d: &'d Document, id: &str) -> Option<&'d crate::model::Text> {
    d.revisions
        .iter()
        .flat_map(|r| &r.changes)
        .filter(|c| c.kind == ChangeKind::Removed && c.sections.len() == 1 && c.sections[0].as_str() == id)
        .find_map(|c| c.title.as_ref())
}

fn revisions(cx: &mut ViewCx, d: &Document) -> Vec<RevisionView> {
    // A removed section's title as last released, where it was removed.
    let released = |cx: &ViewCx, id: &str| {
        let (title, span) = d
            .revisions
            .iter()
            .flat_map(|r| &r.changes)
            .filter(|c| c.kind == ChangeKind::Removed && c.sections.len() == 1 && c.sections[0].as_str() == id)
            .find_map(|c| cx.released.get(d.id.as_str(), id).map(|t| (t.to_string(), c.span)))?;
        Some(Text { variants: vec![TextVariant { lang: cx.lang, text: title, span }], span })
    };
    let lang = cx.lang;
    let sep = if lang == crate::model::values::Lang::Ja { "、" } else { ", " };
    let colon = if lang == crate::model::values::Lang::Ja { "：" } else { ": " };
    d.revisions
        .iter()
        .map(|r| RevisionView {
            version: r.version.text.clone(),
            date: r.date.render(lang),
            author: cx.t_opt(&r.author),
            approver: cx.t_opt(&r.approver),
            comparison: cx
                .released
                .comparison(d.id.as_str(), &r.version.text)
                .map(|id| format!("[{}]({id})", cx.label(Label::Comparison))),
            changes: r
                .changes
                .iter()
                .map(|c| {
                    let sections: Vec<String> = c
                        .sections
                        .iter()
                        .map(|s| match (c.kind, &c.title) {
                            (ChangeKind::Removed, Some(t)) => cx.t(t),
                            (ChangeKind::Removed, None) if c.sections.len() == 1 => match released(cx, s.as_str()) {
                                Some(t) => cx.t(&t),
                                None => s.value.0.clone(),
                            },
                            // A section that does not exist is reported by validation; show its id.
                            (ChangeKind::Removed, None) => s.value.0.clone(),
                            // Named before it was removed: its title as removed.
                            _ if d.section(s.as_str()).is_none() => {
                                match removed_title(d, s.as_str()).cloned().or_else(|| released(cx, s.as_str())) {
                                    Some(t) => cx.t(&t),
                                    None => s.value.0.clone(),
                                }
                            }
                            _ => format!("[](#{})", s.value),
                        })
                        .collect();
                    let sections = sections.join(sep);
                    let kind = match c.kind {
                        ChangeKind::Modified => "",
                        ChangeKind::Added => cx.label(Label::SectionAdded),
                        ChangeKind::Removed => cx.label(Label::SectionRemoved),
                    };
                    let summary = cx.t(&c.summary);
                    let kind_text = if kind.is_empty() { String::new() } else { format!("（{kind}）") };
                    let line = if sections.is_empty() {
                        summary.clone()
                    } else {
                        format!("{sections}{kind_text}{colon}{summary}")
                    };
                    ChangeView { sections, summary, kind: kind.to_string(), line }
                })
                .collect(),
        })
        .collect()
}

/// Build the template context of `d`.
pub(crate) fn document_context(cx: &mut ViewCx, d: &Document) -> DocumentContext {
    let p = cx.project;
    let lang = cx.lang;
    let mut flat = Vec::new();
    flatten(&d.sections, 1, &mut flat);
    let sections = flat
        .into_iter()
        .map(|(level, s)| SectionView {
            id: s.id.value.0.clone(),
            title: cx.t(&s.title),
            level,
            marks: "#".repeat(level.min(6)),
            unnumbered: s.unnumbered,
            body: cx.t_opt(&s.body),
            // Blocks with nothing to show are reported by validation, not rendered.
            blocks: s
                .show
                .iter()
                .filter(|b| p.block_status(d, b) == crate::model::BlockStatus::Ready)
                .map(|b| block_view(cx, d, b))
                .collect(),
            after: cx.t_opt(&s.after),
        })
        .collect::<Vec<_>>();
    let has_revision_section = sections.iter().any(|s| s.blocks.iter().any(|b| b.name == "revision-history"));
    let provider = p.provider_of(d);
    let contact = match (provider, &d.contact) {
        (Some(pv), Some(c)) => pv.contacts.iter().find(|x| x.id.as_str() == c.as_str()),
        _ => None,
    };
    let doc = DocView {
        id: d.id.value.0.clone(),
        title: cx.t(&d.title),
        subtitle: cx.t_opt(&d.subtitle),
        lang: lang.code(),
        version: d.version.text.clone(),
        date: d.effective_date().map(|x| x.render(lang)),
        doc_type: d.doc_type.value.0.clone(),
        type_label: p.site.type_label(d.doc_type.as_str(), lang),
        sections,
        revisions: {
            cx.prose_check = false;
            let r = revisions(cx, d);
            cx.prose_check = true;
            r
        },
        has_revision_section,
        has_revision_authors: d.revisions.iter().any(|r| r.author.is_some()),
        has_revision_approvers: d.revisions.iter().any(|r| r.approver.is_some()),
        contact: contact.map(|c| catalog::contact(cx, c)),
        provider: provider.map(|pv| catalog::provider(cx, pv)),
    };
    let service = p.service_of(d).map(|s| service::service(cx, s));
    let programme = p.programme_of(d).map(|pg| programme::programme(cx, pg));
    DocumentContext {
        site: SiteView { title: cx.t(&p.site.title) },
        doc,
        service,
        programme,
        lang: lang.code(),
        labels: p.site.labels_for(lang),
        facts: super::custom::facts(cx),
    }
}
