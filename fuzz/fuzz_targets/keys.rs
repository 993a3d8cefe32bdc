//! Key parsing: PEM and DER, private and public, certificates. Never panics;
//! a parsed private key re-encodes to DER that parses to the same key.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payseal::{PrivateKey, PublicKey};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for k in [PrivateKey::from_der(data), PrivateKey::parse(&text)].into_iter().flatten() {
        let der = k.to_pkcs8_der().expect("a parsed key encodes");
        let again = PrivateKey::from_der(&der).expect("its own DER parses");
        assert_eq!(again.fingerprint(), k.fingerprint());
    }
    for k in [PublicKey::from_der(data), PublicKey::parse(&text)].into_iter().flatten() {
        let again = PublicKey::from_der(k.to_spki_der()).expect("its own SPKI parses");
        assert_eq!(again.fingerprint(), k.fingerprint());
    }
});
