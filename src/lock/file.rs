//! `content/kiyaku.lock`: for each released document, its version, date and
//! the facts and fingerprint of each section. Written by `kiyaku release`
//! in a stable order (documents by id, sections in document order), one
//! fact per line, so a release shows as a small diff in version control.
//!
//! The format is versioned (`format:`). Format 3 keeps every release of a
//! document, oldest first, each section with the number it had then, so
//! any two releases can be compared (`crate::comparison`) without the
//! repository's history; formats 1 and 2 kept only the latest release,
//! without numbers, and are read as a document with one release.
//! Format 2 writes every value in the
//! words of the YAML it came from (`model::Words::Format2`), and says per
//! document in which words its facts are (`words:`). Format 1, which had no
//! `format:` line, spelt some values in English prose and events as Rust
//! names; its entries are read as they are and compared in format 1's
//! words, so documents released with it still compare equal. Written back,
//! the file is format 2, each entry keeping its words until that document
//! is released again.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic, Msg};
use crate::model::Words;
use crate::source::{FileId, Span};
use crate::yaml::{Node, NodeKind};

/// The lock format this kiyaku writes.
pub(crate) const FORMAT: u32 = 3;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LockedSection {
    pub id: String,
    /// Its number in that release ("2.1"); `None` for unnumbered sections
    /// and in releases recorded before format 3.
    pub number: Option<String>,
    pub title: String,
    pub fingerprint: String,
    pub facts: Vec<String>,
}

/// One released version of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LockedRelease {
    /// The words its facts are spelt in.
    pub words: Words,
    pub version: String,
    pub date: String,
    /// When the version takes effect (施行日), if its revision says.
    pub effective: Option<String>,
    pub sections: Vec<LockedSection>,
    /// Recorded with section numbers (format 3 and later).
    pub numbered: bool,
}

impl LockedRelease {
    /// Recorded in format 3 or later: its sections have their numbers, so
    /// it can be compared.
    pub(crate) fn comparable(&self) -> bool {
        self.numbered
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LockedDocument {
    /// Every release, oldest first; never empty.
    pub releases: Vec<LockedRelease>,
    /// Sections removed in earlier releases: id → last released title, so
    /// a revision history can still name them.
    pub removed: BTreeMap<String, String>,
    /// Where the entry is in the lock file.
    pub span: Span,
}

impl LockedDocument {
    pub(crate) fn new(release: LockedRelease) -> LockedDocument {
        LockedDocument { releases: vec![release], removed: BTreeMap::new(), span: Span::default() }
    }

    /// The release the content is checked against.
    pub(crate) fn latest(&self) -> &LockedRelease {
        self.releases.last().expect("a locked document has a release")
    }

    pub(crate) fn release(&self, version: &str) -> Option<&LockedRelease> {
        self.releases.iter().find(|r| r.version == version)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lock {
    pub documents: BTreeMap<String, LockedDocument>,
    pub file: Option<FileId>,
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Lock {
    pub(crate) fn render(&self) -> String {
        let mut out = String::from(
            "# kiyaku.lock — what each released version of each document contained.\n# Written by `kiyaku release`; commit it with the content. Do not edit by hand.\n",
        );
        out.push_str(&format!("format: {FORMAT}\ndocuments:\n"));
        if self.documents.is_empty() {
            out = out.replace("documents:\n", "documents: {}\n");
        }
        for (id, d) in &self.documents {
            out.push_str(&format!("  {id}:\n    releases:\n"));
            for r in &d.releases {
                out.push_str(&format!("      - version: {}\n        date: {}\n", quote(&r.version), r.date));
                if let Some(e) = &r.effective {
                    out.push_str(&format!("        effective: {e}\n"));
                }
                out.push_str(&format!("        words: {}\n", r.words.number()));
                if !r.numbered {
                    // Recorded before format 3: its sections' numbers are unknown.
                    out.push_str("        numbered: false\n");
                }
                out.push_str("        sections:\n");
                for s in &r.sections {
                    out.push_str(&format!("          - id: {}\n", quote(&s.id)));
                    if let Some(n) = &s.number {
                        out.push_str(&format!("            number: {}\n", quote(n)));
                    }
                    out.push_str(&format!(
                        "            title: {}\n            fingerprint: {}\n            facts:\n",
                        quote(&s.title),
                        s.fingerprint
                    ));
                    for f in &s.facts {
                        out.push_str(&format!("              - {}\n", quote(f)));
                    }
                }
            }
            if !d.removed.is_empty() {
                out.push_str("    removed:\n");
                for (id, title) in &d.removed {
                    out.push_str(&format!("      {}: {}\n", quote(id), quote(title)));
                }
            }
        }
        out
    }
}

fn bad(node: &Node, what: Msg) -> Diagnostic {
    let (en, ja) = (what.get(crate::vocab::Lang::En), what.get(crate::vocab::Lang::Ja));
    Diagnostic::new(Code::LockUnreadable, crate::msg!("kiyaku.lock: {en}", "kiyaku.lock: {ja}"))
        .at(node.head_span(), crate::msg!("unexpected here", "ここでは想定外"))
        .hint(crate::msg!(
            "the lock file is written by `kiyaku release`; restore it from version control rather than editing it",
            "ロックファイルは `kiyaku release` が書き出します。手で編集せず、バージョン管理から元に戻してください"
        ))
}

fn scalar(node: &Node) -> Option<String> {
    match &node.kind {
        NodeKind::Scalar(s, _) => Some(s.clone()),
        _ => None,
    }
}

/// Read a lock file's node tree.
pub(crate) fn decode(file: FileId, node: &Node) -> Result<Lock, Diagnostic> {
    let mut lock = Lock { documents: BTreeMap::new(), file: Some(file) };
    let format = match node.get("format") {
        None => 1,
        Some(f) => match scalar(&f.value).and_then(|v| v.trim().parse::<u32>().ok()) {
            Some(n) if (1..=FORMAT).contains(&n) => n,
            Some(0) => {
                return Err(bad(
                    &f.value,
                    crate::msg!(
                        "`format: 0` is not a format kiyaku ever wrote",
                        "`format: 0` は kiyaku が書き出したことのない形式です"
                    ),
                ));
            }
            Some(n) => {
                return Err(Diagnostic::new(
                    Code::LockUnreadable,
                    crate::msg!(
                        "kiyaku.lock is in format {n}, newer than this kiyaku reads (format {FORMAT})",
                        "kiyaku.lock の形式 {n} は、この kiyaku が読める形式（{FORMAT}）より新しいものです"
                    ),
                )
                .at(f.value.head_span(), crate::msg!("written by a newer kiyaku", "新しい kiyaku が書き出した形式"))
                .hint(crate::msg!(
                    "upgrade kiyaku to the version your team releases with",
                    "チームが公開に使っているバージョンに kiyaku を更新してください"
                )));
            }
            None => {
                return Err(bad(
                    &f.value,
                    crate::msg!("`format` is not a format number", "`format` が形式の番号ではありません"),
                ));
            }
        },
    };
    let docs =
        node.get("documents").ok_or_else(|| bad(node, crate::msg!("no `documents:`", "`documents:` がありません")))?;
    let Some(entries) = docs.value.as_map() else {
        return if docs.value.kind == NodeKind::Null {
            Ok(lock)
        } else {
            Err(bad(&docs.value, crate::msg!("`documents` is not a mapping", "`documents` がマッピングではありません")))
        };
    };
    for e in entries {
        let d = &e.value;
        let releases = if format >= 3 {
            let list = d.get("releases").ok_or_else(|| {
                bad(d, crate::msg!("document `{}` has no `releases`", "文書 `{}` に `releases` がありません", e.key))
            })?;
            let NodeKind::Seq(items) = &list.value.kind else {
                return Err(bad(
                    &list.value,
                    crate::msg!("`releases` is not a list", "`releases` がリストではありません"),
                ));
            };
            if items.is_empty() {
                return Err(bad(&list.value, crate::msg!("`releases` is empty", "`releases` が空です")));
            }
            items.iter().map(|r| release(r, format, &e.key)).collect::<Result<Vec<_>, _>>()?
        } else {
            vec![release(d, format, &e.key)?]
        };
        let mut removed = BTreeMap::new();
        match d.get("removed").map(|r| &r.value) {
            None => {}
            Some(r) if r.kind == NodeKind::Null => {}
            Some(r) => {
                let entries = r.as_map().ok_or_else(|| {
                    bad(r, crate::msg!("`removed` is not a mapping", "`removed` がマッピングではありません"))
                })?;
                for x in entries {
                    let title = scalar(&x.value).ok_or_else(|| {
                        bad(
                            &x.value,
                            crate::msg!(
                                "a removed section's title is not text",
                                "削除された節の題名がテキストではありません"
                            ),
                        )
                    })?;
                    removed.insert(x.key.clone(), title);
                }
            }
        }
        lock.documents.insert(e.key.clone(), LockedDocument { releases, removed, span: e.key_span });
    }
    Ok(lock)
}

/// One release: a format 3 `releases:` item, or (formats 1 and 2) the
/// document entry itself.
fn release(d: &Node, format: u32, doc: &str) -> Result<LockedRelease, Diagnostic> {
    let get = |k: &str| {
        scalar_of(d, k).ok_or_else(|| {
            bad(
                d,
                crate::msg!(
                    "document `{doc}` has a release without `{k}`",
                    "文書 `{doc}` に `{k}` のない公開版があります"
                ),
            )
        })
    };
    let words = match (format, d.get("words")) {
        (1, _) => Words::Format1,
        (_, None) => Words::CURRENT,
        (_, Some(w)) => scalar(&w.value)
            .and_then(|v| v.trim().parse().ok())
            .and_then(Words::from_number)
            .ok_or_else(|| bad(&w.value, crate::msg!("`words` is not 1 or 2", "`words` が 1 でも 2 でもありません")))?,
    };
    let version = get("version")?;
    let date = get("date")?;
    let effective = scalar_of(d, "effective");
    let mut sections = Vec::new();
    let list = d.get("sections").ok_or_else(|| bad(d, crate::msg!("no `sections`", "`sections` がありません")))?;
    let NodeKind::Seq(items) = &list.value.kind else {
        return Err(bad(&list.value, crate::msg!("`sections` is not a list", "`sections` がリストではありません")));
    };
    for s in items {
        let get = |k: &str| {
            scalar_of(s, k).ok_or_else(|| bad(s, crate::msg!("a section has no `{k}`", "`{k}` のない節があります")))
        };
        let facts = match s.get("facts").map(|f| &f.value.kind) {
            Some(NodeKind::Seq(f)) => f.iter().filter_map(scalar).collect(),
            Some(NodeKind::Null) | None => Vec::new(),
            Some(_) => return Err(bad(s, crate::msg!("`facts` is not a list", "`facts` がリストではありません"))),
        };
        sections.push(LockedSection {
            id: get("id")?,
            number: scalar_of(s, "number"),
            title: get("title")?,
            fingerprint: get("fingerprint")?,
            facts,
        });
    }
    let numbered = format >= 3 && scalar_of(d, "numbered").is_none_or(|v| v.trim() != "false");
    Ok(LockedRelease { words, version, date, effective, sections, numbered })
}

fn scalar_of(node: &Node, key: &str) -> Option<String> {
    node.get(key).and_then(|x| scalar(&x.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: &str, number: Option<&str>, facts: &[&str]) -> LockedSection {
        LockedSection {
            id: id.into(),
            number: number.map(str::to_string),
            title: "バックアップ \"状況\"".into(),
            fingerprint: "0011223344556677".into(),
            facts: facts.iter().map(|f| f.to_string()).collect(),
        }
    }

    fn release(version: &str, effective: Option<&str>, sections: Vec<LockedSection>) -> LockedRelease {
        LockedRelease {
            words: Words::CURRENT,
            version: version.into(),
            date: "2024-10-31".into(),
            effective: effective.map(str::to_string),
            sections,
            numbered: true,
        }
    }

    fn read(text: &str) -> Result<Lock, Diagnostic> {
        let mut diags = Vec::new();
        let node = crate::yaml::parse(FileId(0), text, &mut diags).unwrap();
        decode(FileId(0), &node)
    }

    #[test]
    fn round_trip_keeps_every_release() {
        let mut lock = Lock::default();
        let mut doc = LockedDocument::new(release(
            "1.9",
            None,
            vec![section("backup", Some("2.1"), &["backups / daily / generations: 7"])],
        ));
        doc.releases.push(release(
            "1.10",
            Some("2024-12-01"),
            vec![section("backup", Some("3"), &["backups / daily / generations: 14", "body: a: b \\ c"])],
        ));
        doc.removed = [("old-section".to_string(), "旧: \"見出し\"".to_string())].into();
        lock.documents.insert("doc".into(), doc);
        let text = lock.render();
        let back = read(&text).unwrap();
        let (a, b) = (&lock.documents["doc"], &back.documents["doc"]);
        assert_eq!((&a.releases, &a.removed), (&b.releases, &b.removed));
        assert_eq!(b.latest().version, "1.10");
        assert_eq!(b.release("1.9").unwrap().sections[0].number.as_deref(), Some("2.1"));
        // Rendering is stable: the same lock, the same bytes.
        assert_eq!(back.render(), text);
    }

    #[test]
    fn format_1_entries_keep_their_words_when_written_back() {
        let text = "documents:\n  doc:\n    version: \"1\"\n    date: 2024-01-01\n    sections:\n      - id: \"s\"\n        title: \"S\"\n        fingerprint: 0011\n        facts:\n          - \"data deletion / 1 / after: ContractEnd\"\n";
        let lock = read(text).unwrap();
        let entry = lock.documents["doc"].latest();
        assert_eq!(entry.words, Words::Format1);
        assert!(!entry.comparable(), "no section numbers before format 3");
        assert_eq!(entry.sections[0].facts, ["data deletion / 1 / after: ContractEnd"]);
        // Written back: format 3, the release still in format 1's words.
        let written = lock.render();
        assert!(written.contains("\nformat: 3\n") && written.contains("        words: 1\n"), "{written}");
        let (a, b) = (read(&written).unwrap().documents["doc"].latest().clone(), entry.clone());
        assert_eq!((a.words, &a.version, &a.sections), (b.words, &b.version, &b.sections));
        // Still without numbers once the file is format 3: never compared.
        assert!(written.contains("        numbered: false\n") && !a.comparable(), "{written}");
    }

    #[test]
    fn a_newer_format_is_refused_with_a_reason() {
        let e = read("format: 4\ndocuments: {}\n").unwrap_err();
        assert_eq!(e.code, Code::LockUnreadable);
        assert!(e.message.contains("newer"), "{}", e.message);
        // A format 2 entry without `words:` is in format 2's words; facts are
        // never rewritten.
        let text = "format: 2\ndocuments:\n  d:\n    version: \"1\"\n    date: 2024-01-01\n    sections:\n      - id: \"s\"\n        title: \"S\"\n        fingerprint: 00\n        facts:\n          - \"x / after: ContractEnd\"\n";
        assert_eq!(read(text).unwrap().documents["d"].latest().sections[0].facts, ["x / after: ContractEnd"]);
        let e = read("format: 3\ndocuments:\n  d:\n    releases: []\n").unwrap_err();
        assert!(e.message.contains("empty"), "{}", e.message);
    }
}
