//! Property-based fuzzing of the entry points that read what users write:
//! the YAML loader and decoders, the Markdown reader, and the parsers of
//! durations, schedules, retention, dates and hours. Stable Rust only
//! (proptest): every case must return (a value or a diagnostic), never
//! panic, and diagnostics must point inside the text.
//!
//! `cargo test` runs a bounded number of cases per target. For a long run:
//!
//! ```text
//! PROPTEST_CASES=1000000 cargo test --release --lib fuzz:: -- --nocapture
//! ```
//!
//! Inputs are seeded from the example content: whole files mutated byte
//! by byte, and fragments built from the words the parsers know.

use proptest::prelude::*;

use crate::model::values::{Cadence, Count, Date, Duration, Lang, Money, Retention, Schedule, TimeRange};
use crate::source::{FileId, Sources};

/// Example files the mutations start from.
const SEEDS: &[&str] = &[
    include_str!("../content/services/planora-infra.yaml"),
    include_str!("../content/services/yuzuriha-secupdate.yaml"),
    include_str!("../content/programmes/hoshikage-support.yaml"),
    include_str!("../content/programmes/soramail-support.yaml"),
    include_str!("../content/providers/kirameki.yaml"),
    include_str!("../content/calendars/hoshikage-office.yaml"),
    include_str!("../content/scales/hoshikage-severity.yaml"),
    include_str!("../content/glossaries/hoshikage-terms.yaml"),
    include_str!("../content/documents/hoshikage-support-tiers-en.yaml"),
    include_str!("../content/documents/yuzuriha-secupdate-spec.yaml"),
];

/// Characters that matter to YAML and Markdown, and some that trouble text
/// handling (full-width, combining, private-use, control).
const ALPHABET: &[&str] = &[
    ":",
    " ",
    "\n",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "&",
    "*",
    "!",
    "|",
    ">",
    "'",
    "\"",
    "?",
    "%",
    "@",
    "`",
    "\t",
    "\r",
    "\u{3000}",
    "\u{FEFF}",
    "\u{F0000}",
    "\u{F0001}",
    "\u{F0002}",
    "\u{301}",
    "\u{0}",
    "~",
    "0",
    "9",
    "h",
    "営業日",
    "時間",
    "か月",
    "ja",
    "en",
    "kind",
    "id",
    "show",
    "](#",
    "[](",
    "|---|",
    "```",
    "***",
    "<br>",
    "\\",
    "　",
    "、",
    "。",
    "（",
    "）",
];

fn fragment() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..24).prop_map(|v| v.concat())
}

/// A seed file with a few edits at random places.
fn mutated() -> impl Strategy<Value = String> {
    let edit = (any::<prop::sample::Index>(), 0usize..3, fragment());
    (prop::sample::select(SEEDS), prop::collection::vec(edit, 1..6)).prop_map(|(seed, edits)| {
        let mut text = seed.to_string();
        for (at, kind, frag) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match kind {
                0 => text.insert_str(i, &frag),
                1 => {
                    let mut end = (i + frag.len().max(1)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(i..end, "");
                }
                _ => {
                    let mut end = (i + frag.len()).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(i..end, &frag);
                }
            }
        }
        text
    })
}

/// Every diagnostic points at a range of the file it names.
fn spans_inside(sources: &Sources, diags: &[crate::diag::Diagnostic]) -> Result<(), TestCaseError> {
    for d in diags {
        for label in d.primary.iter().chain(&d.secondary) {
            let text = &sources.get(label.span.file).text;
            prop_assert!(label.span.end as usize <= text.len(), "{} points past the end: {:?}", d.code, label.span);
            prop_assert!(label.span.start <= label.span.end);
            prop_assert!(text.is_char_boundary(label.span.start as usize), "{} splits a character", d.code);
        }
    }
    Ok(())
}

fn decode(text: &str) -> Result<(), TestCaseError> {
    let mut sources = Sources::new();
    let file: FileId = sources.add("fuzz.yaml", None, text.to_string());
    let (diags, _, _) = crate::load::decode_text(file, &sources.get(file).text, Lang::Ja);
    spans_inside(&sources, &diags)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn yaml_loader_and_decoders(text in mutated()) {
        decode(&text)?;
    }

    #[test]
    fn yaml_loader_on_fragments(text in prop::collection::vec(fragment(), 0..12).prop_map(|v| v.join("\n"))) {
        decode(&text)?;
    }

    #[test]
    fn markdown_reader(text in prop::collection::vec(fragment(), 0..16).prop_map(|v| v.concat()), raw in any::<bool>()) {
        let _ = crate::render::markdown::parse(&text, raw);
    }

    #[test]
    fn value_parsers(n in 0u64..u64::MAX, word in prop::sample::select(UNIT_WORDS), extra in fragment()) {
        for input in [format!("{n} {word}"), format!("{n}{word}{extra}"), format!("{extra}{n}-{n} {word}"), extra.clone()] {
            let _ = Duration::parse(&input);
            let _ = Schedule::parse(&input);
            let _ = Retention::parse(&input);
            let _ = Date::parse(&input);
            let _ = TimeRange::parse(&input);
            let _ = Count::parse(&input);
            let _ = Money::parse(&input);
            let _ = Cadence::parse(&input);
        }
    }

    #[test]
    fn fact_references_and_figures_in_prose(text in prop::collection::vec(prop_oneof![fragment(), prop::sample::select(PROSE_PIECES).prop_map(str::to_string)], 0..16).prop_map(|v| v.concat())) {
        for r in crate::model::custom::find_refs(&text) {
            prop_assert!(text.get(r.range.clone()).is_some(), "reference range off a char boundary");
            let _ = crate::model::custom::FactRef::parse(r.dest);
        }
        for f in crate::render::prose::figures(&text, &["名", "contacts"]) {
            prop_assert!(text.get(f.range.clone()).is_some(), "figure range off a char boundary");
        }
    }
}

/// Pieces of prose around figures and references.
const PROSE_PIECES: &[&str] = &[
    "[](=a)",
    "[x](=t/r/c)",
    "[](=provider:",
    "`",
    "](",
    "(=",
    "３０日",
    "三か月",
    "二十四時間",
    "24時間365日",
    "99.9％",
    "¥",
    "300,000円",
    "30万",
    "JPY ",
    "8名",
    "eight contacts",
    "〜",
    "5-10",
    "：",
    "第",
    "年度",
    "2024年10月31日",
    "9時30分",
    "半年",
    "ひと月",
    "。",
    ". ",
    "<br>",
    "\n- ",
];

/// Unit and cadence words the parsers know, in both languages.
const UNIT_WORDS: &[&str] = &[
    "m",
    "min",
    "minutes",
    "h",
    "hours",
    "days",
    "business hours",
    "business days",
    "business day",
    "weeks",
    "months",
    "years",
    "営業日",
    "営業時間",
    "時間",
    "分",
    "日",
    "週間",
    "か月",
    "ヶ月",
    "年",
    "every day",
    "daily",
    "weekly",
    "every business day",
    "every 3 months",
    "as needed",
    "at most once a day",
    "contract term +",
    "契約期間 +",
    "after contract end",
    "10:00-18:00",
    "9:00〜17:30",
    "-",
    "2026-",
    "-01-",
    "T",
];
