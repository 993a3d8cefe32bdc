//! Colombia: NIT.

use super::field::{checksum_error, digits, Check};

/// NIT: 8 to 16 digits, the last a mod-11 check digit with the DIAN's prime
/// weights (3, 7, 13, ... from the right).
pub fn nit(value: &str) -> Check {
    let v = digits(value, "NIT", &[8, 9, 10, 11, 12, 13, 14, 15, 16])?;
    let b = v.as_bytes();
    let (body, check) = b.split_at(b.len() - 1);
    const WEIGHTS: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
    let sum: u32 = body
        .iter()
        .rev()
        .zip(WEIGHTS)
        .map(|(&c, w)| super::field::dv(c) * w)
        .sum();
    if b"01987654321".get((sum % 11) as usize) != check.first() {
        return Err(checksum_error("NIT"));
    }
    Ok(v)
}
