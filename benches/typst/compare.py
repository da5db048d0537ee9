#!/usr/bin/env python3
"""kiyaku against typst on the same Japanese whitepaper.

Generates one document of about N pages twice — as a kiyaku project and as a
typst file, with the same text, headings, lists, tables and font (the bundled
Noto Sans JP) — and measures, for each size:

- the whole process, as a user waits for it: `kiyaku build` (which also
  validates and writes the HTML site) against `python -c 'typst.compile(..)'`;
- typst's in-process `typst.compile` alone;
- PDF bytes and peak memory (the child's max RSS) of each.

Runs are interleaved (kiyaku, typst, kiyaku, …) and medians are reported.
typst comes from PyPI's `typst` package:

    python3 -m venv /tmp/tv && /tmp/tv/bin/pip install typst
    cargo build --release
    /tmp/tv/bin/python benches/typst/compare.py --pages 10 100 --runs 7

`--standard ua-1` (or `a-2b`) compiles typst to that PDF standard; tagging
is on in typst by default (`pdf_tags=True`), so compare like with like.
"""

import argparse
import os
import resource  # noqa: F401  (used by the peak-memory child)
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FONTS = os.path.join(ROOT, "assets", "fonts")

# Sentences of the kind a security whitepaper holds; cycled deterministically.
SENTENCES = [
    "お客様からお預かりしたデータは、すべて日本国内のデータセンターに保管します。",
    "当社は定期的にバックアップを取得し、復旧試験でデータを正しく復元できることを確認しています。",
    "管理者権限は業務上必要な担当者に限って付与し、付与と削除の記録を保管します。",
    "システムで利用している OS やミドルウェアの脆弱性情報を継続して収集しています。",
    "緊急性の高い脆弱性は、テスト環境で検証したうえで速やかに修正パッチを適用します。",
    "通信はすべて TLS 1.2 以上で暗号化し、保存データは AES-256 で暗号化します。",
    "インシデントを検知した場合は、影響範囲を調査し、お客様に速やかにお知らせします。",
    "ログは改ざんを防ぐために別の領域へ転送し、定められた期間保管します。",
    "契約終了後は、お客様のデータを復元できない方法で完全に削除します。",
    "従業員には入社時と年に一度、情報セキュリティの教育を実施しています。",
]

SECTION_WORDS = ["アクセス管理", "暗号化", "バックアップ", "脆弱性管理", "ログの管理", "インシデント対応", "データの削除", "教育"]


def paragraph(i, n=4):
    return "".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(n))


def content(pages):
    """The document's sections: (title, paragraphs, list items, table rows). About one page each."""
    out = []
    for s in range(pages):
        title = f"{SECTION_WORDS[s % len(SECTION_WORDS)]} {s + 1}"
        paras = [paragraph(s * 3 + p) for p in range(3)]
        items = [SENTENCES[(s + k) % len(SENTENCES)] for k in range(3)]
        rows = [(f"項目 {s + 1}-{r + 1}", SENTENCES[(s + r + 5) % len(SENTENCES)]) for r in range(4)]
        out.append((title, paras, items, rows))
    return out


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_kiyaku(dir, sections):
    subprocess.run([KIYAKU, "init", dir], check=True, capture_output=True)
    docs = os.path.join(dir, "content", "documents")
    shutil.rmtree(docs)
    os.makedirs(docs)
    lines = [
        "kind: document",
        "id: bench",
        "type: security-whitepaper",
        "service: example-cloud",
        "title: ベンチマーク セキュリティホワイトペーパー",
        "language: ja",
        'version: "1.0"',
        "sections:",
    ]
    for i, (title, paras, items, rows) in enumerate(sections):
        body = "\n\n".join(paras) + "\n\n" + "\n".join(f"- {it}" for it in items) + "\n\n"
        body += "| 項目 | 内容 |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows) + "\n"
        lines.append(f"  - id: s{i + 1}")
        lines.append(f"    title: {yaml_str(title)}")
        lines.append("    body: |")
        lines.extend("      " + line if line else "" for line in body.split("\n"))
    lines += ["revisions:", '  - version: "1.0"', "    date: 2025-01-01", "    changes:", "      - summary: 初版発行", ""]
    with open(os.path.join(docs, "bench.yaml"), "w") as f:
        f.write("\n".join(lines))


def typst_escape(s):
    return "".join("\\" + c if c in "#*_`$<>@[]\\" else c for c in s)


def write_typst(path, sections):
    out = [
        '#set document(title: "ベンチマーク セキュリティホワイトペーパー")',
        # Set close to kiyaku's pages: A4, 25 mm margins, 10.5 pt text, a
        # cover, a table of contents, numbered headings.
        '#set text(font: "Noto Sans JP", lang: "ja", size: 10.5pt)',
        '#set page(paper: "a4", margin: 25mm, numbering: "1")',
        "#set heading(numbering: \"1\")",
        "#set par(justify: true, leading: 0.9em, spacing: 1.2em)",
        "#align(center + horizon, text(size: 20pt)[ベンチマーク セキュリティホワイトペーパー])",
        "#pagebreak()",
        "#outline()",
        "#pagebreak()",
    ]
    for title, paras, items, rows in sections:
        out.append(f"== {typst_escape(title)}")
        out.extend(typst_escape(p) + "\n" for p in paras)
        out.extend(f"- {typst_escape(it)}" for it in items)
        out.append("")
        cells = ", ".join(f"[{typst_escape(a)}], [{typst_escape(b)}]" for a, b in rows)
        out.append(f"#table(columns: (auto, 1fr), table.header([*項目*], [*内容*]), {cells})")
        out.append("")
    with open(path, "w") as f:
        f.write("\n".join(out))


def timed(cmd, env=None):
    """Wall seconds of one run of `cmd`."""
    start = time.monotonic()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.monotonic() - start


def peak_of(cmd):
    """Peak RSS (MiB) of one run, in a child of its own."""
    code = (
        "import resource,subprocess,sys\n"
        "subprocess.run(sys.argv[1:],check=True,capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def cold_peak(cmd, proj):
    shutil.rmtree(os.path.join(proj, ".kiyaku-cache"), ignore_errors=True)
    return peak_of(cmd)


def pdf_pages(path):
    try:
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        return next((line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")), "?")
    except FileNotFoundError:
        return "?"


def main():
    global KIYAKU
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, nargs="+", default=[10, 100])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--kiyaku", default=os.path.join(ROOT, "target", "release", "kiyaku"))
    ap.add_argument("--standard", default=None, help="typst PDF standard, e.g. ua-1 or a-2b")
    args = ap.parse_args()
    KIYAKU = args.kiyaku
    import typst  # noqa: F401  (fail early when the package is missing)

    print(f"kiyaku: {KIYAKU}; typst {typst.__version__}; {args.runs} runs each, medians")
    print("| sections | kiyaku pages | typst pages | kiyaku s | typst s (process) | typst s (compile) | ratio (process) | ratio (compile) | kiyaku PDF KB | typst PDF KB | kiyaku MiB | typst MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in args.pages:
        with tempfile.TemporaryDirectory() as tmp:
            sections = content(n)
            proj = os.path.join(tmp, "k")
            write_kiyaku(proj, sections)
            src = os.path.join(tmp, "bench.typ")
            write_typst(src, sections)
            out_pdf = os.path.join(tmp, "bench.pdf")
            std = f", pdf_standards=[{args.standard!r}]" if args.standard else ""
            compile_py = (
                "import sys,time,typst\n"
                "t=time.perf_counter()\n"
                f"typst.compile({src!r}, output={out_pdf!r}, font_paths=[{FONTS!r}], ignore_system_fonts=True{std})\n"
                "print(time.perf_counter()-t)"
            )
            k_cmd = [KIYAKU, "build", "--root", proj, "--out", os.path.join(proj, "out")]
            t_cmd = [sys.executable, "-c", compile_py]
            env = dict(os.environ, KIYAKU_TODAY="2025-01-02", SOURCE_DATE_EPOCH="1735689600")
            subprocess.run(k_cmd, check=True, capture_output=True, env=env)  # warm-up, and a check that it builds
            subprocess.run(t_cmd, check=True, capture_output=True)
            k_walls, t_walls, t_compiles = [], [], []
            for _ in range(args.runs):
                # A cold build: the PDF cache would otherwise serve the PDF.
                shutil.rmtree(os.path.join(proj, ".kiyaku-cache"), ignore_errors=True)
                k_walls.append(timed(k_cmd, env))
                start = time.monotonic()
                r = subprocess.run(t_cmd, check=True, capture_output=True, text=True)
                t_walls.append(time.monotonic() - start)
                t_compiles.append(float(r.stdout.strip().splitlines()[-1]))
            k_pdf = os.path.join(proj, "out", "bench", "bench.pdf")
            k, t, c = statistics.median(k_walls), statistics.median(t_walls), statistics.median(t_compiles)
            print(
                f"| {n} | {pdf_pages(k_pdf)} | {pdf_pages(out_pdf)} | {k:.3f} | {t:.3f} | {c:.3f} | {k / t:.2f} | {k / c:.2f} "
                f"| {os.path.getsize(k_pdf) / 1024:.0f} | {os.path.getsize(out_pdf) / 1024:.0f} "
                f"| {cold_peak(k_cmd, proj):.0f} | {peak_of(t_cmd):.0f} |"
            )


KIYAKU = ""
if __name__ == "__main__":
    main()
