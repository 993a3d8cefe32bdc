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
//! code. `R² mod n` is computed here too (from the modulus alone), so that
//! parsing a public key does no arithmetic at all: the `rsa` crate's
//! constant-time Montgomery parameters cost a few milliseconds of a cold
//! start, where the wasm code runs in the engine's baseline tier.

use std::sync::OnceLock;

use crate::keys::PublicKey;

/// A public modulus in Montgomery form with `R² mod n`, made on the key's
/// first verification here and kept with the key.
#[derive(Clone, Default)]
pub(crate) struct Montgomery(OnceLock<Option<Prepared>>);

#[derive(Clone)]
struct Prepared {
    modulus: Modulus,
    /// `R² mod n`, with `R = 2^(32·len)`: moves a number into Montgomery form.
    r2: Vec<u32>,
}

impl Montgomery {
    fn get(&self, n: &[u8]) -> Option<&Prepared> {
        self.0
            .get_or_init(|| {
                let modulus = Modulus::new(limbs(n, n.len().div_ceil(4))?)?;
                let r2 = modulus.r2()?;
                Some(Prepared { modulus, r2 })
            })
            .as_ref()
    }
}

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
    let Prepared { modulus, r2 } = key.montgomery().get(key.modulus())?;
    let len = modulus.n.len();
    let s = limbs(signature, len)?;
    if !less(&s, &modulus.n) {
        return None;
    }

    let e = key.exponent();
    let top = (u64::BITS - e.leading_zeros()).checked_sub(1)?; // e >= 3 for every key
    let base = modulus.mul(&s, r2); // s·R mod n
    let mut acc = base.clone();
    for bit in (0..top).rev() {
        acc = modulus.mul(&acc, &acc);
        if (e >> bit) & 1 == 1 {
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
#[derive(Clone)]
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

    /// `R² mod n`: `2^(bits-1)` (below `n`) doubled up to `R mod n`, then
    /// `len` more times to `2^len·R`, then squared five times in Montgomery
    /// form (each squaring doubles the power of two: `2^(32·len)·R = R²`).
    /// A few dozen shifts and five multiplications.
    fn r2(&self) -> Option<Vec<u32>> {
        let len = self.n.len();
        let top = self.n.last()?;
        let bits = (len - 1) * 32 + (u32::BITS - top.leading_zeros()) as usize;
        let mut x = vec![0u32; len];
        *x.get_mut((bits - 1) / 32)? = 1 << ((bits - 1) % 32);
        for _ in 0..(32 * len - (bits - 1)) + len {
            self.double(&mut x);
        }
        for _ in 0..5 {
            x = self.mul(&x, &x);
        }
        Some(x)
    }

    /// `x = 2x mod n` for `x < n`.
    fn double(&self, x: &mut [u32]) {
        let mut carry = 0;
        for limb in x.iter_mut() {
            let next = *limb >> 31;
            *limb = (*limb << 1) | carry;
            carry = next;
        }
        if carry != 0 || !less(x, &self.n) {
            sub_in_place(x, &self.n);
        }
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
            sub_in_place(&mut out, &self.n);
        }
        out
    }
}

/// `a -= b` modulo `2^(32·len)`, for limbs of the same length.
fn sub_in_place(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0u64;
    for (o, &b_j) in a.iter_mut().zip(b) {
        let d = u64::from(*o)
            .wrapping_sub(u64::from(b_j))
            .wrapping_sub(borrow);
        *o = d as u32;
        borrow = d >> 63;
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

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::BoxedUint;
    use sha2::{Digest, Sha256};

    /// Deterministic bytes for a test case.
    fn bytes(seed: u32, len: usize) -> Vec<u8> {
        (0..len.div_ceil(32) as u32)
            .flat_map(|i| Sha256::digest([seed.to_be_bytes(), i.to_be_bytes()].concat()))
            .take(len)
            .collect()
    }

    // R² mod n against crypto-bigint's remainder, for odd moduli of every
    // bit length near the accepted sizes (multiples of 32 and not).
    #[test]
    fn r2_is_r_squared_mod_n() {
        for bits in (2016usize..=2080).chain([3071, 3072, 3073, 4095, 4096]) {
            let mut n = bytes(bits as u32, bits.div_ceil(8));
            let excess = n.len() * 8 - bits;
            n[0] = (n[0] & (0xff >> excess)) | (0x80 >> excess); // exactly `bits` long
            *n.last_mut().unwrap() |= 1;
            let modulus = Modulus::new(limbs(&n, n.len().div_ceil(4)).unwrap()).unwrap();
            let len = modulus.n.len();
            let precision = (2 * 32 * len + 32) as u32;
            let r2 = BoxedUint::one_with_precision(precision).shl(2 * 32 * len as u32);
            let n_big = BoxedUint::from_be_slice(&n, precision).unwrap();
            let want = r2.rem(&crypto_bigint::NonZero::new(n_big).unwrap());
            let want = limbs(&want.to_be_bytes(), len).unwrap();
            assert_eq!(modulus.r2().unwrap(), want, "{bits} bits");
        }
    }
}
