// The native engine of the sync calls: node:crypto, where the runtime has it
// (Node, Bun, Deno, workerd with nodejs_compat), found on first use, not at
// import. Keys are parsed and checked by the core as before; only the RSA
// operation moves here, with one KeyObject per parsed key. Whatever
// node:crypto lacks or refuses answers null, and the caller then uses the
// wasm code: the answer is the same either way.
import { encoder } from "./message.js";
import { base64Text, pemText } from "./key-read.js";

// Messages are limited to 1 MiB as UTF-8 (the core's limit; over it, the
// wasm code gives its own answer).
const MAX_MESSAGE = 1024 * 1024;

// How many RSA operations each engine ran (node:crypto, WebCrypto, wasm). The tests read it to see which
// path a call took; it is not part of the API.
export const ran = (globalThis[Symbol.for("payseal.rsaOperations")] ??= { native: 0, webCrypto: 0, wasm: 0 });

let loadNodeCrypto = () => undefined;
let nodeCryptoModule; // undefined until looked up, then the module or null

/**
 * For runtimes without `process.getBuiltinModule` (Node before 20.16): the
 * node entries pass a function that loads node:crypto when first needed.
 */
export function nodeCryptoLoader(load) {
  loadNodeCrypto = load;
}

function nodeCrypto() {
  if (nodeCryptoModule === undefined) {
    let c;
    try {
      c = globalThis.process?.getBuiltinModule?.("node:crypto") ?? loadNodeCrypto();
    } catch {
      c = undefined;
    }
    const usable = ["sign", "verify", "createPrivateKey", "createPublicKey"].every((f) => typeof c?.[f] === "function");
    nodeCryptoModule = usable ? c : null;
  }
  return nodeCryptoModule;
}

/** Whether the sync calls can use node:crypto (looked up on first call). */
export function hasNodeCrypto() {
  return nodeCrypto() !== null;
}

// A message (a string or a Uint8Array, as the JS layer passes them) as
// bytes, or null when the wasm code should answer instead.
function bytesFor(message) {
  const bytes = typeof message === "string" ? encoder.encode(message) : message;
  return bytes instanceof Uint8Array && bytes.length <= MAX_MESSAGE ? bytes : null;
}

// node:crypto KeyObjects, one per parsed key (or per core holding a key);
// null where node:crypto refuses the key.
const keyObjects = new WeakMap();

function keyObjectFor(c, owner, derOf, isPrivate) {
  let keyObject = keyObjects.get(owner);
  if (keyObject === undefined) {
    keyObject = null;
    let der;
    try {
      der = derOf();
      // A public key goes as PEM text, which node:crypto imports sooner than
      // the same DER in an options object (0.07 ms of a first verification
      // in a fresh Node 20 process, 0.2 ms on Node 22); a private key as
      // DER, whose copy is wiped below: a string cannot be wiped.
      keyObject = isPrivate ? c.createPrivateKey({ key: der, format: "der", type: "pkcs8" }) : c.createPublicKey(pemText("PUBLIC KEY", base64Text(der)));
    } catch {
      // Refused (or no key at all): the wasm code answers, with its error if any.
    } finally {
      if (isPrivate && der instanceof Uint8Array) der.fill(0);
    }
    keyObjects.set(owner, keyObject);
  }
  return keyObject;
}

/** Forgets the KeyObject of a key being freed. */
export function forgetKeyObject(owner) {
  keyObjects.delete(owner);
}

/**
 * The base64 signature of `message` by node:crypto, with the private key
 * whose PKCS#8 DER `derOf` gives (imported once per `owner`, the copy wiped);
 * null where node:crypto is missing or refuses.
 */
export function nativeSign(owner, derOf, message) {
  const c = nodeCrypto();
  const bytes = c && bytesFor(message);
  const keyObject = bytes && keyObjectFor(c, owner, derOf, true);
  if (!keyObject) return null;
  let signature;
  try {
    signature = c.sign("sha256", bytes, keyObject);
  } catch {
    return null;
  }
  ran.native++;
  return signature.toString("base64");
}

/**
 * Whether `signature` is valid for `message` by node:crypto, with a parsed
 * public key; null where node:crypto is missing or refuses. The signature
 * is decoded by the core's rules first (canonical base64 of exactly the
 * modulus length), so node:crypto sees only the raw bytes.
 */
export function nativeVerify(key, message, signature) {
  const c = nodeCrypto();
  const bytes = c && bytesFor(message);
  const keyObject = bytes && keyObjectFor(c, key, () => key.toSpkiDer(), false);
  if (!keyObject) return null;
  const raw = key.__decodeSignature(signature);
  if (!raw) return false;
  let valid;
  try {
    valid = c.verify("sha256", bytes, keyObject, raw);
  } catch {
    return null;
  }
  ran.native++;
  return valid === true;
}
