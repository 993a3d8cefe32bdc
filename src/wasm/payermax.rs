//! `PayerMaxCore`: the wasm side of the JS `PayerMax` class.

use js_sys::{Array, Object, Reflect, Uint8Array};

use super::keys::PublicKey as JsPublicKey;
use wasm_bindgen::prelude::*;

use super::error::to_js;
use super::{key_input, KeyInput};
use crate::error::{Error, Quoted};
use crate::keys::{PrivateKey, PublicKey};
use crate::payermax::{
    Environment, Notification, PayerMax, RequestTime, Response, Settings, Window,
};

const CONFIG_KEYS: &[&str] = &[
    "appId",
    "merchantNo",
    "privateKey",
    "platformPublicKey",
    "platformPublicKeys",
    "environment",
    "baseUrl",
    "keyVersion",
    "spMerchantNo",
];

/// The PayerMax client core; `new PayerMax(config)` in JS wraps it.
#[wasm_bindgen]
pub struct PayerMaxCore {
    inner: PayerMax,
}

fn config_error(why: String) -> JsValue {
    to_js(Error::ConfigInvalid(why))
}

fn get(config: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    Reflect::get(config, &JsValue::from_str(name))
        .map_err(|_| config_error(format!("{name} could not be read")))
}

fn optional_string(config: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    let v = get(config, name)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| config_error(format!("{name} must be a string")))
}

fn required_string(config: &JsValue, name: &str) -> Result<String, JsValue> {
    optional_string(config, name)?.ok_or_else(|| config_error(format!("{name} is required")))
}

fn parse_public(value: &JsValue) -> Result<PublicKey, JsValue> {
    match key_input(value)? {
        KeyInput::Text(t) => PublicKey::parse(&t),
        KeyInput::Der(d) => PublicKey::from_der(&d),
    }
    .map_err(to_js)
}

#[wasm_bindgen]
impl PayerMaxCore {
    /// Reads and checks a plain config object (keys already as text or DER).
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<PayerMaxCore, JsValue> {
        if !config.is_object() {
            return Err(config_error("pass a configuration object".into()));
        }
        for key in Object::keys(config.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !CONFIG_KEYS.contains(&key.as_str()) {
                return Err(config_error(format!(
                    "unknown option {}; the options are {}",
                    Quoted(&key),
                    CONFIG_KEYS.join(", ")
                )));
            }
        }
        let environment = match optional_string(&config, "environment")?.as_deref() {
            None | Some("sandbox") => Environment::Sandbox,
            Some("production") => Environment::Production,
            Some(other) => {
                return Err(config_error(format!(
                    "environment {} must be \"sandbox\" or \"production\"",
                    Quoted(other)
                )))
            }
        };
        let key_version = optional_string(&config, "keyVersion")?.unwrap_or_else(|| "1".into());
        let private_key_value = get(&config, "privateKey")?;
        let private_key = if private_key_value.is_undefined() || private_key_value.is_null() {
            None
        } else {
            Some(
                match key_input(&private_key_value)? {
                    KeyInput::Text(t) => PrivateKey::parse(&t),
                    KeyInput::Der(d) => PrivateKey::from_der(&d),
                }
                .map_err(to_js)?,
            )
        };
        let mut platform_public_keys: Vec<(String, PublicKey)> = Vec::new();
        let many = get(&config, "platformPublicKeys")?;
        if !many.is_undefined() && !many.is_null() {
            if !many.is_object() {
                return Err(config_error(
                    "platformPublicKeys must be an object keyed by keyVersion".into(),
                ));
            }
            for entry in Object::entries(many.unchecked_ref::<Object>()).iter() {
                let pair: Array = entry.unchecked_into();
                let version = pair.get(0).as_string().unwrap_or_default();
                platform_public_keys.push((version, parse_public(&pair.get(1))?));
            }
        }
        let single = get(&config, "platformPublicKey")?;
        if !single.is_undefined() && !single.is_null() {
            let key = parse_public(&single)?;
            match platform_public_keys.iter().find(|(v, _)| *v == key_version) {
                Some((_, other)) if other.fingerprint() != key.fingerprint() => {
                    return Err(config_error(format!(
                        "platformPublicKey and platformPublicKeys[{}] differ; give one",
                        Quoted(&key_version)
                    )))
                }
                Some(_) => {}
                None => platform_public_keys.push((key_version.clone(), key)),
            }
        }
        let settings = Settings {
            app_id: required_string(&config, "appId")?,
            merchant_no: required_string(&config, "merchantNo")?,
            private_key,
            platform_public_keys,
            environment,
            base_url: optional_string(&config, "baseUrl")?,
            key_version,
            sp_merchant_no: optional_string(&config, "spMerchantNo")?,
        };
        Ok(PayerMaxCore {
            inner: PayerMax::new(settings).map_err(to_js)?,
        })
    }

    /// `[url, body, sign]` of a signed request.
    pub fn request(
        &self,
        endpoint: &str,
        data_json: &str,
        request_time: Option<String>,
        now_ms: f64,
        version: Option<String>,
    ) -> Result<Array, JsValue> {
        let time = request_time_of(request_time.as_deref(), now_ms);
        let r = self
            .inner
            .request(endpoint, data_json, time, version.as_deref())
            .map_err(to_js)?;
        Ok(Array::of3(&r.url.into(), &r.body.into(), &r.sign.into()))
    }

    /// `[url, body]` of a request, unsigned (for WebCrypto signing).
    pub fn prepare(
        &self,
        endpoint: &str,
        data_json: &str,
        request_time: Option<String>,
        now_ms: f64,
        version: Option<String>,
    ) -> Result<Array, JsValue> {
        let time = request_time_of(request_time.as_deref(), now_ms);
        let p = self
            .inner
            .prepare(endpoint, data_json, time, version.as_deref())
            .map_err(to_js)?;
        Ok(Array::of2(&p.url.into(), &p.body.into()))
    }

    /// PKCS#8 DER of the merchant key, for importing into WebCrypto.
    #[wasm_bindgen(js_name = privateKeyDer)]
    pub fn private_key_der(&self) -> Result<Uint8Array, JsValue> {
        let key = self.inner.private_key().map_err(to_js)?;
        let der = key.to_pkcs8_der().map_err(to_js)?;
        Ok(Uint8Array::from(der.as_slice()))
    }

    /// The merchant key's fingerprint, if a private key is configured.
    #[wasm_bindgen(getter, js_name = privateKeyFingerprint)]
    pub fn private_key_fingerprint(&self) -> Option<String> {
        self.inner
            .settings()
            .private_key
            .as_ref()
            .map(|k| k.fingerprint().to_owned())
    }

    /// The app id.
    #[wasm_bindgen(getter, js_name = appId)]
    pub fn app_id(&self) -> String {
        self.inner.settings().app_id.clone()
    }

    /// The merchant number.
    #[wasm_bindgen(getter, js_name = merchantNo)]
    pub fn merchant_no(&self) -> String {
        self.inner.settings().merchant_no.clone()
    }

    /// The origin requests go to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// The merchant key version.
    #[wasm_bindgen(getter, js_name = keyVersion)]
    pub fn key_version(&self) -> String {
        self.inner.settings().key_version.clone()
    }
}

/// A plain JS object from name/value pairs.
fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

fn opt(s: Option<String>) -> JsValue {
    s.map(JsValue::from).unwrap_or(JsValue::NULL)
}

fn notification_js(n: Notification) -> JsValue {
    object(&[
        ("notifyType", opt(n.notify_type)),
        ("knownType", n.known_type.into()),
        ("code", opt(n.code)),
        ("msg", opt(n.msg)),
        ("appId", opt(n.app_id)),
        ("merchantNo", opt(n.merchant_no)),
        ("notifyTime", opt(n.notify_time)),
        ("keyVersion", opt(n.key_version)),
        ("eventKey", n.event_key.into()),
    ])
}

fn response_js(r: Response) -> JsValue {
    object(&[
        ("verified", r.verified.into()),
        ("ok", r.ok.into()),
        ("code", opt(r.code)),
        ("msg", opt(r.msg)),
        ("status", opt(r.status)),
    ])
}

fn window(now_ms: f64, tolerance_seconds: Option<f64>) -> Window {
    Window {
        now_ms: now_ms as i64,
        tolerance_seconds: tolerance_seconds.map(|t| t as u64),
    }
}

#[wasm_bindgen]
impl PayerMaxCore {
    /// Verifies and reads a notification: the typed fields (JS adds `data`).
    #[wasm_bindgen(js_name = verifyNotification)]
    pub fn verify_notification(
        &self,
        body: &[u8],
        sign: &str,
        now_ms: f64,
        tolerance_seconds: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        self.inner
            .verify_notification(body, sign, window(now_ms, tolerance_seconds))
            .map(notification_js)
            .map_err(to_js)
    }

    /// Reads a notification whose signature WebCrypto has checked.
    #[wasm_bindgen(js_name = acceptVerifiedNotification)]
    pub fn accept_verified_notification(
        &self,
        body: &[u8],
        now_ms: f64,
        tolerance_seconds: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        self.inner
            .accept_verified_notification(body, window(now_ms, tolerance_seconds))
            .map(notification_js)
            .map_err(to_js)
    }

    /// Verifies and classifies a response (JS adds `data`).
    #[wasm_bindgen(js_name = verifyResponse)]
    pub fn verify_response(&self, body: &[u8], sign: Option<String>) -> Result<JsValue, JsValue> {
        self.inner
            .verify_response(body, sign.as_deref())
            .map(response_js)
            .map_err(to_js)
    }

    /// Classifies a response whose signature WebCrypto has checked.
    #[wasm_bindgen(js_name = acceptVerifiedResponse)]
    pub fn accept_verified_response(&self, body: &[u8]) -> Result<JsValue, JsValue> {
        self.inner
            .accept_verified_response(body)
            .map(response_js)
            .map_err(to_js)
    }

    /// The keyVersion of the platform key a body selects.
    #[wasm_bindgen(js_name = platformKeyVersionFor)]
    pub fn platform_key_version_for(&self, body: &[u8]) -> Result<String, JsValue> {
        let (version, _) = self.inner.platform_key_for(body).map_err(to_js)?;
        Ok(version.to_owned())
    }

    /// The platform key configured for a keyVersion.
    #[wasm_bindgen(js_name = platformKey)]
    pub fn platform_key(&self, key_version: &str) -> Result<JsPublicKey, JsValue> {
        let key = self.inner.platform_key(key_version).ok_or_else(|| {
            to_js(Error::KeyVersionUnknown(
                key_version.chars().take(32).collect(),
            ))
        })?;
        Ok(JsPublicKey { inner: key.clone() })
    }
}

fn request_time_of(given: Option<&str>, now_ms: f64) -> RequestTime<'_> {
    match given {
        Some(text) => RequestTime::Given(text),
        None => RequestTime::UnixMillis(now_ms as i64),
    }
}
