#!/usr/bin/env python3
"""Well-formedness check for report.html: balanced tags, no network references, inline SVG present.

Usage: check_html.py FILE; exit status 0 when the page passes, 1 with the problems on stderr."""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.counts = [], [], {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name in ("src", "href") and (v.startswith("http") or v.startswith("//")):
                self.problems.append(f"external reference {name}={value!r} in <{tag}>")
        if tag in ("script", "link", "iframe", "img"):
            self.problems.append(f"<{tag}> not allowed in a self-contained report")
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append(f"</{tag}> at {self.getpos()} closes nothing")
            return
        open_tag, pos = self.stack.pop()
        if open_tag != tag:
            self.problems.append(f"</{tag}> at {self.getpos()} closes <{open_tag}> opened at {pos}")


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    c = Checker()
    c.feed(text)
    c.close()
    if c.stack:
        c.problems.append("unclosed: " + ", ".join(f"<{t}> at {p}" for t, p in c.stack))
    if not text.lstrip().lower().startswith("<!doctype html>"):
        c.problems.append("missing <!DOCTYPE html>")
    if c.counts.get("svg", 0) < 4:
        c.problems.append(f"expected at least 4 inline charts, found {c.counts.get('svg', 0)}")
    for p in c.problems:
        print(p, file=sys.stderr)
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())
