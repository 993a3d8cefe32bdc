// Finishes wasm-bindgen's output for the package (run by scripts/build):
//   node scripts/glue.mjs <glue.js in> <glue.js out> <payseal.wasm> <wasm-inline.js out>
// - The glue's default `new URL('payseal_glue_bg.wasm', import.meta.url)` names a
//   file the package does not have (webpack fails on it, Vite warns): every
//   entry passes the module itself, so the default becomes an error, and no
//   `import.meta` is left in the glue (it is also bundled into node.cjs).
// - Randomness: `globalThis.crypto.getRandomValues` where the runtime has it,
//   else a source the entry sets (node:crypto in Node).
// - wasm-inline.js: the same .wasm as base64 in an ES module, for bundlers and
//   runtimes that cannot locate, fetch or read a file beside the module.
import { readFileSync, writeFileSync } from "node:fs";

const [glueIn, glueOut, wasmPath, inlineOut] = process.argv.slice(2);
let glue = readFileSync(glueIn, "utf8");

function replaceOnce(pattern, replacement, what) {
  const matches = glue.match(new RegExp(pattern, "g")) ?? [];
  if (matches.length !== 1) throw new Error(`glue: expected one ${what}, found ${matches.length} (wasm-bindgen changed its output?)`);
  glue = glue.replace(pattern, replacement);
}

replaceOnce(
  /module_or_path = new URL\('[^']*', import\.meta\.url\);/,
  "throw new Error('payseal: the .wasm to load was not given');",
  "default .wasm URL",
);
replaceOnce(/globalThis\.crypto\.getRandomValues\(/, "getRandomValues(", "getRandomValues call");
// Instantiated on first use where the entry says how (Node, bundlers,
// Deno): until a call needs the wasm code, \`wasm\` is a stand-in whose
// first property read instantiates the module, so an import compiles
// nothing, and keys read in JS never need the module at all.
replaceOnce(
  /let wasmModule, wasmInstance, wasm;/,
  "let wasmModule, wasmInstance, wasm = new Proxy({}, { get: (_, name) => instantiateLazily()[name] });",
  "wasm declaration",
);
glue = glue.replaceAll("    if (wasm !== undefined) return wasm;", "    if (wasmInstance !== undefined) return wasm;");
if (glue.includes("wasm !== undefined")) throw new Error("glue: an initialisation check on wasm remains");
if (glue.includes("import.meta") || glue.includes("_bg.wasm")) throw new Error("glue: a reference to a missing file remains");
// Strings into wasm memory: TextEncoder.encodeInto (native, a copy for
// ASCII) in place of a JS loop a character at a time, which costs about
// 3 ns a character (a microsecond for a payee record's JSON). The bytes
// are the same: UTF-8, a lone surrogate as U+FFFD. Where encodeInto is
// wasm-bindgen's own stand-in (it cannot stop at the end of a view), the
// loop stays.
replaceOnce(
  /    let len = arg\.length;\n    let ptr = malloc\(len, 1\) >>> 0;\n\n    const mem = getUint8ArrayMemory0\(\);\n\n    let offset = 0;\n\n    for \(; offset < len; offset\+\+\) \{/,
  `    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    if (!Object.prototype.hasOwnProperty.call(cachedTextEncoder, "encodeInto")) {
        const { read, written } = cachedTextEncoder.encodeInto(arg, mem.subarray(ptr, ptr + len));
        // All of it when ASCII; else the rest below, from where it stopped.
        offset = read === written ? read : 0;
    }
    for (; offset < len; offset++) {`,
  "string-passing loop",
);

glue += `
let randomSource;
function getRandomValues(bytes) {
    const crypto = globalThis.crypto;
    if (crypto && typeof crypto.getRandomValues === 'function') return crypto.getRandomValues(bytes);
    if (randomSource) return randomSource(bytes);
    throw new Error('no crypto.getRandomValues');
}
let lazyInit;
function instantiateLazily() {
    if (wasmInstance === undefined) {
        if (!lazyInit) throw new Error('payseal: the wasm module is not initialised');
        lazyInit();
    }
    return wasm;
}
/** How to instantiate the module when a call first needs it (instead of at import). */
export function __setLazyInit(init) {
    lazyInit = init;
}
/** Whether the module is instantiated. */
export function __wasmReady() {
    return wasmInstance !== undefined;
}
/** Where \`globalThis.crypto\` is missing: a function filling a Uint8Array with secure random bytes. */
export function __setRandomSource(fill) {
    randomSource = fill;
}
`;
writeFileSync(glueOut, glue);

const base64 = readFileSync(wasmPath).toString("base64");
writeFileSync(inlineOut, `// payseal.wasm, base64-encoded: the entry for bundlers, Deno and other
// runtimes compiles it from here, so there is no file to locate or read.
const WASM = "${base64}";

/** The .wasm's bytes. */
export default function wasmBytes() {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(WASM);
  const text = atob(WASM);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
`);
