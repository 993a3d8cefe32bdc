//! What the block `s^e mod n` of a signature says: under the key that made
//! it, an EMSA-PKCS1-v1_5 block (`00 01 FF..FF 00 DigestInfo`, RFC 8017
//! §9.2); under any other key, noise. Eight bytes of `FF` padding or more
//! arise by chance once in 2^80 tries, so a block with that padding was made
//! with this key.

use crate::der::{self, Reader, OCTET_STRING, OID, SEQUENCE};

/// A hash a DigestInfo can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Hash {
    /// The name, as in `SHA512WithRSA`.
    pub name: &'static str,
    /// The content of its OBJECT IDENTIFIER.
    oid: &'static [u8],
    /// Digest length in bytes.
    len: usize,
}

/// A hash under the NIST arc 2.16.840.1.101.3.4.2.
macro_rules! nist {
    ($last:literal, $name:literal, $len:literal) => {
        Hash {
            name: $name,
            oid: &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, $last],
            len: $len,
        }
    };
}

/// SHA-256, the one payseal verifies.
pub(super) const SHA256: Hash = nist!(1, "SHA-256", 32);

/// Every hash of RFC 8017 §9.2 note 1 and the SHA-3 family.
const HASHES: [Hash; 13] = [
    SHA256,
    Hash {
        name: "SHA-1",
        oid: &[0x2b, 0x0e, 0x03, 0x02, 0x1a],
        len: 20,
    },
    Hash {
        name: "MD5",
        oid: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05],
        len: 16,
    },
    Hash {
        name: "MD2",
        oid: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x02],
        len: 16,
    },
    nist!(2, "SHA-384", 48),
    nist!(3, "SHA-512", 64),
    nist!(4, "SHA-224", 28),
    nist!(5, "SHA-512/224", 28),
    nist!(6, "SHA-512/256", 32),
    nist!(7, "SHA3-224", 28),
    nist!(8, "SHA3-256", 32),
    nist!(9, "SHA3-384", 48),
    nist!(10, "SHA3-512", 64),
];

/// What a recovered block holds.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Block<'a> {
    /// Not an EMSA-PKCS1-v1_5 block: another key made the signature.
    Noise,
    /// The padding of this key's signatures around something that is not
    /// the DigestInfo of a known hash.
    UnknownContent,
    /// A DigestInfo of a known hash.
    Digest {
        /// Which hash.
        hash: Hash,
        /// The digest of the bytes that were signed.
        digest: &'a [u8],
    },
}

/// Reads a block (as long as the modulus).
pub(super) fn read(block: &[u8]) -> Block<'_> {
    let Some(rest) = block.strip_prefix(&[0x00, 0x01]) else {
        return Block::Noise;
    };
    let padding = rest.iter().take_while(|&&b| b == 0xff).count();
    let Some(info) = rest.get(padding..).and_then(|r| r.strip_prefix(&[0x00])) else {
        return Block::Noise;
    };
    if padding < 8 {
        return Block::Noise;
    }
    digest_info(info).map_or(Block::UnknownContent, |(hash, digest)| Block::Digest {
        hash,
        digest,
    })
}

/// `DigestInfo ::= SEQUENCE { SEQUENCE { OID, parameters NULL or absent },
/// OCTET STRING }` of a known hash, with a digest of its length.
fn digest_info(info: &[u8]) -> Option<(Hash, &[u8])> {
    let mut outer = der::sequence(info)?;
    let mut algorithm = Reader::new(outer.expect(SEQUENCE)?.content);
    let digest = outer.expect(OCTET_STRING)?.content;
    let oid = algorithm.expect(OID)?.content;
    if let Some(params) = algorithm.next_tlv() {
        if params.raw != [0x05, 0x00] {
            return None;
        }
    }
    let hash = HASHES.iter().find(|h| h.oid == oid)?;
    (outer.is_empty() && algorithm.is_empty() && digest.len() == hash.len)
        .then_some((*hash, digest))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A type 1 block of `k` bytes around `info`.
    fn block(k: usize, info: &[u8]) -> Vec<u8> {
        crate::rsa_sha256::tests::block(k, 0x01, info)
    }

    pub(in crate::diagnose) fn info(oid: &[u8], null: bool, digest: &[u8]) -> Vec<u8> {
        let mut alg = Vec::new();
        der::write(&mut alg, OID, oid);
        if null {
            alg.extend_from_slice(&[0x05, 0x00]);
        }
        let mut body = Vec::new();
        der::write(&mut body, SEQUENCE, &alg);
        der::write(&mut body, OCTET_STRING, digest);
        let mut out = Vec::new();
        der::write(&mut out, SEQUENCE, &body);
        out
    }

    #[test]
    fn reads_every_known_hash_with_or_without_null() {
        for hash in HASHES {
            for null in [true, false] {
                let digest = vec![0xab; hash.len];
                let b = block(256, &info(hash.oid, null, &digest));
                assert_eq!(
                    read(&b),
                    Block::Digest {
                        hash,
                        digest: &digest
                    },
                    "{}",
                    hash.name
                );
            }
        }
        // RFC 8017's prefix for SHA-256, byte for byte.
        let mut sha256 = crate::rsa_sha256::SHA256_DIGEST_INFO_PREFIX.to_vec();
        sha256.extend_from_slice(&[1; 32]);
        assert_eq!(info(SHA256.oid, true, &[1; 32]), sha256);
    }

    #[test]
    fn noise_and_unknown_content() {
        let good = info(SHA256.oid, true, &[7; 32]);
        assert_eq!(read(&[0x5a; 256]), Block::Noise);
        let mut b = block(256, &good);
        b[1] = 0x02;
        assert_eq!(read(&b), Block::Noise);
        // Seven bytes of padding are too few.
        let short = block(good.len() + 10, &good);
        assert_eq!(read(&short), Block::Noise);
        assert!(matches!(
            read(&block(good.len() + 11, &good)),
            Block::Digest { .. }
        ));
        // No zero separator.
        let mut no_separator = vec![0xff; 256];
        no_separator[..2].copy_from_slice(&[0x00, 0x01]);
        assert_eq!(read(&no_separator), Block::Noise);
        // The right padding around other content.
        assert_eq!(read(&block(256, b"hello")), Block::UnknownContent);
        assert_eq!(
            read(&block(256, &info(&[0x2a, 0x03], true, &[0; 32]))),
            Block::UnknownContent
        );
        assert_eq!(
            read(&block(256, &info(SHA256.oid, true, &[0; 31]))),
            Block::UnknownContent
        );
        let mut trailing = good.clone();
        trailing.push(0);
        assert_eq!(read(&block(256, &trailing)), Block::UnknownContent);
    }
}
