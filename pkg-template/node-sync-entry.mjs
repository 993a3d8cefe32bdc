// Bundled into node-api.mjs (ESM) at build time: Node's entry where it can
// require an ES module. payseal/portable there (portable-sync.mjs) takes its
// API from `__portableApi()`: one wasm instance, one PaysealError, one key
// class.
//
// Only what a first signature or verification needs is here: the rest of
// the API (node-more.cjs) is loaded when a call first needs it. Node parses
// every line of a module it imports, called or not: about 0.45 ms of a cold
// start for the rest's 30 KB, and 0.3 ms more to run it (Node 20).
import { requireHere } from "./node-sync-init.mjs";
import { lazyClass, lazyFunction } from "./lazy.js";
// The modules of this bundle that node-more.cjs imports, each an object of
// its exports under its file name: made by scripts/bundle-node.mjs, which
// builds node-more.cjs as a function of them.
import { nodeApiModules } from "payseal-build:node-api-modules";

export { PaysealError } from "./error.js";
export { PrivateKey, PublicKey, sign, verify, signAsync, verifyAsync, generateKeyPair } from "./keys.js";
export { version } from "./version.js";

let more;
const rest = () => (more ??= requireHere("./node-more.cjs")(nodeApiModules()));

const standIns = Object.fromEntries([
  ...["PayerMax", "PayerMaxMerchants", "Cashy"].map((name) => [name, lazyClass(name, rest)]),
  ...["validateField", "validatePayee", "ruleSet", "ruleSets", "diagnoseSignature", "checkKeyPair", "readBody", "warmUp"]
    .map((name) => [name, lazyFunction(name, rest)]),
]);
export const {
  PayerMax, PayerMaxMerchants, Cashy, validateField, validatePayee, ruleSet, ruleSets, diagnoseSignature,
  checkKeyPair, readBody, warmUp,
} = standIns;

/**
 * The API of payseal/portable (portable-sync.mjs): what it shares with this
 * entry is this entry's own (the same functions and classes), the rest is
 * its own (sign, verify, their async forms and PayerMax, in the wasm code).
 */
export const __portableApi = () => {
  const { portable, ...shared } = rest();
  return Object.fromEntries(Object.entries(portable).map(([name, value]) => [name, value === shared[name] ? standIns[name] : value]));
};
