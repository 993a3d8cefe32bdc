// Keys and signatures.
import type { Message } from "./input.js";

/** Key text (PEM with any label, or bare base64 DER) or DER bytes. */
export type KeyInput = string | Uint8Array | ArrayBuffer;

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
