//! `CashyCore`: the wasm side of the JS `Cashy` class.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::error::to_js;
use super::payee::report_js;
use crate::cashy::{self, Cashy, Settings};
use crate::error::Error;
use crate::json;

/// The Cashy client core; `new Cashy(config)` in JS wraps it.
#[wasm_bindgen]
pub struct CashyCore {
    inner: Cashy,
}

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v);
}

fn opt(s: Option<String>) -> JsValue {
    s.map(JsValue::from).unwrap_or(JsValue::NULL)
}

fn triple(r: cashy::Request) -> Array {
    Array::of3(&r.url.into(), &r.body.into(), &r.sign.into())
}

#[wasm_bindgen]
impl CashyCore {
    /// Checks the settings (already plain strings; parameters as JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(
        merchant_id: String,
        api_key: String,
        base_url: String,
        payout_parameters_json: Option<String>,
    ) -> Result<CashyCore, JsValue> {
        let payout_parameters = match payout_parameters_json {
            Some(text) => match json::parse_object(&text, "payoutRules").map_err(to_js)? {
                json::Value::Object(members) => members,
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        let inner = Cashy::new(Settings {
            merchant_id,
            api_key,
            base_url,
            payout_parameters,
        })
        .map_err(to_js)?;
        Ok(CashyCore { inner })
    }

    /// `[url, body, sign]`, or a PAYEE_INVALID error carrying `validation`.
    pub fn payout(&self, data_json: &str, validate: bool) -> Result<Array, JsValue> {
        let nonce = cashy::new_nonce().map_err(to_js)?;
        match self
            .inner
            .payout(data_json, validate, &nonce)
            .map_err(to_js)?
        {
            Ok(request) => Ok(triple(request)),
            Err(cashy::Refused(report)) => {
                let fields: Vec<&str> = report.failed.iter().map(|f| f.field.as_str()).collect();
                let err = to_js(Error::PayeeInvalid(fields.join(", ")));
                let _ = Reflect::set(&err, &"validation".into(), &report_js(&report));
                Err(err)
            }
        }
    }

    /// `[url, body, sign]` of a payOutQuery.
    #[wasm_bindgen(js_name = payoutQuery)]
    pub fn payout_query(&self, data_json: &str) -> Result<Array, JsValue> {
        let nonce = cashy::new_nonce().map_err(to_js)?;
        self.inner
            .payout_query(data_json, &nonce)
            .map(triple)
            .map_err(to_js)
    }

    /// The typed fields of a verified callback (JS adds `data` and `raw`).
    #[wasm_bindgen(js_name = verifyCallback)]
    pub fn verify_callback(&self, body: &[u8], sign: &str) -> Result<JsValue, JsValue> {
        let c = self.inner.verify_callback(body, sign).map_err(to_js)?;
        let o = Object::new();
        set(&o, "orderStatus", opt(c.order_status));
        set(&o, "knownStatus", c.known_status.into());
        set(&o, "resultDesc", opt(c.result_desc));
        set(&o, "merchantId", opt(c.merchant_id));
        set(&o, "mchOrderNo", opt(c.mch_order_no));
        set(&o, "orderNo", opt(c.order_no));
        Ok(o.into())
    }

    /// The classified fields of an API answer (JS adds `data` and `raw`).
    #[wasm_bindgen(js_name = readResponse)]
    pub fn read_response(&self, body: &[u8]) -> Result<JsValue, JsValue> {
        let r = self.inner.read_response(body).map_err(to_js)?;
        let o = Object::new();
        set(&o, "ok", r.ok.into());
        set(&o, "code", opt(r.code));
        set(&o, "msg", opt(r.msg));
        set(&o, "orderStatus", opt(r.order_status));
        Ok(o.into())
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
