//! Cashy's `Sign`, MD5 of the body followed by the API key: the same
//! changes of the body, and white space around the API key. MD5 carries no
//! key, so when nothing matches it cannot tell a wrong API key from a body
//! changed another way (`NO_MATCH`).

use md5::{Digest, Md5};

use super::{Diagnosis, Verdict};
use crate::error::{Error, Result};
use crate::limits::MAX_BODY_BYTES;

/// White space around the sender's copy of the API key: (variant, what,
/// before, after).
#[rustfmt::skip]
const KEY_CHANGES: [(&str, &str, &str, &str); 4] = [
    ("api-key-newline-added", "followed by a line feed (\\n)", "", "\n"),
    ("api-key-crlf-added", "followed by CRLF (\\r\\n)", "", "\r\n"),
    ("api-key-space-added", "followed by a space", "", " "),
    ("api-key-leading-space-added", "preceded by a space (or: the body followed by one)", " ", ""),
];

/// Why `sign` (32 hex digits) is (not) the MD5 Sign of `body` with `api_key`.
pub fn md5_sign(body: &[u8], api_key: &str, sign: &str) -> Result<Diagnosis> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::InputTooLarge {
            what: "the body",
            limit: MAX_BODY_BYTES,
        });
    }
    let sign = sign.trim();
    let Some(target) = hex16(sign) else {
        return Ok(Diagnosis::new(Verdict::SignatureMalformed, malformed(sign)));
    };
    let signs = |parts: &[&[u8]]| {
        let mut h = Md5::new();
        parts.iter().for_each(|p| h.update(p));
        h.finalize().as_slice() == target
    };
    let key = api_key.as_bytes();
    if signs(&[body, key]) {
        return Ok(Diagnosis::new(
            Verdict::Valid,
            "the Sign is valid for this body and API key",
        ));
    }
    let trimmed = api_key.trim();
    let keys = KEY_CHANGES
        .iter()
        .map(|&(id, what, before, after)| (id, what, before, api_key, after))
        .chain([
            (
                "api-key-trimmed",
                "without the white space around it",
                "",
                trimmed,
                "",
            ),
            (
                "api-key-missing",
                "left out (the MD5 of the body alone)",
                "",
                "",
                "",
            ),
        ]);
    for (id, what, before, key, after) in keys {
        if signs(&[body, before.as_bytes(), key.as_bytes(), after.as_bytes()]) {
            return Ok(Diagnosis {
                verdict: Verdict::WrongKey,
                detail: format!(
                    "the Sign was made over this body with the API key {what}: fix the \
                     sender's copy of the API key"
                ),
                variant: Some(id.to_owned()),
            });
        }
    }
    let found = Diagnosis::body_changed(body, "this API key", &mut |c| signs(&[c, key]));
    Ok(found.unwrap_or_else(|| {
        Diagnosis::new(
            Verdict::NoMatch,
            format!(
                "no common change of the body or of the API key gives this Sign{}: either the \
                 sender uses another API key, or it changed the body another way (an MD5 Sign \
                 cannot tell which)",
                super::pairs_note(body)
            ),
        )
    }))
}

/// 32 hex digits as 16 bytes.
fn hex16(text: &str) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    if text.len() != 32 {
        return None;
    }
    for (i, b) in text.bytes().enumerate() {
        let digit = char::from(b).to_digit(16)? as u8;
        let byte = out.get_mut(i / 2)?;
        *byte = *byte << 4 | digit;
    }
    Some(out)
}

fn malformed(sign: &str) -> String {
    let hex = sign.bytes().all(|b| b.is_ascii_hexdigit());
    match sign.len() {
        0 => "the Sign is empty".into(),
        64 if hex => {
            "the Sign is 64 hex digits, a SHA-256: Cashy's Sign is MD5, 32 hex digits".into()
        }
        n if hex => format!("the Sign is {n} hex digits; Cashy's Sign is MD5, 32 hex digits"),
        n => format!(
            "the Sign is not hexadecimal ({n} characters); Cashy's Sign is MD5, 32 hex digits"
        ),
    }
}
