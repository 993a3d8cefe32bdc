//! The variable-time public operation and the strict block comparison,
//! against the `rsa` crate (its own raw public operation and its PKCS#1 v1.5
//! verification, the path `verify` used before): e = 3 and e = 65537 keys of
//! 2048, 3072 and 4096 bits; edge values of `s`; leading-zero signatures;
//! random, tampered and hand-made signatures from a fixed seed. The keys
//! and helpers serve the diagnosis tests too.

use rsa::signature::Verifier;
use rsa::traits::PublicKeyParts;
use rsa::BoxedUint;

use super::{encoded_block, public_op, verify, verify_base64, SHA256_DIGEST_INFO_PREFIX, STANDARD};
use crate::keys::{PrivateKey, PublicKey};
use base64::Engine as _;
use sha2::{Digest, Sha256};

const KEYS: [(&str, &str); 6] = [
    (
        "2048-e3",
        include_str!("../../tests/vectors/rsa/rsa-2048-e3.pem"),
    ),
    (
        "2048-e65537",
        include_str!("../../tests/vectors/rsa/rsa-2048-e65537.pem"),
    ),
    (
        "3072-e3",
        include_str!("../../tests/vectors/rsa/rsa-3072-e3.pem"),
    ),
    (
        "3072-e65537",
        include_str!("../../tests/vectors/rsa/rsa-3072-e65537.pem"),
    ),
    (
        "4096-e3",
        include_str!("../../tests/vectors/rsa/rsa-4096-e3.pem"),
    ),
    (
        "4096-e65537",
        include_str!("../../tests/vectors/rsa/rsa-4096-e65537.pem"),
    ),
];

pub(crate) fn keys() -> impl Iterator<Item = (&'static str, PrivateKey)> {
    KEYS.iter()
        .map(|(name, pem)| (*name, PrivateKey::parse(pem).unwrap()))
}

pub(crate) fn key(name: &str) -> PrivateKey {
    keys().find(|(n, _)| *n == name).unwrap().1
}

/// The old path: the `rsa` crate's PKCS#1 v1.5 verification.
fn reference_verify(key: &PublicKey, message: &[u8], signature: &[u8]) -> bool {
    signature.len() == key.size()
        && rsa::pkcs1v15::Signature::try_from(signature)
            .is_ok_and(|sig| key.verifying_key().verify(message, &sig).is_ok())
}

/// The `rsa` crate's raw public operation, with the range check of RSAVP1.
fn reference_op(key: &PublicKey, signature: &[u8]) -> Option<Vec<u8>> {
    let verifying = key.verifying_key();
    let rsa_key: &rsa::RsaPublicKey = verifying.as_ref();
    if signature.len() != key.size() {
        return None;
    }
    let s = BoxedUint::from_be_slice(signature, rsa_key.n_bits_precision()).unwrap();
    if s >= *rsa_key.n().as_ref() {
        return None;
    }
    let m = rsa::hazmat::rsa_encrypt(rsa_key, &s).unwrap();
    Some(left_pad(&m.to_be_bytes(), key.size()))
}

/// Raw RSA private-key operation on a block: a signature over whatever the
/// block says (as a broken or hostile signer would make it).
pub(crate) fn raw_sign(key: &PrivateKey, block: &[u8]) -> Vec<u8> {
    let private: &rsa::RsaPrivateKey = key.signing_key().unwrap().as_ref();
    let m = BoxedUint::from_be_slice(block, private.n_bits_precision()).unwrap();
    let s = rsa::hazmat::rsa_decrypt(None::<&mut getrandom::SysRng>, private, &m).unwrap();
    left_pad(&s.to_be_bytes(), key.public_key().size())
}

/// The last `k` bytes; the ones before them must be zero.
fn left_pad(bytes: &[u8], k: usize) -> Vec<u8> {
    let (high, low) = bytes.split_at(bytes.len() - k);
    assert!(high.iter().all(|&b| b == 0));
    low.to_vec()
}

/// `n` as `k` big-endian bytes, plus `delta`.
fn modulus_plus(key: &PublicKey, delta: i64) -> Vec<u8> {
    let verifying = key.verifying_key();
    let rsa_key: &rsa::RsaPublicKey = verifying.as_ref();
    let mut bytes = left_pad(&rsa_key.n().to_be_bytes(), key.size());
    let mut carry = delta;
    for b in bytes.iter_mut().rev() {
        let v = i64::from(*b) + carry;
        *b = v.rem_euclid(256) as u8;
        carry = v.div_euclid(256);
    }
    assert_eq!(carry, 0);
    bytes
}

/// Both implementations agree on the signature, and on the block.
fn agree(key: &PublicKey, message: &[u8], signature: &[u8]) -> bool {
    let got = verify(key, message, signature);
    assert_eq!(got, reference_verify(key, message, signature));
    assert_eq!(public_op(key, signature), reference_op(key, signature));
    got
}

/// xorshift64*: a fixed, reproducible stream.
pub(crate) struct Stream(pub u64);

impl Stream {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

#[test]
fn edge_values_of_s() {
    for (name, private) in keys() {
        let key = private.public_key();
        let k = key.size();
        let zero = vec![0u8; k];
        let mut one = zero.clone();
        one[k - 1] = 1;
        // 0^e = 0, 1^e = 1, (n-1)^e = (-1)^e = n-1 for odd e.
        assert_eq!(public_op(key, &zero).as_deref(), Some(&zero[..]), "{name}");
        assert_eq!(public_op(key, &one).as_deref(), Some(&one[..]), "{name}");
        let n_minus_1 = modulus_plus(key, -1);
        assert_eq!(
            public_op(key, &n_minus_1),
            Some(n_minus_1.clone()),
            "{name}"
        );
        // s >= n is not a signature.
        for s in [
            modulus_plus(key, 0),
            modulus_plus(key, 1),
            modulus_plus(key, 2),
            vec![0xff; k],
        ] {
            assert_eq!(public_op(key, &s), None, "{name}");
        }
        // Any other length is not a signature either.
        for len in [0, 1, k - 1, k + 1] {
            assert_eq!(public_op(key, &vec![0; len]), None, "{name}");
        }
        for s in [zero, one, n_minus_1, modulus_plus(key, 0), vec![0xff; k]] {
            assert!(!agree(key, b"message", &s), "{name}");
        }
    }
}

#[test]
fn random_messages_valid_and_tampered_signatures() {
    let mut stream = Stream(0x5eed_0001);
    for (name, private) in keys() {
        let key = private.public_key();
        for _ in 0..6 {
            let len = stream.below(300);
            let message = stream.bytes(len);
            let signature = super::sign(&private, &message).unwrap();
            assert!(agree(key, &message, &signature), "{name}");
            let want = encoded_block(key.size(), &Sha256::digest(&message));
            assert_eq!(public_op(key, &signature), want, "{name}");

            let mut tampered = signature.clone();
            let bit = stream.below(tampered.len() * 8);
            tampered[bit / 8] ^= 1 << (bit % 8);
            assert!(!agree(key, &message, &tampered), "{name}");

            let mut other = message.clone();
            other.push(stream.next() as u8);
            assert!(!agree(key, &other, &signature), "{name}");
            // One byte short is refused.
            assert!(!agree(key, &message, &signature[1..]), "{name}");
        }
    }
}

#[test]
fn random_signatures() {
    let mut stream = Stream(0x5eed_0002);
    for (name, private) in keys() {
        let key = private.public_key();
        let k = key.size();
        for i in 0..24 {
            let mut s = stream.bytes(k);
            // Half of them with leading zero bytes (so below n); the
            // shortest ones stay below n even cubed.
            if i % 2 == 0 {
                let zeros = stream.below(k - 1) + 1;
                s[..zeros].fill(0);
            }
            assert!(!agree(key, b"message", &s), "{name}");
        }
    }
}

#[test]
fn leading_zero_signatures() {
    // Messages found by search: their signatures start with zero bytes.
    for (name, message, zeros) in [
        ("2048-e65537", "leading zero 25470", 2),
        ("2048-e3", "leading zero 490", 1),
        ("3072-e65537", "leading zero 141", 1),
        ("4096-e3", "leading zero 443", 1),
    ] {
        let private = key(name);
        let key = private.public_key();
        let signature = super::sign(&private, message.as_bytes()).unwrap();
        assert_eq!(signature.len(), key.size());
        assert!(signature[..zeros].iter().all(|&b| b == 0), "{name}");
        assert_ne!(signature[zeros], 0, "{name}");
        assert!(agree(key, message.as_bytes(), &signature), "{name}");
        let b64 = STANDARD.encode(&signature);
        assert!(verify_base64(key, message.as_bytes(), &b64), "{name}");
        // Without its leading zeros it is the wrong length, and refused.
        let stripped = &signature[zeros..];
        assert!(!agree(key, message.as_bytes(), stripped), "{name}");
        let b64 = STANDARD.encode(stripped);
        assert!(!verify_base64(key, message.as_bytes(), &b64), "{name}");
    }
}

/// `00 01 FF.. 00 || t`, as long as the modulus.
pub(crate) fn block(k: usize, block_type: u8, t: &[u8]) -> Vec<u8> {
    let mut b = vec![0x00, block_type];
    b.resize(k - t.len() - 1, 0xff);
    b.push(0x00);
    b.extend_from_slice(t);
    b
}

#[test]
fn hand_made_blocks_only_the_exact_encoding_verifies() {
    let message = b"{\"amount\":\"10.00\"}";
    let digest = Sha256::digest(message);
    let sha256_info = [&SHA256_DIGEST_INFO_PREFIX[..], &digest[..]].concat();
    // A SHA-1 DigestInfo (twenty bytes standing in for the digest).
    let sha1_info = [
        &[
            0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
            0x14,
        ][..],
        &digest[..20],
    ]
    .concat();
    // DigestInfo without the NULL parameters (Wycheproof: "acceptable").
    let no_null = [
        &[
            0x30, 0x2f, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x04, 0x20,
        ][..],
        &digest[..],
    ]
    .concat();
    // The same DigestInfo with a long-form length (BER, not DER).
    let long_form = [&[0x30, 0x81, 0x31][..], &sha256_info[2..]].concat();
    let mut wrong_digest = sha256_info.clone();
    *wrong_digest.last_mut().unwrap() ^= 1;
    let trailing = [&sha256_info[..], &[0x00][..]].concat();

    for (name, private) in keys() {
        let key = private.public_key();
        let k = key.size();
        let good = block(k, 0x01, &sha256_info);
        assert_eq!(encoded_block(k, &digest), Some(good.clone()));
        let mut bad_padding = good.clone();
        bad_padding[5] = 0xfe;
        let mut no_separator = good.clone();
        no_separator[k - sha256_info.len() - 1] = 0xff;
        let cases = [
            (good.clone(), true),
            (block(k, 0x02, &sha256_info), false),
            (block(k, 0x01, &sha1_info), false),
            (block(k, 0x01, &no_null), false),
            (block(k, 0x01, &long_form), false),
            (block(k, 0x01, &wrong_digest), false),
            (block(k, 0x01, &trailing), false),
            (bad_padding, false),
            (no_separator, false),
        ];
        for (i, (want_block, valid)) in cases.into_iter().enumerate() {
            let signature = raw_sign(&private, &want_block);
            assert_eq!(
                public_op(key, &signature),
                Some(want_block),
                "{name} case {i}"
            );
            assert_eq!(agree(key, message, &signature), valid, "{name} case {i}");
        }
    }
}

// The engine's rules are the verification rules: RFC 4648 vectors decode,
// and anything not canonical padded base64 is refused.
#[test]
fn signature_base64_is_strict() {
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(STANDARD.encode(plain), coded);
        assert_eq!(STANDARD.decode(coded).unwrap(), plain.as_bytes());
    }
    assert_eq!(STANDARD.encode([0xfb, 0xff]), "+/8=");
    for bad in [
        "Zg",
        "Zg=",
        "Zh==",
        "Zm9=",
        "Z===",
        "Zm9v=",
        "Zm-v",
        "Zm_v",
        "Zm9v Yg==",
        "=",
        "A",
    ] {
        assert!(STANDARD.decode(bad).is_err(), "{bad}");
    }
}
