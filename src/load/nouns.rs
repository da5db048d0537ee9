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
}
