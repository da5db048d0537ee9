//! Request targets to site paths.
//!
//! The site is held in memory, so no request can read a file outside it;
//! still, a target that would climb out of the site root on a file system
//! (`..`, encoded separators, backslashes, NUL bytes, drive letters) is
//! refused outright instead of being normalised into something else.

// Reads request targets from the network: nothing here may index and panic.
#![deny(clippy::indexing_slicing)]

/// Why a request target was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a path at all (`*`, `http://…`, broken percent-encoding).
    BadRequest,
    /// A path that tries to leave the site.
    Forbidden,
}

/// A target resolved inside the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitePath {
    /// `/`-separated, no leading slash; empty for the site root.
    pub path: String,
    /// The target ended with `/` (or was the root): a directory.
    pub dir: bool,
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn percent_decode(s: &str) -> Result<Vec<u8>, Refusal> {
    let mut bytes = s.bytes();
    let mut out = Vec::with_capacity(s.len());
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let (Some(h), Some(l)) = (bytes.next().and_then(hex), bytes.next().and_then(hex)) else {
                return Err(Refusal::BadRequest);
            };
            out.push(h * 16 + l);
        } else {
            out.push(b);
        }
    }
    Ok(out)
}

/// `path` with everything but unreserved characters and `/` percent-encoded.
pub(super) fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The path and query of a request target.
pub(super) fn split_query(target: &str) -> (&str, Option<&str>) {
    let target = target.split('#').next().unwrap_or("");
    match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    }
}

/// Resolve the path part of a request target.
pub fn resolve(target: &str) -> Result<SitePath, Refusal> {
    let (raw, _) = split_query(target);
    if !raw.starts_with('/') {
        return Err(Refusal::BadRequest);
    }
    // Separators and NUL must be written as themselves: an encoded one is
    // an attempt to slip past the segment check below.
    let lower = raw.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return Err(Refusal::Forbidden);
    }
    let decoded = String::from_utf8(percent_decode(raw)?).map_err(|_| Refusal::BadRequest)?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return Err(Refusal::Forbidden);
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Err(Refusal::Forbidden),
            // `C:`, `file:`: names no site file has, and absolute elsewhere.
            s if s.contains(':') => return Err(Refusal::Forbidden),
            s => segments.push(s),
        }
    }
    Ok(SitePath { dir: segments.is_empty() || decoded.ends_with('/'), path: segments.join("/") })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests may index what they built
mod tests {
    use super::*;

    fn ok(t: &str) -> (String, bool) {
        let p = resolve(t).unwrap_or_else(|e| panic!("{t}: {e:?}"));
        (p.path, p.dir)
    }

    #[test]
    fn plain_paths() {
        assert_eq!(ok("/"), (String::new(), true));
        assert_eq!(ok("/index.html"), ("index.html".into(), false));
        assert_eq!(ok("/doc/"), ("doc".into(), true));
        assert_eq!(ok("/doc/doc.pdf?x=1#p3"), ("doc/doc.pdf".into(), false));
        assert_eq!(ok("/%E8%A6%8F%E7%B4%84/"), ("規約".into(), true));
        assert_eq!(ok("/./a//b"), ("a/b".into(), false));
    }

    #[test]
    fn encoding_round_trips() {
        let p = "規約 v1/a b.pdf";
        assert_eq!(ok(&format!("/{}", percent_encode(p))), (p.into(), false));
        assert_eq!(percent_encode("doc/x.pdf"), "doc/x.pdf");
    }

    #[test]
    fn traversal_is_refused() {
        for t in [
            "/../etc/passwd",
            "/doc/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fetc%2fpasswd",
            "/doc%2F..%2F..%2Fetc",
            "/..\\etc\\passwd",
            "/%5c..%5cetc",
            "/C:/Windows/win.ini",
            "/index.html%00.pdf",
            "/a\0b",
        ] {
            assert_eq!(resolve(t), Err(Refusal::Forbidden), "{t}");
        }
    }

    #[test]
    fn non_paths_are_bad_requests() {
        for t in ["*", "http://example.com/", "/%zz", "/%E8%A6", "/%"] {
            assert_eq!(resolve(t), Err(Refusal::BadRequest), "{t}");
        }
    }
}
