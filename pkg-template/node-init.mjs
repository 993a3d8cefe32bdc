// Node: where the glue (glue-node.cjs) and the .wasm beside the package's
// files are, each loaded synchronously when a call first needs it
// (wasm-node.js; an import loads neither, and keys read in JS and signed by
// node:crypto never need them). Bundled into node.cjs (which node.mjs
// re-exports, so that `import` and `require` share one instance in a
// process) and into portable.cjs. When an application's bundler bundles
// them again, no .wasm is beside the bundle: the bytes then come from
// wasm-inline.js, which that bundler includes through the require below (as
// it does the glue).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { glueLoader } from "./wasm.js";
import { nodeCryptoLoader } from "./engine.js";

// node:crypto, loaded on first use (loading it at import costs a few ms of a
// cold start): secure random bytes where globalThis.crypto is missing, and
// the sync calls' engine where process.getBuiltinModule is (Node < 20.16).
let nodeCrypto;
const loadNodeCrypto = () => (nodeCrypto ??= require("node:crypto"));
nodeCryptoLoader(loadNodeCrypto);
glueLoader({
  glue: () => require("./glue-node.cjs"),
  wasm: () => readFileSync(join(__dirname, "payseal.wasm")),
  inlineWasm: () => require("./wasm-inline.js").default(),
  randomFill: (bytes) => loadNodeCrypto().randomFillSync(bytes),
});
