//! SHA256WithRSA: RSASSA-PKCS1-v1_5 with SHA-256, signatures as standard
//! base64 with padding (the `sign` header of PayerMax).

use rsa::signature::{RandomizedSigner, SignatureEncoding, Verifier};

use crate::error::{Error, Result};
use crate::keys::{PrivateKey, PublicKey};
use crate::limits::MAX_BODY_BYTES;

/// Signs `message` and returns the raw signature (as long as the modulus).
///
/// The private-key operation is blinded with fresh randomness; the signature
/// itself is deterministic, byte-identical to OpenSSL's.
pub fn sign(key: &PrivateKey, message: &[u8]) -> Result<Vec<u8>> {
    check_len(message)?;
    key.signing_key()
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
    sign(key, message).map(|s| crate::base64::encode(&s))
}

/// Whether `signature` is a valid signature of `message`. Any signature that
/// is not exactly as long as the modulus is rejected.
pub fn verify(key: &PublicKey, message: &[u8], signature: &[u8]) -> bool {
    if signature.len() != key.size() || message.len() > MAX_BODY_BYTES {
        return false;
    }
    rsa::pkcs1v15::Signature::try_from(signature)
        .is_ok_and(|sig| key.verifying_key().verify(message, &sig).is_ok())
}

/// Whether the base64 `signature` is valid for `message`. Junk base64 is
/// simply invalid; surrounding whitespace is ignored.
pub fn verify_base64(key: &PublicKey, message: &[u8], signature: &str) -> bool {
    let signature = signature.trim();
    // Four base64 characters per three bytes, with padding.
    if signature.len() != key.size().div_ceil(3) * 4 {
        return false;
    }
    crate::base64::decode(signature.as_bytes(), false).is_some_and(|raw| verify(key, message, &raw))
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
