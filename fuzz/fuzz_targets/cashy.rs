//! Cashy payOut / payOutQuery on any data: never panics; a signed body is
//! JSON, carries a nonceStr, and its Sign verifies.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::cashy::{sign, Cashy, Settings};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cashy = Cashy::new(Settings { merchant_id: "1".into(), api_key: "k".into(), base_url: "https://c.example".into(), payout_parameters: vec![] }).expect("settings");
    for validate in [true, false] {
        if let Ok(Ok(req)) = cashy.payout(&text, validate, "NONCE") {
            let v = payseal::json::parse(&req.body).expect("body is JSON");
            assert!(v.get("nonceStr").is_some());
            assert!(sign::verify(req.body.as_bytes(), "k", &req.sign));
        }
    }
    if let Ok(req) = cashy.payout_query(&text, "NONCE") {
        assert!(sign::verify(req.body.as_bytes(), "k", &req.sign));
    }
});
