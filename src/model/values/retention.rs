//! How long something is kept: a duration, or the contract term plus a margin.

use super::{Duration, Lang, ParseError, normalize_width};

/// How long something is kept: a fixed duration, or for as long as the
/// contract runs (optionally plus a period after it ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Retention {
    For(Duration),
    ContractTerm { plus: Option<Duration> },
}

impl Retention {
    pub fn parse(input: &str) -> Result<Retention, ParseError> {
        let s = normalize_width(input);
        let s = s.trim();
        let lower = s.to_lowercase();
        let hint = || {
            crate::msg!(
                "write a duration (`90 days`), `contract term`, or `contract term + 30 days`",
                "期間（`90日`）、`契約期間`、または `契約期間 + 30日` と書いてください（英語では `90 days`、`contract term`、`contract term + 30 days`）"
            )
        };
        let (head, tail) = match lower.split_once('+') {
            Some((h, t)) => (h.trim().to_string(), Some(t.trim().to_string())),
            None => (lower.clone(), None),
        };
        let is_term = matches!(
            head.as_str(),
            "contract term"
                | "contract-term"
                | "contract"
                | "for the contract term"
                | "契約期間"
                | "契約期間中"
                | "ご契約期間中"
        );
        if is_term {
            let plus = match tail {
                Some(t) => Some(Duration::parse(&t).map_err(|e| e.hint(hint()))?),
                None => None,
            };
            return Ok(Retention::ContractTerm { plus });
        }
        Duration::parse(s).map(Retention::For).map_err(|e| ParseError::new(e.message).hint(hint()))
    }

    /// How long after the contract ends this is still kept, in clock minutes
    /// (upper bound); `None` if that cannot be known without a calendar.
    pub fn after_contract_end_max_minutes(&self) -> Option<u64> {
        match self {
            Retention::For(d) => d.max_clock_minutes(),
            Retention::ContractTerm { plus: None } => Some(0),
            Retention::ContractTerm { plus: Some(d) } => d.max_clock_minutes(),
        }
    }

    /// The lock's spelling (format 2), as written in YAML: `90 days`,
    /// `contract term`, `contract term + 30 days`. Never change it.
    pub fn canonical(&self) -> String {
        match self {
            Retention::For(d) => d.canonical(),
            Retention::ContractTerm { plus: None } => "contract term".into(),
            Retention::ContractTerm { plus: Some(d) } => format!("contract term + {}", d.canonical()),
        }
    }

    /// How long after the contract ends this is kept at the least, in clock
    /// minutes, for business time too: a business day lasts at least a day,
    /// a business hour at least an hour, whatever the calendar.
    pub fn after_contract_end_min_minutes(&self) -> Option<u64> {
        let at_least = |d: &Duration| Duration { basis: super::Basis::Clock, ..*d }.min_clock_minutes();
        match self {
            Retention::For(d) => at_least(d),
            Retention::ContractTerm { plus: None } => Some(0),
            Retention::ContractTerm { plus: Some(d) } => at_least(d),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Retention::For(d), _) => d.render(lang),
            (Retention::ContractTerm { plus: None }, Lang::Ja) => "ご契約期間中".into(),
            (Retention::ContractTerm { plus: None }, Lang::En) => "for the contract term".into(),
            (Retention::ContractTerm { plus: Some(d) }, Lang::Ja) => {
                format!("ご契約期間中および終了後{}", d.render(lang))
            }
            (Retention::ContractTerm { plus: Some(d) }, Lang::En) => {
                format!("for the contract term and {} after", d.render(lang))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention() {
        assert_eq!(Retention::parse("contract term").unwrap(), Retention::ContractTerm { plus: None });
        assert!(matches!(Retention::parse("90 days").unwrap(), Retention::For(_)));
        assert!(matches!(
            Retention::parse("contract term + 30 days").unwrap(),
            Retention::ContractTerm { plus: Some(_) }
        ));
    }
}
