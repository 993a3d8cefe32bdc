// PayerMax: signed request envelopes, verified responses and notifications.
import type { JsonObject, JsonValue, RawBody } from "./input.js";
import type { KeyInput, PrivateKey, PublicKey } from "./keys.js";
import type { AckResponse } from "./ack.js";
import type { AnswerDataMap, CallbackDataMap, NotificationDataMap, RequestDataMap, ResponseDataMap } from "./payermax-data.js";
import type { PayeeValidation } from "./payee.js";

export type * from "./payermax-data.js";

/** Every endpoint of the catalogue (the OpenAPI description and the integration guides). */
export type Endpoint = keyof RequestDataMap;
/** The `data` of a request to `E`: fields as the description types them (JSDoc on each). */
export type RequestData<E extends Endpoint> = RequestDataMap[E];
/** The `data` of `E`'s response. */
export type ResponseData<E extends Endpoint> = ResponseDataMap[E];

/** `new PayerMax(config)`: unknown names are refused (CONFIG_INVALID) with the list of known ones. */
export interface PayerMaxConfig {
  /** The merchant app's id, from the PayerMax dashboard. */
  appId: string;
  /** The merchant number, from the PayerMax dashboard. */
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
  /** ISV mode: the merchant auth token, sent in the `merchant_auth_token` header of every request. */
  merchantAuthToken?: string;
}

/** Per-call options of request / requestAsync, checked by name like the configuration. */
export interface RequestOptions {
  /** `2022-01-17T08:04:13.879+00:00`, a Date or epoch milliseconds; defaults to now. */
  requestTime?: string | Date | number;
  /** Overrides the catalogue's version; required for endpoints outside the catalogue. */
  version?: string;
  /**
   * `false` signs without checking `data` against the endpoint's schema (for
   * the day the gateway takes a field or value payseal does not know yet).
   * Non-finite numbers are refused either way.
   */
  check?: boolean;
}

/** A signed request: `fetch(req.url, req)` sends it. */
export interface SignedRequest<E extends string = string> {
  /** The endpoint (not enumerable: fetch and JSON do not see it). Pass the request to verifyResponse to type the answer. */
  readonly endpoint: E;
  url: string;
  method: "POST";
  headers: { "content-type": "application/json"; sign: string; merchant_auth_token?: string };
  /** Exactly what was signed and must be sent. */
  body: string;
}

/** Per-call options of the notification and callback verifications, checked by name. */
export interface NotificationOptions {
  /** The current time (defaults to Date.now()). */
  now?: Date | number;
  /** Refuse notifications whose notifyTime is further than this from now, either way. Off by default. */
  toleranceSeconds?: number;
  /** On SIGNATURE_INVALID, say why in `error.diagnosis` (see SignatureInvalidError). Off by default. */
  diagnose?: boolean;
}

/** Per-call options of verifyResponse (or pass the signed request the response answers). */
export interface ResponseOptions<E extends string = Endpoint> {
  /** On SIGNATURE_INVALID, say why in `error.diagnosis` (see SignatureInvalidError). Off by default. */
  diagnose?: boolean;
  /** The endpoint the response answers: types `data` (passing the signed request does the same). */
  endpoint?: E;
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
  /**
   * What `data` lacks, or holds with another JSON type, against what the
   * description calls required: log it. A correctly signed message for
   * this merchant is never refused for its data.
   */
  dataIssues: DataIssue[];
  /** The verified body text (amounts beyond 2^53 keep all their digits here). */
  raw: string;
}

/** A gap in received data: `{field, code, errorMsg}` as paymentFieldValidation reports one. */
export interface DataIssue {
  field: string;
  /** REQUIRED or TYPE_MISMATCH. */
  code: string;
  errorMsg: string;
}

/** A verified RFI notification (rfiNotifyUrl): the envelope without notifyType. */
export interface RfiNotification extends Omit<Notification<CallbackDataMap["rfi"]>, "notifyType" | "knownType" | "code" | "msg"> {
  notifyType: null;
}

/**
 * A verified bill payment validation (billPaymentValidationUrl): the body is
 * its data. It names no merchant, so only its signature binds it to you.
 */
export interface BillPaymentValidation {
  /** `BILL_PAYMENT_VALIDATION:<referenceNo>:<digest>`. */
  eventKey: string;
  data: CallbackDataMap["billPaymentValidation"] & { referenceNo: string };
  dataIssues: DataIssue[];
  raw: string;
}

/** The callbacks whose answer carries data. */
export type AnswerKind = keyof AnswerDataMap;

/**
 * What verifyNotification returns: one member per documented notifyType,
 * each with its own `data` type, so `if (n.notifyType === "PAYOUT")
 * n.data.tradeNo` narrows. A notifyType the gateway adds after this release
 * still arrives, with `knownType: false` and a `notifyType` outside this
 * union (as with other typed SDKs): check `knownType` before trusting the
 * narrowed type in a `default` branch.
 */
export type TypedNotification = {
  [T in keyof NotificationDataMap]: Omit<Notification<NotificationDataMap[T]>, "notifyType"> & { notifyType: T };
}[keyof NotificationDataMap];

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

/** A PayerMax merchant: signed request envelopes, verified responses, notifications and callbacks. */
export class PayerMax {
  /** Reads and checks the configuration (keys parsed once); CONFIG_INVALID or a key code when it cannot be used. */
  constructor(config: PayerMaxConfig);
  /** The acknowledgement body: `{"code":"SUCCESS","msg":"Success"}`. */
  static readonly ACK: '{"code":"SUCCESS","msg":"Success"}';
  /** The full HTTP acknowledgement. */
  static ack(): { status: 200; headers: { "content-type": "application/json" }; body: string };
  /** The acknowledgement as a fetch Response. */
  static ackResponse(): AckResponse;
  /**
   * The full HTTP answer to a callback that expects data (bill payment
   * validation, bill payment booking confirmation `REPAYMENT_RECEIPT`):
   * `{"code":"SUCCESS","msg":"Success","data":…}`, data checked first
   * (DATA_INVALID). No sign header: no source asks for one.
   */
  static answer<K extends AnswerKind>(kind: K, data: AnswerDataMap[K]): { status: 200; headers: { "content-type": "application/json" }; body: string };
  /** `answer` as a fetch Response. */
  static answerResponse<K extends AnswerKind>(kind: K, data: AnswerDataMap[K]): AckResponse;
  /** The configured appId. */
  readonly appId: string;
  /** The configured merchantNo. */
  readonly merchantNo: string;
  /** The gateway origin requests go to (sandbox, production or the configured baseUrl). */
  readonly baseUrl: string;
  /** The merchant key version sent in every request. */
  readonly keyVersion: string;
  /**
   * Builds and signs a request envelope. `data` is checked against the
   * endpoint's schema first (DATA_INVALID with `fields` lists every
   * failure; `{ check: false }` skips it). `data` may be an object or a JSON
   * string (checked the same way, embedded unchanged).
   */
  request<E extends Endpoint>(endpoint: E, data: RequestData<E> | string, opts?: RequestOptions): SignedRequest<E>;
  /** An endpoint outside the catalogue: `version` is required, nothing is checked but JSON. */
  request(endpoint: string, data: JsonObject | string, opts: RequestOptions & { version: string }): SignedRequest;
  /** `request`, signing with WebCrypto where the runtime has no node:crypto; the same request either way. */
  requestAsync<E extends Endpoint>(endpoint: E, data: RequestData<E> | string, opts?: RequestOptions): Promise<SignedRequest<E>>;
  requestAsync(endpoint: string, data: JsonObject | string, opts: RequestOptions & { version: string }): Promise<SignedRequest>;
  /**
   * Checks `data` for `endpoint` without signing: the report in the shape of
   * paymentFieldValidation (fields the schema does not know in ignoredFields).
   */
  check<E extends Endpoint>(endpoint: E, data: RequestData<E> | JsonObject | string): PayeeValidation;
  /** Verifies the `sign` header over the raw body, then parses; `data` typed by `notifyType`. */
  verifyNotification(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): TypedNotification;
  verifyNotification<Data>(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): Notification<Data>;
  /** `verifyNotification`, verifying with WebCrypto where the runtime has no node:crypto; the same answer either way. */
  verifyNotificationAsync(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): Promise<TypedNotification>;
  verifyNotificationAsync<Data>(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): Promise<Notification<Data>>;
  /** Verifies an RFI notification (rfiNotifyUrl), bound to this merchant like a notification. */
  verifyRfiNotification(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): RfiNotification;
  /** `verifyRfiNotification`, verifying with WebCrypto where the runtime has no node:crypto. */
  verifyRfiNotificationAsync(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): Promise<RfiNotification>;
  /** Verifies a bill payment validation (billPaymentValidationUrl); answer it with PayerMax.answer("billPaymentValidation", ...). */
  verifyBillPaymentValidation(body: RawBody, sign: string | null | undefined, opts?: { diagnose?: boolean }): BillPaymentValidation;
  /** `verifyBillPaymentValidation`, verifying with WebCrypto where the runtime has no node:crypto. */
  verifyBillPaymentValidationAsync(body: RawBody, sign: string | null | undefined, opts?: { diagnose?: boolean }): Promise<BillPaymentValidation>;
  /**
   * Verifies and classifies an API response; an unsigned one is accepted only
   * as an error. Pass the request (or `{ endpoint }`) to type `data`.
   */
  verifyResponse<E extends Endpoint>(body: RawBody, sign: string | null | undefined, request: SignedRequest<E> | (ResponseOptions<E> & { endpoint: E })): GatewayResponse<ResponseData<E> | null>;
  verifyResponse<Data = JsonValue>(body: RawBody, sign: string | null | undefined, opts?: ResponseOptions): GatewayResponse<Data>;
  /** `verifyResponse`, verifying with WebCrypto where the runtime has no node:crypto; the same answer either way. */
  verifyResponseAsync<E extends Endpoint>(body: RawBody, sign: string | null | undefined, request: SignedRequest<E> | (ResponseOptions<E> & { endpoint: E })): Promise<GatewayResponse<ResponseData<E> | null>>;
  verifyResponseAsync<Data = JsonValue>(body: RawBody, sign: string | null | undefined, opts?: ResponseOptions): Promise<GatewayResponse<Data>>;
  /** For your tests: a notification signed with a test platform key, as PayerMax sends it. */
  generateTestNotification(
    payload: { [key: string]: JsonValue | undefined },
    platformPrivateKey: PrivateKey | KeyInput,
    opts?: { notifyTime?: Date | number },
  ): TestNotification;
}

/** Several merchants on one webhook URL: each notification is verified with the merchant it names. */
export class PayerMaxMerchants {
  constructor(configs: Array<PayerMaxConfig | PayerMax>);
  /** The configured merchants. */
  readonly merchants: PayerMax[];
  /** The merchant a body names (read before verification); MERCHANT_MISMATCH if none is configured. */
  merchantFor(body: RawBody): PayerMax;
  /** Verifies with the named merchant's keys, then binds the notification to it. */
  verifyNotification(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): TypedNotification & { merchant: PayerMax };
  /** `verifyNotification`, verifying with WebCrypto where the runtime has no node:crypto. */
  verifyNotificationAsync(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): Promise<TypedNotification & { merchant: PayerMax }>;
  /** Verifies an RFI notification with the merchant it names. */
  verifyRfiNotification(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): RfiNotification & { merchant: PayerMax };
  /** `verifyRfiNotification`, verifying with WebCrypto where the runtime has no node:crypto. */
  verifyRfiNotificationAsync(body: RawBody, sign: string | null | undefined, opts?: NotificationOptions): Promise<RfiNotification & { merchant: PayerMax }>;
}
