//! Lowercase hexadecimal.

/// The lowercase hex digit of the low four bits of `n`.
pub(crate) fn digit(n: u8) -> char {
    char::from_digit(u32::from(n & 0x0f), 16).unwrap_or('0')
}

/// Lowercase hex of bytes.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(digit(b >> 4));
        out.push(digit(b));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn lowercase() {
        assert_eq!(super::encode(&[0x00, 0xab, 0xff, 0x10]), "00abff10");
    }
}
