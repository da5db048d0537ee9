//! 新旧対照表: what changed between two releases of a document, as a
//! document of its own (block tree → HTML page and PDF, through the same
//! stages as every other document).
//!
//! - [`compare`]: two releases from the lock (or a release and the
//!   working copy) → a [`Comparison`]: the sections that changed, were
//!   added, removed or only renumbered, each changed fact with its old and
//!   new value in the document's language;
//! - [`document`]: a comparison → a [`RenderedDocument`]: a cover naming
//!   both versions, then a table per section (項目 | 改定前 | 改定後), the
//!   revision entries' summaries above it;
//! - `words`: the changed words, by ICU word boundaries, unchanged
//!   sentences elided.

mod words;

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic};
use crate::doc::{Align, Block, FrontWords, Inline, Meta, RenderedDocument, RenderedSection, Table};
use crate::lock::{Lock, LockedRelease, LockedSection};
use crate::model::values::{Date, Lang, Version};
use crate::model::{Document, Project};
use crate::vocab::Label;

/// Which release a side of a comparison is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReleaseInfo {
    pub version: String,
    /// ISO date.
    pub date: String,
    pub effective: Option<String>,
    /// The working copy, not a release: a draft comparison.
    pub working_copy: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SectionKind {
    Changed,
    Added,
    Removed,
}

/// One fact that differs: its path and the value on each side (`None`
/// where the fact is not there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FactChange {
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SectionChange {
    pub id: String,
    /// Its number in the newer release (in the older for a removed one).
    pub number: Option<String>,
    /// Its number in the older release, where that differs.
    pub old_number: Option<String>,
    pub title: String,
    pub kind: SectionKind,
    pub facts: Vec<FactChange>,
    /// What the revision entries between the two releases say of it.
    pub summaries: Vec<String>,
    /// Their remarks, for the 備考 column.
    pub notes: Vec<String>,
}

/// A section whose content did not change but whose number did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Renumbered {
    pub id: String,
    pub title: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Comparison {
    pub document: String,
    pub title: String,
    pub lang: Lang,
    pub from: ReleaseInfo,
    pub to: ReleaseInfo,
    pub sections: Vec<SectionChange>,
    pub renumbered: Vec<Renumbered>,
    /// Summaries of revision entries that name no section.
    pub document_summaries: Vec<String>,
}

impl Comparison {
    pub(crate) fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.renumbered.is_empty()
    }

    /// The ids of the sections whose content differs.
    pub(crate) fn changed_ids(&self) -> std::collections::BTreeSet<String> {
        self.sections.iter().map(|s| s.id.clone()).collect()
    }
}

/// The id (and site folder) of the comparison of `doc` between two
/// versions: `wp-changes-1_1-to-1_2` (a dot would read as a file name).
pub(crate) fn comparison_id(doc: &str, from: &str, to: &str) -> String {
    let v = |s: &str| s.replace('.', "_");
    format!("{doc}-changes-{}-to-{}", v(from), v(to))
}

/// The releases of `d` a build publishes comparisons for: each pair of
/// consecutive releases in the lock, from the first recorded with section
/// numbers (lock format 3). Never the working copy: builds stay
/// reproducible, drafts private.
pub(crate) fn published_pairs<'l>(d: &Document, lock: &'l Lock) -> Vec<(&'l LockedRelease, &'l LockedRelease)> {
    if !d.comparisons {
        return Vec::new();
    }
    let Some(locked) = lock.documents.get(d.id.as_str()) else { return Vec::new() };
    locked.releases.windows(2).filter(|w| w[0].comparable()).map(|w| (&w[0], &w[1])).collect()
}

/// The comparisons a build publishes.
#[derive(Default)]
pub(crate) struct Published {
    pub documents: Vec<RenderedDocument>,
    /// (document, newer version) → the comparison's id.
    pub ids: BTreeMap<(String, String), String>,
    /// What `check` says of them.
    pub findings: Vec<Diagnostic>,
}

/// The comparisons a build publishes, as documents, and what `check` says
/// of them: an empty one (W0809), and one whose changed sections are not
/// those the newer version's revision entries name (W0810).
pub(crate) fn published(project: &Project, lock: &Lock) -> Published {
    let mut out = Published::default();
    let diags = &mut out.findings;
    for d in &project.documents {
        for (from, to) in published_pairs(d, lock) {
            let c = compare(d, from, to);
            let revision = d.revisions.iter().find(|r| r.version.text == to.version);
            let at = revision.map_or(d.id.span, |r| r.span);
            if c.sections.is_empty() {
                diags.push(
                    Diagnostic::new(
                        Code::ComparisonEmpty,
                        crate::msg!(
                            "the comparison of `{}` {} → {} shows no change",
                            "`{}` の {} → {} の新旧対照表に変更がありません",
                            d.id.value,
                            from.version,
                            to.version
                        ),
                    )
                    .at(at, crate::msg!("version {} changed nothing", "版 {} で変更なし", to.version))
                    .hint(crate::msg!(
                        "a release with nothing changed needs no comparison; set `comparisons: false` to publish none",
                        "何も変更のない公開版に新旧対照表は不要です。公開しないなら `comparisons: false` を指定してください"
                    )),
                );
            }
            let changed = c.changed_ids();
            let named = crate::lock::without_unchanged_document(named_between(d, &from.version, &to.version), &changed);
            if !c.sections.is_empty() && named != changed {
                let list =
                    |v: Vec<&String>, sep: &str| v.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(sep);
                let missing = list(changed.difference(&named).collect(), ", ");
                let extra = list(named.difference(&changed).collect(), ", ");
                let missing_ja = list(changed.difference(&named).collect(), "、");
                let extra_ja = list(named.difference(&changed).collect(), "、");
                let (mut en, mut ja) = (String::new(), String::new());
                if !missing.is_empty() {
                    en.push_str(&format!("changed but not named: {missing}\n"));
                    ja.push_str(&format!("変更されたが挙げられていない節: {missing_ja}\n"));
                }
                if !extra.is_empty() {
                    en.push_str(&format!("named but unchanged:   {extra}\n"));
                    ja.push_str(&format!("挙げられたが変更されていない節: {extra_ja}\n"));
                }
                let hint = crate::msg!(
                    "{en}the comparison shows what changed; the revision history should say the same",
                    "{ja}新旧対照表は変更された内容を示します。改訂履歴も同じ内容にしてください"
                );
                diags.push(
                    Diagnostic::new(
                        Code::ComparisonDisagrees,
                        crate::msg!(
                            "the revision entries of `{}` {} do not name the sections its comparison shows changed",
                            "`{}` {} の改訂履歴の項目が、新旧対照表で変更された節を挙げていません",
                            d.id.value,
                            to.version
                        ),
                    )
                    .at(at, crate::msg!("this revision's changes", "この改訂の変更内容"))
                    .hint(hint),
                );
            }
            let doc = document(&c, project, d, (from, to));
            out.ids.insert((d.id.value.0.clone(), to.version.clone()), doc.meta.id.clone());
            out.documents.push(doc);
        }
    }
    out
}

/// The sections the revision entries newer than `from` and up to `to`
/// name (`_document` for an entry that names none).
fn named_between(d: &Document, from: &str, to: &str) -> std::collections::BTreeSet<String> {
    let mut named = std::collections::BTreeSet::new();
    for r in revisions_between(d, from, to) {
        for c in &r.changes {
            if c.sections.is_empty() {
                named.insert(crate::lock::DOCUMENT_SECTION.to_string());
            }
            named.extend(c.sections.iter().map(|s| s.as_str().to_string()));
        }
    }
    named
}

fn info(r: &LockedRelease) -> ReleaseInfo {
    ReleaseInfo {
        version: r.version.clone(),
        date: r.date.clone(),
        effective: r.effective.clone(),
        working_copy: false,
    }
}

/// The revision entries of `d` newer than `from` and up to `to`.
fn revisions_between<'d>(d: &'d Document, from: &str, to: &str) -> Vec<&'d crate::model::Revision> {
    let (Ok(from), Ok(to)) = (Version::parse(from), Version::parse(to)) else { return Vec::new() };
    d.revisions.iter().filter(|r| r.version.value > from && r.version.value <= to).collect()
}

/// What the revision entries of `d` newer than `from` and up to `to` say,
/// by section id ("" for entries that name no section).
fn summaries(d: &Document, lang: Lang, from: &str, to: &str) -> BTreeMap<String, Said> {
    let mut out: BTreeMap<String, Said> = BTreeMap::new();
    let between = revisions_between(d, from, to);
    let several = between.len() > 1;
    for r in between {
        // Across several versions each says which it was.
        let version = |text: String| if several { format!("[{}] {text}", r.version.text) } else { text };
        for c in &r.changes {
            let ids: Vec<String> = if c.sections.is_empty() {
                vec![String::new()]
            } else {
                c.sections.iter().map(|s| s.as_str().to_string()).collect()
            };
            for id in ids {
                let said = out.entry(id).or_default();
                said.summaries.push(version(c.summary.best(lang).to_string()));
                said.notes.extend(c.note.as_ref().map(|n| version(n.best(lang).to_string())));
            }
        }
    }
    out
}

/// What the revision entries say of one section.
#[derive(Default)]
struct Said {
    summaries: Vec<String>,
    notes: Vec<String>,
}

/// Compare two releases of `d` (`to` may be the working copy, made as a
/// release is).
pub(crate) fn compare(d: &Document, from: &LockedRelease, to: &LockedRelease) -> Comparison {
    let lang = d.language.value;
    let mut said = summaries(d, lang, &from.version, &to.version);
    let mut sections = Vec::new();
    let mut renumbered = Vec::new();
    let old_of = |id: &str| from.sections.iter().find(|s| s.id == id);
    for s in &to.sections {
        let Some(old) = old_of(&s.id) else {
            let facts = fact_changes(&[], &s.facts);
            sections.push(change(s, None, SectionKind::Added, facts, said.remove(&s.id)));
            continue;
        };
        if old.fingerprint == s.fingerprint && old.facts == s.facts {
            if old.number != s.number && from.numbered {
                let (title, old, new) = (s.title.clone(), old.number.clone(), s.number.clone());
                renumbered.push(Renumbered { id: s.id.clone(), title, old, new });
            }
            continue;
        }
        let facts = fact_changes(&old.facts, &s.facts);
        let old_number = (from.numbered && old.number != s.number).then(|| old.number.clone()).flatten();
        sections.push(change(s, old_number, SectionKind::Changed, facts, said.remove(&s.id)));
    }
    for old in from.sections.iter().filter(|o| !to.sections.iter().any(|s| s.id == o.id)) {
        let facts = fact_changes(&old.facts, &[]);
        sections.push(change(old, None, SectionKind::Removed, facts, said.remove(&old.id)));
    }
    Comparison {
        document: d.id.value.0.clone(),
        title: d.title.best(lang).to_string(),
        lang,
        from: info(from),
        to: info(to),
        sections,
        renumbered,
        document_summaries: said.remove("").map(|s| s.summaries).unwrap_or_default(),
    }
}

fn change(
    s: &LockedSection,
    old_number: Option<String>,
    kind: SectionKind,
    facts: Vec<FactChange>,
    said: Option<Said>,
) -> SectionChange {
    let said = said.unwrap_or_default();
    SectionChange {
        id: s.id.clone(),
        number: s.number.clone(),
        old_number,
        title: s.title.clone(),
        kind,
        facts,
        summaries: said.summaries,
        notes: said.notes,
    }
}

/// Facts compared by path, in the newer order; removed ones after (all
/// of one side, for a section added or removed).
fn fact_changes(old: &[String], new: &[String]) -> Vec<FactChange> {
    crate::lock::changed_facts(old, new)
        .into_iter()
        .map(|(path, old, new)| FactChange {
            path: path.to_string(),
            old: old.map(str::to_string),
            new: new.map(str::to_string),
        })
        .collect()
}

/// A fact's path as the 項目 column names it: 本文, 本文 › 図 figures/a.svg.
fn fact_item(path: &str, label: &impl Fn(Label) -> String) -> String {
    let parts: Vec<String> = path
        .split(" / ")
        .enumerate()
        .map(|(i, part)| match (i, part) {
            (0, "title") => label(Label::TitleFact),
            (0, "body") => label(Label::BodyFact),
            (0, "after") => label(Label::AfterFact),
            (_, p) => match p.strip_prefix("image ") {
                Some(src) => format!("{} {src}", label(Label::Figure)),
                None => p.to_string(),
            },
        })
        .collect();
    parts.join(" › ")
}

/// A fact's value as a reader reads it: typed values in the document's
/// language, Markdown links as their text (an empty one as the number and
/// title its target had in that release, or a figure's caption), images
/// as 〔図：caption〕, an image's digest shortened, paragraph breaks kept.
fn readable(value: &str, lang: Lang, sections: &[LockedSection]) -> String {
    if let Some(v) = crate::model::display_value(value, lang) {
        return v;
    }
    // An image's digest (`body / image a.svg: sha256:…`), shortened.
    if let Some(digest) = value.strip_prefix("sha256:")
        && digest.len() == 64
        && digest.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return format!("sha256:{}…", &digest[..12]);
    }
    let figure = Label::Figure.text(lang);
    let images = crate::image::markdown_images(value);
    let shown =
        |i: &crate::image::MarkdownImage| if i.title.trim().is_empty() { i.alt.clone() } else { i.title.clone() };
    // Figures by id (`{#id}` after the image), for the links to them.
    let ids: Vec<(String, String)> = images
        .iter()
        .filter_map(|i| {
            let id = value[i.range.end..].strip_prefix("{#")?.split('}').next()?;
            Some((id.to_string(), shown(i)))
        })
        .collect();
    let mut value = value.to_string();
    for i in images.iter().rev() {
        let mut end = i.range.end;
        if value[end..].starts_with("{#")
            && let Some(close) = value[end..].find('}')
        {
            end += close + 1;
        }
        let text = if lang == Lang::Ja {
            format!("〔{figure}：{}〕", shown(i))
        } else {
            format!("[{figure}: {}]", shown(i))
        };
        value.replace_range(i.range.start..end, &text);
    }
    let value = value.as_str();
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let parsed = after.find("](").and_then(|close| {
            let text = &after[..close];
            let dest_start = close + 2;
            let end = after[dest_start..].find(')')? + dest_start;
            Some((text, &after[dest_start..end], end + 1))
        });
        let Some((text, dest, used)) = parsed else {
            out.push('[');
            rest = after;
            continue;
        };
        if text.is_empty() {
            let target = dest.trim_start_matches('#');
            match (sections.iter().find(|s| s.id == target), ids.iter().find(|(id, _)| id == target)) {
                (Some(s), _) => out.push_str(&heading(s.number.as_deref(), &s.title)),
                (None, Some((_, caption))) => out.push_str(&format!("{figure}「{caption}」")),
                (None, None) => out.push_str(dest),
            }
        } else {
            out.push_str(text);
        }
        rest = &after[used..];
    }
    out.push_str(rest);
    out.replace("**", "").replace('⏎', "\n")
}

fn heading(number: Option<&str>, title: &str) -> String {
    match number {
        Some(n) => format!("{n} {title}"),
        None => title.to_string(),
    }
}

/// What a cell says: the text, its paragraph breaks as line breaks.
fn text_inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').filter(|l| !l.trim().is_empty()).enumerate() {
        if i > 0 {
            out.push(Inline::LineBreak);
        }
        out.push(Inline::text(line.to_string()));
    }
    out
}

/// Runs of a side, with line breaks where the text had paragraph breaks.
fn run_inlines(runs: &[words::Run], inserted: bool) -> Vec<Inline> {
    let mut out = Vec::new();
    for inline in words::inlines(runs, inserted) {
        match inline {
            Inline::Text { text, .. } => out.extend(text_inlines_keeping_edges(&text)),
            other => out.push(other),
        }
    }
    out
}

fn text_inlines_keeping_edges(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 && !matches!(out.last(), Some(Inline::LineBreak)) {
            out.push(Inline::LineBreak);
        }
        if !part.is_empty() {
            out.push(Inline::text(part.to_string()));
        }
    }
    out
}

/// The comparison for a terminal: each section, then each changed fact as
/// `old → new`, the changed words marked `[-removed-]` and `{+inserted+}`.
pub(crate) fn text(c: &Comparison) -> String {
    let side = |r: &ReleaseInfo| match (&r.effective, r.working_copy) {
        (_, true) => "the working copy (not released)".to_string(),
        (Some(e), _) => format!("{} ({}, effective {e})", r.version, r.date),
        (None, _) => format!("{} ({})", r.version, r.date),
    };
    let mut out = format!("{}: {} → {}\n", c.document, side(&c.from), side(&c.to));
    if c.is_empty() {
        out.push_str("\nno changes\n");
    }
    for r in &c.renumbered {
        let old = r.old.as_deref().unwrap_or("—");
        out.push_str(&format!(
            "\n{} ({}) (formerly {old}) — renumbered only\n",
            heading(r.new.as_deref(), &r.title),
            r.id
        ));
    }
    for s in &c.sections {
        let what = match s.kind {
            SectionKind::Changed => String::new(),
            SectionKind::Added => " — added".into(),
            SectionKind::Removed => " — removed".into(),
        };
        let moved = s.old_number.as_deref().map(|o| format!(" (formerly {o})")).unwrap_or_default();
        let number = match (s.kind, s.number.as_deref()) {
            (SectionKind::Removed, Some(n)) => Some(format!("formerly {n}")),
            (_, n) => n.map(str::to_string),
        };
        out.push_str(&format!("\n{} ({}){moved}{what}\n", heading(number.as_deref(), &s.title), s.id));
        for f in &s.facts {
            let show = |runs: &[words::Run], mark: (&str, &str)| {
                runs.iter()
                    .map(|r| match r {
                        words::Run::Same(t) => t.clone(),
                        words::Run::Elided => "…".into(),
                        words::Run::Changed(t) => format!("{}{t}{}", mark.0, mark.1),
                    })
                    .collect::<String>()
            };
            let line = match (&f.old, &f.new) {
                (Some(o), Some(n)) => {
                    let (a, b) = words::diff(o, n, o.chars().count() > PROSE || n.chars().count() > PROSE);
                    format!("  {}: {} → {}", f.path, show(&a, ("[-", "-]")), show(&b, ("{+", "+}")))
                }
                (Some(o), None) => format!("  - {}: {o}", f.path),
                (None, Some(n)) => format!("  + {}: {n}", f.path),
                (None, None) => continue,
            };
            out.push_str(&line.replace('⏎', " "));
            out.push('\n');
        }
    }
    out
}

/// 項目 | 改定前 | 改定後: the two versions side by side, equally wide.
const COLUMNS: [f32; 3] = [0.18, 0.41, 0.41];
/// The same with 備考.
const REMARKED_COLUMNS: [f32; 4] = [0.15, 0.33, 0.33, 0.19];

/// Longer values are prose: their unchanged sentences are elided.
const PROSE: usize = 80;

/// The comparison as a document for the site and the PDF.
pub(crate) fn document(
    c: &Comparison,
    project: &Project,
    d: &Document,
    releases: (&LockedRelease, &LockedRelease),
) -> RenderedDocument {
    let lang = c.lang;
    let label = |l: Label| project.site.label(l, lang).to_string();
    let date = |iso: &str| Date::parse(iso).map(|x| x.render(lang)).unwrap_or_else(|_| iso.to_string());
    let (from, to) = releases;
    let mut blocks = Vec::new();
    let sep = if lang == Lang::Ja { "：" } else { ": " };

    // The two versions, side by side.
    let mut rows = vec![
        vec![
            vec![Inline::text(label(Label::Version))],
            vec![Inline::text(&c.from.version)],
            vec![Inline::text(if c.to.working_copy { label(Label::WorkingCopy) } else { c.to.version.clone() })],
        ],
        vec![
            vec![Inline::text(label(Label::Date))],
            vec![Inline::text(date(&c.from.date))],
            vec![Inline::text(date(&c.to.date))],
        ],
    ];
    if c.from.effective.is_some() || c.to.effective.is_some() {
        let eff = |e: &Option<String>| e.as_deref().map(date).unwrap_or_else(|| "—".into());
        rows.push(vec![
            vec![Inline::text(label(Label::Effective))],
            vec![Inline::text(eff(&c.from.effective))],
            vec![Inline::text(eff(&c.to.effective))],
        ]);
    }
    blocks.push(Block::Table(Table {
        caption: None,
        align: vec![Align::None; 3],
        head: vec![vec![Vec::new(), vec![Inline::text(label(Label::Before))], vec![Inline::text(label(Label::After))]]],
        rows,
        continued: Vec::new(),
        widths: COLUMNS.to_vec(),
    }));
    for s in &c.document_summaries {
        let s = readable(s, lang, &to.sections);
        blocks.push(Block::Paragraph(vec![Inline::text(format!("{}{sep}{s}", label(Label::ReasonForChange)))]));
    }
    if c.sections.is_empty() && c.renumbered.is_empty() {
        blocks.push(Block::Paragraph(vec![Inline::text(label(Label::NoChanges))]));
    }
    if !c.renumbered.is_empty() {
        blocks.push(Block::Paragraph(vec![Inline::Strong(vec![Inline::text(label(Label::Renumbered))])]));
        let items = c
            .renumbered
            .iter()
            .map(|r| {
                let old = r.old.as_deref().unwrap_or("—");
                let line = match lang {
                    Lang::Ja => format!("{}（{} {old}）", heading(r.new.as_deref(), &r.title), label(Label::Formerly)),
                    Lang::En => format!("{} ({} {old})", heading(r.new.as_deref(), &r.title), label(Label::Formerly)),
                };
                vec![Block::Paragraph(vec![Inline::text(line)])]
            })
            .collect();
        blocks.push(Block::List { start: None, items });
    }
    for s in &c.sections {
        blocks.push(Block::Section(section_block(s, lang, &label, (from, to))));
    }
    let provider = project.provider_of(d).map(|p| p.name.best(lang).to_string());
    let meta = Meta {
        id: comparison_id(&c.document, &c.from.version, if c.to.working_copy { "working-copy" } else { &c.to.version }),
        doc_type: "comparison".into(),
        type_label: label(Label::Comparison),
        lang,
        title: c.title.clone(),
        subtitle: Some({
            let side = |r: &ReleaseInfo| match (lang, r.working_copy) {
                (Lang::Ja, false) => format!("{} {}（{}）", label(Label::Version), r.version, date(&r.date)),
                (Lang::En, false) => format!("{} {} ({})", label(Label::Version), r.version, date(&r.date)),
                (_, true) => label(Label::WorkingCopy),
            };
            // The closing bracket's blank half is space enough in Japanese.
            let arrow = if lang == Lang::Ja { "→ " } else { " → " };
            format!("{}{arrow}{}", side(&c.from), side(&c.to))
        }),
        version: c.to.version.clone(),
        date: Date::parse(&c.to.date).ok(),
        provider,
        service: None,
        programme: None,
        // A comparison travels as far as the document it compares.
        classification: d.classification.as_ref().map(|c| label(c.value.into())),
        number: d.number.clone(),
        brand: project.brand_of(d, lang).into(),
        words: FrontWords {
            contents: label(Label::Contents),
            version: label(Label::Version),
            issued: label(Label::Issued),
            provider: label(Label::Provider),
            document_id: label(Label::DocumentId),
            document_number: label(Label::DocumentNumber),
        },
    };
    RenderedDocument { meta, blocks, footnotes: Vec::new(), origins: Vec::new() }
}

fn section_block(
    s: &SectionChange,
    lang: Lang,
    label: &dyn Fn(Label) -> String,
    releases: (&LockedRelease, &LockedRelease),
) -> RenderedSection {
    let (from, to) = releases;
    let sep = if lang == Lang::Ja { "：" } else { ": " };
    let document_wide = s.id == crate::lock::DOCUMENT_SECTION;
    let mut title = match (document_wide, s.kind, s.number.as_deref()) {
        (true, ..) => label(Label::DocumentWide),
        // A removed section's number is its old one: marked, so it is not
        // read as the section that has that number now.
        (_, SectionKind::Removed, Some(n)) => heading(Some(&format!("{} {n}", label(Label::Formerly))), &s.title),
        _ => heading(s.number.as_deref(), &s.title),
    };
    if let Some(old) = &s.old_number {
        title.push_str(&if lang == Lang::Ja {
            format!("（{} {old}）", label(Label::Formerly))
        } else {
            format!(" ({} {old})", label(Label::Formerly))
        });
    }
    let bracket = |l: Label| if lang == Lang::Ja { format!("（{}）", label(l)) } else { format!(" ({})", label(l)) };
    match s.kind {
        SectionKind::Added => title.push_str(&bracket(Label::SectionAdded)),
        SectionKind::Removed => title.push_str(&bracket(Label::SectionRemoved)),
        SectionKind::Changed => {}
    }
    let mut blocks = Vec::new();
    for summary in &s.summaries {
        let summary = readable(summary, lang, &to.sections);
        blocks.push(Block::Paragraph(vec![Inline::text(format!("{}{sep}{summary}", label(Label::ReasonForChange)))]));
    }
    let mut rows = Vec::new();
    for f in &s.facts {
        let item = fact_item(&f.path, &label);
        let old = f.old.as_deref().map(|v| readable(v, lang, &from.sections));
        let new = f.new.as_deref().map(|v| readable(v, lang, &to.sections));
        let (old_cell, new_cell) = match (&old, &new) {
            (Some(o), Some(n)) => {
                let elide = o.chars().count() > PROSE || n.chars().count() > PROSE;
                let (a, b) = words::diff(o, n, elide);
                (run_inlines(&a, false), run_inlines(&b, true))
            }
            (Some(o), None) if s.kind == SectionKind::Removed => (text_inlines(o), Vec::new()),
            (Some(o), None) => (vec![Inline::Strike(text_inlines(o))], vec![Inline::text(label(Label::FactRemoved))]),
            (None, Some(n)) if s.kind == SectionKind::Added => (Vec::new(), text_inlines(n)),
            (None, Some(n)) => (vec![Inline::text(label(Label::FactAdded))], vec![Inline::Insert(text_inlines(n))]),
            (None, None) => (Vec::new(), Vec::new()),
        };
        rows.push(vec![vec![Inline::text(item)], old_cell, new_cell]);
    }
    let mut head = vec![
        vec![Inline::text(label(Label::ComparedItem))],
        vec![Inline::text(label(Label::Before))],
        vec![Inline::text(label(Label::After))],
    ];
    let mut widths = COLUMNS.to_vec();
    let mut continued = Vec::new();
    if !s.notes.is_empty() {
        // 備考: the entries' remarks, one cell beside all the section's rows.
        head.push(vec![Inline::text(label(Label::Remarks))]);
        widths = REMARKED_COLUMNS.to_vec();
        let remarks = s.notes.iter().map(|n| readable(n, lang, &to.sections)).collect::<Vec<_>>().join("\n");
        for (i, row) in rows.iter_mut().enumerate() {
            if i == 0 {
                row.push(text_inlines(&remarks));
            } else {
                row.push(Vec::new());
                continued.push((i, 3));
            }
        }
    }
    blocks.push(Block::Table(Table {
        caption: None,
        align: vec![Align::None; head.len()],
        head: vec![head],
        rows,
        continued,
        widths,
    }));
    RenderedSection {
        id: if document_wide { "document".into() } else { s.id.clone() },
        number: None,
        level: 1,
        title: vec![Inline::text(title)],
        blocks,
    }
}
