//! Percentages with a bound (`>= 99.9%`).

use super::{Lang, ParseError, normalize_width};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PercentBound {
    Exact,
    AtLeast,
    AtMost,
    /// Strictly below (`< 99.9%`, `99.9%未満`): the open end of a band.
    Below,
    /// Strictly above (`> 99%`, `99%超`).
    Above,
}

/// A percentage such as `99.95%` or `>= 99.99%`.
#[derive(Clone, Debug, PartialEq)]
pub struct Percent {
    pub value: f64,
    /// The number as written (`99.99`), for display without float noise.
    pub text: String,
    pub bound: PercentBound,
}

impl Percent {
    pub fn parse(input: &str) -> Result<Percent, ParseError> {
        let s = normalize_width(input);
        let mut s = s.trim().to_string();
        let hint = || {
            crate::msg!(
                "write a percentage such as `99.9%`, `>= 99.99%` or `99.99%以上`",
                "`99.9%`、`99.99%以上`、`>= 99.99%` のように百分率を書いてください"
            )
        };
        let written = input.trim();
        let mut bound = PercentBound::Exact;
        for (p, b) in [
            (">=", PercentBound::AtLeast),
            ("≥", PercentBound::AtLeast),
            ("<=", PercentBound::AtMost),
            ("≤", PercentBound::AtMost),
            ("<", PercentBound::Below),
            (">", PercentBound::Above),
        ] {
            if let Some(r) = s.strip_prefix(p) {
                bound = b;
                s = r.trim().to_string();
            }
        }
        for (p, b) in [
            ("以上", PercentBound::AtLeast),
            ("以下", PercentBound::AtMost),
            ("or more", PercentBound::AtLeast),
            ("or less", PercentBound::AtMost),
            ("未満", PercentBound::Below),
            ("超", PercentBound::Above),
        ] {
            if let Some(r) = s.strip_suffix(p) {
                bound = b;
                s = r.trim().to_string();
            }
        }
        let Some(num) = s.strip_suffix('%') else {
            return Err(ParseError::new(crate::msg!(
                "`{written}` is not a percentage: it needs a `%`",
                "`{written}` は百分率として解釈できません（`%` が必要です）"
            ))
            .hint(hint()));
        };
        let num = num.trim();
        let valid = !num.is_empty()
            && num.chars().all(|c| c.is_ascii_digit() || c == '.')
            && num.matches('.').count() <= 1
            && !num.starts_with('.')
            && !num.ends_with('.');
        if !valid {
            return Err(ParseError::new(crate::msg!(
                "`{written}` is not a percentage",
                "`{written}` は百分率として解釈できません"
            ))
            .hint(hint()));
        }
        let value: f64 = num
            .parse()
            .map_err(|_| ParseError::new(crate::msg!("bad number", "数値が正しくありません")).hint(hint()))?;
        Ok(Percent { value, text: num.to_string(), bound })
    }

    /// The lock's spelling (format 2), as written in YAML: `99.95%`,
    /// `>= 99.99%`, `<= 0.1%`. Never change it.
    pub fn canonical(&self) -> String {
        match self.bound {
            PercentBound::Exact => format!("{}%", self.text),
            PercentBound::AtLeast => format!(">= {}%", self.text),
            PercentBound::AtMost => format!("<= {}%", self.text),
            PercentBound::Below => format!("< {}%", self.text),
            PercentBound::Above => format!("> {}%", self.text),
        }
    }

    /// "99.99% 以上" / "at least 99.99%".
    pub fn render(&self, lang: Lang) -> String {
        match (lang, self.bound) {
            (_, PercentBound::Exact) => format!("{}%", self.text),
            (Lang::Ja, PercentBound::AtLeast) => format!("{}%以上", self.text),
            (Lang::Ja, PercentBound::AtMost) => format!("{}%以下", self.text),
            (Lang::En, PercentBound::AtLeast) => format!("at least {}%", self.text),
            (Lang::En, PercentBound::AtMost) => format!("at most {}%", self.text),
            (Lang::Ja, PercentBound::Below) => format!("{}%未満", self.text),
            (Lang::Ja, PercentBound::Above) => format!("{}%超", self.text),
            (Lang::En, PercentBound::Below) => format!("below {}%", self.text),
            (Lang::En, PercentBound::Above) => format!("above {}%", self.text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents() {
        let p = Percent::parse(">= 99.99%").unwrap();
        assert_eq!(p.bound, PercentBound::AtLeast);
        assert_eq!(p.render(Lang::Ja), "99.99%以上");
        assert_eq!(Percent::parse("99.9%").unwrap().value, 99.9);
        assert!(Percent::parse("99.9").is_err());
        assert!(Percent::parse("abc%").is_err());
        let band = Percent::parse("< 99.9%").unwrap();
        assert_eq!(
            (band.bound, band.render(Lang::Ja), band.canonical()),
            (PercentBound::Below, "99.9%未満".into(), "< 99.9%".into())
        );
        assert_eq!(Percent::parse("９９％超").unwrap().canonical(), "> 99%");
    }
}
