//! Every verdict, under the 2048-, 3072- and 4096-bit test keys (e = 3 and
//! e = 65537), for signatures made by the signer or by a raw private-key
//! operation over a hand-made block; and the MD5 Sign of Cashy.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::*;
use crate::rsa_sha256::tests::{block, key, keys, raw_sign, Stream};
use crate::rsa_sha256::{self, SHA256_DIGEST_INFO_PREFIX};

const BODY: &[u8] = r#"{"code":"APPLY_SUCCESS","data":{"outTradeNo":"ORDER-1001","notifyUrl":"https://shop.example/n","payerName":"José"}}"#.as_bytes();

fn diagnose(key: &PublicKey, body: &[u8], sign: &str) -> Diagnosis {
    signature(key, body, sign).unwrap()
}

fn sign(key: &PrivateKey, body: &[u8]) -> String {
    rsa_sha256::sign_base64(key, body).unwrap()
}

#[test]
fn valid_and_body_changed_under_every_key() {
    for (name, private) in keys() {
        let public = private.public_key();
        let signed = sign(&private, BODY);
        let d = diagnose(public, BODY, &signed);
        assert_eq!((d.verdict, d.variant), (Verdict::Valid, None), "{name}");

        // The receiver re-indented the body; the sender signed one line.
        let pretty = String::from_utf8(BODY.to_vec())
            .unwrap()
            .replace(",\"", ",\n  \"");
        let d = diagnose(public, pretty.as_bytes(), &signed);
        assert_eq!(d.verdict, Verdict::BodyChanged, "{name}");
        assert_eq!(d.variant.as_deref(), Some("json-stringify"), "{name}");
        assert!(d.detail.starts_with("this key signed other bytes than this body: the signed bytes are this body after JSON.parse"), "{}", d.detail);

        // A change no candidate covers.
        let d = diagnose(public, &BODY.replace_bytes(b"1001", b"1002"), &signed);
        assert_eq!(
            (d.verdict, d.variant),
            (Verdict::BodyChanged, None),
            "{name}"
        );
        assert!(d.detail.contains("no common change"), "{}", d.detail);
        assert!(!rsa_sha256::verify_base64(
            public,
            &BODY.replace_bytes(b"1001", b"1002"),
            &signed
        ));
    }
}

#[test]
fn every_candidate_under_a_real_signature() {
    let private = key("3072-e65537");
    for (variant, signed_bytes, received) in change::tests::cases() {
        let d = diagnose(
            private.public_key(),
            &received,
            &sign(&private, &signed_bytes),
        );
        assert_eq!(
            (d.verdict, d.variant.as_deref()),
            (Verdict::BodyChanged, Some(variant))
        );
    }
}

#[test]
fn wrong_key() {
    let signer = key("2048-e65537");
    let signed = sign(&signer, BODY);
    for other in ["2048-e3", "3072-e65537", "4096-e3"] {
        let other = key(other);
        let d = diagnose(other.public_key(), BODY, &signed);
        if other.bits() == 2048 {
            assert_eq!(d.verdict, Verdict::WrongKey);
            assert!(d.detail.contains(other.fingerprint()), "{}", d.detail);
        } else {
            // Another length: which key size made it is told.
            assert_eq!(d.verdict, Verdict::SignatureMalformed);
            assert!(
                d.detail
                    .contains("256 bytes, the length of an RSA-2048 signature"),
                "{}",
                d.detail
            );
        }
    }
    // Random signatures: noise, or not below the modulus.
    let mut stream = Stream(0xd1a6_0001);
    for (name, private) in keys() {
        let public = private.public_key();
        for _ in 0..16 {
            let random = STANDARD.encode(stream.bytes(public.size()));
            let d = diagnose(public, BODY, &random);
            assert_eq!(d.verdict, Verdict::WrongKey, "{name}: {}", d.detail);
        }
        let all_ones = STANDARD.encode(vec![0xff; public.size()]);
        assert!(diagnose(public, BODY, &all_ones)
            .detail
            .starts_with("read as a number"));
    }
}

#[test]
fn not_sha256_names_the_hash() {
    // SHA-512 DigestInfo (RFC 8017 §9.2 note 1), signed by the right key.
    let sha512 = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];
    let sha1 = [0x2b, 0x0e, 0x03, 0x02, 0x1a];
    for (name, private) in keys() {
        let k = private.public_key().size();
        for (oid, len, hash) in [(&sha512[..], 64, "SHA-512"), (&sha1[..], 20, "SHA-1")] {
            let info = block::tests::info(oid, true, &vec![9; len]);
            let s = STANDARD.encode(raw_sign(&private, &block(k, 1, &info)));
            let d = diagnose(private.public_key(), BODY, &s);
            assert_eq!(d.verdict, Verdict::NotSha256, "{name}");
            let named = format!("a {hash} digest");
            assert!(d.detail.contains(&named), "{}", d.detail);
        }
    }
}

#[test]
fn malformed_blocks_of_the_right_key() {
    use sha2::{Digest, Sha256};
    let private = key("2048-e3");
    let k = private.public_key().size();
    let digest = Sha256::digest(BODY);
    let raw = |block: &[u8]| STANDARD.encode(raw_sign(&private, block));
    // The DigestInfo without its NULL parameters.
    let sha256_oid = &SHA256_DIGEST_INFO_PREFIX[6..15];
    let no_null = block(k, 1, &block::tests::info(sha256_oid, false, &digest));
    let d = diagnose(private.public_key(), BODY, &raw(&no_null));
    assert_eq!(d.verdict, Verdict::SignatureMalformed);
    assert!(d.detail.contains("exactly this body"), "{}", d.detail);
    // Right padding, no DigestInfo.
    let d = diagnose(
        private.public_key(),
        BODY,
        &raw(&block(k, 1, b"just some bytes")),
    );
    assert_eq!(d.verdict, Verdict::SignatureMalformed);
    assert!(d.detail.contains("no DigestInfo"), "{}", d.detail);
    // Block type 2 (encryption padding) is not a signature block.
    let d = diagnose(private.public_key(), BODY, &raw(&block(k, 2, &digest)));
    assert_eq!(d.verdict, Verdict::WrongKey);
}

#[test]
fn malformed_text_says_what_is_wrong() {
    for (name, private) in keys() {
        let public = private.public_key();
        let good = sign(&private, BODY);
        let k = public.size();
        let check = |text: &str, says: &str| {
            let d = diagnose(public, BODY, text);
            assert_eq!(d.verdict, Verdict::SignatureMalformed, "{name}: {text}");
            assert!(
                d.detail.contains(says),
                "{name}: {} lacks {says:?}",
                d.detail
            );
        };
        check("", "empty");
        check(
            &(good.replace('+', "-").replace('/', "_").replace('=', "") + "-"),
            "base64url",
        );
        check(
            &format!("{}\n{}", &good[..64], &good[64..]),
            "white space inside (at character 64)",
        );
        check(&format!("{}*", &good[..good.len() - 1]), "character");
        check(
            &crate::hex::encode(&STANDARD.decode(&good).unwrap()),
            "hexadecimal",
        );
        check(&good[..good.len() - 8], "this RSA-");
        check(&"A".repeat(1025), "over 1024 characters");
        if good.ends_with('=') {
            check(good.trim_end_matches('='), "padding is missing or wrong");
            // The unused bits of the last character set.
            let body = good.trim_end_matches('=');
            let last = body.chars().last().unwrap();
            let bumped = STANDARD_ALPHABET
                .chars()
                .nth(STANDARD_ALPHABET.find(last).unwrap() ^ 1)
                .unwrap();
            check(
                &format!("{}{bumped}{}", &body[..body.len() - 1], &good[body.len()..]),
                "not canonical",
            );
        }
        assert_eq!(k, STANDARD.decode(&good).unwrap().len());
        // Surrounding white space is not a fault.
        assert_eq!(
            diagnose(public, BODY, &format!(" {good}\r\n")).verdict,
            Verdict::Valid
        );
    }
}

const STANDARD_ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

#[test]
fn diagnosis_agrees_with_verify() {
    // Valid exactly when verify holds, for signatures right and wrong.
    let mut stream = Stream(0xd1a6_0002);
    for (name, private) in keys() {
        let public = private.public_key();
        for i in 0..6usize {
            let body = stream.bytes(i * 37);
            let mut s = rsa_sha256::sign(&private, &body).unwrap();
            if i % 2 == 1 {
                let bit = stream.below(s.len() * 8);
                s[bit / 8] ^= 1 << (bit % 8);
            }
            let text = STANDARD.encode(&s);
            let valid = diagnose(public, &body, &text).verdict == Verdict::Valid;
            assert_eq!(
                valid,
                rsa_sha256::verify_base64(public, &body, &text),
                "{name}"
            );
        }
    }
    let too_large = vec![b' '; crate::limits::MAX_BODY_BYTES + 1];
    let any = key("2048-e3");
    assert_eq!(
        signature(any.public_key(), &too_large, "")
            .unwrap_err()
            .code(),
        "INPUT_TOO_LARGE"
    );
}

#[test]
fn md5_sign_verdicts() {
    use md5::{Digest, Md5};
    let api_key = "k3y-ñ";
    let md5 = |parts: &[&[u8]]| {
        let mut h = Md5::new();
        parts.iter().for_each(|p| h.update(p));
        crate::hex::encode(&h.finalize())
    };
    let good = md5(&[BODY, api_key.as_bytes()]);
    let d = md5_sign(BODY, api_key, &good.to_ascii_uppercase()).unwrap();
    assert_eq!(d.verdict, Verdict::Valid);
    assert_eq!(d, md5_sign(BODY, api_key, &format!(" {good}\n")).unwrap());
    // White space around the sender's copy of the key.
    for (variant, key) in [
        ("api-key-newline-added", format!("{api_key}\n")),
        ("api-key-crlf-added", format!("{api_key}\r\n")),
        ("api-key-space-added", format!("{api_key} ")),
        ("api-key-leading-space-added", format!(" {api_key}")),
        ("api-key-missing", String::new()),
    ] {
        let d = md5_sign(BODY, api_key, &md5(&[BODY, key.as_bytes()])).unwrap();
        assert_eq!(
            (d.verdict, d.variant.as_deref()),
            (Verdict::WrongKey, Some(variant))
        );
    }
    let d = md5_sign(BODY, " k ", &md5(&[BODY, b"k"])).unwrap();
    assert_eq!(d.variant.as_deref(), Some("api-key-trimmed"));
    // Every change of the body; a space after the body is the same bytes
    // as a space before the key, and the key is checked first.
    for (variant, signed, received) in change::tests::cases() {
        let d = md5_sign(&received, api_key, &md5(&[&signed, api_key.as_bytes()])).unwrap();
        let want = match variant {
            "trailing-space-added" => (Verdict::WrongKey, Some("api-key-leading-space-added")),
            _ => (Verdict::BodyChanged, Some(variant)),
        };
        assert_eq!((d.verdict, d.variant.as_deref()), want);
    }
    // Nothing matches: MD5 cannot tell a wrong key from another change.
    let d = md5_sign(BODY, api_key, &md5(&[BODY, b"other key"])).unwrap();
    assert_eq!((d.verdict, d.variant), (Verdict::NoMatch, None));
    for (sign, says) in [
        ("", "empty"),
        ("abc", "3 hex digits"),
        (&*"ab".repeat(32), "a SHA-256"),
        (&*"zz".repeat(16), "not hexadecimal"),
        (&*format!("+{}", &good[1..]), "not hexadecimal"),
    ] {
        let d = md5_sign(BODY, api_key, sign).unwrap();
        assert_eq!(d.verdict, Verdict::SignatureMalformed, "{sign}");
        assert!(d.detail.contains(says), "{}", d.detail);
    }
}

#[test]
fn key_pairs() {
    let a = key("2048-e65537");
    let b = key("4096-e3");
    let same = check_key_pair(&a, a.public_key());
    assert!(same.matches);
    assert_eq!(same.private_key_fingerprint, same.public_key_fingerprint);
    let other = check_key_pair(&a, b.public_key());
    assert!(!other.matches);
    assert_eq!(other.public_key_fingerprint, b.fingerprint());
    assert!(
        other.detail.contains("RSA-4096") && other.detail.contains(a.fingerprint()),
        "{}",
        other.detail
    );
}

#[test]
fn serialised_for_the_js_layer() {
    let d = Diagnosis::new(Verdict::NotSha256, "x");
    assert_eq!(
        serde_json::to_string(&d).unwrap(),
        r#"{"verdict":"NOT_SHA256","detail":"x"}"#
    );
    let d = Diagnosis {
        variant: Some("a+b".into()),
        ..Diagnosis::new(Verdict::BodyChanged, "y")
    };
    assert_eq!(
        serde_json::to_string(&d).unwrap(),
        r#"{"verdict":"BODY_CHANGED","detail":"y","variant":"a+b"}"#
    );
    let names: Vec<&str> = changes().map(|(id, _)| id).collect();
    assert_eq!(names.len(), change::CHANGES.len());
}

/// Byte-string replacement, for tests.
trait ReplaceBytes {
    fn replace_bytes(&self, from: &[u8], to: &[u8]) -> Vec<u8>;
}

impl ReplaceBytes for [u8] {
    fn replace_bytes(&self, from: &[u8], to: &[u8]) -> Vec<u8> {
        let text = String::from_utf8(self.to_vec()).unwrap();
        text.replace(
            core::str::from_utf8(from).unwrap(),
            core::str::from_utf8(to).unwrap(),
        )
        .into_bytes()
    }
}

#[test]
fn readme_and_types_name_every_change() {
    let readme = include_str!("../../README.md");
    let types = include_str!("../../pkg-template/diagnose.d.ts");
    let md5 = include_str!("md5_sign.rs");
    for (id, _) in changes() {
        assert!(readme.contains(&format!("`{id}`")), "README: {id}");
        assert!(types.contains(&format!("\"{id}\"")), "diagnose.d.ts: {id}");
    }
    for line in md5.lines().filter(|l| l.contains("(\"api-key-")) {
        let id = line.split('"').nth(1).unwrap();
        assert!(readme.contains(&format!("`{id}`")), "README: {id}");
        assert!(types.contains(&format!("\"{id}\"")), "diagnose.d.ts: {id}");
    }
}
