//! Project Wycheproof RSASSA-PKCS1-v1_5 vectors (Apache-2.0, see
//! `tests/vectors/wycheproof/LICENSE`): every verification case gives the
//! expected answer ("acceptable" must be rejected), and every SHA-256
//! signature-generation case signs byte-exact.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use payseal::{rsa_sha256, PrivateKey, PublicKey};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/wycheproof/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn signature_2048_sha256_verify() {
    let file = load("rsa_signature_2048_sha256_test.json");
    let mut checked = 0;
    for group in file["testGroups"].as_array().unwrap() {
        let spki = hex(group["publicKeyDer"].as_str().unwrap());
        let key = PublicKey::from_der(&spki).unwrap();
        assert_eq!(key.to_spki_der(), spki);
        for case in group["tests"].as_array().unwrap() {
            let msg = hex(case["msg"].as_str().unwrap());
            let sig = hex(case["sig"].as_str().unwrap());
            let want = case["result"] == "valid";
            let got = rsa_sha256::verify(&key, &msg, &sig);
            assert_eq!(got, want, "tcId {} ({})", case["tcId"], case["comment"]);
            checked += 1;
        }
    }
    assert_eq!(checked as u64, file["numberOfTests"].as_u64().unwrap());
}

#[test]
fn pkcs1_2048_sig_gen_sha256_is_byte_exact() {
    let file = load("rsa_pkcs1_2048_sig_gen_test.json");
    let mut checked = 0;
    for group in file["testGroups"].as_array().unwrap() {
        if group["sha"] != "SHA-256" {
            continue;
        }
        let key = PrivateKey::from_der(&hex(group["privateKeyPkcs8"].as_str().unwrap())).unwrap();
        // The same key through its PKCS#1 PEM form must be the same key.
        let pem = PrivateKey::parse(group["privateKeyPem"].as_str().unwrap()).unwrap();
        assert_eq!(pem.fingerprint(), key.fingerprint());
        // Re-encoding gives the vectors' own DER, byte for byte.
        let pkcs8 = hex(group["privateKeyPkcs8"].as_str().unwrap());
        assert_eq!(*pem.to_pkcs8_der().unwrap(), pkcs8);
        assert_eq!(
            key.public_key().to_spki_der(),
            hex(group["keyDer"].as_str().unwrap())
        );
        for case in group["tests"].as_array().unwrap() {
            let msg = hex(case["msg"].as_str().unwrap());
            let want = hex(case["sig"].as_str().unwrap());
            assert_eq!(
                rsa_sha256::sign(&key, &msg).unwrap(),
                want,
                "tcId {}",
                case["tcId"]
            );
            assert!(rsa_sha256::verify(key.public_key(), &msg, &want));
            checked += 1;
        }
    }
    assert_eq!(checked, 10);
}
