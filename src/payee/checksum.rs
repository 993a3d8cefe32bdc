//! Check-digit algorithms shared by several identifiers.

use super::field::dv;

/// Luhn (mod 10, doubling every second digit from the right): whether the
/// last digit checks the others.
pub fn luhn_valid(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| {
            let d = dv(b);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Verhoeff (dihedral group D5): whether the last digit checks the others.
pub fn verhoeff_valid(digits: &[u8]) -> bool {
    let mut c = 0u8;
    for (i, &b) in digits.iter().rev().enumerate() {
        let p = VERHOEFF_P
            .get(i % 8)
            .and_then(|row| row.get(dv(b) as usize))
            .copied()
            .unwrap_or(0);
        c = VERHOEFF_D
            .get(usize::from(c))
            .and_then(|row| row.get(usize::from(p)))
            .copied()
            .unwrap_or(0);
    }
    c == 0
}

/// Sum of digit x weight, weights cycling from the left.
pub fn weighted_sum(digits: &[u8], weights: &[u32]) -> u32 {
    weighted(digits.iter(), weights, |p| p)
}

/// [`weighted_sum`] with the weights cycling from the right.
pub fn weighted_sum_from_right(digits: &[u8], weights: &[u32]) -> u32 {
    weighted(digits.iter().rev(), weights, |p| p)
}

/// [`weighted_sum`] of what `each` makes of every product: modulo 10
/// (CLABE), or the sum of its digits (CCI).
pub fn weighted_sum_by(digits: &[u8], weights: &[u32], each: impl Fn(u32) -> u32) -> u32 {
    weighted(digits.iter(), weights, each)
}

/// Sum of `each(digit x weight)`, in the order `digits` gives them. A plain
/// loop: the size-optimised wasm build calls the iterators of a `zip` with
/// a `cycle` twice a digit.
fn weighted<'d>(
    digits: impl Iterator<Item = &'d u8>,
    weights: &[u32],
    each: impl Fn(u32) -> u32,
) -> u32 {
    let mut sum = 0;
    for (i, &b) in digits.enumerate() {
        let w = i.checked_rem(weights.len()).and_then(|k| weights.get(k));
        sum += each(dv(b) * w.copied().unwrap_or(0));
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_verhoeff() {
        assert!(luhn_valid(b"79927398713"));
        assert!(!luhn_valid(b"79927398710"));
        assert!(verhoeff_valid(b"2363"));
        assert!(!verhoeff_valid(b"2364"));
    }
}
