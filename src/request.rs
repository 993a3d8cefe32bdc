//! A signed request, as both gateways take it.

/// A request ready to send: `POST url` with `body`, and `sign` for the
/// gateway's signature header: base64 SHA256WithRSA in PayerMax's `sign`,
/// hex `MD5(body + apiKey)` in Cashy's `Sign`. `sign` covers exactly `body`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Full endpoint URL.
    pub url: String,
    /// The exact body to send.
    pub body: String,
    /// The signature of `body`, for the gateway's header.
    pub sign: String,
}
