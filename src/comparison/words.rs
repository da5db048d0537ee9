//! Changed wording, word by word: both texts cut at word boundaries (ICU
//! word segmentation: Japanese by dictionary, English at spaces and
//! punctuation), the word sequences diffed, and the unchanged sentences
//! around the changes elided, so a reader sees what changed and enough to
//! find it.

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::doc::Inline;

/// The words of `text`, in order; joined, they are `text`.
fn words(text: &str) -> Vec<&str> {
    let segmenter = WordSegmenter::new_auto(WordBreakInvariantOptions::default());
    let cuts: Vec<usize> = segmenter.segment_str(text).collect();
    cuts.windows(2).filter_map(|w| text.get(w[0]..w[1])).filter(|w| !w.is_empty()).collect()
}

/// One side's runs: unchanged, or changed (removed on the old side,
/// inserted on the new).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Run {
    Same(String),
    Changed(String),
    /// Unchanged text left out.
    Elided,
}

/// Old and new text as runs. Sentences with no change are elided when
/// `elide` (long prose); short values are shown whole.
pub(crate) fn diff(old: &str, new: &str, elide: bool) -> (Vec<Run>, Vec<Run>) {
    let (a, b) = (words(old), words(new));
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    // The merged sequence: (old words, new words) per op, as changed or not.
    let mut pieces: Vec<(bool, String, String)> = Vec::new();
    for op in &ops {
        let (same, old_range, new_range) = match *op {
            DiffOp::Equal { old_index, new_index, len } => {
                (true, old_index..old_index + len, new_index..new_index + len)
            }
            DiffOp::Delete { old_index, old_len, new_index } => {
                (false, old_index..old_index + old_len, new_index..new_index)
            }
            DiffOp::Insert { old_index, new_index, new_len } => {
                (false, old_index..old_index, new_index..new_index + new_len)
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                (false, old_index..old_index + old_len, new_index..new_index + new_len)
            }
        };
        let join = |w: &[&str], r: std::ops::Range<usize>| w.get(r).unwrap_or_default().concat();
        if same {
            // Unchanged words, cut after each sentence so sentences can be elided.
            for word in a.get(old_range).unwrap_or_default() {
                pieces.push((true, word.to_string(), word.to_string()));
            }
        } else {
            pieces.push((false, join(&a, old_range), join(&b, new_range)));
        }
    }
    let sentences = sentences(&pieces);
    let mut old_runs = Vec::new();
    let mut new_runs = Vec::new();
    for sentence in sentences {
        let changed = sentence.iter().any(|p| !p.0);
        if elide && !changed {
            for runs in [&mut old_runs, &mut new_runs] {
                if runs.last() != Some(&Run::Elided) {
                    runs.push(Run::Elided);
                }
            }
            continue;
        }
        for (same, o, n) in sentence {
            for (runs, text) in [(&mut old_runs, o), (&mut new_runs, n)] {
                // Spaces around changed words are not marked as changed.
                let core = if *same { text.as_str() } else { text.trim() };
                let at = text.find(core).unwrap_or(0);
                let parts = [(&text[..at], true), (core, *same), (&text[at + core.len()..], true)];
                for (part, same) in parts {
                    if part.is_empty() {
                        continue;
                    }
                    match (runs.last_mut(), same) {
                        (Some(Run::Same(t)), true) | (Some(Run::Changed(t)), false) => t.push_str(part),
                        _ => runs.push(if same { Run::Same(part.to_string()) } else { Run::Changed(part.to_string()) }),
                    }
                }
            }
        }
    }
    (old_runs, new_runs)
}

/// The merged pieces cut into sentences: after 。！？ and after . ! ? that
/// end a word before a space.
fn sentences(pieces: &[(bool, String, String)]) -> Vec<&[(bool, String, String)]> {
    let ends = |p: &(bool, String, String)| {
        p.0 && (p.1.ends_with(['。', '！', '？']) || (p.1.trim().is_empty() && p.1.contains(['\n'])))
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (i, p) in pieces.iter().enumerate() {
        let english_end = p.0 && p.1 == " " && i > 0 && pieces[i - 1].0 && pieces[i - 1].1.ends_with(['.', '!', '?']);
        if ends(p) || english_end {
            out.push(&pieces[start..=i]);
            start = i + 1;
        }
    }
    if start < pieces.len() {
        out.push(&pieces[start..]);
    }
    out
}

/// Runs as inlines: changed text removed (struck) or inserted (underlined).
pub(crate) fn inlines(runs: &[Run], inserted: bool) -> Vec<Inline> {
    runs.iter()
        .map(|r| match r {
            Run::Same(t) => Inline::text(t.clone()),
            Run::Elided => Inline::text("…"),
            Run::Changed(t) if inserted => Inline::Insert(vec![Inline::text(t.clone())]),
            Run::Changed(t) => Inline::Strike(vec![Inline::text(t.clone())]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(runs: &[Run]) -> Vec<&str> {
        runs.iter()
            .filter_map(|r| match r {
                Run::Changed(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_figure_is_one_word() {
        let (old, new) = diff("4時間", "2時間", false);
        assert_eq!((changed(&old), changed(&new)), (vec!["4"], vec!["2"]));
    }

    #[test]
    fn japanese_changes_follow_word_boundaries() {
        let (old, new) = diff(
            "お客様のデータは日本国内のデータセンターに保管します。",
            "お客様のデータは日本国内の二つのデータセンターに保管します。",
            false,
        );
        assert!(changed(&old).is_empty(), "{old:?}");
        assert_eq!(changed(&new), vec!["二つの"]);
    }

    #[test]
    fn unchanged_sentences_are_elided() {
        let old = "第一文です。変わる文は七日です。第三文です。";
        let new = "第一文です。変わる文は十四日です。第三文です。";
        let (o, n) = diff(old, new, true);
        assert_eq!(o.first(), Some(&Run::Elided));
        assert_eq!(o.last(), Some(&Run::Elided));
        assert_eq!((changed(&o), changed(&n)), (vec!["七日"], vec!["十四日"]));
        let english = diff("Logs are kept. Backups run daily. Done.", "Logs are kept. Backups run hourly. Done.", true);
        assert_eq!(changed(&english.1), vec!["hourly"]);
        assert_eq!(english.1.first(), Some(&Run::Elided));
    }
}
