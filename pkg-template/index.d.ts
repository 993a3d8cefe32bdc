// Types for payseal: the whole public API, with no `any`.

/** Stable machine-readable error codes. */
export type PaysealErrorCode =
  | "KEY_FORMAT"
  | "KEY_NOT_PRIVATE"
  | "KEY_NOT_PUBLIC"
  | "KEY_TYPE"
  | "KEY_ENCRYPTED"
  | "KEY_TOO_SMALL"
  | "KEY_TOO_LARGE"
  | "INVALID_ARGUMENT"
  | "CONFIG_INVALID"
  | "ENDPOINT_UNKNOWN"
  | "JSON_INVALID"
  | "REQUEST_TIME_INVALID"
  | "INPUT_TOO_LARGE"
  | "SIGNATURE_INVALID"
  | "SIGN_HEADER_MISSING"
  | "BODY_NOT_RAW"
  | "MERCHANT_MISMATCH"
  | "KEY_VERSION_UNKNOWN"
  | "NOTIFICATION_EXPIRED"
  | "RNG_UNAVAILABLE"
  | "FIELD_KIND_UNKNOWN"
  | "RULESET_INVALID"
  | "RULESET_UNKNOWN"
  | "PAYEE_INVALID";

/** Every error payseal throws. `message` says what to do and never contains key material. */
export class PaysealError extends Error {
  constructor(code: PaysealErrorCode, message: string);
  readonly name: "PaysealError";
  readonly code: PaysealErrorCode;
}

/** Key text (PEM with any label, or bare base64 DER) or DER bytes. */
export type KeyInput = string | Uint8Array | ArrayBuffer;
/** A message to sign or verify: a string (signed as UTF-8) or bytes. */
export type Message = string | Uint8Array | ArrayBuffer;
/** A raw HTTP body exactly as received: text or bytes, never a parsed object. */
export type RawBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** An RSA private key (PKCS#8 or PKCS#1). */
export class PrivateKey {
  private constructor();
  /** Parses PEM (any label), bare base64 DER, or DER bytes. A parsed key is returned as is. */
  static parse(key: KeyInput | PrivateKey): PrivateKey;
  /** Modulus size in bits (2048 to 4096). */
  readonly bits: number;
  /** Hex SHA-256 of the public key's SubjectPublicKeyInfo DER. */
  readonly fingerprint: string;
  /** The key as canonical PKCS#8 DER. */
  toPkcs8Der(): Uint8Array;
  /** The matching public key. */
  publicKey(): PublicKey;
  /** Base64 SHA256WithRSA signature of `message`. */
  sign(message: Message): string;
  /** `PrivateKey(RSA-2048, <fingerprint>)`: never key material. */
  toString(): string;
  toJSON(): string;
  /** Frees the wasm memory now instead of at garbage collection. */
  free(): void;
}

/** An RSA public key (SPKI, PKCS#1 or taken from an X.509 certificate). */
export class PublicKey {
  private constructor();
  /** Parses PEM (any label), bare base64 DER, or DER bytes. A parsed key is returned as is. */
  static parse(key: KeyInput | PublicKey): PublicKey;
  readonly bits: number;
  /** Hex SHA-256 of the SubjectPublicKeyInfo DER. */
  readonly fingerprint: string;
  toSpkiDer(): Uint8Array;
  /** Whether `signature` (base64) is valid for `message`; false for any junk. */
  verify(message: Message, signature: string): boolean;
  toString(): string;
  free(): void;
}

/** Base64 SHA256WithRSA (RSASSA-PKCS1-v1_5, SHA-256) signature of `message`. */
export function sign(privateKey: PrivateKey | KeyInput, message: Message): string;
/** Whether `signature` is valid. False for every signature that does not verify; throws only for an unusable key. */
export function verify(publicKey: PublicKey | KeyInput, message: Message, signature: string | null | undefined): boolean;
/** `sign` with WebCrypto where the runtime has it; the same signature either way. */
export function signAsync(privateKey: PrivateKey | KeyInput, message: Message): Promise<string>;
/** `verify` with WebCrypto where the runtime has it; the same answer either way. */
export function verifyAsync(publicKey: PublicKey | KeyInput, message: Message, signature: string | null | undefined): Promise<boolean>;

/** The package version. */
export const version: string;

/** JSON values accepted as request `data`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };
export type JsonObject = { [key: string]: JsonValue | undefined };

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
  static ackResponse(): Response;
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

/** Field kinds of `validateField`. */
export type FieldKind =
  | "iban" | "bic" | "email" | "phone" | "url"
  | "br.cpf" | "br.cnpj" | "br.pix_key" | "mx.clabe" | "mx.curp" | "mx.rfc"
  | "pe.cci" | "pe.dni" | "pe.ruc" | "co.nit" | "cl.rut" | "ar.cbu" | "ar.cvu" | "ar.cuit"
  | "in.ifsc" | "in.pan" | "in.aadhaar" | "id.nik" | "id.npwp" | "tr.tckimlik" | "ng.nuban";

/** Stable codes of field failures (a UI can translate them). */
export type FieldCode =
  | "REQUIRED" | "INVALID_CHARACTERS" | "INVALID_LENGTH" | "INVALID_FORMAT" | "INVALID_COMPONENT"
  | "INVALID_CHECKSUM" | "CONTEXT_REQUIRED" | "TYPE_MISMATCH" | "TOO_SHORT" | "TOO_LONG"
  | "NOT_ALLOWED" | "OUT_OF_RANGE" | "INVALID_SCALE";

export interface FieldContext {
  /** ISO 3166 alpha-2: the IBAN's country, or the country of a national phone number. */
  country?: string;
  /** For ng.nuban: the 3-digit bank code or 6-digit institution code. */
  bankCode?: string;
}

export type FieldResult =
  | { valid: true; normalized: string }
  | { valid: false; code: FieldCode; message: string };

/** Checks one value: format, length and check digits. */
export function validateField(kind: FieldKind, value: string, context?: FieldContext): FieldResult;

/** The answer of validatePayee: the shape of PayerMax's paymentFieldValidation. */
export interface PayeeValidation {
  validationCode: "PASS" | "PARAMS_INVALID";
  validationPassedFields: { field: string }[];
  ignoredFields: { field: string }[];
  validationFailedFields: { field: string; code: FieldCode; errorMsg: string }[];
}

/** A rule set (see the README for the schema). */
export interface RuleSet {
  id: string;
  description?: string;
  source?: string;
  extends?: string;
  parameters?: { [name: string]: JsonValue };
  fields?: { [dottedPath: string]: FieldRule };
}

export type Operand = JsonValue | { param: string };

export interface FieldRuleAttributes {
  required?: boolean | { param: string };
  type?: "string" | "integer" | "decimal" | "boolean";
  minLength?: number;
  maxLength?: number;
  enum?: JsonValue[] | { param: string };
  /** A portable pattern, matched against the whole value. */
  pattern?: string;
  format?: "date";
  check?: FieldKind | FieldKind[];
  context?: { country?: string | { field: string } | { param: string }; bankCode?: string | { field: string } | { param: string } };
  min?: Operand;
  max?: Operand;
  scale?: number;
  message?: string;
}

export type Condition =
  | { field: string; equals: Operand }
  | { field: string; in: Operand }
  | { field: string; notIn: Operand }
  | { field: string; present: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface FieldRule extends FieldRuleAttributes {
  when?: { if: Condition; then: FieldRuleAttributes }[];
}

/** Validates `data` with a built-in rule set id (see `ruleSets()`) or your own rule set. */
export function validatePayee(
  ruleSet: string | RuleSet,
  data: JsonObject | string,
  options?: { parameters?: { [name: string]: JsonValue } },
): PayeeValidation;

/** The ids of the built-in rule sets. */
export function ruleSets(): string[];

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
  static ackResponse(): Response;
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
