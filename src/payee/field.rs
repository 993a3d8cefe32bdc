//! The answer of one field check, its stable codes, and the normalisation
//! shared by identifier kinds.

/// Why a value is not valid: a stable code a UI can translate, and an
/// English message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    /// Stable machine code.
    pub code: &'static str,
    /// English explanation.
    pub message: String,
}

/// Stable field codes.
pub mod codes {
    /// Nothing was entered.
    pub const REQUIRED: &str = "REQUIRED";
    /// Characters the format does not allow (including non-ASCII digits).
    pub const INVALID_CHARACTERS: &str = "INVALID_CHARACTERS";
    /// Too short, too long, or not one of the allowed lengths.
    pub const INVALID_LENGTH: &str = "INVALID_LENGTH";
    /// The characters are allowed but not in this arrangement.
    pub const INVALID_FORMAT: &str = "INVALID_FORMAT";
    /// A part is out of range: a date, a region, a country, a type prefix.
    pub const INVALID_COMPONENT: &str = "INVALID_COMPONENT";
    /// The check digit(s) do not match: usually a typo.
    pub const INVALID_CHECKSUM: &str = "INVALID_CHECKSUM";
    /// The check needs context that was not given (e.g. a bank code).
    pub const CONTEXT_REQUIRED: &str = "CONTEXT_REQUIRED";
}

/// The result of a field check.
pub type Check = Result<String, Invalid>;

/// A failed check.
pub fn invalid(code: &'static str, message: impl Into<String>) -> Invalid {
    Invalid {
        code,
        message: message.into(),
    }
}

/// Longest raw input any identifier check looks at; longer input is
/// refused at once, so a 10 kB paste costs nothing.
pub const MAX_IDENTIFIER_INPUT: usize = 128;

/// Strips spaces, dashes, dots and slashes, upper-cases, and refuses
/// anything but ASCII letters and digits (and the extra characters given,
/// e.g. `Ñ` and `&` in Mexican identifiers). Blank input (nothing but
/// Unicode white space: line breaks, no-break spaces...) is `REQUIRED`, as
/// a blank field is in a rule set: a blank field is a missing field.
pub fn compact(value: &str, name: &str, extra: &[char]) -> Check {
    if value.len() > MAX_IDENTIFIER_INPUT {
        return Err(invalid(
            codes::INVALID_LENGTH,
            format!("{name} is far too long"),
        ));
    }
    // Most input is ASCII letters, digits and separators: a byte at a time
    // (the size-optimised build pushes a `char` through its UTF-8 encoder).
    let mut ascii = Vec::with_capacity(value.len());
    for &b in value.as_bytes() {
        match b {
            b' ' | b'\t' | b'-' | b'.' | b'/' => {}
            b if b.is_ascii_alphanumeric() => ascii.push(b.to_ascii_uppercase()),
            _ => {
                ascii.clear();
                break;
            }
        }
    }
    if let Ok(out) = String::from_utf8(ascii) {
        if !out.is_empty() {
            return Ok(out);
        }
    }
    if value.trim().is_empty() {
        return Err(invalid(codes::REQUIRED, format!("enter the {name}")));
    }
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            ' ' | '\t' | '-' | '.' | '/' => {}
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_uppercase()),
            'ñ' | 'Ñ' if extra.contains(&'Ñ') => out.push('Ñ'),
            c if extra.contains(&c) => out.push(c),
            c if c.is_numeric() => {
                return Err(invalid(
                    codes::INVALID_CHARACTERS,
                    format!("{name} must use the digits 0-9"),
                ))
            }
            _ => {
                return Err(invalid(
                    codes::INVALID_CHARACTERS,
                    format!("{name} may contain only letters and digits"),
                ))
            }
        }
    }
    if out.is_empty() {
        return Err(invalid(codes::REQUIRED, format!("enter the {name}")));
    }
    Ok(out)
}

/// `compact`, then all digits with one of the given lengths.
pub fn digits(value: &str, name: &str, lengths: &[usize]) -> Check {
    let v = compact(value, name, &[])?;
    if !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            codes::INVALID_CHARACTERS,
            format!("{name} must contain only digits"),
        ));
    }
    if !lengths.contains(&v.len()) {
        return Err(length_error(name, lengths, "digits"));
    }
    Ok(v)
}

/// "must have 11 digits" / "must have 8 or 9 digits".
pub fn length_error(name: &str, lengths: &[usize], unit: &str) -> Invalid {
    let list: Vec<String> = lengths.iter().map(usize::to_string).collect();
    let joined = match list.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => list.join(""),
    };
    invalid(
        codes::INVALID_LENGTH,
        format!("{name} must have {joined} {unit}"),
    )
}

/// The value of an ASCII digit.
pub fn dv(b: u8) -> u32 {
    u32::from(b.wrapping_sub(b'0'))
}

/// The digit character for 0..=9.
pub fn digit_char(n: u32) -> char {
    char::from_digit(n % 10, 10).unwrap_or('0')
}

/// Whether `yy`/`mm`/`dd` is a real date in `century`.
pub fn is_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A two-digit number at `at`.
pub fn two(s: &[u8], at: usize) -> u32 {
    s.get(at..at + 2)
        .map(|d| d.iter().fold(0, |acc, &b| acc * 10 + dv(b)))
        .unwrap_or(0)
}

/// The checksum failure every kind reports the same way.
pub fn checksum_error(name: &str) -> Invalid {
    invalid(
        codes::INVALID_CHECKSUM,
        format!("{name} check digit does not match: check for a typo"),
    )
}
