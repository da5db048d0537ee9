//! Total-fit line breaking, after Knuth and Plass: every way of breaking
//! a paragraph is weighed at once, and the one with the least demerits
//! wins, so a loose line, a lonely last character or a hyphen is avoided by
//! moving a break a few lines earlier rather than accepted where greedy
//! filling would meet it.
//!
//! A line's badness grows with the cube of how far it is squeezed or
//! stretched against what it may give (squeezing punctuation and spaces is
//! cheaper than stretching); a justified line that would need more stretch
//! than the limits allow is set ragged, at a high cost. Penalties: a hyphen,
//! two hyphens in a row, a break inside an identifier or URL, a break
//! against the line-start and line-end rules (only to avoid overflow), and
//! a paragraph's last line holding a single character (「す。」).
//!
//! The search is linear: from each reachable break it looks ahead one
//! line's width only.

use super::{Class, Hyphens, LineSpan, Measured, skip_spaces};
use crate::layout::breaks::Break;
use crate::vocab::Lang;

/// What a paragraph's lines are broken against.
pub(super) struct Frame {
    /// The first line's width, and every other line's.
    pub first: f32,
    pub rest: f32,
    pub lang: Lang,
    /// Full lines are justified.
    pub justify: bool,
}

/// Most a justified line's gaps may stretch, per em, before the line is
/// set ragged instead (as `place` does): English word spaces 0.125 em
/// wider than their own (about 0.35 em in all), Japanese letter spacing
/// 0.15 em.
pub(super) fn stretch_limit(lang: Lang) -> f32 {
    if lang == Lang::Ja { 0.15 } else { 0.125 }
}

/// Demerits of every line, so fewer lines win a tie.
const LINE: f64 = 10.0;
/// A justified line that must be set ragged.
const RAGGED: f64 = 1500.0;
/// A hyphen that fills a justified line; one in ragged text or a table
/// cell (only for a word no line holds).
const HYPHEN: f64 = 50.0;
const HYPHEN_RAGGED: f64 = 1200.0;
const DOUBLE_HYPHEN: f64 = 10000.0;
/// A break inside an identifier or URL at a separator: cheap in Japanese,
/// where the alternative is letter-spacing the line before it; in English
/// dearer than a ragged line.
const IDENTIFIER_JA: f64 = 60.0;
const IDENTIFIER: f64 = 6000.0;
const EMERGENCY: f64 = 9000.0;
/// A break anywhere, when nothing else keeps the line inside the frame.
const FORCED: f64 = 20000.0;
const LONELY_LAST: f64 = 3000.0;

/// The best way found to reach a break: its demerits and the break the
/// line before it follows (an index in `nodes`).
#[derive(Clone, Copy)]
struct Node {
    /// The line ends before this char.
    at: usize,
    hyphen: bool,
    demerits: f64,
    prev: Option<usize>,
}

/// Break chars into lines: spans in order, covering every drawn char.
pub(super) fn break_lines<W: Fn(usize) -> f32>(
    m: &Measured,
    ops: &[Break],
    hyphens: &Hyphens<W>,
    frame: &Frame,
) -> Vec<LineSpan> {
    let n = m.adv.len();
    // The best node (index into `nodes`) ending at each char, without and
    // with a hyphen. Lines only go forward, so by the time a position is
    // visited every line ending there has been weighed.
    let mut nodes: Vec<Node> = vec![Node { at: 0, hyphen: false, demerits: 0.0, prev: None }];
    let mut slot: Vec<[Option<usize>; 2]> = vec![[None, None]; n + 1];
    slot[0][0] = Some(0);
    let mut best_end: Option<usize> = None;
    let mut lines = Vec::new();
    for k in 0..=n {
        for from in slot[k].into_iter().flatten() {
            let node = nodes[from];
            let s = skip_spaces(&m.class, node.at);
            if s >= n {
                if best_end.is_none_or(|b| nodes[b].demerits > node.demerits) {
                    best_end = Some(from);
                }
                continue;
            }
            let avail = if from == 0 { frame.first } else { frame.rest };
            lines_from(m, ops, hyphens, frame, (s, avail, node.hyphen), &mut lines);
            for &(at, hyphen, cost) in &lines {
                let candidate = Node { at, hyphen, demerits: node.demerits + cost, prev: Some(from) };
                match slot[at][usize::from(hyphen)] {
                    Some(i) if nodes[i].demerits <= candidate.demerits => {}
                    Some(i) => nodes[i] = candidate,
                    None => {
                        nodes.push(candidate);
                        slot[at][usize::from(hyphen)] = Some(nodes.len() - 1);
                    }
                }
            }
        }
    }
    let mut spans = Vec::new();
    let mut at = best_end.expect("the paragraph's end is always reached");
    while let Some(prev) = nodes[at].prev {
        let node = nodes[at];
        let start = skip_spaces(&m.class, nodes[prev].at);
        let last = ends_paragraph(m, ops, node.at);
        spans.push(LineSpan { start, end: node.at, last, hyphen: node.hyphen });
        at = prev;
    }
    spans.reverse();
    spans
}

/// A place a line may end, with what the line holds up to it.
#[derive(Clone, Copy)]
struct Candidate {
    at: usize,
    hyphen: bool,
    penalty: f64,
    /// Width, shrink and stretchable gaps up to the last drawn char.
    width: f32,
    shrink: f32,
    slots: usize,
    last_drawn: usize,
}

/// The kinds of break a line may end at, for keeping the latest of each.
const KINDS: usize = 5;

fn kind(penalty: f64, hyphen: bool) -> usize {
    match (hyphen, penalty) {
        (true, _) => 0,
        (false, p) if p <= 0.0 => 1,
        (false, p) if p <= IDENTIFIER => 2,
        (false, p) if p <= EMERGENCY => 3,
        _ => 4,
    }
}

/// Every line that may start at `s`, into `out`: (where it ends, whether
/// with a hyphen, its demerits).
///
/// Only lines that are full enough to be set as they should (justified
/// within the stretch limits; in ragged text, over half full) are weighed
/// one by one; of the shorter ones, only the longest of each kind of break
/// — a shorter line of the same kind is never better.
#[allow(clippy::needless_range_loop)] // parallel arrays indexed together
fn lines_from<W: Fn(usize) -> f32>(
    m: &Measured,
    ops: &[Break],
    hyphens: &Hyphens<W>,
    frame: &Frame,
    start: (usize, f32, bool),
    out: &mut Vec<(usize, bool, f64)>,
) {
    let (s, avail, after_hyphen) = start;
    out.clear();
    let n = m.adv.len();
    let most_per_slot = stretch_limit(frame.lang) * m.em[s];
    let mut short: [Option<Candidate>; KINDS] = [None; KINDS];
    let weigh = |c: &Candidate, out: &mut Vec<(usize, bool, f64)>| {
        let natural = c.width - m.blank_after[c.last_drawn] + if c.hyphen { (hyphens.width)(c.at - 1) } else { 0.0 };
        if natural - c.shrink > avail + 0.01 {
            return;
        }
        let ends = ends_paragraph(m, ops, c.at);
        let b = badness(m, frame, s, c.at, natural, c.shrink, c.slots, avail, ends);
        let double = if c.hyphen && after_hyphen { DOUBLE_HYPHEN } else { 0.0 };
        out.push((c.at, c.hyphen, demerits(b, c.penalty) + double));
    };
    let full_enough = |c: &Candidate| {
        let natural = c.width - m.blank_after[c.last_drawn];
        if frame.justify { avail - natural <= c.slots as f32 * most_per_slot + 0.01 } else { natural >= avail * 0.5 }
    };
    let mut w = 0.0f32;
    let mut shrink = 0.0f32;
    let mut slots = 0usize;
    // The same, up to the last drawn (not blank) char.
    let (mut w_drawn, mut shrink_drawn, mut slots_drawn, mut last_drawn) = (0.0f32, 0.0f32, 0usize, None);
    let mut overflowed = None;
    let mut hard_break = false;
    for i in s..n {
        if i > s
            && let Some(last) = last_drawn
        {
            let penalty = match ops[i] {
                Break::Mandatory | Break::Allowed => Some(0.0),
                Break::LastResort if hyphens.identifiers_early => Some(IDENTIFIER_JA),
                Break::LastResort => Some(IDENTIFIER),
                Break::Emergency => Some(EMERGENCY),
                Break::Never => None,
            };
            let hyphen_penalty = if hyphens.against_loose_lines { HYPHEN } else { HYPHEN_RAGGED };
            let at_hyphen = (hyphens.at.get(i) == Some(&true)).then_some(hyphen_penalty);
            for (penalty, hyphen) in [(penalty, false), (at_hyphen, true)] {
                let Some(penalty) = penalty else { continue };
                let c = Candidate {
                    at: i,
                    hyphen,
                    penalty,
                    width: w_drawn,
                    shrink: shrink_drawn,
                    slots: slots_drawn,
                    last_drawn: last,
                };
                if ops[i] == Break::Mandatory || full_enough(&c) {
                    weigh(&c, out);
                } else if let Some(slot) = short.get_mut(kind(penalty, hyphen)) {
                    *slot = Some(c);
                }
            }
        }
        if i > s {
            if ops[i] == Break::Mandatory {
                hard_break = true;
                break;
            }
            w += m.gap[i];
            shrink += m.shrink[i];
            let stretches = m.stretch[i] && (frame.lang == Lang::Ja || m.class[i] == Class::Space);
            slots += usize::from(stretches);
        }
        w += m.adv[i];
        if matches!(m.class[i], Class::Space | Class::Newline) {
            continue;
        }
        if w - m.blank_after[i] - shrink > avail + 0.01 {
            overflowed = Some(i);
            break;
        }
        (w_drawn, shrink_drawn, slots_drawn, last_drawn) = (w, shrink, slots, Some(i));
    }
    if overflowed.is_none()
        && !hard_break
        && let Some(last) = last_drawn
    {
        let c = Candidate {
            at: n,
            hyphen: false,
            penalty: 0.0,
            width: w_drawn,
            shrink: shrink_drawn,
            slots: slots_drawn,
            last_drawn: last,
        };
        weigh(&c, out);
    }
    for c in short.iter().flatten() {
        weigh(c, out);
    }
    if out.is_empty() {
        // Nothing fits: the line breaks wherever it must.
        let end = match overflowed {
            Some(i) if i > s => i,
            Some(i) => i + 1,
            None => n,
        };
        out.push((end, false, demerits(0.0, FORCED)));
    }
}

/// Whether a line ending before `k` is set as a last line: the
/// paragraph's, or one before a hard break.
fn ends_paragraph(m: &Measured, ops: &[Break], k: usize) -> bool {
    k >= m.drawn_end || ops[k] == Break::Mandatory
}

fn demerits(badness: f64, penalty: f64) -> f64 {
    (LINE + badness).powi(2) + penalty.powi(2)
}

/// How bad the line `s..k` is at its natural width and with what it may
/// shrink and stretch; `ends` when it is the paragraph's last line or ends
/// at a hard break (set ragged, at no cost, unless it is a lonely
/// character).
#[allow(clippy::too_many_arguments)]
fn badness(
    m: &Measured,
    frame: &Frame,
    s: usize,
    k: usize,
    natural: f32,
    shrink: f32,
    slots: usize,
    avail: f32,
    ends: bool,
) -> f64 {
    if natural > avail {
        // Squeezed: cheaper than stretching by as much.
        let r = f64::from((natural - avail) / shrink.max(0.01)).min(1.0);
        return 50.0 * r.powi(3);
    }
    let slack = f64::from((avail - natural) / avail.max(1.0));
    if ends {
        let core =
            (s..k).filter(|&i| !matches!(m.class[i], Class::Space | Class::Newline | Class::Closing | Class::Stop));
        return if s > 0 && core.count() == 1 { LONELY_LAST } else { 0.0 };
    }
    if !frame.justify {
        // Ragged text: lines as full as they can be, evenly.
        return 200.0 * slack.powi(2);
    }
    let most = slots as f32 * stretch_limit(frame.lang) * m.em[s];
    if most <= 0.0 || avail - natural > most + 0.01 {
        // The emptier, the worse: a line a third short costs twice a
        // ragged line just short.
        return RAGGED * (1.0 + 3.0 * slack);
    }
    let r = f64::from((avail - natural) / most);
    100.0 * r.powi(3)
}
