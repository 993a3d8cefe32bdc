// Node's entries: wasm.js with the glue (about 50 KB of JavaScript that
// Node would compile at import, 0.6-0.8 ms of a cold start) loaded when a
// call first needs it. Keys read in JS and signed or verified by
// node:crypto never do. The entry's init module says how to load it.
let glueModule;
let load = () => {
  throw new Error("payseal: the wasm glue has no loader (an entry sets it)");
};

/** Sets how the glue is loaded (and set up) on first use. */
export function glueLoader(loadGlue) {
  load = loadGlue;
}

/** The glue module, loaded now if it is not yet. */
export const glue = () => (glueModule ??= load());

/** The glue module if it is loaded, else undefined. */
export const loadedGlue = () => glueModule;
