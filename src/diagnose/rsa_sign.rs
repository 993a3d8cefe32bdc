//! SHA256WithRSA signatures: the base64 text, then the block the key
//! recovers from it, then the digest inside.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine as _};
use sha2::{Digest, Sha256};

use super::block::{self, Block, SHA256};
use super::{Diagnosis, Verdict};
use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::limits::MAX_BODY_BYTES;
use crate::rsa_sha256::{encoded_block, public_op};

/// Base64 with any padding and any unused bits: the length of a signature
/// whose strict decoding fails.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Longest signature text read, as the JS layer's `verify` (an RSA-4096
/// signature is 684 characters).
const MAX_SIGNATURE_TEXT: usize = 1024;

/// Why the base64 `signature` does (not) verify `body` under `key`: one
/// public-key operation, then one SHA-256 per candidate change of the body.
pub fn signature(key: &PublicKey, body: &[u8], signature: &str) -> Result<Diagnosis> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::InputTooLarge {
            what: "the body",
            limit: MAX_BODY_BYTES,
        });
    }
    let raw = match decode(key, signature) {
        Ok(raw) => raw,
        Err(why) => return Ok(Diagnosis::new(Verdict::SignatureMalformed, why)),
    };
    let Some(block) = public_op(key, &raw) else {
        return Ok(wrong_key(
            key,
            "read as a number, the signature is not below this key's modulus",
        ));
    };
    let digest = Sha256::digest(body);
    let canonical = |d: &[u8]| encoded_block(key.size(), d).is_some_and(|b| b == block);
    Ok(match block::read(&block) {
        _ if canonical(&digest) => Diagnosis::new(
            Verdict::Valid,
            "the signature is valid for this body under this key",
        ),
        Block::Noise => wrong_key(
            key,
            "under this key the signature is noise, not a PKCS#1 v1.5 block",
        ),
        Block::UnknownContent => Diagnosis::new(
            Verdict::SignatureMalformed,
            "this key made the signature, but over a block with no DigestInfo of a known hash: \
             the signer's PKCS#1 v1.5 encoding is broken",
        ),
        Block::Digest { hash, .. } if hash != SHA256 => Diagnosis::new(
            Verdict::NotSha256,
            format!(
                "this key signed a {} digest, not SHA-256: the sender must sign with \
                 SHA256WithRSA",
                hash.name
            ),
        ),
        Block::Digest { digest: signed, .. } if !canonical(signed) => Diagnosis::new(
            Verdict::SignatureMalformed,
            format!(
                "this key signed the SHA-256 of {}, but the DigestInfo is not in its standard \
                 DER form (e.g. without the NULL parameters), which strict verifiers refuse",
                if signed == digest.as_slice() {
                    "exactly this body"
                } else {
                    "other bytes"
                }
            ),
        ),
        Block::Digest { digest: signed, .. } => {
            let found = Diagnosis::body_changed(body, "this key", &mut |c| {
                Sha256::digest(c).as_slice() == signed
            });
            found.unwrap_or_else(|| {
                Diagnosis::new(
                    Verdict::BodyChanged,
                    format!(
                        "this key signed other bytes than this body, and no common change of \
                         the body explains the difference{}: compare the raw bytes received \
                         with the bytes the sender signed",
                        super::pairs_note(body)
                    ),
                )
            })
        }
    })
}

fn wrong_key(key: &PublicKey, why: &str) -> Diagnosis {
    Diagnosis::new(
        Verdict::WrongKey,
        format!(
            "{why}: another key made it. This key is RSA-{}, fingerprint {}: check that it is \
             the key of the environment (sandbox or production) and keyVersion that signed",
            key.bits(),
            key.fingerprint()
        ),
    )
}

/// The raw signature, or what is wrong with its text.
fn decode(key: &PublicKey, text: &str) -> core::result::Result<Vec<u8>, String> {
    let k = key.size();
    let expected = format!(
        "this RSA-{} key's signatures are {k} bytes, {} base64 characters",
        key.bits(),
        k.div_ceil(3) * 4
    );
    let text = text.trim();
    if text.is_empty() {
        return Err("the signature is empty".into());
    }
    if text.len() > MAX_SIGNATURE_TEXT {
        return Err(format!(
            "the signature is over {MAX_SIGNATURE_TEXT} characters long; {expected}"
        ));
    }
    let odd = text
        .char_indices()
        .find(|&(_, c)| !c.is_ascii_alphanumeric() && !matches!(c, '+' | '/' | '='));
    if let Some((at, c)) = odd {
        return Err(match c {
            '-' | '_' => "the signature is base64url (it has - or _): it must be standard \
                          base64 (+ and /)"
                .into(),
            c if c.is_whitespace() => format!(
                "the signature has white space inside (at character {at}): pass the header \
                 value unchanged, on one line"
            ),
            c if c.is_ascii_graphic() => {
                format!("the signature is not base64: character {at} is '{c}'")
            }
            c => format!(
                "the signature is not base64: character {at} is U+{:04X}",
                u32::from(c)
            ),
        });
    }
    if text.len() == 2 * k && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(
            "the signature is hexadecimal, not base64: the sender must send it as \
                    base64"
                .into(),
        );
    }
    let Ok(raw) = LENIENT.decode(text) else {
        return Err(format!(
            "the signature is not base64 (a misplaced =, or a length of {} characters, \
             which no base64 text has)",
            text.len()
        ));
    };
    if raw.len() != k {
        let other = [2048, 3072, 4096]
            .into_iter()
            .find(|bits| bits / 8 == raw.len())
            .map(|bits| format!(", the length of an RSA-{bits} signature: another key made it"))
            .unwrap_or_default();
        return Err(format!(
            "the signature is {} bytes{other}; {expected}",
            raw.len()
        ));
    }
    STANDARD.decode(text).map_err(|e| match e {
        DecodeError::InvalidLastSymbol { .. } => "the signature is not canonical base64: the \
                                                  unused bits of its last character are not zero"
            .into(),
        _ => format!("the signature's = padding is missing or wrong: {expected}"),
    })
}
