//! The envelope builder: any endpoint, version, time and data text. Never
//! panics; a body it builds is JSON whose `data` is the input, unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::payermax::{Environment, PayerMax, RequestTime, Settings};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\n');
    let (endpoint, version, time, body) = (parts.next().unwrap_or(""), parts.next(), parts.next().unwrap_or(""), parts.next().unwrap_or("{}"));
    let pm = PayerMax::new(Settings {
        app_id: "A\"é\\/".into(),
        merchant_no: "M".into(),
        private_key: None,
        platform_public_keys: vec![],
        environment: Environment::Sandbox,
        base_url: None,
        key_version: "1".into(),
        sp_merchant_no: Some("SP".into()),
        merchant_auth_token: None,
    })
    .expect("settings");
    let version = version.filter(|v| !v.is_empty());
    for t in [RequestTime::Given(time), RequestTime::UnixMillis(time.len() as i64 * 1_000_000_007)] {
        if let Ok(p) = pm.prepare(endpoint, body, t, version, true) {
            let v = payseal::json::parse(&p.body).expect("the body is JSON");
            assert!(p.body.ends_with(&format!("\"data\":{body}}}")));
            assert!(v.get("version").is_some());
        }
    }
});
