// The README's API reference (generated from the .d.ts files) is current,
// and names everything the package really exports: every export of the
// entry, every method, getter and static of its classes.
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as payseal from "payseal";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readme = readFileSync(`${root}README.md`, "utf8");
const reference = readme.slice(readme.indexOf("<!-- api-reference:start"), readme.indexOf("<!-- api-reference:end -->"));

test("the API reference is what scripts/api-reference.mjs writes", () => {
  const out = execFileSync(process.execPath, [`${root}scripts/api-reference.mjs`, "--check"], { encoding: "utf8" });
  assert.match(out, /up to date/);
});

test("every export of the package, and every member of its classes, has its line", () => {
  const missing = [];
  const has = (text) => reference.includes(`\`${text}`) || missing.push(text);
  for (const [name, value] of Object.entries(payseal)) {
    if (name.startsWith("__")) continue; // the package's own plumbing
    if (typeof value !== "function" || !/^[A-Z]/.test(name)) {
      has(typeof value === "function" ? `${name}(` : name);
      continue;
    }
    if (!reference.includes(`- class \`${name}\``)) missing.push(`class ${name}`);
    const internal = (n) => n.startsWith("__") || ["constructor", "length", "name", "prototype", "arguments", "caller"].includes(n);
    for (const n of Object.getOwnPropertyNames(value)) if (!internal(n)) has(`${name}.${n}`);
    for (const n of Object.getOwnPropertyNames(value.prototype)) if (!internal(n)) has(`${name}#${n}`);
  }
  assert.deepEqual(missing, []);
});
