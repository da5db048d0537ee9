//! Whole-number counts, or "unlimited": `8`, `1,000`, `８`, `unlimited`, `無制限`.

use super::{Lang, ParseError, normalize_width};
use crate::vocab::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Count {
    Finite(u64),
    Unlimited,
}

fn hint() -> Msg {
    crate::msg!(
        "write a whole number (`8`, `1,000`) or `unlimited` (`無制限`)",
        "整数（`8`、`1,000`）または `無制限`（`unlimited`）と書いてください"
    )
}

/// The largest count accepted: beyond it a figure is a typo, not a promise.
const MAX: u64 = 1_000_000_000_000;

impl Count {
    pub fn parse(input: &str) -> Result<Count, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let lower = s.to_lowercase();
        if matches!(lower.as_str(), "unlimited" | "no limit" | "無制限" | "無制限に") {
            return Ok(Count::Unlimited);
        }
        if s.is_empty() {
            return Err(ParseError::new(crate::msg!("empty count", "件数が空です")).hint(hint()));
        }
        let grouped = s.contains(',');
        let digits: String = s.chars().filter(|c| *c != ',').collect();
        let valid = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
        if !valid {
            let msg = if s.contains('.') {
                crate::msg!("`{s}`: a count is a whole number", "`{s}`: 件数は整数で書きます")
            } else {
                crate::msg!("`{s}` is not a count", "`{s}` は件数として解釈できません")
            };
            return Err(ParseError::new(msg).hint(hint()));
        }
        // "1,000" yes, "1,00" no: a misplaced comma is a typo.
        let mut groups = s.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if grouped && !(first_ok && groups.all(|g| g.len() == 3)) {
            return Err(ParseError::new(crate::msg!(
                "`{s}`: digits are grouped in threes",
                "`{s}`: 桁区切りのカンマは3桁ごとに入れます"
            ))
            .hint(hint()));
        }
        match digits.parse::<u64>() {
            Ok(n) if n <= MAX => Ok(Count::Finite(n)),
            _ => Err(ParseError::new(crate::msg!("`{s}` is too large for a count", "`{s}` は件数として大きすぎます"))
                .hint(crate::msg!("check the number for a typo", "数値に誤りがないか確認してください"))),
        }
    }

    /// As written in YAML: `8`, `unlimited`. The lock keeps it: never change it.
    pub fn canonical(&self) -> String {
        match self {
            Count::Finite(n) => n.to_string(),
            Count::Unlimited => "unlimited".into(),
        }
    }

    /// "8名" / "8 contacts", "無制限" / "unlimited". `unit` is the unit in
    /// `lang`; `unit_one`, English only, the singular for a count of one.
    pub fn render(&self, lang: Lang, unit: Option<&str>, unit_one: Option<&str>) -> String {
        let n = match self {
            Count::Unlimited => {
                return match lang {
                    Lang::Ja => "無制限".into(),
                    Lang::En => "unlimited".into(),
                };
            }
            Count::Finite(n) => *n,
        };
        let figure = group_thousands(&n.to_string());
        let unit = match (n, unit_one) {
            (1, Some(one)) => Some(one),
            _ => unit,
        };
        match unit.map(str::trim).filter(|u| !u.is_empty()) {
            None => figure,
            // A unit in Japanese script follows the figure directly (8名).
            Some(u) if u.chars().next().is_some_and(crate::cjk::is_wide) => format!("{figure}{u}"),
            Some(u) => format!("{figure} {u}"),
        }
    }
}

/// "1000000" → "1,000,000"; the digits after a decimal point are left alone.
pub(super) fn group_thousands(digits: &str) -> String {
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::new();
    let len = int.chars().count();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(Count::parse("8").unwrap(), Count::Finite(8));
        assert_eq!(Count::parse("８").unwrap(), Count::Finite(8));
        assert_eq!(Count::parse("1,000").unwrap(), Count::Finite(1000));
        assert_eq!(Count::parse("無制限").unwrap(), Count::Unlimited);
        assert_eq!(Count::parse("Unlimited").unwrap(), Count::Unlimited);
        for bad in ["", "1.5", "-3", "eight", "1,00", "1000,000", ",000", "99999999999999999999"] {
            assert!(Count::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rendering() {
        let eight = Count::Finite(8);
        assert_eq!(eight.render(Lang::Ja, Some("名"), None), "8名");
        assert_eq!(eight.render(Lang::En, Some("contacts"), Some("contact")), "8 contacts");
        assert_eq!(Count::Finite(1).render(Lang::En, Some("contacts"), Some("contact")), "1 contact");
        assert_eq!(Count::Finite(12000).render(Lang::En, None, None), "12,000");
        assert_eq!(Count::Unlimited.render(Lang::Ja, Some("件"), None), "無制限");
        assert_eq!(group_thousands("1234567.50"), "1,234,567.50");
    }
}
