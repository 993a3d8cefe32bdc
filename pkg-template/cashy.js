// Cashy (Peru payouts): payOut / payOutQuery signed with MD5(body + apiKey),
// callbacks, answers.
import { glue } from "./wasm.js";
import { PaysealError, constructOnly, guarded, guardMethods } from "./error.js";
import { ackOf, responseOf } from "./ack.js";
import { dataJson, optionsJson, rawBody, settingsJson, signHeader, textOf } from "./input.js";

// The wasm core for a configuration (JSON text, which the core reads with
// its serde type).
const coreFor = guarded((config) => {
  if (config === null || typeof config !== "object") {
    throw new PaysealError("CONFIG_INVALID", "invalid configuration: pass an object with merchantId, apiKey, baseUrl");
  }
  return new (glue().CashyCore)(settingsJson({ ...config }, "configuration"));
});

/** A Cashy (Peru payouts) merchant: payOut / payOutQuery signed with MD5(body + apiKey), callbacks, answers. */
class Cashy {
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
  payout(data, opts) {
    return this.#request(this.#core.payout(dataJson(data), optionsJson(opts, "{ validate: false }")));
  }

  /** A signed payOutQuery (needs mchOrderNo or orderNo). */
  payoutQuery(data) {
    return this.#request(this.#core.payoutQuery(dataJson(data)));
  }

  /**
   * Verifies a callback's Sign over the raw body (case-insensitive, constant
   * time), then parses it. With `{ diagnose: true }`, a SIGNATURE_INVALID
   * error says why (`diagnosis`).
   */
  verifyCallback(body, sign, opts) {
    const bytes = rawBody(body);
    const fields = JSON.parse(this.#core.verifyCallback(bytes, signHeader(sign, true), optionsJson(opts, "{ diagnose: true }")));
    const raw = textOf(bytes);
    return { ...fields, data: JSON.parse(raw), raw };
  }

  /** Reads an API answer: `ok` when code is 200. Cashy does not sign answers. */
  verifyResponse(body) {
    const bytes = rawBody(body);
    const fields = JSON.parse(this.#core.readResponse(bytes));
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
const CashyClass = constructOnly(Cashy, "Cashy");
export { CashyClass as Cashy };
