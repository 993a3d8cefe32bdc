// PayerMax: signed request envelopes, verified responses and notifications.
import { glue } from "./wasm.js";
import { PaysealError, constructOnly, invalid, guarded, guardMethods } from "./error.js";
import { ackOf, responseOf } from "./ack.js";
import { dataJson, optionsJson, rawBody, settingsJson, signHeader, textOf } from "./input.js";
import { PrivateKey, checkedPrivateKeyDer, engines, keyFunctions, privateKeyForCore, publicKeyForCore, publicKeyOf } from "./keys.js";
import { ran } from "./engine.js";
import { reportOf } from "./payee.js";

// The wasm core for a configuration (JSON text, which the core reads with
// its serde type). Key objects go in as DER beside the text; the copy of a
// private key's DER is wiped once the core has it.
const coreFor = guarded((config) => {
  if (config === null || typeof config !== "object") {
    throw new PaysealError("CONFIG_INVALID", "invalid configuration: pass an object with appId, merchantNo, privateKey, platformPublicKey");
  }
  const plain = { ...config };
  // A private key in a common form goes in as the DER its JS reading
  // checked, and the core reads only its public half (see key-read.js).
  const checked = "privateKey" in plain ? checkedPrivateKeyDer(plain.privateKey) : undefined;
  if (checked) plain.privateKey = checked;
  else if ("privateKey" in plain) plain.privateKey = privateKeyForCore(plain.privateKey);
  if ("platformPublicKey" in plain) plain.platformPublicKey = publicKeyForCore(plain.platformPublicKey);
  if (plain.platformPublicKeys && typeof plain.platformPublicKeys === "object") {
    plain.platformPublicKeys = Object.fromEntries(
      Object.entries(plain.platformPublicKeys).map(([v, k]) => [v, publicKeyForCore(k)]),
    );
  }
  const keyBytes = [];
  const json = settingsJson(plain, "configuration", keyBytes);
  try {
    return new (glue().PayerMaxCore)(json, keyBytes, Boolean(checked));
  } finally {
    if (plain.privateKey instanceof Uint8Array && (checked || config.privateKey instanceof PrivateKey)) plain.privateKey.fill(0);
  }
});

const REQUEST_OPTIONS = "{ version: \"1.4\" }";
const WINDOW_OPTIONS = "{ toleranceSeconds: 86400 }";
const RESPONSE_OPTIONS = "{ diagnose: true }";

// The core's arguments for a request, signed or not.
function requestArgs(endpoint, data, opts, signed) {
  if (typeof endpoint !== "string") throw invalid("endpoint must be a string such as \"orderAndPay\"");
  return [endpoint, dataJson(data), optionsJson(opts, REQUEST_OPTIONS), Date.now(), signed];
}

// The options of verifyResponse without `endpoint`: `{ endpoint, diagnose }`,
// or the signed request the response answers. The endpoint only types the
// answer's data.
function responseOptions(opts) {
  if (opts === undefined || opts === null) return undefined;
  if (typeof opts !== "object") throw invalid(`options must be an object such as ${RESPONSE_OPTIONS}, or the request this answers`);
  const isRequest = typeof opts.url === "string" && typeof opts.body === "string";
  const { endpoint, ...rest } = isRequest ? { endpoint: opts.endpoint } : opts;
  if (endpoint !== undefined && typeof endpoint !== "string") throw invalid("endpoint must be a string such as \"orderQuery\"");
  return rest;
}

// The core's typed fields (JSON text) with the body's `data` and text. A
// bill payment validation is its own data (it has no envelope).
function withData(fieldsJson, bytes, kind) {
  const text = textOf(bytes);
  const parsed = JSON.parse(text);
  const fields = JSON.parse(fieldsJson);
  if (kind === "billPaymentValidation") return { eventKey: fields.eventKey, data: parsed, dataIssues: fields.dataIssues, raw: text };
  return { ...fields, data: parsed.data, raw: text };
}

// The request as fetch takes it; `endpoint` is there for verifyResponse's
// types, not enumerable so that fetch and JSON do not see it. An ISV's
// merchant auth token travels in the merchant_auth_token header.
function requestObject(endpoint, [url, body, sign], token) {
  const headers = { "content-type": "application/json", sign };
  if (token !== undefined) headers.merchant_auth_token = token;
  const req = { url, method: "POST", headers, body };
  return Object.defineProperty(req, "endpoint", { value: endpoint });
}

// Whether a response carries a signature to check.
const isSigned = (signature) => signature !== undefined && signature.trim() !== "";

// Each PayerMax class's warm-up of its notification path (see warm.js).
const warmers = new WeakMap();

/** The notification warm-up of a PayerMax class made by payerMaxClass. */
export const warmerOf = (PayerMaxClass) => warmers.get(PayerMaxClass);

/**
 * The PayerMax class on an engine (see keys.js): the default entries sign
 * and verify with node:crypto where the runtime has it, payseal/portable
 * always in the wasm code. Everything else (the envelope, every check and
 * error) is the core's either way.
 */
export function payerMaxClass(engine) {
  const { sign, verifyAsync } = keyFunctions(engine);
  let warm;

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
      return signature === null ? this.#signedInWasm(args) : this.#request(endpoint, [url, body, signature]);
    }

    /** `request`, signing with WebCrypto where available. */
    async requestAsync(endpoint, data, opts) {
      const args = requestArgs(endpoint, data, opts, false);
      const [url, body] = this.#core.request(...args);
      const signature = await engine.signAsync(this.#core, this.#privateKeyDer, body);
      return signature === null ? this.#signedInWasm(args) : this.#request(endpoint, [url, body, signature]);
    }

    // The request signed by the core itself.
    #signedInWasm(args) {
      args[args.length - 1] = true;
      ran.wasm++;
      return this.#request(args[0], this.#core.request(...args));
    }

    #request(endpoint, parts) {
      return requestObject(endpoint, parts, this.#core.merchantAuthToken);
    }

    /**
     * Checks `data` for `endpoint` without signing: the paymentFieldValidation
     * shape, with the fields the schema does not know as ignoredFields.
     */
    check(endpoint, data) {
      if (typeof endpoint !== "string") throw invalid("endpoint must be a string such as \"paymentOrderPay\"");
      return reportOf(this.#core.checkReport(endpoint, dataJson(data)));
    }

    /**
     * Verifies a notification: the `sign` header over the raw body first,
     * then parses it and checks merchant and (optionally) age.
     */
    verifyNotification(body, sign, opts) {
      return this.#verifyCallback("notification", body, sign, opts);
    }

    /** `verifyNotification`, checking the signature with WebCrypto where available. */
    async verifyNotificationAsync(body, sign, opts) {
      return this.#verifyCallbackAsync("notification", body, sign, opts);
    }

    /** Verifies an RFI notification (rfiNotifyUrl: the envelope without notifyType). */
    verifyRfiNotification(body, sign, opts) {
      return this.#verifyCallback("rfi", body, sign, opts);
    }

    /** `verifyRfiNotification`, checking the signature with WebCrypto where available. */
    async verifyRfiNotificationAsync(body, sign, opts) {
      return this.#verifyCallbackAsync("rfi", body, sign, opts);
    }

    /** Verifies a bill payment validation (billPaymentValidationUrl: `{referenceNo, amount, currency}`). */
    verifyBillPaymentValidation(body, sign, opts) {
      return this.#verifyCallback("billPaymentValidation", body, sign, opts);
    }

    /** `verifyBillPaymentValidation`, checking the signature with WebCrypto where available. */
    async verifyBillPaymentValidationAsync(body, sign, opts) {
      return this.#verifyCallbackAsync("billPaymentValidation", body, sign, opts);
    }

    #verifyCallback(kind, body, sign, opts) {
      const bytes = rawBody(body);
      const signature = signHeader(sign, true);
      const window = optionsJson(opts, WINDOW_OPTIONS);
      const now = Date.now();
      if (engine.native()) {
        this.#core.checkWindow(kind, window);
        const valid = engine.verify(this.#platformKey(bytes), bytes, signature);
        if (valid) return this.#acceptCallback(kind, bytes, window, now);
      }
      // The wasm code verifies (or, after a refusal, throws the same error,
      // with the diagnosis when one was asked for).
      ran.wasm++;
      return withData(this.#core.verifyCallback(kind, bytes, signature, window, now), bytes, kind);
    }

    async #verifyCallbackAsync(kind, body, sign, opts) {
      const bytes = rawBody(body);
      const signature = signHeader(sign, true);
      const window = optionsJson(opts, WINDOW_OPTIONS);
      const now = Date.now();
      this.#core.checkWindow(kind, window);
      if (!engine.webCrypto) return this.#verifyCallback(kind, bytes, signature, opts);
      const valid = await verifyAsync(this.#platformKey(bytes), bytes, signature);
      if (!valid) return this.#verifyCallback(kind, bytes, signature, opts);
      return this.#acceptCallback(kind, bytes, window, now);
    }

    // Size, header, options and key version are already checked, and the
    // signature holds.
    #acceptCallback(kind, bytes, window, now) {
      return withData(this.#core.acceptVerifiedCallback(kind, bytes, window, now), bytes, kind);
    }

    /**
     * Verifies and classifies an API response. An unsigned response is
     * accepted only when it is an error (`verified: false`). `opts`:
     * `{ diagnose: true }` puts why a SIGNATURE_INVALID happened on the error
     * (`diagnosis`); the request it answers (or `{ endpoint }`) types `data`.
     */
    verifyResponse(body, sign, opts) {
      const options = optionsJson(responseOptions(opts), RESPONSE_OPTIONS);
      const bytes = rawBody(body);
      const signature = signHeader(sign, false);
      if (isSigned(signature) && engine.native()) {
        const valid = engine.verify(this.#platformKey(bytes), bytes, signature);
        if (valid) return withData(this.#core.acceptVerifiedResponse(bytes), bytes);
      }
      // The wasm code answers an unsigned response, verifies, or (after a
      // refusal) throws the same error, with the diagnosis when asked for.
      ran.wasm++;
      return withData(this.#core.verifyResponse(bytes, signature, options), bytes);
    }

    /** `verifyResponse`, checking the signature with WebCrypto where available. */
    async verifyResponseAsync(body, sign, opts) {
      optionsJson(responseOptions(opts), RESPONSE_OPTIONS); // bad options are refused before any work
      const bytes = rawBody(body);
      const signature = signHeader(sign, false);
      if (!engine.webCrypto || !isSigned(signature)) return this.verifyResponse(bytes, signature, opts);
      if (!(await verifyAsync(this.#platformKey(bytes), bytes, signature))) return this.verifyResponse(bytes, signature, opts);
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
        key = publicKeyOf(this.#core.platformKey(version));
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

    /**
     * The full HTTP answer to a callback that expects data:
     * `billPaymentValidation` ({referenceNo, minAmount, maxAmount, currency,
     * confirmation, failureReason}) or `REPAYMENT_RECEIPT` ({referenceNo,
     * tradeToken, amount, currency, confirmation, failureReason}), its data
     * checked first (DATA_INVALID lists every failure). No sign header: no
     * source asks for one on an answer.
     */
    static answer(kind, data) {
      if (typeof kind !== "string") throw invalid("kind must be \"billPaymentValidation\" or \"REPAYMENT_RECEIPT\"");
      if (data === null || typeof data !== "object" || Array.isArray(data)) throw invalid("data must be the answer's data object");
      return ackOf(glue().__callbackAnswer(kind, dataJson(data)), "application/json");
    }

    /** `answer` as a fetch `Response`. */
    static answerResponse(kind, data) { return responseOf(PayerMax.answer(kind, data)); }

    static {
      // warmUp(): what verifyNotificationAsync runs on a body besides the
      // signature check itself (the window, the key for the body's
      // keyVersion, reading and typing the notification), on a sample
      // body whose answer is thrown away: nothing here is trusted.
      warm = (client, body, now) => {
        const bytes = rawBody(body);
        const window = optionsJson(undefined, WINDOW_OPTIONS);
        client.#core.checkWindow("notification", window);
        client.#platformKey(bytes).toSpkiDer();
        client.#acceptCallback("notification", bytes, window, now);
      };
    }
  }

  guardMethods(PayerMax);
  const PayerMaxClass = constructOnly(PayerMax, "PayerMax");
  warmers.set(PayerMaxClass, warm);
  return PayerMaxClass;
}

export const PayerMax = payerMaxClass(engines.native);

/**
 * Several merchants on one webhook URL (a platform or marketplace): each
 * notification is verified with the configuration of the merchant it names
 * (by merchantNo, else by app), chosen before any signature work, and then
 * bound to that merchant as PayerMax.verifyNotification binds it.
 */
class PayerMaxMerchants {
  #merchants = [];

  constructor(configs) {
    if (!Array.isArray(configs) || configs.length === 0) {
      throw new PaysealError("CONFIG_INVALID", "invalid configuration: pass a non-empty array of PayerMax configurations");
    }
    for (const config of configs) {
      const merchant = config instanceof PayerMax ? config : new PayerMax(config);
      if (this.#merchants.some((m) => m.merchantNo === merchant.merchantNo && m.appId === merchant.appId)) {
        throw new PaysealError("CONFIG_INVALID", `invalid configuration: merchant ${merchant.merchantNo} / app ${merchant.appId} is configured twice`);
      }
      this.#merchants.push(merchant);
    }
  }

  /** The configured merchants. */
  get merchants() { return [...this.#merchants]; }

  /** The merchant a body names; MERCHANT_MISMATCH when none is configured. */
  merchantFor(body) {
    const [merchantNo, app] = glue().__addressee(rawBody(body));
    const found = this.#merchants.filter((m) => (merchantNo === null || m.merchantNo === merchantNo) && (app === null || m.appId === app));
    if (found.length !== 1 || (merchantNo === null && app === null)) {
      throw new PaysealError("MERCHANT_MISMATCH",
        `not for this merchant: no configured merchant matches merchantNo ${JSON.stringify(merchantNo)} / app ${JSON.stringify(app)}${found.length > 1 ? " uniquely" : ""}`);
    }
    return found[0];
  }

  /** Verifies a notification with the merchant it names: `{ merchant, ...notification }`. */
  verifyNotification(body, sign, opts) {
    const merchant = this.merchantFor(body);
    return { merchant, ...merchant.verifyNotification(body, sign, opts) };
  }

  /** `verifyNotification`, checking the signature with WebCrypto where available. */
  async verifyNotificationAsync(body, sign, opts) {
    const merchant = this.merchantFor(body);
    return { merchant, ...(await merchant.verifyNotificationAsync(body, sign, opts)) };
  }

  /** Verifies an RFI notification with the merchant it names: `{ merchant, ...rfi }`. */
  verifyRfiNotification(body, sign, opts) {
    const merchant = this.merchantFor(body);
    return { merchant, ...merchant.verifyRfiNotification(body, sign, opts) };
  }

  /** `verifyRfiNotification`, checking the signature with WebCrypto where available. */
  async verifyRfiNotificationAsync(body, sign, opts) {
    const merchant = this.merchantFor(body);
    return { merchant, ...(await merchant.verifyRfiNotificationAsync(body, sign, opts)) };
  }
}

guardMethods(PayerMaxMerchants);
const PayerMaxMerchantsClass = constructOnly(PayerMaxMerchants, "PayerMaxMerchants");
export { PayerMaxMerchantsClass as PayerMaxMerchants };
