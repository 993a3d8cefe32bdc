//! Rule-set loading (and the pattern subset): any JSON; never panics, and a
//! loaded set validates a fixed record.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::json;
use payseal::payee::pattern::Pattern;
use payseal::payee::{validate_payee, RuleSetRef};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(p) = Pattern::compile(text) {
        let _ = p.is_match(text);
        let _ = p.is_match("");
    }
    let record = json::parse(r#"{"a":{"b":"10117410","c":12.5},"amount":"10.00","x":[1,2],"n":null}"#).expect("record");
    let _ = validate_payee(RuleSetRef::Custom(text), &record, &[]);
});
