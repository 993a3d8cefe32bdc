// Cashy (Peru payouts): payOut / payOutQuery signed with MD5(body + apiKey), callbacks.
import type { PaysealError } from "./error.js";
import type { JsonValue, RawBody } from "./input.js";
import type { PayeeValidation } from "./payee.js";
import type { AckResponse } from "./ack.js";

/** `new Cashy(config)`: unknown names are refused (CONFIG_INVALID). */
export interface CashyConfig {
  /** The merchant id Cashy assigned (sent in the MerchantId header). */
  merchantId: string | number;
  /** The API key: signs requests (MD5(body + apiKey)) and verifies callbacks. Keep it secret. */
  apiKey: string;
  /** The gateway origin, e.g. `https://api.example.com`. */
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

/** The body of a payOut (Cashy Peru payout API). */
export interface CashyPayoutData {
  /** Beneficiary name; at most 32 characters. */
  accountName: string;
  /** Beneficiary bank account; at most 32 characters. */
  accountNo: string;
  /** Beneficiary CCI (20 digits): required unless the bank is one of the large banks (`payoutRules.largeBankIds`). */
  cciAccountNo?: string;
  /** Beneficiary account type (Cashy's payout account type list). */
  accountType: number;
  /** Currency code, e.g. "PEN". */
  currency: string;
  /** Amount, decimal(20,2), by default from 10.00 to 2000.00. */
  amount: number | string;
  /** Bank id (Cashy's payout bank list). */
  bankId: number;
  /** Merchant order number; at most 32 characters. */
  mchOrderNo: string;
  /** Callback address, http(s) with a public domain name; at most 250 characters. */
  notifyUrl: string;
  /** Random string, at most 32 characters: filled in when absent. */
  nonceStr?: string;
  /** Payee ID type (Cashy's list). */
  idType: string;
  /** Beneficiary ID number. */
  idCard: string;
  /** Beneficiary phone number. */
  phone?: string;
  /** Beneficiary e-mail. */
  email?: string;
  /** Order remarks; at most 32 characters. */
  remark: string;
  /** Fields Cashy adds later are sent as given. */
  [field: string]: JsonValue | undefined;
}

/** The body of a payOutQuery: the platform order number (preferred) or the merchant's. */
export type CashyPayoutQueryData =
  | { orderNo: string; mchOrderNo?: string; nonceStr?: string }
  | { mchOrderNo: string; orderNo?: string; nonceStr?: string };

/** Thrown by Cashy.payout for an invalid payout: `validation` says which fields and why. */
export interface PayeeInvalidError extends PaysealError {
  readonly code: "PAYEE_INVALID";
  readonly validation: PayeeValidation;
}

/** A Cashy (Peru payouts) merchant: signed payOut / payOutQuery requests, verified callbacks. */
export class Cashy {
  /** Reads and checks the configuration (CONFIG_INVALID). */
  constructor(config: CashyConfig);
  /** The plain-text acknowledgement body. */
  static readonly ACK: "SUCCESS";
  /** The full HTTP acknowledgement of a callback. */
  static ack(): { status: 200; headers: { "content-type": "text/plain" }; body: "SUCCESS" };
  /** The acknowledgement as a fetch Response. */
  static ackResponse(): AckResponse;
  /** The configured merchant id, as text. */
  readonly merchantId: string;
  /** The configured gateway origin. */
  readonly baseUrl: string;
  /** A signed payOut; validated with cashy.pe.payout first unless `validate: false` (throws PAYEE_INVALID). */
  payout(data: CashyPayoutData | string, opts?: { validate?: boolean }): CashyRequest;
  /** A signed payOutQuery (needs mchOrderNo or orderNo). */
  payoutQuery(data: CashyPayoutQueryData | string): CashyRequest;
  /** Verifies the Sign over the raw body, then parses. `diagnose`: on SIGNATURE_INVALID, say why in `error.diagnosis`. */
  verifyCallback(body: RawBody, sign: string | null | undefined, opts?: { diagnose?: boolean }): CashyCallback;
  /** Reads an API answer (not signed by Cashy). */
  verifyResponse(body: RawBody): CashyResponse;
}
