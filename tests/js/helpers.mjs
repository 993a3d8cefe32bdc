// Shared helpers for the JS tests: real keys from node:crypto and openssl.
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const tmp = mkdtempSync(join(tmpdir(), "payseal-test-"));

const cache = new Map();

/** A fresh RSA key pair of `bits`, generated once per process. */
export function rsaKeys(bits = 2048) {
  if (!cache.has(bits)) {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: bits });
    cache.set(bits, { privateKey, publicKey });
  }
  return cache.get(bits);
}

/** Every private-key text form merchants paste, for one key. */
export function privateForms(privateKey) {
  const pkcs8Pem = privateKey.export({ type: "pkcs8", format: "pem" });
  const pkcs1Pem = privateKey.export({ type: "pkcs1", format: "pem" });
  const pkcs8B64 = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
  const pkcs1B64 = privateKey.export({ type: "pkcs1", format: "der" }).toString("base64");
  return {
    "PKCS#8 PEM": pkcs8Pem,
    "PKCS#1 PEM": pkcs1Pem,
    "PKCS#8 base64 one line": pkcs8B64,
    "PKCS#1 base64 one line": pkcs1B64,
    "PKCS#8 under RSA PRIVATE KEY label": pkcs8Pem.replace(/PRIVATE KEY/g, "RSA PRIVATE KEY"),
    "PKCS#8 PEM with literal \\n escapes": pkcs8Pem.trim().replace(/\n/g, "\\n"),
    "PKCS#1 PEM with CRLF": pkcs1Pem.replace(/\n/g, "\r\n"),
    "PKCS#8 PEM quoted, indented": `"  ${pkcs8Pem}  "`,
    "PKCS#8 base64 wrapped at 64": pkcs8B64.replace(/(.{64})/g, "$1\n"),
    "PKCS#8 DER bytes": new Uint8Array(privateKey.export({ type: "pkcs8", format: "der" })),
  };
}

/** Every public-key form, including an X.509 certificate made by openssl. */
export function publicForms(privateKey, publicKey) {
  const keyFile = join(tmp, `k${Math.random()}.pem`);
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
  const cert = execFileSync("openssl", [
    "req", "-x509", "-new", "-key", keyFile, "-subj", "/CN=payseal test", "-days", "2",
  ]).toString();
  const spkiPem = publicKey.export({ type: "spki", format: "pem" });
  return {
    "SPKI PEM": spkiPem,
    "SPKI base64 one line": publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    "PKCS#1 public PEM": publicKey.export({ type: "pkcs1", format: "pem" }),
    "PKCS#1 public base64": publicKey.export({ type: "pkcs1", format: "der" }).toString("base64"),
    "X.509 certificate PEM": cert,
    "X.509 certificate base64": cert.replace(/-----[A-Z ]+-----|\s/g, ""),
    "SPKI PEM with literal \\n": spkiPem.trim().replace(/\n/g, "\\n"),
    "SPKI DER bytes": new Uint8Array(publicKey.export({ type: "spki", format: "der" })),
  };
}

/** Signature by `openssl dgst -sha256 -sign`, base64. */
export function opensslSign(privateKey, message) {
  const keyFile = join(tmp, `o${Math.random()}.pem`);
  const msgFile = join(tmp, `m${Math.random()}.bin`);
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(msgFile, message);
  return execFileSync("openssl", ["dgst", "-sha256", "-sign", keyFile, msgFile]).toString("base64");
}

export function nodeSign(privateKey, message) {
  return crypto.sign("sha256", Buffer.from(message), privateKey).toString("base64");
}

export function nodeVerify(publicKey, message, signature) {
  return crypto.verify("sha256", Buffer.from(message), publicKey, Buffer.from(signature, "base64"));
}
