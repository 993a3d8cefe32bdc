#!/usr/bin/env node
// The README's API reference, generated from the package's TypeScript
// declarations (pkg-template/*.d.ts): every exported function and class,
// each class's members, and every option of every configuration and
// options object, one line each, from their JSDoc.
//   node scripts/api-reference.mjs          rewrites the README section
//   node scripts/api-reference.mjs --check  fails when it is out of date,
//                                           or when something public has no JSDoc
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const README = `${ROOT}README.md`;
const START = "<!-- api-reference:start (scripts/api-reference.mjs writes this part) -->";
const END = "<!-- api-reference:end -->";
// The modules in the order the README presents them; payermax-data.d.ts is
// generated per endpoint and summarised in one line.
const MODULES = [
  ["keys.d.ts", "Keys and signatures"],
  ["payermax.d.ts", "PayerMax"],
  ["cashy.d.ts", "Cashy"],
  ["payee.d.ts", "Payee validation"],
  ["diagnose.d.ts", "Diagnosis"],
  ["error.d.ts", "Errors"],
  ["ack.d.ts", "Answers"],
  ["input.d.ts", "Inputs"],
  ["body.d.ts", "Request bodies"],
  ["warm.d.ts", "Warming up"],
  ["index.d.ts", "Package"],
];
// Interfaces whose properties are options a caller passes.
const OPTION_OBJECTS = /(Config|Options|Context)$/;

const missing = [];

// The first sentence of a declaration's JSDoc; "" when it has none, which
// is recorded as missing when the declaration must have one (`what`).
function doc(node, what) {
  const tags = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = tags.map((t) => ts.getTextOfJSDocComment(t.comment) ?? "").join(" ").replace(/\s+/g, " ").trim();
  if (!text) {
    if (what) missing.push(what);
    return "";
  }
  // The first sentence: up to a full stop followed by a space (not inside
  // `code`, not an abbreviation).
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "`") inCode = !inCode;
    if (!inCode && text[i] === "." && (i === text.length - 1 || text[i + 1] === " ") && !/\b(e\.g|i\.e|etc)$/.test(text.slice(0, i))) {
      return text.slice(0, i + 1);
    }
  }
  return text;
}

const params = (node, source) =>
  node.parameters.map((p) => `${p.dotDotDotToken ? "..." : ""}${p.name.getText(source)}${p.questionToken || p.initializer ? "?" : ""}`).join(", ");

function members(cls, source, prefix, lines) {
  const seen = new Set();
  for (const m of cls.members) {
    if (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword)) continue;
    const isStatic = m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
    const owner = isStatic ? `${prefix}.` : `${prefix}#`;
    if (ts.isConstructorDeclaration(m)) {
      lines.push(`- \`new ${prefix}(${params(m, source)})\`${describe(m, `new ${prefix}`, cls)}`);
      continue;
    }
    const name = m.name?.getText(source);
    if (!name || seen.has(`${isStatic}${name}`)) continue; // overloads: the first one's doc
    seen.add(`${isStatic}${name}`);
    if (ts.isMethodDeclaration(m)) {
      lines.push(`- \`${owner}${name}(${params(m, source)})\`${describe(m, `${prefix}.${name}`)}`);
      inlineOptions(m, source, lines);
    }
    else lines.push(`- \`${owner}${name}\`${describe(m, `${prefix}.${name}`)}`);
  }
}

// The members of an options object written in a signature (`opts?: { validate?: boolean }`).
function inlineOptions(fn, source, lines) {
  for (const p of fn.parameters) {
    if (!p.type || !ts.isTypeLiteralNode(p.type)) continue;
    for (const m of p.type.members) {
      if (!m.name) continue;
      const text = doc(m); // optional for the members of an inline options object
      lines.push(`  - option \`${p.name.getText(source)}.${m.name.getText(source)}${m.questionToken ? "?" : ""}\` (\`${m.type?.getText(source) ?? "unknown"}\`)${text ? `: ${text}` : ""}`);
    }
  }
}

// ": <doc>" for a listing line; a constructor without its own doc takes
// its class's (`fallback`).
function describe(node, what, fallback) {
  const text = fallback ? doc(node) || doc(fallback, what) : doc(node, what);
  return text ? `: ${text}` : "";
}

function section(file, title) {
  const path = `${ROOT}pkg-template/${file}`;
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const lines = [];
  const seen = new Set();
  for (const node of source.statements) {
    const exported = node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(node)) {
      const name = node.name.text;
      if (seen.has(name)) continue;
      seen.add(name);
      lines.push(`- \`${name}(${params(node, source)})\`${describe(node, name)}`);
      inlineOptions(node, source, lines);
    } else if (ts.isClassDeclaration(node)) {
      const name = node.name.text;
      lines.push(`- class \`${name}\`${describe(node, name)}`);
      members(node, source, name, lines);
    } else if (ts.isInterfaceDeclaration(node) && OPTION_OBJECTS.test(node.name.text)) {
      const name = node.name.text;
      lines.push(`- \`${name}\`${describe(node, name)}`);
      for (const m of node.members) {
        if (!m.name) continue;
        lines.push(`  - \`${m.name.getText(source)}${m.questionToken ? "?" : ""}\`${describe(m, `${name}.${m.name.getText(source)}`)}`);
      }
    } else if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) lines.push(`- \`${d.name.getText(source)}\`${describe(node, d.name.getText(source))}`);
    }
  }
  return lines.length ? `### ${title} (\`${file}\`)\n\n${lines.join("\n")}\n` : "";
}

const body = [
  "Generated from the TypeScript declarations (`scripts/api-reference.mjs`; CI checks it is current). Types other than",
  "configurations and options are in the `.d.ts` files; `payermax-data.d.ts` (generated from the OpenAPI",
  "description) types every endpoint's request and response `data`, every notification's `data` by `notifyType`,",
  "the callbacks without `notifyType` and the answers with data.",
  "",
  ...MODULES.map(([file, title]) => section(file, title)).filter(Boolean),
].join("\n");

if (missing.length) {
  console.error(`public declarations without JSDoc (add a /** ... */ line in pkg-template/*.d.ts):\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
const readme = readFileSync(README, "utf8");
const a = readme.indexOf(START);
const b = readme.indexOf(END);
if (a < 0 || b < a) {
  console.error(`README.md has no API reference markers (${START} ... ${END})`);
  process.exit(1);
}
const next = `${readme.slice(0, a + START.length)}\n${body}${readme.slice(b)}`;
if (process.argv.includes("--check")) {
  if (next !== readme) {
    console.error("README.md: the API reference is out of date: run node scripts/api-reference.mjs");
    process.exit(1);
  }
  console.log("README.md: the API reference is up to date");
} else {
  writeFileSync(README, next);
  console.log("README.md: API reference written");
}
