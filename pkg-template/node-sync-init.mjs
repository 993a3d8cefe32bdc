// Node with require(esm) (20.19+, 22.12+; the `module-sync` condition): the
// glue (glue-node.cjs) loaded and the .wasm beside the package's files
// compiled synchronously, each when a call first needs it. Bundled into
// node-api.mjs, which `import` and `require` both load there (one
// instance). It imports no Node module: an ESM import of node:fs evaluates
// every export of it, streams included (about 2 ms of a cold start);
// process.getBuiltinModule loads only what a call uses.
import { glueLoader } from "./wasm.js";
import { PaysealError } from "./error.js";

const builtin = (name) => process.getBuiltinModule(name);
glueLoader(() => {
  const requireHere = builtin("node:module").createRequire(import.meta.url);
  const glue = requireHere("./glue-node.cjs")();
  glue.__setLazyInit(() => {
    let bytes;
    try {
      bytes = builtin("node:fs").readFileSync(new URL("payseal.wasm", import.meta.url));
    } catch {
      // Bundled again by an application's bundler: no .wasm beside the bundle.
      bytes = requireHere("./wasm-inline.js").default();
    }
    glue.initSync({ module: bytes });
    glue.__setErrorClass(PaysealError);
  });
  glue.__setRandomSource((bytes) => builtin("node:crypto").randomFillSync(bytes));
  return glue;
});
