//! Releases: what each published version of a document contained, so that
//! content never changes without a revision entry.
//!
//! - [`facts`]: a section's content as `path: value` lines and a fingerprint;
//! - [`file`]: `content/kiyaku.lock`, written by `kiyaku release`;
//! - [`check`]: changed sections without a new revision (E0801), revision
//!   entries naming unchanged sections (W0802), unreleased documents
//!   (W0803, under `--strict` once a lock file exists), stale entries (W0804);
//! - [`release`] and [`diff`].

pub(crate) mod facts;
pub(crate) mod file;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diag::{Code, Diagnostic, Msg};
use crate::model::values::{Date, Version};
use crate::model::{ChangeKind, Document, Project, Releases, Words};
use crate::source::Sources;
pub(crate) use facts::DOCUMENT as DOCUMENT_SECTION;
use facts::{DOCUMENT, SectionFacts, document_facts, fingerprint};
pub(crate) use file::Lock;
pub(crate) use file::{LockedDocument, LockedRelease, LockedSection};

/// The lock grows by a few lines per section and release.
const MAX_LOCK_BYTES: u64 = 64 * 1024 * 1024;

pub(crate) fn path(root: &Path) -> std::path::PathBuf {
    crate::vocab::ProjectPaths::new(root).lock()
}

/// Read the project's lock file, if it has one.
pub(crate) fn load(root: &Path, sources: &mut Sources) -> Result<Option<Lock>, Diagnostic> {
    let p = path(root);
    if std::fs::symlink_metadata(&p).is_err() {
        return Ok(None);
    }
    let id = crate::input::read_source(&p, "content/kiyaku.lock", root, MAX_LOCK_BYTES, sources)?;
    let mut diags = Vec::new();
    let node = crate::yaml::parse(id, &sources.get(id).text, &mut diags)
        .map_err(|d| Diagnostic { code: Code::LockUnreadable, ..d })?;
    file::decode(id, &node).map(Some)
}

/// How a document's sections differ from its released version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    pub(crate) fn all(&self) -> BTreeSet<String> {
        self.changed.iter().chain(&self.added).chain(&self.removed).cloned().collect()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }
}

pub(crate) fn compare(current: &[SectionFacts], locked: &LockedRelease) -> Changes {
    let mut c = Changes::default();
    for s in current {
        match locked.sections.iter().find(|l| l.id == s.id) {
            Some(l) if l.fingerprint != fingerprint(&s.facts) => c.changed.push(s.id.clone()),
            Some(_) => {}
            None => c.added.push(s.id.clone()),
        }
    }
    for l in &locked.sections {
        if !current.iter().any(|s| s.id == l.id) {
            c.removed.push(l.id.clone());
        }
    }
    c
}

/// The sections `ids`, in English and in Japanese.
fn list(ids: &[String]) -> (String, String) {
    let item = |s: &String, document: &str| if s == DOCUMENT { document.to_string() } else { format!("`{s}`") };
    let en: Vec<String> = ids.iter().map(|s| item(s, "(the document's title, subtitle or provider)")).collect();
    let ja: Vec<String> = ids.iter().map(|s| item(s, "（文書の題名・副題・提供者）")).collect();
    (en.join(", "), ja.join("、"))
}

/// Revision entries newer than the released version, and the sections they name.
fn named_since(d: &Document, released: &Version) -> (bool, BTreeSet<String>) {
    let mut any = false;
    let mut named = BTreeSet::new();
    for r in d.revisions.iter().filter(|r| r.version.value > *released) {
        any = true;
        for c in &r.changes {
            if c.sections.is_empty() {
                named.insert(DOCUMENT.to_string());
            }
            for s in &c.sections {
                named.insert(s.value.0.clone());
            }
        }
    }
    (any, named)
}

/// `named` without the document-wide entry when the document's own facts
/// (title, subtitle, provider) did not change: such an entry may say
/// anything about the document.
pub(crate) fn without_unchanged_document(mut named: BTreeSet<String>, changed: &BTreeSet<String>) -> BTreeSet<String> {
    if !changed.contains(DOCUMENT) {
        named.remove(DOCUMENT);
    }
    named
}

fn suggestion(d: &Document, changes: &Changes, today: Date) -> Msg {
    let next = {
        let mut parts = d.version.parts.clone();
        if let Some(last) = parts.last_mut() {
            *last += 1;
        }
        parts.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
    };
    // `today` is the latest date `check` accepts (a day ahead, for every
    // time zone); the suggested date is the day before it.
    let date = Date::from_unix_days(today.unix_days() - 1).unwrap_or(today);
    let mut s = format!("  - version: \"{next}\"\n    date: {}\n    changes:\n", date.iso());
    for id in changes.changed.iter().filter(|i| *i != DOCUMENT) {
        s.push_str(&format!("      - section: {id}\n        summary: …\n"));
    }
    for id in &changes.added {
        s.push_str(&format!("      - section: {id}\n        change: added\n        summary: …\n"));
    }
    for id in &changes.removed {
        s.push_str(&format!("      - section: {id}\n        change: removed\n        summary: …\n"));
    }
    if changes.changed.iter().any(|i| i == DOCUMENT) {
        s.push_str("      - summary: …\n");
    }
    let id = &d.id.value;
    crate::msg!(
        "add a revision entry, e.g.\n{s}and set `version: \"{next}\"`; then run `kiyaku release {id}`",
        "改訂履歴の項目を追加してください。例:\n{s}あわせて `version: \"{next}\"` とし、`kiyaku release {id}` を実行してください"
    )
}

/// The lock checks, run by `check` and `build`.
pub(crate) fn check(p: &Project, lock: &Lock, strict: bool, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in &p.documents {
        let Some(locked) = lock.documents.get(d.id.as_str()).map(LockedDocument::latest) else {
            if strict {
                out.push(
                    Diagnostic::new(
                        Code::DocumentNotReleased,
                        crate::msg!(
                            "document `{}` has never been released",
                            "文書 `{}` はまだ一度も公開されていません",
                            d.id.value
                        ),
                    )
                    .at(d.id.span, crate::msg!("not in kiyaku.lock", "kiyaku.lock に記録なし"))
                    .hint(crate::msg!(
                        "run `kiyaku release {}` to record this version",
                        "`kiyaku release {}` を実行してこの版を記録してください",
                        d.id.value
                    )),
                );
            }
            continue;
        };
        let Ok(released) = Version::parse(&locked.version) else { continue };
        let current = document_facts(p, d, locked.words);
        let changes = compare(&current, locked);
        if d.version.value == released {
            if !changes.is_empty() {
                let mut ids = changes.changed.clone();
                ids.extend(changes.added.iter().cloned());
                ids.extend(changes.removed.iter().cloned());
                let (en, ja) = list(&ids);
                out.push(
                    Diagnostic::new(
                        Code::ContentChangedWithoutRevision,
                        crate::msg!(
                            "document `{}` changed since its released version {} without a new revision: {en}",
                            "文書 `{}` は公開版 {} から新しい改訂なしに変更されています: {ja}",
                            d.id.value,
                            locked.version
                        ),
                    )
                    .at(d.version.span, crate::msg!("still version {}", "版は {} のまま", locked.version))
                    .hint(suggestion(d, &changes, today)),
                );
            }
        } else if d.version.value > released {
            let changed = changes.all();
            let (_, named) = named_since(d, &released);
            let unnamed: Vec<String> = changed.difference(&named).cloned().collect();
            if !unnamed.is_empty() {
                let (en, ja) = list(&unnamed);
                out.push(
                    Diagnostic::new(
                        Code::ContentChangedWithoutRevision,
                        crate::msg!(
                            "document `{}` changed since version {} in sections no new revision entry names: {en}",
                            "文書 `{}` は版 {} 以降、新しい改訂履歴の項目が挙げていない節で変更されています: {ja}",
                            d.id.value,
                            locked.version
                        ),
                    )
                    .at(d.version.span, crate::msg!("revised from {}", "{} からの改訂", locked.version))
                    .hint(crate::msg!(
                        "name them in the revision entry for {} (`kiyaku diff {}` shows what changed)",
                        "版 {} の改訂履歴の項目にそれらの節を挙げてください（変更内容は `kiyaku diff {}` で確認できます）",
                        d.version.text,
                        d.id.value
                    )),
                );
            }
            for r in d.revisions.iter().filter(|r| r.version.value > released) {
                for c in r.changes.iter().filter(|c| c.kind == ChangeKind::Modified) {
                    for s in &c.sections {
                        if !changed.contains(s.as_str()) && d.section(s.as_str()).is_some() {
                            out.push(
                                Diagnostic::new(
                                    Code::RevisionNamesUnchangedSection,
                                    crate::msg!(
                                        "revision {} names section `{}`, which has not changed since version {}",
                                        "改訂 {} が挙げる節 `{}` は版 {} から変更されていません",
                                        r.version.text,
                                        s.value,
                                        locked.version
                                    ),
                                )
                                .at(s.span, crate::msg!("unchanged", "変更なし"))
                                .hint(crate::msg!(
                                    "remove it from the entry, or check that the change was saved; `kiyaku diff {}` lists what changed",
                                    "項目から削除するか、変更が保存されているか確認してください。変更内容は `kiyaku diff {}` で一覧できます",
                                    d.id.value
                                )),
                            );
                        }
                    }
                }
            }
        } else {
            out.push(
                Diagnostic::new(
                    Code::ContentChangedWithoutRevision,
                    crate::msg!(
                        "document `{}` is version {}, older than its released version {}",
                        "文書 `{}` の版 {} は公開版 {} より古くなっています",
                        d.id.value,
                        d.version.text,
                        locked.version
                    ),
                )
                .at(d.version.span, crate::msg!("older than released", "公開版より古い版"))
                .hint(crate::msg!(
                    "a released version cannot be taken back; add a new revision instead",
                    "公開版は取り消せません。代わりに新しい改訂を追加してください"
                )),
            );
        }
    }
    for (id, entry) in &lock.documents {
        if p.document(id).is_none() {
            out.push(
                Diagnostic::new(
                    Code::StaleLockEntry,
                    crate::msg!(
                        "kiyaku.lock has an entry for document `{id}`, which no longer exists",
                        "kiyaku.lock に、もう存在しない文書 `{id}` のロックの記録があります"
                    ),
                )
                .at(entry.span, crate::msg!("no such document", "存在しない文書"))
                .hint(crate::msg!(
                    "if the document was removed on purpose, run `kiyaku release --forget {id}`",
                    "文書を意図して削除したのなら、`kiyaku release --forget {id}` を実行してください"
                )),
            );
        }
    }
    out
}

/// The last released titles of the sections that removal entries of the
/// revision histories name without a `title:` of their own.
pub(crate) fn releases(p: &Project, lock: &Lock) -> Releases {
    let mut titles = Releases::default();
    for d in &p.documents {
        let Some(document) = lock.documents.get(d.id.as_str()) else { continue };
        let locked = document.latest();
        for c in d.revisions.iter().flat_map(|r| &r.changes) {
            if c.kind != ChangeKind::Removed || c.title.is_some() || c.sections.len() != 1 {
                continue;
            }
            let id = c.sections[0].as_str();
            let title =
                locked.sections.iter().find(|s| s.id == id).map(|s| &s.title).or_else(|| document.removed.get(id));
            if let Some(title) = title {
                titles.titles.insert((d.id.value.0.clone(), id.to_string()), title.clone());
            }
        }
    }
    titles
}

/// Documents whose content differs from their released version while
/// their version is still the released one: drafts awaiting a revision.
pub(crate) fn drafts(p: &Project, lock: &Lock) -> Vec<String> {
    p.documents
        .iter()
        .filter(|d| {
            lock.documents.get(d.id.as_str()).map(LockedDocument::latest).is_some_and(|l| {
                Version::parse(&l.version).is_ok_and(|v| v == d.version.value)
                    && !compare(&document_facts(p, d, l.words), l).is_empty()
            })
        })
        .map(|d| d.id.value.0.clone())
        .collect()
}

/// The current content of `d` as a release: its facts, and each
/// section's number (`numbers`, from the rendered document).
pub(crate) fn locked_entry(p: &Project, d: &Document, numbers: &BTreeMap<String, String>) -> LockedRelease {
    LockedRelease {
        words: Words::CURRENT,
        version: d.version.text.clone(),
        date: d.effective_date().map(|x| x.iso()).unwrap_or_default(),
        effective: d.latest_revision().and_then(|r| r.effective.as_ref()).map(|e| e.value.iso()),
        sections: document_facts(p, d, Words::CURRENT)
            .into_iter()
            .map(|s| LockedSection {
                fingerprint: fingerprint(&s.facts),
                number: numbers.get(&s.id).cloned(),
                id: s.id,
                title: s.title,
                facts: s.facts,
            })
            .collect(),
        numbered: true,
    }
}

/// What `release` recorded.
pub struct Released {
    pub id: String,
    pub version: String,
    pub sections: usize,
    pub changed: Vec<String>,
}

/// What `release` wrote: the releases it recorded, and the documents whose
/// release from before lock format 3 it gave section numbers (their
/// content unchanged since, so today's numbers are the released ones).
pub struct ReleaseReport {
    pub released: Vec<Released>,
    pub numbered: Vec<String>,
}

/// What `release` is asked to do.
pub(crate) struct ReleaseRequest<'a> {
    pub root: &'a Path,
    pub project: &'a Project,
    /// Section numbers by document and section id, from the rendered documents.
    pub numbers: &'a BTreeMap<String, BTreeMap<String, String>>,
    pub ids: &'a [String],
    pub forget: &'a [String],
}

/// Record the current version of `ids` in the lock file, after the
/// releases before it. Refuses (the inner `Err`, a diagnostic per problem,
/// nothing written) a document without a new revision entry, or whose new
/// entries name other sections than those that changed.
pub(crate) fn release(
    request: &ReleaseRequest,
    existing: Option<Lock>,
) -> anyhow::Result<Result<ReleaseReport, Vec<Diagnostic>>> {
    let ReleaseRequest { root, project: p, numbers, ids, forget } = *request;
    let no_numbers = BTreeMap::new();
    let mut lock = existing.unwrap_or_default();
    let mut problems = Vec::new();
    let mut done = Vec::new();
    for id in ids {
        let Some(d) = p.document(id) else {
            let ids: Vec<&str> = p.documents.iter().map(|d| d.id.as_str()).collect();
            let mut d = Diagnostic::new(
                Code::ReleaseUnknownDocument,
                crate::msg!("no document `{id}` to release", "公開する文書 `{id}` がありません"),
            );
            if let Some(s) = crate::diag::suggestion(id, &ids) {
                d = d.hint(s);
            }
            problems.push(d);
            continue;
        };
        let entry = locked_entry(p, d, numbers.get(id).unwrap_or(&no_numbers));
        let mut changed = Vec::new();
        let mut document = LockedDocument::new(entry.clone());
        if let Some(previous) = lock.documents.get(id) {
            let old = previous.latest();
            let mut removed = previous.removed.clone();
            for s in old.sections.iter().filter(|s| !entry.sections.iter().any(|n| n.id == s.id)) {
                removed.insert(s.id.clone(), s.title.clone());
            }
            removed.retain(|id, _| !entry.sections.iter().any(|n| &n.id == id));
            let released = Version::parse(&old.version).map_err(|e| anyhow::anyhow!("kiyaku.lock: {}", e.message))?;
            let (new_entry, named) = named_since(d, &released);
            if !new_entry {
                problems.push(
                    Diagnostic::new(
                        Code::ReleaseWithoutRevision,
                        crate::msg!(
                            "`{id}` has no revision entry newer than the released version {}",
                            "`{id}` には公開版 {} より新しい改訂履歴の項目がありません",
                            old.version
                        ),
                    )
                    .at(d.version.span, crate::msg!("still {}", "{} のまま", d.version.text))
                    .hint(crate::msg!(
                        "add a revision entry and raise `version:` first; `kiyaku diff` shows what changed",
                        "先に改訂履歴の項目を追加し、`version:` を上げてください。変更内容は `kiyaku diff` で確認できます"
                    )),
                );
                continue;
            }
            let current = document_facts(p, d, old.words);
            let actual = compare(&current, old).all();
            // An entry that names no section is about the document as a
            // whole (an order changed, a note): it needs no changed fact.
            let named = without_unchanged_document(named, &actual);
            if actual != named {
                let missing: Vec<String> = actual.difference(&named).cloned().collect();
                let extra: Vec<String> = named.difference(&actual).cloned().collect();
                let (mut lines, mut lines_ja) = (Vec::new(), Vec::new());
                if !missing.is_empty() {
                    let (en, ja) = list(&missing);
                    lines.push(format!("changed but not named: {en}"));
                    lines_ja.push(format!("変更されたが挙げられていない節: {ja}"));
                }
                if !extra.is_empty() {
                    let (en, ja) = list(&extra);
                    lines.push(format!("named but unchanged:   {en}"));
                    lines_ja.push(format!("挙げられたが変更されていない節: {ja}"));
                }
                let (lines, lines_ja) = (lines.join("\n"), lines_ja.join("\n"));
                let mut diag = Diagnostic::new(
                    Code::ReleaseMismatch,
                    crate::msg!(
                        "the new revision entries of `{id}` do not match what changed since {}",
                        "`{id}` の新しい改訂履歴の項目が、{} 以降の変更と一致しません",
                        old.version
                    ),
                )
                .hint(crate::msg!(
                    "{lines}\nname exactly the sections that changed (see `kiyaku diff {id}`)",
                    "{lines_ja}\n変更された節だけを漏れなく挙げてください（`kiyaku diff {id}` を参照）"
                ));
                if let Some(r) = d.latest_revision() {
                    diag = diag.at(r.span, crate::msg!("this revision's changes", "この改訂の変更内容"));
                }
                problems.push(diag);
                continue;
            }
            changed = actual.into_iter().collect();
            // Every earlier release stays, so any two can be compared.
            document.releases = previous.releases.clone();
            document.releases.push(entry.clone());
            document.removed = removed;
        }
        let sections = entry.sections.iter().filter(|s| s.id != DOCUMENT).count();
        done.push(Released { id: id.clone(), version: entry.version.clone(), sections, changed });
        lock.documents.insert(id.clone(), document);
    }
    for id in forget {
        if lock.documents.remove(id).is_none() {
            problems.push(
                Diagnostic::new(
                    Code::ReleaseUnknownDocument,
                    crate::msg!("`{id}` is not in kiyaku.lock", "`{id}` は kiyaku.lock にありません"),
                )
                .hint(crate::msg!(
                    "`--forget` removes the lock entry of a document that was released; check the id",
                    "`--forget` は公開済みの文書のロックの記録を削除します。ID を確認してください"
                )),
            );
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let numbered = number_old_releases(p, &mut lock, numbers);
    if done.is_empty() && forget.is_empty() && numbered.is_empty() {
        return Ok(Ok(ReleaseReport { released: done, numbered }));
    }
    let path = path(root);
    let tmp = path.with_extension("lock.tmp");
    std::fs::write(&tmp, lock.render())?;
    std::fs::rename(&tmp, &path)?;
    Ok(Ok(ReleaseReport { released: done, numbered }))
}

/// Give section numbers to latest releases recorded before lock format 3
/// whose document has not changed since: numbers follow from the sections
/// and their order, which the facts hold, so today's are those released.
/// Their comparisons with the next release can then be made.
fn number_old_releases(
    p: &Project,
    lock: &mut Lock,
    numbers: &BTreeMap<String, BTreeMap<String, String>>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (id, entry) in &mut lock.documents {
        let (Some(d), Some(numbers), Some(latest)) = (p.document(id), numbers.get(id), entry.releases.last_mut())
        else {
            continue;
        };
        if latest.numbered || latest.version != d.version.text {
            continue;
        }
        let current = document_facts(p, d, latest.words);
        let same_order = current.iter().map(|s| &s.id).eq(latest.sections.iter().map(|s| &s.id));
        if !same_order || !compare(&current, latest).is_empty() {
            continue;
        }
        for s in &mut latest.sections {
            s.number = numbers.get(&s.id).cloned();
        }
        latest.numbered = true;
        out.push(id.clone());
    }
    out
}

/// A readable summary of what changed in a document since its released
/// version, section by section.
pub(crate) fn diff(p: &Project, d: &Document, lock: &Lock, numbers: &BTreeMap<String, String>) -> String {
    let Some(old) = lock.documents.get(d.id.as_str()).map(LockedDocument::latest) else {
        return format!("{}: not released yet (no entry in kiyaku.lock)\n", d.id.value);
    };
    let current = document_facts(p, d, old.words);
    let changes = compare(&current, old);
    let lang = d.language.value;
    let mut out = format!("{}: changes since version {} ({})\n", d.id.value, old.version, old.date);
    if changes.is_empty() {
        out.push_str("\nno changes\n");
        return out;
    }
    let heading = |id: &str, title: &str| match numbers.get(id) {
        _ if id == DOCUMENT => "(document)".to_string(),
        Some(n) => format!("{n} {title} ({id})"),
        None => format!("{title} ({id})"),
    };
    for s in &current {
        let Some(l) = old.sections.iter().find(|l| l.id == s.id) else {
            out.push_str(&format!("\n{} — added\n", heading(&s.id, &s.title)));
            for f in &s.facts {
                let (path, value) = split(f);
                out.push_str(&format!("  + {path}: {}\n", shown(value, lang)));
            }
            continue;
        };
        if l.fingerprint == fingerprint(&s.facts) {
            continue;
        }
        out.push_str(&format!("\n{}\n", heading(&s.id, &s.title)));
        out.push_str(&fact_diff(&l.facts, &s.facts, lang));
    }
    for l in old.sections.iter().filter(|l| !current.iter().any(|s| s.id == l.id)) {
        out.push_str(&format!("\n{} ({}) — removed\n", l.title, l.id));
    }
    out
}

fn split(f: &str) -> (&str, &str) {
    f.split_once(": ").unwrap_or((f, ""))
}

/// A fact's value in the document's language where it is a typed value.
fn shown(value: &str, lang: crate::model::values::Lang) -> String {
    crate::model::display_value(value, lang).unwrap_or_else(|| value.to_string())
}

/// Facts compared by path: changed values, added and removed entries.
fn fact_diff(old: &[String], new: &[String], lang: crate::model::values::Lang) -> String {
    let mut out = String::new();
    for (path, old, new) in changed_facts(old, new) {
        match (old, new) {
            (Some(o), Some(n)) => out.push_str(&format!("  {path}: {}\n", word_diff(&shown(o, lang), &shown(n, lang)))),
            (None, Some(n)) => out.push_str(&format!("  + {path}: {}\n", shown(n, lang))),
            (Some(o), None) => out.push_str(&format!("  - {path}: {}\n", shown(o, lang))),
            (None, None) => {}
        }
    }
    out
}

/// Facts of two versions of a section compared by path: (path, old value,
/// new value) for each that differs, in the newer order, removed ones
/// after.
pub(crate) fn changed_facts<'a>(
    old: &'a [String],
    new: &'a [String],
) -> Vec<(&'a str, Option<&'a str>, Option<&'a str>)> {
    let old_map: BTreeMap<&str, &str> = old.iter().map(|f| split(f)).collect();
    let new_map: BTreeMap<&str, &str> = new.iter().map(|f| split(f)).collect();
    let mut out = Vec::new();
    for f in new {
        let (path, value) = split(f);
        match old_map.get(path) {
            Some(v) if *v == value => {}
            Some(v) => out.push((path, Some(*v), Some(value))),
            None => out.push((path, None, Some(value))),
        }
    }
    for f in old {
        let (path, value) = split(f);
        if !new_map.contains_key(path) {
            out.push((path, Some(value), None));
        }
    }
    out
}

/// "7 → 14" for short values; for prose, the changed words with a little context.
fn word_diff(old: &str, new: &str) -> String {
    if old.chars().count() <= 40 && new.chars().count() <= 40 {
        return format!("{old} → {new}");
    }
    let wide = old.chars().chain(new.chars()).any(crate::cjk::is_wide);
    let diff = if wide { similar::TextDiff::from_chars(old, new) } else { similar::TextDiff::from_words(old, new) };
    // Runs of equal, deleted and inserted text.
    let mut runs: Vec<(similar::ChangeTag, String)> = Vec::new();
    for c in diff.iter_all_changes() {
        match runs.last_mut() {
            Some((tag, text)) if *tag == c.tag() => text.push_str(c.value()),
            _ => runs.push((c.tag(), c.value().to_string())),
        }
    }
    const CONTEXT: usize = 12;
    let head = |s: &str| s.chars().take(CONTEXT).collect::<String>();
    let tail = |s: &str| s.chars().skip(s.chars().count().saturating_sub(CONTEXT)).collect::<String>();
    let n = runs.len();
    let mut out = String::new();
    for (i, (tag, text)) in runs.iter().enumerate() {
        match tag {
            similar::ChangeTag::Delete => out.push_str(&format!("[-{text}-]")),
            similar::ChangeTag::Insert => out.push_str(&format!("{{+{text}+}}")),
            similar::ChangeTag::Equal => {
                let len = text.chars().count();
                if i == 0 {
                    if len > CONTEXT {
                        out.push('…');
                    }
                    out.push_str(&tail(text));
                } else if i + 1 == n {
                    out.push_str(&head(text));
                    if len > CONTEXT {
                        out.push('…');
                    }
                } else if len > 2 * CONTEXT {
                    out.push_str(&format!("{}…{}", head(text), tail(text)));
                } else {
                    out.push_str(text);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_show_both() {
        assert_eq!(word_diff("7", "14"), "7 → 14");
    }

    #[test]
    fn prose_shows_the_changed_words() {
        let d = word_diff(
            "お客様からお預かりしたデータは、すべて日本国内のデータセンターに保管します。",
            "お客様からお預かりしたデータは、すべて日本国内の二つのデータセンターに保管します。",
        );
        assert!(d.contains("{+二つの+}"), "{d}");
        assert!(d.len() < 120, "{d}");
    }
}
