//! Notification, response and callback parsing (PayerMax and Cashy), past
//! the signature check: never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::cashy::{Cashy, Settings as CashySettings};
use payseal::payermax::{Environment, PayerMax, Settings, Window};
use payseal::PublicKey;

const KEY: &str = include_str!("../../www-example/demo-keys/platform-public.txt");

fuzz_target!(|data: &[u8]| {
    let key = PublicKey::parse(KEY).expect("demo key");
    let pm = PayerMax::new(Settings {
        app_id: "A".into(),
        merchant_no: "M".into(),
        private_key: None,
        platform_public_keys: vec![("1".into(), key.clone()), ("2".into(), key)],
        environment: Environment::Sandbox,
        base_url: None,
        key_version: "1".into(),
        sp_merchant_no: None,
        merchant_auth_token: None,
    })
    .expect("settings");
    let window = Window { now_ms: 1_700_000_000_000, tolerance_seconds: Some(300) };
    let _ = pm.accept_verified_notification(data, window);
    let _ = pm.accept_verified_notification(data, Window::default());
    let _ = pm.verify_notification(data, "c2lnbg==", window);
    let _ = pm.accept_verified_response(data);
    let _ = pm.verify_response(data, None);
    let _ = pm.platform_key_for(data);
    let cashy = Cashy::new(CashySettings { merchant_id: "1".into(), api_key: "k".into(), base_url: "https://c.example".into(), payout_parameters: vec![] }).expect("settings");
    let sign = payseal::cashy::sign::sign(data, "k");
    let _ = cashy.verify_callback(data, &sign);
    let _ = cashy.read_response(data);
});
