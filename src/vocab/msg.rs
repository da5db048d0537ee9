//! Messages in the languages kiyaku speaks to its users.
//!
//! Every message has English text; most have Japanese too, written next to
//! the English with [`msg!`](crate::msg). Which one is shown is chosen when
//! a diagnostic is printed ([`Msg::get`]), never when it is made, so one
//! run's findings can go to a Japanese terminal and to English JSON alike.

use std::fmt;

use super::Lang;

/// One message: English, and Japanese where it was written.
///
/// Both texts share one allocation (English first, then Japanese from
/// `split`), so a diagnostic stays as small as it was with English alone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Msg {
    text: Box<str>,
    /// Where the Japanese starts; the text's length when there is none.
    split: usize,
}

impl Msg {
    /// The same message in English and Japanese.
    pub fn both(en: impl Into<String>, ja: impl AsRef<str>) -> Msg {
        let mut text = en.into();
        let split = text.len();
        text.push_str(ja.as_ref());
        Msg { text: text.into(), split }
    }

    /// The English text (what tests compare).
    pub fn en(&self) -> &str {
        &self.text[..self.split]
    }

    fn ja(&self) -> Option<&str> {
        Some(&self.text[self.split..]).filter(|t| !t.is_empty())
    }

    /// The message in `lang`; English where no Japanese was written.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => self.ja().unwrap_or(self.en()),
            Lang::En => self.en(),
        }
    }
}

impl From<String> for Msg {
    fn from(en: String) -> Msg {
        let split = en.len();
        Msg { text: en.into(), split }
    }
}

impl From<&str> for Msg {
    fn from(en: &str) -> Msg {
        Msg::from(en.to_string())
    }
}

impl From<&String> for Msg {
    fn from(en: &String) -> Msg {
        Msg::from(en.clone())
    }
}

impl std::ops::Deref for Msg {
    type Target = str;
    fn deref(&self) -> &str {
        self.en()
    }
}

impl PartialEq<str> for Msg {
    fn eq(&self, other: &str) -> bool {
        self.en() == other
    }
}

impl PartialEq<&str> for Msg {
    fn eq(&self, other: &&str) -> bool {
        self.en() == *other
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.en())
    }
}

/// A [`Msg`] in English and Japanese, each a `format!` string:
/// `msg!("unknown key `{key}`", "不明なキー `{key}`")`.
#[macro_export]
macro_rules! msg {
    ($en:literal, $ja:literal $(, $arg:expr)* $(,)?) => {
        $crate::vocab::Msg::both(format!($en $(, $arg)*), format!($ja $(, $arg)*))
    };
}

/// A list written out in each language: `a, b` and `a、b`.
pub(crate) fn joined<S: AsRef<str>>(items: &[S]) -> (String, String) {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    (items.join(", "), items.join("、"))
}

/// The language messages are shown in: `--message-lang`, else the site's
/// language, else `LANG` (for a run that stops before the site is read).
pub fn message_lang(flag: Option<Lang>, site: Option<Lang>, env_lang: Option<&str>) -> Lang {
    flag.or(site).unwrap_or_else(|| match env_lang {
        Some(l) if l.to_ascii_lowercase().starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_english() {
        let m = Msg::from("only English");
        assert_eq!(m.get(Lang::Ja), "only English");
        let k = "x";
        let both = crate::msg!("unknown `{k}`", "不明な `{k}`");
        assert_eq!(both.get(Lang::Ja), "不明な `x`");
        assert_eq!(both.get(Lang::En), "unknown `x`");
    }

    #[test]
    fn flag_then_site_then_environment() {
        assert_eq!(message_lang(Some(Lang::En), Some(Lang::Ja), Some("ja_JP.UTF-8")), Lang::En);
        assert_eq!(message_lang(None, Some(Lang::Ja), Some("C")), Lang::Ja);
        assert_eq!(message_lang(None, None, Some("ja_JP.UTF-8")), Lang::Ja);
        assert_eq!(message_lang(None, None, None), Lang::En);
    }
}
