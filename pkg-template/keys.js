// Keys and signatures: PrivateKey / PublicKey from the wasm code, sign and
// verify with node:crypto where the runtime has it (WebCrypto for the async
// calls), the wasm code otherwise.
import { glue, loadedGlue } from "./wasm.js";
import { PaysealError, guarded, guardMethods, invalid } from "./error.js";
import { base64Bytes, base64Text, pemText, readPrivateKey, readPublicKey } from "./key-read.js";
import { MAX_SIGNATURE_TEXT, bytesOf, wasmMessage } from "./message.js";
import { forgetKeyObject, hasNodeCrypto, nativeSign, nativeVerify, ran } from "./engine.js";

// Keys parsed in JS (the common forms: key-read.js) or by the wasm code,
// whose key object is made only when something needs it. How many keys each
// read (not part of the API; the tests read it).
export const keyReads = (globalThis[Symbol.for("payseal.keyReads")] ??= { js: 0, wasm: 0 });

// The wasm code's key inside a key object, and the DER a key object was
// read from in JS (set by the base class below).
let coreOf;
let jsDerOf;

// Only keys.js makes key objects.
const INTERNAL = Symbol("payseal.key");
const freed = () => invalid("this key was freed: parse the key again");

// The glue's key classes, looked up when a key first needs the wasm code.
const WasmPrivateKey = () => glue().PrivateKey;
const WasmPublicKey = () => glue().PublicKey;

// What the two key classes share: the wasm code's key, made from the DER
// read in JS when a call first needs it (`Wasm().parse`), the size, freeing.
class Key {
  #Wasm;
  #wasm;
  #der; // canonical DER (PKCS#8 or SPKI), when read in JS; wiped by free
  #bits;
  #freed = false;

  constructor(Wasm, wasmKey, der, bits) {
    this.#Wasm = Wasm;
    this.#wasm = wasmKey;
    this.#der = der;
    this.#bits = bits;
  }

  // The wasm code's key (parsed now if the key was read in JS).
  #core() {
    if (this.#freed) throw freed();
    if (!this.#wasm) {
      keyReads.wasm++;
      this.#wasm = this.#Wasm().parse(this.#der);
    }
    return this.#wasm;
  }

  static {
    coreOf = (key) => key.#core();
    // The DER read in JS; undefined for a key the wasm code parsed or a freed one.
    jsDerOf = (key) => (key.#freed ? undefined : key.#der);
  }

  /** Modulus size in bits. */
  get bits() {
    return this.#bits ?? this.#core().bits;
  }

  /** Hex SHA-256 of the SubjectPublicKeyInfo DER of the (matching) public key. */
  get fingerprint() {
    return this.#core().fingerprint;
  }

  /** `PrivateKey(RSA-2048, <fingerprint>)` / `PublicKey(...)`: never key material. */
  toString() {
    return this.#core().toString();
  }

  /** Frees the key's memory now instead of at garbage collection. */
  free() {
    if (this.#freed) return;
    this.#freed = true;
    this.#der?.fill(0);
    this.#der = undefined;
    this.#wasm?.free();
    this.#wasm = undefined;
    forget(this);
  }
}

/** An RSA private key (PKCS#8 or PKCS#1). */
export class PrivateKey extends Key {
  #spki; // the matching public key's DER, when read in JS

  constructor(token, wasmKey, read) {
    if (token !== INTERNAL) throw invalid("create a PrivateKey with PrivateKey.parse(key)");
    super(WasmPrivateKey, wasmKey, read?.pkcs8, read?.bits);
    this.#spki = read?.spki;
  }

  /** Parses PEM (any label), bare base64 DER, or DER bytes. A parsed key is returned as is. */
  static parse(key) {
    return toPrivateKey(key);
  }

  /** The key as canonical PKCS#8 DER (a copy). */
  toPkcs8Der() {
    const der = jsDerOf(this);
    return der ? new Uint8Array(der) : coreOf(this).toPkcs8Der();
  }

  /** The matching public key. */
  publicKey() {
    if (jsDerOf(this)) return new PublicKey(INTERNAL, undefined, { spki: new Uint8Array(this.#spki), bits: this.bits });
    return new PublicKey(INTERNAL, coreOf(this).publicKey());
  }

  /** Base64 SHA256WithRSA signature of `message`, by the wasm code. */
  sign(message) {
    return coreOf(this).sign(message);
  }

  /** The same text as toString. */
  toJSON() {
    return coreOf(this).toJSON();
  }

  /** Whether this key and `publicKey` are a pair (JSON text, for checkKeyPair). */
  __checkPair(publicKey) {
    return coreOf(this).__checkPair(coreOf(publicKey));
  }
}

/** An RSA public key (SPKI, PKCS#1 or taken from an X.509 certificate). */
export class PublicKey extends Key {
  constructor(token, wasmKey, read) {
    if (token !== INTERNAL) throw invalid("create a PublicKey with PublicKey.parse(key)");
    super(WasmPublicKey, wasmKey, read?.spki, read?.bits);
  }

  /** Parses PEM (any label), bare base64 DER, or DER bytes. A parsed key is returned as is. */
  static parse(key) {
    return toPublicKey(key);
  }

  /** The key as canonical SubjectPublicKeyInfo DER (a copy). */
  toSpkiDer() {
    const der = jsDerOf(this);
    return der ? new Uint8Array(der) : coreOf(this).toSpkiDer();
  }

  /** Whether `signature` (base64) is valid for `message`, by the wasm code. */
  verify(message, signature) {
    return coreOf(this).verify(message, signature);
  }

  /**
   * The signature's bytes if it is canonical padded base64 of exactly the
   * modulus length (surrounding white space ignored), else null: the core's
   * rule, read in JS for the plain case.
   */
  __decodeSignature(signature) {
    const size = jsDerOf(this) && Math.ceil(this.bits / 8);
    if (size && typeof signature === "string" && signature.length === Math.ceil(size / 3) * 4) {
      const raw = base64Bytes(signature);
      if (raw) return raw.length === size ? raw : null;
    }
    return coreOf(this).__decodeSignature(signature) ?? null;
  }

  /** Why `signature` does not verify (JSON text, for diagnoseSignature). */
  __diagnose(message, signature) {
    return coreOf(this).__diagnose(message, signature);
  }
}

for (const Class of [Key, PrivateKey, PublicKey]) guardMethods(Class);
if (Symbol.dispose) Key.prototype[Symbol.dispose] = Key.prototype.free;

/** A key object around a key the wasm code made (a core's platform key). */
export const publicKeyOf = (wasmKey) => new PublicKey(INTERNAL, wasmKey);

// A key read in JS where it has a common form, else parsed by the wasm code
// (which throws its error for a key it refuses).
function parse(kind, input) {
  const read = kind.read(input);
  if (read) keyReads.js++;
  else keyReads.wasm++;
  return new kind.Key(INTERNAL, read ? undefined : kind.Wasm().parse(input), read);
}

// The size of the wasm memory, for the benchmark and the tests (not API).
globalThis[Symbol.for("payseal.wasmMemoryBytes")] ??= () => glue().__memoryBytes();
// Whether the wasm module is instantiated yet (not API; the tests read it).
globalThis[Symbol.for("payseal.wasmReady")] ??= () => loadedGlue()?.__wasmReady() ?? false;

// Key text is limited to 64 KiB before it is copied into wasm memory (the
// core checks again).
const MAX_KEY_TEXT = 64 * 1024;

// Key text or DER bytes, as the wasm code takes them.
function keyMaterial(key) {
  const size = typeof key === "string" ? key.length : key?.byteLength;
  if (size > MAX_KEY_TEXT) throw glue().__error("KEY_TEXT_TOO_LARGE");
  return key instanceof ArrayBuffer ? new Uint8Array(key) : key;
}

// The two kinds of key. A key object of the kind asked for passes through,
// text or bytes are parsed, a key of the other kind is a KEY_NOT_PRIVATE /
// KEY_NOT_PUBLIC error.
const PRIVATE = {
  Key: PrivateKey, Other: PublicKey, Wasm: WasmPrivateKey, notThisKind: "KEY_NOT_PRIVATE", read: readPrivateKey, der: (key) => key.toPkcs8Der(),
};
const PUBLIC = {
  Key: PublicKey, Other: PrivateKey, Wasm: WasmPublicKey, notThisKind: "KEY_NOT_PUBLIC", read: readPublicKey, der: (key) => key.toSpkiDer(),
};

function toKey(kind, key) {
  if (key instanceof kind.Key) return key;
  if (key instanceof kind.Other) throw glue().__error(kind.notThisKind);
  return parse(kind, keyMaterial(key));
}

export const toPrivateKey = (key) => toKey(PRIVATE, key);
export const toPublicKey = (key) => toKey(PUBLIC, key);

// A key for a wasm core's configuration: a key object as DER, text or bytes
// as given, nothing as undefined.
function keyForCore(kind, key) {
  if (key === undefined || key === null) return undefined;
  if (key instanceof kind.Key) return kind.der(key);
  if (key instanceof kind.Other) throw glue().__error(kind.notThisKind);
  return keyMaterial(key);
}

export const privateKeyForCore = (key) => keyForCore(PRIVATE, key);

/**
 * A copy of the canonical PKCS#8 DER of a private key read and checked in
 * JS (a key object read so, or key text or bytes in a common form), for a
 * core that then reads only its public half; undefined for anything else.
 */
export function checkedPrivateKeyDer(key) {
  if (key instanceof PrivateKey) {
    const der = jsDerOf(key);
    return der && new Uint8Array(der);
  }
  if (typeof key !== "string" && !(key instanceof Uint8Array) && !(key instanceof ArrayBuffer)) return undefined;
  const read = readPrivateKey(keyMaterial(key));
  if (read) keyReads.js++;
  return read?.pkcs8;
}
export const publicKeyForCore = (key) => keyForCore(PUBLIC, key);

// WebCrypto, looked up on first use: in Node, reading globalThis.crypto
// loads its WebCrypto module (a few ms of a cold start).
let webCrypto;
const subtleCrypto = () => (webCrypto ??= { subtle: globalThis.crypto?.subtle }).subtle;
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

// WebCrypto keys, imported once per parsed key.
const cryptoKeys = new WeakMap();

// Imports the key into WebCrypto once per parsed key (null if the runtime
// refuses it, and the wasm code is used instead). `derOf` is called only on
// the first import; the DER copy is wiped once imported.
function importOnce(key, format, derOf, usage) {
  let pending = cryptoKeys.get(key);
  if (!pending) {
    const der = derOf();
    pending = subtleCrypto()
      .importKey(format, der, RSA, false, [usage])
      .catch(() => null)
      .finally(() => format === "pkcs8" && der.fill(0));
    cryptoKeys.set(key, pending);
  }
  return pending;
}

// A freed key forgets its native keys too.
function forget(key) {
  cryptoKeys.delete(key);
  forgetKeyObject(key);
}

/**
 * The base64 signature of `message` by WebCrypto, with the private key whose
 * PKCS#8 DER `derOf` gives (imported once per `cacheKey`); null where
 * WebCrypto is missing or refuses the key.
 */
async function signWithWebCrypto(cacheKey, derOf, message) {
  const subtle = subtleCrypto();
  if (!subtle) return null;
  const cryptoKey = await importOnce(cacheKey, "pkcs8", derOf, "sign");
  if (!cryptoKey) return null;
  const signature = await subtle.sign(RSA, cryptoKey, bytesOf(message));
  ran.webCrypto++;
  return base64Text(new Uint8Array(signature));
}

// Whether `signature` is valid for `message` by WebCrypto (decoded by the
// core's rules first); null where WebCrypto is missing or refuses the key.
async function verifyWithWebCrypto(key, message, signature) {
  const bytes = bytesOf(message);
  const subtle = subtleCrypto();
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
    native: hasNodeCrypto, get webCrypto() { return Boolean(subtleCrypto()); },
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
  const subtle = subtleCrypto();
  if (!subtle) throw new PaysealError("RNG_UNAVAILABLE", "generateKeyPair needs WebCrypto (globalThis.crypto.subtle), which this runtime does not have");
  const pair = await subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ["sign", "verify"]);
  const pkcs8 = new Uint8Array(await subtle.exportKey("pkcs8", pair.privateKey));
  const spki = new Uint8Array(await subtle.exportKey("spki", pair.publicKey));
  const privateKey = base64Text(pkcs8);
  pkcs8.fill(0);
  const publicKey = base64Text(spki);
  return {
    privateKey,
    publicKey,
    privateKeyPem: pemText("PRIVATE KEY", privateKey),
    publicKeyPem: pemText("PUBLIC KEY", publicKey),
    fingerprint: PublicKey.parse(spki).fingerprint,
  };
}

export const generateKeyPair = guarded(newKeyPair);
