//! Türkiye: T.C. Kimlik No.

use super::field::{checksum_error, codes, digits, dv, invalid, Check};

/// T.C. Kimlik No: 11 digits, not starting 0; the 10th and 11th are checks.
pub fn tckimlik(value: &str) -> Check {
    let v = digits(value, "T.C. Kimlik No", &[11])?;
    let d: Vec<u32> = v.bytes().map(dv).collect();
    if d.first() == Some(&0) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "T.C. Kimlik No does not start with 0",
        ));
    }
    let at = |i: usize| d.get(i).copied().unwrap_or(0);
    let odd = at(0) + at(2) + at(4) + at(6) + at(8);
    let even = at(1) + at(3) + at(5) + at(7);
    let tenth = (odd * 7 + 90 - even) % 10; // +90 keeps it non-negative (even <= 36)
    let eleventh = d.iter().take(10).sum::<u32>() % 10;
    if at(9) != tenth || at(10) != eleventh {
        return Err(checksum_error("T.C. Kimlik No"));
    }
    Ok(v)
}
