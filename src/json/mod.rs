//! Our own JSON, not serde_json, because what is signed must be byte-exact:
//! this parser keeps key order, repeated keys and the exact text of numbers
//! (serde_json turns `10.00` into `10.0`), and the writer prints exactly what
//! ECMAScript's `JSON.stringify` prints. Data shapes are still serde types,
//! read from a parsed [`Value`] by [`from_value`]; answers are written with
//! serde_json, where nothing needs to be exact.
//!
//! Nothing here ever reformats a number it read: [`Number`] keeps its source
//! text.

mod de;

pub(crate) use de::kind;
pub use de::{from_value, Members};

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::limits::MAX_JSON_DEPTH;

/// A JSON value with object keys in source order. Read by [`parse`], its
/// strings, keys and numbers borrow the text where they can (no escape to
/// decode): reading a record allocates for its objects and arrays only.
/// [`parse_owned`] reads a `Value<'static>`, which owns all of it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, kept as text.
    Number(Number<'a>),
    /// A string. Lone surrogate escapes read from text become U+FFFD.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object, members in order.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

/// A JSON number kept as its text, so that `10.00` stays `10.00`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number<'a>(Cow<'a, str>);

/// The text of a `Cow<str>`, as its `Deref` gives it: a match written where
/// it is used, where the size-optimised wasm build makes `Deref` a call
/// (and a call between wasm functions costs more than the match in V8
/// before Node 24, which inlines none).
#[inline(always)]
#[allow(clippy::ptr_arg)] // taking the `Cow` is the point
pub fn text<'b>(c: &'b Cow<'_, str>) -> &'b str {
    match c {
        Cow::Borrowed(s) => s,
        Cow::Owned(s) => s.as_str(),
    }
}

/// Whether two texts are the same, their lengths compared where this is
/// used: most texts compared differ in length, and then no call is made
/// (`==` on `str` is one in the size-optimised wasm build).
#[inline(always)]
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a == b
}

impl Number<'static> {
    /// The number as ECMAScript's `Number.prototype.toString` prints it, or
    /// `None` for NaN and infinities (which `JSON.stringify` prints as `null`).
    pub fn from_f64(x: f64) -> Option<Number<'static>> {
        x.is_finite().then(|| {
            let mut s = String::new();
            write_f64(&mut s, x);
            Number(Cow::Owned(s))
        })
    }
}

impl Number<'_> {
    /// The number's text.
    pub fn as_str(&self) -> &str {
        text(&self.0)
    }

    /// The number's value as a double.
    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok()
    }
}

impl<'a> Value<'a> {
    /// The member `key` of an object (the last one if repeated, as `JSON.parse` does).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members
                .iter()
                .rev()
                .find(|(k, _)| same(text(k), key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as text: strings as they are, numbers by their text,
    /// booleans as `true` / `false`.
    pub fn scalar_text(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(text(s)),
            Value::Number(n) => Some(n.as_str()),
            Value::Bool(true) => Some("true"),
            Value::Bool(false) => Some("false"),
            _ => None,
        }
    }

    /// Appends the canonical text of this value.
    pub fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(n.as_str()),
            Value::String(s) => write_string(out, s),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    /// The canonical text of this value.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// Appends `s` as a JSON string literal, escaped exactly as `JSON.stringify` does.
// `push_str` of one ASCII character: `push(char)` is a call that encodes
// UTF-8 at run time in the size-optimised wasm build.
#[allow(clippy::single_char_add_str)]
pub fn write_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    if plain_run(s.as_bytes()) == s.len() {
        // Nothing to escape (most strings): three copies.
        out.push_str("\"");
        out.push_str(s);
        out.push_str("\"");
        return;
    }
    out.push('"');
    let mut plain_from = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(plain_from..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(crate::hex::digit(b >> 4));
            out.push(crate::hex::digit(b));
        } else {
            out.push_str(escape);
        }
        plain_from = i + 1;
    }
    out.push_str(s.get(plain_from..).unwrap_or_default());
    out.push('"');
}

/// Appends a finite double as ECMAScript's `Number::toString(x)` prints it
/// (`-0` prints as `0`, `1e21` as `1e+21`, `1e-7` as `1e-7`).
fn write_f64(out: &mut String, x: f64) {
    if x == 0.0 {
        out.push('0');
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    // Rust's `{:e}` gives the shortest round-tripping digits, like ECMAScript.
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    write_decimal(out, &digits, exp.parse::<i32>().unwrap_or(0) + 1);
}

/// Appends the number `0.digits × 10^n` as ECMAScript's `Number::toString`
/// prints it, for `digits` without leading or trailing zeros (at most 21
/// places of plain notation, exponent form beyond).
pub(crate) fn write_decimal(out: &mut String, digits: &str, n: i32) {
    let k = digits.len() as i32;
    if k <= n && n <= 21 {
        out.push_str(digits);
        out.extend(core::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at_checked(n as usize).unwrap_or((digits, ""));
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', (-n) as usize));
        out.push_str(digits);
    } else {
        let (first, rest) = digits.split_at_checked(1).unwrap_or((digits, ""));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if n - 1 < 0 { '-' } else { '+' });
        out.push_str(&(n - 1).abs().to_string());
    }
}

/// Parses JSON text strictly (RFC 8259, no BOM, nesting at most
/// [`MAX_JSON_DEPTH`]).
pub fn parse(text: &str) -> Result<Value<'_>> {
    Parser::borrowing(text).whole()
}

/// [`parse`] into a value that owns its text (to be kept beyond `text`).
pub fn parse_owned(text: &str) -> Result<Value<'static>> {
    Parser::owning(text).whole()
}

/// Parses JSON text that must be an object.
pub fn parse_object<'a>(text: &'a str, what: &str) -> Result<Value<'a>> {
    object_only(parse(text)?, what)
}

/// [`parse_object`] into a value that owns its text.
pub fn parse_object_owned(text: &str, what: &str) -> Result<Value<'static>> {
    object_only(parse_owned(text)?, what)
}

fn object_only<'a>(v: Value<'a>, what: &str) -> Result<Value<'a>> {
    match v {
        Value::Object(_) => Ok(v),
        _ => Err(Error::JsonInvalid(format!("{what} must be a JSON object"))),
    }
}

/// Parses the JSON value at the start of `text`, strictly, and ignores
/// what follows it (for reading one element of a larger document).
pub(crate) fn parse_first(text: &str) -> Result<Value<'_>> {
    Parser::borrowing(text).value()
}

/// A key repeated within one object, at any depth, with the dotted path of
/// that object (`data.items[0]`, empty at the top): the first one found.
/// JSON allows it, but parsers disagree on which value counts (the last one
/// in `JSON.parse`, the first or an error elsewhere).
pub fn repeated_key(v: &Value<'_>) -> Option<(String, String)> {
    let mut path = String::new();
    repeated_in(v, &mut path).map(|key| (path, key))
}

fn repeated_in(v: &Value<'_>, path: &mut String) -> Option<String> {
    let len = path.len();
    match v {
        Value::Object(members) => {
            // Sorted by key, then place (the element type and order the
            // diagnosis sorts members by: one copy of the sort in the wasm).
            let mut keys: Vec<(usize, &str, &Value)> = (members.iter().enumerate())
                .map(|(place, (k, v))| (place, &**k, v))
                .collect();
            heap_sort(&mut keys, &|a, b| (a.1, a.0) < (b.1, b.0));
            let mut pairs = keys.iter().zip(keys.iter().skip(1));
            if let Some((a, _)) = pairs.find(|(a, b)| a.1 == b.1) {
                return Some(a.1.to_owned());
            }
            for (k, child) in members {
                if len > 0 {
                    path.push('.');
                }
                path.push_str(k);
                if let Some(key) = repeated_in(child, path) {
                    return Some(key);
                }
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push('[');
                path.push_str(&i.to_string());
                path.push(']');
                if let Some(key) = repeated_in(item, path) {
                    return Some(key);
                }
                path.truncate(len);
            }
        }
        _ => {}
    }
    None
}

/// Heapsort by `less`: O(n log n) whatever the input, in a few hundred
/// bytes of wasm, where each element type of the standard library's sorts
/// costs kilobytes. Not stable: callers leave no ties.
pub(crate) fn heap_sort<T>(v: &mut [T], less: &dyn Fn(&T, &T) -> bool) {
    let lt = |v: &[T], a: usize, b: usize| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => less(x, y),
        _ => false,
    };
    let sift_down = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && lt(v, child, child + 1) {
            child += 1;
        }
        if !lt(v, root, child) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for root in (0..v.len() / 2).rev() {
        sift_down(v, root, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Reads `text` into values of lifetime `'a`: borrowing from `text` where
/// `source` is `Some(text)` ([`Parser::borrowing`]), else owning every
/// string ([`Parser::owning`]).
struct Parser<'t, 'a> {
    text: &'t str,
    bytes: &'t [u8],
    source: Option<&'a str>,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a, 'a> {
    /// A parser at the start of `text` whose values borrow from it.
    fn borrowing(text: &'a str) -> Parser<'a, 'a> {
        Parser::new(text, Some(text))
    }
}

impl<'t> Parser<'t, 'static> {
    /// A parser at the start of `text` whose values own their text.
    fn owning(text: &'t str) -> Parser<'t, 'static> {
        Parser::new(text, None)
    }
}

impl<'t, 'a> Parser<'t, 'a> {
    fn new(text: &'t str, source: Option<&'a str>) -> Parser<'t, 'a> {
        Parser {
            text,
            bytes: text.as_bytes(),
            source,
            pos: 0,
            depth: 0,
        }
    }

    /// The one value that is the whole text.
    fn whole(mut self) -> Result<Value<'a>> {
        self.skip_ws();
        let v = self.value()?;
        self.skip_ws();
        if self.pos != self.bytes.len() {
            return Err(self.error("unexpected text after the JSON value"));
        }
        Ok(v)
    }

    /// The text from `start` to `end`, borrowed where it can be.
    fn span(&self, start: usize, end: usize) -> Cow<'a, str> {
        match self.source {
            Some(source) => Cow::Borrowed(source.get(start..end).unwrap_or_default()),
            None => Cow::Owned(self.text.get(start..end).unwrap_or_default().to_owned()),
        }
    }

    fn error(&self, what: &str) -> Error {
        Error::JsonInvalid(format!("{what} at byte {}", self.pos))
    }

    // Called for every byte: inlined even in the size-optimised build.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    /// Skips white space. JSON.stringify writes none, and most senders
    /// little: the byte where the parser stands is looked at here, and the
    /// loop is a call only where there may be some (a call per token is
    /// much of what parsing costs in V8's wasm code before Node 24, which
    /// inlines none).
    #[inline(always)]
    fn skip_ws(&mut self) {
        if self.bytes.get(self.pos).is_some_and(|&b| b <= b' ') {
            self.skip_ws_run();
        }
    }

    fn skip_ws_run(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &[u8], v: Value<'a>) -> Result<Value<'a>> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.error("invalid literal"))
        }
    }

    fn value(&mut self) -> Result<Value<'a>> {
        match self.peek() {
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
            None => Err(self.error("unexpected end of input")),
        }
    }

    fn nested(&mut self, f: fn(&mut Self) -> Result<Value<'a>>) -> Result<Value<'a>> {
        if self.depth >= MAX_JSON_DEPTH {
            return Err(self.error("nesting deeper than the limit"));
        }
        self.depth += 1;
        self.pos += 1; // the opening bracket
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn object(&mut self) -> Result<Value<'a>> {
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Vec::new()));
        }
        // Room for the members of most objects a payee or a body has: one
        // allocation, not a growth at the fifth.
        let mut members = Vec::with_capacity(8);
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.bump() != Some(b':') {
                return Err(self.error("expected ':'"));
            }
            self.skip_ws();
            let v = self.value()?;
            members.push((key, v));
            self.skip_ws();
            match self.bump() {
                Some(b',') => continue,
                Some(b'}') => return Ok(Value::Object(members)),
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self) -> Result<Value<'a>> {
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.bump() {
                Some(b',') => continue,
                Some(b']') => return Ok(Value::Array(items)),
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value<'a>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        Ok(Value::Number(Number(self.span(start, self.pos))))
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut v = 0;
        for _ in 0..4 {
            let d = self
                .bump()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("invalid \\u escape"))?;
            v = v * 16 + d;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<Cow<'a, str>> {
        self.pos += 1; // opening quote
        let start = self.pos;
        self.pos += plain_run(self.bytes.get(self.pos..).unwrap_or_default());
        // The input is a &str and we stop only at ASCII bytes, so this is
        // always a char boundary.
        let end = self.pos;
        if self.peek() == Some(b'"') {
            self.pos += 1;
            return Ok(self.span(start, end)); // no escape: the text itself
        }
        self.escaped(start)
    }

    /// A string that holds an escape (or is not closed), from `start`, its
    /// first byte; the parser stands at the end of the plain run that
    /// begins it.
    fn escaped(&mut self, mut start: usize) -> Result<Cow<'a, str>> {
        let mut out = String::new();
        loop {
            self.pos += plain_run(self.bytes.get(self.pos..).unwrap_or_default());
            let run_end = self.pos;
            let end = self.bump();
            out.push_str(self.text.get(start..run_end).unwrap_or_default());
            match end {
                Some(b'"') => return Ok(Cow::Owned(out)),
                Some(b'\\') => {}
                Some(_) => return Err(self.error("control character in string")),
                None => return Err(self.error("unterminated string")),
            }
            let c = match self.bump() {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'u') => {
                    let hi = self.hex4()?;
                    if (0xd800..0xdc00).contains(&hi)
                        && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
                    {
                        let save = self.pos;
                        self.pos += 2;
                        let lo = self.hex4()?;
                        if (0xdc00..0xe000).contains(&lo) {
                            char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))
                                .unwrap_or('\u{fffd}')
                        } else {
                            self.pos = save;
                            '\u{fffd}'
                        }
                    } else {
                        char::from_u32(hi).unwrap_or('\u{fffd}')
                    }
                }
                _ => return Err(self.error("invalid escape")),
            };
            out.push(c);
            start = self.pos;
        }
    }
}

/// How many bytes at the start of `bytes` a JSON string holds as they are:
/// up to the first `"`, `\\` or control character. Eight bytes at a time
/// (each test below sets the high bit of every byte it finds; the lowest
/// one set is exact), then one at a time for the last few.
pub(crate) fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_byte = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([b'"'; 8]));
        let found =
            (w.wrapping_sub(ONES * 0x20) & !w & HIGH) | has_byte(w, b'"') | has_byte(w, b'\\');
        if found != 0 {
            return n + (found.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    while bytes
        .get(n)
        .is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20)
    {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(x: f64) -> String {
        Number::from_f64(x).unwrap().0.into_owned()
    }

    #[test]
    fn numbers_print_like_ecmascript() {
        // Expected strings are what `String(x)` prints in Node.
        let cases: &[(f64, &str)] = &[
            (10.0, "10"),
            (0.1, "0.1"),
            (-0.0, "0"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000123, "0.000123"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (-1234.5678, "-1234.5678"),
            (100.0, "100"),
            (0.1 + 0.2, "0.30000000000000004"),
            (2f64.powi(53), "9007199254740992"),
            (1.2345e25, "1.2345e+25"),
        ];
        for &(x, want) in cases {
            assert_eq!(num(x), want, "{x:e}");
        }
        assert!(Number::from_f64(f64::NAN).is_none());
        assert!(Number::from_f64(f64::INFINITY).is_none());
    }

    #[test]
    fn strings_escape_like_json_stringify() {
        let mut s = String::new();
        write_string(&mut s, "a\"b\\c\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f}é😀/");
        assert_eq!(
            s,
            r#""a\"b\\c\b\f\n\r\t\u0001\u001f"#.to_owned() + "\u{7f}é😀/\""
        );
    }

    #[test]
    fn parse_keeps_order_and_number_text() {
        let text =
            r#"{"b":10.00,"a":[1e21,-0,0.1],"c":{"x":null,"y":true,"z":"q\u00e9\ud83d\ude00"}}"#;
        let v = parse(text).unwrap();
        assert_eq!(
            v.to_json(),
            text.replace("\\u00e9", "é").replace("\\ud83d\\ude00", "😀")
        );
        assert_eq!(v.get("b").unwrap().scalar_text(), Some("10.00"));
    }

    #[test]
    fn parse_rejects_invalid() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "{\"a\"}",
            "{\"a\":}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "1e",
            "+1",
            "NaN",
            "'a'",
            "\"\t\"",
            "\"\\x\"",
            "\"\\u12\"",
            "tru",
            "nul",
            "{} {}",
            "\u{feff}{}",
            "[1 2]",
            "{\"a\" 1}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(MAX_JSON_DEPTH + 1) + &"]".repeat(MAX_JSON_DEPTH + 1);
        assert!(parse(&deep).is_err());
        let ok = "[".repeat(MAX_JSON_DEPTH) + &"]".repeat(MAX_JSON_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn repeated_keys_are_found_at_any_depth() {
        let found = |t: &str| repeated_key(&parse(t).unwrap());
        assert_eq!(found(r#"{"a":1,"b":{"c":[1,{"d":2}]}}"#), None);
        assert_eq!(
            found(r#"{"a":1,"b":2,"a":3}"#),
            Some((String::new(), "a".into()))
        );
        assert_eq!(
            found(r#"{"a":1,"b":{"c":[1,{"d":2,"d":3}]}}"#),
            Some(("b.c[1]".into(), "d".into()))
        );
        // Keys are compared as decoded: \u0061 is a.
        assert_eq!(
            found(r#"{"x":{"a":1,"\u0061":2}}"#),
            Some(("x".into(), "a".into()))
        );
        // The same key in different objects is no repetition.
        assert_eq!(found(r#"[{"a":1},{"a":2}]"#), None);
    }

    #[test]
    fn parse_borrows_what_needs_no_decoding() {
        let text = r#"{"plain":"ab","esc\u0061ped":"a\nb","n":10.00}"#;
        let borrowed = |c: &Cow<'_, str>| matches!(c, Cow::Borrowed(_));
        let Value::Object(members) = parse(text).unwrap() else {
            panic!("an object")
        };
        let kinds: Vec<_> = (members.iter())
            .map(|(k, v)| match v {
                Value::String(s) => (borrowed(k), borrowed(s)),
                Value::Number(n) => (borrowed(k), borrowed(&n.0)),
                _ => panic!("a string or a number"),
            })
            .collect();
        assert_eq!(kinds, [(true, true), (false, false), (true, true)]);
        assert_eq!(members[1].0, "escaped");
        assert_eq!(members[1].1.as_str(), Some("a\nb"));
        // Owned parsing copies everything, with the same values.
        let owned = parse_owned(text).unwrap();
        let Value::Object(members) = &owned else {
            panic!("an object")
        };
        assert!(members.iter().all(|(k, v)| !borrowed(k)
            && match v {
                Value::String(s) => !borrowed(s),
                Value::Number(n) => !borrowed(&n.0),
                _ => false,
            }));
        assert_eq!(owned, parse(text).unwrap());
    }

    #[test]
    fn plain_runs_stop_where_a_string_needs_decoding() {
        // Against the byte loop, for every stopping byte at every place
        // of strings across the eight-byte boundaries.
        let reference = |b: &[u8]| {
            (b.iter())
                .take_while(|&&c| c != b'"' && c != b'\\' && c >= 0x20)
                .count()
        };
        for len in 0..20 {
            for at in 0..=len {
                for stop in [b'"', b'\\', 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xff, b'a'] {
                    let mut bytes = vec![b'x'; len];
                    if at < len {
                        bytes[at] = stop;
                    }
                    assert_eq!(plain_run(&bytes), reference(&bytes), "{bytes:?}");
                }
            }
        }
        // Non-ASCII text passes through whole.
        let text = "é😀\u{7f}ñ a\"";
        assert_eq!(plain_run(text.as_bytes()), text.len() - 1);
    }

    #[test]
    fn lone_surrogates_are_valid_json() {
        let v = parse(r#""\ud800x\udc00""#).unwrap();
        assert_eq!(v.as_str(), Some("\u{fffd}x\u{fffd}"));
    }
}
