//! Cashy (Peru payouts): payOut / payOutQuery requests signed with
//! `MD5(body + apiKey)`, API answers, and callbacks.

pub mod sign;

use crate::diagnose::Diagnosis;
use crate::error::{Error, Quoted, Result};
use crate::json::{self, Value};
use crate::limits::MAX_BODY_BYTES;
use crate::payee::rules::Report;
use crate::payee::{self, RuleSetRef};

/// The body a callback is acknowledged with (plain text).
pub const ACK: &str = "SUCCESS";

/// Every `orderStatus` Cashy documents.
pub const ORDER_STATUSES: &[&str] = &["PROCESSING", "PAYING", "SUCCESS", "FAIL", "CANCEL"];

/// Merchant settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The merchant id (the `MerchantId` header).
    pub merchant_id: String,
    /// The API key; never printed.
    pub api_key: String,
    /// The gateway origin, e.g. `https://api.cashy.example`.
    pub base_url: String,
    /// Parameters for the `cashy.pe.payout` rule set (largeBankIds, minAmount, maxAmount...).
    pub payout_parameters: Vec<(String, Value<'static>)>,
}

/// A Cashy client.
#[derive(Clone)]
pub struct Cashy {
    settings: Settings,
    base_url: String,
}

impl core::fmt::Debug for Cashy {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Cashy")
            .field("merchant_id", &self.settings.merchant_id)
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

pub use crate::request::Request;

/// Why `payout` refused to sign: the rule set's report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub Report);

/// The result of `payout`: a signed request, or the field errors.
pub type PayoutResult = core::result::Result<Request, Refused>;

/// A verified callback.
#[derive(Clone, Debug, PartialEq)]
pub struct Callback {
    /// `orderStatus`.
    pub order_status: Option<String>,
    /// Whether `order_status` is one Cashy documents.
    pub known_status: bool,
    /// `resultDesc`.
    pub result_desc: Option<String>,
    /// `merchantId`.
    pub merchant_id: Option<String>,
    /// `mchOrderNo`.
    pub mch_order_no: Option<String>,
    /// `orderNo`.
    pub order_no: Option<String>,
    /// The whole body.
    pub body: Value<'static>,
}

/// An API answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// `code == 200`: accepted.
    pub ok: bool,
    /// `code`, as text.
    pub code: Option<String>,
    /// `msg`.
    pub msg: Option<String>,
    /// `data.orderStatus`.
    pub order_status: Option<String>,
    /// The whole body.
    pub body: Value<'static>,
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::scalar_text).map(str::to_owned)
}

impl Cashy {
    /// Checks the settings and makes a client.
    pub fn new(settings: Settings) -> Result<Self> {
        if settings.merchant_id.trim().is_empty() {
            return Err(Error::ConfigInvalid("merchantId is required".into()));
        }
        if settings.api_key.is_empty() {
            return Err(Error::ConfigInvalid("apiKey is required".into()));
        }
        if settings.api_key.trim() != settings.api_key {
            return Err(Error::ConfigInvalid(
                "apiKey begins or ends with white space, which would change every Sign: copy it again".into(),
            ));
        }
        let trimmed = settings.base_url.trim().trim_end_matches('/');
        let host = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"));
        if host.is_none_or(|h| h.is_empty() || h.contains(['?', '#', ' '])) {
            return Err(Error::ConfigInvalid(format!(
                "baseUrl {} must be an http(s) URL such as https://api.example.com",
                Quoted(&settings.base_url)
            )));
        }
        let base_url = trimmed.to_owned();
        Ok(Cashy { settings, base_url })
    }

    /// The merchant id, for the `MerchantId` header.
    pub fn merchant_id(&self) -> &str {
        &self.settings.merchant_id
    }

    /// The gateway origin.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A signed `/api/payOut` request. `data_json` keeps its bytes; a missing
    /// `nonceStr` is appended (32 characters from `nonce`). With `validate`,
    /// the data is checked with the `cashy.pe.payout` rule set first, and an
    /// invalid payout is refused, not signed.
    pub fn payout(&self, data_json: &str, validate: bool, nonce: &str) -> Result<PayoutResult> {
        let body = with_nonce(data_json, nonce)?;
        if validate {
            let data = json::parse(&body)?;
            let report = payee::validate_payee(
                RuleSetRef::Builtin("cashy.pe.payout"),
                &data,
                &self.settings.payout_parameters,
            )?;
            if !report.failed.is_empty() {
                return Ok(Err(Refused(report)));
            }
        }
        Ok(Ok(self.signed("/api/payOut", body)))
    }

    /// A signed `/api/payOutQuery` request; needs `mchOrderNo` or `orderNo`.
    pub fn payout_query(&self, data_json: &str, nonce: &str) -> Result<Request> {
        let body = with_nonce(data_json, nonce)?;
        let data = json::parse(&body)?;
        let has = |k: &str| text(&data, k).is_some_and(|v| !v.trim().is_empty());
        if !has("mchOrderNo") && !has("orderNo") {
            return Err(Error::InvalidArgument(
                "payOutQuery needs mchOrderNo or orderNo (orderNo, the platform's, is preferred)"
                    .into(),
            ));
        }
        Ok(self.signed("/api/payOutQuery", body))
    }

    fn signed(&self, path: &str, body: String) -> Request {
        let sign = sign::sign(body.as_bytes(), &self.settings.api_key);
        Request {
            url: format!("{}{path}", self.base_url),
            body,
            sign,
        }
    }

    /// Verifies a callback's `Sign` over the raw body, then parses it.
    pub fn verify_callback(&self, body: &[u8], sign: &str) -> Result<Callback> {
        if body.len() > MAX_BODY_BYTES {
            return Err(Error::InputTooLarge {
                what: "the body",
                limit: MAX_BODY_BYTES,
            });
        }
        if sign.trim().is_empty() {
            return Err(Error::SignHeaderMissing);
        }
        if !sign::verify(body, &self.settings.api_key, sign) {
            return Err(Error::SignatureInvalid);
        }
        let v = crate::payermax::parse_verified(body)?;
        let merchant_id = text(&v, "merchantId");
        if let Some(m) = merchant_id
            .as_deref()
            .filter(|m| *m != self.settings.merchant_id)
        {
            return Err(Error::MerchantMismatch(format!(
                "merchantId {} is not this merchant's ({})",
                Quoted(m),
                Quoted(&self.settings.merchant_id)
            )));
        }
        let order_status = text(&v, "orderStatus");
        Ok(Callback {
            known_status: order_status
                .as_deref()
                .is_some_and(|s| ORDER_STATUSES.contains(&s)),
            order_status,
            result_desc: text(&v, "resultDesc"),
            merchant_id,
            mch_order_no: text(&v, "mchOrderNo"),
            order_no: text(&v, "orderNo"),
            body: v,
        })
    }

    /// Why `sign` is not the Sign of a callback's `body` with this API key.
    pub fn diagnose_callback(&self, body: &[u8], sign: &str) -> Result<Diagnosis> {
        crate::diagnose::md5_sign(body, &self.settings.api_key, sign)
    }

    /// Reads an API answer (`{"msg","code","data"}`; `code` 200 = accepted).
    /// Cashy does not sign its answers.
    pub fn read_response(&self, body: &[u8]) -> Result<Response> {
        let v = crate::payermax::parse_verified(body)?;
        let code = text(&v, "code");
        Ok(Response {
            ok: code.as_deref() == Some("200"),
            msg: text(&v, "msg"),
            order_status: v.get("data").and_then(|d| text(d, "orderStatus")),
            code,
            body: v,
        })
    }
}

/// The body with `nonceStr` appended if it is missing, other bytes unchanged.
fn with_nonce(data_json: &str, nonce: &str) -> Result<String> {
    if data_json.len() > MAX_BODY_BYTES {
        return Err(Error::InputTooLarge {
            what: "data",
            limit: MAX_BODY_BYTES,
        });
    }
    let data = json::parse_object(data_json, "data")?;
    if let Some(existing) = data.get("nonceStr") {
        let ok = existing
            .as_str()
            .is_some_and(|n| !n.is_empty() && n.chars().count() <= 32);
        if !ok {
            return Err(Error::InvalidArgument(
                "nonceStr must be a string of 1 to 32 characters".into(),
            ));
        }
        return Ok(data_json.to_owned());
    }
    let trimmed = data_json.trim_end();
    let body = trimmed.strip_suffix('}').unwrap_or(trimmed);
    let empty = matches!(&data, Value::Object(m) if m.is_empty());
    let mut out = String::with_capacity(data_json.len() + 48);
    out.push_str(body);
    if !empty {
        out.push(',');
    }
    out.push_str("\"nonceStr\":");
    json::write_string(&mut out, nonce);
    out.push('}');
    Ok(out)
}

/// 32 random letters and digits from the operating system's CSPRNG.
pub fn new_nonce() -> Result<String> {
    const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = String::with_capacity(32);
    let mut buf = [0u8; 64];
    while out.len() < 32 {
        getrandom::fill(&mut buf).map_err(|_| Error::RngUnavailable)?;
        // Rejection sampling: 248 = 4 x 62 keeps the choice uniform.
        for &b in buf.iter().filter(|&&b| b < 248) {
            if out.len() == 32 {
                break;
            }
            out.push(char::from(
                ALPHABET.get(usize::from(b % 62)).copied().unwrap_or(b'0'),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_is_appended_without_touching_other_bytes() {
        assert_eq!(
            with_nonce(r#"{"a":10.00 ,"b":[1e2]}"#, "N").unwrap(),
            r#"{"a":10.00 ,"b":[1e2],"nonceStr":"N"}"#
        );
        assert_eq!(with_nonce("{ }", "N").unwrap(), r#"{ "nonceStr":"N"}"#);
        assert_eq!(
            with_nonce(r#"{"nonceStr":"x"}"#, "N").unwrap(),
            r#"{"nonceStr":"x"}"#
        );
        assert!(with_nonce(r#"{"nonceStr":""}"#, "N").is_err());
        assert!(with_nonce("[1]", "N").is_err());
        let n = new_nonce().unwrap();
        assert_eq!(n.len(), 32);
        assert!(n.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(n, new_nonce().unwrap());
    }
}
