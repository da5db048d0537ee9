//! The support programme view: `programme.*` in templates.

use serde::Serialize;

use super::{ViewCx, fmt};
use crate::model::{Matrix, Programme, SeverityScale, Target};
use crate::vocab::Label;

#[derive(Serialize)]
pub(crate) struct CoverageView {
    pub calendar: String,
    pub hours_text: String,
    pub languages: String,
    pub channels: String,
    pub severities: String,
    pub note: Option<String>,
    /// The note's mark (※1), shared by rows with the same note.
    pub mark: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct TierView {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub price: Option<String>,
    pub details: Vec<String>,
    pub coverage: Vec<CoverageView>,
}

#[derive(Serialize)]
pub(crate) struct FeatureView {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub details: Vec<String>,
    pub note: Option<String>,
    /// The note's mark in the feature matrix (※1), numbered in order.
    pub mark: Option<String>,
    /// One mark per tier, in tier order ("○" or "—").
    pub marks: Vec<String>,
    /// Id of the lowest tier offering the feature.
    pub from_tier: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct LevelView {
    pub id: String,
    pub label: String,
    pub name: Option<String>,
    pub definition: Option<String>,
    pub examples: Vec<String>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ScaleView {
    pub name: String,
    /// Heads the severity column: the scale's own term, else the label.
    pub term: String,
    /// "既定の重大度" / "Default priority", after the scale's term.
    pub default_label: String,
    pub summary: Option<String>,
    pub default: Option<String>,
    pub default_note: Option<String>,
    /// Most severe first.
    pub levels: Vec<LevelView>,
}

#[derive(Serialize)]
pub(crate) struct TargetRowView {
    /// The severity label on the first row of each severity, empty after.
    pub severity: String,
    pub metric: String,
    pub cells: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct TargetsView {
    /// The table's caption: it names escalation only when the table has
    /// escalation rows.
    pub caption: String,
    /// Heads the severity column, as in [`ScaleView::term`].
    pub severity_heading: String,
    pub tiers: Vec<String>,
    pub rows: Vec<TargetRowView>,
    pub notes: Vec<String>,
    /// Notes on single cells, in the order their marks appear.
    pub cell_notes: Vec<CellNoteView>,
}

#[derive(Serialize)]
pub(crate) struct CellNoteView {
    /// "※1"
    pub mark: String,
    pub text: String,
}

#[derive(Serialize)]
pub(crate) struct ChannelView {
    pub id: String,
    pub name: String,
    pub address: Option<String>,
    /// The address is an email address or a web address: shown as a link.
    pub address_links: bool,
    pub note: Option<String>,
    /// The note has paragraphs or a list of its own: shown as blocks under
    /// the channel, not run into one line after the address.
    pub note_blocks: bool,
}

#[derive(Serialize)]
pub(crate) struct EngineerRowView {
    pub channel: String,
    pub cells: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct StepView {
    pub after: String,
    pub to: Option<String>,
    pub action: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct PathView {
    pub id: Option<String>,
    pub severity: String,
    pub tiers: String,
    pub steps: Vec<StepView>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct EscalationLevelView {
    pub id: String,
    /// Where levels are numbered.
    pub number: Option<u32>,
    pub name: String,
    /// "レベル1：サポートマネージャ" where numbered, else the name.
    pub title: String,
    pub description: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct FieldView {
    pub name: String,
    pub description: Option<String>,
    pub example: Option<String>,
    pub required: bool,
    pub required_text: String,
}

#[derive(Serialize)]
pub(crate) struct RetentionView {
    pub data: String,
    pub period: String,
    /// "チケットのクローズ後90日間".
    pub kept: String,
    pub deletion: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct DisclosureView {
    pub after: String,
    pub channel: Option<String>,
    pub identifiers: String,
    pub scope: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ProgrammeView {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub tiers: Vec<TierView>,
    /// Some tier has a summary (a price): the tiers table has that column;
    /// one that would be empty on every row is left out.
    pub tiers_have_summary: bool,
    pub tiers_have_price: bool,
    /// Some tier's coverage names its languages: the support-hours table
    /// has a languages column (one that would say "all" on every row is left out).
    pub show_languages: bool,
    /// Heads the support-hours table's severities column, in the scale's
    /// own term when it has one (対象の重大度).
    pub severities_heading: String,
    /// Notes on support-hours rows, each once, with the mark its rows carry.
    pub coverage_notes: Vec<CellNoteView>,
    pub features: Vec<FeatureView>,
    pub scale: Option<ScaleView>,
    pub targets: TargetsView,
    pub channels: Vec<ChannelView>,
    /// Channels × tiers: average time until an engineer takes over.
    pub time_to_engineer: Vec<EngineerRowView>,
    pub escalation: Vec<PathView>,
    pub escalation_levels: Vec<EscalationLevelView>,
    pub request_fields: Vec<FieldView>,
    pub retention: Vec<RetentionView>,
    pub disclosure: Option<DisclosureView>,
    pub notes: Vec<String>,
}

/// A cell's text; a cell with a note gets a mark (※1) and its note is
/// added to `notes`. Cells with the same note share one mark and one note,
/// as support-hours rows do.
fn matrix_cell(
    cx: &mut ViewCx,
    notes: &mut Vec<CellNoteView>,
    m: &Matrix,
    sev: &str,
    tier: &str,
    f: impl Fn(&Target) -> String,
) -> String {
    let Some(c) = m.cell(sev, tier) else { return "—".into() };
    let text = f(&c.value);
    match &c.note {
        Some(n) => {
            let tagged = cx.t(n);
            let plain = crate::render::origin::strip_tags(&tagged).0;
            let shared = notes.iter().find(|note| crate::render::origin::strip_tags(&note.text).0 == plain);
            let mark = match shared {
                Some(note) => note.mark.clone(),
                None => {
                    let mark = format!("※{}", notes.len() + 1);
                    notes.push(CellNoteView { mark: mark.clone(), text: tagged });
                    mark
                }
            };
            format!("{text} {mark}")
        }
        None => text,
    }
}

/// Give each support-hours row with a note a mark; rows with the same note
/// (tiers often share their coverage) share one mark and one note.
fn mark_coverage_notes(tiers: &mut [TierView]) -> Vec<CellNoteView> {
    let mut notes: Vec<(String, CellNoteView)> = Vec::new();
    for c in tiers.iter_mut().flat_map(|t| t.coverage.iter_mut()) {
        let Some(text) = &c.note else { continue };
        let plain = crate::render::origin::strip_tags(text).0;
        let mark = match notes.iter().find(|(p, _)| *p == plain) {
            Some((_, n)) => n.mark.clone(),
            None => {
                let mark = format!("※{}", notes.len() + 1);
                notes.push((plain, CellNoteView { mark: mark.clone(), text: text.clone() }));
                mark
            }
        };
        c.mark = Some(mark);
    }
    notes.into_iter().map(|(_, n)| n).collect()
}

pub(super) fn scale_view(cx: &mut ViewCx, s: &SeverityScale) -> ScaleView {
    ScaleView {
        name: cx.t(&s.name),
        term: severity_term(cx, s),
        default_label: match &s.term {
            None => cx.label(Label::DefaultSeverity).to_string(),
            Some(term) => {
                let term = cx.t(term);
                let term = if cx.lang == crate::model::values::Lang::En { term.to_lowercase() } else { term };
                format!("{}{term}", cx.label(Label::DefaultPrefix))
            }
        },
        summary: cx.t_opt(&s.summary),
        default: s.default.as_ref().and_then(|d| s.level(d.as_str())).map(|l| cx.t(&l.label)),
        default_note: cx.t_opt(&s.default_note),
        levels: s
            .by_rank()
            .into_iter()
            .map(|l| LevelView {
                id: l.id.value.0.clone(),
                label: cx.t(&l.label),
                name: cx.t_opt(&l.name),
                definition: cx.t_opt(&l.definition),
                examples: cx.t_list(&l.examples),
                note: cx.t_opt(&l.note),
            })
            .collect(),
    }
}

fn severity_term(cx: &mut ViewCx, scale: &SeverityScale) -> String {
    match &scale.term {
        Some(term) => cx.t(term),
        None => cx.label(Label::Severity).to_string(),
    }
}

pub(super) fn programme(cx: &mut ViewCx, pr: &Programme) -> ProgrammeView {
    let lang = cx.lang;
    let p = cx.project;
    let scale = p.scale_of(pr);
    let tier_ids: Vec<&str> = pr.tiers.iter().map(|t| t.id.as_str()).collect();
    let channel_name = |cx: &mut ViewCx, id: &str| {
        pr.channels.iter().find(|c| c.id.as_str() == id).map(|c| cx.t(&c.name)).unwrap_or_else(|| id.to_string())
    };
    // With several scales a level's label alone is ambiguous (高 of which
    // scale?): it is said with its scale's term, 危険度「高」.
    let several = pr.has_several_scales();
    let level_label = |cx: &mut ViewCx, id: &str| {
        let Some((scale, level)) = p.scales_of(pr).into_iter().find_map(|(s, _)| s.level(id).map(|l| (s, l))) else {
            return id.to_string();
        };
        let label = cx.t(&level.label);
        if !several {
            return label;
        }
        let term = severity_term(cx, scale);
        match lang {
            crate::model::values::Lang::Ja => format!("{term}「{label}」"),
            crate::model::values::Lang::En => format!("{term}: {label}"),
        }
    };

    let mut tiers: Vec<TierView> = pr
        .tiers
        .iter()
        .map(|t| TierView {
            id: t.id.value.0.clone(),
            name: cx.t(&t.name),
            summary: cx.t_opt(&t.summary),
            price: cx.t_opt(&t.price),
            details: cx.t_list(&t.details),
            coverage: t
                .coverage
                .iter()
                .map(|c| {
                    let cal = p.calendar(c.calendar.as_str());
                    let languages: Vec<String> = c.languages.iter().map(|l| l.name_in(lang).to_string()).collect();
                    let channels: Vec<String> = c.channels.iter().map(|ch| channel_name(cx, ch.as_str())).collect();
                    let severities: Vec<String> = match &c.severities {
                        Some(list) => list.iter().map(|s| level_label(cx, s.as_str())).collect(),
                        None => vec![cx.label(Label::All).to_string()],
                    };
                    CoverageView {
                        calendar: cal.map(|c| cx.t(&c.name)).unwrap_or_default(),
                        hours_text: cal.map(|c| fmt::calendar_hours(c, lang)).unwrap_or_default(),
                        languages: if languages.is_empty() {
                            cx.label(Label::All).to_string()
                        } else {
                            fmt::join(&languages, lang)
                        },
                        channels: if channels.is_empty() {
                            cx.label(Label::All).to_string()
                        } else {
                            fmt::join(&channels, lang)
                        },
                        severities: match (several, lang) {
                            // "Severity: Critical; Threat level: High".
                            (true, crate::model::values::Lang::En) => severities.join("; "),
                            _ => fmt::join(&severities, lang),
                        },
                        note: cx.t_opt(&c.note),
                        mark: None,
                    }
                })
                .collect(),
        })
        .collect();

    let coverage_notes = mark_coverage_notes(&mut tiers);

    let features = features(cx, pr);

    let scale_view = scale.map(|s| scale_view(cx, s));

    let targets = targets(cx, pr, 0, None);

    let time_to_engineer = pr
        .channels
        .iter()
        .filter(|c| !c.time_to_engineer.is_empty())
        .map(|c| EngineerRowView {
            channel: cx.t(&c.name),
            cells: tier_ids
                .iter()
                .map(|t| {
                    c.time_to_engineer
                        .iter()
                        .find(|(tier, _)| tier.as_str() == *t)
                        .map(|(_, v)| fmt::under(&v.value, lang))
                        .unwrap_or_else(|| "—".into())
                })
                .collect(),
        })
        .collect();

    let tier_name = |cx: &mut ViewCx, id: &str| pr.tier(id).map(|t| cx.t(&t.name)).unwrap_or_else(|| id.to_string());
    let escalation = pr
        .escalation
        .iter()
        .map(|e| {
            let names: Vec<String> = e.tiers.iter().map(|t| tier_name(cx, t.as_str())).collect();
            PathView {
                id: e.id.as_ref().map(|i| i.value.0.clone()),
                severity: e.severity.value.0.clone(),
                tiers: fmt::join(&names, lang),
                steps: e
                    .steps
                    .iter()
                    .map(|s| StepView {
                        after: fmt::after(&s.after.value, lang),
                        to: s
                            .to
                            .as_ref()
                            .and_then(|to| pr.escalation_levels.iter().find(|l| l.id.as_str() == to.as_str()))
                            .map(|l| cx.t(&l.name)),
                        action: cx.t_opt(&s.action),
                    })
                    .collect(),
                note: cx.t_opt(&e.note),
            }
        })
        .collect();

    let show_languages = pr.tiers.iter().flat_map(|t| &t.coverage).any(|c| !c.languages.is_empty());
    let severities_heading = match cx.project.scale_of(pr).and_then(|s| s.term.as_ref()).filter(|_| !several) {
        Some(term) => {
            let term = cx.t(term);
            cx.label(Label::SeveritiesOf).replace("{term}", &term)
        }
        None => cx.label(Label::Severities).to_string(),
    };
    ProgrammeView {
        id: pr.id.value.0.clone(),
        name: cx.t(&pr.name),
        summary: cx.t_opt(&pr.summary),
        tiers_have_summary: pr.tiers.iter().any(|t| t.summary.is_some()),
        tiers_have_price: pr.tiers.iter().any(|t| t.price.is_some()),
        show_languages,
        severities_heading,
        tiers,
        coverage_notes,
        features,
        scale: scale_view,
        targets,
        channels: pr
            .channels
            .iter()
            .map(|c| ChannelView {
                id: c.id.value.0.clone(),
                name: cx.t(&c.name),
                address: c.address.as_ref().map(|a| a.value.clone()),
                address_links: c.address.as_ref().is_some_and(|a| {
                    let v = a.value.trim();
                    let one_token = !v.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '`'));
                    one_token && (v.contains('@') || v.starts_with("https://") || v.starts_with("http://"))
                }),
                note: cx.t_opt(&c.note),
                note_blocks: c.note.as_ref().is_some_and(|n| crate::render::markdown::has_blocks(n.best(cx.lang))),
            })
            .collect(),
        time_to_engineer,
        escalation,
        escalation_levels: pr
            .escalation_levels
            .iter()
            .map(|l| {
                let name = cx.t(&l.name);
                let title = match &l.level {
                    Some(n) => cx
                        .label(Label::EscalationLevelNumbered)
                        .replace("{n}", &n.value.to_string())
                        .replace("{name}", &name),
                    None => name.clone(),
                };
                EscalationLevelView {
                    id: l.id.value.0.clone(),
                    number: l.level.as_ref().map(|n| n.value),
                    name,
                    title,
                    description: cx.t_opt(&l.description),
                }
            })
            .collect(),
        request_fields: pr
            .request_fields
            .iter()
            .map(|f| FieldView {
                name: f.name.value.clone(),
                description: cx.t_opt(&f.description),
                example: f.example.clone(),
                required: f.required,
                required_text: cx.label(if f.required { Label::Required } else { Label::Optional }).to_string(),
            })
            .collect(),
        retention: pr
            .retention
            .iter()
            .map(|r| RetentionView {
                data: cx.t(&r.data),
                period: r.period.render(lang),
                kept: fmt::kept_after(&r.period, r.after.value, lang),
                deletion: r.deletion.as_ref().map(|d| d.render(lang)),
                note: cx.t_opt(&r.note),
            })
            .collect(),
        disclosure: pr.disclosure.as_ref().map(|d| DisclosureView {
            after: d.after.render(lang),
            channel: cx.t_opt(&d.channel),
            identifiers: fmt::join(&d.identifiers.iter().map(|i| i.value.clone()).collect::<Vec<_>>(), lang),
            scope: cx.t_opt(&d.scope),
            note: cx.t_opt(&d.note),
        }),
        notes: cx.t_list(&pr.notes),
    }
}

/// The programme's features, in order, with their marks per tier and their
/// note marks in the feature matrix.
pub(super) fn features(cx: &mut ViewCx, pr: &Programme) -> Vec<FeatureView> {
    let tier_ids: Vec<&str> = pr.tiers.iter().map(|t| t.id.as_str()).collect();
    let mut noted = 0;
    pr.features
        .iter()
        .map(|f| {
            let offered = |t: &str| pr.offers(f, t);
            let mark = f.note.as_ref().map(|_| {
                noted += 1;
                format!("※{noted}")
            });
            FeatureView {
                mark,
                id: f.id.value.0.clone(),
                name: cx.t(&f.name),
                summary: cx.t_opt(&f.summary),
                details: cx.t_list(&f.details),
                note: cx.t_opt(&f.note),
                marks: tier_ids
                    .iter()
                    .map(|t| cx.label(if offered(t) { Label::Included } else { Label::NotIncluded }).to_string())
                    .collect(),
                from_tier: tier_ids.iter().find(|t| offered(t)).map(|t| t.to_string()),
            }
        })
        .collect()
}

/// Which rows of the response-targets table a block shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Metric {
    Response,
    Update,
}

impl Metric {
    pub(super) fn parse(s: &str) -> Option<Metric> {
        match s {
            "response" => Some(Metric::Response),
            "update" => Some(Metric::Update),
            _ => None,
        }
    }
}

/// The response-targets table of scale `index` (of
/// [`Programme::scale_targets`]): every row (`only: None`), or only the
/// response rows or only the status-update rows.
pub(super) fn targets(cx: &mut ViewCx, pr: &Programme, index: usize, only: Option<Metric>) -> TargetsView {
    let lang = cx.lang;
    let all = pr.scale_targets();
    let (scale_ref, chosen) = all.get(index).copied().unwrap_or((pr.scale.as_ref(), &pr.targets));
    let scale = scale_ref.and_then(|r| cx.project.scale(r.as_str()));
    let tier_ids: Vec<&str> = pr.tiers.iter().map(|t| t.id.as_str()).collect();
    // Severity × metric rows, tiers as columns; escalation rows derived
    // from the escalation paths so the table and the procedure agree.
    let mut rows = Vec::new();
    let mut escalates = false;
    let mut cell_notes = Vec::new();
    if let Some(s) = scale {
        for level in s.by_rank() {
            let sev = level.id.as_str();
            let label = cx.t(&level.label);
            let mut first = true;
            let mut push = |metric: String, cells: Vec<String>| {
                rows.push(TargetRowView { severity: if first { label.clone() } else { String::new() }, metric, cells });
                first = false;
            };
            if !chosen.response.is_empty() && only != Some(Metric::Update) {
                let cells = tier_ids
                    .iter()
                    .map(|t| matrix_cell(cx, &mut cell_notes, &chosen.response, sev, t, |x| fmt::deadline(x, lang)))
                    .collect();
                push(cx.label(Label::ResponseTime).to_string(), cells);
            }
            if !chosen.update.is_empty() && only != Some(Metric::Response) {
                let cells = tier_ids
                    .iter()
                    .map(|t| matrix_cell(cx, &mut cell_notes, &chosen.update, sev, t, |x| fmt::frequency(x, lang)))
                    .collect();
                push(cx.label(Label::UpdateFrequency).to_string(), cells);
            }
            for lvl in pr.escalation_levels.iter().filter(|_| only.is_none()) {
                let cells: Vec<String> = tier_ids
                    .iter()
                    .map(|t| {
                        pr.escalation
                            .iter()
                            .filter(|e| e.severity.as_str() == sev && e.tiers.iter().any(|x| x.as_str() == *t))
                            .flat_map(|e| e.steps.iter())
                            .find(|st| st.to.as_ref().is_some_and(|to| to.as_str() == lvl.id.as_str()))
                            .map(|st| fmt::after(&st.after.value, lang))
                            .unwrap_or_else(|| "—".into())
                    })
                    .collect();
                // No tier escalates at this severity: a row of dashes says nothing.
                if cells.iter().all(|c| c == "—") {
                    continue;
                }
                let name = cx.t(&lvl.name);
                push(cx.label(Label::EscalationTo).replace("{name}", &name), cells);
                escalates = true;
            }
        }
    }
    TargetsView {
        caption: cx
            .label(match only {
                Some(Metric::Update) => Label::UpdatesCaption,
                None if chosen.response.is_empty() && !escalates => Label::UpdatesCaption,
                _ if escalates => Label::TargetsCaption,
                _ => Label::TargetsCaptionResponseOnly,
            })
            .to_string(),
        severity_heading: match scale {
            Some(s) => severity_term(cx, s),
            None => cx.label(Label::Severity).to_string(),
        },
        tiers: pr.tiers.iter().map(|t| cx.t(&t.name)).collect(),
        rows,
        notes: cx.t_list(&chosen.notes),
        cell_notes,
    }
}
