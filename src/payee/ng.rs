//! Nigeria: NUBAN account numbers.

use super::checksum::weighted_sum;
use super::field::{checksum_error, codes, digits, dv, invalid, Check};

/// NUBAN: 10 digits whose last is a check over the institution code and the
/// 9-digit serial (weights 3, 7, 3, 3, 7, 3...; 10 minus the sum modulo 10,
/// 10 being 0). The bank code comes from the context and is made the 6-digit
/// institution code as the CBN's "Revised Standards on Nigeria Uniform Bank
/// Account Number (NUBAN) for Banks and Other Financial Institutions" (2020)
/// sets out: a deposit money bank's 3-digit code takes three leading zeros
/// (`058` -> `000058`); another financial institution's 5-digit code
/// (microfinance banks, mobile money operators) takes a leading 9
/// (`50515` -> `950515`); a 6-digit institution code is used as it is.
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
        5 => format!("9{code}"),
        6 => code.to_owned(),
        _ => String::new(),
    };
    if institution.is_empty() || !institution.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the bank code must be 3 digits (bank), 5 digits (other financial institution) or 6 digits (institution code)",
        ));
    }
    let serial = v.get(..9).unwrap_or_default();
    let sum = weighted_sum(format!("{institution}{serial}").as_bytes(), &[3, 7, 3]);
    if v.as_bytes().get(9).map(|&c| dv(c)) != Some((10 - sum % 10) % 10) {
        return Err(checksum_error("NUBAN"));
    }
    Ok(v)
}
