// Bundled into node-more.cjs at build time: the part of the API that Node's
// ESM entry (node-api.mjs) loads when a call first needs it, and the portable
// API. The modules both use are node-api.mjs's own, passed in (see
// node-sync-entry.mjs and scripts/bundle-node.mjs).
export { PayerMax, PayerMaxMerchants } from "./payermax.js";
export { Cashy } from "./cashy.js";
export { validateField, validatePayee, ruleSet, ruleSets } from "./payee.js";
export { diagnoseSignature, checkKeyPair } from "./diagnose.js";
export { readBody } from "./body.js";
export { warmUp } from "./warm.js";
export * as portable from "./portable-api.js";
