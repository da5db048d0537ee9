//! Blocks that show the document's support programme.

use super::{BlockArgument, BlockData, BlockSpec, TargetKind, found, missing};
use crate::model::facts::{Facts, target};
use crate::model::{BlockStatus, Programme, Project, SeverityScale};

/// A block of programme data that needs no argument.
const fn plain(
    name: &'static str,
    status: fn(&Project, &Programme, Option<&str>) -> BlockStatus,
    facts: fn(&mut Facts, &Programme, Option<&str>),
) -> BlockSpec {
    BlockSpec { name, argument: None, data: BlockData::Programme { status, facts } }
}

/// The programme names a severity scale that does not exist: reported
/// where it is named, not again for every block that shows it.
fn scale_broken(p: &Project, pr: &Programme) -> bool {
    pr.scale.is_some() && p.scale_of(pr).is_none()
}

pub(super) const TIERS: BlockSpec = plain(
    "tiers",
    |_, pr, _| missing(pr.tiers.is_empty(), "programme's `tiers`"),
    |f, pr, _| {
        for t in &pr.tiers {
            let k = format!("tiers / {}", t.id.value);
            f.text(&format!("{k} / name"), &t.name);
            f.opt_text(&format!("{k} / summary"), &t.summary);
            f.opt_text(&format!("{k} / price"), &t.price);
        }
    },
);

pub(super) const FEATURE_MATRIX: BlockSpec = plain(
    "feature-matrix",
    |_, pr, _| {
        if pr.tiers.is_empty() {
            BlockStatus::Missing("programme's `tiers`")
        } else {
            missing(pr.features.is_empty(), "programme's `features`")
        }
    },
    |f, pr, _| {
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
    },
);

pub(super) const TIER_FEATURES: BlockSpec = BlockSpec {
    name: "tier-features",
    argument: Some(BlockArgument {
        target: TargetKind::Tier,
        required: true,
        candidates: |p, d| p.programme_of(d).map(|pg| pg.tiers.iter().map(|t| t.id.as_str()).collect()),
    }),
    data: BlockData::Programme {
        status: |_, pr, t| found(t.is_some_and(|t| pr.tier(t).is_some())),
        facts: |f, pr, target| {
            let Some(tier) = target else { return };
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
        },
    },
};

pub(super) const FEATURE: BlockSpec = BlockSpec {
    name: "feature",
    argument: Some(BlockArgument {
        target: TargetKind::Feature,
        required: true,
        candidates: |p, d| p.programme_of(d).map(|pg| pg.features.iter().map(|f| f.id.as_str()).collect()),
    }),
    data: BlockData::Programme {
        status: |_, pr, t| found(t.is_some_and(|t| pr.features.iter().any(|f| f.id.as_str() == t))),
        facts: |f, pr, target| {
            let Some(ft) = target.and_then(|id| pr.features.iter().find(|x| x.id.as_str() == id)) else { return };
            let k = format!("feature {}", ft.id.value);
            f.text(&format!("{k} / name"), &ft.name);
            f.opt_text(&format!("{k} / summary"), &ft.summary);
            f.texts(&format!("{k} / details"), &ft.details);
            let tiers: Vec<&str> =
                pr.tiers.iter().filter(|t| pr.offers(ft, t.id.as_str())).map(|t| t.id.as_str()).collect();
            f.put(&format!("{k} / tiers"), tiers.join(", "));
            f.opt_text(&format!("{k} / note"), &ft.note);
        },
    },
};

/// The scale a block names (`severity-levels: <scale>`), else the first.
pub fn chosen_scale<'a>(p: &'a Project, pr: &'a Programme, named: Option<&str>) -> Option<&'a SeverityScale> {
    match named {
        Some(id) => {
            pr.scale_targets().iter().any(|(r, _)| r.is_some_and(|r| r.as_str() == id)).then(|| p.scale(id)).flatten()
        }
        None => p.scale_of(pr),
    }
}

fn scale_ids(pr: &Programme) -> Vec<&str> {
    pr.scale_targets().into_iter().filter_map(|(r, _)| r.map(|r| r.as_str())).collect()
}

pub(super) const SEVERITY_LEVELS: BlockSpec = BlockSpec {
    name: "severity-levels",
    argument: Some(BlockArgument {
        target: TargetKind::Scale,
        required: false,
        candidates: |p, d| p.programme_of(d).map(scale_ids),
    }),
    data: BlockData::Programme {
        status: |p, pr, named| {
            if scale_broken(p, pr) {
                BlockStatus::BrokenData
            } else if named.is_some() {
                found(chosen_scale(p, pr, named).is_some())
            } else {
                missing(p.scale_of(pr).is_none(), "programme's severity `scale`")
            }
        },
        facts: |f, pr, named| {
            let Some(scale) = chosen_scale(f.project, pr, named) else { return };
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
        },
    },
};

/// The rows `response-targets` can be narrowed to.
const METRICS: [&str; 2] = ["response", "update"];

/// What `response-targets` shows: which scale (index into
/// [`Programme::scale_targets`]) and which rows (`response`, `update`, or
/// all). The argument is `response`, `update`, `<scale>` or
/// `<scale>/response`; `None` when it names neither.
pub fn targets_choice<'a>(pr: &Programme, arg: Option<&'a str>) -> Option<(usize, Option<&'a str>)> {
    let Some(arg) = arg else { return Some((0, None)) };
    let (scale, metric) = match arg.split_once('/') {
        Some((s, m)) => (Some(s), Some(m)),
        None if METRICS.contains(&arg) => (None, Some(arg)),
        None => (Some(arg), None),
    };
    if metric.is_some_and(|m| !METRICS.contains(&m)) {
        return None;
    }
    let index = match scale {
        None => 0,
        Some(s) => pr.scale_targets().iter().position(|(r, _)| r.is_some_and(|r| r.as_str() == s))?,
    };
    Some((index, metric))
}

fn targets_candidates<'a>(p: &'a Project, d: &'a crate::model::Document) -> Option<Vec<&'a str>> {
    let pr = p.programme_of(d)?;
    let mut out: Vec<&str> = METRICS.to_vec();
    if pr.has_several_scales() {
        out.extend(scale_ids(pr));
    }
    Some(out)
}

pub(super) const RESPONSE_TARGETS: BlockSpec = BlockSpec {
    name: "response-targets",
    argument: Some(BlockArgument { target: TargetKind::Metric, required: false, candidates: targets_candidates }),
    data: BlockData::Programme { status: response_targets_status, facts: response_targets_facts },
};

fn response_targets_status(p: &Project, pr: &Programme, arg: Option<&str>) -> BlockStatus {
    let Some((index, only)) = targets_choice(pr, arg) else {
        return BlockStatus::UnknownTarget;
    };
    if scale_broken(p, pr) {
        return BlockStatus::BrokenData;
    }
    let all = pr.scale_targets();
    let Some((scale, targets)) = all.get(index) else { return BlockStatus::UnknownTarget };
    let absent = match only {
        Some("response") => targets.response.is_empty(),
        Some(_) => targets.update.is_empty(),
        None => targets.response.is_empty() && targets.update.is_empty(),
    };
    let scale_missing = scale.is_none_or(|s| p.scale(s.as_str()).is_none());
    missing(absent || scale_missing, "programme's `targets`")
}

fn response_targets_facts(f: &mut Facts, pr: &Programme, arg: Option<&str>) {
    let Some((index, only)) = targets_choice(pr, arg) else { return };
    let all = pr.scale_targets();
    let Some((scale, targets)) = all.get(index) else { return };
    // The first scale's facts keep the paths they had when a programme had one scale.
    let prefix = match (index, scale) {
        (0, _) | (_, None) => String::new(),
        (_, Some(s)) => format!("{} / ", s.value),
    };
    for (metric, m) in [("response", &targets.response), ("update", &targets.update)] {
        if only.is_some_and(|o| o != metric) {
            continue;
        }
        for r in &m.rows {
            for c in &r.cells {
                f.put(&format!("{prefix}{metric} / {} / {}", r.severity.value, c.tier.value), target(&c.value.value));
            }
        }
    }
    if only.is_none() {
        // With several scales, the escalation of this scale's levels only.
        let levels: Option<Vec<&str>> = pr
            .has_several_scales()
            .then(|| scale.and_then(|s| f.project.scale(s.as_str())))
            .flatten()
            .map(|s| s.levels.iter().map(|l| l.id.as_str()).collect());
        for e in &pr.escalation {
            if levels.as_ref().is_none_or(|l| l.contains(&e.severity.as_str())) {
                escalation_path_facts(f, e);
            }
        }
    }
    f.texts(&format!("{prefix}targets / notes"), &targets.notes);
}

pub(super) const ESCALATION: BlockSpec = BlockSpec {
    name: "escalation",
    argument: Some(BlockArgument {
        target: TargetKind::SeverityLevel,
        required: false,
        candidates: |p, d| {
            let pg = p.programme_of(d)?;
            p.scale_of(pg)?;
            Some(p.scales_of(pg).into_iter().flat_map(|(s, _)| s.levels.iter().map(|l| l.id.as_str())).collect())
        },
    }),
    data: BlockData::Programme {
        status: |p, pr, t| {
            if scale_broken(p, pr) {
                BlockStatus::BrokenData
            } else if pr.escalation.is_empty() {
                BlockStatus::Missing("programme's `escalation`")
            } else {
                match (t, p.scale_of(pr)) {
                    (Some(t), Some(_)) => found(p.severity_level(pr, t).is_some()),
                    _ => BlockStatus::Ready,
                }
            }
        },
        facts: escalation_facts,
    },
};

fn escalation_facts(f: &mut Facts, pr: &Programme, severity: Option<&str>) {
    for e in &pr.escalation {
        if severity.is_none_or(|s| s == e.severity.as_str()) {
            escalation_path_facts(f, e);
        }
    }
}

fn escalation_path_facts(f: &mut Facts, e: &crate::model::EscalationPath) {
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

pub(super) const ESCALATION_PATH: BlockSpec = BlockSpec {
    name: "escalation-path",
    argument: Some(BlockArgument {
        target: TargetKind::EscalationPath,
        required: true,
        candidates: |p, d| {
            p.programme_of(d).map(|pg| pg.escalation.iter().filter_map(|e| e.id.as_ref()).map(|i| i.as_str()).collect())
        },
    }),
    data: BlockData::Programme {
        status: |_, pr, t| found(t.is_some_and(|t| pr.escalation_path(t).is_some())),
        facts: |f, pr, t| {
            if let Some(e) = t.and_then(|t| pr.escalation_path(t)) {
                escalation_path_facts(f, e);
            }
        },
    },
};

pub(super) const ESCALATION_LEVELS: BlockSpec = plain(
    "escalation-levels",
    |_, pr, _| missing(pr.escalation_levels.is_empty(), "programme's `escalation_levels`"),
    |f, pr, _| {
        for l in &pr.escalation_levels {
            if let Some(n) = &l.level {
                f.put(&format!("escalation levels / {} / level", l.id.value), n.value.to_string());
            }
            f.text(&format!("escalation levels / {} / name", l.id.value), &l.name);
            f.opt_text(&format!("escalation levels / {} / description", l.id.value), &l.description);
        }
    },
);

pub(super) const SUPPORT_HOURS: BlockSpec = plain(
    "support-hours",
    |_, pr, _| missing(pr.tiers.iter().all(|t| t.coverage.is_empty()), "tiers' `coverage`"),
    |f, pr, _| {
        for t in &pr.tiers {
            for (i, c) in t.coverage.iter().enumerate() {
                let k = format!("support hours / {} / {}", t.id.value, i + 1);
                f.calendar(&format!("{k} / calendar"), f.project.calendar(c.calendar.as_str()));
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
    },
);

pub(super) const CHANNELS: BlockSpec = plain(
    "channels",
    |_, pr, _| missing(pr.channels.is_empty(), "programme's `channels`"),
    |f, pr, _| {
        for c in &pr.channels {
            f.text(&format!("channels / {} / name", c.id.value), &c.name);
            if let Some(a) = &c.address {
                f.put(&format!("channels / {} / address", c.id.value), &a.value);
            }
            f.opt_text(&format!("channels / {} / note", c.id.value), &c.note);
        }
    },
);

pub(super) const TIME_TO_ENGINEER: BlockSpec = plain(
    "time-to-engineer",
    |_, pr, _| missing(pr.channels.iter().all(|c| c.time_to_engineer.is_empty()), "channels' `time_to_engineer`"),
    |f, pr, _| {
        for c in &pr.channels {
            for (t, v) in &c.time_to_engineer {
                f.put(&format!("time to engineer / {} / {}", c.id.value, t.value), target(&v.value));
            }
        }
    },
);

pub(super) const REQUEST_FIELDS: BlockSpec = plain(
    "request-fields",
    |_, pr, _| missing(pr.request_fields.is_empty(), "programme's `request_fields`"),
    |f, pr, _| {
        for r in &pr.request_fields {
            let k = format!("request fields / {}", r.name.value);
            f.opt_text(&format!("{k} / description"), &r.description);
            if let Some(e) = &r.example {
                f.put(&format!("{k} / example"), e);
            }
            f.put(&format!("{k} / required"), r.required.to_string());
        }
    },
);

pub(super) const TICKET_RETENTION: BlockSpec = plain(
    "ticket-retention",
    |_, pr, _| missing(pr.retention.is_empty(), "programme's `retention`"),
    |f, pr, _| {
        for r in &pr.retention {
            let k = format!("retention / {}", r.id.value);
            f.text(&format!("{k} / data"), &r.data);
            f.put(&format!("{k} / period"), r.period.canonical());
            f.event(&format!("{k} / after"), r.after.value);
            if let Some(d) = &r.deletion {
                f.schedule(&format!("{k} / deletion"), d);
            }
            f.opt_text(&format!("{k} / note"), &r.note);
        }
    },
);

pub(super) const DISCLOSURE: BlockSpec = plain(
    "disclosure",
    |_, pr, _| missing(pr.disclosure.is_none(), "programme's `disclosure`"),
    |f, pr, _| {
        let Some(d) = &pr.disclosure else { return };
        f.put("disclosure / after", d.after.canonical());
        f.opt_text("disclosure / channel", &d.channel);
        let ids: Vec<&str> = d.identifiers.iter().map(|i| i.value.as_str()).collect();
        f.put("disclosure / identifiers", ids.join(", "));
        f.opt_text("disclosure / scope", &d.scope);
        f.opt_text("disclosure / note", &d.note);
    },
);
