// The public JS API of payseal. Every entry point (node ESM/CJS, workerd,
// browser) initialises the wasm module and then re-exports this file.
import * as glue from "./payseal_glue.js";

const { PrivateKey, PublicKey, PayerMaxCore, CashyCore } = glue;
export { PrivateKey, PublicKey };

import { PaysealError } from "./error.js";

export { PaysealError };

/** The package version. */
export const version = "__VERSION__";

const subtle = globalThis.crypto?.subtle;
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const encoder = new TextEncoder();

// Limits checked before anything is copied into wasm memory (the core
// checks them again): key text 64 KiB, bodies and data 1 MiB.
const MAX_KEY_TEXT = 64 * 1024;
const MAX_BODY = 1024 * 1024;

function checkKeySize(key) {
  const size = typeof key === "string" ? key.length : key?.byteLength;
  if (size > MAX_KEY_TEXT) throw glue.__error("KEY_TEXT_TOO_LARGE");
}

function checkBodySize(body) {
  const size = typeof body === "string" ? body.length : body?.byteLength;
  if (size > MAX_BODY) throw glue.__error("BODY_TOO_LARGE");
}

function invalid(message) {
  return new PaysealError("INVALID_ARGUMENT", message);
}

function bytesOf(message, what = "the message") {
  checkBodySize(message);
  if (typeof message === "string") return encoder.encode(message);
  if (message instanceof Uint8Array) return message;
  if (message instanceof ArrayBuffer) return new Uint8Array(message);
  throw invalid(`${what} must be a string or a Uint8Array`);
}

function wasmMessage(message) {
  checkBodySize(message);
  return message instanceof ArrayBuffer ? new Uint8Array(message) : message;
}

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

// Key objects pass through; text or bytes are parsed; a key of the other
// kind is a KEY_NOT_PRIVATE / KEY_NOT_PUBLIC error.
const parsePrivate = PrivateKey.parse;
const parsePublic = PublicKey.parse;

function toPrivateKey(key) {
  if (key instanceof PrivateKey) return key;
  if (key instanceof PublicKey) throw glue.__error("KEY_NOT_PRIVATE");
  checkKeySize(key);
  return parsePrivate(key instanceof ArrayBuffer ? new Uint8Array(key) : key);
}

function toPublicKey(key) {
  if (key instanceof PublicKey) return key;
  if (key instanceof PrivateKey) throw glue.__error("KEY_NOT_PUBLIC");
  checkKeySize(key);
  return parsePublic(key instanceof ArrayBuffer ? new Uint8Array(key) : key);
}


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

async function signWithWebCrypto(cacheKey, derOf, message) {
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

function keyForCore(key, wantPrivate) {
  if (key === undefined || key === null) return undefined;
  if (key instanceof PrivateKey) {
    if (!wantPrivate) throw glue.__error("KEY_NOT_PUBLIC");
    return key.toPkcs8Der();
  }
  if (key instanceof PublicKey) {
    if (wantPrivate) throw glue.__error("KEY_NOT_PRIVATE");
    return key.toSpkiDer();
  }
  checkKeySize(key);
  return key instanceof ArrayBuffer ? new Uint8Array(key) : key;
}

// JSON text of a caller's value; anything JSON.stringify cannot do (cycles,
// BigInt, hostile getters, nesting too deep for the stack) is JSON_INVALID.
function jsonText(value, what) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new PaysealError("JSON_INVALID", `invalid JSON: ${what} cannot be serialised (${e?.message ?? e})`);
  }
  if (text === undefined) throw new PaysealError("JSON_INVALID", `invalid JSON: ${what} must be a JSON object`);
  checkBodySize(text);
  return text;
}

function dataJson(data) {
  if (typeof data === "string") {
    checkBodySize(data);
    return data;
  }
  return jsonText(data, "data");
}

function requestArgs(endpoint, data, opts) {
  if (typeof endpoint !== "string") throw invalid("endpoint must be a string such as \"orderAndPay\"");
  if (opts === undefined || opts === null) opts = {};
  if (typeof opts !== "object") throw invalid("options must be an object such as { version: \"1.4\" }");
  let { requestTime, version } = opts;
  if (requestTime instanceof Date) requestTime = requestTime.getTime();
  let now = Date.now();
  if (typeof requestTime === "number") {
    if (!Number.isFinite(requestTime)) throw invalid("requestTime must be a finite number of epoch milliseconds");
    now = requestTime;
    requestTime = undefined;
  } else if (requestTime !== undefined && typeof requestTime !== "string") {
    throw invalid("requestTime must be a string, a Date or epoch milliseconds");
  }
  if (version !== undefined && typeof version !== "string") throw invalid("version must be a string such as \"1.4\"");
  return [endpoint, dataJson(data), requestTime, now, version];
}

// A raw body as bytes. A parsed object is refused: re-serialising it would
// change the bytes that were signed.
function rawBody(body) {
  checkBodySize(body);
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body !== null && typeof body === "object") throw glue.__error("BODY_NOT_RAW");
  throw invalid("body must be the raw request body: a string or a Uint8Array");
}

function signHeader(sign, required) {
  if (sign === undefined || sign === null || sign === "") {
    if (required) throw glue.__error("SIGN_HEADER_MISSING");
    return undefined;
  }
  if (typeof sign !== "string") throw invalid("sign must be the string value of the `sign` header");
  if (sign.trim() === "" && required) throw glue.__error("SIGN_HEADER_MISSING");
  if (sign.length > 1024) return "invalid"; // never a valid signature; keeps junk out of wasm memory
  return sign;
}

function windowArgs(opts) {
  if (opts === undefined || opts === null) opts = {};
  if (typeof opts !== "object") throw invalid("options must be an object such as { toleranceSeconds: 300 }");
  let { now, toleranceSeconds } = opts;
  if (now === undefined) now = Date.now();
  if (now instanceof Date) now = now.getTime();
  if (typeof now !== "number" || !Number.isFinite(now)) throw invalid("now must be a Date or epoch milliseconds");
  if (toleranceSeconds !== undefined && (typeof toleranceSeconds !== "number" || !(toleranceSeconds >= 0) || !Number.isFinite(toleranceSeconds))) {
    throw invalid("toleranceSeconds must be a number of seconds, 0 or more");
  }
  return [now, toleranceSeconds];
}

const decoder = new TextDecoder();

function withData(fields, bytes) {
  const text = decoder.decode(bytes);
  const parsed = JSON.parse(text);
  return { ...fields, data: parsed.data, raw: text };
}

function requestObject(url, body, sign) {
  return { url, method: "POST", headers: { "content-type": "application/json", sign }, body };
}

// The HTTP answer that acknowledges a gateway's notification, as a plain
// object and as a fetch Response.
function ackOf(body, type) {
  return { status: 200, headers: { "content-type": type }, body };
}

function responseOf({ status, headers, body }) {
  return new Response(body, { status, headers });
}

/** A PayerMax merchant: signed request envelopes, verified responses and notifications. */
export class PayerMax {
  #core;
  #platformKeys = new Map();

  /** The acknowledgement body PayerMax expects (with HTTP 200). */
  static ACK = '{"code":"SUCCESS","msg":"Success"}';

  /** The full HTTP answer that acknowledges a notification. */
  static ack() {
    return ackOf(PayerMax.ACK, "application/json");
  }

  /** The acknowledgement as a fetch `Response` (Workers, Deno, Node 18+). */
  static ackResponse() {
    return responseOf(PayerMax.ack());
  }

  constructor(config) {
    try {
      this.#init(config);
    } catch (e) {
      throw asPaysealError(e);
    }
  }

  #init(config) {
    if (config === null || typeof config !== "object") {
      throw new PaysealError("CONFIG_INVALID", "invalid configuration: pass an object with appId, merchantNo, privateKey, platformPublicKey");
    }
    const plain = { ...config };
    if ("privateKey" in plain) plain.privateKey = keyForCore(plain.privateKey, true);
    if ("platformPublicKey" in plain) plain.platformPublicKey = keyForCore(plain.platformPublicKey, false);
    if (plain.platformPublicKeys && typeof plain.platformPublicKeys === "object") {
      plain.platformPublicKeys = Object.fromEntries(
        Object.entries(plain.platformPublicKeys).map(([v, k]) => [v, keyForCore(k, false)]),
      );
    }
    this.#core = new PayerMaxCore(plain);
    if (plain.privateKey instanceof Uint8Array && config.privateKey instanceof PrivateKey) plain.privateKey.fill(0);
  }

  get appId() { return this.#core.appId; }
  get merchantNo() { return this.#core.merchantNo; }
  get baseUrl() { return this.#core.baseUrl; }
  get keyVersion() { return this.#core.keyVersion; }

  /** Builds and signs a request: `fetch(req.url, req)` sends it. */
  request(endpoint, data, opts) {
    const [url, body, sign] = this.#core.request(...requestArgs(endpoint, data, opts));
    return requestObject(url, body, sign);
  }

  /**
   * Verifies a notification: the `sign` header over the raw body first,
   * then parses it and checks merchant and (optionally) age.
   */
  verifyNotification(body, sign, opts) {
    const bytes = rawBody(body);
    const fields = this.#core.verifyNotification(bytes, signHeader(sign, true), ...windowArgs(opts));
    return withData(fields, bytes);
  }

  /** `verifyNotification`, checking the signature with WebCrypto where available. */
  async verifyNotificationAsync(body, sign, opts) {
    const bytes = rawBody(body);
    const signature = signHeader(sign, true);
    const window = windowArgs(opts);
    if (!subtle) return this.verifyNotification(bytes, signature, opts);
    // Size, header and key version are already checked: a false here can
    // only mean the signature does not match.
    if (!(await verifyAsync(this.#platformKey(bytes), bytes, signature))) throw glue.__error("SIGNATURE_INVALID");
    return withData(this.#core.acceptVerifiedNotification(bytes, ...window), bytes);
  }

  /**
   * Verifies and classifies an API response. An unsigned response is
   * accepted only when it is an error (`verified: false`).
   */
  verifyResponse(body, sign) {
    const bytes = rawBody(body);
    return withData(this.#core.verifyResponse(bytes, signHeader(sign, false)), bytes);
  }

  /** `verifyResponse`, checking the signature with WebCrypto where available. */
  async verifyResponseAsync(body, sign) {
    const bytes = rawBody(body);
    const signature = signHeader(sign, false);
    if (!subtle || signature === undefined || signature.trim() === "") return this.verifyResponse(bytes, signature);
    if (!(await verifyAsync(this.#platformKey(bytes), bytes, signature))) throw glue.__error("SIGNATURE_INVALID");
    return withData(this.#core.acceptVerifiedResponse(bytes), bytes);
  }

  /**
   * For your own tests: a notification for this merchant, signed with the
   * given (test) platform private key, as PayerMax would send it.
   */
  generateTestNotification(payload = {}, platformPrivateKey, opts = {}) {
    if (payload === null || typeof payload !== "object") throw invalid("payload must be an object such as { notifyType, data }");
    const { notifyTime = new Date(), ...rest } = { ...opts };
    const time = notifyTime instanceof Date ? notifyTime : new Date(notifyTime);
    if (Number.isNaN(time.getTime())) throw invalid("notifyTime must be a Date or epoch milliseconds");
    const body = JSON.stringify({
      code: "APPLY_SUCCESS",
      msg: "Success",
      keyVersion: this.keyVersion,
      appId: this.appId,
      merchantNo: this.merchantNo,
      notifyTime: time.toISOString(),
      notifyType: "PAYMENT",
      data: {},
      ...rest,
      ...payload,
    });
    const signature = sign(platformPrivateKey, body);
    return { body, sign: signature, headers: { "content-type": "application/json", sign: signature } };
  }

  #platformKey(bytes) {
    // One key object per keyVersion, so WebCrypto imports each key once.
    const version = this.#core.platformKeyVersionFor(bytes);
    let key = this.#platformKeys.get(version);
    if (!key) {
      key = this.#core.platformKey(version);
      this.#platformKeys.set(version, key);
    }
    return key;
  }

  /** `request`, signing with WebCrypto where available. */
  async requestAsync(endpoint, data, opts) {
    const args = requestArgs(endpoint, data, opts);
    const [url, body] = this.#core.prepare(...args);
    const core = this.#core;
    const sign = await signWithWebCrypto(core, () => core.privateKeyDer(), body);
    if (sign !== null) return requestObject(url, body, sign);
    return requestObject(...this.#core.request(...args));
  }
}

/** Checks one payee field: `{valid, normalized}` or `{valid: false, code, message}`. */
export function validateField(kind, value, context) {
  if (typeof kind !== "string") throw invalid("kind must be a string such as \"pe.cci\"; see the README for the list");
  if (typeof value !== "string") {
    throw invalid("value must be a string (numbers lose leading zeros: pass identifiers as text)");
  }
  // Longer than any kind allows: keep only enough to be refused as too long.
  return glue.validateField(kind, value.length > 4096 ? value.slice(0, 4097) : value, context);
}

/**
 * Validates payee data against a rule set (a built-in id from `ruleSets()`,
 * or your own rule set as an object or JSON), answering in the shape of
 * PayerMax's paymentFieldValidation.
 */
export function validatePayee(ruleSet, data, options) {
  let id;
  let custom;
  if (typeof ruleSet === "string") {
    if (ruleSet.trimStart().startsWith("{")) custom = ruleSet;
    else id = ruleSet;
  } else if (ruleSet !== null && typeof ruleSet === "object") {
    custom = jsonText(ruleSet, "the rule set");
  } else {
    throw invalid("ruleSet must be a built-in id (see ruleSets()) or a rule set object");
  }
  if (options !== undefined && (options === null || typeof options !== "object")) {
    throw invalid("options must be an object such as { parameters: { maxAmount: \"5000.00\" } }");
  }
  const parameters = options?.parameters;
  if (parameters !== undefined && (parameters === null || typeof parameters !== "object")) {
    throw invalid("options.parameters must be an object");
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    if (typeof data !== "string") throw invalid("data must be an object (the `data` of the request) or its JSON");
  }
  return glue.validatePayeeJson(id, custom, dataJson(data), parameters === undefined ? undefined : jsonText(parameters, "parameters"));
}

/** The ids of the built-in rule sets. */
export function ruleSets() {
  return glue.ruleSets();
}

const CASHY_OPTIONS = ["merchantId", "apiKey", "baseUrl", "payoutRules"];

/** A Cashy (Peru payouts) merchant: payOut / payOutQuery signed with MD5(body + apiKey), callbacks, answers. */
export class Cashy {
  #core;

  /** The plain-text body that acknowledges a callback. */
  static ACK = "SUCCESS";

  /** The full HTTP answer that acknowledges a callback. */
  static ack() {
    return ackOf(Cashy.ACK, "text/plain");
  }

  /** The acknowledgement as a fetch `Response`. */
  static ackResponse() {
    return responseOf(Cashy.ack());
  }

  constructor(config) {
    try {
      this.#init(config);
    } catch (e) {
      throw asPaysealError(e);
    }
  }

  #init(config) {
    if (config === null || typeof config !== "object") {
      throw new PaysealError("CONFIG_INVALID", "invalid configuration: pass an object with merchantId, apiKey, baseUrl");
    }
    for (const key of Object.keys(config)) {
      if (!CASHY_OPTIONS.includes(key)) {
        throw new PaysealError("CONFIG_INVALID", `invalid configuration: unknown option "${key}"; the options are ${CASHY_OPTIONS.join(", ")}`);
      }
    }
    const { merchantId, apiKey, baseUrl, payoutRules } = config;
    const text = (name, v) => {
      if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
      if (typeof v !== "string") throw new PaysealError("CONFIG_INVALID", `invalid configuration: ${name} is required (a string)`);
      return v;
    };
    if (payoutRules !== undefined && (payoutRules === null || typeof payoutRules !== "object")) {
      throw new PaysealError("CONFIG_INVALID", "invalid configuration: payoutRules must be an object of cashy.pe.payout parameters");
    }
    this.#core = new CashyCore(text("merchantId", merchantId), text("apiKey", apiKey), text("baseUrl", baseUrl),
      payoutRules === undefined ? undefined : jsonText(payoutRules, "payoutRules"));
  }

  get merchantId() { return this.#core.merchantId; }
  get baseUrl() { return this.#core.baseUrl; }

  #request([url, body, sign]) {
    return { url, method: "POST", headers: { "content-type": "application/json", MerchantId: this.#core.merchantId, Sign: sign }, body };
  }

  /**
   * A signed payOut. The data is validated with the cashy.pe.payout rule set
   * first and an invalid payout throws PAYEE_INVALID (with `validation`)
   * instead of being signed; `{ validate: false }` skips that.
   */
  payout(data, opts = {}) {
    if (opts === null || typeof opts !== "object") throw invalid("options must be an object such as { validate: false }");
    return this.#request(this.#core.payout(dataJson(data), opts.validate !== false));
  }

  /** A signed payOutQuery (needs mchOrderNo or orderNo). */
  payoutQuery(data) {
    return this.#request(this.#core.payoutQuery(dataJson(data)));
  }

  /** Verifies a callback's Sign over the raw body (case-insensitive, constant time), then parses it. */
  verifyCallback(body, sign) {
    const bytes = rawBody(body);
    const fields = this.#core.verifyCallback(bytes, signHeader(sign, true));
    const raw = decoder.decode(bytes);
    return { ...fields, data: JSON.parse(raw), raw };
  }

  /** Reads an API answer: `ok` when code is 200. Cashy does not sign answers. */
  verifyResponse(body) {
    const bytes = rawBody(body);
    const fields = this.#core.readResponse(bytes);
    const raw = decoder.decode(bytes);
    const parsed = JSON.parse(raw);
    return { ...fields, data: parsed.data ?? null, raw };
  }
}

// Every public entry point answers or throws a PaysealError: an exception
// from a caller's object (a throwing getter, a hostile Proxy) becomes
// INVALID_ARGUMENT, with the original as `cause`.
function asPaysealError(e) {
  if (e instanceof PaysealError) return e;
  const err = new PaysealError("INVALID_ARGUMENT", `an argument could not be read: ${String(e?.message ?? e)}`);
  err.cause = e;
  return err;
}

function guarded(fn) {
  return function (...args) {
    try {
      const out = fn.apply(this, args);
      return out instanceof Promise ? out.catch((e) => { throw asPaysealError(e); }) : out;
    } catch (e) {
      throw asPaysealError(e);
    }
  };
}

sign = guarded(sign);
verify = guarded(verify);
signAsync = guarded(signAsync);
verifyAsync = guarded(verifyAsync);
validateField = guarded(validateField);
validatePayee = guarded(validatePayee);
PrivateKey.parse = guarded(toPrivateKey);
PublicKey.parse = guarded(toPublicKey);
for (const cls of [PayerMax, Cashy]) {
  for (const name of Object.getOwnPropertyNames(cls.prototype)) {
    const d = Object.getOwnPropertyDescriptor(cls.prototype, name);
    if (name !== "constructor" && typeof d.value === "function") cls.prototype[name] = guarded(d.value);
  }
}
