use serde::Serialize;

/// A language kiyaku has generated text (labels, units, dates) for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::Ja, Lang::En];

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "ja-jp" | "jpn" => Some(Lang::Ja),
            "en" | "en-us" | "en-gb" | "eng" => Some(Lang::En),
            _ => None,
        }
    }

    /// BCP 47 tag, as written in `lang` attributes and PDF metadata.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The language's name, in its own language ("日本語", "English").
    pub fn name(self) -> &'static str {
        self.name_in(self)
    }

    /// The language's name as written in `other` ("英語" in Japanese).
    pub fn name_in(self, other: Lang) -> &'static str {
        match (self, other) {
            (Lang::Ja, Lang::Ja) => "日本語",
            (Lang::Ja, Lang::En) => "Japanese",
            (Lang::En, Lang::Ja) => "英語",
            (Lang::En, Lang::En) => "English",
        }
    }
}
