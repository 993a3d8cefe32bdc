//! RSA key parsing: PEM or bare base64 DER; PKCS#8 or PKCS#1 private keys;
//! SPKI, PKCS#1 or an X.509 certificate for public keys.
//!
//! Containers are recognised by their DER structure, not by the PEM label,
//! because merchants paste PKCS#8 under an `RSA PRIVATE KEY` label, keys with
//! literal `\n` escapes from env files, and one-line base64 without armour.

use core::fmt;
use std::sync::OnceLock;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine as _;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::BoxedUint;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::der::{self, Reader, BIT_STRING, INTEGER, OCTET_STRING, OID, SEQUENCE};
use crate::error::{Error, KeyRole, Result};
use crate::limits::{MAX_KEY_BITS, MAX_KEY_TEXT_BYTES};

/// Smallest modulus accepted, in bits.
pub const MIN_KEY_BITS: usize = 2048;

/// A parsed RSA private key, ready to sign. Zeroized on drop; `Debug` shows
/// only the public fingerprint.
#[derive(Clone)]
pub struct PrivateKey {
    signing: Signing,
    public: PublicKey,
}

/// How a private key signs in the wasm code.
#[derive(Clone)]
enum Signing {
    /// Parsed and checked here.
    Parsed(rsa::pkcs1v15::SigningKey<Sha256>),
    /// Canonical PKCS#8 DER that the JS layer read and checked as
    /// [`PrivateKey::from_der`] checks it (`key-read.js`): the key is made
    /// from it when the wasm code first signs, which a key signed with by
    /// node:crypto or WebCrypto never does.
    Checked {
        pkcs8: Zeroizing<Vec<u8>>,
        key: OnceLock<Result<rsa::pkcs1v15::SigningKey<Sha256>>>,
    },
}

/// A parsed RSA public key, ready to verify.
///
/// It keeps the modulus and exponent as they are: the Montgomery form of
/// the modulus, which only the wasm code's own verification needs, is made
/// on its first verification (a key verified elsewhere, by WebCrypto or
/// node:crypto, never pays for it).
#[derive(Clone)]
pub struct PublicKey {
    /// The modulus, big-endian, without leading zeros.
    n: Vec<u8>,
    /// The public exponent (at most 2^33 - 1, as for every RSA key accepted).
    e: u64,
    montgomery: crate::rsa_sha256::Montgomery,
    spki_der: Vec<u8>,
    bits: usize,
    fingerprint: String,
}

impl PrivateKey {
    /// Parses key text: PEM (any label) or bare base64 of PKCS#8 / PKCS#1 DER.
    pub fn parse(text: &str) -> Result<Self> {
        let der = decode_text(text)?;
        Self::from_der(&der)
    }

    /// Parses PKCS#8 or PKCS#1 DER.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let key = Self::rsa_from_der(der)?;
        let public = PublicKey::from_parts(&key.n().to_be_bytes(), &key.e().to_be_bytes())?;
        Ok(PrivateKey {
            signing: Signing::Parsed(rsa::pkcs1v15::SigningKey::new(key)),
            public,
        })
    }

    /// A key from canonical PKCS#8 DER that the caller has already checked
    /// as [`PrivateKey::from_der`] does: only its public half is read now,
    /// the rest when the wasm code first signs with it. For the JS layer,
    /// which reads the common key forms itself (`key-read.js`); a DER that
    /// the full parse would refuse fails on that first signature instead.
    pub fn from_checked_pkcs8(pkcs8: &[u8]) -> Result<Self> {
        let public = match classify(pkcs8) {
            Container::Pkcs8 { key, .. } => integers(key, 9)
                .and_then(|ints| Some(PublicKey::from_parts(ints.get(1)?, ints.get(2)?))),
            _ => None,
        };
        Ok(PrivateKey {
            public: public.unwrap_or(Err(Error::KeyFormat(
                "the RSA private key is malformed or inconsistent",
            )))?,
            signing: Signing::Checked {
                pkcs8: Zeroizing::new(pkcs8.to_vec()),
                key: OnceLock::new(),
            },
        })
    }

    /// The `rsa` crate's key from PKCS#8 or PKCS#1 DER, checked.
    fn rsa_from_der(der: &[u8]) -> Result<rsa::RsaPrivateKey> {
        Ok(match classify(der) {
            Container::Pkcs8 { algorithm, key } => {
                require_rsa(algorithm)?;
                private_from_pkcs1(key)?
            }
            Container::Pkcs1Private => private_from_pkcs1(der)?,
            Container::Sec1Ec => return Err(Error::KeyType("EC")),
            Container::EncryptedPkcs8 => return Err(Error::KeyEncrypted),
            Container::Spki { .. } | Container::Pkcs1Public | Container::Certificate { .. } => {
                return Err(Error::KeyRole {
                    expected: KeyRole::Private,
                })
            }
            Container::Unknown => return Err(Error::KeyFormat("unrecognised DER structure")),
        })
    }

    /// The matching public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.public.bits
    }

    /// Hex SHA-256 of the SubjectPublicKeyInfo DER of the matching public key.
    pub fn fingerprint(&self) -> &str {
        &self.public.fingerprint
    }

    /// The key as PKCS#8 DER (canonical, as OpenSSL writes it), wiped from
    /// memory when dropped.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        let signing = match &self.signing {
            Signing::Checked { pkcs8, .. } => return Ok(pkcs8.clone()),
            Signing::Parsed(signing) => signing,
        };
        let key: &rsa::RsaPrivateKey = signing.as_ref();
        let cannot = Error::KeyFormat("the key cannot be encoded as PKCS#8");
        // The CRT values as precomputed at parse time (`qinv` taken out of
        // its Montgomery form): computing the coefficient again would be a
        // modular inversion on every export.
        let (Some(dp), Some(dq), Some(qinv)) = (key.dp(), key.dq(), key.qinv()) else {
            return Err(cannot);
        };
        let qinv = Zeroizing::new(qinv.retrieve());
        let [p, q] = key.primes() else {
            return Err(cannot);
        };
        let mut ints = Zeroizing::new(Vec::with_capacity(1200));
        der::write_unsigned(&mut ints, &[0]);
        for part in [
            key.n().as_ref(),
            key.e(),
            key.d(),
            p.as_ref(),
            q.as_ref(),
            dp,
            dq,
            &qinv,
        ] {
            der::write_unsigned(&mut ints, &Zeroizing::new(part.to_be_bytes()));
        }
        let mut pkcs1 = Zeroizing::new(Vec::with_capacity(ints.len() + 4));
        der::write(&mut pkcs1, SEQUENCE, &ints);
        let mut body = Zeroizing::new(Vec::with_capacity(pkcs1.len() + 32));
        der::write_unsigned(&mut body, &[0]);
        body.extend_from_slice(RSA_ALGORITHM_IDENTIFIER);
        der::write(&mut body, OCTET_STRING, &pkcs1);
        let mut out = Zeroizing::new(Vec::with_capacity(body.len() + 4));
        der::write(&mut out, SEQUENCE, &body);
        Ok(out)
    }

    /// The key the wasm code signs with (made now from a checked DER).
    pub(crate) fn signing_key(&self) -> Result<&rsa::pkcs1v15::SigningKey<Sha256>> {
        match &self.signing {
            Signing::Parsed(signing) => Ok(signing),
            Signing::Checked { pkcs8, key } => key
                .get_or_init(|| Self::rsa_from_der(pkcs8).map(rsa::pkcs1v15::SigningKey::new))
                .as_ref()
                .map_err(Clone::clone),
        }
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("bits", &self.public.bits)
            .field("fingerprint", &self.public.fingerprint)
            .finish_non_exhaustive()
    }
}

impl PublicKey {
    /// Parses key text: PEM (any label) or bare base64 of SPKI, PKCS#1 or
    /// X.509 certificate DER.
    pub fn parse(text: &str) -> Result<Self> {
        let der = decode_text(text)?;
        Self::from_der(&der)
    }

    /// Parses SPKI, PKCS#1 or X.509 certificate DER.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        match classify(der) {
            Container::Spki { algorithm, key } => spki_key(algorithm, key),
            Container::Certificate { spki } => match classify(spki) {
                Container::Spki { algorithm, key } => spki_key(algorithm, key),
                _ => Err(Error::KeyFormat("the certificate holds no public key")),
            },
            Container::Pkcs1Public => public_from_pkcs1(der),
            Container::Pkcs8 { .. }
            | Container::Pkcs1Private
            | Container::Sec1Ec
            | Container::EncryptedPkcs8 => Err(Error::KeyRole {
                expected: KeyRole::Public,
            }),
            Container::Unknown => Err(Error::KeyFormat("unrecognised DER structure")),
        }
    }

    /// A public key from the magnitudes of its modulus and exponent, checked
    /// as the `rsa` crate checks one (an odd modulus of an accepted size; an
    /// odd exponent from 3 to 2^33 - 1, so below the modulus).
    fn from_parts(n: &[u8], e: &[u8]) -> Result<Self> {
        let malformed = Error::KeyFormat("the RSA public key is malformed");
        let n = der::trim_zeros(n);
        let bits = bit_length(n);
        check_size(Some(bits))?;
        let e = der::trim_zeros(e);
        let e = match e.len() {
            0..=8 => e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)),
            _ => return Err(malformed),
        };
        let n_odd = n.last().is_some_and(|b| b & 1 == 1);
        if !n_odd || e & 1 == 0 || !(3..1 << 33).contains(&e) {
            return Err(malformed);
        }
        let spki_der = spki_der(n, &e.to_be_bytes());
        let fingerprint = crate::hex::encode(&Sha256::digest(&spki_der));
        Ok(PublicKey {
            n: n.to_vec(),
            e,
            montgomery: Default::default(),
            spki_der,
            bits,
            fingerprint,
        })
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// Modulus size in bytes: the length of every signature.
    pub fn size(&self) -> usize {
        self.bits.div_ceil(8)
    }

    /// Hex SHA-256 of the SubjectPublicKeyInfo DER.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The SubjectPublicKeyInfo DER.
    pub fn to_spki_der(&self) -> &[u8] {
        &self.spki_der
    }

    /// The modulus, big-endian, without leading zeros.
    pub(crate) fn modulus(&self) -> &[u8] {
        &self.n
    }

    /// The public exponent.
    pub(crate) fn exponent(&self) -> u64 {
        self.e
    }

    /// The modulus's Montgomery form, made on first use.
    pub(crate) fn montgomery(&self) -> &crate::rsa_sha256::Montgomery {
        &self.montgomery
    }

    /// The key for the `rsa` crate's own verification (the tests' reference).
    #[cfg(test)]
    pub(crate) fn verifying_key(&self) -> rsa::pkcs1v15::VerifyingKey<Sha256> {
        let n = BoxedUint::from_be_slice(&self.n, (self.n.len() * 8) as u32).unwrap();
        let key = rsa::RsaPublicKey::new(n, BoxedUint::from(self.e)).unwrap();
        rsa::pkcs1v15::VerifyingKey::new(key)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("bits", &self.bits)
            .field("fingerprint", &self.fingerprint)
            .finish()
    }
}

/// Key text to DER: PEM with any label, or bare base64; tolerates quotes,
/// CRLF, literal `\n` escapes and stray whitespace.
fn decode_text(text: &str) -> Result<Zeroizing<Vec<u8>>> {
    if text.len() > MAX_KEY_TEXT_BYTES {
        return Err(Error::InputTooLarge {
            what: "key text",
            limit: MAX_KEY_TEXT_BYTES,
        });
    }
    // Escaped line breaks, as a key pasted from JSON or an .env file has them.
    let unescaped = Zeroizing::new(crate::text::replace(text, "\\r", "\r"));
    let text = Zeroizing::new(crate::text::replace(&unescaped, "\\n", "\n"));
    let trimmed = text.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    if trimmed.is_empty() {
        return Err(Error::KeyFormat("the key text is empty"));
    }
    let payload = match crate::text::find(trimmed, "-----BEGIN ") {
        // `openssl ecparam -genkey` writes the curve before an EC key.
        Some(start)
            if trimmed
                .get(start + 11..)
                .is_some_and(|l| l.starts_with("EC PARAMETERS-----")) =>
        {
            return Err(Error::KeyType("EC"))
        }
        Some(start) => pem_payload(trimmed.get(start..).unwrap_or_default())?,
        None => trimmed,
    };
    let compact: Zeroizing<Vec<u8>> = Zeroizing::new(
        payload
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .collect(),
    );
    // Padding may be left off, but when present it must be complete.
    let engine = if compact.ends_with(b"=") {
        &STANDARD
    } else {
        &STANDARD_NO_PAD
    };
    engine
        .decode(&*compact)
        .map(Zeroizing::new)
        .map_err(|_| Error::KeyFormat("the text is neither PEM nor base64"))
}

/// The base64 between the first BEGIN line and its END line.
fn pem_payload(pem: &str) -> Result<&str> {
    let header_end = pem
        .get(11..)
        .and_then(|s| crate::text::find(s, "-----"))
        .ok_or(Error::KeyFormat("a PEM BEGIN line is not closed"))?
        + 11;
    let label = pem.get(11..header_end).unwrap_or_default();
    let body_start = header_end + 5;
    let body = pem.get(body_start..).unwrap_or_default();
    let end = crate::text::find(body, "-----END ")
        .ok_or(Error::KeyFormat("the PEM block has no END line"))?;
    let body = body.get(..end).unwrap_or_default();
    if crate::text::contains(label, "ENCRYPTED") || crate::text::contains(body, "ENCRYPTED") {
        return Err(Error::KeyEncrypted);
    }
    // Skip RFC 1421 headers ("Name: value" lines) if any.
    Ok(match body.rfind(':') {
        Some(colon) => body
            .get(colon..)
            .and_then(|s| s.find('\n').and_then(|nl| s.get(nl..)))
            .unwrap_or_default(),
        None => body,
    })
}

/// What a DER blob is, judged by its structure.
enum Container<'a> {
    Pkcs8 {
        algorithm: &'a [u8],
        key: &'a [u8],
    },
    EncryptedPkcs8,
    Pkcs1Private,
    /// SEC1 `ECPrivateKey` (`EC PRIVATE KEY`): `SEQUENCE { INTEGER 1, OCTET STRING, ... }`.
    Sec1Ec,
    Spki {
        algorithm: &'a [u8],
        key: &'a [u8],
    },
    Pkcs1Public,
    Certificate {
        spki: &'a [u8],
    },
    Unknown,
}

fn classify(der: &[u8]) -> Container<'_> {
    let Some(mut seq) = der::sequence(der) else {
        return Container::Unknown;
    };
    let (Some(first), Some(second)) = (seq.next_tlv(), seq.next_tlv()) else {
        return Container::Unknown;
    };
    match (first.tag, second.tag) {
        (INTEGER, SEQUENCE) => match seq.expect(OCTET_STRING) {
            Some(key) => Container::Pkcs8 {
                algorithm: algorithm_oid(second.content),
                key: key.content,
            },
            None => Container::Unknown,
        },
        (INTEGER, INTEGER) => {
            let mut count = 2;
            while let Some(t) = seq.next_tlv() {
                if t.tag != INTEGER {
                    return Container::Unknown;
                }
                count += 1;
            }
            match count {
                2 => Container::Pkcs1Public,
                c if c >= 9 => Container::Pkcs1Private,
                _ => Container::Unknown,
            }
        }
        (INTEGER, OCTET_STRING) if first.content == [1] => Container::Sec1Ec,
        (SEQUENCE, BIT_STRING) => Container::Spki {
            algorithm: algorithm_oid(first.content),
            key: second.content.get(1..).unwrap_or_default(),
        },
        (SEQUENCE, OCTET_STRING) => Container::EncryptedPkcs8,
        (SEQUENCE, SEQUENCE) => certificate_spki(first.content)
            .map(|spki| Container::Certificate { spki })
            .unwrap_or(Container::Unknown),
        _ => Container::Unknown,
    }
}

/// The SubjectPublicKeyInfo inside a TBSCertificate's content.
fn certificate_spki(tbs: &[u8]) -> Option<&[u8]> {
    let mut r = Reader::new(tbs);
    let mut field = r.next_tlv()?;
    if field.tag == 0xa0 {
        field = r.next_tlv()?; // explicit [0] version
    }
    if field.tag != INTEGER {
        return None; // serialNumber
    }
    for _ in 0..4 {
        r.expect(SEQUENCE)?; // signature, issuer, validity, subject
    }
    Some(r.expect(SEQUENCE)?.raw)
}

fn algorithm_oid(algorithm_identifier: &[u8]) -> &[u8] {
    Reader::new(algorithm_identifier)
        .expect(OID)
        .map(|t| t.content)
        .unwrap_or_default()
}

const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

fn require_rsa(oid: &[u8]) -> Result<()> {
    if oid == RSA_ENCRYPTION {
        return Ok(());
    }
    Err(Error::KeyType(match oid {
        [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a] => "RSASSA-PSS",
        [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01] => "EC",
        [0x2b, 0x65, 0x70] => "Ed25519",
        [0x2b, 0x65, 0x71] => "Ed448",
        [0x2b, 0x65, 0x6e] | [0x2b, 0x65, 0x6f] => "X25519/X448",
        [0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01] => "DSA",
        _ => "non-RSA",
    }))
}

fn spki_key(algorithm: &[u8], key: &[u8]) -> Result<PublicKey> {
    require_rsa(algorithm)?;
    public_from_pkcs1(key)
}

/// `SEQUENCE { OID rsaEncryption, NULL }`, encoded.
const RSA_ALGORITHM_IDENTIFIER: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/// The SubjectPublicKeyInfo DER of a key.
fn spki_der(n: &[u8], e: &[u8]) -> Vec<u8> {
    let mut ints = Vec::with_capacity(n.len() + 16);
    der::write_unsigned(&mut ints, n);
    der::write_unsigned(&mut ints, e);
    let mut bits = Vec::with_capacity(ints.len() + 8);
    bits.push(0); // no unused bits
    der::write(&mut bits, SEQUENCE, &ints);
    let mut body = RSA_ALGORITHM_IDENTIFIER.to_vec();
    der::write(&mut body, BIT_STRING, &bits);
    let mut out = Vec::with_capacity(body.len() + 4);
    der::write(&mut out, SEQUENCE, &body);
    out
}

/// The INTEGERs of a PKCS#1 structure as unsigned magnitudes (at most `max`).
fn integers(pkcs1: &[u8], max: usize) -> Option<Vec<&[u8]>> {
    let mut seq = der::sequence(pkcs1)?;
    let mut out = Vec::with_capacity(max);
    while !seq.is_empty() {
        if out.len() == max {
            return None;
        }
        out.push(der::unsigned(seq.expect(INTEGER)?.content)?);
    }
    Some(out)
}

/// A big integer of `bits` precision from magnitude bytes.
fn uint(magnitude: &[u8], bits: usize) -> Result<BoxedUint> {
    BoxedUint::from_be_slice(magnitude, bits as u32)
        .map_err(|_| Error::KeyFormat("an RSA key component is larger than the modulus"))
}

/// Decodes a PKCS#1 RSAPublicKey: `SEQUENCE { n, e }`.
fn public_from_pkcs1(pkcs1: &[u8]) -> Result<PublicKey> {
    let Some([n, e]) = integers(pkcs1, 2).and_then(|v| <[&[u8]; 2]>::try_from(v).ok()) else {
        return Err(Error::KeyFormat("the RSA public key is malformed"));
    };
    PublicKey::from_parts(n, e)
}

/// Decodes a two-prime PKCS#1 RSAPrivateKey after checking its size.
///
/// The `rsa` crate imports factors of half the modulus width; two-prime keys
/// with wider factors (legal, and present in the Wycheproof vectors) need
/// its wide-prime import. The choice is made from the encoded factor
/// lengths, once, when the key is loaded.
fn private_from_pkcs1(pkcs1: &[u8]) -> Result<rsa::RsaPrivateKey> {
    let malformed = Error::KeyFormat("the RSA private key is malformed or inconsistent");
    let ints = integers(pkcs1, 10).ok_or(malformed.clone())?;
    let &[version, n, e, d, p, q, _dp, _dq, _qinv] = ints.as_slice() else {
        return Err(if ints.len() > 9 {
            Error::KeyFormat("multi-prime RSA keys are not supported")
        } else {
            malformed
        });
    };
    if !version.is_empty() {
        return Err(Error::KeyFormat("multi-prime RSA keys are not supported"));
    }
    let bits = bit_length(n);
    check_size(Some(bits))?;
    let width = n.len() * 8;
    let (n, e, d) = (
        uint(n, width)?,
        uint(e, e.len().max(1) * 8)?,
        uint(d, width)?,
    );
    let primes = vec![uint(p, width)?, uint(q, width)?];
    let half = bits.div_ceil(2);
    let key = if bit_length(p) <= half && bit_length(q) <= half {
        rsa::RsaPrivateKey::from_components(n, e, d, primes)
    } else {
        rsa::RsaPrivateKey::from_components_with_wide_primes(n, e, d, primes)
    };
    key.map_err(|_| malformed)
}

/// Bit length of an unsigned big-endian magnitude.
fn bit_length(magnitude: &[u8]) -> usize {
    let magnitude = der::trim_zeros(magnitude);
    magnitude.first().map_or(0, |first| {
        magnitude.len() * 8 - first.leading_zeros() as usize
    })
}

fn check_size(bits: Option<usize>) -> Result<()> {
    match bits {
        None | Some(0) => Err(Error::KeyFormat("the RSA key has no valid modulus")),
        Some(bits) if bits < MIN_KEY_BITS => Err(Error::KeyTooSmall { bits }),
        Some(bits) if bits > MAX_KEY_BITS => Err(Error::KeyTooLarge { bits }),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_payload_skips_headers() {
        let pem = "-----BEGIN X-----\nA: b\n\nQUJD\n-----END X-----";
        assert_eq!(pem_payload(pem).unwrap().trim(), "QUJD");
        let enc = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nQUJD\n-----END RSA PRIVATE KEY-----";
        assert_eq!(pem_payload(enc), Err(Error::KeyEncrypted));
    }

    // Key text may leave the padding off, but partial padding or junk is
    // not base64.
    #[test]
    fn key_base64_padding_is_optional_but_never_partial() {
        for (text, plain) in [
            ("Zg==", &b"f"[..]),
            ("Zg", b"f"),
            ("Zm8=", b"fo"),
            ("Zm8", b"fo"),
            ("Zm9v", b"foo"),
        ] {
            assert_eq!(&**decode_text(text).unwrap(), plain, "{text}");
        }
        for bad in ["Zg=", "Zh", "Z", "Zm9v=", "Zm-v"] {
            assert!(decode_text(bad).is_err(), "{bad}");
        }
    }

    // SEC1 EC keys, as `openssl ecparam -genkey -name prime256v1` writes them
    // (with and without the EC PARAMETERS block), and as DER.
    #[test]
    fn sec1_ec_keys_are_key_type() {
        let params =
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        let key = "-----BEGIN EC PRIVATE KEY-----\n\
            MHcCAQEEIKU7tDs9IJZuNHNgGV5z/fjot7TzUjmEhsEKSgqZLpJwoAoGCCqGSM49\n\
            AwEHoUQDQgAEuISwPAlZ8OACQQEcAvcdE9ou9ndvY/poSBl/ulDKYkx2+ad6bPS/\n\
            mtFTQp/0m9l4jHiGJZEJFYMqrQ2SqEphsA==\n\
            -----END EC PRIVATE KEY-----\n";
        for text in [key.to_owned(), format!("{params}{key}")] {
            assert_eq!(PrivateKey::parse(&text).unwrap_err(), Error::KeyType("EC"));
        }
        let der = decode_text(key).unwrap();
        assert_eq!(
            PrivateKey::from_der(&der).unwrap_err(),
            Error::KeyType("EC")
        );
        assert_eq!(
            PublicKey::from_der(&der).unwrap_err().code(),
            "KEY_NOT_PUBLIC"
        );
    }

    #[test]
    fn key_sizes_are_2048_to_4096_bits() {
        assert_eq!(
            check_size(Some(2047)),
            Err(Error::KeyTooSmall { bits: 2047 })
        );
        assert!(check_size(Some(2048)).is_ok());
        assert!(check_size(Some(4096)).is_ok());
        assert_eq!(
            check_size(Some(4097)),
            Err(Error::KeyTooLarge { bits: 4097 })
        );
        assert_eq!(
            check_size(Some(8192)),
            Err(Error::KeyTooLarge { bits: 8192 })
        );
    }

    #[test]
    fn junk_is_key_format() {
        for junk in [
            "",
            "   ",
            "hello world",
            "-----BEGIN X-----",
            "QUJD",
            "\"\"",
        ] {
            let e = PrivateKey::parse(junk).unwrap_err();
            assert_eq!(e.code(), "KEY_FORMAT", "{junk:?}");
            let e = PublicKey::parse(junk).unwrap_err();
            assert_eq!(e.code(), "KEY_FORMAT", "{junk:?}");
        }
    }

    // A key from checked PKCS#8 DER reads only its public half, then signs
    // exactly as the fully parsed key does; a DER that the full parse
    // refuses fails on its first signature with that parse's error.
    #[test]
    fn checked_pkcs8_signs_as_the_parsed_key() {
        for (name, parsed) in crate::rsa_sha256::tests::keys() {
            let der = parsed.to_pkcs8_der().unwrap();
            let checked = PrivateKey::from_checked_pkcs8(&der).unwrap();
            assert_eq!(checked.fingerprint(), parsed.fingerprint(), "{name}");
            assert_eq!(checked.bits(), parsed.bits(), "{name}");
            assert_eq!(*checked.to_pkcs8_der().unwrap(), *der, "{name}");
            let message = b"{\"a\":1}";
            assert_eq!(
                crate::rsa_sha256::sign(&checked, message).unwrap(),
                crate::rsa_sha256::sign(&parsed, message).unwrap(),
                "{name}"
            );
        }
        let (_, parsed) = crate::rsa_sha256::tests::keys().next().unwrap();
        let mut der = parsed.to_pkcs8_der().unwrap().to_vec();
        der[430] ^= 1; // a bit of d: d·e ≢ 1 (mod p - 1)
        let checked = PrivateKey::from_checked_pkcs8(&der).unwrap();
        let full = PrivateKey::from_der(&der).map(|_| ());
        assert!(full.is_err());
        assert_eq!(crate::rsa_sha256::sign(&checked, b"x").map(|_| ()), full);
        assert!(PrivateKey::from_checked_pkcs8(b"junk").is_err());
        assert!(PrivateKey::from_checked_pkcs8(parsed.public_key().to_spki_der()).is_err());
    }
}
