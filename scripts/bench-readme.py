#!/usr/bin/env python3
"""Replaces the benchmark block of README.md (between the bench markers)
with the output of `scripts/bench` read from standard input."""
import re
import sys

lines = sys.stdin.read().strip().split("\n")
header = lines[0]
table = "\n".join(l for l in lines if l.startswith("|"))
extra = "\n".join(
    "- " + l.replace("cold start", "Cold start").replace("workerd (", "Cloudflare Workers, workerd (").replace("wasm memory", "Wasm memory").replace("wasm:", "The `.wasm`:").replace("validatePayee", "Payee validation: `validatePayee`").replace("request check:", "Request check:")
    for l in lines
    if l.startswith(("cold", "workerd", "validatePayee", "wasm memory", "wasm:", "request check"))
)
block = f"Measured {header.split(', ', 1)[1]} (`scripts/bench`, full run):\n\n{table}\n\n{extra}"
readme = open("README.md").read()
new, n = re.subn(r"<!-- bench:start -->.*?<!-- bench:end -->", lambda _: f"<!-- bench:start -->\n{block}\n<!-- bench:end -->", readme, flags=re.S)
if n != 1:
    sys.exit("README.md has no bench markers")
open("README.md", "w").write(new)
