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

fn describe(t: &Target, lang: Lang) -> String {
    match (t, lang) {
        (Target::Within(d), _) => d.render(lang),
        (Target::AsNeeded, Lang::En) => "as needed".into(),
        (Target::AsNeeded, Lang::Ja) => "随時".into(),
        (Target::NotOffered, Lang::En) => "not offered".into(),
        (Target::NotOffered, Lang::Ja) => "提供なし".into(),
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

/// A metric's name: English and Japanese.
type Name = (String, String);

/// The metrics compared: name and a cell lookup.
fn metrics<'a>(pr: &'a Programme, targets: &'a crate::model::Targets) -> Vec<(Name, Lookup<'a>)> {
    let mut out: Vec<(Name, Lookup<'a>)> = Vec::new();
    for ((name, ja), m) in
        [(("response", "応答目標"), &targets.response), (("status update", "状況報告の目標"), &targets.update)]
    {
        if m.is_empty() {
            continue;
        }
        out.push((
            (format!("{name} target"), ja.to_string()),
            Box::new(move |sev: &str, tier: &str| {
                m.cell(sev, tier).map(|c| Cell { target: c.value.value, span: c.value.span })
            }),
        ));
    }
    for lvl in &pr.escalation_levels {
        let level = lvl.id.as_str();
        out.push((
            (format!("escalation to `{level}`"), format!("`{level}` へのエスカレーション")),
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
                        crate::msg!(
                            "severity level `{}` has no definition",
                            "深刻度 `{}` に定義がありません",
                            l.id.value
                        ),
                    )
                    .at(l.id.span, crate::msg!("what does this level mean?", "この深刻度の意味は？"))
                    .hint(crate::msg!(
                        "add `definition:` saying when an incident gets this level",
                        "どのようなインシデントがこの深刻度になるかを `definition:` に書いてください"
                    )),
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
                Diagnostic::new(
                    Code::TierWithoutHours,
                    crate::msg!(
                        "tier `{}` has no support hours",
                        "サポートレベル `{}` にサポート時間がありません",
                        t.id.value
                    ),
                )
                .at(
                    t.id.span,
                    crate::msg!("when can customers reach support?", "サポート時間（顧客が連絡できる時間）が未設定"),
                )
                .hint(crate::msg!(
                    "add `coverage:` with the calendar (and channels) of this tier's support hours",
                    "このサポートレベルのサポート時間のカレンダー（と問い合わせ窓口）を `coverage:` に追加してください"
                )),
            );
        }
    }
    for f in &pr.features {
        if !pr.tiers.iter().any(|t| pr.offers(f, t.id.as_str())) {
            out.push(
                Diagnostic::new(
                    Code::FeatureWithoutTier,
                    crate::msg!(
                        "feature `{}` is offered by no tier",
                        "機能 `{}` はどのサポートレベルでも提供されていません",
                        f.id.value
                    ),
                )
                .at(f.id.span, crate::msg!("no tier offers this", "提供するサポートレベルなし"))
                .hint(crate::msg!(
                    "add `tiers:` to the feature, or remove it",
                    "機能に `tiers:` を追加するか、機能を削除してください"
                )),
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
                        crate::msg!(
                            "tier `{}` lacks feature `{}`, which the lower tier `{}` offers",
                            "サポートレベル `{0}` には、下位のサポートレベル `{2}` が提供する機能 `{1}` がありません",
                            high.id.value,
                            f.id.value,
                            low.id.value
                        ),
                    )
                    .at(
                        f.id.span,
                        crate::msg!(
                            "offered at `{}` but not at `{}`",
                            "`{}` では提供、`{}` では提供なし",
                            low.id.value,
                            high.id.value
                        ),
                    )
                    .also(high.id.span, crate::msg!("the higher tier", "上位のサポートレベル"))
                    .hint(crate::msg!(
                        "add `{}` to the feature's `tiers:`, or accept this with a reason",
                        "機能の `tiers:` に `{}` を追加するか、理由を書いて承認（`accept:`）してください",
                        high.id.value
                    )),
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
            for ((name, name_ja), cell) in &metrics {
                // A missing cell is E0220 (or a typo reported where it is).
                let (Some(l), Some(h)) = (cell(sev, low), cell(sev, high)) else { continue };
                let h_target = h.target;
                if slower(&h_target, cal_high, &l.target, cal_low) {
                    let at = h.span;
                    let (h_en, h_ja) = (describe(&h_target, Lang::En), describe(&h_target, Lang::Ja));
                    let (l_en, l_ja) = (describe(&l.target, Lang::En), describe(&l.target, Lang::Ja));
                    out.push(
                        Diagnostic::new(
                            Code::TierSlowerTarget,
                            crate::msg!(
                                "the {name} for severity `{sev}` is slower at the higher tier `{high}` ({h_en}) than at `{low}` ({l_en})",
                                "深刻度 `{sev}` の{name_ja}で、上位のサポートレベル `{high}`（{h_ja}）が下位の `{low}`（{l_ja}）より遅くなっています"
                            ),
                        )
                        .at(at, crate::msg!("`{high}`: {h_en}", "`{high}`: {h_ja}"))
                        .also(l.span, crate::msg!("`{low}`: {l_en}", "`{low}`: {l_ja}"))
                        .hint(crate::msg!(
                            "a higher tier should be at least as fast; business time is compared under each tier's calendar, in the worst case and on average",
                            "上位のサポートレベルは少なくとも同じ速さにしてください。営業時間での期間は、各サポートレベルのカレンダーのもとで、最悪の場合と平均の両方で比較されます"
                        )),
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
            for ((name, name_ja), cell) in &metrics {
                let (Some(s), Some(m)) = (cell(severe, tier), cell(milder, tier)) else { continue };
                if slower(&s.target, cal, &m.target, cal) {
                    let (s_en, s_ja) = (describe(&s.target, Lang::En), describe(&s.target, Lang::Ja));
                    let (m_en, m_ja) = (describe(&m.target, Lang::En), describe(&m.target, Lang::Ja));
                    out.push(
                        Diagnostic::new(
                            Code::SeverityOrder,
                            crate::msg!(
                                "at tier `{tier}`, the {name} for the more severe `{severe}` ({s_en}) is slower than for `{milder}` ({m_en})",
                                "サポートレベル `{tier}` で、より深刻な `{severe}` の{name_ja}（{s_ja}）が `{milder}`（{m_ja}）より遅くなっています"
                            ),
                        )
                        .at(s.span, crate::msg!("`{severe}`: {s_en}", "`{severe}`: {s_ja}"))
                        .also(m.span, crate::msg!("`{milder}`: {m_en}", "`{milder}`: {m_ja}"))
                        .hint(crate::msg!(
                            "a more severe incident should never wait longer",
                            "より深刻なインシデントのほうが長く待たされることのないようにしてください"
                        )),
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
            for ((name, name_ja), m) in [
                (("response target", "応答目標"), &targets.response),
                (("status update target", "状況報告の目標"), &targets.update),
            ] {
                let Some(c) = m.cell(sev, t.id.as_str()) else { continue };
                if let Target::Within(d) = c.value.value
                    && d.basis == Basis::Clock
                    && !d.is_zero()
                    && closed_for.is_none_or(|gap| d.min_clock_minutes().is_none_or(|m| m < gap))
                {
                    let (tier, d_en, d_ja) = (&t.id.value, d.render(Lang::En), d.render(Lang::Ja));
                    let business = match d.max_clock_minutes().unwrap_or(0) {
                        m if m >= 1440 => format!("{} business days", m / 1440),
                        m => format!("{} business hours", m / 60),
                    };
                    out.push(
                        Diagnostic::new(
                            Code::ClockTargetOutOfHours,
                            crate::msg!(
                                "tier `{tier}` promises a {name} of {d_en} around the clock for severity `{sev}`, but its support hours for `{sev}` are business hours only",
                                "サポートレベル `{tier}` は深刻度 `{sev}` に {d_ja}（24時間365日で計算）の{name_ja}を約束していますが、このサポートレベルの `{sev}` のサポート時間は営業時間のみです"
                            ),
                        )
                        .at(c.value.span, crate::msg!("clock time", "24時間365日で数えた期間"))
                        .also(t.coverage[0].span, crate::msg!("support hours of this tier", "このサポートレベルのサポート時間"))
                        .hint(crate::msg!(
                            "write the target in business time (`{business}`), or add coverage with a round-the-clock calendar for `{sev}`",
                            "目標を営業時間で書く（`{business}`）か、`{sev}` に 24 時間 365 日のカレンダーによる `coverage:` を追加してください"
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
            Diagnostic::new(
                Code::ZeroDuration,
                crate::msg!("a duration of zero promises the impossible", "期間がゼロでは実現できない約束になります"),
            )
            .at(d.span, crate::msg!("zero", "ゼロ"))
            .hint(crate::msg!(
                "write the real duration; for \"immediately\" write the shortest time you commit to, e.g. `15m`",
                "実際の期間を書いてください。「ただちに」の意味なら、約束できる最短の時間（例えば `15m`）を書いてください"
            )),
        );
    }
}

fn service(s: &Service, out: &mut Vec<Diagnostic>) {
    if let Some(a) = &s.availability {
        let mut percents: Vec<(&Spanned<crate::model::values::Percent>, (&str, &str))> = Vec::new();
        if let Some(t) = &a.target {
            percents.push((t, ("target", "目標")));
        }
        for r in &a.records {
            percents.push((&r.value, ("record", "実績")));
        }
        for (p, (what, what_ja)) in percents {
            if p.value.value > 100.0 {
                out.push(
                    Diagnostic::new(
                        Code::ImplausiblePercent,
                        crate::msg!(
                            "an availability {what} of {}% is above 100 %",
                            "稼働率の{what_ja} {}% が 100% を超えています",
                            p.value.text
                        ),
                    )
                    .at(p.span, crate::msg!("more than always", "100% を超える値"))
                    .hint(crate::msg!(
                        "availability is at most 100 %; check for a misplaced decimal point (99.99%, not 999.9%)",
                        "稼働率は最大 100% です。小数点の位置を確認してください（999.9% ではなく 99.99%）"
                    )),
                );
            }
        }
    }
    for b in &s.backups {
        if b.generations.value == 0 {
            out.push(
                Diagnostic::new(
                    Code::ZeroGenerations,
                    crate::msg!("backup `{}` keeps zero generations", "バックアップ `{}` の世代数が 0 です", b.id.value),
                )
                .at(b.generations.span, crate::msg!("nothing is kept", "何も保管されない"))
                .hint(crate::msg!(
                    "a backup keeps at least one generation; remove the entry if there is no such backup",
                    "バックアップは少なくとも 1 世代を保管します。そのようなバックアップがなければ項目を削除してください"
                )),
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
        let (promise, promise_ja) = (rule.within.render(Lang::En), rule.within.render(Lang::Ja));
        for b in s.backups.iter().filter(|b| b.customer_data) {
            let Some(kept) = b.kept_for_max_minutes() else { continue };
            if kept > limit {
                let interval = b.schedule.interval().render(Lang::En);
                let interval_ja = b.schedule.interval().render(Lang::Ja);
                let (id, generations) = (&b.id.value, b.generations.value);
                let (up_to, up_to_ja) = (days(kept, Lang::En), days(kept, Lang::Ja));
                out.push(
                    Diagnostic::new(
                        Code::BackupOutlivesDeletion,
                        crate::msg!(
                            "backup `{id}` keeps data for up to {up_to} ({generations} × {interval}), longer than the promise to delete it within {promise} after the contract ends",
                            "バックアップ `{id}` の保管期間は最長 {up_to_ja}（{generations} × {interval_ja}）で、契約終了後 {promise_ja}以内に削除するという約束を超えています"
                        ),
                    )
                    .at(b.generations.span, crate::msg!("generations × interval", "世代数 × 間隔"))
                    .also(rule.within.span, crate::msg!("deletion promised within this", "約束した削除の期限"))
                    .hint(crate::msg!(
                        "keep fewer generations, delete the backups at contract end (and say so), or promise a longer deletion period",
                        "世代数を減らすか、契約終了時にバックアップを削除して（その旨を記載して）ください。または、より長い削除の期限を約束してください"
                    )),
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
                let (id, kept_en, kept_ja) = (&l.id.value, l.retention.render(Lang::En), l.retention.render(Lang::Ja));
                out.push(
                    Diagnostic::new(
                        Code::LogOutlivesDeletion,
                        crate::msg!(
                            "log `{id}` holds customer data and is kept {kept_en} — longer than the promise to delete customer data within {promise} after the contract ends",
                            "ログ `{id}` は顧客データを含み、{kept_ja}保管されます。契約終了後 {promise_ja}以内に顧客データを削除するという約束より長くなっています"
                        ),
                    )
                    .at(l.retention.span, crate::msg!("retention", "保管期間"))
                    .also(rule.within.span, crate::msg!("deletion promised within this", "約束した削除の期限"))
                    .hint(crate::msg!(
                        "shorten the retention, keep logs only for the contract term, or mark the log `customer_data: false` if it holds none",
                        "保管期間を短くするか、ログを契約期間中だけ保管してください。顧客データを含まないログなら `customer_data: false` を指定してください"
                    )),
                );
            }
        }
    }
}

/// Minutes as a readable number of days or hours.
pub(super) fn days(minutes: u64, lang: Lang) -> String {
    let whole_days = minutes >= 1440 && minutes.is_multiple_of(1440);
    match lang {
        Lang::En if whole_days => format!("{} days", minutes / 1440),
        Lang::En if minutes >= 60 => format!("{:.0} hours", minutes as f64 / 60.0),
        Lang::En => format!("{minutes} minutes"),
        Lang::Ja if whole_days => format!("{}日", minutes / 1440),
        Lang::Ja if minutes >= 60 => format!("{:.0}時間", minutes as f64 / 60.0),
        Lang::Ja => format!("{minutes}分"),
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
