//! `content/kiyaku.lock`: for each released document, its version, date and
//! the facts and fingerprint of each section. Written by `kiyaku release`
//! in a stable order (documents by id, sections in document order), one
//! fact per line, so a release shows as a small diff in version control.
//!
//! The format is versioned (`format:`). Version 2 writes every value in the
//! words of the YAML it came from (`after: contract-end`); version 1, which
//! had no `format:` line, wrote some as Rust names (`after: ContractEnd`)
//! and is migrated when read, so documents released with it still compare
//! equal. The next `kiyaku release` writes version 2.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use crate::yaml::{Node, NodeKind};

/// The lock format this kiyaku writes.
pub(crate) const FORMAT: u32 = 2;

/// Version 1's spellings of events, and the words that replace them.
const V1_EVENTS: &[(&str, &str)] =
    &[("ContractEnd", "contract-end"), ("Request", "request"), ("TicketClosed", "ticket-closed")];

/// A version 1 fact in version 2's words.
fn migrate_v1_fact(fact: &str) -> String {
    // Only the two facts that held an event: `data deletion / <n> / after`
    // and `retention / <id> / after`, three path segments each.
    let event_path = |path: &str| {
        let parts: Vec<&str> = path.split(" / ").collect();
        matches!(parts.as_slice(), ["data deletion" | "retention", _, "after"])
    };
    if let Some((path, value)) = fact.split_once(": ")
        && event_path(path)
        && let Some((_, word)) = V1_EVENTS.iter().find(|(old, _)| *old == value)
    {
        return format!("{path}: {word}");
    }
    fact.to_string()
}

/// Bring a section read from a version 1 file to version 2. Its fingerprint
/// is recomputed only if it was the fingerprint of what the file says, so
/// a hand-edited entry still shows as changed.
fn migrate_v1_section(s: &mut LockedSection) {
    let migrated: Vec<String> = s.facts.iter().map(|f| migrate_v1_fact(f)).collect();
    if migrated != s.facts {
        if s.fingerprint == super::facts::fingerprint(&s.facts) {
            s.fingerprint = super::facts::fingerprint(&migrated);
        }
        s.facts = migrated;
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LockedSection {
    pub id: String,
    pub title: String,
    pub fingerprint: String,
    pub facts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LockedDocument {
    pub version: String,
    pub date: String,
    pub sections: Vec<LockedSection>,
    /// Sections removed in earlier releases: id → last released title, so
    /// a revision history can still name them.
    pub removed: BTreeMap<String, String>,
    /// Where the entry is in the lock file.
    pub span: Span,
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
            out.push_str(&format!(
                "  {id}:\n    version: {}\n    date: {}\n    sections:\n",
                quote(&d.version),
                d.date
            ));
            for s in &d.sections {
                out.push_str(&format!(
                    "      - id: {}\n        title: {}\n        fingerprint: {}\n        facts:\n",
                    quote(&s.id),
                    quote(&s.title),
                    s.fingerprint
                ));
                for f in &s.facts {
                    out.push_str(&format!("          - {}\n", quote(f)));
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

fn bad(node: &Node, what: &str) -> Diagnostic {
    Diagnostic::new(Code::LockUnreadable, format!("kiyaku.lock: {what}"))
        .at(node.head_span(), "unexpected here")
        .hint("the lock file is written by `kiyaku release`; restore it from version control rather than editing it")
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
            Some(0) => return Err(bad(&f.value, "`format: 0` is not a format kiyaku ever wrote")),
            Some(n) => {
                return Err(Diagnostic::new(
                    Code::LockUnreadable,
                    format!("kiyaku.lock is in format {n}, newer than this kiyaku reads (format {FORMAT})"),
                )
                .at(f.value.head_span(), "written by a newer kiyaku")
                .hint("upgrade kiyaku to the version your team releases with"));
            }
            None => return Err(bad(&f.value, "`format` is not a format number")),
        },
    };
    let docs = node.get("documents").ok_or_else(|| bad(node, "no `documents:`"))?;
    let Some(entries) = docs.value.as_map() else {
        return if docs.value.kind == NodeKind::Null {
            Ok(lock)
        } else {
            Err(bad(&docs.value, "`documents` is not a mapping"))
        };
    };
    for e in entries {
        let d = &e.value;
        let get = |k: &str| {
            d.get(k).and_then(|x| scalar(&x.value)).ok_or_else(|| bad(d, &format!("document `{}` has no `{k}`", e.key)))
        };
        let version = get("version")?;
        let date = get("date")?;
        let mut sections = Vec::new();
        let list = d.get("sections").ok_or_else(|| bad(d, "no `sections`"))?;
        let NodeKind::Seq(items) = &list.value.kind else { return Err(bad(&list.value, "`sections` is not a list")) };
        for s in items {
            let get = |k: &str| {
                s.get(k).and_then(|x| scalar(&x.value)).ok_or_else(|| bad(s, &format!("a section has no `{k}`")))
            };
            let facts = match s.get("facts").map(|f| &f.value.kind) {
                Some(NodeKind::Seq(f)) => f.iter().filter_map(scalar).collect(),
                Some(NodeKind::Null) | None => Vec::new(),
                Some(_) => return Err(bad(s, "`facts` is not a list")),
            };
            let mut section =
                LockedSection { id: get("id")?, title: get("title")?, fingerprint: get("fingerprint")?, facts };
            if format == 1 {
                migrate_v1_section(&mut section);
            }
            sections.push(section);
        }
        let mut removed = BTreeMap::new();
        match d.get("removed").map(|r| &r.value) {
            None => {}
            Some(r) if r.kind == NodeKind::Null => {}
            Some(r) => {
                let entries = r.as_map().ok_or_else(|| bad(r, "`removed` is not a mapping"))?;
                for x in entries {
                    let title =
                        scalar(&x.value).ok_or_else(|| bad(&x.value, "a removed section's title is not text"))?;
                    removed.insert(x.key.clone(), title);
                }
            }
        }
        lock.documents.insert(e.key.clone(), LockedDocument { version, date, sections, removed, span: e.key_span });
    }
    Ok(lock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut lock = Lock::default();
        lock.documents.insert(
            "doc".into(),
            LockedDocument {
                version: "1.10".into(),
                date: "2024-10-31".into(),
                sections: vec![LockedSection {
                    id: "backup".into(),
                    title: "バックアップ \"状況\"".into(),
                    fingerprint: "0011223344556677".into(),
                    facts: vec!["backups / daily / generations: 7".into(), "body: a: b \\ c".into()],
                }],
                removed: [("old-section".to_string(), "旧: \"見出し\"".to_string())].into(),
                span: Span::default(),
            },
        );
        let text = lock.render();
        let mut diags = Vec::new();
        let node = crate::yaml::parse(FileId(0), &text, &mut diags).unwrap();
        let back = decode(FileId(0), &node).unwrap();
        let (a, b) = (&lock.documents["doc"], &back.documents["doc"]);
        assert_eq!((&a.version, &a.date, &a.sections, &a.removed), (&b.version, &b.date, &b.sections, &b.removed));
    }

    fn read(text: &str) -> Result<Lock, Diagnostic> {
        let mut diags = Vec::new();
        let node = crate::yaml::parse(FileId(0), text, &mut diags).unwrap();
        decode(FileId(0), &node)
    }

    #[test]
    fn format_1_is_migrated_and_keeps_comparing_equal() {
        let v1_facts = ["data deletion / 1 / after: ContractEnd", "retention / t / after: TicketClosed", "title: x"];
        let v1_print = crate::lock::facts::fingerprint(&v1_facts.map(String::from));
        let text = format!(
            "documents:\n  doc:\n    version: \"1\"\n    date: 2024-01-01\n    sections:\n      - id: \"s\"\n        title: \"S\"\n        fingerprint: {v1_print}\n        facts:\n{}",
            v1_facts.iter().map(|f| format!("          - \"{f}\"\n")).collect::<String>()
        );
        let lock = read(&text).unwrap();
        let s = &lock.documents["doc"].sections[0];
        let v2 = ["data deletion / 1 / after: contract-end", "retention / t / after: ticket-closed", "title: x"];
        assert_eq!(s.facts, v2.map(String::from));
        assert_eq!(s.fingerprint, crate::lock::facts::fingerprint(&s.facts));
        // Written back, it is format 2 and reads the same.
        let again = read(&lock.render()).unwrap();
        assert!(lock.render().contains("\nformat: 2\n"));
        assert_eq!(again.documents["doc"].sections, lock.documents["doc"].sections);
    }

    #[test]
    fn a_newer_format_is_refused_with_a_reason() {
        let e = read("format: 3\ndocuments: {}\n").unwrap_err();
        assert_eq!(e.code, Code::LockUnreadable);
        assert!(e.message.contains("newer"), "{}", e.message);
        // Only event facts are: a criteria cell that reads `Request` stays.
        assert_eq!(migrate_v1_fact("criteria levels / a / after: Request"), "criteria levels / a / after: Request");
        assert_eq!(migrate_v1_fact("retention / tickets / after: Request"), "retention / tickets / after: request");
        // A format 2 file is not migrated: a value that looks like a
        // version 1 name is taken as written.
        let text = "format: 2\ndocuments:\n  d:\n    version: \"1\"\n    date: 2024-01-01\n    sections:\n      - id: \"s\"\n        title: \"S\"\n        fingerprint: 00\n        facts:\n          - \"x / after: ContractEnd\"\n";
        assert_eq!(read(text).unwrap().documents["d"].sections[0].facts, ["x / after: ContractEnd"]);
    }
}
