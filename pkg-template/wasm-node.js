// Node's entries: wasm.js with the glue (about 50 KB of JavaScript that
// Node would compile at import, 0.6-0.8 ms of a cold start) loaded when a
// call first needs it, and the .wasm compiled when a call first needs that.
// Keys read in JS and signed or verified by node:crypto never do. The
// entry's init module says where the files are.
import { PaysealError } from "./error.js";

let glueModule;
let load = () => {
  throw new Error("payseal: the wasm glue has no loader (an entry sets it)");
};

/**
 * How the entry reaches what the glue needs, each asked for on first use:
 * `glue` gives glue-node.cjs (a function that makes one instance of the
 * glue), `wasm` the bytes of the .wasm beside the package's files, and
 * `inlineWasm` its base64 copy (wasm-inline.js) where an application's
 * bundler bundled the entry again and left no .wasm beside it; `randomFill`
 * fills a Uint8Array with secure random bytes.
 */
export function glueLoader({ glue, wasm, inlineWasm, randomFill }) {
  load = () => {
    const instance = glue()();
    instance.__setLazyInit(() => {
      let bytes;
      try {
        bytes = wasm();
      } catch {
        bytes = inlineWasm();
      }
      instance.initSync({ module: bytes });
      instance.__setErrorClass(PaysealError);
    });
    instance.__setRandomSource(randomFill);
    return instance;
  };
}

/** The glue module, loaded now if it is not yet. */
export const glue = () => (glueModule ??= load());

/** The glue module if it is loaded, else undefined. */
export const loadedGlue = () => glueModule;
