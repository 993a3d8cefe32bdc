// Errors: one class, stable codes.

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
  | "NOT_A_NOTIFICATION"
  | "NOT_A_RESPONSE"
  | "KEY_VERSION_UNKNOWN"
  | "NOTIFICATION_EXPIRED"
  | "RNG_UNAVAILABLE"
  | "FIELD_KIND_UNKNOWN"
  | "RULESET_INVALID"
  | "RULESET_UNKNOWN"
  | "PAYEE_INVALID"
  | "DATA_INVALID";

/** One field that failed a check (the shape of paymentFieldValidation's validationFailedFields). */
export interface FieldFailure {
  /** Dotted path relative to `data` (`goodsDetails[0].goodsId` inside arrays). */
  field: string;
  code: string;
  errorMsg: string;
}

/** Every error payseal throws. `message` says what to do and never contains key material. */
export class PaysealError extends Error {
  constructor(code: PaysealErrorCode, message: string);
  /** Always "PaysealError". */
  readonly name: "PaysealError";
  /** The stable code to switch on (README, Errors). */
  readonly code: PaysealErrorCode;
  /** DATA_INVALID: every field of the request `data` that failed, and why. */
  readonly fields?: FieldFailure[];
}
