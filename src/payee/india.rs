//! India: IFSC, PAN, Aadhaar.

use super::checksum::verhoeff_valid;
use super::field::{checksum_error, codes, compact, digits, invalid, length_error, Check};

/// IFSC: 4 letters (bank), a zero, 6 letters or digits (branch).
pub fn ifsc(value: &str) -> Check {
    let v = compact(value, "IFSC", &[])?;
    let b = v.as_bytes();
    if b.len() != 11 {
        return Err(length_error("IFSC", &[11], "characters"));
    }
    if !b.iter().take(4).all(u8::is_ascii_uppercase) || b.get(4) != Some(&b'0') {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "IFSC is 4 letters, a 0 and 6 letters or digits, e.g. SBIN0005943",
        ));
    }
    Ok(v)
}

/// PAN: 5 letters (the 4th the holder type), 4 digits, 1 letter.
pub fn pan(value: &str) -> Check {
    let v = compact(value, "PAN", &[])?;
    let b = v.as_bytes();
    if b.len() != 10 {
        return Err(length_error("PAN", &[10], "characters"));
    }
    let shape = b.iter().take(5).all(u8::is_ascii_uppercase)
        && b.iter().skip(5).take(4).all(u8::is_ascii_digit)
        && b.get(9).is_some_and(u8::is_ascii_uppercase);
    if !shape {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "PAN is 5 letters, 4 digits and a letter, e.g. ABCPE1234F",
        ));
    }
    if !b.get(3).is_some_and(|c| b"ABCFGHLJPTK".contains(c)) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the 4th character of a PAN is the holder type (P, C, H, F, A, T, B, L, J, G or K)",
        ));
    }
    Ok(v)
}

/// Aadhaar: 12 digits, not starting 0 or 1, not a palindrome, Verhoeff check digit.
pub fn aadhaar(value: &str) -> Check {
    let v = digits(value, "Aadhaar", &[12])?;
    let b = v.as_bytes();
    if matches!(b.first(), Some(b'0' | b'1')) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "Aadhaar does not start with 0 or 1",
        ));
    }
    if b.iter().eq(b.iter().rev()) {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "Aadhaar cannot be a palindrome",
        ));
    }
    if !verhoeff_valid(b) {
        return Err(checksum_error("Aadhaar"));
    }
    Ok(v)
}
