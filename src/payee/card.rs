//! Payment card numbers (PAN, ISO/IEC 7812): Luhn, and the length the
//! scheme of the IIN range publishes. Messages never repeat the number.

use super::checksum::luhn_valid;
use super::field::{codes, compact, invalid, length_error, Check};

/// `(first IIN digits, low, high, scheme, lengths)`: the IIN prefix of the
/// given width in `low..=high`, from the schemes' published ranges (Visa,
/// Mastercard, American Express, Discover, JCB, UnionPay, Diners Club,
/// Mir); the first match counts. Other ranges take 12 to 19 digits.
const SCHEMES: &[(usize, u32, u32, &str, &[usize])] = &[
    (1, 4, 4, "Visa", &[13, 16, 19]),
    (2, 51, 55, "Mastercard", &[16]),
    (4, 2221, 2720, "Mastercard", &[16]),
    (2, 34, 34, "American Express", &[15]),
    (2, 37, 37, "American Express", &[15]),
    (4, 2200, 2204, "Mir", &[16, 17, 18, 19]),
    (4, 6011, 6011, "Discover", &[16, 17, 18, 19]),
    (3, 644, 649, "Discover", &[16, 17, 18, 19]),
    (2, 65, 65, "Discover", &[16, 17, 18, 19]),
    (4, 3528, 3589, "JCB", &[16, 17, 18, 19]),
    (2, 62, 62, "UnionPay", &[16, 17, 18, 19]),
    (2, 36, 36, "Diners Club", &[14, 15, 16, 17, 18, 19]),
    (3, 300, 305, "Diners Club", &[16, 17, 18, 19]),
    (2, 38, 39, "Diners Club", &[16, 17, 18, 19]),
];

const OTHER: &[usize] = &[12, 13, 14, 15, 16, 17, 18, 19];

/// A card number: digits only (spaces and dashes removed), the length of
/// its scheme, and the Luhn check digit.
pub fn pan(value: &str) -> Check {
    let v = compact(value, "card number", &[])?;
    if !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            codes::INVALID_CHARACTERS,
            "a card number has only digits",
        ));
    }
    let prefix = |width: usize| v.get(..width).and_then(|p| p.parse::<u32>().ok());
    let (scheme, lengths) = SCHEMES
        .iter()
        .find(|(width, low, high, _, _)| {
            prefix(*width).is_some_and(|p| (*low..=*high).contains(&p))
        })
        .map_or(("card", OTHER), |&(_, _, _, scheme, lengths)| {
            (scheme, lengths)
        });
    if !lengths.contains(&v.len()) {
        let name = if scheme == "card" {
            "a card number".to_owned()
        } else {
            format!("a {scheme} card number")
        };
        return Err(length_error(&name, lengths, "digits"));
    }
    if !luhn_valid(v.as_bytes()) {
        return Err(invalid(
            codes::INVALID_CHECKSUM,
            "the card number's check digit does not match: check for a typo",
        ));
    }
    Ok(v)
}
