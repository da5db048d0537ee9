//! Source files and byte spans into them.
//!
//! Every file a diagnostic can point at (content YAML, site settings,
//! templates) is registered here once; spans are byte ranges into the stored
//! text, and line/column numbers are computed only when a diagnostic is shown.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// Characters kiyaku reserves to tag text with where it came from while
/// it passes through templates (the first three are in use). Text that
/// contains them is refused when read, so no file can forge an origin.
pub const RESERVED: std::ops::RangeInclusive<char> = '\u{F0000}'..='\u{F000F}';

/// The first reserved character in `text` and its byte offset: written as
/// itself, or as a Markdown/HTML character reference (`&#xF0001;`,
/// `&#983041;`) that the Markdown reader would turn into it.
pub fn find_reserved(text: &str) -> Option<(usize, char)> {
    let raw = text.char_indices().find(|(_, c)| RESERVED.contains(c));
    let reference = text.match_indices("&#").find_map(|(at, _)| {
        let rest = text.get(at + 2..)?;
        let (digits, radix) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (rest, 10),
        };
        let len = digits.find(';')?;
        let value = u32::from_str_radix(digits.get(..len)?, radix).ok()?;
        let c = char::from_u32(value)?;
        RESERVED.contains(&c).then_some((at, c))
    });
    match (raw, reference) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// `text` with every reserved character, as itself or as a character
/// reference, replaced by U+FFFD.
pub fn without_reserved(text: &str) -> String {
    let mut out = text.to_string();
    while let Some((at, ch)) = find_reserved(&out) {
        let len = match out.get(at..).filter(|r| r.starts_with("&#")).and_then(|r| r.find(';')) {
            Some(semicolon) => semicolon + 1,
            None => ch.len_utf8(),
        };
        out.replace_range(at..at + len, "\u{FFFD}");
    }
    out
}

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span { file, start: range.start as u32, end: range.end as u32 }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both (same file assumed).
    pub fn join(self, other: Span) -> Span {
        if self.file != other.file {
            return self;
        }
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// A span of `len` bytes starting `offset` bytes into this one.
    /// Where Markdown in this span's `text` names `dest` — `](dest)`,
    /// `](dest "title")` or `<dest>` — that destination's span, else the
    /// whole span.
    pub fn of_destination(self, text: &str, dest: &str) -> Span {
        for (open, ends) in [("](", &[')', ' ', '\t', '\n'][..]), ("<", &['>'][..])] {
            let written = format!("{open}{dest}");
            for (i, _) in text.match_indices(&written) {
                let after = text[i + written.len()..].chars().next();
                if after.is_some_and(|c| ends.contains(&c)) {
                    return self.sub(i + open.len(), dest.len());
                }
            }
        }
        self
    }

    pub fn sub(self, offset: usize, len: usize) -> Span {
        let start = (self.start as usize + offset).min(self.end as usize);
        let end = (start + len).min(self.end as usize).max(start);
        Span::new(self.file, start..end)
    }
}

/// A value together with the span it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// One registered file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown to the user: relative to the project root where possible.
    pub name: String,
    /// Absolute or root-relative path on disk (`None` for built-in templates).
    pub path: Option<PathBuf>,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(name: String, path: Option<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        SourceFile { name, path, text, line_starts }
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let col = self.text.get(start..offset).map(|s| s.chars().count()).unwrap_or(offset - start);
        (line + 1, col + 1)
    }

    pub fn line_range(&self, line_index: usize) -> Option<Range<usize>> {
        let start = *self.line_starts.get(line_index)?;
        let end = self.line_starts.get(line_index + 1).copied().unwrap_or(self.text.len());
        Some(start..end)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// All files of one build.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn new() -> Self {
        Sources::default()
    }

    /// The same files under other names (project-relative names made
    /// relative to where the user stands, for a terminal).
    pub fn renamed(&self, name: impl Fn(&str) -> String) -> Sources {
        let mut out = self.clone();
        for f in &mut out.files {
            f.name = name(&f.name);
        }
        out
    }

    pub fn add(&mut self, name: impl Into<String>, path: Option<&Path>, text: String) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile::new(name.into(), path.map(Path::to_path_buf), text));
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn try_get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn name(&self, id: FileId) -> &str {
        &self.get(id).name
    }

    pub fn text(&self, span: Span) -> &str {
        self.get(span.file).text.get(span.range()).unwrap_or("")
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Sources {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.try_get(id).map(|f| f.name.as_str()).ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.try_get(id).map(|f| f.text.as_str()).ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        let f = self.try_get(id).ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(f.line_index(byte_index.min(f.text.len())))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let f = self.try_get(id).ok_or(codespan_reporting::files::Error::FileMissing)?;
        f.line_range(line_index).ok_or(codespan_reporting::files::Error::LineTooLarge {
            given: line_index,
            max: f.line_count().saturating_sub(1),
        })
    }
}
