//! The facts a section shows, as `path: value` lines: its title and prose
//! (as written, in the document's language) and the data of every block it
//! shows (typed values in canonical form). Templates play no part, so
//! restyling a template or the stylesheet never changes a section's facts;
//! changing what it says always does.

use crate::model::values::Lang;
use crate::model::{
    Actor, Block, BlockRef, BlockStatus, Calendar, CalendarHours, Closure, CriteriaCell, Document, Programme, Project,
    Section, Target, Text,
};

/// One section's facts, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionFacts {
    pub id: String,
    pub title: String,
    pub facts: Vec<String>,
}

struct Facts<'a> {
    lang: Lang,
    project: &'a Project,
    out: Vec<String>,
}

impl Facts<'_> {
    fn put(&mut self, path: &str, value: impl AsRef<str>) {
        let v = value.as_ref().trim().replace('\n', "⏎");
        self.out.push(format!("{path}: {v}"));
    }
    fn text(&mut self, path: &str, t: &Text) {
        let v = t.get(self.lang).unwrap_or_else(|| t.first()).text.clone();
        self.put(path, v);
    }
    fn opt_text(&mut self, path: &str, t: &Option<Text>) {
        if let Some(t) = t {
            self.text(path, t);
        }
    }
    fn texts(&mut self, path: &str, list: &[Text]) {
        for (i, t) in list.iter().enumerate() {
            self.text(&format!("{path} / {}", i + 1), t);
        }
    }
    fn calendar(&mut self, path: &str, cal: Option<&Calendar>) {
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

fn target(t: &Target) -> String {
    match t {
        Target::Within(d) => d.canonical(),
        Target::AsNeeded => "as needed".into(),
        Target::NotOffered => "n/a".into(),
    }
}

fn block(f: &mut Facts, d: &Document, b: &BlockRef) {
    let p = f.project;
    if p.block_status(d, b) != BlockStatus::Ready {
        return;
    }
    let name = b.block.value.name();
    let target_id = b.target.as_ref().map(|t| t.as_str().to_string());
    let service = p.service_of(d);
    let programme = p.programme_of(d);
    use Block::*;
    match (b.block.value, service, programme) {
        (Responsibilities, Some(s), _) => {
            let r = s.responsibilities.as_ref().expect("ready");
            f.texts("responsibilities / provider", &r.provider);
            f.texts("responsibilities / customer", &r.customer);
            f.opt_text("responsibilities / note", &r.note);
        }
        (Availability, Some(s), _) => {
            let a = s.availability.as_ref().expect("ready");
            f.calendar("availability / hours", p.calendar(a.hours.as_str()));
            f.texts("availability / exclusions", &a.exclusions);
            if let Some(t) = &a.target {
                f.put("availability / target", &t.text);
            }
            for r in &a.records {
                let period = r.period.best(f.lang).to_string();
                f.put(&format!("availability / record / {period}"), r.value.render(Lang::En));
            }
            f.opt_text("availability / out of hours", &a.out_of_hours);
        }
        (DataLocation, Some(s), _) => {
            let l = s.data_location.as_ref().expect("ready");
            f.text("data location / region", &l.region);
            f.opt_text("data location / detail", &l.detail);
        }
        (DataDeletion, Some(s), _) => {
            for (i, r) in s.data_deletion.iter().enumerate() {
                let k = format!("data deletion / {}", i + 1);
                f.text(&format!("{k} / data"), &r.data);
                f.put(&format!("{k} / within"), r.within.canonical());
                f.put(&format!("{k} / after"), format!("{:?}", r.after.value));
                f.opt_text(&format!("{k} / method"), &r.method);
            }
        }
        (Disposal, Some(s), _) => f.opt_text("disposal", &s.disposal),
        (Backups, Some(s), _) => {
            for bk in &s.backups {
                let k = format!("backups / {}", bk.id.value);
                f.text(&format!("{k} / data"), &bk.data);
                f.put(&format!("{k} / schedule"), bk.schedule.render(Lang::En));
                f.put(&format!("{k} / generations"), bk.generations.value.to_string());
                f.opt_text(&format!("{k} / location"), &bk.location);
                f.opt_text(&format!("{k} / method"), &bk.method);
            }
            f.texts("backups / notes", &s.backup_notes);
        }
        (LogClock, Some(s), _) => {
            let c = s.log_clock.as_ref().expect("ready");
            f.put("log clock / timezone", c.timezone.render());
            f.opt_text("log clock / source", &c.source);
        }
        (VulnerabilityManagement, Some(s), _) => {
            let v = s.vulnerability.as_ref().expect("ready");
            f.opt_text("vulnerability management / sources", &v.sources);
            f.opt_text("vulnerability management / patching", &v.patching);
            if let Some(m) = &v.maintenance {
                f.put("vulnerability management / maintenance", m.render(Lang::En));
            }
            f.opt_text("vulnerability management / maintenance note", &v.maintenance_note);
        }
        (IncidentResponse, Some(s), _) => {
            let i = s.incident_response.as_ref().expect("ready");
            f.put("incident response / notify within", i.notify_within.canonical());
            f.opt_text("incident response / notify via", &i.notify_via);
            f.opt_text("incident response / scope", &i.scope);
            let cal = i.recovery_hours.as_ref().and_then(|h| p.calendar(h.as_str()));
            f.calendar("incident response / recovery hours", cal);
            f.opt_text("incident response / contact", &i.contact);
        }
        (LogRetention, Some(s), _) => {
            for l in &s.logs {
                let k = format!("logs / {}", l.id.value);
                f.text(&format!("{k} / name"), &l.name);
                f.put(&format!("{k} / retention"), l.retention.render(Lang::En));
                f.opt_text(&format!("{k} / note"), &l.note);
            }
            f.texts("logs / notes", &s.log_notes);
        }
        (Manuals, Some(s), _) => {
            for (i, m) in s.manuals.iter().enumerate() {
                f.text(&format!("manuals / {} / title", i + 1), &m.title);
                if let Some(u) = &m.url {
                    f.put(&format!("manuals / {} / url", i + 1), &u.value);
                }
                f.opt_text(&format!("manuals / {} / note", i + 1), &m.note);
            }
        }
        (Criteria, Some(s), _) => {
            let Some(t) = target_id.as_deref().and_then(|id| s.criteria_table(id)) else { return };
            let k = format!("criteria {}", t.id.value);
            f.text(&format!("{k} / title"), &t.title);
            for c in &t.columns {
                f.text(&format!("{k} / columns / {}", c.id.value), &c.title);
            }
            for r in &t.rows {
                for (col, cell) in &r.cells {
                    let path = format!("{k} / {} / {}", r.id.value, col.value);
                    match cell {
                        CriteriaCell::Text(x) => f.text(&path, x),
                        CriteriaCell::Ref(id) => f.put(&path, &id.value.0),
                    }
                }
            }
            f.opt_text(&format!("{k} / note"), &t.note);
        }
        (Procedure, Some(s), _) => {
            let Some(pr) = target_id.as_deref().and_then(|id| s.procedure(id)) else { return };
            let k = format!("procedure {}", pr.id.value);
            f.text(&format!("{k} / title"), &pr.title);
            for st in &pr.steps {
                let sk = format!("{k} / {}", st.id.value);
                f.text(&format!("{sk} / action"), &st.action);
                match &st.actor {
                    Some(Actor::Provider) => f.put(&format!("{sk} / actor"), "provider"),
                    Some(Actor::Customer) => f.put(&format!("{sk} / actor"), "customer"),
                    Some(Actor::Other(t)) => f.text(&format!("{sk} / actor"), t),
                    None => {}
                }
                for (i, br) in st.next.iter().enumerate() {
                    f.put(&format!("{sk} / next / {}", i + 1), &br.step.value.0);
                    f.opt_text(&format!("{sk} / next / {} / when", i + 1), &br.when);
                }
                f.opt_text(&format!("{sk} / note"), &st.note);
            }
        }
        (Contract | LeadTime | Cancellation, Some(s), _) => {
            let c = s.contract.as_ref().expect("ready");
            match b.block.value {
                Contract => {
                    f.opt_text("contract / unit", &c.unit);
                    f.opt_text("contract / application", &c.application);
                    if let Some(m) = &c.minimum_term {
                        f.put("contract / minimum term", m.canonical());
                    }
                    f.opt_text("contract / price", &c.price);
                    f.opt_text("contract / governing law", &c.governing_law);
                }
                LeadTime => {
                    if let Some(l) = &c.lead_time {
                        f.put("contract / lead time", l.canonical());
                    }
                    f.opt_text("contract / lead time from", &c.lead_time_from);
                }
                _ => f.opt_text("contract / cancellation", &c.cancellation),
            }
        }
        (ServiceNotes, Some(s), _) => f.texts("notes", &s.notes),
        (Disclaimers, Some(s), _) => f.texts("disclaimers", &s.disclaimers),
        (Tiers, _, Some(pr)) => {
            for t in &pr.tiers {
                let k = format!("tiers / {}", t.id.value);
                f.text(&format!("{k} / name"), &t.name);
                f.opt_text(&format!("{k} / summary"), &t.summary);
                f.opt_text(&format!("{k} / price"), &t.price);
            }
        }
        (FeatureMatrix, _, Some(pr)) => {
            for t in &pr.tiers {
                f.text(&format!("tiers / {} / name", t.id.value), &t.name);
            }
            for ft in &pr.features {
                let k = format!("features / {}", ft.id.value);
                f.text(&format!("{k} / name"), &ft.name);
                let tiers: Vec<&str> =
                    pr.tiers.iter().filter(|t| pr.offers(ft, t.id.as_str())).map(|t| t.id.as_str()).collect();
                f.put(&format!("{k} / tiers"), tiers.join(", "));
                f.opt_text(&format!("{k} / note"), &ft.note);
            }
        }
        (TierFeatures, _, Some(pr)) => {
            let Some(tier) = target_id.as_deref() else { return };
            let idx = pr.tier_index(tier).unwrap_or(0);
            for ft in &pr.features {
                let first = pr.tiers.iter().position(|t| pr.offers(ft, t.id.as_str()));
                if first != Some(idx) {
                    continue;
                }
                let k = format!("features / {}", ft.id.value);
                f.text(&format!("{k} / name"), &ft.name);
                f.opt_text(&format!("{k} / summary"), &ft.summary);
                f.texts(&format!("{k} / details"), &ft.details);
                f.opt_text(&format!("{k} / note"), &ft.note);
            }
        }
        (SeverityLevels, _, Some(pr)) => {
            let Some(scale) = p.scale_of(pr) else { return };
            f.text("severity / name", &scale.name);
            f.opt_text("severity / term", &scale.term);
            f.opt_text("severity / summary", &scale.summary);
            if let Some(dflt) = &scale.default {
                f.put("severity / default", &dflt.value.0);
            }
            f.opt_text("severity / default note", &scale.default_note);
            for l in scale.by_rank() {
                let k = format!("severity / {}", l.id.value);
                f.put(&format!("{k} / rank"), l.rank.value.to_string());
                f.text(&format!("{k} / label"), &l.label);
                f.opt_text(&format!("{k} / name"), &l.name);
                f.opt_text(&format!("{k} / definition"), &l.definition);
                f.texts(&format!("{k} / examples"), &l.examples);
                f.opt_text(&format!("{k} / note"), &l.note);
            }
        }
        (ResponseTargets, _, Some(pr)) => {
            for (metric, m) in [("response", &pr.targets.response), ("update", &pr.targets.update)] {
                for r in &m.rows {
                    for c in &r.cells {
                        f.put(&format!("{metric} / {} / {}", r.severity.value, c.tier.value), target(&c.value.value));
                    }
                }
            }
            escalation_facts(f, pr, None);
            f.texts("targets / notes", &pr.targets.notes);
        }
        (Escalation, _, Some(pr)) => escalation_facts(f, pr, target_id.as_deref()),
        (EscalationLevels, _, Some(pr)) => {
            for l in &pr.escalation_levels {
                f.text(&format!("escalation levels / {} / name", l.id.value), &l.name);
                f.opt_text(&format!("escalation levels / {} / description", l.id.value), &l.description);
            }
        }
        (SupportHours, _, Some(pr)) => {
            for t in &pr.tiers {
                for (i, c) in t.coverage.iter().enumerate() {
                    let k = format!("support hours / {} / {}", t.id.value, i + 1);
                    f.calendar(&format!("{k} / calendar"), p.calendar(c.calendar.as_str()));
                    let langs: Vec<&str> = c.languages.iter().map(|l| l.code()).collect();
                    f.put(&format!("{k} / languages"), langs.join(", "));
                    let ch: Vec<&str> = c.channels.iter().map(|c| c.as_str()).collect();
                    f.put(&format!("{k} / channels"), ch.join(", "));
                    if let Some(s) = &c.severities {
                        let s: Vec<&str> = s.iter().map(|x| x.as_str()).collect();
                        f.put(&format!("{k} / severities"), s.join(", "));
                    }
                    f.opt_text(&format!("{k} / note"), &c.note);
                }
            }
            f.texts("programme / notes", &pr.notes);
        }
        (Channels, _, Some(pr)) => {
            for c in &pr.channels {
                f.text(&format!("channels / {} / name", c.id.value), &c.name);
                if let Some(a) = &c.address {
                    f.put(&format!("channels / {} / address", c.id.value), &a.value);
                }
                f.opt_text(&format!("channels / {} / note", c.id.value), &c.note);
            }
        }
        (TimeToEngineer, _, Some(pr)) => {
            for c in &pr.channels {
                for (t, v) in &c.time_to_engineer {
                    f.put(&format!("time to engineer / {} / {}", c.id.value, t.value), target(&v.value));
                }
            }
        }
        (RequestFields, _, Some(pr)) => {
            for r in &pr.request_fields {
                let k = format!("request fields / {}", r.name.value);
                f.opt_text(&format!("{k} / description"), &r.description);
                if let Some(e) = &r.example {
                    f.put(&format!("{k} / example"), e);
                }
                f.put(&format!("{k} / required"), r.required.to_string());
            }
        }
        (TicketRetention, _, Some(pr)) => {
            for r in &pr.retention {
                let k = format!("retention / {}", r.id.value);
                f.text(&format!("{k} / data"), &r.data);
                f.put(&format!("{k} / period"), r.period.canonical());
                f.put(&format!("{k} / after"), format!("{:?}", r.after.value));
                if let Some(d) = &r.deletion {
                    f.put(&format!("{k} / deletion"), d.render(Lang::En));
                }
                f.opt_text(&format!("{k} / note"), &r.note);
            }
        }
        (Disclosure, _, Some(pr)) => {
            let d = pr.disclosure.as_ref().expect("ready");
            f.put("disclosure / after", d.after.canonical());
            f.opt_text("disclosure / channel", &d.channel);
            let ids: Vec<&str> = d.identifiers.iter().map(|i| i.value.as_str()).collect();
            f.put("disclosure / identifiers", ids.join(", "));
            f.opt_text("disclosure / scope", &d.scope);
            f.opt_text("disclosure / note", &d.note);
        }
        (Glossary, _, _) => {
            let Some(g) = target_id.as_deref().and_then(|id| p.glossary(id)) else { return };
            for t in &g.terms {
                let k = format!("glossary {} / {}", g.id.value, t.id.value);
                f.text(&format!("{k} / term"), &t.term);
                if let Some(r) = &t.reading {
                    f.put(&format!("{k} / reading"), &r.value);
                }
                f.text(&format!("{k} / definition"), &t.definition);
            }
        }
        (Contact, _, _) => {
            let Some(pv) = p.provider_of(d) else { return };
            let id = target_id.or_else(|| d.contact.as_ref().map(|c| c.value.0.clone()));
            let c = match id {
                Some(id) => pv.contacts.iter().find(|c| c.id.as_str() == id),
                None => pv.contacts.first(),
            };
            if let Some(c) = c {
                f.text("contact / name", &c.name);
                for (k, v) in [("email", &c.email), ("phone", &c.phone), ("url", &c.url)] {
                    if let Some(v) = v {
                        f.put(&format!("contact / {k}"), &v.value);
                    }
                }
            }
        }
        // The revision history is the record of changes, not content.
        (RevisionHistory, _, _) => {}
        _ => f.put(name, "shown"),
    }
}

fn escalation_facts(f: &mut Facts, pr: &Programme, severity: Option<&str>) {
    for e in &pr.escalation {
        if severity.is_some_and(|s| s != e.severity.as_str()) {
            continue;
        }
        let tiers: Vec<&str> = e.tiers.iter().map(|t| t.as_str()).collect();
        let k = format!("escalation / {} / {}", e.severity.value, tiers.join("+"));
        for (n, st) in e.steps.iter().enumerate() {
            let sk = format!("{k} / {}", n + 1);
            f.put(&format!("{sk} / after"), target(&st.after.value));
            if let Some(to) = &st.to {
                f.put(&format!("{sk} / to"), &to.value.0);
            }
            f.opt_text(&format!("{sk} / action"), &st.action);
        }
        f.opt_text(&format!("{k} / note"), &e.note);
    }
}

fn section(p: &Project, d: &Document, s: &Section, out: &mut Vec<SectionFacts>) {
    let mut f = Facts { lang: d.language.value, project: p, out: Vec::new() };
    f.text("title", &s.title);
    f.opt_text("body", &s.body);
    for b in &s.show {
        block(&mut f, d, b);
    }
    f.opt_text("after", &s.after);
    out.push(SectionFacts {
        id: s.id.value.0.clone(),
        title: s.title.best(d.language.value).to_string(),
        facts: f.out,
    });
    for sub in &s.sections {
        section(p, d, sub, out);
    }
}

/// The id under which document-wide facts (title, provider) are kept.
pub const DOCUMENT: &str = "_document";

/// Facts of every section of `d`, in order; first the document's own.
pub fn document_facts(p: &Project, d: &Document) -> Vec<SectionFacts> {
    let lang = d.language.value;
    let mut f = Facts { lang, project: p, out: Vec::new() };
    f.text("title", &d.title);
    f.opt_text("subtitle", &d.subtitle);
    if let Some(pv) = p.provider_of(d) {
        f.text("provider", &pv.name);
    }
    let mut out = vec![SectionFacts { id: DOCUMENT.into(), title: d.title.best(lang).to_string(), facts: f.out }];
    for s in &d.sections {
        section(p, d, s, &mut out);
    }
    out
}

/// A short, stable fingerprint of a list of facts.
pub fn fingerprint(facts: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for f in facts {
        h.update(f.as_bytes());
        h.update(b"\n");
    }
    h.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
}
