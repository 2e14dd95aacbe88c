#!/usr/bin/env python3
"""Refreshes every `<!-- snippet: PATH#TAG -->` block in docs/*.md from the tagged region of PATH
(`// tag::TAG[]` ... `// end::TAG[]`, `#` in a Dockerfile, `<!-- -->` in XML), less its common indentation.
DocsSnippetsTest (junit-extension) fails the build when a block and its source differ.
Run from anywhere: python3 docs/update-snippets.py"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"(<!-- snippet: (\S+)#(\S+) -->\s*\n```\w*\n)(.*?)(```)", re.S)


def region(path, tag):
    lines = (ROOT / path).read_text().split("\n")

    def index(marker):
        for i, line in enumerate(lines):
            if line.strip() in ("// " + marker, "# " + marker, f"<!-- {marker} -->"):
                return i
        raise SystemExit(f"{path} has no line {marker}")

    body = lines[index(f"tag::{tag}[]") + 1 : index(f"end::{tag}[]")]
    indent = min((len(l) - len(l.lstrip()) for l in body if l.strip()), default=0)
    return "\n".join("" if not l.strip() else l[indent:] for l in body) + "\n"


for doc in sorted((ROOT / "docs").glob("*.md")):
    text = doc.read_text()
    new = BLOCK.sub(lambda m: m.group(1) + region(m.group(2), m.group(3)) + m.group(5), text)
    if new != text:
        doc.write_text(new)
        print("updated", doc.relative_to(ROOT))
