//! `CashyCore`: the wasm side of the JS `Cashy` class.

use js_sys::Array;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::error::to_js;
use super::{options, read, request_js, write, DiagnoseOption};
use crate::cashy::{self, Cashy, Settings};
use crate::error::Error;
use crate::json::{Members, Value};

/// The Cashy client core; `new Cashy(config)` in JS wraps it.
#[wasm_bindgen]
pub struct CashyCore {
    inner: Cashy,
}

/// `new Cashy(config)`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Config {
    merchant_id: Option<Text>,
    api_key: Option<String>,
    base_url: Option<String>,
    payout_rules: Option<Members<Value<'static>>>,
}

/// The options of `payout`.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayoutOptions {
    validate: Option<bool>,
}

/// A string, or a safe integer taken as its decimal text (merchant ids are
/// often written as numbers).
#[derive(Deserialize)]
#[serde(try_from = "Value")]
struct Text(String);

impl TryFrom<Value<'_>> for Text {
    type Error = &'static str;

    fn try_from(v: Value<'_>) -> Result<Text, &'static str> {
        match v {
            Value::String(text) => Ok(Text(text.into_owned())),
            Value::Number(n) if n.as_str().parse::<i64>().is_ok() => Ok(Text(n.as_str().into())),
            _ => Err("must be a string"),
        }
    }
}

/// The typed fields of a verified callback (the JS layer adds `data` and `raw`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CallbackFields {
    order_status: Option<String>,
    known_status: bool,
    result_desc: Option<String>,
    merchant_id: Option<String>,
    mch_order_no: Option<String>,
    order_no: Option<String>,
}

/// The classified fields of an API answer (the JS layer adds `data` and `raw`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AnswerFields {
    ok: bool,
    code: Option<String>,
    msg: Option<String>,
    order_status: Option<String>,
}

fn config_error(why: String) -> Error {
    Error::ConfigInvalid(why)
}

#[wasm_bindgen]
impl CashyCore {
    /// Reads and checks a configuration given as JSON text.
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str) -> Result<CashyCore, JsValue> {
        let config: Config = read(config_json, config_error)?;
        let required = |v: Option<String>, name: &str| {
            v.ok_or_else(|| to_js(config_error(format!("{name} is required (a string)"))))
        };
        let inner = Cashy::new(Settings {
            merchant_id: required(config.merchant_id.map(|t| t.0), "merchantId")?,
            api_key: required(config.api_key, "apiKey")?,
            base_url: required(config.base_url, "baseUrl")?,
            payout_parameters: config.payout_rules.unwrap_or_default().0,
        })
        .map_err(to_js)?;
        Ok(CashyCore { inner })
    }

    /// `[url, body, sign]`, or a PAYEE_INVALID error carrying `validation`.
    pub fn payout(&self, data_json: &str, opts: Option<String>) -> Result<Array, JsValue> {
        let opts: PayoutOptions = options(opts, "options")?;
        let nonce = cashy::new_nonce().map_err(to_js)?;
        match self
            .inner
            .payout(data_json, opts.validate != Some(false), &nonce)
            .map_err(to_js)?
        {
            Ok(request) => Ok(request_js(request)),
            Err(cashy::Refused(report)) => {
                #[derive(Serialize)]
                struct Details<'a> {
                    validation: &'a crate::payee::rules::Report,
                }
                let fields: Vec<&str> = report.failed.iter().map(|f| f.field.as_str()).collect();
                let details = write(&Details {
                    validation: &report,
                })?;
                Err(super::error::with_details(
                    Error::PayeeInvalid(fields.join(", ")),
                    &details,
                ))
            }
        }
    }

    /// `[url, body, sign]` of a payOutQuery.
    #[wasm_bindgen(js_name = payoutQuery)]
    pub fn payout_query(&self, data_json: &str) -> Result<Array, JsValue> {
        let nonce = cashy::new_nonce().map_err(to_js)?;
        self.inner
            .payout_query(data_json, &nonce)
            .map(request_js)
            .map_err(to_js)
    }

    /// The typed fields of a verified callback (JS adds `data` and `raw`).
    /// With `diagnose`, a SIGNATURE_INVALID error carries `diagnosis`.
    #[wasm_bindgen(js_name = verifyCallback)]
    pub fn verify_callback(
        &self,
        body: &[u8],
        sign: &str,
        opts: Option<String>,
    ) -> Result<String, JsValue> {
        let opts: DiagnoseOption = options(opts, "options")?;
        let c = self.inner.verify_callback(body, sign).map_err(|e| {
            super::verification_error(e, opts.diagnose, || {
                self.inner.diagnose_callback(body, sign)
            })
        })?;
        write(&CallbackFields {
            order_status: c.order_status,
            known_status: c.known_status,
            result_desc: c.result_desc,
            merchant_id: c.merchant_id,
            mch_order_no: c.mch_order_no,
            order_no: c.order_no,
        })
    }

    /// The classified fields of an API answer (JS adds `data` and `raw`).
    #[wasm_bindgen(js_name = readResponse)]
    pub fn read_response(&self, body: &[u8]) -> Result<String, JsValue> {
        let r = self.inner.read_response(body).map_err(to_js)?;
        write(&AnswerFields {
            ok: r.ok,
            code: r.code,
            msg: r.msg,
            order_status: r.order_status,
        })
    }

    /// The merchant id.
    #[wasm_bindgen(getter, js_name = merchantId)]
    pub fn merchant_id(&self) -> String {
        self.inner.merchant_id().to_owned()
    }

    /// The gateway origin.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }
}
