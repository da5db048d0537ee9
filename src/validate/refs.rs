//! Every reference by id resolves, with a suggestion when it does not; a
//! section shows only blocks whose data exists; response matrices are
//! complete.

use super::{Noun, noun, resolve};
use crate::diag::{Code, Diagnostic, Msg};
use crate::model::{BlockRef, BlockScope, BlockStatus, Document, Programme, Project, Section, Service, TargetKind};

fn ids<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> Vec<&'a str> {
    items.iter().map(id).collect()
}

/// URLs written in YAML fields must be web or mail addresses.
fn url(u: &crate::source::Spanned<String>, out: &mut Vec<Diagnostic>) {
    let lower = u.value.trim().to_ascii_lowercase();
    let ok = lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:");
    if !ok {
        out.push(
            Diagnostic::new(
                Code::UnsafeUrl,
                crate::msg!(
                    "`{}` is not an http, https or mailto URL",
                    "`{}` は http、https、mailto のいずれの URL でもありません",
                    u.value
                ),
            )
            .at(u.span, crate::msg!("not allowed here", "ここでは使えない URL"))
            .hint(crate::msg!(
                "write the full address, starting with https://",
                "https:// から始まる完全なアドレスを書いてください"
            )),
        );
    }
}

/// `labels: {type_<type>: …}` must name a document type that exists: a
/// built-in one, or one a document of the project uses.
fn type_labels(p: &Project, out: &mut Vec<Diagnostic>) {
    let mut types: Vec<&str> = crate::vocab::builtin_types().collect();
    types.extend(p.documents.iter().map(|d| d.doc_type.as_str()));
    for (key, _) in &p.site.labels {
        let Some(t) = key.value.strip_prefix("type_") else { continue };
        if !types.contains(&t) {
            let keys: Vec<String> = types.iter().map(|t| format!("type_{t}")).collect();
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            out.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    crate::msg!(
                        "`{}` names no document type of this project",
                        "`{}` はこのプロジェクトのどの文書の種類でもありません",
                        key.value
                    ),
                )
                .at(key.span, crate::msg!("unknown document type", "不明な文書の種類"))
                .hint(crate::diag::suggestion(&key.value, &keys).unwrap_or_else(|| {
                    crate::msg!(
                        "write `type_` and the `type:` of a document",
                        "`type_` に続けて文書の `type:` を書いてください"
                    )
                })),
            );
        }
    }
}

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    type_labels(p, out);
    for x in &p.providers {
        x.url.iter().for_each(|u| url(u, out));
        for c in &x.contacts {
            c.url.iter().for_each(|u| url(u, out));
        }
    }
    for s in &p.services {
        for m in &s.manuals {
            m.url.iter().for_each(|u| url(u, out));
        }
    }
    let providers = ids(&p.providers, |x| x.id.as_str());
    let programmes = ids(&p.programmes, |x| x.id.as_str());
    let services = ids(&p.services, |x| x.id.as_str());
    let scales = ids(&p.scales, |x| x.id.as_str());
    let calendars = ids(&p.calendars, |x| x.id.as_str());

    for x in &p.providers {
        for c in &x.contacts {
            if let Some(h) = &c.hours {
                resolve(h, &calendars, Code::UnknownCalendar, noun("calendar", "カレンダー"), out);
            }
        }
    }
    for s in &p.scales {
        if let Some(d) = &s.default {
            resolve(
                d,
                &ids(&s.levels, |l| l.id.as_str()),
                Code::UnknownSeverity,
                noun("severity level", "深刻度"),
                out,
            );
        }
    }
    for g in &p.glossaries {
        let terms = ids(&g.terms, |t| t.id.as_str());
        for t in &g.terms {
            for r in &t.see {
                resolve(r, &terms, Code::UnknownTerm, noun("glossary term", "用語集の用語"), out);
            }
        }
    }
    for pr in &p.programmes {
        resolve(&pr.provider, &providers, Code::UnknownProvider, noun("provider", "提供者"), out);
        programme(p, pr, &calendars, &scales, out);
    }
    for s in &p.services {
        resolve(&s.provider, &providers, Code::UnknownProvider, noun("provider", "提供者"), out);
        if let Some(sp) = &s.support {
            resolve(sp, &programmes, Code::UnknownProgramme, noun("support programme", "サポートプログラム"), out);
        }
        service(s, &calendars, out);
    }
    for d in &p.documents {
        if let Some(r) = &d.service {
            resolve(r, &services, Code::UnknownService, noun("service", "サービス"), out);
        }
        if let Some(r) = &d.programme {
            resolve(r, &programmes, Code::UnknownProgramme, noun("support programme", "サポートプログラム"), out);
        }
        if let Some(r) = &d.provider {
            resolve(r, &providers, Code::UnknownProvider, noun("provider", "提供者"), out);
        }
        if let Some(r) = &d.translation_of {
            translation(p, d, r, out);
        }
        if let Some(c) = &d.contact {
            match p.provider_of(d) {
                Some(pv) => {
                    resolve(
                        c,
                        &ids(&pv.contacts, |c| c.id.as_str()),
                        Code::UnknownContact,
                        noun("contact", "連絡先"),
                        out,
                    );
                }
                // A provider, service or programme that does not resolve is
                // reported where it is named.
                None if d.provider.is_some() || d.service.is_some() || d.programme.is_some() => {}
                None => out.push(
                    Diagnostic::new(
                        Code::UnknownContact,
                        crate::msg!(
                            "contact `{}` has no provider to belong to",
                            "連絡先 `{}` が属する提供者がありません",
                            c.value
                        ),
                    )
                    .at(c.span, crate::msg!("no provider", "提供者なし"))
                    .hint(crate::msg!(
                        "give the document a `provider:`, `service:` or `programme:`",
                        "文書に `provider:`、`service:`、`programme:` のいずれかを書いてください"
                    )),
                ),
            }
        }
        for s in &d.sections {
            section(p, d, s, out);
        }
    }
}

fn programme(p: &Project, pr: &Programme, calendars: &[&str], scales: &[&str], out: &mut Vec<Diagnostic>) {
    let tiers = ids(&pr.tiers, |t| t.id.as_str());
    let channels = ids(&pr.channels, |c| c.id.as_str());
    let levels = ids(&pr.escalation_levels, |l| l.id.as_str());
    // Each scale with its targets; `None` where the scale is unknown (reported here).
    let per_scale: Vec<(Option<&crate::model::SeverityScale>, &crate::model::Targets)> = pr
        .scale_targets()
        .into_iter()
        .map(|(r, t)| {
            let s = r
                .filter(|r| resolve(r, scales, Code::UnknownScale, noun("severity scale", "深刻度の尺度"), out))
                .and_then(|r| p.scale(r.as_str()));
            (s, t)
        })
        .collect();
    // Severities named outside a matrix may be of any of the scales.
    let all_known = per_scale.iter().all(|(s, _)| s.is_some());
    let scale = per_scale.first().and_then(|(s, _)| *s).filter(|_| all_known);
    let severities: Vec<&str> =
        per_scale.iter().flat_map(|(s, _)| s.map(|s| ids(&s.levels, |l| l.id.as_str())).unwrap_or_default()).collect();
    let has_severity_refs =
        !pr.targets.response.is_empty() || !pr.targets.update.is_empty() || !pr.escalation.is_empty();
    if pr.scale.is_none() && !pr.scale_written && has_severity_refs {
        out.push(
            Diagnostic::new(
                Code::UnknownScale,
                crate::msg!(
                    "targets and escalation need a severity scale",
                    "目標とエスカレーションには深刻度の尺度が必要です"
                ),
            )
            .at(pr.id.span, crate::msg!("this programme names no `scale:`", "`scale:` のないサポートプログラム"))
            .hint(crate::msg!(
                "add `scale:` with the id of a `kind: severity-scale` file",
                "`kind: severity-scale` のファイルの ID を `scale:` に書いてください"
            )),
        );
    }
    let check_sev = |r: &crate::model::Ref, out: &mut Vec<Diagnostic>| {
        if scale.is_some() {
            resolve(r, &severities, Code::UnknownSeverity, noun("severity level", "深刻度"), out);
        }
    };
    for t in &pr.tiers {
        for c in &t.coverage {
            resolve(&c.calendar, calendars, Code::UnknownCalendar, noun("calendar", "カレンダー"), out);
            for ch in &c.channels {
                resolve(ch, &channels, Code::UnknownChannel, noun("contact channel", "問い合わせ窓口"), out);
            }
            for s in c.severities.iter().flatten() {
                check_sev(s, out);
            }
        }
    }
    let features = ids(&pr.features, |f| f.id.as_str());
    for f in &pr.features {
        for t in &f.tiers {
            resolve(t, &tiers, Code::UnknownTier, noun("tier", "サポートレベル"), out);
        }
    }
    for t in &pr.tiers {
        for f in &t.features {
            resolve(f, &features, Code::UnknownFeature, noun("feature", "機能"), out);
        }
    }
    for c in &pr.channels {
        for (t, _) in &c.time_to_engineer {
            resolve(t, &tiers, Code::UnknownTier, noun("tier", "サポートレベル"), out);
        }
    }
    for (scale, targets) in &per_scale {
        matrices(pr, *scale, targets, &tiers, out);
    }
    for e in &pr.escalation {
        check_sev(&e.severity, out);
        for t in &e.tiers {
            resolve(t, &tiers, Code::UnknownTier, noun("tier", "サポートレベル"), out);
        }
        for s in &e.steps {
            if let Some(to) = &s.to {
                resolve(
                    to,
                    &levels,
                    Code::UnknownEscalationLevel,
                    noun("escalation level", "エスカレーションの段階"),
                    out,
                );
            }
        }
    }
}

/// The matrices of one scale: rows name its levels, cells its tiers, and
/// every level × tier has a cell.
fn matrices(
    pr: &Programme,
    scale: Option<&crate::model::SeverityScale>,
    targets: &crate::model::Targets,
    tiers: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    let severities: Vec<&str> = scale.map(|s| ids(&s.levels, |l| l.id.as_str())).unwrap_or_default();
    for ((name, name_ja), m) in
        [(("response", "応答目標"), &targets.response), (("update", "状況報告の目標"), &targets.update)]
    {
        for r in &m.rows {
            if scale.is_some() {
                resolve(&r.severity, &severities, Code::UnknownSeverity, noun("severity level", "深刻度"), out);
            }
            for c in &r.cells {
                resolve(&c.tier, tiers, Code::UnknownTier, noun("tier", "サポートレベル"), out);
            }
        }
        // Completeness: every severity × tier has a cell. A row under an
        // unknown severity is most likely the missing level misspelt
        // (`sev2:` for `s2:`): its report is the one, not the level's cells.
        let misspelt = m.rows.iter().any(|r| !severities.contains(&r.severity.as_str()));
        if let (Some(scale), Some(span)) = (scale, m.span) {
            for level in scale.by_rank() {
                let row = m.rows.iter().find(|r| r.severity.as_str() == level.id.as_str());
                if row.is_none() && misspelt {
                    continue;
                }
                for t in &pr.tiers {
                    let written = |r: &&crate::model::MatrixRow| {
                        r.unreadable_row
                            || r.unreadable.iter().any(|u| u == t.id.as_str())
                            || r.cells.iter().any(|c| c.tier.as_str() == t.id.as_str())
                    };
                    if row.is_some_and(|r| written(&r)) {
                        continue;
                    }
                    let at = row.map(|r| r.severity.span).unwrap_or(span);
                    out.push(
                        Diagnostic::new(
                            Code::MissingMatrixCell,
                            crate::msg!(
                                "{name} targets have no cell for severity `{}` × tier `{}`",
                                "{name_ja}に深刻度 `{}` × サポートレベル `{}` のセルがありません",
                                level.id.value,
                                t.id.value
                            ),
                        )
                        .at(at, crate::msg!("`{}` missing here", "`{}` の欠落", t.id.value))
                        .also(t.id.span, crate::msg!("tier defined here", "サポートレベルの定義"))
                        .hint(crate::msg!(
                            "add `{}: <target>` (a duration, `as needed` or `n/a`) under `{}`",
                            "`{1}` の下に `{0}: <目標>`（期間、`as needed`、`n/a` のいずれか）を追加してください",
                            t.id.value,
                            level.id.value
                        )),
                    );
                }
            }
        }
    }
}

fn service(s: &Service, calendars: &[&str], out: &mut Vec<Diagnostic>) {
    if let Some(a) = &s.availability {
        resolve(&a.hours, calendars, Code::UnknownCalendar, noun("calendar", "カレンダー"), out);
    }
    if let Some(i) = &s.incident_response
        && let Some(h) = &i.recovery_hours
    {
        resolve(h, calendars, Code::UnknownCalendar, noun("calendar", "カレンダー"), out);
    }
    let tables = ids(&s.criteria, |t| t.id.as_str());
    for t in &s.criteria {
        for c in &t.columns {
            let Some(target) = &c.refers else { continue };
            if !resolve(target, &tables, Code::UnknownCriteria, noun("criteria table", "判定基準表"), out) {
                continue;
            }
            let Some(other) = s.criteria_table(target.as_str()) else {
                continue;
            };
            let rows = ids(&other.rows, |r| r.id.as_str());
            for r in &t.rows {
                for (col, cell) in &r.cells {
                    if col.as_str() != c.id.as_str() {
                        continue;
                    }
                    if let crate::model::CriteriaCell::Ref(id) = cell {
                        let (en, ja) =
                            (format!("row of `{}`", other.id.value), format!("判定基準表 `{}` の行", other.id.value));
                        resolve(id, &rows, Code::UnknownCriteria, noun(&en, &ja), out);
                    }
                }
            }
        }
    }
    let procedures = ids(&s.procedures, |t| t.id.as_str());
    for pr in &s.procedures {
        let steps = ids(&pr.steps, |t| t.id.as_str());
        for st in &pr.steps {
            for b in &st.next {
                resolve(&b.step, &steps, Code::UnknownProcedure, noun("step", "手順のステップ"), out);
            }
        }
    }
    if let Some(c) = &s.contract
        && let Some(o) = &c.onboarding
    {
        resolve(o, &procedures, Code::UnknownProcedure, noun("procedure", "手順"), out);
    }
}

fn section(p: &Project, d: &Document, s: &Section, out: &mut Vec<Diagnostic>) {
    for b in &s.show {
        block(p, d, b, out);
    }
    for sub in &s.sections {
        section(p, d, sub, out);
    }
}

fn missing(b: &BlockRef, message: Msg, hint: Msg, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::new(Code::BlockWithoutData, message)
            .at(b.span, crate::msg!("nothing to show", "示す内容なし"))
            .hint(hint),
    );
}

/// What a block's argument names, in both languages.
fn target_noun(t: TargetKind) -> Noun<'static> {
    let ja = match t {
        TargetKind::CriteriaTable => "判定基準表",
        TargetKind::Procedure => "手順",
        TargetKind::Tier => "サポートレベル",
        TargetKind::Feature => "機能",
        TargetKind::Metric => "行の種類（`response` または `update`）",
        TargetKind::SeverityLevel => "深刻度",
        TargetKind::Glossary => "用語集",
        TargetKind::Contact => "提供者の連絡先",
        TargetKind::Table => "表",
        TargetKind::Scale => "深刻度の尺度",
        TargetKind::EscalationPath => "エスカレーションの経路",
    };
    noun(t.noun(), ja)
}

/// A missing field as the model names it (`service's `availability``), in Japanese.
fn field_ja(field: &str) -> String {
    let owners = [
        ("programme's severity ", "サポートプログラムの深刻度の尺度 "),
        ("programme's ", "サポートプログラムの "),
        ("service's ", "サービスの "),
        ("provider's ", "提供者の "),
        ("contract's ", "契約の "),
        ("tiers' ", "サポートレベルの "),
        ("channels' ", "問い合わせ窓口の "),
    ];
    for (en, ja) in owners {
        if let Some(rest) = field.strip_prefix(en) {
            return format!("{ja}{rest}");
        }
    }
    field.to_string()
}

fn block(p: &Project, d: &Document, b: &BlockRef, out: &mut Vec<Diagnostic>) {
    let name = b.block.value.name();
    if let (None, Some(t)) = (b.block.value.argument(), &b.target) {
        out.push(
            Diagnostic::new(
                Code::InvalidValue,
                crate::msg!("block `{name}` takes no argument", "ブロック `{name}` は引数をとりません"),
            )
            .at(t.span, crate::msg!("not used", "使われない引数"))
            .hint(crate::msg!("write just `{name}`", "`{name}` とだけ書いてください")),
        );
    }
    let absent = |field: &str| {
        let ja = field_ja(field);
        crate::msg!(
            "block `{name}` has nothing to show: the {field} is not defined",
            "ブロック `{name}` に示す内容がありません。{ja} が定義されていません"
        )
    };
    match p.block_status(d, b) {
        BlockStatus::Ready | BlockStatus::BrokenData => {}
        BlockStatus::NoTarget => {
            let Noun { en, ja } = b.block.value.argument().map_or(noun("item", "項目"), |a| target_noun(a.target));
            out.push(
                Diagnostic::new(
                    Code::MissingField,
                    crate::msg!(
                        "block `{name}` needs to know which {en}",
                        "ブロック `{name}` にはどの{ja}かの指定が必要です"
                    ),
                )
                .at(b.span, crate::msg!("which one?", "どれを示すか"))
                .hint(crate::msg!("write `{name}: <id of the {en}>`", "`{name}: <{ja}の ID>` と書いてください")),
            );
        }
        // Reported as an unknown service or programme, unless the document names none.
        BlockStatus::NoService if d.service.is_none() => missing(
            b,
            crate::msg!(
                "block `{name}` shows service facts, but the document has no `service:`",
                "ブロック `{name}` はサービスのファクトを示しますが、文書に `service:` がありません"
            ),
            crate::msg!("add `service: <id>` to the document", "文書に `service: <ID>` を追加してください"),
            out,
        ),
        BlockStatus::NoProgramme if d.programme.is_none() && p.service_of(d).is_none_or(|s| s.support.is_none()) => {
            missing(
                b,
                crate::msg!(
                    "block `{name}` shows support-programme facts, but the document has no `programme:`",
                    "ブロック `{name}` はサポートプログラムのファクトを示しますが、文書に `programme:` がありません"
                ),
                crate::msg!(
                    "add `programme: <id>` to the document, or `support:` to its service",
                    "文書に `programme: <ID>` を、またはそのサービスに `support:` を追加してください"
                ),
                out,
            )
        }
        BlockStatus::NoService | BlockStatus::NoProgramme => {}
        BlockStatus::NoProvider => missing(
            b,
            crate::msg!("block `{name}` needs the document's provider", "ブロック `{name}` には文書の提供者が必要です"),
            crate::msg!("add `provider:` to the document", "文書に `provider:` を追加してください"),
            out,
        ),
        BlockStatus::Missing(field) => missing(
            b,
            absent(field),
            if b.block.value.scope() == BlockScope::Programme {
                crate::msg!(
                    "add it to the support programme file, or remove the block from `show:`",
                    "サポートプログラムのファイルに追加するか、`show:` からこのブロックを削除してください"
                )
            } else {
                crate::msg!(
                    "add it to the service file, or remove the block from `show:`",
                    "サービスのファイルに追加するか、`show:` からこのブロックを削除してください"
                )
            },
            out,
        ),
        BlockStatus::UnknownTarget => unknown_target(p, d, b, out),
    }
}

/// The argument of a block names nothing: say what exists.
fn unknown_target(p: &Project, d: &Document, b: &BlockRef, out: &mut Vec<Diagnostic>) {
    let (Some(t), Some(argument)) = (&b.target, b.block.value.argument()) else { return };
    // No candidates: what the argument names from is itself missing, and reported.
    let Some(candidates) = (argument.candidates)(p, d) else { return };
    let code = match argument.target {
        TargetKind::CriteriaTable => Code::UnknownCriteria,
        TargetKind::Procedure => Code::UnknownProcedure,
        TargetKind::Tier => Code::UnknownTier,
        TargetKind::Feature => Code::UnknownFeature,
        TargetKind::Metric => Code::InvalidValue,
        TargetKind::SeverityLevel => Code::UnknownSeverity,
        TargetKind::Glossary => Code::UnknownGlossary,
        TargetKind::Contact => Code::UnknownContact,
        TargetKind::Table => Code::UnknownTable,
        TargetKind::Scale => Code::UnknownScale,
        TargetKind::EscalationPath => Code::UnknownEscalationPath,
    };
    let noun = match argument.target {
        // Said as it always was in these messages.
        TargetKind::Contact => noun("contact", "連絡先"),
        TargetKind::Metric => noun("kind of rows", "行の種類"),
        other => target_noun(other),
    };
    resolve(t, &candidates, code, noun, out);
}

/// `translation_of:` names another document, in another language.
fn translation(p: &Project, d: &crate::model::Document, r: &crate::model::Ref, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = p.documents.iter().map(|x| x.id.as_str()).filter(|x| *x != d.id.as_str()).collect();
    match p.document(r.as_str()) {
        None => {
            let id = r.as_str();
            out.push(
                Diagnostic::new(
                    Code::BadTranslation,
                    crate::msg!(
                        "`translation_of:` names `{id}`, which is no document",
                        "`translation_of:` の `{id}` という文書はありません"
                    ),
                )
                .at(r.span, crate::msg!("no document has this id", "この ID の文書はありません"))
                .maybe_hint(crate::diag::suggestion(id, &ids)),
            );
        }
        Some(original) if original.id.as_str() == d.id.as_str() || original.language.value == d.language.value => {
            let lang = d.language.value.code();
            out.push(
                Diagnostic::new(
                    Code::BadTranslation,
                    crate::msg!(
                        "`{}` is in the same language (`{lang}`) as this document",
                        "`{}` はこの文書と同じ言語（`{lang}`）です",
                        r.as_str()
                    ),
                )
                .at(r.span, crate::msg!("not a translation", "翻訳ではありません"))
                .also(original.language.span, crate::msg!("its language", "その文書の言語"))
                .hint(crate::msg!(
                    "name the edition in the other language, or remove `translation_of:`",
                    "別の言語の版を書くか、`translation_of:` を削除してください"
                )),
            );
        }
        Some(_) => {}
    }
}
