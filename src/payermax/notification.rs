//! PayerMax notifications (webhooks): verified, then parsed, then checked
//! against this merchant and the clock.

use crate::error::{Error, FieldFailure, Quoted, Result};
use crate::json::Value;

use super::inbound::{digest_hex, parse_verified, text_field};
use super::{data, time, PayerMax};

/// What a callback URL receives. Each kind is bound to its context by the
/// fields it carries: a message verified as one kind is refused as
/// another, whatever its signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The envelope notifications, by `notifyType` (payment, refund,
    /// payout, ..., bill payment `REPAYMENT_RECEIPT`).
    Notification,
    /// `rfiNotifyUrl`: a request for information, the envelope without
    /// `notifyType` (bound by `appId` and `merchantNo`).
    Rfi,
    /// `billPaymentValidationUrl`: `{referenceNo, amount, currency}` and
    /// nothing else; it names no merchant, so only its signature binds it.
    BillPaymentValidation,
}

impl Kind {
    /// The kind by its JS name.
    pub fn from_name(name: &str) -> Result<Kind> {
        match name {
            "notification" => Ok(Kind::Notification),
            "rfi" => Ok(Kind::Rfi),
            "billPaymentValidation" => Ok(Kind::BillPaymentValidation),
            _ => Err(Error::InvalidArgument(format!(
                "unknown callback kind {}: one of notification, rfi, billPaymentValidation",
                Quoted(name)
            ))),
        }
    }
}

/// Fields that mark a body as an envelope (notification, RFI or response):
/// never in a bill payment validation.
const ENVELOPE_FIELDS: &[&str] = &[
    "notifyType",
    "code",
    "msg",
    "data",
    "appId",
    "merchantAppId",
    "merchantNo",
    "version",
    "keyVersion",
    "notifyTime",
];

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
    /// What `data` lacks (or holds with another JSON type) against what the
    /// description calls required: to log, never a reason to refuse.
    pub data_issues: Vec<FieldFailure>,
    /// The whole body.
    pub body: Value<'static>,
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
        self.verify_callback(Kind::Notification, body, sign, window)
    }

    /// Verifies the `sign` header over the raw body, then parses the
    /// callback and binds it to its kind and to this merchant.
    pub fn verify_callback(
        &self,
        kind: Kind,
        body: &[u8],
        sign: &str,
        window: Window,
    ) -> Result<Notification> {
        Self::check_kind_window(kind, window)?;
        let value = self.verify_signed_body(body, sign)?;
        self.read_callback(kind, value, window)
    }

    /// Parses and checks a notification whose signature was checked elsewhere
    /// (WebCrypto).
    pub fn accept_verified_notification(
        &self,
        body: &[u8],
        window: Window,
    ) -> Result<Notification> {
        self.accept_verified_callback(Kind::Notification, body, window)
    }

    /// [`Self::verify_callback`] for a body whose signature was checked
    /// elsewhere (node:crypto, WebCrypto).
    pub fn accept_verified_callback(
        &self,
        kind: Kind,
        body: &[u8],
        window: Window,
    ) -> Result<Notification> {
        Self::check_kind_window(kind, window)?;
        self.read_callback(kind, parse_verified(body)?, window)
    }

    /// A replay window needs a time: the bill payment validation has none.
    pub fn check_kind_window(kind: Kind, window: Window) -> Result<()> {
        if kind == Kind::BillPaymentValidation && window.tolerance_seconds.is_some() {
            return Err(Error::InvalidArgument(
                "a bill payment validation carries no time: toleranceSeconds does not apply \
                 (answer it idempotently by referenceNo instead)"
                    .into(),
            ));
        }
        Ok(())
    }

    fn read_callback(
        &self,
        kind: Kind,
        body: Value<'static>,
        window: Window,
    ) -> Result<Notification> {
        // Bound to its kind first: each kind is told apart by the fields it
        // must (and must not) carry.
        let notify_type = text_field(&body, "notifyType");
        match kind {
            Kind::Notification if notify_type.is_none() => {
                return Err(Error::NotANotification(
                    "it has no notifyType (an API response, say, or an RFI notification: \
                     verify that with verifyRfiNotification)",
                ))
            }
            Kind::Rfi if notify_type.is_some() => {
                return Err(Error::NotANotification(
                    "an RFI notification has no notifyType; this is a notification \
                     (verify it with verifyNotification)",
                ))
            }
            Kind::Rfi if body.get("code").is_some() => {
                return Err(Error::NotANotification(
                    "an RFI notification has no code; this is an API response or a notification",
                ))
            }
            Kind::BillPaymentValidation => return self.read_bill_validation(body),
            _ => {}
        }
        // Then to this merchant: a notification names its app; merchantNo
        // is checked wherever it is sent (the description does not promise
        // it in every notification).
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
        let code = text_field(&body, "code");
        let data = body.get("data");
        let (tag, schema) = match &notify_type {
            Some(t) => (t.as_str(), format!("payermax.notification.{t}")),
            None => ("RFI", "payermax.callback.rfi".to_owned()),
        };
        let event_key = event_key(tag, code.as_deref(), data);
        Ok(Notification {
            data_issues: data::issues(&schema, data),
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

impl PayerMax {
    /// A bill payment validation: `{referenceNo, amount, currency}`, none of
    /// the envelope's fields (those mark a notification, an RFI or a
    /// response). It names no merchant: the signature alone binds it.
    fn read_bill_validation(&self, body: Value<'static>) -> Result<Notification> {
        let Value::Object(members) = &body else {
            return Err(Error::NotANotification(
                "a bill payment validation is a JSON object",
            ));
        };
        if members.iter().any(|(k, _)| ENVELOPE_FIELDS.contains(&&**k)) {
            return Err(Error::NotANotification(
                "a bill payment validation carries referenceNo, amount and currency, not the \
                 envelope of a notification or response (appId, code, data...)",
            ));
        }
        if text_field(&body, "referenceNo").is_none() {
            return Err(Error::NotANotification(
                "a bill payment validation names its bill: referenceNo is missing",
            ));
        }
        Ok(Notification {
            notify_type: None,
            known_type: false,
            code: None,
            msg: None,
            app_id: None,
            merchant_no: None,
            notify_time: None,
            key_version: None,
            event_key: event_key("BILL_PAYMENT_VALIDATION", None, Some(&body)),
            data_issues: data::issues("payermax.callback.billPaymentValidation", Some(&body)),
            body,
        })
    }
}

/// Equal for redeliveries of one event, different for different events:
/// the kind, the most specific id `data` holds, a digest of code and data.
fn event_key(tag: &str, code: Option<&str>, data: Option<&Value>) -> String {
    let data_text = data.map(Value::to_json).unwrap_or_default();
    let id = data
        .and_then(|d| ID_FIELDS.iter().find_map(|f| text_field(d, f)))
        .unwrap_or_else(|| "-".into());
    let digest = digest_hex(&[code.unwrap_or(""), &data_text]);
    format!("{tag}:{id}:{}", digest.get(..16).unwrap_or(&digest))
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
