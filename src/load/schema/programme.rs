//! Decoder for `kind: support-programme`.

use crate::diag::{Code, Diagnostic};
use crate::load::decode::{Decode, DecodeCx};
use crate::model::{
    Channel, Coverage, Disclosure, EscalationLevel, EscalationPath, EscalationStep, Feature, Matrix, MatrixCell,
    MatrixRow, Programme, RequestField, RetentionRule, ScaleTargets, Target, Targets, Tier,
};
use crate::source::Spanned;
use crate::yaml::{Node, NodeKind};

impl Decode for Coverage {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a coverage window")?;
        let calendar = m.req(cx, "calendar");
        let channels = m.narrowing(cx, "channels").unwrap_or_default();
        let languages = m.narrowing(cx, "languages").unwrap_or_default();
        let severities = m.narrowing(cx, "severities");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(Coverage { calendar: calendar?, channels, languages, severities, note, span: node.span })
    }
}

impl Decode for Tier {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a tier")?;
        let id = m.req(cx, "id");
        let name = m.req(cx, "name");
        let summary = m.opt(cx, "summary");
        let price = m.opt(cx, "price");
        let coverage = m.list(cx, "coverage");
        let details = m.list(cx, "details");
        let features = m.list(cx, "features");
        m.finish(cx);
        Some(Tier { features, id: id?, name: name?, summary, price, coverage, details, span: node.span })
    }
}

impl Decode for Feature {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a feature")?;
        let id = m.req(cx, "id");
        let name = m.req(cx, "name");
        let tiers = m.list(cx, "tiers");
        let summary = m.opt(cx, "summary");
        let details = m.list(cx, "details");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(Feature { id: id?, name: name?, tiers, summary, details, note, span: node.span })
    }
}

/// `what` names the mapping in messages, `what_ja` in Japanese (the
/// decoder's table of names, `nouns`, does not know this one).
fn tier_targets(
    node: &Node,
    cx: &mut DecodeCx,
    what: &'static str,
    what_ja: &str,
) -> Vec<(crate::model::Ref, Spanned<Target>)> {
    if node.as_map().is_none() {
        // What `id_entries` reports, with the mapping named in Japanese.
        let found = node.describe();
        let found_ja = crate::load::nouns::expected(found);
        let hint = matches!(node.kind, NodeKind::Seq(_))
            .then(|| crate::msg!("remove the `-` list markers", "リストの印 `-` を取ってください"));
        cx.push(
            Diagnostic::new(
                Code::WrongType,
                crate::msg!(
                    "expected a mapping ({what}), found {found}",
                    "マッピング（{what_ja}）が必要な箇所に{found_ja}が書かれています"
                ),
            )
            .at(node.head_span(), crate::msg!("expected a mapping ({what})", "マッピング（{what_ja}）を書いてください"))
            .maybe_hint(hint),
        );
        return Vec::new();
    }
    let Some(entries) = cx.id_entries(node, what) else {
        return Vec::new();
    };
    entries.into_iter().filter_map(|(tier, n)| Some((tier, Spanned::<Target>::decode(n, cx)?))).collect()
}

impl Decode for Channel {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a contact channel")?;
        let id = m.req(cx, "id");
        let name = m.req(cx, "name");
        let address = m.opt(cx, "address");
        let note = m.opt(cx, "note");
        let time_to_engineer = match m.node("time_to_engineer") {
            Some(n) => tier_targets(
                n,
                cx,
                "times to an engineer per tier",
                "サポートレベルごとのエンジニアにつながるまでの時間",
            ),
            None => Vec::new(),
        };
        m.finish(cx);
        Some(Channel { id: id?, name: name?, address, note, time_to_engineer, span: node.span })
    }
}

impl Decode for RequestField {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a request field")?;
        let name = m.req(cx, "name");
        let description = m.opt(cx, "description");
        let example = m.opt(cx, "example");
        let required = m.flag(cx, "required", true);
        m.finish(cx);
        Some(RequestField { name: name?, description, example, required })
    }
}

fn matrix_cell(tier: crate::model::Ref, node: &Node, cx: &mut DecodeCx) -> Option<MatrixCell> {
    if let NodeKind::Map(_) = node.kind {
        let mut m = cx.map(node, "a target with a note")?;
        let value = m.req(cx, "value");
        let note = m.opt(cx, "note");
        m.finish(cx);
        return Some(MatrixCell { tier, value: value?, note });
    }
    Some(MatrixCell { tier, value: Spanned::<Target>::decode(node, cx)?, note: None })
}

impl Decode for Matrix {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let rows = cx.id_entries(node, "targets per severity")?;
        let rows = rows
            .into_iter()
            .map(|(severity, n)| {
                let Some(entries) = cx.id_entries(n, "targets per tier") else {
                    return MatrixRow {
                        severity,
                        cells: Vec::new(),
                        unreadable: Vec::new(),
                        unreadable_row: true,
                        span: n.span,
                    };
                };
                let mut cells = Vec::new();
                let mut unreadable = Vec::new();
                for (tier, c) in entries {
                    let id = tier.as_str().to_string();
                    match matrix_cell(tier, c, cx) {
                        Some(cell) => cells.push(cell),
                        None => unreadable.push(id),
                    }
                }
                MatrixRow { severity, cells, unreadable, unreadable_row: false, span: n.span }
            })
            .collect();
        Some(Matrix { rows, span: Some(node.span) })
    }
}

impl Decode for Targets {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "the targets")?;
        let response = m.opt(cx, "response").unwrap_or_default();
        let update = m.opt(cx, "update").unwrap_or_default();
        let notes = m.list(cx, "notes");
        m.finish(cx);
        Some(Targets { response, update, notes })
    }
}

impl Decode for ScaleTargets {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a severity scale of the programme")?;
        let scale = m.req(cx, "scale");
        let targets = m.opt(cx, "targets").unwrap_or_default();
        m.finish(cx);
        Some(ScaleTargets { scale: scale?, targets, span: node.span })
    }
}

impl Decode for EscalationLevel {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "an escalation level")?;
        let id = m.req(cx, "id");
        let level = m.opt(cx, "level");
        let name = m.req(cx, "name");
        let description = m.opt(cx, "description");
        m.finish(cx);
        Some(EscalationLevel { id: id?, level, name: name?, description })
    }
}

impl Decode for EscalationStep {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "an escalation step")?;
        let after = m.req(cx, "after");
        let to = m.opt(cx, "to");
        let action = m.opt(cx, "action");
        m.finish(cx);
        Some(EscalationStep { after: after?, to, action, span: node.span })
    }
}

impl Decode for EscalationPath {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "an escalation path")?;
        let id = m.opt(cx, "id");
        let severity = m.req(cx, "severity");
        let tiers = m.req(cx, "tiers");
        let steps = m.req(cx, "steps");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(EscalationPath { id, severity: severity?, tiers: tiers?, steps: steps?, note, span: node.span })
    }
}

impl Decode for RetentionRule {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a retention rule")?;
        let id = m.req(cx, "id");
        let data = m.req(cx, "data");
        let period = m.req(cx, "period");
        let after = m.req(cx, "after");
        let deletion = m.opt(cx, "deletion");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(RetentionRule { id: id?, data: data?, period: period?, after: after?, deletion, note, span: node.span })
    }
}

impl Decode for Disclosure {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "the disclosure policy")?;
        let after = m.req(cx, "after");
        let channel = m.opt(cx, "channel");
        let identifiers = m.list(cx, "identifiers");
        let scope = m.opt(cx, "scope");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(Disclosure { after: after?, channel, identifiers, scope, note })
    }
}

pub(crate) fn programme(node: &Node, cx: &mut DecodeCx) -> Option<Programme> {
    let mut m = cx.map(node, "a support programme")?;
    m.known("kind");
    m.known("language");
    let id = m.req(cx, "id");
    let name = m.req(cx, "name");
    let provider = m.req(cx, "provider");
    m.describe(cx, "scale", false, crate::model::Ref::schema);
    let scale_node = m.node("scale");
    let scale = match scale_node {
        // `scale: [a, b]`: several scales have a key of their own.
        Some(n) if matches!(n.kind, NodeKind::Seq(_)) => {
            cx.push(
                Diagnostic::new(
                    Code::WrongType,
                    crate::msg!("`scale:` names one severity scale", "`scale:` に書ける深刻度の尺度は 1 つです"),
                )
                .at(n.span, crate::msg!("several scales", "複数の深刻度の尺度"))
                .hint(crate::msg!(
                    "for several scales, list them under `scales:`, each with its own targets: `scales: [{{scale: a, targets: …}}, {{scale: b, targets: …}}]`",
                    "複数の深刻度の尺度は、それぞれの目標と合わせて `scales:` に挙げてください: `scales: [{{scale: a, targets: …}}, {{scale: b, targets: …}}]`"
                )),
            );
            None
        }
        Some(n) => crate::model::Ref::decode(n, cx),
        None => None,
    };
    let scales: Option<Vec<ScaleTargets>> = m.opt(cx, "scales");
    let summary = m.opt(cx, "summary");
    let tiers = m.list(cx, "tiers");
    let features = m.list(cx, "features");
    let channels = m.list(cx, "channels");
    let request_fields = m.list(cx, "request_fields");
    let mut targets: Targets = m.opt(cx, "targets").unwrap_or_default();
    let escalation_levels = m.list(cx, "escalation_levels");
    let escalation = m.list(cx, "escalation");
    let retention = m.list(cx, "retention");
    let disclosure = m.opt(cx, "disclosure");
    let notes = m.list(cx, "notes");
    let custom = super::custom::custom(&mut m, cx);
    // `scales:` is the first scale and the further ones; `scale:` and
    // `targets:` say the same for one scale, so not both.
    let mut scale = scale;
    let mut more_scales = Vec::new();
    let scales_written = scales.is_some();
    if let Some(list) = scales.as_ref().filter(|l| l.is_empty()).and(m.entry("scales")) {
        cx.push(
            Diagnostic::new(
                Code::MissingField,
                crate::msg!("`scales:` lists no scale", "`scales:` に深刻度の尺度が 1 つもありません"),
            )
            .at(list.key_span, crate::msg!("empty", "空"))
            .hint(crate::msg!(
                "list each severity scale with its targets, or use `scale:` for one",
                "深刻度の尺度をそれぞれの目標と合わせて挙げるか、1 つだけなら `scale:` を使ってください"
            )),
        );
    }
    if let Some(list) = scales {
        for key in ["scale", "targets"] {
            if let Some(e) = m.entry(key) {
                cx.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        crate::msg!("`{key}:` beside `scales:`", "`scales:` と並んで `{key}:` があります"),
                    )
                    .at(e.key_span, crate::msg!("said again under `scales:`", "`scales:` の内容と重複しています"))
                    .hint(crate::msg!(
                        "with `scales:`, give each scale's targets in its entry and leave out `scale:` and `targets:`",
                        "`scales:` を使うときは、深刻度の尺度ごとの目標をそれぞれの項目に書き、`scale:` と `targets:` は省いてください"
                    )),
                );
            }
        }
        let mut list = list.into_iter();
        if let Some(first) = list.next() {
            scale = Some(first.scale);
            targets = first.targets;
        }
        more_scales = list.collect();
    }
    m.finish(cx);
    Some(Programme {
        id: id?,
        name: name?,
        provider: provider?,
        scale,
        scale_written: scale_node.is_some() || scales_written,
        summary,
        tiers,
        features,
        channels,
        request_fields,
        targets,
        more_scales,
        escalation_levels,
        escalation,
        retention,
        disclosure,
        notes,
        custom,
        file: cx.file,
    })
}
