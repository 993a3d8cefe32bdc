// Bundled into node.cjs (CommonJS) at build time; node.mjs re-exports it.
// payseal/portable (portable.cjs) takes its API from `__portable`, so that
// both entries share one wasm instance, one PaysealError and one key class.
import "./node-init.mjs";
export * from "./api.js";
export * as __portable from "./portable-api.js";
