//! The request envelope `{version, keyVersion, requestTime, appId,
//! merchantNo, [spMerchantNo,] data}`, written exactly as `JSON.stringify`
//! writes it. `data` is embedded as the caller's JSON text, unchanged.

use crate::json::write_string;

/// The parts of one request body, in the order they are written.
#[derive(Clone, Copy, Debug)]
pub struct Envelope<'a> {
    /// API version of the endpoint.
    pub version: &'a str,
    /// Merchant key version (`"1"` unless rotated).
    pub key_version: &'a str,
    /// Request time in the gateway format.
    pub request_time: &'a str,
    /// The app id.
    pub app_id: &'a str,
    /// Whether the app id is written as `merchantAppId` (old endpoints).
    pub merchant_app_id: bool,
    /// The merchant number.
    pub merchant_no: &'a str,
    /// The service provider's merchant number (ISV mode).
    pub sp_merchant_no: Option<&'a str>,
    /// The `data` object as JSON text, already checked.
    pub data_json: &'a str,
}

impl Envelope<'_> {
    /// The body string: what is signed and what is sent.
    pub fn to_body(&self) -> String {
        let mut out = String::with_capacity(160 + self.data_json.len());
        let field = |out: &mut String, name: &str, value: &str| {
            out.push('"');
            out.push_str(name);
            out.push_str("\":");
            write_string(out, value);
            out.push(',');
        };
        out.push('{');
        field(&mut out, "version", self.version);
        field(&mut out, "keyVersion", self.key_version);
        field(&mut out, "requestTime", self.request_time);
        let app = if self.merchant_app_id {
            "merchantAppId"
        } else {
            "appId"
        };
        field(&mut out, app, self.app_id);
        field(&mut out, "merchantNo", self.merchant_no);
        if let Some(sp) = self.sp_merchant_no {
            field(&mut out, "spMerchantNo", sp);
        }
        out.push_str("\"data\":");
        out.push_str(self.data_json);
        out.push('}');
        out
    }
}
