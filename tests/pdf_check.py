#!/usr/bin/env python3
"""Independent checks of kiyaku's tagged PDFs, with pikepdf (not krilla).

Usage: pdf_check.py [--ua] [--archival PART LEVEL] FILE.pdf...

For every file, checks what PDF/UA-1 and PDF/A-2 need that a reader can
see without veraPDF:

- the catalog: /MarkInfo /Marked true, /Lang, DisplayDocTitle (PDF/UA), a
  StructTreeRoot, an OutputIntent with an embedded ICC profile (PDF/A);
- XMP: the pdfuaid / pdfaid identification claimed, and dc:title;
- every text-showing operator inside marked content (a tagged span with
  an MCID, or an artifact), every MCID in exactly one structure element
  and led back to it by the ParentTree;
- tables whose rows all have the same number of cells;
- TH elements with a /Scope, Link elements holding their annotation by
  OBJR and the annotation pointing back (/StructParent), with /Contents;
- Figure elements with /Alt;
- every font embedded, with a ToUnicode map.

Prints one line per problem and exits 1 if there is any.
"""

import argparse
import sys

import pikepdf

TEXT_OPS = {"Tj", "TJ", "'", '"'}


def struct_elements(root):
    """Every structure element, depth first, with the MCIDs and OBJRs it holds."""
    out = []
    seen = set()

    def walk(node, page, owner):
        if isinstance(node, pikepdf.Array):
            for k in node:
                walk(k, page, owner)
            return
        if isinstance(node, int):
            if owner is not None:
                out[owner][1].append((page, int(node)))
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        t = node.get("/Type")
        if t == "/MCR":
            if owner is not None:
                out[owner][1].append((node.get("/Pg", page), int(node["/MCID"])))
            return
        if t == "/OBJR":
            if owner is not None:
                out[owner][2].append(node["/Obj"])
            return
        if "/S" not in node:
            return
        key = node.objgen
        if key != (0, 0) and key in seen:
            return
        seen.add(key)
        out.append((node, [], []))
        me = len(out) - 1
        k = node.get("/K")
        if k is not None:
            walk(k, node.get("/Pg", page), me)

    walk(root.get("/K"), None, None)
    return out


def role(elem, role_map):
    s = str(elem["/S"])
    return str(role_map.get(s, s)) if role_map is not None else s


def marked_content_problems(page, index):
    """Text shown outside tagged content (a sequence with an MCID) or an
    artifact, and the MCIDs the page has."""
    problems = []
    mcids = set()
    # One entry per open marked-content sequence: does it make what it
    # holds tagged content or an artifact?
    stack = []
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = str(operands[0]) if operands else ""
            marks = tag == "/Artifact"
            if op == "BDC" and len(operands) == 2:
                props = operands[1]
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props["/MCID"])
                    if mcid in mcids:
                        problems.append(f"page {index + 1}: MCID {mcid} used twice")
                    mcids.add(mcid)
                    marks = True
            stack.append(marks)
        elif op == "EMC":
            if not stack:
                problems.append(f"page {index + 1}: EMC without a marked-content sequence")
            else:
                stack.pop()
        elif op in TEXT_OPS and not any(stack):
            problems.append(f"page {index + 1}: text shown outside tagged content or an artifact ({op})")
    if stack:
        problems.append(f"page {index + 1}: a marked-content sequence is not closed")
    return problems, mcids


def row_span(cell):
    """A cell's /RowSpan from its Table attributes (1 without one)."""
    attrs = cell.get("/A")
    if attrs is None:
        return 1
    if isinstance(attrs, pikepdf.Dictionary):
        attrs = [attrs]
    for a in attrs:
        if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table" and "/RowSpan" in a:
            return int(a["/RowSpan"])
    return 1


def row_spans(path):
    """The /RowSpan of every table cell that has one, in structure order."""
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return []
        role_map = tree.get("/RoleMap")
        cells = [e for e, _, _ in struct_elements(tree) if role(e, role_map) in ("/TD", "/TH")]
        return [row_span(c) for c in cells if row_span(c) > 1]


def table_problems(elems, role_map):
    """Tables whose rows do not all cover the same number of columns: a
    cell with /RowSpan covers its column in the rows below it too."""
    problems = []
    for elem, _, _ in elems:
        if role(elem, role_map) != "/Table":
            continue
        rows = []

        def collect(node):
            for k in kids(node):
                r = role(k, role_map)
                if r == "/TR":
                    rows.append([row_span(c) for c in kids(k) if role(c, role_map) in ("/TH", "/TD")])
                elif r in ("/THead", "/TBody", "/TFoot"):
                    collect(k)

        collect(elem)
        covered = [0] * (len(rows) + 1)
        widths = []
        for i, spans in enumerate(rows):
            widths.append(len(spans) + covered[i])
            for span in spans:
                for below in range(i + 1, min(i + span, len(rows))):
                    covered[below] += 1
                if i + span > len(rows):
                    problems.append(f"a Table cell spanning {span} rows from row {i + 1} of {len(rows)}")
        rows = widths
        if not rows:
            problems.append("a Table without rows")
        elif len(set(rows)) != 1:
            problems.append(f"a Table with rows of {sorted(set(rows))} cells")
    return problems


def kids(elem):
    k = elem.get("/K")
    items = list(k) if isinstance(k, pikepdf.Array) else ([k] if k is not None else [])
    return [i for i in items if isinstance(i, pikepdf.Dictionary) and "/S" in i]


def parent_tree(tree):
    """The ParentTree as {key: value}, its number tree flattened."""
    out = {}

    def walk(node):
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums) - 1, 2):
                out[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            walk(kid)

    pt = tree.get("/ParentTree")
    if pt is not None:
        walk(pt)
    return out


def check(path, ua, archival):
    problems = []
    pdf = pikepdf.open(path)
    root = pdf.Root
    mark = root.get("/MarkInfo")
    if mark is None or mark.get("/Marked") is not True:
        problems.append("/MarkInfo /Marked is not true")
    if not str(root.get("/Lang", "")):
        problems.append("no /Lang in the catalog")
    prefs = root.get("/ViewerPreferences")
    if ua and (prefs is None or prefs.get("/DisplayDocTitle") is not True):
        problems.append("DisplayDocTitle is not set")
    tree = root.get("/StructTreeRoot")
    if tree is None:
        problems.append("no structure tree")
        return problems

    with pdf.open_metadata() as meta:
        title = meta.get("dc:title")
        if not title:
            problems.append("XMP has no dc:title")
        if ua and str(meta.get("pdfuaid:part")) != "1":
            problems.append(f"XMP does not claim PDF/UA-1 (pdfuaid:part = {meta.get('pdfuaid:part')})")
        if archival:
            part, level = archival
            if str(meta.get("pdfaid:part")) != part or str(meta.get("pdfaid:conformance", "")).upper() != level.upper():
                problems.append(
                    f"XMP does not claim PDF/A-{part}{level} "
                    f"(pdfaid:part = {meta.get('pdfaid:part')}, conformance = {meta.get('pdfaid:conformance')})"
                )
    if archival:
        intents = root.get("/OutputIntents")
        ok = intents is not None and any(
            isinstance(i.get("/DestOutputProfile"), pikepdf.Stream) and i.get("/S") == "/GTS_PDFA1" for i in intents
        )
        if not ok:
            problems.append("no PDF/A OutputIntent with an embedded ICC profile")

    role_map = tree.get("/RoleMap")
    elems = struct_elements(tree)
    problems.extend(table_problems(elems, role_map))
    parents = parent_tree(tree)
    in_tree = set()
    pages = list(pdf.pages)
    page_index = {p.obj.objgen: i for i, p in enumerate(pages)}
    linked_annots = set()
    for elem, mcids, objrs in elems:
        r = role(elem, role_map)
        for pg, mcid in mcids:
            if pg is None:
                problems.append(f"{r}: marked content without a page")
                continue
            key = (page_index.get(pg.objgen), mcid)
            if key in in_tree:
                problems.append(f"page {key[0] + 1}: MCID {mcid} is in two structure elements")
            in_tree.add(key)
            # The ParentTree leads back from the MCID to this element.
            sp = pg.get("/StructParents")
            row = parents.get(int(sp)) if sp is not None else None
            if row is None or mcid >= len(row) or row[mcid].objgen != elem.objgen:
                problems.append(f"page {key[0] + 1}: the ParentTree does not lead MCID {mcid} back to its {r}")
        if r == "/TH":
            attrs = elem.get("/A")
            attrs = [attrs] if isinstance(attrs, pikepdf.Dictionary) else list(attrs or [])
            if not any("/Scope" in a for a in attrs if isinstance(a, pikepdf.Dictionary)):
                problems.append("a TH without /Scope")
        if r == "/Link":
            if not objrs:
                problems.append("a Link element without its annotation (OBJR)")
            for o in objrs:
                if o.objgen in linked_annots:
                    problems.append("an annotation in two Link elements")
                linked_annots.add(o.objgen)
        if r == "/Figure" and not str(elem.get("/Alt", "")):
            problems.append("a Figure without /Alt")

    for i, page in enumerate(pages):
        p, mcids = marked_content_problems(page, i)
        problems.extend(p)
        for m in sorted(mcids):
            if (i, m) not in in_tree:
                problems.append(f"page {i + 1}: MCID {m} is in no structure element")
        for m in sorted(m for (p, m) in in_tree if p == i and m not in mcids):
            problems.append(f"page {i + 1}: the structure tree holds MCID {m}, which the page does not have")
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            if "/StructParent" not in annot:
                problems.append(f"page {i + 1}: a link annotation without /StructParent")
            if annot.objgen not in linked_annots:
                problems.append(f"page {i + 1}: a link annotation in no Link element")
            if not str(annot.get("/Contents", "")):
                problems.append(f"page {i + 1}: a link annotation without /Contents")

    fonts = {}
    for page in pages:
        res = page.obj.get("/Resources", {})
        for name, font in dict(res.get("/Font", {})).items():
            fonts[font.objgen] = font
    for font in fonts.values():
        base = str(font.get("/BaseFont"))
        if "/ToUnicode" not in font:
            problems.append(f"font {base} has no ToUnicode map")
        descendants = font.get("/DescendantFonts", [font])
        for d in descendants:
            fd = d.get("/FontDescriptor")
            if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"font {base} is not embedded")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ua", action="store_true", help="expect the PDF/UA-1 claim")
    ap.add_argument("--archival", nargs=2, metavar=("PART", "LEVEL"), help="expect PDF/A-PART LEVEL, e.g. 2 A")
    ap.add_argument("--row-spans", action="store_true", help="print each file's /RowSpan values, in order")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    bad = 0
    for f in args.files:
        if args.row_spans:
            print(f"{f}: row spans {row_spans(f)}")
        for p in check(f, args.ua, args.archival):
            print(f"{f}: {p}")
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
