// What payseal takes from its caller, checked before anything is copied
// into wasm memory: raw bodies as bytes, JSON text of caller values, the
// `sign` header. (Messages to sign or verify, and sizes: message.js.)
import { glue } from "./wasm.js";
import { PaysealError, invalid } from "./error.js";
import { LONE_WHY, MAX_SIGNATURE_TEXT, checkBodySize, encoder, loneSurrogateAt, wellFormedArgument } from "./message.js";

// Made on first use (a signature never needs it).
let decoder;

// A raw body as bytes. A parsed object is refused: re-serialising it would
// change the bytes that were signed.
export function rawBody(body) {
  checkBodySize(body);
  if (typeof body === "string") return encoder.encode(wellFormedArgument(body, "the body"));
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body !== null && typeof body === "object") throw glue().__error("BODY_NOT_RAW");
  throw invalid("body must be the raw request body: a string or a Uint8Array");
}

/** The text of a raw body (UTF-8). */
export function textOf(bytes) {
  return (decoder ??= new TextDecoder()).decode(bytes);
}

// JSON.stringify of a caller's value, one rule everywhere (configuration,
// options, data, rule sets): a value JSON cannot carry (a cycle, a BigInt)
// is JSON_INVALID; an exception from the caller's own objects (a throwing
// getter or toJSON, a hostile or revoked Proxy) is INVALID_ARGUMENT, with
// the original as `cause`.
function stringify(value, what, replacer) {
  try {
    return JSON.stringify(value, function (key, v) {
      if (typeof v === "bigint") throw new PaysealError("JSON_INVALID", `invalid JSON: ${what} holds a BigInt${key ? ` (at ${key})` : ""}, which JSON cannot carry: pass it as a string`);
      return replacer ? replacer.call(this, key, v) : v;
    });
  } catch (e) {
    if (e instanceof PaysealError) throw e;
    if (e instanceof TypeError && /circular|cyclic/i.test(e.message)) {
      throw new PaysealError("JSON_INVALID", `invalid JSON: ${what} refers to itself (a cycle), which JSON cannot carry`);
    }
    const err = invalid(`${what} could not be read: ${String(e?.message ?? e)}`);
    err.cause = e;
    throw err;
  }
}

// JSON text of a caller's value, which must be a JSON object or array.
export function jsonText(value, what, replacer) {
  const text = stringify(value, what, replacer);
  if (text === undefined) throw new PaysealError("JSON_INVALID", `invalid JSON: ${what} must be a JSON object`);
  checkBodySize(text);
  return text;
}

/**
 * Request `data` as JSON text: a string is taken as it is, unchanged (but
 * refused if it holds a lone surrogate, which UTF-8 cannot carry). NaN and
 * the infinities are refused, naming their paths: JSON.stringify would
 * silently send them as null, and the signature would cover the change. A
 * lone surrogate in an object's string is sent as JSON.stringify writes it,
 * an ASCII `\udXXX` escape: what was given, exactly.
 */
export function dataJson(data) {
  if (typeof data === "string") {
    checkBodySize(data);
    const at = loneSurrogateAt(data);
    if (at >= 0) throw new PaysealError("JSON_INVALID", `invalid JSON: the data (JSON text) has a lone UTF-16 surrogate at index ${at}, ${LONE_WHY}`);
    return data;
  }
  // Most data has no null in its JSON, so nothing JSON.stringify turned
  // into null: the text without a replacer (V8's fast path) is the answer.
  // Otherwise, or if it throws, the checked path below decides (and names
  // the error) as it always has.
  let plain;
  try {
    plain = JSON.stringify(data);
  } catch {
    plain = undefined;
  }
  if (typeof plain === "string" && !plain.includes("null")) {
    checkBodySize(plain);
    return plain;
  }
  let nonFinite = false;
  const text = jsonText(data, "data", (key, v) => {
    if (typeof v === "number" && !Number.isFinite(v)) nonFinite = true;
    return v;
  });
  if (nonFinite) throw notFinite(data);
  return text;
}

function notFinite(data) {
  const fields = [];
  const found = [];
  const walk = (v, path, depth) => {
    if (depth > 128 || v === null || typeof v !== "object") return;
    if (typeof v.toJSON === "function") return walk(v.toJSON(), path, depth + 1);
    for (const [k, child] of Object.entries(v)) {
      const p = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      if (typeof child === "number" && !Number.isFinite(child)) {
        found.push(`${p} is ${child}`);
        fields.push({ field: p, code: "NOT_FINITE", errorMsg: `${p} is ${child}, which JSON cannot carry (JSON.stringify would send null)` });
      } else {
        walk(child, p, depth + 1);
      }
    }
  };
  walk(data, "", 0);
  return new PaysealError("DATA_INVALID",
    `the data was not signed: ${found.join("; ")}. Send a finite number or a string such as "10.50" (error.fields has the paths)`,
    JSON.stringify({ fields }));
}

/** The `sign` header's value; undefined when absent and not `required`. */
export function signHeader(sign, required) {
  if (sign === undefined || sign === null || sign === "") {
    if (required) throw glue().__error("SIGN_HEADER_MISSING");
    return undefined;
  }
  if (typeof sign !== "string") throw invalid("sign must be the string value of the `sign` header");
  if (sign.trim() === "" && required) throw glue().__error("SIGN_HEADER_MISSING");
  // Never a valid signature: only enough of it enters wasm memory for a
  // diagnosis to say it is too long.
  if (sign.length > MAX_SIGNATURE_TEXT) return sign.slice(0, MAX_SIGNATURE_TEXT + 1);
  return sign;
}

/**
 * A configuration or options object as JSON text, for the core to read
 * with its serde types. JSON has no Date, NaN or bytes: a Date becomes
 * epoch milliseconds, a number that is not finite is refused, and byte
 * arrays (keys as DER) go into `bytes`, standing in the text as their
 * index. `what` names the object in messages.
 */
export function settingsJson(value, what, bytes) {
  let failure;
  const text = stringify(value, what, function (key, given) {
    // The value as the caller holds it, read once: a Date as its time, and
    // bytes as given (a Node Buffer's toJSON has already made an object of
    // `given`).
    const raw = this[key];
    const v = raw instanceof Date ? raw.getTime() : given;
    if (typeof v === "number" && !Number.isFinite(v)) {
      failure ??= invalid(`${what}${key ? `.${key}` : ""} must be a finite number`);
    }
    const at = typeof v === "string" ? loneSurrogateAt(v) : -1;
    if (at >= 0 || loneSurrogateAt(key) >= 0) {
      const name = `${what}${key ? `.${key.toWellFormed?.() ?? key}` : ""}`;
      failure ??= invalid(at >= 0 ? `${name} has a lone UTF-16 surrogate at index ${at}, ${LONE_WHY}` : `${name}: the option name has a lone UTF-16 surrogate`);
    }
    if (bytes && (raw instanceof Uint8Array || raw instanceof ArrayBuffer)) {
      return bytes.push(raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw) - 1;
    }
    return v;
  });
  if (failure) throw failure;
  checkBodySize(text);
  return text;
}

/** Per-call options as JSON text (undefined when absent); `example` shows the shape. */
export function optionsJson(opts, example, what = "options") {
  if (opts === undefined || opts === null) return undefined;
  if (typeof opts !== "object") throw invalid(`${what} must be an object such as ${example}`);
  return settingsJson(opts, what);
}
