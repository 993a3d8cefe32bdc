//! The canonical JSON parser and writer: never panics; what parses writes
//! out to text that parses to the same value, and writing is idempotent.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(v) = json::parse(text) {
        let out = v.to_json();
        let again = json::parse(&out).expect("canonical output parses");
        assert_eq!(again, v);
        assert_eq!(again.to_json(), out);
    }
});
