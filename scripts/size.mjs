// The package's sizes as built in pkg/, and the README figures made from
// them (run through scripts/size, which builds the package when missing).
//
//   scripts/size            prints the raw and gzipped size of each file
//   scripts/size --readme   writes the sizes into README.md
//   scripts/size --check    fails when README.md states other sizes than
//                           the build's, or its benchmark block is not whole
//
// Gzipped means zlib at level 9 (as `scripts/bench` measures it); KB are
// 1000 bytes. The figures the README states: the sizes table between the
// size markers, the `.wasm` line of the benchmark block, and the prose
// figures matched by PROSE below. The benchmark block's measurements are
// checked by presence and date, never by value (they are a machine's).
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = join(root, "pkg");
// PAYSEAL_README: another file to read (the tests check altered copies).
const readmePath = process.env.PAYSEAL_README ?? join(root, "README.md");

const sizeOf = (name) => {
  const bytes = readFileSync(join(pkg, name));
  return { name, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (bytes) => `${Math.round(bytes / 1000)} KB`;

function measure() {
  const wasm = sizeOf("payseal.wasm");
  const inline = sizeOf("wasm-inline.js");
  const glue = sizeOf("payseal_glue.js");
  // The JS API is one module per concept: every pkg/*.js but the glue and
  // the base64 copy of the .wasm.
  const api = readdirSync(pkg).filter((f) => f.endsWith(".js") && f !== "payseal_glue.js" && f !== "wasm-inline.js").sort().map(sizeOf);
  const nodeMjs = sizeOf("node-api.mjs");
  const nodeMore = sizeOf("node-more.cjs");
  const nodeCjs = sizeOf("node-api.cjs");
  const nodeGlue = sizeOf("glue-node.cjs");
  // The published package (npm pack's file list), without README.md, whose
  // size follows the prose and these very figures.
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkg, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  const files = packed.files.filter((f) => f.path !== "README.md");
  const packageBytes = files.reduce((sum, f) => sum + f.size, 0);
  return { wasm, inline, glue, api, nodeMjs, nodeMore, nodeCjs, nodeGlue, packageFiles: files.length, packageBytes };
}

function printTable(m) {
  const row = (name, bytes, gzip) => console.log(`${name.padEnd(22)} ${String(bytes).padStart(10)} ${String(gzip).padStart(10)}`);
  row("file", "bytes", "gzip-9");
  for (const f of [m.wasm, m.inline, m.glue, ...m.api, m.nodeMjs, m.nodeMore, m.nodeCjs, m.nodeGlue]) row(f.name, f.bytes, f.gzip);
  console.log(`\nnpm package: ${m.packageFiles} files, ${m.packageBytes} bytes unpacked (without README.md)`);
}

/** The sizes block of the README. */
function sizesBlock(m) {
  const apiBytes = m.api.reduce((s, f) => s + f.bytes, 0);
  const apiGzip = m.api.reduce((s, f) => s + f.gzip, 0);
  return `<!-- size:start -->
| as built (\`scripts/size\`) | bytes | gzipped |
|---|---:|---:|
| \`payseal.wasm\` | ${m.wasm.bytes} | ${m.wasm.gzip} |
| \`wasm-inline.js\` (the \`.wasm\` as base64, for bundlers and Deno) | ${m.inline.bytes} | ${m.inline.gzip} |
| \`payseal_glue.js\` (wasm-bindgen glue) | ${m.glue.bytes} | ${m.glue.gzip} |
| the JS API (${m.api.length} modules, each gzipped) | ${apiBytes} | ${apiGzip} |
| \`node-api.mjs\` (Node's entry: what a first signature or verification needs, bundled as an ES module) | ${m.nodeMjs.bytes} | ${m.nodeMjs.gzip} |
| \`node-more.cjs\` (the rest of the API for \`node-api.mjs\`, loaded when a call first needs it) | ${m.nodeMore.bytes} | ${m.nodeMore.gzip} |
| \`node-api.cjs\` (the whole API as CommonJS, for a Node without \`require(esm)\`) | ${m.nodeCjs.bytes} | ${m.nodeCjs.gzip} |
| \`glue-node.cjs\` (the glue for Node's entries, loaded when a call first needs it) | ${m.nodeGlue.bytes} | ${m.nodeGlue.gzip} |
| the npm package, unpacked (${m.packageFiles} files, without this README) | ${m.packageBytes} | |
<!-- size:end -->`;
}

// Figures stated in the prose: a pattern (its groups are the figures) and
// the text each group must read.
const PROSE = [
  {
    what: "the inline entry against the separate .wasm (Runtimes and bundlers)",
    pattern: /(about\s+)(\d+ KB)(\s+gzipped\s+instead\s+of\s+)(\d+ KB)(\))/,
    figures: (m) => ({ 2: kb(m.inline.gzip), 4: kb(m.wasm.gzip) }),
  },
  {
    what: "the gzipped .wasm (Performance and size)",
    pattern: /(`wasm-opt\s+-Oz[^`]*`\s+\(about\s+)(\d+ KB)(\s+gzipped)/,
    figures: (m) => ({ 2: kb(m.wasm.gzip) }),
  },
  {
    what: "the raw .wasm a first PayerMax request compiles (Performance and size)",
    pattern: /(compiles\s+the\s+`\.wasm`\s+\(about\s+\d+\s+ms\s+for\s+its\s+)(\d+ KB)(\))/,
    figures: (m) => ({ 2: kb(m.wasm.bytes) }),
  },
  {
    what: "the .wasm line of the benchmark block",
    pattern: /(- The `\.wasm`: )(\d+)( bytes, )(\d+)( bytes gzipped)/,
    figures: (m) => ({ 2: String(m.wasm.bytes), 4: String(m.wasm.gzip) }),
  },
];

/** README.md with the build's figures, and the differences from `text`. */
function rewrite(text, m) {
  const problems = [];
  const sizes = /<!-- size:start -->[\s\S]*?<!-- size:end -->/;
  if (!sizes.test(text)) problems.push("README.md has no sizes block (<!-- size:start --> ... <!-- size:end -->)");
  else {
    const want = sizesBlock(m);
    const have = sizes.exec(text)[0];
    if (have !== want) problems.push(`the sizes table differs from the build:\n${have}\n--- as built ---\n${want}`);
    text = text.replace(sizes, () => want);
  }
  for (const rule of PROSE) {
    const found = text.match(new RegExp(rule.pattern.source, "g")) ?? [];
    if (found.length !== 1) {
      problems.push(`README.md states ${rule.what} ${found.length} times (pattern ${rule.pattern}); update scripts/size.mjs with the prose`);
      continue;
    }
    const figures = rule.figures(m);
    text = text.replace(rule.pattern, (...groups) => {
      const parts = groups.slice(1, 1 + (groups.length - 3)).filter((g) => typeof g === "string");
      return parts.map((part, i) => {
        const want = figures[i + 1];
        if (want !== undefined && part !== want) problems.push(`${rule.what}: README.md says ${part}, the build ${want}`);
        return want ?? part;
      }).join("");
    });
  }
  return { text, problems };
}

/** The benchmark block: present, dated (not in the future), every part of scripts/bench's output there. */
function checkBench(text) {
  const problems = [];
  const block = /<!-- bench:start -->\n([\s\S]*?)\n<!-- bench:end -->/.exec(text)?.[1];
  if (!block) return ["README.md has no benchmark block (<!-- bench:start --> ... <!-- bench:end -->)"];
  const header = /^Measured (\d{4})-(\d{2})-(\d{2}), .+ \(\d+ cores?\), Node v\d+\.\d+\.\d+ \(`scripts\/bench`, full run\):$/m.exec(block);
  if (!header) problems.push("the benchmark block has no `Measured YYYY-MM-DD, CPU (N cores), Node vX (`scripts/bench`, full run):` line");
  else {
    const [, y, mo, d] = header.map(Number);
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) problems.push(`the benchmark date ${header[1]}-${header[2]}-${header[3]} is no date`);
    else if (date.getTime() > Date.now()) problems.push(`the benchmark date ${header[1]}-${header[2]}-${header[3]} is in the future`);
  }
  const rows = [...block.matchAll(/^\| RSA-(\d+) \| (sign|verify) \| ([^|]+?) \| ([\d.]+ [µm]?s) \| ([\d.]+) \|$/gm)];
  const groups = new Map();
  for (const [, bits, op, impl, , ratio] of rows) {
    const key = `RSA-${bits} ${op}`;
    if (!groups.has(key)) groups.set(key, new Map());
    groups.get(key).set(impl, ratio);
  }
  for (const key of ["RSA-2048 sign", "RSA-2048 verify", "RSA-4096 sign", "RSA-4096 verify"]) {
    const impls = groups.get(key);
    if (!impls) { problems.push(`the benchmark table has no ${key} rows`); continue; }
    if (impls.get("node:crypto (KeyObject)") !== "1.00") problems.push(`the benchmark table's ${key} rows lack the node:crypto baseline (1.00)`);
    const same = [...groups.get(key.replace("4096", "2048")).keys()].join("\n");
    if ([...impls.keys()].join("\n") !== same) problems.push(`the benchmark table's ${key} rows are not the implementations of RSA-2048 ${key.split(" ")[1]}`);
  }
  for (const prefix of ["- Cold start (fresh Node process", "- Cold start by Node version", "- Cloudflare Workers, workerd ", "- Payee validation: ", "- Payee validation: `validatePayee` by Node version", "- Request check: ", "- Wasm memory: ", "- The `.wasm`: "]) {
    if (!block.split("\n").some((l) => l.startsWith(prefix))) problems.push(`the benchmark block has no "${prefix.trim()}" line`);
  }
  return problems;
}

const mode = process.argv[2] ?? "";
if (!["", "--readme", "--check"].includes(mode)) {
  console.error("usage: scripts/size [--readme | --check]");
  process.exit(2);
}
const m = measure();
if (mode === "") {
  printTable(m);
} else {
  const text = readFileSync(readmePath, "utf8");
  const { text: updated, problems } = rewrite(text, m);
  const bench = checkBench(mode === "--readme" ? updated : text);
  if (mode === "--readme") {
    if (updated !== text) writeFileSync(readmePath, updated);
    const unfixable = problems.filter((p) => /has no sizes block|times \(pattern/.test(p)).concat(bench);
    console.log(updated !== text ? "README.md: sizes written from the build" : "README.md: sizes already as built");
    if (unfixable.length) {
      console.error(unfixable.map((p) => `README.md: ${p}`).join("\n"));
      process.exit(1);
    }
  } else {
    const all = problems.concat(bench);
    if (all.length) {
      console.error(all.map((p) => `README.md: ${p}`).join("\n"));
      console.error("run scripts/size --readme (after scripts/build) to write the build's sizes; the benchmark block comes from scripts/bench | scripts/bench-readme.py");
      process.exit(1);
    }
    console.log(`README.md: sizes as built (.wasm ${m.wasm.bytes} bytes, ${m.wasm.gzip} gzipped; package ${m.packageBytes} bytes unpacked); benchmark block complete`);
  }
}
