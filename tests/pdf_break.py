#!/usr/bin/env python3
"""Break a tagged PDF in the ways tests/pdf_check.py must notice, one way
per output file, so that a test can show the checker is not blind.

Usage: pdf_break.py IN.pdf OUTDIR

Writes OUTDIR/<way>.pdf for each way: no-objr, no-struct-parent,
untagged-text, no-scope, short-row.
"""

import os
import sys

import pikepdf


def elements(node, out):
    if isinstance(node, pikepdf.Array):
        for k in node:
            elements(k, out)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        out.append(node)
        k = node.get("/K")
        if k is not None:
            elements(k, out)
    return out


def first(pdf, role):
    return next(e for e in elements(pdf.Root.StructTreeRoot.get("/K"), []) if str(e["/S"]) == role)


def no_objr(pdf):
    link = first(pdf, "/Link")
    link.K = pikepdf.Array([k for k in link.K if not (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR")])


def no_struct_parent(pdf):
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == "/Link":
                del annot["/StructParent"]
                return


def untagged_text(pdf):
    page = pdf.pages[0]
    ops = list(pikepdf.parse_content_stream(page))
    def shows_text(i):
        # Whether the marked content opened at `i` draws text (a logo
        # drawn before the title is tagged content too, but no text).
        for _, op in ops[i + 1:]:
            if str(op) == "EMC":
                return False
            if str(op) in ("Tj", "TJ", "'", '"'):
                return True
        return False

    for i, (operands, op) in enumerate(ops):
        if (
            str(op) == "BDC"
            and isinstance(operands[1], pikepdf.Dictionary)
            and "/MCID" in operands[1]
            and shows_text(i)
        ):
            ops[i] = pikepdf.ContentStreamInstruction([pikepdf.Name("/Span")], pikepdf.Operator("BMC"))
            break
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))


def no_scope(pdf):
    del first(pdf, "/TH")["/A"]


def short_row(pdf):
    body = first(pdf, "/TBody")
    row = next(k for k in body.K if isinstance(k, pikepdf.Dictionary) and str(k["/S"]) == "/TR")
    row.K = pikepdf.Array(list(row.K)[:-1])


WAYS = {
    "no-objr": no_objr,
    "no-struct-parent": no_struct_parent,
    "untagged-text": untagged_text,
    "no-scope": no_scope,
    "short-row": short_row,
}


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, way in WAYS.items():
        with pikepdf.open(src) as pdf:
            way(pdf)
            pdf.save(os.path.join(out, f"{name}.pdf"))


if __name__ == "__main__":
    main()
