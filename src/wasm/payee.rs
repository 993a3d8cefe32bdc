//! `validateField`, `validatePayee` and `ruleSets` for JS.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::error::to_js;
use crate::error::Error;
use crate::json;
use crate::payee::{self, builtin, Context, RuleSetRef};

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

fn context_string(ctx: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    if ctx.is_undefined() || ctx.is_null() {
        return Ok(None);
    }
    let v = Reflect::get(ctx, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| {
        to_js(Error::InvalidArgument(format!(
            "context.{key} must be a string"
        )))
    })
}

/// `{valid, normalized}` or `{valid: false, code, message}`.
#[wasm_bindgen(js_name = validateField)]
pub fn validate_field(kind: &str, value: &str, context: JsValue) -> Result<JsValue, JsValue> {
    if !context.is_undefined() && !context.is_null() && !context.is_object() {
        return Err(to_js(Error::InvalidArgument(
            "context must be an object such as { country: \"PE\" }".into(),
        )));
    }
    let country = context_string(&context, "country")?;
    let bank_code = context_string(&context, "bankCode")?;
    let ctx = Context {
        country: country.as_deref(),
        bank_code: bank_code.as_deref(),
    };
    let out = Object::new();
    match payee::validate_field(kind, value, ctx).map_err(to_js)? {
        Ok(normalized) => {
            set(&out, "valid", &JsValue::TRUE);
            set(&out, "normalized", &normalized.into());
        }
        Err(invalid) => {
            set(&out, "valid", &JsValue::FALSE);
            set(&out, "code", &invalid.code.into());
            set(&out, "message", &invalid.message.into());
        }
    }
    Ok(out.into())
}

/// The report in the shape of `paymentFieldValidation`'s answer.
#[wasm_bindgen(js_name = validatePayeeJson)]
pub fn validate_payee_json(
    rule_set_id: Option<String>,
    rule_set_json: Option<String>,
    data_json: &str,
    parameters_json: Option<String>,
) -> Result<JsValue, JsValue> {
    if data_json.len() > crate::limits::MAX_BODY_BYTES {
        return Err(to_js(Error::InputTooLarge {
            what: "data",
            limit: crate::limits::MAX_BODY_BYTES,
        }));
    }
    if rule_set_json
        .as_ref()
        .is_some_and(|t| t.len() > crate::limits::MAX_RULE_SET_BYTES)
    {
        return Err(to_js(Error::InputTooLarge {
            what: "the rule set",
            limit: crate::limits::MAX_RULE_SET_BYTES,
        }));
    }
    let data = json::parse(data_json).map_err(to_js)?;
    let custom = match &rule_set_json {
        Some(text) => Some(json::parse_object(text, "the rule set").map_err(to_js)?),
        None => None,
    };
    let reference = match (&custom, &rule_set_id) {
        (Some(v), _) => RuleSetRef::Custom(v),
        (None, Some(id)) => RuleSetRef::Builtin(id),
        (None, None) => {
            return Err(to_js(Error::InvalidArgument(
                "pass a rule set id or a rule set".into(),
            )))
        }
    };
    let parameters = match &parameters_json {
        Some(text) => match json::parse_object(text, "parameters").map_err(to_js)? {
            json::Value::Object(members) => members,
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    let report = payee::validate_payee(reference, &data, &parameters).map_err(to_js)?;
    Ok(report_js(&report))
}

/// A report as the JS object of `paymentFieldValidation`'s shape.
pub(super) fn report_js(report: &crate::payee::rules::Report) -> JsValue {
    let fields = |paths: &[String]| -> Array {
        paths
            .iter()
            .map(|p| {
                let o = Object::new();
                set(&o, "field", &p.into());
                JsValue::from(o)
            })
            .collect()
    };
    let failed: Array = report
        .failed
        .iter()
        .map(|f| {
            let o = Object::new();
            set(&o, "field", &f.field.as_str().into());
            set(&o, "code", &f.code.into());
            set(&o, "errorMsg", &f.message.as_str().into());
            JsValue::from(o)
        })
        .collect();
    let out = Object::new();
    set(&out, "validationCode", &report.validation_code().into());
    set(&out, "validationPassedFields", &fields(&report.passed));
    set(&out, "ignoredFields", &fields(&report.ignored));
    set(&out, "validationFailedFields", &failed);
    out.into()
}

/// The ids of the built-in rule sets.
#[wasm_bindgen(js_name = ruleSets)]
pub fn rule_sets() -> Array {
    builtin::ids().into_iter().map(JsValue::from).collect()
}
