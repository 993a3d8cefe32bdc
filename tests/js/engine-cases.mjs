// The same calls through the default entry (node:crypto where the runtime
// has it) and payseal/portable (the wasm code only), for the Node tests and
// for a worker in workerd: no Node API here, only what both runtimes have.

const ran = () => ({ ...globalThis[Symbol.for("payseal.rsaOperations")] });

export function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function toBase64(bytes) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The signature with the unused low bits of its last character set: the
// same bytes to a lenient decoder (Buffer.from), not canonical base64.
function nonCanonical(signature) {
  const padding = signature.length - signature.replace(/=+$/, "").length;
  if (padding === 0) return signature;
  const at = signature.length - padding - 1;
  const value = ALPHABET.indexOf(signature[at]) | 1;
  return signature.slice(0, at) + ALPHABET[value] + signature.slice(at + 1);
}

function tampered(message) {
  if (typeof message === "string") return message + " ";
  const copy = message.slice();
  if (copy.length === 0) return Uint8Array.of(0);
  copy[0] ^= 1;
  return copy;
}

/**
 * [name, message, signature] cases for a valid `signature` of `message`;
 * only the first two are valid. `other` is a valid signature by another
 * key (of another size, where the caller has one). Variants that happen to
 * equal the signature are left out.
 */
export function signatureCases(message, signature, other) {
  const raw = fromBase64(signature);
  const flip = (i) => {
    const copy = raw.slice();
    copy[i] ^= 1;
    return toBase64(copy);
  };
  const variants = [
    ["tampered message", tampered(message), signature],
    ["first byte flipped", message, flip(0)],
    ["last byte flipped", message, flip(raw.length - 1)],
    ["one character short", message, signature.slice(0, -1)],
    ["four characters short", message, signature.slice(0, -4)],
    ["one byte short", message, toBase64(raw.subarray(1))],
    ["one byte long", message, toBase64(Uint8Array.of(...raw, 0))],
    ["a zero byte in front", message, toBase64(Uint8Array.of(0, ...raw))],
    ["padding removed", message, signature.replace(/=+$/, "")],
    ["extra padding", message, signature + "="],
    ["URL-safe alphabet", message, signature.replace(/\+/g, "-").replace(/\//g, "_")],
    ["line break inside", message, signature.slice(0, 64) + "\n" + signature.slice(64)],
    ["non-canonical last character", message, nonCanonical(signature)],
    ["all zero", message, toBase64(new Uint8Array(raw.length))],
    ["all 0xff, above the modulus", message, toBase64(new Uint8Array(raw.length).fill(255))],
    ["another key's signature", message, other],
    ["junk", message, "not base64 at all!!"],
    ["empty", message, ""],
    ["over 1024 characters", message, "A".repeat(1500)],
    ["not a string", message, 42],
    ["null", message, null],
  ].filter(([, m, s]) => m !== message || s !== signature);
  return [["valid", message, signature], ["valid, surrounding white space", message, ` ${signature}\n`], ...variants];
}

// Runs `fn` and the counts of RSA operations it made per engine.
function counted(fn) {
  const before = ran();
  const value = fn();
  const after = ran();
  return { value, ran: Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)])) };
}

function add(total, ran) {
  for (const [k, v] of Object.entries(ran)) total[k] = (total[k] ?? 0) + v;
}

/**
 * Signs every message with every key through both entries, and verifies
 * every signature case through both. `keys`: [{ pkcs8, spki }] as base64
 * DER (the "other" signature of each key is by the last key, or by the
 * first for the last); `messages`: strings, or { bytes } as base64.
 */
export function compareEngines(payseal, portable, keys, messages) {
  const ranBy = { default: {}, portable: {} };
  const signatures = [];
  const verifications = [];
  const other = payseal.PrivateKey.parse(keys[keys.length - 1].pkcs8);
  for (const [k, { pkcs8, spki }] of keys.entries()) {
    const privateKey = payseal.PrivateKey.parse(pkcs8);
    const publicKey = payseal.PublicKey.parse(spki);
    const otherKey = k === keys.length - 1 ? payseal.PrivateKey.parse(keys[0].pkcs8) : other;
    const otherSignature = portable.sign(otherKey, "another key");
    for (const given of messages) {
      const message = typeof given === "string" ? given : fromBase64(given.bytes);
      const native = counted(() => payseal.sign(privateKey, message));
      const wasm = counted(() => portable.sign(privateKey, message));
      add(ranBy.default, native.ran);
      add(ranBy.portable, wasm.ran);
      signatures.push([native.value, wasm.value]);
      for (const [name, m, signature] of signatureCases(message, wasm.value, otherSignature)) {
        const a = counted(() => payseal.verify(publicKey, m, signature));
        const b = counted(() => portable.verify(publicKey, m, signature));
        add(ranBy.default, a.ran);
        add(ranBy.portable, b.ran);
        verifications.push({ key: k, name, default: a.value, portable: b.value });
      }
    }
  }
  return { signatures, verifications, ran: ranBy };
}
