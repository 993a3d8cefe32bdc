// payseal/portable: the same API, with every RSA operation in the wasm code,
// sync and async (no node:crypto, no WebCrypto): one code path in every
// runtime. Everything but the engine is shared with the default entries.
import { engines, keyFunctions } from "./keys.js";
import { payerMaxClass } from "./payermax.js";

export * from "./api.js";
export const { sign, verify, signAsync, verifyAsync } = keyFunctions(engines.portable);
export const PayerMax = payerMaxClass(engines.portable);
