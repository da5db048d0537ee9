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
    ($( $variant:ident = $code:literal, $class:ident, $title:literal; )*) => {
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

            pub fn class(self) -> Class {
                match self { $(Code::$variant => Class::$class),* }
            }
        }
    };
}

catalogue! {
    // 01xx: reading files and YAML structure
    FileUnreadable = "E0100", Environment, "a content file cannot be read";
    YamlSyntax = "E0101", Content, "YAML syntax error";
    NotUtf8 = "E0102", Content, "file is not valid UTF-8";
    FileTooLarge = "E0103", Content, "file is larger than the limit";
    YamlLimit = "E0104", Content, "YAML exceeds a resource limit (nesting, aliases, size)";
    EmptyFile = "E0105", Content, "file is empty";
    MissingKind = "E0106", Content, "file has no `kind:`";
    UnknownKind = "E0107", Content, "unknown `kind:`";
    DuplicateKey = "E0108", Content, "the same key appears twice in a mapping";
    NotAFile = "E0109", Environment, "a path kiyaku reads is not a regular file (a pipe, device, socket or folder)";
    UnknownKey = "E0110", Content, "unknown key";
    WrongType = "E0111", Content, "value has the wrong type";
    MissingField = "E0112", Content, "required field is missing";
    InvalidValue = "E0113", Content, "value is not one of the allowed values";
    EmptyText = "E0114", Content, "text is empty";
    BadDuration = "E0120", Content, "malformed duration";
    BadDate = "E0121", Content, "malformed date";
    BadVersion = "E0122", Content, "malformed version";
    BadPercent = "E0123", Content, "malformed percentage";
    BadSchedule = "E0124", Content, "malformed schedule";
    BadId = "E0125", Content, "malformed id";
    BadTime = "E0126", Content, "malformed time of day or hours";
    BadLanguage = "E0127", Content, "unknown language code";
    UnsafeUrl = "E0128", Content, "URL scheme is not allowed";
    BadNumber = "E0129", Content, "number out of range";
    LinkOutsideProject = "E0130", Content, "a link in the project leads outside it";
    ReservedCharacter = "E0131", Content, "text holds a character kiyaku reserves (U+F0000–U+F000F)";
    BadCount = "E0132", Content, "malformed count";
    BadMoney = "E0133", Content, "malformed amount of money";
    // 02xx: identities and references
    DuplicateId = "E0201", Content, "the same id is defined twice";
    UnknownService = "E0202", Content, "reference to an unknown service";
    UnknownProgramme = "E0203", Content, "reference to an unknown support programme";
    UnknownScale = "E0204", Content, "reference to an unknown severity scale";
    UnknownTier = "E0205", Content, "reference to an unknown tier";
    UnknownSeverity = "E0206", Content, "reference to an unknown severity level";
    UnknownFeature = "E0207", Content, "reference to an unknown feature";
    UnknownTerm = "E0210", Content, "reference to an unknown glossary term";
    UnknownProvider = "E0211", Content, "reference to an unknown provider";
    UnknownCalendar = "E0212", Content, "reference to an unknown calendar";
    UnknownChannel = "E0213", Content, "reference to an unknown contact channel";
    UnknownEscalationLevel = "E0214", Content, "reference to an unknown escalation level";
    UnknownCriteria = "E0215", Content, "reference to an unknown criteria table or row";
    UnknownProcedure = "E0216", Content, "reference to an unknown procedure or step";
    UnknownGlossary = "E0217", Content, "reference to an unknown glossary";
    UnknownBlock = "E0218", Content, "unknown block in `show:`";
    BlockWithoutData = "E0219", Content, "a section shows data its service or programme does not define";
    MissingMatrixCell = "E0220", Content, "response matrix misses a tier × severity cell";
    UnknownContact = "E0221", Content, "reference to an unknown contact";
    DuplicateRank = "E0222", Content, "two severity levels share a rank";
    UnknownFact = "E0223", Content, "reference to an unknown custom fact";
    UnknownTable = "E0224", Content, "reference to an unknown table, row or column";
    UnusedFact = "W0225", Content, "a custom fact or table that no document shows";
    FactReferenceText = "E0226", Content, "a fact reference with text of its own";
    UnknownEscalationPath = "E0227", Content, "reference to an unknown escalation path";
    // 03xx: revision history
    RevisionOrder = "E0301", Content, "revision versions do not increase";
    RevisionDateOrder = "E0302", Content, "revision dates go backwards";
    RevisionInFuture = "E0303", Content, "revision date lies in the future";
    RevisionVersionMismatch = "E0304", Content, "latest revision is not the document's version";
    RevisionUnknownSection = "E0305", Content, "revision entry names a section that does not exist";
    RevisionMissing = "E0306", Content, "document has no revision history";
    // 04xx: links and Markdown
    BrokenAnchor = "E0401", Content, "link to a section that does not exist";
    UnknownLinkDocument = "E0402", Content, "link to a document that does not exist";
    UnsafeLink = "E0403", Content, "link URL scheme is not allowed";
    RawHtml = "W0405", Content, "raw HTML in Markdown is shown as text";
    BrokenSiteLink = "E0406", Content, "a link in the built site does not resolve";
    MissingTranslation = "E0407", Content, "text has no translation for the document's language";
    ImageNotShown = "W0408", Content, "a Markdown image is not shown (images are not supported yet)";
    // 05xx: consistency of the SLA itself
    TierMissingFeature = "E0501", Content, "a higher tier lacks a feature of a lower tier";
    TierSlowerTarget = "E0502", Content, "a higher tier has a slower target than a lower tier";
    SeverityOrder = "E0503", Content, "a more severe level has a slower target than a less severe one";
    ClockTargetOutOfHours = "E0504", Content, "round-the-clock target on a tier without round-the-clock coverage";
    BackupOutlivesDeletion = "E0505", Content, "backups are kept longer than the deletion promise";
    LogOutlivesDeletion = "E0506", Content, "logs with customer data are kept longer than the deletion promise";
    SeverityWithoutDefinition = "E0507", Content, "severity level has no definition";
    TierWithoutHours = "E0508", Content, "tier has no support hours";
    FeatureWithoutTier = "W0509", Content, "feature is offered by no tier";
    ImplausiblePercent = "E0510", Content, "availability above 100 %";
    ZeroDuration = "E0511", Content, "duration of zero";
    ZeroGenerations = "E0512", Content, "backup with zero generations";
    RevisionAfterDocument = "E0513", Content, "revision dated after the document";
    UnusedAccept = "W0514", Content, "`accept:` names a finding that does not occur here";
    ProseRepeatsFact = "W0515", Content, "prose states a figure that is a custom fact";
    ProseContradictsFact = "E0516", Content, "prose states a figure that contradicts a custom fact it names";
    // 06xx: templates
    TemplateSyntax = "E0601", Content, "template syntax error";
    TemplateRender = "E0602", Content, "template failed to render";
    TemplateTimeout = "E0603", Content, "a template took longer than the time limit";
    GeneratedTemplate = "W0604", Content, "a project template replaces one kiyaku generates; it is ignored";
    // 07xx: fonts
    MissingGlyph = "E0701", Content, "no configured font has a character";
    FontUnusable = "E0702", Content, "a configured font cannot be used";
    PageLimit = "W0703", Content, "a document's PDF would run past the page limit";
    // 08xx: released versions
    ContentChangedWithoutRevision = "E0801", Content, "content changed since the released version without a new revision";
    RevisionNamesUnchangedSection = "W0802", Content, "revision entry names a section that did not change";
    DocumentNotReleased = "W0803", Content, "document has no lock entry";
    StaleLockEntry = "W0804", Content, "lock entry for a document that no longer exists";
    LockUnreadable = "E0805", Content, "lock file cannot be parsed";
    ReleaseWithoutRevision = "E0806", Content, "release refused: no revision entry newer than the released version";
    ReleaseMismatch = "E0807", Content, "release refused: the new revision entries do not name what changed";
    ReleaseUnknownDocument = "E0808", Environment, "release refused: no such document (or, with --forget, no such lock entry)";
    ComparisonEmpty = "W0809", Content, "a published comparison of two releases shows no change";
    ComparisonDisagrees = "W0810", Content, "a published comparison's changed sections are not those its revision entries name";
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
