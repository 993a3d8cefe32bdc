// PayerMax: signed request envelopes, verified responses and notifications.
import * as glue from "./payseal_glue.js";
import { PaysealError, invalid, guarded, guardMethods } from "./error.js";
import { ackOf, responseOf } from "./ack.js";
import { dataJson, optionsJson, rawBody, settingsJson, signHeader, textOf } from "./input.js";
import { PrivateKey, engines, keyFunctions, privateKeyForCore, publicKeyForCore } from "./keys.js";
import { ran } from "./engine.js";

const { PayerMaxCore } = glue;

// The wasm core for a configuration (JSON text, which the core reads with
// its serde type). Key objects go in as DER beside the text; the copy of a
// private key's DER is wiped once the core has it.
const coreFor = guarded((config) => {
  if (config === null || typeof config !== "object") {
    throw new PaysealError("CONFIG_INVALID", "invalid configuration: pass an object with appId, merchantNo, privateKey, platformPublicKey");
  }
  const plain = { ...config };
  if ("privateKey" in plain) plain.privateKey = privateKeyForCore(plain.privateKey);
  if ("platformPublicKey" in plain) plain.platformPublicKey = publicKeyForCore(plain.platformPublicKey);
  if (plain.platformPublicKeys && typeof plain.platformPublicKeys === "object") {
    plain.platformPublicKeys = Object.fromEntries(
      Object.entries(plain.platformPublicKeys).map(([v, k]) => [v, publicKeyForCore(k)]),
    );
  }
  const keyBytes = [];
  const json = settingsJson(plain, "configuration", keyBytes);
  try {
    return new PayerMaxCore(json, keyBytes);
  } finally {
    if (plain.privateKey instanceof Uint8Array && config.privateKey instanceof PrivateKey) plain.privateKey.fill(0);
  }
});

const REQUEST_OPTIONS = "{ version: \"1.4\" }";
const WINDOW_OPTIONS = "{ toleranceSeconds: 86400 }";

// The core's arguments for a request, signed or not.
function requestArgs(endpoint, data, opts, signed) {
  if (typeof endpoint !== "string") throw invalid("endpoint must be a string such as \"orderAndPay\"");
  return [endpoint, dataJson(data), optionsJson(opts, REQUEST_OPTIONS), Date.now(), signed];
}

// The core's typed fields (JSON text) with the body's `data` and text.
function withData(fieldsJson, bytes) {
  const text = textOf(bytes);
  const parsed = JSON.parse(text);
  return { ...JSON.parse(fieldsJson), data: parsed.data, raw: text };
}

function requestObject(url, body, sign) {
  return { url, method: "POST", headers: { "content-type": "application/json", sign }, body };
}

// Whether a response carries a signature to check.
const isSigned = (signature) => signature !== undefined && signature.trim() !== "";

/**
 * The PayerMax class on an engine (see keys.js): the default entries sign
 * and verify with node:crypto where the runtime has it, payseal/portable
 * always in the wasm code. Everything else (the envelope, every check and
 * error) is the core's either way.
 */
export function payerMaxClass(engine) {
  const { sign, verifyAsync } = keyFunctions(engine);

  /** A PayerMax merchant: signed request envelopes, verified responses and notifications. */
  class PayerMax {
    #core;
    #platformKeys = new Map();
    #privateKeyDer = () => this.#core.privateKeyDer();

    constructor(config) {
      this.#core = coreFor(config);
    }

    get appId() { return this.#core.appId; }
    get merchantNo() { return this.#core.merchantNo; }
    get baseUrl() { return this.#core.baseUrl; }
    get keyVersion() { return this.#core.keyVersion; }

    /** Builds and signs a request: `fetch(req.url, req)` sends it. */
    request(endpoint, data, opts) {
      const args = requestArgs(endpoint, data, opts, false);
      if (!engine.native()) return this.#signedInWasm(args);
      const [url, body] = this.#core.request(...args);
      const signature = engine.sign(this.#core, this.#privateKeyDer, body);
      return signature === null ? this.#signedInWasm(args) : requestObject(url, body, signature);
    }

    /** `request`, signing with WebCrypto where available. */
    async requestAsync(endpoint, data, opts) {
      const args = requestArgs(endpoint, data, opts, false);
      const [url, body] = this.#core.request(...args);
      const signature = await engine.signAsync(this.#core, this.#privateKeyDer, body);
      return signature === null ? this.#signedInWasm(args) : requestObject(url, body, signature);
    }

    // The request signed by the core itself.
    #signedInWasm(args) {
      args[args.length - 1] = true;
      ran.wasm++;
      return requestObject(...this.#core.request(...args));
    }

    /**
     * Verifies a notification: the `sign` header over the raw body first,
     * then parses it and checks merchant and (optionally) age.
     */
    verifyNotification(body, sign, opts) {
      const bytes = rawBody(body);
      const signature = signHeader(sign, true);
      const window = optionsJson(opts, WINDOW_OPTIONS);
      const now = Date.now();
      if (engine.native()) {
        this.#core.checkWindow(window);
        const valid = engine.verify(this.#platformKey(bytes), bytes, signature);
        if (valid !== null) return this.#acceptNotification(valid, bytes, window, now);
      }
      ran.wasm++;
      return withData(this.#core.verifyNotification(bytes, signature, window, now), bytes);
    }

    /** `verifyNotification`, checking the signature with WebCrypto where available. */
    async verifyNotificationAsync(body, sign, opts) {
      const bytes = rawBody(body);
      const signature = signHeader(sign, true);
      const window = optionsJson(opts, WINDOW_OPTIONS);
      const now = Date.now();
      this.#core.checkWindow(window);
      if (!engine.webCrypto) return this.verifyNotification(bytes, signature, opts);
      const valid = await verifyAsync(this.#platformKey(bytes), bytes, signature);
      return this.#acceptNotification(valid, bytes, window, now);
    }

    // Size, header, options and key version are already checked: a false
    // here can only mean the signature does not match.
    #acceptNotification(valid, bytes, window, now) {
      if (!valid) throw glue.__error("SIGNATURE_INVALID");
      return withData(this.#core.acceptVerifiedNotification(bytes, window, now), bytes);
    }

    /**
     * Verifies and classifies an API response. An unsigned response is
     * accepted only when it is an error (`verified: false`).
     */
    verifyResponse(body, sign) {
      const bytes = rawBody(body);
      const signature = signHeader(sign, false);
      if (!isSigned(signature)) return withData(this.#core.verifyResponse(bytes, signature), bytes);
      if (engine.native()) {
        const valid = engine.verify(this.#platformKey(bytes), bytes, signature);
        if (valid !== null) return this.#acceptResponse(valid, bytes);
      }
      ran.wasm++;
      return withData(this.#core.verifyResponse(bytes, signature), bytes);
    }

    /** `verifyResponse`, checking the signature with WebCrypto where available. */
    async verifyResponseAsync(body, sign) {
      const bytes = rawBody(body);
      const signature = signHeader(sign, false);
      if (!engine.webCrypto || !isSigned(signature)) return this.verifyResponse(bytes, signature);
      return this.#acceptResponse(await verifyAsync(this.#platformKey(bytes), bytes, signature), bytes);
    }

    #acceptResponse(valid, bytes) {
      if (!valid) throw glue.__error("SIGNATURE_INVALID");
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
      // One key object per keyVersion, so that each key is imported once.
      const version = this.#core.platformKeyVersionFor(bytes);
      let key = this.#platformKeys.get(version);
      if (!key) {
        key = this.#core.platformKey(version);
        this.#platformKeys.set(version, key);
      }
      return key;
    }

    /** The acknowledgement body PayerMax expects (with HTTP 200). */
    static ACK = '{"code":"SUCCESS","msg":"Success"}';
    /** The full HTTP answer that acknowledges a notification. */
    static ack() { return ackOf(PayerMax.ACK, "application/json"); }
    /** The acknowledgement as a fetch `Response` (Workers, Deno, Node 18+). */
    static ackResponse() { return responseOf(PayerMax.ack()); }
  }

  guardMethods(PayerMax);
  return PayerMax;
}

export const PayerMax = payerMaxClass(engines.native);
