//! The answers a merchant sends back to the callbacks that expect data:
//! the bill payment validation (may this bill be paid, and how much) and
//! the bill payment booking confirmation (`REPAYMENT_RECEIPT`). Neither
//! the OpenAPI description nor the integration guides give an answer a
//! `sign` header, so an answer is the exact body and nothing more.

use crate::error::{Error, Quoted, Result};
use crate::json::Value;

use super::data;

/// The kinds of callback whose answer carries `data`.
pub const KINDS: &[&str] = &["billPaymentValidation", "REPAYMENT_RECEIPT"];

/// `{"code":"SUCCESS","msg":"Success","data":…}` with `data` checked
/// against the description's answer schema (and the overlay: `confirmation`
/// is `Y` or `N`; `failureReason` is required with `N`). Every failure is
/// reported at once (`DATA_INVALID`); nothing is built then.
pub fn answer(kind: &str, answer_data: &Value) -> Result<String> {
    if !KINDS.contains(&kind) {
        return Err(Error::InvalidArgument(format!(
            "no answer with data is defined for {}: one of billPaymentValidation, REPAYMENT_RECEIPT \
             (other callbacks are acknowledged with PayerMax.ack())",
            Quoted(kind)
        )));
    }
    if !matches!(answer_data, Value::Object(_)) {
        return Err(Error::InvalidArgument(
            "the answer's data must be an object".into(),
        ));
    }
    let set = data::by_id(&format!("payermax.answer.{kind}"))?
        .ok_or_else(|| Error::RuleSetUnknown(format!("payermax.answer.{kind}")))?;
    let failed = set.failures(answer_data);
    if !failed.is_empty() {
        return Err(Error::DataInvalid {
            endpoint: format!("answer to {kind}"),
            fields: failed,
        });
    }
    let mut body = String::from(r#"{"code":"SUCCESS","msg":"Success","data":"#);
    body.push_str(&answer_data.to_json());
    body.push('}');
    Ok(body)
}
