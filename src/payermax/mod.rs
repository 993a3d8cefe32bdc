//! PayerMax: request envelopes signed with SHA256WithRSA, and verification
//! of what the gateway sends back.

pub mod answer;
pub mod data;
pub mod endpoint;
pub mod envelope;
mod inbound;
pub use inbound::addressee;
pub mod notification;
pub mod response;
pub mod time;

use crate::error::{Error, Quoted, Result};
use crate::keys::{PrivateKey, PublicKey};
use crate::limits::MAX_BODY_BYTES;
use crate::{json, rsa_sha256};

pub use endpoint::{Endpoint, Route, CATALOGUE};
pub use envelope::Envelope;
pub use inbound::parse_verified;
pub use notification::{Kind, Notification, Window};
pub use response::Response;

/// Sandbox (UAT) origin.
pub const SANDBOX_BASE_URL: &str = "https://pay-gate-uat.payermax.com";
/// Production origin.
pub const PRODUCTION_BASE_URL: &str = "https://pay-gate.payermax.com";
/// Path prefix of every gateway endpoint.
pub const GATEWAY_PATH: &str = "/aggregate-pay/api/gateway/";

/// Which PayerMax environment to talk to (`"sandbox"` or `"production"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// `pay-gate-uat.payermax.com`
    Sandbox,
    /// `pay-gate.payermax.com`
    Production,
}

/// Merchant settings for [`PayerMax::new`].
#[derive(Clone, Debug)]
pub struct Settings {
    /// The app id from the merchant dashboard.
    pub app_id: String,
    /// The merchant number.
    pub merchant_no: String,
    /// The merchant's private key; needed to sign requests.
    pub private_key: Option<PrivateKey>,
    /// Platform public keys by `keyVersion`; needed to verify what the gateway sends.
    pub platform_public_keys: Vec<(String, PublicKey)>,
    /// Sandbox or production.
    pub environment: Environment,
    /// A custom origin (e.g. a local stand-in) instead of the environment's.
    pub base_url: Option<String>,
    /// The merchant key version, `"1"` unless keys were rotated.
    pub key_version: String,
    /// The service provider's merchant number, for ISV mode.
    pub sp_merchant_no: Option<String>,
    /// The merchant auth token an ISV calls with (sent in the
    /// `merchant_auth_token` HTTP header, as the official server SDK does).
    pub merchant_auth_token: Option<String>,
}

/// When a request is made: now (from the caller's clock), or a given
/// `requestTime` string.
#[derive(Clone, Copy, Debug)]
pub enum RequestTime<'a> {
    /// Epoch milliseconds, formatted in UTC.
    UnixMillis(i64),
    /// A string already in the gateway format (checked).
    Given(&'a str),
}

pub use crate::request::Request;

/// A request body and URL, not yet signed (for signing elsewhere, e.g. WebCrypto).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    /// Full endpoint URL.
    pub url: String,
    /// The exact body to send and sign.
    pub body: String,
}

/// A PayerMax merchant: builds and signs requests, verifies responses and
/// notifications.
#[derive(Clone, Debug)]
pub struct PayerMax {
    settings: Settings,
    base_url: String,
}

impl PayerMax {
    /// Checks the settings and makes a client.
    pub fn new(settings: Settings) -> Result<Self> {
        require_text("appId", &settings.app_id)?;
        require_text("merchantNo", &settings.merchant_no)?;
        require_text("keyVersion", &settings.key_version)?;
        if let Some(sp) = &settings.sp_merchant_no {
            require_text("spMerchantNo", sp)?;
        }
        if let Some(token) = &settings.merchant_auth_token {
            require_text("merchantAuthToken", token)?;
        }
        let base_url = match &settings.base_url {
            Some(url) => normalise_base_url(url)?,
            None => match settings.environment {
                Environment::Sandbox => SANDBOX_BASE_URL.to_owned(),
                Environment::Production => PRODUCTION_BASE_URL.to_owned(),
            },
        };
        Ok(PayerMax { settings, base_url })
    }

    /// The settings this client was made with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The origin requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Builds the body and URL of a request without signing it.
    ///
    /// `data_json` is the `data` object as JSON text; it is checked and
    /// embedded unchanged.
    pub fn prepare(
        &self,
        endpoint: &str,
        data_json: &str,
        time: RequestTime<'_>,
        version: Option<&str>,
        check: bool,
    ) -> Result<Prepared> {
        let route = endpoint::resolve(endpoint, version)?;
        if data_json.len() > MAX_BODY_BYTES {
            return Err(Error::InputTooLarge {
                what: "data",
                limit: MAX_BODY_BYTES,
            });
        }
        let data = json::parse_object(data_json, "data")?;
        let request_time = match time {
            RequestTime::UnixMillis(ms) => time::format_request_time(ms)?,
            RequestTime::Given(text) => {
                time::check_request_time(text)?;
                text.to_owned()
            }
        };
        if check {
            let failed = data::failures(&route.name, &data)?;
            if !failed.is_empty() {
                return Err(data::refuse(&route.name, failed));
            }
        }
        let s = &self.settings;
        let body = Envelope {
            version: &route.version,
            key_version: &s.key_version,
            request_time: &request_time,
            app_id: &s.app_id,
            merchant_app_id: route.merchant_app_id,
            merchant_no: &s.merchant_no,
            sp_merchant_no: s.sp_merchant_no.as_deref(),
            data_json,
        }
        .to_body();
        let url = format!("{}{GATEWAY_PATH}{}", self.base_url, route.name);
        Ok(Prepared { url, body })
    }

    /// Builds and signs a request.
    pub fn request(
        &self,
        endpoint: &str,
        data_json: &str,
        time: RequestTime<'_>,
        version: Option<&str>,
        check: bool,
    ) -> Result<Request> {
        let key = self.private_key()?;
        let Prepared { url, body } = self.prepare(endpoint, data_json, time, version, check)?;
        let sign = rsa_sha256::sign_base64(key, body.as_bytes())?;
        Ok(Request { url, body, sign })
    }

    /// The merchant private key, or a configuration error saying it is needed.
    pub fn private_key(&self) -> Result<&PrivateKey> {
        self.settings
            .private_key
            .as_ref()
            .ok_or_else(|| Error::ConfigInvalid("privateKey is needed to sign requests".into()))
    }
}

fn require_text(name: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::ConfigInvalid(format!(
            "{name} must be a non-empty string"
        )));
    }
    if value.len() > 256 || value.chars().any(char::is_control) {
        return Err(Error::ConfigInvalid(format!(
            "{name} must be at most 256 characters with no control characters"
        )));
    }
    Ok(())
}

/// `https://host[:port]` (or `http://` for local stand-ins), with no trailing
/// slash; a URL that already ends in the gateway path is cut back to its origin.
fn normalise_base_url(url: &str) -> Result<String> {
    let trimmed = url.trim().trim_end_matches('/');
    let trimmed = trimmed
        .strip_suffix(GATEWAY_PATH.trim_end_matches('/'))
        .unwrap_or(trimmed);
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['?', '#', ' ', '\\']) => {
            Ok(trimmed.to_owned())
        }
        _ => Err(Error::ConfigInvalid(format!(
            "baseUrl {} must be an http(s) URL such as {SANDBOX_BASE_URL}",
            Quoted(url)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalised() {
        assert_eq!(
            normalise_base_url("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            normalise_base_url("https://pay-gate.payermax.com/aggregate-pay/api/gateway/").unwrap(),
            "https://pay-gate.payermax.com"
        );
        assert!(normalise_base_url("ftp://x").is_err());
        assert!(normalise_base_url("https://").is_err());
    }
}
