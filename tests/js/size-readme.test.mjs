// scripts/size --check: the README states the build's sizes exactly, and its
// benchmark block is whole and dated; altered copies of the README fail.
import test from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tmp } from "./helpers.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");

function check(text, mode = "--check") {
  const file = join(tmp, `README-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [join(root, "scripts/size.mjs"), mode], { env: { ...process.env, PAYSEAL_README: file }, encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr, text: readFileSync(file, "utf8") };
}

const swap = (text, pattern, replacement) => {
  assert.match(text, pattern);
  return text.replace(pattern, replacement);
};

test("the README states the build's sizes and a whole benchmark block", () => {
  const r = check(readme);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /sizes as built/);
});

test("a size that is not the build's fails, and --readme writes it back", () => {
  const wasmGzip = /\| `payseal\.wasm` \| (\d+) \| (\d+) \|/.exec(readme)[2];
  for (const altered of [
    swap(readme, /\| `payseal\.wasm` \| (\d+) \| (\d+) \|/, (_, raw, gz) => `| \`payseal.wasm\` | ${raw} | ${Number(gz) + 1} |`),
    swap(readme, /(- The `\.wasm`: \d+ bytes, )(\d+)/, (_, a, gz) => `${a}${Number(gz) - 1}`),
    swap(readme, /(about\s+)(\d+)( KB\s+gzipped\s+instead)/, (_, a, n, b) => `${a}${Number(n) + 1}${b}`),
    swap(readme, /(for its )(\d+)( KB\))/, "$1400$3"),
  ]) {
    const r = check(altered);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /differs from the build|the build \d+/);
    const fixed = check(altered, "--readme");
    assert.equal(fixed.status, 0, fixed.out);
    assert.equal(fixed.text, readme);
  }
  assert.ok(Number(wasmGzip) > 100_000);
});

test("a benchmark block with a line missing, a future or impossible date fails", () => {
  for (const [altered, message] of [
    [swap(readme, /^- Cold start .*\n/m, ""), /no "- Cold start" line/],
    [swap(readme, /^\| RSA-4096 \| verify \| payseal verify \|.*\n/m, ""), /RSA-4096 verify rows are not the implementations/],
    [swap(readme, /Measured \d{4}-\d{2}-\d{2}/, "Measured 2999-01-01"), /in the future/],
    [swap(readme, /Measured \d{4}-\d{2}-\d{2}/, "Measured 2026-02-30"), /is no date/],
    [swap(readme, /<!-- bench:start -->/, ""), /no benchmark block/],
  ]) {
    const r = check(altered);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, message);
  }
});

test("prose that no longer states a checked figure is reported", () => {
  const r = check(swap(readme, /\(about\s+\d+ KB\s+gzipped\s+instead\s+of\s+\d+ KB\)/, "(a third more)"));
  assert.equal(r.status, 1);
  assert.match(r.out, /states the inline entry against the separate \.wasm .* 0 times/);
});
