//! validateField for every kind: never panics; an accepted value is
//! normalised idempotently (its normal form is accepted as itself).
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::payee::{validate_field, Context, KINDS};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let kind = KINDS[usize::from(selector) % KINDS.len()];
    let value = String::from_utf8_lossy(rest);
    let ctx = Context { country: Some(if selector & 0x80 == 0 { "PE" } else { "SA" }), bank_code: Some("058") };
    if let Ok(normal) = validate_field(kind, &value, ctx).expect("known kind") {
        let again = validate_field(kind, &normal, ctx).expect("known kind");
        assert_eq!(again.as_deref(), Ok(normal.as_str()), "{kind}: {value:?}");
    }
});
