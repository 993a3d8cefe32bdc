//! Nigeria: NUBAN account numbers.

use super::checksum::weighted_sum;
use super::field::{checksum_error, codes, digits, dv, invalid, Check};

/// NUBAN: 10 digits whose last is a check over the bank's institution code
/// and the 9-digit serial (weights 3, 7, 3, 3, 7, 3...). The bank code comes
/// from the context: a 3-digit bank code is the institution code `000` +
/// code; a 6-digit institution code is used as it is.
pub fn nuban(value: &str, bank_code: Option<&str>) -> Check {
    let v = digits(value, "NUBAN", &[10])?;
    let Some(code) = bank_code.map(str::trim).filter(|c| !c.is_empty()) else {
        return Err(invalid(
            codes::CONTEXT_REQUIRED,
            "checking a NUBAN needs the bank code (context.bankCode)",
        ));
    };
    let institution = match code.len() {
        3 => format!("000{code}"),
        6 => code.to_owned(),
        _ => String::new(),
    };
    if institution.is_empty() || !institution.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the bank code must be 3 digits (bank) or 6 digits (institution)",
        ));
    }
    let serial = v.get(..9).unwrap_or_default();
    let sum = weighted_sum(format!("{institution}{serial}").as_bytes(), &[3, 7, 3]);
    if v.as_bytes().get(9).map(|&c| dv(c)) != Some((10 - sum % 10) % 10) {
        return Err(checksum_error("NUBAN"));
    }
    Ok(v)
}
