//! Phone numbers by libphonenumber's numbering plans.
//!
//! A number is parsed as libphonenumber parses it (international form with
//! `+` or the country's international prefix; national form with the
//! country's national prefix, carrier codes and transform rule), then is
//! valid when its national significant number matches one of the plan's
//! number types, as `is_valid_number` decides. The tables
//! (`phone_data.rs`) are generated from libphonenumber's metadata by
//! `scripts/gen-phone`; their patterns use a small regular-expression
//! subset (digits, `\d`, digit classes, groups, `|`, `?` and counted
//! repeats) matched here by backtracking over at most 30 digits.

use super::field::{codes, invalid, Invalid};
use super::phone_data::{CALLING_CODES, PLANS};

pub use super::phone_data::VERSION;

/// Possible lengths and the national-number pattern of a number type.
#[derive(Clone, Copy, Debug, Default)]
struct Desc {
    /// Bit n set: n digits are possible.
    lengths: u32,
    /// Lengths only possible when dialled locally (no area code).
    local: u32,
    /// The national-number pattern; empty when the type has no numbers.
    pattern: &'static str,
}

impl Desc {
    /// `lengths/local:pattern` (hex masks), or `-`.
    fn read(text: &'static str) -> Desc {
        let Some((lengths, pattern)) = text.split_once(':') else {
            return Desc::default();
        };
        let (lengths, local) = lengths.split_once('/').unwrap_or((lengths, "0"));
        Desc {
            lengths: number(lengths, 16),
            local: number(local, 16),
            pattern,
        }
    }
}

/// The value of digits in `radix` (table fields and calling codes; a
/// character that is no digit counts as 0).
fn number(text: &str, radix: u32) -> u32 {
    text.chars().fold(0, |n, c| {
        n.wrapping_mul(radix)
            .wrapping_add(c.to_digit(radix).unwrap_or(0))
    })
}

/// The numbering plan of one country (a line of `PLANS`).
#[derive(Clone, Copy, Debug)]
struct Plan {
    /// ISO 3166 alpha-2.
    region: &'static str,
    /// Country calling code.
    code: u16,
    /// International (IDD) prefix, a pattern.
    idd: &'static str,
    /// National prefix and carrier codes to strip, a pattern.
    prefix_for_parsing: &'static str,
    /// What replaces the prefix when its last group matched (`\1` = group 1).
    transform: &'static str,
    /// Whether fixed-line and mobile numbers cannot be told apart.
    same_mobile_and_fixed: bool,
    /// Every number of the plan.
    general: Desc,
    /// Fixed-line numbers.
    fixed_line: Desc,
    /// Mobile numbers.
    mobile: Desc,
    /// The other types, each after its letter (see `OTHER_TYPES`).
    others: &'static str,
}

/// The letters of the other types in `PLANS`, in the order libphonenumber
/// tries them before fixed line and mobile.
const OTHER_TYPES: &[(u8, &str)] = &[
    (b'p', "premium_rate"),
    (b't', "toll_free"),
    (b's', "shared_cost"),
    (b'v', "voip"),
    (b'n', "personal_number"),
    (b'g', "pager"),
    (b'u', "uan"),
    (b'm', "voicemail"),
];

impl Plan {
    fn read(line: &'static str) -> Option<Plan> {
        let mut fields = line.splitn(10, ' ');
        let mut next = || fields.next().map(|f| if f == "-" { "" } else { f });
        Some(Plan {
            region: next()?,
            code: u16::try_from(number(next()?, 10)).ok()?,
            idd: next()?,
            prefix_for_parsing: next()?,
            transform: next()?,
            same_mobile_and_fixed: next()? == "1",
            general: Desc::read(next()?),
            fixed_line: Desc::read(next()?),
            mobile: Desc::read(next()?),
            others: next().unwrap_or_default(),
        })
    }

    /// The other types with their descriptions, in order.
    fn others(&self) -> impl Iterator<Item = (&'static str, Desc)> {
        self.others.split(' ').filter_map(|o| {
            let (letter, desc) = (o.as_bytes().first()?, o.get(1..)?);
            let name = OTHER_TYPES.iter().find(|t| t.0 == *letter)?.1;
            Some((name, Desc::read(desc)))
        })
    }
}

fn plans() -> impl Iterator<Item = Plan> {
    PLANS.iter().filter_map(|line| Plan::read(line))
}

/// The national lengths (bit n: n digits) of a calling code, if it is one.
fn calling_code(code: u16) -> Option<u32> {
    CALLING_CODES
        .iter()
        .find(|&&e| e >> 17 == u32::from(code))
        .map(|e| (e & 0x1ffff) << 1)
}

/// A valid phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    /// E.164: `+`, calling code, national significant number.
    pub e164: String,
    /// `mobile`, `fixed_line`, `fixed_line_or_mobile`, `toll_free`,
    /// `premium_rate`, `shared_cost`, `voip`, `personal_number`, `pager`,
    /// `uan`, `voicemail`; `unknown` for a calling code whose plan is not
    /// among the covered countries (checked for its lengths only).
    pub kind: &'static str,
}

/// libphonenumber's number types, as [`Phone::kind`] names them.
pub const TYPES: &[&str] = &[
    "mobile",
    "fixed_line",
    "fixed_line_or_mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "unknown",
];

/// The ISO codes of the countries whose numbering plans are checked in full.
pub fn regions() -> impl Iterator<Item = &'static str> {
    plans().map(|p| p.region)
}

/// Longest input looked at, and most digits.
const MAX_INPUT: usize = 64;
const MAX_DIGITS: usize = 30;
/// libphonenumber's bounds of a national significant number.
const MIN_NSN: usize = 2;
const MAX_NSN: usize = 17;

/// Checks a phone number: international (`+` or the country's international
/// prefix; `00` without a country), or national with `country`.
pub fn check(value: &str, country: Option<&str>) -> Result<Phone, Invalid> {
    if value.len() > MAX_INPUT {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "a phone number has at most 17 digits after the country code",
        ));
    }
    let mut plus = false;
    let mut digits = String::with_capacity(value.len());
    for (i, c) in value.trim().chars().enumerate() {
        match c {
            ' ' | '-' | '.' | '(' | ')' => {}
            '+' if i == 0 => plus = true,
            c if c.is_ascii_digit() => digits.push(c),
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
    if digits.is_empty() {
        return Err(invalid(codes::REQUIRED, "enter the phone number"));
    }
    if digits.len() > MAX_DIGITS {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "a phone number has at most 17 digits after the country code",
        ));
    }
    let home = country.and_then(|c| plans().find(|p| p.region.eq_ignore_ascii_case(c.trim())));
    let (code, mut national) = if plus {
        international(&digits)?
    } else if let Some(plan) = &home {
        match prefix_match(plan.idd, &digits) {
            Some((end, _)) if !digits.get(end..).unwrap_or("0").starts_with('0') => {
                international(digits.get(end..).unwrap_or_default())?
            }
            _ => (plan.code, from_home(plan, digits)),
        }
    } else if let Some(rest) = digits.strip_prefix("00") {
        international(rest)?
    } else {
        return Err(invalid(
            codes::INVALID_FORMAT,
            "write the number in international form, e.g. +51912345678 (national numbers need the country of a covered numbering plan)",
        ));
    };
    if national.len() < MIN_NSN {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "the phone number is too short",
        ));
    }
    let plan = plans().find(|p| p.code == code);
    if let Some(plan) = &plan {
        let stripped = strip_national_prefix(plan, &national);
        if matches!(
            length(&plan.general, &stripped),
            Length::Possible | Length::TooLong
        ) {
            national = stripped;
        }
    }
    if national.len() > MAX_NSN {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "the phone number is too long",
        ));
    }
    let e164 = format!("+{code}{national}");
    let Some(plan) = plan else {
        let lengths = calling_code(code).unwrap_or(0);
        if lengths & (1 << national.len()) == 0 {
            return Err(length_error(code, lengths));
        }
        return Ok(Phone {
            e164,
            kind: "unknown",
        });
    };
    match length(&plan.general, &national) {
        Length::Possible => {}
        Length::LocalOnly => {
            return Err(invalid(
                codes::INVALID_LENGTH,
                "this is a local number: add the area code",
            ))
        }
        _ => return Err(length_error(code, plan.general.lengths)),
    }
    match kind_of(&plan, &national) {
        Some(kind) => Ok(Phone { e164, kind }),
        None => Err(invalid(
            codes::INVALID_COMPONENT,
            format!("{e164} is not in the numbering plan of +{code}: check the digits"),
        )),
    }
}

fn length_error(code: u16, lengths: u32) -> Invalid {
    let list: Vec<usize> = (1..=MAX_NSN).filter(|n| lengths & (1 << n) != 0).collect();
    super::field::length_error(
        &format!("a +{code} number"),
        &list,
        "digits after the country code",
    )
}

/// The calling code at the start of `digits` and the rest.
fn split_code(digits: &str) -> Option<(u16, &str)> {
    if digits.starts_with('0') {
        return None;
    }
    (1..=3).find_map(|n| {
        let code = u16::try_from(number(digits.get(..n)?, 10)).ok()?;
        calling_code(code).map(|_| (code, digits.get(n..).unwrap_or_default()))
    })
}

/// After `+` or an international prefix: the calling code and the rest.
fn international(digits: &str) -> Result<(u16, String), Invalid> {
    if digits.len() <= MIN_NSN {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "the phone number is too short",
        ));
    }
    let Some((code, rest)) = split_code(digits) else {
        return Err(invalid(
            codes::INVALID_COMPONENT,
            "the number does not start with a country calling code",
        ));
    };
    Ok((code, rest.to_owned()))
}

/// A number written without `+` or international prefix: the national
/// number, or (as libphonenumber does) the rest after the country's own
/// calling code when that reads better.
fn from_home(plan: &Plan, digits: String) -> String {
    let code = plan.code.to_string();
    if let Some(rest) = digits.strip_prefix(code.as_str()) {
        let potential = strip_national_prefix(plan, rest);
        if (!full_match(plan.general.pattern, &digits)
            && full_match(plan.general.pattern, &potential))
            || length(&plan.general, &digits) == Length::TooLong
        {
            return potential;
        }
    }
    digits
}

/// libphonenumber's national prefix (and carrier code) stripping.
fn strip_national_prefix(plan: &Plan, number: &str) -> String {
    if number.is_empty() || plan.prefix_for_parsing.is_empty() {
        return number.to_owned();
    }
    let Some((end, caps)) = prefix_match(plan.prefix_for_parsing, number) else {
        return number.to_owned();
    };
    let general = plan.general.pattern;
    let viable = full_match(general, number);
    let last_group = caps.groups.checked_sub(1).and_then(|g| caps.get(g));
    let result = if plan.transform.is_empty() || last_group.is_none() {
        number.get(end..).unwrap_or_default().to_owned()
    } else {
        let mut out = String::new();
        let mut t = plan.transform.bytes();
        while let Some(b) = t.next() {
            if b == b'\\' {
                let g = t.next().map_or(0, |d| usize::from(d.wrapping_sub(b'0')));
                if let Some((a, z)) = g.checked_sub(1).and_then(|g| caps.get(g)) {
                    out.push_str(number.get(a..z).unwrap_or_default());
                }
            } else {
                out.push(char::from(b));
            }
        }
        out.push_str(number.get(end..).unwrap_or_default());
        out
    };
    if viable && !full_match(general, &result) {
        return number.to_owned();
    }
    result
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Length {
    Possible,
    LocalOnly,
    TooShort,
    TooLong,
    Invalid,
}

/// libphonenumber's `_test_number_length` against a description.
fn length(desc: &Desc, number: &str) -> Length {
    let n = number.len();
    let bit = |n: usize| {
        u32::try_from(n)
            .ok()
            .and_then(|n| 1u32.checked_shl(n))
            .unwrap_or(0)
    };
    if desc.local & bit(n) != 0 {
        return Length::LocalOnly;
    }
    let min = desc.lengths.trailing_zeros() as usize;
    let max = 31u32.saturating_sub(desc.lengths.leading_zeros()) as usize;
    if n < min {
        Length::TooShort
    } else if n > max {
        Length::TooLong
    } else if desc.lengths & bit(n) != 0 {
        Length::Possible
    } else {
        Length::Invalid
    }
}

fn matches_desc(desc: &Desc, number: &str) -> bool {
    !desc.pattern.is_empty()
        && (desc.lengths == 0 || desc.lengths & (1 << number.len().min(31)) != 0)
        && full_match(desc.pattern, number)
}

/// libphonenumber's number type of a national significant number; `None`
/// for a number that is not valid.
fn kind_of(plan: &Plan, nsn: &str) -> Option<&'static str> {
    if !matches_desc(&plan.general, nsn) {
        return None;
    }
    if let Some((name, _)) = plan.others().find(|(_, d)| matches_desc(d, nsn)) {
        return Some(name);
    }
    if matches_desc(&plan.fixed_line, nsn) {
        return Some(
            if plan.same_mobile_and_fixed || matches_desc(&plan.mobile, nsn) {
                "fixed_line_or_mobile"
            } else {
                "fixed_line"
            },
        );
    }
    (!plan.same_mobile_and_fixed && matches_desc(&plan.mobile, nsn)).then_some("mobile")
}

// --- The pattern subset -------------------------------------------------
//
// Patterns are matched as written (no compiled form): an atom is a digit,
// `\d`, a class `[...]` of digits, ranges and `\d`, or a group `(...)` /
// `(?:...)`; a quantifier `?`, `*`, `+` or `{n}` / `{n,}` / `{n,m}` may
// follow. Matching backtracks in the order a backtracking engine does
// (alternatives left to right, greedy repeats), with continuations.

/// Capture groups: (start, end) by group, and how many the pattern has.
#[derive(Clone, Copy, Debug, Default)]
struct Caps {
    spans: [Option<(usize, usize)>; 4],
    groups: usize,
}

impl Caps {
    fn get(&self, g: usize) -> Option<(usize, usize)> {
        self.spans.get(g).copied().flatten()
    }
}

type Cont<'k> = &'k mut dyn FnMut(usize, Caps) -> bool;

/// An atom at `at` of the pattern, repeated `min..=max` times, followed by
/// the rest of its sequence at `next`.
#[derive(Clone, Copy)]
struct Atom {
    at: usize,
    next: usize,
    min: u8,
    max: u8,
}

struct Matcher<'a> {
    p: &'a [u8],
    s: &'a [u8],
}

impl Matcher<'_> {
    /// Where the atom at `at` ends.
    fn atom_end(&self, at: usize) -> usize {
        match self.p.get(at) {
            Some(b'(') => {
                let mut depth = 0usize;
                let mut j = at;
                while let Some(&b) = self.p.get(j) {
                    j += 1;
                    match b {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                j
            }
            Some(b'[') => {
                let close = self
                    .p
                    .get(at..)
                    .and_then(|r| r.iter().position(|&b| b == b']'));
                close.map_or(self.p.len(), |c| at + c + 1)
            }
            Some(b'\\') => at + 2,
            _ => at + 1,
        }
    }

    /// The atom at `at` with its quantifier.
    fn atom(&self, at: usize) -> Atom {
        let end = self.atom_end(at);
        let (min, max, next) = match self.p.get(end) {
            Some(b'?') => (0, 1, end + 1),
            Some(b'*') => (0, u8::MAX, end + 1),
            Some(b'+') => (1, u8::MAX, end + 1),
            Some(b'{') => {
                let close = self
                    .p
                    .get(end..)
                    .and_then(|r| r.iter().position(|&b| b == b'}'))
                    .map_or(self.p.len(), |c| end + c);
                let inner = self.p.get(end + 1..close).unwrap_or_default();
                let number = |t: &[u8]| {
                    t.iter().try_fold(0u8, |n, &d| {
                        n.checked_mul(10)?.checked_add(d.wrapping_sub(b'0'))
                    })
                };
                let (min, max) = match inner.iter().position(|&b| b == b',') {
                    None => (number(inner), number(inner)),
                    Some(c) => {
                        let (lo, hi) = (
                            inner.get(..c).unwrap_or_default(),
                            inner.get(c + 1..).unwrap_or_default(),
                        );
                        (
                            number(lo),
                            if hi.is_empty() {
                                Some(u8::MAX)
                            } else {
                                number(hi)
                            },
                        )
                    }
                };
                (min.unwrap_or(1), max.unwrap_or(0), close + 1)
            }
            _ => (1, 1, end),
        };
        Atom { at, next, min, max }
    }

    /// Whether the digit `d` is in the class or digit atom at `at`.
    fn in_class(&self, at: usize, d: u8) -> bool {
        match self.p.get(at) {
            Some(b'\\') => true,
            Some(b'[') => {
                let mut j = at + 1;
                while let Some(&b) = self.p.get(j) {
                    match b {
                        b']' => return false,
                        b'\\' => return true,
                        _ if self.p.get(j + 1) == Some(&b'-') => {
                            let hi = self.p.get(j + 2).copied().unwrap_or(0);
                            if (b..=hi).contains(&d) {
                                return true;
                            }
                            j += 3;
                        }
                        _ if b == d => return true,
                        _ => j += 1,
                    }
                }
                false
            }
            Some(&b) => b == d,
            None => false,
        }
    }

    /// The alternatives starting at `at`, up to the `)` or end that closes them.
    fn alternatives(&self, at: usize, i: usize, caps: Caps, k: Cont<'_>) -> bool {
        let mut start = at;
        loop {
            if self.sequence(start, i, caps, k) {
                return true;
            }
            let mut j = start;
            loop {
                match self.p.get(j) {
                    None | Some(b')') => return false,
                    Some(b'|') => break,
                    _ => j = self.atom(j).next,
                }
            }
            start = j + 1;
        }
    }

    /// The sequence starting at `at`, then `k`.
    fn sequence(&self, at: usize, i: usize, caps: Caps, k: Cont<'_>) -> bool {
        match self.p.get(at) {
            None | Some(b'|' | b')') => k(i, caps),
            Some(_) => self.repeat(self.atom(at), 0, i, caps, k),
        }
    }

    /// The atom once, then `k`.
    fn once(&self, at: usize, i: usize, caps: Caps, k: Cont<'_>) -> bool {
        if self.p.get(at) != Some(&b'(') {
            return match self.s.get(i) {
                Some(&d) if self.in_class(at, d) => k(i + 1, caps),
                _ => false,
            };
        }
        let plain = self.p.get(at + 1) == Some(&b'?');
        let group = self.p.get(..at).map_or(0, |before| {
            before
                .windows(2)
                .filter(|w| matches!(w, [b'(', c] if *c != b'?'))
                .count()
                + usize::from(before.last() == Some(&b'('))
        });
        self.alternatives(
            at + if plain { 3 } else { 1 },
            i,
            caps,
            &mut |j, mut c: Caps| {
                if let Some(slot) = c.spans.get_mut(group).filter(|_| !plain) {
                    *slot = Some((i, j));
                }
                k(j, c)
            },
        )
    }

    /// The atom `count` times so far, greedily up to its maximum, then the
    /// rest of the sequence.
    fn repeat(&self, a: Atom, count: u8, i: usize, caps: Caps, k: Cont<'_>) -> bool {
        if count < a.max
            && self.once(a.at, i, caps, &mut |j, c| {
                (j > i || count < a.min) && self.repeat(a, count + 1, j, c, k)
            })
        {
            return true;
        }
        count >= a.min && self.sequence(a.next, i, caps, k)
    }
}

/// Whether `pattern` matches the whole of `s`.
fn full_match(pattern: &str, s: &str) -> bool {
    let m = Matcher {
        p: pattern.as_bytes(),
        s: s.as_bytes(),
    };
    !pattern.is_empty() && m.alternatives(0, 0, Caps::default(), &mut |j, _| j == s.len())
}

/// The first match of `pattern` at the start of `s` (as a backtracking
/// engine's `match` finds it): its end and captures.
fn prefix_match(pattern: &str, s: &str) -> Option<(usize, Caps)> {
    if pattern.is_empty() {
        return None;
    }
    let m = Matcher {
        p: pattern.as_bytes(),
        s: s.as_bytes(),
    };
    let caps = Caps {
        // Capturing groups: `(` not followed by `?`.
        groups: (0..m.p.len())
            .filter(|&i| m.p.get(i) == Some(&b'(') && m.p.get(i + 1) != Some(&b'?'))
            .count(),
        ..Caps::default()
    };
    let mut found = None;
    m.alternatives(0, 0, caps, &mut |j, c| {
        found = Some((j, c));
        true
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a pattern keeps to the subset: digits, `\d`, closed classes
    /// of digits / ranges / `\d`, balanced `(` `(?:` `)`, `|`, quantifiers.
    fn well_formed(p: &str) -> bool {
        let b = p.as_bytes();
        let mut depth = 0i32;
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            i += 1;
            match c {
                b'0'..=b'9' | b'|' | b'?' | b'*' | b'+' => {}
                b'\\' if b.get(i) == Some(&b'd') => i += 1,
                b'(' => {
                    depth += 1;
                    if b.get(i) == Some(&b'?') {
                        if b.get(i + 1) != Some(&b':') {
                            return false;
                        }
                        i += 2;
                    }
                }
                b')' => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                b'[' => {
                    let Some(len) = b[i..].iter().position(|&c| c == b']') else {
                        return false;
                    };
                    let class = &p[i..i + len];
                    let ok = !class.is_empty()
                        && class
                            .replace("\\d", "")
                            .bytes()
                            .all(|c| c.is_ascii_digit() || c == b'-');
                    if !ok {
                        return false;
                    }
                    i += len + 1;
                }
                b'{' => {
                    let Some(len) = b[i..].iter().position(|&c| c == b'}') else {
                        return false;
                    };
                    let inner = &p[i..i + len];
                    let ok = !inner.is_empty()
                        && inner.bytes().all(|c| c.is_ascii_digit() || c == b',')
                        && !inner.starts_with(',');
                    if !ok {
                        return false;
                    }
                    i += len + 1;
                }
                _ => return false,
            }
        }
        depth == 0
    }

    #[test]
    fn every_table_pattern_keeps_to_the_subset() {
        assert_eq!(plans().count(), PLANS.len());
        for plan in plans() {
            let descs = [plan.general, plan.fixed_line, plan.mobile];
            assert!(plan.general.lengths != 0 && !plan.general.pattern.is_empty());
            let others: Vec<Desc> = plan.others().map(|(_, d)| d).collect();
            assert_eq!(
                others.len(),
                plan.others.split(' ').filter(|o| !o.is_empty()).count()
            );
            for d in descs.iter().chain(&others) {
                assert!(
                    d.pattern.is_empty() || well_formed(d.pattern),
                    "{}: {}",
                    plan.region,
                    d.pattern
                );
            }
            for p in [plan.idd, plan.prefix_for_parsing] {
                assert!(p.is_empty() || well_formed(p), "{}: {p}", plan.region);
            }
        }
        assert!(!well_formed("a") && !well_formed("(?=1)") && !well_formed("[1"));
        assert!(!well_formed("(1") && !well_formed("1)") && !well_formed("1{,2}"));
    }

    #[test]
    fn any_pattern_text_is_matched_without_panic_or_endless_loop() {
        let alphabet = b"0129\\d[]-(?:)|{},*+";
        let mut seed = 20261204u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            usize::try_from(seed >> 33).unwrap_or(0) % n
        };
        for _ in 0..20_000 {
            let len = next(12);
            let pattern: String = (0..len)
                .map(|_| char::from(alphabet[next(alphabet.len())]))
                .collect();
            let input: String = (0..next(10))
                .map(|_| char::from(b'0' + next(10) as u8))
                .collect();
            let _ = full_match(&pattern, &input);
            let _ = prefix_match(&pattern, &input);
        }
    }

    #[test]
    fn the_subset_matches_like_a_backtracking_engine() {
        assert!(full_match(r"9\d{8}", "912345678"));
        assert!(!full_match(r"9\d{8}", "91234567"));
        assert!(!full_match(r"9\d{8}", "9123456789"));
        assert!(full_match(r"(?:1|12)3", "123"));
        assert!(full_match(r"[2-4679][2-8]\d{6}", "42345678"));
        assert!(full_match(r"[2-4679][2-8]\d{6}", "92345678"));
        assert!(!full_match(r"[2-4679][2-8]\d{6}", "52345678"));
        assert!(!full_match(r"[2-4679][2-8]\d{6}", "49345678"));
        assert!(full_match(r"800\d{2,9}", "80012"));
        assert!(full_match(r"800\d{2,9}", "800123456789"));
        assert!(!full_match(r"800\d{2,9}", "8001"));
        assert!(!full_match(r"800\d{2,9}", "8001234567890"));
        assert!(full_match(r"8\d{11,}", "8123456789012345"));
        assert!(full_match(r"1(?:2(?:3|4)5)+6", "12352456"));
        assert!(full_match(r"(?:[1-3]\d?)*0", "1122330"));
        assert!(!full_match(r"", ""));
        let ar = "0?(?:(11|2)15)?";
        assert_eq!(prefix_match(ar, "01115").map(|m| m.0), Some(5));
        let (end, caps) = prefix_match(ar, "01115").unwrap_or_default();
        assert_eq!((end, caps.groups, caps.get(0)), (5, 1, Some((1, 3))));
        assert_eq!(prefix_match(ar, "0345").map(|m| m.0), Some(1));
        assert_eq!(prefix_match(ar, "0345").map(|m| m.1.get(0)), Some(None));
        let br = r"(?:0|90)(?:(1[245]|2[1-35])(\d{10,11}))?";
        let (end, caps) = prefix_match(br, "0121234567890").unwrap_or_default();
        assert_eq!((end, caps.groups), (13, 2));
        assert_eq!((caps.get(0), caps.get(1)), (Some((1, 3)), Some((3, 13))));
        assert_eq!(
            prefix_match("00|19(?:1[124]|77|90)00", "1977001").map(|m| m.0),
            Some(6)
        );
        assert!(prefix_match("00", "0123").is_none());
    }
}
