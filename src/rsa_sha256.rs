//! SHA256WithRSA: RSASSA-PKCS1-v1_5 with SHA-256, signatures as standard
//! base64 with padding (the `sign` header of PayerMax).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use rsa::signature::{RandomizedSigner, SignatureEncoding};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::keys::{PrivateKey, PublicKey};
use crate::limits::MAX_BODY_BYTES;

mod public_op;
pub(crate) use public_op::{public_op, Montgomery};

#[cfg(test)]
pub(crate) mod tests;

/// Signs `message` and returns the raw signature (as long as the modulus).
///
/// The private-key operation is blinded with fresh randomness; the signature
/// itself is deterministic, byte-identical to OpenSSL's.
pub fn sign(key: &PrivateKey, message: &[u8]) -> Result<Vec<u8>> {
    check_len(message)?;
    key.signing_key()?
        .try_sign_with_rng(&mut getrandom::SysRng, message)
        .map(|s| s.to_vec())
        .map_err(|_| {
            if getrandom::fill(&mut [0u8; 1]).is_err() {
                Error::RngUnavailable
            } else {
                Error::InvalidArgument("the private key failed its consistency check".into())
            }
        })
}

/// Signs `message` and returns the signature as standard base64.
pub fn sign_base64(key: &PrivateKey, message: &[u8]) -> Result<String> {
    sign(key, message).map(|s| STANDARD.encode(s))
}

/// Whether `signature` is a valid signature of `message`. Any signature that
/// is not exactly as long as the modulus is rejected.
///
/// The recovered block must equal the one encoding SHA-256(`message`), byte
/// for byte (RFC 8017 §8.2.2 steps 3 and 4): no other hash, no DigestInfo
/// without its NULL parameters, no trailing data.
pub fn verify(key: &PublicKey, message: &[u8], signature: &[u8]) -> bool {
    if signature.len() != key.size() || message.len() > MAX_BODY_BYTES {
        return false;
    }
    let Some(block) = public_op(key, signature) else {
        return false;
    };
    encoded_block(key.size(), &Sha256::digest(message)).is_some_and(|want| block == want)
}

/// The DER of `DigestInfo { AlgorithmIdentifier { id-sha256, NULL }, OCTET
/// STRING (32 bytes) }` up to the digest (RFC 8017 §9.2, note 1).
pub(crate) const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// EMSA-PKCS1-v1_5 of a SHA-256 digest for a `k`-byte modulus:
/// `00 01 FF..FF 00 DigestInfo`, with at least 8 bytes of `FF` (RFC 8017
/// §9.2). `None` when `k` is too short for that, which no accepted key is.
pub(crate) fn encoded_block(k: usize, digest: &[u8]) -> Option<Vec<u8>> {
    let t_len = SHA256_DIGEST_INFO_PREFIX.len() + digest.len();
    let padding = k.checked_sub(t_len + 3).filter(|&p| p >= 8)?;
    let mut block = Vec::with_capacity(k);
    block.extend_from_slice(&[0x00, 0x01]);
    block.resize(2 + padding, 0xff);
    block.push(0x00);
    block.extend_from_slice(&SHA256_DIGEST_INFO_PREFIX);
    block.extend_from_slice(digest);
    Some(block)
}

/// Whether the base64 `signature` is valid for `message`. Junk base64 is
/// simply invalid; surrounding whitespace is ignored.
pub fn verify_base64(key: &PublicKey, message: &[u8], signature: &str) -> bool {
    decode_signature(key, signature).is_some_and(|raw| verify(key, message, &raw))
}

/// The raw bytes of a base64 signature for `key`, or `None` unless it is
/// canonical padded base64 (RFC 4648, `+/`) of exactly the modulus length.
/// Surrounding whitespace is ignored.
pub fn decode_signature(key: &PublicKey, signature: &str) -> Option<Vec<u8>> {
    let signature = signature.trim();
    // Four base64 characters per three bytes, with padding.
    if signature.len() != key.size().div_ceil(3) * 4 {
        return None;
    }
    // The STANDARD engine is strict: padding required and canonical, and
    // the bits past the last whole byte must be zero.
    let raw = STANDARD.decode(signature).ok()?;
    (raw.len() == key.size()).then_some(raw)
}

fn check_len(message: &[u8]) -> Result<()> {
    if message.len() > MAX_BODY_BYTES {
        return Err(Error::InputTooLarge {
            what: "the message",
            limit: MAX_BODY_BYTES,
        });
    }
    Ok(())
}
