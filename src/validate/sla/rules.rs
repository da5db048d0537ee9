//! The SLA consistency rules.

use super::business::{mean_minutes, worst_case_minutes};
use crate::diag::{Code, Diagnostic};
use crate::model::values::{Basis, Duration, Lang, Retention, Unit};
use crate::model::{Calendar, Event, Programme, Project, Service, Target};
use crate::source::{Span, Spanned};

/// How fast a target is, for comparisons: lower is faster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Speed {
    Within(u64),
    AsNeeded,
    NotOffered,
}

fn speed(t: &Target, cal: Option<&Calendar>) -> Speed {
    match t {
        Target::Within(d) => worst_case_minutes(d, cal).map_or(Speed::NotOffered, Speed::Within),
        Target::AsNeeded => Speed::AsNeeded,
        Target::NotOffered => Speed::NotOffered,
    }
}

/// Whether `a` (under `cal_a`) promises less than `b` (under `cal_b`):
/// slower in the worst case, or slower on average. Business time under
/// two different calendars can order one way at a holiday weekend and the
/// other way on an ordinary day ("5 business days" on a seven-day calendar
/// against "2 business days" on weekdays); either is a contradiction a
/// customer can point at.
fn slower(a: &Target, cal_a: Option<&Calendar>, b: &Target, cal_b: Option<&Calendar>) -> bool {
    let (sa, sb) = (speed(a, cal_a), speed(b, cal_b));
    if let (Target::Within(da), Target::Within(db), Speed::Within(_), Speed::Within(_)) = (a, b, sa, sb)
        && let (Some(ma), Some(mb)) = (mean_minutes(da, cal_a), mean_minutes(db, cal_b))
    {
        // A minute's tolerance: equal promises must never be "slower".
        return sa > sb || ma > mb + 1.0;
    }
    sa > sb
}

fn describe(t: &Target) -> String {
    match t {
        Target::Within(d) => d.render(Lang::En),
        Target::AsNeeded => "as needed".into(),
        Target::NotOffered => "not offered".into(),
    }
}

/// One target of one tier and severity, with where it is written.
#[derive(Clone, Copy)]
struct Cell {
    target: Target,
    span: Span,
}

/// Looks up the cell of a metric for (severity, tier).
type Lookup<'a> = Box<dyn Fn(&str, &str) -> Option<Cell> + 'a>;

/// The calendar business time of a tier runs by: its first coverage window
/// that is not round the clock.
fn business_calendar<'a>(p: &'a Project, pr: &Programme, tier: &str) -> Option<&'a Calendar> {
    let t = pr.tier(tier)?;
    let cals: Vec<&Calendar> = t.coverage.iter().filter_map(|c| p.calendar(c.calendar.as_str())).collect();
    cals.iter().find(|c| !c.is_always()).copied().or(cals.first().copied())
}

/// The metrics compared: name and a cell lookup.
fn metrics<'a>(pr: &'a Programme, targets: &'a crate::model::Targets) -> Vec<(String, Lookup<'a>)> {
    let mut out: Vec<(String, Lookup<'a>)> = Vec::new();
    for (name, m) in [("response", &targets.response), ("status update", &targets.update)] {
        if m.is_empty() {
            continue;
        }
        out.push((
            format!("{name} target"),
            Box::new(move |sev: &str, tier: &str| {
                m.cell(sev, tier).map(|c| Cell { target: c.value.value, span: c.value.span })
            }),
        ));
    }
    for lvl in &pr.escalation_levels {
        let level = lvl.id.as_str();
        out.push((
            format!("escalation to `{level}`"),
            Box::new(move |sev: &str, tier: &str| {
                let steps = pr
                    .escalation
                    .iter()
                    .filter(|e| e.severity.as_str() == sev && e.tiers.iter().any(|t| t.as_str() == tier))
                    .flat_map(|e| e.steps.iter())
                    .filter(|s| s.to.as_ref().is_some_and(|to| to.as_str() == level));
                steps
                    .min_by_key(|s| speed(&s.after.value, None))
                    .map(|s| Cell { target: s.after.value, span: s.after.span })
            }),
        ));
    }
    out
}

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    for pr in &p.programmes {
        programme(p, pr, out);
    }
    for s in &p.services {
        service(s, out);
    }
    for scale in &p.scales {
        for l in &scale.levels {
            if l.definition.is_none() {
                out.push(
                    Diagnostic::new(
                        Code::SeverityWithoutDefinition,
                        format!("severity level `{}` has no definition", l.id.value),
                    )
                    .at(l.id.span, "what does this level mean?")
                    .hint("add `definition:` saying when an incident gets this level"),
                );
            }
        }
    }
}

fn programme(p: &Project, pr: &Programme, out: &mut Vec<Diagnostic>) {
    let has_targets = pr.scale_targets().iter().any(|(_, t)| !t.response.is_empty() || !t.update.is_empty())
        || !pr.escalation.is_empty();

    // Completeness.
    for t in &pr.tiers {
        if t.coverage.is_empty() && has_targets {
            out.push(
                Diagnostic::new(Code::TierWithoutHours, format!("tier `{}` has no support hours", t.id.value))
                    .at(t.id.span, "when can customers reach support?")
                    .hint("add `coverage:` with the calendar (and channels) of this tier's support hours"),
            );
        }
    }
    for f in &pr.features {
        if !pr.tiers.iter().any(|t| pr.offers(f, t.id.as_str())) {
            out.push(
                Diagnostic::new(Code::FeatureWithoutTier, format!("feature `{}` is offered by no tier", f.id.value))
                    .at(f.id.span, "no tier offers this")
                    .hint("add `tiers:` to the feature, or remove it"),
            );
        }
    }

    // Tier dominance: features.
    for w in pr.tiers.windows(2) {
        let (low, high) = (&w[0], &w[1]);
        for f in &pr.features {
            if pr.offers(f, low.id.as_str()) && !pr.offers(f, high.id.as_str()) {
                out.push(
                    Diagnostic::new(
                        Code::TierMissingFeature,
                        format!(
                            "tier `{}` lacks feature `{}`, which the lower tier `{}` offers",
                            high.id.value, f.id.value, low.id.value
                        ),
                    )
                    .at(f.id.span, format!("offered at `{}` but not at `{}`", low.id.value, high.id.value))
                    .also(high.id.span, "the higher tier")
                    .hint(format!("add `{}` to the feature's `tiers:`, or accept this with a reason", high.id.value)),
                );
            }
        }
    }

    // Targets are compared within each scale: its levels, its matrices.
    for (scale, targets) in p.scales_of(pr) {
        scale_targets(p, pr, scale, targets, out);
    }

    // Plausibility.
    for (_, targets) in pr.scale_targets() {
        for m in [&targets.response, &targets.update] {
            for r in &m.rows {
                for c in &r.cells {
                    if let Target::Within(d) = c.value.value {
                        zero(&Spanned::new(d, c.value.span), out);
                    }
                }
            }
        }
    }
    for r in &pr.retention {
        zero(&r.period, out);
    }
    if let Some(d) = &pr.disclosure {
        zero(&d.after, out);
    }
}

/// The rules on the targets set in one severity scale.
fn scale_targets(
    p: &Project,
    pr: &Programme,
    scale: &crate::model::SeverityScale,
    targets: &crate::model::Targets,
    out: &mut Vec<Diagnostic>,
) {
    let levels: Vec<&str> = scale.by_rank().iter().map(|l| l.id.as_str()).collect();
    let metrics = metrics(pr, targets);
    // Tier dominance: targets.
    for w in pr.tiers.windows(2) {
        let (low, high) = (w[0].id.as_str(), w[1].id.as_str());
        let (cal_low, cal_high) = (business_calendar(p, pr, low), business_calendar(p, pr, high));
        for sev in &levels {
            for (name, cell) in &metrics {
                // A missing cell is E0220 (or a typo reported where it is).
                let (Some(l), Some(h)) = (cell(sev, low), cell(sev, high)) else { continue };
                let h_target = h.target;
                if slower(&h_target, cal_high, &l.target, cal_low) {
                    let at = h.span;
                    out.push(
                        Diagnostic::new(
                            Code::TierSlowerTarget,
                            format!(
                                "the {name} for severity `{sev}` is slower at the higher tier `{high}` ({}) than at `{low}` ({})",
                                describe(&h_target),
                                describe(&l.target)
                            ),
                        )
                        .at(at, format!("`{high}`: {}", describe(&h_target)))
                        .also(l.span, format!("`{low}`: {}", describe(&l.target)))
                        .hint("a higher tier should be at least as fast; business time is compared under each tier's calendar, in the worst case and on average"),
                    );
                }
            }
        }
    }

    // Severity order within each tier.
    for t in &pr.tiers {
        let tier = t.id.as_str();
        let cal = business_calendar(p, pr, tier);
        for pair in levels.windows(2) {
            let (severe, milder) = (pair[0], pair[1]);
            for (name, cell) in &metrics {
                let (Some(s), Some(m)) = (cell(severe, tier), cell(milder, tier)) else { continue };
                if slower(&s.target, cal, &m.target, cal) {
                    out.push(
                        Diagnostic::new(
                            Code::SeverityOrder,
                            format!(
                                "at tier `{tier}`, the {name} for the more severe `{severe}` ({}) is slower than for `{milder}` ({})",
                                describe(&s.target),
                                describe(&m.target)
                            ),
                        )
                        .at(s.span, format!("`{severe}`: {}", describe(&s.target)))
                        .also(m.span, format!("`{milder}`: {}", describe(&m.target)))
                        .hint("a more severe incident should never wait longer"),
                    );
                }
            }
        }
    }

    // Clock-time promises need round-the-clock coverage.
    for t in &pr.tiers {
        if t.coverage.is_empty() {
            continue;
        }
        for sev in &levels {
            let covered = t.coverage.iter().any(|c| {
                p.calendar(c.calendar.as_str()).is_some_and(|cal| cal.is_always())
                    && c.severities.as_ref().is_none_or(|s| s.iter().any(|x| x.as_str() == *sev))
            });
            if covered {
                continue;
            }
            // The longest stretch the tier's hours for `sev` leave closed
            // (weekends, holidays, closures): a clock-time promise at least
            // this long always has working time in it, so it is a cadence
            // (a quarterly report), not a round-the-clock promise.
            let closed_for = t
                .coverage
                .iter()
                .filter(|c| c.severities.as_ref().is_none_or(|s| s.iter().any(|x| x.as_str() == *sev)))
                .filter_map(|c| p.calendar(c.calendar.as_str()))
                .filter_map(|cal| {
                    worst_case_minutes(
                        &Duration { basis: Basis::Business, ..Duration::clock(1, Unit::Minute) },
                        Some(cal),
                    )
                })
                .min();
            for (name, m) in [("response target", &targets.response), ("status update target", &targets.update)] {
                let Some(c) = m.cell(sev, t.id.as_str()) else { continue };
                if let Target::Within(d) = c.value.value
                    && d.basis == Basis::Clock
                    && !d.is_zero()
                    && closed_for.is_none_or(|gap| d.min_clock_minutes().is_none_or(|m| m < gap))
                {
                    out.push(
                        Diagnostic::new(
                            Code::ClockTargetOutOfHours,
                            format!(
                                "tier `{}` promises a {name} of {} around the clock for severity `{sev}`, but its support hours for `{sev}` are business hours only",
                                t.id.value,
                                d.render(Lang::En)
                            ),
                        )
                        .at(c.value.span, "clock time")
                        .also(t.coverage[0].span, "support hours of this tier")
                        .hint(format!(
                            "write the target in business time (`{}`), or add coverage with a round-the-clock calendar for `{sev}`",
                            match d.max_clock_minutes().unwrap_or(0) {
                                m if m >= 1440 => format!("{} business days", m / 1440),
                                m => format!("{} business hours", m / 60),
                            }
                        )),
                    );
                }
            }
        }
    }
}

fn zero(d: &Spanned<Duration>, out: &mut Vec<Diagnostic>) {
    if d.is_zero() {
        out.push(
            Diagnostic::new(Code::ZeroDuration, "a duration of zero promises the impossible")
                .at(d.span, "zero")
                .hint("write the real duration; for \"immediately\" write the shortest time you commit to, e.g. `15m`"),
        );
    }
}

fn service(s: &Service, out: &mut Vec<Diagnostic>) {
    if let Some(a) = &s.availability {
        let mut percents: Vec<(&Spanned<crate::model::values::Percent>, &str)> = Vec::new();
        if let Some(t) = &a.target {
            percents.push((t, "target"));
        }
        for r in &a.records {
            percents.push((&r.value, "record"));
        }
        for (p, what) in percents {
            if p.value.value > 100.0 {
                out.push(
                    Diagnostic::new(
                        Code::ImplausiblePercent,
                        format!("an availability {what} of {}% is above 100 %", p.value.text),
                    )
                    .at(p.span, "more than always")
                    .hint("availability is at most 100 %; check for a misplaced decimal point (99.99%, not 999.9%)"),
                );
            }
        }
    }
    for b in &s.backups {
        if b.generations.value == 0 {
            out.push(
                Diagnostic::new(Code::ZeroGenerations, format!("backup `{}` keeps zero generations", b.id.value))
                    .at(b.generations.span, "nothing is kept")
                    .hint("a backup keeps at least one generation; remove the entry if there is no such backup"),
            );
        }
    }
    for d in &s.data_deletion {
        zero(&d.within, out);
    }
    for l in &s.logs {
        if let Retention::For(d) = l.retention.value {
            zero(&Spanned::new(d, l.retention.span), out);
        }
    }
    if let Some(i) = &s.incident_response {
        zero(&i.notify_within, out);
    }
    if let Some(c) = &s.contract
        && let Some(l) = &c.lead_time
    {
        zero(l, out);
    }

    // Retention against deletion after the contract ends.
    for rule in s.data_deletion.iter().filter(|r| r.after.value == Event::ContractEnd && !r.within.is_zero()) {
        let Some(limit) = rule.within.max_clock_minutes().or_else(|| worst_case_minutes(&rule.within, None)) else {
            continue;
        };
        let promise = rule.within.render(Lang::En);
        for b in s.backups.iter().filter(|b| b.customer_data) {
            let Some(kept) = b.kept_for_max_minutes() else { continue };
            if kept > limit {
                let interval = b.schedule.interval().render(Lang::En);
                out.push(
                    Diagnostic::new(
                        Code::BackupOutlivesDeletion,
                        format!(
                            "backup `{}` keeps data for up to {} ({} × {interval}), longer than the promise to delete it within {promise} after the contract ends",
                            b.id.value,
                            days(kept),
                            b.generations.value
                        ),
                    )
                    .at(b.generations.span, "generations × interval")
                    .also(rule.within.span, "deletion promised within this")
                    .hint("keep fewer generations, delete the backups at contract end (and say so), or promise a longer deletion period"),
                );
            }
        }
        for l in s.logs.iter().filter(|l| l.customer_data) {
            // In clock time, the longest it may be kept; in business time,
            // the least it is surely kept (its shortest clock equivalent), so
            // only a certain contradiction is an error.
            let Some(kept) =
                l.retention.after_contract_end_max_minutes().or_else(|| l.retention.after_contract_end_min_minutes())
            else {
                continue;
            };
            if kept > limit {
                out.push(
                    Diagnostic::new(
                        Code::LogOutlivesDeletion,
                        format!(
                            "log `{}` holds customer data and is kept {} — longer than the promise to delete customer data within {promise} after the contract ends",
                            l.id.value,
                            l.retention.render(Lang::En)
                        ),
                    )
                    .at(l.retention.span, "retention")
                    .also(rule.within.span, "deletion promised within this")
                    .hint("shorten the retention, keep logs only for the contract term, or mark the log `customer_data: false` if it holds none"),
                );
            }
        }
    }
}

/// Minutes as a readable number of days or hours.
pub(super) fn days(minutes: u64) -> String {
    if minutes >= 1440 && minutes.is_multiple_of(1440) {
        format!("{} days", minutes / 1440)
    } else if minutes >= 60 {
        format!("{:.0} hours", minutes as f64 / 60.0)
    } else {
        format!("{minutes} minutes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_order() {
        let h = |n| Target::Within(Duration::clock(n, crate::model::values::Unit::Hour));
        assert!(speed(&h(1), None) < speed(&h(4), None));
        assert!(speed(&h(400), None) < speed(&Target::AsNeeded, None));
        assert!(speed(&Target::AsNeeded, None) < speed(&Target::NotOffered, None));
    }
}
