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
#[derive(Clone, Copy, Debug)]
pub struct Desc {
    /// Bit n set: n digits are possible.
    pub lengths: u32,
    /// Lengths only possible when dialled locally (no area code).
    pub local: u32,
    /// The national-number pattern; empty when the type has no numbers.
    pub pattern: &'static str,
}

/// A type with no numbers.
pub const NONE: Desc = Desc {
    lengths: 0,
    local: 0,
    pattern: "",
};

/// The numbering plan of one country.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    /// ISO 3166 alpha-2.
    pub region: &'static str,
    /// Country calling code.
    pub code: u16,
    /// International (IDD) prefix, a pattern.
    pub idd: &'static str,
    /// National prefix and carrier codes to strip, a pattern.
    pub prefix_for_parsing: &'static str,
    /// What replaces the prefix when its last group matched (`\1` = group 1).
    pub transform: &'static str,
    /// Whether fixed-line and mobile numbers cannot be told apart.
    pub same_mobile_and_fixed: bool,
    /// Every number of the plan.
    pub general: Desc,
    /// Fixed-line numbers.
    pub fixed_line: Desc,
    /// Mobile numbers.
    pub mobile: Desc,
    /// Other types, in the order libphonenumber tries them before fixed
    /// line and mobile.
    pub others: &'static [(&'static str, Desc)],
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
    PLANS.iter().map(|p| p.region)
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
    let home = country.and_then(|c| {
        PLANS
            .iter()
            .find(|p| p.region.eq_ignore_ascii_case(c.trim()))
    });
    let (code, mut national) = if plus {
        international(&digits)?
    } else if let Some(plan) = home {
        match prefix_match(plan.idd, &digits) {
            Some((end, _)) if !digits[end..].starts_with('0') => international(&digits[end..])?,
            _ => (plan.code, from_home(plan, digits)),
        }
    } else if let Some(rest) = digits.strip_prefix("00") {
        international(rest)?
    } else {
        return Err(invalid(
            codes::INVALID_FORMAT,
            match country {
                Some(c) if !c.trim().is_empty() => format!(
                    "national numbers of {} are not known here: write the number in international form, e.g. +51912345678",
                    c.trim()
                ),
                _ => "write the number in international form, e.g. +51912345678".to_owned(),
            },
        ));
    };
    if national.len() < MIN_NSN {
        return Err(invalid(
            codes::INVALID_LENGTH,
            "the phone number is too short",
        ));
    }
    let plan = PLANS.iter().find(|p| p.code == code);
    if let Some(plan) = plan {
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
            format!("a +{code} number has at most {MAX_NSN} digits after the country code"),
        ));
    }
    let e164 = format!("+{code}{national}");
    let Some(plan) = plan else {
        let lengths = CALLING_CODES
            .iter()
            .find(|e| e.0 == code)
            .map_or(0, |e| e.1);
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
                format!("{national} is a local number: add the area code"),
            ))
        }
        _ => return Err(length_error(code, plan.general.lengths)),
    }
    match kind_of(plan, &national) {
        Some(kind) => Ok(Phone { e164, kind }),
        None => Err(invalid(
            codes::INVALID_COMPONENT,
            format!(
                "{e164} is not a number of the {} numbering plan: check the digits after +{code}",
                plan.region
            ),
        )),
    }
}

/// The type of an E.164 number that [`check`] accepted.
pub fn kind_of_e164(e164: &str) -> &'static str {
    let digits = e164.strip_prefix('+').unwrap_or(e164);
    let Some((code, nsn)) = split_code(digits) else {
        return "unknown";
    };
    PLANS
        .iter()
        .find(|p| p.code == code)
        .and_then(|plan| kind_of(plan, nsn))
        .unwrap_or("unknown")
}

fn length_error(code: u16, lengths: u32) -> Invalid {
    let list: Vec<String> = (1..=MAX_NSN)
        .filter(|n| lengths & (1 << n) != 0)
        .map(|n| n.to_string())
        .collect();
    let expected = match list.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => "no".to_owned(),
    };
    invalid(
        codes::INVALID_LENGTH,
        format!("a +{code} number has {expected} digits after the country code"),
    )
}

/// The calling code at the start of `digits` and the rest.
fn split_code(digits: &str) -> Option<(u16, &str)> {
    if digits.starts_with('0') {
        return None;
    }
    (1..=3).find_map(|n| {
        let code: u16 = digits.get(..n)?.parse().ok()?;
        CALLING_CODES
            .iter()
            .any(|e| e.0 == code)
            .then(|| (code, digits.get(n..).unwrap_or_default()))
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
    let max = 31 - desc.lengths.leading_zeros() as usize;
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
    if let Some((name, _)) = plan.others.iter().find(|(_, d)| matches_desc(d, nsn)) {
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

#[derive(Debug)]
enum Node {
    /// One digit of the set (bit d: digit d).
    Set(u16),
    /// Alternatives, and the capture group number if capturing.
    Group(Vec<Vec<Node>>, Option<usize>),
    /// A node repeated min..=max times, greedily.
    Repeat(Box<Node>, u8, u8),
}

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

struct Parser<'a> {
    p: &'a [u8],
    pos: usize,
    groups: usize,
}

impl Parser<'_> {
    fn eat(&mut self, b: u8) -> bool {
        let hit = self.p.get(self.pos) == Some(&b);
        self.pos += usize::from(hit);
        hit
    }

    fn alternatives(&mut self, depth: usize) -> Option<Vec<Vec<Node>>> {
        if depth > 16 {
            return None;
        }
        let mut alts = vec![self.sequence(depth)?];
        while self.eat(b'|') {
            alts.push(self.sequence(depth)?);
        }
        Some(alts)
    }

    fn sequence(&mut self, depth: usize) -> Option<Vec<Node>> {
        let mut seq = Vec::new();
        while let Some(&b) = self.p.get(self.pos) {
            if b == b'|' || b == b')' {
                break;
            }
            self.pos += 1;
            let atom = match b {
                b'(' => {
                    let capture = if self.eat(b'?') {
                        self.eat(b':').then_some(None)?
                    } else {
                        self.groups += 1;
                        Some(self.groups - 1)
                    };
                    let alts = self.alternatives(depth + 1)?;
                    self.eat(b')').then_some(Node::Group(alts, capture))?
                }
                b'[' => {
                    let mut set = 0u16;
                    loop {
                        let from = self.class_item()?;
                        if self.eat(b'-') {
                            let to = self.class_item()?;
                            for d in from.trailing_zeros()..=to.trailing_zeros() {
                                set |= 1 << d;
                            }
                        } else {
                            set |= from;
                        }
                        if self.eat(b']') {
                            break;
                        }
                    }
                    Node::Set(set)
                }
                b'\\' => self.eat(b'd').then_some(Node::Set(0x3ff))?,
                b'0'..=b'9' => Node::Set(1 << (b - b'0')),
                _ => return None,
            };
            seq.push(self.quantified(atom)?);
        }
        Some(seq)
    }

    fn class_item(&mut self) -> Option<u16> {
        let b = *self.p.get(self.pos)?;
        self.pos += 1;
        match b {
            b'0'..=b'9' => Some(1 << (b - b'0')),
            b'\\' => self.eat(b'd').then_some(0x3ff),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<u8> {
        let start = self.pos;
        while self.p.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        core::str::from_utf8(self.p.get(start..self.pos)?)
            .ok()?
            .parse()
            .ok()
    }

    fn quantified(&mut self, atom: Node) -> Option<Node> {
        let (min, max) = if self.eat(b'?') {
            (0, 1)
        } else if self.eat(b'*') {
            (0, u8::MAX)
        } else if self.eat(b'+') {
            (1, u8::MAX)
        } else if self.eat(b'{') {
            let min = self.number()?;
            let max = if self.eat(b',') {
                if self.p.get(self.pos) == Some(&b'}') {
                    u8::MAX
                } else {
                    self.number()?
                }
            } else {
                min
            };
            if !self.eat(b'}') || max < min {
                return None;
            }
            (min, max)
        } else {
            return Some(atom);
        };
        Some(Node::Repeat(Box::new(atom), min, max))
    }
}

/// A parsed pattern; `None` where it is outside the subset.
fn parse(pattern: &str) -> Option<(Vec<Vec<Node>>, usize)> {
    let mut parser = Parser {
        p: pattern.as_bytes(),
        pos: 0,
        groups: 0,
    };
    let alts = parser.alternatives(0)?;
    (parser.pos == pattern.len()).then_some((alts, parser.groups))
}

type Cont<'k> = &'k mut dyn FnMut(usize, Caps) -> bool;

struct Matcher<'s> {
    s: &'s [u8],
}

impl Matcher<'_> {
    fn alternatives(&self, alts: &[Vec<Node>], i: usize, caps: Caps, k: Cont<'_>) -> bool {
        for alt in alts {
            if self.sequence(alt, i, caps, k) {
                return true;
            }
        }
        false
    }

    fn sequence(&self, nodes: &[Node], i: usize, caps: Caps, k: Cont<'_>) -> bool {
        let Some((first, rest)) = nodes.split_first() else {
            return k(i, caps);
        };
        match first {
            Node::Set(set) => match self.s.get(i) {
                Some(&b) if b.is_ascii_digit() && (set >> (b - b'0')) & 1 == 1 => {
                    self.sequence(rest, i + 1, caps, k)
                }
                _ => false,
            },
            Node::Group(alts, capture) => {
                self.alternatives(alts, i, caps, &mut |j, mut c: Caps| {
                    if let Some(slot) = capture.and_then(|g| c.spans.get_mut(g)) {
                        *slot = Some((i, j));
                    }
                    self.sequence(rest, j, c, k)
                })
            }
            Node::Repeat(..) => self.repeat(first, 0, rest, i, caps, k),
        }
    }

    fn repeat(
        &self,
        node: &Node,
        count: u8,
        rest: &[Node],
        i: usize,
        caps: Caps,
        k: Cont<'_>,
    ) -> bool {
        let Node::Repeat(inner, min, max) = node else {
            return false;
        };
        if count < *max
            && self.sequence(core::slice::from_ref(inner), i, caps, &mut |j, c| {
                (j > i || count < *min) && self.repeat(node, count + 1, rest, j, c, k)
            })
        {
            return true;
        }
        count >= *min && self.sequence(rest, i, caps, k)
    }
}

/// Whether `pattern` matches the whole of `s`.
fn full_match(pattern: &str, s: &str) -> bool {
    let Some((alts, _)) = parse(pattern) else {
        return false;
    };
    Matcher { s: s.as_bytes() }.alternatives(&alts, 0, Caps::default(), &mut |j, _| j == s.len())
}

/// The first match of `pattern` at the start of `s` (as a backtracking
/// engine's `match` finds it): its end and captures.
fn prefix_match(pattern: &str, s: &str) -> Option<(usize, Caps)> {
    if pattern.is_empty() {
        return None;
    }
    let (alts, groups) = parse(pattern)?;
    let mut found = None;
    let caps = Caps {
        groups,
        ..Caps::default()
    };
    Matcher { s: s.as_bytes() }.alternatives(&alts, 0, caps, &mut |j, c| {
        found = Some((j, c));
        true
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_pattern_parses() {
        for plan in PLANS {
            let descs = [plan.general, plan.fixed_line, plan.mobile];
            for d in descs.iter().chain(plan.others.iter().map(|(_, d)| d)) {
                assert!(
                    d.pattern.is_empty() || parse(d.pattern).is_some(),
                    "{}: {}",
                    plan.region,
                    d.pattern
                );
            }
            for p in [plan.idd, plan.prefix_for_parsing] {
                assert!(p.is_empty() || parse(p).is_some(), "{}: {p}", plan.region);
            }
        }
    }

    #[test]
    fn the_subset_matches_like_a_backtracking_engine() {
        assert!(full_match(r"9\d{8}", "912345678"));
        assert!(!full_match(r"9\d{8}", "91234567"));
        assert!(full_match(r"(?:1|12)3", "123"));
        assert!(full_match(r"[2-4679][2-8]\d{6}", "42345678"));
        assert!(!full_match(r"[2-4679][2-8]\d{6}", "52345678"));
        assert!(full_match(r"800\d{2,9}", "80012"));
        assert!(!full_match(r"800\d{2,9}", "8001"));
        assert_eq!(
            prefix_match("0?(?:(11|2)15)?", "01115").map(|m| m.0),
            Some(5)
        );
        let (end, caps) = prefix_match("0?(?:(11|2)15)?", "01115").unwrap_or_default();
        assert_eq!((end, caps.get(0)), (5, Some((1, 3))));
        assert_eq!(
            prefix_match("0?(?:(11|2)15)?", "0345").map(|m| m.0),
            Some(1)
        );
        assert!(parse("a").is_none() && parse("(?=1)").is_none() && parse("[1").is_none());
    }
}
