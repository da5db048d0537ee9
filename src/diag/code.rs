//! The diagnostics catalogue: every code kiyaku can report.
//!
//! Codes are stable: tests, CI scripts and `accept:` entries refer to them.
//! The letter is the default severity (`E` error, `W` warning); the first
//! two digits group them by stage.

use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Which exit status a finding leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A mistake in the user's content or templates (exit 1).
    Content,
    /// The environment failed us: unreadable file, missing directory (exit 2).
    Environment,
}

macro_rules! catalogue {
    ($( $variant:ident = $code:literal, $class:ident, $title:literal, $title_ja:literal; )*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed: `E0101`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// One line saying what the code means.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title),* }
            }

            /// The same line in Japanese.
            pub fn title_ja(self) -> &'static str {
                match self { $(Code::$variant => $title_ja),* }
            }

            pub fn class(self) -> Class {
                match self { $(Code::$variant => Class::$class),* }
            }
        }
    };
}

catalogue! {
    // 01xx: reading files and YAML structure
    FileUnreadable = "E0100", Environment, "a content file cannot be read", "コンテンツファイルを読み込めない";
    YamlSyntax = "E0101", Content, "YAML syntax error", "YAML の構文エラー";
    NotUtf8 = "E0102", Content, "file is not valid UTF-8", "ファイルが UTF-8 として正しくない";
    FileTooLarge = "E0103", Content, "file is larger than the limit", "ファイルが上限より大きい";
    YamlLimit = "E0104", Content, "YAML exceeds a resource limit (nesting, aliases, size)", "YAML が資源の上限（入れ子の深さ、エイリアス、大きさ）を超えている";
    EmptyFile = "E0105", Content, "file is empty", "ファイルが空";
    MissingKind = "E0106", Content, "file has no `kind:`", "ファイルに `kind:` がない";
    UnknownKind = "E0107", Content, "unknown `kind:`", "不明な `kind:`";
    DuplicateKey = "E0108", Content, "the same key appears twice in a mapping", "一つのマッピングに同じキーが二度ある";
    NotAFile = "E0109", Environment, "a path kiyaku reads is not a regular file (a pipe, device, socket or folder)", "kiyaku が読むパスが通常のファイルではない（パイプ、デバイス、ソケット、フォルダー）";
    UnknownKey = "E0110", Content, "unknown key", "不明なキー";
    WrongType = "E0111", Content, "value has the wrong type", "値の型が違う";
    MissingField = "E0112", Content, "required field is missing", "必須の項目がない";
    InvalidValue = "E0113", Content, "value is not one of the allowed values", "値が許される値のどれでもない";
    EmptyText = "E0114", Content, "text is empty", "テキストが空";
    JoinedListItem = "W0115", Content, "a line that looks like a list item continues the value above it", "リストの項目に見える行が、前の値の続きとして読まれる";
    BadDuration = "E0120", Content, "malformed duration", "期間の書き方が正しくない";
    BadDate = "E0121", Content, "malformed date", "日付の書き方が正しくない";
    BadVersion = "E0122", Content, "malformed version", "版の書き方が正しくない";
    BadPercent = "E0123", Content, "malformed percentage", "百分率の書き方が正しくない";
    BadSchedule = "E0124", Content, "malformed schedule", "スケジュールの書き方が正しくない";
    BadId = "E0125", Content, "malformed id", "ID の書き方が正しくない";
    BadTime = "E0126", Content, "malformed time of day or hours", "時刻または時間帯の書き方が正しくない";
    BadLanguage = "E0127", Content, "unknown language code", "不明な言語コード";
    UnsafeUrl = "E0128", Content, "URL scheme is not allowed", "許されない URL スキーム";
    BadNumber = "E0129", Content, "number out of range", "数値が範囲外";
    LinkOutsideProject = "E0130", Content, "a link in the project leads outside it", "プロジェクト内のリンクがプロジェクトの外を指している";
    ReservedCharacter = "E0131", Content, "text holds a character kiyaku reserves (U+F0000–U+F000F)", "kiyaku が予約している文字（U+F0000–U+F000F）がテキストにある";
    BadCount = "E0132", Content, "malformed count", "件数の書き方が正しくない";
    BadMoney = "E0133", Content, "malformed amount of money", "金額の書き方が正しくない";
    StaleSchema = "W0134", Content, "the project's JSON Schema for editors is not the one this kiyaku generates", "エディター用の JSON Schema が、この kiyaku の生成するものと違う";
    // 02xx: identities and references
    DuplicateId = "E0201", Content, "the same id is defined twice", "同じ ID が二度定義されている";
    UnknownService = "E0202", Content, "reference to an unknown service", "存在しないサービスへの参照";
    UnknownProgramme = "E0203", Content, "reference to an unknown support programme", "存在しないサポートプログラムへの参照";
    UnknownScale = "E0204", Content, "reference to an unknown severity scale", "存在しない深刻度スケールへの参照";
    UnknownTier = "E0205", Content, "reference to an unknown tier", "存在しないサポートレベル（tier）への参照";
    UnknownSeverity = "E0206", Content, "reference to an unknown severity level", "存在しない深刻度レベルへの参照";
    UnknownFeature = "E0207", Content, "reference to an unknown feature", "存在しない機能への参照";
    UnknownTerm = "E0210", Content, "reference to an unknown glossary term", "存在しない用語への参照";
    UnknownProvider = "E0211", Content, "reference to an unknown provider", "存在しない提供者への参照";
    UnknownCalendar = "E0212", Content, "reference to an unknown calendar", "存在しないカレンダーへの参照";
    UnknownChannel = "E0213", Content, "reference to an unknown contact channel", "存在しない問い合わせ窓口への参照";
    UnknownEscalationLevel = "E0214", Content, "reference to an unknown escalation level", "存在しないエスカレーション段階への参照";
    UnknownCriteria = "E0215", Content, "reference to an unknown criteria table or row", "存在しない判定基準表または行への参照";
    UnknownProcedure = "E0216", Content, "reference to an unknown procedure or step", "存在しない手順またはステップへの参照";
    UnknownGlossary = "E0217", Content, "reference to an unknown glossary", "存在しない用語集への参照";
    UnknownBlock = "E0218", Content, "unknown block in `show:`", "`show:` に不明なブロック";
    BlockWithoutData = "E0219", Content, "a section shows data its service or programme does not define", "節が、そのサービスまたはサポートプログラムに定義されていないデータを表示している";
    MissingMatrixCell = "E0220", Content, "response matrix misses a tier × severity cell", "応答目標の表にサポートレベル × 深刻度のセルが欠けている";
    UnknownContact = "E0221", Content, "reference to an unknown contact", "存在しない連絡先への参照";
    DuplicateRank = "E0222", Content, "two severity levels share a rank", "二つの深刻度レベルの順位が同じ";
    UnknownFact = "E0223", Content, "reference to an unknown custom fact", "存在しないカスタムファクトへの参照";
    UnknownTable = "E0224", Content, "reference to an unknown table, row or column", "存在しない表・行・列への参照";
    UnusedFact = "W0225", Content, "a custom fact or table that no document shows", "どの文書も表示しないカスタムファクトまたは表";
    FactReferenceText = "E0226", Content, "a fact reference with text of its own", "独自のテキストを持つファクト参照";
    UnknownEscalationPath = "E0227", Content, "reference to an unknown escalation path", "存在しないエスカレーション経路への参照";
    BadTranslation = "E0228", Content, "`translation_of:` names no document, or one in the same language", "`translation_of:` の文書がないか、同じ言語の文書";
    // 03xx: revision history
    RevisionOrder = "E0301", Content, "revision versions do not increase", "改訂履歴の版が増えていない";
    RevisionDateOrder = "E0302", Content, "revision dates go backwards", "改訂履歴の日付が逆行している";
    RevisionInFuture = "E0303", Content, "revision date lies in the future", "改訂日が未来の日付";
    RevisionVersionMismatch = "E0304", Content, "latest revision is not the document's version", "最新の改訂の版が文書の版と一致しない";
    RevisionUnknownSection = "E0305", Content, "revision entry names a section that does not exist", "改訂履歴が存在しない節を挙げている";
    RevisionMissing = "E0306", Content, "document has no revision history", "文書に改訂履歴がない";
    // 04xx: links and Markdown
    BrokenAnchor = "E0401", Content, "link to a section that does not exist", "存在しない節へのリンク";
    UnknownLinkDocument = "E0402", Content, "link to a document that does not exist", "存在しない文書へのリンク";
    UnsafeLink = "E0403", Content, "link URL scheme is not allowed", "リンクの URL スキームが許されていない";
    RawHtml = "W0405", Content, "raw HTML in Markdown is shown as text", "Markdown 中の生の HTML は文字として表示される";
    BrokenSiteLink = "E0406", Content, "a link in the built site does not resolve", "ビルドしたサイトのリンクの行き先がない";
    MissingTranslation = "E0407", Content, "text has no translation for the document's language", "テキストに文書の言語の訳がない";
    ImageNotShown = "W0408", Content, "an image inside a line of text is shown as its alt text (a figure is an image in a paragraph of its own)", "文中の画像は代替テキストで表示される（図は画像だけの段落に置く）";
    // 05xx: consistency of the SLA itself
    TierMissingFeature = "E0501", Content, "a higher tier lacks a feature of a lower tier", "上位のサポートレベルに下位のサポートレベルの機能が欠けている";
    TierSlowerTarget = "E0502", Content, "a higher tier has a slower target than a lower tier", "上位のサポートレベルの目標が下位のサポートレベルより遅い";
    SeverityOrder = "E0503", Content, "a more severe level has a slower target than a less severe one", "より重大なレベルの目標が、より軽いレベルより遅い";
    ClockTargetOutOfHours = "E0504", Content, "round-the-clock target on a tier without round-the-clock coverage", "24 時間対応のないサポートレベルに 24 時間の目標がある";
    BackupOutlivesDeletion = "E0505", Content, "backups are kept longer than the deletion promise", "バックアップの保管期間が削除の約束より長い";
    LogOutlivesDeletion = "E0506", Content, "logs with customer data are kept longer than the deletion promise", "顧客データを含むログの保管期間が削除の約束より長い";
    SeverityWithoutDefinition = "E0507", Content, "severity level has no definition", "深刻度レベルに定義がない";
    TierWithoutHours = "E0508", Content, "tier has no support hours", "サポートレベルにサポート時間がない";
    FeatureWithoutTier = "W0509", Content, "feature is offered by no tier", "どのサポートレベルも提供していない機能";
    ImplausiblePercent = "E0510", Content, "availability above 100 %", "稼働率が 100 % を超えている";
    ZeroDuration = "E0511", Content, "duration of zero", "期間がゼロ";
    ZeroGenerations = "E0512", Content, "backup with zero generations", "世代数がゼロのバックアップ";
    RevisionAfterDocument = "E0513", Content, "revision dated after the document", "改訂日が文書の日付より後";
    UnusedAccept = "W0514", Content, "`accept:` names a finding that does not occur here", "`accept:` が、ここでは起きない指摘を挙げている";
    ProseRepeatsFact = "W0515", Content, "prose states a figure that is a custom fact", "本文がカスタムファクトの数値をそのまま書いている";
    ProseContradictsFact = "E0516", Content, "prose states a figure that contradicts a custom fact it names", "本文の数値が、参照しているカスタムファクトと食い違っている";
    // 06xx: templates
    TemplateSyntax = "E0601", Content, "template syntax error", "テンプレートの構文エラー";
    TemplateRender = "E0602", Content, "template failed to render", "テンプレートの描画に失敗した";
    TemplateTimeout = "E0603", Content, "a template took longer than the time limit", "テンプレートの処理が制限時間を超えた";
    GeneratedTemplate = "W0604", Content, "a project template replaces one kiyaku generates; it is ignored", "プロジェクトのテンプレートが kiyaku の生成するものを置き換えようとしている（無視される）";
    // 07xx: fonts
    MissingGlyph = "E0701", Content, "no configured font has a character", "設定したどのフォントにもない文字がある";
    FontUnusable = "E0702", Content, "a configured font cannot be used", "設定したフォントが使えない";
    PageLimit = "W0703", Content, "a document's PDF would run past the page limit", "文書の PDF がページ数の上限を超える";
    // 08xx: released versions
    ContentChangedWithoutRevision = "E0801", Content, "content changed since the released version without a new revision", "公開版から内容が変わったのに新しい改訂がない";
    RevisionNamesUnchangedSection = "W0802", Content, "revision entry names a section that did not change", "改訂履歴が、変わっていない節を挙げている";
    DocumentNotReleased = "W0803", Content, "document has no lock entry", "文書にロックの記録がない";
    StaleLockEntry = "W0804", Content, "lock entry for a document that no longer exists", "もう存在しない文書のロックの記録";
    LockUnreadable = "E0805", Content, "lock file cannot be parsed", "ロックファイルを解析できない";
    ReleaseWithoutRevision = "E0806", Content, "release refused: no revision entry newer than the released version", "公開を拒否: 公開版より新しい改訂がない";
    ReleaseMismatch = "E0807", Content, "release refused: the new revision entries do not name what changed", "公開を拒否: 新しい改訂が変更箇所を挙げていない";
    ReleaseUnknownDocument = "E0808", Environment, "release refused: no such document (or, with --forget, no such lock entry)", "公開を拒否: そのような文書がない（--forget ではロックの記録がない）";
    ComparisonEmpty = "W0809", Content, "a published comparison of two releases shows no change", "公開する二つの版の対照表に変更がない";
    ComparisonDisagrees = "W0810", Content, "a published comparison's changed sections are not those its revision entries name", "公開する対照表の変更箇所が、改訂履歴の挙げる節と一致しない";
    // 09xx: images, figures and branding
    ImageNotFound = "E0901", Content, "an image file does not exist, or is not a file of the project", "画像ファイルがないか、プロジェクト内のファイルではない";
    ImageUnsupported = "E0902", Content, "an image is not PNG, JPEG or SVG", "画像が PNG、JPEG、SVG のいずれでもない";
    ImageWithoutAlt = "E0903", Content, "an image has no alt text", "画像に代替テキストがない";
    ImageTooLarge = "E0904", Content, "an image is larger than the limits", "画像が上限を超えて大きい";
    ImageUnreadable = "E0905", Content, "an image file cannot be read as its format", "画像ファイルをその形式として読み取れない";
    SvgContentRemoved = "W0906", Content, "an SVG's scripts, event handlers, HTML or outside references are removed", "SVG のスクリプト、イベント処理、HTML、外部参照が取り除かれる";
    FigureIdTaken = "E0907", Content, "a figure's id is already a section's or another figure's", "図の ID が節や別の図の ID と重なっている";
    LowContrast = "E0908", Content, "a brand colour is too light to read on white", "ブランドカラーが白地で読むには薄すぎる";
}

impl Code {
    /// Severity a finding gets unless something overrides it.
    pub fn default_severity(self) -> Severity {
        if self.as_str().starts_with('W') { Severity::Warning } else { Severity::Error }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

impl Code {
    /// A finding that leaves a whole file unread: whatever it defined is
    /// unknown, so later checks would only report the consequences.
    pub fn loses_file(self) -> bool {
        matches!(
            self,
            Code::FileUnreadable
                | Code::NotAFile
                | Code::LinkOutsideProject
                | Code::YamlSyntax
                | Code::NotUtf8
                | Code::FileTooLarge
                | Code::YamlLimit
                | Code::MissingKind
                | Code::UnknownKind
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
