// Keys and signatures: PrivateKey / PublicKey from the wasm code, sign and
// verify, and the same with WebCrypto where the runtime has it.
import * as glue from "./payseal_glue.js";
import { guarded } from "./error.js";
import { bytesOf, wasmMessage } from "./input.js";

export const { PrivateKey, PublicKey } = glue;

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

/** Base64 SHA256WithRSA signature of `message` (string as UTF-8, or bytes). */
export function sign(privateKey, message) {
  return toPrivateKey(privateKey).sign(wasmMessage(message));
}

/** Whether `signature` (base64) is valid for `message`. */
export function verify(publicKey, message, signature) {
  const key = toPublicKey(publicKey);
  if (typeof signature === "string" && signature.length > 1024) return false;
  return key.verify(wasmMessage(message), signature);
}

const subtle = globalThis.crypto?.subtle;
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

/** Whether the runtime has WebCrypto. */
export const hasWebCrypto = Boolean(subtle);

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
export async function signWithWebCrypto(cacheKey, derOf, message) {
  if (!subtle) return null;
  const cryptoKey = await importOnce(cacheKey, "pkcs8", derOf, "sign");
  if (!cryptoKey) return null;
  return toBase64(await subtle.sign(RSA, cryptoKey, bytesOf(message)));
}

/** `sign`, using WebCrypto where the runtime has it; same signature either way. */
export async function signAsync(privateKey, message) {
  const key = toPrivateKey(privateKey);
  const viaWebCrypto = await signWithWebCrypto(key, () => key.toPkcs8Der(), message);
  return viaWebCrypto ?? key.sign(wasmMessage(message));
}

/** `verify`, using WebCrypto where the runtime has it; same answer either way. */
export async function verifyAsync(publicKey, message, signature) {
  const key = toPublicKey(publicKey);
  if (typeof signature === "string" && signature.length > 1024) return false;
  const bytes = bytesOf(message);
  if (subtle) {
    const cryptoKey = await importOnce(key, "spki", () => key.toSpkiDer(), "verify");
    if (cryptoKey) {
      const raw = key.__decodeSignature(signature);
      return raw ? subtle.verify(RSA, cryptoKey, raw, bytes) : false;
    }
  }
  return key.verify(bytes, signature);
}

sign = guarded(sign);
verify = guarded(verify);
signAsync = guarded(signAsync);
verifyAsync = guarded(verifyAsync);
PrivateKey.parse = guarded(toPrivateKey);
PublicKey.parse = guarded(toPublicKey);
