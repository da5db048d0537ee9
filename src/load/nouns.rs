//! The Japanese for the names decoders give the mappings they read ("a
//! backup"), used in messages and in the JSON Schema's hover text.

/// The Japanese for `what`, as a noun phrase without particles.
pub(crate) fn japanese(what: &str) -> Option<&'static str> {
    Some(match what {
        "a backup" => "バックアップ",
        "a branch" => "分岐",
        "a calendar" => "カレンダー",
        "a change" => "改訂内容",
        "a contact" => "連絡先",
        "a contact channel" => "問い合わせ窓口",
        "a coverage window" => "対応時間帯",
        "a criteria column" => "判定基準表の列",
        "a criteria row" => "判定基準表の行",
        "a criteria table" => "判定基準表",
        "a deletion rule" => "削除の規定",
        "a document" => "文書",
        "a fact" => "ファクト",
        "a feature" => "機能",
        "a glossary" => "用語集",
        "a glossary term" => "用語",
        "a log" => "ログ",
        "a manual" => "マニュアル",
        "a procedure" => "手順",
        "a procedure step" => "手順のステップ",
        "a provider" => "提供者",
        "a request field" => "問い合わせの記載項目",
        "a retention rule" => "保管の規定",
        "a revision" => "改訂履歴の項目",
        "a section" => "節",
        "a service" => "サービス",
        "a severity level" => "深刻度",
        "a severity scale" => "深刻度の尺度",
        "a severity scale of the programme" => "サポートプログラムの深刻度の尺度",
        "a support programme" => "サポートプログラム",
        "a table" => "表",
        "a table column" => "表の列",
        "a table row" => "表の行",
        "a target with a note" => "注記付きの目標",
        "a tier" => "サポートレベル",
        "an availability record" => "稼働実績",
        "an escalation level" => "エスカレーション段階",
        "an escalation path" => "エスカレーション経路",
        "an escalation step" => "エスカレーションのステップ",
        "the HTML settings" => "HTML の設定",
        "the PDF fonts" => "PDF のフォント",
        "the PDF settings" => "PDF の設定",
        "the availability" => "稼働率",
        "the contract terms" => "契約条件",
        "the data location" => "データの保管場所",
        "the disclosure policy" => "開示の方針",
        "the incident response" => "インシデント対応",
        "the limits" => "上限の設定",
        "the brand" => "ブランドの設定",
        "the page margins" => "ページの余白",
        "the log clock" => "ログの時刻",
        "the responsibilities" => "責任分担",
        "the site settings" => "サイトの設定（kiyaku.yaml）",
        "the targets" => "目標",
        "the vulnerability management" => "脆弱性管理",
        "targets per severity" => "深刻度ごとの目標",
        "targets per tier" => "サポートレベルごとの目標",
        _ => return None,
    })
}

/// The Japanese for what a decoder expected or found ("a duration", "a
/// mapping (a backup)"); the English itself where there is none.
pub(crate) fn expected(what: &str) -> String {
    if let Some(inner) = what.strip_prefix("a mapping (").and_then(|w| w.strip_suffix(')')) {
        return match japanese(inner) {
            Some(ja) => format!("マッピング（{ja}）"),
            None => format!("マッピング（{inner}）"),
        };
    }
    let ja = match what {
        "`included`, `excluded` or `exempt`" => "`included`、`excluded`、`exempt` のいずれか",
        "`modified`, `added` or `removed`" => "`modified`、`added`、`removed` のいずれか",
        "`true` or `false`" => "`true` または `false`",
        "a closing day" => "休業日",
        "a word" => "語",
        "a classification" => "区分",
        "a count" => "件数",
        "a date (YYYY-MM-DD)" => "日付（YYYY-MM-DD）",
        "a day of the week" => "曜日",
        "a diagnostic code such as `E0505`" => "`E0505` のような診断コード",
        "a duration" => "期間",
        "a holiday set" => "祝日の種類",
        "a kind" => "種類（kind）",
        "a language code" => "言語コード",
        "a list" => "リスト",
        "a list of PDF standards, e.g. `[ua-1, a-2a]` (or `[]` for none)" => {
            "PDF 規格のリスト（例: `[ua-1, a-2a]`。なしは `[]`）"
        }
        "a list of diagnostic codes, e.g. `[E0505]`" => "診断コードのリスト（例: `[E0505]`）",
        "a list of rows" => "行のリスト",
        "a mapping of label keys to text, e.g. `response_time: {ja: 応答時間}`" => {
            "ラベルのキーとテキストのマッピング（例: `response_time: {ja: 応答時間}`）"
        }
        "a mapping with `kind:`" => "`kind:` を持つマッピング",
        "a mapping" => "マッピング",
        "a percentage" => "百分率",
        "a retention period" => "保管期間",
        "a schedule" => "スケジュール",
        "a schedule or cadence" => "スケジュールまたは頻度",
        "a string" => "文字列",
        "a target" => "目標",
        "a time of day (HH:MM)" => "時刻（HH:MM）",
        "a time zone" => "タイムゾーン",
        "a type" => "型",
        "a version" => "版",
        "a whole number" => "整数",
        "an integer" => "整数",
        "a number" => "数値",
        "a boolean" => "真偽値",
        "nothing (null)" => "空の値（null）",
        "an amount and a currency" => "金額と通貨",
        "an event" => "起点となる出来事",
        "an id" => "ID",
        "hours (HH:MM-HH:MM)" => "時間帯（HH:MM-HH:MM）",
        "text" => "テキスト",
        "text (a string, or `ja:`/`en:` translations)" => "テキスト（文字列、または `ja:`/`en:` の訳）",
        "a block name (`backups`) or a block with its argument (`criteria: security-levels`)" => {
            "ブロック名（`backups`）、または引数付きのブロック（`criteria: security-levels`）"
        }
        _ => return what.to_string(),
    };
    ja.to_string()
}

#[cfg(test)]
mod tests {
    /// Every name a decoder gives a mapping has its Japanese: read from
    /// the decoders' source, so a new one cannot be forgotten.
    #[test]
    fn every_mapping_name_has_japanese() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/load");
        let mut missing = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for call in ["map(node, \"", "map(n, \"", "id_entries(node, \"", "id_entries(n, \""] {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    let what = &rest[..rest.find('"').unwrap()];
                    if super::japanese(what).is_none() {
                        missing.push(format!("{}: {what}", entry.path().display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no Japanese for: {missing:#?}");
    }

    /// Every description of an expected value has its Japanese.
    #[test]
    fn every_expected_value_has_japanese() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/load");
        let mut missing = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
            if entry.path().extension().is_none_or(|e| e != "rs") || entry.path().ends_with("nouns.rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for call in [".scalar(", ".wrong_type(", ".parse_with("] {
                for (at, _) in text.match_indices(call) {
                    // The first string literal among the call's arguments.
                    let args = &text[at + call.len()..];
                    let args = &args[..args.find(['\n', ')']).unwrap_or(args.len())];
                    let Some(open) = args.find('"') else { continue };
                    let what = &args[open + 1..];
                    let Some(close) = what.find('"') else { continue };
                    let what = &what[..close];
                    if super::expected(what) == what {
                        missing.push(format!("{}: {what}", entry.path().display()));
                    }
                }
            }
        }
        for found in ["a string", "an integer", "a number", "a boolean", "nothing (null)", "a list", "a mapping"] {
            assert_ne!(super::expected(found), found);
        }
        assert!(missing.is_empty(), "no Japanese for: {missing:#?}");
    }
}
