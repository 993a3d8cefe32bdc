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

test("sizes that are not the build's fail, and --readme writes them back", () => {
  let altered = readme;
  altered = swap(altered, /\| `payseal\.wasm` \| (\d+) \| (\d+) \|/, (_, raw, gz) => `| \`payseal.wasm\` | ${raw} | ${Number(gz) + 1} |`);
  altered = swap(altered, /(- The `\.wasm`: \d+ bytes, )(\d+)/, (_, a, gz) => `${a}${Number(gz) - 1}`);
  altered = swap(altered, /(about\s+)(\d+)( KB\s+gzipped\s+instead)/, (_, a, n, b) => `${a}${Number(n) + 1}${b}`);
  altered = swap(altered, /(for its )(\d+)( KB\))/, (_, a, n, b) => `${a}400${b}`);
  const r = check(altered);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /the sizes table differs from the build/);
  assert.match(r.out, /the \.wasm line of the benchmark block: README\.md says \d+, the build \d+/);
  assert.match(r.out, /the inline entry against the separate \.wasm .*: README\.md says \d+ KB, the build \d+ KB/);
  assert.match(r.out, /the raw \.wasm a first PayerMax request compiles .*: README\.md says 400 KB, the build \d+ KB/);
  const fixed = check(altered, "--readme");
  assert.equal(fixed.status, 0, fixed.out);
  assert.equal(fixed.text, readme);
});

test("a benchmark block with a part missing, or a future or impossible date, fails", () => {
  let altered = readme;
  altered = swap(altered, /^- Cold start by Node version.*\n/m, "");
  altered = swap(altered, /^\| RSA-4096 \| verify \| payseal verify \|.*\n/m, "");
  altered = swap(altered, /Measured \d{4}-\d{2}-\d{2}/, "Measured 2999-01-01");
  let r = check(altered);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /no "- Cold start by Node version" line/);
  assert.match(r.out, /RSA-4096 verify rows are not the implementations/);
  assert.match(r.out, /in the future/);
  r = check(swap(readme, /Measured \d{4}-\d{2}-\d{2}/, "Measured 2026-02-30"));
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /is no date/);
  r = check(swap(readme, /<!-- bench:start -->/, ""));
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /no benchmark block/);
});

test("prose that no longer states a checked figure is reported", () => {
  const r = check(swap(readme, /\(about\s+\d+ KB\s+gzipped\s+instead\s+of\s+\d+ KB\)/, "(a third more)"));
  assert.equal(r.status, 1);
  assert.match(r.out, /states the inline entry against the separate \.wasm .* 0 times/);
});
