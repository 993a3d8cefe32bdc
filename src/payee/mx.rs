//! Mexico: CLABE, CURP, RFC.

use super::checksum::weighted_sum_by;
use super::field::{checksum_error, codes, compact, digits, dv, invalid, is_date, two, Check};

/// CLABE: 18 digits; weights 3, 7, 1 over the first 17, each product mod 10.
pub fn clabe(value: &str) -> Check {
    let v = digits(value, "CLABE", &[18])?;
    let b = v.as_bytes();
    let sum = weighted_sum_by(b.get(..17).unwrap_or_default(), &[3, 7, 1], |p| p % 10);
    if b.get(17).map(|&c| dv(c)) != Some((10 - sum % 10) % 10) {
        return Err(checksum_error("CLABE"));
    }
    Ok(v)
}

const CURP_STATES: &[&str] = &[
    "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN",
    "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS",
    "NE",
];

/// CURP: 18 characters: 4 letters, birth date, sex, state, 3 consonants,
/// a century character and a check digit.
pub fn curp(value: &str) -> Check {
    let v = compact(value, "CURP", &['Ñ'])?;
    let chars: Vec<char> = v.chars().collect();
    if chars.len() != 18 {
        return Err(super::field::length_error("CURP", &[18], "characters"));
    }
    let is = |range: core::ops::Range<usize>, f: fn(&char) -> bool| {
        chars.get(range).is_some_and(|s| s.iter().all(f))
    };
    let letter = |c: &char| c.is_ascii_uppercase() || *c == 'Ñ';
    if !(is(0..4, letter)
        && is(4..10, char::is_ascii_digit)
        && is(11..16, letter)
        && is(16..17, char::is_ascii_alphanumeric)
        && is(17..18, char::is_ascii_digit))
    {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "CURP must look like GODE561231HDFRRN09",
        ));
    }
    if !matches!(chars.get(10), Some('H' | 'M' | 'X')) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the 11th character of a CURP is H, M or X",
        ));
    }
    let state: String = chars.get(11..13).unwrap_or_default().iter().collect();
    if !CURP_STATES.contains(&state.as_str()) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the CURP state code is not a Mexican state",
        ));
    }
    let b = v.as_bytes();
    let century = if chars.get(16).is_some_and(char::is_ascii_digit) {
        1900
    } else {
        2000
    };
    if !is_date(century + two(b, 4), two(b, 6), two(b, 8)) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the CURP birth date is not a real date",
        ));
    }
    const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";
    let sum: usize = chars
        .iter()
        .take(17)
        .enumerate()
        .map(|(i, c)| ALPHABET.chars().position(|a| a == *c).unwrap_or(0) * (18 - i))
        .sum();
    if chars.get(17).and_then(|c| c.to_digit(10)) != Some(((10 - sum % 10) % 10) as u32) {
        return Err(checksum_error("CURP"));
    }
    Ok(v)
}

/// RFC: 13 characters for a person (4 letters), 12 for a company (3), then
/// the date (YYMMDD) and a 3-character homoclave whose last character is a
/// check digit. Policy: the check digit is enforced (python-stdnum checks it
/// only when asked); the generic RFCs XAXX010101000 and XEXX010101000 pass.
pub fn rfc(value: &str) -> Check {
    let v = compact(value, "RFC", &['Ñ', '&'])?;
    let chars: Vec<char> = v.chars().collect();
    let letters = match chars.len() {
        13 => 4,
        12 => 3,
        _ => return Err(super::field::length_error("RFC", &[12, 13], "characters")),
    };
    let is_letter = |c: &char| c.is_ascii_uppercase() || *c == 'Ñ' || *c == '&';
    let ok = chars.iter().take(letters).all(is_letter)
        && chars.iter().skip(letters).take(6).all(char::is_ascii_digit)
        && chars
            .iter()
            .skip(letters + 6)
            .all(char::is_ascii_alphanumeric);
    if !ok {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "RFC must look like GODE561231GR8 (person) or ABC680524P76 (company)",
        ));
    }
    let date: String = chars.iter().skip(letters).take(6).collect();
    let d = date.as_bytes();
    if !is_date(2000 + two(d, 0), two(d, 2), two(d, 4)) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the RFC date is not a real date",
        ));
    }
    if v == "XAXX010101000" || v == "XEXX010101000" {
        return Ok(v);
    }
    const ALPHABET: &str = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";
    let mut padded: Vec<char> = vec![' '; 13 - chars.len()];
    padded.extend(chars.iter().take(chars.len() - 1));
    let sum: usize = padded
        .iter()
        .enumerate()
        .map(|(i, c)| ALPHABET.chars().position(|a| a == *c).unwrap_or(0) * (13 - i))
        .sum();
    let check = ALPHABET.chars().nth((11 - sum % 11) % 11).unwrap_or('0');
    if chars.last() != Some(&check) {
        return Err(checksum_error("RFC"));
    }
    Ok(v)
}
