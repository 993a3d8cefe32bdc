//! PayerMax API responses: verified when signed, classified the way the spec
//! says (protocol first, then `code`, then the transaction status).

use crate::error::{Error, Result};
use crate::json::Value;

use super::inbound::{check_body_size, parse_verified, text_field};
use super::PayerMax;

/// The `code` of an accepted request.
pub const APPLY_SUCCESS: &str = "APPLY_SUCCESS";

/// A gateway response.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// Whether the signature was checked. False only for an unsigned error
    /// response, which the gateway may send (and whose content is then
    /// informational only).
    pub verified: bool,
    /// `code == "APPLY_SUCCESS"`: the gateway accepted the request.
    pub ok: bool,
    /// `code`.
    pub code: Option<String>,
    /// `msg`.
    pub msg: Option<String>,
    /// `data.status`, the transaction status, when there is one.
    pub status: Option<String>,
    /// The whole body.
    pub body: Value<'static>,
}

impl PayerMax {
    /// Verifies and classifies a response. A response without `sign` is
    /// accepted only as an error (`code` other than `APPLY_SUCCESS`); a
    /// success must be signed.
    pub fn verify_response(&self, body: &[u8], sign: Option<&str>) -> Result<Response> {
        check_body_size(body)?;
        match sign.map(str::trim).filter(|s| !s.is_empty()) {
            Some(sign) => classify(self.verify_signed_body(body, sign)?, true),
            None => match parse_verified(body) {
                // The gateway may leave its error answers unsigned.
                Ok(v) if text_field(&v, "code").is_some_and(|c| c != APPLY_SUCCESS) => {
                    classify(v, false)
                }
                Ok(v) if text_field(&v, "code").is_some() => Err(Error::SignHeaderMissing),
                _ => Err(Error::NotAResponse(
                    "the body is unsigned and is no gateway JSON (a proxy's or load \
                     balancer's error page, say): retry, or query the order",
                )),
            },
        }
    }

    /// Classifies a response whose signature was checked elsewhere (WebCrypto).
    pub fn accept_verified_response(&self, body: &[u8]) -> Result<Response> {
        classify(parse_verified(body)?, true)
    }
}

/// A response, classified; a body with a `notifyType` is a notification,
/// not an answer, and is refused.
fn classify(body: Value<'static>, verified: bool) -> Result<Response> {
    if text_field(&body, "notifyType").is_some() {
        return Err(Error::NotAResponse(
            "the body is a notification (it has a notifyType), not an answer to a request: \
             verify it with verifyNotification on the webhook endpoint",
        ));
    }
    let code = text_field(&body, "code");
    Ok(Response {
        verified,
        ok: code.as_deref() == Some(APPLY_SUCCESS),
        msg: text_field(&body, "msg"),
        status: body.get("data").and_then(|d| text_field(d, "status")),
        code,
        body,
    })
}
