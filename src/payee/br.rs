//! Brazil: CPF, CNPJ (numeric and the alphanumeric form from 2026), PIX keys.

use super::checksum::weighted_sum;
use super::contact;
use super::field::{
    checksum_error, codes, compact, digit_char, digits, invalid, length_error, Check,
};

/// CPF: 11 digits, two mod-11 check digits. Policy: numbers of one repeated
/// digit (111.111.111-11...) pass the arithmetic but are never issued, and
/// are refused (python-stdnum accepts them, except all zeros).
pub fn cpf(value: &str) -> Check {
    let v = digits(value, "CPF", &[11])?;
    let b = v.as_bytes();
    if b.iter().all(|&c| Some(&c) == b.first()) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "CPF cannot be one repeated digit",
        ));
    }
    let d1 = (11
        - weighted_sum(
            b.get(..9).unwrap_or_default(),
            &[10, 9, 8, 7, 6, 5, 4, 3, 2],
        ) % 11)
        % 11
        % 10;
    let d2 = (11
        - (weighted_sum(
            b.get(..9).unwrap_or_default(),
            &[11, 10, 9, 8, 7, 6, 5, 4, 3],
        ) + 2 * d1)
            % 11)
        % 11
        % 10;
    if v.get(9..) != Some(&format!("{}{}", digit_char(d1), digit_char(d2))) {
        return Err(checksum_error("CPF"));
    }
    Ok(v)
}

/// CNPJ: 14 characters, the first 12 letters or digits (alphanumeric CNPJ,
/// issued from July 2026), the last 2 check digits; each character counts as
/// its ASCII code minus 48. Repeated-digit numbers are refused, as for CPF.
pub fn cnpj(value: &str) -> Check {
    let v = compact(value, "CNPJ", &[])?;
    let b = v.as_bytes();
    if b.len() != 14 {
        return Err(length_error("CNPJ", &[14], "characters"));
    }
    if !b
        .get(12..)
        .unwrap_or_default()
        .iter()
        .all(u8::is_ascii_digit)
    {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "CNPJ must end in two check digits",
        ));
    }
    if b.iter().all(|&c| Some(&c) == b.first()) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "CNPJ cannot be one repeated digit",
        ));
    }
    let check = |n: usize, weights: &[u32]| -> u32 {
        let sum: u32 = b
            .iter()
            .take(n)
            .zip(weights)
            .map(|(&c, &w)| u32::from(c - b'0') * w)
            .sum();
        let r = sum % 11;
        if r < 2 {
            0
        } else {
            11 - r
        }
    };
    let d1 = check(12, &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    let d2 = check(13, &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    if v.get(12..) != Some(&format!("{}{}", digit_char(d1), digit_char(d2))) {
        return Err(checksum_error("CNPJ"));
    }
    Ok(v)
}

/// A PIX key: CPF, CNPJ, e-mail, phone (+55) or random key (EVP, a UUID).
pub fn pix_key(value: &str) -> Check {
    let v = value.trim();
    if v.is_empty() {
        return Err(invalid(codes::REQUIRED, "enter the PIX key"));
    }
    if v.as_bytes().contains(&b'@') {
        return contact::email(v);
    }
    if v.starts_with('+') {
        let phone = super::phone::check(v, None)?.e164;
        return if phone.starts_with("+55") {
            Ok(phone)
        } else {
            Err(invalid(
                codes::INVALID_COMPONENT,
                "a PIX phone key must be a Brazilian number (+55)",
            ))
        };
    }
    if v.len() == 36 && v.bytes().filter(|&b| b == b'-').count() == 4 {
        let lower = v.to_ascii_lowercase();
        let shape_ok = lower.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
        return if shape_ok {
            Ok(lower)
        } else {
            Err(invalid(
                codes::INVALID_FORMAT,
                "a random PIX key is a UUID such as 123e4567-e89b-12d3-a456-426614174000",
            ))
        };
    }
    let compacted = compact(v, "PIX key", &[])?;
    match compacted.len() {
        11 => cpf(&compacted),
        14 => cnpj(&compacted),
        _ => Err(invalid(
            codes::INVALID_FORMAT,
            "a PIX key is a CPF, a CNPJ, an e-mail, a +55 phone number or a random key",
        )),
    }
}
