//! The static site: building, escaping, atomic output, determinism, built-in
//! and overridden templates, and the check of every link in the output.

use crate::common::*;
use std::path::Path;

fn build(root: &Path, extra: &[&str]) -> (i32, String, Vec<Diag>) {
    let mut args = vec!["build", "--root", root.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = kiyaku(&args);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned(), parse_json_lines(&out.stdout))
}

#[test]
fn example_site_checks_clean_and_builds() {
    let site = example_site();
    let out = kiyaku(&["check", "--root", site.path().to_str().unwrap(), "--strict"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err.lines().count(), 1, "one summary line: {err}");
    assert!(err.contains("no problems"), "{err}");

    let (code, err, diags) = build(site.path(), &["--strict"]);
    assert_eq!(code, 0, "{err} {diags:#?}");
    let out = site.path().join("output");
    assert!(out.join("index.html").is_file());
    assert!(out.join("assets/style.css").is_file());
    for d in [
        "planora-security-whitepaper",
        "hoshikage-support-services",
        "hoshikage-support-tiers-en",
        "soramail-support-guide",
        "yuzuriha-secupdate-spec",
    ] {
        let html = std::fs::read_to_string(out.join(d).join("index.html")).unwrap();
        assert!(html.contains(&format!("href=\"{d}.pdf\"")), "{d} links its PDF");
        assert!(out.join(d).join(format!("{d}.pdf")).is_file());
        assert!(html.contains("<nav class=\"toc\""), "{d} has a table of contents");
    }
    // The default level is 既定 (the default), not 規定 (a regulation).
    let guide = std::fs::read_to_string(out.join("hoshikage-support-services/index.html")).unwrap();
    assert!(guide.contains("既定の") && !guide.contains("規定"), "既定");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for d in ["planora-security-whitepaper", "hoshikage-support-tiers-en"] {
        assert!(index.contains(&format!("href=\"{d}/index.html\"")), "index links {d}");
    }
    // Marked 取扱注意: published, with its mark, but not advertised.
    assert!(!index.contains("yuzuriha-secupdate-spec/"), "a restricted document stays off the index");
    let spec = std::fs::read_to_string(out.join("yuzuriha-secupdate-spec/index.html")).unwrap();
    assert!(spec.contains("取扱注意") && spec.contains("YZ-SPEC-LSU-001"), "the mark and number on the page");
}

#[test]
fn empty_links_take_the_current_number_and_title() {
    let site = example_site();
    let (code, err, _) = build(site.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(site.path().join("output/planora-security-whitepaper/index.html")).unwrap();
    // `[](#manuals)` in the responsibility section; revision entries by section id.
    assert!(html.contains("<a href=\"#manuals\">6 手順書の提供</a>"), "filled link");
    assert!(html.contains("<a href=\"#encryption\">12 暗号化の状況</a>"), "revision 1.1 names chapter 12 now");
    assert!(html.contains("<a href=\"#service-hours\">2 サービス提供時間</a>"));
    let en = std::fs::read_to_string(site.path().join("output/hoshikage-support-tiers-en/index.html")).unwrap();
    assert!(en.contains("href=\"../hoshikage-support-services/index.html\""), "cross-document link");
}

#[test]
fn html_is_accessible_and_self_contained() {
    let site = example_site();
    build(site.path(), &[]);
    let out = site.path().join("output");
    for (path, bytes) in snapshot(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert!(html.contains("<html lang=\""), "{path}: lang");
        assert!(html.contains("class=\"skip-link\""), "{path}: skip link");
        for external in ["http://", "https://"] {
            for attr in ["src=\"", "<link rel=\"stylesheet\" href=\""] {
                assert!(!html.contains(&format!("{attr}{external}")), "{path}: external resource");
            }
        }
        // Scripts: only the index page's search, from our own assets.
        let scripts: Vec<&str> = html
            .match_indices("<script")
            .map(|(i, _)| &html[i..html[i..].find('>').map_or(html.len(), |e| i + e)])
            .collect();
        let ours = ["<script src=\"assets/search-index.js\" defer", "<script src=\"assets/search.js\" defer"];
        if path == "index.html" {
            assert_eq!(scripts, ours, "{path}: the search's scripts only");
        } else {
            assert!(scripts.is_empty(), "{path}: no scripts on document pages: {scripts:?}");
        }
        if html.contains("<th") {
            assert!(!html.contains("<th>"), "{path}: every th has a scope");
        }
    }
    let tiers = std::fs::read_to_string(out.join("hoshikage-support-tiers-en/index.html")).unwrap();
    assert!(tiers.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(tiers.contains("<caption>Response and escalation targets</caption>"));
}

#[test]
fn script_in_yaml_is_escaped() {
    let p = project("script-in-yaml");
    let (code, err, diags) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(diags.iter().any(|d| d.code == "W0405"), "warned: {diags:#?}");
    let html = std::fs::read_to_string(p.path().join("output/extra-doc/index.html")).unwrap();
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "escaped");
    assert!(!html.contains("<script>alert"), "not executable");
}

#[test]
fn failing_build_leaves_previous_output_intact() {
    let p = project("base");
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let out = p.path().join("output");
    let before = snapshot(&out);
    assert!(!before.is_empty());
    std::fs::write(p.path().join("content/extra.yaml"), "kind: service\nid: extra\n").unwrap();
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 1);
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(snapshot(&out), before, "output untouched");
    let leftovers: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn two_builds_are_byte_identical() {
    let a = example_site();
    let b = example_site();
    assert_eq!(build(a.path(), &[]).0, 0);
    assert_eq!(build(b.path(), &[]).0, 0);
    let (sa, sb) = (snapshot(&a.path().join("output")), snapshot(&b.path().join("output")));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between builds");
    }
}

#[test]
fn builtin_templates_and_overrides() {
    // The base fixture has no templates/ directory: built-ins are used.
    let p = project("base");
    assert!(!p.path().join("templates").exists());
    assert_eq!(build(p.path(), &[]).0, 0);
    let html = std::fs::read_to_string(p.path().join("output/wp/index.html")).unwrap();
    assert!(html.contains("<caption>バックアップの間隔と保管世代</caption>"));
    // An override of one block template replaces just that block.
    let p = project("template-override");
    assert_eq!(build(p.path(), &[]).0, 0);
    let html = std::fs::read_to_string(p.path().join("output/wp/index.html")).unwrap();
    assert!(html.contains("OVERRIDDEN BACKUP TABLE: daily"), "override used");
    assert!(html.contains("<section id=\"hours\""), "other blocks still built in");
}

#[test]
fn broken_link_in_the_built_site_is_reported() {
    let p = project("broken-site-link");
    let (code, _, diags) = build(p.path(), &[]);
    assert_eq!(code, 1);
    let d = diags.iter().find(|d| d.code == "E0406").unwrap_or_else(|| panic!("{diags:#?}"));
    assert!(d.message.contains("favicon.ico"), "{}", d.message);
    assert!(!p.path().join("output").exists(), "nothing written");
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_write() {
    let p = project("base");
    let mine = p.path().join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("precious.txt"), "keep me").unwrap();
    let (code, err, _) = build(p.path(), &["--out", mine.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("refusing to replace"), "{err}");
    assert_eq!(std::fs::read_to_string(mine.join("precious.txt")).unwrap(), "keep me");
}

#[test]
fn revision_history_shows_authors_and_approvers() {
    let p = project("base");
    let wp = p.path().join("content/whitepaper.yaml");
    let text = std::fs::read_to_string(&wp).unwrap().replace(
        "  - version: \"1.1\"\n    date: 2024-06-01\n",
        "  - version: \"1.1\"\n    date: 2024-06-01\n    author: 山田 太郎\n    approver: 佐藤 花子\n",
    );
    std::fs::write(&wp, text).unwrap();
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/wp/index.html")).unwrap();
    for s in ["改訂者", "承認者", "山田 太郎", "佐藤 花子"] {
        assert!(html.contains(s), "{s}");
    }
    let pdf = p.path().join("output/wp/wp.pdf");
    if have_tool("pdftotext") {
        let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("承認者") && text.contains("佐藤"), "{text}");
    }
}

#[test]
fn a_note_on_a_target_cell_is_marked_and_shown() {
    let p = project("base");
    let f = p.path().join("content/programme.yaml");
    let text = std::fs::read_to_string(&f).unwrap().replace(
        "s1: {basic: 4 business hours, pro: 1h}",
        "s1: {basic: {value: 4 business hours, note: 平日の受付分に限ります。}, pro: 1h}",
    );
    assert!(text.contains("受付分"));
    std::fs::write(&f, text).unwrap();
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
    assert!(html.contains("営業時間 ※1</td>") || html.contains("※1</td>"), "the cell carries the mark");
    assert!(html.contains("※1 平日の受付分に限ります。"), "the note is listed under the table");
}

#[test]
fn folded_japanese_text_joins_without_spaces_and_keeps_paragraphs() {
    let p = project("base");
    let wp = p.path().join("content/whitepaper.yaml");
    let text = std::fs::read_to_string(&wp).unwrap().replace(
        "    body: バックアップについては[](#backup)をご覧ください。\n",
        "    body: >\n      お客様のデータは\n      国内で保管します。\n\n      バックアップについては[](#backup)を\n      ご覧ください。\n",
    );
    std::fs::write(&wp, text).unwrap();
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/wp/index.html")).unwrap();
    assert!(html.contains("<p>お客様のデータは国内で保管します。</p>"), "one paragraph, no space inside");
    assert!(html.contains("<p>バックアップについては"), "the blank line starts a second paragraph");
}

#[test]
fn a_scale_names_its_own_severity_column() {
    let p = project("base");
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
    assert_eq!(html.matches(">深刻度</th>").count(), 2, "the default heading, in both tables: {html}");

    let scale = p.path().join("content/scale.yaml");
    let text = std::fs::read_to_string(&scale).unwrap().replace("name: 深刻度\n", "name: 深刻度\nterm: 重大度\n");
    std::fs::write(&scale, text).unwrap();
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
    assert_eq!(html.matches(">重大度</th>").count(), 2, "the scale's own term heads both tables");
    assert!(!html.contains(">深刻度</th>"));
}

#[test]
fn cells_with_the_same_note_share_one_mark() {
    let note = "祝日を除きます。";
    let p = crate::common::Fixture::new("base")
        .edit(
            "content/programme.yaml",
            "s1: {basic: 4 business hours, pro: 1h}",
            &format!("s1: {{basic: {{value: 4 business hours, note: {note}}}, pro: {{value: 1h, note: {note}}}}}"),
        )
        .edit(
            "content/programme.yaml",
            "s2: {basic: 1 business day, pro: 4h}",
            "s2: {basic: {value: 1 business day, note: 別の注記です。}, pro: 4h}",
        );
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
    assert_eq!(html.matches(note).count(), 1, "the shared note is listed once: {html}");
    assert_eq!(html.matches("※1").count(), 3, "two cells and the note: {html}");
    assert!(html.contains("※2") && !html.contains("※3"), "{html}");
}

#[test]
fn notes_with_paragraphs_and_lists_keep_them() {
    // A channel's note with a list: blocks under the channel, not one run-on line.
    let p = crate::common::Fixture::new("base")
        .edit(
            "content/programme.yaml",
            "  - id: email\n    name: メール\n",
            "  - id: email\n    name: メール\n    address: support@example.com\n    note: |\n      件名に契約番号を含めてください。\n\n      - 製品のバージョン\n      - 発生した日時 [](#nosuch)\n",
        )
        .edit("content/sla.yaml", "    show: severity-levels\n", "    show: severity-levels\n  - id: channels\n    title: 窓口\n    show: channels\n");
    // The broken link inside the list still points at its line.
    p.check(&[]).expect("E0401", "content/programme.yaml:16:19");
    let p = p.edit("content/programme.yaml", " [](#nosuch)", "");
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
    assert!(html.contains("<p>件名に契約番号を含めてください。</p>\n<ul>\n<li>製品のバージョン</li>"), "{html}");
}

#[test]
fn a_project_names_labels_in_its_own_terms() {
    let p = crate::common::Fixture::new("base").write(
        "kiyaku.yaml",
        "title: テストサイト\nlanguage: ja\nlabels:\n  response_time: 応答時間\n  targets_caption: 応答時間の目安\n  contents: {ja: もくじ, en: Table of contents}\n  type_sla: {ja: サポート規約}\n",
    );
    let run = p.check(&["--strict"]);
    assert_eq!(run.code, 0, "{:#?}", run.diags);
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
    assert!(html.contains("応答時間") && !html.contains("レスポンスタイム"), "table rows use the project's word");
    let index = std::fs::read_to_string(p.path().join("output/index.html")).unwrap();
    assert!(index.contains("サポート規約"), "the document type's name");
    if have_tool("pdftotext") {
        let text = std::process::Command::new("pdftotext")
            .args([p.path().join("output/sla/sla.pdf").to_str().unwrap(), "-"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("もくじ") && text.contains("応答時間"), "the PDF too: {text}");
        assert!(!text.contains("目次"), "{text}");
    }
    // The unknown key says what it is close to.
    let run = crate::common::Fixture::new("unknown-label").check(&[]);
    let d = run.expect("E0110", "kiyaku.yaml:4:3");
    assert_eq!(d.hint.as_deref(), Some("did you mean `response_time`?"));
}

#[test]
fn the_targets_caption_names_escalation_only_when_the_table_has_it() {
    let caption = |p: &crate::common::Fixture| {
        let (code, err, _) = build(p.path(), &[]);
        assert_eq!(code, 0, "{err}");
        let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
        html.split("<caption>").nth(1).and_then(|c| c.split("</caption>").next()).unwrap_or("").to_string()
    };
    let with = crate::common::Fixture::new("base");
    assert_eq!(caption(&with), "レスポンスタイムとエスカレーションの目安");
    // No escalation path: no escalation rows, and the caption does not promise them.
    let without = crate::common::Fixture::new("base").edit(
        "content/programme.yaml",
        "escalation:\n  - severity: s1\n    tiers: [pro]\n    steps:\n      - after: 2h\n        to: manager\n",
        "",
    );
    assert_eq!(caption(&without), "レスポンスタイムの目安");
}

#[test]
fn the_support_hours_table_speaks_the_programmes_terms() {
    let header = |p: &crate::common::Fixture| {
        let (code, err, _) = build(p.path(), &[]);
        assert_eq!(code, 0, "{err}");
        let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
        let at = html.find("サポート時間</th>").expect("the support-hours table");
        html[at..].split("</tr>").next().unwrap_or("").to_string()
    };
    let with_hours = |p: crate::common::Fixture| {
        p.edit(
            "content/sla.yaml",
            "    show: severity-levels\n",
            "    show: severity-levels\n  - id: hours\n    title: 時間\n    show: support-hours\n",
        )
    };
    // No coverage names languages: no column of "すべて".
    let plain = with_hours(crate::common::Fixture::new("base"));
    let h = header(&plain);
    assert!(!h.contains("言語") && h.contains("対象の深刻度"), "{h}");
    // The scale's own term heads the severities; languages given: the column is there.
    let termed = with_hours(crate::common::Fixture::new("base"))
        .edit("content/scale.yaml", "kind: severity-scale\n", "kind: severity-scale\nterm: 緊急レベル\n")
        .edit(
            "content/programme.yaml",
            "        channels: [phone, email]\n",
            "        channels: [phone, email]\n        languages: [ja]\n",
        );
    let h = header(&termed);
    assert!(h.contains("対象の緊急レベル") && h.contains("言語"), "{h}");
}

#[test]
fn one_feature_can_have_a_section_of_its_own() {
    let p = crate::common::Fixture::new("base").edit(
        "content/sla.yaml",
        "    show: feature-matrix",
        "    show: {feature: phone-support}",
    );
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
    assert!(html.contains("<strong>電話サポート</strong>"), "{html}");
    assert!(html.contains("提供するサポートレベル：プロ"), "only the tiers that offer it: {html}");
    assert!(!html.contains("チケット対応"), "not the other features");
}

#[test]
fn response_and_update_rows_can_have_sections_of_their_own() {
    let p = crate::common::Fixture::new("base").edit(
        "content/sla.yaml",
        "    show: response-targets\n",
        "    show: {response-targets: response}\n  - id: updates\n    title: 報告\n    show: {response-targets: update}\n",
    );
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
    let tables: Vec<&str> = html.split("<table").skip(1).collect();
    let (response, update) = (tables[0], tables[1]);
    assert!(response.contains("レスポンスタイムの目安") && response.contains("レスポンスタイム</td>"), "{response}");
    assert!(!response.contains("対応状況の報告頻度</td>") && !response.contains("エスカレーション"), "{response}");
    assert!(update.contains("対応状況の報告頻度の目安") && update.contains("対応状況の報告頻度</td>"), "{update}");
    assert!(!update.contains("レスポンスタイム</td>"), "{update}");
    // Anything else is refused, saying what it may be.
    let run = crate::common::Fixture::new("base")
        .edit("content/sla.yaml", "    show: response-targets\n", "    show: {response-targets: responses}\n")
        .check(&[]);
    let d = run.expect("E0113", "content/sla.yaml:11:30");
    assert!(d.hint.as_deref().unwrap_or("").contains("`response`"), "{d:?}");
}

#[test]
fn label_overrides_are_checked() {
    let run = crate::common::Fixture::new("base")
        .write("kiyaku.yaml", "title: テストサイト\nlanguage: ja\nlabels:\n  type_sal: {ja: 規約}\n  escalation_to: {en: Escalate}\n  offered_by: {en: \"Available in: \"}\n")
        .check(&[]);
    // A document type no document has, with the nearest suggested.
    let d = run.expect("E0110", "kiyaku.yaml:4:3");
    assert_eq!(d.hint.as_deref(), Some("did you mean `type_sla`?"));
    // A label that drops the part kiyaku fills in.
    let d = run.expect("E0113", "kiyaku.yaml:5:23");
    assert!(d.message.contains("{name}"), "{d:?}");
    assert_eq!(run.code, 1);
}

#[test]
fn a_language_given_beside_all_wins_for_that_language() {
    let p = crate::common::Fixture::new("base").edit(
        "content/programme.yaml",
        "name: ベーシック",
        "name: {all: Basic, ja: ベーシック}",
    );
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(p.path().join("output/sla/index.html")).unwrap();
    assert!(html.contains("ベーシック") && !html.contains(">Basic<"), "the Japanese document says ベーシック");
}

#[test]
fn pdfs_from_the_cache_are_those_a_cold_build_makes() {
    let dir = example_site();
    let root = dir.path().to_str().unwrap();
    let build = |out: &str| {
        let o = kiyaku_env(&["build", "--root", root, "--out", out], &[("SOURCE_DATE_EPOCH", "1700000000")]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    // `check` keeps nothing.
    let (_, code, _) = check(dir.path(), &[]);
    assert_eq!(code, 0);
    assert!(!dir.path().join(".kiyaku-cache").exists(), "check wrote a cache");
    let cold = dir.path().join("cold");
    build(cold.to_str().unwrap());
    let entries = || std::fs::read_dir(dir.path().join(".kiyaku-cache/pdf")).unwrap().count();
    // Six documents and the three comparisons they publish.
    assert_eq!(entries(), 9, "one entry per document");
    let warm = dir.path().join("warm");
    build(warm.to_str().unwrap());
    let pdf = |out: &std::path::Path| std::fs::read(out.join("planora-sla/planora-sla.pdf")).unwrap();
    assert_eq!(pdf(&cold), pdf(&warm), "a cached PDF is the PDF");
    // A damaged entry is noticed and made again.
    for e in std::fs::read_dir(dir.path().join(".kiyaku-cache/pdf")).unwrap() {
        let p = e.unwrap().path();
        let mut data = std::fs::read(&p).unwrap();
        let last = data.len() - 1;
        data[last] ^= 0xff;
        std::fs::write(&p, data).unwrap();
    }
    let again = dir.path().join("again");
    build(again.to_str().unwrap());
    assert_eq!(pdf(&cold), pdf(&again));
    // A changed document gets a new entry; the old one goes.
    crate::common::edit(dir.path(), "content/documents/planora-sla.yaml", "本合意書は、", "この合意書は、");
    let changed = dir.path().join("changed");
    let o = kiyaku_env(
        &["build", "--root", root, "--out", changed.to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    // The edit needs a revision: the build refuses, and the cache is as it was.
    assert!(!o.status.success());
    assert_eq!(entries(), 9);
}

#[test]
fn a_tiers_table_leaves_out_columns_no_tier_fills() {
    // The base programme's tiers have neither a summary nor a price.
    let f = Fixture::new("base").edit(
        "content/sla.yaml",
        "    show: feature-matrix\n",
        "    show: [tiers, feature-matrix]\n",
    );
    build_ok(f.path());
    let html = std::fs::read_to_string(f.path().join("output/sla/index.html")).unwrap();
    assert!(html.contains("サポートレベル"), "the tiers table is there");
    assert!(!html.contains(">料金<") && !html.contains("<th>サービス内容</th><th>料金"), "no empty price column");
    let with_price = Fixture::new("base")
        .edit("content/programme.yaml", "    name: プロ\n", "    name: プロ\n    price: 年額 12 万円\n")
        .edit("content/sla.yaml", "    show: feature-matrix\n", "    show: [tiers, feature-matrix]\n");
    build_ok(with_price.path());
    let html = std::fs::read_to_string(with_price.path().join("output/sla/index.html")).unwrap();
    assert!(html.contains("料金"), "a price column once a tier has a price");
}

/// An English edition of the base fixture's whitepaper.
const WP_EN: &str = "kind: document
id: wp-en
type: security-whitepaper
service: cloud
translation_of: wp
title: Acme Cloud security whitepaper
language: en
version: \"1.0\"
sections:
  - id: intro
    title: Introduction
    body: This is the English edition.
revisions:
  - version: \"1.0\"
    date: 2024-06-01
    changes:
      - summary: First edition
";

#[test]
fn editions_in_other_languages_link_to_each_other() {
    let p = project("base");
    std::fs::write(p.path().join("content/wp-en.yaml"), WP_EN).unwrap();
    let (code, err, _) = build(p.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let out = p.path().join("output");
    let ja = std::fs::read_to_string(out.join("wp/index.html")).unwrap();
    assert!(ja.contains("<a href=\"../wp-en/index.html\" hreflang=\"en\" lang=\"en\">English</a>"), "{ja}");
    assert!(ja.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../wp-en/index.html\">"));
    let en = std::fs::read_to_string(out.join("wp-en/index.html")).unwrap();
    assert!(en.contains("Other editions: <a href=\"../wp/index.html\" hreflang=\"ja\" lang=\"ja\">日本語</a>"), "{en}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"wp-en/index.html\" hreflang=\"en\" lang=\"en\">English</a>"), "{index}");

    // A translation of nothing, or in the same language, is refused.
    edit(p.path(), "content/wp-en.yaml", "translation_of: wp", "translation_of: wpp");
    let (diags, code, _) = check(p.path(), &[]);
    assert_eq!(code, 1);
    let d = expect_diag(&diags, "E0228", "content/wp-en.yaml", 5, 17);
    assert!(d.hint.as_deref().unwrap_or("").contains("`wp`"), "{d:?}");
    edit(p.path(), "content/wp-en.yaml", "translation_of: wpp", "translation_of: wp");
    edit(p.path(), "content/wp-en.yaml", "language: en", "language: ja");
    let (diags, ..) = check(p.path(), &[]);
    expect_diag(&diags, "E0228", "content/wp-en.yaml", 5, 17);
}
