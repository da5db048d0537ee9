//! Duplicate ids: top-level items per kind, and ids within their scope
//! (tiers of a programme, sections of a document, …). Both places are shown.

use std::collections::HashMap;

use super::{Noun, noun};
use crate::diag::{Code, Diagnostic};
use crate::model::values::Id;
use crate::model::{Project, Section};
use crate::source::Spanned;

/// Each item whose key an earlier item already had, with that first one.
fn repeats<'a, T, K: Eq + std::hash::Hash>(
    items: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&'a T) -> K,
) -> Vec<(&'a T, &'a T)> {
    let mut seen: HashMap<K, &'a T> = HashMap::new();
    let mut out = Vec::new();
    for item in items {
        match seen.get(&key(item)) {
            Some(first) => out.push((*first, item)),
            None => {
                seen.insert(key(item), item);
            }
        }
    }
    out
}

pub(super) fn unique<'a>(what: Noun, ids: impl IntoIterator<Item = &'a Spanned<Id>>, out: &mut Vec<Diagnostic>) {
    let Noun { en, ja } = what;
    for (first, id) in repeats(ids, |id| id.as_str()) {
        let v = &id.value;
        out.push(
            Diagnostic::new(
                Code::DuplicateId,
                crate::msg!("{en} `{v}` is defined twice", "{ja} `{v}` が二度定義されています"),
            )
            .at(id.span, crate::msg!("second definition", "二つ目の定義"))
            .also(first.span, crate::msg!("first defined here", "最初の定義"))
            .hint(crate::msg!("give each {en} its own id", "{ja}ごとに別々の ID を付けてください")),
        );
    }
}

fn sections<'a>(list: &'a [Section], out: &mut Vec<&'a Spanned<Id>>) {
    for s in list {
        out.push(&s.id);
        sections(&s.sections, out);
    }
}

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    unique(noun("provider", "提供者"), p.providers.iter().map(|x| &x.id), out);
    unique(noun("service", "サービス"), p.services.iter().map(|x| &x.id), out);
    unique(noun("support programme", "サポートプログラム"), p.programmes.iter().map(|x| &x.id), out);
    unique(noun("severity scale", "深刻度の尺度"), p.scales.iter().map(|x| &x.id), out);
    unique(noun("calendar", "カレンダー"), p.calendars.iter().map(|x| &x.id), out);
    unique(noun("glossary", "用語集"), p.glossaries.iter().map(|x| &x.id), out);
    unique(noun("document", "文書"), p.documents.iter().map(|x| &x.id), out);

    for x in &p.providers {
        unique(noun("contact", "連絡先"), x.contacts.iter().map(|c| &c.id), out);
    }
    for s in &p.scales {
        unique(noun("severity level", "深刻度"), s.levels.iter().map(|l| &l.id), out);
        for (first, rank) in repeats(s.levels.iter().map(|l| &l.rank), |r| r.value) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateRank,
                    crate::msg!(
                        "two severity levels have rank {}",
                        "二つの深刻度の `rank` がどちらも {} です",
                        rank.value
                    ),
                )
                .at(rank.span, crate::msg!("same rank again", "重複した `rank`"))
                .also(first.span, crate::msg!("first used here", "最初の使用箇所"))
                .hint(crate::msg!(
                    "ranks order the levels: 1 is the most severe, and each level needs its own",
                    "`rank` は深刻度の順序を表します。1 が最も深刻で、深刻度ごとに異なる値が必要です"
                )),
            );
        }
    }
    for g in &p.glossaries {
        unique(noun("glossary term", "用語集の用語"), g.terms.iter().map(|t| &t.id), out);
    }
    for pr in &p.programmes {
        // Escalation and coverage name severities without their scale.
        if pr.has_several_scales() {
            let named: Vec<&crate::model::Ref> = pr.scale_targets().into_iter().filter_map(|(r, _)| r).collect();
            unique(noun("scale of the programme", "サポートプログラムの深刻度の尺度"), named.iter().copied(), out);
            // A scale named twice is reported above, not once per level of it.
            let mut scales: Vec<&crate::model::SeverityScale> = Vec::new();
            for (s, _) in p.scales_of(pr) {
                if !scales.iter().any(|x| x.id.value == s.id.value) {
                    scales.push(s);
                }
            }
            let levels = scales.iter().flat_map(|s| s.levels.iter().map(|l| &l.id));
            for (first, id) in repeats(levels, |id| id.as_str()) {
                out.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        crate::msg!(
                            "severity level `{}` is in two of programme `{}`'s scales",
                            "深刻度 `{}` がサポートプログラム `{}` の二つの深刻度の尺度にあります",
                            id.value,
                            pr.id.value
                        ),
                    )
                    .at(id.span, crate::msg!("in this scale", "この尺度"))
                    .also(first.span, crate::msg!("and in this one", "もう一つの尺度"))
                    .hint(crate::msg!(
                        "escalation and support hours name a level without its scale: give the levels of a programme's scales different ids",
                        "エスカレーションとサポート時間は深刻度を尺度なしで指定します。サポートプログラムの尺度どうしで深刻度に別々の ID を付けてください"
                    )),
                );
            }
        }
        unique(noun("tier", "サポートレベル"), pr.tiers.iter().map(|t| &t.id), out);
        unique(noun("feature", "機能"), pr.features.iter().map(|t| &t.id), out);
        unique(noun("contact channel", "問い合わせ窓口"), pr.channels.iter().map(|t| &t.id), out);
        unique(noun("escalation level", "エスカレーションの段階"), pr.escalation_levels.iter().map(|t| &t.id), out);
        unique(
            noun("escalation path", "エスカレーションの経路"),
            pr.escalation.iter().filter_map(|e| e.id.as_ref()),
            out,
        );
        for (first, n) in repeats(pr.escalation_levels.iter().filter_map(|l| l.level.as_ref()), |n| n.value) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    crate::msg!(
                        "two escalation levels are level {}",
                        "二つのエスカレーションの段階がどちらも `level` {} です",
                        n.value
                    ),
                )
                .at(n.span, crate::msg!("the same number again", "重複した番号"))
                .also(first.span, crate::msg!("first used here", "最初の使用箇所"))
                .hint(crate::msg!(
                    "number the escalation levels 1, 2, 3, … in the order a case goes up",
                    "エスカレーションの段階には、案件が上がっていく順に 1、2、3、… と番号を付けてください"
                )),
            );
        }
        unique(noun("retention rule", "保管期間の規則"), pr.retention.iter().map(|t| &t.id), out);
        for (_, targets) in pr.scale_targets() {
            for m in [&targets.response, &targets.update] {
                unique(noun("severity row", "深刻度の行"), m.rows.iter().map(|r| &r.severity), out);
                for r in &m.rows {
                    unique(noun("tier cell", "サポートレベルのセル"), r.cells.iter().map(|c| &c.tier), out);
                }
            }
        }
    }
    for s in &p.services {
        unique(noun("backup", "バックアップ"), s.backups.iter().map(|t| &t.id), out);
        unique(noun("log", "ログ"), s.logs.iter().map(|t| &t.id), out);
        unique(noun("criteria table", "判定基準表"), s.criteria.iter().map(|t| &t.id), out);
        unique(noun("procedure", "手順"), s.procedures.iter().map(|t| &t.id), out);
        for c in &s.criteria {
            unique(noun("criteria column", "判定基準表の列"), c.columns.iter().map(|t| &t.id), out);
            unique(noun("criteria row", "判定基準表の行"), c.rows.iter().map(|t| &t.id), out);
        }
        for pr in &s.procedures {
            unique(noun("step", "手順のステップ"), pr.steps.iter().map(|t| &t.id), out);
        }
    }
    for d in &p.documents {
        let mut ids = Vec::new();
        sections(&d.sections, &mut ids);
        unique(noun("section", "節"), ids, out);
    }
}
