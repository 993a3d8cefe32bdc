//! notifyTime / requestTime parsing: never panics; a requestTime accepted as
//! given parses as a timestamp, and formatting round-trips.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::payermax::time;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = time::parse_timestamp(&text);
    if time::check_request_time(&text).is_ok() {
        assert!(parsed.is_some());
    }
    if data.len() >= 8 {
        let ms = i64::from_le_bytes(data[..8].try_into().expect("8 bytes"));
        if let Ok(formatted) = time::format_request_time(ms) {
            assert_eq!(time::parse_timestamp(&formatted), Some(ms));
            assert!(time::check_request_time(&formatted).is_ok());
        }
    }
});
