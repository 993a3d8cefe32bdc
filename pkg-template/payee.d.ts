// Payee validation: one field, a whole payee against a rule set.
import type { JsonObject, JsonValue } from "./input.js";

/** Field kinds of `validateField`. */
export type FieldKind =
  | "iban" | "bic" | "email" | "phone" | "url" | "card.pan"
  | "br.cpf" | "br.cnpj" | "br.pix_key" | "mx.clabe" | "mx.curp" | "mx.rfc"
  | "pe.cci" | "pe.dni" | "pe.ruc" | "co.nit" | "cl.rut" | "ar.cbu" | "ar.cvu" | "ar.cuit"
  | "in.ifsc" | "in.pan" | "in.aadhaar" | "id.nik" | "id.npwp" | "tr.tckimlik" | "ng.nuban";

/** Stable codes of field failures (a UI can translate them). */
export type FieldCode =
  | "REQUIRED" | "INVALID_CHARACTERS" | "INVALID_LENGTH" | "INVALID_FORMAT" | "INVALID_COMPONENT"
  | "INVALID_CHECKSUM" | "CONTEXT_REQUIRED" | "TYPE_MISMATCH" | "TOO_SHORT" | "TOO_LONG"
  | "NOT_ALLOWED" | "OUT_OF_RANGE" | "INVALID_SCALE" | "NOT_FINITE";

/** The context of validateField (for kinds that need one). */
export interface FieldContext {
  /** ISO 3166 alpha-2: the IBAN's or the BIC's country, or the country of a national phone number. */
  country?: string;
  /** For ng.nuban: the 3-digit bank code or 6-digit institution code. */
  bankCode?: string;
}

/**
 * libphonenumber's number type of a valid phone number; `unknown` for a
 * calling code outside the countries whose numbering plans are covered.
 */
export type PhoneType =
  | "mobile" | "fixed_line" | "fixed_line_or_mobile" | "toll_free" | "premium_rate" | "shared_cost"
  | "voip" | "personal_number" | "pager" | "uan" | "voicemail" | "unknown";

export type FieldResult =
  | { valid: true; normalized: string; /** Only for kind "phone". */ phoneType?: PhoneType }
  | { valid: false; code: FieldCode; message: string };

/** Checks one value: format, length and check digits; a phone number against its country's numbering plan. */
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
  type?: "string" | "text" | "integer" | "decimal" | "boolean" | "object" | "array";
  minLength?: number;
  maxLength?: number;
  enum?: JsonValue[] | { param: string };
  /** A portable pattern, matched against the whole value. */
  pattern?: string;
  format?: "date";
  check?: FieldKind | FieldKind[];
  /** The value must be a phone number of one of these types (checked as "phone", with context.country). */
  phoneType?: PhoneType | PhoneType[];
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
  /** The payee (or a whole request's `data`, e.g. a typed `RequestData<"paymentOrderPay">`), or its JSON. */
  data: JsonObject | object | string,
  options?: { parameters?: { [name: string]: JsonValue } },
): PayeeValidation;

/** The ids of the built-in rule sets. */
export function ruleSets(): string[];

/**
 * A built-in rule set as its data file has it (`extends` unresolved): the
 * starting point for a rule set of your own (`{ id, extends: "payermax.payout.BR.BANK_TRANSFER", fields }`).
 * RULESET_UNKNOWN for an id that `ruleSets()` does not list.
 */
export function ruleSet(id: string): RuleSet;
