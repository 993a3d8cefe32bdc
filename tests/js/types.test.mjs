// The TypeScript types: strict compilation of real usage (ESM and CJS, node16
// and bundler resolution), and no `any` anywhere in the public API.
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = (...args) => execFileSync(`${root}/node_modules/.bin/tsc`, args, { cwd: root, encoding: "utf8" });

test("the types compile strictly under node16 (ESM and CJS)", () => {
  tsc("-p", "tests/types/tsconfig.json");
});

test("the types compile strictly under bundler resolution", () => {
  tsc("--strict", "--noEmit", "--module", "esnext", "--moduleResolution", "bundler", "--target", "es2022", "--lib", "es2022,dom", "tests/types/usage.ts");
});

// lib es2022 alone: no DOM lib and no @types/node, under every resolution mode.
for (const [module, resolution] of [["node16", "node16"], ["nodenext", "nodenext"], ["preserve", "bundler"], ["commonjs", "node10"]]) {
  test(`the types need no DOM or Node globals (module ${module}, moduleResolution ${resolution})`, () => {
    tsc("-p", "tests/types/tsconfig.bare.json", "--module", module, "--moduleResolution", resolution);
  });
}

const typeFiles = () => readdirSync(`${root}/pkg`).filter((f) => f.endsWith(".d.ts"));

test("no `any` in the public types", () => {
  assert.ok(typeFiles().includes("index.d.ts"));
  for (const file of typeFiles()) {
    const dts = readFileSync(`${root}/pkg/${file}`, "utf8").replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
    // `any` as a type (a property named `any`, as in conditions, is fine).
    assert.doesNotMatch(dts, /\bany\b(?!\s*:)/, file);
  }
});

test("require() gets the same types: a .d.cts twin of each .d.ts, importing the .cjs twins", () => {
  for (const file of typeFiles()) {
    const esm = readFileSync(`${root}/pkg/${file}`, "utf8");
    const cjs = readFileSync(`${root}/pkg/${file.replace(/\.d\.ts$/, ".d.cts")}`, "utf8");
    assert.equal(cjs, esm.replace(/(from "\.\/[^"]*)\.js"/g, '$1.cjs"'), file);
    assert.doesNotMatch(cjs, /from "\.\/[^"]*\.js"/, file);
  }
});
