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
    Ok(format!("{local}@{domain}"))
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
