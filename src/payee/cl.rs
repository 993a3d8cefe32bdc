//! Chile: RUT / RUN.

use super::checksum::weighted_sum_from_right;
use super::field::{checksum_error, codes, compact, invalid, length_error, Check};

/// RUT: 7 or 8 digits and a check character 0-9 or K (mod 11, weights 2-7
/// from the right). A leading `CL` is ignored.
pub fn rut(value: &str) -> Check {
    let v = compact(value, "RUT", &[])?;
    let v = v.strip_prefix("CL").map(str::to_owned).unwrap_or(v);
    let b = v.as_bytes();
    if b.len() != 8 && b.len() != 9 {
        return Err(length_error("RUT", &[8, 9], "characters"));
    }
    let (body, check) = b.split_at(b.len() - 1);
    if !body.iter().all(u8::is_ascii_digit)
        || !check.iter().all(|c| c.is_ascii_digit() || *c == b'K')
    {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "RUT is digits followed by a check digit or K",
        ));
    }
    let sum = weighted_sum_from_right(body, &[2, 3, 4, 5, 6, 7]);
    if b"0K987654321".get((sum % 11) as usize) != check.first() {
        return Err(checksum_error("RUT"));
    }
    Ok(v)
}
