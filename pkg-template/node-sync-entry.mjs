// Bundled into node-api.mjs (ESM) at build time: Node's entry where it can
// require an ES module. payseal/portable there (portable-sync.mjs) takes its
// API from `__portable`: one wasm instance, one PaysealError, one key class.
import "./node-sync-init.mjs";
export * from "./api.js";
export * as __portable from "./portable-api.js";
