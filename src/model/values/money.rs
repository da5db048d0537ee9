//! Amounts of money with an ISO 4217 currency: `50000 JPY`, `JPY 50,000`,
//! `50,000円`, `¥50,000`, `1,200.50 USD`.

use super::count::group_thousands;
use super::{Lang, ParseError, normalize_width};
use crate::vocab::Msg;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    /// The amount as written, without grouping commas: `50000`, `1200.50`.
    pub amount: String,
    /// ISO 4217 code, upper case: `JPY`.
    pub currency: String,
}

/// Whether a price includes consumption tax (or VAT), which a price must say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tax {
    Included,
    Excluded,
    /// No tax applies (a refund or a service credit, say).
    Exempt,
}

fn hint() -> Msg {
    crate::msg!(
        "write an amount and an ISO 4217 currency code: `50000 JPY`, `JPY 50,000`, `1,200.50 USD` (or `50,000円`)",
        "金額と ISO 4217 の通貨コードを書いてください: `50,000円`、`50000 JPY`、`JPY 50,000`、`1,200.50 USD`"
    )
}

impl Money {
    pub fn parse(input: &str) -> Result<Money, ParseError> {
        let s = normalize_width(input).replace('￥', "¥");
        let s = s.trim();
        let tax_words = ["税込", "税抜", "税別", "tax", "非課税"];
        if tax_words.iter().any(|w| s.to_lowercase().contains(w)) {
            let written = input.trim();
            return Err(ParseError::new(crate::msg!(
                "`{written}`: the tax is not part of the amount",
                "`{written}`: 税は金額に含めずに書きます"
            ))
            .hint(crate::msg!(
                "write the amount alone (`150,000円`) and the tax beside it: `tax: excluded` (税抜), `tax: included` (税込) or `tax: exempt`",
                "金額だけ（`150,000円`）を書き、税はその横に `tax: excluded`（税抜）、`tax: included`（税込）、`tax: exempt`（非課税）のいずれかで書いてください"
            )));
        }
        let (amount, currency) = if let Some(a) = s.strip_suffix('円').or_else(|| s.strip_prefix('¥')) {
            (a.trim(), "JPY".to_string())
        } else {
            let code_at_end = s.rsplit_once(' ').filter(|(_, c)| is_code(c));
            let code_at_start = s.split_once(' ').filter(|(c, _)| is_code(c)).map(|(c, a)| (a, c));
            match code_at_end.or(code_at_start) {
                Some((a, c)) => (a.trim(), c.to_string()),
                None => {
                    return Err(ParseError::new(crate::msg!(
                        "`{s}` has no currency code",
                        "`{s}` に通貨コードがありません"
                    ))
                    .hint(hint()));
                }
            }
        };
        let grouped = amount.contains(',');
        let plain: String = amount.chars().filter(|c| *c != ',').collect();
        let (int, frac) = match plain.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (plain.as_str(), None),
        };
        let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
        if !digits(int) || frac.is_some_and(|f| !digits(f)) {
            return Err(ParseError::new(crate::msg!(
                "`{s}` is not an amount of money",
                "`{s}` は金額として解釈できません"
            ))
            .hint(hint()));
        }
        let mut groups = amount.split('.').next().unwrap_or("").split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if grouped && !(first_ok && groups.all(|g| g.len() == 3)) {
            return Err(ParseError::new(crate::msg!(
                "`{s}`: digits are grouped in threes",
                "`{s}`: 桁区切りのカンマは3桁ごとに入れます"
            ))
            .hint(hint()));
        }
        if frac.is_some_and(|f| f.len() > 2) || (currency == "JPY" && frac.is_some()) {
            return Err(ParseError::new(crate::msg!(
                "`{s}`: too many decimals for {currency}",
                "`{s}`: `{currency}` としては小数の桁が多すぎます"
            ))
            .hint(crate::msg!(
                "yen amounts are whole numbers; other currencies take at most two decimals",
                "円の金額は整数で、その他の通貨は小数第2位までで書いてください"
            )));
        }
        if int.len() > 15 {
            return Err(ParseError::new(crate::msg!("`{s}` is too large an amount", "`{s}` は金額として大きすぎます"))
                .hint(crate::msg!("check the number for a typo", "数値に誤りがないか確認してください")));
        }
        if !CURRENCIES.contains(&currency.as_str()) {
            return Err(ParseError::new(crate::msg!(
                "`{currency}` is not an ISO 4217 currency code kiyaku knows",
                "`{currency}` は対応している ISO 4217 の通貨コードではありません"
            ))
            .hint(crate::msg!(
                "write a currency code such as JPY, USD, EUR, GBP, CNY",
                "`JPY`、`USD`、`EUR`、`GBP`、`CNY` などの通貨コードを書いてください"
            )));
        }
        // One spelling per amount: no leading zeros, two decimals or none.
        let int = int.trim_start_matches('0');
        let int = if int.is_empty() { "0" } else { int };
        let amount = match frac {
            Some(f) => format!("{int}.{f:0<2}"),
            None => int.to_string(),
        };
        Ok(Money { amount, currency })
    }

    /// As written in YAML: `50000 JPY`. The lock keeps it: never change it.
    pub fn canonical(&self) -> String {
        format!("{} {}", self.amount, self.currency)
    }

    /// "50,000円" / "JPY 50,000"; other currencies "1,200.50 USD" in Japanese.
    pub fn render(&self, lang: Lang) -> String {
        let n = group_thousands(&self.amount);
        match (lang, self.currency.as_str()) {
            (Lang::Ja, "JPY") => format!("{n}円"),
            (Lang::Ja, c) => format!("{n} {c}"),
            (Lang::En, c) => format!("{c} {n}"),
        }
    }
}

/// The currencies of ISO 4217 a service document plausibly prices in.
const CURRENCIES: [&str; 30] = [
    "JPY", "USD", "EUR", "GBP", "CNY", "KRW", "TWD", "HKD", "SGD", "AUD", "NZD", "CAD", "CHF", "SEK", "NOK", "DKK",
    "INR", "THB", "MYR", "IDR", "PHP", "VND", "BRL", "MXN", "ZAR", "AED", "SAR", "PLN", "CZK", "TRY",
];

fn is_code(c: &str) -> bool {
    c.len() == 3 && c.chars().all(|c| c.is_ascii_uppercase())
}

impl Tax {
    pub fn parse(s: &str) -> Option<Tax> {
        match s.trim() {
            "included" | "税込" | "内税" => Some(Tax::Included),
            "excluded" | "税抜" | "税別" | "外税" => Some(Tax::Excluded),
            "exempt" | "非課税" | "不課税" => Some(Tax::Exempt),
            _ => None,
        }
    }

    pub const WORDS: [&'static str; 3] = ["included", "excluded", "exempt"];

    pub fn word(self) -> &'static str {
        match self {
            Tax::Included => "included",
            Tax::Excluded => "excluded",
            Tax::Exempt => "exempt",
        }
    }

    /// What follows an amount: "（税込）" / " (incl. tax)"; nothing when exempt.
    pub fn suffix(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Tax::Included, Lang::Ja) => "（税込）",
            (Tax::Excluded, Lang::Ja) => "（税抜）",
            (Tax::Included, Lang::En) => " (incl. tax)",
            (Tax::Excluded, Lang::En) => " (excl. tax)",
            (Tax::Exempt, _) => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        for (input, canonical) in [
            ("50000 JPY", "50000 JPY"),
            ("JPY 50,000", "50000 JPY"),
            ("50,000円", "50000 JPY"),
            ("￥５０，０００", "50000 JPY"),
            ("1,200.50 USD", "1200.50 USD"),
            ("1200.5 USD", "1200.50 USD"),
            ("050000 JPY", "50000 JPY"),
        ] {
            assert_eq!(Money::parse(input).unwrap().canonical(), canonical, "{input}");
        }
        assert!(Money::parse("150,000円（税抜）").unwrap_err().message.contains("tax"));
        assert_eq!(Tax::parse("税抜"), Some(Tax::Excluded));
        for bad in ["50000", "50000 yen", "1.5 JPY", "1,20 USD", "abc USD", "1.234 EUR", "", ",000 JPY", "5 ABC"] {
            assert!(Money::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rendering() {
        let m = Money::parse("50000 JPY").unwrap();
        assert_eq!(format!("{}{}", m.render(Lang::Ja), Tax::Excluded.suffix(Lang::Ja)), "50,000円（税抜）");
        assert_eq!(format!("{}{}", m.render(Lang::En), Tax::Included.suffix(Lang::En)), "JPY 50,000 (incl. tax)");
        assert_eq!(Money::parse("1200.5 USD").unwrap().render(Lang::Ja), "1,200.50 USD");
    }
}
