//! JSON written again the ways other code writes it: `JSON.stringify` after
//! `JSON.parse` (one line or indented), Python's `json.dumps` separators,
//! keys sorted. Strings are escaped as `JSON.stringify` escapes them; other
//! escapings are separate changes ([`super::change`]).

use std::borrow::Cow;

use crate::json::{self, heap_sort, Value};

/// The order object members are written in. Repeated keys keep the first
/// place and the last value, as every parser into a map does.
#[derive(Clone, Copy)]
pub(super) enum Order {
    /// As a JavaScript object holds them: array-index keys (`"0"`, `"17"`)
    /// first in numeric order, then the others as they came.
    Js,
    /// As they came (Python's dict).
    Insertion,
    /// Sorted by UTF-16 code units, as JavaScript's `sort()` and Java's
    /// `String.compareTo` sort (FastJSON, TreeMap).
    Sorted,
}

/// How to write a value.
#[derive(Clone, Copy)]
pub(super) struct Style {
    /// Indentation per level; empty for one line.
    pub indent: &'static str,
    /// `", "` and `": "` between members on one line (Python's default).
    pub spaced: bool,
    pub order: Order,
    /// Numbers as `JSON.parse` + `JSON.stringify` print them (`10.00` as
    /// `10`), else their text as it came.
    pub js_numbers: bool,
}

/// Appends `v` in `style`; false as soon as `out` passes `limit` bytes
/// (indentation makes deep bodies grow fast).
pub(super) fn write(v: &Value, style: Style, limit: usize, out: &mut String) -> bool {
    Writer { style, limit, out }.value(v, 0)
}

struct Writer<'a> {
    style: Style,
    limit: usize,
    out: &'a mut String,
}

impl Writer<'_> {
    fn value(&mut self, v: &Value, depth: usize) -> bool {
        match v {
            Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) if self.style.js_numbers => js_number(n.as_str(), self.out),
            Value::Number(n) => self.out.push_str(n.as_str()),
            Value::String(s) => json::write_string(self.out, s),
            Value::Array(items) => {
                return self.container(b"[]", &mut items.iter().map(|v| (None, v)), depth)
            }
            Value::Object(members) => {
                let members = ordered(members, self.style.order);
                let mut members = members.into_iter().map(|(k, v)| (Some(k), v));
                return self.container(b"{}", &mut members, depth);
            }
        }
        self.out.len() <= self.limit
    }

    fn container<'v>(
        &mut self,
        brackets: &[u8; 2],
        items: &mut dyn Iterator<Item = (Option<&'v str>, &'v Value)>,
        depth: usize,
    ) -> bool {
        let [open, close] = *brackets;
        let indent = self.style.indent;
        self.out.push(char::from(open));
        let mut empty = true;
        for (key, value) in items {
            if !empty {
                self.out.push(',');
                if self.style.spaced && indent.is_empty() {
                    self.out.push(' ');
                }
            }
            empty = false;
            if !self.newline(depth + 1) {
                return false;
            }
            if let Some(key) = key {
                json::write_string(self.out, key);
                self.out.push(':');
                if self.style.spaced || !indent.is_empty() {
                    self.out.push(' ');
                }
            }
            if !self.value(value, depth + 1) {
                return false;
            }
        }
        if !empty && !self.newline(depth) {
            return false;
        }
        self.out.push(char::from(close));
        self.out.len() <= self.limit
    }

    /// A line break and `depth` indentations, when indenting.
    fn newline(&mut self, depth: usize) -> bool {
        if self.style.indent.is_empty() {
            return true;
        }
        self.out.push('\n');
        for _ in 0..depth {
            self.out.push_str(self.style.indent);
            if self.out.len() > self.limit {
                return false;
            }
        }
        true
    }
}

/// The members of an object as a parser into a map holds them, in `order`.
fn ordered<'a>(
    members: &'a [(Cow<'a, str>, Value<'a>)],
    order: Order,
) -> Vec<(&'a str, &'a Value<'a>)> {
    // Group repeated keys (sorted by key, then place): the first place, the
    // last value.
    let mut all: Vec<Entry<'_>> = members
        .iter()
        .enumerate()
        .map(|(place, (key, value))| (place, &**key, value))
        .collect();
    heap_sort(&mut all, &|a, b| (a.1, a.0) < (b.1, b.0));
    let mut unique: Vec<Entry<'_>> = Vec::with_capacity(all.len());
    for (place, key, value) in all {
        match unique.last_mut() {
            Some(last) if last.1 == key => last.2 = value,
            _ => unique.push((place, key, value)),
        }
    }
    // Keys are unique now: no ties below.
    match order {
        Order::Insertion => heap_sort(&mut unique, &|a, b| a.0 < b.0),
        Order::Js => heap_sort(&mut unique, &|a, b| js_rank(a) < js_rank(b)),
        Order::Sorted => heap_sort(&mut unique, &|a, b| {
            a.1.encode_utf16().lt(b.1.encode_utf16())
        }),
    }
    unique.into_iter().map(|(_, k, v)| (k, v)).collect()
}

/// A member: its place in the source, key and value.
type Entry<'v> = (usize, &'v str, &'v Value<'v>);

/// Where JavaScript puts a member: array indices first, by value.
fn js_rank(&(place, key, _): &Entry<'_>) -> (bool, u64) {
    match array_index(key) {
        Some(index) => (false, u64::from(index)),
        None => (true, place as u64),
    }
}

/// The value of a key JavaScript treats as an array index: a canonical
/// decimal below 2³² − 1.
fn array_index(key: &str) -> Option<u32> {
    let canonical = key == "0" || (!key.starts_with('0') && !key.is_empty() && key.len() <= 10);
    let value = decimal(key).filter(|_| canonical)?;
    u32::try_from(value).ok().filter(|&i| i != u32::MAX)
}

/// ASCII digits as a number (`None` for anything else, or past `u64`).
fn decimal(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0u64, |acc, b| {
        let digit = char::from(b).to_digit(10)?;
        acc.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// Appends `String(Number(text))` for the text of a JSON number, computed
/// on the digits (no floating point): exact when the number has at most 15
/// significant digits or is an integer up to 2⁵³, as a double holds those
/// and prints them back with the same digits. Any other number keeps its
/// text (the candidate may then miss; it never matches wrongly).
fn js_number(text: &str, out: &mut String) {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent = match exponent.strip_prefix('-') {
        Some(e) => decimal(e).map(|e| -(e.min(1000) as i32)),
        None => decimal(exponent.strip_prefix('+').unwrap_or(exponent)).map(|e| e.min(1000) as i32),
    };
    let Some(exponent) = exponent else {
        return out.push_str(text);
    };
    let all = || int.bytes().chain(frac.bytes());
    let leading = all().take_while(|&b| b == b'0').count();
    let mut digits: String = all().skip(leading).map(char::from).collect();
    digits.truncate(digits.trim_end_matches('0').len());
    if digits.is_empty() {
        return out.push('0'); // JSON.stringify(-0) is "0"
    }
    // The value is 0.digits × 10^n.
    let n = int.len() as i32 - leading as i32 + exponent;
    let integer_up_to_2_53 = (digits.len() as i32..=16).contains(&n)
        && decimal(&digits)
            .and_then(|d| d.checked_mul(10u64.checked_pow((n - digits.len() as i32) as u32)?))
            .is_some_and(|v| v <= 1 << 53);
    if !(digits.len() <= 15 && (-300..=300).contains(&n) || integer_up_to_2_53) {
        return out.push_str(text);
    }
    if negative {
        out.push('-');
    }
    json::write_decimal(out, &digits, n);
}

#[cfg(test)]
mod tests {
    use super::*;

    const JS: Style = Style {
        indent: "",
        spaced: false,
        order: Order::Js,
        js_numbers: true,
    };

    fn write_str(text: &str, style: Style) -> String {
        let mut out = String::new();
        assert!(write(&json::parse(text).unwrap(), style, 1 << 20, &mut out));
        out
    }

    // Expected strings are what Node prints for
    // JSON.stringify(JSON.parse(text), null, indent).
    #[test]
    fn like_json_parse_then_stringify() {
        let text = r#" {"b": 10.00, "2": [1E2, -0, 0.0010, 1.5e-7, 9007199254740992], "a": {}, "1": [], "b": "\u00e9\/", "x": 1e21} "#;
        assert_eq!(
            write_str(text, JS),
            r#"{"1":[],"2":[100,0,0.001,1.5e-7,9007199254740992],"b":"é/","a":{},"x":1e+21}"#
        );
        let pretty = Style { indent: "  ", ..JS };
        assert_eq!(
            write_str(r#"{"a":[1,{"b":null}],"c":{},"d":[]}"#, pretty),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}"
        );
        assert_eq!(write_str("[]", pretty), "[]");
        assert_eq!(write_str("\"x\"", pretty), "\"x\"");
    }

    #[test]
    fn numbers_like_ecmascript() {
        for (text, want) in [
            ("0", "0"),
            ("-0.0e5", "0"),
            ("10.00", "10"),
            ("1E+2", "100"),
            ("123.4560", "123.456"),
            ("0.000001", "0.000001"),
            ("0.0000001", "1e-7"),
            ("-1.50e-10", "-1.5e-10"),
            ("1e20", "100000000000000000000"),
            ("1e21", "1e+21"),
            ("9007199254740992", "9007199254740992"),
            // More digits than a double is sure to print back: text kept.
            ("900719925474099.25", "900719925474099.25"),
            ("9007199254740993", "9007199254740993"),
            ("1e400", "1e400"), // out of range: text kept
        ] {
            let mut out = String::new();
            js_number(text, &mut out);
            assert_eq!(out, want, "{text}");
        }
    }

    #[test]
    fn python_separators_sorted_keys_and_repeated_keys() {
        let python = Style {
            indent: "",
            spaced: true,
            order: Order::Insertion,
            js_numbers: false,
        };
        assert_eq!(
            write_str(r#"{"b":1.0,"1":[1,2],"b":2}"#, python),
            r#"{"b": 2, "1": [1, 2]}"#
        );
        let sorted = Style {
            order: Order::Sorted,
            js_numbers: false,
            ..JS
        };
        // UTF-16 order puts U+1F600 (D83D DE00) before U+FF5E; code
        // point order would not.
        assert_eq!(
            write_str(
                r#"{"b":{"d":1,"c":10.00},"a":0,"～":2,"😀":1,"B":3}"#,
                sorted
            ),
            r#"{"B":3,"a":0,"b":{"c":10.00,"d":1},"😀":1,"～":2}"#
        );
    }

    #[test]
    fn stops_at_the_limit() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        let v = json::parse(&deep).unwrap();
        let mut out = String::new();
        assert!(!write(
            &v,
            Style {
                indent: "    ",
                ..JS
            },
            1000,
            &mut out
        ));
        assert!(out.len() <= 1000 + 4);
    }

    #[test]
    fn array_indices() {
        assert_eq!(array_index("0"), Some(0));
        assert_eq!(array_index("4294967294"), Some(4294967294));
        for not in ["", "01", "-1", "1.0", "4294967295", "99999999999", "a"] {
            assert_eq!(array_index(not), None, "{not}");
        }
    }
}
