//! Errors cross into JS as `PaysealError` instances (class registered by the
//! JS layer at load), each with a stable `code`.

use std::cell::RefCell;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::Error;

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the JS `PaysealError` class (`new PaysealError(code, message,
/// detailsJson?)`).
#[wasm_bindgen(js_name = __setErrorClass)]
pub fn set_error_class(class: Function) {
    ERROR_CLASS.with(|c| *c.borrow_mut() = Some(class));
}

/// A JS error value for a core error (`DATA_INVALID` carries `fields`).
pub fn to_js(e: Error) -> JsValue {
    if let Error::DataInvalid { fields, .. } = &e {
        #[derive(serde::Serialize)]
        struct Details<'a> {
            fields: &'a [crate::error::FieldFailure],
        }
        if let Ok(details) = serde_json::to_string(&Details { fields }) {
            return with_details(e, &details);
        }
    }
    make(e.code(), &e.to_string())
}

/// A JS error value for a core error, with more properties (JSON text of
/// an object, e.g. `{"validation": report}`).
pub fn with_details(e: Error, details_json: &str) -> JsValue {
    construct(Array::of3(
        &e.code().into(),
        &e.to_string().into(),
        &details_json.into(),
    ))
    .unwrap_or_else(|| make(e.code(), &e.to_string()))
}

/// A JS error value for a code and message.
pub fn make(code: &str, message: &str) -> JsValue {
    let args = Array::of2(&JsValue::from_str(code), &JsValue::from_str(message));
    construct(args).unwrap_or_else(|| {
        let err = js_sys::Error::new(message);
        err.set_name("PaysealError");
        let _ = Reflect::set(&err, &"code".into(), &code.into());
        err.into()
    })
}

fn construct(args: Array) -> Option<JsValue> {
    ERROR_CLASS.with(|c| {
        c.borrow()
            .as_ref()
            .and_then(|class| Reflect::construct(class, &args).ok())
    })
}
