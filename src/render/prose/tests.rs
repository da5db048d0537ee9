//! The labelled corpus in `tests/prose/` (see its README): precision and
//! recall of the prose check, per language and overall.

use super::*;
use crate::model::Text;
use crate::model::values::{Cadence, Money, Percent};
use crate::source::Span;

fn text(s: &str, lang: Lang) -> Text {
    Text {
        variants: vec![crate::model::TextVariant { lang, text: s.into(), span: Span::default() }],
        span: Span::default(),
    }
}

struct CorpusFact {
    id: &'static str,
    label: (&'static str, &'static str),
    value: Value,
    ty: ValueType,
    shown: bool,
}

fn ty(kind: crate::model::custom::ValueKind) -> ValueType {
    ValueType { kind, unit: None, unit_one: None, tax: None }
}

fn corpus_facts() -> Vec<CorpusFact> {
    use crate::model::custom::ValueKind as K;
    let d = |s: &str| Value::Duration(Duration::parse(s).unwrap());
    let mut count = ty(K::Count);
    count.unit = Some(Text {
        variants: vec![
            crate::model::TextVariant { lang: Lang::Ja, text: "名".into(), span: Span::default() },
            crate::model::TextVariant { lang: Lang::En, text: "contacts".into(), span: Span::default() },
        ],
        span: Span::default(),
    });
    count.unit_one = Some(text("contact", Lang::En));
    vec![
        CorpusFact {
            id: "contacts",
            label: ("登録できる担当者", "authorised contacts"),
            value: Value::Count(Count::Finite(8)),
            ty: count,
            shown: true,
        },
        CorpusFact {
            id: "close-after",
            label: ("自動クローズ", "automatic closure"),
            value: d("1 month"),
            ty: ty(K::Duration),
            shown: true,
        },
        CorpusFact {
            id: "consulting",
            label: ("リモートコンサルティング", "remote consulting"),
            value: d("4 hours"),
            ty: ty(K::Duration),
            shown: true,
        },
        CorpusFact {
            id: "availability",
            label: ("月間稼働率", "monthly availability"),
            value: Value::Percent(Percent::parse("99.9%").unwrap()),
            ty: ty(K::Percent),
            shown: true,
        },
        CorpusFact {
            id: "review",
            label: ("状況レビュー", "status review"),
            value: Value::Schedule(Cadence::parse("every 3 months").unwrap()),
            ty: ty(K::Schedule),
            shown: true,
        },
        CorpusFact {
            id: "fee",
            label: ("月額基本料金", "monthly fee"),
            value: Value::Money(Money::parse("300000 JPY").unwrap()),
            ty: ty(K::Money),
            shown: true,
        },
        CorpusFact {
            id: "claim",
            label: ("申請期限", "claim deadline"),
            value: d("30 days"),
            ty: ty(K::Duration),
            shown: true,
        },
        CorpusFact {
            id: "notice",
            label: ("事前通知", "advance notice"),
            value: d("7 days"),
            ty: ty(K::Duration),
            shown: false,
        },
        CorpusFact {
            id: "response",
            label: ("初回応答", "first response"),
            value: d("24 hours"),
            ty: ty(K::Duration),
            shown: true,
        },
    ]
}

fn corpus(lang: Lang) -> Vec<(Vec<String>, String)> {
    corpus_file(&format!("{}.txt", lang.code()))
}

fn corpus_file(name: &str) -> Vec<(Vec<String>, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/prose").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (expected, sentence) = l.split_once('\t').unwrap_or_else(|| panic!("no tab in {l:?}"));
            let expected = if expected == "-" { Vec::new() } else { expected.split(',').map(str::to_string).collect() };
            (expected, sentence.to_string())
        })
        .collect()
}

/// (true positives, false positives, false negatives, the misses and false alarms).
fn score(lang: Lang, sentences: Vec<(Vec<String>, String)>) -> (usize, usize, usize, Vec<String>) {
    let facts = corpus_facts();
    let seen: Vec<FactInProse> = facts
        .iter()
        .map(|f| FactInProse {
            id: f.id,
            label: normalise(if lang == Lang::Ja { f.label.0 } else { f.label.1 }),
            value: &f.value,
            ty: &f.ty,
            shown: f.shown,
        })
        .collect();
    let (mut tp, mut fp, mut fal) = (0, 0, 0);
    let mut wrong = Vec::new();
    for (expected, sentence) in sentences {
        let got: Vec<String> = check(&sentence, lang, &seen)
            .iter()
            .map(|f| {
                let k = if f.kind == FindingKind::Repeats { "W" } else { "E" };
                format!("{k}:{}", seen[f.fact].id)
            })
            .collect();
        for g in &got {
            if expected.contains(g) {
                tp += 1;
            } else {
                fp += 1;
                wrong.push(format!("false alarm {g}: {sentence}"));
            }
        }
        for e in expected.iter().filter(|e| !got.contains(e)) {
            fal += 1;
            wrong.push(format!("missed {e}: {sentence}"));
        }
    }
    (tp, fp, fal, wrong)
}

#[test]
fn the_corpus_is_large_enough() {
    for lang in Lang::ALL {
        let c = corpus(*lang);
        assert!(c.len() >= 50, "{} corpus has {} sentences", lang.code(), c.len());
        assert!(c.iter().any(|(e, _)| e.is_empty()) && c.iter().any(|(e, _)| e.iter().any(|x| x.starts_with("E:"))));
    }
}

#[test]
fn precision_and_recall_on_the_corpus() {
    let mut total = (0, 0, 0);
    let mut report = String::new();
    for lang in Lang::ALL {
        let (tp, fp, fal, wrong) = score(*lang, corpus(*lang));
        let precision = tp as f64 / (tp + fp).max(1) as f64;
        let recall = tp as f64 / (tp + fal).max(1) as f64;
        report.push_str(&format!(
            "{}: precision {precision:.3} ({tp}/{}), recall {recall:.3} ({tp}/{})\n",
            lang.code(),
            tp + fp,
            tp + fal
        ));
        for w in wrong {
            report.push_str(&format!("  {w}\n"));
        }
        total = (total.0 + tp, total.1 + fp, total.2 + fal);
    }
    let (tp, fp, fal) = total;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fal).max(1) as f64;
    // Shown with --nocapture; the closing note quotes it.
    println!("{report}overall: precision {precision:.3}, recall {recall:.3}");
    // A false alarm teaches authors to ignore the check: none are allowed.
    assert_eq!(fp, 0, "{report}");
    assert!(recall >= 0.9, "{report}");
}

/// Corpora written by annotators who did not read the check's code:
/// `blind-*` (whose misses were then mended, so no longer blind) and
/// `held-out-*` (never tuned on). Their figures are reported as they are,
/// against lower bars.
#[test]
fn precision_and_recall_on_the_blind_corpus() {
    blind_corpus("blind");
}

#[test]
fn precision_and_recall_on_the_held_out_corpus() {
    blind_corpus("held-out");
}

fn blind_corpus(name: &str) {
    let mut report = String::new();
    let mut total = (0, 0, 0);
    for lang in Lang::ALL {
        let (tp, fp, fal, wrong) = score(*lang, corpus_file(&format!("{name}-{}.txt", lang.code())));
        report.push_str(&format!(
            "{}: precision {:.3} ({tp}/{}), recall {:.3} ({tp}/{})\n",
            lang.code(),
            tp as f64 / (tp + fp).max(1) as f64,
            tp + fp,
            tp as f64 / (tp + fal).max(1) as f64,
            tp + fal
        ));
        for w in wrong {
            report.push_str(&format!("  {w}\n"));
        }
        total = (total.0 + tp, total.1 + fp, total.2 + fal);
    }
    println!("{report}");
    let (tp, fp, fal) = total;
    assert!(tp as f64 / (tp + fp).max(1) as f64 >= 0.9, "{report}");
    assert!(tp as f64 / (tp + fal).max(1) as f64 >= 0.6, "{report}");
}

#[test]
fn a_sentence_that_refers_to_a_fact_may_state_other_figures() {
    let facts = corpus_facts();
    let seen: Vec<FactInProse> = facts
        .iter()
        .map(|f| FactInProse { id: f.id, label: normalise(f.label.0), value: &f.value, ty: &f.ty, shown: false })
        .collect();
    assert!(check("自動クローズは[](=close-after)後で、その7日前にお知らせします。", Lang::Ja, &seen).is_empty());
    let found = check("自動クローズは2か月後です。", Lang::Ja, &seen);
    assert_eq!(found.iter().map(|f| f.kind).collect::<Vec<_>>(), [FindingKind::Contradicts]);
    // 300,000.00 is 300,000.
    assert_eq!(check("月額基本料金は300,000.00 JPYです。", Lang::Ja, &seen)[0].kind, FindingKind::Repeats);
}
