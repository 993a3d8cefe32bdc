// A message to sign or verify as payseal takes it from its caller, checked
// before anything is copied into wasm memory: its size, and UTF-16 that
// UTF-8 can carry. (The rest of what callers pass: input.js.)
import { glue } from "./wasm.js";
import { invalid } from "./error.js";

// Bodies and data are limited to 1 MiB (the core checks again).
const MAX_BODY = 1024 * 1024;

// Keys are 2048 to 4096 bits (the core refuses larger ones: KEY_TOO_LARGE),
// so a valid signature is at most 684 base64 characters (512 bytes). With
// room for the surrounding white space that verification ignores, a
// signature longer than MAX_SIGNATURE_TEXT is never valid: verify answers
// false and the diagnosis "too long" without copying more of it into wasm
// memory.
export const MAX_KEY_BITS = 4096;
export const MAX_SIGNATURE_TEXT = 1024;

export const encoder = new TextEncoder();

// A lone UTF-16 surrogate has no UTF-8 form: TextEncoder (and so the wasm
// glue) would put U+FFFD in its place, and what is signed or checked would
// differ from what was given. A `u` regex reads a surrogate pair as one code
// point: only a lone surrogate is in D800-DFFF. (Not \p{Cs}: V8 looks that up
// in ICU as it compiles the module, 0.2 ms of a cold start on Node 20.)
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Where `text` has a lone surrogate, or -1 (isWellFormed where the engine has it). */
export function loneSurrogateAt(text) {
  if (typeof text.isWellFormed === "function" && text.isWellFormed()) return -1;
  return text.search(LONE_SURROGATE);
}

export const LONE_WHY = "which UTF-8 cannot carry (it would be sent as U+FFFD, so what is signed would differ from what was given)";

// `what` as a string of well-formed UTF-16, or an INVALID_ARGUMENT error.
export function wellFormedArgument(text, what) {
  const at = loneSurrogateAt(text);
  if (at >= 0) throw invalid(`${what} has a lone UTF-16 surrogate at index ${at}, ${LONE_WHY}: pass the raw bytes as a Uint8Array`);
  return text;
}

export function checkBodySize(body) {
  const size = typeof body === "string" ? body.length : body?.byteLength;
  if (size > MAX_BODY) throw glue().__error("BODY_TOO_LARGE");
}

/** A message to sign or verify as bytes (a string as UTF-8). */
export function bytesOf(message, what = "the message") {
  checkBodySize(message);
  if (typeof message === "string") return encoder.encode(wellFormedArgument(message, what));
  if (message instanceof Uint8Array) return message;
  if (message instanceof ArrayBuffer) return new Uint8Array(message);
  throw invalid(`${what} must be a string or a Uint8Array`);
}

/** A message as the wasm code takes it (a string or a Uint8Array). */
export function wasmMessage(message) {
  checkBodySize(message);
  if (typeof message === "string") wellFormedArgument(message, "the message");
  return message instanceof ArrayBuffer ? new Uint8Array(message) : message;
}
