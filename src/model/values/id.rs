//! Stable identifiers.

use std::fmt;

use super::ParseError;

/// A stable identifier: lowercase ASCII letters, digits, `-` and `_`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    pub fn parse(s: &str) -> Result<Id, ParseError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::new(crate::msg!("an id cannot be empty", "ID が空です")));
        }
        if s.len() > 80 {
            return Err(ParseError::new(crate::msg!("an id is at most 80 characters long", "ID は80文字までです")));
        }
        let ok = s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            let suggestion: String = s
                .chars()
                .map(|c| match c {
                    'A'..='Z' => c.to_ascii_lowercase(),
                    'a'..='z' | '0'..='9' | '-' | '_' => c,
                    _ => '-',
                })
                .collect();
            let suggestion = suggestion.trim_matches('-').to_string();
            let hint = if suggestion.is_empty() {
                crate::msg!(
                    "ids use lowercase ASCII letters, digits, `-` and `_`; write the title separately",
                    "ID には半角の英小文字、数字、`-`、`_` を使い、タイトルは別に書いてください"
                )
            } else {
                crate::msg!(
                    "ids use lowercase ASCII letters, digits, `-` and `_`, e.g. `{suggestion}`",
                    "ID には半角の英小文字、数字、`-`、`_` を使ってください（例: `{suggestion}`）"
                )
            };
            return Err(
                ParseError::new(crate::msg!("`{s}` is not a valid id", "`{s}` は ID として使えません")).hint(hint)
            );
        }
        if s.starts_with('-') || s.ends_with('-') {
            return Err(ParseError::new(crate::msg!(
                "`{s}`: an id cannot start or end with `-`",
                "`{s}`: ID の先頭と末尾には `-` を使えません"
            )));
        }
        Ok(Id(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(Id::parse("premium-support").is_ok());
        assert!(Id::parse("2").is_ok());
        let e = Id::parse("Premium Support").unwrap_err();
        assert_eq!(e.hint.unwrap(), "ids use lowercase ASCII letters, digits, `-` and `_`, e.g. `premium-support`");
    }
}
