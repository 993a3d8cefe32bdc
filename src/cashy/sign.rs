//! Cashy's `Sign`: MD5 over the raw body followed by the API key, as 32 hex
//! digits (upper case, as the documentation shows; compared regardless of case).

use md5::{Digest, Md5};

/// `MD5(body + apiKey)` as 32 upper-case hex digits.
pub fn sign(body: &[u8], api_key: &str) -> String {
    let mut h = Md5::new();
    h.update(body);
    h.update(api_key.as_bytes());
    crate::hex::encode(&h.finalize()).to_ascii_uppercase()
}

/// Whether `received` is the Sign of `body`: case-insensitive, in time that
/// does not depend on where the two differ.
pub fn verify(body: &[u8], api_key: &str, received: &str) -> bool {
    let expected = sign(body, api_key);
    let received = received.trim().as_bytes();
    if received.len() != expected.len() {
        return false;
    }
    let diff = expected
        .bytes()
        .zip(received)
        .fold(0u8, |acc, (e, r)| acc | (e ^ r.to_ascii_uppercase()));
    core::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc1321_vectors() {
        // MD5 test suite of RFC 1321 (the key is appended, so split the input).
        assert_eq!(sign(b"", ""), "D41D8CD98F00B204E9800998ECF8427E");
        assert_eq!(sign(b"a", "bc"), "900150983CD24FB0D6963F7D28E17F72");
        assert_eq!(
            sign(b"message ", "digest"),
            "F96B697D7CB7938D525A2F31AAF161D0"
        );
    }

    #[test]
    fn verify_is_case_insensitive_and_strict() {
        let s = sign(b"{}", "key");
        assert!(verify(b"{}", "key", &s));
        assert!(verify(b"{}", "key", &s.to_ascii_lowercase()));
        assert!(verify(b"{}", "key", &format!(" {s}\n")));
        assert!(!verify(b"{} ", "key", &s));
        assert!(!verify(b"{}", "key2", &s));
        assert!(!verify(b"{}", "key", &s[..31]));
        assert!(!verify(b"{}", "key", ""));
    }
}
