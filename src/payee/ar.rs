//! Argentina: CBU, CVU, CUIT.

use super::checksum::{weighted_sum, weighted_sum_from_right};
use super::field::{checksum_error, codes, digits, dv, invalid, Check};

fn block_ok(block: &[u8]) -> bool {
    let Some((check, body)) = block.split_last() else {
        return false;
    };
    let sum = weighted_sum_from_right(body, &[3, 1, 7, 9]);
    dv(*check) == (10 - sum % 10) % 10
}

fn cbu_like(value: &str, name: &str) -> Check {
    let v = digits(value, name, &[22])?;
    let b = v.as_bytes();
    if !block_ok(b.get(..8).unwrap_or_default()) || !block_ok(b.get(8..).unwrap_or_default()) {
        return Err(checksum_error(name));
    }
    Ok(v)
}

/// CBU: 22 digits in two blocks (bank and branch; account), each with a
/// check digit.
pub fn cbu(value: &str) -> Check {
    let v = cbu_like(value, "CBU")?;
    if v.starts_with("000") {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "this is a CVU (virtual account), not a bank CBU",
        ));
    }
    Ok(v)
}

/// CVU: a virtual account of a payment provider: 22 digits starting 000,
/// checked like a CBU.
pub fn cvu(value: &str) -> Check {
    let v = cbu_like(value, "CVU")?;
    if !v.starts_with("000") {
        return Err(invalid(codes::INVALID_COMPONENT, "a CVU starts with 000"));
    }
    Ok(v)
}

/// CUIT / CUIL: 11 digits: type (20, 23, 24, 27, 30, 33, 34, 50, 51, 55),
/// document number, mod-11 check digit.
pub fn cuit(value: &str) -> Check {
    let v = digits(value, "CUIT", &[11])?;
    let b = v.as_bytes();
    if !matches!(
        v.get(..2),
        Some("20" | "23" | "24" | "27" | "30" | "33" | "34" | "50" | "51" | "55")
    ) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "CUIT starts with 20, 23, 24, 27, 30, 33 or 34",
        ));
    }
    let sum = weighted_sum(
        b.get(..10).unwrap_or_default(),
        &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2],
    );
    if b"012345678990".get((11 - sum % 11) as usize) != b.get(10) {
        return Err(checksum_error("CUIT"));
    }
    Ok(v)
}
