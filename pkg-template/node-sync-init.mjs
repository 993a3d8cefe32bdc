// Node with require(esm) (20.19+, 22.12+; the `module-sync` condition):
// where the glue (glue-node.cjs) and the .wasm beside the package's files
// are, each loaded synchronously when a call first needs it (wasm-node.js).
// Bundled into node-api.mjs, which `import` and `require` both load there
// (one instance). It imports no Node module: an ESM import of node:fs
// evaluates every export of it, streams included (about 2 ms of a cold
// start); process.getBuiltinModule loads only what a call uses.
import { glueLoader } from "./wasm.js";

const builtin = (name) => process.getBuiltinModule(name);
export const requireHere = (file) => builtin("node:module").createRequire(import.meta.url)(file);
glueLoader({
  glue: () => requireHere("./glue-node.cjs"),
  wasm: () => builtin("node:fs").readFileSync(new URL("payseal.wasm", import.meta.url)),
  inlineWasm: () => requireHere("./wasm-inline.js").default(),
  randomFill: (bytes) => builtin("node:crypto").randomFillSync(bytes),
});
