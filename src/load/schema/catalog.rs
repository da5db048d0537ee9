//! Decoders for site settings, providers, calendars, severity scales and
//! glossaries.

use std::path::PathBuf;

use crate::diag::{Code, Diagnostic};
use crate::load::decode::{Decode, DecodeCx};
use crate::load::json_schema;
use crate::model::values::{Date, Lang, ParseError, TimeRange, Weekday, normalize_width};
use crate::model::{
    Brand, Calendar, CalendarHours, Closure, Contact, Cover, Glossary, HolidaySet, Limits, PageSettings, Paper,
    Provider, SeverityLevel, SeverityScale, Site, Term, Text, UtcOffset,
};
use crate::source::Spanned;
use crate::vocab::{PdfStandard, PdfStandards};
use crate::yaml::{Node, NodeKind};

pub(crate) fn site(node: &Node, cx: &mut DecodeCx) -> Option<Site> {
    let mut m = cx.map(node, "the site settings")?;
    let language = m.opt::<Lang>(cx, "language").unwrap_or(Lang::Ja);
    cx.lang = language;
    let title = m.req::<Text>(cx, "title");
    let description = m.opt::<Text>(cx, "description");
    let (mut allow_raw_html, mut list_confidential) = (false, false);
    if let Some(n) = m.node("html")
        && let Some(mut h) = cx.map(n, "the HTML settings")
    {
        allow_raw_html = h.flag(cx, "allow_raw_html", false);
        list_confidential = h.flag(cx, "list_confidential", false);
        h.finish(cx);
    }
    let (mut font_regular, mut font_bold) = (None, None);
    let mut pdf_standards = PdfStandards::default();
    let mut page = PageSettings::default();
    if let Some(n) = m.node("pdf")
        && let Some(mut p) = cx.map(n, "the PDF settings")
    {
        if let Some(paper) = p.opt::<Paper>(cx, "page-size") {
            page.paper = paper;
        }
        if let Some(n) = p.node("margins")
            && let Some(mut mm) = cx.map(n, "the page margins")
        {
            for (k, key) in ["top", "bottom", "left", "right"].into_iter().enumerate() {
                if let Some(v) = mm.opt::<Spanned<String>>(cx, key) {
                    page.margins[k] = length(cx, &v);
                }
            }
            mm.finish(cx);
        }
        if let Some(s) = p.node("standards") {
            pdf_standards = standards(s, cx);
        }
        if let Some(f) = p.node("fonts")
            && let Some(mut fm) = cx.map(f, "the PDF fonts")
        {
            font_regular =
                fm.opt::<Spanned<String>>(cx, "regular").map(|s| Spanned::new(PathBuf::from(s.value), s.span));
            font_bold = fm.opt::<Spanned<String>>(cx, "bold").map(|s| Spanned::new(PathBuf::from(s.value), s.span));
            if let (None, Some(b)) = (&font_regular, &font_bold) {
                cx.push(
                    Diagnostic::new(
                        Code::MissingField,
                        crate::msg!(
                            "a bold font without a regular one",
                            "標準のフォントがないまま太字のフォントが指定されています"
                        ),
                    )
                    .at(b.span, crate::msg!("used only with `regular:`", "`regular:` と一緒にだけ使えます"))
                    .hint(crate::msg!(
                        "add `regular:` naming the regular font file, or remove `bold:` to use the bundled Noto Sans JP",
                        "標準のフォントのファイルを `regular:` に書くか、`bold:` を削除して同梱の Noto Sans JP を使ってください"
                    )),
                );
            }
            fm.finish(cx);
        }
        p.finish(cx);
    }
    let brand = m.opt::<Brand>(cx, "brand").unwrap_or_default();
    let mut limits = Limits::default();
    if let Some(n) = m.node("limits")
        && let Some(mut l) = cx.map(n, "the limits")
    {
        // A bad limit is reported and the default kept: the rest of the
        // settings still apply.
        if let Some(pages) = l.opt::<Spanned<u32>>(cx, "pages").and_then(|n| positive(cx, n, "pages")) {
            limits.pages = pages;
        }
        if let Some(secs) =
            l.opt::<Spanned<u32>>(cx, "template-seconds").and_then(|n| positive(cx, n, "template-seconds"))
        {
            limits.template_seconds = secs;
        }
        if let Some(mb) = l.opt::<Spanned<u32>>(cx, "image-megabytes").and_then(|n| positive(cx, n, "image-megabytes"))
        {
            limits.image_bytes = u64::from(mb) << 20;
        }
        if let Some(mp) =
            l.opt::<Spanned<u32>>(cx, "image-megapixels").and_then(|n| positive(cx, n, "image-megapixels"))
        {
            limits.image_pixels = u64::from(mp) * 1_000_000;
        }
        l.finish(cx);
    }
    m.describe(cx, "labels", false, |s| {
        let text = Text::schema(s);
        let keys: serde_json::Map<String, serde_json::Value> =
            crate::vocab::Label::ALL.iter().map(|l| (l.key().to_string(), text.clone())).collect();
        serde_json::json!({
            "type": "object",
            "description": "The project's own words for kiyaku's labels, by label key; `type_<document type>` names a document type",
            "properties": keys,
            "patternProperties": { "^type_": text },
            "additionalProperties": false,
        })
    });
    let labels = match m.node("labels") {
        Some(n) => labels(n, cx),
        None => Vec::new(),
    };
    m.finish(cx);
    Some(Site {
        brand,
        page,
        title: title?,
        language,
        description,
        allow_raw_html,
        list_confidential,
        font_regular,
        font_bold,
        pdf_standards,
        limits,
        labels,
        file: Some(cx.file),
    })
}

/// `standards: [ua-1, a-2a]` — the standards every PDF claims; `[]` for
/// none. A bad entry is reported and the defaults kept.
fn standards(node: &Node, cx: &mut DecodeCx) -> PdfStandards {
    let NodeKind::Seq(items) = &node.kind else {
        cx.wrong_type(node, "a list of PDF standards, e.g. `[ua-1, a-2a]` (or `[]` for none)");
        return PdfStandards::default();
    };
    let mut out = PdfStandards { ua1: false, archival: None };
    let mut archival_at = None;
    for item in items {
        let text = match &item.kind {
            NodeKind::Scalar(t, _) => t.as_str(),
            _ => "",
        };
        match PdfStandard::parse(text) {
            Some(PdfStandard::Ua1) => out.ua1 = true,
            Some(PdfStandard::A(a)) => {
                if let Some(first) = archival_at {
                    cx.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            crate::msg!(
                                "a PDF conforms to one PDF/A part and level",
                                "PDF が準拠できる PDF/A の部と適合レベルは 1 つだけです"
                            ),
                        )
                        .at(item.span, crate::msg!("a second PDF/A standard", "2 つ目の PDF/A 規格"))
                        .also(first, crate::msg!("the first", "1 つ目"))
                        .hint(crate::msg!("keep one of them", "どちらか 1 つだけを残してください")),
                    );
                    return PdfStandards::default();
                }
                archival_at = Some(item.span);
                out.archival = Some(a);
            }
            None => {
                let (en, ja) = crate::vocab::joined(PdfStandard::NAMES);
                cx.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        crate::msg!(
                            "`{text}` is not a PDF standard kiyaku writes",
                            "`{text}` は kiyaku が書き出せる PDF 規格ではありません"
                        ),
                    )
                    .at(item.span, crate::msg!("unknown standard", "不明な規格"))
                    .hint(crate::msg!("write one or more of: {en}", "次のうち 1 つ以上を書いてください: {ja}")),
                );
                return PdfStandards::default();
            }
        }
    }
    out
}

/// `labels:` — the project's own words for kiyaku's labels, by key, each a
/// text (`{ja: 応答時間, en: Response time}`, or a string in the site's
/// language). Keys are kiyaku's label keys or `type_<document type>`.
fn labels(node: &Node, cx: &mut DecodeCx) -> Vec<(Spanned<String>, Text)> {
    let Some(entries) = node.as_map() else {
        cx.wrong_type(node, "a mapping of label keys to text, e.g. `response_time: {ja: 応答時間}`");
        return Vec::new();
    };
    let known: Vec<&str> = crate::vocab::Label::ALL.iter().map(|l| l.key()).collect();
    let mut out = Vec::new();
    for e in entries {
        if !known.contains(&e.key.as_str()) && !e.key.starts_with("type_") {
            cx.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    crate::msg!(
                        "`{}` is not a label kiyaku writes",
                        "`{}` は kiyaku が出力するラベルではありません",
                        e.key
                    ),
                )
                .at(e.key_span, crate::msg!("unknown label", "不明なラベル"))
                .hint(crate::diag::suggestion(&e.key, &known).unwrap_or_else(|| {
                    crate::msg!(
                        "the label keys are listed in the authoring guide, under Site settings",
                        "ラベルのキーの一覧は、執筆ガイド（docs/authoring.md）のサイト設定の節にあります"
                    )
                })),
            );
            continue;
        }
        if let Some(text) = Text::decode(&e.value, cx) {
            // A label with `{n}`, `{name}` or `{term}` needs them in every
            // language given: kiyaku fills them in.
            let builtin =
                crate::vocab::Label::ALL.iter().find(|l| l.key() == e.key).map(|l| l.text(Lang::Ja)).unwrap_or("");
            for hole in ["{n}", "{name}", "{term}"].into_iter().filter(|h| builtin.contains(h)) {
                for v in text.variants.iter().filter(|v| !v.text.contains(hole)) {
                    cx.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            crate::msg!(
                                "label `{}` needs `{hole}`, which kiyaku fills in",
                                "ラベル `{}` には、kiyaku が値を入れる `{hole}` が必要です",
                                e.key
                            ),
                        )
                        .at(v.span, crate::msg!("no `{hole}`", "`{hole}` がありません"))
                        .hint(crate::msg!(
                            "write `{hole}` where the value goes, as in kiyaku's own: `{builtin}`",
                            "kiyaku の既定のラベル（`{builtin}`）と同じように、値が入る位置に `{hole}` を書いてください"
                        )),
                    );
                }
            }
            out.push((Spanned::new(e.key.clone(), e.key_span), text));
        }
    }
    out
}

/// A limit of 0 would refuse everything.
fn positive(cx: &mut DecodeCx, n: Spanned<u32>, key: &str) -> Option<u32> {
    if n.value == 0 {
        cx.push(
            Diagnostic::new(
                Code::BadNumber,
                crate::msg!("`{key}` must be at least 1", "`{key}` は 1 以上でなければなりません"),
            )
            .at(n.span, crate::msg!("zero", "0 になっています"))
            .hint(crate::msg!("remove the key to use the default", "既定値を使うには、このキーを削除してください")),
        );
        return None;
    }
    Some(n.value)
}

impl Decode for Contact {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a contact")?;
        let id = m.req(cx, "id");
        let name = m.req(cx, "name");
        let email: Option<Spanned<String>> = m.opt(cx, "email");
        let email = email.filter(|e| {
            let ok = is_email_address(&e.value);
            if !ok {
                cx.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        crate::msg!("`{}` is not an email address", "`{}` はメールアドレスではありません", e.value),
                    )
                    .at(
                        e.span,
                        crate::msg!(
                            "expected an address such as support@example.com",
                            "support@example.com のようなアドレスを書いてください"
                        ),
                    )
                    .hint(crate::msg!(
                        "write the bare address; put a display name in `name:`",
                        "アドレスだけを書いてください。表示名は `name:` に書きます"
                    )),
                );
            }
            ok
        });
        let phone = m.opt(cx, "phone");
        let url = m.opt(cx, "url");
        let hours = m.opt(cx, "hours");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(Contact { id: id?, name: name?, email, phone, url, hours, note })
    }
}

/// One `@` with text on both sides, a dot in the domain, nothing that
/// would need quoting in a link (spaces, angle brackets, colons).
fn is_email_address(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    let plain = |part: &str| {
        !part.is_empty()
            && !part.chars().any(|c| {
                c.is_whitespace() || matches!(c, '<' | '>' | ':' | '@' | '(' | ')' | '[' | ']' | '"' | ',' | ';' | '\\')
            })
    };
    plain(local) && plain(domain) && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
}

pub(crate) fn provider(node: &Node, cx: &mut DecodeCx) -> Option<Provider> {
    let mut m = cx.map(node, "a provider")?;
    m.known("kind");
    m.known("language");
    let id = m.req(cx, "id");
    let name = m.req(cx, "name");
    let short_name = m.opt(cx, "short_name");
    let address = m.opt(cx, "address");
    let url = m.opt(cx, "url");
    let contacts = m.list(cx, "contacts");
    let brand = m.opt::<Brand>(cx, "brand").unwrap_or_default();
    let custom = super::custom::custom(&mut m, cx);
    m.finish(cx);
    Some(Provider { id: id?, name: name?, short_name, address, url, contacts, brand, custom, file: cx.file })
}

/// One of a few words (`a4`, `letter`), in any case: its value, or E0113
/// with the nearest. `what` names the setting in English and Japanese.
fn one_of<T: Copy>(node: &Node, cx: &mut DecodeCx, what: (&str, &str), words: &[(&str, T)]) -> Option<T> {
    let word = cx.scalar(node, "a word")?.trim().to_ascii_lowercase();
    if let Some((_, v)) = words.iter().find(|(w, _)| *w == word) {
        return Some(*v);
    }
    let (en, ja) = what;
    let names: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    let (list_en, list_ja) = crate::vocab::joined(&names);
    cx.push(
        Diagnostic::new(
            Code::InvalidValue,
            crate::msg!("`{word}` is not a {en} kiyaku sets", "`{word}` は kiyaku が扱える{ja}ではありません"),
        )
        .at(node.span, crate::msg!("unknown {en}", "不明な{ja}"))
        .hint(
            crate::diag::suggestion(&word, &names)
                .unwrap_or_else(|| crate::msg!("write one of {list_en}", "{list_ja} のいずれかを書いてください")),
        ),
    );
    None
}

/// The schema of a value [`one_of`] reads.
fn words_schema<T>(
    schemas: &mut json_schema::Schemas,
    name: &str,
    description: &str,
    words: &[(&str, T)],
) -> serde_json::Value {
    let words: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    schemas.named(name, || json_schema::suggested_words(description, &words))
}

const PAPERS: &[(&str, Paper)] = &[("a4", Paper::A4), ("letter", Paper::Letter)];
const COVERS: &[(&str, Cover)] = &[("classic", Cover::Classic), ("band", Cover::Band)];

impl Decode for Paper {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        one_of(node, cx, ("page size", "用紙サイズ"), PAPERS)
    }

    fn schema(schemas: &mut json_schema::Schemas) -> serde_json::Value {
        words_schema(schemas, "Paper", "the paper every PDF is set on", PAPERS)
    }
}

impl Decode for Cover {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        one_of(node, cx, ("cover", "表紙"), COVERS)
    }

    fn schema(schemas: &mut json_schema::Schemas) -> serde_json::Value {
        words_schema(schemas, "Cover", "how the cover looks", COVERS)
    }
}

/// `brand: {logo: …, color: "#0b6e4f", footer: …, cover: band}`.
impl Decode for Brand {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut b = cx.map(node, "the brand")?;
        let logo = b.opt::<Spanned<String>>(cx, "logo").map(|l| crate::load::images::logo(cx, l));
        // `color: #0b5d4b` unquoted: YAML reads a comment, and the value is empty.
        if let Some(e) = b.entry("color")
            && e.value.kind == NodeKind::Null
        {
            cx.push(
                Diagnostic::new(Code::InvalidValue, crate::msg!("`color:` has no value", "`color:` に値がありません"))
                    .at(
                        e.key_span,
                        crate::msg!("empty: `#` starts a YAML comment", "空の値: `#` は YAML のコメントの始まりです"),
                    )
                    .hint(crate::msg!(
                        "put the colour in quotes: `color: \"#0b5d4b\"`",
                        "色を引用符で囲んでください: `color: \"#0b5d4b\"`"
                    )),
            );
        }
        let color = b.opt::<Spanned<String>>(cx, "color").and_then(|c| color(cx, &c));
        let footer = b.opt::<Text>(cx, "footer");
        let cover = b.opt::<Cover>(cx, "cover");
        b.finish(cx);
        Some(Brand { logo, color, footer, cover })
    }
}

/// `#rrggbb` (or `#rgb`), dark enough to read on white: WCAG's 4.5:1 for
/// text, since the colour sets heading numbers and links (E0908).
fn color(cx: &mut DecodeCx, c: &Spanned<String>) -> Option<Spanned<(u8, u8, u8)>> {
    let text = c.value.trim();
    let hex = text.strip_prefix('#').unwrap_or("");
    let digits: Vec<u8> = hex.chars().filter_map(|d| d.to_digit(16).map(|v| v as u8)).collect();
    let rgb = match (digits.len(), hex.len()) {
        (6, 6) => Some((digits[0] * 16 + digits[1], digits[2] * 16 + digits[3], digits[4] * 16 + digits[5])),
        (3, 3) => Some((digits[0] * 17, digits[1] * 17, digits[2] * 17)),
        _ => None,
    };
    let Some(rgb) = rgb else {
        cx.push(
            Diagnostic::new(Code::InvalidValue, crate::msg!("`{text}` is not a colour", "`{text}` は色ではありません"))
                .at(c.span, crate::msg!("expected `#rrggbb`", "`#rrggbb` と書いてください"))
                .hint(crate::msg!(
                    "write the colour in hex, in quotes: `color: \"#1f4e8c\"`",
                    "色は 16 進数で、引用符で囲んで書いてください: `color: \"#1f4e8c\"`"
                )),
        );
        return None;
    };
    let ratio = crate::vocab::contrast_on_white(rgb);
    if ratio < 4.5 {
        let shown = format!("{ratio:.1}");
        cx.push(
            Diagnostic::new(
                Code::LowContrast,
                crate::msg!(
                    "brand colour `{text}` has a contrast of {shown}:1 on white; text needs 4.5:1",
                    "ブランドカラー `{text}` は白地とのコントラストが {shown}:1 です。文字には 4.5:1 が必要です"
                ),
            )
            .at(c.span, crate::msg!("too light for heading numbers and links", "見出し番号やリンクには薄すぎる色"))
            .hint(crate::msg!(
                "use a darker shade of it (WCAG 2 level AA); the colour sets text in the PDF and on the pages",
                "より濃い色にしてください（WCAG 2 の AA 基準）。この色は PDF とページの文字に使われます"
            )),
        );
        return None;
    }
    Some(Spanned::new(rgb, c.span))
}

/// A margin: `20mm`, `2cm`, `0.75in` or `54pt`, as points.
fn length(cx: &mut DecodeCx, v: &Spanned<String>) -> Option<f32> {
    let text = normalize_width(&v.value);
    let t = text.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let per = match unit.trim() {
        "mm" => Some(72.0 / 25.4),
        "cm" => Some(72.0 / 2.54),
        "in" => Some(72.0),
        "pt" => Some(1.0),
        _ => None,
    };
    match (number.parse::<f32>().ok(), per) {
        (Some(n), Some(per)) if n * per <= 200.0 => Some(n * per),
        (Some(n), Some(per)) => {
            let mm = (n * per * 25.4 / 72.0).round();
            cx.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    crate::msg!(
                        "a margin of {mm} mm leaves no room for the text",
                        "余白 {mm} mm では本文の入る場所がありません"
                    ),
                )
                .at(v.span, crate::msg!("at most 70 mm", "70 mm まで"))
                .hint(crate::msg!(
                    "write a margin of at most 70 mm (200 pt)",
                    "余白は 70 mm（200 pt）以下にしてください"
                )),
            );
            None
        }
        _ => {
            cx.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    crate::msg!("`{t}` is not a page margin", "`{t}` はページの余白ではありません"),
                )
                .at(v.span, crate::msg!("expected a length up to 70 mm", "70 mm までの長さを書いてください"))
                .hint(crate::msg!(
                    "write a length with its unit: `20mm`, `2cm`, `0.75in` or `54pt`",
                    "長さを単位付きで書いてください: `20mm`、`2cm`、`0.75in`、`54pt`"
                )),
            );
            None
        }
    }
}

fn parse_offset(input: &str) -> Result<UtcOffset, ParseError> {
    let s = normalize_width(input);
    let s = s.trim();
    let bad = || {
        ParseError::new(crate::msg!("`{s}` is not a UTC offset", "`{s}` は UTC からの時差ではありません")).hint(
            crate::msg!(
                "write a UTC offset such as `+09:00` or `UTC+9`, optionally with a name: `JST (UTC+9)`",
                "`+09:00` や `UTC+9` のように UTC からの時差を書いてください。名前を付けることもできます: `JST (UTC+9)`"
            ),
        )
    };
    // "JST (UTC+9)": name and offset.
    let (label, spec) = match s.split_once('(') {
        Some((l, r)) => (Some(l.trim().to_string()), r.trim_end_matches(')').trim().to_string()),
        None => (None, s.to_string()),
    };
    let named = |n: &str| match n.to_ascii_uppercase().as_str() {
        "JST" | "ASIA/TOKYO" => Some(540),
        "UTC" | "GMT" | "Z" => Some(0),
        "KST" | "ASIA/SEOUL" => Some(540),
        "SGT" | "ASIA/SINGAPORE" => Some(480),
        _ => None,
    };
    if let Some(m) = named(&spec) {
        let label = label.or_else(|| (m != 0 || !spec.eq_ignore_ascii_case("utc")).then(|| spec.to_uppercase()));
        return Ok(UtcOffset { minutes: m, label });
    }
    let body = spec
        .strip_prefix("UTC")
        .or_else(|| spec.strip_prefix("utc"))
        .or_else(|| spec.strip_prefix("GMT"))
        .unwrap_or(&spec)
        .trim();
    let (sign, rest) = match body.chars().next() {
        Some('+') => (1i16, &body[1..]),
        Some('-') | Some('−') => (-1i16, &body[body.chars().next().map(char::len_utf8).unwrap_or(1)..]),
        _ => return Err(bad()),
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None => (rest, "0"),
    };
    let h: i16 = h.parse().map_err(|_| bad())?;
    let m: i16 = m.parse().map_err(|_| bad())?;
    if h > 14 || m >= 60 {
        return Err(bad());
    }
    Ok(UtcOffset { minutes: sign * (h * 60 + m), label })
}

impl Decode for UtcOffset {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadTime, "a time zone", parse_offset)
    }
}

fn parse_month_day(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.trim().split_once(['-', '/'])?;
    let m: u8 = m.parse().ok()?;
    let d: u8 = d.parse().ok()?;
    Date::from_ymd(2024, m, d)?; // 2024 is a leap year: 02-29 is allowed
    Some((m, d))
}

fn parse_closure(input: &str) -> Result<Closure, ParseError> {
    let s = normalize_width(input);
    let s = s.trim();
    let hint = || {
        crate::msg!(
            "write a date (`2025-05-02`), a day every year (`12-31`) or a range every year (`12-29..01-03`)",
            "日付（`2025-05-02`）、毎年の日（`12-31`）、毎年の期間（`12-29..01-03`）のいずれかを書いてください"
        )
    };
    let not_month_day = |x: &str| {
        ParseError::new(crate::msg!("`{x}` is not a month and day", "`{x}` は月日ではありません")).hint(hint())
    };
    if let Some((a, b)) = s.split_once("..") {
        let from = parse_month_day(a).ok_or_else(|| not_month_day(a))?;
        let to = parse_month_day(b).ok_or_else(|| not_month_day(b))?;
        return Ok(Closure::Annual { from, to });
    }
    if s.len() > 6 {
        return Date::parse(s).map(Closure::Date).map_err(|e| e.hint(hint()));
    }
    let md = parse_month_day(s).ok_or_else(|| {
        ParseError::new(crate::msg!("`{s}` is not a closing day", "`{s}` は休業日として解釈できません")).hint(hint())
    })?;
    Ok(Closure::Annual { from: md, to: md })
}

impl Decode for Closure {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        cx.parse_with(node, Code::BadDate, "a closing day", parse_closure)
    }
}

fn decode_days(node: &Node, cx: &mut DecodeCx) -> Option<Vec<Weekday>> {
    if let NodeKind::Scalar(s, _) = &node.kind {
        // "mon-fri" / "月-金"
        let norm = normalize_width(s);
        if let Some((a, b)) = norm.split_once(['-', '~', '〜', '–', '—'])
            && let (Some(a), Some(b)) = (Weekday::parse(a), Weekday::parse(b))
        {
            let (a, b) = (a.index() as usize, b.index() as usize);
            // A range may run over the weekend: `sun-sat`, `fri-mon`.
            let mut days = Vec::new();
            let mut i = a;
            loop {
                days.push(Weekday::ALL[i]);
                if i == b {
                    break;
                }
                i = (i + 1) % 7;
            }
            days.sort();
            return Some(days);
        }
        if let Some(w) = Weekday::parse(&norm) {
            return Some(vec![w]);
        }
        cx.push(
            Diagnostic::new(
                Code::InvalidValue,
                crate::msg!("`{s}` is not a list of days", "`{s}` は曜日のリストではありません"),
            )
            .at(node.span, crate::msg!("expected days of the week", "曜日を書いてください"))
            .hint(crate::msg!(
                "write `mon-fri` or a list such as `[mon, tue, wed, thu, fri]`",
                "`mon-fri`、または `[mon, tue, wed, thu, fri]` のようなリストを書いてください"
            )),
        );
        return None;
    }
    if matches!(&node.kind, NodeKind::Seq(items) if items.is_empty()) {
        cx.push(
            Diagnostic::new(
                Code::InvalidValue,
                crate::msg!("`days` lists no days", "`days` に曜日が 1 つもありません"),
            )
            .at(node.span, crate::msg!("no working days", "営業日がありません"))
            .hint(crate::msg!(
                "list the days support works, e.g. `mon-fri`; leave `days:` out for Monday to Friday",
                "サポートを行う曜日を挙げてください（例: `mon-fri`）。月曜から金曜までなら `days:` を省いてください"
            )),
        );
        return None;
    }
    Vec::<Weekday>::decode(node, cx)
}

pub(crate) fn calendar(node: &Node, cx: &mut DecodeCx) -> Option<Calendar> {
    let mut m = cx.map(node, "a calendar")?;
    m.known("kind");
    m.known("language");
    let id = m.req(cx, "id");
    let name = m.req(cx, "name");
    let timezone = m.opt::<UtcOffset>(cx, "timezone").unwrap_or(UtcOffset { minutes: 540, label: Some("JST".into()) });
    m.describe(cx, "hours", true, |_| json_schema::scalar("hours, HH:MM-HH:MM, or `always` for 24 hours a day"));
    m.describe(cx, "days", false, |s| {
        let day = Weekday::schema(s);
        json_schema::any_of(vec![day.clone(), json_schema::list(day)])
    });
    m.describe(cx, "holidays", false, |_| {
        json_schema::scalar("a holiday set: `jp` for Japanese national holidays, or `none`")
    });
    let hours = match m.entry("hours") {
        None => {
            cx.push(
                Diagnostic::new(
                    Code::MissingField,
                    crate::msg!("missing `hours` in a calendar", "カレンダーに `hours` がありません"),
                )
                .at(node.head_span(), crate::msg!("this calendar has no `hours`", "このカレンダーには `hours` がありません"))
                .hint(crate::msg!(
                    "write `hours: 09:00-17:30` (with `days:`), or `hours: always` for 24 hours a day, 365 days a year",
                    "`hours: 09:00-17:30` を（`days:` と合わせて）書くか、24 時間 365 日なら `hours: always` と書いてください"
                )),
            );
            None
        }
        Some(e) => {
            let raw = match &e.value.kind {
                NodeKind::Scalar(s, _) => s.trim().to_lowercase(),
                _ => String::new(),
            };
            if matches!(raw.as_str(), "always" | "24x7" | "24/7" | "24x365" | "24時間365日") {
                m.known("days");
                if m.has("days") {
                    cx.push(
                        Diagnostic::new(
                            Code::UnknownKey,
                            crate::msg!(
                                "`days` has no effect with `hours: always`",
                                "`hours: always` のときは `days` に効果がありません"
                            ),
                        )
                        .at(
                            node.get("days").map(|e| e.key_span).unwrap_or(e.key_span),
                            crate::msg!("ignored", "無視されます"),
                        )
                        .hint(crate::msg!("remove `days:`", "`days:` を削除してください")),
                    );
                }
                Some(Spanned::new(CalendarHours::Always, e.value.span))
            } else {
                let range = TimeRange::decode(&e.value, cx);
                let days = match m.node("days") {
                    Some(n) => decode_days(n, cx),
                    None => Some(Weekday::ALL[..5].to_vec()),
                };
                match (range, days) {
                    (Some(hours), Some(days)) => {
                        Some(Spanned::new(CalendarHours::Weekly { days, hours }, e.value.span))
                    }
                    _ => None,
                }
            }
        }
    };
    let holidays = match m.node("holidays") {
        None => None,
        Some(n) => {
            let s = cx.scalar(n, "a holiday set")?;
            match s.trim().to_lowercase().as_str() {
                "jp" | "japan" | "ja" | "日本" | "祝日" => Some(HolidaySet::Japan),
                "none" => None,
                _ => {
                    cx.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            crate::msg!("kiyaku has no holiday set `{s}`", "kiyaku には祝日の種類 `{s}` がありません"),
                        )
                        .at(n.span, crate::msg!("unknown holiday set", "不明な祝日の種類"))
                        .hint(crate::msg!(
                            "use `holidays: jp` for Japanese national holidays, and list other closing days under `closed:`",
                            "日本の国民の祝日には `holidays: jp` を使い、それ以外の休業日は `closed:` に挙げてください"
                        )),
                    );
                    None
                }
            }
        }
    };
    let closed = m.list::<Spanned<Closure>>(cx, "closed");
    m.finish(cx);
    Some(Calendar { id: id?, name: name?, timezone, hours: hours?, holidays, closed, file: cx.file })
}

impl Decode for SeverityLevel {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a severity level")?;
        let id = m.req(cx, "id");
        let rank = m.req(cx, "rank");
        let label = m.req(cx, "label");
        let name = m.opt(cx, "name");
        let definition = m.opt(cx, "definition");
        let examples = m.list(cx, "examples");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(SeverityLevel { id: id?, rank: rank?, label: label?, name, definition, examples, note, span: node.span })
    }
}

pub(crate) fn scale(node: &Node, cx: &mut DecodeCx) -> Option<SeverityScale> {
    let mut m = cx.map(node, "a severity scale")?;
    m.known("kind");
    m.known("language");
    let id = m.req(cx, "id");
    let name = m.req(cx, "name");
    let term = m.opt(cx, "term");
    let summary = m.opt(cx, "summary");
    let default = m.opt(cx, "default");
    let default_note = m.opt(cx, "default_note");
    let levels = m.req::<Vec<SeverityLevel>>(cx, "levels");
    m.finish(cx);
    Some(SeverityScale { id: id?, name: name?, term, summary, default, default_note, levels: levels?, file: cx.file })
}

impl Decode for Term {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a glossary term")?;
        let id = m.req(cx, "id");
        let term = m.req(cx, "term");
        let reading = m.opt(cx, "reading");
        let definition = m.req(cx, "definition");
        let see = m.list(cx, "see");
        m.finish(cx);
        Some(Term { id: id?, term: term?, reading, definition: definition?, see })
    }
}

pub(crate) fn glossary(node: &Node, cx: &mut DecodeCx) -> Option<Glossary> {
    let mut m = cx.map(node, "a glossary")?;
    m.known("kind");
    m.known("language");
    let id = m.req(cx, "id");
    let name = m.req(cx, "name");
    let terms = m.req::<Vec<Term>>(cx, "terms");
    m.finish(cx);
    Some(Glossary { id: id?, name: name?, terms: terms?, file: cx.file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+09:00").unwrap().minutes, 540);
        assert_eq!(parse_offset("UTC+9").unwrap().minutes, 540);
        let jst = parse_offset("JST").unwrap();
        assert_eq!(jst.render(), "JST (UTC+9)");
        assert_eq!(parse_offset("JST (UTC+9)").unwrap().render(), "JST (UTC+9)");
        assert_eq!(parse_offset("UTC+5:30").unwrap().minutes, 330);
        assert!(parse_offset("somewhere").is_err());
    }

    #[test]
    fn closures() {
        assert_eq!(parse_closure("12-29..01-03").unwrap(), Closure::Annual { from: (12, 29), to: (1, 3) });
        assert!(matches!(parse_closure("2025-05-02").unwrap(), Closure::Date(_)));
        assert!(parse_closure("13-01").is_err());
    }
}
