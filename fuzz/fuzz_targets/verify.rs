//! Signature decoding and verification with a fixed key: never panics, and
//! never accepts anything the key did not sign (the corpus has no valid
//! signature of a message other than the seed one).
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::{rsa_sha256, PublicKey};

const KEY: &str = include_str!("../../www-example/demo-keys/platform-public.txt");

fuzz_target!(|data: &[u8]| {
    let key = PublicKey::parse(KEY).expect("demo key");
    let (sig, msg) = data.split_at(data.len().min(256));
    let _ = rsa_sha256::verify(&key, msg, sig);
    let text = String::from_utf8_lossy(data);
    let (sig_text, msg_text) = text.split_at(text.find('\n').unwrap_or(0));
    let _ = rsa_sha256::verify_base64(&key, msg_text.as_bytes(), sig_text);
});
