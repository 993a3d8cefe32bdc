//! `validateField`, `validatePayee` and `ruleSets` for JS.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::error::to_js;
use super::{options, write};
use crate::error::Error;
use crate::json::{self, Members, Value};
use crate::limits::{MAX_BODY_BYTES, MAX_RULE_SET_BYTES};
use crate::payee::{self, builtin, Context, RuleSetRef};

/// The optional third argument of `validateField`.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FieldContext {
    country: Option<String>,
    bank_code: Option<String>,
}

/// `{valid, normalized}` (and `phoneType` for `phone`) or
/// `{valid: false, code, message}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FieldAnswer {
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    normalized: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

/// The options of `validatePayee`.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayeeOptions {
    parameters: Option<Members<Value<'static>>>,
}

/// Checks one value of a field kind; `context` is JSON text.
#[wasm_bindgen(js_name = validateField)]
pub fn validate_field(kind: &str, value: &str, context: Option<String>) -> Result<String, JsValue> {
    let context: FieldContext = options(context, "context")?;
    let ctx = Context {
        country: context.country.as_deref(),
        bank_code: context.bank_code.as_deref(),
    };
    // `phone` answers its number type too.
    let result = if kind == "phone" {
        payee::phone::check(value, ctx.country).map(|p| (p.e164, Some(p.kind)))
    } else {
        payee::validate_field(kind, value, ctx)
            .map_err(to_js)?
            .map(|n| (n, None))
    };
    let answer = match result {
        Ok((normalized, phone_type)) => FieldAnswer {
            valid: true,
            phone_type,
            normalized: Some(normalized),
            code: None,
            message: None,
        },
        Err(invalid) => FieldAnswer {
            valid: false,
            normalized: None,
            phone_type: None,
            code: Some(invalid.code),
            message: Some(invalid.message),
        },
    };
    write(&answer)
}

/// The report as compact text (see `Report::to_compact_text`; the JS layer
/// builds the `paymentFieldValidation` shape from it). The rule set
/// is a built-in id or JSON text; `data` and the options are JSON text.
#[wasm_bindgen(js_name = validatePayeeReport)]
pub fn validate_payee_report(
    rule_set_id: Option<String>,
    rule_set_json: Option<String>,
    data_json: &str,
    opts: Option<String>,
) -> Result<String, JsValue> {
    if data_json.len() > MAX_BODY_BYTES {
        return Err(to_js(Error::InputTooLarge {
            what: "data",
            limit: MAX_BODY_BYTES,
        }));
    }
    if rule_set_json
        .as_ref()
        .is_some_and(|t| t.len() > MAX_RULE_SET_BYTES)
    {
        return Err(to_js(Error::InputTooLarge {
            what: "the rule set",
            limit: MAX_RULE_SET_BYTES,
        }));
    }
    let data = json::parse(data_json).map_err(to_js)?;
    let reference = match (&rule_set_json, &rule_set_id) {
        (Some(text), _) => RuleSetRef::Custom(text),
        (None, Some(id)) => RuleSetRef::Builtin(id),
        (None, None) => {
            return Err(to_js(Error::InvalidArgument(
                "pass a rule set id or a rule set".into(),
            )))
        }
    };
    let opts: PayeeOptions = options(opts, "options")?;
    let parameters = opts.parameters.unwrap_or_default().0;
    payee::validate_payee_to_compact_text(reference, &data, &parameters).map_err(to_js)
}

/// The ids of the built-in rule sets.
#[wasm_bindgen(js_name = ruleSets)]
pub fn rule_sets() -> Vec<String> {
    builtin::ids().into_iter().map(str::to_owned).collect()
}

/// A built-in rule set's JSON, as written in its data file.
#[wasm_bindgen(js_name = ruleSet)]
pub fn rule_set(id: &str) -> Result<String, JsValue> {
    builtin::source(id).map_err(to_js)
}
