// Why a signature does not verify, and whether two keys belong together.
import type { PaysealError } from "./error.js";
import type { RawBody } from "./input.js";
import type { KeyInput, PrivateKey, PublicKey } from "./keys.js";

/**
 * A change of the body the diagnosis tries, in the order it tries them:
 * applied to the body received, it gives exactly the bytes that were signed.
 */
export type BodyChange =
  | "trailing-newline-removed" | "trailing-newline-added" | "trailing-crlf-added" | "trailing-space-added"
  | "whitespace-trimmed" | "bom-removed" | "bom-added" | "crlf-to-lf" | "lf-to-crlf"
  | "slashes-escaped" | "slashes-unescaped" | "non-ascii-escaped" | "non-ascii-escaped-upper" | "non-ascii-unescaped"
  | "json-stringify" | "json-pretty-2" | "json-pretty-4" | "json-pretty-tab" | "json-spaced" | "keys-sorted"
  | "utf8-to-latin1" | "latin1-to-utf8" | "percent-decoded" | "form-decoded" | "percent-encoded" | "form-encoded";

/** A difference of the API key a Cashy Sign diagnosis tries (verdict WRONG_KEY). */
export type ApiKeyChange =
  | "api-key-newline-added" | "api-key-crlf-added" | "api-key-space-added" | "api-key-leading-space-added"
  | "api-key-trimmed" | "api-key-missing";

/**
 * `VALID`; `SIGNATURE_MALFORMED` (not canonical base64, the wrong length for
 * the key, a malformed block); `WRONG_KEY` (another key signed); `NOT_SHA256`
 * (another hash, named in `detail`); `BODY_CHANGED` (this key signed other
 * bytes); `NO_MATCH` (Cashy's MD5 Sign only: no candidate matches, and MD5
 * cannot tell a wrong key from another change).
 */
export type SignatureVerdict = "VALID" | "SIGNATURE_MALFORMED" | "WRONG_KEY" | "NOT_SHA256" | "BODY_CHANGED" | "NO_MATCH";

/** Why a signature does (not) verify. Log it; never send it back in an HTTP answer. */
export interface SignatureDiagnosis {
  verdict: SignatureVerdict;
  /** What it means and what to do, in a sentence or two. */
  detail: string;
  /** The change that explains it: one change of the body, two joined by "+", or a change of Cashy's API key. */
  variant?: BodyChange | `${BodyChange}+${BodyChange}` | ApiKeyChange;
}

/** SIGNATURE_INVALID from a verification called with `{ diagnose: true }`. */
export interface SignatureInvalidError extends PaysealError {
  readonly code: "SIGNATURE_INVALID";
  /** Present when the verification was asked to diagnose. */
  readonly diagnosis?: SignatureDiagnosis;
}

/** Whether a public key is the pair of a private key. */
export interface KeyPairCheck {
  matches: boolean;
  detail: string;
  /** Hex SHA-256 of the SPKI DER of the private key's public half. */
  privateKeyFingerprint: string;
  /** Hex SHA-256 of the SPKI DER of the public key. */
  publicKeyFingerprint: string;
}

/** Why `signature` (base64) does (not) verify `body` under `publicKey`: one RSA operation, then one SHA-256 per candidate change. */
export function diagnoseSignature(publicKey: PublicKey | KeyInput, body: RawBody, signature: string | null | undefined): SignatureDiagnosis;
/** Whether `publicKey` belongs to `privateKey` (the mistake of uploading another public key), with both fingerprints. */
export function checkKeyPair(privateKey: PrivateKey | KeyInput, publicKey: PublicKey | KeyInput): KeyPairCheck;
