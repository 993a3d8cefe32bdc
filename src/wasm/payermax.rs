//! `PayerMaxCore`: the wasm side of the JS `PayerMax` class.

use js_sys::{Array, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::error::to_js;
use super::keys::PublicKey as JsPublicKey;
use super::{options, read, request_js, write, DiagnoseOption, KeyInput, KeyRef};
use crate::error::FieldFailure;
use crate::error::{Error, Quoted};
use crate::json::{Members, Value};
use crate::keys::{PrivateKey, PublicKey};
use crate::payermax::{
    Environment, Kind, Notification, PayerMax, RequestTime, Response, Settings, Window,
};

/// `new PayerMax(config)`. Keys are text, or DER bytes passed beside the
/// JSON (the JS layer turns parsed keys into DER).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Config {
    app_id: Option<String>,
    merchant_no: Option<String>,
    private_key: Option<KeyRef>,
    platform_public_key: Option<KeyRef>,
    platform_public_keys: Option<Members<KeyRef>>,
    environment: Option<Environment>,
    base_url: Option<String>,
    key_version: Option<String>,
    sp_merchant_no: Option<String>,
    merchant_auth_token: Option<String>,
}

/// The options of `request` / `requestAsync` (a `Date` arrives as epoch
/// milliseconds).
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RequestOptions {
    request_time: Option<TimeInput>,
    version: Option<String>,
    /// `false` skips the check of `data` against the endpoint's schema.
    check: Option<bool>,
}

/// A `requestTime`: gateway-format text or epoch milliseconds.
#[derive(Deserialize)]
#[serde(try_from = "Value")]
enum TimeInput {
    Text(String),
    Millis(i64),
}

impl TryFrom<Value<'_>> for TimeInput {
    type Error = &'static str;

    fn try_from(v: Value<'_>) -> Result<TimeInput, &'static str> {
        const WHAT: &str = "must be a string, a Date or whole epoch milliseconds";
        match v {
            Value::String(text) => Ok(TimeInput::Text(text.into_owned())),
            Value::Number(n) => n.as_str().parse().map(TimeInput::Millis).map_err(|_| WHAT),
            _ => Err(WHAT),
        }
    }
}

/// The options of `verifyNotification` (a `Date` arrives as epoch
/// milliseconds): whole numbers, as the clock and the window are.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct WindowOptions {
    /// The current time, epoch milliseconds.
    now: Option<i64>,
    /// The window, whole seconds either way.
    tolerance_seconds: Option<u64>,
    /// On SIGNATURE_INVALID, say why (`error.diagnosis`).
    diagnose: Option<bool>,
}

impl WindowOptions {
    fn window(&self, now_ms: f64) -> Window {
        Window {
            now_ms: self.now.unwrap_or(now_ms as i64),
            tolerance_seconds: self.tolerance_seconds,
        }
    }
}

/// The typed fields of a verified notification (the JS layer adds `data`
/// and `raw`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationFields {
    notify_type: Option<String>,
    known_type: bool,
    code: Option<String>,
    msg: Option<String>,
    app_id: Option<String>,
    merchant_no: Option<String>,
    notify_time: Option<String>,
    key_version: Option<String>,
    event_key: String,
    data_issues: Vec<FieldFailure>,
}

impl From<Notification> for NotificationFields {
    fn from(n: Notification) -> Self {
        NotificationFields {
            notify_type: n.notify_type,
            known_type: n.known_type,
            code: n.code,
            msg: n.msg,
            app_id: n.app_id,
            merchant_no: n.merchant_no,
            notify_time: n.notify_time,
            key_version: n.key_version,
            event_key: n.event_key,
            data_issues: n.data_issues,
        }
    }
}

/// The classified fields of a verified response (the JS layer adds `data`
/// and `raw`).
#[derive(Serialize)]
struct ResponseFields {
    verified: bool,
    ok: bool,
    code: Option<String>,
    msg: Option<String>,
    status: Option<String>,
}

impl From<Response> for ResponseFields {
    fn from(r: Response) -> Self {
        ResponseFields {
            verified: r.verified,
            ok: r.ok,
            code: r.code,
            msg: r.msg,
            status: r.status,
        }
    }
}

/// The PayerMax client core; `new PayerMax(config)` in JS wraps it.
#[wasm_bindgen]
pub struct PayerMaxCore {
    inner: PayerMax,
}

fn config_error(why: String) -> Error {
    Error::ConfigInvalid(why)
}

#[wasm_bindgen]
impl PayerMaxCore {
    /// Reads and checks a configuration: JSON text, and the DER bytes of
    /// the keys it refers to by index. `checked_private_key`: the private
    /// key is canonical PKCS#8 DER that the JS layer has read and checked
    /// itself (`key-read.js`), so only its public half is read now.
    #[wasm_bindgen(constructor)]
    pub fn new(
        config_json: &str,
        key_bytes: Vec<JsValue>,
        checked_private_key: bool,
    ) -> Result<PayerMaxCore, JsValue> {
        let config: Config = read(config_json, config_error)?;
        let required = |v: Option<String>, name: &str| {
            v.ok_or_else(|| to_js(config_error(format!("{name} is required"))))
        };
        let key_version = config.key_version.unwrap_or_else(|| "1".into());
        let private_key = match config.private_key {
            Some(key) => Some(match key.input(&key_bytes)? {
                KeyInput::Der(der) if checked_private_key => {
                    PrivateKey::from_checked_pkcs8(&der).map_err(to_js)?
                }
                input => input.parse::<PrivateKey>()?,
            }),
            None => None,
        };
        let mut platform_public_keys: Vec<(String, PublicKey)> = Vec::new();
        for (version, key) in config.platform_public_keys.unwrap_or_default().0 {
            platform_public_keys.push((version, key.input(&key_bytes)?.parse::<PublicKey>()?));
        }
        if let Some(single) = config.platform_public_key {
            let key = single.input(&key_bytes)?.parse::<PublicKey>()?;
            match platform_public_keys.iter().find(|(v, _)| *v == key_version) {
                Some((_, other)) if other.fingerprint() != key.fingerprint() => {
                    return Err(to_js(config_error(format!(
                        "platformPublicKey and platformPublicKeys[{}] differ; give one",
                        Quoted(&key_version)
                    ))))
                }
                Some(_) => {}
                None => platform_public_keys.push((key_version.clone(), key)),
            }
        }
        let settings = Settings {
            app_id: required(config.app_id, "appId")?,
            merchant_no: required(config.merchant_no, "merchantNo")?,
            private_key,
            platform_public_keys,
            environment: config.environment.unwrap_or(Environment::Sandbox),
            base_url: config.base_url,
            key_version,
            sp_merchant_no: config.sp_merchant_no,
            merchant_auth_token: config.merchant_auth_token,
        };
        Ok(PayerMaxCore {
            inner: PayerMax::new(settings).map_err(to_js)?,
        })
    }

    /// `[url, body, sign]` of a signed request, or `[url, body]` when
    /// `sign` is false (for signing in JS with node:crypto or WebCrypto).
    /// Either way a missing private key is refused first, so that both
    /// paths give the same error for the same call.
    pub fn request(
        &self,
        endpoint: &str,
        data_json: &str,
        opts: Option<String>,
        now_ms: f64,
        sign: bool,
    ) -> Result<Array, JsValue> {
        let opts: RequestOptions = options(opts, "options")?;
        let time = match &opts.request_time {
            Some(TimeInput::Text(text)) => RequestTime::Given(text),
            Some(TimeInput::Millis(ms)) => RequestTime::UnixMillis(*ms),
            None => RequestTime::UnixMillis(now_ms as i64),
        };
        let version = opts.version.as_deref();
        let check = opts.check != Some(false);
        if sign {
            self.inner
                .request(endpoint, data_json, time, version, check)
                .map(request_js)
                .map_err(to_js)
        } else {
            self.inner.private_key().map_err(to_js)?;
            let p = self
                .inner
                .prepare(endpoint, data_json, time, version, check)
                .map_err(to_js)?;
            Ok(Array::of2(&p.url.into(), &p.body.into()))
        }
    }

    /// The check of `data` for an endpoint, without signing: the report as
    /// compact text (see `Report::to_compact_text`).
    #[wasm_bindgen(js_name = checkReport)]
    pub fn check_report(&self, endpoint: &str, data_json: &str) -> Result<String, JsValue> {
        let route = crate::payermax::endpoint::resolve(endpoint, None).map_err(to_js)?;
        let data = crate::json::parse_object(data_json, "data").map_err(to_js)?;
        let report = crate::payermax::data::check(&route.name, &data).map_err(to_js)?;
        Ok(report.to_compact_text())
    }

    /// PKCS#8 DER of the merchant key, for importing into node:crypto or
    /// WebCrypto.
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

    /// The ISV merchant auth token, if configured (for the request header).
    #[wasm_bindgen(getter, js_name = merchantAuthToken)]
    pub fn merchant_auth_token(&self) -> Option<String> {
        self.inner.settings().merchant_auth_token.clone()
    }

    /// The merchant key version.
    #[wasm_bindgen(getter, js_name = keyVersion)]
    pub fn key_version(&self) -> String {
        self.inner.settings().key_version.clone()
    }

    /// Verifies and reads a callback of `kind` (`notification`, `rfi`,
    /// `billPaymentValidation`): the typed fields (JS adds `data`). With
    /// `diagnose`, a SIGNATURE_INVALID error carries `diagnosis`.
    #[wasm_bindgen(js_name = verifyCallback)]
    pub fn verify_callback(
        &self,
        kind: &str,
        body: &[u8],
        sign: &str,
        opts: Option<String>,
        now_ms: f64,
    ) -> Result<String, JsValue> {
        let kind = Kind::from_name(kind).map_err(to_js)?;
        let opts: WindowOptions = options(opts, "options")?;
        let n = self
            .inner
            .verify_callback(kind, body, sign, opts.window(now_ms))
            .map_err(|e| self.verification_error(e, opts.diagnose, body, sign))?;
        write(&NotificationFields::from(n))
    }

    /// Reads a callback whose signature node:crypto or WebCrypto has checked.
    #[wasm_bindgen(js_name = acceptVerifiedCallback)]
    pub fn accept_verified_callback(
        &self,
        kind: &str,
        body: &[u8],
        opts: Option<String>,
        now_ms: f64,
    ) -> Result<String, JsValue> {
        let kind = Kind::from_name(kind).map_err(to_js)?;
        let n = self
            .inner
            .accept_verified_callback(kind, body, window_of(opts, now_ms)?)
            .map_err(to_js)?;
        write(&NotificationFields::from(n))
    }

    /// Checks the options of a callback's verification before any other work.
    #[wasm_bindgen(js_name = checkWindow)]
    pub fn check_window(&self, kind: &str, opts: Option<String>) -> Result<(), JsValue> {
        let kind = Kind::from_name(kind).map_err(to_js)?;
        PayerMax::check_kind_window(kind, window_of(opts, 0.0)?).map_err(to_js)
    }

    /// Verifies and classifies a response (JS adds `data`). With
    /// `diagnose`, a SIGNATURE_INVALID error carries `diagnosis`.
    #[wasm_bindgen(js_name = verifyResponse)]
    pub fn verify_response(
        &self,
        body: &[u8],
        sign: Option<String>,
        opts: Option<String>,
    ) -> Result<String, JsValue> {
        let opts: DiagnoseOption = options(opts, "options")?;
        let sign = sign.as_deref();
        let r = self.inner.verify_response(body, sign).map_err(|e| {
            self.verification_error(e, opts.diagnose, body, sign.unwrap_or_default())
        })?;
        write(&ResponseFields::from(r))
    }

    /// Classifies a response whose signature WebCrypto has checked.
    #[wasm_bindgen(js_name = acceptVerifiedResponse)]
    pub fn accept_verified_response(&self, body: &[u8]) -> Result<String, JsValue> {
        let r = self.inner.accept_verified_response(body).map_err(to_js)?;
        write(&ResponseFields::from(r))
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

impl PayerMaxCore {
    fn verification_error(
        &self,
        e: Error,
        diagnose: Option<bool>,
        body: &[u8],
        sign: &str,
    ) -> JsValue {
        super::verification_error(e, diagnose, || self.inner.diagnose(body, sign))
    }
}

fn window_of(opts: Option<String>, now_ms: f64) -> Result<Window, JsValue> {
    Ok(options::<WindowOptions>(opts, "options")?.window(now_ms))
}

/// The exact body answering a callback that expects data
/// (`billPaymentValidation`, `REPAYMENT_RECEIPT`), its data checked.
#[wasm_bindgen(js_name = __callbackAnswer)]
pub fn callback_answer(kind: &str, data_json: &str) -> Result<String, JsValue> {
    let data = crate::json::parse(data_json).map_err(to_js)?;
    crate::payermax::answer::answer(kind, &data).map_err(to_js)
}

/// `[merchantNo, app]` a body names, read before verification to choose the
/// merchant among several (`null` where absent).
#[wasm_bindgen(js_name = __addressee)]
pub fn addressee(body: &[u8]) -> Result<Array, JsValue> {
    let (merchant_no, app) = crate::payermax::addressee(body).map_err(to_js)?;
    let js = |v: Option<String>| v.map(JsValue::from).unwrap_or(JsValue::NULL);
    Ok(Array::of2(&js(merchant_no), &js(app)))
}
