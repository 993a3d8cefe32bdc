//! `PrivateKey` / `PublicKey` classes, with sign and verify on them.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use super::{error::to_js, key_input, message_bytes, write};
use crate::diagnose::{self, Diagnosis, Verdict};
use crate::error::{Error, KeyRole, Quoted};
use crate::{keys, rsa_sha256};

/// Parsing, as the core's two key types both do it.
pub(super) trait CoreKey: Sized {
    /// Parses PEM or base64 text.
    fn parse(text: &str) -> crate::Result<Self>;
    /// Parses DER.
    fn from_der(der: &[u8]) -> crate::Result<Self>;
}

macro_rules! core_key {
    ($ty:ty) => {
        impl CoreKey for $ty {
            fn parse(text: &str) -> crate::Result<Self> {
                <$ty>::parse(text)
            }
            fn from_der(der: &[u8]) -> crate::Result<Self> {
                <$ty>::from_der(der)
            }
        }
    };
}
core_key!(keys::PrivateKey);
core_key!(keys::PublicKey);

/// A JS key class wrapping a core key: `parse`, `bits`, `fingerprint` and a
/// `toString` that never prints key material.
macro_rules! key_class {
    ($(#[$doc:meta])* $class:ident, $core:ty) => {
        $(#[$doc])*
        #[wasm_bindgen]
        pub struct $class {
            pub(super) inner: $core,
        }

        #[wasm_bindgen]
        impl $class {
            /// Parses PEM or base64 text, or DER bytes.
            pub fn parse(key: JsValue) -> Result<$class, JsValue> {
                Ok($class {
                    inner: key_input(&key)?.parse()?,
                })
            }

            /// Modulus size in bits.
            #[wasm_bindgen(getter)]
            pub fn bits(&self) -> u32 {
                self.inner.bits() as u32
            }

            /// Hex SHA-256 of the public key's SPKI DER.
            #[wasm_bindgen(getter)]
            pub fn fingerprint(&self) -> String {
                self.inner.fingerprint().to_owned()
            }

            /// `Class(RSA-bits, fingerprint)`: never key material.
            #[wasm_bindgen(js_name = toString)]
            pub fn to_string_js(&self) -> String {
                format!(
                    "{}(RSA-{}, {})",
                    stringify!($class),
                    self.inner.bits(),
                    self.inner.fingerprint()
                )
            }
        }
    };
}

key_class!(
    /// A parsed RSA private key (PKCS#8 or PKCS#1).
    PrivateKey,
    keys::PrivateKey
);
key_class!(
    /// A parsed RSA public key (SPKI, PKCS#1 or X.509 certificate).
    PublicKey,
    keys::PublicKey
);

#[wasm_bindgen]
impl PrivateKey {
    /// PKCS#8 DER of the key.
    #[wasm_bindgen(js_name = toPkcs8Der)]
    pub fn to_pkcs8_der(&self) -> Result<Uint8Array, JsValue> {
        let der = self.inner.to_pkcs8_der().map_err(to_js)?;
        Ok(Uint8Array::from(der.as_slice()))
    }

    /// The matching public key.
    #[wasm_bindgen(js_name = publicKey)]
    pub fn public_key(&self) -> PublicKey {
        PublicKey {
            inner: self.inner.public_key().clone(),
        }
    }

    /// Base64 SHA256WithRSA signature of a string (UTF-8) or bytes.
    pub fn sign(&self, message: JsValue) -> Result<String, JsValue> {
        let bytes = message_bytes(&message, "the message")?;
        rsa_sha256::sign_base64(&self.inner, &bytes).map_err(to_js)
    }

    /// Whether `public` is this key's pair: JSON text of `{matches, detail,
    /// privateKeyFingerprint, publicKeyFingerprint}`.
    #[wasm_bindgen(js_name = __checkPair)]
    pub fn check_pair(&self, public: &PublicKey) -> Result<String, JsValue> {
        write(&diagnose::check_key_pair(&self.inner, &public.inner))
    }

    /// Never serialises key material.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.to_string_js()
    }
}

#[wasm_bindgen]
impl PublicKey {
    /// SubjectPublicKeyInfo DER of the key.
    #[wasm_bindgen(js_name = toSpkiDer)]
    pub fn to_spki_der(&self) -> Uint8Array {
        Uint8Array::from(self.inner.to_spki_der())
    }

    /// Whether `signature` (base64) is valid for `message` (string or bytes).
    /// False for any signature that does not verify, including junk.
    pub fn verify(&self, message: JsValue, signature: JsValue) -> Result<bool, JsValue> {
        let bytes = message_bytes(&message, "the message")?;
        Ok(signature
            .as_string()
            .is_some_and(|sig| rsa_sha256::verify_base64(&self.inner, &bytes, &sig)))
    }

    /// Why `signature` does (not) verify `message`: JSON text of
    /// `{verdict, detail, variant?}`.
    #[wasm_bindgen(js_name = __diagnose)]
    pub fn diagnose(&self, message: JsValue, signature: JsValue) -> Result<String, JsValue> {
        let bytes = message_bytes(&message, "the body")?;
        let d = match signature.as_string() {
            Some(text) => diagnose::signature(&self.inner, &bytes, &text).map_err(to_js)?,
            None if signature.is_null() || signature.is_undefined() => {
                diagnose::signature(&self.inner, &bytes, "").map_err(to_js)?
            }
            None => Diagnosis {
                verdict: Verdict::SignatureMalformed,
                detail: "the signature is not a string".into(),
                variant: None,
            },
        };
        write(&d)
    }

    /// The raw signature bytes if `signature` is base64 of the right length,
    /// for verifying elsewhere (WebCrypto) under the same rules.
    #[wasm_bindgen(js_name = __decodeSignature)]
    pub fn decode_signature(&self, signature: JsValue) -> Option<Uint8Array> {
        let raw = rsa_sha256::decode_signature(&self.inner, &signature.as_string()?)?;
        Some(Uint8Array::from(raw.as_slice()))
    }
}

/// A PaysealError for a condition the JS layer detects itself (so every
/// message still comes from the core): `KEY_NOT_PRIVATE`, `KEY_NOT_PUBLIC`,
/// `BODY_NOT_RAW`, `SIGN_HEADER_MISSING`, `SIGNATURE_INVALID`, and `INPUT_TOO_LARGE` for key
/// text (`KEY_TEXT_TOO_LARGE`) or a body (`BODY_TOO_LARGE`).
#[wasm_bindgen(js_name = __error)]
pub fn core_error(code: &str) -> JsValue {
    to_js(match code {
        "KEY_NOT_PRIVATE" => Error::KeyRole {
            expected: KeyRole::Private,
        },
        "KEY_NOT_PUBLIC" => Error::KeyRole {
            expected: KeyRole::Public,
        },
        "BODY_NOT_RAW" => Error::BodyNotRaw,
        "SIGN_HEADER_MISSING" => Error::SignHeaderMissing,
        "SIGNATURE_INVALID" => Error::SignatureInvalid,
        "KEY_TEXT_TOO_LARGE" => Error::InputTooLarge {
            what: "key text",
            limit: crate::limits::MAX_KEY_TEXT_BYTES,
        },
        "BODY_TOO_LARGE" => Error::InputTooLarge {
            what: "the body",
            limit: crate::limits::MAX_BODY_BYTES,
        },
        other => Error::InvalidArgument(format!("unknown error code {}", Quoted(other))),
    })
}
