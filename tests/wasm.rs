//! The compiled wasm code itself, run by wasm-bindgen-test in Node and in
//! headless Chromium: Wycheproof vectors, key parsing, envelopes, and the JS
//! error objects of the facade.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::expect_used,
    clippy::panic
)]

use payseal::payermax::{Environment, PayerMax, RequestTime, Settings};
use payseal::{json, rsa_sha256, PrivateKey, PublicKey};
use wasm_bindgen_test::*;

const VERIFY: &str = include_str!("vectors/wycheproof/rsa_signature_2048_sha256_test.json");
const SIGN: &str = include_str!("vectors/wycheproof/rsa_pkcs1_2048_sig_gen_test.json");

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn text<'a>(v: &'a json::Value, key: &str) -> &'a str {
    v.get(key).and_then(json::Value::as_str).unwrap()
}

fn items<'a>(v: &'a json::Value<'a>, key: &str) -> &'a [json::Value<'a>] {
    match v.get(key) {
        Some(json::Value::Array(items)) => items,
        _ => panic!("{key} is not an array"),
    }
}

#[wasm_bindgen_test]
fn wycheproof_verify_in_wasm() {
    let file = json::parse(VERIFY).unwrap();
    let mut n = 0;
    for group in items(&file, "testGroups") {
        let key = PublicKey::from_der(&hex(text(group, "publicKeyDer"))).unwrap();
        for case in items(group, "tests") {
            let ok = rsa_sha256::verify(&key, &hex(text(case, "msg")), &hex(text(case, "sig")));
            assert_eq!(ok, text(case, "result") == "valid");
            n += 1;
        }
    }
    assert_eq!(n, 259);
}

#[wasm_bindgen_test]
fn wycheproof_sign_in_wasm() {
    let file = json::parse(SIGN).unwrap();
    let mut n = 0;
    for group in items(&file, "testGroups") {
        if text(group, "sha") != "SHA-256" {
            continue;
        }
        let key = PrivateKey::from_der(&hex(text(group, "privateKeyPkcs8"))).unwrap();
        for case in items(group, "tests") {
            let sig = rsa_sha256::sign(&key, &hex(text(case, "msg"))).unwrap();
            assert_eq!(sig, hex(text(case, "sig")));
            n += 1;
        }
    }
    assert_eq!(n, 10);
}

#[wasm_bindgen_test]
fn envelope_in_wasm() {
    let file = json::parse(SIGN).unwrap();
    let group = items(&file, "testGroups")
        .iter()
        .find(|g| text(g, "sha") == "SHA-256")
        .unwrap();
    let key = PrivateKey::parse(text(group, "privateKeyPem")).unwrap();
    let public = key.public_key().clone();
    let pm = PayerMax::new(Settings {
        app_id: "A".into(),
        merchant_no: "M".into(),
        private_key: Some(key),
        platform_public_keys: vec![],
        environment: Environment::Production,
        base_url: None,
        key_version: "1".into(),
        sp_merchant_no: None,
        merchant_auth_token: None,
    })
    .unwrap();
    let req = pm
        .request(
            "refund",
            r#"{"refundAmount":10.50}"#,
            RequestTime::UnixMillis(1_642_406_653_879),
            None,
            false,
        )
        .unwrap();
    assert_eq!(
        req.body,
        r#"{"version":"1.4","keyVersion":"1","requestTime":"2022-01-17T08:04:13.879+00:00","appId":"A","merchantNo":"M","data":{"refundAmount":10.50}}"#
    );
    assert!(rsa_sha256::verify_base64(
        &public,
        req.body.as_bytes(),
        &req.sign
    ));
}

#[wasm_bindgen_test]
fn rng_is_available_in_this_runtime() {
    // Signing blinds with fresh randomness: the runtime's crypto.getRandomValues.
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).unwrap();
    assert_ne!(buf, [0u8; 32]);
}
