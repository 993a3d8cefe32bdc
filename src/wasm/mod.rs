//! The wasm-bindgen facade: converts JS values in and out of the core and
//! nothing else. The public JS API (`pkg-template/api.js`) wraps these.

mod cashy;
mod error;
mod keys;
mod payee;
mod payermax;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Error;

/// Message bytes from a string (as UTF-8) or a Uint8Array.
fn message_bytes(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s.into_bytes());
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        if bytes.length() as usize > crate::limits::MAX_BODY_BYTES {
            return Err(error::to_js(Error::InputTooLarge {
                what: "the message",
                limit: crate::limits::MAX_BODY_BYTES,
            }));
        }
        return Ok(bytes.to_vec());
    }
    Err(error::to_js(Error::InvalidArgument(format!(
        "{what} must be a string or a Uint8Array"
    ))))
}

/// Key input: text (PEM / base64) or DER bytes.
enum KeyInput {
    Text(String),
    Der(Vec<u8>),
}

fn key_input(value: &JsValue) -> Result<KeyInput, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(KeyInput::Text(s));
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        if bytes.length() as usize > crate::limits::MAX_KEY_TEXT_BYTES {
            return Err(error::to_js(Error::InputTooLarge {
                what: "key bytes",
                limit: crate::limits::MAX_KEY_TEXT_BYTES,
            }));
        }
        return Ok(KeyInput::Der(bytes.to_vec()));
    }
    Err(error::to_js(Error::InvalidArgument(
        "a key must be PEM or base64 text, DER bytes (Uint8Array), or a parsed key".into(),
    )))
}

/// The version of this package.
#[wasm_bindgen(js_name = version)]
pub fn package_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
