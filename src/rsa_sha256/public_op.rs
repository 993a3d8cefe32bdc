//! RSAVP1, the raw RSA public operation (RFC 8017 §5.2.2), in variable time.
//!
//! Everything it touches is public (the key, the signature, the result), so
//! nothing here needs to run in constant time, and it does not: plain
//! left-to-right square-and-multiply over the bits of `e` (17 bits, two of
//! them set, for 65537). The `rsa` crate's public operation uses a fixed
//! 4-bit window built for secret exponents (a 16-entry table, constant-time
//! lookups): about twice the multiplications for `e = 65537`.
//!
//! The Montgomery multiplication follows crypto-bigint's (finely integrated
//! operand scanning, as in its `montgomery_multiply_inner`), over 32-bit
//! limbs instead of 64-bit ones: crypto-bigint uses 64-bit limbs on wasm32
//! too, and WebAssembly has no 64×64→128-bit multiplication, so there every
//! limb product is a call to `__multi3`. Measured in Node, an RSA-2048
//! verification takes about 0.20 ms with crypto-bigint's `BoxedMontyForm`
//! doing this same square-and-multiply, and about 0.15 ms with the loop
//! below.
//!
//! Signing does not come here: it stays on the `rsa` crate's constant-time
//! code.

use rsa::traits::PublicKeyParts;

use crate::keys::PublicKey;

/// `s^e mod n` for a signature `s` of exactly the modulus length, returned as
/// the encoded message block: big-endian, left-padded to the modulus length.
///
/// `None` when the signature has another length or, read as an integer, is
/// not below the modulus (RFC 8017 §8.2.2 steps 1 and 2). The block itself is
/// not checked: [`super::verify`] compares it with the one expected, and a
/// diagnosis can read from it which padding and hash a signature carries.
pub(crate) fn public_op(key: &PublicKey, signature: &[u8]) -> Option<Vec<u8>> {
    let k = key.size();
    if signature.len() != k {
        return None;
    }
    let rsa_key: &rsa::RsaPublicKey = key.verifying_key().as_ref();
    // R = 2^(32·len), the R that crypto-bigint chose for this modulus; its
    // parameters carry R² mod n, which moves a number into Montgomery form.
    let r2 = rsa_key.n_params().as_ref().r2().to_be_bytes();
    let len = r2.len().div_ceil(4);
    let r2 = limbs(&r2, len)?;
    let modulus = Modulus::new(limbs(&rsa_key.n().to_be_bytes(), len)?)?;
    let s = limbs(signature, len)?;
    if !less(&s, &modulus.n) {
        return None;
    }

    let e = rsa_key.e();
    let top = e.bits_vartime().checked_sub(1)?; // e >= 2 for every key
    let base = modulus.mul(&s, &r2); // s·R mod n
    let mut acc = base.clone();
    for bit in (0..top).rev() {
        acc = modulus.mul(&acc, &acc);
        if e.bit_vartime(bit) {
            acc = modulus.mul(&acc, &base);
        }
    }
    let mut one = vec![0; len];
    *one.first_mut()? = 1;
    let value = modulus.mul(&acc, &one); // out of Montgomery form

    let bytes: Vec<u8> = value.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
    // value < n < 2^(8k): everything left of the last k bytes is zero.
    bytes.get(bytes.len().checked_sub(k)?..).map(<[u8]>::to_vec)
}

/// An odd modulus as little-endian 32-bit limbs, with `-n⁻¹ mod 2³²`.
struct Modulus {
    n: Vec<u32>,
    neg_inv: u32,
}

impl Modulus {
    fn new(n: Vec<u32>) -> Option<Self> {
        let n0 = *n.first()?;
        if n0 & 1 == 0 {
            return None;
        }
        // Newton's iteration doubles the correct low bits: 1 → 2 → … → 32.
        let mut inv: u32 = 1;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u32.wrapping_sub(n0.wrapping_mul(inv)));
        }
        Some(Modulus {
            n,
            neg_inv: inv.wrapping_neg(),
        })
    }

    /// `x·y·R⁻¹ mod n` for `x, y < n`, both as long as `n`.
    fn mul(&self, x: &[u32], y: &[u32]) -> Vec<u32> {
        const B: u32 = u32::BITS;
        let mut out = vec![0u32; self.n.len()];
        let mut meta_carry = 0u64;
        for &xi in x {
            let xi = u64::from(xi);
            // out = (out + xi·y + u·n) / 2³², with u making the sum divisible.
            let mut limbs = out.iter_mut().zip(y).zip(&self.n);
            let Some(((out0, &y0), &n0)) = limbs.next() else {
                break;
            };
            let axy = xi * u64::from(y0) + u64::from(*out0);
            let u = u64::from((axy as u32).wrapping_mul(self.neg_inv));
            let um = u * u64::from(n0);
            let lo = u64::from(axy as u32) + u64::from(um as u32);
            let mut carry = (axy >> B) + (um >> B) + (lo >> B);
            let mut prev = out0;
            for ((out_j, &y_j), &n_j) in limbs {
                let axy = xi * u64::from(y_j) + u64::from(*out_j); // <= 2⁶⁴ - 2³²
                let umc = u * u64::from(n_j) + carry; // carry <= 2³³ - 2: no overflow
                let lo = u64::from(axy as u32) + u64::from(umc as u32);
                *prev = lo as u32;
                carry = (axy >> B) + (umc >> B) + (lo >> B);
                prev = out_j;
            }
            carry += meta_carry;
            *prev = carry as u32;
            meta_carry = carry >> B;
        }
        // out < 2n: one subtraction at most.
        if meta_carry != 0 || !less(&out, &self.n) {
            let mut borrow = 0u64;
            for (o, &n_j) in out.iter_mut().zip(&self.n) {
                let d = u64::from(*o)
                    .wrapping_sub(u64::from(n_j))
                    .wrapping_sub(borrow);
                *o = d as u32;
                borrow = d >> 63;
            }
        }
        out
    }
}

/// Big-endian bytes as exactly `len` little-endian 32-bit limbs; `None` if
/// the number does not fit.
fn limbs(be: &[u8], len: usize) -> Option<Vec<u32>> {
    let mut out: Vec<u32> = be
        .rchunks(4)
        .map(|c| c.iter().fold(0, |acc, &b| (acc << 8) | u32::from(b)))
        .collect();
    while out.len() > len {
        if out.pop()? != 0 {
            return None;
        }
    }
    out.resize(len, 0);
    Some(out)
}

/// `a < b` for little-endian limbs of the same length.
fn less(a: &[u32], b: &[u32]) -> bool {
    a.iter().rev().lt(b.iter().rev())
}
