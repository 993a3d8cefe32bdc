// The common key forms read in JS, so that a key can be used before the
// wasm module is needed: PEM labelled PRIVATE KEY, RSA PRIVATE KEY, PUBLIC
// KEY or RSA PUBLIC KEY, one base64 string, or DER bytes, each in its
// canonical DER (what OpenSSL, node:crypto, WebCrypto and the PayerMax
// dashboard write). Everything else (certificates, headers, quotes, escaped
// newlines, non-canonical encodings, keys the checks below do not pass) is
// left to the wasm code, which parses it or says why not.
//
// A key read here is one the wasm code accepts as well, with the same
// canonical DER: the checks are those of the core's parse (modulus size,
// exponents, the primes' product and sizes, d·e ≡ 1 modulo p-1 and q-1),
// plus CRT values that must be the ones the core would compute. The
// arithmetic on the private components uses BigInt, whose time depends on
// the values (as a key check in OpenSSL does); it runs once per parsed key.

const MIN_BITS = 2048;
const MAX_BITS = 4096;
const MAX_EXPONENT = 2 ** 33 - 1;

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
/** `SEQUENCE { OID rsaEncryption, NULL }`. */
const RSA_ALGORITHM = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

/**
 * Canonical padded base64 as bytes, or null. Decoding and encoding again
 * gives back only canonical text: atob skips white space and takes missing
 * padding, and the bits past the last whole byte must be zero.
 */
export function base64Bytes(text) {
  let binary;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (btoa(binary) !== text) return null;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes as padded base64 (built a byte at a time, it costs about 0.1 ms more in a fresh process). */
export function base64Text(bytes) {
  let binary = "";
  for (let at = 0; at < bytes.length; at += 8192) binary += String.fromCharCode.apply(null, bytes.subarray(at, at + 8192));
  return btoa(binary);
}

/**
 * Base64 as PEM text with `label`, in lines of 64 characters (RFC 7468),
 * cut without a regular expression (see `derOf`).
 */
export function pemText(label, base64) {
  let lines = "";
  for (let at = 0; at < base64.length; at += 64) lines += `${base64.slice(at, at + 64)}\n`;
  return `-----BEGIN ${label}-----\n${lines}-----END ${label}-----\n`;
}

// Key text or bytes as DER with the PEM label ("" for base64 or bytes), or
// null. Text is read without regular expressions: compiling them is most
// of what reading a key first costs in a fresh process.
function derOf(input, labels) {
  if (input instanceof Uint8Array) return { der: input, label: "" };
  if (typeof input !== "string") return null;
  // Space, tab, CR and LF around the text are left out.
  const edge = (at) => " \t\r\n".includes(input[at] ?? "-");
  let from = 0;
  let to = input.length;
  while (edge(from)) from++;
  while (to > from && edge(to - 1)) to--;
  const text = input.slice(from, to);
  if (!text.startsWith("-----")) {
    const der = base64Bytes(text);
    return der && { der, label: "" };
  }
  // -----BEGIN <label>-----, lines of base64 (each ending in LF or CRLF),
  // -----END <label>-----; the lines' characters are checked as one base64
  // text.
  const labelEnd = text.indexOf("-----", 11);
  const label = text.slice(11, labelEnd);
  const footer = `-----END ${label}-----`;
  if (!text.startsWith("-----BEGIN ") || !labels.includes(label) || !text.endsWith(footer)) return null;
  const lines = text.slice(labelEnd + 5, text.length - footer.length).split("\n");
  const [first] = lines.splice(0, 1);
  if (lines.length < 2 || lines.pop() !== "" || (first !== "" && first !== "\r")) return null;
  let body = "";
  for (const line of lines) {
    const content = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (content === "") return null;
    body += content;
  }
  const der = base64Bytes(body);
  return der && { der, label };
}

// One DER element at `at` (minimal length encoding, inside `end`), or null.
function element(der, at, end) {
  if (at + 2 > end) return null;
  const tag = der[at];
  let length = der[at + 1];
  let start = at + 2;
  if (length === 0x81) {
    if (at + 3 > end) return null;
    length = der[at + 2];
    start = at + 3;
    if (length < 0x80) return null;
  } else if (length === 0x82) {
    if (at + 4 > end) return null;
    length = (der[at + 2] << 8) | der[at + 3];
    start = at + 4;
    if (length < 0x100) return null;
  } else if (length >= 0x80) {
    return null;
  }
  const stop = start + length;
  return stop <= end ? { tag, at, start, end: stop } : null;
}

// The elements filling der[start..end), each of the tag asked for, or null.
function elements(der, start, end, tags) {
  const out = [];
  let at = start;
  for (const tag of tags) {
    const e = element(der, at, end);
    if (!e || e.tag !== tag) return null;
    out.push(e);
    at = e.end;
  }
  return at === end ? out : null;
}

// Two hex digits per byte value, made on first use (a public key never needs it).
let HEX;

// Whether an INTEGER is minimally encoded and not negative.
function minimal(der, { start, end }) {
  const first = der[start];
  return !(end === start || first >= 0x80 || (first === 0 && end - start > 1 && der[start + 1] < 0x80));
}

// A minimally encoded, non-negative INTEGER's value, or null.
function unsigned(der, integer) {
  if (!minimal(der, integer)) return null;
  HEX ??= Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
  let hex = "0x0";
  for (let i = integer.start; i < integer.end; i++) hex += HEX[der[i]];
  return BigInt(hex);
}

function bitLength(n) {
  const hex = n.toString(16);
  return n === 0n ? 0 : (hex.length - 1) * 4 + Number.parseInt(hex[0], 16).toString(2).length;
}

// The modulus size in bits if the INTEGERs n and e make a public key the
// core takes (an odd modulus of an accepted size; an odd exponent from 3 to
// 2^33 - 1, which fits in 5 bytes and so is below any such modulus), read
// from their bytes; else 0.
function publicBits(der, n, e) {
  if (!minimal(der, n) || !minimal(der, e) || e.end - e.start > 5) return 0;
  let first = n.start;
  while (first < n.end && der[first] === 0) first++;
  const bits = first === n.end ? 0 : (n.end - first - 1) * 8 + (32 - Math.clz32(der[first]));
  let exponent = 0;
  for (let i = e.start; i < e.end; i++) exponent = exponent * 256 + der[i];
  const ok = bits >= MIN_BITS && bits <= MAX_BITS && (der[n.end - 1] & 1) === 1 && exponent % 2 === 1 && exponent >= 3 && exponent <= MAX_EXPONENT;
  return ok ? bits : 0;
}

// The SEQUENCE that fills der[start..end) exactly, or null.
function sequenceFilling(der, start, end) {
  const e = element(der, start, end);
  return e && e.tag === SEQUENCE && e.end === end ? e : null;
}

// Whether an AlgorithmIdentifier element is rsaEncryption with NULL parameters.
const isRsaAlgorithm = (der, algorithm) => algorithm.end - algorithm.at === RSA_ALGORITHM.length && RSA_ALGORITHM.every((b, i) => der[algorithm.at + i] === b);

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// A DER element around `content`.
function wrap(tag, content) {
  const n = content.length;
  const header = n < 0x80 ? [tag, n] : n < 0x100 ? [tag, 0x81, n] : [tag, 0x82, n >> 8, n & 0xff];
  return concat(header, content);
}

// The SubjectPublicKeyInfo of a PKCS#1 RSAPublicKey.
const spkiOf = (pkcs1) => wrap(SEQUENCE, concat(RSA_ALGORITHM, wrap(BIT_STRING, concat([0], pkcs1))));

// The PKCS#1 structure of a key in a common form: inside its wrapper (PKCS#8
// or SPKI: the elements `tags` filling the outer SEQUENCE, which `open`
// checks and turns into the span of the PKCS#1 SEQUENCE, or null), or bare.
// A PEM label must name the form found: `wrappedLabel` the wrapped one,
// `bareLabel` the bare one. `{ der, pkcs1, wrapper }` (`wrapper` null for a
// bare key), or null.
function pkcs1Of(input, [wrappedLabel, bareLabel], tags, open) {
  const read = derOf(input, [wrappedLabel, bareLabel]);
  if (!read) return null;
  const { der, label } = read;
  const outer = sequenceFilling(der, 0, der.length);
  if (!outer) return null;
  const wrapper = elements(der, outer.start, outer.end, tags);
  if (!wrapper) return label === wrappedLabel ? null : { der, pkcs1: outer, wrapper };
  const span = label === bareLabel ? null : open(der, wrapper);
  const pkcs1 = span && sequenceFilling(der, span[0], span[1]);
  return pkcs1 && { der, pkcs1, wrapper };
}

/**
 * A private key in a common form, checked as the core checks it:
 * `{ pkcs8, spki, bits }` (canonical DER), or null to leave it to the wasm
 * code.
 */
export function readPrivateKey(input) {
  // PKCS#8: SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING { PKCS#1 } }.
  const read = pkcs1Of(input, ["PRIVATE KEY", "RSA PRIVATE KEY"], [INTEGER, SEQUENCE, OCTET_STRING], (der, [version, algorithm, octets]) =>
    unsigned(der, version) === 0n && isRsaAlgorithm(der, algorithm) ? [octets.start, octets.end] : null);
  if (!read) return null;
  const { der, pkcs1, wrapper: pkcs8 } = read;
  const ints = elements(der, pkcs1.start, pkcs1.end, Array(9).fill(INTEGER));
  const bits = ints ? publicBits(der, ints[1], ints[2]) : 0;
  const values = bits ? ints.map((x) => unsigned(der, x)) : [null];
  if (values.includes(null)) return null;
  const [version, n, e, d, p, q, dp, dq, qinv] = values;
  if (version !== 0n || d >= n || p <= 1n || q <= 1n || (p & 1n) === 0n || (q & 1n) === 0n) return null;
  const half = Math.ceil(bits / 2);
  if (bitLength(p) > half || bitLength(q) > half || p * q !== n) return null;
  const de = d * e;
  if (de % (p - 1n) !== 1n || de % (q - 1n) !== 1n) return null;
  if (dp !== d % (p - 1n) || dq !== d % (q - 1n) || qinv >= p || (qinv * q) % p !== 1n) return null;
  return {
    pkcs8: pkcs8 ? new Uint8Array(der) : wrap(SEQUENCE, concat([INTEGER, 1, 0], RSA_ALGORITHM, wrap(OCTET_STRING, der.subarray(pkcs1.at, pkcs1.end)))),
    spki: spkiOf(wrap(SEQUENCE, der.subarray(ints[1].at, ints[2].end))),
    bits,
  };
}

/**
 * A public key in a common form, checked as the core checks it:
 * `{ spki, bits }` (canonical DER), or null to leave it to the wasm code.
 */
export function readPublicKey(input) {
  // SPKI: SEQUENCE { rsaEncryption, BIT STRING { 0, PKCS#1 } }.
  const read = pkcs1Of(input, ["PUBLIC KEY", "RSA PUBLIC KEY"], [SEQUENCE, BIT_STRING], (der, [algorithm, bitString]) =>
    isRsaAlgorithm(der, algorithm) && der[bitString.start] === 0 ? [bitString.start + 1, bitString.end] : null);
  if (!read) return null;
  const { der, pkcs1, wrapper: spki } = read;
  const ints = elements(der, pkcs1.start, pkcs1.end, [INTEGER, INTEGER]);
  const bits = ints ? publicBits(der, ints[0], ints[1]) : 0;
  if (!bits) return null;
  return { spki: spki ? new Uint8Array(der) : spkiOf(der.subarray(pkcs1.at, pkcs1.end)), bits };
}
