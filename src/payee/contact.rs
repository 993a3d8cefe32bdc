//! E-mail and notification URLs (phone numbers: `phone.rs`).

use super::field::{codes, invalid, Check};

/// E-mail: `local@domain`, local part of RFC 5322 "atext" and dots (no
/// leading, trailing or double dot, at most 64), a domain of at least two
/// LDH labels with a letter TLD, at most 254 in all. Normalised with the
/// domain in lower case.
pub fn email(value: &str) -> Check {
    let v = value.trim();
    if v.is_empty() {
        return Err(invalid(codes::REQUIRED, "enter the e-mail address"));
    }
    if v.len() > 254 {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "an e-mail address has at most 254 characters",
        ));
    }
    address(v)
}

/// `local@domain` checked, the domain in lower case. Byte loops: the
/// size-optimised wasm build runs the substring and character searches of
/// `str` many times slower, on every payout.
fn address(v: &str) -> Check {
    let bytes = v.as_bytes();
    // Just after the last @ (0: none).
    let mut after = bytes.len();
    while after > 0 && bytes.get(after - 1) != Some(&b'@') {
        after -= 1;
    }
    let (Some(local), Some(domain)) = (v.get(..after.wrapping_sub(1)), v.get(after..)) else {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "an e-mail address looks like name@example.com",
        ));
    };
    if !is_local_part(local) {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "the part before @ has characters an e-mail address cannot have",
        ));
    }
    if !is_domain(domain) {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "the part after @ is not a domain such as example.com",
        ));
    }
    let mut address = String::with_capacity(v.len());
    address.push_str(local);
    address.push('@');
    address.push_str(&domain.to_ascii_lowercase());
    Ok(address)
}

/// A dot-atom: atext characters (RFC 5322: ASCII letters, digits and
/// ``!#$%&'*+/=?^_`{|}~-``) in runs joined by single dots, at most 64.
fn is_local_part(local: &str) -> bool {
    let bytes = local.as_bytes();
    let mut previous = b'.'; // no dot first
    for &b in bytes {
        let atext = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'/'
                    | b'='
                    | b'?'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'{'
                    | b'|'
                    | b'}'
                    | b'~'
                    | b'-'
            );
        // A dot only after an atext character.
        let single_dot = b == b'.' && previous != b'.';
        if !(atext || single_dot) {
            return false;
        }
        previous = b;
    }
    !bytes.is_empty() && bytes.len() <= 64 && previous != b'.'
}

/// A host name of at least two LDH labels (letters, digits and inner
/// hyphens, 1 to 63 of them), the last alphabetic and at least two long;
/// at most 253 in all. Letters of either case.
fn is_domain(host: &str) -> bool {
    let bytes = host.as_bytes();
    let (mut labels, mut len, mut first, mut last, mut alpha) = (0, 0, 0, 0, true);
    // The end of the host ends its last label, as a dot would.
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b'.');
        if b == b'.' {
            if len == 0 || len > 63 || first == b'-' || last == b'-' {
                return false;
            }
            labels += 1;
            if i < bytes.len() {
                (len, alpha) = (0, true);
            }
            continue;
        }
        if !b.is_ascii_alphanumeric() && b != b'-' {
            return false;
        }
        if len == 0 {
            first = b;
        }
        (last, len) = (b, len + 1);
        alpha &= b.is_ascii_alphabetic();
    }
    labels >= 2 && bytes.len() <= 253 && len >= 2 && alpha
}

/// Notification URL: `http` or `https`, a domain name host (no IP address,
/// no user name), at most 2048 characters, written as RFC 3986 has it: ASCII
/// only, and nothing that must be percent-encoded (space, control
/// characters, `<>"{}|\\^` and backtick; a `%` starts a `%XX` escape). An
/// `xn--` host label must decode (RFC 3492) to characters that are not
/// ASCII, controls, white space or format characters.
pub fn url(value: &str) -> Check {
    let v = value.trim();
    if v.is_empty() {
        return Err(invalid(codes::REQUIRED, "enter the URL"));
    }
    if v.len() > 2048 {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "a URL has at most 2048 characters",
        ));
    }
    let lower = v.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "the URL must start with https:// or http://",
        ));
    };
    if v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid(
            codes::INVALID_CHARACTERS,
            "a URL cannot contain spaces or control characters",
        ));
    }
    if !v.bytes().all(is_uri_byte) {
        return Err(invalid(
            codes::INVALID_CHARACTERS,
            "a URL has only ASCII letters, digits and -._~:/?#[]@!$&'()*+,;=%: percent-encode anything else (as new URL(url).href does), and write an international domain name in its xn-- form",
        ));
    }
    let b = v.as_bytes();
    let bad_escape = b.iter().enumerate().any(|(i, &c)| {
        c == b'%'
            && !b
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if bad_escape || b.iter().filter(|&&c| c == b'#').count() > 1 {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "a % in a URL starts an escape such as %20, and # comes at most once",
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.as_bytes().contains(&b'@') {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "the URL must not contain a user name",
        ));
    }
    if authority.starts_with('[') {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "use a public domain name, not an IP address",
        ));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    if port.is_some_and(|p| {
        p.is_empty()
            || p.len() > 5
            || !p.bytes().all(|b| b.is_ascii_digit())
            || p.parse::<u32>().map_or(true, |n| n == 0 || n > 65535)
    }) {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "the URL port is not a number from 1 to 65535",
        ));
    }
    let host = host.trim_end_matches('.');
    if !host.is_empty() && host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "use a public domain name, not an IP address",
        ));
    }
    if !is_domain(host) {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "the URL host is not a domain name such as example.com",
        ));
    }
    if host
        .split('.')
        .filter_map(|l| l.strip_prefix("xn--"))
        .any(|ace| !punycode_label_ok(ace))
    {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "an xn-- label of the URL host is not valid punycode: copy the domain again",
        ));
    }
    Ok(v.to_owned())
}

/// RFC 3986 unreserved and reserved characters, and `%`.
fn is_uri_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

/// Whether the part of an `xn--` label after the prefix decodes (RFC 3492)
/// to a label worth encoding: not all ASCII, and without controls, white
/// space or format characters (bidirectional controls...).
fn punycode_label_ok(ace: &str) -> bool {
    let mut encoded = false;
    punycode_decode(ace, |_, c| {
        encoded = true;
        !(c.is_control() || c.is_whitespace() || is_format(c))
    }) && encoded
}

/// RFC 3492 Bootstring decoding with the Punycode parameters (section 5):
/// calls `each` with the place and character of every code point the
/// digits insert among the basic ones, and is false as soon as `each` is,
/// or for input that does not decode (a bad digit, an overflow, a code
/// point out of range or a surrogate).
fn punycode_decode(input: &str, mut each: impl FnMut(u32, char) -> bool) -> bool {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    let (basic, digits) = match input.rfind('-') {
        Some(at) => (
            input.get(..at).unwrap_or_default(),
            input.get(at + 1..).unwrap_or_default(),
        ),
        None => ("", input),
    };
    let Ok(mut len) = u32::try_from(basic.len()) else {
        return false;
    };
    let mut decode = || -> Option<()> {
        if !basic.is_ascii() {
            return None;
        }
        let (mut n, mut i, mut bias) = (0x80u32, 0u32, 72u32);
        let mut digits = digits.bytes().peekable();
        while digits.peek().is_some() {
            let old_i = i;
            let mut w = 1u32;
            let mut k = BASE;
            loop {
                let digit = u32::from(match digits.next()? {
                    b @ b'a'..=b'z' => b - b'a',
                    b @ b'A'..=b'Z' => b - b'A',
                    b @ b'0'..=b'9' => b - b'0' + 26,
                    _ => return None,
                });
                i = i.checked_add(digit.checked_mul(w)?)?;
                let t = if k <= bias + T_MIN {
                    T_MIN
                } else if k >= bias + T_MAX {
                    T_MAX
                } else {
                    k - bias
                };
                if digit < t {
                    break;
                }
                w = w.checked_mul(BASE - t)?;
                k = k.checked_add(BASE)?;
            }
            len += 1;
            // Bias adaptation (section 6.1).
            let mut delta = if old_i == 0 { i / 700 } else { (i - old_i) / 2 };
            delta += delta / len;
            let mut k = 0;
            while delta > ((BASE - T_MIN) * T_MAX) / 2 {
                delta /= BASE - T_MIN;
                k += BASE;
            }
            bias = k + (BASE - T_MIN + 1) * delta / (delta + 38);
            n = n.checked_add(i / len)?;
            i %= len;
            if !each(i, char::from_u32(n)?) {
                return None;
            }
            i += 1;
        }
        Some(())
    };
    decode().is_some()
}

/// Unicode general category Cf (format characters: soft hyphen, zero-width
/// and bidirectional controls, tags...), as of Unicode 15.
fn is_format(c: char) -> bool {
    const CF: &[(u32, u32)] = &[
        (0xad, 0xad),
        (0x600, 0x605),
        (0x61c, 0x61c),
        (0x6dd, 0x6dd),
        (0x70f, 0x70f),
        (0x890, 0x891),
        (0x8e2, 0x8e2),
        (0x180e, 0x180e),
        (0x200b, 0x200f),
        (0x202a, 0x202e),
        (0x2060, 0x2064),
        (0x2066, 0x206f),
        (0xfeff, 0xfeff),
        (0xfff9, 0xfffb),
        (0x110bd, 0x110bd),
        (0x110cd, 0x110cd),
        (0x13430, 0x1343f),
        (0x1bca0, 0x1bca3),
        (0x1d173, 0x1d17a),
        (0xe0001, 0xe0001),
        (0xe0020, 0xe007f),
    ];
    let c = u32::from(c);
    CF.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`address`] as first written, with `str`'s searches: what the
    /// byte loops must answer exactly like.
    fn address_reference(v: &str) -> Check {
        let Some((local, domain)) = v.rsplit_once('@') else {
            return Err(invalid(
                codes::INVALID_FORMAT,
                "an e-mail address looks like name@example.com",
            ));
        };
        let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| atext(c) || c == '.');
        if !local_ok {
            return Err(invalid(
                codes::INVALID_FORMAT,
                "the part before @ has characters an e-mail address cannot have",
            ));
        }
        let domain = domain.to_ascii_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && domain.len() <= 253
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
            && (labels.last())
                .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()));
        if !domain_ok {
            return Err(invalid(
                codes::INVALID_FORMAT,
                "the part after @ is not a domain such as example.com",
            ));
        }
        Ok(format!("{local}@{domain}"))
    }

    // Addresses built from pieces that meet every rule's edge, and random
    // strings over the characters that matter: the same answers (`email`
    // trims and bounds the length first, then asks `address`).
    #[test]
    fn email_answers_as_the_reference_does() {
        let pieces = [
            "",
            "a",
            "A",
            "rosa",
            ".",
            "..",
            "-",
            "@",
            "@@",
            " ",
            "\u{a0}",
            "é",
            "_",
            "!#$%&'*+/=?^`{|}~",
            "\"",
            "(",
            "example",
            "EXAMPLE",
            "com",
            "c",
            "c0",
            "x-y",
            "-x",
            "x-",
            "xn--mnchen-3ya",
            "1",
            "12",
        ];
        let long = "a".repeat(63);
        let longer = "a".repeat(64);
        let mut cases: Vec<String> = Vec::new();
        for l in pieces
            .iter()
            .copied()
            .chain([long.as_str(), longer.as_str()])
        {
            for d in [
                "example.com",
                "EXAMPLE.COM",
                "a.b",
                "a.b.",
                ".a.b",
                "a..b",
                "x-y.pe",
                "-x.pe",
                "x-.pe",
                "a.1",
                "a.c",
                "a.co1",
                "localhost",
                "",
                "a@b.com",
                long.as_str(),
            ] {
                cases.push(format!("{l}@{d}"));
                cases.push(format!("{l}.{l}@{d}"));
                cases.push(format!(" {l}@{d}\n"));
            }
            cases.push(l.to_owned());
        }
        cases.push(format!("a@{}.com", "b".repeat(250)));
        cases.push(format!("a@{}.com", vec!["b".repeat(63); 4].join(".")));
        let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
        let alphabet: Vec<char> = "ab.@-_ Z9é+".chars().collect();
        for _ in 0..20_000 {
            let len = (rng % 12) as usize;
            let mut s = String::new();
            for _ in 0..len {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                s.push(alphabet[(rng % alphabet.len() as u64) as usize]);
            }
            cases.push(s);
        }
        let mut valid = 0;
        for case in &cases {
            let (got, want) = (address(case), address_reference(case));
            valid += usize::from(want.is_ok());
            assert_eq!(
                got.map_err(|e| (e.code, e.message)),
                want.map_err(|e| (e.code, e.message)),
                "{case:?}"
            );
        }
        assert!(valid > 100, "{valid} valid of {}", cases.len());
    }

    /// The decoded label (the basic code points and the inserted ones).
    fn decoded(ace: &str) -> Option<Vec<u32>> {
        let basic = ace.rfind('-').map_or("", |at| &ace[..at]);
        let mut out: Vec<u32> = basic.chars().map(u32::from).collect();
        punycode_decode(ace, |at, c| {
            out.insert(at as usize, u32::from(c));
            true
        })
        .then_some(out)
    }

    // RFC 3492 section 7.1 samples (A), (B) and (L), and two labels.
    #[test]
    fn punycode_decodes_the_rfc_samples() {
        assert_eq!(
            decoded("egbpdaj6bu4bxfgehfvwxn").unwrap(),
            [
                0x644, 0x64a, 0x647, 0x645, 0x627, 0x628, 0x62a, 0x643, 0x644, 0x645, 0x648, 0x634,
                0x639, 0x631, 0x628, 0x64a, 0x61f
            ]
        );
        assert_eq!(
            decoded("ihqwcrb4cv8a8dqg056pqjye").unwrap(),
            [0x4ed6, 0x4eec, 0x4e3a, 0x4ec0, 0x4e48, 0x4e0d, 0x8bf4, 0x4e2d, 0x6587]
        );
        assert_eq!(
            decoded("3B-ww4c5e180e575a65lsy2b").unwrap(),
            [0x33, 0x5e74, 0x42, 0x7d44, 0x91d1, 0x516b, 0x5148, 0x751f]
        );
        assert_eq!(decoded("ls8h").unwrap(), [0x1f4a9]);
        assert_eq!(
            decoded("mnchen-3ya").unwrap(),
            [0x6d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]
        );
        // "a" decodes, to U+0080 (a control); "0" and "a1" stop mid-number;
        // nine 9s overflow.
        assert_eq!(decoded("a").unwrap(), [0x80]);
        assert!(!punycode_label_ok("a"));
        for bad in ["0", "a1", "99999999999", "ab_c"] {
            assert_eq!(decoded(bad), None, "{bad}");
        }
        assert!(
            punycode_label_ok("mnchen-3ya") && !punycode_label_ok("") && !punycode_label_ok("zz-")
        );
    }
}
