//! PayerMax notifications (webhooks): verified, then parsed, then checked
//! against this merchant and the clock.

use crate::error::{Error, Quoted, Result};
use crate::json::Value;

use super::inbound::{digest_hex, parse_verified, text_field};
use super::{time, PayerMax};

/// Every `notifyType` the gateway documents.
pub const KNOWN_TYPES: &[&str] = &[
    "PAYMENT",
    "REFUND",
    "PAYOUT",
    "PAYBYLINK",
    "TOKENIZATION",
    "CAPTURE",
    "CANCEL",
    "SUBSCRIPTION",
    "SUBSCRIPTION_PAYMENT",
    "REPAYMENT_RECEIPT",
    "DEPOSIT",
    "EXCHANGE",
    "WITHDRAW",
    "TRANSFER",
    "RECEIVE",
    "FRAUD",
    "CHARGEBACK",
    "DISPUTE",
    "CUSTOMER COMPLAINT",
];

/// Identifier fields of `data`, most specific first, for [`Notification::event_key`].
const ID_FIELDS: &[&str] = &[
    "refundTradeNo",
    "outRefundNo",
    "captureNo",
    "cancelNo",
    "tradeNo",
    "tradeToken",
    "paymentTokenID",
    "subscriptionRequestId",
    "linkId",
    "caseId",
    "rfiNo",
    "requestNo",
    "relatedTradeNo",
    "outTradeNo",
    "referenceNo",
];

/// Replay-window options.
#[derive(Clone, Copy, Debug, Default)]
pub struct Window {
    /// The current time in epoch milliseconds.
    pub now_ms: i64,
    /// Largest accepted distance between `notifyTime` and now, either way;
    /// `None` turns the check off.
    pub tolerance_seconds: Option<u64>,
}

/// A verified notification.
#[derive(Clone, Debug, PartialEq)]
pub struct Notification {
    /// `notifyType`, e.g. `PAYMENT`.
    pub notify_type: Option<String>,
    /// Whether `notify_type` is one the gateway documents.
    pub known_type: bool,
    /// `code`: `APPLY_SUCCESS` for a successful event.
    pub code: Option<String>,
    /// `msg`.
    pub msg: Option<String>,
    /// `appId` (or `merchantAppId`).
    pub app_id: Option<String>,
    /// `merchantNo`.
    pub merchant_no: Option<String>,
    /// `notifyTime` as sent.
    pub notify_time: Option<String>,
    /// `keyVersion`.
    pub key_version: Option<String>,
    /// Equal for redeliveries of one event; different events never share it.
    pub event_key: String,
    /// The whole body.
    pub body: Value,
}

impl PayerMax {
    /// Verifies the `sign` header over the raw body, then parses and checks
    /// the notification.
    pub fn verify_notification(
        &self,
        body: &[u8],
        sign: &str,
        window: Window,
    ) -> Result<Notification> {
        let value = self.verify_signed_body(body, sign)?;
        self.read_notification(value, window)
    }

    /// Parses and checks a notification whose signature was checked elsewhere
    /// (WebCrypto).
    pub fn accept_verified_notification(
        &self,
        body: &[u8],
        window: Window,
    ) -> Result<Notification> {
        self.read_notification(parse_verified(body)?, window)
    }

    fn read_notification(&self, body: Value, window: Window) -> Result<Notification> {
        // Bound to its kind and to this merchant: a notification names its
        // type and its app; merchantNo is checked wherever it is sent (the
        // description does not promise it in every notification).
        if text_field(&body, "notifyType").is_none() {
            return Err(Error::NotANotification);
        }
        let app_id = text_field(&body, "appId").or_else(|| text_field(&body, "merchantAppId"));
        let merchant_no = text_field(&body, "merchantNo");
        let s = &self.settings;
        match app_id.as_deref() {
            None => {
                return Err(Error::MerchantMismatch(
                    "the notification names no appId (or merchantAppId)".into(),
                ))
            }
            Some(app) if app != s.app_id => {
                return Err(Error::MerchantMismatch(format!(
                    "appId {} is not this merchant's ({})",
                    Quoted(app),
                    Quoted(&s.app_id)
                )))
            }
            Some(_) => {}
        }
        if let Some(m) = merchant_no.as_deref().filter(|m| *m != s.merchant_no) {
            return Err(Error::MerchantMismatch(format!(
                "merchantNo {} is not this merchant's ({})",
                Quoted(m),
                Quoted(&s.merchant_no)
            )));
        }
        let notify_time = text_field(&body, "notifyTime");
        if let Some(tolerance) = window.tolerance_seconds {
            check_window(notify_time.as_deref(), window.now_ms, tolerance)?;
        }
        let notify_type = text_field(&body, "notifyType");
        let code = text_field(&body, "code");
        let data = body.get("data");
        let data_text = data.map(Value::to_json).unwrap_or_default();
        let id = data
            .and_then(|d| ID_FIELDS.iter().find_map(|f| text_field(d, f)))
            .unwrap_or_else(|| "-".into());
        let digest = digest_hex(&[code.as_deref().unwrap_or(""), &data_text]);
        let event_key = format!(
            "{}:{}:{}",
            notify_type.as_deref().unwrap_or("-"),
            id,
            digest.get(..16).unwrap_or(&digest)
        );
        Ok(Notification {
            known_type: notify_type
                .as_deref()
                .is_some_and(|t| KNOWN_TYPES.contains(&t)),
            notify_type,
            code,
            msg: text_field(&body, "msg"),
            app_id,
            merchant_no,
            notify_time,
            key_version: text_field(&body, "keyVersion"),
            event_key,
            body,
        })
    }
}

fn check_window(notify_time: Option<&str>, now_ms: i64, tolerance_seconds: u64) -> Result<()> {
    let Some(sent) = notify_time.and_then(time::parse_timestamp) else {
        return Err(Error::NotificationExpired(
            "notifyTime is missing or not a timestamp, so its age cannot be checked".into(),
        ));
    };
    let limit = i64::try_from(tolerance_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
    let age = now_ms.saturating_sub(sent);
    if age > limit {
        return Err(Error::NotificationExpired(format!(
            "notifyTime is {}s old, more than the {tolerance_seconds}s allowed",
            age / 1000
        )));
    }
    if -age > limit {
        return Err(Error::NotificationExpired(format!(
            "notifyTime is {}s in the future, more than the {tolerance_seconds}s allowed",
            -age / 1000
        )));
    }
    Ok(())
}
