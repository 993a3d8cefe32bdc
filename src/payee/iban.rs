//! IBAN (ISO 13616) and BIC (ISO 9362).

use super::field::{checksum_error, codes, compact, invalid, Check};
use super::iban_registry::REGISTRY;

/// IBAN: a registry country, its exact length and BBAN structure, and
/// mod 97 == 1 with check digits 02 to 98 (ISO 13616 computes them as
/// 98 - n mod 97, so 00, 01 and 99 are never issued, though they pass
/// mod 97 wherever 97, 98 and 02 would). With `country` in the context, the
/// IBAN must be of it.
pub fn iban(value: &str, country: Option<&str>) -> Check {
    let v = compact(value, "IBAN", &[])?;
    let cc = v.get(..2).unwrap_or_default();
    let Some(&(_, length, bban)) = REGISTRY.iter().find(|(c, _, _)| *c == cc) else {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the IBAN does not start with a country that uses IBAN",
        ));
    };
    if let Some(want) = country.map(str::trim).filter(|c| !c.is_empty()) {
        if !want.eq_ignore_ascii_case(cc) {
            return Err(invalid(
                codes::INVALID_COMPONENT,
                format!("the IBAN must be a {} IBAN", want.to_ascii_uppercase()),
            ));
        }
    }
    if v.len() != length {
        return Err(invalid(
            codes::INVALID_LENGTH,
            format!("a {cc} IBAN has {length} characters"),
        ));
    }
    if !v
        .get(2..4)
        .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
        || !matches_bban(v.get(4..).unwrap_or_default(), bban)
    {
        return Err(invalid(
            codes::INVALID_FORMAT,
            format!("this is not the layout of a {cc} IBAN"),
        ));
    }
    let rearranged = v.bytes().skip(4).chain(v.bytes().take(4));
    let mut rem = 0u32;
    for b in rearranged {
        let n = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        rem = if n >= 10 {
            (rem * 100 + n) % 97
        } else {
            (rem * 10 + n) % 97
        };
    }
    if rem != 1 {
        return Err(checksum_error("IBAN"));
    }
    if matches!(v.get(2..4), Some("00" | "01" | "99")) {
        return Err(invalid(
            codes::INVALID_CHECKSUM,
            "IBAN check digits are 02 to 98 (00, 01 and 99 are never issued): check for a typo",
        ));
    }
    Ok(v)
}

/// Whether a BBAN follows a registry structure such as `4a14c`.
fn matches_bban(bban: &str, structure: &str) -> bool {
    let mut chars = bban.bytes();
    let mut count = 0usize;
    for s in structure.bytes() {
        if s.is_ascii_digit() {
            count = count * 10 + usize::from(s - b'0');
            continue;
        }
        for _ in 0..count {
            let ok = match (s, chars.next()) {
                (b'n', Some(c)) => c.is_ascii_digit(),
                (b'a', Some(c)) => c.is_ascii_uppercase(),
                (b'c', Some(c)) => c.is_ascii_alphanumeric(),
                _ => false,
            };
            if !ok {
                return false;
            }
        }
        count = 0;
    }
    chars.next().is_none()
}

/// BIC: 4 letters (institution), an ISO 3166 country, 2 letters or digits
/// (location), optionally 3 letters or digits (branch). With `country` in
/// the context, the bank must be in that country.
pub fn bic(value: &str, country: Option<&str>) -> Check {
    let v = compact(value, "BIC", &[])?;
    let b = v.as_bytes();
    if b.len() != 8 && b.len() != 11 {
        return Err(super::field::length_error("BIC", &[8, 11], "characters"));
    }
    if !b.iter().take(6).all(u8::is_ascii_uppercase) {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "BIC starts with 6 letters (bank and country), e.g. DEUTDEFF",
        ));
    }
    if !super::country::is_country(v.get(4..6).unwrap_or_default()) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "letters 5 and 6 of a BIC are the bank's country code",
        ));
    }
    if let Some(want) = country.map(str::trim).filter(|c| !c.is_empty()) {
        if !v.get(4..6).is_some_and(|cc| want.eq_ignore_ascii_case(cc)) {
            return Err(invalid(
                codes::INVALID_COMPONENT,
                format!(
                    "the BIC must be of a bank in {} (letters 5 and 6)",
                    want.to_ascii_uppercase()
                ),
            ));
        }
    }
    Ok(v)
}
