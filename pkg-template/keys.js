// Keys and signatures: PrivateKey / PublicKey from the wasm code, sign and
// verify with node:crypto where the runtime has it (WebCrypto for the async
// calls), the wasm code otherwise.
import * as glue from "./payseal_glue.js";
import { PaysealError, guarded } from "./error.js";
import { MAX_SIGNATURE_TEXT, bytesOf, wasmMessage } from "./input.js";
import { forgetKeyObject, hasNodeCrypto, nativeSign, nativeVerify, ran } from "./engine.js";

export const { PrivateKey, PublicKey } = glue;

// The size of the wasm memory, for the benchmark and the tests (not API).
globalThis[Symbol.for("payseal.wasmMemoryBytes")] ??= glue.__memoryBytes;

// Key text is limited to 64 KiB before it is copied into wasm memory (the
// core checks again).
const MAX_KEY_TEXT = 64 * 1024;

// Key text or DER bytes, as the wasm code takes them.
function keyMaterial(key) {
  const size = typeof key === "string" ? key.length : key?.byteLength;
  if (size > MAX_KEY_TEXT) throw glue.__error("KEY_TEXT_TOO_LARGE");
  return key instanceof ArrayBuffer ? new Uint8Array(key) : key;
}

// The two kinds of key. A key object of the kind asked for passes through,
// text or bytes are parsed, a key of the other kind is a KEY_NOT_PRIVATE /
// KEY_NOT_PUBLIC error.
const PRIVATE = { Key: PrivateKey, Other: PublicKey, notThisKind: "KEY_NOT_PRIVATE", parse: PrivateKey.parse, der: (key) => key.toPkcs8Der() };
const PUBLIC = { Key: PublicKey, Other: PrivateKey, notThisKind: "KEY_NOT_PUBLIC", parse: PublicKey.parse, der: (key) => key.toSpkiDer() };

function toKey(kind, key) {
  if (key instanceof kind.Key) return key;
  if (key instanceof kind.Other) throw glue.__error(kind.notThisKind);
  return kind.parse(keyMaterial(key));
}

export const toPrivateKey = (key) => toKey(PRIVATE, key);
export const toPublicKey = (key) => toKey(PUBLIC, key);

// A key for a wasm core's configuration: a key object as DER, text or bytes
// as given, nothing as undefined.
function keyForCore(kind, key) {
  if (key === undefined || key === null) return undefined;
  if (key instanceof kind.Key) return kind.der(key);
  if (key instanceof kind.Other) throw glue.__error(kind.notThisKind);
  return keyMaterial(key);
}

export const privateKeyForCore = (key) => keyForCore(PRIVATE, key);
export const publicKeyForCore = (key) => keyForCore(PUBLIC, key);

const subtle = globalThis.crypto?.subtle;
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

// Whether the runtime has WebCrypto.
const hasWebCrypto = Boolean(subtle);

// WebCrypto keys, imported once per parsed key.
const cryptoKeys = new WeakMap();

// Imports the key into WebCrypto once per parsed key (null if the runtime
// refuses it, and the wasm code is used instead). `derOf` is called only on
// the first import; the DER copy is wiped once imported.
function importOnce(key, format, derOf, usage) {
  let pending = cryptoKeys.get(key);
  if (!pending) {
    const der = derOf();
    pending = subtle
      .importKey(format, der, RSA, false, [usage])
      .catch(() => null)
      .finally(() => format === "pkcs8" && der.fill(0));
    cryptoKeys.set(key, pending);
  }
  return pending;
}

// A freed key forgets its native keys too.
for (const Key of [PrivateKey, PublicKey]) {
  const free = Key.prototype.free;
  Key.prototype.free = function () {
    cryptoKeys.delete(this);
    forgetKeyObject(this);
    return free.call(this);
  };
  if (Symbol.dispose) Key.prototype[Symbol.dispose] = Key.prototype.free;
}

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

/**
 * The base64 signature of `message` by WebCrypto, with the private key whose
 * PKCS#8 DER `derOf` gives (imported once per `cacheKey`); null where
 * WebCrypto is missing or refuses the key.
 */
async function signWithWebCrypto(cacheKey, derOf, message) {
  if (!subtle) return null;
  const cryptoKey = await importOnce(cacheKey, "pkcs8", derOf, "sign");
  if (!cryptoKey) return null;
  const signature = await subtle.sign(RSA, cryptoKey, bytesOf(message));
  ran.webCrypto++;
  return toBase64(signature);
}

// Whether `signature` is valid for `message` by WebCrypto (decoded by the
// core's rules first); null where WebCrypto is missing or refuses the key.
async function verifyWithWebCrypto(key, message, signature) {
  const bytes = bytesOf(message);
  if (!subtle) return null;
  const cryptoKey = await importOnce(key, "spki", () => key.toSpkiDer(), "verify");
  if (!cryptoKey) return null;
  const raw = key.__decodeSignature(signature);
  if (!raw) return false;
  const valid = await subtle.verify(RSA, cryptoKey, raw, bytes);
  ran.webCrypto++;
  return valid;
}

/**
 * Where the RSA operation runs besides the wasm code: `sign` / `verify` for
 * the sync calls (`native()`: whether they can), `signAsync` / `verifyAsync`
 * for the async ones (`webCrypto`: whether they can). Each answers null to
 * leave the operation to the wasm code.
 * - `native` (the default entries): node:crypto where the runtime has it,
 *   WebCrypto for the async calls.
 * - `portable` (payseal/portable): the wasm code for everything.
 */
export const engines = {
  native: {
    native: hasNodeCrypto, webCrypto: hasWebCrypto,
    sign: nativeSign, verify: nativeVerify, signAsync: signWithWebCrypto, verifyAsync: verifyWithWebCrypto,
  },
  portable: {
    native: () => false, webCrypto: false,
    sign: () => null, verify: () => null, signAsync: async () => null, verifyAsync: async () => null,
  },
};

// The signature of `message` (checked by `wasmMessage`) by the wasm code.
function wasmSign(key, message) {
  ran.wasm++;
  return key.sign(message);
}

// The wasm code's answer for a signature.
function wasmVerify(key, message, signature) {
  ran.wasm++;
  return key.verify(message, signature);
}

// Calls `use` with the parsed key. A key parsed here from text or bytes is
// freed once `use` is done (its promise settled), so that a loop passing
// key text does not grow the wasm memory.
function withKey(kind, given, use) {
  const key = toKey(kind, given);
  if (key === given) return use(key);
  let out;
  try {
    out = use(key);
  } catch (e) {
    key.free();
    throw e;
  }
  if (out instanceof Promise) return out.finally(() => key.free());
  key.free();
  return out;
}

// A signature longer than this is never valid, and stays out of wasm memory.
const tooLong = (signature) => typeof signature === "string" && signature.length > MAX_SIGNATURE_TEXT;

/** `sign`, `verify`, `signAsync` and `verifyAsync` on an engine. */
export function keyFunctions(engine) {
  /** Base64 SHA256WithRSA signature of `message` (string as UTF-8, or bytes). */
  function sign(privateKey, message) {
    return withKey(PRIVATE, privateKey, (key) => {
      const m = wasmMessage(message);
      return engine.sign(key, () => key.toPkcs8Der(), m) ?? wasmSign(key, m);
    });
  }

  /** Whether `signature` (base64) is valid for `message`. */
  function verify(publicKey, message, signature) {
    return withKey(PUBLIC, publicKey, (key) => {
      if (tooLong(signature)) return false;
      const m = wasmMessage(message);
      return engine.verify(key, m, signature) ?? wasmVerify(key, m, signature);
    });
  }

  /** `sign`, using WebCrypto where the runtime has it; same signature either way. */
  async function signAsync(privateKey, message) {
    return withKey(PRIVATE, privateKey, async (key) => {
      const viaWebCrypto = await engine.signAsync(key, () => key.toPkcs8Der(), message);
      return viaWebCrypto ?? wasmSign(key, wasmMessage(message));
    });
  }

  /** `verify`, using WebCrypto where the runtime has it; same answer either way. */
  async function verifyAsync(publicKey, message, signature) {
    return withKey(PUBLIC, publicKey, async (key) => {
      if (tooLong(signature)) return false;
      return (await engine.verifyAsync(key, message, signature)) ?? wasmVerify(key, bytesOf(message), signature);
    });
  }

  return { sign: guarded(sign), verify: guarded(verify), signAsync: guarded(signAsync), verifyAsync: guarded(verifyAsync) };
}

export const { sign, verify, signAsync, verifyAsync } = keyFunctions(engines.native);

/**
 * A new RSA-2048 merchant key pair, generated by WebCrypto (no key
 * generation code is in the wasm): the private key as one line of base64
 * PKCS#8 and the public key as one line of base64 SPKI (what the PayerMax
 * dashboard takes), both also as PEM, and the public key's fingerprint.
 */
async function newKeyPair() {
  if (!subtle) throw new PaysealError("RNG_UNAVAILABLE", "generateKeyPair needs WebCrypto (globalThis.crypto.subtle), which this runtime does not have");
  const pair = await subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ["sign", "verify"]);
  const pkcs8 = new Uint8Array(await subtle.exportKey("pkcs8", pair.privateKey));
  const spki = new Uint8Array(await subtle.exportKey("spki", pair.publicKey));
  const privateKey = toBase64(pkcs8);
  pkcs8.fill(0);
  const publicKey = toBase64(spki);
  const pem = (label, b64) => `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g).join("\n")}\n-----END ${label}-----\n`;
  return {
    privateKey,
    publicKey,
    privateKeyPem: pem("PRIVATE KEY", privateKey),
    publicKeyPem: pem("PUBLIC KEY", publicKey),
    fingerprint: PublicKey.parse(spki).fingerprint,
  };
}

export const generateKeyPair = guarded(newKeyPair);

PrivateKey.parse = guarded(toPrivateKey);
PublicKey.parse = guarded(toPublicKey);
