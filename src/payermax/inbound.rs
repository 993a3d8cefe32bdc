//! What the gateway sends back (responses and notifications): choose the
//! platform key by `keyVersion`, check the signature over the raw bytes, and
//! only then read the JSON.

use sha2::{Digest, Sha256};

use crate::diagnose::{self, Diagnosis};
use crate::error::{Error, Quoted, Result};
use crate::json::{self, Value};
use crate::keys::PublicKey;
use crate::limits::MAX_BODY_BYTES;
use crate::rsa_sha256;

use super::PayerMax;

impl PayerMax {
    /// The platform key for a body: the one for its `keyVersion` if it names
    /// one, else the configured default. Reading `keyVersion` is the only use
    /// of the body before its signature is checked.
    pub fn platform_key_for(&self, body: &[u8]) -> Result<(&str, &PublicKey)> {
        self.key_for(parse_body(body).as_ref().ok())
    }

    /// The platform key configured for `key_version`.
    pub fn platform_key(&self, key_version: &str) -> Option<&PublicKey> {
        self.settings
            .platform_public_keys
            .iter()
            .find(|(v, _)| v == key_version)
            .map(|(_, k)| k)
    }

    /// The key a parsed body selects (`None`: the body is not a JSON object).
    fn key_for(&self, body: Option<&Value>) -> Result<(&str, &PublicKey)> {
        let keys = &self.settings.platform_public_keys;
        if keys.is_empty() {
            return Err(Error::ConfigInvalid(
                "platformPublicKey is needed to verify what the gateway sends".into(),
            ));
        }
        let named = body.and_then(|v| {
            v.get("keyVersion")
                .and_then(|k| k.scalar_text().map(str::to_owned))
        });
        let wanted = named.as_deref().unwrap_or(&self.settings.key_version);
        match keys.iter().find(|(v, _)| v == wanted) {
            Some((v, k)) => Ok((v, k)),
            None if named.is_none() && keys.len() == 1 => keys
                .first()
                .map(|(v, k)| (v.as_str(), k))
                .ok_or(Error::SignatureInvalid),
            None => Err(Error::KeyVersionUnknown(wanted.chars().take(32).collect())),
        }
    }

    /// Checks the `sign` header over `body` with the platform key the body
    /// selects; on success returns the body parsed as a JSON object. The body
    /// is parsed once: its `keyVersion` picks the key, and the value is
    /// returned only after the signature holds.
    pub fn verify_signed_body(&self, body: &[u8], sign: &str) -> Result<Value<'static>> {
        check_body_size(body)?;
        let sign = sign.trim();
        if sign.is_empty() {
            return Err(Error::SignHeaderMissing);
        }
        let parsed = parse_body(body);
        let (_, key) = self.key_for(parsed.as_ref().ok())?;
        if !rsa_sha256::verify_base64(key, body, sign) {
            return Err(Error::SignatureInvalid);
        }
        parsed.and_then(unambiguous)
    }
}

/// Whom a body says it is for, read before its signature is checked (to pick
/// the merchant among several; the chosen merchant's verification then binds
/// the message to it): `(merchantNo, appId or merchantAppId)`.
pub fn addressee(body: &[u8]) -> Result<(Option<String>, Option<String>)> {
    check_body_size(body)?;
    let v = parse_body(body)?;
    let app = text_field(&v, "appId").or_else(|| text_field(&v, "merchantAppId"));
    Ok((text_field(&v, "merchantNo"), app))
}

impl PayerMax {
    /// Why `sign` does not verify `body`, under the platform key the body
    /// selects (the same choice as [`PayerMax::verify_signed_body`]).
    pub fn diagnose(&self, body: &[u8], sign: &str) -> Result<Diagnosis> {
        check_body_size(body)?;
        let (_, key) = self.key_for(parse_body(body).as_ref().ok())?;
        diagnose::signature(key, body, sign)
    }
}

/// Parses a body whose signature has been checked.
pub fn parse_verified(body: &[u8]) -> Result<Value<'static>> {
    check_body_size(body)?;
    parse_body(body).and_then(unambiguous)
}

/// A verified body, refused if it repeats a key within an object at any
/// depth: which value counts differs between JSON parsers (here and in
/// `JSON.parse` the last), so the signed bytes would not say one thing.
/// Checked only once the signature holds: an unauthenticated body learns
/// nothing from it.
fn unambiguous(body: Value<'_>) -> Result<Value<'_>> {
    match json::repeated_key(&body) {
        None => Ok(body),
        Some((path, key)) => Err(Error::JsonInvalid(format!(
            "the signed body repeats the key {} in {}: parsers disagree on which value counts, \
             so it is refused (ask the sender to send each key once)",
            Quoted(&key),
            if path.is_empty() {
                "its top-level object".to_owned()
            } else {
                Quoted(&path).to_string()
            }
        ))),
    }
}

/// A body as a JSON object (kept by what is read from it).
fn parse_body(body: &[u8]) -> Result<Value<'static>> {
    let text = core::str::from_utf8(body)
        .map_err(|_| Error::JsonInvalid("the body is not UTF-8".into()))?;
    json::parse_object_owned(text, "the body")
}

pub(crate) fn check_body_size(body: &[u8]) -> Result<()> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::InputTooLarge {
            what: "the body",
            limit: MAX_BODY_BYTES,
        });
    }
    Ok(())
}

/// A string member, or the text of a scalar member.
pub(crate) fn text_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::scalar_text).map(str::to_owned)
}

/// Hex SHA-256 of the given parts, separated by newlines.
pub(crate) fn digest_hex(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update(b"\n");
        }
        h.update(p.as_bytes());
    }
    crate::hex::encode(&h.finalize())
}
