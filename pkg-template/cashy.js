// Cashy (Peru payouts): payOut / payOutQuery signed with MD5(body + apiKey),
// callbacks, answers.
import * as glue from "./payseal_glue.js";
import { PaysealError, invalid, guarded, guardMethods } from "./error.js";
import { ackOf, responseOf } from "./ack.js";
import { dataJson, jsonText, rawBody, signHeader, textOf } from "./input.js";

const { CashyCore } = glue;

const OPTIONS = ["merchantId", "apiKey", "baseUrl", "payoutRules"];

// The wasm core for a configuration; unknown options are refused by name.
const coreFor = guarded((config) => {
  if (config === null || typeof config !== "object") {
    throw new PaysealError("CONFIG_INVALID", "invalid configuration: pass an object with merchantId, apiKey, baseUrl");
  }
  for (const key of Object.keys(config)) {
    if (!OPTIONS.includes(key)) {
      throw new PaysealError("CONFIG_INVALID", `invalid configuration: unknown option "${key}"; the options are ${OPTIONS.join(", ")}`);
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
  return new CashyCore(text("merchantId", merchantId), text("apiKey", apiKey), text("baseUrl", baseUrl),
    payoutRules === undefined ? undefined : jsonText(payoutRules, "payoutRules"));
});

/** A Cashy (Peru payouts) merchant: payOut / payOutQuery signed with MD5(body + apiKey), callbacks, answers. */
export class Cashy {
  #core;

  constructor(config) {
    this.#core = coreFor(config);
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
    const raw = textOf(bytes);
    return { ...fields, data: JSON.parse(raw), raw };
  }

  /** Reads an API answer: `ok` when code is 200. Cashy does not sign answers. */
  verifyResponse(body) {
    const bytes = rawBody(body);
    const fields = this.#core.readResponse(bytes);
    const raw = textOf(bytes);
    const parsed = JSON.parse(raw);
    return { ...fields, data: parsed.data ?? null, raw };
  }

  /** The plain-text body that acknowledges a callback. */
  static ACK = "SUCCESS";
  /** The full HTTP answer that acknowledges a callback. */
  static ack() { return ackOf(Cashy.ACK, "text/plain"); }
  /** The acknowledgement as a fetch `Response`. */
  static ackResponse() { return responseOf(Cashy.ack()); }
}

guardMethods(Cashy);
