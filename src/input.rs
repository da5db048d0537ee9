//! Reading the project's own files, safely. Every file kiyaku reads goes
//! through [`read`]: the path is resolved through its links, checked
//! against where it may live, opened only if it is a regular file (so a
//! named pipe, a device or a socket can never block or flood a build), and
//! read up to a byte limit that does not trust the size the file system
//! reports.
//!
//! The link policy is the same for content, templates and the lock file:
//! a link that stays inside the project is followed; one that leaves it is
//! refused, and nothing of the target is read. Fonts named in `kiyaku.yaml`
//! may live anywhere (system fonts), but are still regular files only.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Sources, Span};

/// Where a file may live once its links are resolved.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Scope<'a> {
    /// Inside this folder (the project root).
    Inside(&'a Path),
    /// Anywhere: a file the user named explicitly in the settings.
    Anywhere,
}

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Not a regular file: what it is instead ("a named pipe", …).
    NotAFile(&'static str),
    /// Resolved through links to a place outside the project.
    OutsideProject,
    /// More bytes than the limit; `at_least` is what was seen.
    TooLarge {
        at_least: u64,
        limit: u64,
    },
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotAFile(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::OutsideProject => f.write_str("it is a link to a place outside the project"),
            ReadError::TooLarge { at_least, limit } => {
                write!(f, "it is larger than {limit} bytes (at least {at_least})")
            }
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// What kind of thing a file type is, in words.
fn describe(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() { "a folder" } else { "not a regular file" }
}

/// What [`describe`] said, as a Japanese noun; `None` for a type it has no
/// name for ("not a regular file").
fn describe_ja(what: &str) -> Option<&'static str> {
    match what {
        "a named pipe (FIFO)" => Some("名前付きパイプ（FIFO）"),
        "a device" => Some("デバイス"),
        "a socket" => Some("ソケット"),
        "a folder" => Some("フォルダー"),
        _ => None,
    }
}

/// Resolve `path` through every link and check it against `scope`.
pub(crate) fn resolve(path: &Path, scope: Scope) -> Result<PathBuf, ReadError> {
    let real = path.canonicalize().map_err(ReadError::Io)?;
    if let Scope::Inside(root) = scope {
        let root = root.canonicalize().map_err(ReadError::Io)?;
        if !real.starts_with(&root) {
            return Err(ReadError::OutsideProject);
        }
    }
    Ok(real)
}

/// Whether `path` (resolved) is a regular file inside `scope`; what it is
/// otherwise. Checked before opening, so a device is never even opened
/// (opening some has effects of its own).
fn check(path: &Path, scope: Scope) -> Result<PathBuf, ReadError> {
    let real = resolve(path, scope)?;
    let meta = std::fs::metadata(&real).map_err(ReadError::Io)?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotAFile(describe(&meta.file_type())));
    }
    Ok(real)
}

/// Open without blocking: opening a FIFO for reading would otherwise wait
/// for a writer for ever. The type is checked again on the open handle, so
/// a file swapped for a pipe after [`check`] is still refused.
fn open_regular(path: &Path) -> Result<File, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotAFile(describe(&meta.file_type())));
    }
    Ok(file)
}

/// Read at most `limit` bytes of the regular file at `path`, which must
/// resolve inside `scope`.
pub(crate) fn read(path: &Path, scope: Scope, limit: u64) -> Result<Vec<u8>, ReadError> {
    let real = check(path, scope)?;
    let file = open_regular(&real)?;
    // For the message only: the limit is enforced on the bytes read.
    let reported = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::new();
    // One byte more than the limit tells "exactly the limit" from "more".
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { at_least: reported.max(bytes.len() as u64), limit });
    }
    Ok(bytes)
}

/// Why a text file was not read.
#[derive(Debug)]
pub(crate) enum TextError {
    Read(ReadError),
    /// Not UTF-8: the text with replacement characters, and the offset of
    /// the first bad byte in it.
    NotUtf8 {
        lossy: String,
        at: usize,
    },
    /// Holds a character kiyaku reserves for itself (`source::RESERVED`):
    /// the text, and the offset of the first such character.
    Reserved {
        text: String,
        at: usize,
        ch: char,
    },
}

/// Read a project text file: UTF-8 (a BOM dropped, CRLF made LF). Links
/// must stay inside `root`.
pub(crate) fn read_text(path: &Path, root: &Path, limit: u64) -> Result<String, TextError> {
    let bytes = read(path, Scope::Inside(root), limit).map_err(TextError::Read)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            let text = if s.contains('\r') { s.replace("\r\n", "\n") } else { s.to_string() };
            match crate::source::find_reserved(&text) {
                Some((at, ch)) => Err(TextError::Reserved { text, at, ch }),
                None => Ok(text),
            }
        }
        // The first bad byte's offset in the lossy text equals `valid_up_to`.
        Err(e) => Err(TextError::NotUtf8 { lossy: String::from_utf8_lossy(bytes).into_owned(), at: e.valid_up_to() }),
    }
}

/// [`read_text`], registering the file in `sources` under `name` either
/// way, with a diagnostic against it when it could not be read.
pub(crate) fn read_source(
    path: &Path,
    name: &str,
    root: &Path,
    limit: u64,
    sources: &mut Sources,
) -> Result<FileId, Diagnostic> {
    match read_text(path, root, limit) {
        Ok(text) => Ok(sources.add(name, Some(path), text)),
        Err(e) => Err(text_diagnostic(e, name, path, sources)),
    }
}

/// Register a file that could not be read and say why.
pub(crate) fn text_diagnostic(e: TextError, name: &str, path: &Path, sources: &mut Sources) -> Diagnostic {
    match e {
        TextError::Read(e) => {
            let id = sources.add(name, Some(path), String::new());
            diagnostic(&e, Span::new(id, 0..0))
        }
        TextError::NotUtf8 { lossy, at } => {
            let id = sources.add(name, Some(path), lossy);
            Diagnostic::new(
                Code::NotUtf8,
                crate::msg!("file is not valid UTF-8", "ファイルが正しい UTF-8 ではありません"),
            )
            .at(Span::new(id, at..at + '\u{FFFD}'.len_utf8()), crate::msg!("invalid byte here", "不正なバイト"))
            .hint(crate::msg!(
                "kiyaku reads UTF-8 only; if the file was saved as Shift_JIS, save it again as UTF-8",
                "kiyaku が読むのは UTF-8 だけです。Shift_JIS で保存したファイルは、UTF-8 で保存し直してください"
            ))
        }
        TextError::Reserved { text, at, ch } => {
            let len =
                if text[at..].starts_with("&#") { text[at..].find(';').map_or(1, |i| i + 1) } else { ch.len_utf8() };
            let id = sources.add(name, Some(path), text);
            Diagnostic::reserved_character(Span::new(id, at..at + len), ch)
        }
    }
}

/// The diagnostic for a file that was not read. It never shows what a
/// link points at: in CI logs of an untrusted change that would leak it.
pub(crate) fn diagnostic(e: &ReadError, at: Span) -> Diagnostic {
    match e {
        ReadError::NotAFile(what) => {
            let en = format!("this path is {what}, not a regular file");
            let message = match describe_ja(what) {
                Some(ja) => crate::diag::Msg::both(en, format!("このパスは{ja}で、通常のファイルではありません")),
                None => crate::diag::Msg::both(en, "このパスは通常のファイルではありません"),
            };
            Diagnostic::new(Code::NotAFile, message).at(at, crate::msg!("not a file", "ファイルではないパス")).hint(
                crate::msg!(
                    "kiyaku reads regular files only; replace it with a file, or move it out of the project",
                    "kiyaku が読むのは通常のファイルだけです。ファイルに置き換えるか、プロジェクトの外へ移してください"
                ),
            )
        }
        ReadError::OutsideProject => Diagnostic::new(
            Code::LinkOutsideProject,
            crate::msg!("this is a link to a place outside the project", "これはプロジェクトの外を指すリンクです"),
        )
        .at(at, crate::msg!("leads outside the project", "プロジェクトの外へのリンク"))
        .hint(crate::msg!(
            "links are followed only inside the project; copy the file into the project instead",
            "リンクはプロジェクトの中でだけたどられます。代わりにファイルをプロジェクトの中にコピーしてください"
        )),
        ReadError::TooLarge { at_least, limit } => Diagnostic::new(
            Code::FileTooLarge,
            crate::msg!(
                "file is {:.1} MB; kiyaku reads files of up to {} MB",
                "ファイルが {:.1} MB あります。kiyaku が読むファイルは {} MB までです",
                *at_least as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
        )
        .at(at, crate::msg!("too large", "大きすぎるファイル"))
        .hint(crate::msg!("split the content into several files", "内容を複数のファイルに分けてください")),
        ReadError::Io(io) => Diagnostic::new(
            Code::FileUnreadable,
            crate::msg!("cannot read this file: {io}", "このファイルを読めません: {io}"),
        )
        .at(at, crate::msg!("unreadable", "読めないファイル"))
        .hint(crate::msg!(
            "check that the file exists and that you may read it",
            "ファイルが存在し、読み取る権限があることを確認してください"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read(&p, Scope::Inside(dir.path()), 5).unwrap(), b"12345");
        assert!(matches!(read(&p, Scope::Inside(dir.path()), 4), Err(ReadError::TooLarge { at_least: 5, limit: 4 })));
        assert!(matches!(read(dir.path(), Scope::Anywhere, 4), Err(ReadError::NotAFile("a folder"))));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_links_out_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero.yaml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(read(&zero, Scope::Anywhere, 1 << 20), Err(ReadError::NotAFile("a device"))));
        assert!(matches!(read(&zero, Scope::Inside(dir.path()), 1 << 20), Err(ReadError::OutsideProject)));
        let inside = dir.path().join("b.yaml");
        std::fs::write(dir.path().join("real.yaml"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real.yaml"), &inside).unwrap();
        assert_eq!(read(&inside, Scope::Inside(dir.path()), 10).unwrap(), b"x");
    }
}
