// Cashy (Peru payouts): payOut / payOutQuery signed with MD5(body + apiKey), callbacks.
import type { PaysealError } from "./error.js";
import type { JsonObject, JsonValue, RawBody } from "./input.js";
import type { PayeeValidation } from "./payee.js";
import type { AckResponse } from "./ack.js";

export interface CashyConfig {
  merchantId: string | number;
  apiKey: string;
  /** The gateway origin, e.g. "https://api.example.com". */
  baseUrl: string;
  /** Parameters of the cashy.pe.payout rule set: largeBankIds, minAmount, maxAmount, phoneCountry. */
  payoutRules?: { [name: string]: JsonValue };
}

/** A signed Cashy request: `fetch(req.url, req)` sends it. */
export interface CashyRequest {
  url: string;
  method: "POST";
  headers: { "content-type": "application/json"; MerchantId: string; Sign: string };
  body: string;
}

export type CashyOrderStatus = "PROCESSING" | "PAYING" | "SUCCESS" | "FAIL" | "CANCEL";

export interface CashyCallback {
  orderStatus: CashyOrderStatus | (string & {}) | null;
  /** False for a status Cashy has added since this version. */
  knownStatus: boolean;
  resultDesc: string | null;
  merchantId: string | null;
  mchOrderNo: string | null;
  orderNo: string | null;
  /** The whole parsed body. */
  data: { [key: string]: JsonValue };
  raw: string;
}

export interface CashyResponse {
  /** code === 200. */
  ok: boolean;
  code: string | null;
  msg: string | null;
  orderStatus: CashyOrderStatus | (string & {}) | null;
  data: JsonValue;
  raw: string;
}

/** Thrown by Cashy.payout for an invalid payout: `validation` says which fields and why. */
export interface PayeeInvalidError extends PaysealError {
  readonly code: "PAYEE_INVALID";
  readonly validation: PayeeValidation;
}

export class Cashy {
  constructor(config: CashyConfig);
  /** The plain-text acknowledgement body. */
  static readonly ACK: "SUCCESS";
  static ack(): { status: 200; headers: { "content-type": "text/plain" }; body: "SUCCESS" };
  static ackResponse(): AckResponse;
  readonly merchantId: string;
  readonly baseUrl: string;
  /** A signed payOut; validated with cashy.pe.payout first unless `validate: false` (throws PAYEE_INVALID). */
  payout(data: JsonObject | string, opts?: { validate?: boolean }): CashyRequest;
  /** A signed payOutQuery (needs mchOrderNo or orderNo). */
  payoutQuery(data: JsonObject | string): CashyRequest;
  /** Verifies the Sign over the raw body, then parses. */
  verifyCallback(body: RawBody, sign: string | null | undefined): CashyCallback;
  /** Reads an API answer (not signed by Cashy). */
  verifyResponse(body: RawBody): CashyResponse;
}
