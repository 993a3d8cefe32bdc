//! Documented input limits. Every public entry point enforces them, so one
//! request cannot make a Worker exceed its memory or CPU budget.

/// Largest RSA modulus accepted, in bits, by every key parse (private and
/// public): what PayerMax takes (it issues 2048-bit keys). Parsing and
/// signing cost grows cubically, and the JS layer sizes its signature-length
/// guard from it (a 4096-bit signature is 684 base64 characters).
pub const MAX_KEY_BITS: usize = 4096;

/// Largest key text (PEM or base64) accepted, in bytes. A certificate with a
/// long chain of extensions still fits easily.
pub const MAX_KEY_TEXT_BYTES: usize = 64 * 1024;

/// Largest body signed, verified or parsed, in bytes (request, response,
/// notification, callback).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Deepest JSON nesting accepted when parsing.
pub const MAX_JSON_DEPTH: usize = 128;

/// Largest rule set accepted, as JSON text, in bytes.
pub const MAX_RULE_SET_BYTES: usize = 256 * 1024;
