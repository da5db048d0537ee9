//! Synthetic content for benchmarks: N documents of realistic size (10–40
//! pages of long Japanese prose and big tables), generated from a seed so
//! every run measures the same input.

use std::fmt::Write;
use std::path::Path;

/// A small deterministic generator (64-bit LCG).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() as usize) % items.len()]
    }
}

const SENTENCES: &[&str] = &[
    "当社は、お預かりしたデータの漏えい、改ざん、毀損、滅失を防ぐための技術的および組織的な対策を講じています。",
    "お客様は、ユーザーに付与されたパスワードを適切に管理し、第三者への漏えいを防ぐ責任を負います。",
    "システムで利用している OS やミドルウェアの脆弱性情報は、公的な情報源とベンダーの告知から継続して収集しています。",
    "緊急性の高い脆弱性については、テスト環境での検証を経たうえで、通常の保守時間帯を待たずに修正を適用します。",
    "バックアップデータはメインのデータとは別の地方にある国内拠点に保管し、定期的に復旧試験を行っています。",
    "インシデントが発生した場合は、影響の範囲を特定したうえで、ご登録いただいた連絡先に速やかにご連絡します。",
    "ログは改ざんを防ぐ仕組みの上で保管し、権限を持つ担当者だけが参照できるように管理しています。",
    "サービスの仕様変更やバージョンアップの予定は、サポートサイトで事前にお知らせします。",
    "The service is operated from data centres in Japan, and customer data does not leave the country.",
    "サポート窓口へのお問い合わせには、契約番号と対象サーバーのホスト名（例: app-01.ap-northeast-1.example.jp）を記載してください。",
    "暗号化には TLS 1.2 以上を使用し、保存データは AES-256 で暗号化しています。",
    "定期メンテナンスは原則として毎月第3日曜日の夜間に実施し、作業内容は7日前までにお知らせします。",
];

/// A YAML double-quoted scalar.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn prose(rng: &mut Rng, sentences: u64) -> String {
    let mut s = String::new();
    for _ in 0..sentences {
        s.push_str(rng.pick(SENTENCES));
    }
    s
}

/// Write a project with `docs` documents (two per service) into `root`.
/// `pages` selects the rough size of each document (10–40 pages by default).
pub fn generate(root: &Path, docs: usize, seed: u64, pages: Option<u64>) {
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(root.join("kiyaku.yaml"), "title: ベンチマーク\nlanguage: ja\n").unwrap();
    std::fs::write(
        content.join("provider.yaml"),
        "kind: provider\nid: bench\nname: 株式会社ベンチマーク\ncontacts:\n  - id: desk\n    name: サポート窓口\n    email: desk@bench.example\n",
    )
    .unwrap();
    std::fs::write(content.join("always.yaml"), "kind: calendar\nid: always\nname: 24時間365日\nhours: always\n")
        .unwrap();
    let mut rng = Rng::new(seed);
    let services = docs.div_ceil(2);
    for s in 0..services {
        let mut y = String::new();
        let _ = write!(
            y,
            "kind: service\nid: svc-{s}\nname: ベンチマークサービス{s}\nprovider: bench\nsummary: {}\navailability:\n  hours: always\n  target: 99.9%\ndata_deletion:\n  - data: お客様のデータ\n    within: 1 month\n    after: contract-end\nbackups:\n",
            q(rng.pick(SENTENCES))
        );
        for b in 0..3 {
            let _ = write!(
                y,
                "  - id: b{b}\n    data: ユーザーデータ\n    schedule: {}\n    generations: {}\n",
                ["daily", "weekly", "every 5 minutes"][b],
                rng.range(1, 4)
            );
        }
        y.push_str("criteria:\n  - id: big\n    title: 対象項目一覧\n    columns:\n      - id: name\n        title: 項目\n      - id: detail\n        title: 内容\n      - id: scope\n        title: 対象\n    rows:\n");
        for r in 0..rng.range(20, 60) {
            let n = rng.range(1, 2);
            let detail = prose(&mut rng, n);
            let scope = rng.pick(&["全サーバー", "ご契約のお客様", "https://example.com/scope/detail"]);
            let _ = write!(
                y,
                "      - id: r{r}\n        name: 項目{r}\n        detail: {}\n        scope: {}\n",
                q(&detail),
                q(scope)
            );
        }
        std::fs::write(content.join(format!("svc-{s}.yaml")), y).unwrap();
        for k in 0..2 {
            let d = s * 2 + k;
            if d >= docs {
                break;
            }
            let target_pages = pages.unwrap_or_else(|| rng.range(10, 40));
            // A chapter comes to a little under a page (measured: 100
            // chapters, 94 pages, with the cover, contents and tables).
            let chapters = (target_pages * 16 / 15).max(2);
            let mut y = format!(
                "kind: document\nid: doc-{d}\ntype: security-whitepaper\nservice: svc-{s}\ntitle: ベンチマーク文書{d}\nversion: \"1.0\"\ncontact: desk\nsections:\n"
            );
            for c in 0..chapters {
                let _ = write!(y, "  - id: c{c}\n    title: 第{c}章の見出し\n    body: |\n");
                for _ in 0..rng.range(3, 6) {
                    let n = rng.range(2, 5);
                    let _ = writeln!(y, "      {}\n", prose(&mut rng, n));
                }
                match c {
                    // One big table per document, smaller facts elsewhere.
                    1 => y.push_str("    show:\n      - criteria: big\n"),
                    c if c % 4 == 2 => y.push_str("    show: backups\n"),
                    c if c % 4 == 3 => y.push_str("    show: availability\n"),
                    _ => {}
                }
                let _ = write!(
                    y,
                    "    sections:\n      - id: c{c}-1\n        title: 第{c}章の補足\n        body: {}\n",
                    q(&prose(&mut rng, 4))
                );
            }
            y.push_str(
                "revisions:\n  - version: \"1.0\"\n    date: 2024-04-01\n    changes:\n      - summary: 初版発行\n",
            );
            std::fs::write(content.join(format!("doc-{d}.yaml")), y).unwrap();
        }
    }
}
