//! Indonesia: NIK, NPWP.

use super::checksum::luhn_valid;
use super::field::{checksum_error, codes, digits, invalid, is_date, two, Check};

/// Province codes (the first two digits of a NIK).
const PROVINCES: &[u32] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
];

/// NIK: 16 digits: province, regency, district, birth date (day + 40 for
/// women), serial. Checked: province code and birth date (python-stdnum
/// also checks the regency against its own table).
pub fn nik(value: &str) -> Check {
    let v = digits(value, "NIK", &[16])?;
    let b = v.as_bytes();
    if !PROVINCES.contains(&two(b, 0)) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the NIK province code is not an Indonesian province",
        ));
    }
    let (day, month, year) = (two(b, 6) % 40, two(b, 8), two(b, 10));
    if !is_date(1900 + year, month, day) && !is_date(2000 + year, month, day) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the NIK birth date is not a real date",
        ));
    }
    Ok(v)
}

/// NPWP: 15 digits (Luhn over the first 9), or 16: a NIK for individuals, or
/// 0 followed by the 15-digit form.
pub fn npwp(value: &str) -> Check {
    let v = digits(value, "NPWP", &[15, 16])?;
    let b = v.as_bytes();
    let ok = match b.len() {
        15 => luhn_valid(b.get(..9).unwrap_or_default()),
        _ if b.first() != Some(&b'0') => {
            return nik(&v).map_err(|mut e| {
                e.message = format!("a 16-digit NPWP is a NIK: {}", e.message);
                e
            })
        }
        _ => luhn_valid(b.get(..10).unwrap_or_default()),
    };
    if !ok {
        return Err(checksum_error("NPWP"));
    }
    Ok(v)
}
