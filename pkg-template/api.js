// The public JS API of payseal. Every entry point (node ESM/CJS, workerd,
// browser) initialises the wasm module and then re-exports this file, which
// gathers the modules: one per concept, as in src/.
export { PaysealError } from "./error.js";
export { PrivateKey, PublicKey, sign, verify, signAsync, verifyAsync, generateKeyPair } from "./keys.js";
export { PayerMax, PayerMaxMerchants } from "./payermax.js";
export { Cashy } from "./cashy.js";
export { validateField, validatePayee, ruleSet, ruleSets } from "./payee.js";
export { diagnoseSignature, checkKeyPair } from "./diagnose.js";
export { readBody } from "./body.js";
export { warmUp } from "./warm.js";
export { version } from "./version.js";
