//! E-mail, E.164 phone numbers, and notification URLs.

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
    if !is_domain(&domain) {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "the part after @ is not a domain such as example.com",
        ));
    }
    let mut address = String::with_capacity(local.len() + 1 + domain.len());
    address.push_str(local);
    address.push('@');
    address.push_str(&domain);
    Ok(address)
}

/// A host name of at least two LDH labels, the last alphabetic.
fn is_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && host.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Calling codes with the lengths of their national significant numbers
/// (ITU-T E.164 national numbering plans; the range covers fixed and mobile).
const CALLING_CODES: &[(&str, &str, usize, usize)] = &[
    ("US", "1", 10, 10),
    ("CA", "1", 10, 10),
    ("RU", "7", 10, 10),
    ("EG", "20", 9, 10),
    ("ZA", "27", 9, 9),
    ("NL", "31", 9, 9),
    ("FR", "33", 9, 9),
    ("ES", "34", 9, 9),
    ("IT", "39", 6, 11),
    ("GB", "44", 9, 10),
    ("DE", "49", 6, 13),
    ("PE", "51", 8, 9),
    ("MX", "52", 10, 10),
    ("AR", "54", 10, 11),
    ("BR", "55", 10, 11),
    ("CL", "56", 9, 9),
    ("CO", "57", 10, 10),
    ("VE", "58", 10, 10),
    ("MY", "60", 9, 10),
    ("ID", "62", 8, 12),
    ("PH", "63", 10, 10),
    ("SG", "65", 8, 8),
    ("TH", "66", 8, 9),
    ("JP", "81", 9, 10),
    ("KR", "82", 8, 10),
    ("VN", "84", 9, 10),
    ("CN", "86", 10, 11),
    ("TR", "90", 10, 10),
    ("IN", "91", 10, 10),
    ("PK", "92", 9, 10),
    ("MA", "212", 9, 9),
    ("DZ", "213", 9, 9),
    ("TN", "216", 8, 8),
    ("NG", "234", 8, 10),
    ("KE", "254", 9, 9),
    ("BD", "880", 9, 10),
    ("LB", "961", 7, 8),
    ("JO", "962", 8, 9),
    ("KW", "965", 8, 8),
    ("SA", "966", 8, 9),
    ("OM", "968", 8, 8),
    ("AE", "971", 8, 9),
    ("IL", "972", 8, 9),
    ("BH", "973", 8, 8),
    ("QA", "974", 8, 8),
];

/// Phone: E.164 (`+` and up to 15 digits) after removing spaces, dashes,
/// dots and brackets; `00` counts as `+`. Without `+`, a national number is
/// accepted when `country` is given (a leading trunk 0 is dropped). Known
/// calling codes have their national length checked; others only the
/// E.164 bounds (7 to 15 digits).
pub fn phone(value: &str, country: Option<&str>) -> Check {
    if value.len() > 64 {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "a phone number has at most 15 digits",
        ));
    }
    let mut v = String::with_capacity(value.len());
    for (i, c) in value.trim().chars().enumerate() {
        match c {
            ' ' | '-' | '.' | '(' | ')' => {}
            '+' if i == 0 => v.push('+'),
            c if c.is_ascii_digit() => v.push(c),
            c if c.is_numeric() => {
                return Err(invalid(codes::INVALID_CHARACTERS, "use the digits 0-9"))
            }
            _ => {
                return Err(invalid(
                    codes::INVALID_CHARACTERS,
                    "a phone number has only digits and an optional leading +",
                ))
            }
        }
    }
    if v.is_empty() {
        return Err(invalid(codes::REQUIRED, "enter the phone number"));
    }
    if let Some(rest) = v.strip_prefix("00") {
        v = format!("+{rest}");
    }
    if !v.starts_with('+') {
        let Some(&(_, code, _, _)) = country.and_then(|c| {
            CALLING_CODES
                .iter()
                .find(|e| e.0.eq_ignore_ascii_case(c.trim()))
        }) else {
            return Err(invalid(
                codes::INVALID_FORMAT,
                "write the number in international form, e.g. +51912345678",
            ));
        };
        v = format!("+{code}{}", v.trim_start_matches('0'));
    }
    let digits = v.get(1..).unwrap_or_default();
    if !(7..=15).contains(&digits.len()) {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "an international phone number has 7 to 15 digits",
        ));
    }
    if let Some(&(_, code, min, max)) = CALLING_CODES.iter().find(|e| digits.starts_with(e.1)) {
        let national = digits.len() - code.len();
        if !(min..=max).contains(&national) {
            let expected = if min == max {
                format!("{min}")
            } else {
                format!("{min} to {max}")
            };
            return Err(invalid(
                codes::INVALID_LENGTH,
                format!("a +{code} number has {expected} digits after the country code"),
            ));
        }
    }
    Ok(v)
}

/// Notification URL: `http` or `https`, a domain name host (no IP address,
/// no user name), at most 2048 characters.
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
            "a URL cannot contain spaces",
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
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
    Ok(v.to_owned())
}
