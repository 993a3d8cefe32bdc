//! Standard base64 (RFC 4648 section 4, `+/`), strict: canonical trailing
//! bits always; padding required unless the caller allows it to be left off.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes with `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    let digit = |v: u32| char::from(ALPHABET.get((v & 63) as usize).copied().unwrap_or(b'A'));
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(digit(n >> 18));
        out.push(digit(n >> 12));
        out.push(if chunk.len() > 1 { digit(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { digit(n) } else { '=' });
    }
    out
}

fn value(c: u8) -> Option<u32> {
    Some(u32::from(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    }))
}

/// Decodes, or `None` for anything that is not canonical base64.
pub fn decode(text: &[u8], padding_optional: bool) -> Option<Vec<u8>> {
    let body = text
        .strip_suffix(b"==")
        .or_else(|| text.strip_suffix(b"="))
        .unwrap_or(text);
    let padded = body.len() != text.len();
    let rem = body.len() % 4;
    if rem == 1 || (padded && !text.len().is_multiple_of(4)) {
        return None;
    }
    if !padded && rem != 0 && !padding_optional {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    for chunk in body.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        let take = chunk.len() - 1; // 4 chars -> 3 bytes, 3 -> 2, 2 -> 1
                                    // Bits past the last whole byte must be zero (canonical form).
        if n & ((1 << (24 - 8 * take)) - 1) != 0 {
            return None;
        }
        out.extend_from_slice(bytes.get(1..1 + take)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded.as_bytes(), false).unwrap(), plain.as_bytes());
            let bare = coded.trim_end_matches('=');
            assert_eq!(decode(bare.as_bytes(), true).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn rejects_non_canonical() {
        for bad in [
            "Zg",
            "Zg=",
            "Zh==",
            "Zm9=",
            "Z===",
            "Zm9v=",
            "Zm-v",
            "Zm_v",
            "Zm9v Yg==",
            "=",
            "A",
        ] {
            assert!(decode(bad.as_bytes(), false).is_none(), "{bad}");
        }
        assert!(decode(b"Zh", true).is_none());
        assert!(decode(b"Zg=", true).is_none());
    }
}
