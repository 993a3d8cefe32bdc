//! One error type for the whole crate, with a stable machine code per variant.
//!
//! Codes are part of the public contract (JS code switches on them); messages say
//! what to do and never contain key material.

use core::fmt;

/// Whether a private or a public key was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyRole {
    /// A private key (the merchant's signing key).
    Private,
    /// A public key (the gateway's verification key).
    Public,
}

/// One field that failed a check: `{field, code, errorMsg}`, the shape of
/// `validationFailedFields` in PayerMax's `paymentFieldValidation`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldFailure {
    /// Dotted path relative to `data` (`items[0].id` inside arrays).
    pub field: String,
    /// Stable code (`REQUIRED`, `TOO_LONG`, `NOT_ALLOWED`, ...).
    pub code: &'static str,
    /// English message.
    #[serde(rename = "errorMsg")]
    pub message: String,
}

/// Everything that can go wrong in payseal.
///
/// Each variant says who is at fault: the *caller* (wrong argument or
/// configuration), the *peer* (what arrived over the network), or the
/// *environment* (the runtime could not provide something).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Caller: the text or bytes are not an RSA key in any supported format.
    KeyFormat(&'static str),
    /// Caller: a public key was given where a private one is needed, or the reverse.
    KeyRole {
        /// What the call needed.
        expected: KeyRole,
    },
    /// Caller: a key of another algorithm (EC, Ed25519, DSA, RSA-PSS...).
    KeyType(&'static str),
    /// Caller: an encrypted (password-protected) private key.
    KeyEncrypted,
    /// Caller: a key shorter than 2048 bits.
    KeyTooSmall {
        /// Modulus size of the key that was given.
        bits: usize,
    },
    /// Caller: a key longer than [`crate::limits::MAX_KEY_BITS`].
    KeyTooLarge {
        /// Modulus size of the key that was given.
        bits: usize,
    },
    /// Caller: a field kind `validate_field` does not know.
    FieldKindUnknown {
        /// The kind that was given.
        kind: String,
        /// The kinds there are.
        known: &'static [&'static str],
    },
    /// Caller: a rule set that is not valid (the message says where).
    RuleSetInvalid(String),
    /// Caller: a built-in rule set id that does not exist.
    RuleSetUnknown(String),
    /// Caller: a payout whose fields do not pass its rule set (the summary
    /// names the fields); it was not signed.
    PayeeInvalid(String),
    /// Caller: request `data` that does not match what the endpoint takes;
    /// nothing was signed.
    DataInvalid {
        /// The endpoint, or for the answer to a callback `answer to <kind>`.
        endpoint: String,
        /// Every field that failed.
        fields: Vec<FieldFailure>,
    },
    /// Caller: a value that is not the kind of value the call takes.
    InvalidArgument(String),
    /// Caller: an incomplete or contradictory configuration.
    ConfigInvalid(String),
    /// Caller: an endpoint name that is not in the catalogue and no `version` given.
    EndpointUnknown {
        /// The name that was given.
        name: String,
        /// The closest known names.
        suggestions: Vec<&'static str>,
    },
    /// Caller or peer: text that is not JSON (or not the JSON shape required).
    JsonInvalid(String),
    /// Caller: a `requestTime` that is not in the gateway's format.
    RequestTimeInvalid(String),
    /// Caller or peer: an input larger than the documented limit.
    InputTooLarge {
        /// What was too large.
        what: &'static str,
        /// The limit in bytes.
        limit: usize,
    },
    /// Peer: the signature does not match the body.
    SignatureInvalid,
    /// Peer or caller: the `sign` header is missing or empty.
    SignHeaderMissing,
    /// Caller: a parsed object was passed where the raw body is needed.
    BodyNotRaw,
    /// Peer: a notification or response for another merchant.
    MerchantMismatch(String),
    /// Peer: a correctly signed body that is not the callback it was
    /// verified as (an API response replayed to the webhook endpoint, a
    /// notification of another kind), with why.
    NotANotification(&'static str),
    /// Peer: a body that is not an answer of the gateway: a notification,
    /// or (unsigned) no gateway JSON at all, such as a proxy's error page.
    NotAResponse(&'static str),
    /// Peer: a `keyVersion` for which no platform key is configured.
    KeyVersionUnknown(String),
    /// Peer: a notification outside the tolerance window.
    NotificationExpired(String),
    /// Environment: no secure random numbers available.
    RngUnavailable,
}

impl Error {
    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::KeyFormat(_) => "KEY_FORMAT",
            Error::KeyRole {
                expected: KeyRole::Private,
            } => "KEY_NOT_PRIVATE",
            Error::KeyRole {
                expected: KeyRole::Public,
            } => "KEY_NOT_PUBLIC",
            Error::KeyType(_) => "KEY_TYPE",
            Error::KeyEncrypted => "KEY_ENCRYPTED",
            Error::KeyTooSmall { .. } => "KEY_TOO_SMALL",
            Error::KeyTooLarge { .. } => "KEY_TOO_LARGE",
            Error::FieldKindUnknown { .. } => "FIELD_KIND_UNKNOWN",
            Error::RuleSetInvalid(_) => "RULESET_INVALID",
            Error::RuleSetUnknown(_) => "RULESET_UNKNOWN",
            Error::PayeeInvalid(_) => "PAYEE_INVALID",
            Error::DataInvalid { .. } => "DATA_INVALID",
            Error::InvalidArgument(_) => "INVALID_ARGUMENT",
            Error::ConfigInvalid(_) => "CONFIG_INVALID",
            Error::EndpointUnknown { .. } => "ENDPOINT_UNKNOWN",
            Error::JsonInvalid(_) => "JSON_INVALID",
            Error::RequestTimeInvalid(_) => "REQUEST_TIME_INVALID",
            Error::InputTooLarge { .. } => "INPUT_TOO_LARGE",
            Error::SignatureInvalid => "SIGNATURE_INVALID",
            Error::SignHeaderMissing => "SIGN_HEADER_MISSING",
            Error::BodyNotRaw => "BODY_NOT_RAW",
            Error::MerchantMismatch(_) => "MERCHANT_MISMATCH",
            Error::NotANotification(_) => "NOT_A_NOTIFICATION",
            Error::NotAResponse(_) => "NOT_A_RESPONSE",
            Error::KeyVersionUnknown(_) => "KEY_VERSION_UNKNOWN",
            Error::NotificationExpired(_) => "NOTIFICATION_EXPIRED",
            Error::RngUnavailable => "RNG_UNAVAILABLE",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::KeyFormat(why) => write!(
                f,
                "not an RSA key: {why}. Pass the key as PEM or as one line of base64 DER \
                 (PKCS#8 / PKCS#1 private key; SPKI, PKCS#1 or X.509 certificate for a public key)"
            ),
            Error::KeyRole {
                expected: KeyRole::Private,
            } => f.write_str(
                "this is a public key, but a private key is needed to sign. Use your merchant \
                 private key here; the platform public key belongs in platformPublicKey",
            ),
            Error::KeyRole {
                expected: KeyRole::Public,
            } => f.write_str(
                "this is a private key, but a public key is expected. Use the platform public \
                 key from the gateway's dashboard (or PrivateKey.publicKey() for your own)",
            ),
            Error::KeyType(alg) => write!(
                f,
                "this is a {alg} key; SHA256WithRSA needs an RSA key (rsaEncryption). \
                 Generate an RSA 2048 key pair"
            ),
            Error::KeyEncrypted => f.write_str(
                "the private key is encrypted; decrypt it first, e.g. \
                 `openssl pkcs8 -in enc.pem -nocrypt -topk8 -out key.pem`",
            ),
            Error::KeyTooSmall { bits } => write!(
                f,
                "the key has {bits} bits; at least 2048 are required. Generate an RSA 2048 key pair"
            ),
            Error::KeyTooLarge { bits } => write!(
                f,
                "the key has {bits} bits; at most {} are supported (PayerMax issues \
                 2048-bit keys): generate an RSA 2048 key pair",
                crate::limits::MAX_KEY_BITS
            ),
            Error::FieldKindUnknown { kind, known } => write!(
                f,
                "unknown field kind {}; the kinds are {}",
                Quoted(kind),
                known.join(", ")
            ),
            Error::RuleSetInvalid(why) => write!(f, "invalid rule set {why}"),
            Error::RuleSetUnknown(id) => write!(
                f,
                "unknown rule set {}; ruleSets() lists the built-in ones",
                Quoted(id)
            ),
            Error::PayeeInvalid(fields) => write!(
                f,
                "the payout was not signed because these fields are invalid: {fields}. \
                 Fix them (error.validation has the details), or pass {{ validate: false }}"
            ),
            Error::DataInvalid { endpoint, fields } => {
                match endpoint.strip_prefix("answer to ") {
                    Some(kind) => {
                        write!(f, "no answer to the {} callback was built: ", Quoted(kind))?
                    }
                    None => write!(f, "the {} request was not signed: ", Quoted(endpoint))?,
                }
                for (i, failure) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{} {}", failure.field, failure.code)?;
                }
                f.write_str(if endpoint.starts_with("answer to ") {
                    ". error.fields has each field's message; fix the data"
                } else {
                    ". error.fields has each field's message; fix the data, or pass \
                     { check: false } if the gateway takes what payseal does not know yet"
                })
            }
            Error::InvalidArgument(why) => f.write_str(why),
            Error::ConfigInvalid(why) => write!(f, "invalid configuration: {why}"),
            Error::EndpointUnknown { name, suggestions } => {
                write!(f, "unknown endpoint {}", Quoted(name))?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", suggestions.join(", "))?;
                }
                f.write_str(" Pass { version } to call an endpoint that is not in the catalogue")
            }
            Error::JsonInvalid(why) => write!(f, "invalid JSON: {why}"),
            Error::RequestTimeInvalid(why) => write!(
                f,
                "invalid requestTime: {why}. Expected e.g. 2022-01-17T08:04:13.879+00:00 \
                 (3 fractional digits, numeric offset), a Date, or epoch milliseconds"
            ),
            Error::InputTooLarge { what, limit } => {
                write!(f, "{what} is larger than the limit of {limit} bytes")
            }
            Error::SignatureInvalid => f.write_str(
                "signature does not match the body: do not trust this message. If it is \
                 genuine, check that the exact raw body bytes and the right platform public \
                 key are used",
            ),
            Error::SignHeaderMissing => f.write_str(
                "the `sign` header is missing or empty: read it from the request headers \
                 (headers.get(\"sign\")) and pass it as the second argument",
            ),
            Error::BodyNotRaw => f.write_str(
                "the body must be the raw request body (string or bytes), not a parsed \
                 object: re-serialising changes the bytes that were signed. Workers/fetch: \
                 `await request.text()`; node:http: collect the chunks and \
                 `Buffer.concat(chunks)`; Express: `express.raw({ type: \"application/json\" })`",
            ),
            Error::MerchantMismatch(why) => write!(f, "not for this merchant: {why}"),
            Error::NotANotification(why) => write!(
                f,
                "the body is signed by the gateway but is not this kind of callback: {why}. \
                 Do not handle it as an event"
            ),
            Error::NotAResponse(why) => write!(f, "not an answer of the gateway: {why}"),
            Error::KeyVersionUnknown(v) => write!(
                f,
                "no platform public key is configured for keyVersion {}: add it to \
                 platformPublicKeys",
                Quoted(v)
            ),
            Error::NotificationExpired(why) => write!(
                f,
                "notification outside the tolerance window: {why}. Check the server clock, \
                 or widen toleranceSeconds"
            ),
            Error::RngUnavailable => f.write_str(
                "no secure random number source is available (in a Cloudflare Worker, call \
                 this inside a request handler, not at module top level)",
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Caller- or peer-supplied text inside a message: quoted, at most 64
/// characters, control characters shown as `?`. (Cheaper than `{:?}`, which
/// pulls Unicode tables into the wasm.)
pub(crate) struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for (i, c) in self.0.chars().enumerate() {
            if i == 64 {
                return f.write_str("...\"");
            }
            match c {
                '"' | '\\' => write!(f, "\\{c}")?,
                c if c.is_control() => f.write_str("?")?,
                c => write!(f, "{c}")?,
            }
        }
        f.write_str("\"")
    }
}

/// Shorthand for results in this crate.
pub type Result<T> = core::result::Result<T, Error>;
