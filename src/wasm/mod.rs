//! The wasm-bindgen facade: converts JS values in and out of the core and
//! nothing else. The public JS API (`pkg-template/api.js`) wraps these.

mod cashy;
mod error;
mod keys;
mod payee;
mod payermax;

use js_sys::Uint8Array;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Error;
use crate::json::Value;

/// Runs when the module is instantiated: should a panic ever happen, its
/// message reaches the console instead of a bare `unreachable`.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Panics on purpose, so that a test can see the hook report it from the
/// release build (`panic = "abort"`). Only with the `panic-probe` feature.
#[cfg(feature = "panic-probe")]
#[wasm_bindgen(js_name = __panicProbe)]
#[allow(clippy::panic)]
pub fn panic_probe() {
    panic!("panic probe: the hook reports this");
}

/// A serde type read from JSON text that the JS layer made of a
/// configuration or an options object. `wrap` turns what is wrong (led by
/// the path to it) into the error.
fn read<T: DeserializeOwned>(json: &str, wrap: impl FnOnce(String) -> Error) -> Result<T, JsValue> {
    if json.len() > crate::limits::MAX_BODY_BYTES {
        return Err(error::to_js(Error::InputTooLarge {
            what: "the options",
            limit: crate::limits::MAX_BODY_BYTES,
        }));
    }
    let value = crate::json::parse(json).map_err(error::to_js)?;
    crate::json::from_value(&value).map_err(|why| error::to_js(wrap(why)))
}

/// A per-call options object named `what` in messages (absent: every
/// default).
fn options<T: Default + DeserializeOwned>(json: Option<String>, what: &str) -> Result<T, JsValue> {
    match json {
        Some(json) => read(&json, |why| {
            Error::InvalidArgument(format!("{what}: {why}"))
        }),
        None => Ok(T::default()),
    }
}

/// A serde type as JSON text, for the JS layer to `JSON.parse` (one string
/// crosses the boundary instead of a property at a time).
fn write<T: Serialize>(value: &T) -> Result<String, JsValue> {
    // Only a map with non-string keys could fail, and no answer has one.
    serde_json::to_string(value).map_err(|_| {
        error::to_js(Error::InvalidArgument(
            "an answer could not be written as JSON".into(),
        ))
    })
}

/// The options that only ask for a diagnosis (`verifyResponse`,
/// `verifyCallback`); also read from the other options objects, whose
/// other fields it ignores.
#[derive(Default, serde::Deserialize)]
struct DiagnoseOption {
    /// On a SIGNATURE_INVALID error, say why (`error.diagnosis`).
    diagnose: Option<bool>,
}

/// The error for a failed verification: with `diagnose` and a
/// SIGNATURE_INVALID, one carrying `diagnosis` (computed by `why`).
fn verification_error(
    e: Error,
    diagnose: Option<bool>,
    why: impl FnOnce() -> crate::Result<crate::diagnose::Diagnosis>,
) -> JsValue {
    if e != Error::SignatureInvalid || diagnose != Some(true) {
        return error::to_js(e);
    }
    #[derive(Serialize)]
    struct Details {
        diagnosis: crate::diagnose::Diagnosis,
    }
    match why().map(|diagnosis| write(&Details { diagnosis })) {
        Ok(Ok(details)) => error::with_details(e, &details),
        Ok(Err(js)) => js,
        Err(other) => error::to_js(other),
    }
}

/// `[url, body, sign]` of a signed request.
fn request_js(r: crate::request::Request) -> js_sys::Array {
    js_sys::Array::of3(&r.url.into(), &r.body.into(), &r.sign.into())
}

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

const KEY_INPUT: &str = "PEM or base64 text, DER bytes (Uint8Array), or a parsed key";

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
    Err(error::to_js(Error::InvalidArgument(format!(
        "a key must be {KEY_INPUT}"
    ))))
}

/// A key in a configuration's JSON: its text, or the index of its DER
/// bytes among the byte arrays passed beside the JSON.
#[derive(serde::Deserialize)]
#[serde(try_from = "Value")]
enum KeyRef {
    Text(String),
    Bytes(usize),
}

impl TryFrom<Value<'_>> for KeyRef {
    type Error = String;

    fn try_from(v: Value<'_>) -> Result<KeyRef, String> {
        match v {
            Value::String(text) => Ok(KeyRef::Text(text.into_owned())),
            Value::Number(n) => n
                .as_str()
                .parse()
                .map(KeyRef::Bytes)
                .map_err(|_| format!("a key must be {KEY_INPUT}")),
            _ => Err(format!("a key must be {KEY_INPUT}")),
        }
    }
}

impl KeyRef {
    /// The key text, or the bytes it points to.
    fn input(self, bytes: &[JsValue]) -> Result<KeyInput, JsValue> {
        match self {
            KeyRef::Text(text) => Ok(KeyInput::Text(text)),
            KeyRef::Bytes(i) => key_input(bytes.get(i).unwrap_or(&JsValue::UNDEFINED)),
        }
    }
}

impl KeyInput {
    /// The key, parsed as a private or a public key.
    fn parse<K: keys::CoreKey>(self) -> Result<K, JsValue> {
        match self {
            KeyInput::Text(text) => K::parse(&text),
            KeyInput::Der(der) => K::from_der(&der),
        }
        .map_err(error::to_js)
    }
}

/// The size of the wasm memory in bytes, for the benchmark and the tests
/// (it only ever grows).
#[wasm_bindgen(js_name = __memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size::<0>() * 65536) as f64
}

/// The version of this package.
#[wasm_bindgen(js_name = version)]
pub fn package_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
