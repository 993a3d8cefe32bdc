// Why a signature does not verify, and whether two keys belong together.
import { guarded } from "./error.js";
import { rawBody } from "./input.js";
import { MAX_SIGNATURE_TEXT } from "./message.js";
import { toPrivateKey, toPublicKey } from "./keys.js";

/**
 * Why `signature` (base64) does or does not verify `body` under `publicKey`:
 * `{ verdict, detail, variant? }`. Log it; never send it back to a caller.
 */
export const diagnoseSignature = guarded((publicKey, body, signature) => {
  const key = toPublicKey(publicKey);
  // Over MAX_SIGNATURE_TEXT characters is never a signature: the core says so from the first one more.
  const text = typeof signature === "string" ? signature.slice(0, MAX_SIGNATURE_TEXT + 1) : signature;
  return JSON.parse(key.__diagnose(rawBody(body), text));
});

/**
 * Whether `publicKey` is the pair of `privateKey`:
 * `{ matches, detail, privateKeyFingerprint, publicKeyFingerprint }`.
 */
export const checkKeyPair = guarded((privateKey, publicKey) =>
  JSON.parse(toPrivateKey(privateKey).__checkPair(toPublicKey(publicKey))),
);
