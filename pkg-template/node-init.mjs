// Node: compile the .wasm beside the package's files synchronously. Bundled
// into node.cjs (which node.mjs re-exports, so that `import` and `require`
// share one instance in a process) and into portable.cjs. When an
// application's bundler bundles them again, no .wasm is beside the bundle:
// the bytes then come from wasm-inline.js, which that bundler includes
// through the require below.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomFillSync } from "node:crypto";
import { initSync, __setErrorClass, __setRandomSource } from "./payseal_glue.js";
import { PaysealError } from "./error.js";
import { nodeCryptoLoader } from "./engine.js";

try {
  initSync({ module: readFileSync(join(__dirname, "payseal.wasm")) });
} catch {
  initSync({ module: require("./wasm-inline.js").default() });
}
__setErrorClass(PaysealError);
// Node before 19 has no globalThis.crypto: secure random bytes from node:crypto.
__setRandomSource(randomFillSync);
// node:crypto for the sync calls where process.getBuiltinModule is missing
// (Node before 20.16), loaded on first use.
nodeCryptoLoader(() => require("node:crypto"));
