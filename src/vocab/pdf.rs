//! The PDF standards a project's PDFs conform to (`pdf: standards:` in
//! `kiyaku.yaml`).

/// Which standards every PDF claims, and is checked against when written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PdfStandards {
    /// PDF/UA-1 (accessible).
    pub ua1: bool,
    /// A PDF/A part and level (archival), if any.
    pub archival: Option<Archival>,
}

impl Default for PdfStandards {
    /// PDF/UA-1 and PDF/A-2a: accessible and archival, as compliance
    /// documents handed to customers and kept for audits should be.
    fn default() -> Self {
        PdfStandards { ua1: true, archival: Some(Archival::A2a) }
    }
}

impl PdfStandards {
    /// The standards claimed, for messages ("PDF/UA-1 and PDF/A-2a"), or
    /// `None` when there are none.
    pub fn names(self) -> Option<String> {
        let names: Vec<&str> =
            self.ua1.then_some("PDF/UA-1").into_iter().chain(self.archival.map(Archival::name)).collect();
        (!names.is_empty()).then(|| names.join(" and "))
    }
}

/// A PDF/A conformance: part 2 or 3, level a (accessible), b (basic) or
/// u (text extractable as Unicode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Archival {
    A2a,
    A2b,
    A2u,
    A3a,
    A3b,
    A3u,
}

/// One entry of `standards:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PdfStandard {
    Ua1,
    A(Archival),
}

impl PdfStandard {
    /// The names `standards:` accepts, for hints.
    pub(crate) const NAMES: &'static [&'static str] = &["ua-1", "a-2a", "a-2b", "a-2u", "a-3a", "a-3b", "a-3u"];

    /// `ua-1`, `a-2a`, … (also `PDF/UA-1`, `pdf/a-2b`).
    pub(crate) fn parse(s: &str) -> Option<PdfStandard> {
        let s = s.trim().to_ascii_lowercase();
        let s = s.strip_prefix("pdf/").unwrap_or(&s);
        Some(match s {
            "ua-1" | "ua1" => PdfStandard::Ua1,
            "a-2a" => PdfStandard::A(Archival::A2a),
            "a-2b" => PdfStandard::A(Archival::A2b),
            "a-2u" => PdfStandard::A(Archival::A2u),
            "a-3a" => PdfStandard::A(Archival::A3a),
            "a-3b" => PdfStandard::A(Archival::A3b),
            "a-3u" => PdfStandard::A(Archival::A3u),
            _ => return None,
        })
    }
}

impl Archival {
    pub fn name(self) -> &'static str {
        match self {
            Archival::A2a => "PDF/A-2a",
            Archival::A2b => "PDF/A-2b",
            Archival::A2u => "PDF/A-2u",
            Archival::A3a => "PDF/A-3a",
            Archival::A3b => "PDF/A-3b",
            Archival::A3u => "PDF/A-3u",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse() {
        assert_eq!(PdfStandard::parse("PDF/UA-1"), Some(PdfStandard::Ua1));
        assert_eq!(PdfStandard::parse(" a-2B "), Some(PdfStandard::A(Archival::A2b)));
        assert_eq!(PdfStandard::parse("a-4"), None);
        for n in PdfStandard::NAMES {
            assert!(PdfStandard::parse(n).is_some(), "{n}");
        }
    }
}
