// The TypeScript types: strict compilation of real usage (ESM and CJS, node16
// and bundler resolution), and no `any` anywhere in the public API.
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = (...args) => execFileSync(`${root}/node_modules/.bin/tsc`, args, { cwd: root, encoding: "utf8" });

test("the types compile strictly under node16 (ESM and CJS)", () => {
  tsc("-p", "tests/types/tsconfig.json");
});

test("the types compile strictly under bundler resolution", () => {
  tsc("--strict", "--noEmit", "--module", "esnext", "--moduleResolution", "bundler", "--target", "es2022", "--lib", "es2022,dom", "tests/types/usage.ts");
});

test("no `any` in the public types", () => {
  const dts = readFileSync(`${root}/pkg/index.d.ts`, "utf8").replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
  // `any` as a type (a property named `any`, as in conditions, is fine).
  assert.doesNotMatch(dts, /\bany\b(?!\s*:)/);
  assert.equal(readFileSync(`${root}/pkg/index.d.cts`, "utf8"), readFileSync(`${root}/pkg/index.d.ts`, "utf8"));
});
