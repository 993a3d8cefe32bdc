//! Peru: CCI (interbank account code), DNI, RUC.

use super::checksum::{weighted_sum, weighted_sum_by};
use super::field::{checksum_error, codes, compact, digits, dv, invalid, length_error, Check};

/// One CCI check digit: weights 1, 2, 1, 2... from the left, a two-digit
/// product counts as the sum of its digits.
fn cci_check(digits: &[u8]) -> u32 {
    let sum = weighted_sum_by(digits, &[1, 2], |p| p / 10 + p % 10);
    (10 - sum % 10) % 10
}

/// CCI: 20 digits = bank (3) + branch (3) + account (12) + 2 check digits;
/// the first covers digits 1-6, the second digits 7-18.
pub fn cci(value: &str) -> Check {
    let v = digits(value, "CCI", &[20])?;
    let b = v.as_bytes();
    let first = cci_check(b.get(..6).unwrap_or_default());
    let second = cci_check(b.get(6..18).unwrap_or_default());
    if b.get(18).map(|&c| dv(c)) != Some(first) || b.get(19).map(|&c| dv(c)) != Some(second) {
        return Err(checksum_error("CCI"));
    }
    Ok(v)
}

/// DNI (CUI): 8 digits, optionally followed by its check character (a digit
/// or a letter).
pub fn dni(value: &str) -> Check {
    let v = compact(value, "DNI", &[])?;
    let b = v.as_bytes();
    if b.len() != 8 && b.len() != 9 {
        return Err(length_error("DNI", &[8, 9], "characters"));
    }
    if !b.iter().take(8).all(u8::is_ascii_digit) {
        return Err(invalid(codes::INVALID_CHARACTERS, "DNI must be 8 digits"));
    }
    if let Some(&check) = b.get(8) {
        let c = weighted_sum(b.get(..8).unwrap_or_default(), &[3, 2, 7, 6, 5, 4, 3, 2]) % 11;
        let digit = b"65432110987".get(c as usize).copied();
        let letter = b"KJIHGFEDCBA".get(c as usize).copied();
        if Some(check) != digit && Some(check) != letter {
            return Err(checksum_error("DNI"));
        }
    }
    Ok(v)
}

/// RUC: 11 digits starting 10, 15, 16, 17 or 20; mod-11 check digit.
pub fn ruc(value: &str) -> Check {
    let v = digits(value, "RUC", &[11])?;
    let b = v.as_bytes();
    if !matches!(v.get(..2), Some("10" | "15" | "16" | "17" | "20")) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "RUC starts with 10, 15, 16, 17 or 20",
        ));
    }
    let sum = weighted_sum(
        b.get(..10).unwrap_or_default(),
        &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2],
    );
    if b.get(10).map(|&c| dv(c)) != Some((11 - sum % 11) % 10) {
        return Err(checksum_error("RUC"));
    }
    Ok(v)
}
