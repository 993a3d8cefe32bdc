// PayerMax: signed request envelopes, verified responses and notifications.
import type { JsonObject, JsonValue, RawBody } from "./input.js";
import type { KeyInput, PrivateKey, PublicKey } from "./keys.js";
import type { AckResponse } from "./ack.js";

export interface PayerMaxConfig {
  appId: string;
  merchantNo: string;
  /** The merchant's private key: needed to sign requests. */
  privateKey?: PrivateKey | KeyInput;
  /** The platform public key for the configured `keyVersion`: needed to verify responses and notifications. */
  platformPublicKey?: PublicKey | KeyInput;
  /** Platform public keys by `keyVersion`, for key rotation. */
  platformPublicKeys?: Record<string, PublicKey | KeyInput>;
  /** Defaults to "sandbox". */
  environment?: "sandbox" | "production";
  /** A custom origin (a local stand-in, a proxy); overrides `environment`. */
  baseUrl?: string;
  /** Defaults to "1". */
  keyVersion?: string;
  /** The service provider's merchant number (ISV mode). */
  spMerchantNo?: string;
}

export interface RequestOptions {
  /** `2022-01-17T08:04:13.879+00:00`, a Date or epoch milliseconds; defaults to now. */
  requestTime?: string | Date | number;
  /** Overrides the catalogue's version; required for endpoints outside the catalogue. */
  version?: string;
}

/** A signed request: `fetch(req.url, req)` sends it. */
export interface SignedRequest {
  url: string;
  method: "POST";
  headers: { "content-type": "application/json"; sign: string };
  /** Exactly what was signed and must be sent. */
  body: string;
}

export interface NotificationOptions {
  /** The current time (defaults to Date.now()). */
  now?: Date | number;
  /** Refuse notifications whose notifyTime is further than this from now, either way. Off by default. */
  toleranceSeconds?: number;
}

/** Every notifyType PayerMax documents. */
export type KnownNotifyType =
  | "PAYMENT" | "REFUND" | "PAYOUT" | "PAYBYLINK" | "TOKENIZATION" | "CAPTURE" | "CANCEL"
  | "SUBSCRIPTION" | "SUBSCRIPTION_PAYMENT" | "REPAYMENT_RECEIPT" | "DEPOSIT" | "EXCHANGE"
  | "WITHDRAW" | "TRANSFER" | "RECEIVE" | "FRAUD" | "CHARGEBACK" | "DISPUTE" | "CUSTOMER COMPLAINT";

/** A verified notification. */
export interface Notification<Data = JsonValue> {
  notifyType: KnownNotifyType | (string & {}) | null;
  /** False for a notifyType the gateway has added since this version. */
  knownType: boolean;
  /** "APPLY_SUCCESS" for a successful event. */
  code: string | null;
  msg: string | null;
  appId: string | null;
  merchantNo: string | null;
  notifyTime: string | null;
  keyVersion: string | null;
  /** Equal for redeliveries of one event, different for different events: de-duplicate on it. */
  eventKey: string;
  data: Data;
  /** The verified body text. */
  raw: string;
}

/** A gateway response, classified: `ok` (code), then `status` (transaction status). */
export interface GatewayResponse<Data = JsonValue> {
  /** False only for an unsigned error response (the gateway may not sign errors). */
  verified: boolean;
  /** code === "APPLY_SUCCESS". */
  ok: boolean;
  code: string | null;
  msg: string | null;
  /** data.status when present. */
  status: string | null;
  data: Data;
  raw: string;
}

export interface TestNotification {
  body: string;
  sign: string;
  headers: { "content-type": "application/json"; sign: string };
}

export class PayerMax {
  constructor(config: PayerMaxConfig);
  /** The acknowledgement body: `{"code":"SUCCESS","msg":"Success"}`. */
  static readonly ACK: '{"code":"SUCCESS","msg":"Success"}';
  /** The full HTTP acknowledgement. */
  static ack(): { status: 200; headers: { "content-type": "application/json" }; body: string };
  /** The acknowledgement as a fetch Response. */
  static ackResponse(): AckResponse;
  readonly appId: string;
  readonly merchantNo: string;
  readonly baseUrl: string;
  readonly keyVersion: string;
  /** Builds and signs a request envelope. `data` may be an object or a JSON string (embedded unchanged). */
  request(endpoint: string, data: JsonObject | string, opts?: RequestOptions): SignedRequest;
  requestAsync(endpoint: string, data: JsonObject | string, opts?: RequestOptions): Promise<SignedRequest>;
  /** Verifies the `sign` header over the raw body, then parses. */
  verifyNotification<Data = JsonValue>(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): Notification<Data>;
  verifyNotificationAsync<Data = JsonValue>(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): Promise<Notification<Data>>;
  /** Verifies and classifies an API response; an unsigned one is accepted only as an error. */
  verifyResponse<Data = JsonValue>(body: RawBody, sign: string | null | undefined): GatewayResponse<Data>;
  verifyResponseAsync<Data = JsonValue>(body: RawBody, sign: string | null | undefined): Promise<GatewayResponse<Data>>;
  /** For your tests: a notification signed with a test platform key, as PayerMax sends it. */
  generateTestNotification(
    payload: { [key: string]: JsonValue | undefined },
    platformPrivateKey: PrivateKey | KeyInput,
    opts?: { notifyTime?: Date | number },
  ): TestNotification;
}
