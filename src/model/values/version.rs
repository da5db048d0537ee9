//! Document versions.

use std::cmp::Ordering;
use std::fmt;

use super::{ParseError, normalize_width};

/// A document version that compares numerically: `1.10 > 1.9`.
#[derive(Clone, Debug, Eq)]
pub struct Version {
    pub parts: Vec<u32>,
    /// As written, for display.
    pub text: String,
}

impl Version {
    pub fn parse(input: &str) -> Result<Version, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let hint = || {
            crate::msg!(
                "write versions as numbers separated by dots, e.g. `1.0`, `1.4`, `2.10`",
                "版は `1.0`、`1.4`、`2.10` のように、数字をドット（`.`）で区切って書いてください"
            )
        };
        let lower = s.to_lowercase();
        for prefix in ["ver.", "ver", "v"] {
            if lower.starts_with(prefix) && lower[prefix.len()..].starts_with(|c: char| c.is_ascii_digit()) {
                let (label, number) = s.split_at(prefix.len());
                return Err(ParseError::new(crate::msg!(
                    "`{s}`: write the version without the `{label}` prefix",
                    "`{s}`: 版には `{label}` を付けません"
                ))
                .hint(crate::msg!(
                    "write `{number}`; the label (版 / Version) is added when the document is rendered",
                    "`{number}` と書いてください。「版」の表記は文書を出力するときに付きます"
                )));
            }
        }
        if s.is_empty() {
            return Err(ParseError::new(crate::msg!("empty version", "版が空です")).hint(hint()));
        }
        let mut parts = Vec::new();
        for p in s.split('.') {
            if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 9 {
                return Err(ParseError::new(crate::msg!("`{s}` is not a version", "`{s}` は版として解釈できません"))
                    .hint(hint()));
            }
            parts.push(
                p.parse()
                    .map_err(|_| ParseError::new(crate::msg!("version part too large", "版の数値が大きすぎます")))?,
            );
        }
        Ok(Version { parts, text: s.to_string() })
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl std::hash::Hash for Version {
    /// Consistent with equality: trailing zero parts do not count.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let end = self.parts.iter().rposition(|p| *p != 0).map_or(0, |i| i + 1);
        self.parts[..end].hash(state);
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    /// Numeric, part by part; missing parts count as zero (`1 == 1.0`).
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        for i in 0..n {
            let a = self.parts.get(i).copied().unwrap_or(0);
            let b = other.parts.get(i).copied().unwrap_or(0);
            match a.cmp(&b) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        Ordering::Equal
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        let v = |s| Version::parse(s).unwrap();
        assert!(v("1.10") > v("1.9"));
        assert!(v("2") > v("1.99"));
        assert_eq!(v("1.0"), v("1"));
        assert_eq!(v("1.10").text, "1.10");
        assert!(Version::parse("Ver1.0").is_err());
        assert!(Version::parse("1..2").is_err());
        assert!(Version::parse("1.a").is_err());
    }
}
